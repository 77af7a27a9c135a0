// The one data-access module: every query the CLI, API and exports need, behind
// the `Repo` interface. Callers only see the interface, so another backend
// (PostgreSQL) can sit next to `SqliteRepo` without touching them; that is also
// why the interface is asynchronous although better-sqlite3 is not.
import Database from 'better-sqlite3';
import { readData } from '../knowledge.js';
import type { Article, Claim, Doc, Entity, PloverEvent, PloverType, Quote, Story } from '../types.js';
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

export interface QuoteFilter extends PageQuery {
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

export interface EntityFilter extends PageQuery {
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
  /**
   * Removes the articles stored from records of `file` (paths `file#N`) whose id is
   * not among `ids`: records since removed from the file. Returns how many.
   */
  pruneFile(file: string, ids: string[]): Promise<number>;
  /** Every stored article's short lines, to learn site boilerplate from. */
  loadSiteLines(): Promise<{ path: string; outlet: string | null; line: string }[]>;
  /** True when articles changed since stories and claims were last computed. */
  corpusStale(): Promise<boolean>;
  loadDocs(): Promise<Doc[]>;
  /** Replaces stories and claims, and the story/copy fields of the given articles, atomically; story membership comes from `stories`. */
  writeCorpus(stories: Story[], claims: Claim[], articles: Article[]): Promise<void>;
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
  network(q: { from?: string; to?: string; actor?: string; type?: string } & CopiesOption): Promise<Network>;
  search(q: PageQuery & { q: string } & CopiesOption): Promise<Page<SearchHit>>;
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

export class SqliteRepo implements Repo {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
  }

  async close(): Promise<void> {
    this.db.close();
  }

  async isCurrent(path: string, hash: string): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM articles WHERE path = ? AND raw_hash = ?').get(path, hash) !== undefined;
  }

  async writeDoc(doc: Doc, hash: string, lines: string[] = []): Promise<void> {
    const a = doc.article;
    const { article: _article, quotes, events, ...layers } = doc;
    const db = this.db;
    db.transaction(() => {
      const old = db
        .prepare('SELECT id FROM articles WHERE id = ? OR (path = ? AND path <> \'-\') OR (url IS NOT NULL AND url = ?)')
        .all(a.id, a.path, a.url) as { id: string }[];
      for (const { id } of old) this.deleteArticle(id);
      db.prepare(
        `INSERT INTO articles (id, path, outlet, url, title, byline, dateline, published, body, removed, flags, story, duplicate_of, raw_hash, doc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(a.id, a.path, a.outlet, a.url, a.title, a.byline, a.dateline, a.published, a.body,
        JSON.stringify(a.removed), JSON.stringify(a.flags), a.story, a.duplicateOf, hash, JSON.stringify(layers));
      db.prepare('INSERT INTO articles_fts (article, title, body) VALUES (?, ?, ?)').run(a.id, a.title ?? '', a.body);
      const upsertEntity = db.prepare(
        `INSERT INTO entities (id, name, kind, country, sector, role) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, country = excluded.country,
           sector = excluded.sector, role = excluded.role`,
      );
      const insertMention = db.prepare('INSERT INTO mentions (article, entity, start, "end", text) VALUES (?, ?, ?, ?, ?)');
      for (const e of doc.entities) {
        upsertEntity.run(e.id, e.name, e.kind, e.country, e.sector, e.role);
        for (const m of e.mentions) insertMention.run(a.id, e.id, m.start, m.end, m.text);
      }
      this.insertQuotes(quotes);
      this.insertEvents(events, a.published);
      const line = db.prepare('INSERT OR IGNORE INTO site_lines (article, path, outlet, line) VALUES (?, ?, ?, ?)');
      for (const key of lines) line.run(a.id, a.path, a.outlet, key);
      this.markStale();
    })();
  }

  async loadSiteLines(): Promise<{ path: string; outlet: string | null; line: string }[]> {
    return this.db.prepare('SELECT path, outlet, line FROM site_lines').all() as { path: string; outlet: string | null; line: string }[];
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
    this.db.prepare('DELETE FROM articles_fts WHERE article = ?').run(id);
    this.db.prepare('DELETE FROM quotes_fts WHERE article = ?').run(id);
    this.db.prepare('DELETE FROM articles WHERE id = ?').run(id);
  }

  private markStale(): void {
    this.db.prepare("INSERT INTO meta (key, value) VALUES ('corpus_stale', '1') ON CONFLICT(key) DO UPDATE SET value = '1'").run();
  }

  private insertQuotes(quotes: Quote[]): void {
    const q = this.db.prepare(
      `INSERT OR REPLACE INTO quotes (article, id, kind, text, start, "end", cue, speaker_name, speaker_actor, speaker_sector, speaker_entity, rule, json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const fts = this.db.prepare('INSERT INTO quotes_fts (article, quote, speaker, text) VALUES (?, ?, ?, ?)');
    for (const x of quotes) {
      const s = x.speaker;
      q.run(x.article, x.id, x.kind, x.text, x.start, x.end, x.cue, s?.name ?? null, s?.actor ?? null, s?.sector ?? null,
        s?.entity ?? null, x.rule, JSON.stringify(x));
      fts.run(x.article, x.id, s?.name ?? '', x.text);
    }
  }

  private insertEvents(events: PloverEvent[], published: string | null): void {
    const ev = this.db.prepare(
      `INSERT OR REPLACE INTO events (article, id, type, mode, cameo, day, negated, modality, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const actor = this.db.prepare('INSERT INTO event_actors (article, event, role, actor, entity) VALUES (?, ?, ?, ?, ?)');
    for (const e of events) {
      const day = dayOf(e.date) ?? dayOf(published);
      ev.run(e.article, e.id, e.type, e.mode, e.cameo, day, e.negated ? 1 : 0, e.modality, JSON.stringify(e));
      for (const s of e.source) actor.run(e.article, e.id, 'source', s.actor, s.entity);
      for (const t of e.target) actor.run(e.article, e.id, 'target', t.actor, t.entity);
    }
  }

  async addEvents(events: PloverEvent[]): Promise<void> {
    this.db.transaction(() => {
      const published = this.db.prepare('SELECT published FROM articles WHERE id = ?');
      for (const e of events) {
        const row = published.get(e.article) as { published: string | null } | undefined;
        if (!row) throw new Error(`event ${e.id}: no stored article '${e.article}'`);
        this.db.prepare('DELETE FROM event_actors WHERE article = ? AND event = ?').run(e.article, e.id);
        this.insertEvents([e], row.published);
      }
      this.markStale();
    })();
  }

  async addQuotes(quotes: Quote[]): Promise<void> {
    this.db.transaction(() => {
      for (const q of quotes) this.db.prepare('DELETE FROM quotes_fts WHERE article = ? AND quote = ?').run(q.article, q.id);
      this.insertQuotes(quotes);
      this.markStale();
    })();
  }

  async corpusStale(): Promise<boolean> {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'corpus_stale'").get() as { value: string } | undefined;
    return row?.value === '1';
  }

  async loadDocs(): Promise<Doc[]> {
    const rows = this.db.prepare('SELECT * FROM articles ORDER BY id').all() as Row[];
    const quotes = this.groupJson<Quote>('SELECT article, json FROM quotes ORDER BY article, start');
    const events = this.groupJson<PloverEvent>('SELECT article, json FROM events ORDER BY article, rowid');
    return rows.map((r) => {
      const layers = JSON.parse(r.doc as string) as Omit<Doc, 'article' | 'quotes' | 'events'>;
      const id = r.id as string;
      return { article: toArticle(r), ...layers, quotes: quotes.get(id) ?? [], events: events.get(id) ?? [] };
    });
  }

  private groupJson<T>(sql: string): Map<string, T[]> {
    const out = new Map<string, T[]>();
    for (const r of this.db.prepare(sql).all() as { article: string; json: string }[]) {
      let list = out.get(r.article);
      if (!list) out.set(r.article, (list = []));
      list.push(JSON.parse(r.json) as T);
    }
    return out;
  }

  async writeCorpus(stories: Story[], claims: Claim[], articles: Article[]): Promise<void> {
    const db = this.db;
    db.transaction(() => {
      db.exec('DELETE FROM stories; DELETE FROM claims;');
      // entities whose every mentioning article was replaced or removed
      db.exec('DELETE FROM entities WHERE id NOT IN (SELECT entity FROM mentions)');
      const storyOf = new Map<string, string>();
      const insStory = db.prepare('INSERT INTO stories (id, title, start, "end", json) VALUES (?, ?, ?, ?, ?)');
      for (const s of stories) {
        insStory.run(s.id, s.title, s.start, s.end, JSON.stringify(s));
        for (const a of s.articles) storyOf.set(a, s.id);
      }
      const insClaim = db.prepare('INSERT INTO claims (id, proposition, json) VALUES (?, ?, ?)');
      const insEvidence = db.prepare('INSERT INTO claim_evidence (claim, article, kind, item, side) VALUES (?, ?, ?, ?, ?)');
      for (const c of claims) {
        insClaim.run(c.id, c.proposition, JSON.stringify(c));
        for (const e of c.evidence) insEvidence.run(c.id, e.article, e.kind, e.id, e.side ?? null);
      }
      const upd = db.prepare('UPDATE articles SET story = ?, duplicate_of = ?, flags = ? WHERE id = ?');
      for (const a of articles) upd.run(storyOf.get(a.id) ?? null, a.duplicateOf, JSON.stringify(a.flags), a.id);
      db.prepare("INSERT INTO meta (key, value) VALUES ('corpus_stale', '0') ON CONFLICT(key) DO UPDATE SET value = '0'").run();
    })();
  }

  async counts(q: CopiesOption = {}) {
    const n = (table: string) => (this.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const originals = q.copies ? '' : ` AND ${ORIGINAL('x')}`;
    return {
      // Scare quotes and titles are kept (marked `scare`) but are no one's quote.
      articles: n('articles'), copies: n('articles WHERE duplicate_of IS NOT NULL'),
      events: n(`events x WHERE 1${originals}`), quotes: n(`quotes x WHERE kind <> 'scare'${originals}`),
      entities: n('entities'), stories: n('stories'), claims: n('claims'),
    };
  }

  private page<T>(q: PageQuery, from: string, params: unknown[], select: string, order: string, map: (r: Row) => T): Page<T> {
    const total = (this.db.prepare(`SELECT count(*) AS n FROM ${from}`).get(...params) as { n: number }).n;
    const rows = this.db.prepare(`SELECT ${select} FROM ${from} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...params, q.limit, q.offset) as Row[];
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
    const row = this.db.prepare('SELECT * FROM articles WHERE id = ?').get(id) as Row | undefined;
    if (!row) return null;
    const layers = JSON.parse(row.doc as string) as Pick<Doc, 'entities'>;
    const quotes = (this.db.prepare('SELECT json FROM quotes WHERE article = ? ORDER BY start').all(id) as { json: string }[])
      .map((r) => JSON.parse(r.json) as Quote);
    const events = (this.db.prepare('SELECT json FROM events WHERE article = ? ORDER BY rowid').all(id) as { json: string }[])
      .map((r) => JSON.parse(r.json) as PloverEvent);
    return { article: toArticle(row), entities: layers.entities, quotes, events };
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
    return this.page(f, from, params, 'e.json', 'e.day, e.article, e.rowid', (r) => JSON.parse(r.json as string) as PloverEvent);
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
    const from = `quotes q${where.length ? ' WHERE ' + where.join(' AND ') : ''}`;
    return this.page(f, from, params, 'q.json', 'q.article, q.start', (r) => JSON.parse(r.json as string) as Quote);
  }

  private storySummary(r: Row): StorySummary {
    const story = JSON.parse(r.json as string) as Story;
    const arts = this.db.prepare('SELECT outlet, duplicate_of FROM articles WHERE story = ?').all(story.id) as Row[];
    const n = (sql: string) => (this.db.prepare(sql).get(story.id) as { n: number }).n;
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
    const row = this.db.prepare('SELECT json FROM stories WHERE id = ?').get(id) as Row | undefined;
    if (!row) return null;
    const story = this.storySummary(row);
    const rows = this.db.prepare(`SELECT ${SqliteRepo.SUMMARY} FROM articles a WHERE a.story = ? ORDER BY a.published, a.id`).all(id) as Row[];
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
    const claimRows = this.db.prepare(
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
    const select = `e.*, (SELECT count(*) FROM mentions m WHERE m.entity = e.id) AS n_mentions,
      (SELECT count(DISTINCT m.article) FROM mentions m WHERE m.entity = e.id) AS n_articles`;
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
    const article = this.db.prepare('SELECT outlet, title FROM articles WHERE id = ?');
    const item = {
      quote: this.db.prepare('SELECT json FROM quotes WHERE article = ? AND id = ?'),
      event: this.db.prepare('SELECT json FROM events WHERE article = ? AND id = ?'),
    };
    // Evidence is read as words, not ids: the quote or the event's sentence, and who carried it.
    const withText = (c: Claim): ClaimWithText => ({
      ...c,
      evidence: c.evidence.map((e) => {
        const a = article.get(e.article) as Row | undefined;
        const row = (e.kind === 'quote' || e.kind === 'event' ? item[e.kind].get(e.article, e.id) : undefined) as Row | undefined;
        const json = row ? (JSON.parse(row.json as string) as Quote | PloverEvent) : null;
        const text = json ? ('evidence' in json ? json.evidence.text : json.text) : null;
        return { ...e, text, outlet: str(a?.outlet), title: str(a?.title) };
      }),
    });
    return this.page(q, from, params, 'json', 'id', (r) => withText(JSON.parse(r.json as string) as Claim));
  }

  async dyads(q: DyadQuery): Promise<DyadSeries> {
    const { where, params } = this.eventWhere({ source: q.source, target: q.target, actor: q.actor, type: q.type, from: q.from, to: q.to, copies: q.copies });
    where.push(COUNTED, 'e.day IS NOT NULL');
    const rows = this.db.prepare(`SELECT e.day, e.type, count(*) AS n FROM events e WHERE ${where.join(' AND ')} GROUP BY e.day, e.type`)
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

  async places(q: { from?: string; to?: string; actor?: string; type?: string } & CopiesOption): Promise<PlaceCount[]> {
    const { where, params } = this.eventWhere({ from: q.from, to: q.to, actor: q.actor, type: q.type, copies: q.copies });
    where.push(COUNTED, "json_extract(e.json, '$.location.lat') IS NOT NULL");
    const rows = this.db.prepare(
      `SELECT json_extract(e.json, '$.location.name') AS name, json_extract(e.json, '$.location.country') AS country,
        json_extract(e.json, '$.location.lat') AS lat, json_extract(e.json, '$.location.lon') AS lon, e.type, e.article, e.id,
        json_extract(e.json, '$.evidence.start') AS start, json_extract(e.json, '$.evidence.end') AS "end", json_extract(e.json, '$.evidence.text') AS text
       FROM events e WHERE ${where.join(' AND ')} ORDER BY e.day, e.article, e.rowid`,
    ).all(...params) as Row[];
    const places = new Map<string, PlaceCount>();
    for (const r of rows) {
      const key = `${r.lat}|${r.lon}|${r.name}`;
      let p = places.get(key);
      if (!p) {
        places.set(key, (p = {
          name: String(r.name), country: str(r.country), lat: Number(r.lat), lon: Number(r.lon), events: 0, cooperation: 0, conflict: 0,
          example: { article: String(r.article), id: String(r.id), start: Number(r.start), end: Number(r.end), text: String(r.text) },
        }));
      }
      p.events++;
      const v = INTENSITY[r.type as PloverType] ?? 0;
      if (v > 0) p.cooperation++;
      else if (v < 0) p.conflict++;
    }
    return [...places.values()].sort((a, b) => b.events - a.events || a.name.localeCompare(b.name));
  }

  async network(q: { from?: string; to?: string; actor?: string; type?: string } & CopiesOption): Promise<Network> {
    const { where, params } = this.eventWhere({ from: q.from, to: q.to, actor: q.actor, type: q.type, copies: q.copies });
    where.push(COUNTED);
    const rows = this.db.prepare(
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

  async search(q: PageQuery & { q: string } & CopiesOption): Promise<Page<SearchHit>> {
    const match = ftsQuery(q.q);
    if (!match) return { total: 0, limit: q.limit, offset: q.offset, items: [] };
    const originals = q.copies ? '' : ' AND a.duplicate_of IS NULL';
    const from = `(
      SELECT 'article' AS kind, f.article, f.article AS id, a.title, snippet(articles_fts, 2, char(2), char(3), ' … ', 16) AS snippet,
        NULL AS speaker, bm25(articles_fts) AS rank
      FROM articles_fts f JOIN articles a ON a.id = f.article WHERE articles_fts MATCH ?${originals}
      UNION ALL
      SELECT 'quote', f.article, f.quote, a.title, snippet(quotes_fts, 3, char(2), char(3), ' … ', 16), f.speaker, bm25(quotes_fts)
      FROM quotes_fts f JOIN articles a ON a.id = f.article WHERE quotes_fts MATCH ?${originals}
    )`;
    return this.page(q, from, [match, match], '*', 'rank, kind, id', (r) => ({
      kind: r.kind as 'article' | 'quote',
      article: r.article as string,
      id: r.id as string,
      title: str(r.title),
      ...plainSnippet(r.snippet as string),
      speaker: r.speaker ? String(r.speaker) : null,
    }));
  }

  async exportEvents(q: CopiesOption = {}): Promise<ExportEvent[]> {
    const rows = this.db.prepare(
      `SELECT e.json, a.url, a.outlet, a.published, a.path,
        substr(a.body, 1, instr(a.body || char(10), char(10)) - 1) AS lead
      FROM events e JOIN articles a ON a.id = e.article ${q.copies ? '' : 'WHERE a.duplicate_of IS NULL '}ORDER BY e.day, e.article, e.rowid`,
    ).all() as Row[];
    return rows.map((r) => ({
      ...(JSON.parse(r.json as string) as PloverEvent),
      url: str(r.url), outlet: str(r.outlet), published: str(r.published), path: r.path as string,
      leadEnd: (r.lead as string).length,
    }));
  }
}

function toArticle(r: Row): Article {
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
    removed: JSON.parse(r.removed as string) as Article['removed'],
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

/** Words of a user's query as an FTS5 expression: each word a quoted prefix term, all required. */
export function ftsQuery(text: string): string {
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.map((w) => `"${w}"*`).join(' ');
}
