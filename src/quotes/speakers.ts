// Speakers: a cue's speaker span becomes a speaker through the actors stage's
// mentions, text nouns ("the statement said"), pairs ("both sides"),
// back-references ("the mission", "the NATO chief") and pronouns. Spans are
// resolved in document order, so "he said" can fall back on who spoke last.
import type { Doc, Entity, Mention, Speaker } from '../types.js';
import type { Frame, QuotesKnowledge } from './lexicon.js';
import { JOINERS, LOCATED, POSSESSIVE, Text } from './text.js';

export interface Cue {
  tok: number;
  /** Token after the cue's words. */
  after: number;
  frame: Frame | 'according';
  sentence: number;
  /** Speaker span [first, end) in tokens, or null when the cue shares an earlier cue's subject. */
  subject: [number, number] | null;
  /** Attributes a direct quote, so it is no indirect speech of its own. */
  used: boolean;
  /** No subject and no earlier cue to share one with ("called for written guarantees"). */
  orphan: boolean;
  /** The subject is the sentence's, not the verb's own neighbour ("X agreed, calling …"). */
  inferred?: boolean;
  /** A stand-in on the colon or dash that introduces a quote: its subject is the clause's. */
  introduced?: boolean;
  speaker?: Resolved | null;
}

export interface Resolved {
  speaker: Speaker;
  speakers?: Speaker[];
  person: boolean;
  how: string;
}

interface HistoryEntry {
  pos: number;
  paragraph: number;
  span: string;
  /** "NATO leaders", "Putin and Xi", "they": what "they" can refer to. */
  plural: boolean;
  who: Resolved;
}

// "the mission said" looks back this many tokens for the phrase it refers to.
const BACK_REFERENCE_REACH = 2000;
// "it said" looks back this many paragraphs for the statement that "it" is.
const TEXT_REACH = 4;

export class Speakers extends Text {
  protected readonly cues: Cue[] = [];
  protected readonly cueAt = new Map<number, Cue>();
  private readonly entities = new Map<string, Entity>();
  private readonly history: HistoryEntry[] = [];
  /** What each speaker (by entity, else name) is known to be called: "she", "Mrs", "the woman". */
  private readonly genders = new Map<string, string>();
  private readonly textNouns: number[] = [];
  private readonly issuers = new Map<number, Resolved | null>();

  constructor(doc: Doc, kb: QuotesKnowledge) {
    super(doc, kb);
    for (const e of doc.entities) this.entities.set(e.id, e);
  }

  protected speakerOf(cue: Cue): Resolved | null {
    if (cue.speaker !== undefined) return cue.speaker;
    let who: Resolved | null = null;
    if (cue.subject) {
      who = this.resolve(cue.subject[0], cue.subject[1]);
      this.remember(cue.subject, who);
    } else {
      // "… and urged", ", urging": the subject of the sentence's earlier cue.
      const s0 = this.sentenceStart(cue.tok);
      for (let i = cue.tok - 1; !cue.orphan && i >= s0; i--) {
        const prev = this.cueAt.get(i);
        if (prev && prev !== cue) {
          who = this.speakerOf(prev);
          break;
        }
      }
    }
    cue.speaker = who;
    return who;
  }

  protected remember(span: [number, number], who: Resolved): void {
    const first = this.tokens[span[0]]!;
    const key = who.speaker.entity ?? who.speaker.name;
    for (let i = span[0]; i < span[1] && who.person && !this.genders.has(key); i++) {
      const g = this.kb.gendered.get(this.lower[i]!.replace(/\.$/, ''));
      if (g) this.genders.set(key, g);
    }
    this.history.push({
      pos: first.start,
      paragraph: this.doc.sentences[first.sentence]!.paragraph,
      span: this.body.slice(first.start, this.tokens[span[1] - 1]!.end).toLowerCase(),
      plural: this.isPlural(span) || who.speakers !== undefined,
      who,
    });
  }

  protected resolve(a: number, b: number): Resolved {
    const start = this.tokens[a]!.start;
    const end = this.tokens[b - 1]!.end;
    const text = this.body.slice(start, end);
    const w0 = this.lower[a]!;
    const named = (how: string): Resolved => ({
      // "30-year-old protester Nino Beridze": the name that closes the phrase.
      speaker: { name: this.trailingName(a, b, start, true) ?? this.displayName(a, b), actor: null, sector: null, entity: null },
      person: (this.tokens[b - 1]!.pos === 'PROPN' && text !== text.toUpperCase()) || this.personHead(b - 1),
      how,
    });
    if (b - a === 1 && this.kb.pronouns.has(w0)) return this.pronoun(a) ?? named('pronoun-unresolved');
    for (let n = a; n < b; n++) {
      if (this.isTextNoun(n)) return this.textSpeaker(n, a, b) ?? named('text-unresolved');
    }
    const pair = this.kb.pairs.get(this.lower[b - 1]!);
    const mentions = this.mentionsIn(start, end);
    if (pair && (w0 === 'both' || this.lower[a + 1] === 'two' || w0 === 'two') && !mentions.some((m) => !m.anaphor)) {
      const both = this.pairBefore(start, pair);
      if (both) return both;
    }
    // "its mission": the owner is whoever "it" is, by the same rules as a subject pronoun.
    if (this.kb.pronouns.has(w0)) {
      const owner = this.pronoun(a);
      if (owner) return owner;
    }
    // "the ministry", "the army": a description with no name in it is the body or person it describes, named before.
    if (w0 === 'the' && this.lowerCase(a + 1, b)) {
      const back = this.backReference(b - 1, start) ?? (this.personHead(b - 1) ? this.lastPerson(start) : null);
      if (back) return back;
    }
    const chosen = this.pick(mentions);
    if (chosen && !this.isPerson(chosen) && w0 === 'the' && this.kb.roles.has(this.tokens[b - 1]!.lemma)) {
      // "the NATO chief", "the Chinese spokesman": the last person named for that party.
      const holder = this.lastPersonOf(chosen.actor, start);
      if (holder) return holder;
    }
    if (chosen && !this.isPerson(chosen)) {
      // "Norwegian Foreign Minister Jonas Lie" with no person entity: the named person, for the party.
      const name = this.trailingName(a, b, chosen.end);
      if (name) return { speaker: { name, actor: chosen.actor, sector: chosen.sector, entity: null }, person: true, how: 'name-with-party' };
      // "Thailand's foreign ministry", "Canadian police", "a Chinese official": the body or
      // person the phrase heads speaks, for the party it names.
      const [head, nameEnd] = this.headOf(a, b);
      // "Canada's foreign minister said" after "Foreign Minister Melanie Joly": the holder named before.
      if (head > a && this.tokens[head]!.start > chosen.start && this.kb.roles.has(this.tokens[head]!.lemma)) {
        let r = head;
        while (r > a && /^\p{Ll}/u.test(this.tokens[r - 1]!.text) && (this.tokens[r - 1]!.pos === 'NOUN' || this.tokens[r - 1]!.pos === 'ADJ')) r--;
        const holder = this.lastPersonOf(chosen.actor, start, this.body.slice(this.tokens[r]!.start, this.tokens[head]!.end).toLowerCase());
        if (holder) return holder;
      }
      if (head >= 0 && this.tokens[head]!.start > chosen.start && (this.kb.bodies.has(this.lower[head]!) || this.personHead(head))) {
        return {
          speaker: { name: this.displayName(a, nameEnd), actor: chosen.actor, sector: chosen.sector, entity: chosen.entity },
          person: this.personHead(head),
          how: 'body',
        };
      }
    }
    if (chosen && this.isPerson(chosen) && chosen.end < end && POSSESSIVE.has(this.lower[this.tokenFrom(chosen.end)]!)) {
      // "Putin's spokesman": someone speaking for the person, on the person's side.
      return { speaker: { name: this.displayName(a, b), actor: chosen.actor, sector: chosen.sector, entity: null }, person: true, how: 'for-person' };
    }
    // "Residents in the village said": a group no name stands for is named by its own words,
    // and so is a body named by its seat ("the Kremlin", "the White House").
    if (chosen && (chosen.rule.startsWith('generic') || this.kb.bodyMentions.has(chosen.rule))) {
      return { speaker: { name: this.displayName(a, b), actor: chosen.actor, sector: chosen.sector, entity: chosen.entity }, person: this.personHead(this.headOf(a, b)[0]), how: 'group' };
    }
    if (chosen) {
      const who = this.fromMention(chosen, 'mention');
      // A person the gazetteer does not place, titled with a party: "Norwegian minister X".
      const party = who.speaker.actor ? null : mentions.find((m) => m !== chosen && !m.place && m.actor && !this.isPerson(m));
      if (party) Object.assign(who.speaker, { actor: party.actor, sector: who.speaker.sector ?? party.sector });
      // …and keeps that party when named again ("Vold said").
      for (let h = this.history.length - 1; h >= 0 && !who.speaker.actor; h--) {
        const known = this.history[h]!.who.speaker;
        if (known.entity === chosen.entity && known.actor) Object.assign(who.speaker, { actor: known.actor, sector: known.sector });
      }
      return who;
    }
    if (w0 === 'the' || w0 === 'this') {
      const back = this.backReference(b - 1, start);
      if (back) return back;
    }
    return this.byName(a, b) ?? named('span');
  }

  /** A span with an apposition is named by its part that is a name ("Maria Lopez, a farmer"), else its first part. */
  protected displayName(a: number, b: number): string {
    const parts: [number, number][] = [];
    let from = a;
    for (let i = a; i <= b; i++) {
      if (i === b || this.lower[i] === ',') {
        if (i > from) parts.push([from, i]);
        from = i + 1;
      }
    }
    const isName = ([x, y]: [number, number]): boolean => {
      for (let i = x; i < y; i++) if (!JOINERS.has(this.lower[i]!) && !/^\p{Lu}/u.test(this.tokens[i]!.text)) return false;
      return true;
    };
    const [x, y] = parts.find(isName) ?? parts[0] ?? [a, b];
    return this.body.slice(this.tokens[x]!.start, this.tokens[y - 1]!.end);
  }

  /** Two or more capitalised words closing the span after offset `after`: a person's name. */
  protected trailingName(a: number, b: number, after: number, described = false): string | null {
    let k = b;
    while (k > a && this.tokens[k - 1]!.start >= after && /^\p{Lu}\p{Ll}/u.test(this.tokens[k - 1]!.text)) k--;
    if (b - k < 2) return null;
    // With `described`, only after a lower-case description ("protester Nino Beridze").
    if (described && (k === a || !/^\p{Ll}/u.test(this.tokens[k - 1]!.text))) return null;
    // "the mission to the European Union": a body after a preposition or article is no person's name.
    const before = this.tokens[k - 1]?.pos;
    if (before === 'DET' || before === 'ADP') return null;
    if (this.mentionsIn(this.tokens[k]!.start, this.tokens[b - 1]!.end).some((m) => !this.isPerson(m))) return null;
    return this.body.slice(this.tokens[k]!.start, this.tokens[b - 1]!.end);
  }

  /** The last person named for `actor` before `pos`; with `role`, only one who holds it ("foreign minister"). */
  protected lastPersonOf(actor: string | null, pos: number, role?: string): Resolved | null {
    if (!actor) return null;
    for (let i = this.mentionFrom(pos) - 1; i >= 0; i--) {
      const m = this.doc.mentions[i]!;
      if (m.actor !== actor || m.place || !this.isPerson(m)) continue;
      if (role === undefined || (this.entities.get(m.entity)?.role ?? '').toLowerCase().endsWith(role)) return this.fromMention(m, 'role-holder');
    }
    return null;
  }

  /**
   * The head of a speaker span and the end of its name: its last word before an apposition
   * or a phrase after the head ("the mission to the EU"); a capitalised name goes on through
   * "of" ("the Ministry of Foreign Affairs").
   */
  protected headOf(a: number, b: number): [number, number] {
    const upper = (i: number): boolean => /^\p{Lu}/u.test(this.tokens[i]?.text ?? '');
    for (let i = a; i < b; i++) {
      const w = this.lower[i]!;
      if (w === 'of' && i > a && upper(i - 1) && upper(i + 1)) {
        let j = i + 1;
        while (j < b && (upper(j) || JOINERS.has(this.lower[j]!))) j++;
        return [i - 1, j];
      }
      // "the ministry of foreign affairs": a body's name goes on through "of" too.
      if (w === 'of' && i > a && this.kb.bodies.has(this.lower[i - 1]!)) {
        const np = this.npRight(i + 1, b);
        if (np) return [i - 1, np[1]];
      }
      if (w === ',' || w === 'of' || w === 'to' || w === 'for' || w === 'from' || w === '(' || LOCATED.has(w)) return i > a ? [i - 1, i] : [-1, -1];
    }
    return [b - 1, b];
  }

  /** No capitalised word in tokens [a, b). */
  protected lowerCase(a: number, b: number): boolean {
    for (let i = a; i < b; i++) if (/^\p{Lu}/u.test(this.tokens[i]!.text)) return false;
    return b > a;
  }

  /** A word that stands for one person: "demonstrator", "minister", "the 45-year-old". */
  protected personHead(i: number): boolean {
    if (i < 0) return false;
    const w = this.lower[i]!;
    if (w === 'old' && this.lower[i - 1] === '-' && this.lower[i - 2] === 'year') return true;
    const lemma = this.tokens[i]!.lemma;
    return this.tokens[i]!.pos === 'NOUN' && (this.kb.persons.has(lemma) || this.kb.roles.has(lemma)) && lemma === w;
  }

  /** The last person who spoke or was named before `pos`. */
  protected lastPerson(pos: number): Resolved | null {
    for (let h = this.history.length - 1; h >= 0; h--) {
      const e = this.history[h]!;
      if (e.pos < pos && e.who.person && !e.plural) return { ...e.who, how: 'previous-person' };
    }
    for (let i = this.mentionFrom(pos) - 1; i >= 0; i--) {
      const m = this.doc.mentions[i]!;
      if (this.isPerson(m) && !this.isTitle(m) && !this.quoted[this.tokenFrom(m.start)]) return this.fromMention(m, 'previous-person');
    }
    return null;
  }

  /** A person mention that is only a title ("Brig."): the actors stage took it for a name. */
  protected isTitle(m: Mention): boolean {
    return this.kb.titles.has(m.text.toLowerCase().replace(/\.$/, ''));
  }

  /** The speaker among a span's mentions: a person, else the first party, else a place. */
  protected pick(mentions: Mention[]): Mention | null {
    const parties = mentions.filter((m) => !m.place && !this.isTitle(m));
    return parties.find((m) => this.isPerson(m)) ?? parties[0] ?? mentions[0] ?? null;
  }

  protected isPerson(m: Mention): boolean {
    return this.entities.get(m.entity)?.kind === 'person' || m.entity.startsWith('person:');
  }

  protected fromMention(m: Mention, how: string): Resolved {
    return {
      speaker: { name: this.entities.get(m.entity)?.name ?? m.text, actor: m.actor, sector: m.sector, entity: m.entity },
      person: this.isPerson(m),
      how,
    };
  }

  /** He, it, they, its: the actors stage's resolution, a statement for "it said", else who spoke last. */
  protected pronoun(i: number): Resolved | null {
    const w = this.lower[i]!;
    const kind = this.kb.pronouns.get(w)!;
    const t = this.tokens[i]!;
    if (w === 'it') {
      const text = this.lastIssuer(t.start, this.doc.sentences[t.sentence]!.paragraph - TEXT_REACH);
      if (text) return { ...text, how: 'statement' };
    }
    // Who spoke last, when that was in this paragraph or the one before, beats the
    // nearest mention: a speaker pronoun continues the story's last speaker.
    // "she" skips a speaker known as "he", "Mr" or "the man".
    const gender = this.kb.gendered.get(w);
    const fits = (e: HistoryEntry): boolean => {
      const known = this.genders.get(e.who.speaker.entity ?? e.who.speaker.name);
      return !gender || !known || known === gender;
    };
    let last: HistoryEntry | null = null;
    let skipped = false;
    for (let h = this.history.length - 1; h >= 0 && !last; h--) {
      const e = this.history[h]!;
      if (e.pos >= t.start || (kind === 'group' ? !e.plural : e.who.person !== (kind === 'person'))) continue;
      if (fits(e)) last = e;
      else skipped = true;
    }
    const paragraph = this.doc.sentences[t.sentence]!.paragraph;
    // Past a speaker of the other gender, the last one who fits is meant however far back.
    if (last && (last.paragraph >= paragraph - 1 || skipped)) return { ...last.who, how: 'previous-speaker' };
    const m = this.mentionsIn(t.start, t.end).find((x) => x.anaphor);
    const mKnown = m && this.genders.get(m.entity);
    if (m && (!gender || !mKnown || mKnown === gender)) return this.fromMention(m, 'anaphor');
    return last ? { ...last.who, how: 'previous-speaker' } : null;
  }

  /** "Lin" after "Lin Jian": a person of this article whose name has every word of the span. */
  protected byName(a: number, b: number): Resolved | null {
    const words: string[] = [];
    for (let i = a; i < b; i++) {
      if (!/^\p{Lu}/u.test(this.tokens[i]!.text)) return null;
      words.push(this.tokens[i]!.text);
    }
    const has = (name: string): boolean => {
      const parts = name.split(/\s+/);
      return words.every((w) => parts.includes(w));
    };
    for (const e of this.doc.entities) {
      if (e.kind === 'person' && has(e.name)) {
        return { speaker: { name: e.name, actor: e.country, sector: e.sector, entity: e.id }, person: true, how: 'surname' };
      }
    }
    for (let h = this.history.length - 1; h >= 0; h--) {
      if (has(this.history[h]!.who.speaker.name)) return { ...this.history[h]!.who, how: 'surname' };
    }
    return null;
  }

  /** "a statement from its mission", "the Chinese statement", "the statement" (the last one's issuer). */
  protected textSpeaker(n: number, a: number, b: number): Resolved | null {
    // "the statement signed by X": the issuer may follow the span.
    const issuer = this.issuerAt(n, b === n + 1 ? this.sentenceEnd(n) : b);
    if (issuer) return issuer;
    return this.lastIssuer(this.tokens[a]!.start, -Infinity);
  }

  /** Who issued the text noun at `n`, from its own phrase or sentence; null when only earlier text can say. */
  protected issuerAt(n: number, limit = this.sentenceEnd(n)): Resolved | null {
    const cached = this.issuers.get(n);
    if (cached !== undefined) return cached;
    let who: Resolved | null = null;
    let j = n + 1;
    while (j < limit && (this.kb.issued.has(this.lower[j]!) || this.tokens[j]!.pos === 'ADV')) j++;
    if (this.lower[j] === 'by' || this.lower[j] === 'from') {
      const np = this.npRight(j + 1, Math.max(limit, j + 2));
      if (np) who = this.resolve(np[0], np[1]);
    }
    const s0 = this.sentenceStart(n);
    if (!who) {
      const near = this.mentionsIn(this.tokens[Math.max(s0, n - 4)]!.start, this.tokens[n]!.start).filter((m) => !m.anaphor && !m.place);
      if (near.length > 0) who = this.fromMention(near[near.length - 1]!, 'statement-owner');
    }
    const det = this.lower[Math.max(s0, n - 1)] === 'the' || this.lower[Math.max(s0, n - 2)] === 'the';
    if (!who && !det) {
      // "NATO leaders said in a statement", "in its statement, Beijing's mission called": the sentence's speaker.
      for (let i = s0; i < this.sentenceEnd(n); i++) {
        const cue = this.cueAt.get(i);
        if (cue?.speaker && cue.subject && (cue.subject[0] > n || cue.subject[1] <= n)) {
          who = cue.speaker;
          break;
        }
      }
      if (!who) {
        const sent = this.doc.sentences[this.tokens[n]!.sentence]!;
        const ms = this.mentionsIn(sent.start, sent.end).filter((m) => !m.place && !this.quoted[this.tokenFrom(m.start)]);
        const m = ms.find((x) => !x.anaphor) ?? ms[0];
        if (m) who = this.fromMention(m, 'statement-sentence');
      }
    }
    this.issuers.set(n, who);
    return who;
  }

  /** The issuer of the latest text noun before `pos`, no further back than paragraph `minParagraph`. */
  protected lastIssuer(pos: number, minParagraph: number): Resolved | null {
    if (this.textNouns.length === 0) {
      for (let i = 0; i < this.tokens.length; i++) {
        if (this.isTextNoun(i) && !this.quoted[i]) this.textNouns.push(i);
      }
      if (this.textNouns.length === 0) this.textNouns.push(-1);
    }
    for (let k = this.textNouns.length - 1; k >= 0; k--) {
      const n = this.textNouns[k]!;
      if (n < 0) return null;
      const t = this.tokens[n]!;
      if (t.start >= pos) continue;
      if (this.doc.sentences[t.sentence]!.paragraph < minParagraph) return null;
      const who = this.issuerAt(n);
      if (who) return { ...who, how: 'statement' };
    }
    return null;
  }

  /** "both sides": the two people (or parties) named last before `pos`. */
  protected pairBefore(pos: number, kind: 'person' | 'party' | 'any'): Resolved | null {
    // The last two distinct parties, in the order of their last mentions.
    const collect = (wantPerson: boolean): Mention[] => {
      const two: Mention[] = [];
      for (let i = this.mentionFrom(pos) - 1; i >= 0 && two.length < 2; i--) {
        const m = this.doc.mentions[i]!;
        if (m.place || m.anaphor || this.isPerson(m) !== wantPerson || this.quoted[this.tokenFrom(m.start)]) continue;
        if (!two.some((x) => x.entity === m.entity)) two.unshift(m);
      }
      return two;
    };
    const people = collect(true);
    let speakers: Speaker[];
    if (people.length === 2 && kind !== 'party') {
      speakers = people.map((m) => this.fromMention(m, 'pair').speaker);
    } else if (people.length === 2 && people[0]!.actor && people[1]!.actor && people[0]!.actor !== people[1]!.actor) {
      // "the two countries" after two leaders: the leaders' states.
      speakers = people.map((m) => {
        const state = this.entities.get(m.actor!);
        return { name: state?.name ?? m.actor!, actor: m.actor, sector: state?.sector ?? null, entity: state?.id ?? m.actor };
      });
    } else {
      // "the two leaders" with no leader named: their states.
      const parties = collect(false);
      if (parties.length < 2) return null;
      speakers = parties.map((m) => this.fromMention(m, 'pair').speaker);
    }
    return {
      speaker: { ...speakers[0]!, name: speakers.map((s) => s.name).join(' and ') },
      speakers,
      person: false,
      how: 'pair',
    };
  }

  /** "the mission", "the leaders": the last speaker or actor phrase with that head noun. */
  protected backReference(head: number, pos: number): Resolved | null {
    const word = this.lower[head]!;
    const lemma = this.tokens[head]!.lemma;
    const re = new RegExp(`\\b${word.replace(/[^\p{L}\p{N}]/gu, '')}\\b`, 'u');
    for (let h = this.history.length - 1; h >= 0; h--) {
      const e = this.history[h]!;
      if (e.pos < pos && re.test(e.span) && e.who.speaker.actor) return { ...e.who, how: 'back-reference' };
    }
    const from = this.tokenFrom(pos);
    for (let j = from - 1; j >= 0 && from - j <= BACK_REFERENCE_REACH; j--) {
      if (this.tokens[j]!.lemma !== lemma || this.quoted[j]) continue;
      const s0 = this.sentenceStart(j);
      const near = this.mentionsIn(this.tokens[Math.max(s0, j - 5)]!.start, this.tokens[j]!.start).filter((m) => !m.place);
      const m = near.filter((x) => !x.anaphor).pop() ?? near.pop();
      if (m) return this.fromMention(m, 'back-reference');
    }
    return null;
  }
}
