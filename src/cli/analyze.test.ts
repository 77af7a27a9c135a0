// The `dyad analyze` command as a user runs it: a real process, real files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Output } from '../types.js';

const bin = fileURLToPath(new URL('../../bin/dyad.js', import.meta.url));
const dyad = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

const dir = mkdtempSync(join(tmpdir(), 'dyad-cli-'));
writeFileSync(
  join(dir, 'fjord.txt'),
  '---\ntitle: Fjord row\noutlet: Example Wire\npublished: 2026-03-02\n---\n' +
    'Norway accused Russia of pumping smog into the fjords on Monday.\n\n' +
    'Russia rejected the accusations as baseless, its foreign ministry said.\n',
);
writeFileSync(join(dir, 'empty.txt'), '');

test('analyze prints the contract; a bad file is listed and the rest still runs (exit 1)', () => {
  const run = dyad('analyze', join(dir, 'fjord.txt'), join(dir, 'empty.txt'));
  assert.equal(run.status, 1);
  const out = JSON.parse(run.stdout) as Output;
  for (const key of ['articles', 'entities', 'quotes', 'events', 'stories', 'claims', 'errors'] as const) {
    assert.ok(Array.isArray(out[key]), key);
  }
  assert.equal(out.articles.length, 1);
  assert.equal(out.articles[0]!.title, 'Fjord row');
  assert.equal(out.errors.length, 1);
  assert.match(out.errors[0]!.file, /empty\.txt$/);
  assert.match(run.stderr, /empty\.txt/);
  const accuse = out.events.find((e) => e.type === 'ACCUSE');
  assert.deepEqual([accuse?.source[0]?.actor, accuse?.target[0]?.actor], ['NOR', 'RUS']);
  const body = out.articles[0]!.body;
  assert.equal(body.slice(accuse!.evidence.start, accuse!.evidence.end), accuse!.evidence.text);
});

test('jsonl gives one record per line with its kind; --out writes the file', () => {
  const file = join(dir, 'out.jsonl');
  const run = dyad('analyze', join(dir, 'fjord.txt'), '--format', 'jsonl', '--out', file);
  assert.equal(run.status, 0);
  assert.equal(run.stdout, '');
  const records = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { record: string; kind?: string });
  assert.equal(records.filter((r) => r.record === 'article').length, 1);
  assert.ok(records.some((r) => r.record === 'event'));
  // A record's own `kind` (quote: direct/partial/indirect; entity: country/person/...) survives beside the record kind.
  const quotes = records.filter((r) => r.record === 'quote');
  const entities = records.filter((r) => r.record === 'entity');
  assert.ok(quotes.length > 0 && entities.length > 0);
  for (const q of quotes) assert.match(q.kind ?? '', /^(direct|partial|indirect|scare)$/);
  for (const e of entities) assert.match(e.kind ?? '', /^(country|igo|person|org|group)$/);
});

test('usage errors exit 2 and say what is wrong', () => {
  const bad = dyad('analyze', '--format', 'xml');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--format must be json or jsonl/);
  assert.equal(dyad('analyze', '--no-such-flag').status, 2);
  assert.equal(dyad('frobnicate').status, 2);
});

test('a lexicon file adds claim templates; an unknown section is refused', () => {
  const lexicon = join(dir, 'lexicon.yaml');
  writeFileSync(lexicon, 'claims:\n  - id: user-smog\n    proposition: "{accused} pollutes the fjords"\n    assert: ["\\\\bsmog\\\\b"]\n');
  const out = JSON.parse(dyad('analyze', join(dir, 'fjord.txt'), '--lexicon', lexicon).stdout) as Output;
  const claim = out.claims.find((c) => c.proposition === 'RUS pollutes the fjords');
  assert.deepEqual([claim?.assertedBy, claim?.deniedBy], [['NOR'], ['RUS']]);
  const typo = join(dir, 'typo.yaml');
  writeFileSync(typo, 'claim: []\n');
  const refused = dyad('analyze', join(dir, 'fjord.txt'), '--lexicon', typo);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /typo\.yaml: unknown section 'claim'/);
});

test('with no path, analyze runs on the built-in sample corpus and reads all of it', () => {
  const run = dyad('analyze');
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout) as Output;
  assert.ok(out.articles.length >= 15);
  assert.equal(out.errors.length, 0);
  assert.ok(out.events.length > 0 && out.quotes.length > 0 && out.stories.length > 0);
});

test('--help and --version', () => {
  assert.match(dyad('--help').stdout, /dyad analyze/);
  assert.match(dyad('--version').stdout, /^\d+\.\d+\.\d+\n$/);
});

test('analyze draws its progress line with --progress and stays silent with --quiet', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-progress-'));
  try {
    const shown = dyad('analyze', '--progress', '--out', join(dir, 'a.json'));
    assert.equal(shown.status, 0, shown.stderr);
    assert.match(shown.stderr, /\d+\/\d+ articles\s+[\d.]+\/s\s+ETA/);
    const quiet = dyad('analyze', '--quiet', '--out', join(dir, 'b.json'));
    assert.equal(quiet.status, 0, quiet.stderr);
    assert.equal(quiet.stderr, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
