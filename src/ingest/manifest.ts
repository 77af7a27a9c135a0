// Manifests: per-file metadata (JSONL, or CSV with a `path` column), matched by
// path relative to the manifest's folder, or by basename.
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { InputError } from '../types.js';
import { metadata, str, type Meta } from './meta.js';
import { InputProblem } from './problem.js';

export interface Manifest {
  dir: string;
  byPath: Map<string, Meta>;
}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (quoted) throw new InputProblem('CSV ends inside a quoted field');
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

/** Reads a manifest; bad rows become errors naming their line, the others still count. */
export function parseManifest(file: string, text: string, errors: InputError[]): Manifest {
  const dir = dirname(resolve(file));
  const byPath = new Map<string, Meta>();
  const add = (row: Record<string, unknown>, where: string) => {
    const p = str(row.path);
    if (!p) return errors.push({ file, reason: `${where}: no path` });
    byPath.set(isAbsolute(p) ? resolve(p) : p.split(/[\\/]/).join('/').replace(/^\.\//, ''), metadata(row));
  };
  if (file.toLowerCase().endsWith('.csv')) {
    const [header, ...rows] = parseCsv(text);
    const cols = (header ?? []).map((h) => h.trim().toLowerCase());
    if (!cols.includes('path')) throw new InputProblem('CSV manifest has no "path" column');
    rows.forEach((r, i) => add(Object.fromEntries(cols.map((c, j) => [c, r[j]])), `row ${i + 2}`));
  } else {
    text.split(/\r?\n/).forEach((line, i) => {
      if (!line.trim()) return;
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch (err) {
        return errors.push({ file, reason: `line ${i + 1}: malformed JSON: ${(err as Error).message}` });
      }
      if (row === null || typeof row !== 'object' || Array.isArray(row)) {
        return errors.push({ file, reason: `line ${i + 1}: not a JSON object` });
      }
      add(row as Record<string, unknown>, `line ${i + 1}`);
    });
  }
  return { dir, byPath };
}

/**
 * Metadata for one article: `file` is the file on disk, `item` the `#N`
 * suffix of a multi-item file. An exact `file#N` entry beats one for the file.
 */
export function lookup(manifest: Manifest, file: string, item: string): Meta | undefined {
  const abs = resolve(file);
  const rel = relative(manifest.dir, abs).split(sep).join('/');
  const keys = rel.startsWith('..') ? [abs, basename(abs)] : [rel, abs, basename(abs)];
  for (const suffix of item ? [item, ''] : ['']) {
    for (const k of keys) {
      const m = manifest.byPath.get(k + suffix);
      if (m) return m;
    }
  }
  return undefined;
}
