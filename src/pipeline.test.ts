import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeArticle, analyzeBatch, analyzeCorpus, batches, loadKnowledge } from './pipeline.js';
import type { RawArticle } from './types.js';

const kb = loadKnowledge();
const raw = (path: string, text: string): RawArticle => ({ path, format: 'text', text, published: '2024-06-01' });

test('a batch gives what each article gives alone, in input order', () => {
  const raws = [raw('a.txt', 'France called on Germany to withdraw its troops.'), raw('b.txt', '“We will talk to Iran,” Biden said on Monday.')];
  const { analysed, errors } = analyzeBatch(raws, kb);
  assert.deepEqual(errors, []);
  assert.deepEqual(analysed.map((x) => x.raw), raws);
  assert.deepEqual(analysed.map((x) => x.doc), raws.map((r) => analyzeArticle(r, kb)));
});

test('an article a stage fails on is dropped with an error naming its file; the rest go on', () => {
  const broken = { ...raw('broken.json', ''), text: undefined } as unknown as RawArticle;
  const timings: Record<string, number> = {};
  const { analysed, errors } = analyzeBatch([raw('a.txt', 'Russia attacked Ukraine.'), broken, raw('c.txt', 'Chile hosted Peru.')], kb, timings);
  assert.deepEqual(analysed.map((x) => x.raw.path), ['a.txt', 'c.txt']);
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.file, 'broken.json');
  assert.match(errors[0]!.reason, /^analysis failed: /);
  assert.deepEqual(Object.keys(timings), ['clean+nlp', 'actors', 'quotes', 'events', 'time']);
});

test('batches cut a list in order, the last one short', () => {
  assert.deepEqual([...batches([1, 2, 3, 4, 5], 2)], [[1, 2], [3, 4], [5]]);
  assert.deepEqual([...batches([], 2)], []);
});

test('scare quotes are kept, marked, and left out of share of voice and claims', () => {
  const doc = analyzeArticle({ path: 's.txt', format: 'text', outlet: 'Example Times', text: 'The so-called “reset” between Ghana and Togo has stalled after months of talks.', published: '2024-02-02' }, kb);
  const scare = doc.quotes.filter((q) => q.kind === 'scare');
  assert.ok(scare.length > 0);
  const out = analyzeCorpus([doc]);
  for (const s of out.stories) for (const o of s.comparison?.outlets ?? []) assert.deepEqual(o.voices, []);
  assert.ok(out.claims.every((c) => c.evidence.every((e) => !scare.some((q) => q.id === e.id))));
});
