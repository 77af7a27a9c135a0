// Identity, types and file kinds as a careless or hostile user meets them:
// records removed or repeated, wrong JSON types, bad dates, symbolic link loops,
// devices, FIFOs and endless inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestPaths } from '../cli/ingest.js';
import { openStore } from '../store/index.js';
import { BACKENDS, testDatabase } from '../testing/stores.js';
import type { Output } from '../types.js';
import { ingest } from './index.js';

const bin = fileURLToPath(new URL('../../bin/dyad.js', import.meta.url));
// A run that hangs (a FIFO with no writer) is killed after a minute: status null fails the test.
const dyad = (args: string[], input?: string | Buffer) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', input, timeout: 60_000, maxBuffer: 1 << 28 });

const fresh = () => mkdtempSync(join(tmpdir(), 'dyad-identity-'));
const record = (text: string, extra: Record<string, unknown> = {}) => JSON.stringify({ outlet: 'Example Wire', text, ...extra });
const TEXTS = ['Chile and Peru agreed on a fishing quota.', 'Norway accused Russia of pumping smog into the fjords.', 'Kenya hosted talks with Uganda in Nairobi.'];

test('a record keeps its id when another record of its file is removed', async () => {
  const dir = fresh();
  const file = join(dir, 'wire.jsonl');
  writeFileSync(file, TEXTS.map((t) => record(t)).join('\n'));
  const before = (await ingest([file])).articles;
  writeFileSync(file, [TEXTS[0], TEXTS[2]].map((t) => record(t!)).join('\n'));
  const after = (await ingest([file])).articles;
  assert.deepEqual(after.map((a) => a.id), [before[0]!.id, before[2]!.id]);
});

for (const backend of BACKENDS) {
  test(`re-ingesting a file with a record removed leaves no stale or duplicate row (${backend.name})`, async (t) => {
    const dir = fresh();
    const file = join(dir, 'wire.jsonl');
    const db = await testDatabase(backend, t);
    const stored = async () => {
      const repo = await openStore(db);
      try {
        return (await repo.listArticles({ limit: 100, offset: 0 })).items.map((a) => a.id).sort();
      } finally {
        await repo.close();
      }
    };
    writeFileSync(file, TEXTS.map((t) => record(t)).join('\n'));
    const first = await ingestPaths([file], db, {});
    assert.equal(first.added.length, 3);
    const ids = (await ingest([file])).articles.map((a) => a.id);
    // The middle record goes: the last moves up a line.
    writeFileSync(file, [TEXTS[0], TEXTS[2]].map((t) => record(t!)).join('\n'));
    await ingestPaths([file], db, {});
    assert.deepEqual(await stored(), [ids[0]!, ids[2]!].sort());
    // The last record goes.
    writeFileSync(file, record(TEXTS[0]!));
    await ingestPaths([file], db, {});
    assert.deepEqual(await stored(), [ids[0]!]);
  });
}

test('two records with one id are an error naming the file and the id, and analyze never outputs an id twice', () => {
  const dir = fresh();
  const file = join(dir, 'dup.json');
  writeFileSync(file, JSON.stringify([{ id: 'x1', text: TEXTS[0] }, { id: 'x1', text: TEXTS[1] }, { text: TEXTS[2] }, { text: TEXTS[2] }]));
  const run = dyad(['analyze', file]);
  assert.equal(run.status, 1);
  const out = JSON.parse(run.stdout) as Output;
  assert.equal(out.articles.length, 2);
  assert.equal(new Set(out.articles.map((a) => a.id)).size, 2);
  const dups = out.errors.filter((e) => /duplicate id/.test(e.reason));
  assert.equal(dups.length, 2);
  assert.match(dups[0]!.file, /dup\.json#2$/);
  assert.match(dups[0]!.reason, /'x1'.*dup\.json#1/);
  assert.match(run.stderr, /dup\.json#2: duplicate id 'x1'/);
});

test('wrong JSON types are errors naming the field, not coerced', async () => {
  const dir = fresh();
  const file = join(dir, 'types.jsonl');
  writeFileSync(file, [
    JSON.stringify({ text: 123 }),
    JSON.stringify({ text: ['a', 'b'] }),
    JSON.stringify({ body: { value: TEXTS[0] } }),
    JSON.stringify({ text: TEXTS[0], title: 42 }),
    JSON.stringify({ text: TEXTS[1], url: ['https://example.org/a'] }),
    JSON.stringify({ text: TEXTS[1], published: 20240101 }),
    // What news APIs send is read: a numeric id, the outlet as {name}, authors as a list.
    JSON.stringify({ id: 7, text: TEXTS[2], source: { id: null, name: 'Example Times' }, authors: [{ name: 'Ana Example' }, 'Bo Example'] }),
  ].join('\n'));
  const { articles, errors } = await ingest([file]);
  assert.deepEqual(errors.map((e) => e.reason), [
    'line 1: field "text" must be a string, not a number',
    'line 2: field "text" must be a string, not an array',
    'line 3: field "body" must be a string, not an object',
    'line 4: field "title" must be a string, not a number',
    'line 5: field "url" must be a string, not an array',
    'line 6: field "published" must be a string, not a number',
  ]);
  assert.equal(articles.length, 1);
  assert.deepEqual([articles[0]!.id, articles[0]!.outlet, articles[0]!.byline], ['7', 'Example Times', 'Ana Example, Bo Example']);
});

test('a publication date that is no date is a warning in errors, not a silent null; the article is read', () => {
  const dir = fresh();
  const file = join(dir, 'dates.jsonl');
  writeFileSync(file, [
    record(TEXTS[0]!, { published: 'notadate' }),
    record(TEXTS[1]!, { published: '2024-13-45' }),
    record(TEXTS[2]!, { published: '2024-02-30' }),
  ].join('\n'));
  const run = dyad(['analyze', file]);
  // Warnings only: every article was read.
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout) as Output;
  assert.equal(out.articles.length, 3);
  assert.ok(out.articles.every((a) => a.published === null));
  assert.deepEqual(out.errors.map((e) => [e.file.replace(/.*\//, ''), e.warning]), [['dates.jsonl#1', true], ['dates.jsonl#2', true], ['dates.jsonl#3', true]]);
  assert.match(out.errors[0]!.reason, /^published: 'notadate' is not a date/);
  assert.match(run.stderr, /warning: .*dates\.jsonl#2: published: '2024-13-45' is not a date/);
});

test('a symbolic link loop is walked once: each file read once, under its own path', async () => {
  const dir = fresh();
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'a.txt'), TEXTS[0]!);
  symlinkSync('..', join(dir, 'sub', 'up'));
  symlinkSync(join(dir, 'sub'), join(dir, 'again'));
  symlinkSync('self', join(dir, 'self'));
  const { articles, errors } = await ingest([dir]);
  assert.deepEqual(articles.map((a) => a.path), [join(dir, 'again', 'a.txt')]);
  assert.deepEqual(errors, [{ file: join(dir, 'self'), reason: 'a loop of symbolic links' }]);
});

test('devices and FIFOs are errors naming them, in a folder or named; nothing hangs or grows', () => {
  const dir = fresh();
  writeFileSync(join(dir, 'a.txt'), TEXTS[0]!);
  symlinkSync('/dev/zero', join(dir, 'zero.txt'));
  const fifo = join(dir, 'pipe.txt');
  const made = spawnSync('mkfifo', [fifo]);
  const run = dyad(['analyze', dir, '/dev/urandom', '--max-bytes', '1000000']);
  assert.equal(run.status, 1);
  const out = JSON.parse(run.stdout) as Output;
  assert.equal(out.articles.length, 1);
  const reasons = Object.fromEntries(out.errors.map((e) => [e.file.replace(/.*\//, ''), e.reason]));
  assert.match(reasons['zero.txt']!, /character device, not a file/);
  assert.match(reasons['urandom']!, /character device, not a file/);
  if (made.status === 0) assert.match(reasons['pipe.txt']!, /FIFO \(named pipe\), not a file/);
  rmSync(dir, { recursive: true, force: true });
});

test('--max-bytes holds for standard input and for files whose size is not known in advance', () => {
  // procfs files say they hold 0 bytes: they are read to the limit, no further.
  const dir = fresh();
  symlinkSync('/proc/self/maps', join(dir, 'maps.txt'));
  const capped = dyad(['analyze', join(dir, 'maps.txt'), '--max-bytes', '1000']);
  assert.equal(capped.status, 1);
  assert.match(capped.stderr, /maps\.txt: file is over the limit of 1000 bytes \(--max-bytes\)/);

  const run = dyad(['analyze', '-', '--max-bytes', '1000'], Buffer.alloc(50_000, 'a'));
  assert.equal(run.status, 1);
  assert.match(run.stderr, /-: standard input is over the limit of 1000 bytes \(--max-bytes\)/);
  const ok = dyad(['analyze', '-', '--max-bytes', '1000'], TEXTS[0]);
  assert.equal(ok.status, 0, ok.stderr);
});
