// The store: analysed articles into a database, one transaction per batch of
// articles, so an interrupted ingest leaves whole articles only and a rerun
// finishes the job. The database is a SQLite file (sqlite.ts) or a PostgreSQL
// server (pg.ts), both behind the same `Repo` interface (repo.ts).
import { createHash } from 'node:crypto';
import { siteLines } from '../clean/site.js';
import { InThread, inOrder, openAnalysts, type Analysts } from '../parallel/pool.js';
import { analyzeCorpus, batches, type Knowledge } from '../pipeline.js';
import type { InputError, RawArticle } from '../types.js';
import type { Repo, SiteCursor, SiteLine } from './repo.js';
import { SqliteRepo } from './sqlite.js';
import { isPostgresUrl } from './spec.js';

export type { Repo } from './repo.js';
export { CorpusUpdater, type CorpusUpdate } from './corpus.js';
export { isPostgresUrl, shownSpec } from './spec.js';

/**
 * Opens the store `spec` names: a PostgreSQL database for a postgres:// or postgresql:// URL,
 * else the SQLite file at that path (created if missing). Either way the schema is brought up
 * to date first. pg is loaded only when a URL asks for it.
 */
export async function openStore(spec: string): Promise<Repo> {
  if (!isPostgresUrl(spec)) return new SqliteRepo(spec);
  const { PgRepo } = await import('./pg.js');
  return PgRepo.open(spec);
}

/** Identity of an input as read: a changed text or metadata means a new version. */
export function rawHash(raw: RawArticle): string {
  const { path, format, id, title, outlet, url, published, byline, text } = raw;
  return createHash('sha256').update(JSON.stringify([path, format, id, title, outlet, url, published, byline, text])).digest('hex');
}

export interface StoreResult {
  added: string[];
  unchanged: number;
  errors: InputError[];
}

export interface StoreOptions {
  /** Reanalyse articles even when stored unchanged (after a lexicon change, say). */
  force?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** False to leave stories and claims to the caller (the server's worker updates them incrementally). */
  updateCorpus?: boolean;
  /** Threads that analyse articles (`--jobs`); 1 (the default) analyses in this thread. */
  jobs?: number;
  /**
   * The site memory of a process that stores batch after batch (a queue worker, the server's
   * writer), kept from one call to the next; without it, each call reads every stored line.
   */
  sites?: SiteSync;
}

/**
 * A site memory kept between calls of `storeArticles` in one thread: each call learns only
 * the lines stored since the last (by this process or any other), so that a batch costs the
 * same with a million articles stored as with a thousand. Its memory is what a memory read
 * whole from the database would hold, plus lines learnt by this thread that the database
 * holds too: the lines of the articles it stored, and the lines of any other stored article,
 * learnt when read. After a call in which an article failed (its lines were learnt, not
 * stored), or after lines were removed from the database, it starts again from a whole read.
 */
export class SiteSync {
  private cursor: SiteCursor | null = null;
  private analysts: InThread | null = null;

  constructor(private readonly kb: Knowledge) {}

  /** This thread's analysts, their site memory brought up to date with the database. */
  async analystsFor(repo: Repo): Promise<InThread> {
    const read = await repo.siteLinesSince(this.cursor);
    if (read.whole || !this.analysts) this.analysts = new InThread(this.kb, { learnSites: true });
    learnStored(this.analysts, read.lines);
    this.cursor = read.cursor;
    return this.analysts;
  }

  /** Forgets what was learnt: the next call reads every stored line. */
  reset(): void {
    this.cursor = null;
    this.analysts = null;
  }
}

/** Teaches analysts stored site lines, each as one line of its article's page. */
function learnStored(analysts: Analysts, lines: SiteLine[]): void {
  for (const { path, outlet, line } of lines) analysts.learn([path, outlet, [line]]);
}

/** Analyses and stores the new or changed articles, then brings stories and claims up to date. */
export async function storeArticles(repo: Repo, raws: RawArticle[], kb: Knowledge, options: StoreOptions = {}): Promise<StoreResult> {
  const result: StoreResult = { added: [], unchanged: 0, errors: [] };
  let done = 0;
  // What the stored pages teach about each site's boilerplate, growing with every article written.
  let analysts: Analysts;
  if (options.sites) {
    if ((options.jobs ?? 1) !== 1) throw new Error('storeArticles: a kept site memory (sites) is for one thread (jobs 1)');
    analysts = await options.sites.analystsFor(repo);
  } else {
    analysts = openAnalysts({ jobs: options.jobs ?? 1, articles: raws.length, user: kb.user, kb, learnSites: true, mainThread: 'writes' });
    learnStored(analysts, (await repo.siteLinesSince(null)).lines);
  }
  // A batch at a time: which articles are new, what they teach the site memory, then (in order,
  // with the next batches already on other threads) the analysis of each written in one transaction.
  async function* prepared() {
    for (const batch of batches(raws)) {
      const hashes = new Map<RawArticle, string>();
      // The same input twice in one batch is stored once, as it would be across batches.
      const seen = new Set<string>();
      for (const raw of batch) {
        const hash = rawHash(raw);
        const key = `${raw.path}\u0000${hash}`;
        if (seen.has(key) || (!options.force && (await repo.isCurrent(raw.path, hash)))) result.unchanged++;
        else hashes.set(raw, hash);
        seen.add(key);
      }
      // The batch's own pages count too: a folder of one site's pages teaches its boilerplate in one run.
      const lines = new Map([...hashes.keys()].map((raw) => [raw, siteLines(raw.text, kb.clean.words)] as const));
      for (const [raw, keys] of lines) analysts.learn([raw.path, raw.outlet ?? null, keys]);
      yield { raws: [...hashes.keys()], size: batch.length, hashes, lines };
    }
  }
  try {
    for await (const [{ size, hashes, lines }, { analysed, errors }] of inOrder(prepared(), analysts)) {
      result.errors.push(...errors);
      await repo.writeDocs(analysed.map(({ raw, doc, layers }) => ({ doc, hash: hashes.get(raw)!, lines: lines.get(raw), layers })));
      for (const { doc } of analysed) result.added.push(doc.article.id);
      done += size;
      options.onProgress?.(done, raws.length);
    }
  } catch (err) {
    // What was learnt of a batch not stored must not outlive it.
    options.sites?.reset();
    throw err;
  } finally {
    if (!options.sites) await analysts.close();
  }
  // A failed article's lines were learnt and not stored: the kept memory starts again from the database.
  if (result.errors.length > 0) options.sites?.reset();
  if (options.updateCorpus !== false) await updateCorpus(repo, kb);
  return result;
}

/** Recomputes stories and claims over every stored article when articles changed since the last run. */
export async function updateCorpus(repo: Repo, kb?: Knowledge): Promise<boolean> {
  if (!(await repo.corpusStale())) return false;
  const out = analyzeCorpus(await repo.loadDocs(), [], kb?.user);
  await repo.writeCorpus(out.stories, out.claims, out.articles);
  return true;
}
