import { availableParallelism } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface Command {
  usage: string;
  summary: string;
  help?: string;
  run(args: string[]): Promise<number>;
}

/** A mistake in how dyad was called: exit code 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, with its errors turned into usage errors. */
export function parse<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** A count option (`--batch 64`): a whole number from 1, else a usage error naming the option. */
export function positiveInt(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a positive integer, not '${text}'`);
  return n;
}

/**
 * `--jobs N`: how many threads analyse articles. By default one per core the
 * process may use; 1 runs every stage in the main thread, with no worker.
 */
export function jobsOption(value: string | undefined): number {
  if (value === undefined) return availableParallelism();
  if (!/^[1-9][0-9]*$/.test(value)) throw new UsageError(`--jobs must be a positive whole number, not '${value}'`);
  return Number(value);
}
