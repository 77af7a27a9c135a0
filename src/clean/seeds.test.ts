// The seed articles through ingest + clean, against a hand annotation of which
// lines are junk. The annotation names line numbers only; every text compared
// is read from the seed files themselves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ingest } from '../ingest/index.js';
import { SEEDS_MANIFEST, SEEDS, seedsAbsent } from '../testing/seeds.js';
import { clean } from './index.js';


interface Gold {
  /** 1-based line numbers. */
  title: number | null;
  junk: number[];
  dateline: string | null;
  /** The lead line that opens with the dateline, when it is a prefix. */
  prefixed?: number;
  flags: string[];
}

const GOLD: Record<string, Gold> = {
  '000': { title: 1, junk: [3], dateline: 'BEIJING', prefixed: 5, flags: [] },
  // 3 newsletter promo, 5 place line, 21 spam insert, 27 credit, 29 caption, 71 update note, 73 and 75 comment form.
  '001': { title: 1, junk: [3, 5, 21, 27, 29, 71, 73, 75], dateline: 'Hong Kong', flags: ['spam-insert'] },
  '002': { title: null, junk: [], dateline: null, flags: [] },
  // 9 image title, 10 caption with credit, 38 update note.
  '003': { title: 1, junk: [9, 10, 38], dateline: null, flags: [] },
  // 3 timestamp line; 4, the standfirst, is news.
  '004': { title: 1, junk: [3], dateline: null, flags: [] },
};

test('seeds: titles, outlets, dates, datelines; junk gone and every news paragraph kept', async (t) => {
  if (seedsAbsent(t)) return;
  const manifest = readFileSync(SEEDS_MANIFEST, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { path: string; outlet: string; published: string });
  const { articles, errors } = await ingest([SEEDS], { manifest: SEEDS_MANIFEST });
  assert.deepEqual(errors, []);
  assert.equal(articles.length, 5);
  for (const raw of articles) {
    const name = basename(raw.path);
    const gold = GOLD[name.slice(0, 3)]!;
    const meta = manifest.find((m) => m.path === name)!;
    const lines = readFileSync(raw.path, 'utf8').split('\n').map((l) => l.trim());
    const a = clean(raw);
    assert.equal(a.title, gold.title === null ? null : lines[gold.title - 1], name);
    assert.equal(a.outlet, meta.outlet, name);
    assert.equal(a.published, meta.published, name);
    assert.deepEqual(a.flags, gold.flags, name);
    assert.equal(a.dateline, gold.dateline, name);
    lines.forEach((line, k) => {
      const n = k + 1;
      if (!line || n === gold.title) return;
      const squashed = line.replace(/\s+/g, ' ');
      if (gold.junk.includes(n)) {
        // A junk line may share its start with news (the repeated title is the title), so compare whole lines.
        assert.ok(!a.body.split('\n\n').includes(squashed), `${name}:${n} should be gone`);
        assert.ok(a.removed.some((r) => r.text === squashed), `${name}:${n} should be listed as removed`);
      } else if (gold.prefixed === n) {
        const rest = squashed.slice(squashed.indexOf('—') + 1).trim();
        assert.ok(a.body.startsWith(rest), `${name}:${n} lead without its dateline`);
      } else {
        assert.ok(a.body.split('\n\n').includes(squashed), `${name}:${n} should be kept`);
      }
    });
    assert.equal(a.removed.length, gold.junk.length + (gold.title ? 1 : 0) + (gold.prefixed ? 1 : 0), name);
  }
});
