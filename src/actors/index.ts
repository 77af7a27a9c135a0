// The actors stage: countries, bodies, organisations, people and roles, with offsets.
//
// Decisions (what later stages can rely on):
// - One mention per acting party. "Chinese President Xi Jinping" is one mention
//   of Xi covering the name only; the adjective and role are its context, not
//   mentions of their own. "Volodymyr Zelensky, the president of Ukraine" is
//   likewise one mention (of Zelensky, UKR/GOV).
// - Groups ("Russian troops", "Chinese enterprises", "NATO leaders", "China's
//   mission", "the foreign ministers of the G7 nations") are mentions of the
//   country or body entity, covering the whole phrase, with the sector on the
//   mention (rule `group`); there are no entities of kind `group`. A person's
//   mention carries the person's entity and their country or body as actor.
// - Organisations (orgs.yaml, or a capitalised run ending in an organisation
//   word: "Eastern Theater Command") are `org:` entities whose actor is the
//   state they act within (Hamas: PSE/REB).
// - Places ("in Kazakhstan", datelines, any city) are mentions with `place: true`;
//   cities carry their country's code but are not listed among its mentions.
// - A bare adjective ("a Chinese proposal") is a mention with rule `adjective`;
//   a plural demonym ("the Palestinians") one with rule `demonym`.
// - Back-references ("the alliance", "the mission", "the president", "he",
//   "its") are mentions with `anaphor: true`; a surname ("Lin") is not an
//   anaphor: it names the person.
import type { Doc, Entity, EntityKind, Mention } from '../types.js';
import { fold, FAMILY_NAME_FIRST, load, roleAt, sectorOn, slug, type Gazetteer, type Person } from './gazetteer.js';
import { resolvePronouns, SUBJECT_POS, type Found, type PersonInfo } from './pronouns.js';
import { layout, type RolePhrase } from './layout.js';
import { lookupPlace } from '../places/index.js';
import { startsSentence, UPPER, wordsOf, type Span, type Word } from './words.js';

export { load, type Gazetteer };

export interface ActorsLayer {
  entities: Entity[];
  mentions: Mention[];
}

/** A country or body named next to a role: whose office or group it is. */
interface Ref {
  i: number;
  j: number;
  /** Actor code, and the entity (the same but for organisations: `org:hamas` acts as PSE). */
  code: string;
  entity: string;
  sector: string | null;
  /** An adjective ("Algerian") owns only with the noun it modifies. */
  adj?: boolean;
}

const REF_KINDS = new Set(['country', 'capital', 'adj', 'igo', 'seat', 'org']);
const DETERMINERS = new Set(['the', 'a', 'an']);
const ROLE_PREPS = new Set(['of', 'for', 'at', 'in']);
// "the foreign ministers of the G7 nations", "officials from India", "his counterpart from India"
const OF = new Set(['of']);
const OF_FROM = new Set(['of', 'from']);
const BACK_REACH = 20;
// "a spokesman for the Israeli prime minister"
const OF_FOR_FROM = new Set(['of', 'for', 'from']);

export function annotate(doc: Doc, kb: Gazetteer): ActorsLayer {
  const words = wordsOf(doc, kb);
  const n = words.length;
  const published = doc.article.published;

  // Phase 1 (layout.ts): gazetteer spans, role phrases, runs of capitalised words.
  const { spans, spanAt, spanEnd, phrases, phraseEnd, phraseStart, runs } = layout(words, kb);
  const isStart = (k: number): boolean => startsSentence(words, k);

  // Phase 2: people, organisations and groups, each claiming the words of its context.
  const claimed = new Uint8Array(n);
  const claim = (i: number, j: number): void => {
    claimed.fill(1, i, j);
  };
  const found: Found[] = [];
  const people = new Map<string, PersonInfo>();
  const text = (i: number, j: number): string => doc.article.body.slice(words[i]!.start, words[j - 1]!.end);
  const mention = (i: number, j: number, entity: string, actor: string | null, sector: string | null, rule: string, extra: Partial<Mention> = {}): Mention => ({
    entity,
    start: words[i]!.start,
    end: words[j - 1]!.end,
    text: text(i, j),
    actor,
    sector,
    rule,
    ...extra,
  });
  const codeKind = (id: string): EntityKind => kb.names.get(id)?.kind ?? 'country';

  const refEndingAt = (k: number): Ref | null => {
    const si = spanEnd[k] ?? -1;
    if (si < 0) return null;
    const s = spans[si]!;
    if (!REF_KINDS.has(s.entry.kind) || claimed[s.i]) return null;
    const e = s.entry as { code: string; sector: string | null; id?: string; eras?: { from: string; sector: string }[] };
    return { i: s.i, j: s.j, code: e.code, entity: e.id ?? e.code, sector: sectorOn(e, published), adj: s.entry.kind === 'adj' };
  };
  const refStartingAt = (k: number): Ref | null => {
    const si = k < n ? spanAt[k]! : -1;
    if (si < 0 || spans[si]!.i !== k) return null;
    return refEndingAt(spans[si]!.j);
  };
  /** The owner before word k: "Russian", "China's", "Beijing's EU" (the outer owner wins). */
  const ownerBefore = (k: number): Ref | null => {
    // "Thai F-16 fighter jets": past the model, to the demonym.
    while (k > 1 && MODEL.test(words[k - 1]!.text) && words[k - 1]!.sentence === words[k - 2]!.sentence) k--;
    const possessive = k > 0 && words[k - 1]!.fold === "'s";
    let ref = refEndingAt(possessive ? k - 1 : k);
    if (!ref && possessive) {
      // "Putin's spokesman": the person's country owns the office; the person stays a mention.
      const holder = personEnd.get(k - 1);
      return holder?.actor ? { i: k, j: k, code: holder.actor, entity: holder.actor, sector: null } : null;
    }
    if (!ref) return null;
    if (ref.i > 0 && words[ref.i - 1]!.fold === "'s") {
      const outer = refEndingAt(ref.i - 1);
      if (outer) ref = { ...outer, j: ref.j };
    }
    return ref;
  };
  /** "of [the] Ukraine [nations]" after word k. */
  const refAfterPrep = (k: number, preps: Set<string>): Ref | null => {
    if (k >= n || !preps.has(words[k]!.fold)) return null;
    const at = k + 1 < n && DETERMINERS.has(words[k + 1]!.fold) && spanAt[k + 1] === -1 ? k + 2 : k + 1;
    const ref = refStartingAt(at);
    if (!ref) return null;
    const si = ref.j < n ? spanAt[ref.j]! : -1;
    if (si >= 0 && spans[si]!.entry.kind === 'member') return { ...ref, j: spans[si]!.j };
    if (!ref.adj) return ref;
    // "the leader of the Algerian government"; not "a member of the Chadian team"
    const body = phraseStart.get(ref.j);
    if (body) return { ...ref, j: body.j };
    const next = ref.j < n ? words[ref.j]! : null;
    return next && (next.pos === 'NOUN' || next.pos === 'PROPN') ? null : ref;
  };
  const isReporting = (k: number): boolean => k >= 0 && k < n && words[k]!.pos === 'VERB' && kb.reportingVerbs.has(words[k]!.lemma);
  const isCredit = (i: number, j: number): boolean => {
    const before = i > 0 ? words[i - 1]!.text : '';
    const after = j < n ? words[j]!.text : '';
    if (before === '/' || after === '/') return true;
    // "Reporting by X", "Photo: X", "(Photo by X)"
    if ((before === 'by' || before === ':') && i > 1 && kb.creditCues.has(words[i - 2]!.lemma)) return true;
    let caps = true;
    for (let k = i; k < j && caps; k++) caps = words[k]!.allCaps;
    return caps && (after === 'via' || j - i > 1);
  };

  const personEnd = new Map<number, PersonInfo>();
  const addPerson = (i: number, j: number, info: PersonInfo, rule: string, via?: string): void => {
    const known = people.get(info.id);
    if (!known) people.set(info.id, info);
    else {
      known.actor ??= info.actor;
      known.sector ??= info.sector;
      known.role ??= info.role;
      known.gender ??= info.gender;
    }
    const p = people.get(info.id)!;
    personEnd.set(j, p);
    found.push({ m: mention(i, j, info.id, info.actor ?? p.actor, info.sector ?? p.sector, rule), kind: 'person', i, j, sentence: words[i]!.sentence, ...(via ? { via } : {}) });
    claim(i, j);
  };

  /** Role and owner around a name at [a, b): before it, or in an apposition after it. */
  const contextOf = (a: number, b: number): { role: RolePhrase | null; owner: Ref | null; from: number; to: number } => {
    let role: RolePhrase | null = null;
    let owner: Ref | null = null;
    let from = a;
    let to = b;
    const left = (k: number): { role: RolePhrase; owner: Ref | null; from: number } | null => {
      const before = phraseEnd.get(k);
      if (before && !claimed[before.i]) {
        const owner = ownerBefore(before.i);
        return { role: before, owner, from: owner ? owner.i : before.i };
      }
      // "Secretary-General of NATO Jens Stoltenberg"
      const ref = refEndingAt(k);
      if (!ref) return null;
      const lead = ref.i > 0 && DETERMINERS.has(words[ref.i - 1]!.fold) ? ref.i - 1 : ref.i;
      const rp = lead > 0 && words[lead - 1]!.fold === 'of' ? phraseEnd.get(lead - 1) : undefined;
      return rp && !claimed[rp.i] ? { role: rp, owner: ref, from: rp.i > 0 && DETERMINERS.has(words[rp.i - 1]!.fold) ? rp.i - 1 : rp.i } : null;
    };
    let ctx = left(a);
    // "his Chinese counterpart, Xi Jinping" / "the head of the IAEA, Rafael Grossi"
    if (!ctx && a > 0 && words[a - 1]!.text === ',') {
      const c = left(a - 1);
      if (c && c.role.kind === 'person') ctx = c;
    }
    if (ctx) {
      role = ctx.role;
      owner = ctx.owner;
      from = ctx.from;
    } else if (a > 0 && words[a - 1]!.fold === "'s") {
      owner = refEndingAt(a - 1);
      if (owner) from = owner.i;
    }
    if (role !== null && owner === null) {
      // "Foreign Minister Wang Yi of China"
      const after = refAfterPrep(b, OF);
      if (after) {
        owner = after;
        to = after.j;
      }
    }
    if (role === null && b < n && words[b]!.text === ',') {
      // "Volodymyr Zelensky, the president of Ukraine" / ", Russia's foreign minister"
      let k2 = b + 1;
      if (k2 < n && DETERMINERS.has(words[k2]!.fold)) k2++;
      const lead = refStartingAt(k2);
      let at = k2;
      if (lead) at = lead.j < n && words[lead.j]!.fold === "'s" ? lead.j + 1 : lead.j;
      const rp = phraseStart.get(at);
      if (rp && rp.kind === 'person') {
        role = rp;
        owner = lead;
        to = rp.j;
        if (!owner) {
          owner = refAfterPrep(rp.j, ROLE_PREPS);
          if (owner) to = owner.j;
          else if (rp.j < n && ROLE_PREPS.has(words[rp.j]!.fold)) {
            // "a spokesman for the Chinese embassy"
            const at2 = rp.j + 1 < n && DETERMINERS.has(words[rp.j + 1]!.fold) ? rp.j + 2 : rp.j + 1;
            const body = refStartingAt(at2);
            if (body && phraseStart.get(body.j)) {
              owner = body;
              to = phraseStart.get(body.j)!.j;
            }
          }
        }
      }
    }
    return { role, owner, from, to };
  };

  const ownerSector = (owner: Ref | null, role: RolePhrase | null): string | null => {
    if (owner && codeKind(owner.entity) === 'igo') return role?.sector ?? null;
    // An organisation keeps its own sector: "Hamas officials" are still REB.
    if (owner && codeKind(owner.entity) === 'org') return owner.sector;
    return role?.sector ?? owner?.sector ?? (owner ? 'GOV' : null);
  };

  const personFromContext = (a: number, b: number, person: Person | null, name: string, rule: string): void => {
    const ctx = contextOf(a, b);
    const gazetteer = person ? roleAt(person, published) : null;
    const gender = person?.gender ?? (ctx.role ? kb.genderedRoles.get(ctx.role.head) ?? null : null);
    const info: PersonInfo = gazetteer
      ? { id: person!.id, name: person!.name, actor: gazetteer.actor, sector: gazetteer.sector, role: gazetteer.role, gender }
      : { id: `person:${slug(name)}`, name, actor: ctx.owner?.code ?? null, sector: ownerSector(ctx.owner, ctx.role), role: ctx.role?.role ?? null, gender };
    if (gazetteer === null && person) info.id = person.id;
    // "Microsoft President Brad Smith": an owner the gazetteer does not know; no guessing.
    const before = ctx.from > 0 ? words[ctx.from - 1]! : null;
    if (info.actor === null && before !== null && before.cap && (before.pos === 'PROPN' || !isStart(ctx.from - 1))) info.foreignOwner = true;
    addPerson(a, b, info, rule, ctx.owner?.entity);
    claim(ctx.from, ctx.to);
  };

  /** A capitalised name word right after word j-1 that is not a day, a month or a suffix. */
  const longerName = (j: number): boolean =>
    j < n && words[j]!.cap && words[j]!.pos === 'PROPN' && words[j]!.sentence === words[j - 1]!.sentence && !NOT_NAME_WORDS.test(words[j]!.text);
  // Gazetteer people first: their names are certain.
  for (const s of spans) {
    // "Defence Minister Joe Biden Alvarez": a name that goes on past the gazetteer's is
    // someone else's (read below as a name of its own).
    if (s.entry.kind === 'person' && longerName(s.j)) {
      let b = s.j;
      while (longerName(b)) b++;
      personFromContext(s.i, b, null, text(s.i, b), 'person-role');
      continue;
    }
    if (s.entry.kind === 'person') personFromContext(s.i, s.j, s.entry.person, s.entry.person.name, 'person-gazetteer');
  }
  const loose: { i: number; j: number }[] = [];
  for (const r of runs) {
    if (claimed[r.i]) continue;
    if (isCredit(r.i, r.j)) {
      claim(r.i, r.j);
      continue;
    }
    const titled = r.j - r.i === 1 ? contextOf(r.i, r.j) : null;
    if (titled && titled.role?.kind === 'person' && titled.from < r.i && !words[r.i]!.allCaps) {
      // "met President Erdogan": a title before it makes a lone capitalised word a name.
      const name = words[r.i]!.text;
      const known = [...people.values()].find((p) => p.name.split(/\s+/).includes(name));
      const candidates = kb.surnames.get(name);
      if (known) {
        addPerson(r.i, r.j, { ...known }, 'surname');
        claim(titled.from, titled.to);
      } else if (candidates?.length === 1) personFromContext(r.i, r.j, candidates[0]!, candidates[0]!.name, 'person-role');
      else personFromContext(r.i, r.j, null, name, 'person-role');
      continue;
    }
    // "Erdogan thanked ...": a lone name that is the last name of a person the article has
    // already named in full is that person.
    if (r.j - r.i === 1 && !words[r.i]!.allCaps) {
      const bare = (x: string) => x.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      const name = bare(words[r.i]!.text);
      // (Only one such person: "a surname two people share is left alone".)
      const named = [...people.values()].filter((p) => p.name.split(/\s+/).length > 1 && bare(p.name.split(/\s+/).at(-1)!) === name);
      const known = named.length === 1 ? named[0] : undefined;
      if (known) {
        addPerson(r.i, r.j, { ...known }, 'surname');
        claim(r.i, r.j);
        continue;
      }
    }
    if (r.j - r.i >= 2) {
      const ctx = contextOf(r.i, r.j);
      // "Ana Muestra, 45, said"
      const age = r.j + 3 < n && words[r.j]!.text === ',' && words[r.j + 1]!.pos === 'NUM' && words[r.j + 2]!.text === ',' ? r.j + 3 : -1;
      const reporting =
        isReporting(r.j) ||
        isReporting(age) ||
        (r.j + 1 < n && words[r.j]!.pos === 'ADV' && isReporting(r.j + 1)) ||
        isReporting(r.i - 1) ||
        (r.i >= 2 && words[r.i - 2]!.fold === 'according' && words[r.i - 1]!.fold === 'to');
      const head = kb.orgHeads.get(words[r.j - 1]!.fold);
      // People are not "the X Y" ("the Eastern Theater Command said").
      const definite = r.i > 0 && words[r.i - 1]!.fold === 'the';
      if (head === undefined && !definite && ((ctx.role && ctx.role.kind === 'person') || reporting)) {
        const rule = ctx.role ? (ctx.to > r.j ? 'person-apposition' : 'person-role') : 'person-reporting';
        personFromContext(r.i, r.j, null, text(r.i, r.j), rule);
        continue;
      }
      if (head !== undefined) {
        const owner = ownerBefore(r.i);
        const from = owner ? owner.i : r.i;
        // "Rwandan Patriotic Front" is one name; "Russia's Security Council" is Russia's.
        const name = r.i > 0 && words[r.i - 1]!.fold === "'s" ? text(r.i, r.j) : text(from, r.j);
        found.push({ m: mention(from, r.j, `org:${slug(name)}`, owner?.code ?? null, head, 'org-head'), kind: 'org', i: from, j: r.j, sentence: words[r.i]!.sentence });
        claim(from, r.j);
        continue;
      }
    }
    loose.push(r);
  }

  // Groups and unnamed office holders: "Russian troops", "the foreign ministers of the G7 nations".
  const bodyRefs: RolePhrase[] = [];
  // Groups no phrase gives a state to ("police", "the junta"): placed once every place is known.
  const generics: Generic[] = [];
  /**
   * A group word that can stand on its own for a group of the story's state: "police",
   * "gunmen", "a soldier"; not an office ("President", "the minister": a person named
   * elsewhere holds it) nor a word for parties named before ("the two leaders").
   */
  const isGeneric = (rp: RolePhrase): boolean =>
    rp.sector !== null &&
    !kb.referentialRoles.has(rp.head) &&
    (rp.kind !== 'person' || !OFFICE_SECTORS.has(rp.sector)) &&
    // "military and civilian personnel", "a general strike": a group word the tagger reads as
    // an adjective names no one. (A noun after it still may: "against police brutality" is
    // against the police.)
    // "The military seized power": one the tagger reads as an adjective but that heads its
    // phrase (a verb, an auxiliary, a possessive or punctuation follows) is the group.
    (words[rp.j - 1]!.pos !== 'ADJ' || (rp.j < n && HEAD_ENDS.has(words[rp.j]!.pos)));
  /** A generic group and the place its own phrase names ("police in Mombasa", "residents of Gao"). */
  const genericOf = (rp: RolePhrase, from: number): Generic => {
    // "Kivu militias", "Darfur rebels", "Katsina gunmen": named after a town or region, a group is
    // of its state; forces named after a region rather than a state are not the state's army.
    for (const width of [2, 1]) {
      const a = rp.i - width;
      if (a < 0 || claimed[a] || !words.slice(a, rp.i).every((w, x) => w.cap && (spanAt[a + x] === -1 || spans[spanAt[a + x]!]!.entry.kind === 'city'))) continue;
      const place = lookupPlace(text(a, rp.i));
      if (!place) continue;
      const region = place.kind === 'region' && rp.sector === 'MIL';
      return { rp: region ? { ...rp, sector: 'REB' } : rp, from: a, to: rp.j, place: place.country };
    }
    const k = rp.j;
    const at = k + 1 < n && DETERMINERS.has(words[k + 1]!.fold) ? k + 2 : k + 1;
    const si = k < n && GENERIC_PREPS.has(words[k]!.fold) && at < n ? spanAt[at]! : -1;
    const s = si >= 0 && spans[si]!.i === at ? spans[si]! : null;
    let place = s && 'code' in s.entry && PLACE_KINDS.has(s.entry.kind) ? s.entry.code : null;
    // A first-level region the gazetteer does not list ("forces from Amhara").
    const named = s ? text(s.i, s.j) : si < 0 && k < n && GENERIC_PREPS.has(words[k]!.fold) && at < n && words[at]!.cap ? words[at]!.text : null;
    const region = named !== null ? lookupPlace(named) : null;
    if (place === null && region?.kind === 'region') place = region.country;
    // "regional forces from Tigray": forces of a region are not the state's army either.
    const regional = place !== null && rp.sector === 'MIL' && region?.kind === 'region';
    return { rp: regional ? { ...rp, sector: 'REB' } : rp, from, to: rp.j, place };
  };
  // "the Russian leader": an office of a state, definite, is who holds it if named before.
  const officeRefs: { rp: RolePhrase; code: string; group: Found }[] = [];
  /** "the Bush administration", "the Netanyahu government": a leader's surname before a body is their state. */
  const leaderBefore = (k: number): Ref | null => {
    const w = k > 0 ? words[k - 1]! : null;
    if (!w || !w.cap || claimed[k - 1]) return null;
    const codes = new Set((kb.surnames.get(w.text) ?? []).flatMap((p) => p.roles.filter((r) => r.sector === 'GOV').map((r) => r.actor)));
    if (codes.size !== 1) return null;
    const code = [...codes][0]!;
    return { i: k - 1, j: k, code, entity: code, sector: 'GOV' };
  };
  for (const rp of phrases) {
    if (claimed[rp.i]) continue;
    let owner = ownerBefore(rp.i) ?? (rp.kind === 'body' ? leaderBefore(rp.i) : null);
    let from = owner ? owner.i : rp.i;
    let to = rp.j;
    if (!owner) {
      owner = refAfterPrep(rp.j, rp.kind === 'person' ? OF_FOR_FROM : OF_FROM);
      if (owner) {
        to = owner.j;
        if (rp.i > 0 && DETERMINERS.has(words[rp.i - 1]!.fold)) from = rp.i - 1;
      }
    }
    if (!owner) {
      if (rp.i > 0 && words[rp.i - 1]!.fold === 'the') bodyRefs.push(rp);
      // "police fired", "gunmen killed", "police in Mombasa": a group no state owns in the
      // phrase acts for the state the text places it in (see homeOf below).
      // "its troops", "their supporters": whose they are is the pronoun's, resolved with it.
      else if (isGeneric(rp) && !(rp.i > 0 && POSSESSIVE_PRONOUNS.has(words[rp.i - 1]!.fold))) generics.push(genericOf(rp, from));
      continue;
    }
    const sector = ownerSector(owner, rp);
    const group: Found = {
      m: mention(from, to, owner.entity, owner.code, sector, 'group'),
      kind: codeKind(owner.entity),
      i: from,
      j: to,
      sentence: words[rp.i]!.sentence,
      head: rp.head,
      plural: rp.kind === 'group',
    };
    if (rp.kind === 'person' && owner.code && from === owner.i && from > 0 && words[from - 1]!.fold === 'the') officeRefs.push({ rp, code: owner.code, group });
    else found.push(group);
    claim(from, to);
  }

  // Phase 3: names of countries, bodies, capitals and seats left over.
  const paragraphStarts = new Set(doc.paragraphs.map((p) => p.start));
  let datelineEnd = -1;
  const igoRefs: Span[] = [];
  for (const s of spans) {
    if (claimed[s.i]) continue;
    const e = s.entry;
    if (e.kind === 'igoref') {
      igoRefs.push(s);
      continue;
    }
    if (!REF_KINDS.has(e.kind) && e.kind !== 'city') continue;
    // "Name/AFP/Getty Images", "PARIS (AFP) —": an agency credited, not acting.
    const prev = s.i > 0 ? words[s.i - 1]!.text : '';
    const next = s.j < n ? words[s.j]!.text : '';
    if (e.kind === 'org' && (prev === '/' || next === '/' || (prev === '(' && next === ')'))) continue;
    const { code, id } = e as { code: string; id?: string };
    const entity = id ?? code;
    const extra: Partial<Mention> = {};
    let sector = sectorOn(e as { sector: string | null }, published);
    const possessive = s.j < n && words[s.j]!.fold === "'s";
    // "the Palestinians": a plural demonym is the people acting, not a modifier.
    const demonym = e.kind === 'adj' && isPluralDemonym(words, s, code, kb);
    let rule: string = demonym ? 'demonym' : e.kind === 'adj' ? 'adjective' : e.kind;
    const datelineTail = s.i >= 2 && words[s.i - 1]!.text === ',' && datelineEnd === s.i - 1;
    const placeKind = e.kind === 'country' || e.kind === 'capital' || e.kind === 'city';
    if (placeKind && ((paragraphStarts.has(words[s.i]!.start) && isDateline(words, s)) || datelineTail)) {
      datelineEnd = s.j;
      // "BEIJING (AP) —": where the story was filed, not who acts.
      extra.place = true;
      rule = 'dateline';
    } else if (e.kind === 'city' || ((e.kind === 'country' || e.kind === 'capital' || e.kind === 'seat') && !possessive && isLocative(words, s.i, kb))) extra.place = true;
    else if (e.kind === 'capital') sector = 'GOV';
    found.push({ m: mention(s.i, s.j, entity, code, sector, rule, extra), kind: codeKind(entity), i: s.i, j: s.j, sentence: words[s.i]!.sentence, plural: demonym });
  }

  // Towns and regions the gazetteer does not list ("in Arequipa", "KISUMU, Kenya",
  // "a Kivu-based gang"): places from GeoNames, never parties.
  const statesNamed = [...new Set(found.filter((f) => f.kind === 'country' && f.m.actor).map((f) => f.m.actor!))];
  for (const r of loose) {
    if (claimed[r.i] || r.j - r.i > 4) continue;
    const before = r.i > 0 ? words[r.i - 1]! : null;
    const after = r.j + 1 < n && words[r.j]!.text === '-' && words[r.j + 1]!.fold === 'based';
    // "in Arequipa", "in northern Kisumu", "near the town of Gao".
    let k = r.i - 1;
    while (k >= 0 && (words[k]!.fold === 'the' || kb.placeModifiers.has(words[k]!.fold))) k--;
    const located = k >= 0 && kb.locatives.has(words[k]!.fold);
    const dateline = paragraphStarts.has(words[r.i]!.start) && words[r.i]!.allCaps && r.j < n && (words[r.j]!.text === ',' || words[r.j]!.text === '(' || words[r.j]!.text === '—' || words[r.j]!.text === '-');
    if (!located && !after && !dateline && !(before && before.fold === 'of' && k >= 0 && kb.placeModifiers.has(words[k]!.fold))) continue;
    const place = lookupPlace(text(r.i, r.j), statesNamed);
    if (!place) continue;
    found.push({ m: mention(r.i, r.j, place.country, place.country, null, 'city', { place: true }), kind: 'country', i: r.i, j: r.j, sentence: words[r.i]!.sentence });
    claim(r.i, r.j);
  }
  found.sort((a, b) => a.i - b.i);
  const homeOf = homes(words, found, kb, doc.article.dateline);
  const genericFound = (g: Generic): Found => {
    // An office of a state ("the Foreign Office", "the government") is of the state the story is
    // told from, not of another it names ("rejected a statement by the Afghan ministry").
    const code = g.place ?? homeOf(g.rp.i, g.rp.sector !== null && OFFICE_SECTORS.has(g.rp.sector));
    const entity = code ?? `group:${slug(g.rp.head)}`;
    const m = mention(g.from, g.to, entity, code, g.rp.sector, code ? 'generic' : 'generic-unplaced');
    return { m, kind: code ? codeKind(code) : 'org', i: g.from, j: g.to, sentence: words[g.rp.i]!.sentence, head: g.rp.head, plural: g.rp.kind === 'group' };
  };
  for (const g of generics) {
    found.push(genericFound(g));
    claim(g.from, g.to);
  }
  inferOwners(words, found, people, kb, doc.article.dateline);
  // "President Dos Santos" with no gazetteer entry and no state in the phrase: an office of the
  // state the text places the person in, as for a generic group.
  for (const f of found) {
    const p = people.get(f.m.entity);
    if (!p || p.actor !== null || p.role === null || p.foreignOwner || !p.sector || !STATE_SECTORS.has(p.sector)) continue;
    // "President Bush": every office holder the gazetteer knows by that name served one state.
    const last = p.name.split(/\s+/).pop()!;
    const served = new Set((kb.surnames.get(last) ?? []).flatMap((q) => q.roles.map((r) => r.actor)));
    // Else where the text places the person: not a state it merely names ("threatened Russia").
    p.actor = served.size === 1 ? [...served][0]! : homeOf(f.i, true);
  }
  for (const f of found) {
    const p = people.get(f.m.entity);
    if (p && f.m.actor === null && p.actor !== null) f.m.actor = p.actor;
  }
  // Two people sharing a surname ("Kim Jong Un", "Kim Yo Jong") leave the bare name unresolved.
  const surnameOf = new Map<string, string | null>();
  const secondary = new Map<string, string>();
  for (const p of people.values()) {
    const parts = p.name.split(/\s+/).filter((w) => UPPER.test(w));
    if (parts.length < 2) continue;
    // The family name comes first in East Asian names; a bare first token still
    // names its person when no one else in the article claims it ("Zhao" for Zhao Lijian).
    const [family, other] = p.actor !== null && FAMILY_NAME_FIRST.has(p.actor) ? [parts[0]!, parts[parts.length - 1]!] : [parts[parts.length - 1]!, parts[0]!];
    surnameOf.set(family, surnameOf.has(family) && surnameOf.get(family) !== p.id ? null : p.id);
    if (!surnameOf.has(other)) secondary.set(other, p.id);
  }

  // Phase 4: surnames, to a person named in the article or else a unique gazetteer person.
  for (const r of loose) {
    if (r.j - r.i !== 1 || claimed[r.i]) continue;
    const w = words[r.i]!;
    if (surnameOf.get(w.text) === null) continue;
    const id = surnameOf.get(w.text) ?? secondary.get(w.text);
    if (id) {
      const p = people.get(id)!;
      found.push({ m: mention(r.i, r.j, id, p.actor, p.sector, 'surname'), kind: 'person', i: r.i, j: r.j, sentence: w.sentence });
      continue;
    }
    // A lone gazetteer surname must act like a name ("Putin said", "Putin's", "Putin and"),
    // so that "Cooper" or "May" in other roles stay words.
    const next = r.j < n ? words[r.j]! : null;
    const named = (next !== null && !next.cap && (SUBJECT_POS.has(next.pos) || next.pos === 'CCONJ' || next.fold === "'s")) || isReporting(r.i - 1);
    const candidates = named ? kb.surnames.get(w.text) : undefined;
    if (candidates?.length === 1) {
      const person = candidates[0]!;
      const role = roleAt(person, published);
      addPerson(r.i, r.j, { id: person.id, name: person.name, actor: role?.actor ?? null, sector: role?.sector ?? null, role: role?.role ?? null, gender: person.gender }, 'surname-gazetteer');
    }
  }
  found.sort((a, b) => a.i - b.i);
  describedStates(words, found, claimed, kb, mention);

  // Back-references resolve in reading order: "the alliance" to the last body that answers to it.
  const resolved: Found[] = [];
  const pending: { i: number; j: number; codes: string[] | null; head: string; person: boolean; plural: boolean; code?: string; group?: Found; rp?: RolePhrase }[] = [
    ...igoRefs.map((s) => ({ i: s.i, j: s.j, codes: (s.entry as { codes: string[] }).codes, head: '', person: false, plural: false })),
    ...bodyRefs.map((rp) => ({ i: rp.i - 1, j: rp.j, codes: null, head: rp.head, person: rp.kind === 'person', plural: rp.kind === 'group', rp })),
    ...officeRefs.map(({ rp, code, group }) => ({ i: group.i, j: group.j, codes: null, head: rp.head, person: true, plural: false, code, group })),
  ].sort((a, b) => a.i - b.i);
  // "the president" is the last person named with that office; "the leader", with an office it covers.
  const holds = (f: Found, head: string): boolean => {
    if (f.kind !== 'person') return false;
    const role = people.get(f.m.entity)?.role ?? '';
    return ` ${role} `.includes(` ${head} `) || kb.roleCovers.get(head)?.has(role) === true;
  };
  let fi = 0;
  for (const ref of pending) {
    while (fi < found.length && found[fi]!.i < ref.i) resolved.push(found[fi++]!);
    let antecedent: Found | undefined;
    const sentence = words[ref.i]!.sentence;
    for (let k = resolved.length - 1; k >= 0 && !antecedent; k--) {
      const f = resolved[k]!;
      // A back-reference reaches a few paragraphs back, not the whole of a long text.
      if (f.sentence < sentence - BACK_REACH) break;
      if (f.m.place) continue;
      const body = ref.codes?.includes(f.m.entity) ? f.m.entity : f.via !== undefined && ref.codes?.includes(f.via) ? f.via : null;
      if (ref.codes ? body !== null : ref.person ? holds(f, ref.head) && (!ref.code || f.m.actor === ref.code) : f.head === ref.head) antecedent = f;
    }
    if (!antecedent) {
      if (ref.group) resolved.push(ref.group);
      // "the police", "the junta" named for the first time: a generic group of the story's state.
      else if (ref.rp && isGeneric(ref.rp)) resolved.push(genericFound({ ...genericOf(ref.rp, ref.i) }));
      continue;
    }
    const rule = ref.codes ? 'igo-ref' : ref.person ? 'role-ref' : 'body-ref';
    let { entity, actor, sector } = antecedent.m;
    let kind = antecedent.kind;
    if (ref.codes) {
      // "the alliance" is the body itself, whoever of it was named before.
      entity = ref.codes.includes(entity) ? entity : antecedent.via!;
      const named = kb.names.get(entity);
      actor = named?.actor ?? actor;
      sector = named?.kind === 'org' ? named.sector : null;
      kind = named?.kind ?? kind;
    }
    resolved.push({
      ...antecedent,
      kind,
      m: mention(ref.i, ref.j, entity, actor, sector, rule, { anaphor: true }),
      i: ref.i,
      j: ref.j,
      sentence,
      plural: ref.plural,
    });
  }
  while (fi < found.length) resolved.push(found[fi++]!);

  // Phase 5: pronouns.
  const all = resolvePronouns(words, doc.sentences, resolved, people, kb);

  const mentions: Mention[] = [];
  let lastEnd = -1;
  for (const f of all.sort((a, b) => a.m.start - b.m.start || b.m.end - a.m.end)) {
    if (f.m.start < lastEnd) continue;
    mentions.push(f.m);
    lastEnd = f.m.end;
  }
  return { entities: entitiesOf(doc, mentions, people, kb), mentions };
}

/**
 * "The West African nation", "the Gulf state", "the impoverished country": a description
 * of a state named before resolves to it, the last one named as a party (a subject first)
 * in the region its modifiers name. Found in place; the words it covers are claimed.
 */
function describedStates(words: Word[], found: Found[], claimed: Uint8Array, kb: Gazetteer, mention: (i: number, j: number, entity: string, actor: string | null, sector: string | null, rule: string, extra?: Partial<Mention>) => Mention): void {
  const n = words.length;
  const d = kb.descriptions;
  for (let k = 0; k < n; k++) {
    if (words[k]!.fold !== 'the') continue;
    let h = k + 1;
    while (h < n && h - k <= 5 && !d.heads.has(words[h]!.fold) && (words[h]!.pos === 'ADJ' || words[h]!.pos === 'PROPN' || words[h]!.text === '-' || (words[h]!.cap && words[h]!.pos !== 'VERB'))) h++;
    if (h >= n || h === k + 1 || !d.heads.has(words[h]!.fold) || claimed[h]) continue;
    // "the state of emergency", "the country's": not a description standing for a state.
    const next = h + 1 < n ? words[h + 1]! : null;
    if (next && (next.fold === 'of' || next.fold === "'s")) continue;
    const modifiers = words.slice(k + 1, h).map((w) => w.text).join(' ').replace(/ - /g, '-');
    const region = [...d.regions.keys()].find((r) => ` ${modifiers} `.includes(` ${r} `));
    const members = region ? d.regions.get(region)! : null;
    const sentence = words[k]!.sentence;
    let antecedent: Found | null = null;
    for (let f = found.length - 1; f >= 0; f--) {
      const c = found[f]!;
      if (c.i >= k) continue;
      if (c.sentence < sentence - BACK_REACH) break;
      if (c.kind !== 'country' || c.m.place || !c.m.actor || c.m.rule === 'adjective' || c.m.anaphor) continue;
      if (members && !members.includes(c.m.actor)) continue;
      const subject = c.j < n && SUBJECT_POS.has(words[c.j]!.pos);
      if (subject) {
        antecedent = c;
        break;
      }
      antecedent ??= c;
    }
    if (!antecedent) continue;
    // Whatever the modifiers matched on their own ("African", "Gulf") gives way to the description.
    for (let f = found.length - 1; f >= 0; f--) if (found[f]!.i >= k && found[f]!.i <= h) found.splice(f, 1);
    const m = mention(k, h + 1, antecedent.m.entity, antecedent.m.actor, antecedent.m.sector, 'description-ref', { anaphor: true });
    found.push({ m, kind: 'country', i: k, j: h + 1, sentence });
    claimed.fill(1, k, h + 1);
    found.sort((a, b) => a.i - b.i);
    k = h;
  }
}

/** A group noun no phrase gives a state to, and the place its own phrase names. */
interface Generic {
  rp: RolePhrase;
  from: number;
  to: number;
  place: string | null;
}

/** Capitalised words that may follow a full name without lengthening it. */
const NOT_NAME_WORDS = /^(Jr|Sr|II|III|IV|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\.?$/;

/** A weapon's model between a demonym and its group word ("Thai F-16 fighter jets"). */
const MODEL = /^[A-Za-z]{1,4}-?\d/;

/** Parts of speech after a word that show it heads its phrase. */
const HEAD_ENDS = new Set(['VERB', 'AUX', 'PART', 'PUNCT']);

// Sectors of offices held by one named person: such a title alone is no generic group.
const OFFICE_SECTORS = new Set(['GOV', 'LEG', 'JUD']);
// Offices of a state: a titled person of no known state holds one of the state the text places them in.
const STATE_SECTORS = new Set(['GOV', 'LEG', 'JUD', 'MIL', 'COP', 'SPY']);
const POSSESSIVE_PRONOUNS = new Set(['its', 'their', 'his', 'her', 'our', 'my', 'your']);
const GENERIC_PREPS = new Set(['in', 'of', 'from', 'across', 'throughout']);
const PLACE_KINDS = new Set(['country', 'capital', 'city']);

/**
 * The state a group unowned by its phrase acts for, by the word it starts at: the
 * place its sentence names, else a state it names, else the dateline's country, else the country the
 * article is most about (its mentions, acting or as places). Null when the text
 * names none: the side stays unnamed rather than guessed.
 */
function homes(words: Word[], found: Found[], kb: Gazetteer, dateline: string | null): (k: number, placesOnly?: boolean) => string | null {
  const bySentence = new Map<number, string>();
  // Failing a place, any state the sentence names ("killed 12 Nigerian villagers").
  const namedIn = new Map<number, string>();
  const counts = new Map<string, number>();
  for (const f of found) {
    // Any party of a state counts: its name, places, its people and organisations ("UNITA" is Angola's).
    if (!f.m.actor || f.kind === 'igo' || !kb.names.has(f.m.actor) || kb.names.get(f.m.actor)!.kind !== 'country') continue;
    counts.set(f.m.actor, (counts.get(f.m.actor) ?? 0) + (f.kind === 'country' ? 1 : 0.5));
    if (f.m.place && !bySentence.has(f.sentence)) bySentence.set(f.sentence, f.m.actor);
    if (f.kind === 'country' && !namedIn.has(f.sentence)) namedIn.set(f.sentence, f.m.actor);
  }
  const fromDateline = dateline ? datelineCountry(dateline, kb) : null;
  let main: string | null = null;
  let best = 0;
  for (const [code, count] of counts) {
    if (count > best) {
      main = code;
      best = count;
    }
  }
  return (k, placesOnly = false) => bySentence.get(words[k]!.sentence) ?? (placesOnly ? null : namedIn.get(words[k]!.sentence)) ?? fromDateline ?? main;
}

/**
 * An office holder the text never ties to a country ("spokesperson Lin Jian",
 * no gazetteer entry) acts for the country the article is about: the one most
 * often the subject of a clause, ties going to the dateline's country.
 */
function inferOwners(words: Word[], found: Found[], people: Map<string, PersonInfo>, kb: Gazetteer, dateline: string | null): void {
  const orphans = [...people.values()].filter(
    (p) => p.actor === null && p.role !== null && !p.foreignOwner && p.role.split(/[\s-]+/).some((w) => kb.homeRoles.has(w)),
  );
  if (orphans.length === 0) return;
  // Subjects count, not passing mentions: "China has refused ..." says whose story it is.
  const counts = new Map<string, number>();
  for (const f of found) {
    if (f.kind !== 'country' || f.m.place || f.m.rule === 'adjective') continue;
    const subject = f.j < words.length && SUBJECT_POS.has(words[f.j]!.pos);
    counts.set(f.m.entity, (counts.get(f.m.entity) ?? 0) + (subject ? 1 : 0.01));
  }
  const datelineCode = dateline ? datelineCountry(dateline, kb) : null;
  let best: string | null = null;
  let bestCount = 0;
  for (const [code, count] of counts) {
    if (count > bestCount || (count === bestCount && code === datelineCode)) {
      best = code;
      bestCount = count;
    }
  }
  if (best === null || bestCount < 1) return;
  for (const p of orphans) {
    p.actor = best;
    p.sector ??= 'GOV';
  }
  for (const f of found) {
    const p = people.get(f.m.entity);
    if (p && orphans.includes(p)) {
      f.m.actor = p.actor;
      f.m.sector = p.sector;
    }
  }
}

function datelineCountry(dateline: string, kb: Gazetteer): string | null {
  for (const word of dateline.split(/[^\p{L}.'-]+/u)) {
    for (const p of kb.index.get(fold(word))?.single ?? []) {
      if ('code' in p.entry && (p.entry.kind === 'capital' || p.entry.kind === 'city' || p.entry.kind === 'country')) return p.entry.code;
    }
  }
  return null;
}

/** "Palestinians", "Filipinos": the singular is an adjective of the same country. */
function isPluralDemonym(words: Word[], s: Span, code: string, kb: Gazetteer): boolean {
  const w = words[s.j - 1]!;
  if (!w.fold.endsWith('s')) return false;
  const singular = kb.index.get(w.fold.slice(0, -1))?.single ?? [];
  return singular.some((p) => p.entry.kind === 'adj' && p.entry.code === code);
}

function isDateline(words: Word[], s: Span): boolean {
  const next = words[s.j];
  if (!next) return false;
  // "BEIJING (AP) —", "KYIV -", but not "NATO-member"
  const spaced = next.start > words[s.j - 1]!.end;
  if (next.text === '(' || (spaced && (next.text === '—' || next.text === '–' || next.text === '-'))) return true;
  let caps = true;
  for (let k = s.i; k < s.j && caps; k++) caps = words[k]!.allCaps;
  return caps && (next.text === ',' || next.allCaps);
}

function isLocative(words: Word[], i: number, kb: Gazetteer): boolean {
  let k = i - 1;
  if (k >= 0 && words[k]!.fold === 'the') k--;
  if (k < 0) return false;
  const prep = words[k]!.fold;
  if (kb.locatives.has(prep)) return true;
  return prep === 'to' && k > 0 && kb.motionTo.has(words[k - 1]!.lemma);
}
function entitiesOf(doc: Doc, mentions: Mention[], people: Map<string, PersonInfo>, kb: Gazetteer): Entity[] {
  const byId = new Map<string, Entity>();
  for (const m of mentions) {
    if (m.rule === 'city') continue;
    let e = byId.get(m.entity);
    if (!e) {
      const person = people.get(m.entity);
      const body = kb.names.get(m.entity);
      if (person) e = { id: m.entity, name: person.name, kind: 'person', country: person.actor, sector: person.sector, role: person.role, mentions: [] };
      else if (body) e = { id: m.entity, name: body.name, kind: body.kind, country: body.actor, sector: body.sector, role: null, mentions: [] };
      else e = { id: m.entity, name: m.text, kind: 'org', country: m.actor, sector: m.sector, role: null, mentions: [] };
      byId.set(m.entity, e);
    }
    e.mentions.push({ article: doc.article.id, start: m.start, end: m.end, text: m.text });
  }
  return [...byId.values()];
}
