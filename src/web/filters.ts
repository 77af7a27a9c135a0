// Filters that hold across the whole dashboard: a date range, a country, an
// event type, and whether copies count. They live in the page's query string
// (/?from=2026-03-01&copies=1#/events), apart from the hash route, so every link
// between views keeps them and a filtered view can be bookmarked or shared.
export interface Filters {
  from?: string;
  to?: string;
  /** An actor code on either side of an event (CHN, NATO). */
  country?: string;
  type?: string;
  /** Count copies and spun rewrites too (the API's copies=true). */
  copies: boolean;
}

export function current(): Filters {
  const q = new URLSearchParams(location.search);
  const get = (k: string) => q.get(k)?.trim() || undefined;
  return { from: get('from'), to: get('to'), country: get('country')?.toUpperCase(), type: get('type'), copies: q.get('copies') === '1' };
}

/** The page URL with these filters (the hash route kept). */
export function urlWith(f: Filters): string {
  const q = new URLSearchParams();
  for (const k of ['from', 'to', 'country', 'type'] as const) if (f[k]) q.set(k, f[k]!);
  if (f.copies) q.set('copies', '1');
  const qs = q.toString();
  return `${location.pathname}${qs ? `?${qs}` : ''}${location.hash}`;
}

/** Which filters each API route takes, under the name it takes them by. */
const ACCEPTS: Record<string, Partial<Record<keyof Filters, string>>> = {
  events: { from: 'from', to: 'to', country: 'actor', type: 'type', copies: 'copies' },
  dyads: { from: 'from', to: 'to', country: 'actor', type: 'type', copies: 'copies' },
  places: { from: 'from', to: 'to', country: 'actor', type: 'type', copies: 'copies' },
  countries: { from: 'from', to: 'to', country: 'actor', type: 'type', copies: 'copies' },
  network: { from: 'from', to: 'to', country: 'actor', type: 'type', copies: 'copies' },
  stories: { from: 'from', to: 'to', country: 'actor' },
  search: { copies: 'copies' },
  stats: { copies: 'copies' },
  quotes: { copies: 'copies' },
  entities: { country: 'country', copies: 'copies' },
};

/** Query parameters the global filters add to a request of `route`; a view's own parameters win. */
export function paramsFor(route: string, own: Record<string, string | number | undefined>, f: Filters = current()): Record<string, string | number | undefined> {
  const accepts = ACCEPTS[route];
  if (!accepts) return own;
  const out = { ...own };
  for (const [key, name] of Object.entries(accepts) as [keyof Filters, string][]) {
    const v = f[key];
    if (v === undefined || v === false || out[name] !== undefined) continue;
    out[name] = v === true ? 'true' : v;
  }
  return out;
}

/** Whether any filter narrows what is counted (for a note on each view). */
export function narrowing(f: Filters = current()): string[] {
  const out: string[] = [];
  if (f.from || f.to) out.push(`${f.from ?? '…'} to ${f.to ?? '…'}`);
  if (f.country) out.push(`involving ${f.country}`);
  if (f.type) out.push(f.type);
  return out;
}
