// A PostgreSQL database of its own for each test that needs one: created on the
// server DYAD_TEST_PG names (by default the machine's, as CI runs it), removed after.
// A server that does not answer fails the test with the URL and what to do: the
// PostgreSQL backend is part of what CI checks, so its tests never skip.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { shownSpec } from '../store/spec.js';

/** The server tests create their databases on: a database there they may connect to (to create others). */
export const TEST_PG = process.env.DYAD_TEST_PG || 'postgres://postgres@127.0.0.1:5432/postgres';

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: TEST_PG, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`PostgreSQL does not answer at ${shownSpec(TEST_PG)} (${(err as Error).message}): these tests need it. `
      + 'Start it, or set DYAD_TEST_PG to the URL of a server where the tests may create databases.');
  }
  return client;
}

async function admin(sql: string): Promise<void> {
  const client = await connect();
  try {
    await client.query(sql);
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

/** A new, empty database (dyad_t_PID_RANDOM) on the test server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `dyad_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_PG);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
