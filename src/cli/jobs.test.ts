// `--jobs N`: the same output on any number of threads, as a user runs the commands
// (real processes, real worker threads, real files).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { generateArticles } from '../bench/corpus.js';
import { BATCH } from '../pipeline.js';

const bin = fileURLToPath(new URL('../../bin/dyad.js', import.meta.url));
const dyad = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

const dir = mkdtempSync(join(tmpdir(), 'dyad-jobs-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

// Five outlets, each page with its outlet's own furniture and some with a line every
// outlet prints: the site memory of ingest learns them batch after batch.
const OUTLETS = ['Harbor Ledger', 'Valley Courier', 'Metro Dispatch', 'Coastal Times', 'Border Gazette'];
const corpus = join(dir, 'sites');
mkdirSync(corpus);
const ARTICLES = 3 * BATCH + 9;
generateArticles(ARTICLES, 7).forEach((a, i) => {
  const outlet = OUTLETS[i % OUTLETS.length]!;
  const furniture = [`More from the ${outlet} newsroom`, ...(i % 3 === 0 ? ['Print this page'] : [])];
  const [title, , ...rest] = a.text.split('\n');
  const text = [title, '', furniture[0], '', ...rest, '', ...furniture.slice(1)].join('\n');
  writeFileSync(join(corpus, `${String(i).padStart(4, '0')}.txt`), `---\noutlet: ${outlet}\npublished: ${a.published}\n---\n${text}\n`);
});

function analyze(jobs: number, ...paths: string[]): string {
  const out = join(dir, `analyze-${jobs}.json`);
  const run = dyad('analyze', ...paths, '--quiet', '--jobs', String(jobs), '--out', out);
  assert.equal(run.status, 0, run.stderr);
  return readFileSync(out, 'utf8');
}

test('analyze gives byte for byte the same JSON on 1, 2 and 3 threads: the sample corpus', () => {
  const one = analyze(1);
  assert.ok((JSON.parse(one) as { articles: unknown[] }).articles.length > BATCH, 'more than one batch, so that threads share them');
  assert.equal(analyze(2), one);
  assert.equal(analyze(3), one);
});

test('analyze gives byte for byte the same JSON on 1, 2 and 3 threads: many batches of many sites', () => {
  const one = analyze(1, corpus);
  assert.equal((JSON.parse(one) as { articles: unknown[] }).articles.length, ARTICLES);
  assert.equal(analyze(2, corpus), one);
  assert.equal(analyze(3, corpus), one);
});

/** Every row of every table, in a fixed order. */
function rows(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).all()]));
  } finally {
    db.close();
  }
}

test('ingest stores the same rows on 1 and 2 threads, site memory included', () => {
  const dbs = [1, 2].map((jobs) => {
    const db = join(dir, `ingest-${jobs}.db`);
    const run = dyad('ingest', corpus, '--db', db, '--quiet', '--jobs', String(jobs));
    assert.equal(run.status, 0, run.stderr);
    return rows(db);
  });
  assert.equal((dbs[0]!.articles as unknown[]).length, ARTICLES);
  // The memory was at work: pages lost their outlet's furniture, learnt from earlier pages.
  assert.ok((dbs[0]!.site_lines as unknown[]).length > 0);
  const bodies = (dbs[0]!.articles as { body: string }[]).map((a) => a.body);
  assert.ok(bodies.filter((b) => b.includes('newsroom')).length < ARTICLES / 2, 'furniture learnt and removed');
  assert.deepEqual(dbs[1], dbs[0]);
});

test('a --jobs that is no positive whole number is a usage error (exit 2)', () => {
  for (const bad of ['0', '-1', '1.5', 'two', '']) {
    for (const command of [['analyze'], ['ingest', '--db', join(dir, 'unused.db')]]) {
      const run = dyad(...command, `--jobs=${bad}`);
      assert.equal(run.status, 2, `${command[0]} --jobs '${bad}'`);
      assert.match(run.stderr, /--jobs must be a positive whole number/);
    }
  }
});
