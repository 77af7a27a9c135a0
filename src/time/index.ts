// The time stage: each event's own date, resolved against the publication date.
// Time expressions are read once per sentence (chrono-node plus the patterns in
// data/time/patterns.json); each event takes the expression nearest its trigger
// in the same clause, else the publication date if it is a lead event.
import * as chrono from 'chrono-node';
import { readData } from '../knowledge.js';
import type { DateBasis, DatePrecision, Doc, Modality, PloverEvent, Sentence } from '../types.js';

interface PatternFile {
  precheck: string;
  /** "a day after": the act lies `days` from the date before it; `precision` when that is only roughly so. */
  anchors: { id: string; pattern: string; days: number; precision?: 'month' }[];
  years: { id: string; pattern: string }[];
  /** Case-sensitive: month names are capitalised, "may" and "march" are verbs. */
  months: { id: string; pattern: string }[];
  weeks: { id: string; pattern: string };
  vague: { id: string; pattern: string };
  ignore: string;
  /** Phrases of the same day as the text around them ("later in the day"): hidden from chrono. */
  sameDay: string;
  clauseBoundary: string;
  sequence: string;
}

interface Patterns {
  precheck: RegExp;
  anchors: { id: string; re: RegExp; days: number; precision?: 'month' }[];
  years: { id: string; re: RegExp }[];
  months: { id: string; re: RegExp }[];
  weeks: { id: string; re: RegExp };
  vague: { id: string; re: RegExp };
  ignore: RegExp;
  sameDay: RegExp;
  clauseBoundary: RegExp;
  /** Matches the text between a time expression and a trigger that sits in an "after ..." clause. */
  sequence: RegExp;
}

let compiled: Patterns | null = null;
function patterns(): Patterns {
  if (compiled) return compiled;
  const p = readData<PatternFile>('time', 'patterns.json');
  compiled = {
    precheck: new RegExp(p.precheck, 'i'),
    anchors: p.anchors.map((a) => ({ id: a.id, re: new RegExp(a.pattern, 'gi'), days: a.days, precision: a.precision })),
    years: p.years.map((y) => ({ id: y.id, re: new RegExp(y.pattern, 'gi') })),
    months: p.months.map((m) => ({ id: m.id, re: new RegExp(m.pattern, 'g') })),
    weeks: { id: p.weeks.id, re: new RegExp(p.weeks.pattern, 'i') },
    vague: { id: p.vague.id, re: new RegExp(p.vague.pattern, 'gi') },
    ignore: new RegExp(p.ignore, 'i'),
    sameDay: new RegExp(p.sameDay, 'gi'),
    clauseBoundary: new RegExp(p.clauseBoundary),
    sequence: new RegExp(p.sequence, 'i'),
  };
  return compiled;
}

/** A calendar date in UTC; `month` is 1-12. */
interface Ymd {
  y: number;
  m: number;
  d: number;
}

export interface Resolved {
  date: string | null;
  precision: DatePrecision;
}

/** Date components a time expression states; what is missing comes from the publication date. */
interface Known {
  year?: number;
  month?: number;
  day?: number;
  weekday?: number;
}

/** A time expression found in a sentence, with offsets into the body. */
export interface TimeExpression {
  start: number;
  end: number;
  text: string;
  rule: string;
  /** 'anchor': "a day after X" dates X relative to the clause before it. */
  kind: 'date' | 'anchor';
  known: Known;
  /** The date chrono computed for relative words ("last Monday", "two days ago"), trusted as is. */
  relative: Ymd | null;
  /** "this week" 0, "last week" -7, "next week" 7: only the month of publication day + this is claimed. */
  weekOffset: number | null;
  days: number;
  /** An anchor only roughly so far ("over a week after"): the month is claimed, not the day. */
  precision?: 'month';
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function format(t: Ymd, precision: DatePrecision): string | null {
  if (precision === 'day') return `${pad(t.y, 4)}-${pad(t.m)}-${pad(t.d)}`;
  if (precision === 'month') return `${pad(t.y, 4)}-${pad(t.m)}`;
  if (precision === 'year') return pad(t.y, 4);
  return null;
}

function addDays(t: Ymd, days: number): Ymd {
  const d = new Date(Date.UTC(t.y, t.m - 1, t.d + days));
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}

const weekday = (t: Ymd) => new Date(Date.UTC(t.y, t.m - 1, t.d)).getUTCDay();

/** The publication date as a calendar day, or null when absent or unreadable. */
export function referenceDay(published: string | null): Ymd | null {
  if (!published) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(published);
  if (m) return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  const t = Date.parse(published);
  if (Number.isNaN(t)) return null;
  const d = new Date(t);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/** Every match of a global pattern; `matchAll` would clone the pattern on each call. */
function matches(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(m);
    if (m[0] === '') re.lastIndex++;
  }
  return out;
}

// Chrono runs every one of its parsers over every text, and that is most of this
// stage's time. Some parsers can only match a text that contains a digit, a month
// or a weekday, or one of their own words; for a text without it they find nothing,
// so leaving them out changes no result. Parsers are known by class name: if a chrono
// release renames one, every text simply gets the full set again.
const PARSER_NEEDS: { needs: RegExp; parsers: string[] }[] = [
  { needs: /[0-9]/, parsers: ['ISOFormatParser', 'ENYearMonthDayParser', 'SlashDateFormatParser', 'ENSlashMonthFormatParser', 'ENTimeExpressionParser', 'ENYearMonthNameParser'] },
  { needs: /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i, parsers: ['ENMonthNameLittleEndianParser', 'ENMonthNameMiddleEndianParser', 'ENMonthNameParser'] },
  { needs: /sun|mon|tue|wed|thu|fri|sat|week/i, parsers: ['ENWeekdayParser'] },
  { needs: /now|today|tonight|tomorrow|overmorrow|tmr|yesterday|night/i, parsers: ['ENCasualDateParser'] },
  { needs: /morning|noon|evening|night|midday/i, parsers: ['ENCasualTimeParser'] },
  { needs: /month/i, parsers: ['ENEndOfCurrentMonthParser'] },
  { needs: /this|last|past|next/i, parsers: ['ENRelativeDateFormatParser'] },
  { needs: /ago|before|earlier/i, parsers: ['ENTimeUnitAgoFormatParser'] },
  { needs: /later|after|now|henceforth|forward|out/i, parsers: ['ENTimeUnitLaterFormatParser'] },
  { needs: /this|last|past|next|after|[+-]/i, parsers: ['ENTimeUnitCasualRelativeFormatParser'] },
];
const casualParsers = new Set(chrono.en.casual.parsers.map((p) => p.constructor.name));
const parserNeeds = PARSER_NEEDS.every((n) => n.parsers.every((name) => casualParsers.has(name))) ? PARSER_NEEDS : [];
const trimmed = new Map<number, chrono.Chrono>();

/** Chrono's casual English parser without the parsers that cannot match `text`. */
export function chronoFor(text: string): chrono.Chrono {
  let mask = 0;
  parserNeeds.forEach((n, i) => {
    if (!n.needs.test(text)) mask |= 1 << i;
  });
  let parser = trimmed.get(mask);
  if (!parser) {
    const drop = new Set(parserNeeds.filter((_, i) => mask & (1 << i)).flatMap((n) => n.parsers));
    parser = chrono.en.casual.clone();
    parser.parsers = parser.parsers.filter((p) => !drop.has(p.constructor.name));
    trimmed.set(mask, parser);
  }
  return parser;
}

/** A time expression our own patterns found (not chrono); offsets are into the body. */
function expression(base: number, m: RegExpExecArray, rule: string, kind: TimeExpression['kind'], known: Known, days = 0): TimeExpression {
  const start = base + m.index;
  return { start, end: start + m[0].length, text: m[0], rule, kind, known, relative: null, weekOffset: null, days };
}

/** Every time expression in `text` (which starts at body offset `base`). */
export function findExpressions(text: string, base: number, ref: Ymd | null): TimeExpression[] {
  const p = patterns();
  if (!p.precheck.test(text)) return [];
  const out: TimeExpression[] = [];
  for (const a of p.anchors) {
    for (const m of matches(a.re, text)) out.push({ ...expression(base, m, a.id, 'anchor', {}, a.days), ...(a.precision ? { precision: a.precision } : {}) });
  }
  for (const y of p.years) {
    for (const m of matches(y.re, text)) out.push(expression(base, m, y.id, 'date', { year: Number(m[1]) }));
  }
  for (const mp of p.months) {
    for (const m of matches(mp.re, text)) out.push(expression(base, m, mp.id, 'date', { month: MONTHS.indexOf(m[1]!.slice(0, 3).toLowerCase()) + 1 }));
  }
  // "In recent months" dates nothing, but it keeps a nearby weekday from claiming the event.
  for (const m of matches(p.vague.re, text)) out.push(expression(base, m, p.vague.id, 'date', {}));
  const instant = ref ? new Date(Date.UTC(ref.y, ref.m - 1, ref.d, 12)) : new Date(Date.UTC(2000, 0, 1, 12));
  // "Later in the day": chrono reads "in the day" as a day ahead; it is the day of the text around
  // it, which the paragraph's context gives. Blanked to the same length, offsets hold.
  const parsed = text.replace(p.sameDay, (m) => ' '.repeat(m.length));
  for (const r of chronoFor(parsed).parse(parsed, { instant, timezone: 0 }, { forwardDate: false })) {
    const span = { start: base + r.index, end: base + r.index + r.text.length };
    if (out.some((e) => overlaps(e, span))) continue;
    const expr = fromChrono(r, span, ref);
    if (expr) out.push(expr);
  }
  return out.sort((a, b) => a.start - b.start);
}

function fromChrono(r: chrono.ParsedResult, span: { start: number; end: number }, ref: Ymd | null): TimeExpression | null {
  const p = patterns();
  const text = r.text.replace(/[\s,.;:]+$/, '');
  if (p.ignore.test(text)) return null;
  const c = r.start;
  const known: Known = {};
  for (const unit of ['year', 'month', 'day', 'weekday'] as const) {
    if (c.isCertain(unit)) known[unit] = c.get(unit) ?? undefined;
  }
  // Lower-case "march", "may" are verbs far more often than months.
  if (known.month !== undefined && known.day === undefined && known.year === undefined && !/[A-Z]/.test(text)) return null;
  const week = p.weeks.re.test(text);
  const weekOffset = !week ? null : /\b(?:last|past|previous)\b/i.test(text) ? -7 : /\b(?:next|coming)\b/i.test(text) ? 7 : 0;
  const relative = /\b(?:last|next|this|past|coming|ago|yesterday|today|tonight|tomorrow)\b/i.test(text);
  if (!week && known.year === undefined && known.month === undefined && known.day === undefined && known.weekday === undefined) return null;
  // Without a publication date only expressions that spell out their year can be placed.
  if (!ref && !(known.year !== undefined && text.includes(String(known.year)))) {
    return { start: span.start, end: span.start + text.length, text, rule: 'chrono', kind: 'date', known: {}, relative: null, weekOffset: null, days: 0 };
  }
  return {
    start: span.start,
    end: span.start + text.length,
    text,
    rule: week ? p.weeks.id : 'chrono',
    kind: 'date',
    known,
    relative: relative ? { y: c.get('year')!, m: c.get('month')!, d: c.get('day')! } : null,
    weekOffset,
    days: 0,
  };
}

/** Reported events lie on or before publication; announced ones on or after it. */
export function resolve(e: TimeExpression, ref: Ymd | null, modality: Modality): Resolved {
  const future = modality === 'future';
  const k = e.known;
  if (e.weekOffset !== null) return ref ? { date: format(addDays(ref, e.weekOffset), 'month'), precision: 'month' } : { date: null, precision: 'unknown' };
  if (e.relative && (k.day !== undefined || k.weekday !== undefined)) return { date: format(e.relative, 'day'), precision: 'day' };
  if (k.day !== undefined && k.month !== undefined) {
    let y = k.year;
    if (y === undefined) {
      if (!ref) return { date: null, precision: 'unknown' };
      const after = k.month * 100 + k.day > ref.m * 100 + ref.d;
      const before = k.month * 100 + k.day < ref.m * 100 + ref.d;
      y = ref.y + (future ? (before ? 1 : 0) : after ? -1 : 0);
    }
    return { date: format({ y, m: k.month, d: k.day }, 'day'), precision: 'day' };
  }
  // A bare weekday: chrono picks the nearest one, news means the last (or next) one.
  if (k.weekday !== undefined) {
    if (!ref) return { date: null, precision: 'unknown' };
    const now = weekday(ref);
    const shift = future ? (k.weekday - now + 7) % 7 : -((now - k.weekday + 7) % 7);
    return { date: format(addDays(ref, shift), 'day'), precision: 'day' };
  }
  if (k.month !== undefined) {
    let y = k.year;
    if (y === undefined) {
      if (!ref) return { date: null, precision: 'unknown' };
      y = ref.y + (future ? (k.month < ref.m ? 1 : 0) : k.month > ref.m ? -1 : 0);
    }
    return { date: format({ y, m: k.month, d: 1 }, 'month'), precision: 'month' };
  }
  if (k.year !== undefined) return { date: format({ y: k.year, m: 1, d: 1 }, 'year'), precision: 'year' };
  return { date: null, precision: 'unknown' };
}

function sentenceAt(sentences: Sentence[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Character distance from the trigger, pushed back when a clause boundary lies between. */
function distance(body: string, trigger: { start: number; end: number }, e: { start: number; end: number }): number {
  const [from, to] = e.end <= trigger.start ? [e.end, trigger.start] : [trigger.end, e.start];
  const gap = Math.max(0, to - from);
  return patterns().clauseBoundary.test(body.slice(from, to)) ? gap + 10_000 : gap;
}

function nearest(body: string, trigger: { start: number; end: number }, list: TimeExpression[]): TimeExpression | null {
  let best: TimeExpression | null = null;
  let bestDistance = Infinity;
  for (const e of list) {
    const d = distance(body, trigger, e);
    if (d < bestDistance) {
      best = e;
      bestDistance = d;
    }
  }
  return best;
}

/** Words of a time expression that point ahead of the publication day. */
const FORWARD = /\b(?:next|coming|upcoming|tomorrow)\b/i;

/** The first two paragraphs carry the news itself; their undated asserted events happened on publication day. */
const LEAD_PARAGRAPHS = 2;

export function annotate(doc: Doc): PloverEvent[] {
  if (doc.events.length === 0) return doc.events;
  const ref = referenceDay(doc.article.published);
  const body = doc.article.body;
  const cache = new Map<number, TimeExpression[]>();
  const expressionsOf = (s: number): TimeExpression[] => {
    let list = cache.get(s);
    if (!list) {
      const sentence = doc.sentences[s]!;
      list = findExpressions(body.slice(sentence.start, sentence.end), sentence.start, ref);
      cache.set(s, list);
    }
    return list;
  };
  // The day the story's own news happened: the first day-precise date read from the text for
  // an asserted event of the lead, else the publication day.
  let storyDay: string | null = null;
  // The last day read from the text, per paragraph: "Police fired tear gas on Tuesday. They also
  // arrested ..." dates the second act by the first.
  const paragraphDay = new Map<number, string>();
  /** An event's own time expression, resolved, and what its sentence holds. */
  const read = (event: PloverEvent) => {
    const start = event.triggerStart ?? event.evidence.start;
    const trigger = { start, end: event.triggerEnd ?? start };
    const s = sentenceAt(doc.sentences, start);
    const all = s >= 0 ? expressionsOf(s) : [];
    // "X on Thursday after Y": Thursday dates X, not Y, which only happened before it;
    // "X, a day after Y": the anchor dates Y (after it), not X.
    const earlier = (e: TimeExpression) => e.end <= trigger.start && patterns().sequence.test(body.slice(e.end, trigger.start));
    // "held there since November", "until March", "since the June 2009 election": a duration's
    // bound is not the act's day.
    const bound = (e: TimeExpression) => /\b(?:since|until|till)\s+(?:(?:the|its|their|his|her|last|early|late|mid)\s+)?$/i.test(body.slice(Math.max(0, e.start - 16), e.start));
    // "agreed on Saturday to resume negotiations next month": an act told as done is not dated by the
    // time to come of what it is about.
    const ahead = (e: TimeExpression) => current(event) && e.start > trigger.start && FORWARD.test(e.text);
    // "agreed to restore a pact which Seoul scrapped in 2019": a relative clause after the act dates
    // its own verb, not the act.
    const relative = (e: TimeExpression) => e.start > trigger.end && /\b(?:which|who|whom|whose)\b/i.test(body.slice(trigger.end, e.start));
    const usable = all.filter((e) => !bound(e) && !ahead(e) && !relative(e) && ((e.kind === 'date' && !earlier(e)) || (e.kind === 'anchor' && trigger.start >= e.end)));
    const chosen = nearest(body, trigger, usable);
    let resolved: Resolved;
    if (chosen?.kind === 'anchor') {
      const base = nearest(body, chosen, all.filter((e) => e.kind === 'date' && e.end <= chosen.start));
      const baseDate = base ? resolve(base, ref, 'asserted') : ref ? { date: format(ref, 'day'), precision: 'day' as const } : null;
      const unit = chosen.precision ?? 'day';
      resolved =
        baseDate?.precision === 'day' && baseDate.date
          ? { date: format(addDays(referenceDay(baseDate.date)!, chosen.days), unit), precision: unit }
          : (baseDate ?? { date: null, precision: 'unknown' });
    } else if (chosen) {
      resolved = resolve(chosen, ref, event.modality);
    } else {
      resolved = { date: null, precision: 'unknown' };
    }
    return { s, all, earlier, chosen, resolved };
  };
  // The story's day is known before any event takes it: "The president moved to cut ties" in the
  // first line, "he spoke about it on Friday" in the second, both happened on Friday.
  const readings = doc.events.map(read);
  doc.events.forEach((event, k) => {
    const { s, chosen, resolved } = readings[k]!;
    if (storyDay || !chosen || resolved.precision !== 'day' || !resolved.date || !current(event)) return;
    if (s >= 0 && doc.sentences[s]!.paragraph < LEAD_PARAGRAPHS) storyDay = resolved.date;
  });
  // Else the latest past day the lead names at all ("he spoke about it on Friday";
  // "after pledges on Wednesday, nations stepped up efforts on Thursday": Thursday).
  if (!storyDay && ref) {
    const today = format(ref, 'day')!;
    for (const [k, x] of doc.sentences.entries()) {
      if (x.paragraph >= LEAD_PARAGRAPHS) break;
      for (const e of expressionsOf(k)) {
        const r = e.kind === 'date' ? resolve(e, ref, 'asserted') : null;
        if (r && r.precision === 'day' && r.date && r.date <= today && (!storyDay || r.date > storyDay)) storyDay = r.date;
      }
    }
  }
  const dated = doc.events.map((event, k) => {
    const { s, all, earlier, chosen } = readings[k]!;
    let { resolved } = readings[k]!;
    const paragraph = s >= 0 ? doc.sentences[s]!.paragraph : -1;
    let basis: DateBasis | null = chosen ? 'text' : null;
    if (chosen && resolved.precision === 'day' && resolved.date && current(event)) {
      paragraphDay.set(paragraph, resolved.date);
    } else if (!chosen && current(event) && !all.some(earlier)) {
      // No time expression of its own: the day of its paragraph, else, in the lead, the
      // story's day (the publication day when the text names none). Background (historical,
      // "since", past perfect) and announced acts take nothing.
      // Past the lead, an act told in the story's own time (not background: no past perfect, no
      // "earlier", no year of its own) happened on the story's day, as news writes it.
      const context = paragraphDay.get(paragraph) ?? storyDay;
      if (context) [resolved, basis] = [{ date: context, precision: 'day' }, 'context'];
      else if (ref) [resolved, basis] = [{ date: format(ref, 'day'), precision: 'day' }, 'publication'];
    } else if (!chosen && current(event)) {
      // "spoke on Friday after troops raided the compound": what the after-clause
      // tells happened before that day's act, in news as a rule the same day.
      // ("agreed to meet next week after concluding talks": a day to come dates nothing before it;
      // the talks took the story's day.)
      const anchor = [...all].reverse().find((e) => earlier(e) && e.kind === 'date' && !FORWARD.test(e.text));
      const day = anchor ? resolve(anchor, ref, 'asserted') : null;
      if (day && day.precision === 'day' && day.date) [resolved, basis] = [day, 'context'];
      else if (!anchor) {
        const context = paragraphDay.get(paragraph) ?? storyDay;
        if (context) [resolved, basis] = [{ date: context, precision: 'day' }, 'context'];
        else if (ref) [resolved, basis] = [{ date: format(ref, 'day'), precision: 'day' }, 'publication'];
      }
    }
    // A copy, then plain stores (same keys in the same order as a spread): events come in
    // many shapes, and V8 copies them faster this way than through a spread literal.
    const dated: PloverEvent = Object.assign({}, event);
    dated.date = resolved.date;
    dated.datePrecision = resolved.precision;
    dated.dateText = chosen?.text ?? null;
    dated.dateBasis = resolved.date ? basis : null;
    if (chosen) {
      dated.dateStart = chosen.start;
      dated.dateEnd = chosen.end;
      dated.dateRule = chosen.rule;
    }
    return dated;
  });
  return dated;
}

/** Asserted acts of the story's time: not background, not announced, not conditional. */
const current = (e: PloverEvent) => e.modality === 'asserted' || e.modality === 'reported';
