// The pool of analysis threads: what one thread gives, in batch order, and no article
// lost when an article fails or even kills its thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { siteLines } from '../clean/site.js';
import { analyzeBatch, batches, loadKnowledge } from '../pipeline.js';
import { openStore, storeArticles } from '../store/index.js';
import { storyTerms } from '../stories/index.js';
import type { RawArticle } from '../types.js';
import { AnalystPool, InThread, inOrder, type Analysts } from './pool.js';

const kb = loadKnowledge();
const STATES = ['France', 'Germany', 'Chile', 'Peru', 'Ghana', 'Togo', 'Japan', 'Brazil'];
const raw = (n: number, text?: string): RawArticle => {
  const [a, b] = [STATES[n % STATES.length]!, STATES[(n + 3) % STATES.length]!];
  return { path: `a${n}.txt`, format: 'text', outlet: `Outlet ${n % 3}`, published: '2024-06-01', text: text ?? `${a} accused ${b} of breaking the truce on Monday.\n\n“We want talks,” the minister of ${b} said.` };
};

const dir = mkdtempSync(join(tmpdir(), 'dyad-pool-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** A thread that stops (exit code 7) when given an article saying so, and is a real analyst otherwise. */
const fragile = join(dir, 'fragile.mjs');
writeFileSync(
  fragile,
  `import { parentPort } from 'node:worker_threads';
// The analyst's own listener, wrapped: it sees every batch, and none before it is set.
const on = parentPort.on.bind(parentPort);
parentPort.on = (event, listener) => on(event, (m) => {
  if (event === 'message' && m.raws.some((r) => r.text.includes('STOP THE THREAD'))) process.exit(7);
  listener(m);
});
await import(${JSON.stringify(new URL('./analyst.js', import.meta.url).href)});
`,
);
/** A thread that cannot start. */
const broken = join(dir, 'broken.mjs');
writeFileSync(broken, `throw new Error('no model here');\n`);

test('batches come back in order, each as analyzeBatch gives it in this thread', async () => {
  const raws = Array.from({ length: 30 }, (_, n) => raw(n));
  const pool = new AnalystPool({ threads: 2, user: kb.user, extra: 'story terms' });
  try {
    const items = Array.from(batches(raws, 4), (b) => ({ raws: b }));
    let k = 0;
    for await (const [item, result] of inOrder(items, pool)) {
      assert.equal(item, items[k++]);
      const here = analyzeBatch(item.raws, kb);
      assert.deepEqual(result.errors, here.errors);
      assert.deepEqual(result.analysed.map((x) => x.raw), here.analysed.map((x) => x.raw), 'the very raw objects given');
      // Tokens and paragraphs stay in the thread: nothing after the per-article stages reads them.
      assert.deepEqual(result.analysed.map((x) => x.doc), here.analysed.map((x) => ({ ...x.doc, tokens: [], paragraphs: [] })));
      assert.deepEqual(result.analysed.map((x) => x.storyTerms), here.analysed.map((x) => storyTerms(x.doc)));
    }
    assert.equal(k, items.length);
  } finally {
    await pool.close();
  }
});

test('reserve starts the threads a corpus calls for before its first batch: none for one batch the main thread takes, never more than asked', async () => {
  const pool = new AnalystPool({ threads: 3, user: kb.user, extra: 'story terms', helper: () => kb });
  try {
    pool.reserve(64);
    assert.equal(pool.launchedThreads, 0, 'one batch: the main thread analyses it');
    pool.reserve(130);
    assert.equal(pool.launchedThreads, 2, 'three batches: the main thread takes one');
    pool.reserve(100_000);
    assert.equal(pool.launchedThreads, 3);
    pool.reserve(10);
    assert.equal(pool.launchedThreads, 3, 'a thread once started is kept');
    const raws = Array.from({ length: 6 }, (_, n) => raw(n));
    const { analysed } = await pool.analyze(raws);
    assert.equal(pool.launchedThreads, 3, 'reserved: the first batch starts no more');
    assert.deepEqual(analysed.map((x) => x.doc), analyzeBatch(raws, kb).analysed.map((x) => ({ ...x.doc, tokens: [], paragraphs: [] })));
  } finally {
    await pool.close();
  }
});

test('an article a stage fails on in a thread is an error naming its file; the rest of its batch is analysed', async () => {
  const bad = { ...raw(1), path: 'no-text.json', text: undefined } as unknown as RawArticle;
  const pool = new AnalystPool({ threads: 2, user: kb.user, extra: 'story terms' });
  try {
    const { analysed, errors } = await pool.analyze([raw(0), bad, raw(2)]);
    assert.deepEqual(analysed.map((x) => x.raw.path), ['a0.txt', 'a2.txt']);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.file, 'no-text.json');
    assert.match(errors[0]!.reason, /^analysis failed: /);
  } finally {
    await pool.close();
  }
});

test('an article that kills its thread fails alone: its batch is analysed again an article at a time, and the pool goes on', async () => {
  const pool = new AnalystPool({ threads: 2, user: kb.user, extra: 'story terms', script: pathToFileURL(fragile) });
  try {
    const first = [raw(0), raw(1, 'STOP THE THREAD, said the text.'), raw(2)];
    const results = await Promise.all([pool.analyze(first), pool.analyze([raw(3), raw(4)]), pool.analyze([raw(5)])]);
    assert.deepEqual(results[0]!.analysed.map((x) => x.raw.path), ['a0.txt', 'a2.txt']);
    assert.deepEqual(results[0]!.errors, [{ file: 'a1.txt', reason: 'analysis failed: the analysis thread stopped (exit code 7)' }]);
    assert.deepEqual(results[1]!.analysed.map((x) => x.raw.path), ['a3.txt', 'a4.txt']);
    assert.deepEqual(results[2]!.analysed.map((x) => x.raw.path), ['a5.txt']);
    // A thread took the dead one's place.
    assert.deepEqual((await pool.analyze([raw(6)])).analysed.map((x) => x.raw.path), ['a6.txt']);
  } finally {
    await pool.close();
  }
});

test('threads that cannot start fail every article with the reason, and nothing hangs', async () => {
  const pool = new AnalystPool({ threads: 2, user: kb.user, extra: 'story terms', script: pathToFileURL(broken) });
  try {
    const results = await Promise.all([pool.analyze([raw(0), raw(1)]), pool.analyze([raw(2)]), pool.analyze([raw(3)]), pool.analyze([raw(4)]), pool.analyze([raw(5)])]);
    const errors = results.flatMap((r) => r.errors);
    assert.deepEqual(errors.map((e) => e.file), ['a0.txt', 'a1.txt', 'a2.txt', 'a3.txt', 'a4.txt', 'a5.txt']);
    for (const e of errors) assert.match(e.reason, /^analysis failed: the analysis thread stopped \(no model here\)$/);
    assert.ok(results.every((r) => r.analysed.length === 0));
  } finally {
    await pool.close();
  }
});

test('with the main thread helping, threads that cannot start leave it all to the main thread, site memory as in one thread', async () => {
  // Pages of two outlets carrying their house line: from the third page on, each batch removes it.
  const pages = Array.from({ length: 24 }, (_, n) => ({ ...raw(n), outlet: `Outlet ${n % 2}`, text: `${raw(n).text}\n\nRead the ${n % 2 ? 'Valley' : 'Harbor'} weekend edition` }));
  const run = async (analysts: Analysts) => {
    const results = [];
    for (const batch of batches(pages, 3)) {
      for (const page of batch) analysts.learn([page.path, page.outlet, siteLines(page.text, kb.clean.words)]);
      results.push(analysts.analyze(batch));
    }
    const out = await Promise.all(results);
    await analysts.close();
    return out.map((r) => ({ errors: r.errors, docs: r.analysed.map((x) => ({ ...x.doc, tokens: [], paragraphs: [] })) }));
  };
  const alone = await run(new InThread(kb, { learnSites: true }));
  assert.ok(alone.some((r) => r.docs.some((d) => d.article.removed.some((x) => x.rule === 'site-repeated'))), 'the memory is at work');
  assert.deepEqual(await run(new AnalystPool({ threads: 2, user: kb.user, extra: 'story terms', learnSites: true, script: pathToFileURL(broken), helper: () => kb })), alone);
});

test('ingest on two threads: an input that fails is reported and the rest stored', async (t) => {
  const repo = await openStore(join(dir, 'fail.db'));
  t.after(() => repo.close());
  const raws = Array.from({ length: 150 }, (_, n) => raw(n));
  // No reader gives a title that is no string: here it stands for an article a stage fails on.
  raws[70] = { ...raws[70]!, title: 42 } as unknown as RawArticle;
  const result = await storeArticles(repo, raws, kb, { jobs: 2 });
  assert.equal(result.errors.length, 1);
  assert.equal(result.errors[0]!.file, 'a70.txt');
  assert.match(result.errors[0]!.reason, /^analysis failed: /);
  assert.equal(result.added.length, 149);
  assert.equal((await repo.counts()).articles, 149);
  // The layers the threads encoded are what this thread would have stored.
  const stored = await repo.getArticle(result.added[100]!);
  const here = analyzeBatch([raws.find((r) => stored!.article.path === r.path)!], kb).analysed[0]!.doc;
  assert.deepEqual(stored!.events, here.events);
});
