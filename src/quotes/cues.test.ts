// Every cue the quotes stage reads, on sentences of our own: which quote it finds, of
// which kind, and who says it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Quote } from '../types.js';
import { find, run } from './harness.js';

// [cue, text, fragment of the quote, kind, speaker's name]
const CASES: [string, string, string, Quote['kind'], string][] = [
  ['called for', 'Ana Costa called for “calm and restraint” on both sides.', 'calm and restraint', 'partial', 'Ana Costa'],
  ['called on', 'Wang Yi called on Tokyo to “return to reason”.', 'return to reason', 'partial', 'Wang Yi'],
  ['called X “Y”', 'Wang Yi called the tariffs “economic bullying”.', 'economic bullying', 'partial', 'Wang Yi'],
  ['asked, before', 'Ana Costa asked, “Who benefits from this war?”', 'Who benefits', 'direct', 'Ana Costa'],
  ['asked, after', '“Who benefits from this war?” asked Ana Costa.', 'Who benefits', 'direct', 'Ana Costa'],
  ['denied', '“We never sent troops,” Wang Yi denied.', 'never sent troops', 'direct', 'Wang Yi'],
  ['denied that', 'Wang Yi denied that the troops had crossed the border.', 'the troops had crossed', 'indirect', 'Wang Yi'],
  ['announced', 'Ana Costa announced: “The border opens tomorrow.”', 'border opens', 'direct', 'Ana Costa'],
  ['warned that', 'Wang Yi warned that “nobody wins a trade war”.', 'nobody wins', 'partial', 'Wang Yi'],
  ['warned, dash', 'Wang Yi warned — “nobody wins a trade war.”', 'nobody wins', 'direct', 'Wang Yi'],
  ['according to X, before a quote', 'According to Wang Yi, “the plan is dead”.', 'the plan is dead', 'direct', 'Wang Yi'],
  ['according to X, inside the sentence', 'The plan, according to Wang Yi, is dead on arrival.', 'dead on arrival', 'indirect', 'Wang Yi'],
  ['according to a poll by X', 'Most voters are unhappy, according to a poll by the Pew Research Center.', 'Most voters', 'indirect', 'the Pew Research Center'],
  ['according to a toll compiled by X', 'Nine miners died, according to a count compiled by the regional labour office.', 'Nine miners died', 'indirect', 'the regional labour office'],
  ['as reported by', 'The talks failed, as reported by Japan’s public broadcaster.', 'The talks failed', 'indirect', 'Japan’s public broadcaster'],
  ['colon after a clause with no cue', 'Wang Yi was blunt: “The talks are over.”', 'talks are over', 'direct', 'Wang Yi'],
  ['colon after a message from X', 'The message from Ana Costa was clear: “We will not back down.”', 'not back down', 'direct', 'Ana Costa'],
  ['a name alone before a colon', 'Omar Haddad: “We lost everything.”', 'lost everything', 'direct', 'Omar Haddad'],
  ['dash after a clause with no cue', 'Ana Costa had one message — “we will not back down.”', 'not back down', 'direct', 'Ana Costa'],
  ['nested straight quotes', '"The chant was "no more war" all night," Ana Costa said.', 'all night', 'direct', 'Ana Costa'],
  ['nested curly quotes', '“He told us “leave now” and left,” Ana Costa said.', 'and left', 'direct', 'Ana Costa'],
  ['a body with its acronym in brackets', 'The Economic Community of West African States (ECOWAS) criticised the putsch in a communique, stating it “rejects any seizure of power”.', 'seizure of power', 'partial', 'ECOWAS'],
];

for (const [cue, text, fragment, kind, speaker] of CASES) {
  test(`cue: ${cue}`, () => assert.equal(find(run(text), fragment, kind).speaker?.name, speaker));
}

test('a colon after a clause or a phrase that names no one attributes nothing', () => {
  assert.equal(find(run('The result is clear: “a deep crisis”.'), 'deep crisis', 'scare').speaker, null);
  assert.equal(find(run('The verdict: “a deep crisis”.'), 'deep crisis', 'scare').speaker, null);
});

test('nested quotes keep the outer quote whole', () => {
  assert.equal(find(run('"The chant was "no more war" all night," Ana Costa said.'), 'all night').text, 'The chant was "no more war" all night,');
});

test('a number alone is no speaker', () => {
  assert.deepEqual(run('Some 4,000 confirmed dead were buried on Sunday.').quotes, []);
});
