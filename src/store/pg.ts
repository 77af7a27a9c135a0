// The PostgreSQL backend: a database server that several dyad processes (ingest
// workers on other machines, a server) read and write at once. Its reads are
// sql.ts's, as SQLite's are; here are its connection pool, its writes, its
// full-text search and its dialect.
//
// Concurrent writers are made safe by locks, not by retrying:
// - each article write takes an advisory lock on every id, path and url it
//   stores or replaces (PgRepo.lockArticles) before it reads which stored rows
//   it replaces, so two processes storing the same article (or two versions of
//   it) take turns, and the second replaces the first's rows: one copy stays;
// - entities, shared by many articles, are upserted in id order, so that two
//   batches never wait for each other's entities crosswise (a deadlock);
// - counters are incremented in the database (value = value + n), never read and
//   written back;
// - the stories and claims write takes the corpus lock exclusively, and article
//   writes take it shared: stories are never rewritten under an article write.
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Article, Claim, Doc, PloverEvent, Quote, Story } from '../types.js';
import { encodeLayers, type Layers } from './layers.js';
import { LOCK, migrate } from './pg-schema.js';
import { SEARCH, searchTerms, type CopiesOption, type PageQuery, type SearchPage, type SiteCursor, type SiteLine, type SiteLinesRead } from './repo.js';
import { shownSpec } from './spec.js';
import {
  actorsOf, amend, ARTICLES, CLAIM_EVIDENCE, CLAIMS, ENTITIES, entityCounts, ENTITY_ARTICLES, EVENT_ACTORS, EVENTS, overwrite, QUOTES,
  rankedPage, searchHit, SITE_LINES, SqlRepo, STORIES, str, upsert, type Dialect, type Found, type Row, type Table,
} from './sql.js';

/** Runs one statement (with `?` or `$n` placeholders) on a connection, or in a transaction. */
type Run = (sql: string, params?: unknown[]) => Promise<Row[]>;

const PG: Dialect = {
  insertOrder: 'seq',
  // LIMIT NULL is no limit
  noLimit: null,
  idList: (ids) => ({ sql: '(SELECT unnest(CAST(? AS text[])))', param: ids }),
  jsonEach: (column, key) => `jsonb_array_elements_text(${column} -> '${key}') AS value`,
  lead: (body) => `split_part(${body}, chr(10), 1)`,
};

/** Connections one process keeps: enough for a server's parallel requests, few enough for many processes. */
const POOL_SIZE = 4;

const OID = { int8: 20, json: 114, jsonb: 3802 } as const;

/**
 * Values as SQLite gives them, so that the shared row mappers read both alike: counts (bigint,
 * which pg returns as a string) as numbers, and JSON columns as their text, parsed where read.
 */
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === OID.int8) return (v: string) => Number(v);
    if (oid === OID.json || oid === OID.jsonb) return (v: string) => v;
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

const numbering = new Map<string, string>();

/** The shared queries' `?` placeholders as PostgreSQL's `$1, $2...` (none stands inside a quoted literal or name). */
export function numbered(sql: string): string {
  let out = numbering.get(sql);
  if (out === undefined) {
    let n = 0;
    out = sql.replace(/'(?:[^']|'')*'|"[^"]*"|\?/g, (m) => (m === '?' ? `$${++n}` : m));
    numbering.set(sql, out);
  }
  return out;
}

/**
 * PostgreSQL text cannot hold U+0000, which SQLite's can (a NUL byte deep inside an input file,
 * or "\u0000" in a JSON record): it is stored as U+FFFD, one UTF-16 unit for one, so that
 * every offset into the text stays true. Applied to every parameter sent.
 */
function storable(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replaceAll('\u0000', '\ufffd') : value;
  return Array.isArray(value) ? value.map(storable) : value;
}

/** The same for JSON text, where U+0000 is written as the escape \u0000 (which jsonb refuses too). */
function storableJson(json: string): string {
  return json.includes('\\u0000') ? json.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1\\ufffd') : json;
}

/** A document whose text holds U+0000 with U+FFFD in its place everywhere, layers included (see storable). */
function storableDoc(doc: Doc): Doc {
  return JSON.stringify(doc.article).includes('\\u0000') ? (JSON.parse(storableJson(JSON.stringify(doc))) as Doc) : doc;
}

/**
 * `INSERT INTO table (columns) SELECT * FROM unnest($1::type[], ...)`: many rows in one
 * statement, each column sent as one array (a round trip per table, not per row).
 */
function insertMany<T>(t: Table<T>, items: T[]): [string, unknown[][]] {
  const rows = items.map((x) => t.row(x).map((v, i) => (t.columns[i]![1] === 'jsonb' ? storableJson(v as string) : v)));
  const columns = t.columns.map((_, i) => rows.map((r) => r[i]));
  const sql = `INSERT INTO ${t.name} (${t.columns.map(([c]) => c).join(', ')})
    SELECT * FROM unnest(${t.columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})`;
  return [sql, columns];
}

/** Lock key of an article's id, path or url: 32 bits of its hash (a shared key only makes two writes take turns). */
function lockKey(kind: 'id' | 'path' | 'url', value: string): number {
  return createHash('sha256').update(`${kind}\u0000${value}`).digest().readInt32BE(0);
}

/** Whether writing `later` replaces the stored `earlier` (what STORED_IDS finds): same id, path or url. */
function replaces(later: Article, earlier: Article): boolean {
  return later.id === earlier.id || (later.path === earlier.path && later.path !== '-') || (later.url !== null && later.url === earlier.url);
}

/** PostgreSQL's error codes for a deadlock and for a statement cancelled by statement_timeout. */
const DEADLOCK = '40P01';
const CANCELLED = '57014';

/** A match as tsquery text: each word (a prefix from SEARCH.prefixMin letters), all required. */
export function tsQuery(words: string[]): string {
  return words.map((w) => (w.length >= SEARCH.prefixMin ? `${w}:*` : w)).join(' & ');
}

/**
 * ts_headline's options: about 16 words around the matches (FTS5's snippet size), the
 * matches wrapped in U+0002 … U+0003 as SQLite's snippets are, so that plainSnippet reads both.
 */
const HEADLINE = 'StartSel="\u0002", StopSel="\u0003", MaxWords=16, MinWords=8, ShortWord=0, HighlightAll=false';

/** A headline with ' … ' where it leaves out text before or after it, as FTS5's snippet marks a cut. */
function withEllipses(headline: string, text: string): string {
  const plain = headline.replace(/[\u0002\u0003]/g, '');
  const at = text.indexOf(plain);
  if (at < 0) return headline;
  const before = text.slice(0, at).trim() ? ' … ' : '';
  const after = text.slice(at + plain.length).trim() ? ' … ' : '';
  return `${before}${headline}${after}`;
}

export class PgRepo extends SqlRepo {
  protected readonly dialect = PG;
  private closed = false;

  private constructor(private readonly pool: pg.Pool) {
    super();
  }

  /** Connects to the database at `url` (postgres://...) and brings its schema up to date. */
  static async open(url: string): Promise<PgRepo> {
    const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, types: TYPES, allowExitOnIdle: true, application_name: 'dyad' });
    // An idle connection the server closes (a restart) must not take the process down:
    // the pool drops it, and the next query opens a new one (or reports its own error).
    pool.on('error', () => undefined);
    try {
      const client = await pool.connect().catch((err: Error) => {
        throw new Error(`cannot connect to PostgreSQL at ${shownSpec(url)}: ${err.message}`);
      });
      try {
        await migrate(client);
      } finally {
        client.release();
      }
    } catch (err) {
      await pool.end();
      throw err;
    }
    return new PgRepo(pool);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  protected async all(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.pool.query(numbered(sql), params.map(storable))).rows as Row[];
  }

  /**
   * Runs `fn` in one transaction on one connection. Locks are taken in a fixed order, so a
   * deadlock should not happen; if PostgreSQL still reports one (it then cancels one of the
   * two transactions), the cancelled one is run again from the start. `begin` opens it
   * (a reader may ask for one snapshot: REPEATABLE READ READ ONLY).
   */
  private async tx<T>(fn: (run: Run) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      const run: Run = async (sql, params = []) => (await client.query(numbered(sql), params.map(storable))).rows as Row[];
      let broken = false;
      try {
        await client.query(begin);
        const result = await fn(run);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => (broken = true));
        if ((err as { code?: string }).code === DEADLOCK && attempt < 3) continue;
        throw err;
      } finally {
        // a connection that cannot even roll back is closed rather than reused
        client.release(broken);
      }
    }
  }

  /**
   * Takes the locks an article write needs, before it reads anything: the corpus lock shared,
   * then one lock per id, path and url of the articles, in key order, so that two writers
   * that share keys take them in the same order and one simply waits for the other.
   */
  private async lockArticles(run: Run, articles: Pick<Article, 'id' | 'path' | 'url'>[]): Promise<void> {
    const keys = new Set<number>();
    for (const a of articles) {
      keys.add(lockKey('id', a.id));
      if (a.path !== '-') keys.add(lockKey('path', a.path));
      if (a.url !== null) keys.add(lockKey('url', a.url));
    }
    await run('SELECT pg_advisory_xact_lock_shared($1, $2)', [LOCK.space, LOCK.corpus]);
    // unnest yields the sorted array in order, so the locks are taken in that order
    await run('SELECT pg_advisory_xact_lock($1, k) FROM unnest($2::int[]) AS k', [LOCK.articleSpace, [...keys].sort((a, b) => a - b)]);
  }

  /**
   * Counts `n` article writes: the corpus is stale and the generation moves on by n; and,
   * when stored articles were deleted (`removed`), their site lines with them.
   */
  private async markStale(run: Run, n: number, removed: boolean): Promise<void> {
    // generation, corpus_stale, then site_removals, in every transaction: the same order of row locks
    await run("UPDATE meta SET value = (value::bigint + $1)::text WHERE key = 'generation'", [n]);
    await run("UPDATE meta SET value = '1' WHERE key = 'corpus_stale'");
    if (removed) await run("UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'site_removals'");
  }

  /**
   * In one snapshot: the lines of every transaction at or after the oldest one the cursor's
   * read could not see yet (its snapshot's xmin), so that a line committed after that read
   * is never missed, whatever order writers commit in. Lines read before may come again.
   */
  async siteLinesSince(cursor: SiteCursor | null): Promise<SiteLinesRead> {
    return this.tx(async (run) => {
      const removals = String((await run("SELECT value FROM meta WHERE key = 'site_removals'"))[0]?.value ?? '0');
      const whole = cursor === null || cursor.removals !== removals;
      const mark = String((await run('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin'))[0]!.xmin);
      const rows = whole
        ? await run('SELECT path, outlet, line FROM site_lines')
        : await run('SELECT path, outlet, line FROM site_lines WHERE xid >= $1::xid8', [cursor.mark]);
      return { lines: rows as unknown as SiteLine[], cursor: { removals, mark }, whole };
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  private async insert<T>(run: Run, t: Table<T>, items: T[], conflict = ''): Promise<void> {
    if (items.length === 0) return;
    const [sql, columns] = insertMany(t, items);
    await run(`${sql} ${conflict}`, columns);
  }

  async writeDocs(stored: { doc: Doc; hash: string; lines?: string[]; layers?: Buffer }[]): Promise<void> {
    if (stored.length === 0) return;
    // Layers encoded by the analysing thread are kept unless the doc had to change to be storable (U+0000).
    const items = stored.map((x) => {
      const doc = storableDoc(x.doc);
      return { ...x, doc, layers: doc === x.doc ? x.layers : undefined };
    });
    // Compressed outside the transaction: the locks are held for the writing only.
    const layers = items.map(({ doc, layers }) => layers ?? encodeLayers(doc.article, { ...doc, removed: doc.article.removed }));
    const articles = items.map(({ doc }) => doc.article);
    // Written one by one, an article of the batch would replace an earlier one it shares an
    // id, path or url with: the earlier one is not written at all (its entities still are).
    const kept = items.map((x, i) => ({ ...x, layers: layers[i]! }))
      .filter((x, i) => !articles.slice(i + 1).some((later) => replaces(later, x.doc.article)));
    // The last version of each entity, in id order (see the top of this file).
    const entities = new Map(items.flatMap(({ doc }) => doc.entities.map((e) => [e.id, e] as const)));
    const sortedEntities = [...entities.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    await this.tx(async (run) => {
      await this.lockArticles(run, articles);
      // What these articles replace: stored rows with the same id, path or url (STORED_IDS), and everything hanging from them.
      const paths = articles.map((a) => a.path).filter((p) => p !== '-');
      const urls = articles.map((a) => a.url).filter((u): u is string => u !== null);
      const replaced = await run('DELETE FROM articles WHERE id = ANY($1::text[]) OR path = ANY($2::text[]) OR url = ANY($3::text[]) RETURNING id',
        [articles.map((a) => a.id), paths, urls]);
      await this.insert(run, ARTICLES, kept.map(({ doc, hash, layers }) => ({ article: doc.article, hash, layers })));
      await this.insert(run, ENTITIES, sortedEntities, `ON CONFLICT (id) DO UPDATE SET ${overwrite(ENTITIES, ['id'])}`);
      await this.insert(run, ENTITY_ARTICLES, kept.flatMap(({ doc }) => entityCounts(doc)));
      await this.insertQuotes(run, kept.flatMap(({ doc }) => doc.quotes));
      await this.insertEvents(run, kept.flatMap(({ doc }) => doc.events.map((event) => ({ event, published: doc.article.published }))));
      await this.insert(run, SITE_LINES, kept.flatMap(({ doc, lines = [] }) => lines.map((line) => ({ article: doc.article, line }))),
        'ON CONFLICT DO NOTHING');
      await this.markStale(run, items.length, replaced.length > 0);
    });
  }

  /** Upserts quotes; of two with one (article, id), the second's values in the first's place (as SQLite's upsert). */
  private async insertQuotes(run: Run, quotes: Quote[]): Promise<void> {
    const unique = new Map<string, Quote>();
    for (const q of quotes) unique.set(`${q.article}\u0000${q.id}`, q);
    await this.insert(run, QUOTES, [...unique.values()], `ON CONFLICT (article, id) DO UPDATE SET ${overwrite(QUOTES, ['article', 'id'])}`);
  }

  /** Inserts events and their actors; of two with one (article, id), the second (as SQLite's INSERT OR REPLACE). */
  private async insertEvents(run: Run, events: { event: PloverEvent; published: string | null }[]): Promise<void> {
    const unique = new Map<string, { event: PloverEvent; published: string | null }>();
    for (const x of events) {
      const key = `${x.event.article}\u0000${x.event.id}`;
      unique.delete(key);
      unique.set(key, x);
    }
    await this.insert(run, EVENTS, [...unique.values()]);
    await this.insert(run, EVENT_ACTORS, [...unique.values()].flatMap(({ event }) => actorsOf(event)));
  }

  async pruneFile(file: string, ids: string[]): Promise<number> {
    const inFile = "left(path, length($1) + 1) = $1 || '#' AND NOT (id = ANY($2::text[]))";
    return this.tx(async (run) => {
      const stale = await run(`SELECT id, path, url FROM articles WHERE ${inFile}`, [file, ids]);
      if (stale.length === 0) return 0;
      await this.lockArticles(run, stale.map((r) => ({ id: r.id as string, path: r.path as string, url: str(r.url) })));
      // read again under the locks: another process may have removed or replaced them meanwhile
      const gone = await run(`DELETE FROM articles WHERE ${inFile} AND id = ANY($3::text[]) RETURNING id`, [file, ids, stale.map((r) => r.id)]);
      if (gone.length > 0) await this.markStale(run, 1, true);
      return gone.length;
    });
  }

  /**
   * Locks the stored articles of `ids` for a change of their rows and layers, and returns their
   * publication dates; an article that is not stored is an error naming `what`.
   */
  private async lockStored(run: Run, ids: string[], what: (id: string) => string): Promise<Map<string, string | null>> {
    await this.lockArticles(run, [...new Set(ids)].map((id) => ({ id, path: '-', url: null })));
    const rows = await run('SELECT id, published FROM articles WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE', [[...new Set(ids)]]);
    const published = new Map(rows.map((r) => [r.id as string, str(r.published)]));
    const missing = ids.find((id) => !published.has(id));
    if (missing !== undefined) throw new Error(`${what(missing)}: no stored article '${missing}'`);
    return published;
  }

  /** Adds items to the stored layers of their articles, in the transaction of `run`. */
  private async amendLayers<T extends { article: string }>(run: Run, items: T[], add: (layers: Layers, item: T) => void): Promise<void> {
    const changed = amend(await this.layersOf(items.map((x) => x.article), run), items, add);
    await run('UPDATE articles AS a SET layers = v.layers FROM unnest($1::text[], $2::bytea[]) AS v (id, layers) WHERE a.id = v.id',
      [changed.map((c) => c.id), changed.map(({ id, body, layers }) => encodeLayers({ id, body }, layers))]);
  }

  async addEvents(events: PloverEvent[]): Promise<void> {
    await this.tx(async (run) => {
      const published = await this.lockStored(run, events.map((e) => e.article), (id) => `event ${events.find((e) => e.article === id)!.id}`);
      // a replaced event is deleted (its actors with it) and inserted anew, as SQLite's INSERT OR REPLACE does
      await run('DELETE FROM events WHERE (article, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))',
        [events.map((e) => e.article), events.map((e) => e.id)]);
      await this.insertEvents(run, events.map((event) => ({ event, published: published.get(event.article)! })));
      await this.amendLayers(run, events, (l, e) => upsert(l.events, e));
      await this.markStale(run, 1, false);
    });
  }

  async addQuotes(quotes: Quote[]): Promise<void> {
    await this.tx(async (run) => {
      await this.lockStored(run, quotes.map((q) => q.article), (id) => `quote ${quotes.find((q) => q.article === id)!.id}`);
      await this.insertQuotes(run, quotes);
      await this.amendLayers(run, quotes, (l, q) => {
        upsert(l.quotes, q);
        l.quotes.sort((a, b) => a.start - b.start);
      });
      await this.markStale(run, 1, false);
    });
  }

  async writeCorpus(stories: Story[], claims: Claim[], articles: Article[], options: { partial?: boolean } = {}): Promise<void> {
    const storyOf = new Map(stories.flatMap((s) => s.articles.map((a) => [a, s.id] as const)));
    await this.tx(async (run) => {
      // alone: no article write runs meanwhile (they hold this lock shared)
      await run('SELECT pg_advisory_xact_lock($1, $2)', [LOCK.space, LOCK.corpus]);
      if (options.partial) await run('DELETE FROM stories WHERE id = ANY($1::text[])', [stories.map((s) => s.id)]);
      else await run('DELETE FROM stories');
      await run('DELETE FROM claims');
      // entities whose every mentioning article was replaced or removed
      await run('DELETE FROM entities e WHERE NOT EXISTS (SELECT 1 FROM entity_articles m WHERE m.entity = e.id)');
      await this.insert(run, STORIES, stories);
      await this.insert(run, CLAIMS, claims);
      await this.insert(run, CLAIM_EVIDENCE, claims.flatMap((claim) => claim.evidence.map((evidence) => ({ claim, evidence }))));
      await run(`UPDATE articles AS a SET story = v.story, duplicate_of = v.duplicate_of, flags = v.flags
        FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[]) AS v (id, story, duplicate_of, flags) WHERE a.id = v.id`,
      [articles.map((a) => a.id), articles.map((a) => storyOf.get(a.id) ?? null), articles.map((a) => a.duplicateOf), articles.map((a) => storableJson(JSON.stringify(a.flags)))]);
      await run("UPDATE meta SET value = '0' WHERE key = 'corpus_stale'");
    });
  }

  /**
   * Full-text search over the tsvector columns. As in SQLite, matches are gathered unordered,
   * a slice at a time through a cursor, so that the time budget can stop any search (each
   * fetch may run only for the time left; one cut off ends the search as partial), and
   * ranking, paging and snippets follow. The ranking is ts_rank's, not SQLite's bm25: the same
   * articles and quotes are found, but those of a page may differ between the two backends.
   * Words are split by PostgreSQL's parser, which keeps host names, e-mail addresses and
   * decimal numbers whole where FTS5 splits them at the dots, and does not fold accents.
   */
  async search(q: PageQuery & { q: string } & CopiesOption): Promise<SearchPage> {
    const terms = searchTerms(q.q);
    const empty = { total: 0, limit: q.limit, offset: q.offset, items: [], terms, partial: false };
    if (terms.length === 0) return empty;
    const query = tsQuery(terms);
    const deadline = performance.now() + SEARCH.budgetMs;
    const found: Found[] = [];
    let partial = false;
    // By default only originals count: copies and spun rewrites are left out.
    const originals = (alias: string) => (q.copies ? '' : ` AND ${alias} IN (SELECT id FROM articles WHERE duplicate_of IS NULL)`);
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN READ ONLY');
      await client.query(`DECLARE hits NO SCROLL CURSOR FOR
        SELECT 'article' AS kind, a.id AS article, a.id, NULL AS speaker, -ts_rank(a.fts, m) AS rank
          FROM articles a, to_tsquery('simple', $1) m WHERE a.fts @@ m${originals('a.id')}
        UNION ALL
        SELECT 'quote', q.article, q.id, q.speaker_name, -ts_rank(q.fts, m)
          FROM quotes q, to_tsquery('simple', $1) m WHERE q.fts @@ m${originals('q.article')}`, [query]);
      for (;;) {
        const left = Math.ceil(deadline - performance.now());
        if (left <= 0) {
          partial = true;
          break;
        }
        await client.query(`SET LOCAL statement_timeout = ${left}`);
        const rows = await client.query('FETCH 500 FROM hits').then((r) => r.rows as Row[], (err: { code?: string }) => {
          if (err.code === CANCELLED) return null;
          throw err;
        });
        if (rows === null) {
          partial = true;
          break;
        }
        for (const r of rows) found.push({ kind: r.kind as Found['kind'], article: r.article as string, id: r.id as string, speaker: str(r.speaker), rank: Number(r.rank) });
        if (rows.length < 500) break;
      }
    } finally {
      await client.query('ROLLBACK').catch(() => (broken = true));
      client.release(broken);
    }
    const page = rankedPage(found, q);
    const texts = await this.hitTexts(page, query);
    const items = page.map((r) => {
      const t = texts.get(`${r.kind}\u0000${r.article}\u0000${r.id}`);
      return searchHit(r, t?.title, t ? withEllipses(t.headline, t.text) : '');
    });
    return { ...empty, total: found.length, items, partial };
  }

  /** The title, searched text and headline of each hit of a page, by kind, article and id. */
  private async hitTexts(page: Found[], query: string): Promise<Map<string, { title: unknown; text: string; headline: string }>> {
    const out = new Map<string, { title: unknown; text: string; headline: string }>();
    const articles = page.filter((r) => r.kind === 'article').map((r) => r.id);
    const quotes = page.filter((r) => r.kind === 'quote');
    const put = (kind: string, rows: Row[]) => {
      for (const r of rows) out.set(`${kind}\u0000${r.article}\u0000${r.id}`, { title: r.title, text: r.text as string, headline: r.headline as string });
    };
    if (articles.length > 0) {
      put('article', await this.all(`SELECT id AS article, id, title, body AS text, ts_headline('simple', body, to_tsquery('simple', $1), $2) AS headline
        FROM articles WHERE id = ANY($3::text[])`, [query, HEADLINE, articles]));
    }
    if (quotes.length > 0) {
      put('quote', await this.all(`SELECT q.article, q.id, a.title, q.text, ts_headline('simple', q.text, to_tsquery('simple', $1), $2) AS headline
        FROM quotes q JOIN articles a ON a.id = q.article
        WHERE (q.article, q.id) IN (SELECT * FROM unnest($3::text[], $4::text[]))`, [query, HEADLINE, quotes.map((r) => r.article), quotes.map((r) => r.id)]));
    }
    return out;
  }
}
