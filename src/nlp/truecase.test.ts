import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeArticle, loadKnowledge } from '../pipeline.js';
import { caseless, restoreCase } from './truecase.js';

const kb = loadKnowledge();
const codes = (xs: { actor: string | null }[]) => xs.map((a) => a.actor);

test('caseless text is told from text in normal case', () => {
  assert.equal(caseless('gunmen killed nine farmers in a village near the border on sunday.'), 'lower');
  assert.equal(caseless('GUNMEN KILLED NINE FARMERS IN A VILLAGE NEAR THE BORDER ON SUNDAY.'), 'upper');
  assert.equal(caseless('Gunmen killed nine farmers in a village near the border on Sunday.'), null);
  assert.equal(caseless('ok.'), null);
});

test('names and sentence starts get their capitals back, at the same length', () => {
  const text = 'ghanaian police arrested 40 miners in kumasi on friday. the un condemned it.';
  const restored = restoreCase(text, kb.truecase)!;
  assert.equal(restored.length, text.length);
  assert.match(restored, /^Ghanaian police/);
  assert.match(restored, /on Friday\. The UN condemned/);
  // Common words that are also names keep the text's case.
  assert.match(restoreCase('protesters may march to the ministry of defence on monday.', kb.truecase)!, /may march/);
});

test('all-lowercase and ALL-CAPS text give the same events as normal case', () => {
  const normal = 'Chilean police fired tear gas at students in Santiago on Tuesday and arrested dozens of protesters.';
  const read = (text: string) => analyzeArticle({ path: 'x.txt', format: 'text', text, published: '2024-05-09' }, kb);
  const want = read(normal).events.map((e) => [e.type, codes(e.source), codes(e.target), e.date]);
  assert.ok(want.length >= 2);
  for (const text of [normal.toLowerCase(), normal.toUpperCase()]) {
    const doc = read(text);
    assert.ok(doc.article.flags.includes('case-restored'));
    assert.deepEqual(doc.events.map((e) => [e.type, codes(e.source), codes(e.target), e.date]), want);
    // Offsets still index the text as written, letter for letter but case.
    for (const e of doc.events) assert.equal(e.evidence.text.toLowerCase(), text.slice(e.evidence.start, e.evidence.end).toLowerCase());
  }
});

test('names of several words and possessives get their case back', () => {
  const restored = restoreCase('north korea fired a missile toward south korea, and nigeria’s army moved into katsina.', kb.truecase)!;
  assert.match(restored, /^North Korea fired/);
  assert.match(restored, /toward South Korea,/);
  assert.match(restored, /Nigeria’s army/);
  assert.match(restored, /into Katsina\./);
});

test('known parts of hyphenated words and model letters get their case; words of a body\'s name alone do not', () => {
  const restored = restoreCase('strikes hit pakistan-controlled areas, and a thai f-16 jet bombed russian-made radars.', kb.truecase)!;
  assert.match(restored, /Pakistan-controlled/);
  assert.match(restored, /F-16/);
  assert.match(restored, /Russian-made/);
  // "nation", "council", "security" are words of names of several words, not names alone.
  assert.match(restoreCase('the gulf nation told the council that security had improved.', kb.truecase)!, /nation told the council that security/);
});

test('a lower-case wire dateline with a month abbreviation is read as one', () => {
  const doc = analyzeArticle({ path: 'd', format: 'text', text: 'accra, feb 10 (reuters) - ghana and togo agreed on sunday to reopen their border after months of tension.', published: '2025-02-10' }, kb);
  assert.equal(doc.article.dateline, 'Accra');
  assert.ok(doc.events.some((e) => e.type === 'AGREE' && !e.source.some((a) => a.text === 'Accra')));
});

test('a name that is also a common word keeps the text\'s case on its own; a name opening a sentence gets its capital', () => {
  const restored = restoreCase('one student, who asked not to be named, said they would work with the un.\n\nthe united nations urged calm.', kb.truecase)!;
  assert.match(restored, /, who asked/);
  assert.match(restored, /\n\nThe United Nations/);
});
