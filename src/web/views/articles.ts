import { api, type ArticleSummary, type Page } from '../api.js';
import { h } from '../dom.js';
import { empty, fmtDate, href, pager } from '../ui.js';

export async function articlesView(params: URLSearchParams): Promise<Node> {
  const offset = Number(params.get('offset') ?? 0);
  const page = await api<Page<ArticleSummary>>('articles', { limit: 50, offset });
  const rows = page.items.map((a) => h('tr', {},
    h('td', { class: 'nowrap' }, fmtDate(a.published)),
    h('td', {}, a.outlet ?? '—'),
    h('td', {}, h('a', { href: href.article(a.id) }, a.title ?? a.id), a.duplicateOf ? h('span', { class: 'flag' }, 'copy') : null,
      ...a.flags.map((f) => h('span', { class: 'flag' }, f))),
    h('td', { class: 'num' }, a.events),
    h('td', { class: 'num' }, a.quotes),
    h('td', {}, a.story ? h('a', { href: href.story(a.story) }, 'story') : '—')));
  return h('div', {}, h('h1', {}, 'Articles'),
    page.total === 0 ? empty('No articles stored.') : h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ...['Published', 'Outlet', 'Title', 'Events', 'Quotes', 'Story'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...rows))),
    pager(page, (o) => (location.hash = `#/articles?offset=${o}`)));
}
