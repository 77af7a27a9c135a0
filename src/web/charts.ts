// SVG charts on d3 scales (time axes from d3-scale/d3-time, so a day's label
// stands at that day and gaps in time show as gaps). Each scales to its container
// through the viewBox, so one drawing serves desktop and phone widths.
import { scaleLinear, scaleUtc, type ScaleTime } from 'd3-scale';
import { utcDay, utcMonth, utcYear } from 'd3-time';
import { utcFormat } from 'd3-time-format';
import type { DyadSeries, Network, PloverEvent } from './api.js';
import { h, s } from './dom.js';
import { INTENSITY, href, typeColor } from './ui.js';

const DAY_MS = 86_400_000;
/** Midnight UTC of an ISO date's day: the instant a time scale puts that day's label at. */
const dayStart = (d: string) => new Date(`${d.slice(0, 10)}T00:00:00Z`);
const isoDay = utcFormat('%Y-%m-%d');

function title(text: string): SVGElement {
  return s('title', {}, text);
}

/** Label of a tick: the day, or the month or year when the tick falls on its first day. */
function tickLabel(t: Date): string {
  if (+utcYear.floor(t) === +t) return utcFormat('%Y')(t);
  if (+utcMonth.floor(t) === +t) return utcFormat('%Y-%m')(t);
  return isoDay(t);
}

/**
 * Ticks of a time axis under a chart, every label inside the frame: a label near
 * an edge is anchored on its inner side instead of being centred and cut.
 */
function timeAxis(svg: SVGElement, width: number, x: ScaleTime<number, number>, y: number, ticks: Date[]): void {
  const [left, right] = x.range() as [number, number];
  svg.append(s('line', { x1: left, x2: right, y1: y, y2: y, class: 'axis' }));
  for (const t of ticks) {
    const at = x(t);
    const label = tickLabel(t);
    // 12px digits are about 7px wide: half a label either side of its tick when centred.
    const half = label.length * 3.6;
    const anchor = at - half < 2 ? 'start' : at + half > width - 2 ? 'end' : 'middle';
    svg.append(s('line', { x1: at, x2: at, y1: y, y2: y + 5, class: 'axis' }),
      s('text', { x: at, y: y + 18, 'text-anchor': anchor, class: 'tick x-tick', 'data-date': isoDay(t) }, label));
  }
}

/**
 * Events over time: x the event's day on a real time scale (a day's dots and its label
 * stand at that day's start), y the PLOVER intensity of its type; a dot opens the evidence.
 */
export function timeline(events: PloverEvent[]): Node {
  const dated = events.filter((e) => e.date && !Number.isNaN(+dayStart(e.date)));
  if (dated.length === 0) return h('p', { class: 'muted small' }, 'No dated events to plot.');
  const W = 720, H = 210, L = 44, R = 44, T = 14, B = 34;
  const days = dated.map((e) => +dayStart(e.date!));
  const first = Math.min(...days), last = Math.max(...days);
  // Room of half a day (a whole one for a single day) on each side, so that the first and
  // last days' dots and labels stand inside the frame.
  const pad = first === last ? DAY_MS : DAY_MS / 2;
  const x = scaleUtc().domain([new Date(first - pad), new Date(last + pad)]).range([L, W - R]);
  const y = scaleLinear().domain([-10, 10]).range([H - B, T]);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart timeline', role: 'img', 'aria-label': 'Timeline of events by date and intensity' });
  for (const v of y.ticks(4)) {
    svg.append(s('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: v === 0 ? 'axis' : 'grid' }),
      s('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, v > 0 ? `+${v}` : String(v)));
  }
  // Whole days only: as many as fit, never a tick inside a day.
  const span = Math.round((last - first) / DAY_MS) + 1;
  const every = Math.max(1, Math.ceil(span / 7));
  const ticks = utcDay.range(new Date(first), new Date(last + 1), 1).filter((_, i) => i % every === 0);
  timeAxis(svg, W, x, H - B + 6, ticks);
  const stack = new Map<string, number>();
  for (const e of dated) {
    const key = `${e.date!.slice(0, 10)}|${e.type}`;
    const n = stack.get(key) ?? 0;
    stack.set(key, n + 1);
    // Several events of one type on one day stack upwards, keeping their day's x.
    const a = s('a', { href: href.article(e.article, e.evidence.start, e.evidence.end), class: 'dot', 'data-event': e.id, 'data-date': e.date!.slice(0, 10) },
      s('circle', { cx: x(dayStart(e.date!)), cy: Math.max(T, y(INTENSITY[e.type] ?? 0) - n * 7), r: 6, fill: typeColor(e.type) },
        title(`${e.date!.slice(0, 10)} ${e.type}: ${e.evidence.text}`)));
    svg.append(a);
  }
  return h('figure', { class: 'chart-box' }, svg, h('figcaption', {}, 'Each dot is an event on its day (colour and height: PLOVER intensity, conflict below 0, cooperation above). Click one to see its evidence.'));
}

const PERIOD_END: Record<DyadSeries['interval'], (d: Date) => Date> = {
  day: (d) => utcDay.offset(d, 1),
  week: (d) => utcDay.offset(d, 7),
  month: (d) => utcMonth.offset(d, 1),
};

/**
 * Two panels on one real time axis: event counts per period (bars spanning the
 * period; up: acting, down: acted upon) over one count scale, and below it the
 * summed PLOVER intensity per period on a scale of its own.
 */
export function dyadChart(out: DyadSeries, inc: DyadSeries, actor: string): Node {
  const periods = [...new Set([...out.points, ...inc.points].map((p) => p.period))].sort();
  if (periods.length === 0) return h('p', { class: 'muted small' }, `No dated events involving ${actor}.`);
  const W = 720, L = 48, R = 20, T = 16, PANEL = 150, GAP = 40, B = 34;
  const H = T + PANEL + GAP + PANEL * 0.7 + B;
  const end = PERIOD_END[out.interval];
  const starts = periods.map(dayStart);
  const x = scaleUtc().domain([starts[0]!, end(starts[starts.length - 1]!)]).range([L, W - R]);
  const outBy = new Map(out.points.map((p) => [p.period, p]));
  const inBy = new Map(inc.points.map((p) => [p.period, p]));
  const maxCount = Math.max(1, ...out.points.map((p) => p.count), ...inc.points.map((p) => p.count));
  const maxInt = Math.max(1, ...[...out.points, ...inc.points].map((p) => Math.abs(p.intensity)));
  const yc = scaleLinear().domain([-maxCount, maxCount]).range([T + PANEL, T]).nice();
  const top2 = T + PANEL + GAP;
  const yi = scaleLinear().domain([-maxInt, maxInt]).range([top2 + PANEL * 0.7, top2]).nice();
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart dyads', role: 'img', 'aria-label': `Events by ${actor} and towards ${actor} per ${out.interval}` });
  const yAxis = (y: typeof yc, fmt: (v: number) => string, cls: string) => {
    for (const v of y.ticks(4)) {
      svg.append(s('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: v === 0 ? 'axis' : 'grid' }),
        s('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', class: `tick ${cls}` }, fmt(v)));
    }
  };
  yAxis(yc, (v) => String(Math.abs(v)), 'y-count');
  yAxis(yi, (v) => (v > 0 ? `+${v}` : v < 0 ? `−${-v}` : '0'), 'y-intensity');
  svg.append(
    s('text', { x: L + 4, y: T + 10, class: 'tick label' }, `events by ${actor} ↑`),
    s('text', { x: L + 4, y: T + PANEL - 4, class: 'tick label' }, `events towards ${actor} ↓`),
    s('text', { x: L + 4, y: top2 - 6, class: 'tick label' }, 'summed intensity (cooperation + / conflict −)'));
  const detail = (p: { count: number; intensity: number; byType: Record<string, number> }) =>
    `intensity ${p.intensity} (${Object.entries(p.byType).map(([t, c]) => `${t} ${c}`).join(', ')})`;
  for (const [i, p] of periods.entries()) {
    const x0 = x(starts[i]!), x1 = x(end(starts[i]!));
    const bw = Math.max(2, (x1 - x0) * 0.8);
    const bx = x0 + (x1 - x0 - bw) / 2;
    const o = outBy.get(p), n = inBy.get(p);
    if (o) svg.append(s('rect', { x: bx, y: yc(o.count), width: bw, height: yc(0) - yc(o.count), class: 'bar out', 'data-period': p },
      title(`${p}: ${o.count} events by ${actor}, ${detail(o)}`)));
    if (n) svg.append(s('rect', { x: bx, y: yc(0), width: bw, height: yc(-n.count) - yc(0), class: 'bar in', 'data-period': p },
      title(`${p}: ${n.count} events towards ${actor}, ${detail(n)}`)));
  }
  // A stem from 0 per period, not a line across periods: a gap in time is no trend.
  const stems = (series: Map<string, { intensity: number }>, cls: string, shift: number) => {
    for (const [i, p] of periods.entries()) {
      const v = series.get(p)?.intensity;
      if (v === undefined) continue;
      const cx = (x(starts[i]!) + x(end(starts[i]!))) / 2 + shift;
      svg.append(s('line', { x1: cx, x2: cx, y1: yi(0), y2: yi(v), class: `stem ${cls}` }),
        s('circle', { cx, cy: yi(v), r: 3.5, class: `stem-end ${cls}`, 'data-period': p }, title(`${p}: summed intensity ${v}`)));
    }
  };
  stems(outBy, 'out', -2);
  stems(inBy, 'in', 2);
  timeAxis(svg, W, x, H - B + 6, x.ticks(Math.min(8, Math.max(2, periods.length))));
  return h('figure', { class: 'chart-box' }, svg,
    h('figcaption', {}, `Top: events per ${out.interval} on one count scale (up: acting, down: acted upon). Bottom: summed PLOVER intensity per ${out.interval}, blue for its own actions, red for actions towards it. Both on one time axis: gaps are periods without events.`));
}

/** The actor's counterparts around it; edge width is the number of events, colour their mean intensity. */
export function counterparts(actor: string, net: Network): Node {
  const others = new Map<string, { out: number; in: number; intensity: number }>();
  for (const e of net.edges) {
    if (e.source !== actor && e.target !== actor) continue;
    const other = e.source === actor ? e.target : e.source;
    const o = others.get(other) ?? { out: 0, in: 0, intensity: 0 };
    if (e.source === actor) o.out += e.weight;
    else o.in += e.weight;
    o.intensity += e.intensity;
    others.set(other, o);
  }
  if (others.size === 0) return h('p', { class: 'muted small' }, `No counterparts of ${actor} yet.`);
  const list = [...others].sort((a, b) => b[1].out + b[1].in - (a[1].out + a[1].in)).slice(0, 16);
  const W = 520, H = 400, cx = W / 2, cy = H / 2, r = 150;
  const maxW = Math.max(...list.map(([, o]) => o.out + o.in));
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart network', role: 'img', 'aria-label': `Counterparts of ${actor}` });
  list.forEach(([code, o], i) => {
    const a = (2 * Math.PI * i) / list.length - Math.PI / 2;
    const x = cx + r * Math.cos(a), y = cy + r * Math.sin(a);
    const n = o.out + o.in;
    const mean = o.intensity / n;
    const color = mean > 0 ? 'hsl(212 60% 45%)' : mean < 0 ? 'hsl(4 65% 48%)' : '#6b7280';
    svg.append(s('line', { x1: cx, y1: cy, x2: x, y2: y, stroke: color, 'stroke-width': 1.5 + (8 * n) / maxW, 'stroke-opacity': 0.75 },
      title(`${actor} → ${code}: ${o.out}, ${code} → ${actor}: ${o.in}; mean intensity ${mean.toFixed(1)}`)));
    const node = s('a', { href: href.actor(code) },
      s('circle', { cx: x, cy: y, r: 22, class: 'node' }),
      s('text', { x, y: y + 4, 'text-anchor': 'middle', class: 'node-label' }, code));
    svg.append(node);
  });
  svg.append(s('circle', { cx, cy, r: 30, class: 'node center' }), s('text', { x: cx, y: cy + 5, 'text-anchor': 'middle', class: 'node-label center' }, actor));
  return h('figure', { class: 'chart-box narrow' }, svg,
    h('figcaption', {}, 'Line width: events between the two; blue cooperative on average, red conflictual. Click an actor to open it.'));
}

/**
 * All activity per period on a real time axis: events of cooperative types up,
 * conflictual ones down (neutral ones, intensity 0, in grey above), one count scale.
 */
export function activityChart(series: DyadSeries): Node {
  if (series.points.length === 0) return h('p', { class: 'muted small' }, 'No dated events.');
  const W = 720, H = 240, L = 44, R = 20, T = 16, B = 34;
  const end = PERIOD_END[series.interval];
  const split = series.points.map((p) => {
    let coop = 0, conflict = 0, neutral = 0;
    for (const [type, n] of Object.entries(p.byType)) {
      const v = INTENSITY[type] ?? 0;
      if (v > 0) coop += n ?? 0;
      else if (v < 0) conflict += n ?? 0;
      else neutral += n ?? 0;
    }
    return { period: p.period, start: dayStart(p.period), coop, conflict, neutral };
  });
  const x = scaleUtc().domain([split[0]!.start, end(split[split.length - 1]!.start)]).range([L, W - R]);
  const max = Math.max(1, ...split.map((p) => Math.max(p.coop + p.neutral, p.conflict)));
  const y = scaleLinear().domain([-max, max]).range([H - B, T]).nice();
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart activity', role: 'img', 'aria-label': `Events per ${series.interval}: cooperation above, conflict below` });
  for (const v of y.ticks(4)) {
    svg.append(s('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: v === 0 ? 'axis' : 'grid' }),
      s('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick y-count' }, String(Math.abs(v))));
  }
  svg.append(s('text', { x: L + 4, y: T + 10, class: 'tick label' }, 'cooperation ↑'), s('text', { x: L + 4, y: H - B - 4, class: 'tick label' }, 'conflict ↓'));
  for (const p of split) {
    const x0 = x(p.start), x1 = x(end(p.start));
    const bw = Math.max(2, (x1 - x0) * 0.8), bx = x0 + (x1 - x0 - bw) / 2;
    const bar = (from: number, to: number, cls: string, what: string) =>
      to !== from && svg.append(s('rect', { x: bx, y: y(Math.max(from, to)), width: bw, height: Math.abs(y(from) - y(to)), class: `bar ${cls}`, 'data-period': p.period }, title(`${p.period}: ${what}`)));
    bar(0, p.coop, 'coop', `${p.coop} cooperative events`);
    bar(p.coop, p.coop + p.neutral, 'neutral', `${p.neutral} neutral events (requests, consultations)`);
    bar(0, -p.conflict, 'conflict', `${p.conflict} conflictual events`);
  }
  timeAxis(svg, W, x, H - B + 6, x.ticks(Math.min(8, Math.max(2, split.length))));
  return h('figure', { class: 'chart-box' }, svg,
    h('figcaption', {}, `Events per ${series.interval}: cooperative types (positive PLOVER intensity) above the axis, conflictual ones below; neutral ones in grey.`));
}
