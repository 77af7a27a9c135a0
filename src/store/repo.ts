// The one data-access module: every query the CLI, API and exports need, behind
// the `Repo` interface. Callers only see the interface, so another backend
// (PostgreSQL) can sit next to `SqliteRepo` without touching them; that is also
// why the interface is asynchronous although better-sqlite3 is not.
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import { readData } from '../knowledge.js';
import type { Article, Claim, Doc, Entity, PloverEvent, PloverType, Quote, Story } from '../types.js';
import { decodeLayers, encodeLayers, storedDoc, type Layers } from './layers.js';
import { migrate } from './schema.js';

export interface PageQuery {
  limit: number;
  offset: number;
}

export interface Page<T> {
  total: number;
  limit: number;
  offset: number;
  items: T[];
}

export interface ArticleSummary {
  id: string;
  path: string;
  outlet: string | null;
  url: string | null;
  title: string | null;
  published: string | null;
  story: string | null;
  duplicateOf: string | null;
  flags: string[];
  events: number;
  quotes: number;
}

export interface ArticleDetail {
  article: Article;
  entities: Entity[];
  quotes: Quote[];
  events: PloverEvent[];
}

export interface EventFilter extends PageQuery {
  /** Actor code or entity id on either side. */
  actor?: string;
  source?: string;
  target?: string;
  type?: string;
  /** Inclusive ISO dates, compared with the event date (else publication date). */
  from?: string;
  to?: string;
  story?: string;
  article?: string;
  /** Count copies and spun rewrites too (articles with `duplicateOf`); by default only originals count. */
  copies?: boolean;
}

/** Whether copies count: off by default everywhere counts are shown, so a wire story reprinted ten times counts once. */
export interface CopiesOption {
  copies?: boolean;
}

export interface QuoteFilter extends PageQuery, CopiesOption {
  /** Speaker name (substring, any case) or entity id. */
  speaker?: string;
  /** Speaker's actor code. */
  actor?: string;
  story?: string;
  article?: string;
}

export interface StorySummary extends Story {
  outlets: string[];
  /** Articles that are not copies of another one. */
  origins: number;
  events: number;
  quotes: number;
}

export interface StoryArticle extends ArticleSummary {
  /** Copies of this article inside the story, collapsed under it. */
  copies: ArticleSummary[];
  speakers: string[];
}

export interface StoryDetail {
  story: StorySummary;
  /** Originals with their copies folded in. */
  articles: StoryArticle[];
  events: PloverEvent[];
  quotes: Quote[];
  claims: (Claim & { sides: Record<string, 'assert' | 'deny' | 'both'> })[];
}

export type Interval = 'day' | 'week' | 'month';

export interface DyadQuery extends CopiesOption {
  source?: string;
  target?: string;
  /** Either side (the overview's country filter). */
  actor?: string;
  type?: string;
  interval: Interval;
  from?: string;
  to?: string;
}

export interface CountryCount {
  /** ISO 3166-1 alpha-3. */
  country: string;
  /** ISO 3166-1 numeric, as world maps key their shapes; null for codes with none (e.g. XKX). */
  numeric: string | null;
  events: number;
  cooperation: number;
  conflict: number;
}

export interface PlaceCount {
  name: string;
  country: string | null;
  lat: number;
  lon: number;
  events: number;
  /** Events of a cooperative (intensity above 0) and a conflictual (below 0) type. */
  cooperation: number;
  conflict: number;
  /** One event there, to open its evidence. */
  example: { article: string; id: string; start: number; end: number; text: string };
}

export interface DyadPoint {
  period: string;
  count: number;
  intensity: number;
  byType: Partial<Record<PloverType, number>>;
}

export interface DyadSeries {
  source: string | null;
  target: string | null;
  interval: Interval;
  points: DyadPoint[];
}

export interface NetworkEdge {
  source: string;
  target: string;
  weight: number;
  intensity: number;
}

export interface Network {
  nodes: { id: string; events: number }[];
  edges: NetworkEdge[];
}

export interface SearchHit {
  kind: 'article' | 'quote';
  article: string;
  id: string;
  title: string | null;
  /** A few words around the match, as plain text (line breaks as spaces, no control characters). */
  snippet: string;
  /** Where the matched words are in `snippet`: [start, end) pairs. */
  marks: [number, number][];
  speaker: string | null;
}

/** A claim with, for each piece of evidence, its words and the outlet that carried them. */
export interface ClaimWithText extends Claim {
  evidence: (Claim['evidence'][number] & { text: string | null; outlet: string | null; title: string | null })[];
}

export interface SearchPage extends Page<SearchHit> {
  /** The words searched for (see SEARCH). */
  terms: string[];
  /** True when the time budget stopped the search: `total` and the ranking cover what was found by then. */
  partial: boolean;
}

export interface EntityFilter extends PageQuery, CopiesOption {
  /** The entity's actor code (CHN, NATO). */
  country?: string;
  kind?: string;
  /** Name substring, any case. */
  name?: string;
  id?: string;
}

export type EntitySummary = Omit<Entity, 'mentions'> & { mentions: number; articles: number };

/** An event with the article facts exports need. */
export interface ExportEvent extends PloverEvent {
  url: string | null;
  outlet: string | null;
  published: string | null;
  path: string;
  /** End of the article's first paragraph: events before it lead the story. */
  leadEnd: number;
}

export interface Repo {
  close(): Promise<void>;
  /** True when the article read from `path` with this content hash is stored already. */
  isCurrent(path: string, hash: string): Promise<boolean>;
  /**
   * Stores one analysed article atomically, replacing any earlier version (same id, path or url),
   * with the keys of the short lines it carries (`siteLines` of src/clean/site.ts).
   */
  writeDoc(doc: Doc, hash: string, lines?: string[]): Promise<void>;
  /** `writeDoc` for several articles in one transaction: all are stored, or none. */
  /** `layers`: the article's `encodeLayers`, when the thread that analysed it has encoded them already. */
  writeDocs(items: { doc: Doc; hash: string; lines?: string[]; layers?: Buffer }[]): Promise<void>;
  /**
   * Removes the articles stored from records of `file` (paths `file#N`) whose id is
   * not among `ids`: records since removed from the file. Returns how many.
   */
  pruneFile(file: string, ids: string[]): Promise<number>;
  /** Every stored article's short lines, to learn site boilerplate from. */
  loadSiteLines(): Promise<{ path: string; outlet: string | null; line: string }[]>;
  /** True when articles changed since stories and claims were last computed. */
  corpusStale(): Promise<boolean>;
  /**
   * Stored articles (all, or those of `ids`), ordered by id, with every layer the corpus
   * stages read (no tokens or paragraphs: the store does not keep them).
   */
  loadDocs(ids?: string[]): Promise<Doc[]>;
  /**
   * Replaces stories and claims, and the story/copy fields of the given articles, atomically;
   * story membership comes from `stories`. With `partial`, only the given stories are
   * written (added or replaced) and the others kept; claims are always replaced whole.
   */
  writeCorpus(stories: Story[], claims: Claim[], articles: Article[], options?: { partial?: boolean }): Promise<void>;
  /** A number that changes whenever any article's rows change, in this process or another. */
  generation(): Promise<number>;
  /** Ids of the articles stored under an id, path or url (what `writeDoc` of such a doc replaces). */
  storedAs(article: Pick<Article, 'id' | 'path' | 'url'>): Promise<string[]>;
  /** Inserts events or quotes for a stored article (stages that run outside the pipeline). */
  addEvents(events: PloverEvent[]): Promise<void>;
  addQuotes(quotes: Quote[]): Promise<void>;

  /** Events and quotes of copies are left out unless `copies` (articles counts every article; `copies` says how many are copies). */
  counts(q?: CopiesOption): Promise<Record<'articles' | 'copies' | 'events' | 'quotes' | 'entities' | 'stories' | 'claims', number>>;
  listArticles(q: PageQuery & { story?: string; outlet?: string }): Promise<Page<ArticleSummary>>;
  getArticle(id: string): Promise<ArticleDetail | null>;
  listEvents(f: EventFilter): Promise<Page<PloverEvent>>;
  listQuotes(f: QuoteFilter): Promise<Page<Quote>>;
  /** Stories overlapping [from, to] (by their first and last article's day), naming `actor` among their actors. */
  listStories(q: PageQuery & { from?: string; to?: string; actor?: string }): Promise<Page<StorySummary>>;
  getStory(id: string): Promise<StoryDetail | null>;
  listClaims(q: PageQuery & { actor?: string }): Promise<Page<ClaimWithText>>;
  listEntities(q: EntityFilter): Promise<Page<EntitySummary>>;
  dyads(q: DyadQuery): Promise<DyadSeries>;
  /** Where events took place: one entry per place with coordinates, with counts (the map). */
  places(q: { from?: string; to?: string; actor?: string; type?: string } & CopiesOption): Promise<PlaceCount[]>;
  /** Events placed in each state (at a town, a region or the state itself), for shading a map. */
  countryCounts(q: { from?: string; to?: string; actor?: string; type?: string } & CopiesOption): Promise<CountryCount[]>;
  network(q: { from?: string; to?: string; actor?: string; type?: string } & CopiesOption): Promise<Network>;
  search(q: PageQuery & { q: string } & CopiesOption): Promise<SearchPage>;
  exportEvents(q?: CopiesOption): Promise<ExportEvent[]>;
}

/** The PLOVER intensity scale of DESIGN.md, from −10 (conflict) to +10 (cooperation). */
export const INTENSITY = readData<Record<PloverType, number>>('store', 'intensity.json');

type Row = Record<string, unknown>;
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

// Evidence is retracted (negated) or not a happening (hypothetical): time series
// and networks count what the articles say took place or is announced.
const COUNTED = `e.negated = 0 AND e.modality <> 'hypothetical'`;
/** Rows of original articles only: a copy or spun rewrite repeats its original's events and quotes. */
const ORIGINAL = (alias: string) => `${alias}.article IN (SELECT id FROM articles WHERE duplicate_of IS NULL)`;

/**
 * How long a write waits for another process's transaction (two `dyad ingest`
 * runs on one database, or an ingest beside a server). Every write transaction
 * starts IMMEDIATE (takes the write lock before it reads), so this wait is all
 * the coordination needed: a deferred transaction that reads first and then
 * writes cannot be saved by waiting, SQLite fails it at once.
 */
export const BUSY_TIMEOUT_MS = 60_000;

export class SqliteRepo implements Repo {
  private readonly db: Database.Database;

  constructor(file: string) {
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

  /** Runs `fn` in a write transaction that holds the write lock from its first statement (see BUSY_TIMEOUT_MS). */
  private write(fn: () => void): void {
    this.db.transaction(fn).immediate();
  }

  async isCurrent(path: string, hash: string): Promise<boolean> {
    return this.sql('SELECT 1 FROM articles WHERE path = ? AND raw_hash = ?').get(path, hash) !== undefined;
  }

  async writeDoc(doc: Doc, hash: string, lines: string[] = []): Promise<void> {
    await this.writeDocs([{ doc, hash, lines }]);
  }

  async writeDocs(items: { doc: Doc; hash: string; lines?: string[]; layers?: Buffer }[]): Promise<void> {
    // Compressed outside the transaction: the write lock is held for the writing only.
    const layers = items.map(({ doc, layers }) => layers ?? encodeLayers(doc.article, { ...doc, removed: doc.article.removed }));
    // One commit for many articles: committing costs more than writing an article's rows.
    this.write(() => items.forEach(({ doc, hash, lines = [] }, i) => this.insertDoc(doc, hash, lines, layers[i]!)));
  }

  private insertDoc(doc: Doc, hash: string, lines: string[], layers: Buffer): void {
    const a = doc.article;
    const { quotes, events } = doc;
    for (const id of this.storedIds(a)) this.deleteArticle(id);
    this.sql(
      `INSERT INTO articles (id, path, outlet, url, title, byline, dateline, published, body, flags, story, duplicate_of, raw_hash, layers)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(a.id, a.path, a.outlet, a.url, a.title, a.byline, a.dateline, a.published, a.body,
      JSON.stringify(a.flags), a.story, a.duplicateOf, hash, layers);
    const upsertEntity = this.sql(
      `INSERT INTO entities (id, name, kind, country, sector, role) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, country = excluded.country,
         sector = excluded.sector, role = excluded.role`,
    );
    const count = this.sql(
      `INSERT INTO entity_articles (entity, article, mentions) VALUES (?, ?, ?)
       ON CONFLICT(entity, article) DO UPDATE SET mentions = mentions + excluded.mentions`,
    );
    for (const e of doc.entities) {
      upsertEntity.run(e.id, e.name, e.kind, e.country, e.sector, e.role);
      count.run(e.id, a.id, e.mentions.length);
    }
    this.insertQuotes(quotes);
    this.insertEvents(events, a.published);
    const line = this.sql('INSERT OR IGNORE INTO site_lines (article, path, outlet, line) VALUES (?, ?, ?, ?)');
    for (const key of lines) line.run(a.id, a.path, a.outlet, key);
    this.markStale();
  }

  private storedIds(a: Pick<Article, 'id' | 'path' | 'url'>): string[] {
    return this.db
      .prepare('SELECT id FROM articles WHERE id = ? OR (path = ? AND path <> \'-\') OR (url IS NOT NULL AND url = ?)')
      .pluck()
      .all(a.id, a.path, a.url) as string[];
  }

  async storedAs(article: Pick<Article, 'id' | 'path' | 'url'>): Promise<string[]> {
    return this.storedIds(article);
  }

  async generation(): Promise<number> {
    return Number(this.sql("SELECT value FROM meta WHERE key = 'generation'").pluck().get() ?? 0);
  }

  async loadSiteLines(): Promise<{ path: string; outlet: string | null; line: string }[]> {
    return this.sql('SELECT path, outlet, line FROM site_lines').all() as { path: string; outlet: string | null; line: string }[];
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
  }

  private markStale(): void {
    this.sql("INSERT INTO meta (key, value) VALUES ('corpus_stale', '1') ON CONFLICT(key) DO UPDATE SET value = '1'").run();
    this.sql("INSERT INTO meta (key, value) VALUES ('generation', '1') ON CONFLICT(key) DO UPDATE SET value = value + 1").run();
  }

  private insertQuotes(quotes: Quote[]): void {
    const q = this.sql(
      // an upsert, not INSERT OR REPLACE: a replacing delete would not fire the full-text trigger
      `INSERT INTO quotes (article, id, kind, text, start, "end", cue, speaker_name, speaker_actor, speaker_sector, speaker_entity, rule)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(article, id) DO UPDATE SET kind = excluded.kind, text = excluded.text, start = excluded.start, "end" = excluded."end",
         cue = excluded.cue, speaker_name = excluded.speaker_name, speaker_actor = excluded.speaker_actor,
         speaker_sector = excluded.speaker_sector, speaker_entity = excluded.speaker_entity, rule = excluded.rule`,
    );
    for (const x of quotes) {
      const s = x.speaker;
      q.run(x.article, x.id, x.kind, x.text, x.start, x.end, x.cue, s?.name ?? null, s?.actor ?? null, s?.sector ?? null,
        s?.entity ?? null, x.rule);
    }
  }

  private insertEvents(events: PloverEvent[], published: string | null): void {
    const ev = this.sql(
      `INSERT OR REPLACE INTO events (article, id, type, mode, cameo, day, negated, modality, place, place_country, lat, lon)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const actor = this.sql('INSERT INTO event_actors (article, event, role, actor, entity) VALUES (?, ?, ?, ?, ?)');
    for (const e of events) {
      const day = dayOf(e.date) ?? dayOf(published);
      const at = e.location;
      ev.run(e.article, e.id, e.type, e.mode, e.cameo, day, e.negated ? 1 : 0, e.modality, at?.name ?? null, at?.country ?? null, at?.lat ?? null, at?.lon ?? null);
      for (const s of e.source) actor.run(e.article, e.id, 'source', s.actor, s.entity);
      for (const t of e.target) actor.run(e.article, e.id, 'target', t.actor, t.entity);
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

  /** Adds items to the stored layers of their articles (inside a write transaction). */
  private amendLayers<T extends { article: string }>(items: T[], add: (layers: Layers, item: T) => void): void {
    const byArticle = this.layersOf(items.map((x) => x.article));
    for (const x of items) add(byArticle.get(x.article)!.layers, x);
    const set = this.sql('UPDATE articles SET layers = ? WHERE id = ?');
    for (const [id, { body, layers }] of byArticle) set.run(encodeLayers({ id, body }, layers), id);
  }

  /** The stored layers of these articles, each decoded once. */
  private layersOf(ids: Iterable<string>): Map<string, { body: string; layers: Layers }> {
    const out = new Map<string, { body: string; layers: Layers }>();
    const unique = [...new Set(ids)];
    const get = this.sql('SELECT id, body, layers FROM articles WHERE id IN (SELECT value FROM json_each(?))');
    // json_each takes any number of ids in one statement; in slices so that one array stays small.
    for (let i = 0; i < unique.length; i += 500) {
      for (const r of get.all(JSON.stringify(unique.slice(i, i + 500))) as { id: string; body: string; layers: Buffer }[]) {
        out.set(r.id, { body: r.body, layers: decodeLayers(r.layers, r) });
      }
    }
    return out;
  }

  /** Events or quotes of listed (article, id) rows, in row order, from their articles' layers (undefined if missing). */
  private itemsOf<T extends { id: string }>(rows: Row[], pick: (l: Layers) => T[]): (T | undefined)[] {
    const layers = this.layersOf(rows.map((r) => r.article as string));
    const index = new Map<string, Map<string, T>>();
    return rows.map((r) => {
      const article = r.article as string;
      let byId = index.get(article);
      if (!byId) index.set(article, (byId = new Map(pick(layers.get(article)!.layers).map((x) => [x.id, x]))));
      return byId.get(r.id as string);
    });
  }

  async corpusStale(): Promise<boolean> {
    const row = this.sql("SELECT value FROM meta WHERE key = 'corpus_stale'").get() as { value: string } | undefined;
    return row?.value === '1';
  }

  async loadDocs(ids?: string[]): Promise<Doc[]> {
    const rows = (ids
      ? this.sql('SELECT * FROM articles WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id').all(JSON.stringify(ids))
      : this.sql('SELECT * FROM articles ORDER BY id').all()) as Row[];
    return rows.map((r) => storedDoc(toArticle(r), decodeLayers(r.layers as Buffer, { id: r.id as string, body: r.body as string })));
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
      const insStory = this.sql('INSERT INTO stories (id, title, start, "end", json) VALUES (?, ?, ?, ?, ?)');
      for (const s of stories) {
        insStory.run(s.id, s.title, s.start, s.end, JSON.stringify(s));
        for (const a of s.articles) storyOf.set(a, s.id);
      }
      const insClaim = this.sql('INSERT INTO claims (id, proposition, json) VALUES (?, ?, ?)');
      const insEvidence = this.sql('INSERT INTO claim_evidence (claim, article, kind, item, side) VALUES (?, ?, ?, ?, ?)');
      for (const c of claims) {
        insClaim.run(c.id, c.proposition, JSON.stringify(c));
        for (const e of c.evidence) insEvidence.run(c.id, e.article, e.kind, e.id, e.side ?? null);
      }
      const upd = this.sql('UPDATE articles SET story = ?, duplicate_of = ?, flags = ? WHERE id = ?');
      for (const a of articles) upd.run(storyOf.get(a.id) ?? null, a.duplicateOf, JSON.stringify(a.flags), a.id);
      this.sql("INSERT INTO meta (key, value) VALUES ('corpus_stale', '0') ON CONFLICT(key) DO UPDATE SET value = '0'").run();
    });
  }

  async counts(q: CopiesOption = {}) {
    const n = (table: string) => (this.sql(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const originals = q.copies ? '' : ` AND ${ORIGINAL('x')}`;
    return {
      // Scare quotes and titles are kept (marked `scare`) but are no one's quote.
      articles: n('articles'), copies: n('articles WHERE duplicate_of IS NOT NULL'),
      events: n(`events x WHERE 1${originals}`), quotes: n(`quotes x WHERE kind <> 'scare'${originals}`),
      entities: n('entities'), stories: n('stories'), claims: n('claims'),
    };
  }

  private page<T>(q: PageQuery, from: string, params: unknown[], select: string, order: string, map: (r: Row) => T): Page<T> {
    const total = (this.sql(`SELECT count(*) AS n FROM ${from}`).get(...params) as { n: number }).n;
    const rows = this.sql(`SELECT ${select} FROM ${from} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...params, q.limit, q.offset) as Row[];
    return { total, limit: q.limit, offset: q.offset, items: rows.map(map) };
  }

  private static readonly SUMMARY = `a.id, a.path, a.outlet, a.url, a.title, a.published, a.story, a.duplicate_of, a.flags,
    (SELECT count(*) FROM events e WHERE e.article = a.id) AS n_events,
    (SELECT count(*) FROM quotes q WHERE q.article = a.id AND q.kind <> 'scare') AS n_quotes`;

  async listArticles(q: PageQuery & { story?: string; outlet?: string }): Promise<Page<ArticleSummary>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.story !== undefined) where.push('a.story = ?'), params.push(q.story);
    if (q.outlet !== undefined) where.push('a.outlet = ?'), params.push(q.outlet);
    const from = `articles a${where.length ? ' WHERE ' + where.join(' AND ') : ''}`;
    return this.page(q, from, params, SqliteRepo.SUMMARY, 'a.published DESC, a.id', toSummary);
  }

  async getArticle(id: string): Promise<ArticleDetail | null> {
    const row = this.sql('SELECT * FROM articles WHERE id = ?').get(id) as Row | undefined;
    if (!row) return null;
    const layers = decodeLayers(row.layers as Buffer, { id, body: row.body as string });
    return { article: { ...toArticle(row), removed: layers.removed }, entities: layers.entities, quotes: layers.quotes, events: layers.events };
  }

  private eventWhere(f: Omit<EventFilter, keyof PageQuery>): { where: string[]; params: unknown[] } {
    const where: string[] = [];
    const params: unknown[] = [];
    const side = (role: string | null, v: string) => {
      const roleSql = role ? 'x.role = ? AND ' : '';
      where.push(`EXISTS (SELECT 1 FROM event_actors x WHERE x.article = e.article AND x.event = e.id AND ${roleSql}(x.actor = ? OR x.entity = ?))`);
      params.push(...(role ? [role] : []), v, v);
    };
    if (f.actor !== undefined) side(null, f.actor);
    if (f.source !== undefined) side('source', f.source);
    if (f.target !== undefined) side('target', f.target);
    if (f.type !== undefined) where.push('e.type = ?'), params.push(f.type);
    if (f.from !== undefined) where.push('e.day >= ?'), params.push(f.from);
    if (f.to !== undefined) where.push('e.day <= ?'), params.push(f.to);
    if (f.article !== undefined) where.push('e.article = ?'), params.push(f.article);
    if (f.story !== undefined) where.push('e.article IN (SELECT id FROM articles WHERE story = ?)'), params.push(f.story);
    // One article's events are asked for by name, copy or not.
    if (!f.copies && f.article === undefined) where.push(ORIGINAL('e'));
    return { where, params };
  }

  async listEvents(f: EventFilter): Promise<Page<PloverEvent>> {
    const { where, params } = this.eventWhere(f);
    const from = `events e${where.length ? ' WHERE ' + where.join(' AND ') : ''}`;
    const page = this.page(f, from, params, 'e.article, e.id', 'e.day, e.article, e.rowid', (r) => r);
    return { ...page, items: present(this.itemsOf(page.items, (l) => l.events)) };
  }

  async listQuotes(f: QuoteFilter): Promise<Page<Quote>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.speaker !== undefined) {
      where.push("(q.speaker_entity = ? OR lower(q.speaker_name) LIKE '%' || lower(?) || '%')");
      params.push(f.speaker, f.speaker);
    }
    if (f.actor !== undefined) where.push('q.speaker_actor = ?'), params.push(f.actor);
    if (f.article !== undefined) where.push('q.article = ?'), params.push(f.article);
    if (f.story !== undefined) where.push('q.article IN (SELECT id FROM articles WHERE story = ?)'), params.push(f.story);
    // A story's or an article's quotes are asked for by name; elsewhere a reprinted quote counts once.
    if (!f.copies && f.article === undefined && f.story === undefined) where.push(ORIGINAL('q'));
    const from = `quotes q${where.length ? ' WHERE ' + where.join(' AND ') : ''}`;
    const page = this.page(f, from, params, 'q.article, q.id', 'q.article, q.start', (r) => r);
    return { ...page, items: present(this.itemsOf(page.items, (l) => l.quotes)) };
  }

  private storySummary(r: Row): StorySummary {
    const story = JSON.parse(r.json as string) as Story;
    const arts = this.sql('SELECT outlet, duplicate_of FROM articles WHERE story = ?').all(story.id) as Row[];
    const n = (sql: string) => (this.sql(sql).get(story.id) as { n: number }).n;
    return {
      ...story,
      outlets: [...new Set(arts.map((a) => str(a.outlet)).filter((o): o is string => o !== null))].sort(),
      origins: story.origins ?? arts.filter((a) => a.duplicate_of === null).length,
      events: n('SELECT count(*) AS n FROM events WHERE article IN (SELECT id FROM articles WHERE story = ?)'),
      quotes: n("SELECT count(*) AS n FROM quotes WHERE kind <> 'scare' AND article IN (SELECT id FROM articles WHERE story = ?)"),
    };
  }

  async listStories(q: PageQuery & { from?: string; to?: string; actor?: string }): Promise<Page<StorySummary>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.from !== undefined) where.push('coalesce("end", start) >= ?'), params.push(q.from);
    if (q.to !== undefined) where.push('start <= ?'), params.push(q.to);
    if (q.actor !== undefined) where.push("EXISTS (SELECT 1 FROM json_each(stories.json, '$.actors') WHERE value = ?)"), params.push(q.actor);
    const from = `stories${where.length ? ' WHERE ' + where.join(' AND ') : ''}`;
    return this.page(q, from, params, 'json', 'start DESC, id', (r) => this.storySummary(r));
  }

  async getStory(id: string): Promise<StoryDetail | null> {
    const row = this.sql('SELECT json FROM stories WHERE id = ?').get(id) as Row | undefined;
    if (!row) return null;
    const story = this.storySummary(row);
    const rows = this.sql(`SELECT ${SqliteRepo.SUMMARY} FROM articles a WHERE a.story = ? ORDER BY a.published, a.id`).all(id) as Row[];
    const summaries = rows.map(toSummary);
    const quotes = (await this.listQuotes({ story: id, limit: -1, offset: 0 })).items;
    const byId = new Map(summaries.map((s) => [s.id, s]));
    const originOf = (s: ArticleSummary): string => {
      const seen = new Set<string>();
      let cur = s;
      while (cur.duplicateOf && byId.has(cur.duplicateOf) && !seen.has(cur.id)) seen.add(cur.id), (cur = byId.get(cur.duplicateOf)!);
      return cur.id;
    };
    const articles: StoryArticle[] = [];
    const byOrigin = new Map<string, StoryArticle>();
    for (const s of summaries) {
      if (originOf(s) !== s.id) continue;
      const speakers = [...new Set(quotes.filter((q) => q.article === s.id && q.speaker).map((q) => q.speaker!.name))];
      const entry: StoryArticle = { ...s, copies: [], speakers };
      articles.push(entry);
      byOrigin.set(s.id, entry);
    }
    for (const s of summaries) {
      const origin = originOf(s);
      if (origin !== s.id) byOrigin.get(origin)?.copies.push(s);
    }
    const claimRows = this.sql(
      `SELECT c.json, ce.article, ce.side FROM claims c JOIN claim_evidence ce ON ce.claim = c.id
       WHERE ce.article IN (SELECT id FROM articles WHERE story = ?) ORDER BY c.id`,
    ).all(id) as Row[];
    const claims = new Map<string, StoryDetail['claims'][number]>();
    for (const r of claimRows) {
      const c = JSON.parse(r.json as string) as Claim;
      let entry = claims.get(c.id);
      if (!entry) claims.set(c.id, (entry = { ...c, sides: {} }));
      const side = r.side === 'deny' ? 'deny' : 'assert';
      const article = r.article as string;
      const prev = entry.sides[article];
      entry.sides[article] = prev && prev !== side ? 'both' : side;
    }
    return {
      story,
      articles,
      events: (await this.listEvents({ story: id, limit: -1, offset: 0 })).items,
      quotes,
      claims: [...claims.values()],
    };
  }

  async listEntities(q: EntityFilter): Promise<Page<EntitySummary>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.country !== undefined) where.push('e.country = ?'), params.push(q.country);
    if (q.kind !== undefined) where.push('e.kind = ?'), params.push(q.kind);
    if (q.id !== undefined) where.push('e.id = ?'), params.push(q.id);
    if (q.name !== undefined) where.push("lower(e.name) LIKE '%' || lower(?) || '%'"), params.push(q.name);
    const from = `entities e${where.length ? ' WHERE ' + where.join(' AND ') : ''}`;
    // Mentions in copies and spun rewrites count once, in their original, unless `copies`.
    const counted = q.copies ? '' : ` AND ${ORIGINAL('m')}`;
    const select = `e.*, (SELECT coalesce(sum(m.mentions), 0) FROM entity_articles m WHERE m.entity = e.id${counted}) AS n_mentions,
      (SELECT count(*) FROM entity_articles m WHERE m.entity = e.id${counted}) AS n_articles`;
    return this.page(q, from, params, select, 'n_mentions DESC, e.id', (r) => ({
      id: r.id as string, name: r.name as string, kind: r.kind as Entity['kind'], country: str(r.country),
      sector: str(r.sector), role: str(r.role), mentions: r.n_mentions as number, articles: r.n_articles as number,
    }));
  }

  async listClaims(q: PageQuery & { actor?: string }): Promise<Page<ClaimWithText>> {
    const params: unknown[] = [];
    let from = 'claims';
    if (q.actor !== undefined) {
      from = `claims WHERE EXISTS (SELECT 1 FROM json_each(claims.json, '$.assertedBy') WHERE value = ?)
        OR EXISTS (SELECT 1 FROM json_each(claims.json, '$.deniedBy') WHERE value = ?)`;
      params.push(q.actor, q.actor);
    }
    const article = this.sql('SELECT outlet, title FROM articles WHERE id = ?');
    const page = this.page(q, from, params, 'json', 'id', (r) => JSON.parse(r.json as string) as Claim);
    const layers = this.layersOf(page.items.flatMap((c) => c.evidence.map((e) => e.article)));
    // Evidence is read as words, not ids: the quote or the event's sentence, and who carried it.
    const textOf = (e: Claim['evidence'][number]): string | null => {
      const l = layers.get(e.article)?.layers;
      if (e.kind === 'quote') return l?.quotes.find((x) => x.id === e.id)?.text ?? null;
      return l?.events.find((x) => x.id === e.id)?.evidence.text ?? null;
    };
    const withText = (c: Claim): ClaimWithText => ({
      ...c,
      evidence: c.evidence.map((e) => {
        const a = article.get(e.article) as Row | undefined;
        return { ...e, text: textOf(e), outlet: str(a?.outlet), title: str(a?.title) };
      }),
    });
    return { ...page, items: page.items.map(withText) };
  }

  async dyads(q: DyadQuery): Promise<DyadSeries> {
    const { where, params } = this.eventWhere({ source: q.source, target: q.target, actor: q.actor, type: q.type, from: q.from, to: q.to, copies: q.copies });
    where.push(COUNTED, 'e.day IS NOT NULL');
    const rows = this.sql(`SELECT e.day, e.type, count(*) AS n FROM events e WHERE ${where.join(' AND ')} GROUP BY e.day, e.type`)
      .all(...params) as { day: string; type: PloverType; n: number }[];
    const points = new Map<string, DyadPoint>();
    for (const r of rows) {
      const period = bucket(r.day, q.interval);
      let p = points.get(period);
      if (!p) points.set(period, (p = { period, count: 0, intensity: 0, byType: {} }));
      p.count += r.n;
      p.intensity += r.n * (INTENSITY[r.type] ?? 0);
      p.byType[r.type] = (p.byType[r.type] ?? 0) + r.n;
    }
    return {
      source: q.source ?? null,
      target: q.target ?? null,
      interval: q.interval,
      points: [...points.values()].sort((a, b) => a.period.localeCompare(b.period)),
    };
  }

  async countryCounts(q: { from?: string; to?: string; actor?: string; type?: string } & CopiesOption): Promise<CountryCount[]> {
    const { where, params } = this.eventWhere({ from: q.from, to: q.to, actor: q.actor, type: q.type, copies: q.copies });
    where.push(COUNTED, 'e.place_country IS NOT NULL');
    const rows = this.sql(`SELECT e.place_country AS country, e.type, count(*) AS n FROM events e WHERE ${where.join(' AND ')} GROUP BY e.place_country, e.type`).all(...params) as Row[];
    const iso = createRequire(import.meta.url)('i18n-iso-countries') as { alpha3ToNumeric(code: string): string | undefined };
    const out = new Map<string, CountryCount>();
    for (const r of rows) {
      const country = String(r.country);
      let c = out.get(country);
      if (!c) out.set(country, (c = { country, numeric: iso.alpha3ToNumeric(country) ?? null, events: 0, cooperation: 0, conflict: 0 }));
      const n = Number(r.n);
      c.events += n;
      const v = INTENSITY[r.type as PloverType] ?? 0;
      if (v > 0) c.cooperation += n;
      else if (v < 0) c.conflict += n;
    }
    return [...out.values()].sort((a, b) => b.events - a.events || a.country.localeCompare(b.country));
  }

  async places(q: { from?: string; to?: string; actor?: string; type?: string } & CopiesOption): Promise<PlaceCount[]> {
    const { where, params } = this.eventWhere({ from: q.from, to: q.to, actor: q.actor, type: q.type, copies: q.copies });
    where.push(COUNTED, 'e.lat IS NOT NULL');
    const rows = this.sql(
      `SELECT e.place AS name, e.place_country AS country, e.lat, e.lon, e.type, e.article, e.id
       FROM events e WHERE ${where.join(' AND ')} ORDER BY e.day, e.article, e.rowid`,
    ).all(...params) as Row[];
    const places = new Map<string, PlaceCount>();
    const firsts: Row[] = [];
    for (const r of rows) {
      const key = `${r.lat}|${r.lon}|${r.name}`;
      let p = places.get(key);
      if (!p) {
        firsts.push(r);
        places.set(key, (p = {
          name: String(r.name), country: str(r.country), lat: Number(r.lat), lon: Number(r.lon), events: 0, cooperation: 0, conflict: 0,
          example: { article: String(r.article), id: String(r.id), start: 0, end: 0, text: '' },
        }));
      }
      p.events++;
      const v = INTENSITY[r.type as PloverType] ?? 0;
      if (v > 0) p.cooperation++;
      else if (v < 0) p.conflict++;
    }
    // Each place's first event is its example: its evidence from the article's layers.
    const examples = this.itemsOf(firsts, (l) => l.events);
    [...places.values()].forEach((p, i) => {
      const ev = examples[i]?.evidence;
      if (ev) Object.assign(p.example, { start: ev.start, end: ev.end, text: ev.text });
    });
    return [...places.values()].sort((a, b) => b.events - a.events || a.name.localeCompare(b.name));
  }

  async network(q: { from?: string; to?: string; actor?: string; type?: string } & CopiesOption): Promise<Network> {
    const { where, params } = this.eventWhere({ from: q.from, to: q.to, actor: q.actor, type: q.type, copies: q.copies });
    where.push(COUNTED);
    const rows = this.sql(
      `SELECT s.actor AS source, t.actor AS target, e.type, count(*) AS n
       FROM events e
       JOIN event_actors s ON s.article = e.article AND s.event = e.id AND s.role = 'source' AND s.actor IS NOT NULL
       JOIN event_actors t ON t.article = e.article AND t.event = e.id AND t.role = 'target' AND t.actor IS NOT NULL
       WHERE ${where.join(' AND ')} AND s.actor <> t.actor
       GROUP BY s.actor, t.actor, e.type`,
    ).all(...params) as { source: string; target: string; type: PloverType; n: number }[];
    const edges = new Map<string, NetworkEdge>();
    const nodes = new Map<string, number>();
    for (const r of rows) {
      const key = `${r.source}\u0000${r.target}`;
      let e = edges.get(key);
      if (!e) edges.set(key, (e = { source: r.source, target: r.target, weight: 0, intensity: 0 }));
      e.weight += r.n;
      e.intensity += r.n * (INTENSITY[r.type] ?? 0);
      nodes.set(r.source, (nodes.get(r.source) ?? 0) + r.n);
      nodes.set(r.target, (nodes.get(r.target) ?? 0) + r.n);
    }
    return {
      nodes: [...nodes].map(([id, events]) => ({ id, events })).sort((a, b) => b.events - a.events || a.id.localeCompare(b.id)),
      edges: [...edges.values()].sort((a, b) => b.weight - a.weight),
    };
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
    const copies = q.copies ? null : new Set(this.sql('SELECT id FROM articles WHERE duplicate_of IS NOT NULL').pluck().all() as string[]);
    let partial = false;
    const found: { kind: 'article' | 'quote'; rowid: number; article: string; id: string; speaker: string | null; rank: number }[] = [];
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
    found.sort((a, b) => a.rank - b.rank || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const pageRows = q.limit < 0 ? found.slice(q.offset) : found.slice(q.offset, q.offset + q.limit);
    const snippet = {
      article: this.sql("SELECT snippet(articles_fts, 2, char(2), char(3), ' … ', 16) FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?").pluck(),
      quote: this.sql("SELECT snippet(quotes_fts, 3, char(2), char(3), ' … ', 16) FROM quotes_fts WHERE quotes_fts MATCH ? AND rowid = ?").pluck(),
    };
    const title = this.sql('SELECT title FROM articles WHERE id = ?').pluck();
    const items = pageRows.map((r) => ({
      kind: r.kind,
      article: r.article,
      id: r.id,
      title: str(title.get(r.article)),
      // as a BigInt: FTS5 ignores a rowid constraint whose value is a REAL, which a JS number binds as
      ...plainSnippet(String(snippet[r.kind].get(match, BigInt(r.rowid)) ?? '')),
      speaker: r.speaker,
    }));
    return { ...empty, total: found.length, items, partial };
  }

  async exportEvents(q: CopiesOption = {}): Promise<ExportEvent[]> {
    const rows = this.sql(
      `SELECT e.article, e.id, a.url, a.outlet, a.published, a.path,
        substr(a.body, 1, instr(a.body || char(10), char(10)) - 1) AS lead
      FROM events e JOIN articles a ON a.id = e.article ${q.copies ? '' : 'WHERE a.duplicate_of IS NULL '}ORDER BY e.day, e.article, e.rowid`,
    ).all() as Row[];
    const events = this.itemsOf(rows, (l) => l.events);
    return rows.flatMap((r, i) => (events[i] ? [{
      ...events[i],
      url: str(r.url), outlet: str(r.outlet), published: str(r.published), path: r.path as string,
      leadEnd: (r.lead as string).length,
    }] : []));
  }
}

function toArticle(r: Row): Omit<Article, 'removed'> {
  return {
    id: r.id as string,
    path: r.path as string,
    outlet: str(r.outlet),
    url: str(r.url),
    title: str(r.title),
    byline: str(r.byline),
    dateline: str(r.dateline),
    published: str(r.published),
    body: r.body as string,
    flags: JSON.parse(r.flags as string) as string[],
    story: str(r.story),
    duplicateOf: str(r.duplicate_of),
  };
}

function toSummary(r: Row): ArticleSummary {
  return {
    id: r.id as string,
    path: r.path as string,
    outlet: str(r.outlet),
    url: str(r.url),
    title: str(r.title),
    published: str(r.published),
    story: str(r.story),
    duplicateOf: str(r.duplicate_of),
    flags: JSON.parse(r.flags as string) as string[],
    events: r.n_events as number,
    quotes: r.n_quotes as number,
  };
}

/** First day an ISO date, month (2025-02) or year (2025) covers, or null when it is none of these. */
export function dayOf(date: string | null): string | null {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date ?? '');
  return m ? `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}` : null;
}

/** Start of the period a day falls in: the day, the Monday of its ISO week, or the month's first day. */
export function bucket(day: string, interval: Interval): string {
  if (interval === 'day') return day;
  if (interval === 'month') return `${day.slice(0, 7)}-01`;
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/**
 * An FTS5 snippet whose matches SQLite wrapped in U+0002 … U+0003, as plain text with
 * the matches' offsets: no client has to know about (or show) the markers, and line
 * breaks and other control characters of the body become spaces.
 */
export function plainSnippet(raw: string): { snippet: string; marks: [number, number][] } {
  let snippet = '';
  const marks: [number, number][] = [];
  let open = -1;
  for (const ch of raw) {
    if (ch === '\u0002') open = snippet.length;
    else if (ch === '\u0003') {
      if (open >= 0 && snippet.length > open) marks.push([open, snippet.length]);
      open = -1;
    } else if (/[\p{Cc}\u2028\u2029]/u.test(ch)) {
      if (!snippet.endsWith(' ')) snippet += ' ';
    } else snippet += ch;
  }
  return { snippet, marks };
}

/**
 * Limits that keep any search cheap (a query of hundreds of words once froze the server):
 * at most `terms` distinct words (the longest, which say the most); a word is matched as a
 * prefix only from `prefixMin` letters on, since a one- or two-letter prefix expands to a
 * large part of the vocabulary; and gathering matches stops after `budgetMs`, the answer
 * then flagged `partial`.
 */
export const SEARCH = { terms: 12, prefixMin: 3, budgetMs: 750 };

/** The words a query searches for: distinct (any case), the `SEARCH.terms` longest, in query order. */
export function searchTerms(text: string): string[] {
  const seen = new Set<string>();
  const words: string[] = [];
  for (const w of text.match(/[\p{L}\p{N}]+/gu) ?? []) {
    const key = w.toLowerCase();
    if (!seen.has(key)) seen.add(key), words.push(w);
  }
  if (words.length <= SEARCH.terms) return words;
  const keep = new Set([...words].sort((a, b) => b.length - a.length).slice(0, SEARCH.terms));
  return words.filter((w) => keep.has(w));
}

/** Words as an FTS5 expression: each a quoted term (a prefix from `SEARCH.prefixMin` letters), all required. */
export function ftsQuery(words: string[]): string {
  return words.map((w) => (w.length >= SEARCH.prefixMin ? `"${w}"*` : `"${w}"`)).join(' ');
}

const present = <T>(xs: (T | undefined)[]): T[] => xs.filter((x): x is T => x !== undefined);

/** Replaces the item with the same id, or appends it. */
function upsert<T extends { id: string }>(list: T[], item: T): void {
  const i = list.findIndex((x) => x.id === item.id);
  if (i >= 0) list[i] = item;
  else list.push(item);
}
