// The seed articles through the whole pipeline: every person of the news found
// with the right country or body, and no one from a photo credit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyzeArticle, loadKnowledge } from '../pipeline.js';

const seeds = fileURLToPath(new URL('../../../shared/corpus/seeds/', import.meta.url));

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

test('seed articles: people of the news with their affiliation, no photographers', (t) => {
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
    const want = expected[entry.path.slice(0, 3)];
    if (!want) continue;
    const doc = analyzeArticle(
      { path: entry.path, format: 'text', text: readFileSync(seeds + entry.path, 'utf8'), outlet: entry.outlet, published: entry.published },
      kb,
    );
    const people = new Map(doc.entities.filter((e) => e.kind === 'person').map((e) => [e.id, e]));
    for (const [id, actor] of Object.entries(want)) {
      assert.equal(people.get(id)?.country, actor, `${entry.path}: ${id} should act for ${actor}`);
    }
    assert.deepEqual([...people.keys()].filter((id) => !(id in want)), [], `${entry.path}: unexpected people`);
    for (const m of doc.mentions) {
      assert.equal(doc.article.body.slice(m.start, m.end), m.text, `${entry.path}: offsets of ${m.text}`);
      assert.doesNotMatch(m.text, /Getty|Babilov|Walschaerts/i, `${entry.path}: credit text as an actor`);
    }
  }
});
