import { api, type Page, type PloverEvent } from '../api.js';
import { h } from '../dom.js';
import { empty, eventSentence, flagsOf, fmtDate, href, pager, sides, TYPES, typeBadge } from '../ui.js';

const FIELDS = ['actor', 'source', 'target', 'type', 'from', 'to', 'story'] as const;

export async function eventsView(params: URLSearchParams): Promise<Node> {
  const q: Record<string, string> = {};
  for (const f of FIELDS) {
    const v = params.get(f);
    if (v) q[f] = v;
  }
  const offset = Number(params.get('offset') ?? 0);
  const page = await api<Page<PloverEvent>>('events', { ...q, limit: 50, offset });
  const input = (name: string, label: string, type = 'text') =>
    h('label', {}, label, h('input', { name, type, value: q[name] ?? '', placeholder: type === 'text' ? 'e.g. CHN' : null }));
  const form = h('form', { class: 'filters' },
    input('actor', 'Actor'), input('source', 'Source'), input('target', 'Target'),
    h('label', {}, 'Type', h('select', { name: 'type' }, h('option', { value: '' }, 'any'),
      ...TYPES.map((t) => h('option', { value: t, selected: q.type === t }, t)))),
    input('from', 'From', 'date'), input('to', 'To', 'date'),
    h('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    const next: Record<string, string> = {};
    for (const [k, v] of data) if (typeof v === 'string' && v.trim()) next[k] = v.trim();
    if (q.story) next.story = q.story;
    location.hash = href.events(next);
  });
  const rows = page.items.map((e) => h('tr', {},
    h('td', { class: 'nowrap' }, fmtDate(e.date), e.datePrecision !== 'day' && e.date ? h('span', { class: 'muted small' }, ` (${e.datePrecision})`) : null),
    h('td', {}, typeBadge(e.type, e.mode), e.cameo ? h('div', { class: 'muted small' }, `CAMEO ${e.cameo}`) : null),
    h('td', {}, ...sides(e.source)),
    h('td', {}, ...sides(e.target)),
    h('td', { class: 'evidence-cell' }, eventSentence(e), ' ', flagsOf(e))));
  return h('div', {}, h('h1', {}, 'Events'), form,
    page.total === 0 ? empty('No events match.') : h('div', { class: 'table-wrap' }, h('table', { class: 'events' },
      h('thead', {}, h('tr', {}, ...['Date', 'Type', 'Source', 'Target', 'Evidence'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...rows))),
    pager(page, (o) => (location.hash = href.events({ ...q, offset: String(o) }))));
}
