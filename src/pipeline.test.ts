import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ARTICLE_STAGES, analyzeArticle, analyzeBatch, analyzeCorpus, batches, loadKnowledge, readArticle } from './pipeline.js';
import { annotate as annotateEvents } from './events/index.js';
import type { RawArticle } from './types.js';
import { generateArticles } from './bench/corpus.js';
import { annotate as annotateClaims } from './claims/index.js';
import { MAX_SENTENCE_TOKENS } from './nlp/index.js';

const kb = loadKnowledge();
const raw = (path: string, text: string): RawArticle => ({ path, format: 'text', text, published: '2024-06-01' });

test('a batch gives what each article gives alone, in input order', () => {
  const raws = [raw('a.txt', 'France called on Germany to withdraw its troops.'), raw('b.txt', '“We will talk to Iran,” Biden said on Monday.')];
  const { analysed, errors } = analyzeBatch(raws, kb);
  assert.deepEqual(errors, []);
  assert.deepEqual(analysed.map((x) => x.raw), raws);
  assert.deepEqual(analysed.map((x) => x.doc), raws.map((r) => analyzeArticle(r, kb)));
});

test('an article a stage fails on is dropped with an error naming its file; the rest go on', () => {
  const broken = { ...raw('broken.json', ''), text: undefined } as unknown as RawArticle;
  const timings: Record<string, number> = {};
  const { analysed, errors } = analyzeBatch([raw('a.txt', 'Russia attacked Ukraine.'), broken, raw('c.txt', 'Chile hosted Peru.')], kb, timings);
  assert.deepEqual(analysed.map((x) => x.raw.path), ['a.txt', 'c.txt']);
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.file, 'broken.json');
  assert.match(errors[0]!.reason, /^analysis failed: /);
  assert.deepEqual(Object.keys(timings), ['clean+nlp', 'actors', 'quotes', 'events', 'time']);
});

test('batches cut a list in order, the last one short', () => {
  assert.deepEqual([...batches([1, 2, 3, 4, 5], 2)], [[1, 2], [3, 4], [5]]);
  assert.deepEqual([...batches([], 2)], []);
});

test('scare quotes are kept, marked, and left out of share of voice and claims', () => {
  const doc = analyzeArticle({ path: 's.txt', format: 'text', outlet: 'Example Times', text: 'The so-called “reset” between Ghana and Togo has stalled after months of talks.', published: '2024-02-02' }, kb);
  const scare = doc.quotes.filter((q) => q.kind === 'scare');
  assert.ok(scare.length > 0);
  const out = analyzeCorpus([doc]);
  for (const s of out.stories) for (const o of s.comparison?.outlets ?? []) assert.deepEqual(o.voices, []);
  assert.ok(out.claims.every((c) => c.evidence.every((e) => !scare.some((q) => q.id === e.id))));
});

test('contractions wink gives no lemma ("They cannot.") do not make an article fail', () => {
  const { analysed, errors } = analyzeBatch([raw('c.txt', 'They cannot.'), raw('d.txt', 'THEY CANNOT. We cannot and will not, the minister said.')], kb);
  assert.deepEqual(errors, []);
  assert.equal(analysed.length, 2);
  assert.ok(analysed[0]!.doc.tokens.every((t) => typeof t.lemma === 'string'));
});

test('an article that ends inside an accusation ("to accuse China of") does not fail', () => {
  const { analysed, errors } = analyzeBatch([raw('cut.txt', 'Manila used the meeting to accuse China of')], kb);
  assert.deepEqual(errors, []);
  assert.equal(analysed.length, 1);
});

test('a text of 150,000 short lines is analysed (no spread of every line into one call)', () => {
  const text = Array.from({ length: 150_000 }, (_, i) => `Line ${i} ok`).join('\n');
  const { analysed, errors } = analyzeBatch([raw('lines.txt', text)], kb);
  assert.deepEqual(errors, []);
  assert.equal(analysed.length, 1);
});

test('a text with no final punctuation is cut into sentences of bounded length', () => {
  const words = 'Kenya accused Uganda of arming rebels near the border and officials denied the reports ';
  const text = `Border row\n\n${words.repeat(400)}`;
  const { analysed, errors } = analyzeBatch([raw('np.txt', text)], kb);
  assert.deepEqual(errors, []);
  const doc = analysed[0]!.doc;
  assert.ok(doc.sentences.length > 10);
  for (const s of doc.sentences) assert.ok(s.endToken - s.firstToken <= MAX_SENTENCE_TOKENS);
  // Sentences still tile the paragraph's tokens in order.
  doc.sentences.forEach((s, i) => i > 0 && assert.equal(s.firstToken, doc.sentences[i - 1]!.endToken));
});

test('the claims stage does work in proportion to the article, not its square', () => {
  // Counted, not timed: regular expression runs while claims are found in one article, and in one four times as long.
  const paragraphs = generateArticles(60, 3).flatMap((a) => a.text.split('\n\n').slice(2)).filter((p) => /[.”]$/.test(p) && !/Sign up|Photo:|Reply/.test(p));
  const runs = (n: number) => {
    const doc = analyzeArticle(raw(`big${n}.txt`, `Big report\n\n${paragraphs.slice(0, n).join('\n\n')}`), kb);
    const { exec, test: check } = RegExp.prototype;
    let count = 0;
    RegExp.prototype.exec = function (this: RegExp, s: string) {
      count++;
      return exec.call(this, s);
    };
    RegExp.prototype.test = function (this: RegExp, s: string) {
      count++;
      return check.call(this, s);
    };
    try {
      annotateClaims([doc]);
    } finally {
      Object.assign(RegExp.prototype, { exec, test: check });
    }
    return count;
  };
  const n = Math.floor(paragraphs.length / 4);
  const small = runs(n);
  const large = runs(4 * n);
  assert.ok(large < 6 * small, `claims ran ${small} expressions on ${n} paragraphs, ${large} on ${4 * n}`);
});

test('the events stage looks at a number of items in proportion to the article, not its square', () => {
  // Counted, not timed: elements that array searches (find, some, every, filter, findIndex) are handed
  // while events are coded in one article, and in one four times as long.
  const paragraphs = generateArticles(60, 5).flatMap((a) => a.text.split('\n\n').slice(2)).filter((p) => /[.”]$/.test(p) && !/Sign up|Photo:|Reply/.test(p));
  const proto = Array.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const names = ['find', 'some', 'every', 'filter', 'findIndex'] as const;
  const looked = (n: number) => {
    const raws = raw(`events${n}.txt`, `Big report\n\n${paragraphs.slice(0, n).join('\n\n')}`);
    const doc = readArticle(raws, kb);
    for (const stage of ARTICLE_STAGES.slice(0, 2)) stage.run(doc, kb);
    const saved = names.map((k) => proto[k]!);
    let count = 0;
    names.forEach((k, i) => {
      proto[k] = function (this: unknown[], ...args: unknown[]) {
        count += this.length;
        return saved[i]!.apply(this, args);
      };
    });
    try {
      annotateEvents(doc, kb.events);
    } finally {
      names.forEach((k, i) => (proto[k] = saved[i]!));
    }
    return count;
  };
  const n = Math.floor(paragraphs.length / 4);
  const small = looked(n);
  const large = looked(4 * n);
  assert.ok(large < 6 * small, `events looked at ${small} items on ${n} paragraphs, ${large} on ${4 * n}`);
});
