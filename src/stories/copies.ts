// Copy detection: exact copies by normalised text, near copies by MinHash
// with an LSH index over word shingles, spun rewrites by their skeleton of
// names and numbers. Per-article state lives in growable typed arrays so that
// 100,000 signatures cost a few tens of megabytes.
import { fmix, grow, hashString, minhash, shingles, similarity } from './hash.js';
import { normalizedHash, wordHashes } from './text.js';

/** The article flags a copy gets: a wire reprint, a lightly edited copy, a spun rewrite. */
export const COPY_KINDS = ['copy-verbatim', 'copy-edited', 'spun-text'] as const;
export type CopyKind = (typeof COPY_KINDS)[number];

/** Word shingle length: long enough that two independent reports rarely share one. */
const SHINGLE = 4;
const BINS = 64;
/** 16 bands of 4 rows: pairs above about 0.5 Jaccard become candidates. */
const BANDS = 16;
const ROWS = BINS / BANDS;
const SKELETON_BINS = 32;
const SKELETON_SHINGLE = 5;
/** Fewer names and numbers than this cannot tell a spun rewrite from another report naming the same few parties. */
const MIN_SKELETON = 8;
/** Minimum estimated Jaccard of word shingles for a near copy. */
export const NEAR = 0.5;
/**
 * Paragraphs shorter than this many words (a credit, a promo the clean stage
 * missed) do not count when telling a reprint from an edit.
 */
const MIN_PARAGRAPH = 8;
/** Articles of one LSH band compared with a new one, the newest first. */
const CANDIDATES = 64;
/** Minimum skeleton similarity for a spun rewrite. */
export const SPUN = 0.6;

export interface CopySignature {
  exact: number;
  words: Uint32Array;
  skeleton: Uint32Array;
  skeletonLength: number;
  /** One hash per normalised paragraph, to tell a reprint (paragraphs kept or cut whole) from an edit. */
  paragraphs: Uint32Array;
}

/** Signatures of a body, from its words and skeleton (see text.ts), computed once by the caller. */
export function signature(body: string, ws: string[], sk: string[]): CopySignature {
  const wh = wordHashes(ws);
  let exact = ws.length;
  for (const h of wh) exact = fmix(Math.imul(exact, 0x9e3779b1) ^ h);
  const skh = new Uint32Array(sk.length);
  for (let i = 0; i < sk.length; i++) skh[i] = hashString(sk[i]!);
  const paragraphs: number[] = [];
  for (const p of body.split(/\n+/)) {
    const n = normalizedHash(p);
    if (n.words >= MIN_PARAGRAPH) paragraphs.push(n.hash);
  }
  return {
    exact,
    words: minhash(shingles(wh, SHINGLE), BINS),
    skeleton: minhash(shingles(skh, SKELETON_SHINGLE), SKELETON_BINS),
    skeletonLength: sk.length,
    paragraphs: Uint32Array.from(paragraphs),
  };
}

export interface CopyMatch {
  /** Article number of the earliest copy. */
  root: number;
  kind: CopyKind;
  similarity: number;
}

/**
 * Signatures of the articles added over a span of days, numbered from `base`.
 * The index keeps two generations and drops the older one when a new one
 * starts, so memory follows the window and not the corpus.
 */
class Generation {
  count = 0;
  firstDay = NaN;
  words = new Uint32Array(BINS * 256);
  skel = new Uint32Array(SKELETON_BINS * 256);
  next = new Int32Array(BANDS * 256);
  heads = new Map<number, number>();
  exact = new Map<number, number>();
  paragraphs: Uint32Array[] = [];

  constructor(readonly base: number) {}

  has(n: number): boolean {
    return n >= this.base && n < this.base + this.count;
  }

  add(sig: CopySignature, day: number): void {
    const n = this.count++;
    if (Number.isNaN(this.firstDay)) this.firstDay = day;
    this.words = grow(this.words, this.count * BINS, (k) => new Uint32Array(k));
    this.skel = grow(this.skel, this.count * SKELETON_BINS, (k) => new Uint32Array(k));
    this.next = grow(this.next, this.count * BANDS, (k) => new Int32Array(k));
    this.words.set(sig.words, n * BINS);
    this.skel.set(sig.skeleton, n * SKELETON_BINS);
    this.paragraphs.push(sig.paragraphs);
    if (!this.exact.has(sig.exact)) this.exact.set(sig.exact, this.base + n);
    for (let b = 0; b < BANDS; b++) {
      const key = bandKey(sig.words, b);
      this.next[n * BANDS + b] = this.heads.get(key) ?? -1;
      this.heads.set(key, n);
    }
  }

  /** The most similar article here, by global number, with its similarity. */
  nearest(sig: CopySignature): { n: number; sim: number } {
    let best = -1;
    let bestSim = 0;
    const seen = new Set<number>();
    for (let b = 0; b < BANDS; b++) {
      // Newest first, and only the last CANDIDATES of a band: thousands of copies of one text share
      // every band, and comparing each new one with all of them grew with the square of their number.
      let walked = 0;
      for (let n = this.heads.get(bandKey(sig.words, b)) ?? -1; n >= 0 && walked++ < CANDIDATES; n = this.next[n * BANDS + b]!) {
        if (seen.has(n)) continue;
        seen.add(n);
        const s = similarity(sig.words, this.words, 0, n * BINS, BINS);
        if (s > bestSim) {
          best = n;
          bestSim = s;
        }
      }
    }
    return { n: best < 0 ? -1 : this.base + best, sim: bestSim };
  }
}

/** Articles are numbered in the order they are added. */
export class CopyIndex {
  private count = 0;
  private roots = new Int32Array(1024);
  private older: Generation | null = null;
  private current = new Generation(0);

  /** @param spanDays how many days one generation covers; copies are found up to one to two spans back. */
  constructor(private readonly spanDays: number) {}

  private genOf(n: number): Generation | null {
    if (this.current.has(n)) return this.current;
    return this.older?.has(n) ? this.older : null;
  }

  /** Finds what a new article copies, without adding it. */
  match(sig: CopySignature): CopyMatch | null {
    for (const g of [this.current, this.older]) {
      const same = g?.exact.get(sig.exact);
      if (same !== undefined) return { root: this.roots[same]!, kind: 'copy-verbatim', similarity: 1 };
    }
    let best = this.current.nearest(sig);
    const old = this.older?.nearest(sig);
    if (old && old.sim > best.sim) best = old;
    if (best.n < 0 || best.sim < NEAR) return null;
    const g = this.genOf(best.n)!;
    const theirs = g.paragraphs[best.n - g.base]!;
    const verbatim = within(sig.paragraphs, theirs) || within(theirs, sig.paragraphs);
    return { root: this.roots[best.n]!, kind: verbatim ? 'copy-verbatim' : 'copy-edited', similarity: best.sim };
  }

  /**
   * Whether the article is a spun rewrite of one of `originals`: the same
   * names and numbers in the same order with few word shingles left in common.
   */
  spunFrom(sig: CopySignature, originals: Iterable<number>): CopyMatch | null {
    let best: CopyMatch | null = null;
    if (sig.skeletonLength < MIN_SKELETON) return null;
    for (const n of originals) {
      const g = this.genOf(n);
      if (!g) continue;
      const local = n - g.base;
      const s = similarity(sig.skeleton, g.skel, 0, local * SKELETON_BINS, SKELETON_BINS);
      if (s < SPUN || (best && s <= best.similarity)) continue;
      if (similarity(sig.words, g.words, 0, local * BINS, BINS) >= NEAR) continue;
      best = { root: this.roots[n]!, kind: 'spun-text', similarity: s };
    }
    return best;
  }

  /** Adds an article published on `day` (NaN if unknown); `root` is the article it copies, if any. Returns its number. */
  add(sig: CopySignature, root: number | null, day: number): number {
    const n = this.count++;
    this.roots = grow(this.roots, this.count, (k) => new Int32Array(k));
    this.roots[n] = root ?? n;
    if (day - this.current.firstDay > this.spanDays) {
      this.older = this.current;
      this.current = new Generation(n);
    }
    this.current.add(sig, day);
    return n;
  }
}

function bandKey(sig: Uint32Array, band: number): number {
  let h = band + 1;
  for (let r = 0; r < ROWS; r++) h = Math.imul(h ^ sig[band * ROWS + r]!, 0x9e3779b1) ^ (h >>> 15);
  return h | 0;
}

/** Whether every paragraph of `a` is also in `b`: a reprint may drop whole paragraphs but changes none. */
function within(a: Uint32Array, b: Uint32Array): boolean {
  for (const h of a) if (!b.includes(h)) return false;
  return true;
}
