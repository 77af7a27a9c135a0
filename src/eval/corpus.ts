// Scoring against a corpus gold (the dev corpus format, ../shared/corpus/dev/README.md):
// whole articles annotated for every stage. Events carry sectors, alternative
// types, core/non-core and modality; articles carry quotes with speakers, junk and
// keep strings for the cleaner, a topic and a story id. Pure: gold and dyad's
// output in, figures out; `corpusUnits` in index.ts does the reading.
import type { Article, PloverEvent, Quote, Story } from '../types.js';
import { pairUp } from './score.js';

export interface CorpusGoldEvent {
  type: string | string[];
  source?: string[];
  target?: string[];
  sourceSector?: string | null;
  targetSector?: string | null;
  date?: string | null;
  core?: boolean;
  modality?: string;
  evidence?: string;
}

export interface CorpusGoldArticle {
  path: string;
  published?: string | null;
  topic?: string;
  story?: string;
  events: CorpusGoldEvent[];
  quotes?: { start: string; speaker: string; actor?: string }[];
  junk?: string[];
  keep?: string[];
}

/** What dyad made of one gold article. */
export interface CorpusPrediction {
  gold: CorpusGoldArticle;
  article: Article;
  events: PloverEvent[];
  quotes: Quote[];
}

interface Tally {
  n: number;
  of: number;
}

export interface CorpusFigures {
  articles: number;
  /** Core gold events found with a right type and the right countries on both sides. */
  coreFound: Tally;
  /** ... and the right sectors too, where the gold names one. */
  coreWithSectors: Tally;
  /** Every gold event (core or not), found as above. */
  allFound: Tally;
  /** dyad's (non-negated) events that match some gold event, core or not. */
  precision: Tally;
  /** Matched events whose gold has a date: dyad's date equal (or ±1 day where the gold allows). */
  dates: Tally;
  /** Gold future/hypothetical events matched by a dyad event marked asserted. */
  unrealAsAsserted: Tally;
  /** dyad events whose source and target share an actor code and sector. */
  selfLoops: Tally;
  quotesFound: Tally;
  speakerRight: Tally;
  junkRemoved: Tally;
  keepKept: Tally;
}

export interface CorpusScores {
  overall: CorpusFigures;
  perTopic: Record<string, CorpusFigures>;
  /** Gold story pairs put in one story by dyad, and pairs of different stories kept apart. */
  stories: { pairsTogether: Tally; apartRight: Tally };
  /** Core events missed, per article, for reading. */
  misses: { article: string; event: CorpusGoldEvent; got: string[] }[];
  /** Matched events whose date is wrong: the gold's, dyad's, and how dyad found it. */
  wrongDates: { article: string; gold: string; got: string | null; basis: string | null; evidence: string }[];
  /** Core events found with the right countries but not the right sectors: the gold's, and dyad's event. */
  sectorMisses: { article: string; event: CorpusGoldEvent; got: string }[];
  /** dyad's self-loops. */
  loops: { article: string; event: string; evidence: string }[];
  /** Gold future or hypothetical events dyad output as asserted. */
  unreal: { article: string; gold: string; evidence: string }[];
  /** dyad events that match nothing, per article. */
  spurious: { article: string; event: string; evidence: string }[];
}

const tally = (): Tally => ({ n: 0, of: 0 });
const blank = (): CorpusFigures => ({
  articles: 0,
  coreFound: tally(),
  coreWithSectors: tally(),
  allFound: tally(),
  precision: tally(),
  dates: tally(),
  unrealAsAsserted: tally(),
  selfLoops: tally(),
  quotesFound: tally(),
  speakerRight: tally(),
  junkRemoved: tally(),
  keepKept: tally(),
});

const types = (e: CorpusGoldEvent) => (Array.isArray(e.type) ? e.type : [e.type]);
const codes = (side: PloverEvent['source']) => side.map((a) => a.actor).filter((c): c is string => !!c);
/** A UN agency may be scored as UN; an IGO by its usual short code. */
const sameCode = (gold: string, got: string) => gold === got || (got === 'UN' && /^(UN|WFP|UNHCR|UNICEF|OCHA|WHO|IOM|UNSC)/.test(gold)) || (gold === 'UN' && got === 'UNSC');
const sideAgrees = (gold: string[] | undefined, got: PloverEvent['source']) => !gold || gold.length === 0 || codes(got).some((c) => gold.some((g) => sameCode(g, c)));
/** Security forces policing a crowd are COP with MIL acceptable (the gold's convention). */
const sameSector = (gold: string, got: string | null) => gold === got || (gold === 'COP' && got === 'MIL');
function sectorAgrees(gold: string[] | undefined, sector: string | null | undefined, got: PloverEvent['source']): boolean {
  if (!sector) return true;
  return got.some((a) => a.actor !== null && (!gold || gold.length === 0 || gold.some((g) => sameCode(g, a.actor!))) && sameSector(sector, a.sector));
}

/**
 * An actor acting on itself: source and target share an actor code and sector. A joint
 * act of several parties listed on both sides ("Ghana and Togo agreed") is
 * reciprocal, not a self-loop.
 */
export function selfLoop(p: PloverEvent): boolean {
  const key = (a: PloverEvent['source'][number]) => `${a.actor}/${a.sector}`;
  const from = new Set(p.source.filter((a) => a.actor).map(key));
  const to = new Set(p.target.filter((a) => a.actor).map(key));
  if (from.size > 1 && from.size === to.size && [...from].every((k) => to.has(k))) return false;
  return [...from].some((k) => to.has(k));
}

export function eventMatches(g: CorpusGoldEvent, p: PloverEvent): boolean {
  return types(g).includes(p.type) && sideAgrees(g.source, p.source) && sideAgrees(g.target, p.target);
}
const withSectors = (g: CorpusGoldEvent, p: PloverEvent) =>
  eventMatches(g, p) && sectorAgrees(g.source, g.sourceSector, p.source) && sectorAgrees(g.target, g.targetSector, p.target);

/** A maximum matching by `ok` that pairs first what each of `prefer` accepts, in order. */
function pairUpPreferring<G, P>(gold: G[], predicted: P[], ok: (g: G, p: P) => boolean, ...prefer: ((g: G, p: P) => boolean)[]): number[] {
  const pairs: number[] = gold.map(() => -1);
  const used = new Set<number>();
  for (const tier of [...prefer, () => true]) {
    const restGold = gold.map((_, i) => i).filter((i) => pairs[i]! < 0);
    const restPred = predicted.map((_, i) => i).filter((i) => !used.has(i));
    const found = pairUp(restGold, restPred, (g, p) => ok(gold[g]!, predicted[p]!) && tier(gold[g]!, predicted[p]!));
    found.forEach((p, k) => {
      if (p < 0) return;
      pairs[restGold[k]!] = restPred[p]!;
      used.add(restPred[p]!);
    });
  }
  return pairs;
}

function dayDiff(a: string, b: string): number {
  return Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;
}

/** Same date at the gold's precision; "overnight"/"late" stories get a day either way (the gold's tolerance). */
function dateRight(gold: string, got: string | null, evidence: string | undefined): boolean {
  if (!got) return false;
  if (gold === got) return true;
  if (gold.length === 10 && got.length === 10 && /\b(overnight|late|early)\b/i.test(evidence ?? '')) return dayDiff(gold, got) <= 1;
  return false;
}

const norm = (s: string) => s.replace(/[\u201c\u201d\u2018\u2019"']/g, '').replace(/\s+/g, ' ').trim().toLowerCase();

/** A speaker is right when dyad names the person (any word of the name past the first, or all of a one-word name) or the body. */
function speakerRight(gold: { speaker: string; actor?: string }, q: Quote): boolean {
  // Letters compared without their accents: "Traoré" is "Traore".
  const fold = (x: string) => x.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const names = (q.speakers ?? (q.speaker ? [q.speaker] : [])).map((s) => fold(s.name));
  if (names.length === 0) return false;
  const want = fold(gold.speaker);
  const words = want.split(/\s+/).filter((w) => w.length > 2);
  const last = words[words.length - 1] ?? want;
  return names.some((n) => n === want || n.includes(last) || (want.includes(n) && n.length > 3));
}

function add(into: CorpusFigures, from: CorpusFigures): void {
  into.articles += from.articles;
  for (const k of Object.keys(from) as (keyof CorpusFigures)[]) {
    if (k === 'articles') continue;
    into[k].n += from[k].n;
    into[k].of += from[k].of;
  }
}

export function scoreCorpus(predictions: CorpusPrediction[], stories: Story[]): CorpusScores {
  const overall = blank();
  const perTopic: Record<string, CorpusFigures> = {};
  const misses: CorpusScores['misses'] = [];
  const spurious: CorpusScores['spurious'] = [];
  const wrongDates: CorpusScores['wrongDates'] = [];
  const unreal: CorpusScores['unreal'] = [];
  const sectorMisses: CorpusScores['sectorMisses'] = [];
  const loops: CorpusScores['loops'] = [];
  for (const { gold, article, events, quotes } of predictions) {
    const f = blank();
    f.articles = 1;
    const real = events.filter((e) => !e.negated);
    const core = gold.events.filter((e) => e.core !== false);
    const show = (p: PloverEvent) => `${p.type} ${codes(p.source).join('+') || '?'}/${p.source.map((a) => a.sector ?? '-').join('+')} -> ${codes(p.target).join('+') || '?'}/${p.target.map((a) => a.sector ?? '-').join('+')} [${p.modality}] ${p.date ?? '-'}`;

    const corePairs = pairUp(core, real, eventMatches);
    f.coreFound = { n: corePairs.filter((p) => p >= 0).length, of: core.length };
    const sectorPairs = pairUp(core, real, withSectors);
    f.coreWithSectors = { n: sectorPairs.filter((p) => p >= 0).length, of: core.length };
    core.forEach((g, i) => {
      if (corePairs[i]! >= 0 && sectorPairs[i]! < 0) sectorMisses.push({ article: gold.path, event: g, got: show(real[corePairs[i]!]!) });
    });
    core.forEach((g, i) => {
      if (corePairs[i]! < 0) misses.push({ article: gold.path, event: g, got: real.filter((p) => types(g).includes(p.type)).map(show) });
    });
    // Among equally good matchings, the one that pairs events with their right dates and modality.
    const unrealGold = (g: CorpusGoldEvent) => g.modality === 'future' || g.modality === 'hypothetical';
    const unrealDyad = (p: PloverEvent) => p.modality === 'future' || p.modality === 'hypothetical';
    // Date and modality both, then modality alone: an asserted event is not counted against a
    // future one while an asserted gold event it matches is left unpaired.
    const sameModality = (g: CorpusGoldEvent, p: PloverEvent) => unrealGold(g) === unrealDyad(p);
    const allPairs = pairUpPreferring(gold.events, real, eventMatches, (g, p) => (!g.date || dateRight(g.date, p.date, g.evidence)) && sameModality(g, p), sameModality);
    f.allFound = { n: allPairs.filter((p) => p >= 0).length, of: gold.events.length };
    // Precision: a dyad event counts as right when some gold event (core or not) has its type and countries.
    const right = real.filter((p) => gold.events.some((g) => eventMatches(g, p)));
    f.precision = { n: right.length, of: real.length };
    for (const p of real) {
      if (!right.includes(p)) spurious.push({ article: gold.path, event: show(p), evidence: p.evidence.text.slice(0, 160) });
    }
    allPairs.forEach((pi, gi) => {
      if (pi < 0) return;
      const g = gold.events[gi]!;
      const p = real[pi]!;
      if (g.date) {
        f.dates.of++;
        if (dateRight(g.date, p.date, g.evidence)) f.dates.n++;
        else wrongDates.push({ article: gold.path, gold: g.date, got: p.date, basis: p.dateRule ?? null, evidence: g.evidence ?? '' });
      }
      if (g.modality === 'future' || g.modality === 'hypothetical') {
        f.unrealAsAsserted.of++;
        if (p.modality === 'asserted') {
          f.unrealAsAsserted.n++;
          unreal.push({ article: gold.path, gold: g.modality, evidence: p.evidence.text.slice(0, 200) });
        }
      }
    });
    f.selfLoops = { n: real.filter(selfLoop).length, of: real.length };
    for (const p of real.filter(selfLoop)) loops.push({ article: gold.path, event: show(p), evidence: p.evidence.text.slice(0, 160) });

    const direct = quotes.filter((q) => q.kind !== 'indirect');
    for (const gq of gold.quotes ?? []) {
      f.quotesFound.of++;
      f.speakerRight.of++;
      const start = norm(gq.start);
      const q = direct.find((x) => norm(x.text).includes(start)) ?? quotes.find((x) => norm(x.text).includes(start));
      if (!q) continue;
      f.quotesFound.n++;
      if (speakerRight(gq, q)) f.speakerRight.n++;
    }
    for (const j of gold.junk ?? []) {
      f.junkRemoved.of++;
      if (!article.body.includes(j)) f.junkRemoved.n++;
    }
    for (const k of gold.keep ?? []) {
      f.keepKept.of++;
      if (article.body.includes(k)) f.keepKept.n++;
    }
    add(overall, f);
    add((perTopic[gold.topic ?? 'other'] ??= blank()), f);
  }

  // Stories: every pair of gold articles with the same story id should share dyad's story; different ids should not.
  const storyOf = new Map<string, string>();
  for (const s of stories) for (const a of s.articles) storyOf.set(a, s.id);
  const pairsTogether = tally();
  const apartRight = tally();
  for (let i = 0; i < predictions.length; i++) {
    for (let j = i + 1; j < predictions.length; j++) {
      const a = predictions[i]!;
      const b = predictions[j]!;
      if (!a.gold.story || !b.gold.story) continue;
      const together = storyOf.get(a.article.id) !== undefined && storyOf.get(a.article.id) === storyOf.get(b.article.id);
      const tallyOf = a.gold.story === b.gold.story ? pairsTogether : apartRight;
      tallyOf.of++;
      if (together === (a.gold.story === b.gold.story)) tallyOf.n++;
    }
  }
  return { overall, perTopic, stories: { pairsTogether, apartRight }, misses, sectorMisses, loops, wrongDates, unreal, spurious };
}

const share = (t: Tally) => (t.of === 0 ? '   -  ' : `${(100 * (t.n / t.of)).toFixed(1).padStart(5)}%`);
const counted = (t: Tally) => `${share(t)} (${t.n}/${t.of})`;

const ROWS: [keyof CorpusFigures, string][] = [
  ['coreFound', 'core events, type+countries'],
  ['coreWithSectors', 'core events, +sectors'],
  ['allFound', 'all gold events, type+countries'],
  ['precision', 'dyad events matching gold'],
  ['dates', 'dates of matched events'],
  ['unrealAsAsserted', 'future/hypothetical as asserted'],
  ['selfLoops', 'self-loops among dyad events'],
  ['quotesFound', 'quotes found'],
  ['speakerRight', 'quote speakers right'],
  ['junkRemoved', 'junk removed'],
  ['keepKept', 'keep strings kept'],
];

export function corpusReport(s: CorpusScores, verbose: boolean): string[] {
  const topics = Object.keys(s.perTopic).sort();
  const lines = [`Corpus gold: ${s.overall.articles} articles`, ''];
  const head = ['', 'overall', ...topics];
  const rows = ROWS.map(([k, name]) => [name, counted(s.overall[k] as Tally), ...topics.map((t) => share(s.perTopic[t]![k] as Tally))]);
  const widths = head.map((_, i) => Math.max(head[i]!.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [head, ...rows]) lines.push(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
  lines.push('', `stories: gold pairs together ${counted(s.stories.pairsTogether)}, other pairs apart ${counted(s.stories.apartRight)}`);
  if (verbose) {
    lines.push('', `Core events missed (${s.misses.length}):`);
    for (const m of s.misses) {
      const g = m.event;
      lines.push(`  ${m.article}: ${types(g).join('|')} ${(g.source ?? []).join('+') || '?'}/${g.sourceSector ?? '-'} -> ${(g.target ?? []).join('+') || '?'}/${g.targetSector ?? '-'} [${g.modality ?? 'asserted'}] ${g.date ?? '-'}`);
      if (g.evidence) lines.push(`      gold: ${g.evidence}`);
      for (const got of m.got) lines.push(`      dyad: ${got}`);
    }
    lines.push('', `Core events with the right countries but not the right sectors (${s.sectorMisses.length}):`);
    for (const m of s.sectorMisses) lines.push(`  ${m.article}: gold ${m.event.sourceSector ?? '-'} -> ${m.event.targetSector ?? '-'}; dyad ${m.got}`);
    lines.push('', `Self-loops (${s.loops.length}):`);
    for (const x of s.loops) lines.push(`  ${x.article}: ${x.event}`, `      ${x.evidence.replace(/\s+/g, ' ')}`);
    lines.push('', `Future or hypothetical events output as asserted (${s.unreal.length}):`);
    for (const u of s.unreal) lines.push(`  ${u.article}: gold ${u.gold}`, `      ${u.evidence.replace(/\s+/g, ' ')}`);
    lines.push('', `Matched events with a wrong date (${s.wrongDates.length}):`);
    for (const d of s.wrongDates) lines.push(`  ${d.article}: gold ${d.gold}, dyad ${d.got ?? '-'} (${d.basis ?? 'no date rule'})`, `      gold: ${d.evidence}`);
    lines.push('', `dyad events matching no gold event (${s.spurious.length}):`);
    for (const x of s.spurious) lines.push(`  ${x.article}: ${x.event}`, `      ${x.evidence.replace(/\s+/g, ' ')}`);
  }
  return lines;
}
