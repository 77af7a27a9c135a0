// The stories fixture corpus (samples/stories, gold in _gold.json) and the
// seed articles, through the real pipeline: story F1, copies and claims.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingest } from '../ingest/index.js';
import { analyzeArticle, analyzeCorpus, loadKnowledge } from '../pipeline.js';
import type { Output } from '../types.js';
import { SEEDS, SEEDS_MANIFEST, seedsAbsent } from '../testing/seeds.js';
import { COPY_KINDS } from './copies.js';

const FIXTURES = fileURLToPath(new URL('../../samples/stories/', import.meta.url));

interface Gold {
  stories: string[][];
  duplicates: Record<string, { duplicateOf: string; kind: string }>;
  claims: { proposition: string; assertedBy: string[]; deniedBy: string[] }[];
}

async function run(paths: string[], manifest?: string): Promise<{ out: Output; name: (id: string) => string }> {
  const { articles, errors } = await ingest(paths, { manifest });
  assert.deepEqual(errors, []);
  const kb = loadKnowledge();
  const out = analyzeCorpus(articles.map((a) => analyzeArticle(a, kb)));
  const names = new Map(out.articles.map((a) => [a.id, basename(a.path).replace(/\.txt$/, '')]));
  return { out, name: (id) => names.get(id) ?? id };
}

/** Pairwise and BCubed F1 of a predicted clustering against a gold one over the same items. */
export function clusterScores(predicted: Map<string, string>, gold: Map<string, string>): { pairF1: number; bcubedF1: number } {
  const items = [...gold.keys()];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let bp = 0;
  let br = 0;
  for (let i = 0; i < items.length; i++) {
    let samePred = 0;
    let sameGold = 0;
    let both = 0;
    for (let j = 0; j < items.length; j++) {
      const p = predicted.get(items[i]!) === predicted.get(items[j]!);
      const g = gold.get(items[i]!) === gold.get(items[j]!);
      if (p) samePred++;
      if (g) sameGold++;
      if (p && g) both++;
      if (j <= i) continue;
      if (p && g) tp++;
      else if (p) fp++;
      else if (g) fn++;
    }
    bp += both / samePred;
    br += both / sameGold;
  }
  const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
  const pairP = tp + fp === 0 ? 1 : tp / (tp + fp);
  const pairR = tp + fn === 0 ? 1 : tp / (tp + fn);
  return { pairF1: f1(pairP, pairR), bcubedF1: f1(bp / items.length, br / items.length) };
}

test('fixture corpus: stories, copies and claims match the gold labels', async () => {
  const gold = JSON.parse(readFileSync(`${FIXTURES}_gold.json`, 'utf8')) as Gold;
  const { out, name } = await run([FIXTURES]);
  const goldStory = new Map<string, string>();
  gold.stories.forEach((members, i) => members.forEach((m) => goldStory.set(m, String(i))));
  const predicted = new Map(out.articles.map((a) => [name(a.id), a.story ?? a.id]));
  assert.equal(predicted.size, goldStory.size, 'every fixture article is labelled');
  const { pairF1, bcubedF1 } = clusterScores(predicted, goldStory);

  const articles = new Map(out.articles.map((a) => [name(a.id), a]));
  const copyErrors: string[] = [];
  let copiesRight = 0;
  for (const [file, a] of articles) {
    const want = gold.duplicates[file];
    const got = a.duplicateOf ? name(a.duplicateOf) : null;
    const kind = a.flags.find((f) => (COPY_KINDS as readonly string[]).includes(f)) ?? null;
    const right = (want?.duplicateOf ?? null) === got && (want?.kind ?? null) === kind;
    if (right && want) copiesRight++;
    if (!right) copyErrors.push(`${file}: ${got}/${kind}, want ${want?.duplicateOf ?? null}/${want?.kind ?? null}`);
  }

  const claimErrors: string[] = [];
  for (const g of gold.claims) {
    const c = out.claims.find((x) => x.proposition === g.proposition);
    const missing = (want: string[], got: string[] | undefined) => want.filter((a) => !got?.includes(a));
    const lacks = [...missing(g.assertedBy, c?.assertedBy), ...missing(g.deniedBy, c?.deniedBy)];
    if (!c || lacks.length > 0) claimErrors.push(`${g.proposition}: ${c ? `missing ${lacks.join(', ')}` : 'not found'}`);
  }
  console.log(
    `stories fixture: ${out.articles.length} articles, ${out.stories.length} stories (gold ${gold.stories.length}); ` +
      `pairwise F1 ${pairF1.toFixed(3)}, BCubed F1 ${bcubedF1.toFixed(3)}; ` +
      `copies ${copiesRight}/${Object.keys(gold.duplicates).length} (${copyErrors.length} errors); ` +
      `claims ${gold.claims.length - claimErrors.length}/${gold.claims.length}`,
  );
  assert.ok(pairF1 >= 0.9, `pairwise F1 ${pairF1.toFixed(3)}`);
  assert.ok(bcubedF1 >= 0.9, `BCubed F1 ${bcubedF1.toFixed(3)}`);
  assert.deepEqual(copyErrors, []);
  assert.deepEqual(claimErrors, []);
});

test('seeds: the two July 2024 articles form one story, the others stand apart', async (t) => {
  if (seedsAbsent(t)) return;
  const { out, name } = await run([SEEDS], SEEDS_MANIFEST);
  const story = new Map(out.articles.map((a) => [name(a.id).slice(0, 3), a.story]));
  assert.equal(story.size, 5);
  assert.equal(story.get('000'), story.get('001'));
  const others = ['000', '002', '003', '004'].map((k) => story.get(k));
  assert.equal(new Set(others).size, 4, 'June 2024, April 2022 and February 2022 each apart');
  for (const a of out.articles) assert.equal(a.duplicateOf, null, `${name(a.id)} is no copy`);
});

test('seeds: NATO, the US and the G7 say China supports Russia\'s war; China denies it', async (t) => {
  if (seedsAbsent(t)) return;
  const { out } = await run([SEEDS], SEEDS_MANIFEST);
  const claim = out.claims.find((c) => c.proposition === "CHN supports RUS's war against UKR");
  assert.ok(claim, `claims found: ${out.claims.map((c) => c.proposition).join('; ') || 'none'}`);
  for (const a of ['NATO', 'USA', 'G7']) assert.ok(claim.assertedBy.includes(a), `asserted by ${a}: ${claim.assertedBy.join(', ')}`);
  assert.ok(claim.deniedBy.includes('CHN'), `denied by CHN: ${claim.deniedBy.join(', ')}`);
  assert.ok(claim.evidence.some((e) => e.side === 'assert') && claim.evidence.some((e) => e.side === 'deny'));
});
