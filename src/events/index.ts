// The events stage: PLOVER events with CAMEO codes from clauses and the verb lexicon.
import type { Doc, PloverEvent } from '../types.js';

export function annotate(_doc: Doc): PloverEvent[] {
  return [];
}
