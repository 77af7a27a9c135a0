// The store's contract: every query the CLI, API and exports need, as the `Repo`
// interface, with the types it speaks in and the helpers every backend shares
// (dates, search words, snippets). Callers only see the interface, which is
// asynchronous because one backend (PostgreSQL, pg.ts) is; SQLite (sqlite.ts)
// answers synchronously underneath. The queries both backends run alike are
// written once, in sql.ts.
import { readData } from '../knowledge.js';
import type { Article, Claim, Doc, Entity, PloverEvent, PloverType, Quote, Story } from '../types.js';

/** A site line as stored: the key of a short line an article carries, with its path and outlet. */
export interface SiteLine {
  path: string;
  outlet: string | null;
  line: string;
}

/** Where a reader of the site lines got to (`Repo.siteLinesSince`); opaque to it. */
export interface SiteCursor {
  /** How many writes had removed site lines. */
  removals: string;
  /** The backend's mark of the lines read. */
  mark: string;
}

export interface SiteLinesRead {
  lines: SiteLine[];
  cursor: SiteCursor;
  /** Every line stored: what was learnt before is to be forgotten (lines were removed since). */
  whole: boolean;
}

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
  /**
   * The site lines stored since `cursor`, and where the next read starts: every line when
   * `cursor` is null or when a write has removed lines since (an article replaced or pruned),
   * as `whole` then says. A line may come twice; learning it twice changes nothing. A process
   * that stores batch after batch keeps its site memory this way instead of reading every
   * line for every batch.
   */
  siteLinesSince(cursor: SiteCursor | null): Promise<SiteLinesRead>;
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
  /** Every stored article's id and input hash, in id order: what the corpus updater of many workers compares with what it placed. */
  articleVersions(): Promise<{ id: string; hash: string }[]>;
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
