// HTML to text with one paragraph per line, and article extraction from whole
// pages through Readability. Used for .html files, feed item content and the
// `html` field of JSON records.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { str } from './meta.js';

/** Elements whose start and end break a line: everything else flows inline. */
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION',
  'TABLE', 'TD', 'TH', 'TR', 'UL',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'HEAD']);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** Text of an HTML fragment or element: block elements become lines, inline whitespace collapses. */
export function htmlToText(html: string | DomNode): string {
  const root = typeof html === 'string' ? (parseHTML(`<!doctype html><html><body>${html}</body></html>`).document.body as unknown as DomNode) : html;
  const lines: string[] = [];
  let line = '';
  const flush = () => {
    const t = line.replace(/\s+/g, ' ').trim();
    if (t) lines.push(t);
    line = '';
  };
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) {
      line += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1 || SKIP.has(node.nodeName)) return;
    const block = BLOCK.has(node.nodeName);
    if (block) flush();
    for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i]!);
    if (block) flush();
  };
  walk(root);
  flush();
  return lines.join('\n');
}

export interface PageMeta {
  title: string | null;
  outlet: string | null;
  published: string | null;
  byline: string | null;
  url: string | null;
}

export interface Page extends PageMeta {
  text: string;
}

const ARTICLE_TYPES = /^(?:News|Reportage|Analysis|Opinion|Report|Background)?Article$|^(?:BlogPosting|LiveBlogPosting)$/;

/** The schema.org article object in a page's JSON-LD, however it is nested (arrays, @graph). */
function jsonLdArticle(document: { querySelectorAll(s: string): Iterable<{ textContent: string | null }> }): Record<string, unknown> | null {
  const find = (v: unknown): Record<string, unknown> | null => {
    if (Array.isArray(v)) {
      for (const x of v) {
        const hit = find(x);
        if (hit) return hit;
      }
      return null;
    }
    if (!v || typeof v !== 'object') return null;
    const o = v as Record<string, unknown>;
    const types = ([] as unknown[]).concat(o['@type'] ?? []);
    if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t))) return o;
    return find(o['@graph']);
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const hit = find(JSON.parse(script.textContent ?? ''));
      if (hit) return hit;
    } catch {
      // Broken JSON-LD is common; the page's other metadata still counts.
    }
  }
  return null;
}

/**
 * A whole page: metadata from its <meta>/<link> tags and JSON-LD, body from Readability
 * (falling back to the page's own text when Readability finds no article, as on
 * short pages).
 */
export function readHtmlPage(html: string): Page {
  const { document } = parseHTML(html);
  const meta = (...keys: string[]): string | null => {
    for (const key of keys) {
      const el = document.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`);
      const v = el?.getAttribute('content')?.trim();
      if (v) return v;
    }
    return null;
  };
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href')?.trim() || null;
  const timeEl = document.querySelector('time[datetime]')?.getAttribute('datetime')?.trim() || null;
  const docTitle = document.querySelector('title')?.textContent?.trim() || null;
  const ld = jsonLdArticle(document) ?? {};
  const ldAuthors = ([] as unknown[]).concat(ld.author ?? []).map(str).filter((a): a is string => a !== null);
  const head: PageMeta = {
    title: meta('og:title', 'twitter:title', 'headline') ?? str(ld.headline) ?? docTitle,
    outlet: meta('og:site_name', 'application-name') ?? str(ld.publisher),
    published: meta('article:published_time', 'datePublished', 'pubdate', 'publish-date', 'date', 'dc.date', 'DC.date.issued') ?? str(ld.datePublished) ?? timeEl,
    byline: meta('author', 'article:author', 'byl', 'dc.creator') ?? (ldAuthors.length ? ldAuthors.join(', ') : null),
    url: canonical ?? meta('og:url') ?? str(ld.url),
  };
  // Readability mutates the document it reads, so it gets its own copy.
  const article = new Readability(parseHTML(html).document as unknown as Document, { charThreshold: 200 }).parse();
  let text = article?.content ? htmlToText(article.content) : '';
  if (!text) {
    for (const el of document.querySelectorAll('nav, header, footer, aside')) el.remove();
    text = document.body ? htmlToText(document.body as unknown as DomNode) : '';
  }
  return {
    ...head,
    title: head.title ?? article?.title?.trim() ?? null,
    byline: head.byline ?? (article?.byline?.trim() || null),
    published: head.published ?? (article?.publishedTime?.trim() || null),
    outlet: head.outlet ?? (article?.siteName?.trim() || null),
    text,
  };
}

/**
 * Why an HTML file looks cut off, or null: it stops inside a tag, or opens
 * <html>/<body> without ever closing them.
 */
export function truncation(html: string): string | null {
  const tail = html.trimEnd();
  if (tail.lastIndexOf('<') > tail.lastIndexOf('>')) return 'truncated HTML: the file ends inside a tag';
  for (const tag of ['html', 'body']) {
    if (new RegExp(`<${tag}[\\s>]`, 'i').test(html) && !new RegExp(`</${tag}\\s*>`, 'i').test(html)) {
      return `truncated HTML: <${tag}> is never closed`;
    }
  }
  return null;
}
