import { test } from 'node:test';
import assert from 'node:assert/strict';
import { benchStories } from './bench.js';

test('the synthetic stream: every copy found, none invented, one story per happening', () => {
  const r = benchStories(4000, 500);
  console.log(`stories bench (4000 articles): ${r.happenings} happenings -> ${r.stories} stories; copies ${r.copiesFound}/${r.copiesMade}, false ${r.falseCopies}; ${Math.round(r.articlesPerSec)} articles/s, peak RSS ${Math.round(r.peakRssMb)} MB`);
  assert.equal(r.copiesFound, r.copiesMade);
  assert.equal(r.falseCopies, 0);
  assert.ok(Math.abs(r.stories - r.happenings) <= r.happenings * 0.01, `${r.stories} stories for ${r.happenings} happenings`);
});
