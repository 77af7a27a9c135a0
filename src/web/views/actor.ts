import { api, type DyadSeries, type Network, type Page, type PloverEvent, type Quote } from '../api.js';
import { counterparts, dyadChart } from '../charts.js';
import { h } from '../dom.js';
import { actorLink, empty, eventSentence, fmtDate, href, quoteLink, section, sides, typeBadge } from '../ui.js';

export async function actorsView(): Promise<Node> {
  const net = await api<Network>('network');
  return h('div', {}, h('h1', {}, 'Actors'),
    net.nodes.length === 0 ? empty('No events between actors yet.') :
      h('ul', { class: 'actor-grid' }, ...net.nodes.map((n) => h('li', {}, actorLink(n.id), h('span', { class: 'muted small' }, ` ${n.events} events`)))));
}

export async function actorView(code: string, params: URLSearchParams): Promise<Node> {
  const interval = params.get('interval') ?? 'month';
  const [out, inc, net, events, quotes] = await Promise.all([
    api<DyadSeries>('dyads', { source: code, interval }),
    api<DyadSeries>('dyads', { target: code, interval }),
    api<Network>('network', { actor: code }),
    api<Page<PloverEvent>>('events', { actor: code, limit: 10 }),
    api<Page<Quote>>('quotes', { actor: code, limit: 10 }),
  ]);
  const intervals = h('div', { class: 'segmented', role: 'group', 'aria-label': 'Period' },
    ...['day', 'week', 'month'].map((i) => h('a', { href: `${href.actor(code)}?interval=${i}`, class: i === interval ? 'on' : null }, i)));
  return h('div', {},
    h('header', { class: 'page-head' }, h('p', { class: 'kicker' }, 'Actor'), h('h1', {}, code)),
    section('Events over time', intervals, dyadChart(out, inc, code)),
    section('Counterparts', counterparts(code, net)),
    section(`Events (${events.total})`,
      events.items.length ? h('ul', { class: 'plain' }, ...events.items.map((e) => h('li', { class: 'event-line' },
        h('time', {}, fmtDate(e.date)), ' ', typeBadge(e.type, e.mode), ' ', ...sides(e.source), ' → ', ...sides(e.target), h('div', {}, eventSentence(e))))) : empty('None.'),
      events.total > 10 ? h('a', { href: href.events({ actor: code }) }, 'All events of ' + code + ' ›') : null),
    section(`Quotes (${quotes.total})`,
      quotes.items.length ? h('ul', { class: 'plain' }, ...quotes.items.map((q) => h('li', {}, h('strong', {}, q.speaker?.name ?? '?'), ': ', quoteLink(q)))) : empty('None.')));
}
