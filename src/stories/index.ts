// The stories stage: copies, near copies and story clusters across outlets.
import type { Doc, Story } from '../types.js';

export function annotate(_docs: Doc[]): Story[] {
  return [];
}
