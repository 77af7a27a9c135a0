// The seed articles through the whole pipeline: every person of the news found
// with the right country or body, and no one from a photo credit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seedDocs, seedsAbsent } from '../testing/seeds.js';

// Facts about who acted for whom in each seed (file prefix → person id → actor).
const expected: Record<string, Record<string, string>> = {
  '000': { 'person:lin-jian': 'CHN', 'person:xi-jinping': 'CHN', 'person:vladimir-putin': 'RUS', 'person:alexander-lukashenko': 'BLR' },
  '001': { 'person:joe-biden': 'USA', 'person:xi-jinping': 'CHN', 'person:vladimir-putin': 'RUS', 'person:kim-jong-un': 'PRK' },
  '002': {
    'person:jens-stoltenberg': 'NATO',
    'person:lin-jian': 'CHN',
    'person:xi-jinping': 'CHN',
    'person:vladimir-putin': 'RUS',
    'person:joe-biden': 'USA',
    'person:donald-trump': 'USA',
    'person:volodymyr-zelensky': 'UKR',
  },
  '003': { 'person:jens-stoltenberg': 'NATO', 'person:dmytro-kuleba': 'UKR', 'person:zhao-lijian': 'CHN' },
  '004': { 'person:vladimir-putin': 'RUS', 'person:xi-jinping': 'CHN', 'person:yury-ushakov': 'RUS' },
};

test('seed articles: people of the news with their affiliation, no photographers', async (t) => {
  if (seedsAbsent(t)) return;
  const docs = await seedDocs();
  for (const [seed, want] of Object.entries(expected)) {
    const doc = docs.get(seed);
    assert.ok(doc, `seed ${seed} not read`);
    const people = new Map(doc.entities.filter((e) => e.kind === 'person').map((e) => [e.id, e]));
    for (const [id, actor] of Object.entries(want)) {
      assert.equal(people.get(id)?.country, actor, `seed ${seed}: ${id} should act for ${actor}`);
    }
    assert.deepEqual([...people.keys()].filter((id) => !(id in want)), [], `seed ${seed}: unexpected people`);
    for (const m of doc.mentions) {
      assert.equal(doc.article.body.slice(m.start, m.end), m.text, `seed ${seed}: offsets of ${m.text}`);
      assert.doesNotMatch(m.text, /Getty|Babilov|Walschaerts/i, `seed ${seed}: credit text as an actor`);
    }
  }
});
