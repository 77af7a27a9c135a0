import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeArticle, loadKnowledge } from '../pipeline.js';
import type { Modality, PloverEvent } from '../types.js';
import * as chrono from 'chrono-node';
import { annotate, chronoFor } from './index.js';

const kb = loadKnowledge();

/** Runs the real pipeline on `text`, then dates one hand-made event per trigger word (first occurrence after `from`). */
function dated(text: string, published: string | null, triggers: { word: string; modality?: Modality; from?: string }[]): PloverEvent[] {
  const doc = analyzeArticle({ path: 'time.txt', format: 'text', text, published }, kb);
  const events = triggers.map(({ word, modality = 'asserted', from }, i): PloverEvent => {
    const start = text.indexOf(word, from ? text.indexOf(from) : 0);
    assert.ok(start >= 0, `trigger '${word}' not in text`);
    const s = doc.sentences.find((x) => x.start <= start && start < x.end)!;
    return {
      id: `e${i}`,
      article: doc.article.id,
      type: 'ACCUSE',
      mode: null,
      cameo: null,
      source: [],
      target: [],
      date: null,
      datePrecision: 'unknown',
      negated: false,
      modality,
      trigger: word,
      quote: null,
      confidence: 1,
      rule: 'test',
      evidence: { start: s.start, end: s.end, text: text.slice(s.start, s.end) },
      triggerStart: start,
      triggerEnd: start + word.length,
    };
  });
  return annotate({ ...doc, events });
}

const dates = (events: PloverEvent[]) => events.map((e) => [e.date, e.datePrecision]);

test('weekdays resolve to the last such day on or before publication', () => {
  // 2024-07-11 is a Thursday.
  const text = 'Germany on Thursday criticised Poland over the border dispute. On Monday, Warsaw had closed a crossing. Berlin protested on Friday.';
  const events = dated(text, '2024-07-11', [{ word: 'criticised' }, { word: 'closed' }, { word: 'protested' }]);
  assert.deepEqual(dates(events), [
    ['2024-07-11', 'day'],
    ['2024-07-08', 'day'],
    ['2024-07-05', 'day'],
  ]);
  assert.deepEqual(
    events.map((e) => e.dateText),
    ['on Thursday', 'On Monday', 'on Friday'],
  );
});

test('announced events take the next such weekday', () => {
  // 2024-06-18 is a Tuesday.
  const events = dated('Kenya will host the talks on Friday.', '2024-06-18', [{ word: 'host', modality: 'future' }]);
  assert.deepEqual(dates(events), [['2024-06-21', 'day']]);
});

test('"a day after" dates the event it introduces one day before the main clause', () => {
  const text = 'The rebuke came on Thursday, a day after Poland closed two crossings.';
  const events = dated(text, '2024-07-12', [{ word: 'rebuke' }, { word: 'closed' }]);
  assert.deepEqual(dates(events), [
    ['2024-07-11', 'day'],
    ['2024-07-10', 'day'],
  ]);
  assert.equal(events[1]!.dateText, 'a day after');
});

test('"a day after" without a dated main clause counts from publication', () => {
  const events = dated('The statement came a day after Poland closed two crossings.', '2024-07-11', [{ word: 'closed' }]);
  assert.deepEqual(dates(events), [['2024-07-10', 'day']]);
});

test('months, years and relative periods carry their own precision', () => {
  // Published Friday 2022-02-04.
  const text = [
    'Officials met in Lima on Friday.',
    'The talks follow a long dispute, and in December, the envoy said that Chile backed the plan.',
    'Peru expelled two diplomats last year.',
    'The two sides first signed a treaty in 2019.',
    'Earlier this month, Bolivia recalled its ambassador.',
    'The ministers will meet again next month.',
  ].join('\n');
  const events = dated(text, '2022-02-04', [
    { word: 'met' },
    { word: 'said' },
    { word: 'expelled' },
    { word: 'signed' },
    { word: 'recalled' },
    { word: 'meet', modality: 'future', from: 'ministers' },
  ]);
  assert.deepEqual(dates(events), [
    ['2022-02-04', 'day'],
    ['2021-12', 'month'],
    ['2021', 'year'],
    ['2019', 'year'],
    ['2022-02', 'month'],
    ['2022-03', 'month'],
  ]);
});

test('"this week" claims the month only', () => {
  const events = dated('Troops from Chad arrived in Niger this week.', '2024-07-11', [{ word: 'arrived' }]);
  assert.deepEqual(dates(events), [['2024-07', 'month']]);
  assert.equal(events[0]!.dateText, 'this week');
});

test('the expression nearest the trigger in its clause wins', () => {
  // 2024-06-14 is a Friday.
  const text = 'On Monday the president visited Hanoi; on Wednesday he met the premier in Bangkok.';
  const events = dated(text, '2024-06-14', [{ word: 'visited' }, { word: 'met' }]);
  assert.deepEqual(dates(events), [
    ['2024-06-10', 'day'],
    ['2024-06-12', 'day'],
  ]);
});

test('undated events of the story take its day, from the text or the publication; background stays unknown', () => {
  const text = [
    'Chile accused Peru of violating the accord.',
    'Peru rejected the charge.',
    'The two neighbours have quarrelled over fishing rights.',
    'Bolivia criticised both governments.',
  ].join('\n');
  const events = dated(text, '2023-03-09T10:15:00Z', [
    { word: 'accused' },
    { word: 'quarrelled', modality: 'historical', from: 'neighbours' },
    { word: 'criticised' },
  ]);
  assert.deepEqual(dates(events), [
    ['2023-03-09', 'day'],
    [null, 'unknown'],
    ['2023-03-09', 'day'],
  ]);
  assert.equal(events[0]!.dateText, null);
  assert.deepEqual(events.map((e) => e.dateBasis), ['publication', null, 'publication']);
  // A day the lead gives its news is the story's day, for undated acts after it too.
  const told = dated(['Chile accused Peru on Tuesday of violating the accord.', 'Peru rejected the charge.', 'The two neighbours have quarrelled for years.', 'Bolivia criticised both governments.'].join('\n'), '2023-03-09', [
    { word: 'accused' },
    { word: 'criticised' },
  ]);
  assert.deepEqual(dates(told), [['2023-03-07', 'day'], ['2023-03-07', 'day']]);
  assert.deepEqual(told.map((e) => e.dateBasis), ['text', 'context']);
});

test('a lower-case "march" is a verb, not a month', () => {
  const events = dated('Thousands march through the capital against the treaty.', '2024-05-02', [{ word: 'march' }]);
  assert.deepEqual(dates(events), [['2024-05-02', 'day']]);
  assert.equal(events[0]!.dateText, null);
});

test('without a publication date only spelled-out years resolve', () => {
  const text = 'Ghana signed the pact in 2019. Togo objected on Monday.';
  const events = dated(text, null, [{ word: 'signed' }, { word: 'objected' }]);
  assert.deepEqual(dates(events), [
    ['2019', 'year'],
    [null, 'unknown'],
  ]);
  assert.equal(events[1]!.dateText, 'on Monday');
});

test('the time expression is located by offsets and rule', () => {
  const text = 'Brazil on Tuesday recalled its envoy to Caracas.';
  const [e] = dated(text, '2024-06-18', [{ word: 'recalled' }]);
  assert.equal(text.slice(e!.dateStart!, e!.dateEnd!), e!.dateText);
  assert.equal(e!.dateRule, 'chrono');
});

test('a vague period shields its clause from a weekday elsewhere in the sentence', () => {
  const text = 'Rwanda has courted Uganda in recent months, and on Monday the two leaders met in Kigali.';
  const events = dated(text, '2024-06-18', [{ word: 'courted' }, { word: 'met' }]);
  assert.deepEqual(dates(events), [
    [null, 'unknown'],
    ['2024-06-17', 'day'],
  ]);
  assert.equal(events[0]!.dateText, 'in recent months');
});

test('an event in an "after ..." clause takes the main clause\'s day from context, not from the text', () => {
  // 2022-04-07 is a Thursday.
  const text = 'The envoy spoke to reporters on Thursday after the ministers met in Oslo.';
  const events = dated(text, '2022-04-07', [{ word: 'spoke' }, { word: 'met' }]);
  assert.deepEqual(dates(events), [
    ['2022-04-07', 'day'],
    ['2022-04-07', 'day'],
  ]);
  assert.deepEqual(events.map((e) => e.dateBasis), ['text', 'context']);
  // Its own day, when it has one, wins.
  const own = dated('The envoy spoke on Thursday after the ministers met in Oslo on Monday.', '2022-04-07', [{ word: 'spoke' }, { word: 'met' }]);
  assert.deepEqual(dates(own)[1], ['2022-04-04', 'day']);
});

test('a parenthetical "after ..." phrase does not cut the clause', () => {
  const text = 'On Monday, after talks in Oslo, the envoy announced a truce.';
  const events = dated(text, '2022-04-07', [{ word: 'announced' }]);
  assert.deepEqual(dates(events), [['2022-04-04', 'day']]);
});

test('"last week" claims the month of a day a week before publication', () => {
  const events = dated('Mali expelled the French ambassador last week.', '2022-02-03', [{ word: 'expelled' }]);
  assert.deepEqual(dates(events), [['2022-01', 'month']]);
});

test('"late May" and "mid-March" are months chrono alone misses', () => {
  const text = 'Fiji signed the accord in late May. Samoa will join it in mid-March.';
  const events = dated(text, '2024-06-18', [{ word: 'signed' }, { word: 'join', modality: 'future' }]);
  assert.deepEqual(dates(events), [
    ['2024-05', 'month'],
    ['2025-03', 'month'],
  ]);
});

test('chrono without the parsers a sentence cannot trigger finds exactly what full chrono finds', () => {
  const sentences = [
    'The ceasefire took effect at 3pm on 12/05/2024, after talks on 2023-11-02 and in 1999.',
    'Talks resume on the second of March, the ministry said in a statement.',
    'The envoy arrives Sunday and leaves early next week, aides said on Sat.',
    'Officials met yesterday and will meet again tonight or tomorrow.',
    'Shelling resumed this morning and went on past midnight.',
    'Funding for the mission runs out at the end of the month.',
    'Two days ago the army withdrew; three weeks later it came back.',
    'Over the past two weeks, and for a few hours before the vote, prices rose.',
    'The minister may decide within a day whether to sign.',
    'Protesters marched peacefully through the capital.',
  ];
  const ref = { instant: new Date(Date.UTC(2024, 6, 11, 12)), timezone: 0 };
  const read = (results: chrono.ParsedResult[]) =>
    results.map((r) => [r.index, r.text, r.start.date().toISOString(), ...(['year', 'month', 'day', 'weekday'] as const).map((u) => r.start.isCertain(u))]);
  for (const s of sentences) assert.deepEqual(read(chronoFor(s).parse(s, ref, { forwardDate: false })), read(chrono.en.parse(s, ref, { forwardDate: false })), s);
  // If a chrono release renamed its parser classes, trimming would silently stop: say so here.
  assert.ok(sentences.some((s) => chronoFor(s).parsers.length < chrono.en.casual.parsers.length));
});

test('the bound of a duration ("since November", "until March") does not date an act', () => {
  const events = dated('Police arrested the former minister, who had stayed abroad since November.', '2024-04-06', [{ word: 'arrested' }]);
  assert.deepEqual(dates(events), [['2024-04-06', 'day']]);
  assert.equal(events[0]!.dateBasis, 'publication');
});

test('a bound with an article or a possessive before it ("since the March 2021 vote") does not date an act either', () => {
  const events = dated('Canada blacklisted two police commanders under a law against abuses since the March 2021 vote.', '2024-04-06', [{ word: 'blacklisted' }]);
  assert.deepEqual(dates(events), [['2024-04-06', 'day']]);
});

test('the story\'s day is the latest past day its lead names, even one no event carries', () => {
  // 2024-04-06 is a Saturday.
  const text = 'The president moved to cut ties with Chile.\n\nAfter talks on Thursday, he made the announcement on Friday evening.';
  const [e] = dated(text, '2024-04-06', [{ word: 'cut' }]);
  assert.deepEqual([e!.date, e!.dateBasis], ['2024-04-05', 'context']);
});

test('"later in the day" dates nothing of its own; an act told as done is not dated by a time to come', () => {
  // 2024-01-16 is a Tuesday.
  const text = 'Rebels attacked a tanker on Monday.\n\nLater in the day, a second missile struck a cargo ship.';
  const [, second] = dated(text, '2024-01-16', [{ word: 'attacked' }, { word: 'struck' }]);
  assert.equal(second!.date, '2024-01-15');
  const [agreed] = dated('Chile and Peru agreed on Saturday to resume negotiations next month.', '2024-01-16', [{ word: 'agreed' }]);
  assert.equal(agreed!.date, '2024-01-13');
});

test('"over a week after" dates its clause a week before, to the month; "since 2011" does not make an act historical', () => {
  // 2022-11-02 is a Wednesday.
  const text = 'Just over a week after talks between Chile and Peru began in Quito, both sides signed a truce.';
  const [talks] = dated(text, '2022-11-02', [{ word: 'talks' }]);
  assert.deepEqual([talks!.date, talks!.datePrecision], ['2022-10', 'month']);
  const e = analyzeArticle({ path: 't', format: 'text', text: 'During the first summit between Chile and Peru since 2011, Chile and Peru agreed to resume security talks.', published: '2023-03-16' }, kb).events.find((x) => x.type === 'AGREE');
  assert.ok(e && e.modality !== 'historical', JSON.stringify(e?.modality));
});

test('an after-clause act before a day to come takes the story\'s day', () => {
  // 2025-04-12 is a Saturday.
  const text = 'Chile and Peru agreed on Saturday to meet again.\n\nThey agreed to meet again next month after wrapping up two days of negotiations in Quito.';
  const [, talks] = dated(text, '2025-04-12', [{ word: 'agreed' }, { word: 'negotiations' }]);
  assert.deepEqual([talks!.date, talks!.dateBasis], ['2025-04-12', 'context']);
});

test('a relative clause after the act dates its own verb, not the act', () => {
  // 2023-03-16 is a Thursday.
  const text = 'Chile and Peru agreed on Thursday to restore a fishing pact which Lima scrapped in 2019.';
  const [agreed] = dated(text, '2023-03-16', [{ word: 'agreed' }]);
  assert.equal(agreed!.date, '2023-03-16');
  const [later] = dated('Chile and Peru agreed to restore a fishing pact which Lima scrapped in 2019.', '2023-03-16', [{ word: 'agreed' }]);
  assert.notEqual(later!.date, '2019');
});
