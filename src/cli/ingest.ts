import { ingest } from '../ingest/index.js';
import { loadKnowledge } from '../pipeline.js';
import { openStore, shownSpec, storeArticles, type StoreResult } from '../store/index.js';
import { SAMPLES } from './analyze.js';
import { jobsOption, parse, UsageError, type Command } from './command.js';
import { print } from './output.js';
import { progress, type Progress } from './progress.js';
import { SPECS } from './specs.js';

export const ingestCommand: Command = {
  ...SPECS.ingest,
  help: [
    '',
    'Options:',
    '  --db FILE|URL       the database (default dyad.db; created if missing): a SQLite file,',
    '                      or a PostgreSQL server as postgres://USER@HOST:PORT/DATABASE (the',
    '                      database must exist; dyad creates its tables)',
    '  --manifest FILE     JSONL or CSV (path column) with per-file metadata',
    '  --max-bytes N       skip files (and standard input) larger than N bytes (default 10 MB)',
    '  --lexicon FILE      add your own actors, people, verbs... (JSON/YAML; repeatable)',
    '  --force             reanalyze stored articles too (after changing a lexicon)',
    '  --json              print a JSON summary on stdout: {db, added: [ids], unchanged, errors}',
    '  --quiet             no summary or progress on stderr (errors are still listed)',
    '  --progress          a progress line with rate and time left even when stderr is',
    '                      not a terminal (on a terminal it is shown anyway)',
    '  --jobs N            analyse on N threads (default: one per core); what is stored is the',
    '                      same for any N, and 1 runs everything in the main thread',
    '',
    'With no PATH, ingests the built-in sample corpus. Each batch of articles is written in',
    'one transaction: an interrupted run keeps what it finished, and rerunning completes it.',
    'Another ingest or a server on the same database is waited for (up to 60 s per write',
    'on SQLite; on PostgreSQL, writes of other articles go on at the same time).',
  ].join('\n'),
  async run(args) {
    const { values, positionals } = parse(args, {
      db: { type: 'string', default: 'dyad.db' },
      manifest: { type: 'string' },
      'max-bytes': { type: 'string' },
      lexicon: { type: 'string', multiple: true },
      force: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      progress: { type: 'boolean', default: false },
      jobs: { type: 'string' },
    });
    const maxBytes = values['max-bytes'] === undefined ? undefined : Number(values['max-bytes']);
    if (maxBytes !== undefined && !(maxBytes > 0)) throw new UsageError('--max-bytes must be a positive number');
    const jobs = jobsOption(values.jobs as string | undefined);
    const result = await ingestPaths(positionals.length > 0 ? positionals : [SAMPLES], values.db as string, {
      manifest: values.manifest as string | undefined,
      maxBytes,
      lexicons: (values.lexicon as string[] | undefined) ?? [],
      force: values.force as boolean,
      jobs,
      progress: progress({ force: values.progress as boolean, quiet: values.quiet as boolean }),
    });
    for (const e of result.errors) process.stderr.write(`dyad: ${e.warning ? 'warning: ' : ''}${e.file}: ${e.reason}\n`);
    // a URL's password is not printed
    const db = shownSpec(values.db as string);
    if (values.json) {
      const summary = { db, added: result.added, unchanged: result.unchanged, errors: result.errors };
      await print(JSON.stringify(summary, null, 2) + '\n');
    }
    // Warnings (an unreadable date) are listed, but the article was stored: only failures count.
    const failed = result.errors.filter((e) => !e.warning).length;
    const warned = result.errors.length - failed;
    if (!values.quiet) process.stderr.write(`dyad: ${result.added.length} articles stored, ${result.unchanged} unchanged, ${failed} errors${warned ? `, ${warned} warnings` : ''} → ${db}\n`);
    return failed > 0 ? 1 : 0;
  },
};

export async function ingestPaths(
  paths: string[],
  db: string,
  options: { manifest?: string; maxBytes?: number; lexicons?: string[]; force?: boolean; jobs?: number; progress?: Progress },
): Promise<StoreResult> {
  const kb = loadKnowledge(options.lexicons);
  const { articles, errors, files } = await ingest(paths, options);
  const repo = await openStore(db);
  try {
    // Records removed from a file since it was last read go from the store too.
    for (const [file, ids] of files) await repo.pruneFile(file, ids);
    const result = await storeArticles(repo, articles, kb, { force: options.force, jobs: options.jobs, onProgress: options.progress?.update });
    options.progress?.done();
    return { ...result, errors: [...errors, ...result.errors] };
  } finally {
    await repo.close();
  }
}
