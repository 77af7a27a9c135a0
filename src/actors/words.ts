// Tokens as the actors stage sees them, and the gazetteer lookup over them.
import type { Doc } from '../types.js';
import { fold, plainApostrophes, type Entry, type Gazetteer, type IndexNode, type Pattern } from './gazetteer.js';

export const UPPER = /^\p{Lu}/u;
const ALL_CAPS = /^[^\p{Ll}]*\p{Lu}[^\p{Ll}]*$/u;
// A capitalised word long enough to hide a surname and a glued function word.
const GLUED = /^\p{Lu}\p{Ll}{6,}$/u;

/** A token of the nlp layer as the resolver reads it; a glued token may become two words. */
export interface Word {
  start: number;
  end: number;
  text: string;
  fold: string;
  lemma: string;
  pos: string;
  sentence: number;
  cap: boolean;
  allCaps: boolean;
}

export interface Span {
  i: number;
  j: number;
  entry: Entry;
}

export function startsSentence(words: Word[], k: number): boolean {
  return k === 0 || words[k - 1]!.sentence !== words[k]!.sentence;
}

function isCapitalised(text: string): boolean {
  const c = text.charCodeAt(0);
  return (c >= 65 && c <= 90) || (c > 127 && UPPER.test(text));
}

export function wordsOf(doc: Doc, kb: Gazetteer): Word[] {
  const words: Word[] = [];
  for (const t of doc.tokens) {
    const cap = isCapitalised(t.text);
    const w: Word = {
      start: t.start,
      end: t.end,
      text: t.text,
      fold: fold(t.text),
      lemma: t.lemma,
      pos: t.pos,
      sentence: t.sentence,
      cap,
      allCaps: cap && t.text.length > 1 && ALL_CAPS.test(t.text),
    };
    // A known surname glued to the next word by a lost space ("Lukashenkowhose").
    if (cap && GLUED.test(t.text) && !kb.index.has(w.fold)) {
      for (let k = t.text.length - 2; k >= 3; k--) {
        if (!kb.surnames.has(t.text.slice(0, k)) || !kb.gluedFollowers.has(t.text.slice(k))) continue;
        const head = t.text.slice(0, k);
        const rest = t.text.slice(k);
        words.push({ ...w, end: t.start + k, text: head, fold: fold(head), lemma: fold(head), pos: 'PROPN' });
        words.push({ ...w, start: t.start + k, text: rest, fold: rest, lemma: rest, pos: 'X', cap: false });
        break;
      }
      if (words.length > 0 && words[words.length - 1]!.end === t.end) continue;
    }
    words.push(w);
  }
  return words;
}

function wordMatches(w: Word, p: Pattern, k: number): boolean {
  const want = p.words[k]!;
  if (!p.exact[k]) return w.fold === want || w.lemma === want;
  if (w.fold !== want) return false;
  // Names are case-sensitive ("US" is not "us"), but headlines may shout them.
  return plainApostrophes(w.text) === p.raw[k] || (w.allCaps && w.text.length > 3);
}

function longest(words: Word[], i: number, list: Pattern[] | undefined, best: Span | null): Span | null {
  if (!list) return best;
  const sentence = words[i]!.sentence;
  for (const p of list) {
    const n = p.words.length;
    if (best && n <= best.j - best.i) break;
    if (i + n > words.length || words[i + n - 1]!.sentence !== sentence) continue;
    let ok = true;
    for (let k = 0; k < n && ok; k++) ok = wordMatches(words[i + k]!, p, k);
    if (ok) return { i, j: i + n, entry: p.entry };
  }
  return best;
}

/** Longest gazetteer phrase starting at word i, within the sentence (lemmas match plurals). */
export function matchAt(words: Word[], i: number, kb: Gazetteer): Span | null {
  const w = words[i]!;
  const best = matchFrom(words, i, kb.index.get(w.fold), null);
  return w.lemma === w.fold ? best : matchFrom(words, i, kb.index.get(w.lemma), best);
}

/** The longest phrase of one index node at word i, if longer than `best`. */
function matchFrom(words: Word[], i: number, node: IndexNode | undefined, best: Span | null): Span | null {
  if (!node) return best;
  const next = words[i + 1];
  if (next) {
    best = longest(words, i, node.byNext.get(next.fold), best);
    if (next.lemma !== next.fold) best = longest(words, i, node.byNext.get(next.lemma), best);
  }
  return best ?? longest(words, i, node.single, best);
}

