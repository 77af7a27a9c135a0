// `dyad watch` and `dyad enqueue --feed` as a user runs them: processes of their own,
// a feed server of the tests' own on loopback, a fresh PostgreSQL database per test.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { feedServer, item } from '../testing/feedserver.js';
import { atEnd } from '../testing/cleanup.js';
import { freshDatabase, queuedPaths } from '../testing/postgres.js';
import { parseDuration } from './watch.js';

const BIN = fileURLToPath(new URL('../../bin/dyad.js', import.meta.url));

/** `dyad ARGS` as a process of its own (spawned, not run synchronously: the feed server answers from this process). */
function dyad(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

test('periods are read as written: 5m, 30s, 1h, seconds', () => {
  assert.deepEqual(['5m', '30s', '1h', '45', '1.5s', '250ms', '0'].map(parseDuration), [300_000, 30_000, 3_600_000, 45_000, 1500, 250, 0]);
  assert.deepEqual(['often', '-1', '5 minutes', '', '1e3', '999h'].map(parseDuration), [null, null, null, null, null, null]);
});

test('dyad watch --once and dyad enqueue --feed, as processes: each item queued once, failures named, exit 1', async (t) => {
  const db = await freshDatabase(t);
  const server = await feedServer(t);
  const rss = server.add('/rss.xml', { validators: false, items: [item(1), item(2)] });
  const broken = server.add('/500.xml', { mode: 'error-500', items: [] });

  const enqueued = await dyad(['enqueue', '--db', db, '--feed', rss, '--json', '--host-delay', '0']);
  assert.equal(enqueued.code, 0, enqueued.stderr);
  assert.deepEqual(JSON.parse(enqueued.stdout), { queued: 2, already: 0, errors: [] });
  const again = await dyad(['enqueue', '--db', db, '--feed', rss, '--json', '--host-delay', '0']);
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(JSON.parse(again.stdout), { queued: 0, already: 2, errors: [] });

  server.feeds.get('/rss.xml')!.items.push(item(3));
  const watched = await dyad(['watch', '--db', db, '--feed', rss, '--feed', broken, '--once', '--host-delay', '0']);
  assert.equal(watched.code, 1, watched.stderr);
  assert.match(watched.stdout, /1 new of 3 items/);
  assert.match(watched.stdout, /\+ Ministers meet in Oslo, round 3 <http:\/\/news\.example\/articles\/3>/);
  assert.match(watched.stderr, new RegExp(`${broken.replace(/[.]/g, '\\.')}: HTTP 500`));
  const quiet = await dyad(['watch', '--db', db, '--feed', rss, '--once', '--quiet']);
  assert.equal(quiet.code, 0, quiet.stderr);
  assert.equal(quiet.stdout + quiet.stderr, '');
  assert.equal((await queuedPaths(db)).length, 3);
});

/** `dyad watch ARGS` running; `until(pattern)` resolves once its standard output matches. */
function watchProcess(t: TestContext, args: string[]) {
  const child = spawn(process.execPath, [BIN, 'watch', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  atEnd(t, () => void (child.exitCode === null && child.kill('SIGKILL')));
  const out = { stdout: '', stderr: '' };
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stderr.on('data', (d) => (out.stderr += d));
  child.stdout.on('data', (d) => {
    out.stdout += d;
    for (const w of waiters.filter((w) => w.pattern.test(out.stdout))) w.resolve();
  });
  const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
  return {
    child,
    out,
    exited,
    until: (pattern: RegExp) => new Promise<void>((resolve, reject) => {
      if (pattern.test(out.stdout)) return resolve();
      waiters.push({ pattern, resolve });
      void exited.then(([code]) => reject(new Error(`dyad watch exited (${code}) before printing ${pattern}: ${out.stderr}`)));
    }),
  };
}

test('dyad watch --every 1s picks up an item added to the feed at its next poll', async (t) => {
  const db = await freshDatabase(t);
  const server = await feedServer(t);
  const rss = server.add('/rss.xml', { items: [item(1)] });
  const watch = watchProcess(t, ['--db', db, '--feed', rss, '--every', '1s', '--host-delay', '0']);
  await watch.until(/round 1[\s\S]*poll: 1 article queued/);
  server.feeds.get('/rss.xml')!.items.unshift(item(2));
  await watch.until(/round 2/);
  watch.child.kill('SIGINT');
  const [code] = await watch.exited;
  assert.equal(code, 0, watch.out.stderr);
  assert.match(watch.out.stderr, /watch stopped: 2 articles queued/);
  assert.equal(watch.out.stdout.match(/round 1/g)!.length, 1);
  assert.equal((await queuedPaths(db)).length, 2);
});

test('dyad watch stops on SIGTERM with a request in flight, abandoning it', async (t) => {
  const db = await freshDatabase(t);
  const server = await feedServer(t);
  const hang = server.add('/hang.xml', { mode: 'hang', items: [] });
  const asked = server.nextRequest('/hang.xml');
  const watch = watchProcess(t, ['--db', db, '--feed', hang, '--every', '1s', '--timeout', '600']);
  await asked;
  watch.child.kill('SIGTERM');
  const [code] = await watch.exited;
  assert.equal(code, 0, watch.out.stderr);
  assert.match(watch.out.stderr, /watch stopped: 0 articles queued/);
  assert.doesNotMatch(watch.out.stderr, /hang\.xml/);
});

test('dyad watch usage errors exit 2', async () => {
  const cases: [string[], RegExp][] = [
    [['--feed', 'http://127.0.0.1:1/f.xml'], /--db must name a PostgreSQL database/],
    [['--db', 'dyad.db', '--feed', 'http://127.0.0.1:1/f.xml'], /--db must name a PostgreSQL database/],
    [['--db', 'postgres://postgres@127.0.0.1/none'], /at least one feed/],
    [['--db', 'postgres://postgres@127.0.0.1/none', '--feed', 'http://127.0.0.1:1/f.xml', '--every', 'often'], /--every must be a period/],
    [['--db', 'postgres://postgres@127.0.0.1/none', '--feed', 'http://127.0.0.1:1/f.xml', '--timeout', 'soon'], /--timeout must be/],
  ];
  for (const [args, message] of cases) {
    const run = await dyad(['watch', ...args]);
    assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, message);
  }
});
