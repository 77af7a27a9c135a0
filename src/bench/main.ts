// `npm run bench [-- --json] [-- --articles N] [-- --rounds N]`: throughput of the pipeline from
// raw files on disk, against bare wink-nlp on the same text in the same run.
// Figures, not pass/fail: this is how speed is tracked.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ingest } from '../ingest/index.js';
import { clean } from '../clean/index.js';
import * as nlp from '../nlp/index.js';
import { analyzeArticle, analyzeCorpus, loadKnowledge } from '../pipeline.js';
import type { Doc, InputError, RawArticle } from '../types.js';
import { generateArticles } from './corpus.js';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    articles: { type: 'string', default: '5000' },
    'story-articles': { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '5' },
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
for (const a of generated.slice(0, 200)) {
  analyzeArticle(a, kb);
  nlp.wink().readDoc(a.text).sentences().length();
}
await ingest(generated.slice(0, 200).map((_, i) => join(dir, 'corpus', `${String(i).padStart(6, '0')}.txt`)));

// Baseline: wink-nlp with the same pipe dyad uses, reading each article once;
// slice: ingest (files from disk) + clean + nlp. The machine may be shared, so
// the two take turns for --rounds rounds and each keeps its best time.
const wink = nlp.wink();
const rounds = Number(values.rounds);
let baselineSec = Infinity;
let sliceSec = Infinity;
let baselineSentences = 0;
let sliceSentences = 0;
let raws: RawArticle[] = [];
let errors: InputError[] = [];
for (let r = 0; r < rounds; r++) {
  let t = process.hrtime.bigint();
  baselineSentences = 0;
  for (const a of generated) baselineSentences += wink.readDoc(a.text).sentences().length();
  baselineSec = Math.min(baselineSec, seconds(t));

  t = process.hrtime.bigint();
  ({ articles: raws, errors } = await ingest([join(dir, 'corpus')]));
  sliceSentences = 0;
  for (const raw of raws) sliceSentences += nlp.annotate(clean(raw, kb.clean).body).sentences.length;
  sliceSec = Math.min(sliceSec, seconds(t));
}

// Whole per-article pipeline from disk, then the corpus stages.
const t = process.hrtime.bigint();
const { articles: raws2 } = await ingest([join(dir, 'corpus')]);
const docs: Doc[] = raws2.map((r) => analyzeArticle(r, kb));
const perArticleSec = seconds(t);
const t2 = process.hrtime.bigint();
const output = analyzeCorpus(docs);
const corpusSec = seconds(t2);
const pipelineSec = perArticleSec + corpusSec;
const sentences = docs.reduce((s, d) => s + d.sentences.length, 0);
rmSync(dir, { recursive: true, force: true });

const result: Record<string, number> = {
  articles: raws2.length,
  inputErrors: errors.length,
  sentences,
  baselineSentences,
  baselineSentencesPerSec: Math.round(baselineSentences / baselineSec),
  sliceSentencesPerSec: Math.round(sliceSentences / sliceSec),
  sliceArticlesPerSec: Math.round(raws.length / sliceSec),
  sliceRatio: Number((sliceSentences / sliceSec / (baselineSentences / baselineSec)).toFixed(3)),
  pipelineArticlesPerSec: Math.round(raws2.length / pipelineSec),
  pipelineSentencesPerSec: Math.round(sentences / pipelineSec),
  ratio: Number((sentences / pipelineSec / (baselineSentences / baselineSec)).toFixed(3)),
  corpusStagesSec: Number(corpusSec.toFixed(3)),
  events: output.events.length,
  quotes: output.quotes.length,
  entities: output.entities.length,
};

// Copies + stories at scale, on generated articles without nlp.
const storiesModule = '../stories/bench.js';
const storiesBench = (await import(storiesModule).catch(() => null)) as
  | { benchStories(n: number): { articlesPerSec: number; peakRssMb: number } }
  | null;
if (storiesBench && storyN > 0) {
  const s = storiesBench.benchStories(storyN);
  result.storyArticles = storyN;
  result.storyArticlesPerSec = Math.round(s.articlesPerSec);
  result.storyPeakRssMb = Math.round(s.peakRssMb);
}

if (values.json) {
  process.stdout.write(JSON.stringify(result) + '\n');
} else {
  const rows: [string, string][] = [
    ['articles (generated, read from disk)', String(result.articles)],
    ['sentences', String(result.sentences)],
    ['bare wink-nlp', `${result.baselineSentencesPerSec} sentences/s`],
    ['ingest+clean+nlp', `${result.sliceArticlesPerSec} articles/s, ${result.sliceSentencesPerSec} sentences/s, ratio ${result.sliceRatio}`],
    ['whole pipeline', `${result.pipelineArticlesPerSec} articles/s, ${result.pipelineSentencesPerSec} sentences/s, ratio ${result.ratio}`],
    ['  of which corpus stages', `${result.corpusStagesSec} s`],
    ['found', `${result.entities} entities, ${result.quotes} quotes, ${result.events} events`],
  ];
  if (result.storyArticles) {
    rows.push(['copies + stories', `${result.storyArticles} articles: ${result.storyArticlesPerSec} articles/s, peak RSS ${result.storyPeakRssMb} MB`]);
  }
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(38)} ${v}\n`);
}
