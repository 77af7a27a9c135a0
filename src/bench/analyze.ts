// `dyad analyze` as a user runs it, timed: the files read from disk, every
// stage, stories and claims, and the JSON document written to a file.
import { join } from 'node:path';
import { analyzePaths } from '../cli/analyze.js';
import { documentChunks, openSink, writeAll } from '../cli/output.js';

/** Articles per second of the best of `rounds` runs of analyze over `corpus`, writing into `dir`. */
export async function analyzeArticlesPerSec(corpus: string, dir: string, rounds: number): Promise<number> {
  let best = Infinity;
  let articles = 0;
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    const output = await analyzePaths([corpus], {});
    await writeAll(openSink(join(dir, 'analyze.json')), documentChunks(output, 'json'));
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
    articles = output.articles.length;
  }
  return Math.round(articles / best);
}
