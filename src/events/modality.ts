// Modality: whether an act happened as the text tells it. Claims and charges are not
// asserted, futures and conditions are not facts, allegations by a party are
// "reported", and natural causes of harm are no attack.
import type { EventActor, Modality, Quote, Token } from '../types.js';
import { isBoundary, isNominal, low, type Predicate } from './clauses.js';
import type { Grammar } from './lexicon.js';


/** True when the sentence names a natural or accidental cause of harm ("flood", "stampede"). */
export function hasHazard(tokens: Token[], first: number, end: number, g: Grammar): boolean {
  for (let k = first; k < end; k++) {
    const t = tokens[k]!;
    const w = low(t);
    // Only a noun names a cause: "fired tear gas", "set fire to", "opened fire" name none.
    if (t.pos !== 'NOUN' && t.pos !== 'PROPN') continue;
    if (k > first && g.fireVerbs.has(tokens[k - 1]!.lemma)) continue;
    // "Floods", "Fires": wink leaves some plurals as they are.
    if (g.hazards.has(t.lemma) || g.hazards.has(w) || (w.endsWith('s') && g.hazards.has(w.slice(0, -1)))) return true;
  }
  return false;
}

/**
 * True when the text gives an act as a party's allegation rather than as fact: it is
 * reported by a speaker who is not its doer ("Cambodia said Thai jets bombed ..."), or
 * the sentence marks it so ("allegedly", "could not be verified").
 */
export function allegedBy(tokens: Token[], first: number, end: number, quote: Quote | undefined, source: EventActor[], g: Grammar): boolean {
  for (let k = first; k < end; k++) if (g.allegation.has(tokens[k]!.lemma) || g.allegation.has(low(tokens[k]!))) return true;
  const speakers = quote ? (quote.speakers ?? (quote.speaker ? [quote.speaker] : [])) : [];
  const by = speakers.map((s) => s.actor).filter((a): a is string => !!a);
  if (by.length === 0 || source.length === 0) return false;
  return !source.some((a) => a.actor !== null && by.includes(a.actor));
}

/** True when p's clause is the content of a claim noun ("the allegation that ...", "accusations that ..."). */
export function claimed(tokens: Token[], p: Predicate, preds: Predicate[], g: Grammar): boolean {
  // "that Moscow is poised to launch an invasion": an infinitive is claimed with its governor.
  if (p.infinitive && p.governor >= 0 && preds[p.governor] !== p && claimed(tokens, preds[p.governor]!, preds, g)) return true;
  if (p.stop < 1 || tokens[p.stop]!.lemma !== 'that') return false;
  let k = p.stop - 1;
  // "warnings from Western leaders that ...", "claims by Moscow that ...": past whose claim it is.
  let j = k;
  while (j > 0 && j > p.stop - 6 && isNominal(tokens[j]!)) j--;
  if (j < k && tokens[j]!.pos === 'ADP' && (tokens[j]!.lemma === 'from' || tokens[j]!.lemma === 'by')) k = j - 1;
  const noun = tokens[k];
  return noun !== undefined && noun.pos === 'NOUN' && g.claimNouns.has(noun.lemma);
}

/** True when p is a gerund in what a charge or accusation says ("charges of ... aiding X"). */
export function chargedWith(tokens: Token[], p: Predicate, first: number, g: Grammar): boolean {
  if (p.start !== p.head || !tokens[p.head]!.text.endsWith('ing')) return false;
  for (let k = p.head - 1; k >= first && k >= p.head - 6; k--) {
    const t = tokens[k]!;
    if (t.lemma === 'of' && k > first) {
      const noun = tokens[k - 1]!;
      return noun.pos === 'NOUN' && (g.claimNouns.has(noun.lemma) || g.claimNouns.has(low(noun)));
    }
    if (!(t.pos === 'NOUN' || t.pos === 'ADJ' || t.pos === 'CCONJ' || t.text === ',')) return false;
  }
  return false;
}

/** The speech predicate that reports p ("said that p", "said p"), if any. */
export function reporter(tokens: Token[], p: Predicate, preds: Predicate[], g: Grammar): Predicate | null {
  if (p.stop < 0) return null;
  const at = tokens[p.stop]!.lemma === 'that' ? p.stop - 1 : p.stop;
  const q = [...preds].reverse().find((x) => x.head <= at && x.head < p.head);
  return q && q.head >= at - 3 && g.speech.has(tokens[q.head]!.lemma) ? q : null;
}

/** "is willing to withdraw", "promised to help": an infinitive under an intent word. */
export function intentGoverned(tokens: Token[], p: Predicate, preds: Predicate[], g: Grammar): boolean {
  if (!p.infinitive) return false;
  const before = tokens[p.start - 1];
  if (before && (g.intent.has(low(before)) || g.intent.has(before.lemma))) return true;
  if (p.governor < 0) return false;
  // "is willing to send material to help defend X": intent carries down a chain of infinitives.
  const gov = preds[p.governor]!;
  return g.intent.has(tokens[gov.head]!.lemma) || (gov !== p && gov.infinitive && intentGoverned(tokens, gov, preds, g));
}

export function hasNegator(tokens: Token[], from: number, to: number, g: Grammar): boolean {
  for (let k = from; k < to; k++) if (g.negators.has(low(tokens[k]!))) return true;
  return false;
}

export function hasWord(tokens: Token[], from: number, to: number, lemma: string): boolean {
  for (let k = from; k < to; k++) if (tokens[k]!.lemma === lemma) return true;
  return false;
}

/** True when the clause holding token i opens with "if" or "unless". */
export function conditionalBefore(tokens: Token[], i: number, first: number, g: Grammar): boolean {
  for (let k = i - 1; k >= first; k--) {
    const t = tokens[k]!;
    if (g.conditional.has(t.lemma)) return true;
    if (isBoundary(t, g) || t.text === ',') return false;
  }
  return false;
}

export function modalityOf(tokens: Token[], p: Predicate, preds: Predicate[], first: number, end: number, g: Grammar, pubYear: number): Modality {
  const stopWord = p.stop >= 0 ? tokens[p.stop]!.lemma : '';
  const gov = p.governor >= 0 ? preds[p.governor]! : null;
  // "said they would boycott": reported speech turns will into would.
  const reported = stopWord === 'that' || (p.stop >= 0 && g.speech.has(tokens[p.stop]!.lemma));
  if (p.hypotheticalModal && reported && tokens.slice(p.start, p.head).some((t) => low(t) === 'would')) return 'future';
  if (p.hypotheticalModal || g.conditional.has(stopWord)) return 'hypothetical';
  if (gov && p.infinitive && gov.hypotheticalModal) return 'hypothetical';
  if (p.futureModal) return 'future';
  if (gov && p.infinitive && (g.future.has(tokens[gov.head]!.lemma) || gov.futureModal)) return 'future';
  if (p.infinitive && p.start > first && (g.intent.has(low(tokens[p.start - 1]!)) || g.future.has(tokens[p.start - 1]!.lemma))) return 'future';
  // "abuses aimed at silencing critics": an -ing form after "aimed at" is only intended (no
  // threat, which "future" would make of a hostile act).
  // ("aimed at silencing critics and punishing dissent": so is one joined to it.)
  const purpose = (q: Predicate) => q.start === q.head && q.start - 2 >= first && tokens[q.head]!.text.endsWith('ing') && tokens[q.start - 1]!.lemma === 'at' && g.future.has(tokens[q.start - 2]!.lemma);
  if (purpose(p) || (gov && p.start === p.head && tokens[p.head]!.text.endsWith('ing') && p.stop >= 0 && tokens[p.stop]!.pos === 'CCONJ' && purpose(gov))) return 'hypothetical';
  // "promised to impose tariffs and to raise them": every infinitive of a promise is to come.
  if (p.infinitive && intentGoverned(tokens, p, preds, g)) return 'future';
  // "said that NATO had agreed": in reported speech the past perfect is only backshift.
  if ((p.pastPerfect && !reported) || p.historicalAdverb) return 'historical';
  const from = Math.max(first, p.stop);
  for (let k = from; k < p.objectEnd && k < end; k++) {
    const t = tokens[k]!;
    // ("the first summit since 2011": a bound of a time that runs to now places nothing in the past.)
    const bound = k > 0 && (tokens[k - 1]!.lemma === 'since' || tokens[k - 1]!.lemma === 'until');
    if (t.pos === 'NUM' && /^(1[89]|20)\d\d$/.test(t.text) && Number(t.text) < pubYear && !bound) return 'historical';
    if (t.lemma === 'ago') return 'historical';
  }
  return 'asserted';
}

/** True when a word of the set (by lemma or as written) is in [from, to). */
export function hasAny(tokens: Token[], from: number, to: number, words: ReadonlySet<string>): boolean {
  for (let k = from; k < to; k++) if (words.has(tokens[k]!.lemma) || words.has(low(tokens[k]!))) return true;
  return false;
}
