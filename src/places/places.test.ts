import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeArticle, loadKnowledge } from '../pipeline.js';
import { toGdelt, GDELT_COLUMNS } from '../export/index.js';
import { lookupPlace } from './index.js';

const kb = loadKnowledge();
const read = (text: string) => analyzeArticle({ path: 'p.txt', format: 'text', text, published: '2024-03-12' }, kb);

test('towns and regions are found by name, the preferred state first', () => {
  assert.equal(lookupPlace('Arequipa')?.country, 'PER');
  assert.equal(lookupPlace('Oromia')?.country, 'ETH');
  assert.equal(lookupPlace('Oromia')?.lat, null);
  assert.equal(lookupPlace('Michoacán')?.country, 'MEX');
  assert.equal(lookupPlace('michoacan')?.country, 'MEX');
  // A name several states share: the larger town, unless the story is about the other state.
  assert.equal(lookupPlace('Hyderabad')?.country, 'IND');
  assert.equal(lookupPlace('Hyderabad', ['PAK'])?.country, 'PAK');
  assert.equal(lookupPlace('Nowhereville'), null);
});

test('a town the actors gazetteer does not list is a place, never a party, and places the groups of its sentence', () => {
  const doc = read('Soldiers opened fire on miners near Tarkwa on Monday, killing three.');
  const town = doc.mentions.find((m) => m.text === 'Tarkwa')!;
  assert.equal(town.place, true);
  assert.equal(town.actor, 'GHA');
  const e = doc.events.find((x) => x.type === 'ASSAULT')!;
  assert.deepEqual(e.source.map((a) => [a.actor, a.sector]), [['GHA', 'MIL']]);
  assert.ok(e.target.every((a) => a.text !== 'Tarkwa'));
});

test('events carry the place the text names, with coordinates for a town', () => {
  const doc = read('Police arrested twelve students in Cochabamba on Tuesday.\n\nProtesters marched in Bolivia.');
  const [first, second] = doc.events;
  assert.equal(first!.location?.name, 'Cochabamba');
  assert.equal(first!.location?.country, 'BOL');
  assert.ok(Math.abs(first!.location!.lat! - -17.4) < 0.5);
  assert.deepEqual(second!.location, { name: 'Bolivia', country: 'BOL', lat: null, lon: null });
  // The GDELT export fills its ActionGeo columns from it.
  const rows = toGdelt(doc.events.map((e) => ({ ...e, published: '2024-03-12', url: null, path: 'p.txt', outlet: null, title: null, leadEnd: 100 }))).trim().split('\n');
  const row = rows[1]!.split('\t');
  const col = (name: string) => row[GDELT_COLUMNS.indexOf(name)];
  assert.equal(col('ActionGeo_Type'), '4');
  assert.equal(col('ActionGeo_FullName'), 'Cochabamba');
  assert.equal(col('ActionGeo_CountryCode'), 'BOL');
  assert.ok(col('ActionGeo_Lat') !== '');
});

test('a name shared by towns of one state is its most populous one, qualifier aside ("Washington" is the capital)', () => {
  const dc = lookupPlace('Washington', ['USA'])!;
  assert.equal(dc.country, 'USA');
  assert.ok(Math.abs(dc.lat! - 38.9) < 0.2 && Math.abs(dc.lon! + 77.0) < 0.2, JSON.stringify(dc));
});
