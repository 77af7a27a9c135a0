// `npm run bench [-- --json] [-- --articles N] [-- --rounds N]`: throughput of the pipeline from
// raw files on disk, against bare wink-nlp on the same text in the same run
// (as shipped, and restricted to dyad's own pipe).
// Figures, not pass/fail: this is how speed is tracked.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { ingest } from '../ingest/index.js';
import { clean } from '../clean/index.js';
import * as nlp from '../nlp/index.js';
import { analyzeBatch, analyzeCorpus, batches, loadKnowledge } from '../pipeline.js';
import type { StoriesBench } from '../stories/bench.js';
import type { Doc, InputError, Output, RawArticle } from '../types.js';
import { generateArticles } from './corpus.js';
import { analyzeArticlesPerSec } from './analyze.js';
import { benchIngest } from './ingest.js';
import { workersArticlesPerSec } from './workers.js';
import { jobsScaling } from './jobs.js';
import { tuneCompiler } from '../compiler.js';

// Compiled as the `dyad` command compiles itself, so that the figures are the command's.
tuneCompiler();

// `npm run bench | head` closes stdout early: the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    articles: { type: 'string', default: '5000' },
    'story-articles': { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '5' },
    // leaves out the PostgreSQL figures (they need a server, and take a minute)
    'skip-workers': { type: 'boolean', default: false },
  },
});
const n = Number(values.articles);
const storyN = Number(values['story-articles']);

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function frontMatter(a: RawArticle): string {
  return `---\noutlet: ${a.outlet}\npublished: ${a.published}\n---\n${a.text}\n`;
}

const generated = generateArticles(n);
const dir = mkdtempSync(join(tmpdir(), 'dyad-bench-'));
mkdirSync(join(dir, 'corpus'));
generated.forEach((a, i) => writeFileSync(join(dir, 'corpus', `${String(i).padStart(6, '0')}.txt`), frontMatter(a)));

// Warm up every stage (model load, knowledge files, JIT) outside the timed runs.
const kb = loadKnowledge();
for (const batch of batches(generated.slice(0, 200))) analyzeBatch(batch, kb);
for (const a of generated.slice(0, 200)) nlp.wink().readDoc(a.text).sentences().length();
await ingest(generated.slice(0, 200).map((_, i) => join(dir, 'corpus', `${String(i).padStart(6, '0')}.txt`)));

// Two baselines, each reading every article once: bare wink-nlp as shipped
// (`winkNLP(model)`, its default pipe), and wink-nlp restricted to the pipe
// dyad itself runs (sbd, negation, pos), the stricter floor. Then the slice
// (ingest from disk + clean + nlp) and the whole pipeline. The machine may be
// shared, so all take turns for --rounds rounds and each keeps its best time.
const bare = winkNLP(model);
for (const a of generated.slice(0, 200)) bare.readDoc(a.text);
const wink = nlp.wink();
const rounds = Number(values.rounds);
const best = { bare: Infinity, samePipe: Infinity, slice: Infinity, perArticle: Infinity, corpus: Infinity };
let bareSentences = 0;
let samePipeSentences = 0;
let sliceSentences = 0;
let raws: RawArticle[] = [];
let errors: InputError[] = [];
let docs: Doc[] = [];
let output: Output | null = null;
// Seconds per stage in the whole-pipeline round that was fastest overall.
let stageSec: Record<string, number> = {};
for (let r = 0; r < rounds; r++) {
  let t = process.hrtime.bigint();
  bareSentences = 0;
  for (const a of generated) bareSentences += bare.readDoc(a.text).sentences().length();
  best.bare = Math.min(best.bare, seconds(t));

  t = process.hrtime.bigint();
  samePipeSentences = 0;
  for (const a of generated) samePipeSentences += wink.readDoc(a.text).sentences().length();
  best.samePipe = Math.min(best.samePipe, seconds(t));

  t = process.hrtime.bigint();
  ({ articles: raws, errors } = await ingest([join(dir, 'corpus')]));
  sliceSentences = 0;
  for (const raw of raws) sliceSentences += nlp.annotate(clean(raw, kb.clean).body).sentences.length;
  best.slice = Math.min(best.slice, seconds(t));

  // The whole pipeline costs ~10x a baseline read: fewer rounds keep the run short.
  // As `dyad analyze` runs it: a batch at a time, each stage timed.
  if (r < Math.ceil(rounds / 2)) {
    const start = process.hrtime.bigint();
    const times: Record<string, number> = {};
    const read = (await ingest([join(dir, 'corpus')])).articles;
    times.ingest = seconds(start);
    docs = [];
    for (const batch of batches(read)) for (const { doc } of analyzeBatch(batch, kb, times).analysed) docs.push(doc);
    const perArticle = seconds(start);
    t = process.hrtime.bigint();
    output = analyzeCorpus(docs);
    const corpus = seconds(t);
    if (perArticle + corpus < best.perArticle + best.corpus) {
      [best.perArticle, best.corpus] = [perArticle, corpus];
      stageSec = { ...times, 'stories+claims': corpus };
    }
  }
}
const pipelineSec = best.perArticle + best.corpus;
const sentences = docs.reduce((s, d) => s + d.sentences.length, 0);
// The same articles into a database, as `dyad ingest` stores them.
const ingested = await benchIngest(join(dir, 'corpus'), dir, kb, Math.ceil(rounds / 2));
// The same articles through `dyad analyze` whole: the figure ingest's speed is compared with.
const analyzeRate = await analyzeArticlesPerSec(join(dir, 'corpus'), dir, Math.ceil(rounds / 2));
// The same articles through the job queue on PostgreSQL: `dyad enqueue`, then 1 and 2 `dyad worker` processes.
const workerRates = !values['skip-workers'] ? [await workersArticlesPerSec(join(dir, 'corpus'), 1), await workersArticlesPerSec(join(dir, 'corpus'), 2)] : [null, null];
// And as a command, a process per run, on one thread and on two.
const scaling = jobsScaling(join(dir, 'corpus'), dir, Math.ceil(rounds / 2));
rmSync(dir, { recursive: true, force: true });

const perSec = (count: number, sec: number): number => count / sec;
const bareRate = perSec(bareSentences, best.bare);
const samePipeRate = perSec(samePipeSentences, best.samePipe);
const sliceRate = perSec(sliceSentences, best.slice);
const pipelineRate = perSec(sentences, pipelineSec);
// Ratios compare times on the same articles. Sentence rates would not: wink alone splits the raw
// text, bylines, credits and promos included, into more sentences (baselineSentences) than the
// cleaned bodies dyad segments (sentences), so its rate counts work dyad never has.
const ratio = (fasterSec: number, slowerSec: number): number => Number((fasterSec / slowerSec).toFixed(3));
// The pipeline up to quotes (the stages of the actors-and-quotes issue): its share of the best round.
const throughQuotes = ['ingest', 'clean+nlp', 'actors', 'quotes'].reduce((sum, k) => sum + (stageSec[k] ?? 0), 0);

const result: Record<string, number> = {
  articles: docs.length,
  inputErrors: errors.length,
  sentences,
  baselineSentences: bareSentences,
  baselineSentencesPerSec: Math.round(bareRate),
  samePipeSentencesPerSec: Math.round(samePipeRate),
  sliceSentencesPerSec: Math.round(sliceRate),
  sliceArticlesPerSec: Math.round(raws.length / best.slice),
  sliceRatio: ratio(best.bare, best.slice),
  sliceRatioSamePipe: ratio(best.samePipe, best.slice),
  pipelineArticlesPerSec: Math.round(docs.length / pipelineSec),
  analyzeArticlesPerSec: analyzeRate,
  analyzeJobs1ArticlesPerSec: scaling.oneThread,
  analyzeJobs2ArticlesPerSec: scaling.twoThreads,
  jobsScaling: scaling.scaling,
  pipelineSentencesPerSec: Math.round(pipelineRate),
  ratio: ratio(best.bare, pipelineSec),
  ratioSamePipe: ratio(best.samePipe, pipelineSec),
  corpusStagesSec: Number(best.corpus.toFixed(3)),
  ratioThroughQuotes: ratio(best.bare, throughQuotes),
  ...Object.fromEntries(Object.entries(stageSec).map(([k, v]) => [`stageSec:${k}`, Number(v.toFixed(3))])),
  ingestArticlesPerSec: Math.round(ingested.articles / ingested.seconds),
  storeBytesPerInputByte: Number(ingested.bytesPerInputByte.toFixed(2)),
  ...(workerRates[0] !== null ? { 'workersArticlesPerSec:1': workerRates[0] } : {}),
  ...(workerRates[1] !== null ? { 'workersArticlesPerSec:2': workerRates[1] } : {}),
  events: output?.events.length ?? 0,
  quotes: output?.quotes.length ?? 0,
  entities: output?.entities.length ?? 0,
};

// Copies + stories at scale, on generated articles without nlp, in a fresh process.
if (storyN > 0) {
  const script = fileURLToPath(new URL('./stories.js', import.meta.url));
  const s = JSON.parse(execFileSync(process.execPath, [script, String(storyN)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })) as StoriesBench;
  result.storyArticles = storyN;
  result.storyArticlesPerSec = Math.round(s.articlesPerSec);
  result.storyPeakRssMb = Math.round(s.peakRssMb);
}

if (values.json) {
  process.stdout.write(JSON.stringify(result) + '\n');
} else {
  const rows: [string, string][] = [
    ['articles (generated, read from disk)', String(result.articles)],
    ['sentences (dyad / wink on raw text)', `${result.sentences} / ${result.baselineSentences}`],
    ['bare wink-nlp (default pipe)', `${result.baselineSentencesPerSec} sentences/s`],
    ['wink-nlp with dyad\'s pipe', `${result.samePipeSentencesPerSec} sentences/s`],
    ['ingest+clean+nlp', `${result.sliceArticlesPerSec} articles/s, ${result.sliceSentencesPerSec} sentences/s`],
    ['  ratio to bare / to same pipe', `${result.sliceRatio} / ${result.sliceRatioSamePipe}`],
    ['whole pipeline', `${result.pipelineArticlesPerSec} articles/s, ${result.pipelineSentencesPerSec} sentences/s`],
    ['dyad analyze (files to a JSON file)', `${result.analyzeArticlesPerSec} articles/s`],
    ['  ratio to bare / to same pipe', `${result.ratio} / ${result.ratioSamePipe}`],
    ['  seconds by stage', Object.entries(stageSec).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')],
    ['  ratio to bare through quotes', String(result.ratioThroughQuotes)],
    ['ingest into a database', `${result.ingestArticlesPerSec} articles/s (dyad analyze: ${result.analyzeArticlesPerSec}, whole pipeline: ${result.pipelineArticlesPerSec})`],
    ['  database size / input size', `${result.storeBytesPerInputByte}`],
    ['dyad worker on PostgreSQL (1 / 2)', result['workersArticlesPerSec:1'] === undefined ? 'not measured (no PostgreSQL, or --skip-workers)'
      : `${result['workersArticlesPerSec:1']} / ${result['workersArticlesPerSec:2']} articles/s`],
    ['dyad analyze --jobs 1 / --jobs 2', `${result.analyzeJobs1ArticlesPerSec} / ${result.analyzeJobs2ArticlesPerSec} articles/s (whole commands): ×${result.jobsScaling}`],
    ['found', `${result.entities} entities, ${result.quotes} quotes, ${result.events} events`],
  ];
  if (result.storyArticles) {
    rows.push(['copies + stories', `${result.storyArticles} articles: ${result.storyArticlesPerSec} articles/s, peak RSS ${result.storyPeakRssMb} MB`]);
  }
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(38)} ${v}\n`);
}
