// RSS 2.0 and Atom feeds: every item or entry is an article.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { RawArticle } from '../types.js';
import { htmlToText } from './html.js';
import type { Items } from './json.js';
import { str } from './meta.js';
import { InputProblem } from './problem.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
  // Bodies stay raw markup: Atom's type="xhtml" content is XML the parser would otherwise take apart.
  stopNodes: ['*.content', '*.summary', '*.description', '*.content:encoded'],
});

const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v : v ? [v] : []) as Record<string, unknown>[];

const TAG = /<[a-z][^>]*>/i;

/** Item content is HTML in most feeds: in CDATA, escaped (type="html"), inline XHTML, or plain text. */
function contentText(v: unknown): string | null {
  let s = str(v)?.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1').trim();
  if (!s) return null;
  if (!TAG.test(s)) {
    // Entities decoded line by line, so plain text keeps its line breaks.
    s = s.split(/\r?\n/).map((line) => htmlToText(line)).join('\n');
  }
  return (TAG.test(s) ? htmlToText(s) : s).trim() || null;
}

function atomLink(links: unknown): string | null {
  const all = list(links);
  const alt = all.find((l) => !l['@_rel'] || l['@_rel'] === 'alternate') ?? all[0];
  return alt ? str(alt['@_href'] ?? alt['#text']) : null;
}

/** A feed item as read, with the identifier the feed gives it (RSS `<guid>` or `rdf:about`, Atom `<id>`), if any. */
export interface FeedEntry {
  article: RawArticle;
  guid: string | null;
}

export function readFeed(path: string, xml: string): Items {
  const { entries, errors } = readFeedEntries(path, xml);
  return { articles: entries.map((e) => e.article), errors };
}

/**
 * The items of a feed with their own identifiers: a watcher tells an item it has seen from
 * a new one by them, as a position in the feed shifts whenever an item is added.
 */
export function readFeedEntries(path: string, xml: string): { entries: FeedEntry[]; errors: Items['errors'] } {
  if (!xml.trimStart().startsWith('<')) throw new InputProblem('not XML: a feed must start with <rss, <feed or <?xml');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new InputProblem(`not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  const doc = parser.parse(xml) as Record<string, any>;
  const items: FeedEntry[] = [];
  const errors: Items['errors'] = [];
  // RSS 1.0 (RDF) keeps its items beside the channel, RSS 2.0 inside it.
  const rdf = doc['rdf:RDF'];
  const rss = doc.rss?.channel ? (Array.isArray(doc.rss.channel) ? doc.rss.channel[0] : doc.rss.channel) : null;
  if (rss || rdf) {
    const outlet = str((rss ?? rdf.channel)?.title);
    list(rss ? rss.item : rdf.item).forEach((item, i) => {
      const p = `${path}#${i + 1}`;
      const text = contentText(item['content:encoded']) ?? contentText(item.description);
      if (!text) return errors.push({ file: p, reason: `item ${i + 1} has no content:encoded or description` });
      const article: RawArticle = {
        path: p,
        format: 'feed',
        title: str(item.title),
        outlet,
        url: str(item.link) ?? (str(item.guid) && /^https?:/.test(str(item.guid)!) ? str(item.guid) : null),
        published: str(item.pubDate ?? item['dc:date']),
        byline: str(item['dc:creator'] ?? item.author),
        text,
      };
      items.push({ article, guid: str(item.guid) ?? str(item['@_rdf:about']) });
    });
  } else if (doc.feed) {
    const feed = doc.feed;
    const outlet = str(feed.title);
    list(feed.entry).forEach((entry, i) => {
      const p = `${path}#${i + 1}`;
      const text = contentText(entry.content) ?? contentText(entry.summary);
      if (!text) return errors.push({ file: p, reason: `entry ${i + 1} has no content or summary` });
      const article: RawArticle = {
        path: p,
        format: 'feed',
        title: str(entry.title),
        outlet,
        url: atomLink(entry.link),
        published: str(entry.published ?? entry.updated),
        byline: str(list(entry.author)[0]?.name),
        text,
      };
      items.push({ article, guid: str(entry.id) });
    });
  } else {
    throw new InputProblem('XML but neither an RSS <rss><channel> / <rdf:RDF> nor an Atom <feed>');
  }
  if (items.length === 0 && errors.length === 0) throw new InputProblem('feed has no items');
  return { entries: items, errors };
}
