// The seed articles through the real pipeline. Their text stays in ../shared:
// expectations are who speaks each direct quote, counted per article, plus
// checks computed from the cleaned body itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seedDocs as seeds, seedsAbsent } from '../testing/seeds.js';

/** Direct quotes per speaker (entity id), by file-name prefix. */
const DIRECT: Record<string, Record<string, number>> = {
  '000': { 'person:lin-jian': 2 },
  '001': { NATO: 4, CHN: 2 },
  '002': { CHN: 1, 'person:lin-jian': 1, 'person:jens-stoltenberg': 4 },
  '003': { 'person:jens-stoltenberg': 2, CHN: 2, 'person:zhao-lijian': 1 },
  '004': { 'person:vladimir-putin': 1 },
};

for (const [prefix, expected] of Object.entries(DIRECT)) {
  test(`seed ${prefix}: every direct quote has its speaker`, async (t) => {
    if (seedsAbsent(t)) return;
    const doc = (await seeds()).get(prefix);
    assert.ok(doc, `seed ${prefix} not read`);
    const body = doc.article.body;
    const direct = doc.quotes.filter((q) => q.kind === 'direct');
    const counts: Record<string, number> = {};
    for (const q of direct) {
      const who = q.speaker?.entity ?? 'none';
      counts[who] = (counts[who] ?? 0) + 1;
      assert.equal(body.slice(q.start, q.end), q.text);
      assert.ok('“"‘\''.includes(body[q.start - 1]!), `direct quote not after a mark: ${q.id}`);
    }
    assert.deepEqual(counts, expected);
    // Every paragraph that opens with a quote mark is one of them.
    for (const p of doc.paragraphs) {
      if ('“"'.includes(body[p.start]!)) assert.ok(direct.some((q) => q.start === p.start + 1), `paragraph at ${p.start} opens a quote that was not found`);
    }
  });
}

test('seed 004: the joint statement speaks for both leaders; the advisor’s partial quote is his', async (t) => {
  if (seedsAbsent(t)) return;
  const doc = (await seeds()).get('004')!;
  const joint = doc.quotes.find((q) => q.kind === 'direct')!;
  assert.deepEqual(joint.speakers?.map((s) => s.entity), ['person:vladimir-putin', 'person:xi-jinping']);
  assert.equal(joint.cue, 'reads');
  assert.ok(doc.quotes.some((q) => q.kind === 'partial' && q.speaker?.entity === 'person:yury-ushakov'));
});

test('seeds: the Chinese mission speaks as CHN and NATO statements as NATO', async (t) => {
  if (seedsAbsent(t)) return;
  const all = await seeds();
  const byCue = (prefix: string, cue: string): string[] =>
    all.get(prefix)!.quotes.filter((q) => q.kind === 'direct' && q.cue === cue).map((q) => q.speaker?.actor ?? 'none');
  assert.deepEqual(byCue('001', 'says'), ['CHN']);
  assert.ok(byCue('001', 'said').every((a) => a === 'NATO' || a === 'CHN'));
  assert.ok(byCue('003', 'said').includes('CHN'));
});
