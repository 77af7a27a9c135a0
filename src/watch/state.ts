// What the feed watcher remembers, in the queue's own PostgreSQL database (schema
// `dyad_watch`): per feed its validators (ETag, Last-Modified) and how its last check
// went, and per feed the key of every item ever queued. An item's key is written in the
// same transaction that queues its article, and so are the feed's new validators: a
// crash before the commit leaves neither (the next poll fetches the whole feed again
// and queues the items then), a crash after it leaves both. So no item is lost, and none
// is queued twice, whatever restarts in between.
import pg from 'pg';
import type { SqlRunner } from '../queue/index.js';
import type { Validators } from './fetch.js';

export const SCHEMA = 'dyad_watch';

/** Each entry is applied once, in order; `version` records how many are. Append, never edit. */
const MIGRATIONS = [
  `CREATE TABLE ${SCHEMA}.feeds (
     url text PRIMARY KEY,
     etag text,
     last_modified text,
     checked_at timestamptz,
     ok boolean,
     error text,
     retry_at timestamptz
   );
   CREATE TABLE ${SCHEMA}.items (
     feed text NOT NULL,
     key text NOT NULL,
     seen_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (feed, key)
   );`,
  // The version of each item last queued (the hash of its article as read): an item whose
  // text or metadata changes under the same key (a correction) is queued again. Items kept
  // from before have none, and take the version of their next sighting without being queued.
  `ALTER TABLE ${SCHEMA}.items ADD COLUMN version text;`,
];

export interface FeedRecord extends Validators {
  /** The host asked for no request before this time (Retry-After). */
  retryAt: Date | null;
}

/** How one check of a feed ended, when it brought no items to write. */
export interface CheckOutcome {
  ok: boolean;
  error?: string;
  retryAt?: Date | null;
}

export class WatchState {
  private constructor(private readonly pool: pg.Pool) {}

  static async open(url: string): Promise<WatchState> {
    const pool = new pg.Pool({ connectionString: url, max: 4, application_name: 'dyad-watch' });
    // An idle connection the server drops is reported here; unheard, it would end the process.
    pool.on('error', (err) => process.stderr.write(`dyad: watch state: ${err.message}\n`));
    try {
      await migrate(pool);
    } catch (err) {
      await pool.end();
      throw err;
    }
    return new WatchState(pool);
  }

  async feed(url: string): Promise<FeedRecord> {
    const { rows } = await this.pool.query<{ etag: string | null; last_modified: string | null; retry_at: Date | null }>(
      `SELECT etag, last_modified, retry_at FROM ${SCHEMA}.feeds WHERE url = $1`,
      [url],
    );
    const row = rows[0];
    return { etag: row?.etag ?? null, lastModified: row?.last_modified ?? null, retryAt: row?.retry_at ?? null };
  }

  /** Records a check that wrote no items: unchanged (304) or failed. Validators stay as they were. */
  async checked(url: string, outcome: CheckOutcome): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${SCHEMA}.feeds (url, checked_at, ok, error, retry_at) VALUES ($1, now(), $2, $3, $4)
       ON CONFLICT (url) DO UPDATE SET checked_at = now(), ok = $2, error = $3, retry_at = $4`,
      [url, outcome.ok, outcome.error ?? null, outcome.retryAt ?? null],
    );
  }

  /**
   * In one transaction: marks the items' keys seen with their versions, hands the new ones
   * and the changed ones (a version other than the one last queued) to `enqueue` with the
   * transaction's connection (so their jobs commit with the keys), and stores the feed's
   * validators. Returns the items queued. Two processes on one feed at once queue each
   * version of an item once: the second waits on the first's keys and finds them taken.
   */
  async commit<T extends { key: string; version: string }>(
    url: string,
    items: T[],
    validators: Validators,
    enqueue: (fresh: T[], db: SqlRunner) => Promise<unknown>,
  ): Promise<T[]> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const [keys, versions] = [items.map((i) => i.key), items.map((i) => i.version)];
      // Kept from before versions were recorded: this sighting's version is taken as the one queued.
      await client.query(
        `UPDATE ${SCHEMA}.items AS i SET version = v.version FROM unnest($2::text[], $3::text[]) AS v (key, version)
         WHERE i.feed = $1 AND i.key = v.key AND i.version IS NULL`,
        [url, keys, versions],
      );
      const { rows } = await client.query<{ key: string }>(
        `INSERT INTO ${SCHEMA}.items AS i (feed, key, version) SELECT $1, * FROM unnest($2::text[], $3::text[])
         ON CONFLICT (feed, key) DO UPDATE SET version = excluded.version, seen_at = now() WHERE i.version <> excluded.version
         RETURNING key`,
        [url, keys, versions],
      );
      const added = new Set(rows.map((r) => r.key));
      const fresh = items.filter((i) => added.has(i.key));
      if (fresh.length > 0) await enqueue(fresh, { executeSql: (text, values) => client.query(text, values) });
      await client.query(
        `INSERT INTO ${SCHEMA}.feeds (url, etag, last_modified, checked_at, ok, error, retry_at) VALUES ($1, $2, $3, now(), true, NULL, NULL)
         ON CONFLICT (url) DO UPDATE SET etag = $2, last_modified = $3, checked_at = now(), ok = true, error = NULL, retry_at = NULL`,
        [url, validators.etag, validators.lastModified],
      );
      await client.query('COMMIT');
      return fresh;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Creates or updates the schema; an advisory lock keeps two processes starting at once apart. */
async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [SCHEMA]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${SCHEMA}.version (version integer NOT NULL)`);
    const { rows } = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${SCHEMA}.version`);
    const from = rows[0]?.version ?? 0;
    if (from > MIGRATIONS.length) throw new Error(`the watch state in this database is of a newer dyad (version ${from}; this one knows ${MIGRATIONS.length})`);
    for (let v = from; v < MIGRATIONS.length; v++) await client.query(MIGRATIONS[v]!);
    if (from < MIGRATIONS.length) {
      await client.query(`DELETE FROM ${SCHEMA}.version`);
      await client.query(`INSERT INTO ${SCHEMA}.version (version) VALUES ($1)`, [MIGRATIONS.length]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
