// Which worker keeps stories and claims up to date. The story index lives in memory and is
// updated article by article (src/store/corpus.ts), so it must be one process's: with every
// worker updating its own, each would see the others' articles as a foreign change and
// recompute everything. The worker that holds a PostgreSQL advisory lock (on a connection of
// its own) is the leader; the lock goes with its connection when it dies, and the next
// worker to ask takes over (its first update is a full recompute, then incremental again).
import pg from 'pg';
import type { UserLexicon } from '../knowledge.js';
import { CorpusUpdater, type CorpusUpdate, type Repo } from '../store/index.js';

/** The advisory lock's key: any fixed number no other user of the database takes. */
const LEADER_LOCK = 0x64796164; // 'dyad'

export interface LeaderOptions {
  /** Seconds between looks for articles other workers stored (and tries to become leader). */
  everySeconds: number;
  onUpdate?: (update: CorpusUpdate) => void;
}

export class CorpusLeader {
  private client: pg.Client | null = null;
  private leading = false;
  private readonly updater: CorpusUpdater;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly url: string,
    repo: Repo,
    user: UserLexicon | undefined,
    private readonly options: LeaderOptions,
  ) {
    this.updater = new CorpusUpdater(repo, user);
  }

  async start(): Promise<void> {
    await this.connect();
    this.timer = setInterval(() => this.kick(), this.options.everySeconds * 1000);
    this.timer.unref();
    this.kick();
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'dyad-corpus-leader' });
    // A dropped connection loses the lock: this worker stops leading and asks again later.
    client.on('error', () => {
      this.leading = false;
      this.client = null;
    });
    await client.connect();
    return (this.client = client);
  }

  /** Asks for an update soon: one at a time, and one more if asked while one runs. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.update()
      .catch((err: Error) => void process.stderr.write(`dyad: corpus update failed: ${err.message}\n`))
      .finally(() => {
        this.running = null;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** When the last update ended, and how long it took: the next waits at least twice that. */
  private lastEnd = 0;
  private lastTook = 0;

  /** `now`: at once, however soon after the last one (the last update before stopping). */
  private async update(now = false): Promise<void> {
    // Claims are recomputed over every article in memory at each update, which grows with the
    // corpus: updates are spaced so that they take at most a third of the leader's time.
    const due = this.lastEnd + Math.max(this.options.everySeconds * 1000, 2 * this.lastTook);
    if (!now && Date.now() < due) return;
    if (!this.leading) {
      const client = this.client ?? (await this.connect());
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [LEADER_LOCK]);
      this.leading = rows[0]!.ok;
      if (!this.leading) return;
    }
    const start = Date.now();
    const update = await this.updater.catchUp();
    this.lastEnd = Date.now();
    this.lastTook = this.lastEnd - start;
    if (update) this.options.onUpdate?.(update);
  }

  /**
   * Waits for the update in hand and, when leading, places what was stored since (a worker
   * that stops because the queue is empty leaves stories and claims complete); then lets the
   * lock go (with the connection).
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    if (this.leading) {
      await this.update(true).catch((err: Error) => void process.stderr.write(`dyad: corpus update failed: ${err.message}\n`));
    }
    await this.client?.end().catch(() => undefined);
    this.client = null;
    this.leading = false;
  }
}
