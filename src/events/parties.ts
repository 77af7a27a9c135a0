// Parties: who an event's sides are once the clause has named them. Mentions become
// event actors (one per state and sector), a state named as such acts through its
// government or army, the source's own forces are not its target, and references to
// earlier acts and claims ("condemned the attack", "denied the claim") are resolved.
import type { Doc, EventActor, Mention, PloverType, Quote, Token } from '../types.js';
import { low, type Predicate } from './clauses.js';
import type { Grammar } from './lexicon.js';


/** Event actors from mention indices: one per actor code (per sector for groups), the most specific mention kept. */
export function actorsOf(doc: Doc, ids: number[]): EventActor[] {
  const out: EventActor[] = [];
  const byCode = new Map<string, number>();
  for (const id of ids) {
    const m: Mention = doc.mentions[id]!;
    // "gunmen" in a story that names no state: kept, with its text, as an unnamed party.
    if (!m.actor) {
      if (m.rule === 'generic-unplaced' && !out.some((a) => a.entity === m.entity)) out.push({ actor: null, sector: m.sector, text: m.text, entity: m.entity });
      continue;
    }
    const a: EventActor = { actor: m.actor, sector: m.sector, text: m.text, entity: m.entity };
    // "the government and Darfur rebels": two sectors of one state are two parties.
    const key = m.rule === 'generic' || m.rule === 'group' ? `${m.actor}/${m.sector}` : m.actor;
    const seen = byCode.get(key) ?? (key !== m.actor ? undefined : byCode.get(m.actor));
    if (seen === undefined) {
      byCode.set(key, out.length);
      out.push(a);
    } else if (out[seen]!.entity === out[seen]!.actor && m.entity !== m.actor) out[seen] = a;
  }
  return out;
}

export const actorOf = (m: Mention): EventActor => ({ actor: m.actor, sector: m.sector, text: m.text, entity: m.entity });

/** A generic armed or police group of a source's own state, on the state's side. */
export function ownForces(a: EventActor, source: EventActor[]): boolean {
  if (a.sector !== 'MIL' && a.sector !== 'COP') return false;
  if (a.entity !== a.actor) return false;
  return source.some((s) => s.actor === a.actor && (s.sector === null || s.sector === 'GOV' || s.sector === a.sector));
}

/** Acts a state does with its armed forces. */
export const FORCE_BY_STATE = new Set<PloverType>(['ASSAULT', 'MOBILIZE']);

/** A state named as such, with no sector of its own, given the one it acts through. */
export function stateSector(doc: Doc, a: EventActor, sector: string, adjectives = false): EventActor {
  return bareState(doc, a) || (adjectives && bareAdjective(doc, a)) ? { ...a, sector } : a;
}

/**
 * A state named only by its adjective ("Israeli strikes", "the North Korean statement"), with
 * no group word: what acts or is answered through it is its government or its forces.
 */
function bareAdjective(doc: Doc, a: EventActor): boolean {
  if (a.sector !== null || !a.actor || a.entity !== a.actor) return false;
  return namesOf(doc, adjectiveCache, () => (m) => m.rule === 'adjective').has(`${a.entity}\u0000${a.text}`);
}
const adjectiveCache = new WeakMap<Doc, Set<string>>();

/** A state named by its name or capital ("Ghana", "Accra"), not its people ("Iraqi Kurds"). */
export function bareState(doc: Doc, a: EventActor): boolean {
  if (a.sector !== null || !a.actor || a.entity !== a.actor) return false;
  return namesOf(doc, bareStateCache, () => {
    const countries = new Set(doc.entities.filter((e) => e.kind === 'country').map((e) => e.id));
    return (m) => STATE_NAMES.has(m.rule) && countries.has(m.entity);
  }).has(`${a.entity}\u0000${a.text}`);
}

const STATE_NAMES = new Set(['country', 'capital', 'description-ref', 'pronoun']);
const bareStateCache = new WeakMap<Doc, Set<string>>();

/**
 * Entity and text of every mention of an article that `keep` (made once per article) accepts,
 * kept in `cache`: looked up per event side, gathered once.
 */
function namesOf(doc: Doc, cache: WeakMap<Doc, Set<string>>, keep: () => (m: Mention) => boolean): Set<string> {
  let set = cache.get(doc);
  if (!set) {
    const ok = keep();
    set = new Set(doc.mentions.filter(ok).map((m) => `${m.entity}\u0000${m.text}`));
    cache.set(doc, set);
  }
  return set;
}

/** Sectors of armed forces: what they storm, they attack. */
export const ARMED = new Set(['MIL', 'REB', 'COP', 'SPY']);

/** Sectors of a state's own organs: what they restrict, they restrict for their people. */
export const STATE_ORGANS = new Set(['GOV', 'MIL', 'COP', 'JUD', 'SPY']);

/** The civilians of the states whose organs a source names ("the junta" -> its people). */
export function peopleOf(source: EventActor[]): EventActor[] {
  const out: EventActor[] = [];
  for (const a of source) {
    if (!a.actor || !a.sector || !STATE_ORGANS.has(a.sector) || out.some((x) => x.actor === a.actor)) continue;
    out.push({ actor: a.actor, sector: 'CVL', text: '', entity: a.actor });
  }
  return out;
}

/** The governments of the states a source belongs to, as targets: an international body has no home. */
export function governmentOf(doc: Doc, source: EventActor[]): EventActor[] {
  const out: EventActor[] = [];
  for (const a of source) {
    // A state itself ("Togo demonstrated its resolve") protests against no government of its own.
    if (!a.actor || out.some((x) => x.actor === a.actor) || a.sector === 'GOV' || bareState(doc, a)) continue;
    const kind = doc.entities.find((e) => e.id === a.entity)?.kind;
    if (kind === 'igo') continue;
    out.push({ actor: a.actor, sector: 'GOV', text: '', entity: a.actor });
  }
  return out;
}

/** True when what follows an act is a noun that names an earlier act ("condemned the attack", "the move"). */
export function refersToAct(tokens: Token[], from: number, end: number, g: Grammar): boolean {
  from = pastTime(tokens, from, end, g);
  for (let k = from; k < Math.min(end, from + 5); k++) {
    const t = tokens[k]!;
    if (t.pos === 'NOUN' || t.pos === 'PROPN') {
      if (g.actNouns.has(t.lemma) || g.actNouns.has(low(t))) return true;
      // "the Israeli airstrikes": a modifier before the noun.
      if (tokens[k + 1]?.pos === 'NOUN') continue;
      return false;
    }
    if (t.pos !== 'DET' && t.pos !== 'ADJ' && t.pos !== 'ADV' && t.pos !== 'PRON') return false;
  }
  return false;
}

/** True when what follows a refusal is a claim noun ("denied the claim", "rejected the accusations"). */
export function deniesClaim(tokens: Token[], from: number, end: number, g: Grammar): boolean {
  // "dismissed on Friday a note": past a day between the verb and its object.
  from = pastTime(tokens, from, end, g);
  for (let k = from; k < Math.min(end, from + 4); k++) {
    const t = tokens[k]!;
    if (t.pos === 'NOUN') return g.claimNouns.has(t.lemma) || g.claimNouns.has(low(t)) || g.deniable.has(t.lemma);
    if (t.pos !== 'DET' && t.pos !== 'ADJ' && t.pos !== 'ADV') return false;
  }
  return false;
}

/** A group of people named by what they are ("protesters", "Kenyan police"), not a state or a place. */
export function isPeople(m: Mention): boolean {
  return (m.rule === 'generic' || m.rule === 'generic-unplaced' || m.rule === 'group') && !m.place;
}

/**
 * Index of the word by which p's subject is the quote's own speaker, or -1: a
 * first-person pronoun ("we", "I"), or, when several speak together (a joint
 * statement), "the parties", "both sides".
 */
export function selfSubject(tokens: Token[], p: Predicate, first: number, q: Quote, g: Grammar): number {
  const joint = (q.speakers?.length ?? 0) > 1;
  for (let k = Math.max(first, p.stop + 1); k < p.start; k++) {
    const t = tokens[k]!;
    if (t.pos === 'PRON' && g.firstPerson.has(low(t))) return k;
    if (joint && t.pos === 'NOUN' && g.jointSelf.has(t.lemma)) return k;
  }
  return -1;
}

/** Index of the first first-person object or possessive ("us", "our") in [from, to), or -1. */
export function firstPersonIn(tokens: Token[], from: number, to: number, g: Grammar): number {
  for (let k = from; k < to; k++) if (g.firstPersonObject.has(low(tokens[k]!))) return k;
  return -1;
}

/** A quote's speakers as the actors of an event, each named by the pronoun that stands for them. */
export function speakersOf(q: Quote, text: string): EventActor[] {
  const out: EventActor[] = [];
  for (const s of q.speakers ?? (q.speaker ? [q.speaker] : [])) {
    if (s.actor && !out.some((a) => a.actor === s.actor)) out.push({ actor: s.actor, sector: s.sector, text, entity: s.entity });
  }
  return out;
}

const mainStates = new WeakMap<Doc, string | null>();

/**
 * The state an article is most about: the one its mentions name most often, as a party
 * or as a place (people and bodies of it count too), those of the lead twice. Null when
 * none stands out.
 */
export function mainState(doc: Doc): string | null {
  if (mainStates.has(doc)) return mainStates.get(doc)!;
  const kinds = new Map(doc.entities.map((e) => [e.id, e.kind]));
  const counts = new Map<string, number>();
  // The lead says what the story is about: a state named in its first paragraph counts twice.
  const leadParagraph = doc.sentences[0]?.paragraph;
  const leadEnd = doc.sentences.filter((x) => x.paragraph === leadParagraph).reduce((e, x) => Math.max(e, x.end), 0);
  for (const m of doc.mentions) {
    if (!m.actor || (kinds.get(m.actor) ?? 'country') !== 'country' || !/^[A-Z]{3}$/.test(m.actor)) continue;
    counts.set(m.actor, (counts.get(m.actor) ?? 0) + (m.start < leadEnd ? 2 : 1));
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const main = ranked.length > 0 && (ranked.length === 1 || ranked[0]![1] > ranked[1]![1]) ? ranked[0]![0] : null;
  mainStates.set(doc, main);
  return main;
}

/** The token after a day or date right at k ("on Monday", "Friday", "on 25 October"), else k. */
function pastTime(tokens: Token[], k: number, end: number, g: Grammar): number {
  let j = k;
  if (j < end && tokens[j]!.pos === 'ADP' && j + 1 < end && (g.timeWords.has(tokens[j + 1]!.lemma) || tokens[j + 1]!.pos === 'NUM')) j++;
  let moved = false;
  while (j < end && (g.timeWords.has(tokens[j]!.lemma) || g.timeWords.has(low(tokens[j]!)) || (moved && tokens[j]!.pos === 'NUM'))) {
    j++;
    moved = true;
  }
  return moved ? j : k;
}
