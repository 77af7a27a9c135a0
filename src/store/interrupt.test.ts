// `dyad ingest` killed mid-batch, then rerun, must leave exactly the rows of an
// uninterrupted run: every batch of articles is one transaction and stories/claims
// are recomputed while the corpus is marked stale. On SQLite and on PostgreSQL (where
// the kill drops the connection in the middle of a transaction).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { BACKENDS, testDatabase } from '../testing/stores.js';

const BIN = fileURLToPath(new URL('../../bin/dyad.js', import.meta.url));
const STATES = ['France', 'Germany', 'Japan', 'Brazil', 'India', 'Kenya', 'Canada', 'Mexico', 'Chile', 'Egypt'];
const ACTS = ['criticized', 'praised', 'held talks with', 'threatened to sanction', 'urged', 'signed a trade agreement with'];

function corpus(dir: string, n: number): void {
  mkdirSync(dir);
  for (let i = 0; i < n; i++) {
    const a = STATES[i % STATES.length]!;
    const b = STATES[(i * 7 + 3) % STATES.length]!;
    const c = STATES[(i * 3 + 1) % STATES.length]!;
    const act = ACTS[i % ACTS.length]!;
    const text = [
      `${a} ${act} ${b} on Tuesday, officials said, in dispatch number ${i}.`,
      `"We expect a reply within ${i % 9 + 2} days," the ${a} foreign minister told reporters in the capital.`,
      `${c} said it would watch the talks closely and called for calm on day ${i}.`,
    ].join('\n\n');
    writeFileSync(join(dir, `article-${String(i).padStart(4, '0')}.txt`), text);
  }
}

/** The queries that list every stored row in a comparable form (rowids and identity columns left out). */
const ROWS = {
  articles: 'SELECT id, path, raw_hash, body, story, duplicate_of, flags, layers FROM articles ORDER BY id',
  events: 'SELECT article, id, type, mode, cameo, day, negated, modality FROM events ORDER BY article, id',
  eventActors: 'SELECT article, event, role, actor, entity FROM event_actors ORDER BY article, event, role, actor, entity',
  quotes: 'SELECT article, id, kind, text, start, "end", speaker_name, speaker_actor FROM quotes ORDER BY article, id',
  mentions: 'SELECT article, entity, mentions FROM entity_articles ORDER BY article, entity',
  entities: 'SELECT id, name, kind, country, sector, role FROM entities ORDER BY id',
  stories: 'SELECT id, json FROM stories ORDER BY id',
  claims: 'SELECT id, json FROM claims ORDER BY id',
  meta: "SELECT value FROM meta WHERE key = 'corpus_stale'",
};

/** What each backend's full-text index finds (the indexes keep no text of their own). */
const SEARCHES = {
  sqlite: {
    search: "SELECT id FROM articles_fts WHERE articles_fts MATCH 'officials' ORDER BY id",
    quoteSearch: "SELECT article, id FROM quotes_fts WHERE quotes_fts MATCH 'reply' ORDER BY article, id",
  },
  postgres: {
    search: "SELECT id FROM articles WHERE fts @@ to_tsquery('simple', 'officials') ORDER BY id",
    quoteSearch: "SELECT article, id FROM quotes WHERE fts @@ to_tsquery('simple', 'reply') ORDER BY article, id",
  },
};

/** Every stored row, read with the backend's own client. */
async function dump(backend: 'sqlite' | 'postgres', spec: string): Promise<Record<string, unknown[]>> {
  const queries = Object.entries({ ...ROWS, ...SEARCHES[backend] });
  if (backend === 'sqlite') {
    const db = new Database(spec, { readonly: true });
    const out = Object.fromEntries(queries.map(([name, sql]) => [name, db.prepare(sql).all()]));
    db.close();
    return out;
  }
  const client = new pg.Client({ connectionString: spec });
  await client.connect();
  try {
    const out: Record<string, unknown[]> = {};
    for (const [name, sql] of queries) out[name] = (await client.query(sql)).rows;
    return out;
  } finally {
    await client.end();
  }
}

function ingest(dir: string, db: string): void {
  const r = spawnSync(process.execPath, [BIN, 'ingest', dir, '--db', db], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

/** How many articles are stored so far (0 before the schema exists). */
async function storedArticles(backend: 'sqlite' | 'postgres', spec: string): Promise<number> {
  if (backend === 'sqlite') {
    if (!existsSync(spec)) return 0;
    try {
      const conn = new Database(spec, { readonly: true, fileMustExist: true });
      try {
        return (conn.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
      } finally {
        conn.close();
      }
    } catch {
      return 0; // schema not created yet
    }
  }
  const client = new pg.Client({ connectionString: spec });
  await client.connect();
  try {
    return Number((await client.query('SELECT count(*) AS n FROM articles')).rows[0].n);
  } catch {
    return 0; // schema not created yet
  } finally {
    await client.end();
  }
}

for (const backend of BACKENDS) {
  describe(backend.name, () => {
    test('a killed ingest, rerun, leaves the same rows as an uninterrupted one', async (t) => {
      const root = mkdtempSync(join(tmpdir(), 'dyad-kill-'));
      t.after(() => rmSync(root, { recursive: true, force: true }));
      const input = join(root, 'in');
      // Five batches of 64: a run killed once the first is stored has more to do than one
      // look at the database takes, even on a loaded machine (with 150, it once had finished).
      const N = 300;
      corpus(input, N);

      const whole = await testDatabase(backend, t);
      ingest(input, whole);
      const expected = await dump(backend.name, whole);
      assert.equal(expected.articles!.length, N);

      const broken = await testDatabase(backend, t);
      const child = spawn(process.execPath, [BIN, 'ingest', input, '--db', broken], { stdio: 'ignore' });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      let seen = 0;
      while (child.exitCode === null && seen < 3) {
        await new Promise((r) => setTimeout(r, 10));
        seen = await storedArticles(backend.name, broken);
      }
      child.kill('SIGKILL');
      const signal = await exited;
      assert.equal(signal, 'SIGKILL', 'the ingest was killed before it finished');
      const partial = await storedArticles(backend.name, broken);
      assert.ok(partial >= 3 && partial < N, `killed mid-way (${partial} of ${N} articles stored)`);

      ingest(input, broken);
      assert.deepEqual(await dump(backend.name, broken), expected);
    });
  });
}
