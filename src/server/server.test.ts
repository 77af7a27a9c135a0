import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadKnowledge } from '../pipeline.js';
import { loadFixture } from '../store/fixture.js';
import { openStore, type Repo } from '../store/index.js';
import { BACKENDS } from '../testing/stores.js';
import { buildServer } from './index.js';

const TOKEN = 'test-token-0123456789';

// The API answers alike from both backends.
for (const backend of BACKENDS) {
  describe(backend.name, () => {
    let dir: string;
    let repo: Repo;
    let app: FastifyInstance;
    let base: string;
    let removeDb: () => Promise<void>;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'dyad-server-'));
      const db = await backend.create();
      removeDb = db.remove;
      repo = await openStore(db.spec);
      await loadFixture(repo);
      app = buildServer({ repo, kb: loadKnowledge(), token: TOKEN, bodyLimit: 64 * 1024, webRoot: join(dir, 'no-web') });
      base = await app.listen({ port: 0, host: '127.0.0.1' });
    });

    after(async () => {
      await app.close();
      await repo.close();
      await removeDb();
      rmSync(dir, { recursive: true, force: true });
    });

    async function get(path: string): Promise<{ status: number; body: any }> {
      const res = await fetch(base + path);
      return { status: res.status, body: await res.json() };
    }

    test('server binds loopback', () => {
      assert.match(base, /^http:\/\/127\.0\.0\.1:\d+$/);
    });

    test('articles: list, pagination and one article with its annotations', async () => {
      const all = await get('/api/articles?limit=2');
      assert.equal(all.status, 200);
      assert.equal(all.body.total, 3);
      assert.equal(all.body.items.length, 2);
      const rest = await get('/api/articles?limit=2&offset=2');
      assert.equal(rest.body.items.length, 1);
      const ids = [...all.body.items, ...rest.body.items].map((a: { id: string }) => a.id).sort();
      assert.deepEqual(ids, ['fx-copy', 'fx-gazette', 'fx-wire']);
      const one = await get('/api/articles/fx-wire');
      assert.equal(one.status, 200);
      assert.equal(one.body.article.outlet, 'Example Wire');
      const ev = one.body.events.find((e: { id: string }) => e.id === 'fx-wire:fe3');
      assert.equal(one.body.article.body.slice(ev.evidence.start, ev.evidence.end), 'Syldavia urged both sides to hold talks.');
      assert.ok(one.body.quotes.some((q: { speaker: { name: string } }) => q.speaker.name === 'Anna Weber'));
      assert.ok(Array.isArray(one.body.entities));
      assert.equal((await get('/api/articles/missing')).status, 404);
      assert.equal((await get('/api/articles?story=fx-story-drills')).body.total, 2);
    });

    test('events: filters and bad parameters', async () => {
      // The copy repeats the wire's accusation: counted once by default, twice with copies=true.
      const r = await get('/api/events?source=RUR&target=FRE&type=ACCUSE');
      assert.deepEqual(r.body.items.map((e: { id: string }) => e.id).sort(), ['fx-wire:fe1']);
      const withCopies = await get('/api/events?source=RUR&target=FRE&type=ACCUSE&copies=true');
      assert.deepEqual(withCopies.body.items.map((e: { id: string }) => e.id).sort(), ['fx-copy:fe1', 'fx-wire:fe1']);
      // One article's own events are shown, copy or not.
      assert.equal((await get('/api/events?article=fx-copy')).body.total, 1);
      assert.equal((await get('/api/events?copies=maybe')).status, 400);
      const dated = await get('/api/events?actor=SYL&from=2026-04-01&to=2026-04-30');
      assert.deepEqual(dated.body.items.map((e: { id: string }) => e.id).sort(), ['fx-gazette:fe1', 'fx-gazette:fe2']);
      assert.equal((await get('/api/events?story=fx-story-trade&actor=RUR')).body.total, 1);
      // a bad parameter is a 400 that names it
      const rejected = async (path: string, name: RegExp) => {
        const r = await get(path);
        assert.equal(r.status, 400, path);
        assert.match(r.body.message, name);
      };
      await rejected('/api/events?type=HUG', /type/);
      await rejected('/api/events?from=March', /from/);
      await rejected('/api/events?from=2026-05-01&to=2026-04-01', /from/);
      await rejected('/api/events?limit=0', /limit/);
      await rejected('/api/events?limt=5', /limt/);
    });

    test('quotes, stories, claims', async () => {
      const firefly = (await get('/api/quotes?speaker=firefly')).body.items;
      assert.ok(firefly.some((q: { id: string }) => q.id === 'fx-gazette:fq1'));
      assert.ok(firefly.every((q: { speaker: { name: string } }) => /firefly/i.test(q.speaker.name)));
      const rur = (await get('/api/quotes?actor=RUR&copies=true')).body.items;
      assert.ok(rur.length >= 2 && rur.every((q: { speaker: { actor: string } }) => q.speaker.actor === 'RUR'));
      // A reprinted quote counts once unless copies are asked for.
      const originals = (await get('/api/quotes?actor=RUR')).body.items;
      assert.equal(originals.length, rur.length - rur.filter((q: { article: string }) => q.article === 'fx-copy').length);
      const stories = await get('/api/stories');
      assert.equal(stories.body.total, 2);
      // Stories in a date range, naming an actor.
      const ids = async (q: string) => (await get(`/api/stories?${q}`)).body.items.map((s: { id: string }) => s.id);
      assert.deepEqual(await ids('from=2026-04-01'), ['fx-story-trade']);
      assert.deepEqual(await ids('to=2026-03-31'), ['fx-story-drills']);
      assert.deepEqual(await ids('from=2026-03-03&to=2026-03-03'), ['fx-story-drills']);
      assert.deepEqual(await ids('actor=RUR'), ['fx-story-drills']);
      const drills = stories.body.items.find((s: { id: string }) => s.id === 'fx-story-drills');
      assert.deepEqual([drills.outlets, drills.origins], [['Copy Farm', 'Example Wire'], 1]);
      const story = await get('/api/stories/fx-story-drills');
      assert.equal(story.status, 200);
      assert.deepEqual(story.body.articles[0].copies.map((c: { id: string }) => c.id), ['fx-copy']);
      assert.deepEqual(story.body.claims[0].sides, { 'fx-wire': 'both' });
      assert.equal(story.body.events.length, 3, 'the copy\'s repeat of the wire\'s events is collapsed');
      assert.equal((await get('/api/stories/none')).status, 404);
      const claims = await get('/api/claims?actor=FRE');
      assert.deepEqual(claims.body.items.map((c: { id: string }) => c.id), ['fx-claim-drills']);
      // Evidence comes with its words and outlet, not as bare ids.
      assert.deepEqual(claims.body.items[0].evidence.map((e: { text: string; outlet: string }) => [e.text, e.outlet]), [
        ['These drills are a threat to our sovereignty,', 'Example Wire'],
        ['Freedonia rejected the accusation and said the exercises were routine.', 'Example Wire'],
      ]);
      assert.equal((await get('/api/claims?actor=SYL')).body.total, 0);
    });

    test('entities with mention counts, filtered', async () => {
      const all = await get('/api/entities?limit=1000&copies=true');
      assert.equal(all.status, 200);
      assert.ok(all.body.total > 0);
      const stored = (await repo.loadDocs()).flatMap((d) => d.entities.flatMap((e) => e.mentions.map(() => e.id)));
      assert.equal(all.body.items.reduce((n: number, e: { mentions: number }) => n + e.mentions, 0), stored.length);
      for (const e of all.body.items.slice(0, 3)) {
        const one = await get(`/api/entities?id=${encodeURIComponent(e.id)}&copies=true`);
        assert.deepEqual(one.body.items, [e]);
      }
      assert.equal((await get('/api/entities?kind=planet')).status, 400);
    });

    test('dyads, network and search', async () => {
      const d = await get('/api/dyads?source=RUR&target=FRE&interval=week');
      assert.equal(d.status, 200);
      assert.deepEqual(d.body.points, [{ period: '2026-03-02', count: 1, intensity: -3, byType: { ACCUSE: 1 } }]);
      const dc = await get('/api/dyads?source=RUR&target=FRE&interval=week&copies=true');
      assert.deepEqual(dc.body.points, [{ period: '2026-03-02', count: 2, intensity: -6, byType: { ACCUSE: 2 } }]);
      const net = async (q: string) => (await get(`/api/network?actor=RUR${q}`)).body.edges.find((e: { source: string; target: string }) => e.source === 'RUR' && e.target === 'FRE');
      assert.deepEqual([(await net('')).weight, (await net('&copies=true')).weight], [1, 2]);
      assert.deepEqual((await get('/api/network?type=AID')).body.edges, [{ source: 'RUR', target: 'SYL', weight: 1, intensity: 10 }]);
      const stats = (await get('/api/stats')).body;
      const statsAll = (await get('/api/stats?copies=true')).body;
      assert.deepEqual([stats.articles, stats.copies, statsAll.events - stats.events], [3, 1, 1]);
      assert.ok(statsAll.quotes > stats.quotes, 'the copy\'s quotes count only with copies=true');
      assert.equal((await get('/api/dyads?interval=year')).status, 400);
      // Any events of one actor (either side) or one type: the overview's filters.
      const syl = await get('/api/dyads?actor=SYL&interval=month');
      assert.deepEqual(syl.body.points.map((p: { period: string; count: number }) => [p.period, p.count]), [['2026-03-01', 1], ['2026-04-01', 2]]);
      const aid = await get('/api/dyads?type=AID&interval=month');
      assert.deepEqual(aid.body.points.map((p: { byType: object }) => p.byType), [{ AID: 1 }]);
      const places = await get('/api/places');
      assert.equal(places.status, 200);
      assert.ok(Array.isArray(places.body));
      const n = await get('/api/network?from=2026-04-01');
      assert.deepEqual(n.body.edges.filter((e: { source: string }) => e.source === 'RUR'), [{ source: 'RUR', target: 'SYL', weight: 1, intensity: 10 }]);
      const s = await get('/api/search?q=provocative drills');
      assert.ok(s.body.items.some((h: { article: string }) => h.article === 'fx-wire'));
      assert.ok(!s.body.items.some((h: { article: string }) => h.article === 'fx-copy'), 'the copy is not a hit of its own');
      // Snippets are plain text; the matched words are given as offsets.
      for (const hit of s.body.items as { snippet: string; marks: [number, number][] }[]) {
        assert.doesNotMatch(hit.snippet, /\p{Cc}/u);
        assert.ok(hit.marks.length > 0);
        for (const [a, b] of hit.marks) assert.match(hit.snippet.slice(a, b), /^(provocative|drills)$/i);
      }
      const sc = await get('/api/search?q=provocative drills&copies=true');
      assert.ok(sc.body.items.some((h: { article: string }) => h.article === 'fx-copy'));
      const missing = await get('/api/search');
      assert.equal(missing.status, 400);
      assert.match(missing.body.message, /q is required/);
    });

    test('OpenAPI document lists every route with its parameters', async () => {
      const doc = (await get('/api/openapi.json')).body;
      assert.equal(doc.openapi, '3.1.0');
      for (const p of ['/api/articles', '/api/articles/{id}', '/api/events', '/api/quotes', '/api/stories', '/api/stories/{id}', '/api/claims', '/api/dyads', '/api/network', '/api/search']) {
        assert.ok(doc.paths[p]?.get, p);
      }
      assert.ok(doc.paths['/api/articles'].post.requestBody);
      assert.ok(doc.paths['/api/events'].get.parameters.some((x: { name: string }) => x.name === 'target'));
    });

    test('POST /api/articles needs the bearer token and respects the body limit', async () => {
      const body = JSON.stringify({ articles: [{ id: 'posted-1', title: 'Posted', outlet: 'Test Post', text: 'Syldavia recalled its ambassador from Ruritania on Tuesday.' }] });
      const post = (headers: Record<string, string>, b = body) =>
        fetch(base + '/api/articles', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: b });
      assert.equal((await post({})).status, 401);
      assert.equal((await post({ authorization: 'Bearer wrong' })).status, 401);
      const ok = await post({ authorization: `Bearer ${TOKEN}` });
      assert.equal(ok.status, 200);
      assert.deepEqual((await ok.json()).added, ['posted-1']);
      const again = await (await post({ authorization: `Bearer ${TOKEN}` })).json();
      assert.deepEqual([again.added, again.unchanged], [[], 1]);
      assert.equal((await get('/api/articles/posted-1')).body.article.outlet, 'Test Post');
      const big = JSON.stringify({ articles: [{ text: 'x'.repeat(70 * 1024) }] });
      assert.equal((await post({ authorization: `Bearer ${TOKEN}` }, big)).status, 413);
      const invalid = await post({ authorization: `Bearer ${TOKEN}` }, JSON.stringify({ articles: [{ title: 'no text' }] }));
      assert.equal(invalid.status, 400);
      assert.match((await invalid.json()).message, /text/);
      // A wrong type is told, not coerced ("123", "a").
      for (const text of [123, ['a', 'b']]) {
        const wrong = await post({ authorization: `Bearer ${TOKEN}` }, JSON.stringify({ articles: [{ id: 'typed', text }] }));
        assert.equal(wrong.status, 400);
        assert.match((await wrong.json()).message, /field "text" must be a string/);
      }
      const badTitle = await post({ authorization: `Bearer ${TOKEN}` }, JSON.stringify({ articles: [{ text: 'Chile protested.', title: 7 }] }));
      assert.equal(badTitle.status, 400);
      assert.match((await badTitle.json()).message, /field "title" must be a string or null/);
    });

    test('POST /api/articles is disabled without a configured token; dashboard reports a missing build', async () => {
      const plain = buildServer({ repo, kb: loadKnowledge(), webRoot: join(dir, 'no-web') });
      const res = await plain.inject({ method: 'POST', url: '/api/articles', payload: { articles: [{ text: 'Hello.' }] } });
      assert.equal(res.statusCode, 403);
      assert.match(res.json().message, /DYAD_TOKEN/);
      assert.equal((await plain.inject({ url: '/' })).statusCode, 503);
      assert.equal((await plain.inject({ url: '/assets/../../etc/passwd' })).statusCode, 404);
      await plain.close();
    });

    test('the dashboard through @fastify/static: hashed assets cached for a year, the page revalidated, nothing outside served', async () => {
      const web = join(dir, 'web');
      mkdirSync(join(web, 'assets'), { recursive: true });
      writeFileSync(join(web, 'index.html'), '<!doctype html><title>dyad</title><script type="module" src="/assets/app-1a2b.js"></script>');
      writeFileSync(join(web, 'assets', 'app-1a2b.js'), 'console.log("dyad");');
      writeFileSync(join(dir, 'secret.txt'), 'not for the web');
      const app = buildServer({ repo, kb: loadKnowledge(), webRoot: web });
      const page = await app.inject({ url: '/' });
      assert.equal(page.statusCode, 200);
      assert.match(String(page.headers['content-type']), /^text\/html/);
      assert.equal(page.headers['cache-control'], 'no-cache');
      assert.match(String(page.headers['content-security-policy']), /default-src 'self'/);
      const js = await app.inject({ url: '/assets/app-1a2b.js' });
      assert.equal(js.statusCode, 200);
      assert.match(String(js.headers['content-type']), /javascript/);
      assert.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.equal(js.headers['x-content-type-options'], 'nosniff');
      assert.ok(js.headers.etag || js.headers['last-modified'], 'validators for conditional requests');
      for (const url of ['/assets/../secret.txt', '/assets/%2e%2e/secret.txt', '/assets/missing.js', '/secret.txt']) {
        assert.equal((await app.inject({ url })).statusCode, 404, url);
      }
      await app.close();
    });

    // Last: it adds a placed event to the shared store.
    test('countries: events placed in each state, with ISO numeric codes for map shapes', async () => {
      await repo.addEvents([{
        id: 'fx-gazette:placed', article: 'fx-gazette', type: 'ASSAULT', mode: null, cameo: null,
        source: [{ actor: 'SYL', sector: 'MIL', text: 'Syldavian troops', entity: null }], target: [{ actor: 'FRA', sector: 'CVL', text: 'villagers', entity: null }],
        date: '2026-04-02', datePrecision: 'day', negated: false, modality: 'asserted', trigger: 'shelled', quote: null, confidence: 0.5,
        rule: 'fixture', evidence: { start: 0, end: 9, text: 'Freedonia' }, location: { name: 'Lille', country: 'FRA', lat: 50.63, lon: 3.06 },
      }]);
      const res = await get('/api/countries');
      assert.equal(res.status, 200);
      const all = (await get('/api/events?limit=1000')).body.items as { location: { country: string } | null }[];
      const placed = all.filter((e) => e.location);
      assert.equal(res.body.reduce((n: number, c: { events: number }) => n + c.events, 0), placed.length);
      assert.ok(placed.length > 0);
      for (const c of res.body as { country: string; numeric: string | null; events: number }[]) {
        assert.equal(c.events, placed.filter((e) => e.location!.country === c.country).length);
      }
      const france = (res.body as { country: string; numeric: string | null; conflict: number }[]).find((c) => c.country === 'FRA');
      assert.deepEqual(france && [france.numeric, france.conflict], ['250', 1]);
    });
  });
}
