import { existsSync } from 'node:fs';
import { readUserLexicons } from '../knowledge.js';
import { buildServer, LOOPBACK_HOSTS } from '../server/index.js';
import { Writer } from '../server/writer.js';
import { isPostgresUrl, openStore } from '../store/index.js';
import { parse, UsageError, type Command } from './command.js';
import { SPECS } from './specs.js';

export const serveCommand: Command = {
  ...SPECS.serve,
  help: [
    '',
    'Options:',
    '  --db FILE|URL       the database written by `dyad ingest` (default dyad.db): a SQLite',
    '                      file, or a PostgreSQL server as postgres://USER@HOST:PORT/DATABASE',
    '  --port N            port (default 8080; 0 picks a free one)',
    '  --host ADDR         address to bind (default 127.0.0.1, this machine only)',
    '  --lexicon FILE      lexicon files for articles POSTed to /api/articles (repeatable)',
    '  --allow-host NAME   also answer requests whose Host is NAME (repeatable; `*`: any).',
    '                      By default only localhost, 127.0.0.1, [::1] and the --host address',
    '                      are answered, which stops DNS rebinding from reading the API',
    '',
    'POST /api/articles is enabled only when the environment variable DYAD_TOKEN is set;',
    'clients then send `Authorization: Bearer <token>`. Posted articles are analysed and',
    'stored by a worker thread, which then updates stories and claims incrementally.',
    'SIGINT or SIGTERM stops the server within seconds.',
  ].join('\n'),
  async run(args) {
    const { values } = parse(args, {
      db: { type: 'string', default: 'dyad.db' },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      lexicon: { type: 'string', multiple: true },
      'allow-host': { type: 'string', multiple: true },
    });
    const db = values.db as string;
    if (!isPostgresUrl(db) && !existsSync(db)) throw new UsageError(`no database at ${db}: create it with \`dyad ingest PATH... --db ${db}\` (or try \`dyad demo\`)`);
    await serve({
      db,
      port: portOption(values.port as string),
      host: values.host as string,
      lexicons: (values.lexicon as string[] | undefined) ?? [],
      allowHosts: (values['allow-host'] as string[] | undefined) ?? [],
    });
    return 0;
  },
};

export function portOption(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535, not '${text}'`);
  return port;
}

/** Seconds a stop may take before the process exits anyway. */
const STOP_GRACE_MS = 5000;

/** Host names the server answers: loopback, the bound address (unless a wildcard), and those allowed. */
export function allowedHosts(host: string, extra: string[]): string[] {
  const bound = host === '0.0.0.0' || host === '::' ? [] : [host.includes(':') ? `[${host}]` : host];
  return [...LOOPBACK_HOSTS, ...bound, ...extra];
}

/** Serves until SIGINT/SIGTERM; prints the dashboard URL once listening. */
export async function serve(o: { db: string; port: number; host: string; lexicons?: string[]; allowHosts?: string[] }): Promise<void> {
  // Read here too, so that a bad lexicon file stops the start with its error rather than every later POST.
  readUserLexicons(o.lexicons ?? []);
  const repo = await openStore(o.db);
  // Analysis, storing and story/claim updates run on the writer's thread, never on the one answering requests.
  const writer = new Writer(o.db, o.lexicons ?? [], (err) => process.stderr.write(`dyad: the writer stopped: ${err.message}\n`), (u) => {
    if (u.error) process.stderr.write(`dyad: updating stories and claims failed: ${u.error}\n`);
    else if (u.mode === 'rebuild') process.stderr.write(`dyad: stories and claims recomputed over the whole database (${u.reason})\n`);
  });
  const app = buildServer({
    repo,
    ingest: (raws) => writer.store(raws),
    token: process.env.DYAD_TOKEN || undefined,
    allowedHosts: allowedHosts(o.host, o.allowHosts ?? []),
  });
  try {
    await app.listen({ port: o.port, host: o.host });
  } catch (err) {
    await writer.close();
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
    const stop = () => {
      // Requests in flight may finish, but not for long: then the process goes anyway.
      setTimeout(() => {
        process.stderr.write('dyad: requests still running after 5 s; stopping anyway\n');
        process.exit(1);
      }, STOP_GRACE_MS).unref();
      void Promise.allSettled([app.close(), writer.close()]).then(() => repo.close()).then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
