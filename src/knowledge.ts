// Knowledge is data: each stage ships its own files under data/<stage>/, and a
// user can add to any of them with lexicon files (`--lexicon FILE`, JSON or
// YAML), whose top-level keys name the section they extend, e.g.
//   people: [{ name: "Ada Example", roles: [{ actor: "FRA", sector: "GOV", role: "foreign minister", from: "2026-01-01" }] }]
//   verbs:  [...]
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { parse as parseYaml } from 'yaml';

/** Sections of user lexicon files, merged: each key holds the entries of every file. */
export type UserLexicon = Record<string, unknown[]>;

/**
 * The sections a lexicon file may hold, and the stage that reads each. A
 * misspelt section would otherwise be ignored without a word.
 */
export const LEXICON_SECTIONS: Record<string, string> = {
  countries: 'actors', igos: 'actors', orgs: 'actors', roles: 'actors', people: 'actors', regions: 'actors',
  boilerplate: 'clean', boilerplateMacros: 'clean', places: 'clean',
  reportingVerbs: 'quotes',
  truecase: 'nlp',
  verbs: 'events',
  claims: 'claims', rebuttals: 'claims',
};

/** A lexicon file that cannot be used: the message names the file and the fault. */
export class LexiconError extends Error {}

/** Path of a file shipped under data/. */
export function dataPath(...parts: string[]): string {
  return fileURLToPath(new URL(`../data/${parts.join('/')}`, import.meta.url));
}

export function readData<T>(...parts: string[]): T {
  const file = dataPath(...parts);
  const text = readFileSync(file, 'utf8');
  return (file.endsWith('.json') ? JSON.parse(text) : readYaml(text)) as T;
}

// The YAML files stay the source of truth, but parsing them takes a second or
// more per process; JSON.parse takes milliseconds. Each parse is kept as JSON
// under dist/, named by the hash of the YAML text, so an edited file simply
// misses and is parsed again: nothing can go stale and nothing needs a build step.
const YAML_CACHE = fileURLToPath(new URL('./.data-cache/', import.meta.url));

function readYaml(text: string): unknown {
  const cached = `${YAML_CACHE}${createHash('sha1').update(text).digest('hex')}.json`;
  try {
    return JSON.parse(readFileSync(cached, 'utf8'));
  } catch {
    // Not cached yet (or unreadable): parse the YAML below.
  }
  const parsed: unknown = parseYaml(text);
  const json = JSON.stringify(parsed);
  // Only values JSON keeps exactly (no dates, no non-finite numbers) are cached.
  if (json !== undefined && isDeepStrictEqual(JSON.parse(json), parsed)) {
    try {
      mkdirSync(YAML_CACHE, { recursive: true });
      // Written aside and renamed, so a concurrent reader never sees half a file.
      const partial = `${cached}.${process.pid}.tmp`;
      writeFileSync(partial, json);
      renameSync(partial, cached);
    } catch {
      // A read-only install still works, only without the cache.
    }
  }
  return parsed;
}

export function readUserLexicons(paths: string[]): UserLexicon {
  const merged: UserLexicon = {};
  for (const file of paths) {
    let parsed: unknown;
    try {
      parsed = parseYaml(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new LexiconError(`${file}: cannot read lexicon: ${(err as Error).message}`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new LexiconError(`${file}: a lexicon file must map section names (${Object.keys(LEXICON_SECTIONS).join(', ')}) to lists`);
    }
    for (const [section, entries] of Object.entries(parsed)) {
      if (!(section in LEXICON_SECTIONS)) {
        throw new LexiconError(`${file}: unknown section '${section}' (known: ${Object.keys(LEXICON_SECTIONS).join(', ')})`);
      }
      if (!Array.isArray(entries)) throw new LexiconError(`${file}: section '${section}' must be a list`);
      (merged[section] ??= []).push(...entries);
    }
  }
  return merged;
}
