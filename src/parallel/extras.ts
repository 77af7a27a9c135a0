// What a thread that analysed an article also computes for the work that follows,
// so that this work is spread over the threads too instead of waiting for the end
// of the run in the main thread.
import { encodeLayers } from '../store/layers.js';
import { storyTerms, type StoryTerms } from '../stories/index.js';
import type { Doc } from '../types.js';

/** `story terms`: analyze's stories stage reads them; `layers`: ingest's store writes them. */
export type Extra = 'story terms' | 'layers';

export interface Extras {
  storyTerms?: StoryTerms;
  /** The article's `encodeLayers`, as stored. */
  layers?: Uint8Array;
}

export function extrasOf(doc: Doc, extra: Extra): Extras {
  return extra === 'layers' ? { layers: encodeLayers(doc.article, { ...doc, removed: doc.article.removed }) } : { storyTerms: storyTerms(doc) };
}
