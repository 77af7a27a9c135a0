import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ArticleQueue, QUEUE_DEFAULTS } from '../queue/index.js';
import { shownSpec } from '../store/spec.js';
import type { ThreadMessage } from '../queue/thread.js';
import { startWorker, type BatchReport, type WorkerOptions } from '../queue/worker.js';
import type { InputError } from '../types.js';
import { parse, positiveInt, type Command } from './command.js';
import { queueDb } from './watch.js';
import { SPECS } from './specs.js';

export const workerCommand: Command = {
  ...SPECS.worker,
  help: [
    '',
    'Options:',
    '  --db URL            the PostgreSQL database holding the store and the queue (postgres://...)',
    '  --concurrency N     worker threads in this process, each taking its own batches (default 1;',
    `                      this machine has ${availableParallelism()} cores)`,
    '  --batch N           jobs taken and written together, in one transaction (default 64)',
    '  --lexicon FILE      add your own actors, people, verbs... (JSON/YAML; repeatable)',
    `  --expire SECONDS    a job active this long counts as lost and is retried (default ${QUEUE_DEFAULTS.expireSeconds})`,
    '  --drain             stop once the queue holds no waiting or active job',
    '  --quiet             only failures on stderr',
    '',
    'Run any number of workers, on any number of machines, against one database. A worker',
    'killed mid-batch loses nothing: its jobs are retried once they expire, and the store',
    'skips what was already committed. One worker (whichever holds the lock) keeps stories',
    'and claims up to date, incrementally. SIGINT or SIGTERM lets the batch in hand finish.',
  ].join('\n'),
  async run(args) {
    const { values } = parse(args, {
      db: { type: 'string' },
      concurrency: { type: 'string', default: '1' },
      batch: { type: 'string', default: '64' },
      lexicon: { type: 'string', multiple: true },
      expire: { type: 'string' },
      drain: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    });
    const db = queueDb(values);
    const concurrency = positiveInt('--concurrency', values.concurrency as string);
    const batchSize = positiveInt('--batch', values.batch as string);
    const expireSeconds = values.expire === undefined ? undefined : positiveInt('--expire', values.expire as string);
    const quiet = values.quiet as boolean;
    const totals: BatchReport = { jobs: 0, added: 0, unchanged: 0, errors: 0 };
    const options: Omit<WorkerOptions, 'onBatch' | 'onError' | 'onCorpus'> = {
      db,
      batchSize,
      lexicons: (values.lexicon as string[] | undefined) ?? [],
      queue: { expireSeconds, maintenanceSeconds: expireSeconds ? Math.max(1, Math.min(30, expireSeconds)) : undefined },
    };
    const pool = await startPool(options, concurrency, {
      onBatch: (b) => {
        for (const k of Object.keys(totals) as (keyof BatchReport)[]) totals[k] += b[k];
      },
      onError: (e) => process.stderr.write(`dyad: ${e.warning ? 'warning: ' : ''}${e.file}: ${e.reason}\n`),
      onCorpus: (u) => {
        if (!quiet && u.mode === 'rebuild') process.stderr.write(`dyad: stories and claims recomputed over the whole database (${u.reason})\n`);
      },
    });
    if (!quiet) process.stderr.write(`dyad: worker started (${concurrency} thread${concurrency > 1 ? 's' : ''}) on the queue of ${shownSpec(db)}\n`);
    await untilStopped(db, values.drain as boolean);
    await pool.stop();
    if (!quiet) process.stderr.write(`dyad: worker stopped: ${totals.added} articles stored, ${totals.unchanged} unchanged, ${totals.errors} errors\n`);
    return totals.errors > 0 ? 1 : 0;
  },
};


type Handlers = Required<Pick<WorkerOptions, 'onBatch' | 'onError' | 'onCorpus'>>;

/** One worker in this thread, or `n` in threads of their own. */
async function startPool(options: Omit<WorkerOptions, keyof Handlers>, n: number, on: Handlers): Promise<{ stop(): Promise<void> }> {
  if (n === 1) return startWorker({ ...options, ...on });
  const threads = await Promise.all(Array.from({ length: n }, () => startThread(options, on)));
  return { stop: async () => void (await Promise.all(threads.map((t) => t.stop()))) };
}

function startThread(options: Omit<WorkerOptions, keyof Handlers>, on: Handlers): Promise<{ stop(): Promise<void> }> {
  const thread = new Worker(new URL('../queue/thread.js', import.meta.url), { workerData: options });
  let stopped: () => void = () => undefined;
  return new Promise((resolve, reject) => {
    thread.on('error', reject);
    thread.on('message', (m: ThreadMessage) => {
      if (m.type === 'ready') resolve({ stop: () => new Promise<void>((done) => ((stopped = done), thread.postMessage({ type: 'stop' }))).then(() => void thread.terminate()) });
      else if (m.type === 'failed') reject(new Error(m.message));
      else if (m.type === 'batch') on.onBatch(m);
      else if (m.type === 'error') on.onError({ file: m.file, reason: m.reason, ...(m.warning ? { warning: true } : {}) } as InputError);
      else if (m.type === 'corpus') on.onCorpus(m);
      else if (m.type === 'stopped') stopped();
    });
  });
}

/** Resolves on SIGINT or SIGTERM, or with `drain` once the queue holds nothing waiting or active. */
async function untilStopped(db: string, drain: boolean): Promise<void> {
  const watcher = drain ? await ArticleQueue.open(db, { supervise: false, connections: 1 }) : null;
  await new Promise<void>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const done = () => {
      clearInterval(timer);
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    if (watcher) {
      // Twice empty in a row: a job taken between two looks is seen as active by the second.
      let empty = 0;
      timer = setInterval(() => {
        void watcher.size().then(({ waiting, active }) => {
          empty = waiting + active === 0 ? empty + 1 : 0;
          if (empty >= 2) done();
        });
      }, 500);
    }
  });
  await watcher?.stop();
}
