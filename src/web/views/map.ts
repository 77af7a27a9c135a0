// Where events took place: each town an event is placed at (its `location`) as a
// circle on a world map drawn offline from Natural Earth shapes (world-atlas,
// d3-geo); no tile server is asked for anything.
import { geoEqualEarth, geoGraticule10, geoPath } from 'd3-geo';
import { scaleSqrt } from 'd3-scale';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { api, type CountryCount, type PlaceCount } from '../api.js';
import { h, s } from '../dom.js';
import { narrowing } from '../filters.js';
import { actorLink, empty, href, plural, section } from '../ui.js';

/** Blue when most of a place's events are cooperative, red when conflictual, grey when even. */
function tone(p: PlaceCount | CountryCount): string {
  const lean = (p.cooperation - p.conflict) / p.events;
  return lean > 0.2 ? '#3a72c4' : lean < -0.2 ? '#c4543a' : '#7b8594';
}

export async function mapView(): Promise<Node> {
  const [places, countries, atlas] = await Promise.all([
    api<PlaceCount[]>('places'),
    api<CountryCount[]>('countries'),
    // The shapes load with the view that needs them (about 100 kB).
    import('world-atlas/countries-110m.json').then((m) => m.default as unknown as Topology<{ countries: GeometryCollection }>),
  ]);
  const W = 960, H = 500;
  const world = feature(atlas, atlas.objects.countries);
  const projection = geoEqualEarth().fitExtent([[8, 8], [W - 8, H - 8]], { type: 'Sphere' });
  const path = geoPath(projection);
  const byNumeric = new Map(countries.filter((c) => c.numeric !== null).map((c) => [c.numeric!, c]));
  const shade = scaleSqrt().domain([0, Math.max(1, ...countries.map((c) => c.events))]).range([0.15, 0.75]);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart map', role: 'img', 'aria-label': `Map of ${plural(places.length, 'place')} with events` });
  svg.append(
    s('path', { d: path({ type: 'Sphere' }) ?? '', class: 'sphere' }),
    s('path', { d: path(geoGraticule10()) ?? '', class: 'graticule' }),
    // A state's shade: how many events are placed in it (towns, regions or the state itself),
    // its hue whether they are mostly cooperative or conflictual.
    ...world.features.map((c) => {
      const name = String((c.properties as { name?: string } | null)?.name ?? '');
      const n = byNumeric.get(String(c.id));
      const land = s('path', { d: path(c) ?? '', class: n ? 'land shaded' : 'land', ...(n ? { 'data-country': n.country, 'data-events': n.events } : {}) },
        s('title', {}, n ? `${name}: ${plural(n.events, 'event')} placed there` : name));
      // Through the style object: the page's security policy allows no style attributes, and
      // the stylesheet's land colour would win over presentation attributes.
      if (n) {
        land.style.setProperty('fill', tone(n));
        land.style.setProperty('fill-opacity', String(shade(n.events)));
      }
      return land;
    }));
  const r = scaleSqrt().domain([0, Math.max(1, ...places.map((p) => p.events))]).range([0, 18]);
  // Biggest first, so that small places stay on top and clickable.
  for (const p of [...places].sort((a, b) => b.events - a.events)) {
    const xy = projection([p.lon, p.lat]);
    if (!xy) continue;
    svg.append(s('a', { href: href.article(p.example.article, p.example.start, p.example.end), class: 'place', 'data-place': p.name, 'data-lat': p.lat, 'data-lon': p.lon },
      s('circle', { cx: xy[0], cy: xy[1], r: Math.max(3.5, r(p.events)), fill: tone(p) },
        s('title', {}, `${p.name}${p.country ? ` (${p.country})` : ''}: ${plural(p.events, 'event')}, ${p.cooperation} cooperative, ${p.conflict} conflictual`))));
  }
  const narrow = narrowing();
  return h('div', { class: 'map-view' },
    h('h1', {}, 'Map'),
    narrow.length ? h('p', { class: 'filter-note' }, `Filtered: ${narrow.join(', ')}.`) : null,
    h('figure', { class: 'chart-box' }, svg,
      h('figcaption', {}, 'Each circle is a town events are placed at (area: number of events; blue mostly cooperative, red mostly conflictual); a state is shaded by all the events placed in it, towns, regions and the state itself, in the same hues. Click a circle to read one of its events. Shapes: Natural Earth.')),
    section(`Places (${places.length})`, places.length === 0 ? empty('No event is placed at a town with coordinates.') :
      h('div', { class: 'table-wrap' }, h('table', { class: 'places' },
        h('thead', {}, h('tr', {}, ...['Place', 'Country', 'Events', 'Cooperative', 'Conflictual', 'An event there'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, ...places.map((p) => h('tr', {},
          h('td', {}, p.name), h('td', {}, actorLink(p.country)), h('td', { class: 'num' }, p.events), h('td', { class: 'num' }, p.cooperation), h('td', { class: 'num' }, p.conflict),
          h('td', {}, h('a', { class: 'evidence', href: href.article(p.example.article, p.example.start, p.example.end) }, p.example.text)))))))));
}
