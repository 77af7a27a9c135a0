import { api, type Page, type StorySummary } from '../api.js';
import { h } from '../dom.js';
import { actorLink, empty, fmtDate, href, pager, plural } from '../ui.js';

export async function storiesView(params: URLSearchParams): Promise<Node> {
  const offset = Number(params.get('offset') ?? 0);
  const [page, stats] = await Promise.all([
    api<Page<StorySummary>>('stories', { limit: 25, offset }),
    api<Record<string, number>>('stats'),
  ]);
  const summary = h('p', { class: 'stats' },
    ...['articles', 'stories', 'events', 'quotes', 'claims', 'entities'].flatMap((k, i) => [i ? ' · ' : '', h('strong', {}, stats[k] ?? 0), ` ${k}`]));
  if (page.total === 0) {
    return h('div', {}, h('h1', {}, 'Stories'), summary,
      empty(stats.articles ? 'No stories yet: the stored articles have not been grouped into stories.' : 'The database is empty: run `dyad ingest PATH --db FILE`.'));
  }
  const rows = page.items.map((s) => h('li', { class: 'story-card' },
    h('a', { class: 'story-title', href: href.story(s.id) }, s.title || s.id),
    h('div', { class: 'meta' },
      h('span', {}, s.start === s.end || !s.end ? fmtDate(s.start) : `${fmtDate(s.start)} – ${fmtDate(s.end)}`),
      h('span', {}, plural(s.articles.length, 'article')),
      h('span', { title: 'articles that are not copies of another' }, plural(s.origins, 'independent origin')),
      h('span', {}, `${plural(s.events, 'event')} · ${plural(s.quotes, 'quote')}`)),
    h('div', { class: 'outlets' }, ...s.outlets.map((o) => h('span', { class: 'outlet' }, o))),
    s.actors.length ? h('div', { class: 'actors' }, ...s.actors.slice(0, 12).flatMap((a, i) => [i ? ' ' : '', actorLink(a)])) : null));
  return h('div', {}, h('h1', {}, 'Stories'), summary, h('ul', { class: 'cards' }, ...rows),
    pager(page, (o) => (location.hash = `#/?offset=${o}`)));
}
