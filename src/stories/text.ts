// Text views of an article body for copy detection and story grouping, built
// with regular expressions rather than the nlp layer so that 100,000 articles
// stream through without a tagger.
import { readData } from '../knowledge.js';
import { FNV_START, fmix, fnvStep, hashString } from './hash.js';


let stop: Set<string> | null = null;
function stopwords(): Set<string> {
  stop ??= new Set(readData<{ words: string[] }>('stories', 'stopwords.yaml').words);
  return stop;
}

const LETTER = 1;
const DIGIT = 2;
const UPPER = 4;
const kinds = new Map<number, number>();

/** Flags: LETTER for `\p{L}`, with UPPER for `\p{Lu}`; DIGIT for `\p{N}`. */
function kind(cp: number): number {
  if (cp < 0x80) return cp >= 0x61 && cp <= 0x7a ? LETTER : cp >= 0x41 && cp <= 0x5a ? LETTER | UPPER : isDigit(cp) ? DIGIT : 0;
  let k = kinds.get(cp);
  if (k === undefined) {
    const ch = String.fromCodePoint(cp);
    k = /\p{L}/u.test(ch) ? LETTER | (/\p{Lu}/u.test(ch) ? UPPER : 0) : /\p{N}/u.test(ch) ? DIGIT : 0;
    kinds.set(cp, k);
  }
  return k;
}

/** `\d`: ASCII digits only. */
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * Lower-case words, apostrophes kept inside words: the matches of
 * `[\p{L}\p{N}]+(?:['’]\p{L}+)*` in the lower-cased text, scanned by hand
 * because the regular expression costs several times as much per article.
 */
export function words(text: string): string[] {
  const lower = text.toLowerCase();
  const n = lower.length;
  const out: string[] = [];
  // End of the run of code points of the given kinds from `i`.
  const run = (i: number, kinds: number): number => {
    while (i < n) {
      const cp = lower.codePointAt(i)!;
      if ((kind(cp) & kinds) === 0) break;
      i += cp > 0xffff ? 2 : 1;
    }
    return i;
  };
  let i = 0;
  while (i < n) {
    const cp = lower.codePointAt(i)!;
    if (kind(cp) === 0) {
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const start = i;
    i = run(i, LETTER | DIGIT);
    while (i + 1 < n) {
      const c = lower.charCodeAt(i);
      if ((c !== APOSTROPHE && c !== RIGHT_QUOTE) || (kind(lower.codePointAt(i + 1)!) & LETTER) === 0) break;
      i = run(i + 1, LETTER);
    }
    out.push(lower.slice(start, i));
  }
  return out;
}

/** One hash per word: the unit word shingles are built from. */
export function wordHashes(ws: string[]): Uint32Array {
  const out = new Uint32Array(ws.length);
  for (let i = 0; i < ws.length; i++) out[i] = hashString(ws[i]!);
  return out;
}

const S = 0x73;
const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;

/** Crude plural/possessive folding so "sanctions" and "sanction's" count as one term. */
function stem(w: string): string {
  const n = w.length;
  const possessive = n >= 2 && w.charCodeAt(n - 1) === S && (w.charCodeAt(n - 2) === APOSTROPHE || w.charCodeAt(n - 2) === RIGHT_QUOTE);
  const base = possessive ? w.slice(0, -2) : w;
  return base.length > 4 && base.endsWith('s') && !base.endsWith('ss') ? base.slice(0, -1) : base;
}

function digits(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return w.length > 0;
}

/** Topic terms of a word list: minus stopwords, one-letter tokens and bare numbers. */
export function terms(ws: string[]): string[] {
  const sw = stopwords();
  const out: string[] = [];
  for (const w of ws) {
    if (w.length < 2 || sw.has(w) || digits(w)) continue;
    out.push(stem(w));
  }
  return out;
}

/** The code units of the regular-expression class `\s`. */
function isSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** What may end the sentence before a word: `.!?:`, quotes, a line break. */
const SENTENCE_END = new Set(['.', '!', '?', ':', '"', '“', '”', '\n'].map((c) => c.charCodeAt(0)));

/** Whether the three code units before `index` end a sentence, give or take spaces. */
function sentenceStart(text: string, index: number): boolean {
  for (let i = index - 1; i >= Math.max(0, index - 3); i--) {
    const c = text.charCodeAt(i);
    if (SENTENCE_END.has(c)) return true;
    if (!isSpace(c)) return false;
  }
  return false;
}

const HYPHEN = 0x2d;
const DOT = 0x2e;
const COMMA = 0x2c;

/**
 * The names and numbers of a text in order, leaving out sentence-initial
 * capitals: what a synonym-swapping spinner keeps while it rewrites the words
 * around them. Tokens are the matches of `\p{Lu}[\p{L}'’-]*|\d[\d.,]*\d|\d`
 * (unicode mode), scanned by hand as in `words`.
 */
export function skeleton(text: string): string[] {
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const cp = text.codePointAt(i)!;
    let end: number;
    if (kind(cp) & UPPER) {
      end = i + (cp > 0xffff ? 2 : 1);
      while (end < n) {
        const next = text.codePointAt(end)!;
        if ((kind(next) & LETTER) === 0 && next !== APOSTROPHE && next !== RIGHT_QUOTE && next !== HYPHEN) break;
        end += next > 0xffff ? 2 : 1;
      }
      if (i === 0 || sentenceStart(text, i)) {
        i = end;
        continue;
      }
    } else if (isDigit(cp)) {
      // Digits, dots and commas, ending on the last digit.
      end = i + 1;
      for (let j = i + 1; j < n; j++) {
        const c = text.charCodeAt(j);
        if (isDigit(c)) end = j + 1;
        else if (c !== DOT && c !== COMMA) break;
      }
    } else {
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    out.push(text.slice(i, end).replace(/[’]/g, "'").toLowerCase());
    i = end;
  }
  return out;
}

/** Punctuation that, like spaces, only separates words when texts are compared. */
// A table by code unit, not a Set: it is read for every character of every paragraph.
const PUNCT = new Uint8Array(0x2020);
for (const c of '"\'“”‘’`.,;:!?()[]{}-–—') PUNCT[c.charCodeAt(0)] = 1;

/**
 * A text's normal form is its lower-case letters and digits only, single-spaced:
 * two texts equal under it are the same text. This gives the form's
 * `hashString` and its number of words, streaming over the text instead of
 * building the form: it runs on every paragraph of every article.
 */
export function normalizedHash(text: string): { hash: number; words: number } {
  const lower = text.toLowerCase();
  let h = FNV_START;
  let spaces = 0;
  let started = false;
  let gap = false;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (isSpace(c) || PUNCT[c] === 1) {
      gap = started;
      continue;
    }
    if (gap) {
      h = fnvStep(h, 32);
      spaces++;
      gap = false;
    }
    h = fnvStep(h, c);
    started = true;
  }
  return { hash: fmix(h), words: spaces + 1 };
}
