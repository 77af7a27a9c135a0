// `--jobs N`: the per-article stages on every core. The main thread reads the inputs,
// hands out batches and takes the results back in batch order; each worker thread
// (analyst.ts) runs the stages on the batches it is given, and the main thread may
// run some itself (analyze). Output is the same as with one thread: batches are cut
// the same way, each article is analysed alone, and a batch cleaned with a site
// memory (ingest) sees the lines of every batch before it and of its own, as in one
// thread, because each thread is sent those lines, in order, before the batch.
import { Worker } from 'node:worker_threads';
import { SiteMemory } from '../clean/site.js';
import type { UserLexicon } from '../knowledge.js';
import { analyzeBatch, BATCH, knowledgeOf, type Knowledge } from '../pipeline.js';
import type { Doc, InputError, RawArticle } from '../types.js';
import type { StoryTerms } from '../stories/index.js';
import type { AnalystData, BatchReply, BatchRequest, SiteLines } from './analyst.js';
import { extrasOf, type Extra, type Extras } from './extras.js';

export type { SiteLines } from './analyst.js';

export interface BatchResult {
  /** With their extras (extras.ts) when analysed on a pool: in this thread alone, they are left to the work that follows. */
  analysed: { raw: RawArticle; doc: Doc; storyTerms?: StoryTerms; layers?: Buffer }[];
  errors: InputError[];
}

/** Where batches are analysed: in this thread (`--jobs 1`) or on a pool of worker threads. */
export interface Analysts {
  /** How many batches a caller should keep in flight so that no thread waits for work. */
  readonly ahead: number;
  /** Teaches the site memory an article's lines: every batch analysed after this call sees them. */
  learn(lines: SiteLines): void;
  /**
   * Starts now the threads that `articles` articles call for, rather than with the first
   * batch: `analyze` calls it as it reads the inputs, so that the threads load meanwhile.
   */
  reserve(articles: number): void;
  /** The per-article stages over a batch, as `analyzeBatch` runs them. */
  analyze(raws: RawArticle[]): Promise<BatchResult>;
  close(): Promise<void>;
}

/** `--jobs 1`: every batch in this thread, one after the other, as dyad always did. */
export class InThread implements Analysts {
  readonly ahead = 1;
  private readonly sites = new SiteMemory();
  private readonly kb: Knowledge;

  constructor(kb: Knowledge, options: { learnSites?: boolean } = {}) {
    this.kb = options.learnSites ? { ...kb, clean: { ...kb.clean, sites: this.sites } } : kb;
  }

  learn([path, outlet, keys]: SiteLines): void {
    this.sites.add(path, outlet, keys);
  }

  reserve(): void {}

  async analyze(raws: RawArticle[]): Promise<BatchResult> {
    return analyzeBatch(raws, this.kb);
  }

  async close(): Promise<void> {}
}

export interface PoolOptions {
  /** Worker threads to start. */
  threads: number;
  /** The user's lexicons, read once by the main thread (a file that changes meanwhile changes nothing). */
  user: UserLexicon;
  learnSites?: boolean;
  /** What each thread computes beside each article for the work that follows. */
  extra: Extra;
  /** The worker's module; tests give one that fails on purpose. */
  script?: URL;
  /**
   * The main thread's knowledge, when it is to analyse batches too whenever it has
   * nothing else to do (called once, when the threads are already starting).
   */
  helper?: () => Knowledge;
}

/** Batches each thread is given at once: the next one waits in its queue while it runs one. */
const DEPTH = 2;

interface Job {
  seq: number;
  raws: RawArticle[];
  /** The site lines learnt before it: the log up to here. */
  upTo: number;
  resolve(result: BatchResult): void;
}

interface Thread {
  worker: Worker;
  /** Site lines sent to it so far: the log up to here. */
  cursor: number;
  /** Batches sent and not yet answered, in the order sent (a thread answers in that order). */
  jobs: Job[];
  /** True once its knowledge is loaded: a thread that dies before is broken, not ill-fed. */
  ready: boolean;
  fault: string | null;
}

type Reply = { type: 'ready' } | ({ type: 'batch' } & BatchReply);

/**
 * Worker threads that analyse batches (and the main thread, with `helper`). A thread
 * that dies (a text that exhausts its memory, say) is replaced, and the batches it held
 * are analysed again one article at a time in a fresh thread, so that only an article
 * that kills that thread too fails, with an error naming its file. A thread that cannot
 * even start is not started again: its batches go to the main thread if it helps, else
 * fail with an error for each of their articles giving the reason.
 */
export class AnalystPool implements Analysts {
  readonly ahead: number;
  /** Every site line learnt, in order: each thread is sent its part before a batch. */
  private readonly log: SiteLines[] = [];
  private readonly queue: Job[] = [];
  private readonly threads: Thread[] = [];
  /** Threads retrying a dead thread's batches: closed with the pool. */
  private readonly retrying = new Set<Worker>();
  /** The main thread as an analyst: its knowledge, site memory and place in the log. */
  private local: { kb: Knowledge; sites: SiteMemory; cursor: number } | null = null;
  private helping = false;
  private seq = 0;
  /** Threads started for the work (not those started again after one died, nor retries). */
  private launched = 0;
  private reserved = false;
  private closed = false;

  constructor(private readonly options: PoolOptions) {
    // Twice what the threads hold: a batch answered out of turn leaves its thread work to do.
    this.ahead = (options.threads * DEPTH + (options.helper ? 1 : 0)) * 2;
  }

  learn(lines: SiteLines): void {
    this.log.push(lines);
  }

  analyze(raws: RawArticle[]): Promise<BatchResult> {
    // Nothing new to analyse (an ingest of stored articles): no thread need start for it.
    if (raws.length === 0) return Promise.resolve({ analysed: [], errors: [] });
    // Started with the first batch unless reserved, so that a run with nothing to analyse starts none.
    if (!this.reserved) this.reserve(Infinity);
    return new Promise((resolve) => {
      this.queue.push({ seq: this.seq++, raws, upTo: this.log.length, resolve });
      this.dispatch();
    });
  }

  /** Threads started for the work so far. */
  get launchedThreads(): number {
    return this.launched;
  }

  /**
   * A thread for each batch beyond the one the main thread takes when it helps, up to
   * `threads`: a second of start-up is not worth it for a batch the main thread would
   * analyse meanwhile. Called again with more articles, it starts more; never fewer.
   */
  reserve(articles: number): void {
    this.reserved = true;
    if (this.closed) return;
    const wanted = Math.min(this.options.threads, Math.ceil(articles / BATCH) - (this.options.helper ? 1 : 0));
    for (; this.launched < wanted; this.launched++) this.threads.push(this.start(this.onAnswer, this.onExit));
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.threads.splice(0).map((t) => t.worker), ...this.retrying].map((w) => w.terminate()));
  }

  private start(onBatch: (thread: Thread, reply: BatchReply) => void, onExit: (thread: Thread, fault: string) => void): Thread {
    const data: AnalystData = { user: this.options.user, learnSites: this.options.learnSites === true, extra: this.options.extra };
    const worker = new Worker(this.options.script ?? new URL('./analyst.js', import.meta.url), { workerData: data });
    const thread: Thread = { worker, cursor: 0, jobs: [], ready: false, fault: null };
    worker.on('message', (reply: Reply) => {
      if (reply.type === 'ready') thread.ready = true;
      else onBatch(thread, reply);
    });
    worker.on('error', (err) => void (thread.fault ??= err.message));
    worker.on('exit', (code) => {
      if (!this.closed) onExit(thread, thread.fault ?? `exit code ${code}`);
    });
    return thread;
  }

  private send(thread: Thread, job: Job): void {
    thread.jobs.push(job);
    const request: BatchRequest = { seq: job.seq, raws: job.raws, sites: this.log.slice(thread.cursor, job.upTo) };
    thread.cursor = job.upTo;
    thread.worker.postMessage(request);
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let idlest: Thread | null = null;
      for (const t of this.threads) if (t.jobs.length < DEPTH && (!idlest || t.jobs.length < idlest.jobs.length)) idlest = t;
      if (!idlest) break;
      this.send(idlest, this.queue.shift()!);
    }
    this.help();
  }

  /**
   * What the threads are not given, the main thread analyses itself, a batch at a time,
   * once it has handled what was waiting (answers, new batches): no core idles while
   * the threads start, and no batch it analyses is copied from thread to thread.
   */
  private help(): void {
    if (!this.options.helper || this.helping || this.queue.length === 0) return;
    this.helping = true;
    setImmediate(() => {
      this.helping = false;
      const job = this.closed ? undefined : this.queue.shift();
      if (!job) return;
      this.local ??= { kb: this.options.helper!(), sites: new SiteMemory(), cursor: 0 };
      const kb = this.options.learnSites ? { ...this.local.kb, clean: { ...this.local.kb.clean, sites: this.memoryFor(job) } } : this.local.kb;
      try {
        const { analysed, errors } = analyzeBatch(job.raws, kb);
        job.resolve({ analysed: analysed.map(({ raw, doc }) => ({ raw, doc: { ...doc, tokens: [], paragraphs: [] }, ...bufferOf(extrasOf(doc, this.options.extra)) })), errors });
      } catch {
        // A fault outside any article's stages: in threads, an article at a time, as a dead thread's batch.
        void this.retry(job);
      }
      this.dispatch();
    });
  }

  /**
   * The main thread's site memory as it was when `job` was queued: its own, brought up to
   * date, or, for a batch handed back after later ones (a thread that could not start), a
   * fresh one from the lines learnt until then.
   */
  private memoryFor(job: Job): SiteMemory {
    const local = this.local!;
    if (job.upTo < local.cursor) {
      const memory = new SiteMemory();
      for (const [path, outlet, keys] of this.log.slice(0, job.upTo)) memory.add(path, outlet, keys);
      return memory;
    }
    for (const [path, outlet, keys] of this.log.slice(local.cursor, job.upTo)) local.sites.add(path, outlet, keys);
    local.cursor = job.upTo;
    return local.sites;
  }

  private readonly onAnswer = (thread: Thread, reply: BatchReply): void => {
    const job = thread.jobs.shift()!;
    job.resolve(resultOf(job.raws, reply));
    this.dispatch();
  };

  private readonly onExit = (thread: Thread, fault: string): void => {
    this.threads.splice(this.threads.indexOf(thread), 1);
    const held = thread.jobs.splice(0);
    if (thread.ready) {
      this.threads.push(this.start(this.onAnswer, this.onExit));
      for (const job of held) void this.retry(job);
    } else if (this.options.helper) {
      // It could not start, and neither will another: the main thread does its batches.
      this.queue.unshift(...held);
    } else {
      // It could not start, and neither will another: its batches fail, and when no thread is left, all the rest.
      for (const job of held) job.resolve(failed(job.raws, fault));
      if (this.threads.length === 0) for (const job of this.queue.splice(0)) job.resolve(failed(job.raws, fault));
    }
    this.dispatch();
  }

  /**
   * A batch whose thread died, again an article at a time, in a fresh thread that is
   * sent the same site lines first; after an article kills it too, the next gets another.
   */
  private async retry(job: Job): Promise<void> {
    const result: BatchResult = { analysed: [], errors: [] };
    let thread: Thread | null = null;
    let answer: (reply: BatchReply | string) => void = () => {};
    for (const [k, raw] of job.raws.entries()) {
      thread ??= this.start((_, reply) => answer(reply), (_, fault) => answer(fault));
      const current = thread;
      this.retrying.add(current.worker);
      const reply = await new Promise<BatchReply | string>((resolve) => {
        answer = resolve;
        this.send(current, { ...job, raws: [raw] });
      });
      if (typeof reply !== 'string') {
        const one = resultOf([raw], reply);
        result.analysed.push(...one.analysed);
        result.errors.push(...one.errors);
        continue;
      }
      thread = null;
      this.retrying.delete(current.worker);
      if (!current.ready) {
        // The thread could not even start: no other will, so the rest of the batch fails with it.
        result.errors.push(...failed(job.raws.slice(k), reply).errors);
        break;
      }
      result.errors.push(...failed([raw], reply).errors);
    }
    if (thread) {
      this.retrying.delete(thread.worker);
      await thread.worker.terminate();
    }
    job.resolve(result);
  }
}

function resultOf(raws: RawArticle[], reply: BatchReply): BatchResult {
  return { analysed: reply.analysed.map(({ index, doc, ...extras }) => ({ raw: raws[index]!, doc, ...bufferOf(extras) })), errors: reply.errors };
}

/** A Buffer comes from a thread as a plain Uint8Array: the same bytes, seen as a Buffer again. */
function bufferOf({ layers, storyTerms }: Extras): { storyTerms?: StoryTerms; layers?: Buffer } {
  return { storyTerms, layers: layers && Buffer.from(layers.buffer, layers.byteOffset, layers.byteLength) };
}

function failed(raws: RawArticle[], fault: string): BatchResult {
  return { analysed: [], errors: raws.map((raw) => ({ file: raw.path, reason: `analysis failed: the analysis thread stopped (${fault})` })) };
}

/**
 * The analysts for `jobs` threads: worker threads only when there is more than one
 * batch to share (a thread costs a second or so of start-up), else this thread. When
 * the main thread has little else to do (`analyze`: it only collects the documents),
 * it is one of the `jobs` analysts; when it has its own work per batch (`ingest`: it
 * writes each batch to the database, which takes about as long as analysing it), it
 * would hold up the writing by analysing, so `jobs` worker threads analyse and it writes.
 */
export function openAnalysts(options: {
  jobs: number;
  /** Unknown while the inputs are still being read: the caller then tells `reserve` as it learns. */
  articles?: number;
  user: UserLexicon;
  kb?: Knowledge;
  learnSites?: boolean;
  mainThread: 'analyses' | 'writes';
}): Analysts {
  const threads = options.articles === undefined ? options.jobs : Math.min(options.jobs, Math.ceil(options.articles / BATCH));
  const { user, learnSites } = options;
  if (threads <= 1) return new InThread(options.kb ?? knowledgeOf(user), { learnSites });
  if (options.mainThread === 'writes') return new AnalystPool({ threads, user, learnSites, extra: 'layers' });
  return new AnalystPool({ threads: threads - 1, user, learnSites, extra: 'story terms', helper: () => options.kb ?? knowledgeOf(user) });
}

/**
 * Each item with its batch's result, in the items' order, with up to `analysts.ahead`
 * batches in flight: the next item is taken (and may be prepared) only then.
 */
export async function* inOrder<T extends { raws: RawArticle[] }>(items: Iterable<T> | AsyncIterable<T>, analysts: Analysts): AsyncGenerator<[T, BatchResult]> {
  const inFlight: [T, Promise<BatchResult>][] = [];
  for await (const item of items) {
    inFlight.push([item, analysts.analyze(item.raws)]);
    if (inFlight.length >= analysts.ahead) {
      const [done, result] = inFlight.shift()!;
      yield [done, await result];
    }
  }
  for (const [done, result] of inFlight) yield [done, await result];
}
