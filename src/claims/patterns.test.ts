import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anyOf, exec, isPlain, pattern } from './patterns.js';

const TEXTS = [
  'The ministry called the report baseless and said it never shipped any missiles.',
  'Officials DENIED the ALLEGATIONS within hours, calling them “fake news”.',
  'Talks resumed in Geneva after a pause of two weeks.',
];

test('a plain twin finds the same match as the unicode pattern on plain text', () => {
  for (const source of ['\\b(baseless|groundless)\\b', '\\bden(y|ies|ied)\\b.{0,30}\\ballegations?\\b', '\\bnever (shipped|sent)\\b.{0,40}\\bmissiles?\\b', '[“"]fake news[”"]']) {
    const p = pattern(source, 'iu');
    assert.ok(p.plain, source);
    for (const text of TEXTS) {
      assert.ok(isPlain(text));
      assert.deepEqual(exec(p, text, true)?.index, p.full.exec(text)?.index, `${source} on ${text}`);
    }
  }
});

test('texts and patterns on which the modes can disagree keep the unicode pattern', () => {
  // The long s case-folds to s only under the u flag.
  const text = 'They called it ſlander.';
  assert.equal(isPlain(text), false);
  const p = pattern('\\bslander\\b', 'iu');
  assert.equal(exec(p, text, isPlain(text))?.index, 15);
  assert.equal(pattern('\\p{Lu}\\w+', 'iu').plain, null);
  assert.equal(pattern('straße', 'iu').plain, null);
});

test('anyOf matches exactly the texts one of its patterns matches', () => {
  const patterns = ['\\b(baseless|groundless)\\b', '\\bden(y|ies|ied)\\b', '\\baccus\\w*\\s+(?<who>\\w+)'].map((s) => pattern(s, 'iu'));
  const any = anyOf(patterns)!;
  for (const text of [...TEXTS, 'Lima accused Quito of fishing.']) {
    assert.equal(any.test(text), patterns.some((p) => p.full.test(text)), text);
  }
  assert.equal(anyOf([...patterns, pattern('(a)\\1', 'iu')]), null);
});
