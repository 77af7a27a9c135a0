// Hand-drawn SVG charts. Each scales to its container through the viewBox, so
// one drawing serves desktop and phone widths.
import type { DyadSeries, Network, PloverEvent } from './api.js';
import { h, s } from './dom.js';
import { INTENSITY, href, typeColor } from './ui.js';

const day = (d: string) => Date.parse(`${d.slice(0, 10)}T00:00:00Z`);

function title(text: string): SVGElement {
  return s('title', {}, text);
}

/** Events over time: x the event date, y the PLOVER intensity of its type; a dot opens the evidence. */
export function timeline(events: PloverEvent[]): Node {
  const dated = events.filter((e) => e.date && !Number.isNaN(day(e.date)));
  if (dated.length === 0) return h('p', { class: 'muted small' }, 'No dated events to plot.');
  const W = 720, H = 200, L = 36, R = 16, T = 12, B = 28;
  let t0 = Math.min(...dated.map((e) => day(e.date!)));
  let t1 = Math.max(...dated.map((e) => day(e.date!)));
  if (t1 - t0 < 2 * 86_400_000) (t0 -= 86_400_000), (t1 += 86_400_000);
  const x = (t: number) => L + ((t - t0) / (t1 - t0)) * (W - L - R);
  const y = (v: number) => T + ((10 - v) / 20) * (H - T - B);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': 'Timeline of events by date and intensity' });
  for (const v of [10, 0, -10]) {
    svg.append(s('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: v === 0 ? 'axis' : 'grid' }),
      s('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, v > 0 ? `+${v}` : String(v)));
  }
  for (const t of [t0, (t0 + t1) / 2, t1]) {
    svg.append(s('text', { x: x(t), y: H - 8, 'text-anchor': 'middle', class: 'tick' }, new Date(t).toISOString().slice(0, 10)));
  }
  const stack = new Map<string, number>();
  for (const e of dated) {
    const key = `${e.date!.slice(0, 10)}|${e.type}`;
    const n = stack.get(key) ?? 0;
    stack.set(key, n + 1);
    const a = s('a', { href: href.article(e.article, e.evidence.start, e.evidence.end), class: 'dot', 'data-event': e.id },
      s('circle', { cx: Math.min(W - 4, x(day(e.date!)) + n * 7), cy: y(INTENSITY[e.type] ?? 0), r: 6, fill: typeColor(e.type) },
        title(`${e.date!.slice(0, 10)} ${e.type}: ${e.evidence.text}`)));
    svg.append(a);
  }
  return h('figure', { class: 'chart-box' }, svg, h('figcaption', {}, 'Each dot is an event (colour and height: PLOVER intensity, conflict below 0, cooperation above). Click one to see its evidence.'));
}

/** Event counts per period (bars) with summed intensity (line), outgoing above, incoming below. */
export function dyadChart(out: DyadSeries, inc: DyadSeries, actor: string): Node {
  const periods = [...new Set([...out.points, ...inc.points].map((p) => p.period))].sort();
  if (periods.length === 0) return h('p', { class: 'muted small' }, `No dated events involving ${actor}.`);
  const W = 720, H = 260, L = 40, R = 40, T = 16, B = 36;
  const mid = (T + H - B) / 2;
  const outBy = new Map(out.points.map((p) => [p.period, p]));
  const inBy = new Map(inc.points.map((p) => [p.period, p]));
  const maxCount = Math.max(1, ...out.points.map((p) => p.count), ...inc.points.map((p) => p.count));
  const maxInt = Math.max(1, ...[...out.points, ...inc.points].map((p) => Math.abs(p.intensity)));
  const band = (W - L - R) / periods.length;
  const bw = Math.min(40, band * 0.6);
  const half = mid - T;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': `Events by ${actor} and towards ${actor} per period` });
  svg.append(s('line', { x1: L, x2: W - R, y1: mid, y2: mid, class: 'axis' }),
    s('text', { x: L - 6, y: T + 10, 'text-anchor': 'end', class: 'tick' }, String(maxCount)),
    s('text', { x: L - 6, y: H - B, 'text-anchor': 'end', class: 'tick' }, String(maxCount)),
    s('text', { x: L + 4, y: T + 10, class: 'tick label' }, `${actor} → others`),
    s('text', { x: L + 4, y: H - B - 4, class: 'tick label' }, `others → ${actor}`),
    s('text', { x: W - R + 6, y: T + 10, class: 'tick' }, `+${maxInt}`),
    s('text', { x: W - R + 6, y: H - B, class: 'tick' }, `−${maxInt}`));
  const line = (series: Map<string, { intensity: number }>, cls: string) => {
    const pts = periods.map((p, i) => `${L + band * (i + 0.5)},${mid - ((series.get(p)?.intensity ?? 0) / maxInt) * half}`);
    svg.append(s('polyline', { points: pts.join(' '), class: cls }));
  };
  periods.forEach((p, i) => {
    const cx = L + band * (i + 0.5);
    const o = outBy.get(p);
    const n = inBy.get(p);
    if (o) svg.append(s('rect', { x: cx - bw / 2, y: mid - (o.count / maxCount) * half, width: bw, height: (o.count / maxCount) * half, class: 'bar out' },
      title(`${p}: ${o.count} events by ${actor}, intensity ${o.intensity} (${Object.entries(o.byType).map(([t, c]) => `${t} ${c}`).join(', ')})`)));
    if (n) svg.append(s('rect', { x: cx - bw / 2, y: mid, width: bw, height: (n.count / maxCount) * half, class: 'bar in' },
      title(`${p}: ${n.count} events towards ${actor}, intensity ${n.intensity} (${Object.entries(n.byType).map(([t, c]) => `${t} ${c}`).join(', ')})`)));
    if (periods.length <= 12 || i % Math.ceil(periods.length / 12) === 0) {
      svg.append(s('text', { x: cx, y: H - 12, 'text-anchor': 'middle', class: 'tick' }, p.slice(0, out.interval === 'month' ? 7 : 10)));
    }
  });
  line(outBy, 'intensity out');
  line(inBy, 'intensity in');
  return h('figure', { class: 'chart-box' }, svg,
    h('figcaption', {}, 'Bars: number of events per period (up: acting, down: acted upon). Lines: summed PLOVER intensity on the right-hand scale, solid for its own actions, dashed for actions towards it (above the axis cooperation, below conflict).'));
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
