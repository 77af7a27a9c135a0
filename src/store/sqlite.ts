// The SQLite backend: one database file, opened by better-sqlite3, whose calls are
// synchronous. Its reads are sql.ts's; here are its writes (each a transaction that
// takes the write lock first), its full-text search (FTS5) and its dialect.
import Database from 'better-sqlite3';
import type { Article, Claim, Doc, PloverEvent, Quote, Story } from '../types.js';
import { encodeLayers, type Layers } from './layers.js';
import { ftsQuery, SEARCH, searchTerms, type CopiesOption, type PageQuery, type SearchPage, type SiteCursor, type SiteLine, type SiteLinesRead } from './repo.js';
import { migrate } from './schema.js';
import {
  actorsOf, amend, ARTICLES, CLAIM_EVIDENCE, CLAIMS, decodedLayers, ENTITIES, entityCounts, ENTITY_ARTICLES, EVENT_ACTORS, EVENTS,
  idSlices, insertRow, overwrite, QUOTES, rankedPage, searchHit, SITE_LINES, SqlRepo, STORED_IDS, STORIES, str, upsert,
  type Dialect, type Found, type Row,
} from './sql.js';

/**
 * How long a write waits for another process's transaction (two `dyad ingest`
 * runs on one database, or an ingest beside a server). Every write transaction
 * starts IMMEDIATE (takes the write lock before it reads), so this wait is all
 * the coordination needed: a deferred transaction that reads first and then
 * writes cannot be saved by waiting, SQLite fails it at once.
 */
export const BUSY_TIMEOUT_MS = 60_000;

const SQLITE: Dialect = {
  insertOrder: 'rowid',
  noLimit: -1,
  // json_each takes any number of ids in one statement
  idList: (ids) => ({ sql: '(SELECT value FROM json_each(?))', param: JSON.stringify(ids) }),
  jsonEach: (column, key) => `json_each(${column}, '$.${key}')`,
  lead: (body) => `substr(${body}, 1, instr(${body} || char(10), char(10)) - 1)`,
};

export class SqliteRepo extends SqlRepo {
  private readonly db: Database.Database;
  protected readonly dialect = SQLITE;

  constructor(file: string) {
    super();
    this.db = new Database(file);
    // First, so that every later statement (switching to WAL, migrating) waits for
    // another process's write instead of failing with "database is locked".
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('synchronous = NORMAL');
    migrate(this.db);
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** A prepared statement, compiled once per connection: preparing costs more than running most of them. */
  private sql(source: string): Database.Statement {
    let st = this.statements.get(source);
    if (!st) this.statements.set(source, (st = this.db.prepare(source)));
    return st;
  }

  protected async all(sql: string, params: unknown[] = []): Promise<Row[]> {
    return this.rows(sql, params);
  }

  private rows(sql: string, params: unknown[] = []): Row[] {
    return this.sql(sql).all(...params) as Row[];
  }

  /** Runs `fn` in a write transaction that holds the write lock from its first statement (see BUSY_TIMEOUT_MS). */
  private write(fn: () => void): void {
    this.db.transaction(fn).immediate();
  }

  async writeDocs(items: { doc: Doc; hash: string; lines?: string[]; layers?: Buffer }[]): Promise<void> {
    // Compressed outside the transaction: the write lock is held for the writing only.
    const layers = items.map(({ doc, layers }) => layers ?? encodeLayers(doc.article, { ...doc, removed: doc.article.removed }));
    // One commit for many articles: committing costs more than writing an article's rows.
    this.write(() => items.forEach(({ doc, hash, lines = [] }, i) => this.insertDoc(doc, hash, lines, layers[i]!)));
  }

  private insertDoc(doc: Doc, hash: string, lines: string[], layers: Buffer): void {
    const a = doc.article;
    for (const { id } of this.rows(STORED_IDS, [a.id, a.path, a.url])) this.deleteArticle(id as string);
    this.sql(insertRow(ARTICLES)).run(...ARTICLES.row({ article: a, hash, layers }));
    const upsertEntity = this.sql(`${insertRow(ENTITIES)} ON CONFLICT(id) DO UPDATE SET ${overwrite(ENTITIES, ['id'])}`);
    for (const e of doc.entities) upsertEntity.run(...ENTITIES.row(e));
    const count = this.sql(`${insertRow(ENTITY_ARTICLES)} ON CONFLICT(entity, article) DO UPDATE SET mentions = entity_articles.mentions + excluded.mentions`);
    for (const m of entityCounts(doc)) count.run(...ENTITY_ARTICLES.row(m));
    this.insertQuotes(doc.quotes);
    this.insertEvents(doc.events, a.published);
    const line = this.sql(insertRow(SITE_LINES).replace('INSERT', 'INSERT OR IGNORE'));
    for (const key of lines) line.run(...SITE_LINES.row({ article: a, line: key }));
    this.markStale();
  }

  async pruneFile(file: string, ids: string[]): Promise<number> {
    const db = this.db;
    return db.transaction(() => {
      const gone = db
        .prepare(`SELECT id FROM articles WHERE substr(path, 1, length(?) + 1) = ? || '#' AND id NOT IN (SELECT value FROM json_each(?))`)
        .all(file, file, JSON.stringify(ids)) as { id: string }[];
      for (const { id } of gone) this.deleteArticle(id);
      if (gone.length > 0) this.markStale();
      return gone.length;
    })();
  }

  private deleteArticle(id: string): void {
    // the full-text entries and every row of the article go with it (triggers, cascades)
    this.sql('DELETE FROM articles WHERE id = ?').run(id);
    // its site lines too: a reader that keeps its site memory must read them all again
    this.sql("INSERT INTO meta (key, value) VALUES ('site_removals', '1') ON CONFLICT(key) DO UPDATE SET value = value + 1").run();
  }

  /**
   * Lines by rowid: writers take turns, so a line stored after a read has a greater rowid
   * than any line that read saw, unless the greatest was deleted and its rowid given again,
   * and a deletion moves the removals counter, which makes the next read whole.
   */
  async siteLinesSince(cursor: SiteCursor | null): Promise<SiteLinesRead> {
    // One read transaction: the counter and the lines from one state of the file.
    return this.db.transaction(() => {
      const removals = String(this.rows("SELECT value FROM meta WHERE key = 'site_removals'")[0]?.value ?? '0');
      const whole = cursor === null || cursor.removals !== removals;
      const from = whole ? 0 : Number(cursor.mark);
      const rows = this.rows('SELECT rowid AS seq, path, outlet, line FROM site_lines WHERE rowid > ? ORDER BY rowid', [from]);
      const mark = rows.length > 0 ? Number(rows[rows.length - 1]!.seq) : from;
      const lines = rows.map(({ path, outlet, line }) => ({ path, outlet, line }) as SiteLine);
      return { lines, cursor: { removals, mark: String(mark) }, whole };
    }).deferred();
  }

  private markStale(): void {
    this.sql("INSERT INTO meta (key, value) VALUES ('corpus_stale', '1') ON CONFLICT(key) DO UPDATE SET value = '1'").run();
    this.sql("INSERT INTO meta (key, value) VALUES ('generation', '1') ON CONFLICT(key) DO UPDATE SET value = value + 1").run();
  }

  private insertQuotes(quotes: Quote[]): void {
    // an upsert, not INSERT OR REPLACE: a replacing delete would not fire the full-text trigger
    const q = this.sql(`${insertRow(QUOTES)} ON CONFLICT(article, id) DO UPDATE SET ${overwrite(QUOTES, ['article', 'id'])}`);
    for (const x of quotes) q.run(...QUOTES.row(x));
  }

  private insertEvents(events: PloverEvent[], published: string | null): void {
    const ev = this.sql(insertRow(EVENTS).replace('INSERT', 'INSERT OR REPLACE'));
    const actor = this.sql(insertRow(EVENT_ACTORS));
    for (const e of events) {
      ev.run(...EVENTS.row({ event: e, published }));
      for (const x of actorsOf(e)) actor.run(...EVENT_ACTORS.row(x));
    }
  }

  async addEvents(events: PloverEvent[]): Promise<void> {
    this.write(() => {
      const published = this.sql('SELECT published FROM articles WHERE id = ?');
      for (const e of events) {
        const row = published.get(e.article) as { published: string | null } | undefined;
        if (!row) throw new Error(`event ${e.id}: no stored article '${e.article}'`);
        this.sql('DELETE FROM event_actors WHERE article = ? AND event = ?').run(e.article, e.id);
        this.insertEvents([e], row.published);
      }
      this.amendLayers(events, (l, e) => upsert(l.events, e));
      this.markStale();
    });
  }

  async addQuotes(quotes: Quote[]): Promise<void> {
    this.write(() => {
      this.insertQuotes(quotes);
      this.amendLayers(quotes, (l, q) => {
        upsert(l.quotes, q);
        l.quotes.sort((a, b) => a.start - b.start);
      });
      this.markStale();
    });
  }

  /** Adds items to the stored layers of their articles (inside a write transaction, so read synchronously). */
  private amendLayers<T extends { article: string }>(items: T[], add: (layers: Layers, item: T) => void): void {
    const rows = idSlices(items.map((x) => x.article)).flatMap((slice) => {
      const list = SQLITE.idList(slice);
      return this.rows(`SELECT id, body, layers FROM articles WHERE id IN ${list.sql}`, [list.param]);
    });
    const set = this.sql('UPDATE articles SET layers = ? WHERE id = ?');
    for (const { id, body, layers } of amend(decodedLayers(rows), items, add)) set.run(encodeLayers({ id, body }, layers), id);
  }

  async writeCorpus(stories: Story[], claims: Claim[], articles: Article[], options: { partial?: boolean } = {}): Promise<void> {
    const db = this.db;
    this.write(() => {
      if (options.partial) {
        const drop = this.sql('DELETE FROM stories WHERE id = ?');
        for (const s of stories) drop.run(s.id);
        db.exec('DELETE FROM claims;');
      } else db.exec('DELETE FROM stories; DELETE FROM claims;');
      // entities whose every mentioning article was replaced or removed
      db.exec('DELETE FROM entities WHERE id NOT IN (SELECT entity FROM entity_articles)');
      const storyOf = new Map<string, string>();
      const insStory = this.sql(insertRow(STORIES));
      for (const s of stories) {
        insStory.run(...STORIES.row(s));
        for (const a of s.articles) storyOf.set(a, s.id);
      }
      const insClaim = this.sql(insertRow(CLAIMS));
      const insEvidence = this.sql(insertRow(CLAIM_EVIDENCE));
      for (const c of claims) {
        insClaim.run(...CLAIMS.row(c));
        for (const e of c.evidence) insEvidence.run(...CLAIM_EVIDENCE.row({ claim: c, evidence: e }));
      }
      const upd = this.sql('UPDATE articles SET story = ?, duplicate_of = ?, flags = ? WHERE id = ?');
      for (const a of articles) upd.run(storyOf.get(a.id) ?? null, a.duplicateOf, JSON.stringify(a.flags), a.id);
      this.sql("INSERT INTO meta (key, value) VALUES ('corpus_stale', '0') ON CONFLICT(key) DO UPDATE SET value = '0'").run();
    });
  }

  async search(q: PageQuery & { q: string } & CopiesOption): Promise<SearchPage> {
    const terms = searchTerms(q.q);
    const match = ftsQuery(terms);
    const empty = { total: 0, limit: q.limit, offset: q.offset, items: [], terms, partial: false };
    if (!match) return empty;
    // Matches are gathered unordered, a row at a time, so that the time budget can stop a
    // search whatever its words: an ORDER BY in SQL would rank every match before the first
    // row came back. Ranking, paging and snippets (only for the page) follow in JS.
    const deadline = performance.now() + SEARCH.budgetMs;
    // By default only originals count: copies and spun rewrites are left out.
    const copies = q.copies ? null : new Set(this.rows('SELECT id FROM articles WHERE duplicate_of IS NOT NULL').map((r) => r.id as string));
    let partial = false;
    const found: (Found & { rowid: number })[] = [];
    const scan = (sql: string, kind: 'article' | 'quote') => {
      if (partial) return;
      for (const r of this.sql(sql).iterate(match) as Iterable<Row>) {
        if (copies?.has(r.article as string)) continue;
        found.push({ kind, rowid: r.rowid as number, article: r.article as string, id: r.id as string, speaker: str(r.speaker), rank: r.rank as number });
        if (performance.now() > deadline) {
          partial = true;
          return;
        }
      }
    };
    scan('SELECT rowid, id AS article, id, NULL AS speaker, bm25(articles_fts) AS rank FROM articles_fts WHERE articles_fts MATCH ?', 'article');
    scan('SELECT rowid, article, id, speaker_name AS speaker, bm25(quotes_fts) AS rank FROM quotes_fts WHERE quotes_fts MATCH ?', 'quote');
    const snippet = {
      article: this.sql("SELECT snippet(articles_fts, 2, char(2), char(3), ' … ', 16) AS s FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?"),
      quote: this.sql("SELECT snippet(quotes_fts, 3, char(2), char(3), ' … ', 16) AS s FROM quotes_fts WHERE quotes_fts MATCH ? AND rowid = ?"),
    };
    const title = this.sql('SELECT title FROM articles WHERE id = ?');
    const items = rankedPage(found, q).map((r) => searchHit(r, (title.get(r.article) as Row | undefined)?.title,
      // as a BigInt: FTS5 ignores a rowid constraint whose value is a REAL, which a JS number binds as
      (snippet[r.kind].get(match, BigInt(r.rowid)) as Row | undefined)?.s));
    return { ...empty, total: found.length, items, partial };
  }
}
