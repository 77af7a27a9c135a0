// The request thread's side of the writer worker (worker.ts).
import { Worker } from 'node:worker_threads';
import type { StoreResult } from '../store/index.js';
import type { RawArticle } from '../types.js';
import type { Reply, Request, WorkerData } from './worker.js';

export class Writer {
  private readonly worker: Worker;
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private failure: Error | null = null;
  /** The last corpus update the worker reported (for logs and tests). */
  lastUpdate: Extract<Reply, { type: 'corpus' }> | null = null;

  constructor(
    db: string,
    lexicons: string[] = [],
    onFailure?: (err: Error) => void,
    onUpdate?: (u: Extract<Reply, { type: 'corpus' }>) => void,
  ) {
    const data: WorkerData = { db, lexicons };
    this.worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: data });
    this.worker.on('message', (m: Reply) => {
      if (m.type === 'corpus') {
        this.lastUpdate = m;
        onUpdate?.(m);
      }
      if (m.type === 'stored' || m.type === 'settled') {
        this.waiting.get(m.id)?.resolve(m);
        this.waiting.delete(m.id);
      }
    });
    const fail = (err: Error) => {
      if (!this.failure) onFailure?.(err);
      this.failure = err;
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the writer stopped (exit code ${code})`)));
  }

  private ask(request: { type: 'store'; raws: RawArticle[] } | { type: 'settled' }): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id } as Request);
    });
  }

  /** Analyses and stores the articles; resolves once they are written (stories and claims follow). */
  async store(raws: RawArticle[]): Promise<StoreResult> {
    const reply = (await this.ask({ type: 'store', raws })) as Extract<Reply, { type: 'stored' }>;
    if (reply.error !== undefined) throw new Error(reply.error);
    return reply.result!;
  }

  /** Resolves when every article sent so far is stored and stories and claims are up to date. */
  async settled(): Promise<void> {
    await this.ask({ type: 'settled' });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
