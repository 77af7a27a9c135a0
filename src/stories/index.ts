// The stories stage: copies, near copies and story clusters across outlets.
// `StoryIndex` (cluster.ts) is the incremental engine; this batch entry point
// runs one corpus through a fresh index.
import type { Doc, Story } from '../types.js';
import { StoryIndex, type StoryOptions, type StoryTerms } from './cluster.js';

export { StoryIndex, storyTerms, type StoryTerms } from './cluster.js';
export { compare } from './compare.js';

/**
 * Groups the docs into stories; sets each article's `story`, `duplicateOf` and copy flag.
 * `terms`: each doc's `storyTerms`, when computed already.
 */
export function annotate(docs: Doc[], options: Partial<StoryOptions> = {}, terms?: readonly (StoryTerms | undefined)[]): Story[] {
  const index = new StoryIndex(options);
  index.add(docs, terms);
  return index.stories();
}
