// The `dyad` entry point as a user meets it: exit codes, the help, and what the
// help has to load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/dyad.js', import.meta.url));
const dyad = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [...(env.NODE_IMPORT ? ['--import', env.NODE_IMPORT] : []), bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

test('dyad with no command prints the usage on stderr and exits 2', () => {
  const run = dyad([]);
  assert.equal(run.status, 2);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /no command given/);
  assert.match(run.stderr, /Usage: dyad <command>/);
  assert.equal(dyad(['--help']).status, 0);
});

test('--help loads no command: no pipeline stage, store, server or NLP model', (t) => {
  // A module resolve hook (node:module register) lists every file the process imports.
  const dir = mkdtempSync(join(tmpdir(), 'dyad-main-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const trace = join(dir, 'trace.txt');
  writeFileSync(trace, '');
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(hooks, [
    "import { appendFileSync } from 'node:fs';",
    'export async function resolve(specifier, context, next) {',
    '  const r = await next(specifier, context);',
    "  appendFileSync(process.env.DYAD_TRACE, r.url + '\\n');",
    '  return r;',
    '}',
  ].join('\n'));
  const register = join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  const run = dyad(['--help'], { NODE_IMPORT: pathToFileURL(register).href, DYAD_TRACE: trace });
  assert.equal(run.status, 0, run.stderr);
  const loaded = readFileSync(trace, 'utf8').trim().split('\n');
  assert.ok(loaded.some((u) => u.endsWith('/cli/main.js')), 'the trace works');
  const heavy = loaded.filter((u) => /\/dist\/(pipeline|store|server|export|ingest|cli\/(analyze|ingest|serve|export|compare|demo|eval))|wink|fastify|better-sqlite3/.test(u));
  assert.deepEqual(heavy, []);
  // A command's own help loads that command only.
  writeFileSync(trace, '');
  assert.equal(dyad(['export', '--help'], { NODE_IMPORT: pathToFileURL(register).href, DYAD_TRACE: trace }).status, 0);
  const forExport = readFileSync(trace, 'utf8');
  assert.match(forExport, /cli\/export\.js/);
  assert.doesNotMatch(forExport, /cli\/(analyze|ingest|serve|demo|compare|eval)\.js/);
});

test('a port already in use is a runtime error (exit 1), not a usage error (2)', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-port-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const db = join(dir, 'empty.db');
  writeFileSync(db, '');
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  t.after(() => blocker.close());
  const port = (blocker.address() as { port: number }).port;
  const child = spawn(process.execPath, [bin, 'serve', '--db', db, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(code, 1, stderr);
  assert.match(stderr, new RegExp(`port ${port} is in use`));
});

test('ingest --json prints a summary for scripts; --quiet silences stderr; --progress shows rate and time left', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-ingest-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const texts = join(dir, 'texts');
  mkdirSync(texts);
  writeFileSync(join(texts, 'a.txt'), '---\ntitle: Fjord row\noutlet: Example Wire\npublished: 2026-03-02\n---\nNorway accused Russia of pumping smog into the fjords on Monday.\n');
  writeFileSync(join(texts, 'b.txt'), '');
  const db = join(dir, 'x.db');
  const first = dyad(['ingest', texts, '--db', db, '--json', '--quiet']);
  assert.equal(first.status, 1, 'one input failed');
  const summary = JSON.parse(first.stdout) as { db: string; added: string[]; unchanged: number; errors: { file: string }[] };
  assert.equal(summary.db, db);
  assert.equal(summary.added.length, 1);
  assert.equal(summary.unchanged, 0);
  assert.match(summary.errors[0]!.file, /b\.txt$/);
  // Quiet: only the failed input is named on stderr, no summary line.
  assert.equal(first.stderr.trim().split('\n').length, 1);
  assert.match(first.stderr, /b\.txt/);
  const again = dyad(['ingest', join(texts, 'a.txt'), '--db', db, '--progress']);
  assert.equal(again.status, 0);
  assert.match(again.stderr, /\r1\/1 articles {2}[\d.]+\/s {2}ETA 0s/);
  assert.match(again.stderr, /0 articles stored, 1 unchanged/);
});

test('compare --json gives the story, its articles and claims; --list --json every story', () => {
  const list = dyad(['compare', '--list', '--json']);
  assert.equal(list.status, 0, list.stderr);
  const stories = JSON.parse(list.stdout) as { id: string; articles: string[] }[];
  assert.ok(stories.length > 1);
  const story = stories.find((s) => s.articles.length > 1)!;
  const one = dyad(['compare', story.id, '--json']);
  assert.equal(one.status, 0, one.stderr);
  const out = JSON.parse(one.stdout) as { story: { id: string; comparison: { outlets: unknown[] } }; articles: { id: string }[]; claims: unknown[] };
  assert.equal(out.story.id, story.id);
  assert.deepEqual(out.articles.map((a) => a.id).sort(), [...story.articles].sort());
  assert.ok(out.story.comparison.outlets.length > 0);
});
