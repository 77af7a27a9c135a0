// `dyad ingest` killed mid-batch, then rerun, must leave exactly the rows of an
// uninterrupted run: every article is one transaction and stories/claims are
// recomputed while the corpus is marked stale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

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

/** Every stored row in a comparable form (rowids left out). */
function dump(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  const q = (sql: string) => db.prepare(sql).all();
  const out = {
    articles: q('SELECT id, path, raw_hash, body, story, duplicate_of, flags, layers FROM articles ORDER BY id'),
    events: q('SELECT article, id, type, mode, cameo, day, negated, modality FROM events ORDER BY article, id'),
    eventActors: q('SELECT article, event, role, actor, entity FROM event_actors ORDER BY article, event, role, actor, entity'),
    quotes: q('SELECT article, id, kind, text, start, "end", speaker_name, speaker_actor FROM quotes ORDER BY article, id'),
    mentions: q('SELECT article, entity, mentions FROM entity_articles ORDER BY article, entity'),
    entities: q('SELECT * FROM entities ORDER BY id'),
    stories: q('SELECT id, json FROM stories ORDER BY id'),
    claims: q('SELECT id, json FROM claims ORDER BY id'),
    // what the full-text indexes find (they keep no text of their own)
    search: q("SELECT id FROM articles_fts WHERE articles_fts MATCH 'officials' ORDER BY id"),
    quoteSearch: q("SELECT article, id FROM quotes_fts WHERE quotes_fts MATCH 'reply' ORDER BY article, id"),
    meta: q("SELECT value FROM meta WHERE key = 'corpus_stale'"),
  };
  db.close();
  return out;
}

function ingest(dir: string, db: string): void {
  const r = spawnSync(process.execPath, [BIN, 'ingest', dir, '--db', db], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

function storedArticles(db: string): number {
  if (!existsSync(db)) return 0;
  try {
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (conn.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
    } finally {
      conn.close();
    }
  } catch {
    return 0; // schema not created yet
  }
}

test('a killed ingest, rerun, leaves the same rows as an uninterrupted one', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'dyad-kill-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const input = join(root, 'in');
  const N = 150;
  corpus(input, N);

  const whole = join(root, 'whole.db');
  ingest(input, whole);
  const expected = dump(whole);
  assert.equal(expected.articles!.length, N);

  const broken = join(root, 'broken.db');
  const child = spawn(process.execPath, [BIN, 'ingest', input, '--db', broken], { stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  let seen = 0;
  while (child.exitCode === null && seen < 3) {
    await new Promise((r) => setTimeout(r, 10));
    seen = storedArticles(broken);
  }
  child.kill('SIGKILL');
  const signal = await exited;
  assert.equal(signal, 'SIGKILL', 'the ingest was killed before it finished');
  const partial = storedArticles(broken);
  assert.ok(partial >= 3 && partial < N, `killed mid-way (${partial} of ${N} articles stored)`);

  ingest(input, broken);
  assert.deepEqual(dump(broken), expected);
});
