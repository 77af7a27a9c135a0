// The lead events of the seed articles through the whole pipeline: who did what
// to whom, as a reader of each article would code it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seedDocs, seedsAbsent } from '../testing/seeds.js';
import type { PloverEvent } from '../types.js';

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

test('seed articles: the lead events with their dyads', async (t) => {
  if (seedsAbsent(t)) return;
  const docs = await seedDocs();
  assert.equal(docs.size, 5, 'five seed articles');
  for (const [seed, doc] of docs) {
    for (const want of expected[seed] ?? []) {
      assert.ok(has(doc.events, want), `seed ${seed}: ${want[0].join('+')} ${want[1]} ${want[2]}`);
    }
    for (const e of doc.events) {
      assert.equal(doc.article.body.slice(e.evidence.start, e.evidence.end), e.evidence.text, `seed ${seed}: evidence offsets`);
      assert.equal(doc.article.body.slice(e.triggerStart, e.triggerEnd), e.trigger, `seed ${seed}: trigger offsets`);
    }
  }
});
