import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyzeArticle, loadKnowledge } from '../pipeline.js';
import type { PloverType } from '../types.js';
import { ploverGold, predictions, type Evaluation, type PloverRecord } from './index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PLOVER = fileURLToPath(new URL('../../../shared/reference/PLOVER_GSR_CAMEO.txt', import.meta.url));

const TYPES: PloverType[] = ['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST', 'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT'];

const dyad = (...args: string[]) => spawnSync(process.execPath, ['bin/dyad.js', ...args], { cwd: ROOT, encoding: 'utf8' });

test('old PLOVER types and CAMEO codes are mapped to the current ones', () => {
  const record: PloverRecord = {
    id: 'x',
    event: 'DEMAND',
    source: [
      { actorText: 'U.N. Security Council', code: 'IGO' },
      { actorText: 'Tokyo', code: 'JAP' },
    ],
    target: '',
    text: 'A sentence of my own.',
  };
  assert.deepEqual(ploverGold(record), { type: 'REQUEST', source: ['UNSC', 'UN', 'JPN'], target: [] });
  assert.deepEqual(ploverGold({ ...record, event: 'FIGHT', source: [{ actorText: 'a relief body', code: 'IGO' }, { actorText: 'Rome', code: 'ITL' }] }), {
    type: 'ASSAULT',
    source: ['IGO', 'ITA'],
    target: [],
  });
  assert.equal(ploverGold({ ...record, event: 'DOCUMENT' }), null);
});

test('every record of the PLOVER gold file maps to a PLOVER type and current codes', (t) => {
  if (!existsSync(PLOVER)) return t.skip('../shared absent');
  const records = JSON.parse(readFileSync(PLOVER, 'utf8')) as PloverRecord[];
  const gold = records.map(ploverGold).filter((g) => g !== null);
  assert.equal(gold.length, records.filter((r) => r.event !== 'DOCUMENT').length);
  for (const g of gold) {
    assert.ok((TYPES as string[]).includes(g.type), g.type);
    for (const code of [...g.source, ...g.target]) assert.ok(!['JAP', 'ITL', 'VTN', '---', ''].includes(code), code);
  }
});

test('negated events are not predictions', () => {
  const doc = analyzeArticle({ path: 'n.txt', format: 'text', text: 'Chile did not attack Peru.', published: '2024-01-02' }, loadKnowledge());
  const event = {
    id: 'e', article: doc.article.id, type: 'ASSAULT' as const, mode: null, cameo: null,
    source: [{ actor: 'CHL', sector: null, text: 'Chile', entity: null }],
    target: [{ actor: 'PER', sector: null, text: 'Peru', entity: null }],
    date: null, datePrecision: 'unknown' as const, negated: false, modality: 'asserted' as const, trigger: 'attack', quote: null,
    confidence: 1, rule: 'test', evidence: { start: 0, end: 26, text: doc.article.body },
  };
  assert.deepEqual(predictions({ ...doc, events: [event] }), [{ type: 'ASSAULT', source: ['CHL'], target: ['PER'], date: null }]);
  assert.deepEqual(predictions({ ...doc, events: [{ ...event, negated: true }] }), []);
});

test('dyad eval scores a small article gold file', () => {
  const json = dyad('eval', '--gold', 'test-fixtures/eval/gold.json', '--json');
  assert.equal(json.status, 0, json.stderr);
  const ev = JSON.parse(json.stdout) as Evaluation;
  assert.equal(ev.format, 'articles');
  assert.equal(ev.scores.rates.units, 2);
  assert.equal(ev.scores.overall.gold, 5);
  // Every gold event is either matched or listed as a miss.
  assert.equal(ev.scores.overall.matched + ev.scores.misses.length, 5);
  assert.match(ev.scores.rule, /types are equal and the source actor sets intersect/);

  const text = dyad('eval', '--gold', 'test-fixtures/eval/gold.json');
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /^ALL +5 /m);
  assert.match(text.stdout, /type\+source\+target/);
  for (const m of ev.scores.misses) assert.ok(text.stdout.includes(`${m.unit}: ${m.gold.type}`));
});

test('dyad eval reports unreadable gold articles and usage errors', () => {
  const missing = dyad('eval', '--gold', 'test-fixtures/eval/missing.json');
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /absent\.txt/);
  const usage = dyad('eval');
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /--gold/);
});

test('a corpus gold is scored on every stage: core events, sectors, quotes, junk and keep strings', () => {
  const r = dyad('eval', '--gold', 'test-fixtures/eval/corpus/gold.json', '--json');
  assert.equal(r.status, 0, r.stderr);
  const ev = JSON.parse(r.stdout) as Evaluation;
  assert.equal(ev.format, 'corpus');
  const f = ev.corpus!.overall;
  assert.equal(f.articles, 1);
  // Two core events, both found with their type (an alternative type counts) and countries (an empty gold side accepts any).
  assert.deepEqual(f.coreFound, { n: 2, of: 2 });
  assert.equal(f.quotesFound.n, 1);
  assert.equal(f.speakerRight.n, 1);
  assert.deepEqual(f.junkRemoved, { n: 1, of: 1 });
  assert.deepEqual(f.keepKept, { n: 2, of: 2 });
  assert.ok(ev.corpus!.perTopic.statement);
  // The texts may sit in another folder than the gold.
  const moved = dyad('eval', '--gold', 'test-fixtures/eval/corpus/gold.json', '--texts', 'test-fixtures/eval');
  assert.equal(moved.status, 1);
  assert.match(moved.stderr, /gamma\.txt/);
});
