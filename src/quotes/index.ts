// The quotes stage: direct, partial and indirect speech with speakers.
import type { Doc, Quote } from '../types.js';

export function annotate(_doc: Doc): Quote[] {
  return [];
}
