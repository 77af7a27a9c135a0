// A feed server of the tests' own, on loopback: RSS 2.0 and Atom feeds whose items the
// test adds as it goes, ETag and Last-Modified answered with 304 when asked, and feeds
// that fail on purpose (500, not XML, never answering, 429 with Retry-After, a redirect).
// It records every request, and how many were in flight at once.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import { atEnd } from './cleanup.js';

export interface TestItem {
  /** `<guid>` / Atom `<id>`; null leaves it out. */
  id: string | null;
  link: string | null;
  title: string;
  text: string;
}

export interface TestFeed {
  kind: 'rss' | 'atom';
  title: string;
  items: TestItem[];
  /** Send ETag and Last-Modified, and answer a matching conditional GET with 304. */
  validators: boolean;
  mode: 'ok' | 'error-500' | 'not-xml' | 'hang' | 'too-many' | 'redirect';
  /** Where a `redirect` feed points. */
  location?: string;
  /** Milliseconds before answering. */
  delayMs?: number;
}

export interface RecordedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  status?: number;
  start: number;
  /** When the server answered, or the connection closed unanswered (performance.now()). */
  end?: number;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function renderFeed(feed: TestFeed): string {
  if (feed.kind === 'rss') {
    const items = feed.items.map((i) => [
      '<item>',
      `<title>${escape(i.title)}</title>`,
      i.link ? `<link>${escape(i.link)}</link>` : '',
      i.id ? `<guid isPermaLink="false">${escape(i.id)}</guid>` : '',
      '<pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate>',
      `<description>${escape(i.text)}</description>`,
      '</item>',
    ].join(''));
    return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${escape(feed.title)}</title><link>http://127.0.0.1/</link><description>test feed</description>${items.join('\n')}</channel></rss>\n`;
  }
  const entries = feed.items.map((i) => [
    '<entry>',
    i.id ? `<id>${escape(i.id)}</id>` : '',
    `<title>${escape(i.title)}</title>`,
    i.link ? `<link rel="alternate" href="${escape(i.link)}"/>` : '',
    '<updated>2026-03-02T09:00:00Z</updated>',
    `<content type="text">${escape(i.text)}</content>`,
    '</entry>',
  ].join(''));
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>${escape(feed.title)}</title><id>urn:test:${escape(feed.title)}</id><updated>2026-03-02T09:00:00Z</updated>${entries.join('\n')}</feed>\n`;
}

export class FeedServer {
  readonly feeds = new Map<string, TestFeed>();
  readonly requests: RecordedRequest[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private readonly server: Server;
  private base = '';
  private waiters: { path: string; resolve: () => void }[] = [];

  constructor() {
    this.server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const record: RecordedRequest = { path, headers: req.headers, start: performance.now() };
      this.requests.push(record);
      this.inFlight++;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      // A request ends when the server answers it (before the client can see the answer), or when its connection closes.
      const finish = () => {
        if (record.end !== undefined) return;
        record.end = performance.now();
        this.inFlight--;
      };
      res.on('close', finish);
      for (const w of this.waiters.filter((w) => w.path === path)) w.resolve();
      this.waiters = this.waiters.filter((w) => w.path !== path);
      const feed = this.feeds.get(path);
      const answer = (status: number, headers: Record<string, string> = {}, body = '') => {
        record.status = status;
        finish();
        res.writeHead(status, headers).end(body);
      };
      const respond = () => {
        if (!feed) return answer(404, { 'Content-Type': 'text/plain' }, 'no such feed');
        switch (feed.mode) {
          case 'hang':
            return; // never answers: the client's timeout has to end it
          case 'error-500':
            return answer(500, { 'Content-Type': 'text/plain' }, 'the server broke');
          case 'not-xml':
            return answer(200, { 'Content-Type': 'text/html' }, 'Sorry, this page has moved. Try again later.');
          case 'too-many':
            return answer(429, { 'Retry-After': '3600', 'Content-Type': 'text/plain' }, 'slow down');
          case 'redirect':
            return answer(301, { Location: feed.location ?? '/' });
          case 'ok':
            break;
        }
        const body = renderFeed(feed);
        const headers: Record<string, string> = { 'Content-Type': feed.kind === 'rss' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml' };
        if (feed.validators) {
          // The validators change with the items: one ETag and one modification time per version.
          const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
          const modified = new Date(Date.UTC(2026, 2, 1) + feed.items.length * 60_000).toUTCString();
          headers.ETag = etag;
          headers['Last-Modified'] = modified;
          if (req.headers['if-none-match'] === etag || (!req.headers['if-none-match'] && req.headers['if-modified-since'] === modified)) {
            return answer(304, { ETag: etag, 'Last-Modified': modified });
          }
        }
        answer(200, headers, body);
      };
      if (feed?.delayMs) setTimeout(respond, feed.delayMs);
      else respond();
    });
  }

  async start(): Promise<this> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** A feed served at `path`; returns its URL. */
  add(path: string, feed: Partial<TestFeed> & Pick<TestFeed, 'items'>): string {
    this.feeds.set(path, { kind: 'rss', title: 'Harbour Gazette', validators: true, mode: 'ok', ...feed });
    return this.url(path);
  }

  url(path: string): string {
    return `${this.base}${path}`;
  }

  requestsFor(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  /** Resolves when the next request for `path` arrives. */
  nextRequest(path: string): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ path, resolve }));
  }

  async close(): Promise<void> {
    // A hanging feed's connection is still open: cut it, then close.
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** An article of the tests' own, about invented events. */
export function item(n: number, fields: Partial<TestItem> = {}): TestItem {
  return {
    id: `urn:test:item-${n}`,
    link: `http://news.example/articles/${n}`,
    title: `Ministers meet in Oslo, round ${n}`,
    text: `Foreign ministers of Norway and Kenya met in Oslo on Monday for talks number ${n}. They agreed to expand trade and to meet again next month, officials said.`,
    ...fields,
  };
}

/** A feed server for one test, closed when it ends. */
export async function feedServer(t: TestContext): Promise<FeedServer> {
  const server = await new FeedServer().start();
  atEnd(t, () => server.close());
  return server;
}
