#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

// `dyad analyze | head` closes stdout early: that is the reader's choice, not an error.
// Any other failed write is: the commands check theirs (src/cli/output.ts) and exit 1.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  if (process.stdout.listenerCount('error') > 1) return;
  process.stderr.write(`dyad: cannot write standard output: ${err.message}\n`);
  process.exitCode = 1;
});
main(process.argv.slice(2)).then((code) => {
  process.exitCode = Math.max(code, Number(process.exitCode ?? 0));
});
