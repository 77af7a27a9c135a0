// `dyad worker` throughput on PostgreSQL: the bench's generated articles queued with
// `dyad enqueue`, then taken by 1 or 2 worker processes (`--drain`) into a fresh
// database each; articles stored per second from the workers' start to the last one's exit.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openStore } from '../store/index.js';
import { withDatabase } from '../testing/postgres.js';

const DYAD = fileURLToPath(new URL('../../bin/dyad.js', import.meta.url));

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DYAD, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`dyad ${args[0]} exited with ${code}`))));
  });
}

/** Articles per second with `workers` worker processes, or null when PostgreSQL does not answer. */
export async function workersArticlesPerSec(corpus: string, workers: number): Promise<number | null> {
  return withDatabase(`bench_${workers}`, async (url) => {
    await run(['enqueue', corpus, '--db', url, '--quiet']);
    const start = process.hrtime.bigint();
    await Promise.all(Array.from({ length: workers }, () => run(['worker', '--db', url, '--drain', '--quiet'])));
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const repo = await openStore(url);
    const { articles } = await repo.counts({ copies: true });
    await repo.close();
    return Math.round(articles / seconds);
  });
}
