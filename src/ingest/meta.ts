// Article metadata as front matter, JSON records and manifests spell it.
import type { RawArticle } from '../types.js';

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
