// Speakers by the structure around a quote: appositions, relative clauses, sentence
// breaks inside the attribution, participles, bodies, descriptions. Own sentences only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { find, run, speakerOf } from './harness.js';

// [structure, text, fragment of the quote, speaker]
const CASES: [string, string, string, string][] = [
  ['two appositions joined by "and" between the speaker and the verb',
    '“The court is surrounded,” Omar Haddad, the party’s lawyer, and its deputy leader, posted on Monday.', 'court is surrounded', 'Omar Haddad'],
  ['an apposition with a place in it', '“This cannot be,” Luis Ortega, head of the consular section in Lima, told reporters. “It is outside every norm.”', 'cannot be', 'Luis Ortega'],
  ['…and the next quote of the paragraph', '“This cannot be,” Luis Ortega, head of the consular section in Lima, told reporters. “It is outside every norm.”', 'every norm', 'Luis Ortega'],
  ['a relative clause with no commas', '“They fired into the crowd,” one farmer who asked not to be named told the radio.\n\n“We want justice,” he added.', 'fired into the crowd', 'one farmer'],
  ['…and "he added" after it', '“They fired into the crowd,” one farmer who asked not to be named told the radio.\n\n“We want justice,” he added.', 'want justice', 'one farmer'],
  ['an inserted participle between the speaker and the verb', '“The talks failed,” Omar Haddad, speaking at the summit, said.', 'talks failed', 'Omar Haddad'],
  ['an inserted prepositional phrase between the speaker and the verb', '“The talks failed,” Omar Haddad, in a statement on Monday, said.', 'talks failed', 'Omar Haddad'],
  ['a speaker placed by "on"', 'A Reuters reporter on the scene confirmed that tear gas had been used.', 'tear gas had been used', 'A Reuters reporter'],
  ['a relative clause whose object stands before the verb', 'Some villagers that the agency managed to contact by telephone said they were sheltering indoors.', 'sheltering indoors', 'Some villagers'],
  ['a name after a description', '“We came for our future,” said 30-year-old protester Nino Beridze.', 'our future', 'Nino Beridze'],
  ['a seat of government speaks as itself', '"The talks failed," the Kremlin said in a statement.', 'talks failed', 'the Kremlin'],
  ['a body named with "of"', '"The talks failed," the ministry of foreign affairs said.', 'talks failed', 'the ministry of foreign affairs'],
];

for (const [structure, text, fragment, speaker] of CASES) {
  test(`speaker by structure: ${structure}`, () => assert.equal(speakerOf(run(text), fragment), speaker));
}

test('a quote ending in ! or ? keeps the attribution wink puts in a new sentence', () => {
  const doc = run('"We will not allow this!" Ana Costa wrote on her blog.\n\n“Who will pay for it?” Paulo Reis asked.');
  assert.equal(speakerOf(doc, 'not allow this', 'direct'), 'Ana Costa');
  assert.equal(speakerOf(doc, 'Who will pay', 'direct'), 'Paulo Reis');
});

test('a participle after a partial quote shares the sentence’s speaker', () => {
  const doc = run('Prime Minister Ana Costa said on Monday that the marches “are a lawful right”, adding that she had ordered an inquiry.');
  assert.equal(speakerOf(doc, 'lawful right', 'partial'), 'Ana Costa');
});

test('"said 30-year-old protester X" and "the 30-year-old added"', () => {
  const doc = run('“We came for our future,” said 30-year-old protester Nino Beridze.\n\nThe crowd grew.\n\n“We will stay,” the 30-year-old added.');
  assert.match(speakerOf(doc, 'our future', 'direct') ?? '', /Nino Beridze/);
  assert.match(speakerOf(doc, 'We will stay', 'direct') ?? '', /Nino Beridze/);
});

test('an abbreviated title is no name: "spokesman Brig. Gen. X said"', () => {
  const doc = run('“All ships are targets,” military spokesman Brig. Gen. Omar Haddad said in a statement.');
  assert.match(speakerOf(doc, 'All ships', 'direct') ?? '', /Omar Haddad/);
});

test('a statement signed by someone speaks for them, and "it said" after it too', () => {
  const doc = run('Soldiers appeared on state television.\n\n“We removed the leader,” said the statement signed by Omar Haddad.\n\n“His ambitions betrayed us,” it said.');
  assert.equal(speakerOf(doc, 'removed the leader', 'direct'), 'Omar Haddad');
  assert.equal(speakerOf(doc, 'ambitions betrayed', 'direct'), 'Omar Haddad');
});

test('a body speaks as itself, for its state: ministry, police, officials', () => {
  const doc = run([
    'Japan’s foreign ministry said the talks had failed.',
    '“We are ready to respond,” the ministry said in a statement.',
    'Lima acted, with Peruvian police stating that they had found “solid proof of bribery” in Peru.',
  ].join('\n\n'));
  const q = find(doc, 'ready to respond', 'direct');
  assert.equal(q.speaker?.name, 'Japan’s foreign ministry');
  assert.equal(q.speaker?.actor, 'JPN');
  const police = find(doc, 'solid proof', 'partial');
  assert.equal(police.speaker?.name, 'Peruvian police');
  assert.equal(police.speaker?.actor, 'PER');
});

test('"Canada’s foreign minister" is the foreign minister named before, not the prime minister', () => {
  const doc = run('Foreign Minister Melanie Joly met Indian officials. Prime Minister Justin Trudeau spoke later.\n\n“We expect answers,” Canada’s foreign minister said.');
  assert.equal(find(doc, 'expect answers', 'direct').speaker?.entity, 'person:melanie-joly');
});

test('"the protester" and "the minister" are the person named before', () => {
  const doc = run('Foreign Minister Wang Yi arrived in Tokyo.\n\n“The visit is overdue,” the minister said.');
  assert.equal(find(doc, 'overdue', 'direct').speaker?.entity, 'person:wang-yi');
});

test('"she" skips back over a speaker called "he" or "Mr" to the last one who may be "she"', () => {
  const doc = run('Ana Costa spoke.\n\n“We lost it all,” she said.\n\n“We will rebuild,” Omar Haddad said. “It takes time,” he added.\n\n“It was never safe,” she said.');
  assert.equal(speakerOf(doc, 'never safe', 'direct'), 'Ana Costa');
  assert.equal(speakerOf(doc, 'takes time', 'direct'), 'Omar Haddad');
  const titled = run('Mrs. Ana Costa said the bridge was unsafe.\n\n“We will rebuild,” Mr. Omar Haddad said.\n\n“It was never safe,” she said.');
  assert.equal(speakerOf(titled, 'never safe', 'direct'), 'Ana Costa');
});
