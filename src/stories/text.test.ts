import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashString } from './hash.js';
import { normalizedHash, skeleton, terms, words } from './text.js';

/** The normal form spelled as a regular expression: the definition the streamed hash must agree with. */
const form = (text: string) => text.toLowerCase().replace(/[\s"'“”‘’`.,;:!?()[\]{}\-–—]+/g, ' ').trim();

test('the streamed normal-form hash equals the hash of the normal form, word count included', () => {
  for (const text of [
    '',
    '  \n ',
    'Ministers met (again) in Lisbon — “briefly” — on Friday; talks resume next week!',
    '\u00a0Trade rose 4.5% in the quarter,\u2028officials said.\ufeff',
    "Oslo's [draft] {text} – a `long` one?",
    'ONE',
  ]) {
    const { hash, words } = normalizedHash(text);
    assert.equal(hash, hashString(form(text)), JSON.stringify(text));
    assert.equal(words, form(text).split(' ').length, JSON.stringify(text));
  }
});

test('the skeleton leaves out capitals that open a sentence, a line or a quote', () => {
  assert.deepEqual(skeleton('Talks in Lisbon ended. Ministers from Peru left.\nNext came "Quito" and 12 delegates, with Bogota: Lima too'), [
    'lisbon',
    'peru',
    '12',
    'bogota',
  ]);
});

test('terms drop stopwords and bare numbers and fold plurals and possessives', () => {
  assert.deepEqual(terms(['the', 'sanctions', "sanction's", '2024', 'x', 'press', 'oslo’s']), ['sanction', 'sanction', 'press', 'oslo']);
});

test('words keep apostrophes inside words, split elsewhere and read letters beyond ASCII', () => {
  assert.deepEqual(words("Oslo’s DON'T 12ab'cd x'9 São Paulo — l'été 𝐀b ½"), ['oslo’s', "don't", "12ab'cd", 'x', '9', 'são', 'paulo', "l'été", '𝐀b', '½']);
});
