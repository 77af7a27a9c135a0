// `--db postgres://...` for ingest, export and serve, as a user runs them: two ingest
// processes sharing a PostgreSQL database (the scale-out case: workers on several
// machines), an export of it, and a server whose writer thread stores a POSTed article
// in PostgreSQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateArticles } from '../bench/corpus.js';
import { openStore } from '../store/index.js';
import { createTestDatabase } from '../testing/postgres.js';

const BIN = fileURLToPath(new URL('../../bin/dyad.js', import.meta.url));
const TOKEN = 'postgres-test-token-0123456789';

/** Runs dyad to the end; resolves with its exit code and output (processes run side by side). */
function dyad(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

test('ingest, export and serve take a postgres:// database; two ingests of overlapping folders share it', { timeout: 300_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-pg-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const db = await createTestDatabase();
  t.after(db.drop);
  // Two folders that share six files.
  const articles = generateArticles(30, 11);
  const folder = (name: string, from: number, to: number) => {
    const path = join(dir, name);
    mkdirSync(path);
    articles.slice(from, to).forEach((a, i) => writeFileSync(join(path, `article-${from + i}.txt`),
      `---\npublished: ${a.published}\noutlet: ${a.outlet}\nurl: https://example.org/${from + i}\n---\n${a.text}\n`));
    return path;
  };
  const [left, right] = [folder('left', 0, 18), folder('right', 12, 30)];

  // Two ingests at once: each shared file is stored once, with its rows once. One names a
  // password in the URL, which is used but never printed (the test server trusts any when it
  // asks for none).
  const url = new URL(db.url);
  if (!url.password) url.password = 'hunter2';
  const runs = await Promise.all([
    dyad(['ingest', left, '--db', url.toString(), '--json']),
    dyad(['ingest', right, '--db', db.url, '--json', '--quiet']),
  ]);
  for (const r of runs) assert.equal(r.code, 0, r.stderr);
  assert.equal((JSON.parse(runs[0]!.stdout) as { db: string }).db, url.toString().replace(`:${url.password}@`, ':***@'));
  assert.ok(!`${runs[0]!.stdout}${runs[0]!.stderr}`.includes(url.password), 'the password is not printed');
  const added = runs.flatMap((r) => (JSON.parse(r.stdout) as { added: string[] }).added);
  assert.ok(added.length >= 30, `${added.length} articles written by the two runs`);
  const repo = await openStore(db.url);
  const listed = (await repo.listArticles({ limit: -1, offset: 0 })).items;
  assert.equal(listed.length, 30, 'each shared file stored once');
  for (const a of listed) assert.equal(a.events, (await repo.getArticle(a.id))!.events.length, `${a.path}: its events once`);
  const events = await repo.exportEvents();
  await repo.close();

  // Export reads it (server/parity.test.ts compares every format with SQLite's).
  const exported = await dyad(['export', '--db', db.url, '--format', 'jsonl', '--quiet']);
  assert.equal(exported.code, 0, exported.stderr);
  assert.deepEqual(exported.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { id: string }).id), events.map((e) => e.id));

  // A server on the database: it reads, and its writer thread stores a POSTed article there.
  const child = spawn(process.execPath, [BIN, 'serve', '--db', db.url, '--port', '0'], { env: { ...process.env, DYAD_TOKEN: TOKEN }, stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.kill('SIGKILL'));
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (m) resolve(m[0]);
    });
    void exited.then((code) => reject(new Error(`dyad serve exited (${code}): ${err}`)));
  });
  const stats = await (await fetch(`${base}/api/stats?copies=true`)).json() as { articles: number };
  assert.equal(stats.articles, 30);
  const post = await fetch(`${base}/api/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ articles: [{ id: 'posted-pg', outlet: 'Test Post', text: 'Syldavia recalled its ambassador from Ruritania on Tuesday.' }] }),
  });
  assert.equal(post.status, 200, await post.clone().text());
  assert.deepEqual(((await post.json()) as { added: string[] }).added, ['posted-pg']);
  assert.equal((await fetch(`${base}/api/articles/posted-pg`)).status, 200);
  child.kill('SIGTERM');
  assert.equal(await exited, 0, err);
});

test('a postgres:// database that cannot be reached is a runtime error naming it', () => {
  const r = spawnSync(process.execPath, [BIN, 'export', '--db', 'postgres://nobody:pw@127.0.0.1:1/none', '--format', 'csv'], { encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /cannot connect to PostgreSQL at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none/);
});
