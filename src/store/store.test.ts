import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadKnowledge } from '../pipeline.js';
import { BACKENDS, testStore } from '../testing/stores.js';
import { FIXTURE_ARTICLES, loadFixture } from './fixture.js';
import { openStore, storeArticles } from './index.js';
import { tsQuery } from './pg.js';
import { bucket, dayOf, ftsQuery, plainSnippet, SEARCH, searchTerms } from './repo.js';
import { MIGRATIONS } from './schema.js';

function tempDb(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-store-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'test.db');
}

test('schema is versioned and the database is in WAL mode', async (t) => {
  const file = tempDb(t);
  const repo = await openStore(file);
  await repo.close();
  const db = new Database(file, { readonly: true });
  assert.equal(db.pragma('user_version', { simple: true }), MIGRATIONS.length);
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  db.close();
  // reopening runs no migration twice
  await (await openStore(file)).close();
});

test('an older database is migrated in place', async (t) => {
  const file = tempDb(t);
  const repo = await openStore(file);
  await loadFixture(repo);
  const docs = await repo.loadDocs();
  const detail = await repo.getArticle(docs[0]!.article.id);
  const entities = repo.listEntities({ limit: 1000, offset: 0 });
  await entities;
  const places = await repo.places({ copies: true });
  await repo.close();
  // The same articles in a v1 database as an older dyad wrote it: the whole document as
  // JSON beside the rows, a JSON copy of each event and quote, a row per mention, full-text
  // tables with their own copy of the text, and month-precision days as they were.
  rmSync(file);
  const db = new Database(file);
  db.exec(MIGRATIONS[0] as string);
  for (const d of docs) {
    const { article: a, quotes, events, ...layers } = d;
    db.prepare(
      `INSERT INTO articles (id, path, outlet, url, title, byline, dateline, published, body, removed, flags, story, duplicate_of, raw_hash, doc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'h', ?)`,
    ).run(a.id, a.path, a.outlet, a.url, a.title, a.byline, a.dateline, a.published, a.body, JSON.stringify(a.removed),
      JSON.stringify(a.flags), a.story, a.duplicateOf, JSON.stringify(layers));
    db.prepare('INSERT INTO articles_fts (article, title, body) VALUES (?, ?, ?)').run(a.id, a.title ?? '', a.body);
    for (const e of layers.entities) {
      db.prepare('INSERT OR IGNORE INTO entities (id, name, kind, country, sector, role) VALUES (?, ?, ?, ?, ?, ?)').run(e.id, e.name, e.kind, e.country, e.sector, e.role);
      for (const m of e.mentions) db.prepare('INSERT INTO mentions (article, entity, start, "end", text) VALUES (?, ?, ?, ?, ?)').run(a.id, e.id, m.start, m.end, m.text);
    }
    for (const q of quotes) {
      db.prepare('INSERT INTO quotes (article, id, kind, text, start, "end", speaker_name, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(a.id, q.id, q.kind, q.text, q.start, q.end, q.speaker?.name ?? null, JSON.stringify(q));
      db.prepare('INSERT INTO quotes_fts (article, quote, speaker, text) VALUES (?, ?, ?, ?)').run(a.id, q.id, q.speaker?.name ?? '', q.text);
    }
    for (const e of events) {
      // one event placed on the map, to see its place carried over
      if (e.id === 'fx-wire:fe1') e.location = { name: 'Testville', country: 'FRE', lat: 1.5, lon: 2.5 };
      db.prepare('INSERT INTO events (article, id, type, day, negated, modality, json) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(a.id, e.id, e.type, dayOf(e.date) ?? dayOf(a.published), e.negated ? 1 : 0, e.modality, JSON.stringify(e));
    }
  }
  db.prepare("UPDATE events SET day = '2026-03' WHERE id = 'fx-wire:fe1'").run();
  db.pragma('user_version = 1');
  db.close();
  const again = await openStore(file);
  t.after(() => again.close());
  const ev = await again.listEvents({ from: '2026-03-01', to: '2026-03-01', limit: 10, offset: 0 });
  assert.deepEqual(ev.items.map((e) => e.id), ['fx-wire:fe1']);
  assert.deepEqual(await again.loadDocs(), docs);
  assert.deepEqual(await again.getArticle(docs[0]!.article.id), detail);
  const before = await entities.then((e) => e.items);
  assert.deepEqual((await again.listEntities({ limit: 1000, offset: 0 })).items, before, 'mention counts carried over');
  assert.deepEqual(places, [], 'the fixture places no event');
  const placed = await again.places({ copies: true });
  assert.deepEqual(placed.map((p) => [p.name, p.country, p.lat, p.lon, p.events, p.example.id]), [['Testville', 'FRE', 1.5, 2.5, 1, 'fx-wire:fe1']], 'event places carried over');
  const hits = await again.search({ q: 'good day peoples', limit: 10, offset: 0 });
  assert.ok(hits.items.some((h) => h.kind === 'quote' && h.speaker === 'Rufus Firefly'), 'the full-text index is rebuilt');
  const columns = (table: string) => (new Database(file, { readonly: true }).prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]);
  assert.ok(!columns('articles').includes('doc') && !columns('events').includes('json'), 'the old copies are gone');
});

test('periods start on the day, the Monday, the first of the month', () => {
  assert.equal(bucket('2026-03-05', 'week'), '2026-03-02');
  assert.equal(bucket('2026-03-02', 'week'), '2026-03-02');
  assert.equal(bucket('2026-03-01', 'week'), '2026-02-23');
  assert.equal(bucket('2026-03-05', 'month'), '2026-03-01');
  assert.deepEqual(['2025-02', '2025', '2025-02-03T10:00:00Z', 'soon', null].map(dayOf), ['2025-02-01', '2025-01-01', '2025-02-03', null, null]);
  assert.equal(ftsQuery(searchTerms('NATO\'s "claim" OR nato')), '"NATO"* "s" "claim"* "OR"');
  assert.equal(tsQuery(searchTerms('NATO\'s "claim" OR nato')), 'NATO:* & s & claim:* & OR');
});

test('search snippets become plain text with the matches as offsets', () => {
  const { snippet, marks } = plainSnippet(' … new \u0002sanctions\u0003 against Minsk.\n\nPolish \u0002sanctions\u0003\u0007 …');
  assert.equal(snippet, ' … new sanctions against Minsk. Polish sanctions  …');
  assert.deepEqual(marks.map(([a, b]) => snippet.slice(a, b)), ['sanctions', 'sanctions']);
});

// The store's contract, kept alike by both backends.
for (const backend of BACKENDS) {
  describe(backend.name, () => {
    test('ingest is idempotent and a changed article replaces its rows', async (t) => {
      const repo = await testStore(backend, t);
      const kb = loadKnowledge();
      const first = await storeArticles(repo, FIXTURE_ARTICLES, kb);
      assert.equal(first.added.length, 3);
      const again = await storeArticles(repo, FIXTURE_ARTICLES, kb);
      assert.deepEqual([again.added.length, again.unchanged], [0, 3]);
      assert.equal((await repo.counts()).articles, 3);

      const changed = { ...FIXTURE_ARTICLES[2]!, text: 'Freedonia and Syldavia postponed the trade talks.' };
      const third = await storeArticles(repo, [changed], kb);
      assert.deepEqual(third.added, ['fx-gazette']);
      assert.equal((await repo.counts()).articles, 3);
      assert.equal((await repo.getArticle('fx-gazette'))?.article.body, changed.text);
      const hits = await repo.search({ q: 'postponed', limit: 10, offset: 0 });
      assert.deepEqual(hits.items.map((h) => h.article), ['fx-gazette']);
      assert.equal((await repo.search({ q: 'signed trade agreement', limit: 10, offset: 0 })).total, 0);
    });

    test('events filter by actor, side, type, date and story', async (t) => {
      const repo = await testStore(backend, t);
      await loadFixture(repo);
      const page = { limit: 50, offset: 0 };
      const ids = async (f: object) => (await repo.listEvents({ ...page, ...f })).items.map((e) => e.id).sort();
      assert.deepEqual(await ids({ source: 'RUR' }), ['fx-gazette:fe2', 'fx-wire:fe1']);
      assert.deepEqual(await ids({ source: 'RUR', copies: true }), ['fx-copy:fe1', 'fx-gazette:fe2', 'fx-wire:fe1']);
      assert.deepEqual(await ids({ source: 'RUR', target: 'SYL' }), ['fx-gazette:fe2']);
      assert.deepEqual(await ids({ actor: 'SYL', type: 'REQUEST' }), ['fx-wire:fe3']);
      assert.deepEqual(await ids({ actor: 'RUR', from: '2026-04-01', to: '2026-04-30' }), ['fx-gazette:fe2']);
      assert.deepEqual(await ids({ story: 'fx-story-trade', actor: 'FRE' }), ['fx-gazette:fe1']);
      const paged = await repo.listEvents({ actor: 'RUR', limit: 2, offset: 2, copies: true });
      assert.equal(paged.total, 5);
      assert.equal(paged.items.length, 2);
      // evidence offsets point at the stored body
      const ev = (await repo.listEvents({ source: 'SYL', ...page })).items[0]!;
      const body = (await repo.getArticle(ev.article))!.article.body;
      assert.equal(body.slice(ev.evidence.start, ev.evidence.end), ev.evidence.text);
      // what a write of an article replaces: the stored ones with its id, path or url
      assert.deepEqual(await repo.storedAs({ id: 'new', path: 'fixture/wire.txt', url: null }), ['fx-wire']);
      assert.deepEqual((await repo.storedAs({ id: 'fx-gazette', path: '-', url: 'https://example.org/wire/1' })).sort(), ['fx-gazette', 'fx-wire']);
      // an event of an article not stored is refused, and nothing is written
      const generation = await repo.generation();
      await assert.rejects(repo.addEvents([{ ...ev, id: 'stray:e1', article: 'stray' }]), /event stray:e1: no stored article 'stray'/);
      assert.equal(await repo.generation(), generation);
    });

    test('story detail collapses copies and compares sources', async (t) => {
      const repo = await testStore(backend, t);
      await loadFixture(repo);
      const story = await repo.getStory('fx-story-drills');
      assert.ok(story);
      assert.deepEqual(story.story.outlets, ['Copy Farm', 'Example Wire']);
      assert.equal(story.story.origins, 1);
      assert.deepEqual(story.articles.map((a) => [a.id, a.copies.map((c) => c.id)]), [['fx-wire', ['fx-copy']]]);
      assert.ok(story.articles[0]!.speakers.includes('Anna Weber'));
      assert.deepEqual(story.claims.map((c) => [c.id, c.sides]), [['fx-claim-drills', { 'fx-wire': 'both' }]]);
      assert.equal(await repo.getStory('nope'), null);
      const list = await repo.listStories({ limit: 10, offset: 0 });
      assert.equal(list.total, 2);
    });

    test('dyad series and network sum PLOVER intensity', async (t) => {
      const repo = await testStore(backend, t);
      await loadFixture(repo);
      const month = await repo.dyads({ source: 'RUR', interval: 'month' });
      const march = month.points.find((p) => p.period === '2026-03-01');
      assert.deepEqual(march && [march.count, march.intensity, march.byType], [1, -3, { ACCUSE: 1 }]);
      const withCopies = (await repo.dyads({ source: 'RUR', interval: 'month', copies: true })).points.find((p) => p.period === '2026-03-01');
      assert.deepEqual(withCopies && [withCopies.count, withCopies.intensity], [2, -6]);
      const april = month.points.find((p) => p.period === '2026-04-01');
      assert.deepEqual(april && [april.count, april.intensity], [1, 10]);
      await repo.addEvents([{
        id: 'fx-gazette:month', article: 'fx-gazette', type: 'SUPPORT', mode: null, cameo: null,
        source: [{ actor: 'SYL', sector: null, text: 'Syldavia', entity: null }], target: [{ actor: 'FRE', sector: null, text: 'Freedonia', entity: null }],
        date: '2026-05', datePrecision: 'month', negated: false, modality: 'asserted', trigger: 'backed', quote: null, confidence: 0.5,
        rule: 'fixture', evidence: { start: 0, end: 9, text: 'Freedonia' },
      }]);
      const weekly = await repo.dyads({ source: 'SYL', target: 'FRE', interval: 'week' });
      assert.deepEqual(weekly.points.map((p) => [p.period, p.count, p.intensity]), [['2026-04-27', 1, 5]]);
      const net = await repo.network({ actor: 'RUR' });
      const edge = net.edges.find((e) => e.source === 'RUR' && e.target === 'FRE');
      assert.deepEqual(edge && [edge.weight, edge.intensity], [1, -3]);
      const quotes = await repo.listQuotes({ speaker: 'weber', limit: 10, offset: 0, copies: true });
      assert.ok(quotes.items.every((q) => /weber/i.test(q.speaker?.name ?? '')));
      assert.deepEqual(quotes.items.filter((q) => q.rule === 'fixture').map((q) => q.id).sort(), ['fx-copy:fq1', 'fx-wire:fq1']);
      const hits = await repo.search({ q: 'good day peoples', limit: 10, offset: 0 });
      assert.ok(hits.items.some((h) => h.kind === 'quote' && h.speaker === 'Rufus Firefly'));
    });

    test('search: words capped and deduplicated, a spent time budget gives a partial answer', async (t) => {
      const repo = await testStore(backend, t);
      await loadFixture(repo);
      const words = Array.from({ length: 30 }, (_, i) => `w${String(i).padStart(3, '0')}`);
      assert.equal(searchTerms([...words, ...words.map((w) => w.toUpperCase())].join(' ')).length, SEARCH.terms);
      const full = await repo.search({ q: 'said', limit: 10, offset: 0 });
      assert.ok(full.total > 1 && !full.partial);
      // each snippet is cut from its own article or quote
      for (const hit of full.items) {
        const detail = (await repo.getArticle(hit.article))!;
        const text = hit.kind === 'article' ? detail.article.body : detail.quotes.find((q) => q.id === hit.id)!.text;
        const flat = (x: string) => x.replace(/\s+/g, ' ');
        for (const part of hit.snippet.split('…').map((x) => x.trim()).filter(Boolean)) {
          assert.ok(flat(text).includes(flat(part)), `'${part}' is in ${hit.kind} ${hit.id}`);
        }
      }
      const budget = SEARCH.budgetMs;
      SEARCH.budgetMs = -1;
      try {
        const cut = await repo.search({ q: 'said', limit: 10, offset: 0 });
        assert.equal(cut.partial, true);
        assert.ok(cut.total < full.total || full.total === 1);
      } finally {
        SEARCH.budgetMs = budget;
      }
    });

    test('places: events at towns with coordinates, counted per place, copies left out', async (t) => {
      const repo = await testStore(backend, t);
      await loadFixture(repo);
      const body = (await repo.getArticle('fx-wire'))!.article.body;
      const at = (id: string, article: string, name: string, lat: number, type: 'ASSAULT' | 'AID') => ({
        id, article, type, mode: null, cameo: null, source: [], target: [], date: '2026-03-02', datePrecision: 'day' as const,
        negated: false, modality: 'asserted' as const, trigger: 'x', quote: null, confidence: 0.5, rule: 'fixture',
        evidence: { start: 0, end: 9, text: body.slice(0, 9) }, location: { name, country: 'RUR', lat, lon: 10 },
      });
      await repo.addEvents([at('p1', 'fx-wire', 'Strelsau', 50, 'ASSAULT'), at('p2', 'fx-wire', 'Strelsau', 50, 'AID'), at('p3', 'fx-copy', 'Strelsau', 50, 'AID'), at('p4', 'fx-wire', 'Zenda', 51, 'AID')]);
      const places = await repo.places({});
      assert.deepEqual(places.map((p) => [p.name, p.events, p.cooperation, p.conflict]), [['Strelsau', 2, 1, 1], ['Zenda', 1, 1, 0]]);
      assert.equal((await repo.places({ copies: true }))[0]!.events, 3);
      assert.deepEqual((await repo.places({ type: 'ASSAULT' })).map((p) => p.name), ['Strelsau']);
    });

    test('quotes and entity counts leave copies out unless asked, as events do', async (t) => {
      const repo = await testStore(backend, t);
      await loadFixture(repo);
      const page = { limit: 100, offset: 0 };
      const articles = async (f: object) => new Set((await repo.listQuotes({ ...page, ...f })).items.map((q) => q.article));
      const all = await articles({ copies: true });
      const originals = await articles({});
      assert.ok(all.has('fx-copy') && !originals.has('fx-copy'), JSON.stringify([...all]));
      // One article's quotes are listed whatever it is.
      assert.ok((await articles({ article: 'fx-copy' })).has('fx-copy'));
      const weber = async (copies: boolean) => (await repo.listEntities({ ...page, id: 'person:anna-weber', copies })).items[0]!.articles;
      assert.deepEqual([await weber(false), await weber(true)], [1, 2], 'the copy counts only with copies=true');
    });
  });
}
