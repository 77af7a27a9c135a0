// What only the PostgreSQL backend has to show: its schema migrates once however
// many processes open a new database together, and processes writing the same
// articles at once store each exactly once, as one writer alone would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { generateArticles } from '../bench/corpus.js';
import { analyzeBatch, loadKnowledge } from '../pipeline.js';
import { createTestDatabase, type TestDatabase } from '../testing/postgres.js';
import type { Doc, RawArticle } from '../types.js';
import { openStore, rawHash } from './index.js';
import { PG_MIGRATIONS } from './pg-schema.js';
import type { Repo } from './repo.js';

async function database(t: { after(fn: () => unknown): void }): Promise<TestDatabase> {
  const db = await createTestDatabase();
  t.after(db.drop);
  return db;
}

/** Runs `fn` with a plain connection to `url` (to look at what the store wrote). */
async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

test('postgres: the schema is versioned, and migrated once when several connections open a new database at once', async (t) => {
  const { url } = await database(t);
  const repos = await Promise.all([openStore(url), openStore(url), openStore(url)]);
  await Promise.all(repos.map((r) => r.close()));
  const versions = await withClient(url, async (c) => (await c.query('SELECT version FROM dyad_schema')).rows);
  assert.deepEqual(versions, [{ version: PG_MIGRATIONS.length }]);
  // reopening runs no migration twice
  await (await openStore(url)).close();
  await withClient(url, (c) => c.query('UPDATE dyad_schema SET version = version + 1'));
  await assert.rejects(openStore(url), /newer than this dyad/);
});

test('postgres: an unreachable server is an error naming it, without its password', async () => {
  await assert.rejects(openStore('postgres://dyad:secret@127.0.0.1:1/none'), (err: Error) => {
    assert.match(err.message, /cannot connect to PostgreSQL at postgres:\/\/dyad:\*\*\*@127\.0\.0\.1:1\/none/);
    assert.doesNotMatch(err.message, /secret/);
    return true;
  });
});

/** Every stored row in a comparable form (identity columns left out). */
async function dump(url: string): Promise<Record<string, unknown[]>> {
  return withClient(url, async (c) => {
    const q = async (sql: string) => (await c.query(sql)).rows;
    return {
      articles: await q('SELECT id, path, raw_hash, body, flags, layers FROM articles ORDER BY id'),
      events: await q('SELECT article, id, type, day, negated, modality, place, lat, lon FROM events ORDER BY article, id'),
      eventActors: await q('SELECT article, event, role, actor, entity FROM event_actors ORDER BY article, event, role, actor, entity'),
      quotes: await q('SELECT article, id, kind, text, start, "end", speaker_name FROM quotes ORDER BY article, id'),
      mentions: await q('SELECT entity, article, mentions FROM entity_articles ORDER BY article, entity'),
      entities: await q('SELECT * FROM entities ORDER BY id'),
      siteLines: await q('SELECT article, line FROM site_lines ORDER BY article, line'),
      // what the full-text index finds (the tsvector is computed from the rows)
      search: await q("SELECT id FROM articles WHERE fts @@ to_tsquery('simple', 'talks') ORDER BY id"),
    };
  });
}

/** Writes `docs` in batches of `size`, one transaction each, as `dyad ingest` does. */
async function write(repo: Repo, docs: { doc: Doc; hash: string }[], size: number): Promise<number> {
  for (let i = 0; i < docs.length; i += size) await repo.writeDocs(docs.slice(i, i + size));
  return docs.length;
}

test('postgres: writers on two connections storing overlapping batches at once store each article once', async (t) => {
  const kb = loadKnowledge();
  // Forty articles, and a second version (another text from the same file) of five of them.
  const raws = generateArticles(40, 7);
  const changed: RawArticle[] = raws.slice(0, 5).map((r) => ({ ...r, text: `${r.text}\n\nThe talks resumed on Friday.` }));
  const analysed = (list: RawArticle[]) => analyzeBatch(list, kb).analysed.map(({ raw, doc }) => ({ doc, hash: rawHash(raw) }));
  const [docs, second] = [analysed(raws), analysed(changed)];
  assert.equal(docs.length, 40);

  // One writer alone: every article, then the second versions.
  const alone = await database(t);
  const one = await openStore(alone.url);
  await write(one, [...docs, ...second], 6);
  await one.close();

  // Two writers at once: one takes articles 0-29, the other 10-39 from the end, both the
  // second versions (last, so that they are what stays), and a third connection writes
  // the same batch as the first at the same moment.
  const together = await database(t);
  const [a, b, c] = await Promise.all([openStore(together.url), openStore(together.url), openStore(together.url)]);
  const written = await Promise.all([
    write(a, docs.slice(0, 30), 6).then(async (n) => n + (await write(a, second, 6))),
    write(b, docs.slice(10).reverse(), 6).then(async (n) => n + (await write(b, second, 6))),
    write(c, docs.slice(0, 6), 6),
  ]);
  assert.equal(await a.generation(), written.reduce((x, y) => x + y), 'every article write counted once');
  await Promise.all([a.close(), b.close(), c.close()]);

  const expected = await dump(alone.url);
  assert.equal(expected.articles!.length, 40);
  assert.deepEqual(await dump(together.url), expected);
});

test('postgres: a text with U+0000 (which PostgreSQL text cannot hold) and one of more distinct words than a tsvector holds are stored and found', async (t) => {
  const { url } = await database(t);
  const repo = await openStore(url);
  t.after(() => repo.close());
  const kb = loadKnowledge();
  const raw: RawArticle = { path: 'nul.jsonl#1', format: 'json', id: 'nul', title: 'Nul\u0000', text: 'France criticized\u0000 Germany on Monday, officials said.' };
  const { doc } = analyzeBatch([raw], kb).analysed[0]!;
  // 150,000 distinct rare words (some 1.9 MB) after a first sentence: more than to_tsvector takes at once
  const rare = Array.from({ length: 150_000 }, (_, i) => `w${i.toString(36)}x${(i * 7919).toString(36)}`).join(' ');
  const big: Doc = { ...doc, article: { ...doc.article, id: 'big', path: 'big.txt', title: 'Big', body: `Kenya praised Chile on Tuesday.\n\n${rare}` } };
  await repo.writeDocs([{ doc, hash: rawHash(raw) }, { doc: big, hash: 'big' }]);
  const stored = (await repo.getArticle('nul'))!;
  assert.equal(stored.article.body, doc.article.body.replaceAll('\u0000', '\ufffd'), 'U+0000 stored as U+FFFD, offsets unchanged');
  assert.equal(stored.article.title, 'Nul\ufffd');
  assert.ok(await repo.isCurrent(raw.path, rawHash(raw)));
  const ids = async (q: string) => [...new Set((await repo.search({ q, limit: 10, offset: 0 })).items.map((h) => h.article))];
  assert.deepEqual(await ids('criticized'), ['nul']);
  assert.deepEqual(await ids('kenya praised'), ['big']);
  assert.deepEqual(await ids('w10x'), ['big'], 'the beginning of the long text is searchable');
});

test('postgres: a site line committed after a read by a transaction begun before it is read the next time', async (t) => {
  const { url } = await database(t);
  const repo = await openStore(url);
  t.after(() => repo.close());
  const kb = loadKnowledge();
  const store = async (path: string) => {
    const raw: RawArticle = { path, format: 'text', outlet: 'Example Herald', text: 'Ministers met in Lima on Monday, officials said.\nExample Herald Weekend Edition' };
    const { doc } = analyzeBatch([raw], kb).analysed[0]!;
    await repo.writeDocs([{ doc, hash: rawHash(raw), lines: ['example herald weekend edition'] }]);
    return doc.article.id;
  };
  const first = await store('a.txt');
  await withClient(url, async (late) => {
    // A writer that began (and took its transaction id) before the read, and commits after it.
    await late.query('BEGIN');
    await late.query('SELECT pg_current_xact_id()');
    await store('b.txt');
    const read = await repo.siteLinesSince(null);
    assert.deepEqual(read.lines.map((l) => l.path).sort(), ['a.txt', 'b.txt']);
    await late.query("INSERT INTO site_lines (article, path, outlet, line) VALUES ($1, 'a.txt', 'Example Herald', 'a line stored late')", [first]);
    await late.query('COMMIT');
    const next = await repo.siteLinesSince(read.cursor);
    assert.equal(next.whole, false);
    assert.ok(next.lines.some((l) => l.line === 'a line stored late'), 'its xid is after the first read\'s xmin');
  });
});
