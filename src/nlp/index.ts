// The nlp stage: paragraphs, sentences, tokens with offsets, POS, lemmas and
// negation, from wink-nlp. A sentence never runs across a line break.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Paragraph, Sentence, Token } from '../types.js';

export interface NlpLayer {
  paragraphs: Paragraph[];
  sentences: Sentence[];
  tokens: Token[];
}

// Loading the model costs ~0.3 s: do it once per process, and only when asked.
// NER and sentiment are left out of the wink pipe: dyad does its own actors.
let engine: ReturnType<typeof winkNLP> | null = null;
export function wink(): ReturnType<typeof winkNLP> {
  engine ??= winkNLP(model, ['sbd', 'negation', 'pos']);
  return engine;
}

/** Paragraph spans: maximal runs of non-blank text between newlines, trimmed. */
export function paragraphsOf(body: string): Paragraph[] {
  const out: Paragraph[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    let start = m.index;
    let end = start + m[0].length;
    while (start < end && /\s/.test(body[start]!)) start++;
    while (end > start && /\s/.test(body[end - 1]!)) end--;
    if (end > start) out.push({ start, end });
  }
  return out;
}

// A word's token type, and its lemma for a POS, depend on the word alone (wink
// keeps them per lexeme; contractions carry their own lemma): looked up once,
// they spare two wink passes over every document. Emptied when it grows past
// LEXICON_LIMIT words, so that a long-running server does not keep every
// number and name it ever read.
const lexicon = new Map<string, { type: string; lemmas: Map<string, string> }>();
const LEXICON_LIMIT = 200_000;

/** What wink counts as the spaces before a token (line breaks and tabs are tokens). */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0xa0 || (c >= 0x2002 && c <= 0x2005) || c === 0x2009 || c === 0x200a || c === 0x202f || c === 0x205f;
}

// Per-token working arrays of read(), kept between calls: a typed array costs
// more to allocate than to reuse, and read() runs once per article.
let work = { para: new Int32Array(4096), starts: new Int32Array(4096), index: new Int32Array(4096) };
function scratch(n: number): typeof work {
  if (work.para.length < n) {
    const size = Math.max(n, work.para.length * 2);
    work = { para: new Int32Array(size), starts: new Int32Array(size), index: new Int32Array(size) };
  }
  return work;
}

/**
 * Tokens and sentences of `text` (which starts at `offset` in the body), from
 * one wink read; tokens outside every paragraph (the line breaks between them)
 * are left out. False when a wink sentence runs across a line break: wink ends
 * sentences at "\n\n" only after final punctuation, and its negation scope
 * follows its sentences.
 */
function read(text: string, offset: number, paragraphs: Paragraph[], firstPara: number, out: NlpLayer): boolean {
  const nlp = wink();
  const its = nlp.its;
  const doc = nlp.readDoc(text);
  const all = doc.tokens();
  const values = all.out(its.value) as string[];
  const spans = doc.sentences().out(its.span) as unknown as [number, number][];
  // Which wink token starts which of our tokens, and the paragraph of each wink token (-1: between paragraphs).
  const { para, starts, index } = scratch(values.length);
  let cursor = 0;
  let p = firstPara;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    while (isSpace(text.charCodeAt(cursor))) cursor++;
    // Wink keeps every character, so offsets follow from the running sum; the
    // search is a guard for characters it might normalise.
    if (text.startsWith(value, cursor) === false) {
      const found = text.indexOf(value, cursor);
      if (found >= 0) cursor = found;
    }
    const start = offset + cursor;
    cursor += value.length;
    while (p < paragraphs.length && paragraphs[p]!.end <= start) p++;
    para[i] = p < paragraphs.length && start >= paragraphs[p]!.start ? p : -1;
    starts[i] = start;
  }
  for (const [first, last] of spans) {
    let seen = -1;
    for (let i = first; i <= last; i++) {
      if (para[i]! < 0) continue;
      if (seen >= 0 && para[i] !== seen) return false;
      seen = para[i]!;
    }
  }
  const pos = all.out(its.pos) as string[];
  const neg = all.out(its.negationFlag) as unknown as boolean[];
  const contraction = all.out(its.contractionFlag) as unknown as boolean[];
  const { tokens, sentences } = out;
  for (let i = 0; i < values.length; i++) {
    if (para[i]! < 0) continue;
    index[i] = tokens.length;
    const start = starts[i]!;
    const value = values[i]!;
    let word = lexicon.get(value);
    if (!word) lexicon.set(value, (word = { type: all.itemAt(i).out(its.type) as string, lemmas: new Map() }));
    let lemma = contraction[i] ? undefined : word.lemmas.get(pos[i]!);
    if (lemma === undefined) {
      // Wink gives some contractions no lemma ("cannot"): the word itself stands in.
      lemma = ((all.itemAt(i).out(its.lemma as never) as string | undefined) ?? value).toLowerCase();
      if (!contraction[i]) word.lemmas.set(pos[i]!, lemma);
    }
    tokens.push({
      start,
      end: start + value.length,
      text: value,
      pos: pos[i]!,
      lemma,
      negated: neg[i] === true,
      type: word.type,
      sentence: -1,
    });
  }
  for (let [first, last] of spans) {
    while (first <= last && para[first]! < 0) first++;
    while (last >= first && para[last]! < 0) last--;
    if (first > last) continue;
    const endToken = index[last]! + 1;
    for (let firstToken = index[first]!; firstToken < endToken; ) {
      const cut = sentenceEnd(tokens, firstToken, endToken);
      const s = sentences.length;
      for (let t = firstToken; t < cut; t++) tokens[t]!.sentence = s;
      sentences.push({ start: tokens[firstToken]!.start, end: tokens[cut - 1]!.end, paragraph: para[first]!, firstToken, endToken: cut });
      firstToken = cut;
    }
  }
  return true;
}

/**
 * Most tokens a sentence has. Text with no final punctuation (a transcript, a
 * list run together) would otherwise be one sentence of the whole article, and
 * the stages after read a sentence's words against each other.
 */
export const MAX_SENTENCE_TOKENS = 200;

/** End of the sentence that starts at token `from`: `end`, or a cut after a punctuation mark before the cap. */
function sentenceEnd(tokens: Token[], from: number, end: number): number {
  if (end - from <= MAX_SENTENCE_TOKENS) return end;
  const cap = from + MAX_SENTENCE_TOKENS;
  for (let t = cap - 1; t > from + MAX_SENTENCE_TOKENS / 2; t--) if (tokens[t]!.pos === 'PUNCT') return t + 1;
  return cap;
}

export function annotate(body: string): NlpLayer {
  if (lexicon.size > LEXICON_LIMIT) lexicon.clear();
  const paragraphs = paragraphsOf(body);
  const layer: NlpLayer = { paragraphs, sentences: [], tokens: [] };
  if (paragraphs.length === 0) return layer;
  // One read of the whole body costs less than one per paragraph; when a
  // sentence runs across a line break, each paragraph is read on its own.
  const from = paragraphs[0]!.start;
  if (read(body.slice(from, paragraphs.at(-1)!.end), from, paragraphs, 0, layer)) return layer;
  paragraphs.forEach((para, p) => read(body.slice(para.start, para.end), para.start, paragraphs, p, layer));
  return layer;
}
