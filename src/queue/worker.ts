// `dyad worker`: takes articles from the queue a batch at a time, analyses them, and
// writes each batch in one transaction (src/store); one worker among all, the corpus
// leader (leader.ts), keeps stories and claims up to date as the batches land.
import { analyzeArticle, BATCH, loadKnowledge } from '../pipeline.js';
import { openStore, storeArticles } from '../store/index.js';
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
  const queue = await ArticleQueue.open(options.db, options.queue);
  const leader = new CorpusLeader(options.db, repo, kb.user, {
    everySeconds: options.corpusSeconds ?? 2,
    onUpdate: options.onCorpus,
  });
  await leader.start();
  let stored = 0;
  await queue.boss.work<ArticleJob>(
    ARTICLES,
    { batchSize: options.batchSize ?? BATCH, pollingIntervalSeconds: options.pollSeconds ?? 1 },
    async (jobs) => {
      const raws = jobs.map((j) => j.data.raw);
      // One batch, one transaction: storeArticles writes up to BATCH articles per commit.
      const result = await storeArticles(repo, raws, kb, { updateCorpus: false });
      stored += result.added.length;
      // An article the pipeline could not read is left failed in the queue with the reason,
      // and said: nothing goes missing without a word. Warnings (a date that is no date) are
      // only said; the article was stored.
      const failures = result.errors.filter((e) => !e.warning);
      for (const e of result.errors) options.onError?.(e);
      const failed = jobs.filter((j) => failures.some((e) => e.file === j.data.raw.path));
      for (const j of failed) {
        const reason = failures.find((e) => e.file === j.data.raw.path)!.reason;
        await queue.boss.fail(ARTICLES, j.id, { reason });
      }
      options.onBatch?.({ jobs: jobs.length, added: result.added.length, unchanged: result.unchanged, errors: failures.length });
      if (result.added.length > 0) leader.kick();
    },
  );
  return {
    get stored() {
      return stored;
    },
    async stop() {
      await queue.stop(true);
      await leader.stop();
      await repo.close();
    },
  };
}
