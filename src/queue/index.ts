// The job queue: articles waiting to be analysed and stored by `dyad worker` processes,
// on any number of machines. The broker is pg-boss on the store's own PostgreSQL
// database (schema `dyad_queue`): one service to run, jobs that survive a restart
// (the machine's Redis keeps nothing on disk), and enqueueing that can share a
// transaction with the caller's own writes (the feed watcher marks an item seen in the
// same commit that queues it). pg-boss 10 is the line that runs on Node 20; later
// majors need Node 22.
//
// One job is one article (its RawArticle as read). A worker takes up to a batch of jobs,
// analyses them together and writes them in one transaction; a job is completed only
// after that commit. A worker killed mid-batch leaves its jobs active until they expire,
// then they are retried: the store skips what was already committed (same text, same
// path) and writes what was not, so nothing is lost and nothing is stored twice.
import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import { rawHash } from '../store/index.js';
import { isPostgresUrl } from '../store/spec.js';
import type { RawArticle } from '../types.js';

/** The queue of articles to analyse and store. */
export const ARTICLES = 'dyad-articles';
/** pg-boss's tables live in their own schema, beside the store's. */
export const SCHEMA = 'dyad_queue';

export interface ArticleJob {
  raw: RawArticle;
}

export interface QueueOptions {
  /** Seconds a job may stay active before it counts as lost (its worker died) and is retried. */
  expireSeconds?: number;
  /** How often a lost or failed job is tried again before it is left failed. */
  retryLimit?: number;
  /** Seconds between the checks that find expired jobs (pg-boss maintenance). */
  maintenanceSeconds?: number;
  /** False for a client that only adds jobs: it runs no maintenance timers. */
  supervise?: boolean;
  /** Connections in pg-boss's own pool. */
  connections?: number;
}

export const QUEUE_DEFAULTS = { expireSeconds: 300, retryLimit: 5, maintenanceSeconds: 30 } as const;

/** A connection that runs SQL: the caller's transaction, for an enqueue that commits with it. */
export type SqlRunner = PgBoss.Db;

/**
 * A job's id is the article version's own: the same text and metadata from the same
 * path queued twice is one job (pg-boss ignores an id it holds), for as long as pg-boss
 * keeps the job. After that a second enqueue makes a job the store skips as unchanged.
 */
export function jobId(raw: RawArticle): string {
  const h = createHash('sha256').update(rawHash(raw)).digest('hex');
  // A UUID (pg-boss's id type) with the version and variant bits of a name-based one.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Jobs are handed out oldest article first (pg-boss takes the highest priority first): the
 * story index then grows in date order, as a recompute builds it, and stays incremental.
 * Handed out in queue order (random, since ids are hashes), an article older than the
 * stories the index holds open would make every other batch a full recompute. An article
 * with no date comes last, as the story stage places it.
 */
export function datePriority(published: string | null | undefined): number {
  const t = published ? Date.parse(published) : NaN;
  if (!Number.isFinite(t)) return 0;
  // Days before 2^20 days after 1970 (year 4840): positive, and larger for older articles.
  return Math.max(1, (1 << 20) - Math.floor(t / 86_400_000));
}

export class ArticleQueue {
  private constructor(readonly boss: PgBoss) {}

  /**
   * Connects to the queue in the PostgreSQL database at `url`, creating its tables on first
   * use. Expiry and retries are the queue's settings, which jobs take when they are queued:
   * given here, they replace the stored ones; left out, the stored ones (or the defaults) stay.
   */
  static async open(url: string, options: QueueOptions = {}): Promise<ArticleQueue> {
    if (!isPostgresUrl(url)) throw new Error(`the job queue needs a PostgreSQL database (postgres://...), not '${url}'`);
    const boss = new PgBoss({
      connectionString: url,
      schema: SCHEMA,
      application_name: 'dyad-queue',
      max: options.connections ?? 4,
      supervise: options.supervise ?? true,
      schedule: false,
      maintenanceIntervalSeconds: options.maintenanceSeconds ?? QUEUE_DEFAULTS.maintenanceSeconds,
    });
    // pg-boss reports connection trouble as events; unheard, they would end the process.
    boss.on('error', (err) => process.stderr.write(`dyad: queue: ${(err as Error).message}\n`));
    await boss.start();
    const stored = await boss.getQueue(ARTICLES);
    const settings: PgBoss.Queue = {
      name: ARTICLES,
      policy: 'standard',
      expireInSeconds: options.expireSeconds ?? stored?.expireInSeconds ?? QUEUE_DEFAULTS.expireSeconds,
      retryLimit: options.retryLimit ?? stored?.retryLimit ?? QUEUE_DEFAULTS.retryLimit,
      // A retried job waits a little first, so that a batch that keeps failing does not spin.
      retryDelay: 1,
    };
    if (!stored) {
      await boss.createQueue(ARTICLES, settings).catch(async (err) => {
        // Another process created it between the look and here.
        if (!(await boss.getQueue(ARTICLES))) throw err;
      });
    } else if (options.expireSeconds !== undefined || options.retryLimit !== undefined) await boss.updateQueue(ARTICLES, settings);
    return new ArticleQueue(boss);
  }

  /**
   * Queues articles, one job each; returns how many were new. With `db`, the jobs are
   * written through that connection, inside the caller's open transaction.
   */
  async enqueue(raws: RawArticle[], db?: SqlRunner): Promise<{ queued: number; already: number }> {
    const ids = raws.map(jobId);
    const before = await this.held(ids, db);
    const jobs: PgBoss.JobInsert<ArticleJob>[] = raws.map((raw, i) => ({
      id: ids[i],
      name: ARTICLES,
      data: { raw },
      priority: datePriority(raw.published),
    }));
    // In slices: one insert statement carries its jobs as one JSON parameter.
    for (let i = 0; i < jobs.length; i += 500) await this.boss.insert(jobs.slice(i, i + 500), db ? { db } : {});
    const unique = new Set(ids).size;
    return { queued: unique - before, already: raws.length - (unique - before) };
  }

  /** How many of these job ids the queue holds already (in any state). */
  private async held(ids: string[], db?: SqlRunner): Promise<number> {
    const runner = db ?? this.boss.getDb();
    const { rows } = await runner.executeSql(`SELECT count(*)::int AS n FROM ${SCHEMA}.job WHERE name = $1 AND id = ANY($2::uuid[])`, [ARTICLES, [...new Set(ids)]]);
    return (rows[0] as { n: number }).n;
  }

  /** Jobs waiting (created or retry), being worked (active) and given up on (failed). */
  async size(): Promise<{ waiting: number; active: number; failed: number; completed: number }> {
    const { rows } = await this.boss.getDb().executeSql(
      `SELECT state::text, count(*)::int AS n FROM ${SCHEMA}.job WHERE name = $1 GROUP BY state`,
      [ARTICLES],
    );
    const n = (s: string) => (rows as { state: string; n: number }[]).filter((r) => r.state === s).reduce((a, r) => a + r.n, 0);
    return { waiting: n('created') + n('retry'), active: n('active'), failed: n('failed'), completed: n('completed') };
  }

  /**
   * Stops taking jobs and closes the connections. `graceful`: first lets the batch in hand
   * finish (for up to `timeoutMs`), so that a stopped worker leaves nothing for expiry to find.
   */
  async stop(graceful = false, timeoutMs = 30_000): Promise<void> {
    await this.boss.stop({ graceful, timeout: timeoutMs, wait: true, close: true });
  }
}
