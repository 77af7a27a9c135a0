// Fetching feeds over HTTP as a polite client: conditional GETs (a feed that has not
// changed costs its server a 304, not the whole document), a time limit and a size cap
// on every request, one request at a time per host with a pause between them, and a
// host that asks us to come back later (429/503 with Retry-After) left alone until then.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Validators {
  /** The feed's last ETag, sent back as If-None-Match. */
  etag: string | null;
  /** The feed's last Last-Modified, sent back as If-Modified-Since. */
  lastModified: string | null;
}

export type Fetched =
  | { status: 'not-modified' }
  | { status: 'ok'; body: Uint8Array; contentType: string | null; validators: Validators };

export interface FetchOptions {
  /** Milliseconds for the whole request, body included. */
  timeoutMs: number;
  /** Largest body read, in bytes. */
  maxBytes: number;
  userAgent: string;
  /** Abandons the request (the watcher is stopping). */
  signal?: AbortSignal;
}

/** A feed that could not be fetched, with why; `retryAt`: the server asked for no request before then. */
export class FeedFetchError extends Error {
  constructor(message: string, readonly retryAt: Date | null = null) {
    super(message);
  }
}

export const USER_AGENT = `dyad/${(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version} (feed watcher)`;

/** The feed URL as a URL, or why it cannot be one dyad fetches. */
export function feedUrl(spec: string): URL {
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    throw new FeedFetchError(`not a URL: '${spec}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FeedFetchError(`only http and https feeds are fetched, not ${url.protocol}`);
  return url;
}

/**
 * One conditional GET of a feed, following redirects. Every failure (no such host, refused,
 * an HTTP error, too long, too big) is a FeedFetchError saying what went wrong; an abort
 * through `options.signal` rejects with that signal's reason.
 */
export async function fetchFeed(url: string, validators: Validators, options: FetchOptions): Promise<Fetched> {
  feedUrl(url);
  const headers: Record<string, string> = {
    'User-Agent': options.userAgent,
    Accept: 'application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1',
  };
  if (validators.etag) headers['If-None-Match'] = validators.etag;
  if (validators.lastModified) headers['If-Modified-Since'] = validators.lastModified;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const response = await fetch(url, { headers, redirect: 'follow', signal });
    if (response.status === 304) {
      await response.body?.cancel();
      return { status: 'not-modified' };
    }
    if (!response.ok) {
      await response.body?.cancel();
      const retryAt = response.status === 429 || response.status === 503 ? retryAfter(response.headers.get('retry-after')) : null;
      throw new FeedFetchError(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${retryAt ? `; asked to wait until ${retryAt.toISOString()}` : ''}`, retryAt);
    }
    const body = await readCapped(response, options.maxBytes);
    return {
      status: 'ok',
      body,
      contentType: response.headers.get('content-type'),
      validators: { etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') },
    };
  } catch (err) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (err instanceof FeedFetchError) throw err;
    if (timeout.aborted) throw new FeedFetchError(`no complete answer within ${options.timeoutMs / 1000} s (--timeout)`);
    throw new FeedFetchError(networkFault(err));
  }
}

/** The body, up to `maxBytes`: a larger one is an error found without reading it all. */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  const tooBig = () => new FeedFetchError(`the feed is over the limit of ${maxBytes} bytes (--max-bytes)`);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooBig();
  }
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    chunks.push(chunk);
    total += chunk.length;
    // Leaving the loop early cancels the stream, and with it the download.
    if (total > maxBytes) throw tooBig();
  }
  return Buffer.concat(chunks);
}

/** What fetch's "fetch failed" stands for: the system's error (ENOTFOUND, ECONNREFUSED...) it wraps. */
function networkFault(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === 'ENOTFOUND' || cause?.code === 'EAI_AGAIN') return `no such host (${cause.code})`;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused';
  return cause?.message ?? (err as Error).message ?? String(err);
}

/** The longest wait a Retry-After is honoured for: one odd answer must not silence a feed for good. */
const MAX_RETRY_AFTER_MS = 24 * 3600 * 1000;

/**
 * Retry-After as a time: delay-seconds or an HTTP date (RFC 9110 10.2.3), at most a day
 * ahead; null if it is neither or already past.
 */
export function retryAfter(value: string | null, now = Date.now()): Date | null {
  if (!value) return null;
  const text = value.trim();
  const at = /^\d+$/.test(text) ? now + Number(text) * 1000 : Date.parse(text);
  if (Number.isNaN(at) || at <= now) return null;
  return new Date(Math.min(at, now + MAX_RETRY_AFTER_MS));
}

/**
 * Politeness per host (host and port): at most one request in flight, at least `delayMs`
 * between the end of one request and the start of the next, and none before a time the
 * host asked for. Feeds of different hosts go on at once.
 */
export class HostGate {
  /** The last request queued per host: each one waits for the one before. */
  private readonly tails = new Map<string, Promise<void>>();
  private readonly lastEnd = new Map<string, number>();
  private readonly blocked = new Map<string, Date>();

  constructor(private readonly delayMs: number) {}

  /** The time before which `host` wants no request, if that is still to come. */
  blockedUntil(host: string, now = Date.now()): Date | null {
    const until = this.blocked.get(host);
    return until && until.getTime() > now ? until : null;
  }

  block(host: string, until: Date): void {
    const current = this.blocked.get(host);
    if (!current || current < until) this.blocked.set(host, until);
  }

  /** Runs `request` when its host's turn comes; a `signal` abort ends the wait. */
  async run<T>(host: string, request: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const previous = this.tails.get(host) ?? Promise.resolve();
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    this.tails.set(host, mine);
    try {
      await previous;
      const until = this.blockedUntil(host);
      if (until) throw new FeedFetchError(`skipped: ${host} asked for no request before ${until.toISOString()}`, until);
      const wait = (this.lastEnd.get(host) ?? -Infinity) + this.delayMs - performance.now();
      if (wait > 0) await sleep(wait, undefined, { signal });
      signal?.throwIfAborted();
      try {
        return await request();
      } finally {
        this.lastEnd.set(host, performance.now());
      }
    } finally {
      if (this.tails.get(host) === mine) this.tails.delete(host);
      done();
    }
  }
}
