// Event dates on the seed articles, through the whole real pipeline. The seeds
// are read from ../shared at test time and never copied into the project.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seedDocs, seedsAbsent } from '../testing/seeds.js';
import type { Doc, PloverEvent } from '../types.js';

/** Seed file prefix, trigger word stems, a word of the trigger's sentence, and the expected date. */
const EXPECTED: { seed: string; stems: string[]; near: string; date: string }[] = [
  { seed: '000', stems: ['accus'], near: 'Thursday', date: '2024-07-11' },
  { seed: '000', stems: ['label'], near: 'day after', date: '2024-07-10' },
  { seed: '002', stems: ['urg'], near: 'Tuesday', date: '2024-06-18' },
  { seed: '002', stems: ['demand'], near: 'Monday', date: '2024-06-17' },
  { seed: '002', stems: ['express', 'concern'], near: 'G7', date: '2024-06-14' },
  { seed: '004', stems: ['meet', 'met', 'agree', 'publish'], near: 'Friday', date: '2022-02-04' },
  { seed: '004', stems: ['said', 'say', 'support'], near: 'Ushakov', date: '2021-12' },
];

function triggerWords(doc: Doc, e: PloverEvent): string[] {
  const text = e.triggerStart !== undefined && e.triggerEnd !== undefined ? doc.article.body.slice(e.triggerStart, e.triggerEnd) : e.trigger;
  return text.toLowerCase().split(/\s+/);
}

test('seed events carry the dates of the hand annotation', async (t) => {
  if (seedsAbsent(t)) return;
  const docs = await seedDocs();
  if ([...docs.values()].every((d) => d.events.length === 0)) return t.skip('the events stage produces no events yet');
  let checked = 0;
  for (const x of EXPECTED) {
    const doc = docs.get(x.seed)!;
    const body = doc.article.body;
    const hits = doc.events.filter((e) => {
      const at = e.triggerStart ?? e.evidence.start;
      const sentence = doc.sentences.find((s) => s.start <= at && at < s.end);
      return sentence && body.slice(sentence.start, sentence.end).includes(x.near) && triggerWords(doc, e).some((w) => x.stems.some((s) => w.startsWith(s)));
    });
    if (hits.length === 0) {
      t.diagnostic(`seed ${x.seed}: no event triggered by ${x.stems.join('/')} near '${x.near}'`);
      continue;
    }
    checked++;
    for (const e of hits) assert.equal(e.date, x.date, `seed ${x.seed}: '${e.trigger}' near '${x.near}' (${e.dateText ?? 'no time words'})`);
  }
  assert.ok(checked > 0, 'events exist but none of the annotated triggers was found');
});
