// The server's writer: a worker thread with its own database connection that analyses
// POSTed articles, stores them and then brings stories and claims up to date, so that
// none of this heavy work runs on the thread that answers requests. Jobs run one at a
// time; a store job answers as soon as its articles are written, and the corpus update
// follows when no store job waits (articles that arrive meanwhile join the same update).
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeArticle, loadKnowledge } from '../pipeline.js';
import { CorpusUpdater, openStore, SiteSync, storeArticles } from '../store/index.js';
import type { RawArticle } from '../types.js';

export interface WorkerData {
  db: string;
  lexicons: string[];
}

export type Request = { type: 'store'; id: number; raws: RawArticle[] } | { type: 'settled'; id: number };

export type Reply =
  | { type: 'ready' }
  | { type: 'stored'; id: number; result?: Awaited<ReturnType<typeof storeArticles>>; error?: string }
  | { type: 'settled'; id: number }
  | { type: 'corpus'; mode: string; reason?: string; stories: number; error?: string };

const port = parentPort!;
const { db, lexicons } = workerData as WorkerData;
const kb = loadKnowledge(lexicons);
const repo = await openStore(db);
const corpus = new CorpusUpdater(repo, kb.user);
// Kept between writes: each reads only the site lines stored since the last.
const sites = new SiteSync(kb);
const jobs: Request[] = [];
const written: string[] = [];
let stale = true;
let running = false;

const send = (reply: Reply) => port.postMessage(reply);
/** Lets messages that arrived meanwhile join the queue before deciding what runs next. */
const breathe = () => new Promise((resolve) => setImmediate(resolve));

async function pump(): Promise<void> {
  if (running) return;
  running = true;
  try {
    for (;;) {
      await breathe();
      const job = jobs.find((j) => j.type === 'store');
      if (job && job.type === 'store') {
        jobs.splice(jobs.indexOf(job), 1);
        try {
          const result = await storeArticles(repo, job.raws, kb, { updateCorpus: false, sites });
          corpus.written(result.added.length);
          written.push(...result.added);
          if (result.added.length > 0) stale = true;
          send({ type: 'stored', id: job.id, result });
        } catch (err) {
          send({ type: 'stored', id: job.id, error: (err as Error).message });
        }
        continue;
      }
      if (stale) {
        stale = false;
        try {
          const update = await corpus.add(written.splice(0));
          send({ type: 'corpus', ...update });
        } catch (err) {
          send({ type: 'corpus', mode: 'failed', stories: 0, error: (err as Error).message });
        }
        continue;
      }
      // Nothing left to do: whoever waits for the corpus to settle is answered.
      for (const j of jobs.splice(0)) send({ type: 'settled', id: j.id });
      break;
    }
  } finally {
    running = false;
  }
}

port.on('message', (m: Request) => {
  jobs.push(m);
  void pump();
});
// Every stage once before the first POST, so that it does not wait for models and patterns to warm up.
analyzeArticle({ path: 'warm-up', format: 'text', text: 'Officials in Paris said on Monday that France would send aid to Kenya.' }, kb);
// The first update is a full recompute that keeps the story index for the next ones.
send({ type: 'ready' });
void pump();
