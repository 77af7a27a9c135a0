// One analysis thread of `--jobs N` (pool.ts starts them): it loads every stage's
// knowledge once, then runs the per-article stages on each batch the main thread
// sends, and sends back what the corpus stages, the output and the store read.
import { parentPort, workerData } from 'node:worker_threads';
import { SiteMemory } from '../clean/site.js';
import type { UserLexicon } from '../knowledge.js';
import { analyzeBatch, knowledgeOf, type Knowledge } from '../pipeline.js';
import type { Doc, InputError, RawArticle } from '../types.js';
import { extrasOf, type Extra, type Extras } from './extras.js';

export interface AnalystData {
  /** The user's lexicons as the main thread read them: every thread analyses with the same. */
  user: UserLexicon;
  /** Whether batches are cleaned with a site memory (ingest) or without (analyze). */
  learnSites: boolean;
  /** What to compute beside each article for the work that follows (extras.ts). */
  extra: Extra;
}

/** Site lines an article teaches: its path, its outlet and the keys of its learnable lines. */
export type SiteLines = [path: string, outlet: string | null, keys: string[]];

export interface BatchRequest {
  seq: number;
  raws: RawArticle[];
  /** Lines to learn before this batch: those of the batches before it (and of its own articles) this thread has not had yet. */
  sites: SiteLines[];
}

export interface BatchReply {
  seq: number;
  /** Each analysed article by its place in the request's `raws`, with its extras. */
  analysed: ({ index: number; doc: Doc } & Extras)[];
  errors: InputError[];
}

const port = parentPort!;
const { user, learnSites, extra } = workerData as AnalystData;
const kb = knowledgeOf(user);
const sites = new SiteMemory();
const learning: Knowledge = learnSites ? { ...kb, clean: { ...kb.clean, sites } } : kb;
// Loaded: a thread that dies from now on died of a batch, not of a broken install.
port.postMessage({ type: 'ready' });

port.on('message', ({ seq, raws, sites: lines }: BatchRequest) => {
  for (const [path, outlet, keys] of lines) sites.add(path, outlet, keys);
  const { analysed, errors } = analyzeBatch(raws, learning);
  const at = new Map(raws.map((raw, index) => [raw, index]));
  // Tokens and paragraphs are most of a Doc's weight, and neither the corpus stages, the
  // output nor the store read them (the store does not even keep them): copying them back
  // would cost the main thread more than the analysis saves.
  const reply: BatchReply & { type: 'batch' } = {
    type: 'batch',
    seq,
    analysed: analysed.map(({ raw, doc }) => ({ index: at.get(raw)!, doc: { ...doc, tokens: [], paragraphs: [] }, ...extrasOf(doc, extra) })),
    errors,
  };
  port.postMessage(reply);
});
