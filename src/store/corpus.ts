// Stories and claims kept up to date as articles arrive, without recomputing the corpus.
//
// A full recompute (`rebuild`) runs every stored article through a fresh story index,
// as `dyad analyze` and `dyad ingest` do, and keeps that index. Each later article is
// then added to the same index (`add`): the index scores it only against the live
// stories that share its heaviest terms (an inverted index), so only the story it joins
// or opens changes, and only that story (plus any whose claim sides change) is written.
// This is the story stage's own streaming mode: an article is placed as if it had come
// after every stored one. It equals a recompute whenever arrival order agrees with the
// order the recompute sorts by (publication date); see README ("How the server keeps
// stories up to date") for what may differ otherwise. Claims are corpus-wide by nature
// (a denial anywhere counts), so the claims stage reruns over the statements held in
// memory, which costs little beside the per-article stages.
//
// `add` falls back to a rebuild when it cannot stay equivalent: an article replaced an
// earlier version, one is dated before the stories the index still holds open, or the
// database was changed by someone else (another `dyad ingest`) since the last update.
import * as claimStage from '../claims/index.js';
import type { UserLexicon } from '../knowledge.js';
import { compare, StoryIndex } from '../stories/index.js';
import { DEFAULTS } from '../stories/cluster.js';
import type { Claim, Doc } from '../types.js';
import type { Repo } from './repo.js';

const DAY = 86_400_000;

function dayOf(published: string | null): number {
  const t = published ? Date.parse(published.length === 10 ? `${published}T12:00:00Z` : published) : NaN;
  return Number.isFinite(t) ? Math.floor(t / DAY) : NaN;
}

/** Entities are read by neither stage: not kept in memory. */
function lean(docs: Doc[]): Doc[] {
  for (const d of docs) d.entities = [];
  return docs;
}

export interface CorpusUpdate {
  /** 'rebuild' when every story was recomputed, 'incremental' when only touched ones were. */
  mode: 'rebuild' | 'incremental';
  /** Why a rebuild was needed, when it was. */
  reason?: string;
  /** Stories written. */
  stories: number;
}

export class CorpusUpdater {
  private index: StoryIndex | null = null;
  /** Every stored article with the layers the claims stage reads, by id. */
  private docs = new Map<string, Doc>();
  private claims = new Map<string, string>();
  private newest = -Infinity;
  /** The input hash of each article placed, as the store had it: a changed one was replaced. */
  private versions = new Map<string, string>();
  /** The store's generation this state reflects, plus the articles written since that were announced. */
  private generation = -1;
  private announced = 0;

  constructor(
    private readonly repo: Repo,
    private readonly user?: UserLexicon,
  ) {}

  /** Says that `n` articles were written by this process since the last update. */
  written(n: number): void {
    this.announced += n;
  }

  /** Every stored article through a fresh index: the same stories and claims as `dyad ingest` computes. */
  async rebuild(reason = 'start'): Promise<CorpusUpdate> {
    const generation = await this.repo.generation();
    const versions = await this.repo.articleVersions();
    const docs = lean(await this.repo.loadDocs());
    const index = new StoryIndex();
    index.add(docs);
    const stories = index.stories();
    const claims = claimStage.annotate(docs, this.user);
    compare(stories, docs, claims);
    await this.repo.writeCorpus(stories, claims, docs.map((d) => d.article));
    this.index = index;
    this.docs = new Map(docs.map((d) => [d.article.id, d]));
    this.claims = new Map(claims.map((c) => [c.id, JSON.stringify(c)]));
    this.versions = new Map(versions.map((v) => [v.id, v.hash]));
    this.newest = Math.max(-Infinity, ...docs.map((d) => dayOf(d.article.published)).filter((d) => !Number.isNaN(d)));
    this.generation = generation;
    this.announced = 0;
    return { mode: 'rebuild', reason, stories: stories.length };
  }

  /** Brings stories and claims up to date with the stored articles of `ids`, written since the last update. */
  async add(ids: string[]): Promise<CorpusUpdate> {
    if (!this.index) return this.rebuild('start');
    const generation = await this.repo.generation();
    if (generation !== this.generation + this.announced) return this.rebuild('the database was changed by another process');
    const docs = lean(await this.repo.loadDocs(ids));
    const { articles } = await this.repo.counts();
    if (docs.some((d) => this.docs.has(d.article.id)) || articles !== this.docs.size + docs.length) {
      return this.rebuild('an article replaced an earlier version');
    }
    return this.place(docs, generation);
  }

  /**
   * Brings stories and claims up to date with whatever the store holds now, whoever wrote
   * it: how the one corpus updater among many `dyad worker` processes follows articles the
   * others stored. The articles it has not placed yet are found by id; one that it placed
   * and is gone (replaced or removed) means a rebuild. Nothing to do when the store's
   * generation has not moved (null).
   */
  async catchUp(): Promise<CorpusUpdate | null> {
    if (!this.index) return this.rebuild('start');
    // Read before the ids: an article written between the two is placed now and only
    // moves the generation the next call compares with.
    const generation = await this.repo.generation();
    if (generation === this.generation + this.announced) return null;
    const stored = new Map((await this.repo.articleVersions()).map((v) => [v.id, v.hash]));
    for (const id of this.docs.keys()) {
      const known = this.versions.get(id);
      if (!stored.has(id) || (known !== undefined && known !== stored.get(id))) return this.rebuild('an article was replaced or removed');
    }
    const fresh = [...stored.keys()].filter((id) => !this.docs.has(id));
    const docs = lean(await this.repo.loadDocs(fresh));
    for (const id of fresh) this.versions.set(id, stored.get(id)!);
    return this.place(docs, generation);
  }

  /** Adds new articles' docs to the index and writes the stories they touch, with every claim. */
  private async place(docs: Doc[], generation: number): Promise<CorpusUpdate> {
    if (docs.length === 0) {
      this.generation = generation;
      this.announced = 0;
      return { mode: 'incremental', stories: 0 };
    }
    // The index closes stories this far behind its newest article: an older article could belong to one.
    const closed = this.newest - DEFAULTS.evictDays;
    if (docs.some((d) => dayOf(d.article.published) < closed)) return this.rebuild('an article is dated before the stories still open');
    const index = this.index!;

    // In date order, as a recompute would add them.
    const key = (d: Doc) => {
      const day = dayOf(d.article.published);
      return Number.isNaN(day) ? Infinity : day;
    };
    const ordered = [...docs].sort((a, b) => key(a) - key(b));
    for (const doc of ordered) {
      index.add([doc]);
      this.docs.set(doc.article.id, doc);
      const day = dayOf(doc.article.published);
      if (day > this.newest) this.newest = day;
    }
    const touched = new Set(docs.map((d) => d.article.story!));
    // Claims over every article in id order, as a recompute sees them.
    const all = [...this.docs.values()].sort((a, b) => (a.article.id < b.article.id ? -1 : a.article.id > b.article.id ? 1 : 0));
    const claims = claimStage.annotate(all, this.user);
    const next = new Map(claims.map((c) => [c.id, JSON.stringify(c)]));
    // A story's source comparison lists the claim sides its articles carry: it changes with those claims.
    const changed = (c: Claim) => this.claims.get(c.id) !== next.get(c.id);
    const storyOf = (article: string) => this.docs.get(article)?.article.story;
    for (const c of claims) if (changed(c)) for (const e of c.evidence) touched.add(storyOf(e.article)!);
    for (const [id, json] of this.claims) {
      if (!next.has(id)) for (const e of (JSON.parse(json) as Claim).evidence) touched.add(storyOf(e.article)!);
    }
    touched.delete(undefined as unknown as string);
    const stories = index.stories().filter((s) => touched.has(s.id));
    compare(stories, stories.flatMap((s) => s.articles.map((id) => this.docs.get(id)!)), claims);
    await this.repo.writeCorpus(stories, claims, docs.map((d) => d.article), { partial: true });
    this.claims = next;
    this.generation = generation;
    this.announced = 0;
    return { mode: 'incremental', stories: stories.length };
  }
}
