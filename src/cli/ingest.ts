import { ingest } from '../ingest/index.js';
import { loadKnowledge } from '../pipeline.js';
import { openStore, storeArticles, type StoreResult } from '../store/index.js';
import { SAMPLES } from './analyze.js';
import { parse, UsageError, type Command } from './command.js';
import { SPECS } from './specs.js';

export const ingestCommand: Command = {
  ...SPECS.ingest,
  help: [
    '',
    'Options:',
    '  --db FILE           the database (default dyad.db; created if missing)',
    '  --manifest FILE     JSONL or CSV (path column) with per-file metadata',
    '  --max-bytes N       skip files larger than N bytes (default 10 MB)',
    '  --lexicon FILE      add your own actors, people, verbs... (JSON/YAML; repeatable)',
    '  --force             reanalyze stored articles too (after changing a lexicon)',
    '',
    'With no PATH, ingests the built-in sample corpus. Each article is written in its own',
    'transaction: an interrupted run keeps what it finished, and rerunning completes it.',
  ].join('\n'),
  async run(args) {
    const { values, positionals } = parse(args, {
      db: { type: 'string', default: 'dyad.db' },
      manifest: { type: 'string' },
      'max-bytes': { type: 'string' },
      lexicon: { type: 'string', multiple: true },
      force: { type: 'boolean', default: false },
    });
    const maxBytes = values['max-bytes'] === undefined ? undefined : Number(values['max-bytes']);
    if (maxBytes !== undefined && !(maxBytes > 0)) throw new UsageError('--max-bytes must be a positive number');
    const result = await ingestPaths(positionals.length > 0 ? positionals : [SAMPLES], values.db as string, {
      manifest: values.manifest as string | undefined,
      maxBytes,
      lexicons: (values.lexicon as string[] | undefined) ?? [],
      force: values.force as boolean,
    });
    for (const e of result.errors) process.stderr.write(`dyad: ${e.file}: ${e.reason}\n`);
    process.stderr.write(`dyad: ${result.added.length} articles stored, ${result.unchanged} unchanged, ${result.errors.length} errors → ${values.db as string}\n`);
    return result.errors.length > 0 ? 1 : 0;
  },
};

export async function ingestPaths(
  paths: string[],
  db: string,
  options: { manifest?: string; maxBytes?: number; lexicons?: string[]; force?: boolean },
): Promise<StoreResult> {
  const kb = loadKnowledge(options.lexicons);
  const { articles, errors } = await ingest(paths, options);
  const repo = openStore(db);
  try {
    const progress = process.stderr.isTTY && articles.length >= 50;
    const result = await storeArticles(repo, articles, kb, {
      force: options.force,
      onProgress: progress ? (done, total) => void process.stderr.write(`\r${done}/${total} articles`) : undefined,
    });
    if (progress) process.stderr.write('\n');
    return { ...result, errors: [...errors, ...result.errors] };
  } finally {
    await repo.close();
  }
}
