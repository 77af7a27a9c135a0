import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeArticle, loadKnowledge } from '../pipeline.js';
import type { Doc } from '../types.js';
import { annotate, StoryIndex } from './index.js';

const kb = loadKnowledge();

function doc(id: string, published: string, title: string, text: string, outlet = 'Test Wire'): Doc {
  return analyzeArticle({ path: `${id}.txt`, id, format: 'text', title, outlet, published, text }, kb);
}

const ORIGINAL = [
  'OSLO — Norway and Chile signed a fisheries agreement on Tuesday that opens 14 Chilean ports to Norwegian salmon vessels and sets a joint quota for the southern Pacific.',
  'Norwegian fisheries minister Kari Holm said the deal would protect 3,200 jobs in the northern county of Troms and bring stability to a trade worth 2.1 billion dollars a year.',
  'Chilean officials said the agreement followed eighteen months of talks in Valparaiso and Bergen, and that inspectors from both countries would check catches at sea.',
  'Environmental groups in Santiago criticised the quota, saying it ignored warnings from marine biologists about collapsing sardine stocks along the coast.',
  'The accord must still be ratified by the Chilean Congress, which is expected to vote on it before the end of March.',
].join('\n\n');

const EDITED = ORIGINAL.replace('OSLO — ', '')
  .replace('on Tuesday', 'this week')
  .replace('\n\nThe accord must still be ratified by the Chilean Congress, which is expected to vote on it before the end of March.', '');

const SPUN = [
  'OSLO — Norway and Chile inked a fishing pact on Tuesday that unlocks 14 Chilean harbours to Norwegian salmon boats and fixes a shared allowance for the southern Pacific.',
  'Norwegian fishing secretary Kari Holm stated the arrangement would safeguard 3,200 positions in the northerly region of Troms and deliver steadiness to a commerce valued at 2.1 billion bucks yearly.',
  'See also: Ten tricks to save on your electricity bill',
  'Chilean authorities stated the pact came after eighteen months of negotiations in Valparaiso and Bergen, and that examiners from the two nations would inspect hauls offshore.',
  'Ecological organisations in Santiago slammed the allowance, stating it overlooked cautions from ocean scientists regarding crumbling sardine populations down the shoreline.',
  'The treaty still needs approval by the Chilean Congress, which is anticipated to ballot on it prior to the close of March.',
].join('\n\n');

const INDEPENDENT = [
  'Chile will let Norwegian salmon ships use its southern harbours under a new accord with Oslo, a move that angered conservationists.',
  'The fisheries agreement, signed in Oslo, creates a joint Pacific quota. Chile hopes Norwegian investment will follow the Norwegian salmon fleet into its ports.',
  'Kari Holm, Norway\'s fisheries minister, called the accord a model for cooperation between Norway and Chile, and the Chilean Congress is due to vote on ratification in March.',
].join('\n\n');

const LOOKALIKE = [
  'Norway and Chile clashed on Monday over salmon farming rules at a meeting of fisheries ministers in Lima, weeks after signing a fisheries agreement.',
  'Norwegian fisheries minister Kari Holm walked out of the session when Chilean delegates proposed a ban on open-net pens, a diplomat said.',
  'The dispute puts the Pacific quota deal between Norway and Chile under strain, officials in both countries said.',
].join('\n\n');

test('copies point at the earliest copy with the right kind', () => {
  const docs = [
    doc('spun', '2025-01-15', 'Norway, Chile ink fishing pact', SPUN, 'Spin Farm'),
    doc('wire', '2025-01-14T06:00:00Z', 'Norway and Chile sign fisheries deal', ORIGINAL),
    doc('edit', '2025-01-14T09:00:00Z', 'Chile opens ports to Norway salmon fleet', EDITED, 'Daily Paper'),
    doc('reprint', '2025-01-14T10:30:00Z', 'Norway and Chile sign fisheries deal', ORIGINAL, 'Reprint Gazette'),
  ];
  const stories = annotate(docs);
  const byId = new Map(docs.map((d) => [d.article.id, d.article]));
  // The spun copy comes first in the input but a day later: publication times decide, not input order.
  assert.equal(byId.get('edit')!.duplicateOf, 'wire');
  assert.ok(byId.get('edit')!.flags.includes('copy-edited'));
  assert.equal(byId.get('reprint')!.duplicateOf, 'wire');
  assert.ok(byId.get('reprint')!.flags.includes('copy-verbatim'));
  assert.equal(byId.get('spun')!.duplicateOf, 'wire');
  assert.ok(byId.get('spun')!.flags.includes('spun-text'));
  assert.equal(byId.get('wire')!.duplicateOf, null);
  assert.equal(stories.length, 1);
  assert.equal(stories[0]!.origins, 1);
  assert.deepEqual([...stories[0]!.articles].sort(), ['edit', 'reprint', 'spun', 'wire']);
  assert.equal(stories[0]!.start, '2025-01-14');
  assert.equal(stories[0]!.end, '2025-01-15');
});

test('an independent report joins the story; a look-alike weeks later does not', () => {
  const docs = [
    doc('wire', '2025-01-14', 'Norway and Chile sign fisheries deal', ORIGINAL),
    doc('other', '2025-01-15', 'Chile opens harbours to Norwegian salmon fleet', INDEPENDENT, 'Other Daily'),
    doc('later', '2025-02-24', 'Norway and Chile clash over salmon farming', LOOKALIKE),
  ];
  const stories = annotate(docs);
  const byId = new Map(docs.map((d) => [d.article.id, d.article]));
  assert.equal(byId.get('other')!.duplicateOf, null);
  assert.equal(byId.get('other')!.story, byId.get('wire')!.story);
  assert.notEqual(byId.get('later')!.story, byId.get('wire')!.story);
  assert.equal(stories.length, 2);
  assert.equal(stories.find((s) => s.id === byId.get('wire')!.story)!.origins, 2);
});

test('the index is incremental: a later batch joins the stories already there', () => {
  const index = new StoryIndex();
  const [first] = index.add([doc('wire', '2025-01-14', 'Norway and Chile sign fisheries deal', ORIGINAL)]);
  const [second, third] = index.add([
    doc('other', '2025-01-15', 'Chile opens harbours to Norwegian salmon fleet', INDEPENDENT, 'Other Daily'),
    doc('reprint', '2025-01-16', 'Norway and Chile sign fisheries deal', ORIGINAL, 'Reprint Gazette'),
  ]);
  assert.equal(second!.story, first!.story);
  assert.equal(third!.story, first!.story);
  assert.equal(third!.duplicateOf, 'wire');
  assert.equal(third!.kind, 'copy-verbatim');
  assert.equal(index.stories().length, 1);
});

test('a story without a headline is named by its lead sentence until a headline joins', () => {
  const untitled = analyzeArticle({ path: 'a.txt', id: 'a', format: 'text', title: null, outlet: 'One', published: '2025-01-14', text: ORIGINAL }, kb);
  const [alone] = annotate([untitled]);
  assert.match(alone!.title, /^Norway and Chile signed a fisheries agreement .*…$/);
  const titled = doc('b', '2025-01-15', 'Chile opens harbours to Norwegian salmon fleet', INDEPENDENT, 'Other Daily');
  const [both] = annotate([untitled, titled]);
  assert.equal(both!.title, 'Chile opens harbours to Norwegian salmon fleet');
});

test('a reprint that keeps a stray credit line is still verbatim; a reworded paragraph makes it an edit', () => {
  const credited = `${ORIGINAL}\n\nReporting by Test Wire staff.`;
  const reworded = ORIGINAL.replace('Environmental groups in Santiago criticised the quota', 'Conservationists based in Santiago attacked the new quota');
  const docs = [
    doc('wire', '2025-01-14T06:00:00Z', 'Norway and Chile sign fisheries deal', ORIGINAL),
    doc('credited', '2025-01-14T07:00:00Z', 'Norway and Chile sign fisheries deal', credited, 'Reprint Gazette'),
    doc('reworded', '2025-01-14T08:00:00Z', 'Norway and Chile sign fisheries deal', reworded, 'Daily Paper'),
  ];
  annotate(docs);
  assert.equal(docs[1]!.article.duplicateOf, 'wire');
  assert.ok(docs[1]!.article.flags.includes('copy-verbatim'), docs[1]!.article.flags.join());
  assert.equal(docs[2]!.article.duplicateOf, 'wire');
  assert.ok(docs[2]!.article.flags.includes('copy-edited'), docs[2]!.article.flags.join());
});

/** Every order of a list. */
function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

test('look-alikes of one day: the outlet crediting itself is the original, whatever the input order', () => {
  const credited = ORIGINAL.replace('OSLO — ', 'OSLO (Test Wire) — ');
  const make = () => [
    doc('a-reprint', '2025-01-14', 'Norway and Chile sign fisheries deal', credited, 'Reprint Gazette'),
    doc('b-edit', '2025-01-14', 'Chile opens ports to Norway salmon fleet', EDITED, 'Daily Paper'),
    doc('c-wire', '2025-01-14', 'Norway and Chile sign fisheries deal', credited, 'Test Wire'),
    doc('d-later', '2025-01-14T18:00:00Z', 'Norway and Chile sign fisheries deal', ORIGINAL, 'Evening Post'),
  ];
  const verdicts = new Set<string>();
  for (const order of permutations([0, 1, 2, 3])) {
    const docs = make();
    const stories = annotate(order.map((i) => docs[i]!));
    const by = new Map(docs.map((d) => [d.article.id, d.article]));
    // The reprint names the wire in its dateline; the uncredited edit is no original either.
    assert.equal(by.get('c-wire')!.duplicateOf, null);
    assert.equal(by.get('a-reprint')!.duplicateOf, 'c-wire');
    assert.ok(by.get('a-reprint')!.flags.includes('copy-verbatim'));
    assert.equal(by.get('b-edit')!.duplicateOf, 'c-wire');
    assert.equal(by.get('d-later')!.duplicateOf, 'c-wire');
    verdicts.add(JSON.stringify([stories, docs.map((d) => [d.article.id, d.article.story, d.article.duplicateOf, d.article.flags])]));
  }
  assert.equal(verdicts.size, 1, 'the same stories, ids and copies for all 24 orders');
});

test('a stored article re-annotated loses a copy flag that no longer holds', () => {
  const lone = doc('lone', '2025-01-14', 'Norway and Chile sign fisheries deal', ORIGINAL);
  lone.article.flags.push('copy-verbatim');
  lone.article.duplicateOf = 'gone';
  annotate([lone]);
  assert.equal(lone.article.duplicateOf, null);
  assert.deepEqual(lone.article.flags.filter((f) => f.startsWith('copy') || f === 'spun-text'), []);
});
