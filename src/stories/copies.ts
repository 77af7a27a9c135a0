// Copy detection: exact copies by normalised text, near copies by MinHash
// with an LSH index over word shingles, spun rewrites by their skeleton of
// names and numbers. Per-article state lives in growable typed arrays so that
// 100,000 signatures cost a few tens of megabytes.
import { grow, hashString, minhash, shingles, similarity } from './hash.js';
import { normalized, skeleton, wordHashes } from './text.js';

export type CopyKind = 'copy-verbatim' | 'copy-edited' | 'spun-text';

/** Word shingle length: long enough that two independent reports rarely share one. */
const SHINGLE = 4;
const BINS = 64;
/** 16 bands of 4 rows: pairs above about 0.5 Jaccard become candidates. */
const BANDS = 16;
const ROWS = BINS / BANDS;
const SKELETON_BINS = 32;
const SKELETON_SHINGLE = 3;
/** Minimum estimated Jaccard of word shingles for a near copy. */
export const NEAR = 0.5;
/** Minimum skeleton similarity for a spun rewrite. */
export const SPUN = 0.5;

export interface CopySignature {
  exact: number;
  words: Uint32Array;
  skeleton: Uint32Array;
  /** One hash per normalised paragraph, to tell a reprint (paragraphs kept or cut whole) from an edit. */
  paragraphs: Uint32Array;
}

export function signature(body: string): CopySignature {
  const wh = wordHashes(body);
  const sk = skeleton(body);
  const skh = new Uint32Array(sk.length);
  for (let i = 0; i < sk.length; i++) skh[i] = hashString(sk[i]!);
  return {
    exact: hashString(normalized(body)),
    words: minhash(shingles(wh, SHINGLE), BINS),
    skeleton: minhash(shingles(skh, SKELETON_SHINGLE), SKELETON_BINS),
    paragraphs: Uint32Array.from(body.split(/\n+/).map(normalized).filter((p) => p.length > 0), hashString),
  };
}

export interface CopyMatch {
  /** Article number of the earliest copy. */
  root: number;
  kind: CopyKind;
  similarity: number;
}

/** Articles are numbered in the order they are added; numbers index every array here. */
export class CopyIndex {
  private count = 0;
  private words = new Uint32Array(BINS * 1024);
  private skel = new Uint32Array(SKELETON_BINS * 1024);
  private roots = new Int32Array(1024);
  private next = new Int32Array(BANDS * 1024);
  private heads = new Map<number, number>();
  private exact = new Map<number, number>();
  private paragraphs: Uint32Array[] = [];

  get size(): number {
    return this.count;
  }

  /** The earliest article this one copies, or itself. */
  rootOf(n: number): number {
    return this.roots[n]!;
  }

  /** Finds what a new article copies, without adding it. */
  match(sig: CopySignature): CopyMatch | null {
    const same = this.exact.get(sig.exact);
    if (same !== undefined) return { root: this.roots[same]!, kind: 'copy-verbatim', similarity: 1 };
    let best = -1;
    let bestSim = 0;
    const seen = new Set<number>();
    for (let b = 0; b < BANDS; b++) {
      for (let n = this.heads.get(bandKey(sig.words, b)) ?? -1; n >= 0; n = this.next[n * BANDS + b]!) {
        if (seen.has(n)) continue;
        seen.add(n);
        const s = similarity(sig.words, this.words, 0, n * BINS, BINS);
        if (s > bestSim || (s === bestSim && n < best)) {
          best = n;
          bestSim = s;
        }
      }
    }
    if (best < 0 || bestSim < NEAR) return null;
    const verbatim = within(sig.paragraphs, this.paragraphs[best]!) || within(this.paragraphs[best]!, sig.paragraphs);
    return { root: this.roots[best]!, kind: verbatim ? 'copy-verbatim' : 'copy-edited', similarity: bestSim };
  }

  /**
   * Whether the article is a spun rewrite of one of `originals`: the same
   * names and numbers in the same order with few word shingles left in common.
   */
  spunFrom(sig: CopySignature, originals: Iterable<number>): CopyMatch | null {
    let best: CopyMatch | null = null;
    for (const n of originals) {
      const s = similarity(sig.skeleton, this.skel, 0, n * SKELETON_BINS, SKELETON_BINS);
      if (s < SPUN || (best && s <= best.similarity)) continue;
      if (similarity(sig.words, this.words, 0, n * BINS, BINS) >= NEAR) continue;
      best = { root: this.roots[n]!, kind: 'spun-text', similarity: s };
    }
    return best;
  }

  /** Adds an article; `root` is the article it copies (see `match`), if any. Returns its number. */
  add(sig: CopySignature, root: number | null): number {
    const n = this.count++;
    this.words = grow(this.words, this.count * BINS, (k) => new Uint32Array(k));
    this.skel = grow(this.skel, this.count * SKELETON_BINS, (k) => new Uint32Array(k));
    this.roots = grow(this.roots, this.count, (k) => new Int32Array(k));
    this.next = grow(this.next, this.count * BANDS, (k) => new Int32Array(k));
    this.words.set(sig.words, n * BINS);
    this.skel.set(sig.skeleton, n * SKELETON_BINS);
    this.roots[n] = root ?? n;
    this.paragraphs.push(sig.paragraphs);
    if (!this.exact.has(sig.exact)) this.exact.set(sig.exact, n);
    for (let b = 0; b < BANDS; b++) {
      const key = bandKey(sig.words, b);
      this.next[n * BANDS + b] = this.heads.get(key) ?? -1;
      this.heads.set(key, n);
    }
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
