// Exports of stored events for other tools: CSV and JSONL for spreadsheets and
// scripts, GDELT 2.0 event-table rows, PLOVER JSON records, and the actor
// network as GraphML for Gephi. Pure: events in, text out.
import { createHash } from 'node:crypto';
import { readData } from '../knowledge.js';
import { INTENSITY, type ExportEvent, type Network } from '../store/repo.js';
import type { EventActor, PloverType } from '../types.js';

export const FORMATS = ['csv', 'jsonl', 'gdelt', 'plover', 'graphml'] as const;
export type Format = (typeof FORMATS)[number];

interface GdeltData {
  roots: Record<string, { goldstein: number; quadClass: number }>;
  plover: Record<PloverType, string>;
}
const GDELT = readData<GdeltData>('export', 'gdelt.yaml');
/** Codes of international bodies: any other three-letter code is a state. */
const IGOS = new Set(readData<{ code: string }[]>('actors', 'igos.yaml').map((b) => b.code));

const joinSide = (side: EventActor[], key: keyof EventActor) => side.map((a) => a[key] ?? '').join(';');

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(events: ExportEvent[]): string {
  const header = [
    'id', 'article', 'date', 'datePrecision', 'type', 'mode', 'cameo', 'intensity',
    'sourceActors', 'sourceSectors', 'sourceEntities', 'sourceText', 'targetActors', 'targetSectors', 'targetEntities', 'targetText',
    'negated', 'modality', 'trigger', 'quote', 'confidence', 'rule', 'evidenceStart', 'evidenceEnd', 'evidenceText',
    'outlet', 'published', 'url',
  ];
  const rows = events.map((e) => [
    e.id, e.article, e.date, e.datePrecision, e.type, e.mode, e.cameo, INTENSITY[e.type],
    joinSide(e.source, 'actor'), joinSide(e.source, 'sector'), joinSide(e.source, 'entity'), joinSide(e.source, 'text'),
    joinSide(e.target, 'actor'), joinSide(e.target, 'sector'), joinSide(e.target, 'entity'), joinSide(e.target, 'text'),
    e.negated, e.modality, e.trigger, e.quote, e.confidence, e.rule, e.evidence.start, e.evidence.end, e.evidence.text,
    e.outlet, e.published, e.url,
  ]);
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function toJsonl(events: ExportEvent[]): string {
  return events.map((e) => JSON.stringify(e)).join('\n') + (events.length ? '\n' : '');
}

export const GDELT_COLUMNS = [
  'GLOBALEVENTID', 'SQLDATE', 'MonthYear', 'Year', 'FractionDate',
  ...['Actor1', 'Actor2'].flatMap((a) => ['Code', 'Name', 'CountryCode', 'KnownGroupCode', 'EthnicCode', 'Religion1Code', 'Religion2Code', 'Type1Code', 'Type2Code', 'Type3Code'].map((c) => a + c)),
  'IsRootEvent', 'EventCode', 'EventBaseCode', 'EventRootCode', 'QuadClass', 'GoldsteinScale',
  'NumMentions', 'NumSources', 'NumArticles', 'AvgTone',
  ...['Actor1', 'Actor2', 'Action'].flatMap((a) => ['Type', 'FullName', 'CountryCode', 'ADM1Code', 'ADM2Code', 'Lat', 'Long', 'FeatureID'].map((c) => `${a}Geo_${c}`)),
  'DATEADDED', 'SOURCEURL',
];

function gdeltActor(a: EventActor | undefined): string[] {
  if (!a) return Array(10).fill('');
  const code = a.actor ?? '';
  const igo = IGOS.has(code);
  const state = !igo && /^[A-Z]{3}$/.test(code);
  return [code + (a.sector ?? ''), a.text, state ? code : '', igo ? code : '', '', '', '', a.sector ?? '', '', ''];
}

/**
 * ActionGeo columns from the event's location: type 4 (world city) with coordinates for
 * a town, 1 (country) for a state or a region without them. Country codes are ISO alpha-3
 * here, as everywhere in dyad, not GDELT's FIPS codes.
 */
function actionGeo(e: ExportEvent): (string | number)[] {
  const l = e.location;
  if (!l) return Array(8).fill('');
  const town = l.lat !== null && l.lon !== null;
  return [town ? 4 : 1, l.name, l.country, '', '', town ? l.lat! : '', town ? l.lon! : '', ''];
}

/** What the GDELT rows say of the events given, besides the rows: nothing is dropped unsaid. */
export interface GdeltExport {
  text: string;
  rows: number;
  /** Events without a date of their own, dated by their article's publication day as GDELT dates its events. */
  datedByPublication: number;
  /** Events left out, by reason. */
  leftOut: { negated: number; hypothetical: number; monthOrYear: number; undated: number };
}

/** The events a GDELT export left out or dated by publication, in words (empty when none). */
export function gdeltNotes(g: GdeltExport): string[] {
  const notes: string[] = [];
  const { negated, hypothetical, monthOrYear, undated } = g.leftOut;
  const out = [
    negated && `${negated} negated`,
    hypothetical && `${hypothetical} hypothetical`,
    monthOrYear && `${monthOrYear} dated only to the month or year (a GDELT row needs a day; csv, jsonl and plover keep them)`,
    undated && `${undated} with no date and no publication date`,
  ].filter(Boolean);
  if (out.length) notes.push(`left out of GDELT: ${out.join(', ')}`);
  if (g.datedByPublication) notes.push(`${g.datedByPublication} events with no date of their own are dated by their article's publication day, as GDELT dates events`);
  return notes;
}

/**
 * GDELT 2.0 event rows (tab-separated, with a header line), one per source × target pair,
 * for events that took place and are dated to the day. GDELT has no way to write a month or
 * a year alone, so such events are left out rather than pinned to a made-up day; an event
 * with no date takes its article's publication day, which is how GDELT dates all its events.
 * Every event left out or so dated is counted in the result.
 */
export function gdelt(events: ExportEvent[]): GdeltExport {
  const lines = [GDELT_COLUMNS.join('\t')];
  const result: GdeltExport = { text: '', rows: 0, datedByPublication: 0, leftOut: { negated: 0, hypothetical: 0, monthOrYear: 0, undated: 0 } };
  for (const e of events) {
    if (e.negated) {
      result.leftOut.negated++;
      continue;
    }
    if (e.modality === 'hypothetical') {
      result.leftOut.hypothetical++;
      continue;
    }
    if (e.date && e.datePrecision !== 'day') {
      result.leftOut.monthOrYear++;
      continue;
    }
    const day = (e.date ?? e.published)?.slice(0, 10);
    if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) {
      if (e.date) result.leftOut.monthOrYear++;
      else result.leftOut.undated++;
      continue;
    }
    if (!e.date) result.datedByPublication++;
    const cameo = e.cameo ?? GDELT.plover[e.type];
    const root = GDELT.roots[cameo.slice(0, 2)];
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const dayOfYear = (Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 0)) / 86_400_000;
    const sources = e.source.length ? e.source : [undefined];
    const targets = e.target.length ? e.target : [undefined];
    sources.forEach((s, i) => targets.forEach((t, j) => {
      const id = parseInt(createHash('sha1').update(`${e.article}\u0000${e.id}\u0000${i}\u0000${j}`).digest('hex').slice(0, 12), 16);
      const published = (e.published ?? day).slice(0, 10).replace(/-/g, '');
      lines.push([
        id, day.replace(/-/g, ''), day.slice(0, 7).replace('-', ''), y, (y + dayOfYear / 365).toFixed(4),
        ...gdeltActor(s), ...gdeltActor(t),
        e.evidence.start < e.leadEnd ? 1 : 0, cameo, cameo.slice(0, 3), cameo.slice(0, 2), root?.quadClass ?? '', root?.goldstein ?? '',
        1, 1, 1, '',
        ...Array(16).fill(''),
        ...actionGeo(e),
        `${published}000000`, e.url ?? e.path,
      ].map((v) => String(v).replace(/[\t\r\n]+/g, ' ')).join('\t'));
    }));
  }
  result.rows = lines.length - 1;
  result.text = lines.join('\n') + '\n';
  return result;
}

/** The GDELT rows as text; `gdelt` also says what was left out. */
export function toGdelt(events: ExportEvent[]): string {
  return gdelt(events).text;
}

/** PLOVER-style event records (one JSON array), with the evidence that produced each. */
export function toPlover(events: ExportEvent[]): string {
  const records = events.map((e) => ({
    id: e.id,
    date: e.date ?? e.published?.slice(0, 10) ?? null,
    date_precision: e.date ? e.datePrecision : 'unknown',
    event: e.type,
    mode: e.mode,
    context: [] as string[],
    intensity: INTENSITY[e.type],
    cameo: e.cameo,
    source: e.source.map((a) => ({ actor: a.actor, sector: a.sector, text: a.text, entity: a.entity })),
    target: e.target.map((a) => ({ actor: a.actor, sector: a.sector, text: a.text, entity: a.entity })),
    negated: e.negated,
    modality: e.modality,
    text: e.evidence.text,
    evidence: { article: e.article, start: e.evidence.start, end: e.evidence.end },
    trigger: e.trigger,
    rule: e.rule,
    confidence: e.confidence,
    publisher: e.outlet,
    publication_date: e.published,
    url: e.url,
  }));
  return JSON.stringify(records, null, 2) + '\n';
}

const xml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** The actor network as directed GraphML: node event counts, edge weights and summed intensity. */
export function toGraphml(net: Network): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '  xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    '  <key id="events" for="node" attr.name="events" attr.type="int"/>',
    '  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>',
    '  <key id="intensity" for="edge" attr.name="intensity" attr.type="double"/>',
    '  <graph id="dyad" edgedefault="directed">',
  ];
  for (const n of net.nodes) {
    lines.push(`    <node id="${xml(n.id)}"><data key="label">${xml(n.id)}</data><data key="events">${n.events}</data></node>`);
  }
  net.edges.forEach((e, i) => {
    lines.push(`    <edge id="e${i}" source="${xml(e.source)}" target="${xml(e.target)}"><data key="weight">${e.weight}</data><data key="intensity">${e.intensity}</data></edge>`);
  });
  lines.push('  </graph>', '</graphml>');
  return lines.join('\n') + '\n';
}
