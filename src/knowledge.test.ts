import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { dataPath, LexiconError, readData, readUserLexicons } from './knowledge.js';

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

test('YAML data read through the JSON cache equals the YAML itself, cold and warm', () => {
  const text = readFileSync(dataPath('actors', 'roles.yaml'), 'utf8');
  const cached = fileURLToPath(new URL(`./.data-cache/${createHash('sha1').update(text).digest('hex')}.json`, import.meta.url));
  rmSync(cached, { force: true });
  const expected = parseYaml(text);
  assert.deepEqual(readData('actors', 'roles.yaml'), expected);
  assert.ok(existsSync(cached), 'the first read leaves a cache file named by the hash of the YAML text');
  assert.deepEqual(readData('actors', 'roles.yaml'), expected);
  // Each read hands out its own copy: a stage that edits what it loaded cannot change what the next one sees.
  assert.notEqual(readData('actors', 'roles.yaml'), readData('actors', 'roles.yaml'));
});
