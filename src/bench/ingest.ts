// `dyad ingest`'s speed and the database's size, on the bench's generated articles:
// read from disk, analysed, stored one transaction per article, stories and claims
// computed, into a fresh database each round (as a first ingest would).
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../ingest/index.js';
import type { Knowledge } from '../pipeline.js';
import { openStore, storeArticles } from '../store/index.js';

export interface IngestBench {
  articles: number;
  /** Best time over the rounds. */
  seconds: number;
  /** Database bytes (after closing, so with the WAL folded in) per byte of the input files. */
  bytesPerInputByte: number;
}

export async function benchIngest(corpus: string, work: string, kb: Knowledge, rounds: number): Promise<IngestBench> {
  const inputBytes = readdirSync(corpus).reduce((sum, f) => sum + statSync(join(corpus, f)).size, 0);
  let best = Infinity;
  let articles = 0;
  let dbBytes = 0;
  for (let r = 0; r < rounds; r++) {
    const db = join(work, `ingest-${r}.db`);
    const start = process.hrtime.bigint();
    const { articles: raws } = await ingest([corpus]);
    const repo = await openStore(db);
    const result = await storeArticles(repo, raws, kb);
    await repo.close();
    const sec = Number(process.hrtime.bigint() - start) / 1e9;
    if (sec < best) [best, articles] = [sec, result.added.length];
    dbBytes = statSync(db).size;
    rmSync(db, { force: true });
  }
  return { articles, seconds: best, bytesPerInputByte: dbBytes / inputBytes };
}
