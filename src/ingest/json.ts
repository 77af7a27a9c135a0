// JSON (one object or an array of objects) and JSONL (one object per line).
import type { InputError, RawArticle } from '../types.js';
import { htmlToText } from './html.js';
import { kindOf, strictField, strictMetadata } from './meta.js';
import { InputProblem } from './problem.js';

export interface Items {
  articles: RawArticle[];
  errors: InputError[];
}

/**
 * One record to a RawArticle; throws when it has no text or a field holds the
 * wrong type (named in the message). Shared by JSON files and the API's POST.
 */
export function fromRecord(path: string, value: unknown): RawArticle {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputProblem(`not a JSON object but ${kindOf(value)}`);
  }
  const o = value as Record<string, unknown>;
  const field = (...names: string[]) => {
    for (const name of names) {
      const v = strictField(name, 'text', o[name]);
      if (v !== null) return v;
    }
    return null;
  };
  const html = field('html', 'content_html');
  const text = field('text', 'body', 'content') ?? (html ? htmlToText(html) : null);
  if (!text) throw new InputProblem('object has no text, body or html field with content');
  return { path, format: 'json', ...strictMetadata(o), text };
}

export function readJson(path: string, text: string): Items {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new InputProblem(`invalid JSON: ${(err as Error).message}`);
  }
  // News APIs wrap their list: {"articles": [...]}, {"items": [...]}.
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const wrapped = ['articles', 'items', 'results', 'data'].map((k) => (parsed as Record<string, unknown>)[k]).find(Array.isArray);
    if (wrapped) parsed = wrapped;
  }
  if (!Array.isArray(parsed)) return { articles: [fromRecord(path, parsed)], errors: [] };
  const out: Items = { articles: [], errors: [] };
  parsed.forEach((item, i) => {
    const itemPath = `${path}#${i + 1}`;
    try {
      out.articles.push(fromRecord(itemPath, item));
    } catch (err) {
      out.errors.push({ file: itemPath, reason: `item ${i + 1}: ${(err as Error).message}` });
    }
  });
  if (parsed.length === 0) throw new InputProblem('empty JSON array: no articles');
  return out;
}

export function readJsonl(path: string, text: string): Items {
  const out: Items = { articles: [], errors: [] };
  let n = 0;
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const itemPath = `${path}#${++n}`;
    try {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (err) {
        throw new InputProblem(`malformed JSON: ${(err as Error).message}`);
      }
      out.articles.push(fromRecord(itemPath, value));
    } catch (err) {
      out.errors.push({ file: path, reason: `line ${i + 1}: ${(err as Error).message}` });
    }
  });
  return out;
}
