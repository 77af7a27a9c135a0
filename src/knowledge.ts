// Knowledge is data: each stage ships its own files under data/<stage>/, and a
// user can add to any of them with lexicon files (`--lexicon FILE`, JSON or
// YAML), whose top-level keys name the section they extend, e.g.
//   people: [{ name: "Ada Example", roles: [{ actor: "FRA", sector: "GOV", role: "foreign minister", from: "2026-01-01" }] }]
//   verbs:  [...]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

/** Sections of user lexicon files, merged: each key holds the entries of every file. */
export type UserLexicon = Record<string, unknown[]>;

/** Path of a file shipped under data/. */
export function dataPath(...parts: string[]): string {
  return fileURLToPath(new URL(`../data/${parts.join('/')}`, import.meta.url));
}

export function readData<T>(...parts: string[]): T {
  const file = dataPath(...parts);
  const text = readFileSync(file, 'utf8');
  return (file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as T;
}

export function readUserLexicons(paths: string[]): UserLexicon {
  const merged: UserLexicon = {};
  for (const file of paths) {
    let parsed: unknown;
    try {
      parsed = parseYaml(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`${file}: cannot read lexicon: ${(err as Error).message}`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new Error(`${file}: a lexicon file must map section names (people, actors, verbs, ...) to lists`);
    }
    for (const [section, entries] of Object.entries(parsed)) {
      if (!Array.isArray(entries)) throw new Error(`${file}: section '${section}' must be a list`);
      (merged[section] ??= []).push(...entries);
    }
  }
  return merged;
}
