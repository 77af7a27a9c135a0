// `dyad ingest` and `dyad analyze` must tell the same stories: the same copies
// (kind and direction) and the same story ids, whatever order the files come
// in, so that an id seen on the dashboard works with `dyad compare`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/index.js';
import { COPY_KINDS } from '../stories/copies.js';
import type { Article } from '../types.js';
import { analyzePaths, SAMPLES } from './analyze.js';
import { findStory } from './compare.js';
import { ingestPaths } from './ingest.js';

/** The files a folder read would take (recursively; `_`/`.` names and manifests skipped). */
function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (/^[._]/.test(e.name) || /^manifest\.(csv|jsonl)$/.test(e.name)) return [];
    const p = join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  });
}

/** A seeded shuffle (mulberry32 + Fisher-Yates): the same orders on every run. */
function shuffled<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** What the stories stage decided per article: story id, what it copies and how. */
function verdicts(articles: Article[]): Map<string, string> {
  const kind = (a: Article) => a.flags.find((f) => (COPY_KINDS as readonly string[]).includes(f)) ?? '-';
  return new Map(articles.map((a) => [a.id, `${a.story} ${a.duplicateOf ?? '-'} ${kind(a)}`]));
}

const MANIFEST = join(SAMPLES, 'manifest.csv');
const ALL = files(SAMPLES).sort();

test('analyze and ingest agree on stories and copies of the sample corpus in any file order', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-agree-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.ok(ALL.some((f) => f.includes('/stories/')), 'the stories fixture corpus is part of the samples');

  const reference = await analyzePaths([SAMPLES], {});
  const want = verdicts(reference.articles);
  assert.ok([...want.values()].some((v) => v.includes('copy-verbatim')), 'the corpus has copies to agree on');

  for (const seed of [1, 2]) {
    const out = await analyzePaths(shuffled(ALL, seed), { manifest: MANIFEST });
    assert.deepEqual(verdicts(out.articles), want, `analyze, shuffle ${seed}`);
  }
  // Ingest in two runs into one database (the second recomputes stories over both), reversed and shuffled.
  for (const [name, order] of [['reversed', [...ALL].reverse()], ['shuffle 3', shuffled(ALL, 3)]] as const) {
    const db = join(dir, `${name}.db`);
    const half = Math.floor(order.length / 2);
    await ingestPaths(order.slice(0, half), db, { manifest: MANIFEST });
    await ingestPaths(order.slice(half), db, { manifest: MANIFEST });
    const repo = await openStore(db);
    const stored = (await repo.loadDocs()).map((d) => d.article);
    const storyIds = (await repo.listStories({ limit: -1, offset: 0 })).items.map((s) => s.id);
    await repo.close();
    assert.deepEqual(verdicts(stored), want, `ingest, ${name}`);
    // Every story id the dashboard shows finds that very story in `dyad compare`.
    for (const id of storyIds) assert.equal(findStory(reference, id)?.id, id);
  }
});

test('the wire story is the original of its same-day reprint, not the other way round', async () => {
  const out = await analyzePaths([join(SAMPLES, 'stories', 'e02-2-reprint.txt'), join(SAMPLES, 'stories', 'e02-1-wire.txt')], {});
  const by = new Map(out.articles.map((a) => [a.path.replace(/.*\//, ''), a]));
  assert.equal(by.get('e02-1-wire.txt')!.duplicateOf, null);
  assert.equal(by.get('e02-2-reprint.txt')!.duplicateOf, by.get('e02-1-wire.txt')!.id);
  assert.ok(by.get('e02-2-reprint.txt')!.flags.includes('copy-verbatim'));
});
