import { fileURLToPath } from 'node:url';
import { ingest } from '../ingest/index.js';
import { readUserLexicons } from '../knowledge.js';
import { inOrder, openAnalysts } from '../parallel/pool.js';
import { analyzeCorpus, batches } from '../pipeline.js';
import type { StoryTerms } from '../stories/index.js';
import type { Doc, InputError, Output, RawArticle } from '../types.js';
import { jobsOption, parse, UsageError, type Command } from './command.js';
import { documentChunks, openSink, writeAll } from './output.js';
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
    '  --max-bytes N       skip files (and standard input) larger than N bytes (default 10 MB)',
    '  --lexicon FILE      add your own actors, people, verbs... (JSON/YAML; repeatable)',
    '  --progress          draw the progress line (count, rate, time left) on stderr even when it is no terminal',
    '  --quiet             no progress line and no per-file messages, only failures',
    '  --jobs N            analyse on N threads (default: one per core); the output is the same',
    '                      for any N, and 1 runs everything in the main thread',
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
      progress: { type: 'boolean' },
      quiet: { type: 'boolean' },
      jobs: { type: 'string' },
    });
    const format = values.format as string;
    if (format !== 'json' && format !== 'jsonl') throw new UsageError(`--format must be json or jsonl, not '${format}'`);
    const maxBytes = values['max-bytes'] === undefined ? undefined : Number(values['max-bytes']);
    if (maxBytes !== undefined && !(maxBytes > 0)) throw new UsageError('--max-bytes must be a positive number');
    const jobs = jobsOption(values.jobs as string | undefined);
    const paths = positionals.length > 0 ? positionals : [SAMPLES];
    // Opened first: a folder that does not exist is reported before the work, not after it.
    const sink = openSink(values.out as string | undefined);
    let output: Output;
    try {
      output = await analyzePaths(paths, {
        manifest: values.manifest as string | undefined,
        maxBytes,
        lexicons: (values.lexicon as string[] | undefined) ?? [],
        progress: values.progress === true,
        quiet: values.quiet === true,
        jobs,
      });
    } catch (err) {
      sink.abort();
      throw err;
    }
    // --quiet keeps the failures, drops the warnings.
    for (const e of output.errors) if (!(values.quiet && e.warning)) process.stderr.write(`dyad: ${e.warning ? 'warning: ' : ''}${e.file}: ${e.reason}\n`);
    await writeAll(sink, documentChunks(output, format));
    // Warnings (an unreadable date) are listed, but the article was read: only failures count.
    return output.errors.some((e) => !e.warning) ? 1 : 0;
  },
};

export async function analyzePaths(
  paths: string[],
  options: { manifest?: string; maxBytes?: number; lexicons?: string[]; progress?: boolean; quiet?: boolean; jobs?: number },
): Promise<Output> {
  // Read first: a bad lexicon is reported before any work.
  const user = readUserLexicons(options.lexicons ?? []);
  // Opened before the inputs are read: its threads start once there is more than a batch
  // to share, and load their knowledge while the rest is read.
  const analysts = openAnalysts({ jobs: options.jobs ?? 1, user, mainThread: 'analyses' });
  let articles: RawArticle[];
  let errors: InputError[];
  try {
    ({ articles, errors } = await ingest(paths, { ...options, onRead: (n) => analysts.reserve(n) }));
  } catch (err) {
    await analysts.close();
    throw err;
  }
  analysts.reserve(articles.length);
  // On a terminal (or with --progress): count, rate and time left (progress.ts).
  const bar = progress({ force: options.progress === true, quiet: options.quiet === true || (!options.progress && articles.length < 50) });
  const docs: Doc[] = [];
  const terms: (StoryTerms | undefined)[] = [];
  let done = 0;
  try {
    for await (const [{ raws }, { analysed, errors: failed }] of inOrder(Array.from(batches(articles), (raws) => ({ raws })), analysts)) {
      for (const { doc, storyTerms } of analysed) {
        // Stories and claims do not read tokens, nor does the output: a large batch need not keep them.
        doc.tokens = [];
        docs.push(doc);
        terms.push(storyTerms);
      }
      errors.push(...failed);
      done += raws.length;
      bar.update(done, articles.length);
    }
  } finally {
    await analysts.close();
  }
  bar.done();
  return analyzeCorpus(docs, errors, user, terms);
}
