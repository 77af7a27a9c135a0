// The feed watcher: polls RSS and Atom feeds over HTTP and queues each item it has not
// queued before, for `dyad worker` processes to analyse and store. `dyad watch` polls
// every period; `dyad enqueue --feed` polls once. Both share the state in the queue's
// database, so an item is queued once whichever of them sees it first.
import { createHash } from 'node:crypto';
import { articleId, decode, DEFAULT_MAX_BYTES } from '../ingest/index.js';
import { readFeedEntries, type FeedEntry } from '../ingest/feed.js';
import { ArticleQueue } from '../queue/index.js';
import { rawHash } from '../store/index.js';
import type { InputError, RawArticle } from '../types.js';
import { feedUrl, fetchFeed, FeedFetchError, HostGate, USER_AGENT } from './fetch.js';
import { WatchState } from './state.js';

export interface WatchOptions {
  /** Milliseconds one request may take, body included. */
  timeoutMs?: number;
  /** Largest feed read, in bytes. */
  maxBytes?: number;
  /** Milliseconds between two requests to one host. */
  hostDelayMs?: number;
  userAgent?: string;
}

export const WATCH_DEFAULTS = { timeoutMs: 20_000, hostDelayMs: 1_000 } as const;

/** What one poll did with one feed. */
export interface FeedReport {
  url: string;
  /** `new`: fetched and read (`queued` may still be empty); `unchanged`: 304; `stopped`: abandoned by a stop. */
  outcome: 'new' | 'unchanged' | 'failed' | 'stopped';
  /** Items the fetched feed holds. */
  items: number;
  /** Articles this poll queued: items never queued before. */
  queued: RawArticle[];
  /** Why the feed failed (`failed`). */
  error?: string;
  /** Items that could not be read (no text), each naming the feed and the item. */
  problems: InputError[];
}

/** A feed item with the key that tells it from every other item of its feed, ever, and the version of its content. */
interface KeyedItem {
  key: string;
  /** `rawHash` of the article as read: another means the item changed (a correction, an update). */
  version: string;
  raw: RawArticle;
}

/**
 * An item's key: the id the feed gives it (`<guid>`, Atom `<id>`), else its link, else a
 * hash of its title and text. Never its place in the feed, which shifts as items are added.
 */
export function itemKey(entry: FeedEntry): string {
  const { article } = entry;
  return entry.guid ?? article.url ?? `sha256:${createHash('sha256').update(`${article.title ?? ''}\n${article.text}`).digest('hex').slice(0, 32)}`;
}

/** The feed's items as articles with stable paths (`<feed url>#<key>`), and the items it could not read. */
export function feedItems(url: string, body: Uint8Array, contentType: string | null): { items: KeyedItem[]; problems: InputError[] } {
  const { entries, errors } = readFeedEntries(url, decodeFeed(body, contentType));
  const items = new Map<string, KeyedItem>();
  for (const entry of entries) {
    const key = itemKey(entry);
    // A feed that lists one item twice (one guid) lists one article.
    if (items.has(key)) continue;
    const raw: RawArticle = { ...entry.article, path: `${url}#${encodeURIComponent(key)}` };
    raw.id = articleId(raw);
    items.set(key, { key, version: rawHash(raw), raw });
  }
  return { items: [...items.values()], problems: errors };
}

/**
 * The text of a feed's bytes. UTF-8 and UTF-16 (by its byte order mark) as for files;
 * another charset named by the Content-Type or the XML declaration (ISO-8859-1 feeds are
 * still about) is decoded as named.
 */
function decodeFeed(body: Uint8Array, contentType: string | null): string {
  if (body.length === 0) throw new FeedFetchError('the server sent an empty answer');
  const declared = /charset="?([\w.:-]+)/i.exec(contentType ?? '')?.[1]
    ?? /^\s*<\?xml[^>]*\bencoding=["']([\w.:-]+)["']/.exec(Buffer.from(body.subarray(0, 200)).toString('latin1'))?.[1];
  if (!declared || /^utf-?(8|16)/i.test(declared)) return decode(body);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared, { fatal: true });
  } catch {
    throw new FeedFetchError(`unknown character encoding '${declared}'`);
  }
  try {
    return decoder.decode(body);
  } catch {
    throw new FeedFetchError(`not valid ${declared} text`);
  }
}

export class FeedWatcher {
  private readonly gate: HostGate;
  private readonly fetchOptions: { timeoutMs: number; maxBytes: number; userAgent: string };

  private constructor(
    private readonly state: WatchState,
    private readonly queue: ArticleQueue,
    /** Whether closing the watcher closes the queue: it does when the watcher opened it. */
    private readonly ownsQueue: boolean,
    options: WatchOptions,
  ) {
    this.gate = new HostGate(options.hostDelayMs ?? WATCH_DEFAULTS.hostDelayMs);
    this.fetchOptions = {
      timeoutMs: options.timeoutMs ?? WATCH_DEFAULTS.timeoutMs,
      maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
      userAgent: options.userAgent ?? USER_AGENT,
    };
  }

  /**
   * Opens the watch state and the job queue, both in the PostgreSQL database at `db`;
   * `queue`: one the caller has open already on that database (and closes itself).
   */
  static async open(db: string, options: WatchOptions = {}, queue?: ArticleQueue): Promise<FeedWatcher> {
    const jobs = queue ?? (await ArticleQueue.open(db, { supervise: false, connections: 2 }));
    try {
      return new FeedWatcher(await WatchState.open(db), jobs, !queue, options);
    } catch (err) {
      if (!queue) await jobs.stop();
      throw err;
    }
  }

  /**
   * Checks every feed once: feeds of different hosts at once, feeds of one host one after
   * another. A feed that fails is reported and the others go on. An abort through `signal`
   * abandons requests in flight; their feeds are reported `stopped`.
   */
  async poll(feeds: string[], signal?: AbortSignal): Promise<FeedReport[]> {
    return Promise.all(feeds.map((url) => this.check(url, signal)));
  }

  private async check(url: string, signal?: AbortSignal): Promise<FeedReport> {
    const report: FeedReport = { url, outcome: 'failed', items: 0, queued: [], problems: [] };
    let host: string;
    try {
      host = feedUrl(url).host;
    } catch (err) {
      return { ...report, error: (err as Error).message };
    }
    try {
      const known = await this.state.feed(url);
      // A wait the host asked for in an earlier run holds in this one too.
      if (known.retryAt) this.gate.block(host, known.retryAt);
      const fetched = await this.gate.run(host, () => fetchFeed(url, known, { ...this.fetchOptions, signal }), signal);
      if (fetched.status === 'not-modified') {
        await this.state.checked(url, { ok: true });
        return { ...report, outcome: 'unchanged' };
      }
      const { items, problems } = feedItems(url, fetched.body, fetched.contentType);
      const queued = await this.state.commit(url, items, fetched.validators, (fresh, db) => this.queue.enqueue(fresh.map((i) => i.raw), db));
      return { ...report, outcome: 'new', items: items.length, queued: queued.map((i) => i.raw), problems };
    } catch (err) {
      if (signal?.aborted) return { ...report, outcome: 'stopped' };
      const error = (err as Error).message;
      const retryAt = err instanceof FeedFetchError ? err.retryAt : null;
      if (retryAt) this.gate.block(host, retryAt);
      await this.state.checked(url, { ok: false, error, retryAt }).catch(() => undefined);
      return { ...report, error };
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.state.close(), this.ownsQueue ? this.queue.stop() : undefined]);
  }
}
