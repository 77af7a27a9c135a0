// `dyad worker`: takes articles from the queue a batch at a time, analyses them, and
// writes each batch in one transaction (src/store); one worker among all, the corpus
// leader (leader.ts), keeps stories and claims up to date as the batches land.
import { setTimeout as sleep } from 'node:timers/promises';
import type PgBoss from 'pg-boss';
import { analyzeArticle, BATCH, loadKnowledge } from '../pipeline.js';
import { openStore, SiteSync, storeArticles } from '../store/index.js';
import type { InputError } from '../types.js';
import { ARTICLES, ArticleQueue, type ArticleJob, type QueueOptions } from './index.js';
import { CorpusLeader } from './leader.js';

export interface WorkerOptions {
  /** The PostgreSQL database that holds both the store and the queue. */
  db: string;
  lexicons?: string[];
  /** Jobs taken and written together (one transaction). */
  batchSize?: number;
  /** Seconds between looks at an empty queue. */
  pollSeconds?: number;
  /** Seconds between the corpus leader's looks for articles other workers stored. */
  corpusSeconds?: number;
  queue?: QueueOptions;
  /** Called after every batch is written (for progress lines and tests). */
  onBatch?: (batch: BatchReport) => void;
  /** Called for every article that could not be stored (it is also left failed in the queue). */
  onError?: (error: InputError) => void;
  onCorpus?: (update: { mode: string; reason?: string; stories: number }) => void;
}

export interface BatchReport {
  jobs: number;
  added: number;
  unchanged: number;
  errors: number;
}

export interface RunningWorker {
  /** Stops taking jobs, lets the batch in hand finish, and closes every connection. */
  stop(): Promise<void>;
  /** Articles this worker stored so far. */
  readonly stored: number;
}

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const kb = loadKnowledge(options.lexicons ?? []);
  // Every stage once before the first job, so that the first batch does not pay for warming up.
  analyzeArticle({ path: 'warm-up', format: 'text', text: 'Officials in Paris said on Monday that France would send aid to Kenya.' }, kb);
  const repo = await openStore(options.db);
  // Kept between batches: each batch reads only the site lines stored since the last.
  const sites = new SiteSync(kb);
  const queue = await ArticleQueue.open(options.db, options.queue);
  const leader = new CorpusLeader(options.db, repo, kb.user, {
    everySeconds: options.corpusSeconds ?? 2,
    onUpdate: options.onCorpus,
  });
  await leader.start();
  let stored = 0;
  let stopping = false;
  let wake: AbortController | null = null;

  /** Analyses and stores one batch of jobs, then completes them: one transaction, then one update of the queue. */
  const work = async (jobs: PgBoss.Job<ArticleJob>[]) => {
    const raws = jobs.map((j) => j.data.raw);
    let result;
    try {
      // One batch, one transaction: storeArticles writes up to BATCH articles per commit.
      result = await storeArticles(repo, raws, kb, { updateCorpus: false, sites });
    } catch (err) {
      // The store failed (the connection dropped, say): nothing of the batch was committed
      // and every job goes back to be retried after its delay, here or on another worker.
      for (const j of jobs) await queue.boss.fail(ARTICLES, j.id, { reason: (err as Error).message });
      throw err;
    }
    stored += result.added.length;
    // An article the pipeline could not read is left failed in the queue with the reason,
    // and said: nothing goes missing without a word. Warnings (a date that is no date) are
    // only said; the article was stored.
    const failures = new Map(result.errors.filter((e) => !e.warning).map((e) => [e.file, e.reason]));
    for (const e of result.errors) options.onError?.(e);
    const failed = jobs.filter((j) => failures.has(j.data.raw.path));
    for (const j of failed) await queue.boss.fail(ARTICLES, j.id, { reason: failures.get(j.data.raw.path) });
    await queue.boss.complete(ARTICLES, jobs.filter((j) => !failures.has(j.data.raw.path)).map((j) => j.id));
    options.onBatch?.({ jobs: jobs.length, added: result.added.length, unchanged: result.unchanged, errors: failures.size });
    if (result.added.length > 0) leader.kick();
  };

  // Our own loop rather than pg-boss's `work`, which waits a whole polling interval after
  // every batch shorter than it: the next batch is taken at once, and only an empty queue
  // is waited on.
  const loop = (async () => {
    while (!stopping) {
      let jobs: PgBoss.Job<ArticleJob>[] = [];
      try {
        jobs = (await queue.boss.fetch<ArticleJob>(ARTICLES, { batchSize: options.batchSize ?? BATCH })) ?? [];
        if (jobs.length > 0) await work(jobs);
      } catch (err) {
        process.stderr.write(`dyad: worker: ${(err as Error).message}\n`);
      }
      if (jobs.length === 0 && !stopping) {
        wake = new AbortController();
        await sleep((options.pollSeconds ?? 1) * 1000, undefined, { signal: wake.signal }).catch(() => undefined);
        wake = null;
      }
    }
  })();
  return {
    get stored() {
      return stored;
    },
    async stop() {
      stopping = true;
      wake?.abort();
      // The batch in hand is finished and completed first.
      await loop;
      await queue.stop();
      await leader.stop();
      await repo.close();
    },
  };
}
