// Clause analysis without a parser: verb groups from wink's POS tags, their
// subjects (leftwards to the nearest clause boundary, through appositions,
// lists and relative pronouns, or inherited from the verb they are chained
// to), and the region their objects lie in.
import type { Doc, Token } from '../types.js';
import type { Grammar } from './lexicon.js';

export interface Predicate {
  /** Index of the main verb. */
  head: number;
  /** First token of the verb group (auxiliaries, negators, `to`). */
  start: number;
  negated: boolean;
  passive: boolean;
  infinitive: boolean;
  futureModal: boolean;
  hypotheticalModal: boolean;
  /** "must", "should": an obligation, a demand when someone reports it. */
  deontic: boolean;
  /** ", saying ...", ", refusing to ...": an adjunct to the clause before. */
  participle: boolean;
  /** In a relative clause ("which invaded", "captured by"): background to the main clause. */
  relative: boolean;
  pastPerfect: boolean;
  historicalAdverb: boolean;
  /** Mention indices of the subject, left to right. */
  subject: number[];
  /** Predicate this one is chained to (coordination, control), or -1. */
  governor: number;
  /** Token where the subject scan stopped (a boundary word, verb or punctuation), or -1 at sentence start. */
  stop: number;
  /** End (exclusive) of the region the object and prepositional phrases lie in. */
  objectEnd: number;
}

/** Quotation marks: scare quotes inside a phrase ("expressed “strong concern”") do not end it. */
export const QUOTES = new Set(['"', '“', '”', "'", '‘', '’', '``', "''"]);

const NOMINAL = new Set(['NOUN', 'PROPN', 'PRON', 'DET', 'ADJ', 'NUM', 'PART', 'X', 'SYM']);

export function isNominal(t: Token): boolean {
  return NOMINAL.has(t.pos) && t.lemma !== 'to';
}

/** A token as written, lower-cased: how closed word lists are looked up. */
export function low(t: Token): string {
  return t.text.toLowerCase();
}

export function isBoundary(t: Token, g: Grammar): boolean {
  // Boundary words are function words: their lemma is their lower-case form.
  // "as", "after", "since" as prepositions ("denounced as a crime", "after fierce fighting") open no clause.
  return g.boundaryPunct.has(t.text) || (t.pos !== 'VERB' && t.pos !== 'ADP' && g.boundaryWords.has(t.lemma));
}

/**
 * Per-token actor mention index for the whole doc: >= 0 an acting mention,
 * <= -3 a place (`placeOf` decodes it: never a party unless a lexicon slot
 * names it, as in "arrived in X"), -1 none.
 */
export function mentionIndex(doc: Doc): Int32Array {
  const at = new Int32Array(doc.tokens.length).fill(-1);
  let t = 0;
  doc.mentions.forEach((m, i) => {
    while (t < doc.tokens.length && doc.tokens[t]!.end <= m.start) t++;
    for (let k = t; k < doc.tokens.length && doc.tokens[k]!.start < m.end; k++) {
      if (doc.tokens[k]!.end > m.start) at[k] = m.place ? -3 - i : i;
    }
  });
  // Mentions may overlap or arrive out of order; the cursor only moves forward.
  return at;
}

/** Mention index of a place code in `mentionIndex`, or -1. */
export function placeOf(code: number): number {
  return code <= -3 ? -3 - code : -1;
}

/**
 * True when the state mention at token k names one side of a frontier: "near the Sudanese
 * border" (its last word before a border noun), "the border with Chad" (after one and a
 * preposition). Such a state is a neighbour, not where the act happened.
 */
export function onBorder(tokens: Token[], at: Int32Array, k: number, first: number, end: number, g: Grammar): boolean {
  let j = k;
  while (j + 1 < end && at[j + 1] === at[k]) j++;
  const next = tokens[j + 1];
  if (next && (g.borderNouns.has(low(next)) || g.borderNouns.has(next.lemma))) return true;
  return k - 2 >= first && borderSide(tokens, k - 1, g);
}

/** True when token j is the "with" or "of" of "the border with", "the frontier of". */
function borderSide(tokens: Token[], j: number, g: Grammar): boolean {
  return (tokens[j]!.lemma === 'with' || tokens[j]!.lemma === 'of') && g.borderNouns.has(tokens[j - 1]!.lemma);
}

/**
 * The mentions of the noun phrase a relative clause is about, when the verb at j opens one
 * ("the commander who ordered", "a law which banned"): auxiliaries and adverbs may stand
 * between the pronoun and the verb. Null when no relative pronoun opens the clause.
 */
function antecedentOf(tokens: Token[], at: Int32Array, j: number, first: number, g: Grammar): number[] | null {
  let k = j - 1;
  while (k >= first && (tokens[k]!.pos === 'AUX' || tokens[k]!.pos === 'ADV')) k--;
  if (k <= first || !g.relativeSubjects.has(low(tokens[k]!)) || !isNominal(tokens[k - 1]!)) return null;
  let i = k - 1;
  while (i >= first && isNominal(tokens[i]!) && tokens[i]!.pos !== 'PRON') i--;
  return mentionsIn(tokens, at, i + 1, k, first, g);
}

/** A place preposition, by its lemma or its word: wink-nlp's lemma of "through" is "thru". */
function isPlacePrep(t: Token, g: Grammar): boolean {
  return t.pos === 'ADP' && (g.location.has(t.lemma) || g.location.has(low(t)));
}

/** True when the mention starting at token k is introduced by a place preposition ("in Kyiv"). */
export function afterLocationPrep(tokens: Token[], k: number, first: number, g: Grammar): boolean {
  let j = k - 1;
  while (j >= first && (tokens[j]!.pos === 'DET' || tokens[j]!.pos === 'ADJ')) j--;
  if (j >= first && isPlacePrep(tokens[j]!, g) && (j < k - 1 || tokens[k]!.pos === 'PROPN' || !g.placeBeforeNames.has(low(tokens[j]!)))) return true;
  // "in the capital of Kenya", "in the north of Syria": a place in a part of a territory.
  if (j > first && tokens[j]!.lemma === 'of' && g.placeNouns.has(low(tokens[j - 1]!))) {
    let i = j - 2;
    while (i >= first && (tokens[i]!.pos === 'DET' || tokens[i]!.pos === 'ADJ')) i--;
    if (i >= first && isPlacePrep(tokens[i]!, g)) return true;
  }
  // "along the border with Chad": the state on a frontier's other side is a place, not a party.
  if (j > first && borderSide(tokens, j, g)) return true;
  // "in the Kenyan capital, Nairobi": a name set after a place in apposition is that place.
  if (j > first && tokens[j]!.text === ',' && isNominal(tokens[j - 1]!)) {
    let i = j - 1;
    while (i >= first && (isNominal(tokens[i]!) || tokens[i]!.pos === 'DET' || tokens[i]!.pos === 'ADJ')) i--;
    return i >= first && i < j - 1 && isPlacePrep(tokens[i]!, g);
  }
  return false;
}

/**
 * Acting mentions in [from, to), left to right, each once, none introduced by a
 * place preposition. A lexicon slot (`places`) takes places too: its pattern
 * already says what role the phrase plays.
 */
export function mentionsIn(tokens: Token[], at: Int32Array, from: number, to: number, first: number, g: Grammar, places = false): number[] {
  const out: number[] = [];
  for (let k = from; k < to; k++) {
    const m = places && at[k]! <= -3 ? placeOf(at[k]!) : at[k]!;
    if (m < 0 || out.includes(m)) continue;
    if (k > first && at[k - 1] === at[k]) continue;
    if (!places && afterLocationPrep(tokens, k, first, g)) continue;
    out.push(m);
  }
  return out;
}

function byFollows(tokens: Token[], head: number): boolean {
  const next = tokens[head + 1];
  return next !== undefined && next.text.toLowerCase() === 'by';
}

function groupOf(tokens: Token[], head: number, first: number, g: Grammar): Omit<Predicate, 'subject' | 'governor' | 'stop' | 'objectEnd' | 'participle' | 'relative'> {
  let j = head - 1;
  let adverbs = 0;
  let be = false;
  let negated = false;
  let infinitive = false;
  let futureModal = false;
  let hypotheticalModal = false;
  let deontic = false;
  let pastPerfect = false;
  let historicalAdverb = false;
  while (j >= first) {
    const t = tokens[j]!;
    const w = low(t);
    if (t.pos === 'AUX') {
      if (t.lemma === 'be' || t.lemma === 'get') be = true;
      if (g.futureModals.has(w) || g.futureModals.has(t.lemma)) futureModal = true;
      if (g.hypotheticalModals.has(w) || g.hypotheticalModals.has(t.lemma)) hypotheticalModal = true;
      if (g.deonticModals.has(w)) deontic = true;
      if (w === 'had' || w === "'d") pastPerfect = w === 'had' || pastPerfect;
    } else if (t.pos === 'PART' && (w === 'to' || g.negators.has(w))) {
      if (w === 'to') infinitive = true;
      else negated = true;
    } else if (t.pos === 'ADV' && adverbs < 3) {
      adverbs++;
      if (g.negators.has(w)) negated = true;
      if (g.historicalAdverbs.has(w)) historicalAdverb = true;
    } else break;
    j--;
  }
  // An adverb group with no auxiliary before it belongs to the clause, not the verb.
  let start = j + 1;
  while (start < head && tokens[start]!.pos === 'ADV' && !g.negators.has(low(tokens[start]!))) start++;
  const h = tokens[head]!;
  const text = low(h);
  // "is opposed to", "is committed to": a participle of state, not a passive.
  // "a summit hosted by X": a bare participle with a by-phrase is a reduced passive.
  // "a diplomat accused of spying", "a man charged with murder": a legal participle right after a
  // noun, with its preposition, is one too (grammar list `reducedPassive`).
  const legal = head > 0 && isNominal(tokens[head - 1]!) && g.reducedPassive.has(h.lemma) && g.reducedPassive.has(`${h.lemma} ${low(tokens[head + 1] ?? h)}`);
  const reduced = !be && start === head && text.endsWith('ed') && (byFollows(tokens, head) || legal);
  const passive = reduced || (be && !text.endsWith('ing') && (text !== h.lemma || g.sameParticiple.has(text)) && !(g.stative.has(h.lemma) && !byFollows(tokens, head)));
  return { head, start, negated, passive, infinitive, futureModal, hypotheticalModal, deontic, pastPerfect, historicalAdverb };
}

/** Mention indices of the subject of the group starting at `start`, plus where the scan stopped. */
/** Possessive endings after a name. */
export const POSSESSIVE = new Set(["'s", '’s', "'", '’']);
const ATTRIBUTIVE = new Set(['DET', 'ADJ', 'ADV']);

function subjectOf(tokens: Token[], at: Int32Array, start: number, first: number, g: Grammar): { subject: number[]; stop: number; nominal: boolean; relative: boolean } {
  const found: number[] = [];
  let relative = false;
  let nominal = false;
  let sawConj = false;
  let lastComma = -1;
  let j = start - 1;
  for (; j >= first; j--) {
    const t = tokens[j]!;
    const w = low(t);
    // "aircraft including gunships", "aircraft using guided missiles", "attacks, occurring weekly,":
    // a participle inside the subject phrase, not a clause.
    // ", saying the deliveries help": a speech verb opens what it reports, whatever its form.
    if (t.pos === 'VERB' && (t.lemma === 'include' || (nominal && t.text.endsWith('ing') && !g.speech.has(t.lemma) && j > first && (tokens[j - 1]!.pos === 'NOUN' || tokens[j - 1]!.pos === 'PROPN' || at[j - 1]! >= 0 || tokens[j - 1]!.text === ',')))) continue;
    if (t.pos === 'VERB' && j > first && tokens[j - 1]!.text === '-') continue;
    // "X and visiting President Y agreed": an -ing form before a title or name describes it.
    if (t.pos === 'VERB' && t.text.endsWith('ing') && j > first && (tokens[j - 1]!.pos === 'CCONJ' || tokens[j - 1]!.pos === 'DET') && (tokens[j + 1]?.pos === 'PROPN' || tokens[j + 1]?.pos === 'ADJ' || at[j + 1]! >= 0)) continue;
    // "most other existing members", "the ousted leader": a participle between a modifier and its noun.
    if (t.pos === 'VERB' && nominal && j > first && ATTRIBUTIVE.has(tokens[j - 1]!.pos) && tokens[j + 1]?.pos === 'NOUN' && /(ing|ed)$/.test(t.text)) continue;
    // "precision guided missiles", "Iranian-made drones": a compound modifier between two nouns.
    if (t.pos === 'VERB' && nominal && j > first && tokens[j - 1]!.pos === 'NOUN' && tokens[j + 1]?.pos === 'NOUN' && t.text.endsWith('ed') && at[j - 1] === -1) continue;
    // "Red Cross officials": a word the tagger calls a verb inside a name is part of the name.
    if (t.pos === 'VERB' && at[j]! === -1) {
      // "The commander who ordered the strikes was sanctioned": past a relative clause with no
      // commas, the verb's subject is the noun phrase the clause is about, not its object. (Only
      // when the verb follows the clause's object at once: "who sought asylum after being
      // indicted" goes on inside the clause.)
      const antecedent = start - 1 > j && isNominal(tokens[start - 1]!) && tokens[start - 1]!.pos !== 'ADP' ? antecedentOf(tokens, at, j, first, g) : null;
      if (antecedent) return { subject: antecedent, stop: j, nominal: true, relative: false };
      break;
    }
    // "Bangladesh has once again outright rejected": auxiliaries and adverbs of the verb's own group.
    if ((t.pos === 'AUX' || t.pos === 'ADV') && found.length === 0 && !nominal) continue;
    // "Russia, which invaded": a relative pronoun hands over to its antecedent; "the claim that
    // NATO's expansion poses": with a subject already between, "that" opens a clause.
    if (g.relative.has(w) && (t.pos === 'PRON' || t.pos === 'DET' || t.pos === 'SCONJ')) {
      // "which Iran seized": an object relative; only "that" can also open a complement clause.
      if (w !== 'that') relative = true;
      if (found.length > 0 || nominal) break;
      relative = true;
      continue;
    }
    // 'India "decided to expel" the envoy': a quotation mark right before the verb opens a
    // quoted phrase inside the clause, not a new one.
    if (QUOTES.has(t.text) && found.length === 0 && !nominal && j === start - 1 && j > first && isNominal(tokens[j - 1]!)) continue;
    if (isBoundary(t, g)) break;
    if (t.text === ',' && found.length === 0) {
      // "The militants, who arrived on motorbikes, killed ...": a relative clause set off by commas
      // between the subject and its verb is stepped over.
      let k = j - 1;
      while (k > first && j - k < 16 && tokens[k]!.text !== ',' && !g.boundaryPunct.has(tokens[k]!.text)) k--;
      const opener = tokens[k + 1];
      if (k > first && tokens[k]!.text === ',' && opener && low(opener) !== 'that' && g.relative.has(low(opener))) {
        j = k;
        nominal = false;
        continue;
      }
    }
    if (t.text === ',') {
      // "According to Red Cross figures, clashes in Darfur have left ...": a subject phrase with its
      // own head noun ends at the comma before it; what lies beyond is an adjunct.
      if (found.length === 0 && nominal && !sawConj && attributionBefore(tokens, j, first)) break;
      if (found.length > 0 && !sawConj) {
        // "X, a spokesman for Y, said": the segment after the comma is an apposition.
        const next = tokens[j + 1];
        const apposition = lastComma > j && next !== undefined && (next.pos === 'DET' || next.pos === 'ADJ');
        // "his Chinese counterpart, Xi Jinping": a bare name after a noun renames it.
        // ("on Wednesday, Italy sent": a day is no noun a name renames.)
        const before = tokens[j - 1];
        const name = next !== undefined && nameUpTo(tokens, j + 1, start) && (before?.pos === 'NOUN' || before?.pos === 'PROPN') && !g.timeWords.has(before.lemma) && !g.timeWords.has(low(before));
        if (!apposition && !name) break;
      }
      lastComma = j;
      continue;
    }
    if (t.pos === 'CCONJ') {
      // "... and said": a conjunction right before the verb chains it to the previous one;
      // ", and both blame": after a comma, one with no party yet opens a new clause.
      if (!nominal || (found.length === 0 && tokens[j - 1]?.text === ',')) break;
      sawConj = true;
      continue;
    }
    if (t.pos === 'ADP' && t.lemma === 'to' && !nominal) continue;
    if (isNominal(t) || t.pos === 'ADP') nominal = nominal || isNominal(t);
    const m = at[j]!;
    if (m >= 0 && (j === first || at[j - 1] !== m) && !afterLocationPrep(tokens, j, first, g) && !found.includes(m) && !possessorOfFollowers(tokens, at, j, found[0], g)) found.unshift(m);
  }
  return { subject: found, stop: j >= first ? j : -1, nominal, relative };
}

/**
 * True when the mention starting at token j is the possessor of the mention `head` right after
 * it and `head` names followers: "Odinga's supporters" are the party, not Odinga.
 */
function possessorOfFollowers(tokens: Token[], at: Int32Array, j: number, head: number | undefined, g: Grammar): boolean {
  if (head === undefined) return false;
  let k = j;
  while (k < tokens.length && at[k] === at[j]) k++;
  if (!POSSESSIVE.has(tokens[k]?.text ?? '')) return false;
  // The head mention starts within a word or two ("Odinga's loyal supporters") and is read to its last word.
  let h = k + 1;
  while (h < tokens.length && h <= k + 3 && at[h] !== head) h++;
  if (at[h] !== head) return false;
  while (at[h + 1] === head) h++;
  return g.followers.has(tokens[h]!.lemma);
}

/** True when a short phrase from k ends in a speech verb: "Qatar said", "the ministry said in a statement". */
export function attribution(tokens: Token[], k: number, end: number, g: Grammar): boolean {
  for (let j = k; j < end && j < k + 7; j++) {
    const t = tokens[j]!;
    if (t.pos === 'VERB') return g.speech.has(t.lemma);
    if (!isNominal(t) && t.pos !== 'ADP') return false;
  }
  return false;
}

function objectEndOf(tokens: Token[], at: Int32Array, head: number, end: number, g: Grammar, nextStart: number): number {
  let k = head + 1;
  for (; k < end && k < nextStart; k++) {
    const t = tokens[k]!;
    if (QUOTES.has(t.text)) continue;
    if (isBoundary(t, g) && !(t.lemma === 'that' && t.pos === 'DET')) break;
    // "spoke with journalists after NATO ministers met": a preposition wink tags for a conjunction.
    if (t.pos === 'ADP' && g.boundaryWords.has(t.lemma) && verbWithin(tokens, k + 1, end)) break;
    // "..., Belgrade radio said": a trailing attribution is not the object, even when it opens on a name.
    if (t.text === ',' && (!(k + 1 < end && at[k + 1]! !== -1) || attribution(tokens, k + 1, end, g))) break;
  }
  return k;
}

const PARTICLES = new Set(['down', 'up', 'out', 'off', 'back']);

/**
 * A verb, or a present-tense verb wink tagged as a plural noun: "Russia attacks
 * Ukraine" has a name right before and an object right after.
 */
export function isVerb(tokens: Token[], i: number, first: number, end: number, at: Int32Array): boolean {
  const t = tokens[i]!;
  // "opposed to French mediation": a word naming a party is no verb, whatever its tag.
  if (at[i] !== -1) return false;
  // "long-threatened invasion", "Russian-occupied regions": part of a compound modifier.
  if (i > first && tokens[i - 1]!.text === '-') return false;
  if (t.pos === 'VERB') {
    const prev = i > first ? tokens[i - 1]! : null;
    const next = i + 1 < end ? tokens[i + 1]! : null;
    // "with Albania's help", "Jordan's visiting king": what a possessive opens is a noun phrase.
    if (prev && prev.pos === 'PART' && POSSESSIVE.has(prev.text)) return false;
    if (!next) return true;
    // "Ousted President X", "Exiled leaders": a sentence does not open on a past verb, so a participle there describes the noun after it.
    if (!prev) return !(t.text.endsWith('ed') && (next.pos === 'NOUN' || next.pos === 'PROPN' || next.pos === 'ADJ'));
    // "rejected calls by X": a verb-tagged plural right after a verb is its object.
    if (prev.pos === 'VERB' && t.text.endsWith('s') && !t.text.endsWith('ss')) return false;
    // "condemned the storming of the compound": an -ing form between a determiner and "of" is a noun.
    if (t.text.endsWith('ing') && prev.pos === 'DET' && next.lemma === 'of') return false;
    // "X, a Somali-born engineer working with the ministry, was killed": an -ing form inside an
    // apposition describes the person, it tells no act.
    if (t.text.endsWith('ing') && isNominal(prev) && inApposition(tokens, i, first)) return false;
    // "the visiting South Korean president", "and visiting President X": an -ing form before a
    // title or name describes it.
    if (t.text.endsWith('ing') && (prev.pos === 'DET' || prev.pos === 'CCONJ') && (next.pos === 'PROPN' || next.pos === 'ADJ' || (at[i + 1]! >= 0 && next.pos !== 'PRON'))) return false;
    // "rejected proposed changes", "the alleged crimes": a participle before its noun describes it.
    const attributive = next.pos === 'NOUN' || next.pos === 'ADJ' || next.pos === 'PROPN';
    // (Not after a group the tagger read as an adjective: "the military detained President X".)
    const groupBefore = prev.pos === 'ADJ' && at[i - 1]! >= 0 && (i - 1 === first || at[i - 2] === at[i - 1] || tokens[i - 2]!.pos === 'DET');
    if (t.text.endsWith('ed') && attributive && !groupBefore && (prev.pos === 'DET' || prev.pos === 'ADJ' || prev.pos === 'VERB' || prev.pos === 'ADP')) return false;
    return true;
  }
  // "the regime repressed protesters": a past form wink took for an adjective, between subject and object.
  if (t.pos === 'ADJ' && t.text.endsWith('ed') && i > first && i + 1 < end) {
    const before = tokens[i - 1]!.pos;
    const after = tokens[i + 1]!.pos;
    return (before === 'NOUN' || before === 'PROPN') && (after === 'NOUN' || after === 'DET' || after === 'PROPN');
  }
  if (t.pos !== 'NOUN' || i === first || i + 1 >= end) return false;
  const prev = tokens[i - 1]!;
  // "have retaken the village": a participle wink took for a noun, right after a perfect auxiliary.
  if (prev.pos === 'AUX' && prev.lemma === 'have' && /(en|ed)$/.test(t.text)) return true;
  const next = tokens[i + 1]!;
  // "Gunmen abducted four traders", "police shot dead a man": after a party, a noun-tagged word
  // with an object right after it (a number, a determiner, "dead a") is the party's verb.
  // ("abducted at least 80 students", "killed more than 20": a quantity opens the object too.)
  const quantity = (next.pos === 'ADP' || next.pos === 'ADJ' || next.pos === 'ADV') && i + 2 < end && (tokens[i + 2]!.pos === 'NUM' || (i + 3 < end && tokens[i + 3]!.pos === 'NUM'));
  // ("Police in Lyon shot dead a boy": or after the place that ends the party's phrase.)
  if ((at[i - 1]! >= 0 || at[i - 1]! <= -3) && at[i] === -1 && (/ed$/.test(t.text) || t.text === t.lemma) && !t.text.endsWith('s')
    && (next.pos === 'NUM' || next.pos === 'DET' || quantity || (next.pos === 'ADJ' && i + 2 < end && (tokens[i + 2]!.pos === 'DET' || tokens[i + 2]!.pos === 'NUM')))) return true;
  // ", killing 12 people", ", arresting dozens of students", "by expelling 12 agents": a participle
  // wink took for a noun, opening an adjunct after a comma or "by", with its object right after it.
  if ((prev.text === ',' || prev.lemma === 'by') && t.text.endsWith('ing') && (next.pos === 'NUM' || next.pos === 'DET' || next.pos === 'PRON' || (next.pos === 'NOUN' && next.text.endsWith('s') && next.lemma !== next.text.toLowerCase()))) return true;
  // "both blame the alliance", "they blame X": after a subject pronoun, a noun-tagged word before a determiner acts.
  if ((prev.lemma === 'both' || prev.lemma === 'they' || prev.lemma === 'we') && (next.pos === 'DET' || next.pos === 'PROPN')) return true;
  // "forces shot down 30 drones": a noun-tagged word with a verb particle and an object acts.
  const after = tokens[i + 2];
  if (PARTICLES.has(next.lemma) && (prev.pos === 'NOUN' || prev.pos === 'PROPN') && after !== undefined && i + 2 < end
    && (after.pos === 'NUM' || after.pos === 'DET' || after.pos === 'PROPN' || after.pos === 'ADJ')) return true;
  if (!t.text.endsWith('s')) return false;
  const before = i - 2 >= first ? tokens[i - 2]! : null;
  return (prev.pos === 'PROPN' || prev.pos === 'PRON')
    && (next.pos === 'DET' || next.pos === 'PROPN' || next.pos === 'PRON' || next.pos === 'NUM')
    && !(before && (before.pos === 'DET' || before.pos === 'ADJ' || before.pos === 'PART' || before.pos === 'ADP'));
}

/** True when mention m (after token `from`) sits in a prepositional phrase: an ADP before it, after `from`. */
function inPhrase(tokens: Token[], at: Int32Array, m: number, from: number): boolean {
  let k = at.indexOf(m, from);
  while (k > from && (tokens[k - 1]!.pos === 'DET' || tokens[k - 1]!.pos === 'ADJ' || tokens[k - 1]!.pos === 'NUM' || at[k - 1] === m)) k--;
  return k > from && tokens[k - 1]!.pos === 'ADP';
}

/** True when the noun phrase ending at token k is the object of a preposition: "in a letter (handed over)". */
function inPrepPhrase(tokens: Token[], k: number, first: number): boolean {
  // "thousands of teachers (marched)": "of" stays inside the phrase.
  while (k >= first && (isNominal(tokens[k]!) || tokens[k]!.pos === 'DET' || tokens[k]!.lemma === 'of')) k--;
  return k >= first && tokens[k]!.pos === 'ADP';
}

function nameUpTo(tokens: Token[], from: number, to: number): boolean {
  if (to - from > 4 || to <= from) return false;
  for (let k = from; k < to; k++) if (tokens[k]!.pos !== 'PROPN') return false;
  return true;
}

function pronounOnly(tokens: Token[], from: number, to: number, g: Grammar): boolean {
  let pron = 0;
  for (let k = from; k < to; k++) {
    const t = tokens[k]!;
    // "announced on Tuesday it was recalling": the day of the saying comes between.
    const day = (x: Token | undefined) => x !== undefined && (g.timeWords.has(x.lemma) || g.timeWords.has(low(x)));
    if (t.pos === 'PRON') pron++;
    else if (day(t) || (t.pos === 'ADP' && day(tokens[k + 1]))) continue;
    else if (t.pos !== 'ADV' && t.pos !== 'AUX' && t.pos !== 'ADJ' && t.pos !== 'PART') return false;
  }
  return pron === 1;
}

/** True when the phrase ending at the comma j opens with "according to" (an attribution, not a subject). */
function attributionBefore(tokens: Token[], j: number, first: number): boolean {
  for (let k = j - 1; k >= Math.max(first, j - 8); k--) {
    if (tokens[k]!.text === ',') return false;
    if (low(tokens[k]!) === 'according' && tokens[k + 1]?.lemma === 'to') return true;
  }
  return false;
}

/** True when the noun phrase ending right before i opens with ", a" or ", an" (an apposition). */
function inApposition(tokens: Token[], i: number, first: number): boolean {
  for (let k = i - 1; k >= Math.max(first + 1, i - 6); k--) {
    const t = tokens[k]!;
    if (t.pos === 'DET' && (t.lemma === 'a' || t.lemma === 'an')) return tokens[k - 1]!.text === ',';
    // ("a Chilean-born engineer": a participle inside a hyphenated modifier.)
    if (!isNominal(t) && t.pos !== 'ADJ' && t.text !== '-' && !(t.pos === 'VERB' && tokens[k - 1]!.text === '-')) return false;
  }
  return false;
}

function verbWithin(tokens: Token[], from: number, end: number): boolean {
  for (let k = from; k < end && k < from + 6; k++) {
    if (tokens[k]!.pos === 'VERB' || tokens[k]!.pos === 'AUX') return true;
    if (tokens[k]!.pos === 'PUNCT') return false;
  }
  return false;
}

/** "supplying" in "accused Iran of supplying": an -ing verb with no auxiliary of its own. */
function bareGerund(tokens: Token[], p: Predicate): boolean {
  return p.start === p.head && tokens[p.head]!.text.endsWith('ing');
}

/** Index in `out` of the speech predicate that reports predicate k ("said (that) k"), or -1. */
function reportedBy(tokens: Token[], out: Predicate[], k: number, g: Grammar): number {
  const p = out[k]!;
  if (p.stop < 0) return -1;
  const at = tokens[p.stop]!.lemma === 'that' ? p.stop - 1 : p.stop;
  for (let j = k - 1; j >= 0; j--) {
    const q = out[j]!;
    if (q.head <= at) return q.head >= at - 3 && g.speech.has(tokens[q.head]!.lemma) ? j : -1;
  }
  return -1;
}

/** Every verb group of sentence [first, end) with its subject and object region. */
export function predicates(doc: Doc, at: Int32Array, first: number, end: number, g: Grammar): Predicate[] {
  const tokens = doc.tokens;
  const out: Predicate[] = [];
  for (let i = first; i < end; i++) {
    if (!isVerb(tokens, i, first, end, at)) continue;
    const group = groupOf(tokens, i, first, g);
    const s = subjectOf(tokens, at, group.start, first, g);
    let subject = s.subject;
    let governor = -1;
    const prev = out.length - 1;
    if (prev >= 0 && s.stop >= 0 && s.stop === out[prev]!.head) governor = prev;
    else if (prev >= 0 && s.stop >= 0 && tokens[s.stop]!.pos === 'CCONJ') {
      governor = prev;
      // "expelled four officers based at the embassy and closed its consulate": a reduced passive
      // describing a noun is no verb the next one goes on from.
      // (Not after a speech verb: "said troops fired on a base and also targeted" is the troops'.)
      const describes = (q: Predicate, before: Predicate) => q.start === q.head && !q.infinitive && /ed$/.test(low(tokens[q.head]!)) && !g.speech.has(tokens[before.head]!.lemma)
        && (q.passive || (q.subject.length > 0 && q.subject.every((m) => doc.mentions[m]!.start > tokens[before.head]!.start && doc.mentions[m]!.start < (tokens[before.objectEnd - 1]?.end ?? Infinity))));
      while (governor > 0 && describes(out[governor]!, out[governor - 1]!)) governor--;
      // "X said that Y had shipped shells, and warned Z": after a comma, the verb goes on from the
      // speaker, not from inside what was reported.
      const speaker = reportedBy(tokens, out, prev, g);
      // ("X said security forces had acted with restraint and blamed Y": a simple past after a
      // reported past perfect goes on from the speaker too.)
      const backshifted = speaker >= 0 && out[prev]!.pastPerfect && !group.pastPerfect && group.start === i && !group.infinitive && /ed$/.test(low(tokens[i]!));
      if (speaker >= 0 && (tokens[s.stop - 1]?.text === ',' || backshifted)) governor = speaker;
      // "accused Iran of supplying missiles and announced sanctions": an inflected verb after a
      // bare gerund goes on from the last inflected one.
      else if (!group.infinitive && !tokens[i]!.text.endsWith('ing') && bareGerund(tokens, out[prev]!)) {
        let j = prev;
        while (j >= 0 && (out[j]!.infinitive || bareGerund(tokens, out[j]!))) j--;
        if (j >= 0) governor = j;
      }
    }
    // "sent personnel to Bosnia to investigate": parties inside a prepositional phrase do not
    // control the infinitive; the governor's subject does.
    if (group.infinitive && governor >= 0 && subject.length > 0 && subject.every((m) => inPhrase(tokens, at, m, out[governor]!.head))) {
      subject = out[governor]!.subject;
    }
    const reduced = group.passive && group.start === i;
    if (reduced) {
      // "a deal brokered by China": a reduced passive is about the noun phrase right before it.
      let k = i - 1;
      while (k >= first && isNominal(tokens[k]!)) k--;
      subject = mentionsIn(tokens, at, k + 1, i, first, g);
      // "The senator was among those arrested": the one the passive is about is the copula's subject.
      if (subject.length === 0 && k > first && low(tokens[k]!) === 'among' && k + 2 === i && low(tokens[k + 1]!) === 'those' && tokens[k - 1]!.lemma === 'be') {
        subject = subjectOf(tokens, at, k - 1, first, g).subject;
      }
    }
    // ", refusing to condemn", and "responded by expelling 12 agents": an adjunct gerund shares the
    // clause's subject.
    // ("after ordering them to leave", "before releasing him": so does one right after a
    // subordinator, whatever the scan back found: a noun before "after" is no subject of what follows it.)
    const participle = prev >= 0 && group.start === i && tokens[i]!.text.endsWith('ing') && i > first
      && (tokens[i - 1]!.text === ',' || (g.adjunctGerund.has(low(tokens[i - 1]!)) && out[prev]!.subject.length > 0));
    if (participle) {
      // "China has broken with X, refusing to condemn": the adjunct's subject is the clause's,
      // the one right before it when it has one ('"Beijing is fuelling it," Rutte said, urging').
      subject = (out[prev]!.subject.length > 0 ? out[prev]! : out.find((q) => q.subject.length > 0))?.subject ?? subject;
      governor = prev;
    } else if (subject.length === 0 && (!s.nominal || group.infinitive) && governor >= 0 && !reduced) {
      // "agreed to cooperate", "arrested X and killed Y": the chained verb shares the subject.
      subject = out[governor]!.subject;
    } else if (subject.length === 0 && prev >= 0 && s.stop >= 0 && pronounOnly(tokens, s.stop + 1, group.start, g) && g.speech.has(tokens[out[prev]!.head]!.lemma) && (s.stop === out[prev]!.head || tokens[s.stop]!.lemma === 'that')) {
      // "Syria says it is willing": an unresolved pronoun after a speech verb is the speaker.
      subject = out[prev]!.subject;
    } else if (subject.length === 0 && group.start - s.stop === 2 && g.bothWords.has(low(tokens[s.stop + 1]!))) {
      // "China and Russia are united ..., and both blame NATO": "both" is the pair named before.
      subject = out.find((q) => q.subject.length >= 2)?.subject ?? subject;
    } else if (subject.length === 0 && s.nominal && !reduced) {
      // "students throughout Indonesia", "demonstrators in Baghdad": a group known only by where it is.
      subject = mentionsIn(tokens, at, Math.max(first, s.stop + 1), group.start, first, g, true);
      // "issued a statement condemning X", "released a report accusing Y": what a statement of the
      // clause's subject says, that subject says.
      if (subject.length === 0 && governor >= 0 && group.start === i && tokens[i]!.text.endsWith('ing') && s.stop === out[governor]!.head) subject = out[governor]!.subject;
    }
    // "failed to reach agreement": the chained act did not happen.
    // "failed to reach", "China's failure to condemn", "is unwilling to", "avoided blaming": the
    // chained act did not happen.
    const before = tokens[group.start - 1];
    const gerund = group.start === i && tokens[i]!.text.endsWith('ing') && governor >= 0 && s.stop === out[governor]!.head;
    const failed = ((group.infinitive || gerund) && governor >= 0 && g.failure.has(tokens[out[governor]!.head]!.lemma))
      || (group.infinitive && before !== undefined && g.failure.has(before.lemma))
      // "instead of protecting them", "rather than condemning it": the act was not done.
      || (group.start === i && tokens[i]!.text.endsWith('ing') && i - 2 >= first && g.alternative.has(`${low(tokens[i - 2]!)} ${low(tokens[i - 1]!)}`));
    // Built field by field: an object spread here was the stage's hottest line.
    const pred = group as Predicate;
    // "the US must be ready to mediate": the obligation sits on the copula before the adjective.
    if (group.infinitive && before?.pos === 'ADJ') {
      for (let k = group.start - 2; k >= first && tokens[k]!.pos === 'AUX'; k--) if (g.deonticModals.has(tokens[k]!.lemma)) pred.deontic = true;
    }
    pred.participle = participle;
    // "weapons seized last year", "property captured by X": a bare participle after the object
    // of an earlier verb (not after "said" or "that") is a reduced relative clause.
    const bare = tokens[i]!.text.endsWith('ed') && group.start === i && i > first && tokens[i - 1]!.pos === 'NOUN';
    const reported = prev >= 0 && (g.speech.has(tokens[out[prev]!.head]!.lemma) || (s.stop >= 0 && tokens[s.stop]!.lemma === 'that'));
    pred.relative = s.relative || (bare && (tokens[i + 1]?.lemma === 'by' || (prev >= 0 && !reported) || inPrepPhrase(tokens, i - 1, first)));
    pred.negated = group.negated || failed;
    pred.subject = subject;
    pred.governor = governor;
    pred.stop = s.stop;
    pred.objectEnd = end;
    out.push(pred);
  }
  for (let p = 0; p < out.length; p++) {
    const next = p + 1 < out.length ? out[p + 1]!.start : end;
    out[p]!.objectEnd = objectEndOf(tokens, at, out[p]!.head, end, g, next);
  }
  return out;
}
