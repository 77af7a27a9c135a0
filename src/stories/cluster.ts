// Incremental story clustering. A story keeps a compact TF-IDF centroid, its
// actors and coded events and its date span; a new article is scored only
// against the live stories that share its heaviest terms (an inverted index),
// and stories whose last article is far behind the newest one are closed and
// their vectors dropped, so memory follows the window, not the corpus.
import type { Doc, Story } from '../types.js';
import { COPY_KINDS, CopyIndex, signature, type CopyKind, type CopySignature } from './copies.js';
import { grow, hashString } from './hash.js';
import { skeleton, terms, words } from './text.js';

export interface StoryOptions {
  /** Largest gap in days between an article and a story's date span that still joins it. */
  windowDays: number;
  /** Longest span a story may cover: running coverage of a war is many stories, not one. */
  spanDays: number;
  /** Stories whose end is this many days behind the newest article are closed. */
  evictDays: number;
  /** Minimum combined score to join a story. */
  threshold: number;
}

// Reports of one happening cluster within a few days; look-alikes (same
// actors, another meeting or another strike) come weeks apart.
export const DEFAULTS: StoryOptions = { windowDays: 4, spanDays: 10, evictDays: 21, threshold: 0.25 };

/** Terms kept per article vector and per story centroid, and terms posted per story. */
const DOC_TERMS = 48;
const CENTROID_TERMS = 64;
const POSTED_TERMS = 24;
/** Heaviest article terms used to look up candidate stories. */
const QUERY_TERMS = 16;
const MAX_CANDIDATES = 40;
/** Origins per story kept for the spun-rewrite check. */
const MAX_ORIGINS = 32;
const ACTOR_WEIGHT = 0.15;
/** Below this actor cosine an article is about other parties than the story, whatever its words. */
const ACTOR_FLOOR = 0.4;
const ACTOR_MISMATCH = 0.15;
const EVENT_WEIGHT = 0.15;
const GAP_PENALTY = 0.02;
/** Without dates on both sides only the text speaks, so it must speak louder. */
const UNDATED_PENALTY = 0.1;
/** Headlines name the happening: their terms count as much as this many body mentions. */
const TITLE_WEIGHT = 3;
/** Names say who and where: a mid-sentence capitalised word counts this much on top of its mention. */
const NAME_WEIGHT = 1;
/**
 * Pseudo-documents added to the corpus size in IDF: a handful of articles says
 * little about which words are common, so small corpora weigh terms almost evenly.
 */
const IDF_PRIOR = 20;

const DAY = 86_400_000;

interface Vector {
  terms: Uint32Array;
  weights: Float32Array;
}

interface Cluster {
  num: number;
  id: string;
  title: string;
  /** Whether the title is a headline, not the lead sentence standing in for one. */
  titled: boolean;
  articles: string[];
  origins: number;
  start: number;
  end: number;
  startIso: string | null;
  endIso: string | null;
  /** Articles naming each actor. */
  actors: Map<string, number>;
  /** Live state, dropped when the story closes. */
  actorMass: Map<string, number> | null;
  /** Sum of squares of `actorMass`, computed when first needed after a change. */
  actorNorm: number | null;
  sum: Map<number, number> | null;
  centroid: Vector | null;
  posted: Uint32Array;
  events: Set<string> | null;
  originDocs: number[] | null;
}

export interface Added {
  story: string;
  duplicateOf: string | null;
  kind: CopyKind | null;
}

/**
 * How an article credits its text, which orders look-alikes published at the
 * same time: 0 when its dateline credits its own outlet (the wire's own story,
 * "WARSAW (Capital Wire) —" at Capital Wire), 1 with no credit, 2 when it
 * credits another outlet (a reprint says whose story it carries).
 */
export function creditRank(article: Doc['article']): number {
  const credit = article.removed.find((r) => r.reason === 'dateline')?.text.match(/\(([^()]+)\)/)?.[1];
  if (!credit) return 1;
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const outlet = norm(article.outlet ?? '');
  if (!outlet) return 1;
  const initials = outlet.split(' ').map((w) => w[0]).join('');
  const c = norm(credit);
  return c === outlet || c.replace(/ /g, '') === initials ? 0 : 2;
}

/** Publication instant in ms (a bare date counts as its noon, UTC), NaN if unknown. */
function timeOf(published: string | null): number {
  if (!published) return NaN;
  const t = Date.parse(published.length === 10 ? `${published}T12:00:00Z` : published);
  return Number.isFinite(t) ? t : NaN;
}

/** Actor codes an article is about (acting parties, not places), with how often each is named. */
export function docActors(doc: Doc): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of doc.mentions) if (m.actor && !m.place) out.set(m.actor, (out.get(m.actor) ?? 0) + 1);
  return out;
}

function squares(a: Map<string, number>): number {
  let n = 0;
  for (const v of a.values()) n += v * v;
  return n;
}

/**
 * Cosine of two actor-count vectors given their sums of squares: who an
 * article is mostly about, not just who it names.
 */
function actorCosine(a: Map<string, number>, na: number, b: Map<string, number>, nb: number): number {
  let d = 0;
  for (const [k, v] of a) d += v * (b.get(k) ?? 0);
  return na > 0 && nb > 0 ? d / Math.sqrt(na * nb) : 0;
}

/** Indices of a vector's `k` heaviest terms, heaviest first (ties in term order). */
function heaviest(vec: Vector, k: number): number[] {
  // Weights are non-negative, so their float bits order like them; packed with the index
  // below them in one exact float, the native numeric sort does the work.
  const n = vec.weights.length;
  const bits = new Uint32Array(vec.weights.buffer, vec.weights.byteOffset, n);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = bits[i]! * SLOTS + (SLOTS - 1 - i);
  keys.sort();
  const out: number[] = [];
  for (let i = n - 1; i >= 0 && out.length < k; i--) out.push(SLOTS - 1 - (keys[i]! % SLOTS));
  return out;
}

/**
 * Coded events as source|type|target, the unit two reports of one happening
 * share; with the event's day when it is known to the day, which tells this
 * week's accusation from last month's.
 */
function docEvents(doc: Doc): Set<string> {
  const out = new Set<string>();
  for (const e of doc.events) {
    if (e.negated) continue;
    for (const s of e.source) {
      for (const t of e.target) {
        if (!s.actor || !t.actor || s.actor === t.actor) continue;
        const key = `${s.actor}|${e.type}|${t.actor}`;
        out.add(key);
        if (e.date && e.datePrecision === 'day') out.add(`${key}@${e.date.slice(0, 10)}`);
      }
    }
  }
  return out;
}

function dot(a: Vector, b: Vector): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.terms.length && j < b.terms.length) {
    const x = a.terms[i]!;
    const y = b.terms[j]!;
    if (x === y) s += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}

/** The `k` heaviest entries of a sparse vector, L2-normalised, sorted by term for merge-joins. */
function topVector(weights: Map<number, number>, k: number): Vector {
  const ts = new Uint32Array(weights.size);
  const ws = new Float64Array(weights.size);
  let i = 0;
  for (const [t, w] of weights) {
    ts[i] = t;
    ws[i++] = w;
  }
  return top(ts, ws, k);
}

function top(ts: Uint32Array, ws: Float64Array, k: number): Vector {
  const n = ts.length;
  const floor = n > k ? select(ws.slice(), n - k) : -Infinity;
  const keep: number[] = [];
  for (let j = 0; j < n && keep.length < k; j++) if (ws[j]! > floor) keep.push(j);
  for (let j = 0; j < n && keep.length < k; j++) if (ws[j] === floor) keep.push(j);
  // Terms are distinct, so (term, slot) packed in one exact float sorts by term with the native numeric sort.
  const keys = new Float64Array(keep.length);
  for (let i = 0; i < keep.length; i++) keys[i] = ts[keep[i]!]! * SLOTS + i;
  keys.sort();
  const terms = new Uint32Array(keep.length);
  const order = new Int32Array(keep.length);
  let norm = 0;
  for (let i = 0; i < keys.length; i++) {
    const slot = keys[i]! % SLOTS;
    const j = keep[slot]!;
    terms[i] = ts[j]!;
    order[i] = j;
    norm += ws[j]! * ws[j]!;
  }
  norm = Math.sqrt(norm) || 1;
  const weights = new Float32Array(keep.length);
  for (let i = 0; i < order.length; i++) weights[i] = ws[order[i]!]! / norm;
  return { terms, weights };
}

/** Above the largest `k` of any vector, so a slot fits beside a 32-bit term in a float's 53 bits. */
const SLOTS = 128;

/** The value at `rank` in the ascending order of `xs` (quickselect; reorders `xs`). */
function select(xs: Float64Array, rank: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const pivot = xs[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i]! < pivot) i++;
      while (xs[j]! > pivot) j--;
      if (i <= j) {
        const t = xs[i]!;
        xs[i++] = xs[j]!;
        xs[j--] = t;
      }
    }
    if (rank <= j) hi = j;
    else if (rank >= i) lo = i;
    else break;
  }
  return xs[rank]!;
}

/**
 * What the stories stage reads of one article's text: its terms and their weights, and its
 * copy signature. An article's own, so that the thread that analysed it can compute them
 * (`--jobs`), where they cost no time at the end of the run.
 */
export interface StoryTerms {
  /** Term counts, in typed arrays: a whole batch waits for its document frequencies, and Maps would weigh on the heap. */
  terms: Uint32Array;
  counts: Float64Array;
  sig: CopySignature;
}

export function storyTerms(doc: Doc): StoryTerms {
  const counts = new Map<number, number>();
  const bump = (t: string, w: number) => {
    const h = hashString(t);
    counts.set(h, (counts.get(h) ?? 0) + w);
  };
  const body = doc.article.body;
  const ws = words(body);
  const sk = skeleton(body);
  for (const t of terms(words(doc.article.title ?? ''))) bump(t, TITLE_WEIGHT);
  for (const t of terms(ws)) bump(t, 1);
  for (const t of terms(sk)) bump(t, NAME_WEIGHT);
  return { terms: Uint32Array.from(counts.keys()), counts: Float64Array.from(counts.values()), sig: signature(body, ws, sk) };
}

interface Prepared extends StoryTerms {
  doc: Doc;
  order: number;
  /** Publication instant (ms) and day, NaN when unknown. */
  time: number;
  credit: number;
  day: number;
}

export class StoryIndex {
  private readonly options: StoryOptions;
  private readonly copies: CopyIndex;
  private readonly df = new Map<number, number>();
  private docsSeen = 0;
  private readonly clusters: Cluster[] = [];
  private readonly postings = new Map<number, Set<number>>();
  private readonly live = new Set<number>();
  /** Story number of each article number in the copy index. */
  private storyOfDoc = new Int32Array(1024);
  private hits = new Int32Array(1024);
  private readonly articleIds: string[] = [];
  private newest = -Infinity;
  private readonly byArticle = new Map<string, Added>();

  constructor(options: Partial<StoryOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
    this.copies = new CopyIndex(this.options.evictDays);
  }

  /**
   * Adds a batch of articles, earliest first (by publication time, then the
   * outlet's own story before an uncredited one before a credited reprint (see
   * `creditRank`), then by article id; undated last), and sets each article's `story`, `duplicateOf`
   * and copy flag. The order never depends on how the batch was listed: which
   * of two look-alikes is the original, and so each story's id, is the same
   * whatever order the files were read in (`analyze` reads them by path,
   * `ingest` reloads them by id). Document frequencies take in the whole batch first, so a
   * one-shot batch is weighted as if it had been seen before. `given`: each article's
   * `storyTerms`, when the thread that analysed it computed them already (`--jobs`).
   */
  add(docs: Doc[], given?: readonly (StoryTerms | undefined)[]): Added[] {
    const prepared: Prepared[] = docs.map((doc, order) => {
      const time = timeOf(doc.article.published);
      return {
        doc,
        order,
        time,
        credit: creditRank(doc.article),
        day: Math.floor(time / DAY),
        ...(given?.[order] ?? storyTerms(doc)),
      };
    });
    for (const p of prepared) for (const t of p.terms) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    this.docsSeen += prepared.length;
    prepared.sort((a, b) => {
      const at = Number.isNaN(a.time) ? Infinity : a.time;
      const bt = Number.isNaN(b.time) ? Infinity : b.time;
      if (at !== bt) return at < bt ? -1 : 1;
      if (a.credit !== b.credit) return a.credit - b.credit;
      const ai = a.doc.article.id;
      const bi = b.doc.article.id;
      return ai < bi ? -1 : ai > bi ? 1 : a.order - b.order;
    });
    const out: Added[] = new Array(docs.length);
    for (const p of prepared) out[p.order] = this.addOne(p);
    return out;
  }

  /** Where an added article went. */
  get(articleId: string): Added | undefined {
    return this.byArticle.get(articleId);
  }

  private vectorOf(terms: Uint32Array, counts: Float64Array): Vector {
    const ws = new Float64Array(terms.length);
    const logN = Math.log(this.docsSeen + IDF_PRIOR);
    for (let i = 0; i < terms.length; i++) {
      // No +1 on the IDF: a word in nearly every article (a template, a beat's stock phrase) weighs nothing.
      ws[i] = (1 + Math.log(counts[i]!)) * Math.max(0, logN - Math.log((this.df.get(terms[i]!) ?? 0) + 1));
    }
    return top(terms, ws, DOC_TERMS);
  }

  private addOne(p: Prepared): Added {
    const { doc, day } = p;
    if (day > this.newest) {
      this.newest = day;
      this.evict();
    }
    const { sig } = p;
    const actors = docActors(doc);
    const events = docEvents(doc);
    const vec = this.vectorOf(p.terms, p.counts);
    let copy = this.copies.match(sig);
    let target: Cluster | null = null;
    if (copy) target = this.clusters[this.storyOfDoc[copy.root]!]!;
    else {
      const scored = this.candidates(vec, day, actors, events);
      for (const { cluster } of scored.slice(0, 5)) {
        if (!cluster.originDocs) continue;
        const spun = this.copies.spunFrom(sig, cluster.originDocs);
        if (spun && (!copy || spun.similarity > copy.similarity)) {
          copy = spun;
          target = cluster;
        }
      }
      if (!copy && scored.length > 0 && scored[0]!.score >= this.options.threshold) target = scored[0]!.cluster;
    }
    const n = this.copies.add(sig, copy ? copy.root : null, day);
    const cluster = target ?? this.open(doc);
    this.storyOfDoc = grow(this.storyOfDoc, n + 1, (k) => new Int32Array(k));
    this.storyOfDoc[n] = cluster.num;
    this.articleIds.push(doc.article.id);
    this.join(cluster, doc, n, day, actors, events, copy ? null : vec);
    const added: Added = {
      story: cluster.id,
      duplicateOf: copy ? this.articleIds[copy.root]! : null,
      kind: copy ? copy.kind : null,
    };
    doc.article.story = added.story;
    doc.article.duplicateOf = added.duplicateOf;
    // A stored article comes back with the copy flag of the last run; this run's verdict replaces it.
    doc.article.flags = doc.article.flags.filter((f) => !(COPY_KINDS as readonly string[]).includes(f));
    if (added.kind) doc.article.flags.push(added.kind);
    this.byArticle.set(doc.article.id, added);
    return added;
  }

  private candidates(vec: Vector, day: number, actors: Map<string, number>, events: Set<string>): { cluster: Cluster; score: number }[] {
    // Shared query terms per story, in an array indexed by story number, zeroed again after use.
    const hits = (this.hits = grow(this.hits, this.clusters.length, (k) => new Int32Array(k)));
    const touched: number[] = [];
    for (const i of heaviest(vec, QUERY_TERMS)) for (const c of this.postings.get(vec.terms[i]!) ?? []) if (hits[c]!++ === 0) touched.push(c);
    // Most shared terms first, first found first among equals.
    const pool = touched.sort((a, b) => hits[b]! - hits[a]!).slice(0, MAX_CANDIDATES);
    for (const c of touched) hits[c] = 0;
    const out: { cluster: Cluster; score: number }[] = [];
    const actorNorm = squares(actors);
    // A dated event (key with '@') is the same happening; an undated one may be another of its kind.
    const eventWeights = [...events].map((e) => [e, e.includes('@') ? 1 : 0.5] as const);
    for (const num of pool) {
      const c = this.clusters[num]!;
      const dated = !Number.isNaN(day) && !Number.isNaN(c.start);
      const gap = dated ? Math.max(0, c.start - day, day - c.end) : 0;
      if (gap > this.options.windowDays) continue;
      if (dated && Math.max(c.end, day) - Math.min(c.start, day) > this.options.spanDays) continue;
      const actorSim = actorCosine(actors, actorNorm, c.actorMass!, (c.actorNorm ??= squares(c.actorMass!)));
      let eventHit = 0;
      for (const [e, w] of eventWeights) if (c.events!.has(e)) eventHit = Math.max(eventHit, w);
      const score =
        dot(vec, c.centroid!) +
        ACTOR_WEIGHT * actorSim -
        (actors.size > 0 && c.actorMass!.size > 0 && actorSim < ACTOR_FLOOR ? ACTOR_MISMATCH : 0) +
        EVENT_WEIGHT * eventHit -
        GAP_PENALTY * gap -
        (dated ? 0 : UNDATED_PENALTY);
      out.push({ cluster: c, score });
    }
    return out.sort((a, b) => b.score - a.score);
  }

  private open(doc: Doc): Cluster {
    const num = this.clusters.length;
    const c: Cluster = {
      num,
      id: `story-${hashString(doc.article.id).toString(16).padStart(8, '0')}`,
      title: doc.article.title || lead(doc.article.body),
      titled: false,
      articles: [],
      origins: 0,
      start: NaN,
      end: NaN,
      startIso: null,
      endIso: null,
      actors: new Map(),
      actorMass: new Map(),
      actorNorm: null,
      sum: new Map(),
      centroid: { terms: new Uint32Array(0), weights: new Float32Array(0) },
      posted: new Uint32Array(0),
      events: new Set(),
      originDocs: [],
    };
    this.clusters.push(c);
    this.live.add(num);
    return c;
  }

  private join(c: Cluster, doc: Doc, n: number, day: number, actors: Map<string, number>, events: Set<string>, vec: Vector | null): void {
    c.articles.push(doc.article.id);
    // The earliest article names the story; if it has no headline, the next one that does.
    if (c.articles.length > 1 && !c.titled && doc.article.title) c.title = doc.article.title;
    c.titled ||= !!doc.article.title;
    const iso = doc.article.published ? doc.article.published.slice(0, 10) : null;
    if (!Number.isNaN(day)) {
      if (Number.isNaN(c.start) || day < c.start) {
        c.start = day;
        c.startIso = iso;
      }
      if (Number.isNaN(c.end) || day > c.end) {
        c.end = day;
        c.endIso = iso;
      }
    }
    for (const a of actors.keys()) c.actors.set(a, (c.actors.get(a) ?? 0) + 1);
    if (!c.sum) return;
    let norm = 0;
    for (const v of actors.values()) norm += v * v;
    norm = Math.sqrt(norm);
    for (const [a, v] of actors) c.actorMass!.set(a, (c.actorMass!.get(a) ?? 0) + v / norm);
    c.actorNorm = null;
    for (const e of events) if (c.events!.size < 256) c.events!.add(e);
    // Copies add nothing new to the centroid: a wire story reprinted ten times is still one voice.
    if (!vec) return;
    c.origins++;
    if (c.originDocs!.length < MAX_ORIGINS) c.originDocs!.push(n);
    for (let i = 0; i < vec.terms.length; i++) c.sum.set(vec.terms[i]!, (c.sum.get(vec.terms[i]!) ?? 0) + vec.weights[i]!);
    if (c.sum.size > CENTROID_TERMS * 2) {
      const keep = [...c.sum].sort((a, b) => b[1] - a[1]).slice(0, CENTROID_TERMS);
      c.sum = new Map(keep);
    }
    c.centroid = topVector(c.sum, CENTROID_TERMS);
    this.repost(c);
  }

  private repost(c: Cluster): void {
    const cen = c.centroid;
    const top = cen ? heaviest(cen, POSTED_TERMS).map((i) => cen.terms[i]!) : [];
    for (const t of c.posted) this.postings.get(t)?.delete(c.num);
    for (const t of top) {
      let set = this.postings.get(t);
      if (!set) this.postings.set(t, (set = new Set()));
      set.add(c.num);
    }
    c.posted = Uint32Array.from(top);
  }

  private evict(): void {
    for (const num of this.live) {
      const c = this.clusters[num]!;
      if (Number.isNaN(c.end) || this.newest - c.end <= this.options.evictDays) continue;
      c.centroid = null;
      this.repost(c);
      c.sum = null;
      c.actorMass = null;
      c.events = null;
      c.originDocs = null;
      this.live.delete(num);
    }
    for (const [t, set] of this.postings) if (set.size === 0) this.postings.delete(t);
  }

  /** Every story so far, in the order they were opened. */
  stories(): Story[] {
    return this.clusters.map((c) => {
      const actors = [...c.actors].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      const floor = Math.ceil(c.articles.length / 2);
      return {
        id: c.id,
        title: c.title,
        articles: [...c.articles],
        start: c.startIso,
        end: c.endIso,
        actors: actors.filter(([, k], i) => k >= floor || i < 3).map(([a]) => a),
        origins: c.origins,
      };
    });
  }
}

/** The first sentence of a body, cut to a headline's length at a word boundary. */
function lead(body: string): string {
  const first = body.trim().split(/(?<=[.!?])\s+|\n/)[0] ?? '';
  return first.length <= 120 ? first : first.slice(0, first.lastIndexOf(' ', 117)) + '…';
}
