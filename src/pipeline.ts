// The pipeline: each per-article stage reads the Doc and returns its layer;
// the corpus stages (stories, claims) then see every Doc at once.
import * as actors from './actors/index.js';
import * as claims from './claims/index.js';
import { clean, loadCleanKnowledge, type CleanKnowledge } from './clean/index.js';
import { isoDate } from './clean/dates.js';
import * as events from './events/index.js';
import * as nlp from './nlp/index.js';
import * as quotes from './quotes/index.js';
import * as stories from './stories/index.js';
import { loadTruecaser, restoreCase, type Truecaser } from './nlp/truecase.js';
import * as time from './time/index.js';
import { readUserLexicons, type UserLexicon } from './knowledge.js';
import type { Doc, Entity, InputError, Output, RawArticle } from './types.js';

/** Every stage's knowledge, loaded once per process. */
export interface Knowledge {
  user: UserLexicon;
  actors: actors.Gazetteer;
  clean: CleanKnowledge;
  events: events.EventsKnowledge;
  quotes: quotes.QuotesKnowledge;
  truecase: Truecaser;
}

export function loadKnowledge(lexiconFiles: string[] = []): Knowledge {
  return knowledgeOf(readUserLexicons(lexiconFiles));
}

/** Every stage's knowledge with the user's lexicons already read (a worker thread gets them from the main thread). */
export function knowledgeOf(user: UserLexicon): Knowledge {
  const gazetteer = actors.load(user);
  return { user, actors: gazetteer, clean: loadCleanKnowledge(user), events: events.load(user), quotes: quotes.load(user), truecase: loadTruecaser(gazetteer, user) };
}

/** A cleaned and segmented article, before any annotating stage. */
export function readArticle(raw: RawArticle, kb: Knowledge): Doc {
  // All-lowercase or ALL-CAPS text: names and sentence starts get their capitals back before
  // anything reads it, so that the cleaner does not take shouted lines for headings (same
  // length, letter for letter the original but for case).
  const restored = restoreCase(raw.text, kb.truecase);
  const article = clean(restored === null ? raw : { ...raw, text: restored }, kb.clean);
  if (restored !== null) article.flags.push('case-restored');
  return { article, ...nlp.annotate(article.body), entities: [], mentions: [], quotes: [], events: [] };
}

/** A per-article stage: it reads the Doc and sets its own layer. */
export interface ArticleStage {
  name: string;
  run(doc: Doc, kb: Knowledge): void;
}

/** The per-article stages after clean and nlp, in the order each needs the layers before it. */
export const ARTICLE_STAGES: readonly ArticleStage[] = [
  { name: 'actors', run: (doc, kb) => Object.assign(doc, actors.annotate(doc, kb.actors)) },
  { name: 'quotes', run: (doc, kb) => void (doc.quotes = quotes.annotate(doc, kb.quotes)) },
  { name: 'events', run: (doc, kb) => void (doc.events = events.annotate(doc, kb.events)) },
  { name: 'time', run: (doc) => void (doc.events = time.annotate(doc)) },
];

export function analyzeArticle(raw: RawArticle, kb: Knowledge): Doc {
  const doc = readArticle(raw, kb);
  for (const stage of ARTICLE_STAGES) stage.run(doc, kb);
  return doc;
}

/**
 * How many articles go through the stages together. Each stage runs over the
 * whole batch before the next, as spaCy's `pipe` does: one stage's code and
 * knowledge (gazetteer, lexicon, wink's model) stay hot in the CPU caches, which
 * on 5,000 articles takes ~25% off running each article through every stage in
 * turn. Small enough that a batch's documents weigh little.
 */
export const BATCH = 64;

export function* batches<T>(items: readonly T[], size = BATCH): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/**
 * Every per-article stage over a batch, stage by stage. An article a stage
 * fails on is dropped with an error naming its file; the rest go on. With
 * `timings`, each stage's seconds are added to it (clean and nlp as `clean+nlp`).
 */
export function analyzeBatch(
  raws: readonly RawArticle[],
  kb: Knowledge,
  timings?: Record<string, number>,
): { analysed: { raw: RawArticle; doc: Doc }[]; errors: InputError[] } {
  const errors: InputError[] = [];
  const fail = (raw: RawArticle, err: unknown) => errors.push({ file: raw.path, reason: `analysis failed: ${(err as Error).message}` });
  const timed = (name: string, run: () => void) => {
    if (!timings) return run();
    const t = process.hrtime.bigint();
    run();
    timings[name] = (timings[name] ?? 0) + Number(process.hrtime.bigint() - t) / 1e9;
  };
  let live: { raw: RawArticle; doc: Doc }[] = [];
  timed('clean+nlp', () => {
    for (const raw of raws) {
      const date = dateWarning(raw);
      if (date) errors.push(date);
      try {
        live.push({ raw, doc: readArticle(raw, kb) });
      } catch (err) {
        fail(raw, err);
      }
    }
  });
  for (const stage of ARTICLE_STAGES) {
    timed(stage.name, () => {
      live = live.filter(({ raw, doc }) => {
        try {
          stage.run(doc, kb);
          return true;
        } catch (err) {
          fail(raw, err);
          return false;
        }
      });
    });
  }
  return { analysed: live, errors };
}

/**
 * A warning when an article's publication date is given but is no date
 * ("notadate", "2024-13-45"): it is read without one, and says so. Shared by
 * every way in (files, stdin, the API), as they all pass through here.
 */
export function dateWarning(raw: RawArticle): InputError | null {
  const given = raw.published?.trim();
  if (!given || isoDate(given) !== null) return null;
  return { file: raw.path, reason: `published: '${given.slice(0, 80)}' is not a date; the article is read without one`, warning: true };
}

/** Entities are per article inside a Doc; the output lists each once, with every mention. */
export function mergeEntities(docs: Doc[]): Entity[] {
  const byId = new Map<string, Entity>();
  for (const doc of docs) {
    for (const e of doc.entities) {
      const seen = byId.get(e.id);
      if (seen) seen.mentions.push(...e.mentions);
      else byId.set(e.id, { ...e, mentions: [...e.mentions] });
    }
  }
  return [...byId.values()];
}

/**
 * `user` carries the claim templates and rebuttal cues of the user's lexicon files;
 * `storyTerms`, each doc's, when the threads that analysed them computed them (`--jobs`).
 */
export function analyzeCorpus(docs: Doc[], errors: InputError[] = [], user?: UserLexicon, storyTerms?: readonly (stories.StoryTerms | undefined)[]): Output {
  const storyList = stories.annotate(docs, {}, storyTerms);
  const claimList = claims.annotate(docs, user);
  stories.compare(storyList, docs, claimList);
  return {
    articles: docs.map((d) => d.article),
    entities: mergeEntities(docs),
    quotes: docs.flatMap((d) => d.quotes),
    events: docs.flatMap((d) => d.events),
    stories: storyList,
    claims: claimList,
    errors,
  };
}
