// The lead events of the seed articles through the whole pipeline: who did what
// to whom, as a reader of each article would code it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyzeArticle, loadKnowledge } from '../pipeline.js';
import type { PloverEvent } from '../types.js';

const seeds = fileURLToPath(new URL('../../../shared/corpus/seeds/', import.meta.url));

// File prefix → [source actors, type, target actor] of each lead event.
const expected: Record<string, [string[], string, string][]> = {
  '000': [[['CHN'], 'ACCUSE', 'NATO'], [['CHN'], 'REQUEST', 'NATO'], [['RUS'], 'REQUEST', 'UKR'], [['UKR'], 'REJECT', 'RUS']],
  '001': [[['NATO'], 'ACCUSE', 'CHN'], [['NATO'], 'REQUEST', 'CHN']],
  '002': [[['CHN'], 'REQUEST', 'NATO'], [['NATO'], 'REQUEST', 'CHN'], [['G7'], 'ACCUSE', 'CHN']],
  '003': [[['CHN'], 'ACCUSE', 'USA']],
  '004': [[['RUS', 'CHN'], 'REQUEST', 'NATO'], [['USA'], 'REJECT', 'RUS']],
};

const has = (events: PloverEvent[], [sources, type, target]: [string[], string, string]) =>
  events.some(
    (e) => e.type === type && !e.negated && sources.every((s) => e.source.some((a) => a.actor === s)) && e.target.some((a) => a.actor === target),
  );

test('seed articles: the lead events with their dyads', (t) => {
  if (!existsSync(seeds)) {
    t.skip('../shared absent');
    return;
  }
  const kb = loadKnowledge();
  const manifest = readFileSync(seeds + 'manifest.jsonl', 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { path: string; outlet: string; published: string });
  for (const entry of manifest) {
    const doc = analyzeArticle(
      { path: entry.path, format: 'text', text: readFileSync(seeds + entry.path, 'utf8'), outlet: entry.outlet, published: entry.published },
      kb,
    );
    for (const want of expected[entry.path.slice(0, 3)] ?? []) {
      assert.ok(has(doc.events, want), `${entry.path}: ${want[0].join('+')} ${want[1]} ${want[2]}`);
    }
    for (const e of doc.events) {
      assert.equal(doc.article.body.slice(e.evidence.start, e.evidence.end), e.evidence.text, `${entry.path}: evidence offsets`);
      assert.equal(doc.article.body.slice(e.triggerStart, e.triggerEnd), e.trigger, `${entry.path}: trigger offsets`);
    }
  }
});
