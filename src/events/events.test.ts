import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadKnowledge, analyzeArticle, type Knowledge } from '../pipeline.js';
import { load } from './index.js';
import type { PloverEvent } from '../types.js';

const kb = loadKnowledge();

function events(text: string, k: Knowledge = kb): PloverEvent[] {
  return analyzeArticle({ path: 't', id: 't', format: 'text', text, published: '2024-06-01' }, k).events;
}

const codes = (xs: { actor: string | null }[]) => xs.map((a) => a.actor).sort();

function only(text: string, type: string): PloverEvent {
  const found = events(text).filter((e) => e.type === type);
  assert.equal(found.length, 1, `one ${type} in: ${text}\n${JSON.stringify(events(text).map((e) => [e.type, e.trigger]))}`);
  return found[0]!;
}

test('active clause: subject is the source, object the target', () => {
  const e = only('Russia attacked Ukraine on Monday.', 'ASSAULT');
  assert.deepEqual(codes(e.source), ['RUS']);
  assert.deepEqual(codes(e.target), ['UKR']);
  assert.equal(e.modality, 'asserted');
  assert.equal(e.negated, false);
});

test('passive clause: the by-phrase is the source', () => {
  const e = only('Ukraine was attacked by Russia overnight.', 'ASSAULT');
  assert.deepEqual(codes(e.source), ['RUS']);
  assert.deepEqual(codes(e.target), ['UKR']);
});

test('phrasal appeal "called on X to" is a REQUEST with its content as subcode', () => {
  const e = only('France called on Germany to withdraw its troops.', 'REQUEST');
  assert.deepEqual(codes(e.source), ['FRA']);
  assert.deepEqual(codes(e.target), ['DEU']);
  assert.equal(e.cameo, '1056');
  assert.equal(events('France called on Germany to withdraw its troops.').length, 1, 'the requested withdrawal is not an event of its own');
});

test('"urged X to" and "accused X of"', () => {
  const r = only('Japan urged China to release the detained sailors.', 'REQUEST');
  assert.deepEqual([codes(r.source), codes(r.target)], [['JPN'], ['CHN']]);
  const a = only('Iran accused the United States of sabotage.', 'ACCUSE');
  assert.deepEqual([codes(a.source), codes(a.target)], [['IRN'], ['USA']]);
  assert.match(a.rule, /^112\d*:accuse X of/);
});

test('compound actors are all sources', () => {
  const e = only('Russia and China condemned Japan on Tuesday.', 'ACCUSE');
  assert.deepEqual(codes(e.source), ['CHN', 'RUS']);
  assert.deepEqual(codes(e.target), ['JPN']);
});

test('nominal events: support verbs and premodifiers name the source', () => {
  const c = only('France held talks with Germany on Friday.', 'CONSULT');
  assert.deepEqual([codes(c.source), codes(c.target)], [['FRA'], ['DEU']]);
  const a = only('The Russian invasion of Ukraine dragged on.', 'ASSAULT');
  assert.deepEqual([codes(a.source), codes(a.target)], [['RUS'], ['UKR']]);
});

test('a reporting clause is not the source of the event it reports', () => {
  const e = only('Japan said that China attacked Vietnam.', 'ASSAULT');
  assert.deepEqual(codes(e.source), ['CHN']);
  assert.deepEqual(codes(e.target), ['VNM']);
});

test('negation sets negated', () => {
  const e = only('China has never supplied weapons to Russia.', 'AID');
  assert.equal(e.negated, true);
  assert.equal(only('China supplied weapons to Russia.', 'AID').negated, false);
});

test('a refusal is a REJECT, and the refused act is no event', () => {
  const list = events('Germany refused to send tanks to Ukraine.');
  assert.deepEqual(list.map((e) => e.type), ['REJECT']);
  assert.deepEqual(codes(list[0]!.source), ['DEU']);
});

test('modality: future, hypothetical, historical', () => {
  assert.equal(only('Russia is scheduled to hold talks with China next week.', 'AGREE').modality, 'future');
  assert.equal(only('Russia could attack Ukraine.', 'ASSAULT').modality, 'hypothetical');
  assert.equal(only('If Russia attacks Ukraine, the costs will be high.', 'ASSAULT').modality, 'hypothetical');
  assert.equal(only('In 2014 Russia annexed Crimea.', 'COERCE').modality, 'historical');
  assert.equal(only('Russia had previously attacked Georgia.', 'ASSAULT').modality, 'historical');
});

test('an event reported inside a quote points at the quote', () => {
  const text = 'Ukraine\'s foreign minister said: "Russia attacked our power plants overnight."';
  const doc = analyzeArticle({ path: 't', id: 't', format: 'text', text, published: '2024-06-01' }, kb);
  const e = doc.events.find((x) => x.type === 'ASSAULT');
  assert.ok(e, 'the attack is coded');
  assert.ok(doc.quotes.length > 0, 'the quotes stage found the quote');
  assert.equal(e.quote, doc.quotes[0]!.id);
  assert.deepEqual(codes(e.source), ['RUS']);
});

test('evidence: trigger offsets, rule id, sentence offsets into the body', () => {
  const text = 'It rained. Russia attacked Ukraine.';
  const e = only(text, 'ASSAULT');
  assert.equal(text.slice(e.triggerStart, e.triggerEnd), 'attacked');
  assert.equal(e.trigger, 'attacked');
  assert.equal(text.slice(e.evidence.start, e.evidence.end), 'Russia attacked Ukraine.');
  assert.equal(e.evidence.text, 'Russia attacked Ukraine.');
  assert.ok(e.rule.startsWith('190:'));
  assert.equal(e.id, 't:e1');
  assert.ok(e.confidence > 0 && e.confidence <= 1);
});

test('a user lexicon adds patterns', () => {
  const text = 'France outfoxed Germany in the negotiations.';
  assert.equal(events(text).filter((e) => e.type === 'ACCUSE').length, 0);
  const user = { verbs: [{ pattern: 'outfox X', cameo: '111' }] };
  const k: Knowledge = { ...kb, user, events: load(user) };
  const e = events(text, k).find((x) => x.rule === 'user:111:outfox X');
  assert.ok(e, 'the user pattern fired');
  assert.equal(e.type, 'ACCUSE');
  assert.deepEqual([codes(e.source), codes(e.target)], [['FRA'], ['DEU']]);
});

test('the shipped lexicon covers every PLOVER type with over a thousand patterns', () => {
  const lex = load();
  assert.ok(lex.size > 1000, `${lex.size} patterns`);
  const types = new Set([...lex.verbs.values(), ...lex.nouns.values()].flat().map((p) => p.type));
  assert.equal(types.size, 16);
});

test('intent and threat: a promised cooperative act is AGREE, a hostile one THREATEN', () => {
  const a = only('France said it will support Germany in the dispute.', 'AGREE');
  assert.deepEqual([codes(a.source), codes(a.target)], [['FRA'], ['DEU']]);
  assert.equal(a.modality, 'future');
  const t = only('Iran threatened to attack Israel.', 'THREATEN');
  assert.equal(t.cameo, '138');
  assert.deepEqual(events('Iran threatened to attack Israel.').map((e) => e.type), ['THREATEN']);
});

test('a reported obligation is a demand on its subject', () => {
  const e = only('Japan said that China must withdraw its ships.', 'REQUEST');
  assert.deepEqual([codes(e.source), codes(e.target)], [['JPN'], ['CHN']]);
  assert.equal(e.cameo, '1056');
});

test('a label in a reported copula is an accusation', () => {
  const e = only('France said that Iran is an aggressor in the region.', 'ACCUSE');
  assert.deepEqual([codes(e.source), codes(e.target)], [['FRA'], ['IRN']]);
});

test('"rejected this demand" answers the last appeal', () => {
  const text = 'Russia demanded that Ukraine cede territory. Ukraine rejected this demand on Friday.';
  const e = events(text).find((x) => x.type === 'REJECT');
  assert.ok(e);
  assert.deepEqual([codes(e.source), codes(e.target)], [['UKR'], ['RUS']]);
});

test('failure words negate the act they govern', () => {
  assert.equal(only('Germany failed to condemn Russia.', 'ACCUSE').negated, true);
  assert.equal(only('Germany condemned Russia.', 'ACCUSE').negated, false);
});

test('declining a cooperative act is an asserted rejection', () => {
  const e = only('Iran said it would not meet France.', 'REJECT');
  assert.equal(e.negated, false);
  assert.deepEqual([codes(e.source), codes(e.target)], [['IRN'], ['FRA']]);
  assert.equal(e.cameo, '125');
});

test('an act aimed at a place takes the place as target when no party is named', () => {
  const e = only('Russia withdrew its troops from Georgia.', 'RETREAT');
  assert.deepEqual([codes(e.source), codes(e.target)], [['RUS'], ['GEO']]);
});

test('events in relative clauses are background unless they name both sides', () => {
  assert.equal(events('The tanker, which Iran seized last week, returned to port.').length, 0);
  assert.equal(events('Iran seized the tanker last week.').length, 1);
  assert.equal(events('The tanker, which Iran seized from Britain last week, returned to port.').length, 1);
});

test('a denied act is no event of its own', () => {
  const list = events('China has repeatedly denied providing weapons to Russia.');
  assert.deepEqual(list.map((e) => e.type), ['REJECT']);
  assert.deepEqual(codes(list[0]!.source), ['CHN']);
});

test('what a claim says is not asserted, and names no target for its denial', () => {
  const list = events('China denied Western accusations that it supplied weapons to Russia.');
  assert.deepEqual(list.map((e) => e.type), ['REJECT']);
  assert.deepEqual(list[0]!.target, []);
  assert.equal(events("France rejected Iran's claim that Israel attacked Syria.").filter((e) => e.type === 'ASSAULT').length, 0);
});

test('"a meeting between A and B" and hypothetical measures', () => {
  const m = only('A meeting between France and Germany took place in Paris on Monday.', 'CONSULT');
  assert.deepEqual([codes(m.source), codes(m.target)], [['FRA'], ['DEU']]);
  const h = only('Iran could take retaliatory measures against Israel.', 'SANCTION');
  assert.equal(h.modality, 'hypothetical');
  assert.deepEqual([codes(h.source), codes(h.target)], [['IRN'], ['ISR']]);
});

test('a protest or crackdown naming no target is aimed at the source\'s own state; an appeal is not', () => {
  assert.deepEqual(codes(only('Thousands of Kenyan teachers marched on Friday.', 'PROTEST').target), ['KEN']);
  assert.deepEqual(codes(only('Peruvian police arrested dozens of farmers.', 'COERCE').target), ['PER']);
  assert.deepEqual(only('Peru asked for patience.', 'REQUEST').target, []);
  // A named target still wins over the guess.
  assert.deepEqual(codes(only('Chilean protesters marched against Argentina.', 'PROTEST').target), ['ARG']);
});

test('an act whose doer goes unnamed keeps an empty side, never the place it happened in', () => {
  const e = only('Two farmers were killed in an ambush near Nairobi.', 'ASSAULT');
  assert.deepEqual(e.source, []);
  assert.deepEqual(e.target.map((a) => [a.actor, a.sector]), [['KEN', 'AGR']]);
  // A named doer is never replaced by the place.
  assert.deepEqual(codes(only('Ugandan soldiers killed two farmers near Nairobi.', 'ASSAULT').source), ['UGA']);
  // Passive agents are doers.
  assert.deepEqual(only('Nine students were arrested by police in Lagos on Friday.', 'COERCE').source.map((a) => [a.actor, a.sector]), [['NGA', 'COP']]);
});

test('a hostile act held out on a condition is a threat; a bare possibility is not', () => {
  const e = only('Spain may impose sanctions on Morocco if the talks fail.', 'THREATEN');
  assert.deepEqual(codes(e.source), ['ESP']);
  assert.deepEqual(codes(e.target), ['MAR']);
  assert.equal(events('Spain may impose sanctions on Morocco.').some((x) => x.type === 'THREATEN'), false);
});

test('a participle modifying a noun inside the subject does not end it', () => {
  const e = events('Chile, like most other neighbouring states, plans to impose sanctions on Peru.')[0]!;
  assert.deepEqual(codes(e.source), ['CHL']);
  assert.deepEqual(codes(e.target), ['PER']);
});

test('generic groups act with their sector, for the state the text places them in', () => {
  const e = only('Unknown gunmen killed three Kenyan farmers.', 'ASSAULT');
  assert.deepEqual(e.source.map((a) => [a.actor, a.sector]), [['KEN', 'REB']]);
  assert.deepEqual(e.target.map((a) => [a.actor, a.sector]), [['KEN', 'AGR']]);
  // The place of the phrase itself wins over the article's other countries.
  const placed = only('Chile and Peru held talks in Lima.\n\nPolice in Bolivia arrested twelve miners on Monday.', 'COERCE');
  assert.deepEqual(placed.source.map((a) => [a.actor, a.sector]), [['BOL', 'COP']]);
  // A group word that stands for parties named before is not a group of the story's state.
  const joint = events('Russia and China signed a trade pact.\n\nThe two leaders urged NATO to halt its expansion.');
  assert.ok(joint.every((x) => x.source.every((a) => a.sector !== 'GOV' || a.text !== 'The two leaders')));
});

test('a pattern opening with the verb\'s adverb fires ("forcibly deported")', () => {
  const e = only('Chilean police forcibly deported dozens of Peruvian migrants.', 'COERCE');
  assert.equal(e.rule, '174:forcibly deport');
  assert.equal(e.trigger, 'forcibly deported');
  assert.deepEqual(codes(e.target), ['PER']);
});

test('a pattern steps over a date or a quantity between its words', () => {
  assert.equal(only('Chile gave a warm welcome on Tuesday to Peru.', 'CONSULT').rule, '043:give warm welcome to X');
  const e = only('Chile will contribute up to 300 troops to the mission in Haiti.', 'AGREE');
  assert.equal(e.rule, '0334:contribute troop to X');
  // A preposition that opens neither stays a gap the pattern cannot cross.
  assert.equal(events('Chile gave a warm welcome with flowers to Peru.').some((x) => x.rule === '043:give warm welcome to X'), false);
});

test('a participle opening a sentence describes the noun after it', () => {
  assert.equal(events('Ousted President Vladimir Voronin left Moldova.').some((e) => e.type === 'SANCTION'), false);
  assert.equal(events('Jailed Kenyan activists accused the government of torture.').some((e) => e.type === 'COERCE'), false);
});

test('a trailing attribution that opens on a name is not the object', () => {
  const e = only('Ugandan soldiers killed two farmers near the border, Kenyan radio said.', 'ASSAULT');
  assert.equal(codes(e.target).includes('KEN'), false);
});

test('a participle in -en after "have" is a verb, looked up by its base', () => {
  const e = only('Ethiopian troops have retaken a border town in Somalia.', 'COERCE');
  assert.equal(e.rule, '192:retake');
  assert.deepEqual(codes(e.source), ['ETH']);
});

test('forcing a party out is an expulsion', () => {
  const e = only('Kenya forced the Somali envoy out of the country.', 'SANCTION');
  assert.deepEqual(codes(e.source), ['KEN']);
  assert.deepEqual(codes(e.target), ['SOM']);
});

test('an act naming no target takes the party its purpose names', () => {
  const e = only('Chile sent medicine to help rebuild Haiti.', 'AID');
  assert.deepEqual(codes(e.target), ['HTI']);
});

test('a word after a possessive is a noun: "Albania\'s help", "Jordan\'s visiting king"', () => {
  assert.equal(events('NATO will tighten the blockade of Serbia with Albania\'s help.').some((e) => e.type === 'AID'), false);
  assert.equal(events('Israel refused to meet Jordan\'s visiting king in Haifa.').some((e) => e.type === 'CONSULT'), false);
});

test('a bare participle after a preposition\'s object is a reduced relative, background', () => {
  assert.equal(events('In a letter handed over to the United Nations, Iraq said it would allow inspectors back.').some((e) => e.rule === '063:hand over'), false);
});

test('a restriction naming no target falls on the people of the state that imposes it, not on the state', () => {
  const e = only('The Kenyan government will impose a curfew.', 'THREATEN');
  assert.deepEqual(e.target.map((a) => [a.actor, a.sector]), [['KEN', 'CVL']]);
  // An attack naming no target keeps an empty one.
  assert.deepEqual(only('Sudanese soldiers opened fire on Monday.', 'ASSAULT').target, []);
  // A protest naming no one is aimed at its own government.
  assert.deepEqual(only('Thousands of Chilean students marched on Tuesday.', 'PROTEST').target.map((a) => [a.actor, a.sector]), [['CHL', 'GOV']]);
});

test('a joint act of parties named together is with each other', () => {
  const e = only('Ghana and Togo agreed to reopen their border.', 'AGREE');
  assert.deepEqual(codes(e.source), ['GHA', 'TGO']);
  assert.deepEqual(codes(e.target), ['GHA', 'TGO']);
});

test('the speaker of a trailing attribution is not the content\'s own subject', () => {
  const e = only('Chile is opposed to French mediation in peace negotiations with Peru, a close aide to President Michelle Bachelet said Wednesday.', 'REJECT');
  assert.deepEqual(codes(e.target), ['FRA']);
});

test('a verb whose participle is its base form is passive after "be"', () => {
  const e = only('A Kenyan trader has been put under investigation in Peru.', 'ACCUSE');
  assert.equal(e.rule, '090:put X under investigation');
  assert.deepEqual(codes(e.target), ['KEN']);
  // No one is named as the investigator: the place is not the doer.
  assert.deepEqual(codes(e.source), []);
});

test('a complaint to an audience is aimed at whom it is about', () => {
  const e = only('Chile complained to the United Nations over Peruvian naval manoeuvres.', 'ACCUSE');
  assert.deepEqual(codes(e.target), ['PER']);
  assert.deepEqual(codes(only('Chile complained to Peru.', 'ACCUSE').target), ['PER']);
});

test('the place an act is aimed at is found past the source\'s own mentions', () => {
  const e = only('The United Nations rejected a call for its peacekeepers to be deployed in Somalia.', 'REJECT');
  assert.deepEqual(codes(e.target), ['SOM']);
});

test('a pattern spanning verbs takes its target from the last verb\'s object, before a later topic', () => {
  const e = only('Chile threatened to break off diplomatic relations with Peru over its ties with Bolivia.', 'THREATEN');
  assert.deepEqual(codes(e.target), ['PER']);
});

test('inside a quote, "we" as the subject is whoever speaks the quote', () => {
  const e = only('“We advise NATO to stop shifting blame,” Chinese foreign ministry spokesman Lin Jian said.', 'REQUEST');
  assert.deepEqual(codes(e.source), ['CHN']);
  assert.equal(e.source[0]!.text, 'We');
  assert.deepEqual(codes(e.target), ['NATO']);
  // Outside a quote "we" has no speaker to stand for.
  assert.ok(events('We advise NATO to stop shifting blame.').every((x) => x.source.length === 0));
});

test('a possessive that stands for a party names the doer of the noun after it', () => {
  const e = only('China has broken with the United States over the war. Its trade with Russia has increased since the invasion.', 'COOPERATE');
  assert.deepEqual(codes(e.source), ['CHN']);
  assert.equal(e.source[0]!.text, 'Its');
  assert.deepEqual(codes(e.target), ['RUS']);
  // Through scare quotes too.
  const s = only('Russia said on Monday that China had become a key supplier through its “unlimited partnership” with Iran.', 'SUPPORT');
  assert.deepEqual(codes(s.source), ['CHN']);
});

test('an adjective of concern after "is" is its subject\'s act against what it is about; a label noun accuses the subject', () => {
  const e = only('China is concerned about NATO’s budding relations with countries in the region.', 'ACCUSE');
  assert.deepEqual(codes(e.source), ['CHN']);
  assert.deepEqual(codes(e.target), ['NATO']);
  const label = only('NATO says China is a decisive enabler of the war.', 'ACCUSE');
  assert.deepEqual(codes(label.source), ['NATO']);
  assert.deepEqual(codes(label.target), ['CHN']);
});

test('dismissing a party as something disparages it; dismissing a proposal rejects it', () => {
  const e = only('Beijing dismissed NATO as a remnant of the Cold War.', 'ACCUSE');
  assert.deepEqual(codes(e.source), ['CHN']);
  assert.deepEqual(codes(e.target), ['NATO']);
  assert.equal(e.cameo, '111');
  assert.match(only('Iran dismissed the European proposal.', 'REJECT').cameo ?? '', /^12/);
});

test('a bare support verb yields to the act its object names; an offer stays an offer', () => {
  const e = only('China has been giving tacit support for Moscow’s invasion.', 'SUPPORT');
  assert.deepEqual(codes(e.source), ['CHN']);
  assert.deepEqual(codes(e.target), ['RUS']);
  assert.ok(events('China has been giving tacit support for Moscow’s invasion.').every((x) => x.type !== 'AID'));
  assert.deepEqual(codes(only('Finland will give Tanzania a grant of 500 million shillings.', 'AGREE').target), ['TZA']);
  assert.ok(events('Japan gave Ukraine artillery shells.').some((x) => x.type === 'AID'));
});

test('a meeting needs a counterpart: "spoke with journalists" is no CONSULT, "met with Xi" is', () => {
  assert.ok(events('Stoltenberg spoke with journalists on Thursday.').every((x) => x.type !== 'CONSULT'));
  assert.deepEqual(codes(only('Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing.', 'CONSULT').target), ['CHN']);
});

test('an adverb opens a pattern only when the pattern goes on into the verb', () => {
  assert.ok(events('He is taking a back seat in this conflict, Ukraine said.').every((x) => x.type !== 'SUPPORT'));
  assert.equal(only('Iraqi police forcibly deported the Iranian pilgrims.', 'COERCE').target.length > 0, true);
});

test('a meeting in an adjunct of a clause is its subject\'s: "said on a visit to Washington"', () => {
  const e = only('Stoltenberg said on Monday on a visit to Washington that the alliance would grow.', 'CONSULT');
  assert.deepEqual(codes(e.source), ['NATO']);
  assert.deepEqual(codes(e.target), ['USA']);
});

test('what a warning or claim by someone says is not asserted: "warnings from X that Moscow is poised to invade"', () => {
  assert.deepEqual(events('The talks came amid warnings from Western leaders that Moscow is poised to launch an invasion of Ukraine.'), []);
  const e = only('Moscow is poised to launch an invasion of Ukraine, Western leaders said.', 'THREATEN');
  assert.deepEqual(codes(e.source), ['RUS']);
});

test('in a joint statement, "the parties" are its signatories; in one speaker\'s quote they are not', () => {
  const joint = 'Russia and China signed a trade pact on Friday.\n\n“The parties oppose the further expansion of NATO,” the two leaders said in a joint statement.';
  const e = only(joint, 'REJECT');
  assert.deepEqual(codes(e.source), ['CHN', 'RUS']);
  assert.deepEqual(codes(e.target), ['NATO']);
  const envoy = events('Russia and China signed a trade pact on Friday.\n\n“The parties oppose any delay,” the UN envoy said.');
  assert.ok(envoy.every((x) => x.type !== 'REJECT' || x.source.every((a) => a.text !== 'parties')));
});

test('a refusal to accuse answers whoever asked for it, not the party it spares', () => {
  const e = only('China has broken with the United States over the war, refusing to condemn the Russian invasion.', 'REJECT');
  assert.deepEqual(codes(e.source), ['CHN']);
  assert.deepEqual(codes(e.target), ['USA']);
  // A refused request keeps its requester.
  assert.deepEqual(codes(only('Yemen has rejected a U.S. request to interrogate the detainees.', 'REJECT').target), ['USA']);
});

test('a noun with no verb to carry it is an event only when it names doer and target', () => {
  assert.deepEqual(events('NATO should engage in self-reflection rather than arbitrary smears and attacks on China, Beijing stated on Tuesday.'), []);
  const e = only('Kyiv has suffered since Russia’s invasion of Ukraine in 2022.', 'ASSAULT');
  assert.deepEqual(codes(e.source), ['RUS']);
  assert.deepEqual(codes(e.target), ['UKR']);
});

test('a meeting declined or held has its host as counterpart, not its venue', () => {
  const e = only('China avoided attending a summit in Switzerland that was organized by Volodymyr Zelensky, the president of Ukraine.', 'REJECT');
  assert.deepEqual(codes(e.source), ['CHN']);
  assert.deepEqual(codes(e.target), ['UKR']);
  assert.deepEqual(codes(only('NATO foreign ministers met in Brussels, joined by Ukrainian Foreign Minister Dmytro Kuleba.', 'CONSULT').target), ['UKR']);
});

test('"both" as subject is the pair the sentence named before', () => {
  const e = only('China and Russia are united in their opposition to NATO, and both blame the alliance for the war.', 'ACCUSE');
  assert.deepEqual(codes(e.source), ['CHN', 'RUS']);
  assert.deepEqual(codes(e.target), ['NATO']);
});

test('a "none" entry is no event and blocks the shorter readings under it', () => {
  assert.deepEqual(events('“We are defending against the PRC’s coercive tactics,” NATO said.'), []);
  assert.deepEqual(codes(only('NATO vowed to defend Poland against any attack.', 'AGREE').target), ['POL']);
  assert.ok(events('Satellite images and intercepted Russian military phone calls were released.').every((x) => x.type !== 'MOBILIZE'));
  assert.deepEqual(codes(only('Polish jets intercepted Russian bombers over the Baltic.', 'MOBILIZE').target), ['RUS']);
  // A user file can add its own.
  const own = loadKnowledge();
  own.events = load({ verbs: [{ cameo: 'none', verbs: ['vow to defend X against'] }] });
  assert.deepEqual(events('NATO vowed to defend Poland against any attack.', own), []);
});

test('an adjunct after "X said" takes X as its subject, not a party quoted before', () => {
  const e = only('“Beijing is fuelling the war,” the French president said, urging Chinese leaders to stop the shipments.', 'REQUEST');
  assert.deepEqual(codes(e.source), ['FRA']);
  assert.deepEqual(codes(e.target), ['CHN']);
});

test('a denial is aimed at whoever made the claim, not at the parties the claim names', () => {
  assert.deepEqual(only('The Kremlin on Monday denied that Russia had received drones from Iran.', 'REJECT').target, []);
  assert.deepEqual(only('Iran denied that it had supplied drones to Russia.', 'REJECT').target, []);
  assert.deepEqual(codes(only('China rejected US claims that it had supplied weapons.', 'REJECT').target), ['USA']);
  assert.deepEqual(codes(only('Kyiv rejected Russia’s demand that Ukraine withdraw its troops.', 'REJECT').target), ['RUS']);
});

test('a label quoted before its speaker is the speaker\'s accusation', () => {
  const e = only('“China is a decisive enabler of the war,” the French president said.', 'ACCUSE');
  assert.deepEqual(codes(e.source), ['FRA']);
  assert.deepEqual(codes(e.target), ['CHN']);
  assert.ok(e.quote);
});

test('in a quote, "our" after a named doer is the speaker\'s side', () => {
  const e = only('“Russia carried out this attack on our critical infrastructure,” Polish Prime Minister Donald Tusk said.', 'ASSAULT');
  assert.deepEqual(codes(e.source), ['RUS']);
  assert.deepEqual(codes(e.target), ['POL']);
  // With no doer named, "our values" names no target.
  assert.deepEqual(events('“We must stand together to protect our values,” the NATO chief said.').filter((x) => x.type === 'AID'), []);
});

test('", and warned" after a reported clause goes on from the speaker', () => {
  const e = only('The United States and South Korea said on Tuesday that North Korea had shipped shells to Russia, and warned Pyongyang of consequences.', 'THREATEN');
  assert.deepEqual(codes(e.source), ['KOR', 'USA']);
  assert.deepEqual(codes(e.target), ['PRK']);
});

test('an inflected verb after a bare gerund goes on from the last inflected verb', () => {
  const e = only('Britain on Monday accused Iran of supplying missiles to Russia and announced sanctions on Iranian shipping firms.', 'SANCTION');
  assert.deepEqual(codes(e.source), ['GBR']);
  assert.deepEqual(codes(e.target), ['IRN']);
  const chained = only('China on Thursday accused NATO of seeking security at the expense of others and urged the alliance not to bring chaos to Asia.', 'REQUEST');
  assert.deepEqual(codes(chained.source), ['CHN']);
});

test('a purpose infinitive after an object that names no party shares the subject', () => {
  const e = only('The Philippines used the meeting to accuse China of dangerous manoeuvres.', 'ACCUSE');
  assert.deepEqual(codes(e.source), ['PHL']);
  assert.deepEqual(codes(e.target), ['CHN']);
});

test('", saying ..." opens what it reports: the party before it is no subject inside it', () => {
  const all = events('The United States accused China of shipping drone engines to Russia, saying the deliveries help Moscow sustain its war.');
  assert.ok(all.every((e) => !(e.type === 'AID' && e.source.some((a) => a.actor === 'RUS'))), JSON.stringify(all.map((e) => [e.type, codes(e.source)])));
});

test('a meeting of the parties of its subject is between them, each on both sides', () => {
  const e = only('U.S. and Russian negotiators met in Geneva on Monday.', 'CONSULT');
  assert.deepEqual(codes(e.source), ['RUS', 'USA']);
  assert.deepEqual(codes(e.target), ['RUS', 'USA']);
});

test('a description of a state named before is that state: "the West African nation", "the Gulf state"', () => {
  const e = only('Ghana recalled its envoy from Togo on Monday. The West African nation accused Lome of harbouring rebels.', 'ACCUSE');
  assert.deepEqual(codes(e.source), ['GHA']);
  // The region named in the description picks among the states named before.
  const gulf = events('Kenya accused Qatar of funding militants. The Gulf state denied the accusation.');
  const denial = gulf.find((x) => x.type === 'REJECT')!;
  assert.deepEqual(codes(denial.source), ['QAT']);
  // A denial of a claim answers whoever made it.
  assert.deepEqual(codes(denial.target), ['KEN']);
});

test('harm from a natural or accidental cause with no doer named is no attack', () => {
  assert.ok(events('Floods killed 40 people in northern Ghana on Sunday.').every((x) => x.type !== 'ASSAULT'));
  assert.ok(events('Twelve pilgrims died in a stampede near the shrine.').every((x) => x.type !== 'ASSAULT'));
  // A named doer still attacks, whatever else the sentence names.
  assert.ok(events('Rebels set fire to a market, killing nine traders.').some((x) => x.type === 'ASSAULT' && x.source.length > 0));
});

test('an act a party alleges of another is reported; one it states of itself is asserted', () => {
  const doc = events('Chile said Peruvian troops shelled a border post on Monday.');
  assert.equal(doc.find((x) => x.type === 'ASSAULT')?.modality, 'reported');
  assert.equal(only('Peruvian troops allegedly shelled a border post.', 'ASSAULT').modality, 'reported');
  assert.equal(only('Peru said its troops shelled a rebel camp on Monday.', 'ASSAULT').modality, 'asserted');
});

test('an adjunct act of another kind than its clause is an act of its own', () => {
  const all = events('Chadian police opened fire on protesters in Ndjamena, arresting dozens of students.');
  assert.ok(all.some((x) => x.type === 'ASSAULT'));
  assert.ok(all.some((x) => x.type === 'COERCE' && x.source.some((a) => a.sector === 'COP')));
});

test('a hostile act announced for later is both a threat now and the act to come', () => {
  const all = events('Ghana announced on Monday that it will expel two Togolese diplomats next week.');
  assert.ok(all.some((x) => x.type === 'THREATEN' && codes(x.target).includes('TGO')));
  const act = all.find((x) => x.type === 'SANCTION')!;
  assert.equal(act.modality, 'future');
  assert.deepEqual(codes(act.source), ['GHA']);
});

test('two sectors of one state acting together are two parties, each on both sides', () => {
  const e = only('The Sudanese government and Darfur rebels agreed to end hostilities.', 'AGREE');
  assert.deepEqual(e.source.map((a) => [a.actor, a.sector]), [['SDN', 'GOV'], ['SDN', 'REB']]);
  assert.deepEqual(e.target.map((a) => [a.actor, a.sector]), [['SDN', 'GOV'], ['SDN', 'REB']]);
});

test('a passive killing with no agent is done by whoever its when-clause says attacked', () => {
  const e = only('Eleven farmers were killed when bandits raided a village in Katsina.', 'ASSAULT');
  assert.deepEqual(e.source.map((a) => a.sector), ['REB']);
  assert.deepEqual(codes(e.source), ['NGA']);
  // Armed men storming a place attack it; crowds storming it protest.
  assert.ok(events('Militants stormed a police post in Kidal.').some((x) => x.type === 'ASSAULT'));
  assert.ok(events('Protesters stormed the parliament building in Lima.').some((x) => x.type === 'PROTEST'));
});

test('a state named as a party acts through its government, through its military when it uses force', () => {
  const e = only('Ghana expelled two Togolese diplomats on Monday.', 'SANCTION');
  assert.deepEqual(e.source.map((a) => [a.actor, a.sector]), [['GHA', 'GOV']]);
  const strike = only('Chad bombed rebel positions inside Sudan.', 'ASSAULT');
  assert.deepEqual(strike.source.map((a) => [a.actor, a.sector]), [['TCD', 'MIL']]);
  // Its people are not its government.
  assert.ok(events('Thousands of Chadians marched in Ndjamena.').every((x) => x.source.every((a) => a.sector !== 'GOV')));
});

test('what a charge says is not asserted; giving words is no aid; signing together is with each other', () => {
  const all = events('Police detained the mayor of Kumasi on charges of fraud and helping smugglers.');
  assert.ok(all.some((x) => x.type === 'COERCE'));
  assert.ok(all.every((x) => x.type !== 'AID'));
  assert.ok(events('Togo said it would give a firm response to Ghana.').every((x) => x.type !== 'AID'));
  const pact = only('Ghana and Togo signed a trade agreement on Friday.', 'SUPPORT');
  assert.deepEqual(codes(pact.target), ['GHA', 'TGO']);
});

test('a condemnation of an act named by a noun is aimed at whoever did it', () => {
  const all = events('Chadian troops shelled a village in Darfur on Monday.\n\nSudan condemned the attack on Tuesday.');
  const e = all.find((x) => x.type === 'ACCUSE')!;
  assert.deepEqual(codes(e.source), ['SDN']);
  assert.deepEqual(codes(e.target), ['TCD']);
});

test('aid that names no recipient goes to the people of the place it is sent to', () => {
  const e = only('Japan sent medical supplies to quake survivors in Kathmandu on Sunday.', 'AID');
  assert.deepEqual(e.target.map((a) => [a.actor, a.sector]), [['NPL', 'CVL']]);
});

test('a verb the tagger reads as a noun after a party still acts ("Gunmen abducted four traders")', () => {
  const e = only('Gunmen abducted four traders near Kaduna on Sunday.', 'ASSAULT');
  assert.deepEqual(e.source.map((a) => [a.actor, a.sector]), [['NGA', 'REB']]);
  assert.deepEqual(only('Police shot dead a man in Kisumu on Monday.', 'ASSAULT').target.map((a) => [a.actor, a.sector]), [['KEN', 'CVL']]);
});

test('hyphenated words of a pattern match the split tokens ("staged a sit-in")', () => {
  assert.equal(only('Nurses staged a sit-in outside the health ministry in Accra.', 'PROTEST').rule, '141:stage sit-in');
});

test('"visiting President X" describes X; breaking into an embassy is coercion', () => {
  const e = only('Ghanaian President John Mahama and visiting Togolese President Faure Gnassingbe agreed on Monday to reopen the border.', 'AGREE');
  assert.deepEqual(codes(e.source), ['GHA', 'TGO']);
  const raid = only('Togolese police broke into the Ghanaian embassy in Lome.', 'COERCE');
  assert.deepEqual(codes(raid.target), ['GHA']);
});

test('a gerund after "by" shares its clause\'s doer ("responded by expelling"); visas suspended are a sanction', () => {
  const e = only('Ghana responded by expelling 12 Togolese officials.', 'SANCTION');
  assert.deepEqual(codes(e.source), ['GHA']);
  assert.deepEqual(codes(e.target), ['TGO']);
  assert.equal(only('Ghana suspended the issuance of visas to Togolese citizens.', 'SANCTION').rule, '163:suspend issuance of visa');
});

test('a vow of force is a threat made now of an act to come, by the government; harm from a flood is no attack, from arson it is', () => {
  const e = only('Sudan vowed it would retaliate against Chad.', 'THREATEN');
  // The threat is made now; the act it promises is to come, coded beside it.
  assert.equal(e.modality, 'asserted');
  assert.equal(only('Sudan vowed it would retaliate against Chad.', 'ASSAULT').modality, 'future');
  assert.equal(only('Sudan promised to impose tariffs on goods from Chad.', 'THREATEN').modality, 'asserted');
  assert.equal(only('Sudan promised to impose tariffs on goods from Chad.', 'SANCTION').modality, 'future');
  // A cooperative pledge is of an act to come.
  assert.equal(only('Sudan pledged to send food to Chad.', 'AGREE').modality, 'future');
  assert.deepEqual(e.source.map((a) => [a.actor, a.sector]), [['SDN', 'GOV']]);
  assert.ok(events('Floods killed 40 people in Ghana, the interior ministry said.').every((x) => x.type !== 'ASSAULT'));
  assert.ok(events('Rioters set fire to a customs post in Kumasi.').some((x) => x.type === 'ASSAULT'));
});

test('an unowned office of a state is of the state the story is told from, not of one the sentence names', () => {
  const e = only('ACCRA (Reuters) - The Foreign Office rejected a declaration put out by the Togolese foreign ministry.', 'REJECT');
  assert.deepEqual(codes(e.source), ['GHA']);
  assert.deepEqual(codes(e.target), ['TGO']);
});

test('a statement issued by a party says what the party says; a name the tagger splits is still the subject', () => {
  const e = only('The Ghanaian government issued a statement condemning Togo.', 'ACCUSE');
  assert.deepEqual(codes(e.source), ['GHA']);
  assert.deepEqual(codes(e.target), ['TGO']);
  assert.deepEqual(only('Red Cross officials suspended aid deliveries in Kumasi.', 'SANCTION').source.map((a) => a.sector), ['NGO']);
});

test('a statement against an act is aimed at whoever did it', () => {
  const all = events('Ghana and Togo held naval drills on Monday.\n\nBurkina Faso issued a sharp statement against those drills.');
  const e = all.find((x) => x.type === 'ACCUSE')!;
  assert.deepEqual(codes(e.source), ['BFA']);
  assert.deepEqual(codes(e.target), ['GHA', 'TGO']);
});

test('aid naming no recipient, in a story about one state, is for that state\'s people', () => {
  const all = events('A cyclone hit Mozambique on Sunday, killing 40 people.\n\nMozambique appealed for help as floods spread across Mozambique.\n\nPortugal was sending 30 rescuers and medical supplies.');
  const aid = all.find((x) => x.type === 'AID')!;
  assert.deepEqual(codes(aid.source), ['PRT']);
  assert.deepEqual(aid.target.map((a) => [a.actor, a.sector]), [['MOZ', 'CVL']]);
});

test('turning oneself in to investigators is a concession to them', () => {
  const e = only('Former Ghanaian president John Mahama turned himself in to investigators on Monday.', 'CONCEDE');
  assert.deepEqual(e.target.map((a) => [a.actor, a.sector]), [['GHA', 'JUD']]);
});

test('a hostile act in retaliation is aimed back at whoever did the act it answers', () => {
  const all = events('Ghana expelled six Togolese diplomats on Monday.\n\nLome took similar measures in return.');
  const answer = all.find((x) => x.rule === '163:take similar measure')!;
  assert.deepEqual(codes(answer.source), ['TGO']);
  assert.deepEqual(codes(answer.target), ['GHA']);
});

test('"the talks" are between the parties talks were told between; "as chairman of X" is no counterpart', () => {
  const all = events('Ghana and Togo agreed to hold talks on the border dispute.\n\nNigerian President Bola Tinubu led the talks as chairman of ECOWAS in Abuja on Monday.');
  const e = all.find((x) => x.type === 'CONSULT')!;
  assert.deepEqual(codes(e.source), ['NGA']);
  assert.deepEqual(codes(e.target), ['GHA', 'TGO']);
});

test('a day between a refusal and what it refuses is stepped over', () => {
  const e = only('ACCRA (Reuters) - The Foreign Office rejected on Friday a declaration put out by the Togolese foreign ministry.', 'REJECT');
  assert.deepEqual(codes(e.target), ['TGO']);
});

const sides = (xs: { actor: string | null; sector: string | null }[]) => xs.map((a) => [a.actor, a.sector]);

test('crowd control that names no crowd is aimed at the people of the police\'s state', () => {
  const e = only('Zimbabwean police fired tear gas in central Harare on Friday.', 'ASSAULT');
  assert.deepEqual(sides(e.source), [['ZWE', 'COP']]);
  assert.deepEqual(sides(e.target), [['ZWE', 'CVL']]);
});

test('harm told before the attack that did it is one event with both sides', () => {
  const all = events('At least 20 people were killed and dozens wounded after Islamist fighters stormed a market in Djibo in Burkina Faso on Sunday.').filter((e) => e.type === 'ASSAULT');
  assert.equal(all.length, 1, JSON.stringify(all.map((e) => [e.trigger, sides(e.source), sides(e.target)])));
  assert.deepEqual(sides(all[0]!.source), [['BFA', 'REB']]);
  assert.deepEqual(sides(all[0]!.target), [['BFA', 'CVL']]);
});

test('rioters are not the doers of deaths told beside their arson', () => {
  const all = events('Rioters in Chile burned a bus in Santiago a day after two people were killed.').filter((e) => e.type === 'ASSAULT');
  assert.ok(all.every((e) => !(e.source.some((a) => a.sector === 'CVL') && e.target.some((a) => a.sector === 'CVL'))), JSON.stringify(all.map((e) => [sides(e.source), sides(e.target)])));
});

test('an attack on a site is an attack on the people, army or police of its state', () => {
  const hotel = only('Al-Shabaab militants stormed a hotel in Kismayo on Tuesday.', 'ASSAULT');
  assert.deepEqual(sides(hotel.target), [['SOM', 'CVL']]);
  const base = only('Insurgents attacked an army checkpoint near Mopti in Mali on Monday.', 'ASSAULT');
  assert.deepEqual(sides(base.target), [['MLI', 'MIL']]);
});

test('a coup is against the government of the doers\' state', () => {
  const seized = only('The military seized power in Niamey on Wednesday.', 'COERCE');
  assert.deepEqual(sides(seized.source), [['NER', 'MIL']]);
  assert.deepEqual(sides(seized.target), [['NER', 'GOV']]);
  const staged = only('Army officers in Gabon staged a coup on Wednesday.', 'COERCE');
  assert.deepEqual(sides(staged.target), [['GAB', 'GOV']]);
});

test('a group word the tagger reads as an adjective still heads its clause', () => {
  const e = only('The military detained President Mohamed Bazoum.', 'COERCE');
  assert.deepEqual(sides(e.source), [['NER', 'MIL']]);
  assert.deepEqual(sides(e.target), [['NER', 'GOV']]);
});

test('a time adjunct after what was agreed is not its content', () => {
  const e = only('Morocco and Algeria agreed to restore diplomatic relations after years of hostility.', 'AGREE');
  assert.deepEqual(codes(e.source), ['DZA', 'MAR']);
  assert.equal(events('Morocco and Algeria agreed to restore diplomatic relations after years of hostility.').filter((x) => x.type === 'THREATEN').length, 0);
});

test('goods that arrive somewhere are aid from where they come from, for the people there', () => {
  const e = only('Consignments of relief goods from Turkey and Qatar arrived in Syria on Monday.', 'AID');
  assert.deepEqual(codes(e.source), ['QAT', 'TUR']);
  assert.deepEqual(sides(e.target), [['SYR', 'CVL']]);
  assert.equal(events('Consignments of relief goods from Turkey and Qatar arrived in Syria on Monday.').filter((x) => x.type === 'CONSULT').length, 0);
});

test('aid that names no recipient goes where the story\'s disaster struck', () => {
  const all = events('An earthquake struck western Nepal on Friday, killing 150 people.\n\nIndia and China both sent rescuers.\n\nIndian officials met Chinese diplomats in Beijing and India said India would send more help to India\'s neighbour.\n\nNorway was sending 20 rescuers and medical supplies.');
  const aid = all.find((x) => x.type === 'AID' && x.source.some((a) => a.actor === 'NOR'))!;
  assert.deepEqual(sides(aid.target), [['NPL', 'CVL']]);
});

test('a state attacked as such by another is attacked in its forces', () => {
  const e = only('Thailand struck Cambodia with fighter jets on Thursday.', 'ASSAULT');
  assert.deepEqual(sides(e.source), [['THA', 'MIL']]);
  assert.deepEqual(sides(e.target), [['KHM', 'MIL']]);
});

test('a quoted phrase right after the subject keeps the subject', () => {
  const e = only('Nigeria “decided to expel” the acting high commissioner of Ghana on Sunday.', 'SANCTION');
  assert.deepEqual(codes(e.source), ['NGA']);
});

test('"said on Tuesday it was ..." is the speaker acting', () => {
  const e = only('Kenya said on Tuesday it was recalling its ambassador from Kinshasa.', 'SANCTION');
  assert.deepEqual(codes(e.source), ['KEN']);
  assert.ok(!e.target.some((a) => a.actor === 'KEN'), JSON.stringify(e.target));
});

test('where a truce is signed or talks are held is a venue; a truce of two sides is between them', () => {
  const truce = only('Sudan\'s army and the RSF signed a truce in Jeddah.', 'RETREAT');
  assert.deepEqual(sides(truce.target), [['SDN', 'MIL'], ['SDN', 'REB']]);
  const talks = events('Armenia and Azerbaijan held talks in the Kazakh capital, Almaty, on Saturday.').filter((x) => x.type === 'CONSULT');
  assert.ok(talks.length > 0 && talks.every((x) => !x.target.some((a) => a.actor === 'KAZ')), JSON.stringify(talks.map((x) => sides(x.target))));
});

test('a state\'s diplomatic act naming no one is aimed at its one counterpart in the story', () => {
  const all = events('Ghana expelled four Togolese diplomats on Monday.\n\nTogo announced similar measures on Tuesday.\n\nGhana denied any wrongdoing.');
  const denial = all.find((x) => x.type === 'REJECT')!;
  assert.deepEqual(sides(denial.target), [['TGO', 'GOV']]);
  // With two counterparts in the story, none is guessed.
  const two = events('Chile accused Peru and Bolivia of stoking unrest.\n\nChile denied any wrongdoing.').find((x) => x.type === 'REJECT');
  assert.ok(!two || two.target.length === 0, JSON.stringify(two?.target));
});

test('an act told again without its doer is the act told before, by the same doer', () => {
  const all = events('Paramilitary rangers arrested Kenyan opposition leader Raila Amollo at a court in Nairobi on Tuesday.\n\nHis party called for calm.\n\nAmollo was arrested from the courthouse in a land case, his lawyer said.');
  const arrests = all.filter((x) => x.type === 'COERCE');
  assert.ok(arrests.length >= 2, JSON.stringify(all.map((x) => [x.type, x.trigger])));
  assert.deepEqual(arrests[1]!.source.map((a) => a.actor), arrests[0]!.source.map((a) => a.actor));
  assert.ok(arrests[1]!.source.some((a) => a.actor === 'KEN'));
});

test('an office placed by the story in the state it answers is not that state', () => {
  const all = events('The Foreign Office dismissed a statement released by the Malian foreign ministry on Tuesday.');
  const e = all.find((x) => x.type === 'REJECT')!;
  assert.ok(!e.source.some((a) => a.actor === 'MLI' && a.sector === 'GOV'), JSON.stringify(e.source));
});

test('a verb the tagger read as a noun still acts before a quantity; boys and suspects are parties', () => {
  const e = only('Gunmen abducted at least 80 students from a school in Kaduna state.', 'ASSAULT');
  assert.deepEqual(sides(e.target), [['NGA', 'EDU']]);
  const shot = only('Police in Lyon shot dead a 17-year-old boy during a traffic stop.', 'ASSAULT');
  assert.deepEqual(sides(shot.target), [['FRA', 'CVL']]);
  const held = only('Kenyan police detained 25 suspects in Mombasa.', 'COERCE');
  assert.deepEqual(sides(held.target), [['KEN', 'CRM']]);
});

test('crowd control is aimed at the crowd, not at a building named where it happened', () => {
  const e = only('Police fired rubber bullets to break up a demonstration outside the US embassy in Jakarta.', 'ASSAULT');
  assert.deepEqual(sides(e.target), [['IDN', 'CVL']]);
});

test('a state named by its adjective acts through its forces or government; an apposition tells no act', () => {
  const strike = only('Israeli strikes killed 12 people in Khan Younis on Sunday.', 'ASSAULT');
  assert.deepEqual(sides(strike.source), [['ISR', 'MIL']]);
  const rejected = only('Seoul dismissed the North Korean claims on Thursday.', 'REJECT');
  assert.deepEqual(sides(rejected.target), [['PRK', 'GOV']]);
  const all = events('Ana Lopez, a Chilean-born engineer working with the Peruvian energy ministry, was among those killed.');
  assert.ok(!all.some((x) => x.type === 'COOPERATE'), JSON.stringify(all.map((x) => [x.type, x.trigger])));
});

test('a condemned act named with its doer is aimed at the doer; relief goes to a state\'s people, arms to its government', () => {
  const e = only('The UN condemned the killing of two journalists by security forces in Somalia.', 'ACCUSE');
  assert.deepEqual(sides(e.target), [['SOM', 'COP']]);
  assert.deepEqual(sides(only('Japan delivered food and tents to Nepal.', 'AID').target), [['NPL', 'CVL']]);
  assert.deepEqual(sides(only('The United States sent 300 tanks to Ukraine.', 'AID').target), [['UKR', 'GOV']]);
});

test('talks mediated or sponsored by a third party are held by it with the parties told before', () => {
  const all = events('The Sudanese army and the RSF began talks in Jeddah.\n\nNew negotiations brokered by Qatar opened on Tuesday.\n\nAU-hosted negotiations resumed in Addis Ababa on Friday.');
  const mediated = all.filter((x) => x.type === 'CONSULT' && x.source.some((a) => a.actor === 'AU' || a.actor === 'QAT'));
  assert.equal(mediated.length, 2, JSON.stringify(all.map((x) => [x.type, sides(x.source), sides(x.target)])));
  for (const e of mediated) {
    assert.ok(e.target.some((a) => a.actor === 'SDN' && a.sector === 'MIL'), JSON.stringify(e.target));
    assert.ok(e.target.some((a) => a.actor === 'SDN' && a.sector === 'REB'), JSON.stringify(e.target));
  }
  // A crowd gathering outside a parliament protests.
  assert.equal(only('Hundreds of pensioners gathered outside the Armenian parliament on Tuesday.', 'PROTEST').target[0]?.sector, 'LEG');
});

test('a state\'s own arrest told in the passive by the state is its own; told by witnesses it has no doer', () => {
  assert.deepEqual(sides(only('Kenyan police said 40 protesters had been arrested in Nairobi.', 'COERCE').source), [['KEN', 'COP']]);
  assert.deepEqual(only('Witnesses said 40 protesters had been arrested in Nairobi.', 'COERCE').source, []);
});

test('a protest that happens in a place is its people\'s; what a protest demands is no appeal of its own', () => {
  const e = only('Violent protests erupted in Malawi on Tuesday.', 'PROTEST');
  assert.deepEqual(sides(e.source), [['MWI', 'CVL']]);
  assert.deepEqual(sides(e.target), [['MWI', 'GOV']]);
  assert.ok(!events('Thousands of protests erupted in Ghana to demand free elections.').some((x) => x.type === 'REQUEST'));
  assert.ok(events('Kenya demanded that Uganda withdraw its troops.').some((x) => x.type === 'REQUEST'));
});

test('past the lead, words with a side named by nothing are not coded; force with an unnamed side is', () => {
  const lead = 'Chile rejected the proposal on Monday.';
  assert.ok(events(lead).some((x) => x.type === 'REJECT'), 'in the lead a refusal of what no party is named for stays');
  const text = `Students marched in Santiago on Monday.\n\nThe march ended peacefully.\n\n${lead}\n\nTwo people were killed in Arica on Tuesday.`;
  const all = events(text);
  assert.ok(!all.some((x) => x.type === 'REJECT'), JSON.stringify(all.map((x) => [x.type, x.trigger])));
  assert.ok(all.some((x) => x.type === 'ASSAULT'), 'harm with no doer named is kept');
  // Direct speech with a side missing is rhetoric, not a report.
  assert.ok(!events('"We will defend our country to the last man," the general of the Chilean army said.').some((x) => x.target.length === 0 && x.type === 'SUPPORT'));
});

test('a relative clause between commas is stepped over to the subject; "according to X" is no subject', () => {
  assert.deepEqual(sides(only('The militants, who arrived on motorbikes, killed 12 villagers in Borno.', 'ASSAULT').source), [['NGA', 'REB']]);
  const denial = events('Russia, which invaded Ukraine in 2022, denied the accusation.').find((x) => x.type === 'REJECT')!;
  assert.deepEqual(codes(denial.source), ['RUS']);
  const killed = events('According to WHO figures, clashes in Darfur have killed at least 300 people.').filter((x) => x.type === 'ASSAULT');
  assert.ok(killed.every((x) => !x.source.some((a) => a.actor === 'WHO' || a.actor === 'UN')), JSON.stringify(killed.map((x) => x.source)));
});

test('victims placed by nothing but the attacker\'s adjective are of the state where the attack happens', () => {
  const all = events('Syrian state media said strikes hit Damascus and Homs in Syria on Wednesday.\n\nSyria condemned the attack.\n\nSyrian officials said the Israeli raid injured four farmers.');
  const e = all.find((x) => x.type === 'ASSAULT' && x.target.some((a) => a.sector === 'AGR'))!;
  assert.deepEqual(sides(e.target), [['SYR', 'AGR']]);
});

test('"them" stands for the group told last: "some of them attacked officers"', () => {
  const e = only('Hundreds of miners marched in Cusco and dozens of them attacked police with stones.', 'ASSAULT');
  assert.deepEqual(sides(e.source), [['PER', 'LAB']]);
  assert.deepEqual(sides(e.target), [['PER', 'COP']]);
});

test('the head of a military government is its government', () => {
  const e = only('An army officer in Mali said on state television that he had ousted military leader Col Assimi Keita.', 'COERCE');
  assert.deepEqual(sides(e.target), [['MLI', 'GOV']]);
});

test('a coordinated -ing verb before a possessive acts ("expelling X and withdrawing its envoy")', () => {
  const all = events('Chile said it was expelling four Peruvian diplomats and withdrawing its envoy to Lima.').filter((x) => x.type === 'SANCTION');
  assert.equal(all.length, 2, JSON.stringify(all.map((x) => x.trigger)));
});

test('delegates, envoys and mediators from two states act for both', () => {
  const e = only('Envoys from Armenia and Azerbaijan agreed to resume negotiations in Vienna.', 'AGREE');
  assert.deepEqual(codes(e.source), ['ARM', 'AZE']);
});

test('victims of a foreign attack are of the other state the sentence names', () => {
  const e = events('Russian drones hit towns in Ukraine overnight, wounding six people.').find((x) => x.type === 'ASSAULT' && x.target.some((a) => a.sector === 'CVL'))!;
  assert.deepEqual(sides(e.target), [['UKR', 'CVL']]);
});

test('a legal participle after a noun is passive ("a diplomat accused of spying"); agreeing sanctions is a sanction', () => {
  const all = events('Chile expelled a Peruvian diplomat accused of spying on Friday.');
  assert.ok(!all.some((x) => x.type === 'ACCUSE' && x.source.some((a) => a.actor === 'PER')), JSON.stringify(all.map((x) => [x.type, x.source])));
  assert.equal(only('The EU agreed a new package of sanctions against Belarus.', 'SANCTION').target[0]?.actor, 'BLR');
});

test('impeaching a president is an accusation by the legislature', () => {
  const e = only('Peruvian lawmakers voted to impeach President Pedro Castillo on Wednesday.', 'ACCUSE');
  assert.deepEqual(sides(e.source), [['PER', 'LEG']]);
});

test('the same act told again in the next sentence between the same parties is one event', () => {
  const all = events('Ghana and Togo agreed on Monday to end their border dispute.\n\nThe two governments of Ghana and Togo agreed to stop all patrols along the border.').filter((x) => x.type === 'AGREE');
  assert.equal(all.length, 1, JSON.stringify(all.map((x) => x.trigger)));
});

test('a simple past after a reported past perfect goes on from the speaker; a denial answers a domestic accuser', () => {
  const all = events('Home Minister Ana Ruiz of Chile said police had acted with restraint and blamed opposition activists for the violence.\n\nThe opposition denied the accusation on Tuesday.');
  const blame = all.find((x) => x.type === 'ACCUSE')!;
  assert.deepEqual(sides(blame.source), [['CHL', 'GOV']]);
  const denial = all.find((x) => x.type === 'REJECT')!;
  assert.deepEqual(sides(denial.target), [['CHL', 'GOV']]);
});

test('a state named only as an owner is not attacked in its army; an appeal to unplaced allies is not to the counterpart', () => {
  const e = events('Russia launched a missile attack on Ukraine\'s energy grid overnight.').find((x) => x.type === 'ASSAULT')!;
  assert.notEqual(e.target[0]?.sector, 'MIL');
  const all = events('Russian missiles hit Kyiv on Monday.\n\nUkraine called on Western allies to send more air defence systems.');
  assert.ok(!all.some((x) => x.type === 'REQUEST' && x.target.some((a) => a.actor === 'RUS')), JSON.stringify(all.map((x) => [x.type, x.target])));
});

test('a visit to come is coded as future beside the intent; a fellow citizen named in a protest\'s clause is not its target', () => {
  const all = events('The French president will visit Rome next week.');
  assert.ok(all.some((x) => x.type === 'CONSULT' && x.modality === 'future'), JSON.stringify(all.map((x) => [x.type, x.modality])));
  const protest = events('Kenyan opposition leader Raila Amollo was detained on Monday.\n\nProtesters marched in central Nairobi on Tuesday, calling the detention of Amollo unlawful.').find((x) => x.type === 'PROTEST')!;
  assert.deepEqual(sides(protest.target), [['KEN', 'GOV']]);
});

test('a participle describing a noun is no verb the next one goes on from; a reported verb still is', () => {
  const all = events('Chile responded by expelling four Peruvian officers posted at the embassy and withdrawing its envoy from Lima.').filter((x) => x.type === 'SANCTION');
  assert.ok(all.length === 2 && all.every((x) => codes(x.source).join() === 'CHL'), JSON.stringify(all.map((x) => [x.trigger, codes(x.source)])));
  const fired = events('The ministry in Bangkok said Cambodian troops fired rockets on a Thai base and also shelled a village.').filter((x) => x.type === 'ASSAULT');
  assert.ok(fired.length >= 2 && fired.every((x) => x.source.some((a) => a.actor === 'KHM')), JSON.stringify(fired.map((x) => [x.trigger, codes(x.source)])));
});

test('"the two sides" are the parties of the last act of two; an agreement praised is theirs; "each other" is reciprocal', () => {
  const all = events('Ghana and Togo signed a peace agreement in Accra on Monday.\n\nThe two sides also pledged to pull troops back from the border.\n\nGermany praised the agreement as a step towards peace.');
  const agreed = all.find((x) => x.type === 'AGREE')!;
  assert.deepEqual(codes(agreed.source), ['GHA', 'TGO']);
  const praise = all.find((x) => x.type === 'SUPPORT' && x.source.some((a) => a.actor === 'DEU'))!;
  assert.deepEqual(codes(praise.target), ['GHA', 'TGO']);
  const mutual = events('Chile and Peru imposed sanctions against each other on Friday.').find((x) => x.type === 'SANCTION')!;
  assert.deepEqual(codes(mutual.target), ['CHL', 'PER']);
});

test('a gerund right after a subordinator ("after", "before", "while") shares the clause\'s doer, not the noun before it', () => {
  const expel = only('Bolivian police cleared the plaza after ordering the miners to leave La Paz.', 'SANCTION');
  assert.deepEqual(codes(expel.source), ['BOL']);
  assert.equal(expel.source[0]!.sector, 'COP');
  const reject = only('Thai officials received the Cambodian delegation before rejecting its complaint about the temple.', 'REJECT');
  assert.deepEqual(codes(reject.source), ['THA']);
});

test('"X was among those arrested": X is the one arrested', () => {
  const e = only('A Ugandan opposition lawmaker was among those detained in Kampala on Tuesday.', 'COERCE');
  assert.equal(e.source.length, 0);
  assert.deepEqual(e.target.map((a) => a.text), ['Ugandan opposition lawmaker']);
});

test('followers act for themselves: "the senator\'s supporters protested" is not a protest by the senator', () => {
  const e = only('Thousands of Raila Odinga\'s supporters protested in Mombasa on Thursday.', 'PROTEST');
  assert.deepEqual(e.source.map((a) => a.text), ['supporters']);
  assert.equal(e.source[0]!.sector, 'CVL');
});

test('"instead of" and "rather than" an act: it was not done', () => {
  const e = only('Rather than condemning the coup, Mali praised the Guinean junta.', 'ACCUSE');
  assert.equal(e.negated, true);
  assert.equal(only('Rather than condemning the coup, Mali praised the Guinean junta.', 'SUPPORT').negated, false);
});

test('acts an act is "aimed at" are only intended, with no threat read into them', () => {
  const all = events('Nicaraguan police carried out raids aimed at silencing opposition journalists.');
  const silencing = all.find((e) => e.trigger === 'silencing');
  assert.equal(silencing?.modality, 'hypothetical', JSON.stringify(all.map((e) => [e.type, e.trigger, e.modality])));
  assert.equal(all.find((e) => e.trigger === 'raids')?.modality, 'asserted');
  assert.ok(!all.some((e) => e.type === 'THREATEN'), 'an aim is no threat');
});

test('a state named on a frontier ("near the Malian border", "the border with Mali") is a neighbour: it places neither the act nor its victims', () => {
  const near = only('Burkinabe soldiers killed seven herders near the Malian border on Sunday.', 'ASSAULT');
  assert.deepEqual(codes(near.target), ['BFA']);
  const along = only('Nigerien troops shelled villages along the border with Mali, killing four herders.', 'ASSAULT');
  assert.ok(!codes(along.target).includes('MLI'), JSON.stringify(along.target));
  assert.notEqual(along.location?.country, 'MLI');
  // Named in a pattern's own slot, the neighbour is still the party.
  assert.deepEqual(codes(only('Niger closed its border with Mali on Monday.', 'COERCE').target), ['MLI']);
});

test('an act noun said not to exist ("ended without agreement", "no protests") is no act done: a missing deal is declined, as "failed to reach" one', () => {
  const all = events('Talks between Sudan and Chad ended without a formal agreement in Addis Ababa.');
  assert.ok(!all.some((e) => e.type === 'AGREE' && !e.negated), JSON.stringify(all.map((e) => [e.type, e.trigger, e.negated])));
  assert.equal(events('No protests were reported in Lusaka on Sunday.').filter((e) => e.type === 'PROTEST' && !e.negated).length, 0);
});

test('"police in the capital of Zambia": a state after a part of a territory is a place, not a second doer', () => {
  const e = only('Police in the capital of Zambia fired tear gas at students on Monday.', 'ASSAULT');
  assert.deepEqual(e.source.map((a) => [a.actor, a.sector]), [['ZMB', 'COP']]);
});

test('a protest by a bare count of people ("Thousands marched through Lusaka") is its place\'s people\'s, and a capital after "through" is where it happens', () => {
  const e = only('Thousands marched through Lusaka on Saturday.', 'PROTEST');
  assert.deepEqual(e.source.map((a) => [a.actor, a.sector]), [['ZMB', 'CVL']]);
  assert.equal(e.location?.name, 'Lusaka');
  assert.ok(!e.target.some((a) => a.text === 'Lusaka'), 'the capital is the place, not the target');
  assert.deepEqual(only('Tens of thousands rallied in Accra against the new tax.', 'PROTEST').source.map((a) => a.actor), ['GHA']);
});

test('past a relative clause with no commas, the verb\'s subject is the noun the clause is about ("the commander who ordered the raids was sanctioned")', () => {
  const e = only('A Sudanese militia commander who ordered attacks on civilians was sanctioned by Britain.', 'SANCTION');
  assert.deepEqual(e.target.map((a) => a.text), ['Sudanese militia commander']);
  assert.deepEqual(codes(e.source), ['GBR']);
});

test('victims with no state of their own are not given the state of another act\'s doer in the sentence', () => {
  const e = only('A Sudanese militia commander who ordered attacks on civilians was sanctioned by Britain.', 'ASSAULT');
  assert.deepEqual(codes(e.target), ['SDN']);
  // The state another act hits may be theirs: "struck Ukraine, killing civilians".
  const killed = events('Russian forces struck Ukraine on Monday, killing nine civilians.').filter((x) => x.type === 'ASSAULT');
  assert.ok(killed.some((x) => codes(x.target).includes('UKR')), JSON.stringify(killed.map((x) => [x.trigger, codes(x.target)])));
});
