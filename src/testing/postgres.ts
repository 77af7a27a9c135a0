// A clean PostgreSQL database per test, on the machine's server (which .ci/run checks
// and starts): created under a name of its own, so that tests running at once never
// see each other's rows, and dropped when the test ends. A server that does not answer
// fails the test with a message saying so; it is not skipped.
import { randomBytes } from 'node:crypto';
import type { TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { atEnd } from './cleanup.js';

/** The maintenance database of the test server; DYAD_TEST_POSTGRES names another. */
export const ADMIN_URL = process.env.DYAD_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 15_000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`PostgreSQL does not answer at ${ADMIN_URL} (${(err as Error).message}); these tests need it: start it (.ci/run does) or set DYAD_TEST_POSTGRES`);
  }
  return client;
}

/** Creates `prefix_<pid>_<random>`; returns its name and URL. */
async function createDatabase(prefix: string): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const client = await admin();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

async function dropDatabase(name: string): Promise<void> {
  const c = await admin();
  try {
    // A pool that has ended may still be closing its sockets (pg's end() does not wait for
    // them): give them a few seconds, so that FORCE does not cut a connection still in use.
    for (let i = 0; i < 50; i++) {
      const { rows } = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
      if (rows[0]!.n === 0) break;
      await sleep(100);
    }
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await c.end();
  }
}

/** A new empty database, `prefix_<pid>_<random>`, dropped after the test; returns its URL. */
export async function freshDatabase(t: TestContext, prefix = 'dyad_w'): Promise<string> {
  const { name, url } = await createDatabase(prefix);
  atEnd(t, () => dropDatabase(name));
  return url;
}

/**
 * Runs `fn` on a new empty database, dropped afterwards (the bench's way); null when
 * PostgreSQL does not answer, so that the bench's other figures are still printed.
 */
export async function withDatabase<T>(prefix: string, fn: (url: string) => Promise<T>): Promise<T | null> {
  let created: { name: string; url: string };
  try {
    created = await createDatabase(`dyad_${prefix}`);
  } catch (err) {
    process.stderr.write(`bench: ${(err as Error).message}\n`);
    return null;
  }
  try {
    return await fn(created.url);
  } finally {
    await dropDatabase(created.name);
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
