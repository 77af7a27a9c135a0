// Stories and claims updated article by article (the server's way) against a recompute
// over the whole corpus (`dyad ingest`'s way), on the fixture corpora.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingest } from '../ingest/index.js';
import { loadKnowledge } from '../pipeline.js';
import { SEEDS, SEEDS_MANIFEST, seedsAbsent } from '../testing/seeds.js';
import { BACKENDS, testDatabase, testStore, type Backend } from '../testing/stores.js';
import type { Article, Claim, RawArticle } from '../types.js';
import { CorpusUpdater, openStore, storeArticles, type Repo } from './index.js';

const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));
const kb = loadKnowledge();

/** What the two ways must agree on: which articles tell one story, which copy one another, and the claims. */
async function picture(repo: Repo): Promise<{ stories: string[]; copies: string[]; claims: string[] }> {
  const docs = await repo.loadDocs();
  const byStory = new Map<string, string[]>();
  for (const d of docs) {
    const key = d.article.story ?? `(none) ${d.article.id}`;
    byStory.set(key, [...(byStory.get(key) ?? []), d.article.path]);
  }
  // Copies as groups: which of two copies is the original may depend on arrival order.
  const group = new Map<string, string>();
  const root = (id: string): string => (group.get(id) === undefined || group.get(id) === id ? id : root(group.get(id)!));
  for (const d of docs) if (d.article.duplicateOf) group.set(root(d.article.id), root(d.article.duplicateOf));
  const copies = new Map<string, string[]>();
  const path = new Map(docs.map((d) => [d.article.id, d.article.path]));
  for (const d of docs) {
    const r = root(d.article.id);
    if (r !== d.article.id || docs.some((x) => x.article.duplicateOf && root(x.article.id) === r && x.article.id !== r)) {
      copies.set(r, [...(copies.get(r) ?? []), path.get(d.article.id)!]);
    }
  }
  const claims = (await repo.listClaims({ limit: -1, offset: 0 })).items.map((c: Claim) =>
    JSON.stringify([c.proposition, [...c.assertedBy].sort(), [...c.deniedBy].sort(), c.evidence.map((e) => `${path.get(e.article)}/${e.id}/${e.side}`).sort()]),
  );
  const sorted = (xs: string[][]) => xs.map((x) => x.sort().join(' + ')).sort();
  return { stories: sorted([...byStory.values()]), copies: sorted([...copies.values()]), claims: claims.sort() };
}

/** Stored stories and articles agree: every article's story lists it, every story's articles point back. */
async function consistent(repo: Repo): Promise<void> {
  const stories = (await repo.listStories({ limit: -1, offset: 0 })).items;
  const articles: Pick<Article, 'id' | 'story'>[] = (await repo.loadDocs()).map((d) => d.article);
  const storyOf = new Map(articles.map((a) => [a.id, a.story]));
  for (const s of stories) for (const a of s.articles) assert.equal(storyOf.get(a), s.id, `${a} is in ${s.id}`);
  const listed = new Set(stories.flatMap((s) => s.articles));
  for (const a of articles) assert.ok(listed.has(a.id), `${a.id} is listed by its story`);
}

async function compareWays(backend: Backend, t: { after: (fn: () => unknown) => void }, raws: RawArticle[]): Promise<{ incremental: number; rebuilt: string[] }> {
  const full = await testStore(backend, t);
  const inc = await testStore(backend, t);
  await storeArticles(full, raws, kb);

  const updater = new CorpusUpdater(inc, kb.user);
  await updater.rebuild();
  let incremental = 0;
  const rebuilt: string[] = [];
  for (const raw of raws) {
    const { added } = await storeArticles(inc, [raw], kb, { updateCorpus: false });
    updater.written(added.length);
    const update = await updater.add(added);
    if (update.mode === 'incremental') incremental++;
    else rebuilt.push(`${raw.path}: ${update.reason}`);
    // Only what the article touches is written, not every story.
    if (update.mode === 'incremental') assert.ok(update.stories <= 3, `${raw.path}: ${update.stories} stories written`);
  }
  await consistent(inc);
  assert.deepEqual(await picture(inc), await picture(full));
  return { incremental, rebuilt };
}

const byDate = (raws: RawArticle[]) => [...raws].sort((a, b) => String(a.published ?? '9999').localeCompare(String(b.published ?? '9999')));

for (const backend of BACKENDS) {
  describe(backend.name, () => {
    test('article by article, in date order, the stories fixture gets the stories, copies and claims of a recompute', async (t) => {
      const { articles, errors } = await ingest([join(SAMPLES, 'stories')], {});
      assert.deepEqual(errors, []);
      const { incremental, rebuilt } = await compareWays(backend, t, byDate(articles));
      console.log(`stories fixture in date order: ${incremental} incremental updates, ${rebuilt.length} rebuilds`);
      assert.ok(incremental >= articles.length - 2, `mostly incremental: ${rebuilt.slice(0, 3).join('; ')}`);
    });

    test('article by article, in date order, the sample corpus gets the stories, copies and claims of a recompute', async (t) => {
      const { articles, errors } = await ingest([SAMPLES], {});
      assert.deepEqual(errors, []);
      const { incremental } = await compareWays(backend, t, byDate(articles));
      assert.ok(incremental > articles.length / 2);
    });

    // Once is enough for these two: what they add to the others (rebuilds for older news, the
    // seed articles) is the updater's own logic, which the others show runs alike on both backends.
    if (backend.name === 'sqlite') {
      test('article by article, in file order (older news after newer), the stories fixture still gets a recompute\'s picture', async (t) => {
        const { articles } = await ingest([join(SAMPLES, 'stories')], {});
        const { rebuilt } = await compareWays(backend, t, articles);
        assert.ok(rebuilt.some((r) => /dated before/.test(r)), 'an article older than the open stories is a recompute');
      });

      test('article by article, the seeds get the stories and claims of a recompute', async (t) => {
        if (seedsAbsent(t)) return;
        const { articles } = await ingest([SEEDS], { manifest: SEEDS_MANIFEST });
        await compareWays(backend, t, articles);
      });
    }

    test('a changed article or a write by another process makes the update a full recompute', async (t) => {
      const db = await testDatabase(backend, t);
      const repo = await openStore(db);
      t.after(() => void repo.close());
      const { articles } = await ingest([join(SAMPLES, 'stories')], {});
      await storeArticles(repo, articles.slice(0, 10), kb);
      const updater = new CorpusUpdater(repo, kb.user);
      await updater.rebuild();
      // the same path with another text replaces the stored article
      const changed = { ...articles[3]!, text: `${articles[3]!.text}\n\nA paragraph added later.` };
      const { added } = await storeArticles(repo, [changed], kb, { updateCorpus: false });
      updater.written(added.length);
      assert.equal((await updater.add(added)).mode, 'rebuild');
      // written by another connection (another process), unannounced
      const other = await openStore(db);
      await storeArticles(other, [articles[11]!], kb, { updateCorpus: false });
      await other.close();
      const next = await storeArticles(repo, [articles[12]!], kb, { updateCorpus: false });
      updater.written(next.added.length);
      const update = await updater.add(next.added);
      assert.equal(update.mode, 'rebuild');
      assert.match(update.reason ?? '', /another process/);
      await consistent(repo);
    });

    test('catching up with articles other connections wrote (many workers, one corpus updater) gets a recompute\'s picture, incrementally', async (t) => {
      const full = await openStore(await testDatabase(backend, t));
      const shared = await testDatabase(backend, t);
      const leader = await openStore(shared);
      const others = [await openStore(shared), await openStore(shared)];
      t.after(() => void Promise.all([full, leader, ...others].map((r) => r.close())));
      const { articles } = await ingest([join(SAMPLES, 'stories')], {});
      const raws = byDate(articles);
      await storeArticles(full, raws, kb);

      const updater = new CorpusUpdater(leader, kb.user);
      assert.equal((await updater.catchUp())?.mode, 'rebuild', 'the first update is a recompute');
      assert.equal(await updater.catchUp(), null, 'nothing written since: nothing to do');
      const modes: string[] = [];
      // Two writers take turns with batches of three; the updater never hears of them but by the store.
      for (let i = 0; i < raws.length; i += 3) {
        await storeArticles(others[(i / 3) % 2]!, raws.slice(i, i + 3), kb, { updateCorpus: false });
        const update = await updater.catchUp();
        assert.ok(update, `batch ${i / 3}: the writes were seen`);
        modes.push(update.mode === 'rebuild' ? `rebuild: ${update.reason}` : update.mode);
      }
      assert.ok(modes.filter((m) => m === 'incremental').length >= modes.length - 1, modes.join('; '));
      await consistent(leader);
      assert.deepEqual(await picture(leader), await picture(full));

      // An article replaced by another writer is a recompute, not a silent mix of old and new.
      await storeArticles(others[0]!, [{ ...raws[2]!, text: `${raws[2]!.text}\n\nA paragraph added later.` }], kb, { updateCorpus: false });
      const replaced = await updater.catchUp();
      assert.equal(replaced?.mode, 'rebuild');
      assert.match(replaced?.reason ?? '', /replaced or removed/);
      await consistent(leader);
    });
  });
}
