import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeArticle, analyzeCorpus, loadKnowledge } from '../pipeline.js';
import type { Doc } from '../types.js';

const kb = loadKnowledge();

function doc(id: string, outlet: string, text: string): Doc {
  return analyzeArticle({ path: `${id}.txt`, id, format: 'text', title: null, outlet, published: '2025-09-01', text }, kb);
}

const ACCUSATION = [
  'RIGA — Latvia on Monday accused Belarus of pushing migrants across the frontier near Daugavpils.',
  '"Belarus has engineered this crisis to test Europe," Latvian Prime Minister Evika Silina said.',
].join('\n\n');

const DENIAL = [
  'MINSK — Belarus on Monday rejected accusations from Latvia that it is pushing migrants across the frontier.',
  '"Belarus did not create the migration crisis," Foreign Ministry spokesman Anatoly Glaz said.',
].join('\n\n');

test('an accusation and the accused\'s denial make one claim with evidence on both sides', () => {
  const docs = [doc('acc', 'Wire One', ACCUSATION), doc('den', 'Minsk Daily', DENIAL)];
  const out = analyzeCorpus(docs);
  const claim = out.claims.find((c) => c.proposition === 'BLR engineered the migrant crisis');
  assert.ok(claim, `claims: ${out.claims.map((c) => c.proposition).join('; ')}`);
  assert.ok(claim.assertedBy.includes('LVA'));
  assert.deepEqual(claim.deniedBy, ['BLR']);
  for (const e of claim.evidence) {
    const found = e.kind === 'event' ? out.events.some((x) => x.id === e.id && x.article === e.article) : out.quotes.some((x) => x.id === e.id && x.article === e.article);
    assert.ok(found, `evidence ${e.kind} ${e.id} exists`);
  }
  assert.ok(claim.evidence.some((e) => e.side === 'assert' && e.article === 'acc'));
  assert.ok(claim.evidence.some((e) => e.side === 'deny' && e.article === 'den'));
  // The comparison shows which outlet carries which side.
  const story = out.stories.find((s) => s.articles.includes('acc'))!;
  const sides = Object.fromEntries(story.comparison!.outlets.map((o) => [o.outlet, o.claims.find((c) => c.claim === claim.id)?.sides]));
  assert.deepEqual(sides['Wire One'], ['assert']);
  assert.deepEqual(sides['Minsk Daily'], ['deny']);
});

test('a denial with no accusation behind it, a bare report or an accusation avoided is no claim', () => {
  const out = analyzeCorpus([
    doc('den', 'Minsk Daily', DENIAL),
    doc('war', 'Wire One', 'KYIV — Russia\'s war against Ukraine entered its fourth year on Monday, and Ukrainian officials said talks in Geneva had stalled.'),
    doc('avoid', 'Wire Two', 'ANKARA — Turkey has carefully avoided blaming Moscow for the attacks on grain ships, diplomats said.'),
  ]);
  assert.deepEqual(out.claims, []);
});

test('an accusation no template knows still makes a claim: "accused X of Y" gives "X is guilty of Y"', () => {
  const out = analyzeCorpus([
    doc('acc', 'Wire One', 'LIMA — Peru on Monday accused Chile of illegal fishing near the maritime border, and summoned the Chilean ambassador.'),
    doc('den', 'Santiago Daily', 'SANTIAGO — Chile on Monday rejected the accusation from Peru over illegal fishing near the maritime border, calling it baseless.'),
  ]);
  const claim = out.claims.find((c) => c.proposition === 'CHL is guilty of illegal fishing');
  assert.ok(claim, `claims: ${out.claims.map((c) => c.proposition).join('; ')}`);
  assert.deepEqual(claim.assertedBy, ['PER']);
  assert.deepEqual(claim.deniedBy, ['CHL']);
});
