// A small corpus for the store, API, export and browser tests: our own sentences
// about fictional states (RUR Ruritania, FRE Freedonia, SYL Syldavia) run
// through the real pipeline, plus events, quotes, a story and a claim written
// through the store API where those stages are not part of this test. Fictional
// actors keep the hand-made layer apart from whatever the real stages find.
import { loadKnowledge } from '../pipeline.js';
import type { Claim, PloverEvent, PloverType, Quote, RawArticle, Story } from '../types.js';
import { storeArticles } from './index.js';
import type { Repo } from './repo.js';

export const FIXTURE_ARTICLES: RawArticle[] = [
  {
    path: 'fixture/wire.txt', format: 'text', id: 'fx-wire', outlet: 'Example Wire', url: 'https://example.org/wire/1',
    title: 'Ruritania accuses Freedonia over border drills', published: '2026-03-02',
    text: [
      'Ruritania accused Freedonia on Monday of staging provocative drills near the border.',
      '"These drills are a threat to our sovereignty," the Ruritanian foreign minister, Anna Weber, told reporters.',
      'Freedonia rejected the accusation and said the exercises were routine.',
      'Syldavia urged both sides to hold talks.',
    ].join('\n'),
  },
  {
    path: 'fixture/copy.txt', format: 'text', id: 'fx-copy', outlet: 'Copy Farm', url: 'https://example.net/copy',
    title: 'Ruritania accuses Freedonia over border drills', published: '2026-03-03',
    text: [
      'Ruritania accused Freedonia on Monday of staging provocative drills near the border.',
      '"These drills are a threat to our sovereignty," the Ruritanian foreign minister, Anna Weber, told reporters.',
    ].join('\n'),
  },
  {
    path: 'fixture/gazette.txt', format: 'text', id: 'fx-gazette', outlet: 'Freedonia Gazette', url: 'https://example.com/gazette',
    title: 'Freedonia and Syldavia sign a trade deal', published: '2026-04-10',
    text: [
      'Freedonia and Syldavia signed a trade agreement in the capital on Friday.',
      '"This is a good day for both our peoples," said Freedonian president Rufus Firefly.',
      'Ruritania sent aid to Syldavia after the floods.',
    ].join('\n'),
  },
];

function span(body: string, text: string): { start: number; end: number; text: string } {
  const start = body.indexOf(text);
  if (start < 0) throw new Error(`fixture text not found: ${text}`);
  return { start, end: start + text.length, text };
}

function event(article: string, body: string, n: number, type: PloverType, cameo: string, src: string, tgt: string, date: string, sentence: string, trigger: string): PloverEvent {
  const evidence = span(body, sentence);
  const t = body.indexOf(trigger, evidence.start);
  return {
    id: `${article}:fe${n}`, article, type, mode: null, cameo,
    source: [{ actor: src, sector: 'GOV', text: src, entity: null }],
    target: [{ actor: tgt, sector: 'GOV', text: tgt, entity: null }],
    date, datePrecision: 'day', negated: false, modality: 'asserted', trigger, quote: null,
    confidence: 0.9, rule: 'fixture', evidence, triggerStart: t, triggerEnd: t + trigger.length,
  };
}

function quote(article: string, body: string, n: number, text: string, speaker: string, actor: string): Quote {
  return {
    id: `${article}:fq${n}`, article, kind: 'direct', ...span(body, text), cue: 'said',
    speaker: { name: speaker, actor, sector: 'GOV', entity: `person:${speaker.toLowerCase().replace(/ /g, '-')}` }, rule: 'fixture',
  };
}

/** Stores the fixture corpus through the real pipeline and adds the hand-made layer. */
export async function loadFixture(repo: Repo): Promise<void> {
  await storeArticles(repo, FIXTURE_ARTICLES, loadKnowledge());
  // offsets index the cleaned body, which need not equal the input text
  const body = async (id: string) => (await repo.getArticle(id))!.article.body;
  const [wire, copy, gazette] = [await body('fx-wire'), await body('fx-copy'), await body('fx-gazette')];
  await repo.addEvents([
    event('fx-wire', wire, 1, 'ACCUSE', '112', 'RUR', 'FRE', '2026-03-02', 'Ruritania accused Freedonia on Monday of staging provocative drills near the border.', 'accused'),
    event('fx-wire', wire, 2, 'REJECT', '125', 'FRE', 'RUR', '2026-03-02', 'Freedonia rejected the accusation and said the exercises were routine.', 'rejected'),
    event('fx-wire', wire, 3, 'REQUEST', '1041', 'SYL', 'RUR', '2026-03-02', 'Syldavia urged both sides to hold talks.', 'urged'),
    event('fx-copy', copy, 1, 'ACCUSE', '112', 'RUR', 'FRE', '2026-03-02', 'Ruritania accused Freedonia on Monday of staging provocative drills near the border.', 'accused'),
    event('fx-gazette', gazette, 1, 'COOPERATE', '061', 'FRE', 'SYL', '2026-04-10', 'Freedonia and Syldavia signed a trade agreement in the capital on Friday.', 'signed'),
    event('fx-gazette', gazette, 2, 'AID', '070', 'RUR', 'SYL', '2026-04-08', 'Ruritania sent aid to Syldavia after the floods.', 'sent'),
  ]);
  await repo.addQuotes([
    quote('fx-wire', wire, 1, 'These drills are a threat to our sovereignty,', 'Anna Weber', 'RUR'),
    quote('fx-copy', copy, 1, 'These drills are a threat to our sovereignty,', 'Anna Weber', 'RUR'),
    quote('fx-gazette', gazette, 1, 'This is a good day for both our peoples,', 'Rufus Firefly', 'FRE'),
  ]);
  const stories: Story[] = [
    { id: 'fx-story-drills', title: 'Ruritania accuses Freedonia over border drills', articles: ['fx-wire', 'fx-copy'], start: '2026-03-02', end: '2026-03-03', actors: ['RUR', 'FRE', 'SYL'] },
    { id: 'fx-story-trade', title: 'Freedonia and Syldavia sign a trade deal', articles: ['fx-gazette'], start: '2026-04-10', end: '2026-04-10', actors: ['FRE', 'SYL'] },
  ];
  const claims: Claim[] = [{
    id: 'fx-claim-drills', proposition: 'Freedonia’s drills threaten Ruritania', assertedBy: ['RUR'], deniedBy: ['FRE'],
    evidence: [
      { article: 'fx-wire', kind: 'quote', id: 'fx-wire:fq1', side: 'assert' },
      { article: 'fx-wire', kind: 'event', id: 'fx-wire:fe2', side: 'deny' },
    ],
  }];
  const docs = await repo.loadDocs();
  const articles = docs.map((d) => ({ ...d.article, duplicateOf: d.article.id === 'fx-copy' ? 'fx-wire' : d.article.duplicateOf }));
  await repo.writeCorpus(stories, claims, articles);
}
