// The built-in sample corpus (samples/) through ingest + clean: every format
// reads without error and every kind of junk it was written with goes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ingest } from '../ingest/index.js';
import { clean } from './index.js';

const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));

test('samples: every format, metadata found, junk of every kind removed', async () => {
  const { articles, errors } = await ingest([SAMPLES]);
  assert.deepEqual(errors, []);
  const mine = articles.filter((a) => !a.path.includes('/stories/'));
  assert.ok(mine.length >= 15, `${mine.length} sample articles`);
  assert.deepEqual(new Set(mine.map((a) => a.format)), new Set(['text', 'html', 'json', 'feed']));
  const extensions = new Set(mine.map((a) => /\.(\w+)(?:#\d+)?$/.exec(a.path)![1]));
  for (const ext of ['txt', 'md', 'html', 'json', 'jsonl', 'rss', 'atom']) assert.ok(extensions.has(ext), ext);

  const cleaned = mine.map((raw) => clean(raw));
  for (const a of cleaned) {
    assert.ok(a.title, `${a.path} has a title`);
    assert.ok(a.outlet, `${a.path} has an outlet`);
    assert.match(a.published ?? '', /^\d{4}-\d{2}-\d{2}/, `${a.path} has a date`);
    const paragraphs = a.body.split('\n\n');
    for (const r of a.removed) assert.ok(!paragraphs.includes(r.text), `${a.path}: ${r.text}`);
  }
  const reasons = new Set(cleaned.flatMap((a) => a.removed.map((r) => r.reason)));
  for (const kind of ['repeated title', 'dateline', 'dateline (place line)', 'timestamp line', 'update note', 'newsletter promo', 'spam insert: unrelated headline', 'photo credit', 'photo caption', 'photo caption with credit', 'comment form', 'byline']) {
    assert.ok(reasons.has(kind), kind);
  }
  assert.equal(cleaned.filter((a) => a.flags.includes('spam-insert')).length, 2);
  // The manifest in samples/ gives the metadata of the one file without front matter.
  const dispatch = cleaned.find((a) => a.path.endsWith('sanctions-dispatch.txt'))!;
  assert.equal(dispatch.outlet, 'Continental Times');
  assert.equal(dispatch.published, '2026-03-17');
});
