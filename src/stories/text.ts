// Text views of an article body for copy detection and story grouping, built
// with regular expressions rather than the nlp layer so that 100,000 articles
// stream through without a tagger.
import { readData } from '../knowledge.js';
import { hashString } from './hash.js';

const WORD = /[\p{L}\p{N}]+(?:['’]\p{L}+)*/gu;

let stop: Set<string> | null = null;
function stopwords(): Set<string> {
  stop ??= new Set(readData<{ words: string[] }>('stories', 'stopwords.yaml').words);
  return stop;
}

/** Lower-case words, apostrophes kept inside words. */
export function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** One hash per word: the unit word shingles are built from. */
export function wordHashes(ws: string[]): Uint32Array {
  const out = new Uint32Array(ws.length);
  for (let i = 0; i < ws.length; i++) out[i] = hashString(ws[i]!);
  return out;
}

/** Crude plural/possessive folding so "sanctions" and "sanction's" count as one term. */
function stem(w: string): string {
  const base = w.replace(/['’]s$/, '');
  return base.length > 4 && base.endsWith('s') && !base.endsWith('ss') ? base.slice(0, -1) : base;
}

/** Topic terms of a word list: minus stopwords, one-letter tokens and bare numbers. */
export function terms(ws: string[]): string[] {
  const sw = stopwords();
  const out: string[] = [];
  for (const w of ws) {
    if (w.length < 2 || sw.has(w) || /^\d+$/.test(w)) continue;
    out.push(stem(w));
  }
  return out;
}

const SKELETON = /(\p{Lu}[\p{L}'’-]*|\d[\d.,]*\d|\d)/gu;

/**
 * The names and numbers of a text in order, leaving out sentence-initial
 * capitals: what a synonym-swapping spinner keeps while it rewrites the words
 * around them.
 */
export function skeleton(text: string): string[] {
  const out: string[] = [];
  for (let m = SKELETON.exec(text); m; m = SKELETON.exec(text)) {
    const tok = m[0];
    if (/^\p{Lu}/u.test(tok)) {
      const before = text.slice(Math.max(0, m.index - 3), m.index);
      if (m.index === 0 || /(^|[.!?:"“”\n]\s*)$/.test(before)) continue;
    }
    out.push(tok.replace(/[’]/g, "'").toLowerCase());
  }
  return out;
}

/** Lower-case letters and digits only, single-spaced: two texts equal under this are the same text. */
export function normalized(text: string): string {
  // Whitespace and punctuation in ASCII classes: this runs on every paragraph of every article.
  return text.toLowerCase().replace(/[\s"'“”‘’`.,;:!?()[\]{}\-–—]+/g, ' ').trim();
}
