import { test } from 'node:test';
import assert from 'node:assert/strict';
import { annotate as nlp } from '../nlp/index.js';
import { inflect, load } from './lexicon.js';
import { quoteSpans } from './marks.js';
import { find, run } from './harness.js';

function spans(text: string): string[] {
  return quoteSpans(text, nlp(text).paragraphs).map((s) => text.slice(s.start, s.end));
}

test('curly marks pair by direction and ’ inside words stays an apostrophe', () => {
  assert.deepEqual(spans('The envoy’s reply was “firm but fair,” and the union’s ‘red line’ held.'), ['firm but fair,', 'red line']);
});

test('straight marks pair by their neighbours', () => {
  assert.deepEqual(spans('"We are ready," she said, calling it a "first step" for \'both\' sides.'), ['We are ready,', 'first step', 'both']);
});

test('a quote left open runs into the next paragraph when that one opens with a mark', () => {
  const text = '“The first part goes on.\n\n“And the second part ends,” he said.';
  const got = quoteSpans(text, nlp(text).paragraphs);
  assert.equal(got.length, 2);
  assert.equal(got[0]!.chain, got[1]!.chain);
  assert.equal(text.slice(got[1]!.start, got[1]!.end), 'And the second part ends,');
});

test('an opening mark inside an open quote does not end it', () => {
  assert.deepEqual(spans('“Trade is fair. “We seek talks,” a statement said.'), ['Trade is fair. “We seek talks,']);
});

test('inflections are generated from lemmas', () => {
  assert.deepEqual(inflect('urge'), ['urge', 'urges', 'urged', 'urging']);
  assert.deepEqual(inflect('deny'), ['deny', 'denies', 'denied', 'denying']);
  assert.deepEqual(inflect('stress'), ['stress', 'stresses', 'stressed', 'stressing']);
});

test('a user lexicon adds reporting verbs, and bad entries are refused', () => {
  const extended = load({ reportingVerbs: [{ lemma: 'opine', frame: 'say' }] });
  assert.equal(extended.verbs.get('opined')?.lemma, 'opine');
  assert.equal(load().verbs.has('opined'), false);
  assert.ok(load().verbs.size > 300);
  assert.throws(() => load({ reportingVerbs: [{ lemma: 'opine', frame: 'shout' }] }), /frame/);
});

test('“…,” Name said: direct quote with the speaker’s entity and actor', () => {
  const doc = run('“We will not accept these terms,” Foreign Minister Wang Yi said on Monday.');
  const q = find(doc, 'accept these terms', 'direct');
  assert.equal(doc.article.body.slice(q.start, q.end), q.text);
  assert.equal(doc.article.body[q.start - 1], '“');
  assert.equal(q.cue, 'said');
  assert.deepEqual(q.speaker, { name: 'Wang Yi', actor: 'CHN', sector: 'GOV', entity: 'person:wang-yi' });
  assert.equal(q.id, 't:q1');
});

test('“…,” said Name: inverted attribution', () => {
  const q = find(run('“The harvest was poor this year,” said Maria Lopez, a farmer.'), 'harvest', 'direct');
  assert.equal(q.speaker?.name, 'Maria Lopez');
  assert.equal(q.speaker?.actor, null);
  assert.match(q.rule, /after-inverted/);
});

test('Name said: “…”: attribution before the quote', () => {
  const q = find(run('The farmer Maria Lopez said: "Prices have doubled since spring."'), 'Prices have doubled', 'direct');
  assert.equal(q.speaker?.name, 'Maria Lopez');
  assert.match(q.rule, /^direct-before/);
});

test('he said and a paragraph with no attribution continue the last speaker', () => {
  const doc = run('“Talks will resume next week,” Wang Yi said.\n\n“Both sides want calm,” he said.\n\n“Nobody gains from a trade war.”');
  assert.equal(find(doc, 'Both sides want calm').speaker?.entity, 'person:wang-yi');
  const cont = find(doc, 'Nobody gains', 'direct');
  assert.equal(cont.speaker?.entity, 'person:wang-yi');
  assert.match(cont.rule, /^direct-continuation/);
});

test('a second quote in the same paragraph continues its speaker', () => {
  const doc = run('“The plan is sound,” Wang Yi said. “It has wide support.”');
  assert.equal(find(doc, 'wide support').speaker?.entity, 'person:wang-yi');
});

test('another speaker in between takes over; a paragraph of narration ends the continuation', () => {
  const doc = run('“The plan is sound,” Wang Yi said.\n\nMaria Lopez said the plan was costly.\n\n“Nobody gains from delay.”');
  assert.equal(find(doc, 'Nobody gains').speaker?.name, 'Maria Lopez');
  const narrated = run('“The plan is sound,” Wang Yi said.\n\nThe weather was cold.\n\n“Nobody gains from delay.”');
  assert.equal(find(narrated, 'Nobody gains').speaker, null);
});

test('“…,” it said after “said in a statement”: the statement’s issuer', () => {
  const doc = run('The Japanese embassy said in a statement that it regretted the decision.\n\nThe weather was cold.\n\n“The measures are unjustified,” it said.');
  const q = find(doc, 'unjustified', 'direct');
  assert.equal(q.speaker?.actor, 'JPN');
  assert.match(q.rule, /statement/);
});

test('a statement from X speaks for X; “the statement said” for the last issuer', () => {
  const doc = run('“Our position is unchanged,” says a statement from Japan.\n\nThe talks went on.\n\n“We expect a reply soon,” the statement said.');
  assert.equal(find(doc, 'unchanged').speaker?.actor, 'JPN');
  assert.equal(find(doc, 'reply soon').speaker?.actor, 'JPN');
});

test('the mission said: a back-reference to the last phrase with that head noun', () => {
  const doc = run('Japan’s mission to the United Nations rejected the report.\n\n“The report is one-sided,” the mission said.');
  assert.equal(find(doc, 'one-sided', 'direct').speaker?.actor, 'JPN');
});

test('it reads after a text agreed by both sides: both leaders speak', () => {
  const doc = run('Wang Yi and Antony Blinken met in Geneva. Officials released a statement agreed by both sides.\n\n“The parties support further dialogue,” it reads.');
  const q = find(doc, 'further dialogue', 'direct');
  assert.equal(q.speaker?.name, 'Wang Yi and Antony Blinken');
  assert.equal(q.speaker?.actor, 'CHN');
  assert.deepEqual(q.speakers?.map((s) => s.actor), ['CHN', 'USA']);
});

test('partial quotes take the sentence’s reporting verb', () => {
  const doc = run('Wang Yi on Tuesday called the tariffs “reckless” and urged Washington to “think again”.');
  for (const frag of ['reckless', 'think again']) {
    const q = find(doc, frag, 'partial');
    assert.equal(q.speaker?.entity, 'person:wang-yi', frag);
  }
});

test('an outer "added that" speaks for a quote inside its clause', () => {
  const doc = run('Wang Yi added that the two ministers had agreed “to keep talking”.');
  assert.equal(find(doc, 'keep talking', 'partial').speaker?.entity, 'person:wang-yi');
});

test('scare quotes and titles with no reporting verb are a kind of their own, with no speaker', () => {
  const doc = run('The “reset” of relations has stalled. Crowds in red caps waved “Build the Wall” banners. Supporters chanted “Four more years” at the rally.');
  for (const frag of ['reset', 'Build the Wall']) {
    const q = find(doc, frag, 'scare');
    assert.equal(q.speaker, null);
  }
  assert.equal(find(doc, 'Four more years', 'partial').speaker?.name, 'Supporters');
});

test('indirect speech: said that, bare said, told reporters, according to, accused, described as', () => {
  const doc = run([
    'Wang Yi said that the sanctions were illegal.',
    'Maria Lopez said the harvest had failed.',
    'A border guard told reporters that the border would stay closed.',
    'According to Wang Yi, the talks have stalled.',
    'Japan accused China of violating its airspace.',
    'Wang Yi described the drills as routine training.',
  ].join('\n\n'));
  const cases: [string, string, string][] = [
    ['the sanctions were illegal', 'said', 'Wang Yi'],
    ['the harvest had failed', 'said', 'Maria Lopez'],
    ['the border would stay closed', 'told', 'A border guard'],
    ['the talks have stalled', 'According to', 'Wang Yi'],
    ['China of violating its airspace', 'accused', 'Japan'],
    ['the drills as routine training', 'described', 'Wang Yi'],
  ];
  for (const [text, cue, name] of cases) {
    const q = find(doc, text, 'indirect');
    assert.equal(q.text, text);
    assert.equal(q.cue, cue, text);
    assert.equal(q.speaker?.name, name, text);
  }
});

test('indirect speech reported first: "…, X said in a statement"', () => {
  const q = find(run('The new rules will hurt trade, Japan said in a statement.'), 'hurt trade', 'indirect');
  assert.equal(q.text, 'The new rules will hurt trade');
  assert.equal(q.speaker?.actor, 'JPN');
});

test('a verb with no speaker reports nothing', () => {
  const doc = run('The deal called for written guarantees from both capitals.');
  assert.equal(doc.quotes.filter((q) => q.kind === 'indirect').length, 0);
});

test('a surname alone after the full name is the same person', () => {
  const doc = run('Wang Yi met reporters.\n\nWang said the visit was useful.');
  assert.equal(find(doc, 'the visit was useful', 'indirect').speaker?.entity, 'person:wang-yi');
});

test('typewriter quotes `` … \'\' pair like curly ones', () => {
  assert.deepEqual(spans("Iraq said it would act ``without conditions'' soon."), ['without conditions']);
});

test('a passive reporting verb has no speaker in its subject', () => {
  const doc = run('The governor has been accused of taking bribes.');
  assert.equal(doc.quotes.length, 0);
});

test('an apposition between speaker and verb is skipped', () => {
  const doc = run('“The border stays open,” Wang Yi, the foreign minister, said.\n\nMaria Lopez, a local farmer, said that prices had doubled.');
  assert.equal(find(doc, 'border stays open', 'direct').speaker?.entity, 'person:wang-yi');
  assert.equal(find(doc, 'prices had doubled', 'indirect').speaker?.name, 'Maria Lopez');
});

test('attribution in the middle of a quote covers both halves', () => {
  const doc = run('“We are ready,” Wang Yi said, “but we need more time.”');
  assert.equal(find(doc, 'more time', 'direct').speaker?.entity, 'person:wang-yi');
});

test('a named official unknown to the gazetteer speaks for the party named with them', () => {
  const doc = run('“The rules were followed,” Norwegian Fisheries Minister Ingrid Vold said.\n\nVold said the crew were safe. She denied that force was used.');
  const q = find(doc, 'rules were followed', 'direct');
  assert.equal(q.speaker?.name, 'Ingrid Vold');
  assert.equal(q.speaker?.actor, 'NOR');
  for (const frag of ['the crew were safe', 'force was used']) {
    assert.equal(find(doc, frag, 'indirect').speaker?.name, 'Ingrid Vold', frag);
    assert.equal(find(doc, frag, 'indirect').speaker?.actor, 'NOR', frag);
  }
});

test('"used the meeting to accuse": an infinitive cue takes the sentence subject', () => {
  const q = find(run('Japan used the summit to accuse China of “reckless moves” at sea.'), 'reckless moves', 'partial');
  assert.equal(q.speaker?.actor, 'JPN');
});

test('“…?” he asked: a question mark does not cut the attribution off', () => {
  const doc = run('Wang Yi met reporters.\n\nMaria Lopez spoke next. “Why now?” she asked. "Is it over?" asked Wang Yi.');
  assert.equal(find(doc, 'Why now').speaker?.name, 'Maria Lopez');
  assert.equal(find(doc, 'Is it over').speaker?.entity, 'person:wang-yi');
});

test('a participle after a text noun is no second cue', () => {
  const doc = run('The ministry said in a statement posted online that the talks were over.');
  assert.deepEqual(doc.quotes.map((q) => q.cue), ['said']);
});

test('an apposition naming the speaker gives the person', () => {
  const doc = run('Germany’s foreign minister, Annalena Baerbock, said Berlin would consult its partners.');
  assert.equal(find(doc, 'Berlin would consult', 'indirect').speaker?.entity, 'person:annalena-baerbock');
});

test('each clause’s own verb speaks for the partial quote after it', () => {
  const doc = run('The European Commission said it would “study” the deal, while Germany called it “worrying”.');
  assert.equal(find(doc, 'study', 'partial').speaker?.actor, 'EU');
  assert.equal(find(doc, 'worrying', 'partial').speaker?.actor, 'DEU');
});

test('“the two leaders” with no leader named are the two states', () => {
  const doc = run('Russia and China signed a trade pact on Friday.\n\n“This is a new era,” the two leaders said in a joint statement.');
  assert.deepEqual(find(doc, 'new era', 'direct').speakers?.map((s) => s.actor), ['RUS', 'CHN']);
});

test('told reporters the …: indirect speech after the listener', () => {
  const q = find(run('Wang Yi told reporters the border would reopen soon.'), 'border would reopen', 'indirect');
  assert.equal(q.text, 'the border would reopen soon');
  assert.equal(q.cue, 'told');
});

test('non-reporting uses of reporting verbs report nothing', () => {
  const doc = run('The agreement says nothing about tariffs. The company reported profits of five billion dollars. Wang Yi told him to leave.');
  assert.deepEqual(doc.quotes.filter((q) => q.kind === 'indirect').map((q) => q.text), []);
});

test('broken and odd marks never break offsets', () => {
  const bodies = [
    '',
    '“',
    '” said he.',
    '"Unclosed quote said Wang Yi\n\nNext paragraph.',
    '“One. “Two. “Three,” he said, “and four',
    '‘’ ” “ " \' ` ``',
    'He said. She said, " ". They said: “”',
    '“A\n\n“B\n\n“C,” said the two sides.',
  ];
  for (const body of bodies) {
    const doc = run(body);
    for (const q of doc.quotes) {
      assert.ok(q.start >= 0 && q.end <= doc.article.body.length && q.start < q.end, JSON.stringify(q));
      assert.equal(doc.article.body.slice(q.start, q.end), q.text);
    }
  }
});

test('a relative clause with a gap reports nothing; quote marks inside reported speech are see-through', () => {
  const doc = run('Japan opposed what officials say is a risky plan. Wang Yi said China “firmly opposes” the sale.');
  assert.deepEqual(doc.quotes.filter((q) => q.kind === 'indirect').map((q) => q.text), ['China “firmly opposes” the sale']);
});

test('an infinitive after the verb is no reported clause, a subject with one is', () => {
  const doc = run('Japan noted the need to jointly address the challenges presented by the crisis. Wang Yi said Japan’s refusal to talk shows bad faith.');
  assert.deepEqual(doc.quotes.filter((q) => q.kind === 'indirect').map((q) => q.text), ['Japan’s refusal to talk shows bad faith']);
});

test('said X, apposition: the apposition names the speaker; coordinated reports stay apart', () => {
  const doc = run('“We will return,” said Japan’s ambassador, Kenji Sato.\n\nWang Yi welcomed the vote and said the talks would go on.');
  assert.equal(find(doc, 'We will return', 'direct').speaker?.name, 'Kenji Sato');
  assert.deepEqual(doc.quotes.filter((q) => q.kind === 'indirect').map((q) => q.text), ['the talks would go on']);
});

test('“…,” X was quoted as saying', () => {
  const q = find(run('“We will respond in kind,” Wang Yi was quoted as saying by state media.'), 'respond in kind', 'direct');
  assert.equal(q.speaker?.entity, 'person:wang-yi');
  assert.equal(q.cue, 'quoted as saying');
});

test('"the Japanese envoy" is the last person named for Japan', () => {
  const doc = run('Japanese Ambassador Kenji Sato met the press.\n\nThe Japanese envoy said the talks had stalled.');
  assert.equal(find(doc, 'the talks had stalled', 'indirect').speaker?.name, 'Kenji Sato');
});

test('a sentence subject shared by a participle does not make the sentence start a report', () => {
  const doc = run('As talks stall, Japan is seen as hoping to win time.');
  assert.equal(doc.quotes.length, 0);
});

test('“…, according to X” at the end of a sentence', () => {
  const q = find(run('The border will stay closed until March, according to Japan’s foreign ministry.'), 'border will stay', 'indirect');
  assert.equal(q.text, 'The border will stay closed until March');
  assert.equal(q.speaker?.actor, 'JPN');
  assert.equal(q.cue, 'according to');
});

test('they said: the last plural speaker, not the last single one', () => {
  const doc = run('Japanese officials said the talks had failed. Wang Yi said he disagreed.\n\n“We will try again,” they said.');
  assert.equal(find(doc, 'try again', 'direct').speaker?.actor, 'JPN');
});

test('X said: at the end of a paragraph introduces the quote in the next', () => {
  const doc = run('In a speech on Monday, Wang Yi said:\n\n“Our door remains open.”');
  assert.equal(find(doc, 'door remains open', 'direct').speaker?.entity, 'person:wang-yi');
});

test('a relative clause between speaker and verb is skipped', () => {
  const q = find(run('“Nothing is agreed,” a Japanese official, who asked not to be named, said.'), 'Nothing is agreed', 'direct');
  assert.equal(q.speaker?.actor, 'JPN');
});

test('a relative clause between subject and verb is skipped', () => {
  const q = find(run('Wang Yi, who arrived in Tokyo on Monday, said the visit was overdue.'), 'visit was overdue', 'indirect');
  assert.equal(q.speaker?.entity, 'person:wang-yi');
});

test('a possessive makes a reporting form a noun', () => {
  const doc = run('Japan repeated its demands that the ship be released. Wang Yi’s claims were rejected.');
  assert.deepEqual(doc.quotes.map((q) => q.cue), ['repeated']);
});

test('"Wang Yi’s spokesman" speaks for Wang Yi’s side but is not Wang Yi', () => {
  const q = find(run('“No meeting is planned,” Wang Yi’s spokesman said.'), 'No meeting', 'direct');
  assert.deepEqual(q.speaker, { name: 'Wang Yi’s spokesman', actor: 'CHN', sector: 'GOV', entity: null });
});

test('guillemets and low-high marks pair too', () => {
  assert.deepEqual(spans('Il a dit «non merci» hier. Er sagte „nein danke“ gestern.'), ['non merci', 'nein danke']);
});

test('reported speech ends where the reporter’s own clause begins', () => {
  const doc = run('Japan said the drills were provocative, as tensions rose in the region.\n\nWang Yi urged Tokyo to show restraint, reflecting concern in Beijing.');
  assert.deepEqual(doc.quotes.filter((q) => q.kind === 'indirect').map((q) => q.text), ['the drills were provocative', 'Tokyo to show restraint']);
});

test('a quote paragraph right after a paraphrase continues its speaker', () => {
  const doc = run('Wang Yi said the sanctions were illegal.\n\n“We will take countermeasures.”');
  const q = find(doc, 'countermeasures', 'direct');
  assert.equal(q.speaker?.entity, 'person:wang-yi');
  assert.match(q.rule, /^direct-after-report/);
});

test('a speaker located "in" a place keeps the place in the span', () => {
  const doc = run('“The visa rules will change,” a spokesperson for the Japanese embassy in Beijing said.\n\nResidents in the village said the water was unsafe.');
  assert.equal(find(doc, 'visa rules', 'direct').speaker?.actor, 'JPN');
  assert.equal(find(doc, 'the water was unsafe', 'indirect').speaker?.name, 'Residents in the village');
});
