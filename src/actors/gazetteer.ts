// The compiled actor gazetteer: every name, adjective, seat, back-reference and
// role word from data/actors/ (plus user lexicons), indexed by its first token
// so that the resolver tests a handful of candidates per token, never the whole
// list. Phrases are tokenised with the same wink tokenizer as article text, so
// "U.S.-led" or "Secretary-General" split the same way on both sides.
import { readdirSync } from 'node:fs';
import { dataPath, readData, type UserLexicon } from '../knowledge.js';
import { wink } from '../nlp/index.js';

export type Gender = 'm' | 'f';
export type RoleKind = 'person' | 'group' | 'body';

export interface CountryEntry {
  code: string;
  name: string;
  names?: string[];
  adj?: string[];
  capitals?: string[];
  seats?: { name: string; sector: string | null }[];
  cities?: string[];
}

export interface IgoEntry {
  code: string;
  name: string;
  names?: string[];
  adj?: string[];
  refs?: string[];
}

export interface OrgEntry {
  name: string;
  names?: string[];
  refs?: string[];
  actor: string;
  sector: string | null;
  /** Sectors from a date on: the Taliban are AFG/GOV from 2021-08-15. */
  eras?: { from: string; sector: string }[];
}

/** An organisation's sector on a day (its latest era begun by then), or its own. */
export function sectorOn(entry: { sector: string | null; eras?: { from: string; sector: string }[] }, day: string | null): string | null {
  if (!entry.eras || !day) return entry.sector;
  let sector = entry.sector;
  for (const era of entry.eras) if (String(era.from) <= day.slice(0, 10)) sector = era.sector;
  return sector;
}

/** What an id from the gazetteer names, for entity records. */
export interface Named {
  name: string;
  kind: 'country' | 'igo' | 'org';
  actor: string;
  sector: string | null;
}

export interface RoleEntry {
  role: string;
  sector: string | null;
  kind: RoleKind;
  /** Offices this word also names ("the Russian leader" is its president or prime minister). */
  covers?: string[];
}

export interface PersonRole {
  actor: string;
  sector: string | null;
  role: string | null;
  from: string | null;
  to: string | null;
}

export interface PersonEntry {
  name: string;
  aliases?: string[];
  gender?: Gender | null;
  roles?: { actor: string; sector?: string | null; role?: string | null; from?: unknown; to?: unknown }[];
}

interface RolesFile {
  roles: RoleEntry[];
  modifiers: string[];
  member_nouns: string[];
  locatives: string[];
  place_modifiers?: string[];
  referential_roles?: string[];
  motion_to: string[];
  reporting_verbs: string[];
  org_heads: { word: string; sector: string }[];
  pronouns: Record<string, Gender | 'thing' | 'plural'>;
  name_particles: string[];
  honorifics: string[];
  glued_followers: string[];
  credit_cues: string[];
  not_names: string[];
  home_roles: string[];
  gendered_roles: Record<string, Gender>;
}

export interface Person {
  id: string;
  name: string;
  gender: Gender | null;
  roles: PersonRole[];
}

/** What a matched phrase stands for. */
export type Entry =
  | { kind: 'country' | 'capital' | 'adj' | 'igo'; code: string; sector: null }
  | { kind: 'seat'; code: string; sector: string | null }
  | { kind: 'city'; code: string; sector: null }
  | { kind: 'org'; id: string; code: string; sector: string | null; eras?: { from: string; sector: string }[] }
  /** A back-reference ("the alliance", "the group") to any of these entity ids. */
  | { kind: 'igoref'; codes: string[] }
  | { kind: 'person'; person: Person }
  | { kind: 'role'; role: string; sector: string | null; roleKind: RoleKind }
  | { kind: 'modifier' }
  /** A region or title containing a country's name ("North America"): no party. */
  | { kind: 'region' }
  | { kind: 'member' };

export interface Pattern {
  /** Folded tokens; a token with capitals must match exactly (case-sensitive). */
  words: string[];
  /** The tokens as written, apostrophes folded: what case-sensitive tokens must equal. */
  raw: string[];
  exact: boolean[];
  entry: Entry;
}

export interface IndexNode {
  single: Pattern[];
  byNext: Map<string, Pattern[]>;
}

export interface Gazetteer {
  /** Patterns by folded first token: one-word patterns, and longer ones by their second token, longest first. */
  index: Map<string, IndexNode>;
  /** Display name of every country and IGO code. */
  /** Countries, bodies and organisations by entity id. */
  names: Map<string, Named>;
  /** People by surname (the last name token, or the first for East Asian names). */
  surnames: Map<string, Person[]>;
  locatives: Set<string>;
  motionTo: Set<string>;
  reportingVerbs: Set<string>;
  orgHeads: Map<string, string>;
  pronouns: Map<string, Gender | 'thing' | 'plural'>;
  particles: Set<string>;
  honorifics: Set<string>;
  gluedFollowers: Set<string>;
  creditCues: Set<string>;
  notNames: Set<string>;
  homeRoles: Set<string>;
  /** Descriptions of states ("the West African nation"): head words, and region words with their states. */
  descriptions: { heads: Set<string>; regions: Map<string, string[]> };
  /** Words between a locative and a place name ("in northern Kisumu", "the town of Gao"). */
  placeModifiers: Set<string>;
  /** Group words that stand for parties named before, never a generic group of the story's state. */
  referentialRoles: Set<string>;
  genderedRoles: Map<string, Gender>;
  /** Role word → the offices it also names (`covers` in roles.yaml). */
  roleCovers: Map<string, Set<string>>;
}

// Family name first: for people acting for these states the surname is the first token.
export const FAMILY_NAME_FIRST = new Set(['CHN', 'TWN', 'PRK', 'KOR', 'VNM', 'HKG', 'MAC']);

const APOSTROPHE = /[\u2018\u2019\u02bc`]/;
const APOSTROPHES = /[\u2018\u2019\u02bc`]/g;

/** Typographic apostrophes as plain ones. */
export function plainApostrophes(text: string): string {
  return APOSTROPHE.test(text) ? text.replace(APOSTROPHES, "'") : text;
}

/** Lower case with typographic apostrophes folded, the form the index is keyed by. */
export function fold(text: string): string {
  return plainApostrophes(text.toLowerCase());
}

export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function dateString(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

/** The role valid on `date` (from <= date < to); the latest with no date; else the nearest. */
export function roleAt(person: Person, date: string | null): PersonRole | null {
  const roles = person.roles;
  if (roles.length === 0) return null;
  const day = date?.slice(0, 10) ?? null;
  const latest = (a: PersonRole, b: PersonRole): PersonRole => ((b.from ?? '') > (a.from ?? '') ? b : a);
  if (day === null) return roles.reduce(latest);
  const valid = roles.filter((r) => (r.from === null || r.from <= day) && (r.to === null || day < r.to));
  if (valid.length > 0) return valid.reduce(latest);
  const dayMs = Date.parse(day);
  const distance = (r: PersonRole): number => {
    const from = r.from === null ? -Infinity : Date.parse(r.from);
    const to = r.to === null ? Infinity : Date.parse(r.to);
    return dayMs < from ? from - dayMs : dayMs - to;
  };
  return roles.reduce((a, b) => (distance(b) < distance(a) ? b : a));
}

/** A user section, each entry checked for the text fields the gazetteer cannot do without. */
function listOf<T>(user: UserLexicon, section: string, required: string[]): T[] {
  const entries = user[section] ?? [];
  entries.forEach((entry, i) => {
    const record = entry as Record<string, unknown> | null;
    const missing = required.filter((f) => typeof record?.[f] !== 'string' || record[f] === '');
    if (missing.length > 0) throw new Error(`lexicon section '${section}', entry ${i + 1}: needs ${missing.join(', ')}`);
  });
  return entries as T[];
}

// Plain words split on spaces as wink would.
const PLAIN = /^[\p{L}\p{N} ]*$/u;
// Wink makes tokens of line breaks, so none is read across one.
const SEPARATOR = '\n\n';

/**
 * Each phrase's tokens as wink gives them for the phrase alone. Phrases with
 * punctuation ("U.S.-led", "Côte d'Ivoire") go through wink in one document,
 * ten times faster than a document each; their tokens are told apart by offset.
 */
function tokeniseAll(phrases: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const hard = new Set<string>();
  for (const p of phrases) {
    if (PLAIN.test(p)) out.set(p, p.split(' ').filter((w) => w !== ''));
    else hard.add(p);
  }
  if (hard.size === 0) return out;
  const list = [...hard];
  const nlp = wink();
  const doc = nlp.readDoc(list.join(SEPARATOR));
  const values = doc.tokens().out() as string[];
  const spaces = doc.tokens().out(nlp.its.precedingSpaces) as string[];
  let p = 0;
  let start = 0;
  let offset = 0;
  let current: string[] = [];
  out.set(list[0]!, current);
  for (let i = 0; i < values.length; i++) {
    offset += spaces[i]!.length;
    while (offset >= start + list[p]!.length + SEPARATOR.length && p + 1 < list.length) {
      start += list[p]!.length + SEPARATOR.length;
      out.set(list[++p]!, (current = []));
    }
    if (offset < start + list[p]!.length) current.push(values[i]!);
    offset += values[i]!.length;
  }
  for (const phrase of list) if (!out.has(phrase)) out.set(phrase, []);
  return out;
}

function readPeople(): PersonEntry[] {
  let files: string[];
  try {
    files = readdirSync(dataPath('actors', 'people')).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  } catch {
    // The people gazetteer is optional: countries, bodies and roles work without it.
    return [];
  }
  return files.flatMap((f) => readData<PersonEntry[] | null>('actors', 'people', f) ?? []);
}

function descriptionsOf(file: { heads: string[]; regions: Record<string, string[]> }): Gazetteer['descriptions'] {
  return { heads: new Set(file.heads.map((h) => h.toLowerCase())), regions: new Map(Object.entries(file.regions)) };
}

export function load(user: UserLexicon = {}): Gazetteer {
  const roles = readData<RolesFile>('actors', 'roles.yaml');
  const countries = [...readData<CountryEntry[]>('actors', 'countries.yaml'), ...listOf<CountryEntry>(user, 'countries', ['code', 'name'])];
  const igos = [...readData<IgoEntry[]>('actors', 'igos.yaml'), ...listOf<IgoEntry>(user, 'igos', ['code', 'name'])];
  const orgs = [...readData<OrgEntry[]>('actors', 'orgs.yaml'), ...listOf<OrgEntry>(user, 'orgs', ['name', 'actor'])];
  const roleEntries = [...roles.roles, ...listOf<RoleEntry>(user, 'roles', ['role', 'kind'])];
  const peopleEntries = [...readPeople(), ...listOf<PersonEntry>(user, 'people', ['name'])];

  // Phrases are queued first, so that all of them are tokenised in one go.
  const queue: [string, Entry][] = [];
  const add = (phrase: string, entry: Entry): void => {
    queue.push([phrase.trim(), entry]);
  };
  const index = new Map<string, IndexNode>();
  const seen = new Map<string, Pattern>();
  // Later entries of the same phrase lose, except back-references, which pool their bodies.
  const enter = (raw: string[], entry: Entry): void => {
    if (raw.length === 0) return;
    const words = raw.map(fold);
    const key = words.join(' ') + (entry.kind === 'role' || entry.kind === 'modifier' || entry.kind === 'member' ? '' : `|${raw.join(' ')}`);
    const old = seen.get(key);
    if (old) {
      if (old.entry.kind === 'igoref' && entry.kind === 'igoref') old.entry.codes.push(...entry.codes);
      return;
    }
    const pattern: Pattern = { words, raw: raw.map(plainApostrophes), exact: raw.map((w) => w !== w.toLowerCase()), entry };
    seen.set(key, pattern);
    let node = index.get(words[0]!);
    if (!node) index.set(words[0]!, (node = { single: [], byNext: new Map() }));
    if (words.length === 1) node.single.push(pattern);
    else {
      const list = node.byNext.get(words[1]!) ?? [];
      list.push(pattern);
      node.byNext.set(words[1]!, list);
    }
  };

  const names = new Map<string, Named>();
  for (const c of countries) {
    names.set(c.code, { name: c.name, kind: 'country', actor: c.code, sector: null });
    for (const n of [c.name, ...(c.names ?? [])]) add(n, { kind: 'country', code: c.code, sector: null });
    for (const n of c.adj ?? []) add(n, { kind: 'adj', code: c.code, sector: null });
    for (const n of c.capitals ?? []) add(n, { kind: 'capital', code: c.code, sector: null });
    for (const s of c.seats ?? []) add(s.name, { kind: 'seat', code: c.code, sector: s.sector ?? null });
    for (const n of c.cities ?? []) add(n, { kind: 'city', code: c.code, sector: null });
  }
  for (const g of igos) {
    names.set(g.code, { name: g.name, kind: 'igo', actor: g.code, sector: null });
    for (const n of [g.name, ...(g.names ?? [])]) add(n, { kind: 'igo', code: g.code, sector: null });
    for (const n of g.adj ?? []) add(n, { kind: 'adj', code: g.code, sector: null });
  }
  for (const o of orgs) {
    const id = `org:${slug(o.name)}`;
    names.set(id, { name: o.name, kind: 'org', actor: o.actor, sector: o.sector ?? null });
    // YAML reads a bare date as a Date: eras compare as ISO days.
    const eras = o.eras?.map((e) => ({ from: dateString(e.from as unknown as string | Date) ?? String(e.from), sector: e.sector }));
    for (const n of [o.name, ...(o.names ?? [])]) add(n, { kind: 'org', id, code: o.actor, sector: o.sector ?? null, ...(eras ? { eras } : {}) });
  }
  // People after places and bodies: a one-word alias never hides a country.
  const people: Person[] = [];
  const byId = new Map<string, Person>();
  for (const p of peopleEntries) {
    const id = `person:${slug(p.name)}`;
    const personRoles: PersonRole[] = (p.roles ?? []).map((r) => ({
      actor: r.actor,
      sector: r.sector ?? null,
      role: r.role ?? null,
      from: dateString(r.from),
      to: dateString(r.to),
    }));
    const known = byId.get(id);
    // A user file may add roles to a shipped person.
    if (known) {
      known.roles.push(...personRoles);
      continue;
    }
    const person: Person = { id, name: p.name, gender: p.gender ?? null, roles: personRoles };
    byId.set(id, person);
    people.push(person);
    for (const alias of [p.name, ...(p.aliases ?? [])]) add(alias, { kind: 'person', person });
  }
  // Back-references after names, so that a phrase that names a body ("the Quad") wins.
  for (const g of igos) for (const r of g.refs ?? []) add(r, { kind: 'igoref', codes: [g.code] });
  for (const o of orgs) for (const r of o.refs ?? []) add(r, { kind: 'igoref', codes: [`org:${slug(o.name)}`] });
  for (const r of roleEntries) add(r.role, { kind: 'role', role: r.role.toLowerCase(), sector: r.sector ?? null, roleKind: r.kind });
  for (const m of roles.modifiers) add(m, { kind: 'modifier' });
  for (const r of [...readData<string[]>('actors', 'regions.yaml'), ...listOf<string>(user, 'regions', [])]) add(r, { kind: 'region' });
  for (const m of roles.member_nouns) add(m, { kind: 'member' });
  const tokens = tokeniseAll(queue.map(([phrase]) => phrase));
  const tokenise = (phrase: string): string[] => tokens.get(phrase) ?? tokeniseAll([phrase]).get(phrase)!;
  for (const [phrase, entry] of queue) enter(tokenise(phrase), entry);
  for (const node of index.values()) for (const list of node.byNext.values()) list.sort((a, b) => b.words.length - a.words.length);

  const surnames = new Map<string, Person[]>();
  for (const person of people) {
    const parts = tokenise(person.name).filter((w) => /^\p{Lu}/u.test(w));
    if (parts.length < 2) continue;
    const actor = roleAt(person, null)?.actor ?? '';
    const surname = FAMILY_NAME_FIRST.has(actor) ? parts[0]! : parts[parts.length - 1]!;
    const list = surnames.get(surname) ?? [];
    list.push(person);
    surnames.set(surname, list);
  }

  return {
    index,
    names,
    surnames,
    locatives: new Set(roles.locatives),
    motionTo: new Set(roles.motion_to),
    reportingVerbs: new Set(roles.reporting_verbs),
    orgHeads: new Map(roles.org_heads.map((h) => [h.word, h.sector])),
    pronouns: new Map(Object.entries(roles.pronouns)),
    particles: new Set(roles.name_particles),
    honorifics: new Set(roles.honorifics.map(fold)),
    gluedFollowers: new Set(roles.glued_followers),
    creditCues: new Set(roles.credit_cues),
    notNames: new Set(roles.not_names.map(fold)),
    homeRoles: new Set(roles.home_roles),
    referentialRoles: new Set(roles.referential_roles ?? []),
    placeModifiers: new Set(roles.place_modifiers ?? []),
    descriptions: descriptionsOf(readData<{ heads: string[]; regions: Record<string, string[]> }>('actors', 'descriptions.yaml')),
    genderedRoles: new Map(Object.entries(roles.gendered_roles)),
    roleCovers: new Map(roleEntries.filter((r) => r.covers).map((r) => [r.role.toLowerCase(), new Set(r.covers!.map((c) => c.toLowerCase()))])),
  };
}
