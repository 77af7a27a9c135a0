import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as nlp from '../nlp/index.js';
import { analyzeArticle, loadKnowledge } from '../pipeline.js';
import type { Doc, Mention } from '../types.js';
import { annotate, load, type ActorsLayer } from './index.js';

// Invented people, so that no test depends on the shipped people files.
const kb = load({
  people: [
    { name: 'Ada Testova', gender: 'f', roles: [{ actor: 'MDA', sector: 'GOV', role: 'president', from: '2020-01-01', to: null }] },
    {
      name: 'Piet Voorbeeld',
      gender: 'm',
      roles: [
        { actor: 'NLD', sector: 'GOV', role: 'prime minister', from: '2010-01-01', to: '2024-10-01' },
        { actor: 'NATO', sector: null, role: 'secretary-general', from: '2024-10-01', to: null },
      ],
    },
    { name: 'Wen Shili', gender: 'm', roles: [{ actor: 'CHN', sector: 'GOV', role: 'foreign ministry spokesperson', from: '2021-01-01', to: null }] },
  ],
  countries: [{ code: 'RUR', name: 'Ruritania', adj: ['Ruritanian'], capitals: ['Strelsau'] }],
  igos: [{ code: 'NORDO', name: 'Northern Dialogue', names: ['Northern Dialogue Forum'], refs: ['the forum'] }],
  roles: [{ role: 'hetman', sector: 'MIL', kind: 'person' }],
});

function run(body: string, published: string | null = null): ActorsLayer & { body: string } {
  const doc: Doc = {
    article: {
      id: 'a1',
      path: 'a1.txt',
      outlet: null,
      url: null,
      title: null,
      byline: null,
      dateline: null,
      published,
      body,
      removed: [],
      flags: [],
      story: null,
      duplicateOf: null,
    },
    ...nlp.annotate(body),
    entities: [],
    mentions: [],
    quotes: [],
    events: [],
  };
  return { ...annotate(doc, kb), body };
}

function at(layer: ActorsLayer & { body: string }, text: string, nth = 0): Mention {
  const found = layer.mentions.filter((m) => m.text === text);
  assert.ok(found[nth], `no mention ${JSON.stringify(text)} (#${nth}) in ${JSON.stringify(layer.mentions.map((m) => m.text))}`);
  return found[nth]!;
}

test('a country after a locative preposition is a place; as a subject it acts', () => {
  const r = run('Kazakhstan said it would host the talks. The delegations met in Kazakhstan on Monday.');
  const actor = at(r, 'Kazakhstan', 0);
  assert.equal(actor.entity, 'KAZ');
  assert.equal(actor.place, undefined);
  assert.equal(at(r, 'Kazakhstan', 1).place, true);
  assert.equal(at(r, 'it').entity, 'KAZ');
  assert.equal(at(r, 'it').anaphor, true);
});

test('a capital or seat stands for its government; a city is only a place', () => {
  const r = run('Beijing rejected the report, while the Kremlin stayed silent and the Pentagon said nothing. Talks were held in Geneva.');
  assert.deepEqual([at(r, 'Beijing').actor, at(r, 'Beijing').sector, at(r, 'Beijing').place], ['CHN', 'GOV', undefined]);
  assert.deepEqual([at(r, 'the Kremlin').actor, at(r, 'the Kremlin').sector], ['RUS', 'GOV']);
  assert.deepEqual([at(r, 'the Pentagon').actor, at(r, 'the Pentagon').sector], ['USA', 'MIL']);
  assert.equal(at(r, 'Geneva').place, true);
  assert.ok(!r.entities.some((e) => e.id === 'CHE'), 'a city alone does not make its country an entity');
});

test('a dateline names where the story was filed, not an actor', () => {
  const r = run('KYIV, Ukraine (AP) — Ukraine said on Monday that it had shot down the drones.\nMOSCOW — The Kremlin said it would respond.');
  assert.deepEqual([at(r, 'KYIV').place, at(r, 'KYIV').rule], [true, 'dateline']);
  assert.equal(at(r, 'Ukraine', 0).place, true);
  assert.equal(at(r, 'Ukraine', 1).place, undefined);
  assert.equal(at(r, 'MOSCOW').place, true);
  assert.equal(at(r, 'it', 1).entity, 'RUS');
  assert.equal(at(run('NATO-member Norway agreed.'), 'NATO').place, undefined, 'a hyphenated compound is no dateline');
});

test('a plural demonym is a people acting; an adjective only modifies', () => {
  const r = run('The Palestinians rejected the plan, and they said a Chinese proposal was better.');
  assert.deepEqual([at(r, 'Palestinians').actor, at(r, 'Palestinians').rule], ['PSE', 'demonym']);
  assert.equal(at(r, 'they').entity, 'PSE');
  assert.equal(at(r, 'Chinese').rule, 'adjective');
});

test('demonym plus role: one mention for the person, groups carry their sector', () => {
  const r = run('Ukrainian Foreign Minister Oleh Prykladenko met Polish troops and Chinese enterprises near the border.');
  const minister = at(r, 'Oleh Prykladenko');
  assert.deepEqual([minister.entity, minister.actor, minister.sector], ['person:oleh-prykladenko', 'UKR', 'GOV']);
  assert.ok(!r.mentions.some((m) => m.text === 'Ukrainian'), 'the adjective is context of the name, not a mention');
  assert.deepEqual([at(r, 'Polish troops').actor, at(r, 'Polish troops').sector, at(r, 'Polish troops').rule], ['POL', 'MIL', 'group']);
  assert.deepEqual([at(r, 'Chinese enterprises').actor, at(r, 'Chinese enterprises').sector], ['CHN', 'BUS']);
  const doctors = run('Swiss doctors arrived, and they said the clinic was full.');
  assert.deepEqual([at(doctors, 'Swiss doctors').sector, at(doctors, 'they').entity], ['HLH', 'CHE']);
  const entity = r.entities.find((e) => e.id === 'person:oleh-prykladenko');
  assert.equal(entity?.role, 'foreign minister');
  assert.equal(entity?.country, 'UKR');
});

test('role words before a name: seat metonym, "X of BODY", possessive', () => {
  const r = run(
    'Kremlin foreign policy advisor Ivan Obraztsov spoke first. Then Secretary-General of the OSCE Hanna Beispiel replied, and Norway\'s ambassador Ola Eksempel listened.',
  );
  assert.deepEqual([at(r, 'Ivan Obraztsov').actor, at(r, 'Ivan Obraztsov').sector], ['RUS', 'GOV']);
  assert.equal(at(r, 'Hanna Beispiel').actor, 'OSCE');
  assert.equal(at(r, 'Ola Eksempel').actor, 'NOR');
  assert.equal(at(run('Foreign Minister Lars Prove of Denmark met the envoy.'), 'Lars Prove').actor, 'DNK');
  const lone = run('Ada Testova met Turkish President Yilmazer in Ankara, and later President Testova flew home.', '2024-01-01');
  assert.deepEqual([at(lone, 'Yilmazer').entity, at(lone, 'Yilmazer').actor], ['person:yilmazer', 'TUR']);
  assert.equal(at(lone, 'Testova').entity, 'person:ada-testova');
  assert.equal(at(run('King Halvard of Norway said the visit was useful.'), 'Halvard').actor, 'NOR');
  assert.equal(at(run('British Defence Secretary Ann Major has promised more aid.'), 'Ann Major').actor, 'GBR', 'a title word can close a name');
});

test("a person's office belongs to the person's country", () => {
  const r = run("Ada Testova's spokesman Ion Exemplu said the talks failed. Ada Testova's office declined to comment.", '2024-01-01');
  assert.deepEqual([at(r, 'Ion Exemplu').actor, at(r, 'Ion Exemplu').sector], ['MDA', 'GOV']);
  assert.equal(at(r, 'Ada Testova', 1).entity, 'person:ada-testova');
  assert.deepEqual([at(r, 'office').actor, at(r, 'office').rule], ['MDA', 'group']);
});

test('a name followed by an apposition with the role', () => {
  const r = run('Maria Exemplu, the president of Romania, arrived on Friday. Jan Przyklad, a spokesman for the Polish embassy, declined to comment.');
  assert.deepEqual([at(r, 'Maria Exemplu').actor, at(r, 'Maria Exemplu').sector, at(r, 'Maria Exemplu').rule], ['ROU', 'GOV', 'person-apposition']);
  assert.equal(at(r, 'Jan Przyklad').actor, 'POL');
});

test('the bare surname links back to the full name; pronouns to the right person', () => {
  const r = run('Chilean President Tomas Pruebas arrived in Lima. Pruebas said the visit went well. He added that trade would grow.');
  const full = at(r, 'Tomas Pruebas');
  assert.equal(at(r, 'Pruebas').entity, full.entity);
  assert.equal(at(r, 'Pruebas').actor, 'CHL');
  assert.equal(at(r, 'He').entity, full.entity);
  assert.equal(at(r, 'Lima').place, true);
  const role = run('Chilean President Tomas Pruebas arrived in Lima. The president said the visit went well.');
  assert.deepEqual([at(role, 'The president').entity, at(role, 'The president').anaphor], [full.entity, true]);
  const entity = r.entities.find((e) => e.id === full.entity);
  assert.deepEqual(entity?.mentions.map((m) => m.text), ['Tomas Pruebas', 'Pruebas', 'He']);
});

test('pronoun gender follows the gazetteer; "he said" after a quote goes to the speaker', () => {
  const r = run('Ada Testova met Tomas Pruebas. She said the talks were useful.');
  assert.equal(at(r, 'She').entity, 'person:ada-testova');
  const q = run('Tomas Pruebas criticised Ada Testova. "The plan is dead," Pruebas said. "We will not return," he said.');
  assert.equal(at(q, 'he').entity, 'person:tomas-pruebas');
  const saying = run('Chilean President Tomas Pruebas refused to meet Piet Voorbeeld in Lima, saying he had no time for him.');
  assert.equal(at(saying, 'he').entity, 'person:tomas-pruebas');
  assert.equal(at(saying, 'him').entity, 'person:piet-voorbeeld');
});

test('"the alliance" and "the bloc" resolve to the latest body that answers to them', () => {
  const r = run('NATO met on Monday. The alliance said it would respond. The European Union disagreed, and the bloc issued a statement.');
  assert.deepEqual([at(r, 'The alliance').entity, at(r, 'The alliance').anaphor], ['NATO', true]);
  assert.equal(at(r, 'the bloc').entity, 'EU');
  const quoted = run('The Kremlin released the text. "We oppose NATO expansion," it reads. The UN and its agencies were named.');
  assert.equal(at(quoted, 'it').entity, 'RUS', 'what a quote names is not the speaker of "it reads"');
  assert.equal(at(quoted, 'its').entity, 'UN');
  const none = run('The alliance said nothing.');
  assert.equal(none.mentions.length, 0, 'no antecedent, no mention');
});

test('a mission belongs to its sending country, not its host; groups "of" a body', () => {
  const r = run("China's mission to the European Union disputed the claim. The mission said so. Later the foreign ministers of the G7 nations met.");
  assert.deepEqual([at(r, "China's mission").actor, at(r, "China's mission").sector], ['CHN', 'GOV']);
  assert.equal(at(r, 'the European Union').entity, 'EU');
  assert.deepEqual([at(r, 'The mission').actor, at(r, 'The mission').anaphor], ['CHN', true]);
  assert.equal(at(r, 'the foreign ministers of the G7 nations').actor, 'G7');
  const spokesman = at(run('Talks will resume, said a spokesman for the Israeli prime minister.'), 'a spokesman for the Israeli prime minister');
  assert.deepEqual([spokesman.actor, spokesman.sector], ['ISR', 'GOV']);
});

test('the article date picks the role; no date picks the latest', () => {
  const before = run('Piet Voorbeeld said the talks would go on.', '2023-05-02');
  const after = run('Piet Voorbeeld said the talks would go on.', '2025-02-03');
  const undated = run('Piet Voorbeeld said the talks would go on.');
  assert.equal(at(before, 'Piet Voorbeeld').actor, 'NLD');
  assert.equal(at(after, 'Piet Voorbeeld').actor, 'NATO');
  assert.equal(at(undated, 'Piet Voorbeeld').actor, 'NATO');
  const early = run('Wen Shili spoke.', '2019-03-01');
  assert.equal(at(early, 'Wen Shili').actor, 'CHN', 'no valid role: the nearest one');
  assert.equal(at(run('Voorbeeld said no.', '2023-05-02'), 'Voorbeeld').entity, 'person:piet-voorbeeld');
  const two = run('Chilean President Tomas Pruebas met Peruvian President Luis Pruebas. Pruebas said the talks went well.');
  assert.ok(!two.mentions.some((m) => m.text === 'Pruebas'), 'a surname two people share is left alone');
});

test('user lexicon entries extend countries, bodies and roles', () => {
  const r = run('Ruritanian hetman Rudolf Muster warned Strelsau. The Northern Dialogue Forum met, and the forum said it was worried.');
  assert.deepEqual([at(r, 'Rudolf Muster').actor, at(r, 'Rudolf Muster').sector], ['RUR', 'MIL']);
  assert.deepEqual([at(r, 'Strelsau').actor, at(r, 'Strelsau').sector], ['RUR', 'GOV']);
  assert.equal(at(r, 'Northern Dialogue Forum').entity, 'NORDO');
  assert.equal(at(r, 'the forum').entity, 'NORDO');
});

test('organisations act for their state with their own sector', () => {
  const r = run('Hamas spokesman Omar Beispiel said Hamas fighters had withdrawn. Amnesty International criticised the Taliban.');
  assert.deepEqual([at(r, 'Omar Beispiel').actor, at(r, 'Omar Beispiel').sector], ['PSE', 'REB']);
  const fighters = at(r, 'Hamas fighters');
  assert.deepEqual([fighters.entity, fighters.actor, fighters.sector], ['org:hamas', 'PSE', 'REB']);
  assert.equal(at(r, 'Amnesty International').entity, 'org:amnesty-international');
  assert.equal(r.entities.find((e) => e.id === 'org:hamas')?.kind, 'org');
  assert.equal(at(r, 'the Taliban').actor, 'AFG');
  const via = run('Hezbollah leader Karim Beispiel warned Israel. The group said its fighters were ready.');
  assert.deepEqual([at(via, 'The group').entity, at(via, 'The group').actor, at(via, 'The group').sector], ['org:hezbollah', 'LBN', 'REB']);
  assert.equal(at(via, 'its').entity, 'org:hezbollah');
});

test('an office under an unknown name gets no guessed country', () => {
  const r = run('Chile said the mine would reopen. Chile has asked for help. Minerva Holdings President Paula Muestra told reporters the deal was done.');
  assert.equal(at(r, 'Paula Muestra').actor, null);
  const guessed = run('Chile said the mine would reopen. Chile has asked for help. Foreign ministry spokeswoman Paula Muestra told reporters the deal was done.');
  assert.equal(at(guessed, 'Paula Muestra').actor, 'CHL', 'an untitled office acts for the country the article is about');
});

test('capitalised runs: "the X Command" is an organisation; particles and hyphens stay inside names', () => {
  const r = run('The Southern Harbour Command said the drills ended. Egyptian envoy Karim el-Masri met Peruvian Foreign Minister Ana de la Prueba.');
  const org = at(r, 'Southern Harbour Command');
  assert.deepEqual([org.entity, org.sector, org.rule], ['org:southern-harbour-command', 'MIL', 'org-head']);
  assert.equal(r.entities.find((e) => e.id === org.entity)?.kind, 'org');
  assert.equal(at(r, 'Karim el-Masri').actor, 'EGY');
  assert.equal(at(r, 'Ana de la Prueba').actor, 'PER');
});

test('a --lexicon file reaches the actors stage through the pipeline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-actors-'));
  try {
    const file = join(dir, 'lexicon.yaml');
    writeFileSync(
      file,
      [
        'people:',
        '  - name: Greta Probe',
        '    gender: f',
        '    roles:',
        '      - { actor: SWE, sector: GOV, role: foreign minister, from: 2025-01-01, to: null }',
        'igos:',
        '  - { code: BALTCO, name: Baltic Council, refs: [the council] }',
        '',
      ].join('\n'),
    );
    const kbWithFile = loadKnowledge([file]);
    const doc = analyzeArticle(
      { path: 'x.txt', format: 'text', text: 'Greta Probe addressed the Baltic Council. The council said she was right.', published: '2025-06-01' },
      kbWithFile,
    );
    const probe = doc.entities.find((e) => e.id === 'person:greta-probe');
    assert.equal(probe?.country, 'SWE');
    assert.deepEqual(
      doc.mentions.filter((m) => m.entity === 'BALTCO').map((m) => [m.text, m.anaphor ?? false]),
      [['Baltic Council', false], ['The council', true]],
    );
    assert.equal(doc.mentions.find((m) => m.text === 'she')?.entity, 'person:greta-probe');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a lexicon entry without its name is refused with the section and entry', () => {
  assert.throws(() => load({ countries: [{ code: 'XYZ' }] }), /section 'countries', entry 1: needs name/);
  assert.throws(() => load({ roles: [{ role: 'hetman', kind: 'person' }, { role: 'vizier' }] }), /section 'roles', entry 2: needs kind/);
});

test('names in photo credits are never people', () => {
  const r = run(
    'Anna Fotografka/Pool/AFP/Getty Images\nSpeakers at the summit. JOHN SNAPPER/AFP via Getty Images\nMao Ning told reporters the talks went well.\n' +
      '(Photo by Olga Snapshot) Reporting by Guy Exampleson; Writing by Jo Scribe said nothing.',
  );
  const people = r.entities.filter((e) => e.kind === 'person').map((e) => e.name);
  assert.deepEqual(people, ['Mao Ning']);
  assert.ok(!r.mentions.some((m) => m.text === 'AFP'), 'a credited agency does not act');
  assert.equal(at(run('PARIS (AFP) — Xinhua reported that AFP had left.'), 'Xinhua').actor, 'CHN');
  assert.deepEqual(run('PARIS (AFP) — Xinhua reported that AFP had left.').mentions.map((m) => m.text), ['PARIS', 'Xinhua', 'AFP']);
});

test('a known surname glued to the next word is still a mention of the person', () => {
  const r = run('Ties grew under President Ada Testovawhose government signed the pact.');
  const m = at(r, 'Ada Testova');
  assert.equal(m.entity, 'person:ada-testova');
  assert.equal(r.body.slice(m.start, m.end), 'Ada Testova');
});

test('mentions are sorted, disjoint, and their offsets index the body', () => {
  const r = run('US President Joe Example met Russian President Ivan Primer in Helsinki. The two leaders said their talks were frank.');
  let last = -1;
  for (const m of r.mentions) {
    assert.ok(m.start >= last, 'sorted and not overlapping');
    assert.equal(r.body.slice(m.start, m.end), m.text);
    assert.ok(m.rule.length > 0);
    last = m.end;
  }
  assert.equal(at(r, 'Joe Example').actor, 'USA');
  assert.equal(at(r, 'Ivan Primer').actor, 'RUS');
});

test('"the Moldovan leader" is the Moldovan president named before; without one it stays the state', () => {
  const r = run('President Ada Testova of Moldova arrived on Monday. The Moldovan leader said her visit was useful.', '2024-05-01');
  assert.equal(at(r, 'Moldovan leader').entity, 'person:ada-testova');
  assert.equal(at(r, 'Moldovan leader').rule, 'role-ref');
  assert.equal(at(r, 'her').entity, 'person:ada-testova');
  // A spokesperson holds no office "leader" covers.
  const s = run('Chinese spokesperson Wen Shili spoke on Monday. The Chinese leader was absent.', '2024-05-01');
  assert.equal(at(s, 'Chinese leader').entity, 'CHN');
});

test('"officials from Ruritania", "his counterpart from Ruritania": a role with "from" and a state is that state\'s', () => {
  const r = run('Ada Testova met officials from Ruritania and her counterpart from Ruritania on Monday.', '2024-05-01');
  assert.equal(at(r, 'officials from Ruritania').actor, 'RUR');
  assert.equal(at(r, 'counterpart from Ruritania').actor, 'RUR');
});

test('a leader\'s surname before a body is the leader\'s state: "the Testova government"', () => {
  const r = run('The Testova government rejected the plan on Monday.', '2024-05-01');
  assert.equal(at(r, 'Testova government').actor, 'MDA');
  assert.equal(at(r, 'Testova government').sector, 'GOV');
  // An unknown surname owns nothing.
  assert.ok(run('The Smithson government rejected the plan.').mentions.every((m) => m.actor !== 'MDA'));
});

test('an organisation acts with the sector of its era: the Taliban rebels before August 2021, the government after', async () => {
  const { analyzeArticle, loadKnowledge } = await import('../pipeline.js');
  const kb = loadKnowledge();
  const sectorOf = (published: string) => analyzeArticle({ path: 't.txt', format: 'text', text: 'The Taliban closed the border crossing.', published }, kb).mentions.find((m) => m.text.includes('Taliban'))?.sector;
  assert.equal(sectorOf('2019-05-01'), 'REB');
  assert.equal(sectorOf('2023-05-01'), 'GOV');
});

test('a name that goes on past a gazetteer person is someone else', () => {
  const layer = run('Ada Testova Ionescu, the defence minister of Ruritania, spoke on Monday.');
  assert.equal(layer.mentions.some((m) => m.text === 'Ada Testova'), false, JSON.stringify(layer.mentions.map((m) => m.text)));
  assert.ok(layer.mentions.some((m) => m.text === 'Ada Testova Ionescu'), JSON.stringify(layer.mentions.map((m) => m.text)));
  // A day after the name does not lengthen it.
  assert.equal(at(run('Ada Testova Monday said talks would go on.'), 'Ada Testova').actor, 'MDA');
});

test('a weapon\'s model between a demonym and its group word is passed over', () => {
  const m = at(run('Ruritanian F-16 fighter jets bombed the border post.'), 'Ruritanian F-16 fighter jets');
  assert.equal(m.actor, 'RUR');
});

test('forces from a region are not the state\'s army', () => {
  const layer = analyzeArticle({ path: 'r', format: 'text', text: 'Federal troops clashed on Monday with regional forces from Amhara in Ethiopia.', published: '2024-01-01' }, loadKnowledge());
  const m = layer.mentions.find((x) => x.text === 'regional forces')!;
  assert.deepEqual([m.actor, m.sector], ['ETH', 'REB']);
});

test('government troops and forces are the state\'s military', () => {
  const layer = analyzeArticle({ path: 'g', format: 'text', text: 'Malian government troops shelled a rebel position near Kidal on Monday.', published: '2024-01-01' }, loadKnowledge());
  const m = layer.mentions.find((x) => x.text === 'Malian government troops')!;
  assert.deepEqual([m.actor, m.sector], ['MLI', 'MIL']);
});

test('a lone last name of a person the article named in full is that person', () => {
  const layer = analyzeArticle({ path: 's', format: 'text', text: 'Kenyan President William Ruto met Ugandan President Yoweri Museveni in Kampala on Monday.\n\nMuseveni thanked Ruto for the visit.', published: '2024-03-01' }, loadKnowledge());
  const m = layer.mentions.filter((x) => x.text === 'Museveni');
  assert.ok(m.length === 1 && m[0]!.actor === 'UGA', JSON.stringify(layer.mentions.map((x) => [x.text, x.actor, x.rule])));
});
