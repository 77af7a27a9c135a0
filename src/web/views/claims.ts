import { api, type ClaimWithText, type Page } from '../api.js';
import { h } from '../dom.js';
import { actorLink, empty, href, pager } from '../ui.js';

export async function claimsView(params: URLSearchParams): Promise<Node> {
  const offset = Number(params.get('offset') ?? 0);
  const actor = params.get('actor') ?? undefined;
  const page = await api<Page<ClaimWithText>>('claims', { limit: 25, offset, actor });
  const codes = (list: string[]) => (list.length ? list.flatMap((c, i) => [i ? ' ' : '', actorLink(c)]) : [h('span', { class: 'muted' }, '—')]);
  return h('div', {}, h('h1', {}, actor ? `Claims involving ${actor}` : 'Claims'),
    page.total === 0 ? empty('No contested claims found.') : h('ul', { class: 'plain' }, ...page.items.map((c) => h('li', { class: 'claim' },
      h('h3', {}, c.proposition),
      h('p', { class: 'small' }, h('span', { class: 'side assert' }, 'asserted by '), ...codes(c.assertedBy), ' · ', h('span', { class: 'side deny' }, 'denied by '), ...codes(c.deniedBy)),
      h('ul', { class: 'evidence-list small' }, ...c.evidence.map((e) => h('li', {},
        h('span', { class: `side ${e.side ?? 'none'}` }, e.side === 'deny' ? '✘ ' : e.side === 'assert' ? '✔ ' : '· '),
        h('a', { href: `${href.article(e.article)}?${e.kind}=${encodeURIComponent(e.id)}`, class: 'claim-evidence' },
          e.text ? (e.kind === 'quote' ? `“${e.text}”` : e.text) : `${e.kind} ${e.id}`),
        h('span', { class: 'muted' }, ` — ${e.outlet ?? e.title ?? e.article}${e.kind === 'quote' ? ', quote' : ''}`))))))),
    pager(page, (o) => (location.hash = `#/claims?${new URLSearchParams({ ...(actor ? { actor } : {}), offset: String(o) })}`)));
}
