// Fast 32-bit hashing and one-permutation MinHash. Copies are searched over
// 100,000 articles, so signatures live in typed arrays and each shingle is
// hashed once (one-permutation hashing with densification) instead of once
// per permutation.

/** FNV-1a over UTF-16 code units, finished with murmur3's mixer for avalanche. */
export function hashString(s: string): number {
  let h = FNV_START;
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return fmix(h);
}

/** The FNV-1a state before any code unit; `fmix` of the final state is `hashString`. */
export const FNV_START = 0x811c9dc5;

/** Takes one code unit into an FNV-1a state, for hashing text as it streams by. */
export function fnvStep(h: number, unit: number): number {
  return Math.imul(h ^ unit, 0x01000193);
}

/** murmur3 finaliser: spreads every input bit over the 32 output bits. */
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes of every run of `k` consecutive items (all of them if there are fewer). */
export function shingles(itemHashes: ArrayLike<number>, k: number): Uint32Array {
  const n = itemHashes.length;
  if (n === 0) return new Uint32Array(0);
  const width = Math.min(k, n);
  const out = new Uint32Array(n - width + 1);
  for (let i = 0; i < out.length; i++) {
    let h = width;
    for (let j = 0; j < width; j++) h = fmix(Math.imul(h, 0x9e3779b1) ^ itemHashes[i + j]!);
    out[i] = h;
  }
  return out;
}

const EMPTY = 0xffffffff;

/**
 * One-permutation MinHash: each shingle lands in one of `bins` bins and the
 * bin keeps its smallest value. Empty bins borrow from the next full bin
 * (rotation densification) so two sparse texts still compare bin by bin.
 * `bins` must be a power of two.
 */
export function minhash(shingleHashes: ArrayLike<number>, bins: number): Uint32Array {
  const sig = new Uint32Array(bins).fill(EMPTY);
  const mask = bins - 1;
  for (let i = 0; i < shingleHashes.length; i++) {
    const h = shingleHashes[i]!;
    const bin = h & mask;
    const v = fmix(h ^ 0x5bd1e995);
    if (v < sig[bin]!) sig[bin] = v;
  }
  if (shingleHashes.length === 0) return sig;
  for (let b = 0; b < bins; b++) {
    if (sig[b] !== EMPTY) continue;
    let step = 1;
    while (sig[(b + step) & mask] === EMPTY) step++;
    // The offset keeps a borrowed value from colliding with its donor bin.
    sig[b] = (sig[(b + step) & mask]! + Math.imul(step, 0x9e3779b1)) >>> 0;
  }
  return sig;
}

/** Share of bins on which two signatures agree: an estimate of their Jaccard similarity. */
export function similarity(a: Uint32Array, b: Uint32Array, aOffset = 0, bOffset = 0, bins = a.length): number {
  let same = 0;
  for (let i = 0; i < bins; i++) if (a[aOffset + i] === b[bOffset + i] && a[aOffset + i] !== EMPTY) same++;
  return same / bins;
}

/** The same typed array, or a copy at least `need` long (doubling, so appends stay amortised O(1)). */
export function grow<T extends Uint32Array | Int32Array>(arr: T, need: number, make: (n: number) => T): T {
  if (need <= arr.length) return arr;
  const next = make(Math.max(need, arr.length * 2));
  next.set(arr);
  return next;
}
