// Letter case restored for caseless text: all-lowercase or ALL-CAPS articles
// (wire slugs, headlines, transcripts, scraped feeds) would otherwise give the
// tagger and the gazetteer nothing to tell a name from a word. The restored text
// has exactly the original's length, so every offset into it is an offset into the
// text as written; only letters change case.
import { readFileSync } from 'node:fs';
import { dataPath, readData, type UserLexicon } from '../knowledge.js';
import type { Gazetteer } from '../actors/gazetteer.js';

interface TruecaseFile {
  words: string[];
  never: string[];
}

export interface Truecaser {
  /** Lower-case word -> the word as names write it ("kenya" -> "Kenya", "un" -> "UN"). */
  cased: Map<string, string>;
  /** Names of several words by their first word, longest first: "north korea" -> North Korea. */
  phrases: Map<string, string[][]>;
}

const NAME_KINDS = new Set(['country', 'adj', 'capital', 'seat', 'city', 'igo', 'org', 'person']);

export function loadTruecaser(gazetteer: Gazetteer, user: UserLexicon = {}): Truecaser {
  const file = readData<TruecaseFile>('nlp', 'truecase.yaml');
  // A user's `truecase` section lists words as they are written ("Tigray", "ELN").
  const extra = (user.truecase ?? []).filter((w): w is string => typeof w === 'string');
  const never = new Set(file.never.map((w) => w.toLowerCase()));
  const cased = new Map<string, string>();
  const put = (word: string) => {
    const low = word.toLowerCase();
    // Only words written with a capital, never the common words, and the first spelling wins.
    if (word === low || never.has(low) || cased.has(low) || low.length !== word.length) return;
    cased.set(low, word);
  };
  // A name that is also a common word ("who" for WHO, "work", "rice") keeps the text's case on
  // its own; the whole name it is part of is still restored as a phrase.
  const common = new Set(readFileSync(dataPath('nlp', 'common-words.txt'), 'utf8').split('\n').filter((w) => w && !w.startsWith('#')));
  const putName = (word: string) => {
    if (!common.has(word.toLowerCase())) put(word);
  };
  const phrases = new Map<string, string[][]>();
  // Several words together are a name whatever their words alone are ("North Korea", "United States").
  const phrase = (words: string[]) => {
    if (words.length < 2 || !words.some((w) => w !== w.toLowerCase())) return;
    const first = words[0]!.toLowerCase();
    const list = phrases.get(first) ?? [];
    if (!list.some((l) => l.join(' ') === words.join(' '))) list.push(words);
    phrases.set(first, list);
  };
  for (const w of extra) cased.set(w.toLowerCase(), w);
  for (const w of file.words) put(w);
  for (const node of gazetteer.index.values()) {
    for (const p of [...node.single, ...[...node.byNext.values()].flat()]) {
      if (!NAME_KINDS.has(p.entry.kind)) continue;
      // The words of a body's or a place's name of several words are common words on their own
      // ("Gulf Cooperation Council", "National Security Council"): only the whole name, or a
      // person's names ("Sánchez" of "Pedro Sánchez"), is cased word by word.
      if (p.raw.length === 1 || p.entry.kind === 'person') for (const w of p.raw) putName(w);
      phrase(p.raw);
    }
  }
  // First-level regions ("Katsina", "Cabo Delgado") are names too.
  for (const r of readData<{ regions: { names: string[] }[] }>('places', 'regions.yaml').regions) {
    for (const name of r.names) {
      const words = name.split(/\s+/);
      if (words.length === 1) putName(name);
      else phrase(words);
    }
  }
  for (const list of phrases.values()) list.sort((a, b) => b.length - a.length);
  return { cased, phrases };
}

/** Which caseless kind a text is, if any: too few letters say nothing. */
export function caseless(text: string): 'lower' | 'upper' | null {
  let upper = 0;
  let lower = 0;
  // Most text has both cases early on: once there are more capitals than a lower-case text and
  // more small letters than an upper-case one could hold, whatever its length, it is neither.
  const most = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
    if ((i & 255) === 255 && upper > most * 0.01 && lower > most * 0.03) return null;
  }
  const letters = upper + lower;
  if (letters < 20) return null;
  // A few capitals in lower-case text (an acronym, "I") or a few small letters in capitals ("McX", "'s") still count.
  if (upper <= letters * 0.01) return 'lower';
  if (lower <= letters * 0.03) return 'upper';
  return null;
}

const WORD = /[\p{L}][\p{L}\p{M}'’.-]*/gu;

/**
 * The text with sentence starts and known names capitalised, or null when the text
 * has normal case (or restoring it would change its length).
 */
export function restoreCase(text: string, tc: Truecaser): string | null {
  if (caseless(text) === null) return null;
  const low = text.toLowerCase();
  if (low.length !== text.length) return null;
  const out = low.split('');
  const words: { at: number; word: string; bare: string }[] = [];
  WORD.lastIndex = 0;
  // A word is looked up without a trailing stop ("gen.", "u.s.") or possessive ("nigeria's").
  for (let m = WORD.exec(low); m; m = WORD.exec(low)) words.push({ at: m.index, word: m[0], bare: m[0].replace(/['’]s$/, '').replace(/[.'’-]+$/, '') });
  const write = (at: number, cased: string) => {
    for (let k = 0; k < cased.length && at + k < out.length; k++) out[at + k] = cased[k]!;
  };
  let sentenceStart = true;
  let last = 0;
  for (let i = 0; i < words.length; i++) {
    const { at, word, bare } = words[i]!;
    const between = low.slice(last, at);
    if (/[.!?:\n]\s*$|^\s*$/.test(between) && (last === 0 || /[.!?\n]/.test(between) || /:\s*$/.test(between))) sentenceStart = true;
    const name = (tc.phrases.get(bare) ?? []).find((p) => p.every((w, k) => i + k < words.length && words[i + k]!.bare === w.toLowerCase()));
    if (name) {
      name.forEach((w, k) => write(words[i + k]!.at, w));
      // ("the United Nations urged ...": a name that opens a sentence with a small word.)
      if (sentenceStart) out[at] = out[at]!.toUpperCase();
      i += name.length - 1;
    } else {
      const known = tc.cased.get(word) ?? tc.cased.get(bare);
      if (known) write(at, known);
      // "f-16", "su-30": a model's letters before its number.
      else if (/^\p{L}{1,3}-$/u.test(word) && /\d/.test(low[at + word.length] ?? '')) write(at, word.toUpperCase());
      else {
        // "pakistan-controlled", "russian-made": the known parts of a hyphenated word.
        if (word.includes('-')) {
          let from = 0;
          for (const part of word.split('-')) {
            const cased = part.length > 1 ? tc.cased.get(part.replace(/['’]s$/, '')) : undefined;
            if (cased) write(at + from, cased);
            from += part.length + 1;
          }
        }
        if (sentenceStart && word[0]!.toUpperCase().length === 1) out[at] = out[at]!.toUpperCase();
      }
    }
    const end = words[i]!;
    sentenceStart = /[.!?]$/.test(end.word) && !tc.cased.has(end.word);
    last = end.at + end.word.length;
  }
  const restored = out.join('');
  return restored.length === text.length ? restored : null;
}
