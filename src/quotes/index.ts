// The quotes stage: direct, partial and indirect speech with speakers.
// Quote marks are paired in marks.ts, tokens and noun phrases read in text.ts,
// speakers resolved in speakers.ts, cues and quotes found in reader.ts.
import type { Doc, Quote } from '../types.js';
import type { QuotesKnowledge } from './lexicon.js';
import { Reader } from './reader.js';

export { load, type QuotesKnowledge } from './lexicon.js';

export function annotate(doc: Doc, kb: QuotesKnowledge): Quote[] {
  return new Reader(doc, kb).run();
}
