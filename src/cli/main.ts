// `dyad` entry point: dispatches to one module per command. Exit codes: 0 all
// inputs read, 1 some inputs failed, 2 usage error.
import { readFileSync } from 'node:fs';
import { analyzeCommand } from './analyze.js';
import { evalCommand } from './eval.js';
import { LexiconError } from '../knowledge.js';
import { UsageError, type Command } from './command.js';
import { compareCommand } from './compare.js';
import { demoCommand } from './demo.js';
import { exportCommand } from './export.js';
import { ingestCommand } from './ingest.js';
import { serveCommand } from './serve.js';

const commands: Record<string, Command> = {
  analyze: analyzeCommand,
  ingest: ingestCommand,
  serve: serveCommand,
  demo: demoCommand,
  export: exportCommand,
  eval: evalCommand,
  compare: compareCommand,
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function help(): string {
  const lines = Object.values(commands).map((c) => `  ${c.usage}\n      ${c.summary}`);
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
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(help() + '\n');
    return 0;
  }
  if (first === '--version' || first === '-v') {
    process.stdout.write(version() + '\n');
    return 0;
  }
  const command = commands[first];
  if (!command) {
    process.stderr.write(`dyad: unknown command '${first}'\n\n${help()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`Usage: ${command.usage}\n\n${command.summary}\n${command.help ?? ''}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError || err instanceof LexiconError) {
      process.stderr.write(`dyad ${first}: ${err.message}\nUsage: ${command.usage}\n`);
      return 2;
    }
    // Anything else is a fault in dyad or its data: say what, keep the stack for debugging.
    process.stderr.write(`dyad ${first}: ${(err as Error).message}\n`);
    if (process.env.DYAD_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    return 1;
  }
}
