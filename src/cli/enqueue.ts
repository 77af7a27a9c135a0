import { ingest } from '../ingest/index.js';
import { ArticleQueue, QUEUE_DEFAULTS } from '../queue/index.js';
import type { InputError } from '../types.js';
import { FeedWatcher } from '../watch/index.js';
import { SAMPLES } from './analyze.js';
import { parse, positiveInt, type Command } from './command.js';
import { print } from './output.js';
import { SPECS } from './specs.js';
import { FEED_HELP, FEED_OPTIONS, feedErrors, feedOptions, queueDb, reportErrors } from './watch.js';
import { shownSpec } from '../store/spec.js';

export const enqueueCommand: Command = {
  ...SPECS.enqueue,
  help: [
    '',
    'Options:',
    '  --db URL            the PostgreSQL database holding the queue (postgres://...)',
    '  --feed URL          fetch an RSS or Atom feed (http or https; repeatable) and queue its new items',
    '  --manifest FILE     JSONL or CSV (path column) with per-file metadata',
    '  --max-bytes N       skip files, feeds (and standard input) larger than N bytes (default 10 MB)',
    ...FEED_HELP.filter((line) => !line.includes('--max-bytes')),
    `  --expire SECONDS    set the queue's expiry: a job active this long counts as lost and is retried (default ${QUEUE_DEFAULTS.expireSeconds})`,
    '  --json              print {queued, already, errors} on stdout',
    '  --quiet             only failures on stderr',
    '',
    'Reads PATHs as `dyad ingest` does (with no PATH, the sample corpus) and queues one job per',
    'article. An article queued again unchanged is one job, not two; `dyad worker` does the rest.',
    'With --feed (and no PATH, only the feeds), each feed is fetched once and its items never',
    'queued before are queued, as `dyad watch` does: an item is queued once, whichever sees it first.',
  ].join('\n'),
  async run(args) {
    const { values, positionals } = parse(args, {
      db: { type: 'string' },
      feed: { type: 'string', multiple: true },
      manifest: { type: 'string' },
      ...FEED_OPTIONS,
      expire: { type: 'string' },
      json: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    });
    const db = queueDb(values);
    const options = feedOptions(values);
    const feeds = [...new Set((values.feed as string[] | undefined) ?? [])];
    const expire = values.expire === undefined ? undefined : positiveInt('--expire', values.expire as string);
    // With feeds named and no PATH, the feeds are the whole input (not the sample corpus too).
    const paths = positionals.length > 0 ? positionals : feeds.length > 0 ? [] : [SAMPLES];
    const { articles, errors } = paths.length > 0 ? await ingest(paths, { manifest: values.manifest as string | undefined, maxBytes: options.maxBytes }) : { articles: [], errors: [] as InputError[] };
    reportErrors(errors);
    const queue = await ArticleQueue.open(db, { supervise: false, connections: 2, expireSeconds: expire });
    let result;
    // Feeds that answered 304: nothing new since they were last fetched.
    let unchanged = 0;
    try {
      result = await queue.enqueue(articles);
      if (feeds.length > 0) {
        // Each feed once, through the watcher's state: an item `dyad watch` queued is not queued again.
        const watcher = await FeedWatcher.open(db, options, queue);
        try {
          const reports = await watcher.poll(feeds);
          const problems = feedErrors(reports);
          reportErrors(problems);
          errors.push(...problems);
          const queued = reports.reduce((n, r) => n + r.queued.length, 0);
          result = { queued: result.queued + queued, already: result.already + reports.reduce((n, r) => n + r.items, 0) - queued };
          unchanged = reports.filter((r) => r.outcome === 'unchanged').length;
        } finally {
          await watcher.close();
        }
      }
    } finally {
      await queue.stop();
    }
    if (values.json) await print(JSON.stringify({ queued: result.queued, already: result.already, errors }, null, 2) + '\n');
    const failed = errors.filter((e) => !e.warning).length;
    const feedNote = unchanged > 0 ? `, ${unchanged} feed${unchanged > 1 ? 's' : ''} unchanged since last fetched` : '';
    if (!values.quiet) process.stderr.write(`dyad: ${result.queued} articles queued, ${result.already} already queued, ${failed} errors${feedNote} → ${shownSpec(db)}\n`);
    return failed > 0 ? 1 : 0;
  },
};
