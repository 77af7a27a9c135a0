// A generated corpus for benchmarks: news-like articles assembled from
// sentence templates written for dyad, with boilerplate lines mixed in so the
// clean stage has work to do. Deterministic for a given seed.
import type { RawArticle } from '../types.js';

const actors = [
  'China', 'Russia', 'the United States', 'Ukraine', 'NATO', 'the European Union', 'Japan', 'Iran', 'India',
  'Turkey', 'Germany', 'France', 'Brazil', 'South Africa', 'Poland', 'North Korea', 'South Korea', 'Israel',
];
const people = [
  'Foreign Minister Wang Yi', 'President Vladimir Putin', 'Secretary of State Antony Blinken',
  'President Volodymyr Zelensky', 'NATO Secretary-General Mark Rutte', 'spokesperson Lin Jian',
  'Prime Minister Narendra Modi', 'President Emmanuel Macron', 'Chancellor Olaf Scholz',
];
const days = ['on Monday', 'on Tuesday', 'on Wednesday', 'on Thursday', 'on Friday', 'over the weekend', 'last week', 'earlier this month'];
const templates = [
  '{A} accused {B} of violating the agreement {D}.',
  '{P} said {A} would not accept any pressure from {B}.',
  '“We call on {B} to stop the escalation immediately,” {P} said at a news conference.',
  '{A} and {B} agreed {D} to resume talks on trade and security.',
  '{A} imposed new sanctions on companies from {B}, citing support for the war.',
  'Officials in {A} denied the reports and called them groundless.',
  '{P} met his counterpart from {B} {D} to discuss the crisis.',
  '{A} has never supplied weapons to either side, the ministry said.',
  'Troops from {A} were deployed near the border with {B} {D}.',
  '{B} rejected the proposal, saying it ignored its security concerns.',
  'The talks are expected to continue next month in Geneva.',
  'Analysts said the move could deepen tensions between {A} and {B}.',
  '{A} urged {B} to show restraint and return to dialogue.',
  'Protesters gathered outside the embassy of {B} in the capital of {A} {D}.',
  '{P} warned that {A} could take further measures if the attacks continued.',
];
const junk = [
  'Sign up for our daily newsletter.',
  'Photo: Staff Photographer/Agency',
  'See also  Ten gadgets you will want this summer',
  'Leave a Reply',
];

/** Small fast PRNG (mulberry32) so generated corpora are the same on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateArticles(n: number, seed = 42): RawArticle[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const out: RawArticle[] = [];
  for (let i = 0; i < n; i++) {
    const a = pick(actors);
    let b = pick(actors);
    if (b === a) b = actors[(actors.indexOf(a) + 1) % actors.length]!;
    const fill = (t: string): string =>
      t.replaceAll('{A}', a).replaceAll('{B}', b).replaceAll('{P}', pick(people)).replaceAll('{D}', pick(days));
    const title = fill('{A} and {B} trade accusations over border incident');
    const paragraphs: string[] = [title, ''];
    const count = 6 + Math.floor(rnd() * 8);
    for (let p = 0; p < count; p++) {
      paragraphs.push(fill(pick(templates)) + (rnd() < 0.5 ? ' ' + fill(pick(templates)) : ''));
      if (rnd() < 0.08) paragraphs.push(pick(junk));
    }
    const day = String(1 + (i % 28)).padStart(2, '0');
    out.push({
      path: `bench/${i}.txt`,
      format: 'text',
      outlet: `Outlet ${i % 7}`,
      published: `2024-05-${day}`,
      text: paragraphs.join('\n\n'),
    });
  }
  return out;
}
