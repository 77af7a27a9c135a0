// Site boilerplate learned while ingesting: a short line on several pages of one
// outlet goes from its pages, and the store remembers it for the next run.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SiteMemory, siteLines } from '../clean/site.js';
import { loadKnowledge } from '../pipeline.js';
import { BACKENDS, testDatabase, testStore } from '../testing/stores.js';
import type { RawArticle } from '../types.js';
import { openStore, SiteSync, storeArticles } from './index.js';

const HOUSE = 'Example Herald Weekend Edition';
const PLACES = ['Lima', 'Quito', 'Santiago', 'Bogota', 'Caracas', 'La Paz'];

function page(n: number, outlet: string): RawArticle {
  const place = PLACES[n % PLACES.length]!;
  return {
    path: `${outlet.replace(/\W/g, '')}-${n}.txt`,
    format: 'text',
    outlet,
    title: `Talks on fishing resume in ${place} (${n})`,
    text: [
      `Ministers from six countries met in ${place} on day ${n} of the talks on illegal fishing, officials said.`,
      HOUSE,
      `The next round of the talks is planned for ${place} in ${n + 2} weeks, a spokesman for the hosts said.`,
    ].join('\n'),
  };
}

for (const backend of BACKENDS) {
  describe(backend.name, () => {
    test('a short line on several pages of one outlet is learned as its boilerplate, across runs', async (t) => {
      const repo = await testStore(backend, t);
      const kb = loadKnowledge();

      // Two pages of one outlet teach nothing; a third makes the line the outlet's.
      await storeArticles(repo, [page(1, 'Example Herald'), page(2, 'Example Herald'), page(1, 'Other Post')], kb);
      const bodies = async () => (await repo.listArticles({ limit: 50, offset: 0 })).items;
      const first = await Promise.all((await bodies()).map((a) => repo.getArticle(a.id)));
      assert.ok(first.every((a) => a!.article.body.includes(HOUSE)), 'two pages are not enough');

      await storeArticles(repo, [page(3, 'Example Herald'), page(2, 'Other Post')], kb);
      const all = await Promise.all((await bodies()).map((a) => repo.getArticle(a.id)));
      const third = all.find((a) => a!.article.path === 'ExampleHerald-3.txt')!.article;
      assert.ok(!third.body.includes(HOUSE), 'learned from the stored pages of the outlet');
      const removed = third.removed.find((r) => r.text === HOUSE)!;
      assert.equal(removed.rule, 'site-repeated');
      assert.match(removed.reason, /2 other pages of Example Herald/);
      // Another outlet with the line on two pages keeps it.
      assert.ok(all.filter((a) => a!.article.outlet === 'Other Post').every((a) => a!.article.body.includes(HOUSE)));
    });

    test('siteLinesSince reads what was stored since, and everything again once lines were removed', async (t) => {
      const repo = await testStore(backend, t);
      const kb = loadKnowledge();
      const keysOf = (read: { lines: { path: string; line: string }[] }) => new Set(read.lines.map((l) => `${l.path} ${l.line}`));
      await storeArticles(repo, [page(1, 'Example Herald'), page(2, 'Example Herald')], kb);
      const first = await repo.siteLinesSince(null);
      assert.equal(first.whole, true);
      assert.ok(keysOf(first).has('ExampleHerald-1.txt example herald weekend edition'));

      await storeArticles(repo, [page(3, 'Other Post')], kb);
      const next = await repo.siteLinesSince(first.cursor);
      assert.equal(next.whole, false);
      assert.ok(keysOf(next).has('OtherPost-3.txt example herald weekend edition'), 'the new page');
      assert.ok(!keysOf(next).has('ExampleHerald-1.txt example herald weekend edition'), 'not the pages read before');

      // Nothing stored since: nothing new (a line may come again, but none of before the last read here).
      assert.ok(!keysOf(await repo.siteLinesSince(next.cursor)).has('ExampleHerald-2.txt example herald weekend edition'));

      // A page replaced by a new version takes its old lines with it: the next read is whole.
      await storeArticles(repo, [{ ...page(2, 'Example Herald'), text: 'Ministers met again in Quito on Friday, officials said.\nA different closing line here' }], kb);
      const after = await repo.siteLinesSince(next.cursor);
      assert.equal(after.whole, true);
      assert.ok(!keysOf(after).has('ExampleHerald-2.txt example herald weekend edition'));
      assert.ok(keysOf(after).has('ExampleHerald-1.txt example herald weekend edition'));
    });

    test('a site memory kept between batches cleans as one read whole from the database for each, lines another process stored included', async (t) => {
      // Two databases given the same pages in the same order: one's writer keeps its memory, the other's reads it whole each batch.
      const open = async () => {
        const spec = await testDatabase(backend, t);
        const [writer, other] = [await openStore(spec), await openStore(spec)];
        t.after(() => Promise.all([writer.close(), other.close()]));
        return { writer, other };
      };
      const [kept, whole] = [await open(), await open()];
      const kb = loadKnowledge();
      const sites = new SiteSync(kb);
      const pages = Array.from({ length: 12 }, (_, n) => page(n, n % 3 === 2 ? 'Other Post' : 'Example Herald'));
      const bodies: string[][] = [[], []];
      for (let b = 0; b < 4; b++) {
        for (const [k, { writer, other }, options] of [[0, kept, { sites }], [1, whole, {}]] as const) {
          // Another process stores a page of the outlet between the writer's batches.
          await storeArticles(other, [page(100 + b, 'Example Herald')], kb);
          const { added } = await storeArticles(writer, pages.slice(b * 3, b * 3 + 3), kb, options);
          for (const id of added) bodies[k]!.push((await writer.getArticle(id))!.article.body);
        }
      }
      assert.equal(bodies[0]!.length, 12);
      assert.deepEqual(bodies[0], bodies[1]);
      assert.ok(bodies[0]!.some((body) => !body.includes(HOUSE)), 'the memory is at work');
    });

    test('a page replaced between batches is forgotten by a kept memory as by a whole read', async (t) => {
      const repo = await testStore(backend, t);
      const kb = loadKnowledge();
      const sites = new SiteSync(kb);
      await storeArticles(repo, [page(1, 'Example Herald'), page(2, 'Example Herald')], kb, { sites });
      // Page 2 comes again without the house line: two pages carried it, now only one does.
      await storeArticles(repo, [{ ...page(2, 'Example Herald'), text: 'Ministers met again in Quito on Friday, officials said.' }], kb, { sites });
      const { added } = await storeArticles(repo, [page(3, 'Example Herald')], kb, { sites });
      assert.ok((await repo.getArticle(added[0]!))!.article.body.includes(HOUSE), 'one other page is not enough');
    });
  });
}

test('a very short line is boilerplate everywhere once many outlets carry it; news paragraphs are never learned', () => {
  const memory = new SiteMemory();
  for (let i = 0; i < 5; i++) memory.add(`o${i}.txt`, `Outlet ${i}`, ['print this page']);
  assert.equal(memory.repeated('x.txt', 'Outlet 9', 'Print this page'), 'on pages of 5 other outlets');
  assert.equal(memory.repeated('o1.txt', 'Outlet 1', 'Print this page'), null, 'its own page and four others are not enough');
  const words = loadKnowledge().clean.words;
  assert.deepEqual(siteLines(`${HOUSE}\nMinisters from six countries met in Lima on Monday, officials said.\nWhat comes next`, words), ['example herald weekend edition', 'what comes next']);
});
