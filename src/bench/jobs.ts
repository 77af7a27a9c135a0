// `dyad analyze --jobs N` as a user runs it, a whole process each time (start-up,
// reading, every stage, stories and claims, the JSON document written to a file):
// how much faster two threads are than one.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/dyad.js', import.meta.url));

export interface JobsScaling {
  /** Articles per second of the best run with `--jobs 1` and with `--jobs 2`. */
  oneThread: number;
  twoThreads: number;
  /** twoThreads / oneThread. */
  scaling: number;
}

/**
 * The best of `rounds` runs of each. The two take turns, so that a spell of load from
 * elsewhere on a shared machine falls on both alike.
 */
export function jobsScaling(corpus: string, dir: string, rounds: number): JobsScaling {
  const best = new Map<number, number>([[1, Infinity], [2, Infinity]]);
  let articles = 0;
  for (let r = 0; r < rounds; r++) {
    for (const jobs of [1, 2]) {
      const out = join(dir, `jobs-${jobs}.json`);
      const start = process.hrtime.bigint();
      execFileSync(process.execPath, [bin, 'analyze', corpus, '--jobs', String(jobs), '--quiet', '--out', out], { stdio: 'inherit' });
      best.set(jobs, Math.min(best.get(jobs)!, Number(process.hrtime.bigint() - start) / 1e9));
      articles = (JSON.parse(readFileSync(out, 'utf8')) as { articles: unknown[] }).articles.length;
    }
  }
  const oneThread = articles / best.get(1)!;
  const twoThreads = articles / best.get(2)!;
  return { oneThread: Math.round(oneThread), twoThreads: Math.round(twoThreads), scaling: Number((twoThreads / oneThread).toFixed(3)) };
}

// `node dist/bench/jobs.js CORPUS DIR [ROUNDS]`: the figures alone, as JSON.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [corpus, dir, rounds = '3'] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(jobsScaling(corpus!, dir!, Number(rounds))) + '\n');
}
