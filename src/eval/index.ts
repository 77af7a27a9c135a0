// `dyad eval`: reads a gold file, runs the real pipeline on its texts and scores
// the events (see score.ts). Two gold formats: the PLOVER gold sentences (a JSON
// list of records) and dyad's own article format (see README.md here).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ingest } from '../ingest/index.js';
import { readData } from '../knowledge.js';
import { analyzeArticle, analyzeBatch, analyzeCorpus, type Knowledge } from '../pipeline.js';
import { corpusReport, scoreCorpus, type CorpusGoldArticle, type CorpusPrediction, type CorpusScores } from './corpus.js';
import type { Doc, EventActor, InputError, Output, RawArticle } from '../types.js';
import { NONE, score, type Scores, type ScoredEvent, type Unit } from './score.js';

interface PloverActor {
  actorText?: string;
  code?: string;
  sector?: string;
}

/** One record of reference/PLOVER_GSR_CAMEO.txt. */
export interface PloverRecord {
  id: string;
  event: string;
  date?: string;
  source?: PloverActor[] | string;
  target?: PloverActor[] | string;
  text?: string;
}

export interface ArticleGold {
  articles: { path: string; published?: string | null; events: ScoredEvent[] }[];
}

interface GoldMap {
  types: Record<string, string>;
  codes: Record<string, string | null>;
  generic: Record<string, string>;
  actors: { pattern: string; codes: string[] }[];
}

let goldMap: (GoldMap & { patterns: { re: RegExp; codes: string[] }[]; byKind: Map<string, string> }) | null = null;
function mapping() {
  if (goldMap) return goldMap;
  const m = readData<GoldMap>('eval', 'plover-gold.json');
  goldMap = {
    ...m,
    patterns: m.actors.map((a) => ({ re: new RegExp(a.pattern), codes: a.codes })),
    byKind: new Map(Object.entries(m.generic).map(([code, kind]) => [kind, code])),
  };
  return goldMap;
}

/** Codes one gold actor stands for: its own (modernised), or what its text names when the code is generic. */
function goldCodes(actors: PloverActor[] | string | undefined): string[] {
  if (!Array.isArray(actors)) return [];
  const m = mapping();
  const out = new Set<string>();
  for (const a of actors) {
    const raw = (a.code ?? '').trim();
    const code = raw in m.codes ? m.codes[raw] : raw;
    if (!code) continue;
    const named = code in m.generic ? m.patterns.find((p) => p.re.test(a.actorText ?? '')) : undefined;
    for (const c of named ? named.codes : [code]) out.add(c);
  }
  return [...out];
}

/** A PLOVER gold record as a scored event, or null for documentation records. */
export function ploverGold(record: PloverRecord): ScoredEvent | null {
  if (record.event === 'DOCUMENT' || !record.text) return null;
  return { type: mapping().types[record.event] ?? record.event, source: goldCodes(record.source), target: goldCodes(record.target) };
}

function actorCodes(doc: Doc, actors: EventActor[]): string[] {
  const { byKind } = mapping();
  const out = new Set<string>();
  for (const a of actors) {
    if (a.actor) out.add(a.actor);
    // Gold that only says "an IGO" accepts any international body dyad names.
    const kind = a.entity ? doc.entities.find((e) => e.id === a.entity)?.kind : undefined;
    const generic = kind ? byKind.get(kind) : undefined;
    if (generic) out.add(generic);
  }
  return [...out];
}

/** dyad's events of a document, as scored: negated events ("did not attack") say nothing happened. */
export function predictions(doc: Doc): ScoredEvent[] {
  return doc.events
    .filter((e) => !e.negated)
    .map((e) => ({ type: e.type, source: actorCodes(doc, e.source), target: actorCodes(doc, e.target), date: e.date }));
}

/** Each gold sentence becomes a one-paragraph article dated by its record. */
export function ploverUnits(records: PloverRecord[], kb: Knowledge): Unit[] {
  const units: Unit[] = [];
  for (const record of records) {
    const gold = ploverGold(record);
    if (!gold) continue;
    const text = record.text!.replace(/\s+/g, ' ').trim();
    const doc = analyzeArticle({ path: record.id, id: record.id, format: 'text', text, published: record.date ?? null }, kb);
    units.push({ id: record.id, text, gold: [gold], predicted: predictions(doc) });
  }
  return units;
}

export async function articleUnits(base: string, gold: ArticleGold, kb: Knowledge): Promise<{ units: Unit[]; errors: InputError[] }> {
  const units: Unit[] = [];
  const errors: InputError[] = [];
  for (const entry of gold.articles) {
    const path = resolve(base, entry.path);
    const read = await ingest([path]);
    errors.push(...read.errors);
    if (read.articles.length === 0) {
      if (read.errors.length === 0) errors.push({ file: path, reason: 'no article in file' });
      continue;
    }
    const predicted = read.articles.flatMap((raw) => predictions(analyzeArticle({ ...raw, published: entry.published ?? raw.published ?? null }, kb)));
    const events = entry.events.map((e) => ({ type: e.type, source: e.source ?? [], target: e.target ?? [], date: e.date ?? null }));
    units.push({ id: entry.path, text: entry.path, gold: events, predicted });
  }
  return { units, errors };
}

/**
 * A corpus gold (the dev corpus format) annotates more than events: topics,
 * alternative types, sectors, core events, quotes, junk and keep strings.
 */
function isCorpusGold(gold: ArticleGold): boolean {
  return gold.articles.some((a) => {
    const rich = a as Partial<CorpusGoldArticle>;
    return rich.topic !== undefined || rich.quotes !== undefined || rich.junk !== undefined || rich.keep !== undefined || a.events.some((e) => Array.isArray(e.type) || 'core' in e || 'sourceSector' in e);
  });
}

/** Every article of a corpus gold through the whole pipeline, stories included. */
export async function corpusPredictions(base: string, gold: CorpusGoldArticle[], kb: Knowledge): Promise<{ predictions: CorpusPrediction[]; stories: Output['stories']; errors: InputError[] }> {
  const errors: InputError[] = [];
  const raws: RawArticle[] = [];
  const goldOf = new Map<RawArticle, CorpusGoldArticle>();
  for (const entry of gold) {
    const path = resolve(base, entry.path);
    const read = await ingest([path]);
    errors.push(...read.errors);
    if (read.articles.length === 0 && read.errors.length === 0) errors.push({ file: path, reason: 'no article in file' });
    for (const raw of read.articles) {
      const r = { ...raw, published: entry.published ?? raw.published ?? null };
      raws.push(r);
      goldOf.set(r, entry);
    }
  }
  const { analysed, errors: failed } = analyzeBatch(raws, kb);
  errors.push(...failed);
  const out = analyzeCorpus(analysed.map((a) => a.doc));
  const predictions = analysed.map(({ raw, doc }) => ({ gold: goldOf.get(raw)!, article: doc.article, events: doc.events, quotes: doc.quotes }));
  return { predictions, stories: out.stories, errors };
}

export interface Evaluation {
  gold: string;
  format: 'plover' | 'articles' | 'corpus';
  scores: Scores;
  /** For a corpus gold: the figures of every stage, overall and per topic. */
  corpus?: CorpusScores;
  errors: InputError[];
}

/** `texts`: the folder holding the gold's article files, when not beside the gold (the dev corpus texts are rebuilt elsewhere). */
export async function evaluate(goldFile: string, kb: Knowledge, texts?: string): Promise<Evaluation> {
  const parsed = JSON.parse(readFileSync(goldFile, 'utf8')) as unknown;
  if (Array.isArray(parsed)) {
    return { gold: goldFile, format: 'plover', scores: score(ploverUnits(parsed as PloverRecord[], kb)), errors: [] };
  }
  if (parsed && typeof parsed === 'object' && Array.isArray((parsed as ArticleGold).articles)) {
    const gold = parsed as ArticleGold;
    const base = texts ?? dirname(goldFile);
    if (isCorpusGold(gold)) {
      const articles = gold.articles as unknown as CorpusGoldArticle[];
      const { predictions, stories, errors } = await corpusPredictions(base, articles, kb);
      // The plain event scores too, with every alternative type counted as the first.
      const units = predictions.map((p) => ({
        id: p.gold.path,
        text: p.gold.path,
        gold: p.gold.events.map((e) => ({ type: Array.isArray(e.type) ? e.type[0]! : e.type, source: e.source ?? [], target: e.target ?? [], date: e.date ?? null })),
        predicted: p.events.filter((e) => !e.negated).map((e) => ({ type: e.type, source: e.source.map((a) => a.actor).filter((c): c is string => !!c), target: e.target.map((a) => a.actor).filter((c): c is string => !!c), date: e.date })),
      }));
      return { gold: goldFile, format: 'corpus', scores: score(units), corpus: scoreCorpus(predictions, stories), errors };
    }
    const { units, errors } = await articleUnits(base, gold, kb);
    return { gold: goldFile, format: 'articles', scores: score(units), errors };
  }
  throw new Error(`${goldFile}: expected a JSON list of PLOVER records or an object with an "articles" list`);
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const num = (x: number) => x.toFixed(3);

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd());
}

const actorsText = (e: ScoredEvent) => `${e.source.join('+') || '?'} -> ${e.target.join('+') || '?'}`;

/** The human-readable report; `verbose` lists every miss (a corpus gold's are long). */
export function report(ev: Evaluation, verbose = false): string {
  if (ev.corpus) return corpusReport(ev.corpus, verbose).join('\n') + '\n';
  const s = ev.scores;
  const unit = ev.format === 'plover' ? 'sentence' : 'article';
  const lines = [`Gold: ${ev.gold} (${ev.format}, ${s.rates.units} ${unit}s with gold events, ${s.overall.gold} gold events)`, `Match: ${s.rule}`, ''];
  const prfRow = (name: string, p: Scores['overall']) => [name, String(p.gold), String(p.predicted), String(p.matched), num(p.precision), num(p.recall), num(p.f1)];
  lines.push(...table([['type', 'gold', 'pred', 'match', 'P', 'R', 'F1'], prfRow('ALL', s.overall), ...Object.entries(s.perType).map(([t, p]) => prfRow(t, p))]), '');
  lines.push(
    `Per ${unit}:`,
    `  event found          ${pct(s.rates.found)}`,
    `  type right           ${pct(s.rates.typeRight)}`,
    `  source right         ${pct(s.rates.sourceRight)}`,
    `  type+source+target   ${pct(s.rates.allRight)}`,
    `  spurious events/${unit} ${s.rates.spuriousPerUnit.toFixed(2)}`,
  );
  if (s.dates.checked > 0) lines.push(`  dates right          ${s.dates.right}/${s.dates.checked} matched events with a gold date`);
  const goldTypes = Object.keys(s.confusion).filter((t) => t !== NONE).sort();
  const predTypes = [...new Set(Object.values(s.confusion).flatMap((r) => Object.keys(r)))].filter((t) => t !== NONE).sort();
  if (goldTypes.length > 0 || predTypes.length > 0) {
    const rowsOf = [...goldTypes, ...(s.confusion[NONE] ? [NONE] : [])];
    const cols = [...predTypes, NONE];
    lines.push('', 'Confusion (rows gold, columns predicted):');
    lines.push(...table([['', ...cols.map((c) => c.slice(0, 8))], ...rowsOf.map((g) => [g, ...cols.map((p) => String(s.confusion[g]?.[p] ?? '.'))])]).map((l) => '  ' + l));
  }
  if (s.misses.length > 0) {
    lines.push('', `Misses (${s.misses.length}):`);
    for (const m of s.misses) {
      const got = m.predicted.length === 0 ? 'nothing' : m.predicted.map((p) => `${p.type} ${actorsText(p)}`).join('; ');
      lines.push(`  ${m.unit}: ${m.gold.type} ${actorsText(m.gold)}; dyad: ${got}`);
      if (m.text !== m.unit) lines.push(`    ${m.text}`);
    }
  }
  return lines.join('\n') + '\n';
}
