// Helpers for the quotes tests: a sentence through the whole pipeline, and its quotes.
import assert from 'node:assert/strict';
import { analyzeArticle, loadKnowledge } from '../pipeline.js';
import type { Doc, Quote } from '../types.js';

const kb = loadKnowledge();

export function run(text: string): Doc {
  return analyzeArticle({ path: 'test.txt', format: 'text', id: 't', title: 'A test story', published: '2024-07-11', text }, kb);
}

/** The quote whose text contains `fragment`. */
export function find(doc: Doc, fragment: string, kind?: Quote['kind']): Quote {
  const q = doc.quotes.find((x) => x.text.includes(fragment) && (kind === undefined || x.kind === kind));
  assert.ok(q, `no ${kind ?? ''} quote with '${fragment}' in ${JSON.stringify(doc.quotes.map((x) => [x.kind, x.text]))}`);
  return q;
}

/** The speaker's name of the quote with `fragment`. */
export function speakerOf(doc: Doc, fragment: string, kind?: Quote['kind']): string | undefined {
  return find(doc, fragment, kind).speaker?.name;
}
