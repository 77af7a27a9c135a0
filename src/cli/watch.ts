import { setTimeout as sleep } from 'node:timers/promises';
import type { InputError } from '../types.js';
import { FeedWatcher, WATCH_DEFAULTS, type FeedReport, type WatchOptions } from '../watch/index.js';
import { parse, UsageError, type Command } from './command.js';
import { print } from './output.js';
import { SPECS } from './specs.js';
import { isPostgresUrl, shownSpec } from '../store/spec.js';

/** A period: `5m`, `30s`, `1h`, `1.5h`, `500ms` or plain seconds; milliseconds, or null if it is none. */
export function parseDuration(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(text.trim());
  if (!m) return null;
  const ms = Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  // Timers take at most 2^31-1 ms (24.8 days).
  return ms <= 2 ** 31 - 1 ? ms : null;
}

/** The feed options `watch` and `enqueue --feed` share: --timeout, --host-delay, --max-bytes. */
export const FEED_OPTIONS = {
  timeout: { type: 'string' },
  'host-delay': { type: 'string' },
  'max-bytes': { type: 'string' },
} as const;

export const FEED_HELP = [
  `  --timeout SECONDS   time one request may take, body included (default ${WATCH_DEFAULTS.timeoutMs / 1000})`,
  `  --host-delay S      seconds between two requests to one host (default ${WATCH_DEFAULTS.hostDelayMs / 1000})`,
  '  --max-bytes N       skip feeds larger than N bytes (default 10 MB)',
];

export function feedOptions(values: Record<string, unknown>): WatchOptions {
  const seconds = (name: string, zeroOk: boolean): number | undefined => {
    const text = values[name] as string | undefined;
    if (text === undefined) return undefined;
    const ms = parseDuration(text);
    if (ms === null || (ms === 0 && !zeroOk)) throw new UsageError(`--${name} must be a number of seconds (or 500ms, 2m...), not '${text}'`);
    return ms;
  };
  const maxBytes = values['max-bytes'] === undefined ? undefined : Number(values['max-bytes']);
  if (maxBytes !== undefined && !(maxBytes > 0)) throw new UsageError('--max-bytes must be a positive number');
  return { timeoutMs: seconds('timeout', false), hostDelayMs: seconds('host-delay', true), maxBytes };
}

/** `--db` as every queue command needs it. */
export function queueDb(values: Record<string, unknown>): string {
  const db = values.db as string | undefined;
  if (!db || !isPostgresUrl(db)) throw new UsageError('--db must name a PostgreSQL database (postgres://...): the queue lives there');
  return db;
}

/** A failed feed as an input error, and each item it could not read. */
export function feedErrors(reports: FeedReport[]): InputError[] {
  return reports.flatMap((r) => [...(r.outcome === 'failed' ? [{ file: r.url, reason: r.error ?? 'failed' }] : []), ...r.problems]);
}

export function reportErrors(errors: InputError[]): void {
  for (const e of errors) process.stderr.write(`dyad: ${e.warning ? 'warning: ' : ''}${e.file}: ${e.reason}\n`);
}

export const watchCommand: Command = {
  ...SPECS.watch,
  help: [
    '',
    'Options:',
    '  --db URL            the PostgreSQL database holding the queue (postgres://...)',
    '  --feed URL          an RSS or Atom feed (http or https; repeatable)',
    '  --every PERIOD      time between polls: 5m, 30s, 1h or seconds (default 5m)',
    '  --once              poll once and exit (status 1 if a feed failed)',
    ...FEED_HELP,
    '  --quiet             only failures on stderr',
    '',
    'Polls every feed each period and queues the items never queued before, for `dyad worker`.',
    'Requests are conditional (ETag, Last-Modified): an unchanged feed costs its server a 304.',
    'One request at a time per host, a pause between them; a host that answers 429 or 503',
    'with Retry-After is left alone until then. A feed that fails is reported and the others',
    'go on. What was queued is kept in the database (schema dyad_watch), so a restarted',
    'watcher, or `dyad enqueue --feed`, never queues an item twice. SIGINT or SIGTERM stops it,',
    'abandoning requests in flight.',
  ].join('\n'),
  async run(args) {
    const { values } = parse(args, {
      db: { type: 'string' },
      feed: { type: 'string', multiple: true },
      every: { type: 'string', default: '5m' },
      once: { type: 'boolean', default: false },
      ...FEED_OPTIONS,
      quiet: { type: 'boolean', default: false },
    });
    const db = queueDb(values);
    const feeds = [...new Set((values.feed as string[] | undefined) ?? [])];
    if (feeds.length === 0) throw new UsageError('name at least one feed with --feed URL');
    const every = parseDuration(values.every as string);
    if (!every) throw new UsageError(`--every must be a period such as 5m, 30s, 1h or a number of seconds, not '${values.every}'`);
    const options = feedOptions(values);
    const quiet = values.quiet as boolean;

    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const watcher = await FeedWatcher.open(db, options);
    let failed = 0;
    let total = 0;
    try {
      const what = `${feeds.length} feed${feeds.length > 1 ? 's' : ''}`;
      if (!quiet) process.stderr.write(`dyad: ${values.once ? `checking ${what} once` : `watching ${what} every ${values.every}`} for the queue of ${shownSpec(db)}\n`);
      for (;;) {
        // Polls start a period apart (or at once after a poll that took longer).
        const started = Date.now();
        const reports = await watcher.poll(feeds, stop.signal);
        const errors = feedErrors(reports);
        reportErrors(errors);
        failed = reports.filter((r) => r.outcome === 'failed').length;
        total += reports.reduce((n, r) => n + r.queued.length, 0);
        if (!quiet && !stop.signal.aborted) await print(describePoll(reports));
        if (values.once || stop.signal.aborted) break;
        await sleep(Math.max(0, started + every - Date.now()), undefined, { signal: stop.signal }).catch(() => undefined);
        if (stop.signal.aborted) break;
      }
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await watcher.close();
    }
    if (!quiet && !values.once) process.stderr.write(`dyad: watch stopped: ${total} articles queued\n`);
    return values.once && failed > 0 ? 1 : 0;
  },
};

/** One poll for people: a line per feed that brought new items, each item, and a total. */
function describePoll(reports: FeedReport[]): string {
  const lines: string[] = [];
  for (const r of reports.filter((r) => r.queued.length > 0)) {
    lines.push(`${r.url}: ${r.queued.length} new of ${r.items} item${r.items > 1 ? 's' : ''}`);
    for (const raw of r.queued) lines.push(`  + ${raw.title ?? '(no title)'}${raw.url ? ` <${raw.url}>` : ''}`);
  }
  const count = (o: FeedReport['outcome']) => reports.filter((r) => r.outcome === o).length;
  const queued = reports.reduce((n, r) => n + r.queued.length, 0);
  lines.push(`${new Date().toISOString()} poll: ${queued} article${queued === 1 ? '' : 's'} queued from ${reports.length} feed${reports.length > 1 ? 's' : ''} (${count('unchanged')} unchanged, ${count('failed')} failed)`);
  return lines.join('\n') + '\n';
}
