// Letter case restored for caseless text: all-lowercase or ALL-CAPS articles
// (wire slugs, headlines, transcripts, scraped feeds) would otherwise give the
// tagger and the gazetteer nothing to tell a name from a word. The restored text
// has exactly the original's length, so every offset into it is an offset into the
// text as written; only letters change case.
import { readData, type UserLexicon } from '../knowledge.js';
import type { Gazetteer } from '../actors/gazetteer.js';

interface TruecaseFile {
  words: string[];
  never: string[];
}

export interface Truecaser {
  /** Lower-case word -> the word as names write it ("kenya" -> "Kenya", "un" -> "UN"). */
  cased: Map<string, string>;
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
  for (const w of extra) cased.set(w.toLowerCase(), w);
  for (const w of file.words) put(w);
  for (const node of gazetteer.index.values()) {
    for (const p of [...node.single, ...[...node.byNext.values()].flat()]) {
      if (NAME_KINDS.has(p.entry.kind)) for (const w of p.raw) put(w);
    }
  }
  return { cased };
}

/** Which caseless kind a text is, if any: too few letters say nothing. */
export function caseless(text: string): 'lower' | 'upper' | null {
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
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
  let sentenceStart = true;
  let last = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(low); m; m = WORD.exec(low)) {
    const between = low.slice(last, m.index);
    if (/[.!?:\n]\s*$|^\s*$/.test(between) && (last === 0 || /[.!?\n]/.test(between) || /:\s*$/.test(between))) sentenceStart = true;
    // A word with a trailing full stop ("gen.", "u.s.") is looked up with and without it.
    const word = m[0];
    const bare = word.replace(/[.'’-]+$/, '');
    const known = tc.cased.get(word) ?? tc.cased.get(bare);
    if (known) {
      for (let k = 0; k < known.length && k < word.length; k++) out[m.index + k] = known[k]!;
    } else if (sentenceStart) out[m.index] = word[0]!.toUpperCase().length === 1 ? word[0]!.toUpperCase() : word[0]!;
    sentenceStart = /[.!?]$/.test(word) && !tc.cased.has(word);
    last = m.index + word.length;
  }
  const restored = out.join('');
  return restored.length === text.length ? restored : null;
}
