// Checked output. Every write is checked, and a failed one is an OutputError
// (the command prints it and exits 1): a missing folder, a read-only file, a
// full disk or a closed standard output never end as a short file and exit 0.
//
// A file named with --out is written beside its final name and renamed into
// place once complete, so that it is either the whole output or what was there
// before, never a truncated one; a device or a FIFO (/dev/stdout, a pipe) is
// written in place. Output is streamed in chunks: no whole document is ever
// one string (V8 caps a string at 512 MB).
import { accessSync, closeSync, constants, existsSync, fchmodSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Output } from '../types.js';

export class OutputError extends Error {}

export interface Sink {
  /** Queues text; throws an OutputError when an earlier write failed or this one does. */
  write(text: string): Promise<void>;
  /** Writes what is queued and puts the file in place; throws an OutputError on failure. */
  close(): Promise<void>;
  /** Gives up: removes what was written of a file (standard output cannot be taken back). */
  abort(): void;
}

/** Text queued before a write: few system calls, and never one large string. */
const CHUNK = 1 << 20;

function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT': return 'no such folder';
    case 'ENOTDIR': return 'a part of the path is not a folder';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EROFS': return 'read-only file system';
    case 'ENOSPC': return 'no space left on device';
    case 'EDQUOT': return 'disk quota exceeded';
    case 'EISDIR': return 'is a directory';
    case 'EPIPE': return 'the reader closed it';
    case 'EFBIG': return 'file too large';
    case 'EIO': return 'input/output error';
    default: return e.message ?? String(err);
  }
}

/** Standard output when `out` is undefined, else the file `out`. Opened now, so that a bad path fails before any work. */
export function openSink(out?: string): Sink {
  return out === undefined ? new StreamSink(process.stdout, 'standard output') : new FileSink(out);
}

class FileSink implements Sink {
  private fd: number;
  private readonly temp: string | null;
  private queued: string[] = [];
  private size = 0;
  private done = false;

  constructor(private readonly path: string) {
    let info: ReturnType<typeof statSync> | null = null;
    try {
      info = statSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw this.fail(err);
    }
    if (info?.isDirectory()) throw new OutputError(`cannot write ${path}: is a directory`);
    // A device or a pipe takes the output in place; a file is replaced whole, once written.
    this.temp = info && !info.isFile() ? null : join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    try {
      // The rename would replace a file the user may not write to.
      if (info && this.temp) accessSync(path, constants.W_OK);
      this.fd = openSync(this.temp ?? path, this.temp ? 'wx' : 'w');
      // A file replaced keeps its permissions.
      if (info && this.temp) fchmodSync(this.fd, info.mode & 0o7777);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'ENOENT') {
        throw new OutputError(`cannot write ${path}: ${existsSync(dirname(path)) ? `no file can be made in ${dirname(path)}` : `no such folder ${dirname(path)}`}`);
      }
      throw this.fail(err);
    }
  }

  private fail(err: unknown): OutputError {
    return new OutputError(`cannot write ${this.path}: ${describe(err)}`);
  }

  async write(text: string): Promise<void> {
    if (this.done) throw new OutputError(`cannot write ${this.path}: already closed`);
    this.queued.push(text);
    this.size += text.length;
    if (this.size >= CHUNK) this.flush();
  }

  private flush(): void {
    if (this.queued.length === 0) return;
    const bytes = Buffer.from(this.queued.join(''), 'utf8');
    this.queued = [];
    this.size = 0;
    try {
      for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at, bytes.length - at);
    } catch (err) {
      this.abort();
      throw this.fail(err);
    }
  }

  async close(): Promise<void> {
    this.flush();
    try {
      // Some file systems report a full disk only when the data reaches it.
      if (this.temp) fsyncSync(this.fd);
      closeSync(this.fd);
      this.done = true;
      if (this.temp) renameSync(this.temp, this.path);
    } catch (err) {
      this.abort();
      throw this.fail(err);
    }
  }

  abort(): void {
    if (!this.done) {
      this.done = true;
      try {
        closeSync(this.fd);
      } catch {
        // Already closed: nothing more to release.
      }
    }
    if (this.temp) {
      try {
        unlinkSync(this.temp);
      } catch {
        // Never created, or already renamed into place.
      }
    }
  }
}

class StreamSink implements Sink {
  private failed: OutputError | null = null;
  private queued: string[] = [];
  private size = 0;

  private readonly onError = (err: Error) => void (this.failed ??= new OutputError(`cannot write ${this.name}: ${describe(err)}`));

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly name: string,
  ) {
    stream.on('error', this.onError);
  }

  async write(text: string): Promise<void> {
    this.queued.push(text);
    this.size += text.length;
    if (this.size >= CHUNK) await this.flush();
  }

  /** Hands the queued text to the stream and waits until it is written (or failed). */
  private async flush(): Promise<void> {
    if (this.failed) throw this.failed;
    const text = this.queued.join('');
    this.queued = [];
    this.size = 0;
    if (!text) return;
    await new Promise<void>((resolve) => {
      this.stream.write(text, (err) => {
        if (err) this.failed ??= new OutputError(`cannot write ${this.name}: ${describe(err)}`);
        resolve();
      });
    });
    if (this.failed) throw this.failed;
  }

  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      this.stream.off('error', this.onError);
    }
  }

  abort(): void {
    this.queued = [];
    this.stream.off('error', this.onError);
  }
}

/** Writes all of `text` to standard output, checked. */
export async function print(text: string): Promise<void> {
  const sink = openSink();
  await sink.write(text);
  await sink.close();
}

/** Writes `chunks` to `sink` and closes it; on failure the sink is aborted and the error thrown. */
export async function writeAll(sink: Sink, chunks: Iterable<string>): Promise<void> {
  try {
    for (const chunk of chunks) await sink.write(chunk);
    await sink.close();
  } catch (err) {
    sink.abort();
    throw err;
  }
}

const KINDS = ['articles', 'entities', 'quotes', 'events', 'stories', 'claims', 'errors'] as const;
const SINGULAR = { articles: 'article', entities: 'entity', quotes: 'quote', events: 'event', stories: 'story', claims: 'claim', errors: 'error' } as const;

/**
 * The output document, a record at a time. `json` is exactly
 * `JSON.stringify(output, null, 2)` plus a newline, `jsonl` one record per line
 * with its kind in a `record` field (a record's own fields may include `kind`:
 * a quote's direct/partial, an entity's person/country).
 */
export function* documentChunks(output: Output, format: 'json' | 'jsonl'): Generator<string> {
  if (format === 'jsonl') {
    for (const k of KINDS) for (const r of output[k]) yield JSON.stringify({ record: SINGULAR[k], ...r }) + '\n';
    return;
  }
  yield '{';
  let firstKey = true;
  for (const k of KINDS) {
    yield `${firstKey ? '' : ','}\n  ${JSON.stringify(k)}: `;
    firstKey = false;
    const records = output[k] as unknown[];
    if (records.length === 0) {
      yield '[]';
      continue;
    }
    yield '[';
    for (let i = 0; i < records.length; i++) {
      yield `${i === 0 ? '' : ','}\n    ${JSON.stringify(records[i], null, 2).replace(/\n/g, '\n    ')}`;
    }
    yield '\n  ]';
  }
  yield '\n}\n';
}
