// The ingest stage: files, folders, stdin, feeds and manifests in; RawArticles out.
//
// Folders are walked recursively in sorted order. While walking, files whose
// name starts with `.` or `_` are skipped (so gold labels such as `_gold.json`
// can sit beside articles), and `manifest.jsonl` / `manifest.csv` is read as
// that folder's manifest, not as articles. A path named explicitly is always
// read. Every unreadable input becomes one `{file, reason}` error and the rest
// of the batch goes on.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { InputError, RawArticle } from '../types.js';
import { readFeed } from './feed.js';
import { readHtmlPage, truncation } from './html.js';
import { readJson, readJsonl, type Items } from './json.js';
import { lookup, parseManifest, type Manifest } from './manifest.js';
import { InputProblem } from './problem.js';
import { readText } from './text.js';

export interface IngestOptions {
  manifest?: string;
  /** Largest file read, in bytes. */
  maxBytes?: number;
  /**
   * Told the number of articles kept so far after each file or record batch is read:
   * `analyze --jobs` starts its threads once there is more than one batch to share, so
   * that they load while the rest is read.
   */
  onRead?: (articles: number) => void;
}

export interface IngestResult {
  articles: RawArticle[];
  errors: InputError[];
  /**
   * Each file of many records (JSON, JSONL, feeds) that was read whole, with the
   * ids of the records it holds now: a store drops what it kept of that file
   * under other ids (records since removed from it).
   */
  files: Map<string, string[]>;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

type Format = 'text' | 'markdown' | 'html' | 'json' | 'jsonl' | 'feed';

const EXTENSIONS: Record<string, Format> = {
  '.txt': 'text', '.text': 'text', '.md': 'markdown', '.markdown': 'markdown',
  '.html': 'html', '.htm': 'html', '.xhtml': 'html',
  '.json': 'json', '.jsonl': 'jsonl', '.ndjson': 'jsonl',
  '.xml': 'feed', '.rss': 'feed', '.atom': 'feed',
};
const MANIFEST_NAMES = new Set(['manifest.jsonl', 'manifest.csv']);

/**
 * Stable id: the same source and the same text always give the same id. The
 * source is the url, else the outlet and the file name; a record's place in
 * its file (`#N`) is no part of it, so that removing one record of a file
 * leaves the others their ids.
 */
export function articleId(raw: Pick<RawArticle, 'path' | 'url' | 'outlet' | 'text'>): string {
  const file = basename(raw.path).replace(/#\d+$/, '');
  const source = raw.url ? `url:${raw.url}` : `${raw.outlet ?? ''}|${file}`;
  // Each whitespace run to one space; single spaces, the most of them, are left alone.
  const text = raw.text.normalize('NFC').replace(/\s{2,}|[^\S ]/g, ' ').trim();
  return createHash('sha256').update(source).update('\n').update(text).digest('hex').slice(0, 16);
}

/**
 * All of an open file whose size is not known in advance (a pipe, a special
 * file), up to `maxBytes`: more is an error, found without reading further (a
 * link to /dev/zero must not fill the memory).
 */
function readCapped(fd: number, maxBytes: number, what: string): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
    const got = readSync(fd, chunk, 0, chunk.length, null);
    if (got === 0) break;
    chunks.push(chunk.subarray(0, got));
    total += got;
    if (total > maxBytes) throw new InputProblem(`${what} is over the limit of ${maxBytes} bytes (--max-bytes)`);
  }
  return Buffer.concat(chunks);
}

/** A whole file, or an error when it is over `maxBytes`. */
function readFile(file: string, maxBytes: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const info = fstatSync(fd);
    if (info.size > maxBytes) throw new InputProblem(`file is ${info.size} bytes, over the limit of ${maxBytes} (--max-bytes)`);
    // The size is known: read that much, sparing a second stat. A size of 0 may be a special file, read to its end or the limit.
    return info.size > 0 ? readBytes(fd, info.size) : readCapped(fd, maxBytes, 'file');
  } finally {
    closeSync(fd);
  }
}

/** What a file that is neither a file nor a folder is, for an error message. */
function special(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** The first `size` bytes of an open file (fewer if it ends sooner). */
function readBytes(fd: number, size: number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let n = 0;
  for (let got = 1; n < size && got > 0; n += got) got = readSync(fd, bytes, n, size - n, n);
  return bytes.subarray(0, n);
}

/** Decoded text of a file's bytes, or the reason it is not text. */
export function decode(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new InputProblem('empty file');
  // Windows tools save UTF-16 with a byte order mark; its NUL bytes are not binary.
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  if (!utf16 && bytes.subarray(0, 8192).includes(0)) throw new InputProblem('binary file (contains NUL bytes), not text');
  let text: string;
  try {
    text = new TextDecoder(utf16 ?? 'utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputProblem(`not valid ${utf16 ? 'UTF-16' : 'UTF-8'} text`);
  }
  if (!text.trim()) throw new InputProblem('empty file (only whitespace)');
  return text;
}

/** What stdin holds, from its first characters. */
function sniff(text: string): Format {
  const head = text.trimStart().slice(0, 500).toLowerCase();
  if (/^(<\?xml[^>]*>\s*)?<(rss|feed)[\s>]/.test(head)) return 'feed';
  if (head.startsWith('<')) return 'html';
  if (head.startsWith('[')) return 'json';
  if (head.startsWith('{')) {
    const lines = text.trim().split(/\r?\n/).filter((l) => l.trim());
    return lines.length > 1 && lines.every((l) => l.trimStart().startsWith('{')) ? 'jsonl' : 'json';
  }
  return 'text';
}

function parse(path: string, text: string, format: Format): Items {
  switch (format) {
    case 'text':
    case 'markdown':
      return { articles: [readText(path, text, format === 'markdown')], errors: [] };
    case 'html': {
      const cut = truncation(text);
      if (cut) throw new InputProblem(cut);
      const page = readHtmlPage(text);
      if (!page.text.trim()) throw new InputProblem('HTML page has no article text');
      return { articles: [{ path, format: 'html', ...page }], errors: [] };
    }
    case 'json':
      return readJson(path, text);
    case 'jsonl':
      return readJsonl(path, text);
    case 'feed':
      return readFeed(path, text);
  }
}

/** Standard input, up to `maxBytes`: more is an error, and reading stops there. */
async function readStdin(maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    total += (chunk as Buffer).length;
    if (total > maxBytes) {
      process.stdin.destroy();
      throw new InputProblem(`standard input is over the limit of ${maxBytes} bytes (--max-bytes)`);
    }
  }
  return Buffer.concat(chunks);
}

export async function ingest(paths: string[], options: IngestOptions = {}): Promise<IngestResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const articles: RawArticle[] = [];
  const errors: InputError[] = [];
  const files = new Map<string, string[]>();
  // Real paths read or walked: a link back up the tree, or a second name for a file, is read once.
  const seen = new Set<string>();
  // The path each id was first read from: one id is one article.
  const ids = new Map<string, string>();

  let explicit: Manifest | null = null;
  if (options.manifest) {
    try {
      explicit = parseManifest(options.manifest, decode(readFile(options.manifest, maxBytes)), errors);
    } catch (err) {
      errors.push({ file: options.manifest, reason: `manifest: ${reason(err)}` });
    }
  }

  const take = (items: Items, file: string | null, manifests: Manifest[], many = false) => {
    errors.push(...items.errors);
    const held: string[] = [];
    for (const raw of items.articles) {
      const item = file ? raw.path.slice(file.length) : '';
      // The manifest passed on the command line has the last word over folder manifests.
      for (const m of [...manifests, ...(explicit ? [explicit] : [])]) {
        const meta = file ? lookup(m, file, item) : undefined;
        if (meta) Object.assign(raw, meta);
      }
      raw.id ??= articleId(raw);
      held.push(raw.id);
      // Two records with one id (given, or the same source and text) would be one row in a
      // store and two articles with one id in the output: the first is kept, the other reported.
      const first = ids.get(raw.id);
      if (first !== undefined) {
        errors.push({ file: raw.path, reason: `duplicate id '${raw.id}': ${first} has it already; this record is skipped` });
        continue;
      }
      ids.set(raw.id, raw.path);
      articles.push(raw);
    }
    if (file && many) files.set(file, held);
    options.onRead?.(articles.length);
  };

  // Synchronous reads: for many small files, one awaited round trip per file
  // system call costs more than the reads themselves.
  const readOne = (file: string, manifests: Manifest[]) => {
    const format = EXTENSIONS[extname(file).toLowerCase()];
    if (!format) {
      const ext = extname(file) || '(none)';
      throw new InputProblem(`unknown file type ${ext}: expected one of ${Object.keys(EXTENSIONS).join(' ')}`);
    }
    const bytes = readFile(file, maxBytes);
    take(parse(file, decode(bytes), format), file, manifests, format === 'json' || format === 'jsonl' || format === 'feed');
  };

  /** `real`: the folder's real path, which its plain entries extend. */
  const walk = (dir: string, manifests: Manifest[], real: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const local = [...manifests];
    for (const { name } of entries.filter((e) => MANIFEST_NAMES.has(e.name))) {
      const file = join(dir, name);
      try {
        local.push(parseManifest(file, decode(readFile(file, maxBytes)), errors));
      } catch (err) {
        errors.push({ file, reason: `manifest: ${reason(err)}` });
      }
    }
    for (const entry of entries) {
      const name = entry.name;
      if (name.startsWith('.') || name.startsWith('_') || MANIFEST_NAMES.has(name)) continue;
      visit(join(dir, name), local, entry, real);
    }
  };

  /** `entry` and `parent`: what the folder listing said, and the folder's real path, which spare a stat unless it is a link. */
  const visit = (path: string, manifests: Manifest[], entry?: Dirent, parent?: string) => {
    try {
      // A plain entry's real path is its folder's plus its name; a link is followed to its end.
      const real = entry && parent && !entry.isSymbolicLink() ? join(parent, entry.name) : realpathSync(path);
      if (seen.has(real)) return;
      seen.add(real);
      const info = entry && (entry.isFile() || entry.isDirectory()) ? entry : statSync(path);
      if (info.isDirectory()) walk(path, manifests, real);
      else if (info.isFile()) readOne(path, manifests);
      // Reading a FIFO waits for a writer that may never come, a device may never end: neither is an article.
      else throw new InputProblem(`${special(info as Stats)}, not a file: skipped (use - to read standard input)`);
    } catch (err) {
      errors.push({ file: path, reason: reason(err) });
    }
  };

  for (const path of paths) {
    if (path === '-') {
      try {
        const text = decode(await readStdin(maxBytes));
        take(parse('-', text, sniff(text)), null, []);
      } catch (err) {
        errors.push({ file: '-', reason: reason(err) });
      }
    } else {
      visit(path, []);
    }
  }
  return { articles, errors, files };
}

/** A one-line reason: ours as written, the file system's without the errno prefix. */
function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file or directory';
  if (e.code === 'EACCES') return 'permission denied';
  if (e.code === 'EISDIR') return 'is a directory';
  if (e.code === 'ELOOP') return 'a loop of symbolic links';
  return e.message ?? String(err);
}
