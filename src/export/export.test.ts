import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { loadFixture } from '../store/fixture.js';
import { openStore } from '../store/index.js';
import type { ExportEvent } from '../store/repo.js';
import { GDELT_COLUMNS, gdelt, gdeltNotes, toCsv, toGraphml, toJsonl, toPlover } from './index.js';

const BIN = fileURLToPath(new URL('../../bin/dyad.js', import.meta.url));

async function fixtureEvents(t: { after: (fn: () => void) => void }): Promise<{ db: string; events: ExportEvent[]; graph: string; graphWithCopies: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-export-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const db = join(dir, 'x.db');
  const repo = await openStore(db);
  await loadFixture(repo);
  await repo.addEvents([{
    id: 'fx-wire:fe9', article: 'fx-wire', type: 'THREATEN', mode: null, cameo: null,
    source: [{ actor: 'NATO', sector: null, text: 'the alliance', entity: 'NATO' }],
    target: [{ actor: 'RUR', sector: 'MIL', text: 'Ruritanian troops', entity: null }, { actor: 'SYL', sector: null, text: 'Syldavia', entity: null }],
    date: null, datePrecision: 'unknown', negated: false, modality: 'asserted', trigger: 'warned', quote: null,
    confidence: 0.5, rule: 'fixture', evidence: { start: 0, end: 9, text: 'Ruritania' },
  }, {
    id: 'fx-wire:fe10', article: 'fx-wire', type: 'ASSAULT', mode: null, cameo: '190',
    source: [{ actor: 'FRE', sector: null, text: 'Freedonia', entity: null }], target: [{ actor: 'RUR', sector: null, text: 'Ruritania', entity: null }],
    date: '2026-03-02', datePrecision: 'day', negated: true, modality: 'asserted', trigger: 'attacked', quote: null,
    confidence: 0.5, rule: 'fixture', evidence: { start: 0, end: 9, text: 'Ruritania' },
  }, {
    id: 'fx-wire:fe11', article: 'fx-wire', type: 'SANCTION', mode: null, cameo: '163',
    source: [{ actor: 'RUR', sector: 'GOV', text: 'Ruritania', entity: null }], target: [{ actor: 'FRE', sector: null, text: 'Freedonia', entity: null }],
    date: '2026-02', datePrecision: 'month', negated: false, modality: 'asserted', trigger: 'embargo', quote: null,
    confidence: 0.5, rule: 'fixture', evidence: { start: 0, end: 9, text: 'Ruritania' },
  }]);
  const events = (await repo.exportEvents()).filter((e) => e.rule === 'fixture');
  const graph = toGraphml(await repo.network({ actor: 'RUR' }));
  const graphWithCopies = toGraphml(await repo.network({ actor: 'RUR', copies: true }));
  await repo.close();
  return { db, events, graph, graphWithCopies };
}

test('CSV and JSONL carry every event with its evidence', async (t) => {
  const { events } = await fixtureEvents(t);
  // Read back by csv-parse as a spreadsheet would: strict column counts, quoted fields with commas and line breaks.
  const rows = parseCsv(toCsv(events), { relax_column_count: false }) as string[][];
  const header = rows[0]!;
  for (const r of rows) assert.equal(r.length, header.length);
  assert.equal(rows.length, events.length + 1);
  const accuse = rows.find((r) => r[0] === 'fx-wire:fe1')!;
  const col = (name: string) => accuse[header.indexOf(name)];
  assert.deepEqual([col('type'), col('cameo'), col('intensity'), col('sourceActors'), col('targetActors'), col('outlet')], ['ACCUSE', '112', '-3', 'RUR', 'FRE', 'Example Wire']);
  assert.equal(col('evidenceText'), 'Ruritania accused Freedonia on Monday of staging provocative drills near the border.');
  const two = rows.find((r) => r[0] === 'fx-wire:fe9')!;
  assert.equal(two[header.indexOf('targetActors')], 'RUR;SYL');
  const lines = toJsonl(events).trim().split('\n').map((l) => JSON.parse(l) as ExportEvent);
  assert.deepEqual(lines.map((e) => e.id), events.map((e) => e.id));
  assert.equal(lines[0]!.url !== undefined, true);
});

test('GDELT rows: 61 columns, CAMEO codes, QuadClass and Goldstein; one row per dyad; negated events left out', async (t) => {
  const { events } = await fixtureEvents(t);
  const g = gdelt(events);
  const lines = g.text.trim().split('\n').map((l) => l.split('\t'));
  assert.equal(GDELT_COLUMNS.length, 61);
  assert.deepEqual(lines[0], GDELT_COLUMNS);
  for (const l of lines) assert.equal(l.length, 61);
  const rows = lines.slice(1).map((l) => Object.fromEntries(GDELT_COLUMNS.map((c, i) => [c, l[i]])));
  const accuse = rows.filter((r) => r.SOURCEURL === 'https://example.org/wire/1' && r.EventCode === '112');
  assert.equal(accuse.length, 1);
  assert.deepEqual(
    [accuse[0]!.SQLDATE, accuse[0]!.Actor1Code, accuse[0]!.Actor1CountryCode, accuse[0]!.Actor2CountryCode, accuse[0]!.EventRootCode, accuse[0]!.QuadClass, accuse[0]!.GoldsteinScale, accuse[0]!.IsRootEvent],
    ['20260302', 'RURGOV', 'RUR', 'FRE', '11', '3', '-2', '1'],
  );
  const threat = rows.filter((r) => r.EventCode === '130');
  assert.deepEqual(threat.map((r) => [r.Actor1Code, r.Actor1CountryCode, r.Actor1KnownGroupCode, r.Actor2Code]), [['NATO', '', 'NATO', 'RURMIL'], ['NATO', '', 'NATO', 'SYL']]);
  assert.equal(threat[0]!.SQLDATE, '20260302', 'undated events take the publication date, as GDELT dates events');
  assert.equal(new Set(rows.map((r) => r.GLOBALEVENTID)).size, rows.length);
  assert.equal(rows.filter((r) => r.EventCode === '190').length, 0);
  // Nothing is dropped or dated unsaid: the month-precision sanction is counted, not pinned to a day.
  assert.equal(rows.filter((r) => r.EventCode === '163').length, 0);
  assert.deepEqual(g.leftOut, { negated: 1, hypothetical: 0, monthOrYear: 1, undated: 0 });
  assert.equal(g.datedByPublication, 1);
  assert.equal(g.rows, rows.length);
  const notes = gdeltNotes(g).join('\n');
  assert.match(notes, /1 negated/);
  assert.match(notes, /1 dated only to the month or year/);
  assert.match(notes, /1 events with no date of their own are dated by their article's publication day/);
  // Every event is either in a row, or counted as left out.
  const inRows = new Set(rows.map((r) => r.SOURCEURL + r.EventCode));
  const left = g.leftOut.negated + g.leftOut.hypothetical + g.leftOut.monthOrYear + g.leftOut.undated;
  assert.equal(events.length - left, events.filter((e) => inRows.has((e.url ?? e.path) + (e.cameo ?? '130'))).length);
});

test('PLOVER records and GraphML', async (t) => {
  const { events, graph, graphWithCopies } = await fixtureEvents(t);
  const records = JSON.parse(toPlover(events)) as { id: string; event: string; intensity: number; source: { actor: string }[]; evidence: { article: string } }[];
  const aid = records.find((r) => r.id === 'fx-gazette:fe2')!;
  assert.deepEqual([aid.event, aid.intensity, aid.source[0]!.actor, aid.evidence.article], ['AID', 10, 'RUR', 'fx-gazette']);
  assert.equal(XMLValidator.validate(graph), true);
  const xml = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['node', 'edge', 'data', 'key'].includes(name) }).parse(graph);
  // Every data key an element uses is declared for that kind of element, as GraphML readers (Gephi, networkx) require.
  const keys = new Map((xml.graphml.key as Record<string, string>[]).map((k) => [k['@_id'], k['@_for']]));
  assert.deepEqual([...keys.keys()].sort(), ['events', 'intensity', 'label', 'weight']);
  for (const n of xml.graphml.graph.node as { data: { '@_key': string }[] }[]) for (const d of n.data) assert.equal(keys.get(d['@_key']), 'node');
  for (const e of xml.graphml.graph.edge as { data: { '@_key': string }[] }[]) for (const d of e.data) assert.equal(keys.get(d['@_key']), 'edge');
  const g = xml.graphml.graph;
  assert.equal(g['@_edgedefault'], 'directed');
  const edges = (g.edge as { '@_source': string; '@_target': string; data: { '#text': number; '@_key': string }[] }[])
    .map((e) => [e['@_source'], e['@_target'], e.data.find((d) => d['@_key'] === 'weight')!['#text']]);
  // The wire's accusation and the sanction; the copy's repeat of the accusation counts only with copies.
  assert.ok(edges.some(([s, t, w]) => s === 'RUR' && t === 'FRE' && w === 2), JSON.stringify(edges));
  assert.match(graphWithCopies, /source="RUR" target="FRE"><data key="weight">3</);
  assert.ok(edges.some(([s, t]) => s === 'NATO' && t === 'RUR'));
  const ids = new Set((g.node as { '@_id': string }[]).map((n) => n['@_id']));
  for (const [s, t2] of edges) assert.ok(ids.has(s as string) && ids.has(t2 as string));
});

test('dyad export writes the chosen format and rejects unknown ones', async (t) => {
  const { db } = await fixtureEvents(t);
  const out = join(db, '..', 'events.tsv');
  const ok = spawnSync(process.execPath, [BIN, 'export', '--db', db, '--format', 'gdelt', '--out', out], { encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr);
  assert.ok(readFileSync(out, 'utf8').startsWith('GLOBALEVENTID\tSQLDATE'));
  const bad = spawnSync(process.execPath, [BIN, 'export', '--db', db, '--format', 'xlsx'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--format must be one of csv, jsonl, gdelt, plover, graphml/);
  const missing = spawnSync(process.execPath, [BIN, 'export', '--db', join(db, '..', 'none.db'), '--format', 'csv'], { encoding: 'utf8' });
  assert.equal(missing.status, 2);
});

test('dyad export: copies left out by default, --copies counts them; --out - is stdout; notes on stderr', async (t) => {
  const { db } = await fixtureEvents(t);
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, 'export', '--db', db, ...args], { encoding: 'utf8' });
  const ids = (text: string) => text.trim().split('\n').map((l) => (JSON.parse(l) as ExportEvent).id);
  const originals = run('--format', 'jsonl', '--out', '-');
  assert.equal(originals.status, 0, originals.stderr);
  assert.ok(!existsSync(join(process.cwd(), '-')), 'no file named -');
  assert.ok(ids(originals.stdout).includes('fx-wire:fe1'));
  assert.ok(!ids(originals.stdout).includes('fx-copy:fe1'), 'the copy of the wire story is not counted again');
  const all = run('--format', 'jsonl', '--copies');
  assert.ok(ids(all.stdout).includes('fx-copy:fe1'));
  for (const format of ['csv', 'gdelt', 'plover', 'graphml']) {
    const plain = run('--format', format).stdout;
    const withCopies = run('--format', format, '--copies').stdout;
    assert.notEqual(withCopies, plain, `${format}: --copies adds the copy's events`);
    assert.ok(!plain.includes('https://example.net/copy'), `${format}: no row from the copy`);
  }
  const gdelt = run('--format', 'gdelt');
  assert.match(gdelt.stderr, /dyad export: left out of GDELT: 1 negated, 1 dated only to the month or year/);
  assert.equal(run('--format', 'gdelt', '--quiet').stderr, '');
  for (const line of gdelt.stdout.trim().split('\n')) assert.equal(line.split('\t').length, 61);
});
