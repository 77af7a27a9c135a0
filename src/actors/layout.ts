// Phase 1 of the actors stage: what the words are before anything is resolved:
// gazetteer spans, role phrases ("Kremlin foreign policy advisor") and runs of
// capitalised words that may be names.
import type { Gazetteer, RoleKind } from './gazetteer.js';
import { matchAt, startsSentence, type Span, type Word } from './words.js';

export interface RolePhrase {
  i: number;
  j: number;
  role: string;
  head: string;
  sector: string | null;
  kind: RoleKind;
}

export interface Layout {
  spans: Span[];
  /** Index into `spans` of the span covering each word, or -1. */
  spanAt: Int32Array;
  /** Index into `spans` of the span ending before each word index, or -1. */
  spanEnd: Int32Array;
  phrases: RolePhrase[];
  phraseEnd: Map<number, RolePhrase>;
  phraseStart: Map<number, RolePhrase>;
  /** Runs of capitalised words outside the gazetteer, word ranges [i, j). */
  runs: { i: number; j: number }[];
}

export function layout(words: Word[], kb: Gazetteer): Layout {
  const n = words.length;
  const spans: Span[] = [];
  const spanAt = new Int32Array(n).fill(-1);
  const spanEnd = new Int32Array(n + 1).fill(-1);
  for (let i = 0; i < n; ) {
    const s = matchAt(words, i, kb);
    if (!s) {
      i++;
      continue;
    }
    for (let k = s.i; k < s.j; k++) spanAt[k] = spans.length;
    spanEnd[s.j] = spans.length;
    spans.push(s);
    i = s.j;
  }

  const phrases: RolePhrase[] = [];
  const phraseEnd = new Map<number, RolePhrase>();
  const phraseStart = new Map<number, RolePhrase>();
  for (let si = 0; si < spans.length; si++) {
    const first = spans[si]!;
    if (first.entry.kind !== 'role' && first.entry.kind !== 'modifier') continue;
    let last = si;
    let head: Span | null = null;
    let sector: string | null = null;
    for (let sj = si; sj < spans.length; sj++) {
      const s = spans[sj]!;
      if (sj > si && s.i !== spans[sj - 1]!.j) break;
      if (s.entry.kind === 'role') {
        head = s;
        last = sj;
        sector ??= s.entry.sector;
      } else if (s.entry.kind !== 'modifier') break;
    }
    if (head === null || head.entry.kind !== 'role') continue;
    const end = spans[last]!.j;
    // "Swiss doctors": an office word in the plural names a group.
    const tail = words[end - 1]!;
    const plural = head.entry.roleKind === 'person' && tail.fold !== tail.lemma && tail.fold.endsWith('s');
    const rp: RolePhrase = {
      i: first.i,
      j: end,
      role: words.slice(first.i, end).map((w) => w.fold).join(' ').replace(/ - /g, '-'),
      head: head.entry.role,
      sector,
      kind: plural ? 'group' : head.entry.roleKind,
    };
    phrases.push(rp);
    phraseEnd.set(rp.j, rp);
    phraseStart.set(rp.i, rp);
    si = last;
  }

  const isNameWord = (k: number): boolean => {
    const w = words[k]!;
    if (spanAt[k] !== -1 || !w.cap || kb.honorifics.has(w.fold) || kb.notNames.has(w.fold)) return false;
    if (w.pos === 'PROPN') return true;
    // The tagger calls some names verbs ("Prove"); inside a sentence the capital says more.
    return !startsSentence(words, k) && (w.pos === 'NOUN' || w.pos === 'ADJ' || w.pos === 'X' || w.pos === 'VERB');
  };
  const glued = (a: number): boolean => a < n && words[a]!.start === words[a - 1]!.end;
  const particlesThenName = (a: number): boolean => {
    while (a < n && kb.particles.has(words[a]!.text)) a++;
    return a < n && isNameWord(a);
  };
  const runs: { i: number; j: number }[] = [];
  for (let k = 0; k < n; ) {
    if (!isNameWord(k)) {
      k++;
      continue;
    }
    let j = k + 1;
    while (j < n && words[j]!.sentence === words[k]!.sentence) {
      const w = words[j]!;
      if (isNameWord(j)) j++;
      // "Mohammed bin Salman", "Jean-Luc", "el-Sissi", "Ching-te"
      else if (kb.particles.has(w.text) && particlesThenName(j)) while (!isNameWord(j)) j++;
      else if (kb.particles.has(w.text) && words[j + 1]?.text === '-' && glued(j + 1) && glued(j + 2) && isNameWord(j + 2)) j += 3;
      else if (w.text === '-' && glued(j) && glued(j + 1) && (isNameWord(j + 1) || (words[j + 1]!.pos !== 'PUNCT' && !words[j + 1]!.cap && !kb.index.has(words[j + 1]!.fold)))) j += 2;
      else break;
    }
    // "Defence Secretary Tom King has promised": a title word closing a name is the name.
    const after = spans[spanAt[j] ?? -1];
    if (j < n && after?.entry.kind === 'role' && after.j === j + 1 && words[j]!.cap && !(j + 1 < n && words[j + 1]!.cap)) j++;
    runs.push({ i: k, j });
    k = j;
  }

  return { spans, spanAt, spanEnd, phrases, phraseEnd, phraseStart, runs };
}
