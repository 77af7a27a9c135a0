// `node dist/bench/stories.js N`: copies + stories on N generated articles, as
// one JSON line. main.ts runs it in a process of its own, so the peak memory
// it reports is the story index's and not what the pipeline runs left behind.
import { benchStories } from '../stories/bench.js';

const n = Number(process.argv[2]);
if (!Number.isInteger(n) || n <= 0) {
  process.stderr.write('usage: node dist/bench/stories.js ARTICLES\n');
  process.exit(2);
}
process.stdout.write(JSON.stringify(benchStories(n)) + '\n');
