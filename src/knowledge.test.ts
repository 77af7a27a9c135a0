import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LexiconError, readUserLexicons } from './knowledge.js';

const dir = mkdtempSync(join(tmpdir(), 'dyad-lexicon-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

test('sections of several lexicon files are merged in order', () => {
  const a = file('a.yaml', 'verbs:\n  - { lemma: parley }\npeople:\n  - { name: Ada Example }\n');
  const b = file('b.json', '{"verbs": [{"lemma": "palaver"}]}');
  const merged = readUserLexicons([a, b]);
  assert.deepEqual(merged.verbs, [{ lemma: 'parley' }, { lemma: 'palaver' }]);
  assert.equal(merged.people?.length, 1);
});

test('a misspelt section, a non-list section or a broken file is refused, naming the file', () => {
  const cases = [
    [file('typo.yaml', 'peopel: []\n'), /typo\.yaml: unknown section 'peopel'/],
    [file('scalar.yaml', 'verbs: parley\n'), /scalar\.yaml: section 'verbs' must be a list/],
    [file('list.yaml', '- verbs\n'), /list\.yaml: a lexicon file must map section names/],
    [file('broken.yaml', 'verbs: [unclosed\n'), /broken\.yaml: cannot read lexicon/],
    [join(dir, 'missing.yaml'), /missing\.yaml: cannot read lexicon/],
  ] as const;
  for (const [path, message] of cases) {
    assert.throws(() => readUserLexicons([path]), (err: unknown) => err instanceof LexiconError && message.test(err.message));
  }
});
