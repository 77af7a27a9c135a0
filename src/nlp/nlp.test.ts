import { test } from 'node:test';
import assert from 'node:assert/strict';
import { annotate, paragraphsOf } from './index.js';
import type { Sentence, Token } from '../types.js';

test('tokens carry offsets into the body', () => {
  const body = '“NATO’s claim is unreasonable,” Lin Jian said.\n\nHe did not say more…  U.S. officials left.';
  const { tokens } = annotate(body);
  for (const t of tokens) assert.equal(body.slice(t.start, t.end), t.text);
  assert.ok(tokens.some((t) => t.text === 'said' && t.lemma === 'say' && t.pos === 'VERB'));
});

test('sentences never cross a line break', () => {
  const body = 'Hong Kong\nNATO leaders said Wednesday that China is a backer';
  const { sentences, paragraphs } = annotate(body);
  assert.equal(paragraphs.length, 2);
  assert.equal(sentences.length, 2);
  assert.equal(body.slice(sentences[0]!.start, sentences[0]!.end), 'Hong Kong');
});

test('negation is flagged', () => {
  const { tokens } = annotate('China did not create the crisis.');
  assert.equal(tokens.find((t) => t.text === 'create')?.negated, true);
  assert.equal(tokens.find((t) => t.text === 'China')?.negated, false);
});

test('blank and padded lines are not paragraphs', () => {
  assert.deepEqual(paragraphsOf('  a b \n\n \nc'), [{ start: 2, end: 5 }, { start: 10, end: 11 }]);
});

test('reading the whole body gives what reading each paragraph alone gives', () => {
  const bodies = [
    'The ministers did not meet on Monday. They met on Tuesday instead.\n\n“We will not leave,” the envoy said.\n\nTalks resume next week.',
    // wink reads this sentence on across the single line break.
    'Talks resume\n\nThe envoy did not\nsay when.',
  ];
  for (const body of bodies) {
    const tokens: Token[] = [];
    const sentences: Sentence[] = [];
    paragraphsOf(body).forEach((para, p) => {
      const one = annotate(body.slice(para.start, para.end));
      const [s0, t0] = [sentences.length, tokens.length];
      for (const t of one.tokens) tokens.push({ ...t, start: t.start + para.start, end: t.end + para.start, sentence: t.sentence + s0 });
      for (const s of one.sentences) {
        sentences.push({ start: s.start + para.start, end: s.end + para.start, paragraph: p, firstToken: s.firstToken + t0, endToken: s.endToken + t0 });
      }
    });
    const got = annotate(body);
    assert.deepEqual(got.tokens, tokens);
    assert.deepEqual(got.sentences, sentences);
  }
});
