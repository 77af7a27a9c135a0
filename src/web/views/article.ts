import { api, type ArticleDetail } from '../api.js';
import { h } from '../dom.js';
import { actorLink, empty, flagsOf, fmtDate, href, plural, section, sides, typeBadge } from '../ui.js';

interface Range {
  start: number;
  end: number;
  cls: string;
  title?: string;
}

/** The body as text nodes in spans, one per run of characters covered by the same ranges. */
function highlighted(body: string, ranges: Range[]): HTMLElement {
  const cuts = new Set([0, body.length]);
  const valid = ranges.filter((r) => r.start >= 0 && r.end <= body.length && r.start < r.end);
  for (const r of valid) cuts.add(r.start).add(r.end);
  const points = [...cuts].sort((a, b) => a - b);
  const el = h('div', { class: 'article-body' });
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i]!, points[i + 1]!];
    const text = body.slice(a, b);
    const cover = valid.filter((r) => r.start <= a && r.end >= b);
    if (cover.length === 0) {
      el.append(document.createTextNode(text));
      continue;
    }
    const span = h('span', { class: cover.map((r) => r.cls).join(' '), title: cover.map((r) => r.title).filter(Boolean).join('\n') || null }, text);
    if (cover.some((r) => r.cls === 'hl') && !el.querySelector('#hl')) span.id = 'hl';
    el.append(span);
  }
  return el;
}

export async function articleView(id: string, params: URLSearchParams): Promise<Node> {
  const d = await api<ArticleDetail>(`articles/${encodeURIComponent(id)}`);
  const a = d.article;
  // ?event=ID or ?quote=ID (links from claim evidence) select that item's characters
  const item = d.events.find((e) => e.id === params.get('event'))?.evidence ?? d.quotes.find((q) => q.id === params.get('quote'));
  const hl = /^(\d+)-(\d+)$/.exec(params.get('hl') ?? (item ? `${item.start}-${item.end}` : ''));
  const ranges: Range[] = [
    ...d.entities.flatMap((e) => e.mentions.filter((m) => m.article === a.id).map((m) => ({ start: m.start, end: m.end, cls: 'mention', title: `${e.name} (${e.country ?? e.kind}${e.role ? `, ${e.role}` : ''})` }))),
    ...d.quotes.map((q) => ({ start: q.start, end: q.end, cls: 'qt', title: `${q.kind} quote: ${q.speaker?.name ?? 'unknown speaker'}` })),
    ...d.events.map((e) => ({ start: e.evidence.start, end: e.evidence.end, cls: 'ev', title: `${e.type}: ${e.source.map((x) => x.actor ?? x.text).join(', ')} → ${e.target.map((x) => x.actor ?? x.text).join(', ')}` })),
    ...(hl ? [{ start: Number(hl[1]), end: Number(hl[2]), cls: 'hl' }] : []),
  ];
  const here = (start: number, end: number) => hl !== null && Number(hl[1]) === start && Number(hl[2]) === end;
  const head = h('header', { class: 'page-head' },
    h('p', { class: 'kicker' }, a.outlet ?? 'Article'),
    h('h1', {}, a.title ?? a.id),
    h('p', { class: 'meta' },
      h('span', {}, fmtDate(a.published)),
      a.byline ? h('span', {}, a.byline) : null,
      a.dateline ? h('span', {}, a.dateline) : null,
      a.story ? h('a', { href: href.story(a.story) }, 'story') : null,
      a.duplicateOf ? h('span', {}, 'copy of ', h('a', { href: href.article(a.duplicateOf) }, a.duplicateOf)) : null,
      // Only a web address becomes a link: a javascript: or data: url is shown as text.
      a.url ? (webUrl(a.url) ? h('a', { href: a.url, rel: 'noopener noreferrer', target: '_blank' }, 'source') : h('span', { class: 'muted', 'data-url': '' }, `source: ${a.url}`)) : null),
    a.flags.length ? h('p', {}, ...a.flags.map((f) => h('span', { class: 'flag' }, f))) : null);
  const legend = h('p', { class: 'legend small' },
    h('span', { class: 'ev' }, 'event evidence'), ' ', h('span', { class: 'qt' }, 'quote'), ' ', h('span', { class: 'mention' }, 'actor mention'), ' ', h('span', { class: 'hl' }, 'selected'));
  const events = d.events.length ? h('ul', { class: 'plain side-list' }, ...d.events.map((e) => h('li', { class: here(e.evidence.start, e.evidence.end) ? 'current' : null },
    h('a', { href: href.article(a.id, e.evidence.start, e.evidence.end), 'data-event': e.id }, typeBadge(e.type, e.mode)),
    ' ', ...sides(e.source), ' → ', ...sides(e.target), ' ', h('span', { class: 'muted small' }, fmtDate(e.date)), ' ', flagsOf(e)))) : empty('No events.');
  const quotes = d.quotes.length ? h('ul', { class: 'plain side-list' }, ...d.quotes.map((q) => h('li', { class: here(q.start, q.end) ? 'current' : null },
    h('strong', {}, q.speaker?.name ?? 'unknown speaker'),
    q.speaker?.actor ? [' ', actorLink(q.speaker.actor)] : null, h('span', { class: 'muted small' }, ` ${q.kind}`),
    h('div', {}, h('a', { href: href.article(a.id, q.start, q.end), 'data-quote': q.id, class: 'quote-text' }, `“${q.text}”`))))) : empty('No quotes.');
  const removed = a.removed.length ? h('details', { class: 'removed' }, h('summary', {}, `${plural(a.removed.length, 'line')} removed while cleaning`),
    h('ul', {}, ...a.removed.map((r) => h('li', {}, h('span', { class: 'muted' }, `${r.reason}: `), r.text)))) : null;
  return h('div', { class: 'article-layout' },
    h('article', {}, head, legend, highlighted(a.body, ranges), removed),
    h('aside', {}, section(`Events (${d.events.length})`, events), section(`Quotes (${d.quotes.length})`, quotes)));
}

/** True for an absolute http(s) address, the only kind of article url the dashboard links. */
export function webUrl(url: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}
