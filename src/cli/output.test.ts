// Checked, streamed output (src/cli/output.ts) on real files and devices.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzePaths, SAMPLES } from './analyze.js';
import { documentChunks, openSink, OutputError, writeAll, type Sink } from './output.js';
import type { Article, Output } from '../types.js';

const dir = mkdtempSync(join(tmpdir(), 'dyad-output-'));

test('the streamed document is the one JSON.stringify gives, and jsonl one record a line', async () => {
  const output = await analyzePaths([SAMPLES], {});
  assert.ok(output.events.length > 0);
  assert.equal([...documentChunks(output, 'json')].join(''), JSON.stringify(output, null, 2) + '\n');
  const empty: Output = { articles: [], entities: [], quotes: [], events: [], stories: [], claims: [], errors: [] };
  assert.equal([...documentChunks(empty, 'json')].join(''), JSON.stringify(empty, null, 2) + '\n');
  const lines = [...documentChunks(output, 'jsonl')].join('').split('\n');
  assert.equal(lines.pop(), '');
  assert.equal(lines.length, Object.values(output).reduce((n, list) => n + list.length, 0));
  assert.deepEqual(JSON.parse(lines[0]!), { record: 'article', ...output.articles[0] });
});

test('a document longer than the longest string V8 allows is written a record at a time', async () => {
  // 40,000 articles sharing one 14 KB body: over 2^29 characters of JSON, which one string cannot hold.
  const body = 'Kenya accused Uganda of arming rebels. '.repeat(360);
  const article = (i: number): Article => ({
    id: `a${i}`, path: `a${i}.txt`, outlet: null, url: null, title: null, byline: null, dateline: null,
    published: null, body, removed: [], flags: [], story: null, duplicateOf: null,
  });
  const output: Output = { articles: Array.from({ length: 40_000 }, (_, i) => article(i)), entities: [], quotes: [], events: [], stories: [], claims: [], errors: [] };
  assert.throws(() => JSON.stringify(output), /Invalid string length/);
  let chars = 0;
  let longest = 0;
  const counting: Sink = {
    write: async (text) => void ((chars += text.length), (longest = Math.max(longest, text.length))),
    close: async () => {},
    abort: () => {},
  };
  await writeAll(counting, documentChunks(output, 'json'));
  assert.ok(chars > 2 ** 29, `${chars} characters`);
  assert.ok(longest < 2 ** 20);
});

test('a file appears whole under its name, keeps its permissions, and leaves no temporary file', async () => {
  const file = join(dir, 'out.json');
  writeFileSync(file, 'old');
  chmodSync(file, 0o640);
  await writeAll(openSink(file), ['{', '"a": 1', '}\n']);
  assert.equal(readFileSync(file, 'utf8'), '{"a": 1}\n');
  assert.equal(statSync(file).mode & 0o777, 0o640);
  assert.deepEqual(readdirSync(dir), ['out.json']);
});

test('a failed write is an OutputError naming the place and the fault; what was there stays', async () => {
  assert.throws(() => openSink(join(dir, 'missing', 'out.json')), (err: Error) => err instanceof OutputError && /missing.*no such folder/.test(err.message));
  assert.throws(() => openSink(dir), /is a directory/);
  // A full disk: /dev/full takes the output in place and fails every write.
  const full = openSink('/dev/full');
  await assert.rejects(writeAll(full, ['x'.repeat(3 << 20)]), (err: Error) => err instanceof OutputError && /\/dev\/full: no space left on device/.test(err.message));
  // Given up half way: the file keeps what it held, and no temporary file is left.
  const file = join(dir, 'kept.json');
  writeFileSync(file, 'kept');
  const sink = openSink(file);
  await sink.write('partial');
  sink.abort();
  assert.equal(readFileSync(file, 'utf8'), 'kept');
  assert.ok(!readdirSync(dir).some((f) => f.endsWith('.tmp')));
  assert.ok(!existsSync(join(dir, 'missing')));
});
