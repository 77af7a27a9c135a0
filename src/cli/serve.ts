import { existsSync } from 'node:fs';
import { loadKnowledge } from '../pipeline.js';
import { buildServer } from '../server/index.js';
import { openStore } from '../store/index.js';
import { parse, UsageError, type Command } from './command.js';
import { SPECS } from './specs.js';

export const serveCommand: Command = {
  ...SPECS.serve,
  help: [
    '',
    'Options:',
    '  --db FILE           the database written by `dyad ingest` (default dyad.db)',
    '  --port N            port (default 8080; 0 picks a free one)',
    '  --host ADDR         address to bind (default 127.0.0.1, this machine only)',
    '  --lexicon FILE      lexicon files for articles POSTed to /api/articles (repeatable)',
    '',
    'POST /api/articles is enabled only when the environment variable DYAD_TOKEN is set;',
    'clients then send `Authorization: Bearer <token>`.',
  ].join('\n'),
  async run(args) {
    const { values } = parse(args, {
      db: { type: 'string', default: 'dyad.db' },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      lexicon: { type: 'string', multiple: true },
    });
    const db = values.db as string;
    if (!existsSync(db)) throw new UsageError(`no database at ${db}: create it with \`dyad ingest PATH... --db ${db}\` (or try \`dyad demo\`)`);
    await serve({
      db,
      port: portOption(values.port as string),
      host: values.host as string,
      lexicons: (values.lexicon as string[] | undefined) ?? [],
    });
    return 0;
  },
};

export function portOption(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535, not '${text}'`);
  return port;
}

/** Serves until SIGINT/SIGTERM; prints the dashboard URL once listening. */
export async function serve(o: { db: string; port: number; host: string; lexicons?: string[] }): Promise<void> {
  const repo = openStore(o.db);
  const app = buildServer({ repo, kb: loadKnowledge(o.lexicons), token: process.env.DYAD_TOKEN || undefined });
  try {
    await app.listen({ port: o.port, host: o.host });
  } catch (err) {
    await repo.close();
    const code = (err as NodeJS.ErrnoException).code;
    // A port someone else holds is the machine's state, not a mistake in the command line: a runtime error (exit 1).
    if (code === 'EADDRINUSE') throw new Error(`port ${o.port} is in use: pick another with --port N (0 takes any free port)`);
    if (code === 'EADDRNOTAVAIL') throw new UsageError(`cannot bind to ${o.host}: not an address of this machine`);
    throw err;
  }
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : o.port;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  process.stdout.write(`dyad: dashboard at http://${host}:${port}/  (API: /api/openapi.json; Ctrl-C stops)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => void app.close().then(() => repo.close()).then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
