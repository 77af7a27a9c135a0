import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { analyzePaths } from './analyze.js';
import { findStory, renderComparison, renderList } from './compare.js';

const FIXTURES = fileURLToPath(new URL('../../samples/stories/', import.meta.url));

test('compare finds a story by file name and tabulates outlets, claim sides and copies', async () => {
  const output = await analyzePaths([FIXTURES], {});
  const story = findStory(output, 'e04-1-wire');
  assert.ok(story);
  assert.equal(findStory(output, story.id), story);
  const text = renderComparison(story, output);
  // Each outlet of the story is a row; the copies section names the spun rewrite.
  for (const outlet of new Set(story.articles.map((id) => output.articles.find((a) => a.id === id)!.outlet!))) assert.match(text, new RegExp(`\\n  ${outlet} `));
  assert.match(text, /e04-4-spun\.txt\s+e04-1-wire\.txt\s+spun-text/);
  assert.match(text, /RUS carried out the cyberattack/);
  assert.match(text, /reports the denial/);
  assert.equal(findStory(output, 'no such story anywhere'), undefined);
  assert.equal(renderList(output).split('\n').length, output.stories.length + 1);
});
