// Article metadata as front matter, JSON records and manifests spell it.
import type { RawArticle } from '../types.js';
import { InputProblem } from './problem.js';

export type Meta = Partial<Pick<RawArticle, 'id' | 'title' | 'outlet' | 'url' | 'published' | 'byline'>>;

/** A metadata value as a trimmed string, or null when absent or empty. */
export function str(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (typeof v === 'object') {
    // Feeds and JSON-LD wrap values: {"#text": ...}, {name: ...}, [first, ...].
    if (Array.isArray(v)) return str(v[0]);
    const o = v as Record<string, unknown>;
    return str(o['#text'] ?? o.name ?? o['@_href'] ?? null);
  }
  const s = String(v).trim();
  return s ? s : null;
}

/** Other names the same field goes by, first match wins. */
const ALIASES: Record<keyof Meta, string[]> = {
  id: ['id'],
  title: ['title', 'headline'],
  outlet: ['outlet', 'source', 'publisher', 'site', 'site_name'],
  url: ['url', 'link', 'canonical'],
  published: ['published', 'date', 'pubDate', 'published_at', 'publishedAt', 'datePublished'],
  byline: ['byline', 'author', 'authors'],
};

/** What a JSON value is, in words, for an error message. */
export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/**
 * A field of a JSON record, which must hold what it names: a string, or for `id`
 * a number too, for an outlet or a byline a name object ({"name": ...}, as news
 * APIs give them) or a list of names. Anything else is an error naming the
 * field, never a value coerced (123 into "123", ["a","b"] into "a").
 */
export function strictField(name: string, field: keyof Meta | 'text', v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() || null;
  if (field === 'id' && typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  const named = (x: unknown) => (x !== null && typeof x === 'object' && !Array.isArray(x) && typeof (x as { name?: unknown }).name === 'string' ? (x as { name: string }).name : typeof x === 'string' ? x : null);
  if (field === 'outlet' && named(v) !== null) return named(v)!.trim() || null;
  if (field === 'byline') {
    const names = (Array.isArray(v) ? v : [v]).map(named);
    if (names.every((n) => n !== null)) return (names as string[]).map((n) => n.trim()).filter(Boolean).join(', ') || null;
  }
  const expected = field === 'id' ? 'a string or an integer' : field === 'outlet' ? 'a string or {"name": ...}' : field === 'byline' ? 'a string, {"name": ...} or a list of them' : 'a string';
  throw new InputProblem(`field "${name}" must be ${expected}, not ${kindOf(v)}`);
}

/** The metadata of a JSON record, under any of their names, each checked by `strictField`. */
export function strictMetadata(o: Record<string, unknown>): Meta {
  const m: Meta = {};
  for (const [field, names] of Object.entries(ALIASES) as [keyof Meta, string[]][]) {
    for (const name of names) {
      const v = strictField(name, field, o[name]);
      if (v !== null) {
        m[field] = v;
        break;
      }
    }
  }
  return m;
}

/** The metadata fields present in a record, under any of their names. */
export function metadata(o: Record<string, unknown>): Meta {
  const m: Meta = {};
  for (const [field, names] of Object.entries(ALIASES) as [keyof Meta, string[]][]) {
    for (const name of names) {
      const v = str(o[name]);
      if (v !== null) {
        m[field] = v;
        break;
      }
    }
  }
  return m;
}
