// A PostgreSQL database of its own for each test that needs one: created on the
// server DYAD_TEST_PG names (by default the machine's, as CI runs it, which .ci/run
// checks and starts), under a name of its own so that tests running at once never
// see each other's rows, and dropped after. A server that does not answer fails the
// test with the URL and what to do: the PostgreSQL backend, the queue and the feed
// watcher are part of what CI checks, so their tests never skip.
import { randomBytes } from 'node:crypto';
import type { TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { shownSpec } from '../store/spec.js';
import { atEnd } from './cleanup.js';

/** The server tests create their databases on: a database there they may connect to (to create others). */
export const TEST_PG = process.env.DYAD_TEST_PG || 'postgres://postgres@127.0.0.1:5432/postgres';

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: TEST_PG, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`PostgreSQL does not answer at ${shownSpec(TEST_PG)} (${(err as Error).message}): these tests need it. `
      + 'Start it (.ci/run does), or set DYAD_TEST_PG to the URL of a server where the tests may create databases.');
  }
  return client;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  /** Its connection URL, for `openStore`. */
  url: string;
  /** Drops it, closing whatever connections are still open to it. */
  drop(): Promise<void>;
}

/** A new, empty database (`prefix_PID_RANDOM`) on the test server. */
export async function createTestDatabase(prefix = 'dyad_t'): Promise<TestDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(TEST_PG);
  url.pathname = `/${name}`;
  const drop = () =>
    admin(async (c) => {
      // A pool that has ended may still be closing its sockets (pg's end() does not wait for
      // them): give them a few seconds, so that FORCE does not cut a connection still in use.
      for (let i = 0; i < 50; i++) {
        const { rows } = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
        if (rows[0]!.n === 0) break;
        await sleep(100);
      }
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });
  return { url: url.toString(), drop };
}

/** A new empty database, dropped when the test ends (after everything opened later is closed); returns its URL. */
export async function freshDatabase(t: TestContext, prefix = 'dyad_w'): Promise<string> {
  const db = await createTestDatabase(prefix);
  atEnd(t, () => db.drop());
  return db.url;
}

/**
 * Runs `fn` on a new empty database, dropped afterwards (the bench's way); null when
 * PostgreSQL does not answer, so that the bench's other figures are still printed.
 */
export async function withDatabase<T>(prefix: string, fn: (url: string) => Promise<T>): Promise<T | null> {
  let db: TestDatabase;
  try {
    db = await createTestDatabase(`dyad_${prefix}`);
  } catch (err) {
    process.stderr.write(`bench: ${(err as Error).message}\n`);
    return null;
  }
  try {
    return await fn(db.url);
  } finally {
    await db.drop();
  }
}

/** The rows a query returns, on a connection of its own. */
export async function sql(db: string, text: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

/** The paths of the articles the job queue holds, sorted. */
export async function queuedPaths(db: string): Promise<string[]> {
  const rows = await sql(db, `SELECT data->'raw'->>'path' AS path FROM dyad_queue.job WHERE name = 'dyad-articles' ORDER BY 1`);
  return rows.map((r) => r.path as string);
}
