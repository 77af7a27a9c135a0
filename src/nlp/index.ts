// The nlp stage: paragraphs, sentences, tokens with offsets, POS, lemmas and
// negation, from wink-nlp. Paragraphs are read one at a time so that a
// sentence never runs across a line break.
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

export function annotate(body: string): NlpLayer {
  const nlp = wink();
  const its = nlp.its;
  const paragraphs = paragraphsOf(body);
  const sentences: Sentence[] = [];
  const tokens: Token[] = [];
  paragraphs.forEach((para, p) => {
    const text = body.slice(para.start, para.end);
    const doc = nlp.readDoc(text);
    const all = doc.tokens();
    const values = all.out(its.value) as string[];
    const spaces = all.out(its.precedingSpaces) as string[];
    const pos = all.out(its.pos) as string[];
    const lemmas = all.out(its.lemma as never) as string[];
    const types = all.out(its.type) as string[];
    const neg = all.out(its.negationFlag) as unknown as boolean[];
    const base = tokens.length;
    let cursor = 0;
    for (let i = 0; i < values.length; i++) {
      const value = values[i]!;
      cursor += spaces[i]!.length;
      // Wink keeps every character, so offsets follow from the running sum; the
      // search is a guard for characters it might normalise.
      if (text.startsWith(value, cursor) === false) {
        const found = text.indexOf(value, cursor);
        if (found >= 0) cursor = found;
      }
      const start = para.start + cursor;
      cursor += value.length;
      tokens.push({
        start,
        end: start + value.length,
        text: value,
        pos: pos[i]!,
        lemma: lemmas[i]!.toLowerCase(),
        negated: neg[i] === true,
        type: types[i]!,
        sentence: -1,
      });
    }
    const spans = doc.sentences().out(its.span) as unknown as [number, number][];
    for (const [first, last] of spans) {
      const s = sentences.length;
      for (let t = base + first; t <= base + last; t++) tokens[t]!.sentence = s;
      sentences.push({
        start: tokens[base + first]!.start,
        end: tokens[base + last]!.end,
        paragraph: p,
        firstToken: base + first,
        endToken: base + last + 1,
      });
    }
  });
  return { paragraphs, sentences, tokens };
}
