import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLES } from './analyze.js';
import { parse, type Command } from './command.js';
import { SPECS } from './specs.js';
import { ingestPaths } from './ingest.js';
import { progress } from './progress.js';
import { portOption, serve } from './serve.js';

export const demoCommand: Command = {
  ...SPECS.demo,
  help: '\nThe database lives in a new temporary folder, removed when the server stops (Ctrl-C).',
  async run(args) {
    const { values } = parse(args, {
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
    });
    const port = portOption(values.port as string);
    const dir = mkdtempSync(join(tmpdir(), 'dyad-demo-'));
    const db = join(dir, 'demo.db');
    const result = await ingestPaths([SAMPLES], db, { progress: progress() });
    for (const e of result.errors) process.stderr.write(`dyad: ${e.file}: ${e.reason}\n`);
    process.stderr.write(`dyad: ${result.added.length} sample articles analysed into ${db}\n`);
    try {
      await serve({ db, port, host: values.host as string });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return 0;
  },
};
