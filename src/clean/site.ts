// Site boilerplate learned from the corpus: a short line that is no news
// paragraph and recurs on other pages of the same outlet (or of many outlets)
// is the site's furniture, whatever its words. The store keeps which articles
// carry which such lines, so the memory grows with the corpus.
import { isNews, shape, type LineWords } from './lines.js';

/** Lines with more words than this are never learned: furniture is short. */
const MAX_TOKENS = 15;
/** Other pages of the same outlet that must carry a line for it to be the outlet's boilerplate. */
export const SAME_OUTLET = 2;
/** Other outlets that must carry a very short line for it to be boilerplate everywhere. */
export const OTHER_OUTLETS = 5;
const ACROSS_TOKENS = 6;

export const lineKey = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim().slice(0, 200);

/** A line the memory may learn: short, and no news paragraph. */
export function learnable(text: string, w: LineWords): boolean {
  const s = shape(text, w);
  return s.n > 0 && s.n <= MAX_TOKENS && !isNews(s);
}

/** The keys of the learnable lines of an article's text as read. */
export function siteLines(text: string, w: LineWords): string[] {
  const lines = text.split('\n').map((l) => l.trim());
  return [...new Set(lines.filter((l) => l && learnable(l, w)).map(lineKey))].filter(Boolean);
}

export class SiteMemory {
  /** Line key → outlet → paths of the articles that carry it. */
  private readonly seen = new Map<string, Map<string, Set<string>>>();

  add(path: string, outlet: string | null, keys: Iterable<string>): void {
    const site = outlet ?? '';
    for (const key of keys) {
      let outlets = this.seen.get(key);
      if (!outlets) this.seen.set(key, (outlets = new Map()));
      let paths = outlets.get(site);
      if (!paths) outlets.set(site, (paths = new Set()));
      paths.add(path);
    }
  }

  /** Why the line is site boilerplate for an article of `outlet` read from `path`, or null. */
  repeated(path: string, outlet: string | null, text: string): string | null {
    const outlets = this.seen.get(lineKey(text));
    if (!outlets) return null;
    const others = (paths: Set<string> | undefined) => (paths ? paths.size - (paths.has(path) ? 1 : 0) : 0);
    const same = outlet ? others(outlets.get(outlet)) : 0;
    if (same >= SAME_OUTLET) return `on ${same} other pages of ${outlet}`;
    const elsewhere = [...outlets].filter(([site, paths]) => site !== (outlet ?? '') && others(paths) > 0).length;
    if (elsewhere >= OTHER_OUTLETS && (text.match(/[\p{L}\p{N}]+/gu) ?? []).length <= ACROSS_TOKENS) return `on pages of ${elsewhere} other outlets`;
    return null;
  }
}
