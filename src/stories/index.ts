// The stories stage: copies, near copies and story clusters across outlets.
// `StoryIndex` (cluster.ts) is the incremental engine; this batch entry point
// runs one corpus through a fresh index.
import type { Doc, Story } from '../types.js';
import { StoryIndex, type StoryOptions } from './cluster.js';

export { StoryIndex } from './cluster.js';
export { compare } from './compare.js';

/** Groups the docs into stories; sets each article's `story`, `duplicateOf` and copy flag. */
export function annotate(docs: Doc[], options: Partial<StoryOptions> = {}): Story[] {
  const index = new StoryIndex(options);
  index.add(docs);
  return index.stories();
}
