// Pieces every view uses: links into the hash routes, type badges, pager, dates.
import intensity from '../../data/store/intensity.json';
import type { Page, PloverEvent, Quote } from './api.js';
import { h } from './dom.js';

export const INTENSITY = intensity as Record<string, number>;
export const TYPES = Object.keys(INTENSITY);

const enc = encodeURIComponent;

export const href = {
  story: (id: string) => `#/story/${enc(id)}`,
  actor: (code: string) => `#/actor/${enc(code)}`,
  article: (id: string, start?: number, end?: number) => `#/article/${enc(id)}${start !== undefined && end !== undefined ? `?hl=${start}-${end}` : ''}`,
  events: (q: Record<string, string>) => `#/events?${new URLSearchParams(q).toString()}`,
};

/** Colour of a PLOVER type on the conflict (red) … cooperation (blue) scale. */
export function typeColor(type: string): string {
  const v = INTENSITY[type] ?? 0;
  if (v === 0) return '#6b7280';
  return v > 0 ? `hsl(212 ${45 + v * 4}% ${48 - v * 1.5}%)` : `hsl(${8 + v} ${45 - v * 4}% ${48 + v * 1}%)`;
}

export function typeBadge(type: string, mode?: string | null): HTMLElement {
  return h('span', { class: 'badge', style: `--c:${typeColor(type)}`, title: `${type} (intensity ${INTENSITY[type] ?? '?'})` },
    type, mode ? h('small', {}, ` ${mode}`) : null);
}

export function actorLink(code: string | null, label?: string): Node {
  if (!code) return document.createTextNode(label ?? '—');
  return h('a', { class: 'actor', href: href.actor(code), title: label && label !== code ? label : null }, code);
}

export function sides(list: PloverEvent['source']): (Node | string)[] {
  if (list.length === 0) return [h('span', { class: 'muted' }, '—')];
  return list.flatMap((a, i) => [i ? ', ' : '', a.actor ? actorLink(a.actor, a.text) : h('span', { class: 'muted' }, a.text)]);
}

/** "1 event", "3 events"; `many` for irregular plurals. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function fmtDate(d: string | null | undefined): string {
  if (!d) return 'undated';
  return d.slice(0, 10);
}

export function eventSentence(e: PloverEvent): HTMLElement {
  return h('a', { class: 'evidence', href: href.article(e.article, e.evidence.start, e.evidence.end), 'data-event': e.id }, e.evidence.text);
}

export function quoteLink(q: Quote): HTMLElement {
  return h('a', { class: 'quote-text', href: href.article(q.article, q.start, q.end), 'data-quote': q.id }, `“${q.text}”`);
}

export function flagsOf(e: PloverEvent): HTMLElement | null {
  const notes = [e.negated ? 'negated' : '', e.modality !== 'asserted' ? e.modality : ''].filter(Boolean);
  return notes.length ? h('span', { class: 'note' }, notes.join(', ')) : null;
}

export function pager<T>(page: Page<T>, go: (offset: number) => void): HTMLElement {
  const last = Math.min(page.offset + page.items.length, page.total);
  return h('div', { class: 'pager' },
    h('button', { type: 'button', disabled: page.offset === 0, onclick: () => go(Math.max(0, page.offset - page.limit)) }, '‹ Previous'),
    h('span', {}, page.total ? `${page.offset + 1}–${last} of ${page.total}` : 'none'),
    h('button', { type: 'button', disabled: last >= page.total, onclick: () => go(page.offset + page.limit) }, 'Next ›'));
}

export function empty(text: string): HTMLElement {
  return h('p', { class: 'empty' }, text);
}

export function section(title: string, ...children: (Node | null)[]): HTMLElement {
  return h('section', { class: 'panel' }, h('h2', {}, title), ...children);
}
