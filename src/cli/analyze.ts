import { createWriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ingest } from '../ingest/index.js';
import { analyzeBatch, analyzeCorpus, batches, loadKnowledge } from '../pipeline.js';
import type { Doc, Output } from '../types.js';
import { parse, UsageError, type Command } from './command.js';
import { progress } from './progress.js';
import { SPECS } from './specs.js';

/** The built-in sample corpus, shipped with the package. */
export const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));

export const analyzeCommand: Command = {
  ...SPECS.analyze,
  help: [
    '',
    'Options:',
    '  --manifest FILE     JSONL or CSV (path column) with per-file metadata',
    '  --format json|jsonl json: one document; jsonl: one line per record, its kind in a "record" field',
    '  --out FILE          write there instead of stdout',
    '  --max-bytes N       skip files larger than N bytes (default 10 MB)',
    '  --lexicon FILE      add your own actors, people, verbs... (JSON/YAML; repeatable)',
    '',
    'Inputs: .txt/.md (optional YAML front matter), .html/.htm, .json/.jsonl, .rss/.atom/.xml feeds.',
    'Folders are read recursively in sorted order; files whose name starts with . or _ are skipped',
    '(gold labels such as _gold.json can sit beside articles), and a manifest.jsonl or manifest.csv',
    'inside a folder gives metadata for that folder. Unreadable inputs are reported on stderr and',
    'the rest is analyzed (exit code 1).',
  ].join('\n'),
  async run(args) {
    const { values, positionals } = parse(args, {
      manifest: { type: 'string' },
      format: { type: 'string', default: 'json' },
      out: { type: 'string' },
      'max-bytes': { type: 'string' },
      lexicon: { type: 'string', multiple: true },
    });
    const format = values.format as string;
    if (format !== 'json' && format !== 'jsonl') throw new UsageError(`--format must be json or jsonl, not '${format}'`);
    const maxBytes = values['max-bytes'] === undefined ? undefined : Number(values['max-bytes']);
    if (maxBytes !== undefined && !(maxBytes > 0)) throw new UsageError('--max-bytes must be a positive number');
    const paths = positionals.length > 0 ? positionals : [SAMPLES];
    const output = await analyzePaths(paths, {
      manifest: values.manifest as string | undefined,
      maxBytes,
      lexicons: (values.lexicon as string[] | undefined) ?? [],
    });
    for (const e of output.errors) process.stderr.write(`dyad: ${e.file}: ${e.reason}\n`);
    await write(output, format, values.out as string | undefined);
    return output.errors.length > 0 ? 1 : 0;
  },
};

export async function analyzePaths(
  paths: string[],
  options: { manifest?: string; maxBytes?: number; lexicons?: string[] },
): Promise<Output> {
  const kb = loadKnowledge(options.lexicons);
  const { articles, errors } = await ingest(paths, options);
  // On a terminal: count, rate and time left (progress.ts).
  const bar = progress({ force: false, quiet: articles.length < 50 });
  const docs: Doc[] = [];
  let done = 0;
  for (const batch of batches(articles)) {
    const { analysed, errors: failed } = analyzeBatch(batch, kb);
    for (const { doc } of analysed) docs.push(doc);
    errors.push(...failed);
    done += batch.length;
    bar.update(done, articles.length);
  }
  bar.done();
  return analyzeCorpus(docs, errors, kb.user);
}

function records(output: Output): string[] {
  const lines: string[] = [];
  const kinds = ['articles', 'entities', 'quotes', 'events', 'stories', 'claims', 'errors'] as const;
  const singular = { articles: 'article', entities: 'entity', quotes: 'quote', events: 'event', stories: 'story', claims: 'claim', errors: 'error' };
  // The record's own fields may include `kind` (a quote's direct/partial, an entity's person/country),
  // so the record kind has a key of its own that no record field uses.
  for (const k of kinds) for (const r of output[k]) lines.push(JSON.stringify({ record: singular[k], ...r }));
  return lines;
}

async function write(output: Output, format: 'json' | 'jsonl', out?: string): Promise<void> {
  const text = format === 'json' ? JSON.stringify(output, null, 2) + '\n' : records(output).join('\n') + '\n';
  if (!out) {
    await new Promise<void>((resolve) => (process.stdout.write(text) ? resolve() : process.stdout.once('drain', resolve)));
    return;
  }
  const stream = createWriteStream(out);
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.end(text, resolve);
  });
}
