import { api, type Page, type SearchHit } from '../api.js';
import { h, marked } from '../dom.js';
import { empty, href, pager } from '../ui.js';

export async function searchView(params: URLSearchParams): Promise<Node> {
  const q = params.get('q') ?? '';
  const offset = Number(params.get('offset') ?? 0);
  if (!q.trim()) return h('div', {}, h('h1', {}, 'Search'), empty('Type words in the search box above.'));
  const page = await api<Page<SearchHit>>('search', { q, limit: 25, offset });
  return h('div', {}, h('h1', {}, 'Search: ', h('q', {}, q)),
    page.total === 0 ? empty('Nothing found.') : h('ol', { class: 'hits' }, ...page.items.map((hit) => h('li', {},
      h('div', {}, h('span', { class: 'flag' }, hit.kind), ' ', h('a', { href: href.article(hit.article) }, hit.title ?? hit.article),
        hit.speaker ? h('span', { class: 'muted' }, ` · ${hit.speaker}`) : null),
      h('p', { class: 'snippet' }, ...marked(hit.snippet, hit.marks))))),
    pager(page, (o) => (location.hash = `#/search?${new URLSearchParams({ q, offset: String(o) })}`)));
}
