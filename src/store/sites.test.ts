// Site boilerplate learned while ingesting: a short line on several pages of one
// outlet goes from its pages, and the store remembers it for the next run.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SiteMemory, siteLines } from '../clean/site.js';
import { loadKnowledge } from '../pipeline.js';
import { BACKENDS, testStore } from '../testing/stores.js';
import type { RawArticle } from '../types.js';
import { storeArticles } from './index.js';

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
