// Copies and stories at scale: synthetic articles streamed through one
// StoryIndex in feed-sized batches. No nlp: each Doc carries a body, a
// published date and actor mentions, all that the stories stage reads.
// Articles are made a batch at a time and dropped once added, so the memory
// measured is the index's.
import type { Doc, Mention } from '../types.js';
import { mulberry32 } from '../bench/corpus.js';
import { StoryIndex } from './cluster.js';

export interface StoriesBench {
  articlesPerSec: number;
  peakRssMb: number;
  /** Happenings generated and stories found; copies made and copies found. */
  happenings: number;
  stories: number;
  copiesMade: number;
  /** Copies found among those made, and articles taken for copies that were not. */
  copiesFound: number;
  falseCopies: number;
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tas', 'vo', 'dri', 'sen', 'pal', 'quo', 'bez', 'nur', 'fil', 'gat', 'hom', 'jus', 'wex', 'yor', 'zin', 'cra'];
const ACTORS = ['CHN', 'RUS', 'USA', 'UKR', 'NATO', 'EU', 'JPN', 'IRN', 'IND', 'TUR', 'DEU', 'FRA', 'BRA', 'ZAF', 'POL', 'PRK', 'KOR', 'ISR', 'GBR', 'UN'];
const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

interface Happening {
  day: number;
  words: string[];
  names: string[];
  actors: string[];
  made: string[];
}

function makeWord(next: () => number, capital: boolean): string {
  let w = '';
  const n = 2 + Math.floor(next() * 2);
  for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
  return capital ? w[0]!.toUpperCase() + w.slice(1) : w;
}

export function benchStories(n: number, batch = 1000): StoriesBench {
  const next = mulberry32(42);
  const vocab = Array.from({ length: 4000 }, () => makeWord(next, false));
  // Zipf-like general vocabulary: low ranks far more often than high ones.
  const common = () => vocab[Math.floor(vocab.length * next() ** 3)]!;
  const happenings: Happening[] = [];
  const perDay = Math.max(1, n / 365 / 4);
  const copies = new Set<string>();
  let copiesFound = 0;
  let falseCopies = 0;
  let seq = 0;

  const newHappening = (day: number): Happening => {
    const h: Happening = {
      day,
      words: Array.from({ length: 14 }, () => makeWord(next, false)),
      names: Array.from({ length: 4 }, () => makeWord(next, true)),
      actors: [ACTORS[Math.floor(next() * ACTORS.length)]!, ACTORS[Math.floor(next() * ACTORS.length)]!],
      made: [],
    };
    happenings.push(h);
    return h;
  };

  const article = (h: Happening): Doc => {
    const paragraphs: string[] = [];
    for (let p = 0; p < 6; p++) {
      const sentence: string[] = [];
      for (let w = 0; w < 40; w++) {
        const r = next();
        sentence.push(r < 0.25 ? h.words[Math.floor(next() * h.words.length)]! : r < 0.32 ? h.names[Math.floor(next() * h.names.length)]! : common());
      }
      paragraphs.push(sentence.join(' ') + '.');
    }
    return makeDoc(`a${seq++}`, h, paragraphs.join('\n\n'), next);
  };

  const copy = (h: Happening, edited: boolean): Doc => {
    const source = h.made[Math.floor(next() * h.made.length)]!;
    const paragraphs = source.split('\n\n');
    if (edited) {
      paragraphs.pop();
      paragraphs[0] = paragraphs[0]!.replace(/^\S+ \S+/, 'meanwhile also');
    }
    return makeDoc(`a${seq++}`, h, paragraphs.join('\n\n'), next);
  };

  const index = new StoryIndex();
  let peak = process.memoryUsage().rss;
  let elapsed = 0;
  let made = 0;
  let day = 0;
  while (made < n) {
    const docs: Doc[] = [];
    while (docs.length < batch && made < n) {
      // Mostly news of the last few days, now and then a new happening.
      const live = happenings.filter((h) => day - h.day <= 3);
      const h = live.length === 0 || next() < 1 / 5 ? newHappening(day) : live[Math.floor(next() * live.length)]!;
      const r = next();
      const isCopy = h.made.length > 0 && r < 0.2;
      const d = isCopy ? copy(h, r < 0.08) : article(h);
      if (isCopy) copies.add(d.article.id);
      h.made.push(d.article.body);
      d.article.published = new Date(START + Math.min(day, h.day + 3) * DAY).toISOString().slice(0, 10);
      docs.push(d);
      made++;
      if (made % Math.ceil(perDay) === 0) day++;
    }
    // Bodies of happenings that can no longer get articles are dropped with them.
    for (let i = 0; i < happenings.length; i++) if (day - happenings[i]!.day > 3) happenings[i]!.made = [];
    const t0 = process.hrtime.bigint();
    const added = index.add(docs);
    docs.forEach((d, i) => {
      if (added[i]!.duplicateOf && copies.has(d.article.id)) copiesFound++;
      else if (added[i]!.duplicateOf) falseCopies++;
    });
    elapsed += Number(process.hrtime.bigint() - t0) / 1e9;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  return {
    articlesPerSec: n / elapsed,
    peakRssMb: peak / 1024 / 1024,
    happenings: happenings.length,
    stories: index.stories().length,
    copiesMade: copies.size,
    copiesFound,
    falseCopies,
  };
}

function makeDoc(id: string, h: Happening, body: string, next: () => number): Doc {
  const mentions: Mention[] = h.actors.map((actor, i) => ({ entity: actor, start: i, end: i + 1, text: actor, actor, sector: null, rule: 'bench' }));
  if (next() < 0.3) mentions.push({ entity: 'UN', start: 2, end: 3, text: 'UN', actor: 'UN', sector: null, rule: 'bench' });
  return {
    article: { id, path: id, outlet: `outlet${Math.floor(next() * 50)}`, url: null, title: null, byline: null, dateline: null, published: null, body, removed: [], flags: [], story: null, duplicateOf: null },
    paragraphs: [],
    sentences: [],
    tokens: [],
    entities: [],
    mentions,
    quotes: [],
    events: [],
  };
}
