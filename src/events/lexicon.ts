// The verb lexicon: data/events/lexicon-*.yaml plus the user's `verbs` section,
// compiled once into maps keyed by the head lemma so that a sentence costs one
// map lookup per token.
import { readdirSync } from 'node:fs';
import { dataPath, readData, type UserLexicon } from '../knowledge.js';
import type { PloverType } from '../types.js';

/** A literal (one lemma, or alternatives `of|over`) or an argument slot. */
export type Element =
  | { lit: ReadonlySet<string>; alts: readonly string[] }
  | { slot: 'T' | 'S' | 'P' };

export interface Pattern {
  /** Rule id: `<cameo>:<pattern text>`, prefixed `user:` for user entries. */
  id: string;
  kind: 'verb' | 'noun';
  /** Head lemma first, then literals and slots in order. */
  elements: Element[];
  /** Literal count: the longer match wins. */
  weight: number;
  /** A phrase that is no event ("defend against X"): when it is the longest match, nothing is coded. */
  none: boolean;
  type: PloverType;
  mode: string | null;
  cameo: string;
  /** Whom the act is against when the text names no one: the doer's own government ("seized power"). */
  against?: 'government';
}

/** One entry as written in a data or user file. */
export interface LexiconEntry {
  cameo: string;
  type?: PloverType;
  mode?: string | null;
  verbs?: string[];
  nouns?: string[];
  /** Single-pattern form for user files: `{ pattern: "snub [T]", cameo: "125" }`. */
  pattern?: string;
  noun?: boolean;
  /** `government`: an act that names no target is against the doer's own government (a coup). */
  against?: 'government';
}

export interface Grammar {
  speech: Set<string>;
  light: Set<string>;
  future: Set<string>;
  intent: Set<string>;
  futureModals: Set<string>;
  hypotheticalModals: Set<string>;
  conditional: Set<string>;
  historicalAdverbs: Set<string>;
  negators: Set<string>;
  location: Set<string>;
  target: Set<string>;
  boundaryWords: Set<string>;
  boundaryPunct: Set<string>;
  relative: Set<string>;
  stative: Set<string>;
  firstPerson: Set<string>;
  firstPersonObject: Set<string>;
  jointSelf: Set<string>;
  bothWords: Set<string>;
  adjunctGerund: Set<string>;
  followers: Set<string>;
  possessives: Set<string>;
  deonticModals: Set<string>;
  failure: Set<string>;
  alternative: Set<string>;
  borderNouns: Set<string>;
  absence: Set<string>;
  placeNouns: Set<string>;
  crowdCounts: Set<string>;
  placeBeforeNames: Set<string>;
  relativeSubjects: Set<string>;
  claimNouns: Set<string>;
  timeWords: Set<string>;
  sameParticiple: Set<string>;
  quantifiers: Set<string>;
  hazards: Set<string>;
  allegation: Set<string>;
  simultaneous: Set<string>;
  aftermath: Set<string>;
  cargo: Set<string>;
  mediation: Set<string>;
  occurrence: Set<string>;
  reducedPassive: Set<string>;
  partyNouns: Set<string>;
  labelVerbs: Set<string>;
  agreementNouns: Set<string>;
  pairNouns: Set<string>;
  militarySites: Set<string>;
  policeSites: Set<string>;
  civilianSites: Set<string>;
  actNouns: Set<string>;
  fireVerbs: Set<string>;
  deniable: Set<string>;
  retaliation: Set<string>;
}

/** CAMEO subcode of a request, threat, refusal or intent, by the type of what is asked, threatened, refused or intended. */
export type ComplementTable = Partial<Record<PloverType, Partial<Record<PloverType, string>>>>;

/** A head's long pattern list split by the word that must follow it, so a match tries only those. */
export interface Branches {
  bySecond: Map<string, Pattern[]>;
  /** Patterns whose second element is a slot, or that are the head alone. */
  rest: Pattern[];
  /** Where each branched pattern stands in the head's list. */
  position: Map<Pattern, number>;
}

export interface Lexicon {
  verbs: Map<string, Pattern[]>;
  nouns: Map<string, Pattern[]>;
  /** Branches of every list longer than `BRANCH_AT`. */
  branches: Map<Pattern[], Branches>;
  grammar: Grammar;
  cameo: Map<string, [PloverType, string | null]>;
  complements: ComplementTable;
  /** The rule a reported obligation ("said X must ...") fires as a demand. */
  obligation: Pattern;
  size: number;
}

const PLOVER_TYPES = new Set<string>([
  'AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST',
  'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT',
]);

/** PLOVER type and mode of a CAMEO code: the longest prefix in the crosswalk. */
export function ploverOf(cameo: Map<string, [PloverType, string | null]>, code: string): [PloverType, string | null] | null {
  for (let n = code.length; n >= 2; n--) {
    const hit = cameo.get(code.slice(0, n));
    if (hit) return hit;
  }
  return null;
}

/** Upper-case slot names in pattern text: X the target, S the source, P the parties (first is the source). */
const SLOTS: Record<string, 'T' | 'S' | 'P'> = { X: 'T', S: 'S', P: 'P' };

export function compilePattern(
  text: string,
  kind: 'verb' | 'noun',
  cameoCode: string,
  type: PloverType,
  mode: string | null,
  idPrefix: string,
): Pattern {
  const words = text.trim().split(/\s+/);
  // "sit-in", "cease-fire": the tokenizer splits a hyphenated word, so a pattern does too.
  const parts = words.flatMap((w) => (w in SLOTS || !/\w-\w/.test(w) ? [w] : w.split(/(-)/)));
  const elements: Element[] = parts.map((w) => {
    if (w in SLOTS) return { slot: SLOTS[w]! };
    const alts = w.toLowerCase().split('|');
    return { lit: new Set(alts), alts };
  });
  if (!elements[0] || !('lit' in elements[0])) throw new Error(`events lexicon: pattern '${text}' must start with a word`);
  return {
    id: `${idPrefix}${cameoCode}:${words.join(' ')}`,
    kind,
    elements,
    weight: elements.filter((e) => 'lit' in e).length,
    none: cameoCode === NONE,
    type,
    mode,
    cameo: cameoCode,
  };
}

function toSet(v: unknown): Set<string> {
  return new Set(Array.isArray(v) ? v.map((x) => String(x).toLowerCase()) : []);
}

/** The cameo of entries that are no event: phrases that would otherwise be misread as one. */
const NONE = 'none';

function addEntry(lex: Lexicon, entry: LexiconEntry, idPrefix: string, where: string): void {
  // A number would have lost its leading zero (043 -> 43): codes must be quoted.
  if (typeof entry.cameo !== 'string') throw new Error(`${where}: cameo code ${String(entry.cameo)} must be a quoted string`);
  const code = entry.cameo;
  const mapped = ploverOf(lex.cameo, code);
  // A "none" pattern is never coded; its type only keeps the Pattern shape whole.
  const type = code === NONE ? 'CONSULT' : (entry.type ?? mapped?.[0]);
  if (!type || !PLOVER_TYPES.has(type)) throw new Error(`${where}: entry with cameo '${code}' has no PLOVER type`);
  const mode = entry.mode !== undefined ? entry.mode : entry.type && entry.type !== mapped?.[0] ? null : (mapped?.[1] ?? null);
  if (entry.against !== undefined && entry.against !== 'government') throw new Error(`${where}: entry with cameo '${code}': against must be 'government', not '${String(entry.against)}'`);
  const add = (text: string, kind: 'verb' | 'noun'): void => {
    const p = compilePattern(text, kind, code, type, mode, idPrefix);
    if (entry.against) p.against = entry.against;
    const map = kind === 'verb' ? lex.verbs : lex.nouns;
    for (const head of (p.elements[0] as { alts: readonly string[] }).alts) {
      const list = map.get(head);
      if (list) list.push(p);
      else map.set(head, [p]);
    }
    lex.size++;
  };
  for (const v of entry.verbs ?? []) add(v, 'verb');
  for (const n of entry.nouns ?? []) add(n, 'noun');
  if (entry.pattern) add(entry.pattern, entry.noun ? 'noun' : 'verb');
}

/** Longer patterns first: the first one that matches is the most specific. */
export function byStrength(a: Pattern, b: Pattern): number {
  return b.weight - a.weight || b.elements.length - a.elements.length;
}

/** Heads with more patterns than this are matched through their branches. */
export const BRANCH_AT = 8;

function branch(list: Pattern[]): Branches {
  const out: Branches = { bySecond: new Map(), rest: [], position: new Map() };
  for (const [i, p] of list.entries()) {
    const second = p.elements[1];
    if (!second || !('lit' in second)) {
      out.rest.push(p);
      continue;
    }
    out.position.set(p, i);
    for (const w of second.alts) {
      const l = out.bySecond.get(w);
      if (l) l.push(p);
      else out.bySecond.set(w, [p]);
    }
  }
  return out;
}

/** Compile the shipped lexicon plus the user's `verbs` section. */
export function compileLexicon(user: UserLexicon = {}): Lexicon {
  const g = readData<Record<string, unknown>>('events', 'grammar.yaml');
  const grammar = Object.fromEntries(Object.entries(g).map(([k, v]) => [k, toSet(v)])) as unknown as Grammar;
  const cameoRaw = readData<Record<string, [PloverType, string | null]>>('events', 'cameo.yaml');
  const cameo = new Map(Object.entries(cameoRaw));
  const lex: Lexicon = {
    verbs: new Map(),
    nouns: new Map(),
    branches: new Map(),
    grammar,
    cameo,
    complements: readData<ComplementTable>('events', 'complements.yaml'),
    obligation: compilePattern('must', 'verb', '100', 'REQUEST', ploverOf(cameo, '100')?.[1] ?? null, 'clause:'),
    size: 0,
  };
  const files = readdirSync(dataPath('events')).filter((f) => /^lexicon-.*\.ya?ml$/.test(f)).sort();
  for (const file of files) {
    const entries = readData<LexiconEntry[]>('events', file);
    for (const e of entries) addEntry(lex, e, '', `data/events/${file}`);
  }
  for (const e of (user['verbs'] ?? []) as LexiconEntry[]) addEntry(lex, e, 'user:', 'lexicon verbs');
  for (const map of [lex.verbs, lex.nouns]) {
    for (const list of map.values()) {
      list.sort(byStrength);
      if (list.length > BRANCH_AT) lex.branches.set(list, branch(list));
    }
  }
  return lex;
}
