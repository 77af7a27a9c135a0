// `dyad analyze` as a careless or hostile user runs it, in a real process: output
// that cannot be written, very large inputs, many articles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, chmodSync, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateArticles } from '../bench/corpus.js';
import type { Output } from '../types.js';

const bin = fileURLToPath(new URL('../../bin/dyad.js', import.meta.url));
// A run that freezes is killed (status null) after four minutes: generous on a loaded machine,
// short of the many minutes the quadratic stages took.
const dyad = (args: string[], stdout: 'pipe' | number = 'pipe') =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', stdio: ['ignore', stdout, 'pipe'], maxBuffer: 1 << 30, timeout: 240_000 });

const dir = mkdtempSync(join(tmpdir(), 'dyad-reliable-'));
const article = join(dir, 'fjord.txt');
writeFileSync(article, 'Fjord row\n\nNorway accused Russia of pumping smog into the fjords on Monday.\n');

test('--out into a missing folder: an error naming it, exit 1, no file', () => {
  const out = join(dir, 'no', 'such', 'out.json');
  const run = dyad(['analyze', article, '--out', out]);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /cannot write .*out\.json: no such folder/);
  assert.ok(!existsSync(out));
});

test('--out onto a full disk (/dev/full) and standard output onto one: an error, exit 1', () => {
  for (const format of ['json', 'jsonl']) {
    const run = dyad(['analyze', article, '--format', format, '--out', '/dev/full']);
    assert.equal(run.status, 1, format);
    assert.match(run.stderr, /cannot write \/dev\/full: no space left on device/);
  }
  const full = openSync('/dev/full', 'w');
  try {
    const run = dyad(['analyze', article], full);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /cannot write standard output: no space left on device/);
  } finally {
    closeSync(full);
  }
});

test('--out onto a file that cannot be written: an error, exit 1, the file as it was', () => {
  if (process.getuid?.() === 0) {
    // chmod does not stop root; procfs does.
    const run = dyad(['analyze', article, '--out', '/proc/version']);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /cannot write \/proc\/version/);
    return;
  }
  const out = join(dir, 'readonly.json');
  writeFileSync(out, 'before');
  chmodSync(out, 0o444);
  const run = dyad(['analyze', article, '--out', out]);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /cannot write .*readonly\.json: permission denied/);
  assert.equal(readFileSync(out, 'utf8'), 'before');
});

test('40,000 small articles, near copies of each other, go out as one json document', () => {
  const input = join(dir, 'many.jsonl');
  const lines: string[] = [];
  for (let i = 0; i < 40_000; i++) lines.push(JSON.stringify({ id: `n${i}`, outlet: `Wire ${i % 9}`, text: `Kenya accused Uganda of arming rebels, report ${i} said.` }));
  writeFileSync(input, lines.join('\n'));
  const out = join(dir, 'many.json');
  const run = dyad(['analyze', input, '--out', out]);
  assert.equal(run.status, 0, run.stderr);
  const doc = JSON.parse(readFileSync(out, 'utf8')) as Output;
  assert.equal(doc.articles.length, 40_000);
  assert.equal(new Set(doc.articles.map((a) => a.id)).size, 40_000);
});

test('a 10 MB text is analysed', () => {
  // Generated news paragraphs, no boilerplate: every sentence goes through every stage.
  const paragraphs: string[] = [];
  let size = 0;
  for (let seed = 1; size < 10_000_000; seed++) {
    for (const a of generateArticles(200, seed)) {
      for (const p of a.text.split('\n\n').slice(2)) {
        if (!/[.”]$/.test(p) || /Sign up|Photo:|Reply/.test(p)) continue;
        paragraphs.push(p);
        size += p.length + 2;
      }
    }
  }
  const input = join(dir, 'big.txt');
  writeFileSync(input, `A long report\n\n${paragraphs.join('\n\n')}`);
  const out = join(dir, 'big.jsonl');
  const run = dyad(['analyze', input, '--format', 'jsonl', '--max-bytes', '20000000', '--out', out]);
  assert.equal(run.status, 0, run.stderr);
  const kinds = new Map<string, number>();
  for (const line of readFileSync(out, 'utf8').trimEnd().split('\n')) {
    const kind = (JSON.parse(line) as { record: string }).record;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  assert.equal(kinds.get('article'), 1);
  assert.ok((kinds.get('event') ?? 0) > 10_000);
});
