import { api, type DyadSeries, type EntitySummary, type Network, type Page, type PloverEvent, type Quote } from '../api.js';
import { counterparts, dyadChart } from '../charts.js';
import { h } from '../dom.js';
import { actorLink, empty, eventSentence, fmtDate, href, plural, quoteLink, section, sides, typeBadge } from '../ui.js';

export async function actorsView(): Promise<Node> {
  const [net, people] = await Promise.all([
    api<Network>('network'),
    api<Page<EntitySummary>>('entities', { kind: 'person', limit: 60 }),
  ]);
  return h('div', {}, h('h1', {}, 'Actors'),
    section('States and bodies', net.nodes.length === 0 ? empty('No events between actors yet.') :
      h('ul', { class: 'actor-grid' }, ...net.nodes.map((n) => h('li', {}, actorLink(n.id), h('span', { class: 'muted small' }, ` ${plural(n.events, 'event')}`))))),
    section('People', people.total === 0 ? empty('No people recognised yet.') : peopleList(people.items)));
}

function peopleList(people: EntitySummary[]): Node {
  return h('ul', { class: 'actor-grid people' }, ...people.map((p) => h('li', {},
    h('a', { href: href.actor(p.id) }, p.name),
    h('div', { class: 'muted small' }, [p.role, p.country].filter(Boolean).join(', ') || p.sector || '', ` · ${plural(p.mentions, 'mention')}`))));
}

/** An actor code (CHN, NATO) or an entity id (a person): its time series, counterparts, events and quotes. */
export async function actorView(code: string, params: URLSearchParams): Promise<Node> {
  const interval = params.get('interval') ?? 'month';
  const [entity] = (await api<Page<EntitySummary>>('entities', { id: code, limit: 1 })).items;
  const person = entity !== undefined && entity.kind !== 'country' && entity.kind !== 'igo';
  const [out, inc, net, events, quotes, people] = await Promise.all([
    api<DyadSeries>('dyads', { source: code, interval }),
    api<DyadSeries>('dyads', { target: code, interval }),
    api<Network>('network', { actor: code }),
    api<Page<PloverEvent>>('events', { actor: code, limit: 10 }),
    api<Page<Quote>>('quotes', person ? { speaker: code, limit: 10 } : { actor: code, limit: 10 }),
    person ? Promise.resolve(null) : api<Page<EntitySummary>>('entities', { country: code, kind: 'person', limit: 30 }),
  ]);
  const name = entity?.name ?? code;
  const intervals = h('div', { class: 'segmented', role: 'group', 'aria-label': 'Period' },
    ...['day', 'week', 'month'].map((i) => h('a', { href: `${href.actor(code)}?interval=${i}`, class: i === interval ? 'on' : null }, i)));
  // a person's events carry their country or body as actor: the network is drawn around that
  const hub = person ? entity.country : code;
  return h('div', {},
    h('header', { class: 'page-head' },
      h('p', { class: 'kicker' }, person ? entity.kind : 'Actor'),
      h('h1', {}, name),
      person ? h('p', { class: 'meta' }, [entity.role, entity.sector].filter(Boolean).join(', '), entity.country ? [' of ', actorLink(entity.country)] : null) : null),
    section('Events over time', intervals, dyadChart(out, inc, person ? name : code)),
    hub ? section('Counterparts', counterparts(hub, net)) : null,
    people && people.total > 0 ? section(`People (${people.total})`, peopleList(people.items)) : null,
    section(`Events (${events.total})`,
      events.items.length ? h('ul', { class: 'plain' }, ...events.items.map((e) => h('li', { class: 'event-line' },
        h('time', {}, fmtDate(e.date)), ' ', typeBadge(e.type, e.mode), ' ', ...sides(e.source), ' → ', ...sides(e.target), h('div', {}, eventSentence(e))))) : empty('None.'),
      events.total > 10 ? h('a', { href: href.events({ actor: code }) }, `All ${events.total} events ›`) : null),
    section(`Quotes (${quotes.total})`,
      quotes.items.length ? h('ul', { class: 'plain' }, ...quotes.items.map((q) => h('li', {},
        q.speaker?.entity && q.speaker.entity !== code ? h('a', { href: href.actor(q.speaker.entity) }, q.speaker.name) : h('strong', {}, q.speaker?.name ?? '?'),
        ': ', quoteLink(q)))) : empty('None.')));
}
