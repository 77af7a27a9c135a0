// What the SQLite and PostgreSQL backends share: every read query, written once in
// the SQL both databases speak (`?` placeholders, which the PostgreSQL backend
// numbers), the assembly of their rows into API answers, and the rows an article's
// write inserts. A backend supplies a way to run a query (`all`) and the few
// places where the two SQL dialects differ (`Dialect`); writes and full-text
// search stay with each backend, since transactions, locking and full-text
// indexes are where the two databases really differ.
import { createRequire } from 'node:module';
import type { Article, Claim, Doc, Entity, PloverEvent, PloverType, Quote, Story } from '../types.js';
import { decodeLayers, storedDoc, type Layers } from './layers.js';
import {
  bucket, dayOf, INTENSITY, plainSnippet,
  type ArticleDetail, type ArticleSummary, type ClaimWithText, type CopiesOption, type CountryCount, type DyadPoint, type DyadQuery,
  type DyadSeries, type EntityFilter, type EntitySummary, type EventFilter, type ExportEvent, type Network, type NetworkEdge, type Page,
  type PageQuery, type PlaceCount, type QuoteFilter, type Repo, type SearchHit, type SearchPage, type StoryArticle, type StoryDetail,
  type StorySummary, type SiteCursor, type SiteLinesRead,
} from './repo.js';

export type Row = Record<string, unknown>;

export const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Where the SQL of the two backends differs, in the queries they share. */
export interface Dialect {
  /** The column that orders an article's events and quotes as they were inserted (SQLite's rowid). */
  insertOrder: string;
  /** The LIMIT parameter that means no limit (`limit: -1` in a page query). */
  noLimit: number | null;
  /** A subquery listing `ids`, with the one parameter it takes: `id IN ${sql}`. */
  idList(ids: string[]): { sql: string; param: unknown };
  /** A FROM item giving the elements of the JSON array `key` of a JSON column as a text column `value`. */
  jsonEach(column: string, key: string): string;
  /** The text of an article's first paragraph: its body up to the first line break. */
  lead(body: string): string;
}

// Evidence is retracted (negated) or not a happening (hypothetical): time series
// and networks count what the articles say took place or is announced.
const COUNTED = `e.negated = 0 AND e.modality <> 'hypothetical'`;
/** Rows of original articles only: a copy or spun rewrite repeats its original's events and quotes. */
const ORIGINAL = (alias: string) => `${alias}.article IN (SELECT id FROM articles WHERE duplicate_of IS NULL)`;

/** An article's columns, named: PostgreSQL keeps a full-text column beside them that no reader wants. */
export const ARTICLE_COLUMNS = 'id, path, outlet, url, title, byline, dateline, published, body, flags, story, duplicate_of, raw_hash, layers';

/** The stored ids that a write of this article replaces: same id, same path (unless standard input) or same url. */
export const STORED_IDS = "SELECT id FROM articles WHERE id = ? OR (path = ? AND path <> '-') OR (url IS NOT NULL AND url = ?)";

/** Most ids one statement lists (`Dialect.idList`): each slice stays a small parameter. */
const ID_SLICE = 500;

/**
 * A table an article's write fills: its columns (with the PostgreSQL type of each, which
 * the PostgreSQL backend needs to send a column of values as one array) and the row an
 * item becomes. Both backends insert exactly these rows, so that they store the same.
 */
export interface Table<T> {
  name: string;
  columns: readonly (readonly [column: string, pgType: string])[];
  row(item: T): unknown[];
}

export const ARTICLES: Table<{ article: Article; hash: string; layers: Buffer }> = {
  name: 'articles',
  columns: [['id', 'text'], ['path', 'text'], ['outlet', 'text'], ['url', 'text'], ['title', 'text'], ['byline', 'text'], ['dateline', 'text'],
    ['published', 'text'], ['body', 'text'], ['flags', 'jsonb'], ['story', 'text'], ['duplicate_of', 'text'], ['raw_hash', 'text'], ['layers', 'bytea']],
  row: ({ article: a, hash, layers }) => [a.id, a.path, a.outlet, a.url, a.title, a.byline, a.dateline, a.published, a.body,
    JSON.stringify(a.flags), a.story, a.duplicateOf, hash, layers],
};

export const ENTITIES: Table<Omit<Entity, 'mentions'>> = {
  name: 'entities',
  columns: [['id', 'text'], ['name', 'text'], ['kind', 'text'], ['country', 'text'], ['sector', 'text'], ['role', 'text']],
  row: (e) => [e.id, e.name, e.kind, e.country, e.sector, e.role],
};

export const ENTITY_ARTICLES: Table<{ entity: string; article: string; mentions: number }> = {
  name: 'entity_articles',
  columns: [['entity', 'text'], ['article', 'text'], ['mentions', 'integer']],
  row: (m) => [m.entity, m.article, m.mentions],
};

export const QUOTES: Table<Quote> = {
  name: 'quotes',
  columns: [['article', 'text'], ['id', 'text'], ['kind', 'text'], ['text', 'text'], ['start', 'integer'], ['"end"', 'integer'], ['cue', 'text'],
    ['speaker_name', 'text'], ['speaker_actor', 'text'], ['speaker_sector', 'text'], ['speaker_entity', 'text'], ['rule', 'text']],
  row: (x) => [x.article, x.id, x.kind, x.text, x.start, x.end, x.cue, x.speaker?.name ?? null, x.speaker?.actor ?? null,
    x.speaker?.sector ?? null, x.speaker?.entity ?? null, x.rule],
};

export const EVENTS: Table<{ event: PloverEvent; published: string | null }> = {
  name: 'events',
  columns: [['article', 'text'], ['id', 'text'], ['type', 'text'], ['mode', 'text'], ['cameo', 'text'], ['day', 'text'], ['negated', 'integer'],
    ['modality', 'text'], ['place', 'text'], ['place_country', 'text'], ['lat', 'double precision'], ['lon', 'double precision']],
  // `day`: the event's date, else its article's publication date (what time series and date filters use)
  row: ({ event: e, published }) => [e.article, e.id, e.type, e.mode, e.cameo, dayOf(e.date) ?? dayOf(published), e.negated ? 1 : 0, e.modality,
    e.location?.name ?? null, e.location?.country ?? null, e.location?.lat ?? null, e.location?.lon ?? null],
};

export const EVENT_ACTORS: Table<{ event: PloverEvent; role: 'source' | 'target'; actor: PloverEvent['source'][number] }> = {
  name: 'event_actors',
  columns: [['article', 'text'], ['event', 'text'], ['role', 'text'], ['actor', 'text'], ['entity', 'text']],
  row: ({ event: e, role, actor }) => [e.article, e.id, role, actor.actor, actor.entity],
};

/** An event's actor rows: its sources, then its targets. */
export const actorsOf = (e: PloverEvent) => [
  ...e.source.map((actor) => ({ event: e, role: 'source' as const, actor })),
  ...e.target.map((actor) => ({ event: e, role: 'target' as const, actor })),
];

export const SITE_LINES: Table<{ article: Article; line: string }> = {
  name: 'site_lines',
  columns: [['article', 'text'], ['path', 'text'], ['outlet', 'text'], ['line', 'text']],
  row: ({ article: a, line }) => [a.id, a.path, a.outlet, line],
};

export const STORIES: Table<Story> = {
  name: 'stories',
  columns: [['id', 'text'], ['title', 'text'], ['start', 'text'], ['"end"', 'text'], ['json', 'jsonb']],
  row: (s) => [s.id, s.title, s.start, s.end, JSON.stringify(s)],
};

export const CLAIMS: Table<Claim> = {
  name: 'claims',
  columns: [['id', 'text'], ['proposition', 'text'], ['json', 'jsonb']],
  row: (c) => [c.id, c.proposition, JSON.stringify(c)],
};

export const CLAIM_EVIDENCE: Table<{ claim: Claim; evidence: Claim['evidence'][number] }> = {
  name: 'claim_evidence',
  columns: [['claim', 'text'], ['article', 'text'], ['kind', 'text'], ['item', 'text'], ['side', 'text']],
  row: ({ claim, evidence: e }) => [claim.id, e.article, e.kind, e.id, e.side ?? null],
};

/** `INSERT INTO table (columns) VALUES (?, ...)`: one row per run. */
export function insertRow(t: Table<never>): string {
  return `INSERT INTO ${t.name} (${t.columns.map(([c]) => c).join(', ')}) VALUES (${t.columns.map(() => '?').join(', ')})`;
}

/** `c = excluded.c` for every column but the key: what an upsert overwrites. */
export function overwrite(t: Table<never>, key: string[]): string {
  return t.columns.filter(([c]) => !key.includes(c)).map(([c]) => `${c} = excluded.${c}`).join(', ');
}

/** An article's entity rows: how often each entity is mentioned in it. */
export function entityCounts(doc: Doc): { entity: string; article: string; mentions: number }[] {
  const counts = new Map<string, number>();
  for (const e of doc.entities) counts.set(e.id, (counts.get(e.id) ?? 0) + e.mentions.length);
  return [...counts].map(([entity, mentions]) => ({ entity, article: doc.article.id, mentions }));
}

/** Replaces the item with the same id, or appends it. */
export function upsert<T extends { id: string }>(list: T[], item: T): void {
  const i = list.findIndex((x) => x.id === item.id);
  if (i >= 0) list[i] = item;
  else list.push(item);
}

/** Adds items (events, quotes) to the decoded layers of their articles; the articles whose layers changed. */
export function amend<T extends { article: string }>(
  byArticle: Map<string, { body: string; layers: Layers }>, items: T[], add: (layers: Layers, item: T) => void,
): { id: string; body: string; layers: Layers }[] {
  for (const x of items) {
    const stored = byArticle.get(x.article);
    if (!stored) throw new Error(`no stored article '${x.article}'`);
    add(stored.layers, x);
  }
  return [...byArticle].map(([id, { body, layers }]) => ({ id, body, layers }));
}

/** Decoded layers of `articles` rows (id, body, layers), by id. */
export function decodedLayers(rows: Row[]): Map<string, { body: string; layers: Layers }> {
  const out = new Map<string, { body: string; layers: Layers }>();
  for (const r of rows) {
    const owner = { id: r.id as string, body: r.body as string };
    out.set(owner.id, { body: owner.body, layers: decodeLayers(r.layers as Buffer, owner) });
  }
  return out;
}

/** `ids` without repeats, in slices of at most ID_SLICE. */
export function idSlices(ids: Iterable<string>): string[][] {
  const unique = [...new Set(ids)];
  const out: string[][] = [];
  for (let i = 0; i < unique.length; i += ID_SLICE) out.push(unique.slice(i, i + ID_SLICE));
  return out;
}

export function toArticle(r: Row): Omit<Article, 'removed'> {
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

export function toSummary(r: Row): ArticleSummary {
  const { id, path, outlet, url, title, published, story, duplicateOf, flags } = toArticle(r);
  return { id, path, outlet, url, title, published, story, duplicateOf, flags, events: Number(r.n_events), quotes: Number(r.n_quotes) };
}

/** A match a full-text scan found, before ranking: `rank` lower is better (as SQLite's bm25 gives it). */
export interface Found {
  kind: 'article' | 'quote';
  article: string;
  id: string;
  speaker: string | null;
  rank: number;
}

/** The asked-for page of matches, best first (ties by kind, then id, so that pages do not overlap). */
export function rankedPage<T extends Found>(found: T[], q: PageQuery): T[] {
  found.sort((a, b) => a.rank - b.rank || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return q.limit < 0 ? found.slice(q.offset) : found.slice(q.offset, q.offset + q.limit);
}

/** A search hit from a ranked match, its article's title and the backend's marked-up snippet. */
export function searchHit(r: Found, title: unknown, markedSnippet: unknown): SearchHit {
  return { kind: r.kind, article: r.article, id: r.id, title: str(title), ...plainSnippet(String(markedSnippet ?? '')), speaker: r.speaker };
}

const present = <T>(xs: (T | undefined)[]): T[] => xs.filter((x): x is T => x !== undefined);

/** Both backends' `Repo`, but for writes and search: the reads, over `all` and the backend's `dialect`. */
export abstract class SqlRepo implements Repo {
  protected abstract readonly dialect: Dialect;
  /** Runs one statement with `?` placeholders and returns its rows. */
  protected abstract all(sql: string, params?: unknown[]): Promise<Row[]>;

  abstract close(): Promise<void>;
  abstract writeDocs(items: { doc: Doc; hash: string; lines?: string[]; layers?: Buffer }[]): Promise<void>;
  abstract pruneFile(file: string, ids: string[]): Promise<number>;
  abstract siteLinesSince(cursor: SiteCursor | null): Promise<SiteLinesRead>;
  abstract writeCorpus(stories: Story[], claims: Claim[], articles: Article[], options?: { partial?: boolean }): Promise<void>;
  abstract addEvents(events: PloverEvent[]): Promise<void>;
  abstract addQuotes(quotes: Quote[]): Promise<void>;
  abstract search(q: PageQuery & { q: string } & CopiesOption): Promise<SearchPage>;

  protected async get(sql: string, params: unknown[] = []): Promise<Row | undefined> {
    return (await this.all(sql, params))[0];
  }

  async writeDoc(doc: Doc, hash: string, lines: string[] = []): Promise<void> {
    await this.writeDocs([{ doc, hash, lines }]);
  }

  async isCurrent(path: string, hash: string): Promise<boolean> {
    return (await this.get('SELECT 1 AS found FROM articles WHERE path = ? AND raw_hash = ?', [path, hash])) !== undefined;
  }

  async storedAs(a: Pick<Article, 'id' | 'path' | 'url'>): Promise<string[]> {
    return (await this.all(STORED_IDS, [a.id, a.path, a.url])).map((r) => r.id as string);
  }

  async generation(): Promise<number> {
    return Number((await this.get("SELECT value FROM meta WHERE key = 'generation'"))?.value ?? 0);
  }

  async articleVersions(): Promise<{ id: string; hash: string }[]> {
    return (await this.all('SELECT id, raw_hash AS hash FROM articles ORDER BY id')) as { id: string; hash: string }[];
  }

  async corpusStale(): Promise<boolean> {
    return (await this.get("SELECT value FROM meta WHERE key = 'corpus_stale'"))?.value === '1';
  }

  async loadDocs(ids?: string[]): Promise<Doc[]> {
    const list = ids && this.dialect.idList(ids);
    const rows = list
      ? await this.all(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id IN ${list.sql} ORDER BY id`, [list.param])
      : await this.all(`SELECT ${ARTICLE_COLUMNS} FROM articles ORDER BY id`);
    return rows.map((r) => storedDoc(toArticle(r), decodeLayers(r.layers as Buffer, { id: r.id as string, body: r.body as string })));
  }

  /** The stored layers of these articles, each decoded once; `all` runs the reads (a transaction's, say). */
  protected async layersOf(ids: Iterable<string>, all = (sql: string, params: unknown[]) => this.all(sql, params)): Promise<Map<string, { body: string; layers: Layers }>> {
    const rows: Row[] = [];
    for (const slice of idSlices(ids)) {
      const list = this.dialect.idList(slice);
      rows.push(...(await all(`SELECT id, body, layers FROM articles WHERE id IN ${list.sql}`, [list.param])));
    }
    return decodedLayers(rows);
  }

  /** Events or quotes of listed (article, id) rows, in row order, from their articles' layers (undefined if missing). */
  protected async itemsOf<T extends { id: string }>(rows: Row[], pick: (l: Layers) => T[]): Promise<(T | undefined)[]> {
    const layers = await this.layersOf(rows.map((r) => r.article as string));
    const index = new Map<string, Map<string, T>>();
    return rows.map((r) => {
      const article = r.article as string;
      let byId = index.get(article);
      if (!byId) index.set(article, (byId = new Map(pick(layers.get(article)!.layers).map((x) => [x.id, x]))));
      return byId.get(r.id as string);
    });
  }

  async counts(q: CopiesOption = {}) {
    const originals = q.copies ? '' : ` AND ${ORIGINAL('x')}`;
    // One statement: one round trip to a database server.
    const r = (await this.get(`SELECT
      (SELECT count(*) FROM articles) AS articles,
      (SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL) AS copies,
      (SELECT count(*) FROM events x WHERE 1 = 1${originals}) AS events,
      (SELECT count(*) FROM quotes x WHERE kind <> 'scare'${originals}) AS quotes,
      (SELECT count(*) FROM entities) AS entities,
      (SELECT count(*) FROM stories) AS stories,
      (SELECT count(*) FROM claims) AS claims`))!;
    // Scare quotes and titles are kept (marked `scare`) but are no one's quote.
    const n = (k: string) => Number(r[k]);
    return {
      articles: n('articles'), copies: n('copies'), events: n('events'), quotes: n('quotes'),
      entities: n('entities'), stories: n('stories'), claims: n('claims'),
    };
  }

  protected async page<T>(q: PageQuery, from: string, params: unknown[], select: string, order: string, map: (r: Row) => T): Promise<Page<T>> {
    const total = Number((await this.get(`SELECT count(*) AS n FROM ${from}`, params))!.n);
    const limit = q.limit < 0 ? this.dialect.noLimit : q.limit;
    const rows = await this.all(`SELECT ${select} FROM ${from} ORDER BY ${order} LIMIT ? OFFSET ?`, [...params, limit, q.offset]);
    return { total, limit: q.limit, offset: q.offset, items: rows.map(map) };
  }

  private static readonly SUMMARY = `a.id, a.path, a.outlet, a.url, a.title, a.published, a.story, a.duplicate_of, a.flags,
    (SELECT count(*) FROM events e WHERE e.article = a.id) AS n_events,
    (SELECT count(*) FROM quotes q WHERE q.article = a.id AND q.kind <> 'scare') AS n_quotes`;

  // Orders name where NULLs go: SQLite puts them first going up, PostgreSQL last.
  async listArticles(q: PageQuery & { story?: string; outlet?: string }): Promise<Page<ArticleSummary>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.story !== undefined) where.push('a.story = ?'), params.push(q.story);
    if (q.outlet !== undefined) where.push('a.outlet = ?'), params.push(q.outlet);
    const from = `articles a${where.length ? ' WHERE ' + where.join(' AND ') : ''}`;
    return this.page(q, from, params, SqlRepo.SUMMARY, 'a.published DESC NULLS LAST, a.id', toSummary);
  }

  async getArticle(id: string): Promise<ArticleDetail | null> {
    const row = await this.get(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = ?`, [id]);
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

  /** Events in the order every list and export gives them: by day, then article, then as inserted. */
  private get eventOrder(): string {
    return `e.day NULLS FIRST, e.article, e.${this.dialect.insertOrder}`;
  }

  async listEvents(f: EventFilter): Promise<Page<PloverEvent>> {
    const { where, params } = this.eventWhere(f);
    const from = `events e${where.length ? ' WHERE ' + where.join(' AND ') : ''}`;
    const page = await this.page(f, from, params, 'e.article, e.id', this.eventOrder, (r) => r);
    return { ...page, items: present(await this.itemsOf(page.items, (l) => l.events)) };
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
    // quotes at one offset (one passage, two readings) by id: the same order from both backends
    const page = await this.page(f, from, params, 'q.article, q.id', 'q.article, q.start, q.id', (r) => r);
    return { ...page, items: present(await this.itemsOf(page.items, (l) => l.quotes)) };
  }

  /** Stories with their outlets and counts, for a page of `stories` rows (three statements for the whole page). */
  private async storySummaries(rows: Row[]): Promise<StorySummary[]> {
    const stories = rows.map((r) => JSON.parse(r.json as string) as Story);
    const list = this.dialect.idList(stories.map((s) => s.id));
    const arts = await this.all(`SELECT story, outlet, duplicate_of FROM articles WHERE story IN ${list.sql}`, [list.param]);
    const count = async (sql: string) => new Map((await this.all(sql, [list.param])).map((r) => [r.story as string, Number(r.n)]));
    const events = await count(`SELECT a.story, count(*) AS n FROM events e JOIN articles a ON a.id = e.article WHERE a.story IN ${list.sql} GROUP BY a.story`);
    const quotes = await count(`SELECT a.story, count(*) AS n FROM quotes q JOIN articles a ON a.id = q.article
      WHERE q.kind <> 'scare' AND a.story IN ${list.sql} GROUP BY a.story`);
    return stories.map((story) => {
      const mine = arts.filter((a) => a.story === story.id);
      return {
        ...story,
        outlets: [...new Set(mine.map((a) => str(a.outlet)).filter((o): o is string => o !== null))].sort(),
        origins: story.origins ?? mine.filter((a) => a.duplicate_of === null).length,
        events: events.get(story.id) ?? 0,
        quotes: quotes.get(story.id) ?? 0,
      };
    });
  }

  async listStories(q: PageQuery & { from?: string; to?: string; actor?: string }): Promise<Page<StorySummary>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.from !== undefined) where.push('coalesce("end", start) >= ?'), params.push(q.from);
    if (q.to !== undefined) where.push('start <= ?'), params.push(q.to);
    if (q.actor !== undefined) where.push(`EXISTS (SELECT 1 FROM ${this.dialect.jsonEach('stories.json', 'actors')} WHERE value = ?)`), params.push(q.actor);
    const from = `stories${where.length ? ' WHERE ' + where.join(' AND ') : ''}`;
    const page = await this.page(q, from, params, 'json', 'start DESC NULLS LAST, id', (r) => r);
    return { ...page, items: await this.storySummaries(page.items) };
  }

  async getStory(id: string): Promise<StoryDetail | null> {
    const row = await this.get('SELECT json FROM stories WHERE id = ?', [id]);
    if (!row) return null;
    const [story] = await this.storySummaries([row]);
    const rows = await this.all(`SELECT ${SqlRepo.SUMMARY} FROM articles a WHERE a.story = ? ORDER BY a.published NULLS FIRST, a.id`, [id]);
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
    const claimRows = await this.all(
      `SELECT c.json, ce.article, ce.side FROM claims c JOIN claim_evidence ce ON ce.claim = c.id
       WHERE ce.article IN (SELECT id FROM articles WHERE story = ?) ORDER BY c.id`,
      [id],
    );
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
      story: story!,
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
    const select = `e.id, e.name, e.kind, e.country, e.sector, e.role,
      (SELECT coalesce(sum(m.mentions), 0) FROM entity_articles m WHERE m.entity = e.id${counted}) AS n_mentions,
      (SELECT count(*) FROM entity_articles m WHERE m.entity = e.id${counted}) AS n_articles`;
    return this.page(q, from, params, select, 'n_mentions DESC, e.id', (r) => ({
      id: r.id as string, name: r.name as string, kind: r.kind as Entity['kind'], country: str(r.country),
      sector: str(r.sector), role: str(r.role), mentions: Number(r.n_mentions), articles: Number(r.n_articles),
    }));
  }

  async listClaims(q: PageQuery & { actor?: string }): Promise<Page<ClaimWithText>> {
    const params: unknown[] = [];
    let from = 'claims';
    if (q.actor !== undefined) {
      const names = (key: string) => `EXISTS (SELECT 1 FROM ${this.dialect.jsonEach('claims.json', key)} WHERE value = ?)`;
      from = `claims WHERE ${names('assertedBy')} OR ${names('deniedBy')}`;
      params.push(q.actor, q.actor);
    }
    const page = await this.page(q, from, params, 'json', 'id', (r) => JSON.parse(r.json as string) as Claim);
    const ids = page.items.flatMap((c) => c.evidence.map((e) => e.article));
    const layers = await this.layersOf(ids);
    const articles = new Map<string, Row>();
    for (const slice of idSlices(ids)) {
      const list = this.dialect.idList(slice);
      for (const r of await this.all(`SELECT id, outlet, title FROM articles WHERE id IN ${list.sql}`, [list.param])) articles.set(r.id as string, r);
    }
    // Evidence is read as words, not ids: the quote or the event's sentence, and who carried it.
    const textOf = (e: Claim['evidence'][number]): string | null => {
      const l = layers.get(e.article)?.layers;
      if (e.kind === 'quote') return l?.quotes.find((x) => x.id === e.id)?.text ?? null;
      return l?.events.find((x) => x.id === e.id)?.evidence.text ?? null;
    };
    const withText = (c: Claim): ClaimWithText => ({
      ...c,
      evidence: c.evidence.map((e) => {
        const a = articles.get(e.article);
        return { ...e, text: textOf(e), outlet: str(a?.outlet), title: str(a?.title) };
      }),
    });
    return { ...page, items: page.items.map(withText) };
  }

  // Grouped rows come sorted (SQLite sorts them, PostgreSQL may hash them): ties and the
  // order of each point's types then fall alike in both backends.
  async dyads(q: DyadQuery): Promise<DyadSeries> {
    const { where, params } = this.eventWhere({ source: q.source, target: q.target, actor: q.actor, type: q.type, from: q.from, to: q.to, copies: q.copies });
    where.push(COUNTED, 'e.day IS NOT NULL');
    const rows = await this.all(`SELECT e.day, e.type, count(*) AS n FROM events e WHERE ${where.join(' AND ')} GROUP BY e.day, e.type ORDER BY e.day, e.type`, params);
    const points = new Map<string, DyadPoint>();
    for (const r of rows) {
      const period = bucket(r.day as string, q.interval);
      const type = r.type as PloverType;
      const n = Number(r.n);
      let p = points.get(period);
      if (!p) points.set(period, (p = { period, count: 0, intensity: 0, byType: {} }));
      p.count += n;
      p.intensity += n * (INTENSITY[type] ?? 0);
      p.byType[type] = (p.byType[type] ?? 0) + n;
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
    const rows = await this.all(`SELECT e.place_country AS country, e.type, count(*) AS n FROM events e WHERE ${where.join(' AND ')} GROUP BY e.place_country, e.type ORDER BY e.place_country, e.type`, params);
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
    const rows = await this.all(
      `SELECT e.place AS name, e.place_country AS country, e.lat, e.lon, e.type, e.article, e.id
       FROM events e WHERE ${where.join(' AND ')} ORDER BY ${this.eventOrder}`,
      params,
    );
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
    const examples = await this.itemsOf(firsts, (l) => l.events);
    [...places.values()].forEach((p, i) => {
      const ev = examples[i]?.evidence;
      if (ev) Object.assign(p.example, { start: ev.start, end: ev.end, text: ev.text });
    });
    return [...places.values()].sort((a, b) => b.events - a.events || a.name.localeCompare(b.name));
  }

  async network(q: { from?: string; to?: string; actor?: string; type?: string } & CopiesOption): Promise<Network> {
    const { where, params } = this.eventWhere({ from: q.from, to: q.to, actor: q.actor, type: q.type, copies: q.copies });
    where.push(COUNTED);
    const rows = await this.all(
      `SELECT s.actor AS source, t.actor AS target, e.type, count(*) AS n
       FROM events e
       JOIN event_actors s ON s.article = e.article AND s.event = e.id AND s.role = 'source' AND s.actor IS NOT NULL
       JOIN event_actors t ON t.article = e.article AND t.event = e.id AND t.role = 'target' AND t.actor IS NOT NULL
       WHERE ${where.join(' AND ')} AND s.actor <> t.actor
       GROUP BY s.actor, t.actor, e.type ORDER BY s.actor, t.actor, e.type`,
      params,
    );
    const edges = new Map<string, NetworkEdge>();
    const nodes = new Map<string, number>();
    for (const r of rows) {
      const [source, target, n] = [r.source as string, r.target as string, Number(r.n)];
      const key = `${source}\u0000${target}`;
      let e = edges.get(key);
      if (!e) edges.set(key, (e = { source, target, weight: 0, intensity: 0 }));
      e.weight += n;
      e.intensity += n * (INTENSITY[r.type as PloverType] ?? 0);
      nodes.set(source, (nodes.get(source) ?? 0) + n);
      nodes.set(target, (nodes.get(target) ?? 0) + n);
    }
    return {
      nodes: [...nodes].map(([id, events]) => ({ id, events })).sort((a, b) => b.events - a.events || a.id.localeCompare(b.id)),
      edges: [...edges.values()].sort((a, b) => b.weight - a.weight),
    };
  }

  async exportEvents(q: CopiesOption = {}): Promise<ExportEvent[]> {
    const rows = await this.all(
      `SELECT e.article, e.id, a.url, a.outlet, a.published, a.path, ${this.dialect.lead('a.body')} AS lead
      FROM events e JOIN articles a ON a.id = e.article ${q.copies ? '' : 'WHERE a.duplicate_of IS NULL '}ORDER BY ${this.eventOrder}`,
    );
    const events = await this.itemsOf(rows, (l) => l.events);
    return rows.flatMap((r, i) => (events[i] ? [{
      ...events[i],
      url: str(r.url), outlet: str(r.outlet), published: str(r.published), path: r.path as string,
      leadEnd: (r.lead as string).length,
    }] : []));
  }
}
