// The sample corpus stored in SQLite and in PostgreSQL answers every API request and
// export alike: the same counts, articles, events, quotes, stories, claims, entities,
// series, places, countries and network. Search finds the same hits; only their
// ranking may differ (bm25 against ts_rank), so hits are compared as sets.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { gdelt, toCsv, toGraphml, toJsonl, toPlover } from '../export/index.js';
import { ingest } from '../ingest/index.js';
import { loadKnowledge } from '../pipeline.js';
import { storeArticles, type Repo } from '../store/index.js';
import { BACKENDS, testStore } from '../testing/stores.js';
import { buildServer } from './index.js';

const SAMPLES = new URL('../../samples/', import.meta.url).pathname;

interface Side {
  repo: Repo;
  app: FastifyInstance;
}

let sqlite: Side;
let postgres: Side;
const cleanup: (() => unknown)[] = [];

before(async () => {
  const kb = loadKnowledge();
  const { articles } = await ingest([SAMPLES]);
  const [first, second] = await Promise.all(BACKENDS.map(async (backend) => {
    const repo = await testStore(backend, { after: (fn) => cleanup.push(fn) });
    await storeArticles(repo, articles, kb);
    return { repo, app: buildServer({ repo }) };
  }));
  [sqlite, postgres] = [first!, second!];
});

after(async () => {
  await Promise.all([sqlite?.app.close(), postgres?.app.close()]);
  for (const fn of cleanup) await fn();
});

async function both(url: string): Promise<[unknown, unknown]> {
  const answer = async ({ app }: Side) => {
    const res = await app.inject({ url });
    assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    return res.json() as unknown;
  };
  return [await answer(sqlite), await answer(postgres)];
}

async function same(url: string): Promise<unknown> {
  const [a, b] = await both(url);
  assert.deepEqual(b, a, url);
  return a;
}

test('the sample corpus is stored alike', async () => {
  const stats = (await same('/api/stats?copies=true')) as Record<string, number>;
  assert.ok(stats.articles! > 50 && stats.events! > 50 && stats.stories! > 5 && stats.claims! > 0, JSON.stringify(stats));
  await same('/api/stats');
  assert.deepEqual(await postgres.repo.loadDocs(), await sqlite.repo.loadDocs());
});

test('lists and single items answer alike', async () => {
  const articles = (await same('/api/articles?limit=1000')) as { items: { id: string }[] };
  for (const { id } of articles.items) await same(`/api/articles/${encodeURIComponent(id)}`);
  await same('/api/articles?limit=7&offset=7');
  const stories = (await same('/api/stories?limit=1000')) as { items: { id: string; actors: string[] }[] };
  for (const { id } of stories.items) await same(`/api/stories/${encodeURIComponent(id)}`);
  await same(`/api/stories?actor=${stories.items[0]!.actors[0]}&from=2024-01-01`);
  for (const copies of ['false', 'true']) {
    await same(`/api/events?limit=1000&copies=${copies}`);
    await same(`/api/quotes?limit=1000&copies=${copies}`);
    await same(`/api/entities?limit=1000&copies=${copies}`);
  }
  await same('/api/events?limit=5&offset=10');
  await same('/api/quotes?speaker=minister&limit=1000');
  await same('/api/entities?kind=person&limit=1000');
  const claims = (await same('/api/claims?limit=1000')) as { items: { assertedBy: string[] }[] };
  const actor = claims.items.flatMap((c) => c.assertedBy)[0];
  if (actor) await same(`/api/claims?actor=${actor}`);
});

test('series, places, countries and the network answer alike', async () => {
  const network = (await same('/api/network')) as { nodes: { id: string }[] };
  await same('/api/network?copies=true');
  for (const interval of ['day', 'week', 'month']) await same(`/api/dyads?interval=${interval}`);
  for (const { id } of network.nodes.slice(0, 4)) {
    await same(`/api/dyads?actor=${id}&interval=month`);
    await same(`/api/dyads?source=${id}&interval=week&copies=true`);
    await same(`/api/network?actor=${id}`);
    await same(`/api/events?actor=${id}&limit=1000`);
  }
  await same('/api/places');
  await same('/api/places?copies=true');
  await same('/api/countries');
  await same('/api/countries?copies=true');
});

test('exports are the same files', async () => {
  for (const copies of [false, true]) {
    const [a, b] = [await sqlite.repo.exportEvents({ copies }), await postgres.repo.exportEvents({ copies })];
    assert.deepEqual(b, a);
    for (const render of [toCsv, toJsonl, toPlover, (e: typeof a) => gdelt(e).text]) assert.equal(render(b), render(a));
    assert.equal(toGraphml(await postgres.repo.network({ copies })), toGraphml(await sqlite.repo.network({ copies })));
  }
});

test('search finds the same hits (ranked each its own way)', async () => {
  for (const q of ['sanctions', 'minister said', 'trawler', 'talks on', 'xyzzy', 'the']) {
    for (const copies of ['false', 'true']) {
      const [a, b] = (await both(`/api/search?q=${encodeURIComponent(q)}&limit=1000&copies=${copies}`)) as {
        total: number; terms: string[]; partial: boolean; items: { kind: string; article: string; id: string; title: string | null }[];
      }[];
      assert.deepEqual([b!.total, b!.terms, b!.partial], [a!.total, a!.terms, a!.partial], q);
      const hits = (x: typeof a) => x!.items.map((h) => `${h.kind} ${h.id} ${h.title}`).sort();
      assert.deepEqual(hits(b), hits(a), q);
    }
  }
});
