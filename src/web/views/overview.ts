// The overview: what happened over time (cooperation against conflict), between
// whom, who was most active, and the latest stories, all under the global filters.
import { api, type DyadSeries, type Network, type Page, type StorySummary } from '../api.js';
import { activityChart } from '../charts.js';
import { h } from '../dom.js';
import { current, narrowing } from '../filters.js';
import { actorLink, empty, fmtDate, href, plural, section } from '../ui.js';

/** The period that gives a readable number of bars for the filtered span. */
function intervalFor(from?: string, to?: string): 'day' | 'week' | 'month' {
  if (!from || !to) return 'week';
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  return days <= 45 ? 'day' : days <= 365 ? 'week' : 'month';
}

export async function overviewView(): Promise<Node> {
  const f = current();
  const interval = intervalFor(f.from, f.to);
  const [stats, activity, net, stories] = await Promise.all([
    api<Record<string, number>>('stats'),
    api<DyadSeries>('dyads', { interval }),
    api<Network>('network'),
    api<Page<StorySummary>>('stories', { limit: 6 }),
  ]);
  const narrow = narrowing(f);
  const numbers = h('div', { class: 'big-numbers' },
    ...[['events', stats.events], ['articles', stats.articles], ['of them copies', stats.copies], ['stories', stats.stories], ['claims', stats.claims]]
      .map(([label, n]) => h('div', {}, h('strong', {}, String(n ?? 0)), h('span', {}, String(label)))));
  const top = net.edges.slice(0, 10);
  const maxEdge = Math.max(1, ...top.map((e) => e.weight));
  const dyads = top.length === 0 ? empty('No events between two actors.') : h('ol', { class: 'rank dyad-rank' }, ...top.map((e) => {
    const mean = e.intensity / e.weight;
    return h('li', {},
      h('span', {}, actorLink(e.source), ' → ', actorLink(e.target)),
      h('div', { class: `meter ${mean < 0 ? 'conflict' : mean > 0 ? 'coop' : ''}`, style: `width:${(100 * e.weight) / maxEdge}%`, title: `mean intensity ${mean.toFixed(1)}` }),
      h('a', { href: href.events({ source: e.source, target: e.target }), class: 'num' }, plural(e.weight, 'event')));
  }));
  const actors = net.nodes.slice(0, 10);
  const maxNode = Math.max(1, ...actors.map((n) => n.events));
  const active = actors.length === 0 ? empty('No actors yet.') : h('ol', { class: 'rank actor-rank' }, ...actors.map((n) => h('li', {},
    actorLink(n.id), h('div', { class: 'meter', style: `width:${(100 * n.events) / maxNode}%` }), h('span', { class: 'num' }, plural(n.events, 'event')))));
  const latest = stories.items.length === 0 ? empty('No stories yet.') : h('ul', { class: 'cards' }, ...stories.items.map((s) => h('li', { class: 'story-card' },
    h('a', { class: 'story-title', href: href.story(s.id) }, s.title || s.id),
    h('div', { class: 'meta' },
      h('span', {}, s.start === s.end || !s.end ? fmtDate(s.start) : `${fmtDate(s.start)} – ${fmtDate(s.end)}`),
      h('span', {}, plural(s.outlets.length, 'outlet')),
      h('span', {}, plural(s.origins, 'independent origin'))))));
  return h('div', { class: 'overview' },
    h('h1', {}, 'Overview'),
    narrow.length ? h('p', { class: 'filter-note' }, `Filtered: ${narrow.join(', ')}. Clear the filters above to see everything.`) : null,
    f.copies ? h('p', { class: 'filter-note' }, 'Copies and spun rewrites are counted.') : null,
    numbers,
    section('Activity over time', activityChart(activity)),
    h('div', { class: 'overview-grid' }, section('Top dyads', dyads), section('Most active actors', active)),
    section('Latest stories', latest));
}
