// JSON (one object or an array of objects) and JSONL (one object per line).
import type { InputError, RawArticle } from '../types.js';
import { htmlToText } from './html.js';
import { InputProblem, str } from './problem.js';

export interface Items {
  articles: RawArticle[];
  errors: InputError[];
}

/** One record to a RawArticle; throws when it has no text. */
function fromRecord(path: string, value: unknown): RawArticle {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputProblem('not a JSON object');
  }
  const o = value as Record<string, unknown>;
  const html = str(o.html ?? o.content_html);
  const text = str(o.text ?? o.body ?? o.content) ?? (html ? htmlToText(html) : null);
  if (!text) throw new InputProblem('object has no text, body or html field with content');
  return {
    path,
    format: 'json',
    id: str(o.id) ?? undefined,
    title: str(o.title ?? o.headline),
    outlet: str(o.outlet ?? o.source ?? o.publisher ?? o.site),
    url: str(o.url ?? o.link),
    published: str(o.published ?? o.date ?? o.pubDate ?? o.published_at ?? o.datePublished),
    byline: str(o.byline ?? o.author),
    text,
  };
}

export function readJson(path: string, text: string): Items {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new InputProblem(`invalid JSON: ${(err as Error).message}`);
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
