// Property test: whatever sentences an article is made of (their shape, case,
// word order, Unicode, size), the whole pipeline analyses it without failing,
// and every offset it reports lies inside the cleaned body and points at the
// text it claims to. fast-check searches the space and shrinks a failure to a
// small counterexample; the seed is fixed so that CI runs the same cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeBatch, analyzeCorpus, loadKnowledge } from './pipeline.js';
import type { Doc, RawArticle } from './types.js';
import { SAMPLES } from './cli/analyze.js';
import { ingest } from './ingest/index.js';

const kb = loadKnowledge();

// Sentences of our own in the shapes news takes: reported speech, quotes,
// contractions, datelines, lists, numbers, and the forms that once made an
// article fail ("They cannot.").
const OWN = [
  'They cannot.',
  "He won't.",
  "We can't and we shan't, she said.",
  'Norway accused Russia of pumping smog into the fjords on Monday.',
  'Russia rejected the accusations as baseless, its foreign ministry said.',
  '“We call on Chile to stop the escalation immediately,” Foreign Minister Ada Example said.',
  'The president met his counterpart from Kenya in Nairobi on 3 March 2025 to discuss trade.',
  'OSLO (Example Wire) - Police arrested 12 protesters outside the embassy.',
  'Officials denied it.',
  'Troops were deployed near the border, the army said in a statement late on Friday.',
  '"It is a lie," he said. "A blatant lie."',
  'Gunmen killed nine farmers when they attacked the village, a resident said.',
  'The talks, which began last week, are expected to continue next month.',
  'It said: “No.”',
  'Ghana expelled two diplomats in retaliation.',
  'He said that the agreement must be honoured by both sides.',
  'Prices rose 4.5% in May; analysts expect 3% by 2026.',
  'Who said what?',
  '...',
  '“',
  '” he said',
  '- 1.',
  'NATO, the EU and the UN urged restraint.',
  'Its the end.',
  // Found by this test (seed 99): an accusation cut off at the end of the article.
  'Manila used the meeting to accuse China of',
];

// And the sentences of the sample corpus (written for dyad), as `dyad analyze` reads them.
const SAMPLE_SENTENCES = (await ingest([SAMPLES])).articles
  .flatMap((a) => a.text.split(/(?<=[.!?”"])\s+|\n+/))
  .map((x) => x.trim())
  .filter((x) => x.length > 0 && x.length < 400);
const SENTENCES = [...OWN, ...SAMPLE_SENTENCES];

// Characters that have tripped up tokenisers and offset arithmetic: astral
// emoji (two UTF-16 units), combining marks, zero-width and bidi controls,
// non-breaking and ideographic spaces, quotes of every kind, CJK, Arabic,
// the long s and the Kelvin sign (which case-fold under /u).
const ODD = ['😀', '👍🏽', 'e\u0301', '\u200b', '\u200e', '\u202e', '\u00a0', '\u3000', '«', '»', '„', '‚', '’', '"', "'", '中国', 'مصر', 'ſ', '\u212a', '\ufeff', '\t', '—', '…', '\u2028'];

const word = fc.oneof(
  fc.constantFrom(...SENTENCES.flatMap((s) => s.split(' '))),
  fc.constantFrom(...ODD),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
);

/** A sentence: a real one as written, or one made odd. */
const sentence = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SENTENCES) },
  fc.constantFrom(...SENTENCES).map((s) => s.toLowerCase()),
  fc.constantFrom(...SENTENCES).map((s) => s.toUpperCase()),
  // Shuffled words: the grammar is gone, the vocabulary stays.
  fc.tuple(fc.constantFrom(...SENTENCES), fc.nat()).map(([s, seed]) => shuffle(s.split(' '), seed).join(' ')),
  fc.array(word, { minLength: 1, maxLength: 30 }).map((ws) => ws.join(' ')),
  // An odd character dropped somewhere into a real sentence.
  fc.tuple(fc.constantFrom(...SENTENCES), fc.constantFrom(...ODD), fc.nat()).map(([s, c, at]) => s.slice(0, at % (s.length + 1)) + c + s.slice(at % (s.length + 1))),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** Sentences joined into lines and paragraphs with the separators files use. */
const text = fc
  .array(fc.tuple(sentence, fc.constantFrom(' ', ' ', '\n', '\n\n', '\r\n', '\n\n\n', '  ', '\t')), { minLength: 1, maxLength: 40 })
  .map((parts) => parts.map(([s, sep]) => s + sep).join(''))
  .filter((t) => t.trim().length > 0);

/** Sometimes all in one case, sometimes long: one shape repeated into hundreds of lines or one endless line. */
const article = fc.oneof(
  { weight: 5, arbitrary: text },
  // A whole text in one case: dyad restores its capitals before reading it.
  text.map((t) => t.toLowerCase()),
  text.map((t) => t.toUpperCase()),
  fc.tuple(text, fc.integer({ min: 20, max: 300 }), fc.constantFrom('\n', ' ', '\n\n')).map(([t, n, sep]) => Array.from({ length: n }, () => t.trim()).join(sep)),
);

function shuffle<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Every span a document reports, as [what, start, end, text it says is there]. */
function spans(doc: Doc): [string, number, number, string | undefined][] {
  const out: [string, number, number, string | undefined][] = [];
  for (const p of doc.paragraphs) out.push(['paragraph', p.start, p.end, undefined]);
  for (const s of doc.sentences) out.push(['sentence', s.start, s.end, undefined]);
  for (const t of doc.tokens) out.push(['token', t.start, t.end, t.text]);
  for (const m of doc.mentions) out.push(['mention', m.start, m.end, m.text]);
  for (const e of doc.entities) for (const m of e.mentions) out.push(['entity mention', m.start, m.end, m.text]);
  for (const q of doc.quotes) out.push(['quote', q.start, q.end, undefined]);
  for (const e of doc.events) {
    out.push(['evidence', e.evidence.start, e.evidence.end, e.evidence.text]);
    if (e.triggerStart !== undefined) out.push(['trigger', e.triggerStart, e.triggerEnd ?? -1, e.trigger ?? undefined]);
    if (e.dateStart !== undefined) out.push(['date', e.dateStart, e.dateEnd ?? -1, e.dateText ?? undefined]);
  }
  return out;
}

test('no sentence shape, case, order, Unicode or size makes an article fail, and offsets stay inside the body', () => {
  fc.assert(
    fc.property(fc.array(article, { minLength: 1, maxLength: 3 }), (texts) => {
      const raws: RawArticle[] = texts.map((t, i) => ({ path: `fuzz/${i}.txt`, format: 'text', id: `fuzz-${i}`, text: t }));
      const { analysed, errors } = analyzeBatch(raws, kb);
      assert.deepEqual(errors, []);
      assert.equal(analysed.length, raws.length);
      const docs = analysed.map((a) => a.doc);
      // The corpus stages see them together, as `dyad analyze` does.
      const out = analyzeCorpus(docs, [], kb.user);
      assert.deepEqual(out.errors, []);
      for (const doc of docs) {
        const body = doc.article.body;
        for (const [what, start, end, said] of spans(doc)) {
          assert.ok(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= body.length, `${what} [${start}, ${end}) outside a body of ${body.length}`);
          if (said !== undefined && what !== 'trigger') assert.equal(body.slice(start, end), said, `${what} text`);
        }
      }
    }),
    // DYAD_FUZZ_RUNS and DYAD_FUZZ_SEED search further by hand; CI keeps the fixed, modest run.
    { seed: Number(process.env.DYAD_FUZZ_SEED ?? 20_260_513), numRuns: Number(process.env.DYAD_FUZZ_RUNS ?? 150) },
  );
});
