// `dyad` entry point: dispatches to one module per command, imported only when
// that command runs, so that `dyad --help` does not load the pipeline, the store
// and the server. Exit codes: 0 all inputs read, 1 some inputs failed or a
// runtime fault (a port in use, a file that cannot be written), 2 usage error.
import { readFileSync } from 'node:fs';
import { tuneCompiler } from '../compiler.js';
import { LexiconError } from '../knowledge.js';
import { UsageError, type Command } from './command.js';
import { OutputError, print } from './output.js';
import { SPECS, type CommandName } from './specs.js';

const loaders: Record<CommandName, () => Promise<Command>> = {
  analyze: async () => (await import('./analyze.js')).analyzeCommand,
  ingest: async () => (await import('./ingest.js')).ingestCommand,
  serve: async () => (await import('./serve.js')).serveCommand,
  demo: async () => (await import('./demo.js')).demoCommand,
  export: async () => (await import('./export.js')).exportCommand,
  eval: async () => (await import('./eval.js')).evalCommand,
  compare: async () => (await import('./compare.js')).compareCommand,
  enqueue: async () => (await import('./enqueue.js')).enqueueCommand,
  worker: async () => (await import('./worker.js')).workerCommand,
  watch: async () => (await import('./watch.js')).watchCommand,
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function help(): string {
  const lines = Object.values(SPECS).map((c) => `  ${c.usage}\n      ${c.summary}`);
  return [
    'dyad: evidence-linked political event data from news articles',
    '',
    'Usage: dyad <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    '  dyad --help | -h       this help (dyad COMMAND --help: that command)',
    '  dyad --version | -v    the version',
    '',
    'With no PATH, analyze runs on the built-in sample corpus (samples/).',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  tuneCompiler();
  try {
    return await dispatch(argv);
  } catch (err) {
    // Help or version text that could not be written.
    if (!(err instanceof OutputError)) throw err;
    process.stderr.write(`dyad: ${err.message}\n`);
    return 1;
  }
}

async function dispatch(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    // No command is a usage error: the help goes where errors go, and scripts see exit 2.
    process.stderr.write(`dyad: no command given\n\n${help()}\n`);
    return 2;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    await print(help() + '\n');
    return 0;
  }
  if (first === '--version' || first === '-v') {
    await print(version() + '\n');
    return 0;
  }
  if (!Object.hasOwn(SPECS, first)) {
    process.stderr.write(`dyad: unknown command '${first}'\n\n${help()}\n`);
    return 2;
  }
  const name = first as CommandName;
  const spec = SPECS[name];
  const command = await loaders[name]();
  if (rest.includes('--help') || rest.includes('-h')) {
    await print(`Usage: ${spec.usage}\n\n${spec.summary}\n${command.help ?? ''}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError || err instanceof LexiconError) {
      process.stderr.write(`dyad ${name}: ${err.message}\nUsage: ${spec.usage}\n`);
      return 2;
    }
    // Output that could not be written: the message says where and why.
    if (err instanceof OutputError) {
      process.stderr.write(`dyad ${name}: ${err.message}\n`);
      return 1;
    }
    // Anything else is a fault at run time (a port in use, a disk full) or in dyad or its data:
    // say what, keep the stack for debugging.
    process.stderr.write(`dyad ${name}: ${(err as Error).message}\n`);
    if (process.env.DYAD_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    return 1;
  }
}
