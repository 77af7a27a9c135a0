import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NONE, score, type ScoredEvent, type Unit } from './score.js';

const ev = (type: string, source: string[], target: string[] = [], date?: string | null): ScoredEvent => ({ type, source, target, date });
const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} != ${expected}`);

const UNITS: Unit[] = [
  { id: 'a', text: 'A', gold: [ev('ACCUSE', ['CHN'], ['NATO'])], predicted: [ev('ACCUSE', ['CHN'], ['NATO']), ev('REQUEST', ['CHN'], ['NATO'])] },
  { id: 'b', text: 'B', gold: [ev('AGREE', ['USA', 'JOR'])], predicted: [ev('CONSULT', ['USA'], ['JOR'])] },
  { id: 'c', text: 'C', gold: [ev('REQUEST', ['RUS'], ['UKR'])], predicted: [] },
  { id: 'd', text: 'D', gold: [], predicted: [ev('ASSAULT', ['ISR'], ['PSE'])] },
];

test('precision, recall and F1, overall and per type (checked by hand)', () => {
  const s = score(UNITS);
  // 3 gold, 4 predicted, 1 matched (unit a's ACCUSE).
  assert.deepEqual([s.overall.gold, s.overall.predicted, s.overall.matched], [3, 4, 1]);
  close(s.overall.precision, 0.25);
  close(s.overall.recall, 1 / 3);
  close(s.overall.f1, 2 / 7);
  assert.deepEqual(Object.keys(s.perType), ['ACCUSE', 'AGREE', 'ASSAULT', 'CONSULT', 'REQUEST']);
  assert.equal(s.perType.ACCUSE!.f1, 1);
  assert.deepEqual([s.perType.REQUEST!.gold, s.perType.REQUEST!.predicted, s.perType.REQUEST!.matched], [1, 1, 0]);
  assert.equal(s.perType.REQUEST!.f1, 0);
  assert.deepEqual([s.perType.AGREE!.gold, s.perType.AGREE!.predicted], [1, 0]);
});

test('per-unit rates count units with gold; spurious events count over every unit', () => {
  const { rates } = score(UNITS);
  assert.equal(rates.units, 3);
  close(rates.found, 2 / 3);
  close(rates.typeRight, 1 / 3);
  close(rates.sourceRight, 2 / 3);
  close(rates.allRight, 1 / 3);
  // Unmatched predictions: a's REQUEST, b's CONSULT, d's ASSAULT over 4 units.
  close(rates.spuriousPerUnit, 0.75);
});

test('confusion sets each missed gold event against the prediction beside it', () => {
  const s = score(UNITS);
  assert.deepEqual(s.confusion, {
    ACCUSE: { ACCUSE: 1 },
    AGREE: { CONSULT: 1 },
    REQUEST: { [NONE]: 1 },
    [NONE]: { REQUEST: 1, ASSAULT: 1 },
  });
  assert.deepEqual(
    s.misses.map((m) => [m.unit, m.gold.type, m.predicted.length]),
    [
      ['b', 'AGREE', 1],
      ['c', 'REQUEST', 0],
    ],
  );
});

test('matching is one-to-one and maximal, not greedy', () => {
  const s = score([
    { id: 'x', text: 'X', gold: [ev('ACCUSE', ['CHN', 'RUS']), ev('ACCUSE', ['CHN'])], predicted: [ev('ACCUSE', ['CHN']), ev('ACCUSE', ['RUS'])] },
    { id: 'y', text: 'Y', gold: [ev('ACCUSE', ['CHN']), ev('ACCUSE', ['CHN'])], predicted: [ev('ACCUSE', ['CHN'])] },
  ]);
  assert.equal(s.overall.matched, 3);
  assert.equal(s.misses.length, 1);
});

test('an empty gold source accepts any source; targets count only for the all-right rate', () => {
  const s = score([{ id: 'x', text: 'X', gold: [ev('ASSAULT', [], ['UKR'])], predicted: [ev('ASSAULT', ['RUS'], [])] }]);
  assert.equal(s.overall.matched, 1);
  assert.equal(s.rates.sourceRight, 0);
  assert.equal(s.rates.allRight, 0);
});

test('dates of matched events are compared exactly', () => {
  const s = score([
    {
      id: 'x',
      text: 'X',
      gold: [ev('ACCUSE', ['CHN'], [], '2024-07-11'), ev('SUPPORT', ['CHN'], [], '2021-12'), ev('REJECT', ['CHN'])],
      predicted: [ev('ACCUSE', ['CHN'], [], '2024-07-11'), ev('SUPPORT', ['CHN'], [], '2021-12-05'), ev('REJECT', ['CHN'], [], '2024-01-01')],
    },
  ]);
  assert.deepEqual(s.dates, { checked: 2, right: 1 });
});

test('nothing to score gives zeros, not NaN', () => {
  const s = score([]);
  assert.deepEqual([s.overall.precision, s.overall.recall, s.overall.f1, s.rates.found, s.rates.spuriousPerUnit], [0, 0, 0, 0, 0]);
});
