import { ingest } from '../ingest/index.js';
import { ArticleQueue, isPostgresUrl, QUEUE_DEFAULTS } from '../queue/index.js';
import { SAMPLES } from './analyze.js';
import { parse, UsageError, type Command } from './command.js';
import { print } from './output.js';
import { SPECS } from './specs.js';
import { redact } from './worker.js';

export const enqueueCommand: Command = {
  ...SPECS.enqueue,
  help: [
    '',
    'Options:',
    '  --db URL            the PostgreSQL database holding the queue (postgres://...)',
    '  --manifest FILE     JSONL or CSV (path column) with per-file metadata',
    '  --max-bytes N       skip files (and standard input) larger than N bytes (default 10 MB)',
    `  --expire SECONDS    set the queue's expiry: a job active this long counts as lost and is retried (default ${QUEUE_DEFAULTS.expireSeconds})`,
    '  --json              print {queued, already, errors} on stdout',
    '  --quiet             only failures on stderr',
    '',
    'Reads PATHs as `dyad ingest` does (with no PATH, the sample corpus) and queues one job per',
    'article. An article queued again unchanged is one job, not two; `dyad worker` does the rest.',
  ].join('\n'),
  async run(args) {
    const { values, positionals } = parse(args, {
      db: { type: 'string' },
      manifest: { type: 'string' },
      'max-bytes': { type: 'string' },
      expire: { type: 'string' },
      json: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    });
    const db = values.db as string | undefined;
    if (!db || !isPostgresUrl(db)) throw new UsageError('--db must name a PostgreSQL database (postgres://...): the queue lives there');
    const maxBytes = values['max-bytes'] === undefined ? undefined : Number(values['max-bytes']);
    if (maxBytes !== undefined && !(maxBytes > 0)) throw new UsageError('--max-bytes must be a positive number');
    const expire = values.expire === undefined ? undefined : Number(values.expire);
    if (expire !== undefined && !(Number.isInteger(expire) && expire > 0)) throw new UsageError(`--expire must be a positive integer, not '${values.expire}'`);
    const { articles, errors } = await ingest(positionals.length > 0 ? positionals : [SAMPLES], { manifest: values.manifest as string | undefined, maxBytes });
    for (const e of errors) process.stderr.write(`dyad: ${e.warning ? 'warning: ' : ''}${e.file}: ${e.reason}\n`);
    const queue = await ArticleQueue.open(db, { supervise: false, connections: 2, expireSeconds: expire });
    let result;
    try {
      result = await queue.enqueue(articles);
    } finally {
      await queue.stop();
    }
    if (values.json) await print(JSON.stringify({ queued: result.queued, already: result.already, errors }, null, 2) + '\n');
    const failed = errors.filter((e) => !e.warning).length;
    if (!values.quiet) process.stderr.write(`dyad: ${result.queued} articles queued, ${result.already} already queued, ${failed} errors → ${redact(db)}\n`);
    return failed > 0 ? 1 : 0;
  },
};
