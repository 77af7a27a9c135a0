// The feed watcher against a feed server of the tests' own on loopback and a fresh
// PostgreSQL database per test: what is queued, what is not queued again (next poll,
// restart, a second watcher), conditional GETs, failing feeds, politeness per host.
// `dyad watch` and `dyad enqueue --feed` as processes: src/cli/watch.test.ts.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { ArticleQueue } from '../queue/index.js';
import { FeedServer, feedServer, item, renderFeed } from '../testing/feedserver.js';
import { atEnd } from '../testing/cleanup.js';
import { freshDatabase, queuedPaths, sql } from '../testing/postgres.js';
import { retryAfter } from './fetch.js';
import { FeedWatcher, feedItems, type FeedReport, type WatchOptions } from './index.js';
import { WatchState } from './state.js';

async function watcher(t: TestContext, db: string, options: WatchOptions = {}): Promise<FeedWatcher> {
  const w = await FeedWatcher.open(db, { hostDelayMs: 0, ...options });
  atEnd(t, () => w.close());
  return w;
}

const titles = (r: FeedReport) => r.queued.map((raw) => raw.title);

test('items are keyed by guid, else link, else a hash of title and text; their paths do not move as items are added', () => {
  const url = 'http://127.0.0.1:1/feed.xml';
  const three = [item(1), item(2, { id: null }), item(3, { id: null, link: null })];
  const before = feedItems(url, Buffer.from(renderFeed({ kind: 'rss', title: 'Harbour Gazette', items: three, validators: false, mode: 'ok' })), null).items;
  assert.deepEqual(before.map((i) => i.key.replace(/^sha256:.*/, 'sha256')), ['urn:test:item-1', 'http://news.example/articles/2', 'sha256']);
  assert.equal(before[0]!.raw.path, `${url}#${encodeURIComponent('urn:test:item-1')}`);
  assert.equal(before[0]!.raw.url, 'http://news.example/articles/1');
  assert.ok(before.every((i) => i.raw.id && i.raw.outlet === 'Harbour Gazette' && i.raw.format === 'feed'));
  // A new item on top shifts every position; keys, paths and ids stay.
  const after = feedItems(url, Buffer.from(renderFeed({ kind: 'rss', title: 'Harbour Gazette', items: [item(0), ...three], validators: false, mode: 'ok' })), null).items;
  assert.deepEqual(after.slice(1).map((i) => [i.key, i.raw.path, i.raw.id]), before.map((i) => [i.key, i.raw.path, i.raw.id]));
  // Atom ids, and one guid listed twice is one item.
  const atom = feedItems(url, Buffer.from(renderFeed({ kind: 'atom', title: 'Fjord Post', items: [item(7), item(7)], validators: false, mode: 'ok' })), null).items;
  assert.deepEqual(atom.map((i) => i.key), ['urn:test:item-7']);
  // RSS 1.0 names its items by rdf:about.
  const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="http://news.example/"><title>RDF Times</title></channel><item rdf:about="http://news.example/rdf/1"><title>One</title><description>Kenya and Norway signed a trade pact on Monday, officials said.</description></item></rdf:RDF>`;
  assert.deepEqual(feedItems(url, Buffer.from(rdf), null).items.map((i) => i.key), ['http://news.example/rdf/1']);
  // A feed in ISO-8859-1, as its XML declaration says.
  const latin = Buffer.from(renderFeed({ kind: 'rss', title: 'Gazette de Genève', items: [item(1, { title: 'Réunion à Genève' })], validators: false, mode: 'ok' }).replace('UTF-8', 'ISO-8859-1'), 'latin1');
  assert.equal(feedItems(url, latin, 'application/rss+xml').items[0]!.raw.title, 'Réunion à Genève');
});

test('Retry-After is read as seconds or a date, at most a day ahead', () => {
  const now = Date.UTC(2026, 2, 2, 12);
  assert.equal(retryAfter('120', now)?.getTime(), now + 120_000);
  assert.equal(retryAfter('Mon, 02 Mar 2026 13:00:00 GMT', now)?.getTime(), now + 3_600_000);
  assert.equal(retryAfter('Mon, 02 Mar 2026 11:00:00 GMT', now), null, 'a time already past');
  assert.equal(retryAfter('soon', now), null);
  assert.equal(retryAfter('99999999', now)?.getTime(), now + 24 * 3_600_000, 'at most a day');
});

test('an item is marked seen only with its job: a transaction that fails leaves neither, and the next try queues it', async (t) => {
  const db = await freshDatabase(t);
  const queue = await ArticleQueue.open(db, { supervise: false, connections: 1 });
  atEnd(t, () => queue.stop());
  const state = await WatchState.open(db);
  atEnd(t, () => state.close());
  const url = 'http://127.0.0.1:1/rss.xml';
  const { items } = feedItems(url, Buffer.from(renderFeed({ kind: 'rss', title: 'Harbour Gazette', items: [item(1), item(2)], validators: false, mode: 'ok' })), null);
  const crash = state.commit(url, items, { etag: '"a"', lastModified: null }, async (fresh, runner) => {
    await queue.enqueue(fresh.map((i) => i.raw), runner);
    // Jobs written through the transaction's connection, then the process dies before the commit.
    throw new Error('crash before commit');
  });
  await assert.rejects(crash, /crash before commit/);
  assert.deepEqual(await queuedPaths(db), []);
  assert.deepEqual(await sql(db, 'SELECT * FROM dyad_watch.items'), []);
  assert.deepEqual((await state.feed(url)).etag, null, 'the validators wait for the items too');
  const fresh = await state.commit(url, items, { etag: '"a"', lastModified: null }, (f, runner) => queue.enqueue(f.map((i) => i.raw), runner));
  assert.equal(fresh.length, 2);
  assert.equal((await queuedPaths(db)).length, 2);
  assert.equal((await state.feed(url)).etag, '"a"');
});

test('the first poll queues every item; an unchanged feed is asked for conditionally, answers 304 and queues nothing; an added item is queued alone', async (t) => {
  const db = await freshDatabase(t);
  const server = await feedServer(t);
  const url = server.add('/rss.xml', { items: [item(1), item(2)] });
  const w = await watcher(t, db);

  const [first] = await w.poll([url]);
  assert.equal(first!.outcome, 'new');
  assert.deepEqual(titles(first!), ['Ministers meet in Oslo, round 1', 'Ministers meet in Oslo, round 2']);
  assert.equal((await queuedPaths(db)).length, 2);
  assert.equal(server.requests[0]!.headers['user-agent']?.startsWith('dyad/'), true);
  assert.equal(server.requests[0]!.headers['if-none-match'], undefined);

  const [second] = await w.poll([url]);
  assert.equal(second!.outcome, 'unchanged');
  assert.deepEqual(second!.queued, []);
  const conditional = server.requests[1]!;
  assert.match(String(conditional.headers['if-none-match']), /^"[0-9a-f]{16}"$/);
  assert.match(String(conditional.headers['if-modified-since']), /GMT$/);
  assert.equal(conditional.status, 304);
  assert.equal((await queuedPaths(db)).length, 2);

  server.feeds.get('/rss.xml')!.items.unshift(item(3));
  const [third] = await w.poll([url]);
  assert.equal(third!.outcome, 'new');
  assert.equal(third!.items, 3);
  assert.deepEqual(titles(third!), ['Ministers meet in Oslo, round 3']);
  assert.deepEqual(await queuedPaths(db), [1, 2, 3].map((n) => `${url}#${encodeURIComponent(`urn:test:item-${n}`)}`));
  const [state] = await sql(db, `SELECT etag, last_modified, ok, error FROM dyad_watch.feeds`);
  assert.equal(state!.ok, true);
  assert.equal(state!.error, null);
  assert.ok(state!.etag && state!.last_modified);
});

test('a restarted watcher queues nothing again, even for a server without validators and jobs the queue no longer holds (Atom)', async (t) => {
  const db = await freshDatabase(t);
  const server = await feedServer(t);
  const url = server.add('/atom.xml', { kind: 'atom', title: 'Fjord Post', validators: false, items: [item(1), item(2, { id: null })] });
  const before = await FeedWatcher.open(db, { hostDelayMs: 0 });
  try {
    const [report] = await before.poll([url]);
    assert.deepEqual(titles(report!), ['Ministers meet in Oslo, round 1', 'Ministers meet in Oslo, round 2']);
    assert.equal(report!.queued[0]!.outlet, 'Fjord Post');
  } finally {
    await before.close();
  }
  // pg-boss drops completed jobs after a while: the watcher's own record is what keeps an item from coming back.
  await sql(db, `DELETE FROM dyad_queue.job`);
  const after = await watcher(t, db);
  const [again] = await after.poll([url]);
  assert.equal(again!.outcome, 'new');
  assert.equal(again!.items, 2);
  assert.deepEqual(again!.queued, []);
  assert.deepEqual(await queuedPaths(db), []);
  server.feeds.get('/atom.xml')!.items.push(item(3));
  assert.deepEqual(titles((await after.poll([url]))[0]!), ['Ministers meet in Oslo, round 3']);
});

test('an item whose text changes under the same guid (a correction) is queued again, once; items recorded before versions were kept are not', async (t) => {
  const db = await freshDatabase(t);
  const server = await feedServer(t);
  const url = server.add('/rss.xml', { items: [item(1), item(2)] });
  const w = await watcher(t, db);
  await w.poll([url]);
  const feed = server.feeds.get('/rss.xml')!;
  feed.items[1] = item(2, { text: `${item(2).text} Corrected: the talks were held in Bergen.` });
  const [corrected] = await w.poll([url]);
  assert.deepEqual(corrected!.queued.map((raw) => raw.text.includes('Corrected')), [true]);
  assert.deepEqual((await w.poll([url]))[0]!.queued, [], 'the same correction again is not queued');
  assert.equal((await queuedPaths(db)).filter((p) => p.endsWith(encodeURIComponent('urn:test:item-2'))).length, 2, 'a job per version');

  // A record kept from before versions were recorded takes the version it is next seen with.
  await sql(db, 'UPDATE dyad_watch.items SET version = NULL');
  feed.items[0] = item(1, { title: 'Ministers meet in Oslo, round 1 (updated)' });
  assert.deepEqual((await w.poll([url]))[0]!.queued, []);
  feed.items[0] = item(1, { title: 'Ministers meet in Oslo, round 1 (updated again)' });
  assert.deepEqual(titles((await w.poll([url]))[0]!), ['Ministers meet in Oslo, round 1 (updated again)']);
});

test('two watchers polling one feed at once queue each item once', async (t) => {
  const db = await freshDatabase(t);
  const server = await feedServer(t);
  const url = server.add('/rss.xml', { validators: false, items: [item(1), item(2), item(3)] });
  const [a, b] = [await watcher(t, db), await watcher(t, db)];
  const reports = (await Promise.all([a.poll([url]), b.poll([url])])).flat();
  assert.equal(reports.reduce((n, r) => n + r.queued.length, 0), 3);
  assert.equal((await queuedPaths(db)).length, 3);
});

test('a feed that times out, answers 500, is not XML, is too big, refuses or is no http URL is reported; the others still work', async (t) => {
  const db = await freshDatabase(t);
  const good = await feedServer(t);
  const bad = await feedServer(t);
  const ok = good.add('/rss.xml', { items: [item(1)] });
  const moved = good.add('/moved', { mode: 'redirect', location: '/atom.xml', items: [] });
  good.add('/atom.xml', { kind: 'atom', title: 'Fjord Post', items: [item(2)] });
  const big = good.add('/big.xml', { items: Array.from({ length: 40 }, (_, i) => item(100 + i)) });
  const hang = bad.add('/hang.xml', { mode: 'hang', items: [] });
  const broken = bad.add('/500.xml', { mode: 'error-500', items: [] });
  const html = bad.add('/page.xml', { mode: 'not-xml', items: [] });
  const closed = await new FeedServer().start();
  const refused = closed.url('/gone.xml');
  await closed.close();
  const w = await watcher(t, db, { timeoutMs: 500, maxBytes: 4096 });
  const reports = await w.poll([hang, ok, broken, html, moved, big, refused, 'ftp://127.0.0.1/feed.xml']);
  const by = new Map(reports.map((r) => [r.url, r]));
  assert.equal(by.get(ok)!.outcome, 'new');
  assert.equal(by.get(ok)!.queued.length, 1);
  assert.equal(by.get(moved)!.outcome, 'new', by.get(moved)!.error);
  assert.equal(by.get(moved)!.queued[0]!.outlet, 'Fjord Post');
  assert.match(by.get(hang)!.error!, /no complete answer within 0\.5 s/);
  assert.match(by.get(broken)!.error!, /HTTP 500/);
  assert.match(by.get(html)!.error!, /not XML/);
  assert.match(by.get(big)!.error!, /over the limit of 4096 bytes/);
  assert.match(by.get(refused)!.error!, /connection refused/);
  assert.match(by.get('ftp://127.0.0.1/feed.xml')!.error!, /only http and https/);
  for (const url of [hang, broken, html, big, refused]) assert.equal(by.get(url)!.outcome, 'failed');
  assert.equal((await queuedPaths(db)).length, 2);
  // The faults are kept per feed, for whoever looks at the database.
  const rows = await sql(db, `SELECT url, ok, error FROM dyad_watch.feeds ORDER BY url`);
  assert.equal(rows.find((r) => r.url === broken)!.ok, false);
  assert.match(String(rows.find((r) => r.url === broken)!.error), /HTTP 500/);
});

test('feeds of one host are fetched one at a time with a pause between; a host that answers 429 with Retry-After is left alone, across restarts', async (t) => {
  const db = await freshDatabase(t);
  const server = await feedServer(t);
  const delay = 200;
  const feeds = [1, 2, 3].map((n) => server.add(`/feed${n}.xml`, { items: [item(n)], delayMs: 50 }));
  const w = await watcher(t, db, { hostDelayMs: delay });
  const reports = await w.poll(feeds);
  assert.deepEqual(reports.map((r) => r.queued.length), [1, 1, 1]);
  assert.equal(server.maxInFlight, 1);
  const sorted = [...server.requests].sort((a, b) => a.start - b.start);
  // The pause runs from the end of one request (as the client saw it, after the server did) to the start of the next.
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i]!.start - sorted[i - 1]!.end! >= delay - 5, `gap ${sorted[i]!.start - sorted[i - 1]!.end!} ms`);

  const limited = await feedServer(t);
  const slow = limited.add('/slow.xml', { mode: 'too-many', items: [] });
  const other = limited.add('/other.xml', { items: [item(9)] });
  const fast = await watcher(t, db);
  const [refused] = await fast.poll([slow]);
  assert.match(refused!.error!, /HTTP 429.*asked to wait until/);
  assert.equal(limited.requests.length, 1);
  const skipped = await fast.poll([slow, other]);
  assert.ok(skipped.every((r) => r.outcome === 'failed' && /asked for no request before/.test(r.error!)), JSON.stringify(skipped));
  assert.equal(limited.requests.length, 1);
  const restarted = await watcher(t, db);
  assert.ok((await restarted.poll([slow])).every((r) => r.outcome === 'failed'));
  assert.equal(limited.requests.length, 1);
});

