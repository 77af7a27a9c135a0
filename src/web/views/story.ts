import { api, type PloverEvent, type Quote, type StoryDetail } from '../api.js';
import { h } from '../dom.js';
import { timeline } from '../charts.js';
import { actorLink, empty, eventSentence, flagsOf, fmtDate, href, plural, quoteLink, section, sides, typeBadge } from '../ui.js';

export async function storyView(id: string): Promise<Node> {
  const d = await api<StoryDetail>(`stories/${encodeURIComponent(id)}`);
  const s = d.story;
  const head = h('header', { class: 'page-head' },
    h('p', { class: 'kicker' }, 'Story'),
    h('h1', {}, s.title || s.id),
    h('p', { class: 'meta' },
      h('span', {}, s.start === s.end || !s.end ? fmtDate(s.start) : `${fmtDate(s.start)} – ${fmtDate(s.end)}`),
      h('span', {}, plural(s.outlets.length, 'outlet')),
      h('span', {}, `${plural(s.origins, 'independent origin')} of ${plural(s.articles.length, 'article')}`)),
    s.actors.length ? h('p', { class: 'actors' }, 'Actors: ', ...s.actors.flatMap((a, i) => [i ? ' ' : '', actorLink(a)])) : null);
  return h('div', { class: 'story' }, head,
    section('Coverage', coverage(d)),
    section('Timeline', d.events.length ? timeline(d.events) : null, eventsList(d.events)),
    section('Source comparison', comparison(d)),
    section(`Articles (${s.origins} independent of ${s.articles.length})`, articles(d)),
    section('Quotes by speaker', quotesBySpeaker(d.quotes)));
}

/**
 * Coverage at a glance, as news-comparison sites show it: how many outlets carried
 * the story and from how many independent origins, how much of it is copies of which
 * report, and for each contested claim which outlets carry which side.
 */
function coverage(d: StoryDetail): Node {
  const s = d.story;
  const copies = s.articles.length - s.origins;
  const numbers = h('div', { class: 'big-numbers' },
    ...[[s.outlets.length, 'outlets'], [s.articles.length, 'articles'], [s.origins, 'independent origins'], [copies, 'copies and rewrites']]
      .map(([n, label]) => h('div', {}, h('strong', {}, String(n)), h('span', {}, String(label)))));
  // One segment per independent report, as wide as the articles that stem from it.
  const origins = h('div', { class: 'origin-bar', role: 'img', 'aria-label': 'Articles by independent origin' },
    ...d.articles.map((a) => h('div', {
      class: 'origin', style: `flex-grow:${1 + a.copies.length}`,
      title: `${a.outlet ?? 'unknown outlet'}: ${a.title ?? a.id}${a.copies.length ? `; copied by ${a.copies.map((c) => c.outlet ?? c.id).join(', ')}` : ''}`,
    }, h('span', {}, a.outlet ?? '?'), a.copies.length ? h('small', {}, ` +${a.copies.length}`) : null)));
  const cmp = s.comparison;
  const outlets = cmp?.outlets.map((o) => o.outlet) ?? s.outlets;
  const claims = d.claims.map((c) => {
    const sideOf = (outlet: string): 'assert' | 'deny' | 'both' | 'none' => {
      const sides = cmp?.outlets.find((o) => o.outlet === outlet)?.claims.find((x) => x.claim === c.id)?.sides ?? [];
      return sides.length === 2 ? 'both' : sides[0] ?? 'none';
    };
    const groups = { assert: [] as string[], both: [] as string[], deny: [] as string[], none: [] as string[] };
    for (const o of outlets) groups[sideOf(o)].push(o);
    const label = { assert: 'carry the claim', both: 'carry both sides', deny: 'carry the denial', none: 'do not mention it' } as const;
    return h('div', { class: 'claim-coverage' },
      h('p', { class: 'claim-prop' }, c.proposition, h('span', { class: 'muted small' }, ` (asserted by ${c.assertedBy.join(', ') || '—'}; denied by ${c.deniedBy.join(', ') || '—'})`)),
      h('div', { class: 'side-bar', role: 'img', 'aria-label': `Outlets by side on: ${c.proposition}` },
        ...(['assert', 'both', 'deny', 'none'] as const).filter((k) => groups[k].length).map((k) => h('div', {
          class: `seg ${k}`, style: `flex-grow:${groups[k].length}`, title: `${groups[k].join(', ')} ${label[k]}`, 'data-side': k, 'data-outlets': groups[k].join('|'),
        }, String(groups[k].length)))),
      h('ul', { class: 'side-legend small' }, ...(['assert', 'both', 'deny', 'none'] as const).filter((k) => groups[k].length).map((k) =>
        h('li', {}, h('span', { class: `swatch ${k}` }), `${groups[k].join(', ')} ${groups[k].length === 1 ? label[k].replace(/^(carry|do)/, (w) => (w === 'do' ? 'does' : 'carries')) : label[k]}`))));
  });
  return h('div', { class: 'coverage' }, numbers,
    h('h3', {}, 'Where the articles come from'), origins,
    claims.length ? h('h3', {}, 'Who carries which side') : null, ...claims);
}

function eventsList(events: PloverEvent[]): Node {
  if (events.length === 0) return empty('No events found in this story’s articles.');
  const byDay = new Map<string, PloverEvent[]>();
  for (const e of events) {
    const day = fmtDate(e.date);
    byDay.set(day, [...(byDay.get(day) ?? []), e]);
  }
  const days = [...byDay].sort(([a], [b]) => (a === 'undated' ? 1 : b === 'undated' ? -1 : a.localeCompare(b)));
  return h('ol', { class: 'timeline-list' }, ...days.map(([day, list]) => h('li', {},
    h('time', {}, day),
    h('ul', {}, ...list.map((e) => h('li', { class: 'event-line' },
      typeBadge(e.type, e.mode), ' ', ...sides(e.source), ' → ', ...sides(e.target), ' ', flagsOf(e),
      h('div', {}, eventSentence(e))))))));
}

const SIDE = { assert: '✔ asserts', deny: '✘ denies', both: '± both' } as const;

function sideCell(v: 'assert' | 'deny' | 'both' | undefined): HTMLElement {
  return h('td', { class: `side ${v ?? 'none'}` }, v ? SIDE[v] : '·');
}

function claimHeads(d: StoryDetail): HTMLElement[] {
  return d.claims.map((c) => h('th', { scope: 'col', class: 'claim-col', title: `asserted by ${c.assertedBy.join(', ') || '—'}; denied by ${c.deniedBy.join(', ') || '—'}` }, c.proposition));
}

/** Outlets × claims, with whom each outlet quotes and the loaded terms it uses (from the stories stage). */
function comparison(d: StoryDetail): Node {
  const cmp = d.story.comparison;
  if (!cmp || cmp.outlets.length === 0) return byArticle(d);
  const titles = new Map(d.articles.flatMap((a) => [a, ...a.copies]).map((a) => [a.id, a.title ?? a.id]));
  const rows = cmp.outlets.map((o) => h('tr', {},
    h('th', { scope: 'row' }, h('div', { class: 'outlet' }, o.outlet),
      h('ul', { class: 'plain small' }, ...o.articles.map((id) => h('li', {}, h('a', { href: href.article(id) }, titles.get(id) ?? id)))),
      o.copies ? h('div', { class: 'note' }, `${plural(o.copies, 'copy', 'copies')} of other reports`) : null),
    ...d.claims.map((c) => {
      const sides = o.claims.find((x) => x.claim === c.id)?.sides ?? [];
      return sideCell(sides.length === 2 ? 'both' : sides[0]);
    }),
    h('td', {}, o.voices.length ? o.voices.map((v) => `${v.actor} ${Math.round(v.share * 100)}%`).join(', ') : h('span', { class: 'muted' }, '—')),
    h('td', {}, o.loadedTerms.length ? o.loadedTerms.map((t) => `${t.term}${t.count > 1 ? ` ×${t.count}` : ''}`).join(', ') : h('span', { class: 'muted' }, '—'))));
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'comparison' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Outlet'), ...claimHeads(d), h('th', { scope: 'col' }, 'Quoted (share of quotes)'), h('th', { scope: 'col' }, 'Loaded terms'))),
      h('tbody', {}, ...rows)),
    d.claims.length ? null : h('p', { class: 'muted small' }, 'No contested claims detected in this story.'));
}

/** Without the stories stage's comparison: one row per independent article. */
function byArticle(d: StoryDetail): Node {
  if (d.articles.length === 0) return empty('No articles.');
  const rows = d.articles.map((a) => h('tr', {},
    h('th', { scope: 'row' }, h('div', { class: 'outlet' }, a.outlet ?? 'unknown outlet'), h('a', { href: href.article(a.id) }, a.title ?? a.id)),
    ...d.claims.map((c) => sideCell(c.sides[a.id] ?? a.copies.map((x) => c.sides[x.id]).find(Boolean))),
    h('td', {}, a.speakers.length ? a.speakers.join(', ') : h('span', { class: 'muted' }, '—'))));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'comparison' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Article'), ...claimHeads(d), h('th', { scope: 'col' }, 'Quoted'))),
    h('tbody', {}, ...rows)));
}

/** Independent reports, each with the copies of it folded underneath. */
function articles(d: StoryDetail): Node {
  return h('ul', { class: 'plain' }, ...d.articles.map((a) => h('li', {},
    h('span', { class: 'outlet' }, a.outlet ?? 'unknown outlet'), ' · ', h('a', { href: href.article(a.id) }, a.title ?? a.id),
    h('span', { class: 'muted small' }, ` ${fmtDate(a.published)} · ${plural(a.events, 'event')} · ${plural(a.quotes, 'quote')}`),
    ...a.flags.map((f) => h('span', { class: 'flag' }, f)),
    a.copies.length ? h('details', { class: 'copies' },
      h('summary', {}, `+ ${plural(a.copies.length, 'copy', 'copies')}`),
      h('ul', {}, ...a.copies.map((c) => h('li', {}, h('a', { href: href.article(c.id) }, c.outlet ?? c.id), ` ${fmtDate(c.published)}`,
        ...c.flags.map((f) => h('span', { class: 'flag' }, f)))))) : null)));
}

function quotesBySpeaker(quotes: Quote[]): Node {
  if (quotes.length === 0) return empty('No quotes found.');
  const groups = new Map<string, Quote[]>();
  for (const q of quotes) {
    const name = q.speaker?.name ?? 'Unattributed';
    groups.set(name, [...(groups.get(name) ?? []), q]);
  }
  return h('div', { class: 'speakers' }, ...[...groups].sort((a, b) => b[1].length - a[1].length).map(([name, list]) => {
    const sp = list[0]!.speaker;
    return h('div', { class: 'speaker' },
      h('h3', {}, sp?.entity ? h('a', { href: href.actor(sp.entity) }, name) : name, sp?.actor ? h('span', { class: 'muted' }, ' · ', actorLink(sp.actor), sp.sector ? ` ${sp.sector}` : '') : null),
      h('ul', {}, ...list.map((q) => h('li', {}, quoteLink(q), h('span', { class: 'muted small' }, ` ${q.kind}`)))));
  }));
}
