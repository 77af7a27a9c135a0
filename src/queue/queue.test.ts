// The job queue and its workers on a real PostgreSQL: queued once, stored once, and a
// worker killed with SIGKILL in the middle of the queue loses and doubles nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateArticles } from '../bench/corpus.js';
import { loadKnowledge } from '../pipeline.js';
import { openStore, storeArticles, type Repo } from '../store/index.js';
import { atEnd } from '../testing/cleanup.js';
import { freshDatabase } from '../testing/postgres.js';
import type { RawArticle } from '../types.js';
import { ArticleQueue, jobId } from './index.js';

const DYAD = fileURLToPath(new URL('../../bin/dyad.js', import.meta.url));
/** The check runs on 5,000 articles; DYAD_KILL_TEST_ARTICLES sets another size. */
const KILL_ARTICLES = Number(process.env.DYAD_KILL_TEST_ARTICLES ?? 5000);

function dyad(args: string[]): ChildProcess {
  return spawn(process.execPath, [DYAD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
}

/** Every row count and each article's own counts: what must equal a clean single run. */
async function rows(repo: Repo) {
  const counts = await repo.counts({ copies: true });
  const docs = await repo.loadDocs();
  const perArticle = docs.map((d) => `${d.article.id}: ${d.events.length} events, ${d.quotes.length} quotes, ${d.entities.length} entities`).sort();
  return { articles: counts.articles, events: counts.events, quotes: counts.quotes, entities: counts.entities, perArticle };
}

function writeCorpus(raws: RawArticle[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-queue-'));
  mkdirSync(join(dir, 'in'));
  raws.forEach((a, i) => writeFileSync(join(dir, 'in', `${String(i).padStart(5, '0')}.txt`), `---\noutlet: ${a.outlet}\npublished: ${a.published}\n---\n${a.text}\n`));
  return dir;
}

test('an article queued twice unchanged is one job; a changed one is a new job', async (t) => {
  const url = await freshDatabase(t, 'queue_dedupe');
  const queue = await ArticleQueue.open(url, { supervise: false });
  atEnd(t, () => queue.stop());
  const raws = generateArticles(5);
  assert.deepEqual(await queue.enqueue(raws), { queued: 5, already: 0 });
  assert.deepEqual(await queue.enqueue(raws), { queued: 0, already: 5 });
  const changed = { ...raws[0]!, text: `${raws[0]!.text}\n\nA line added later.` };
  assert.notEqual(jobId(changed), jobId(raws[0]!));
  assert.deepEqual(await queue.enqueue([changed]), { queued: 1, already: 0 });
  assert.equal((await queue.size()).waiting, 6);
});

test('dyad enqueue and two dyad workers store every article once, with stories and claims, as dyad ingest does', async (t) => {
  const url = await freshDatabase(t, 'queue_workers');
  const single = await freshDatabase(t, 'queue_single');
  const enqueue = spawnSync(process.execPath, [DYAD, 'enqueue', '--db', url, '--json'], { encoding: 'utf8' });
  assert.equal(enqueue.status, 0, enqueue.stderr);
  const queued = JSON.parse(enqueue.stdout) as { queued: number };
  assert.ok(queued.queued > 50, 'the sample corpus is queued');
  const workers = [dyad(['worker', '--db', url, '--drain', '--batch', '8']), dyad(['worker', '--db', url, '--drain', '--concurrency', '2', '--batch', '8'])];
  for (const w of await Promise.all(workers.map(exited))) assert.equal(w.code, 0, w.stderr);
  const ingest = spawnSync(process.execPath, [DYAD, 'ingest', '--db', single, '--quiet'], { encoding: 'utf8' });
  assert.equal(ingest.status, 0, ingest.stderr);
  const [a, b] = [await openStore(url), await openStore(single)];
  atEnd(t, () => Promise.all([a.close(), b.close()]));
  const [got, want] = [await rows(a), await rows(b)];
  assert.equal(got.articles, queued.queued);
  assert.deepEqual(got, want);
  // The corpus leader placed every article in a story and found the claims.
  const counts = await a.counts();
  assert.ok(counts.stories > 0 && counts.claims > 0, JSON.stringify(counts));
  const unplaced = (await a.loadDocs()).filter((d) => d.article.story === null).map((d) => d.article.path);
  assert.deepEqual(unplaced, []);
  assert.equal(counts.stories, (await b.counts()).stories);
});

test(`a worker killed with SIGKILL in the middle of a ${KILL_ARTICLES}-article queue and started again: every article stored exactly once`, async (t) => {
  const url = await freshDatabase(t, 'queue_kill');
  const single = await freshDatabase(t, 'queue_kill_single');
  const raws = generateArticles(KILL_ARTICLES, 7);
  const dir = writeCorpus(raws);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // Lost jobs come back after 5 s instead of 5 minutes.
  const enqueue = spawnSync(process.execPath, [DYAD, 'enqueue', join(dir, 'in'), '--db', url, '--expire', '5', '--quiet'], { encoding: 'utf8' });
  assert.equal(enqueue.status, 0, enqueue.stderr);

  const survivor = dyad(['worker', '--db', url, '--drain']);
  const victim = dyad(['worker', '--db', url, '--drain']);
  const survived = exited(survivor);
  const killed = exited(victim);
  // Killed once the store holds a third of the queue: the victim is then mid-batch.
  const repo = await openStore(url);
  atEnd(t, () => repo.close());
  for (;;) {
    const { articles } = await repo.counts({ copies: true });
    if (articles >= KILL_ARTICLES / 3) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  victim.kill('SIGKILL');
  assert.equal((await killed).signal, 'SIGKILL');
  const again = exited(dyad(['worker', '--db', url, '--drain']));
  for (const w of await Promise.all([survived, again])) assert.equal(w.code, 0, w.stderr);

  // The same articles through one clean ingest.
  const kb = loadKnowledge();
  const { ingest } = await import('../ingest/index.js');
  const { articles } = await ingest([join(dir, 'in')]);
  const clean = await openStore(single);
  atEnd(t, () => clean.close());
  await storeArticles(clean, articles, kb);
  const [got, want] = [await rows(repo), await rows(clean)];
  assert.equal(got.articles, KILL_ARTICLES);
  assert.deepEqual(got, want);
  const queue = await ArticleQueue.open(url, { supervise: false });
  const size = await queue.size();
  await queue.stop();
  assert.deepEqual({ waiting: size.waiting, active: size.active, failed: size.failed }, { waiting: 0, active: 0, failed: 0 });
});

test('the queue commands need a PostgreSQL database: anything else is a usage error', () => {
  for (const args of [['worker'], ['worker', '--db', 'dyad.db'], ['enqueue', '--db', 'x.db'], ['worker', '--db', 'postgres://h/db', '--concurrency', '0']]) {
    const r = spawnSync(process.execPath, [DYAD, ...args], { encoding: 'utf8' });
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
  }
});
