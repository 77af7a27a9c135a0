// Attachment: where an event's parties and place stand in its sentence. The object
// or oblique of a verb ("opened fire on protesters"), a by-phrase, the host of a
// meeting, the topic of a complaint, and the place the act happened in. Pure
// functions over the tokens and the mention index of clauses.ts.
import type { Doc, EventLocation, Mention, Token } from '../types.js';
import { lookupPlace } from '../places/index.js';
import { afterLocationPrep, isNominal, low, mentionsIn, onBorder, placeOf } from './clauses.js';
import type { Grammar } from './lexicon.js';
import { isPeople } from './parties.js';

/** True when token k names whose office an "as" phrase gives ("as head of the bloc", "as chair of X"). */
function asRole(tokens: Token[], k: number, first: number): boolean {
  let j = k - 1;
  while (j >= first && tokens[j]!.pos === 'DET') j--;
  // "as head of ECOWAS" read as one mention of an office.
  if (j >= first && tokens[j]!.lemma === 'as' && (tokens[j]!.pos === 'ADP' || tokens[j]!.pos === 'SCONJ')) return true;
  if (j < first || tokens[j]!.lemma !== 'of') return false;
  j--;
  let nouns = 0;
  while (j >= first && (tokens[j]!.pos === 'NOUN' || tokens[j]!.pos === 'ADJ' || tokens[j]!.pos === 'DET')) {
    if (tokens[j]!.pos === 'NOUN') nouns++;
    j--;
  }
  return nouns > 0 && j >= first && tokens[j]!.lemma === 'as';
}

/** How far a slot may reach, in tokens. */
export const MAX_SLOT = 14;

export function listContinues(tokens: Token[], k: number, end: number, at: Int32Array, comma: boolean): boolean {
  const m = at[k]!;
  let e = k;
  if (m === -1) {
    if (tokens[k]!.pos !== 'PROPN') return false;
    while (e < end && tokens[e]!.pos === 'PROPN') e++;
  } else while (e < end && at[e] === m) e++;
  const after = tokens[e];
  if (after && after.pos === 'PART' && after.lemma !== 'to') return false;
  // After a comma only an enumeration goes on ("Iran, Iraq and Syria"), not "..., the White House announced".
  return !comma || after === undefined || after.text === ',' || after.pos === 'CCONJ';
}

/** Noun phrase from k: how far a trailing slot reaches ("Putin and Xi", "Haiti's government"). */
export function npEnd(tokens: Token[], k: number, end: number, at: Int32Array): number {
  let j = k;
  while (j < end && j - k < MAX_SLOT) {
    const t = tokens[j]!;
    if (isNominal(t) || (t.pos === 'ADP' && t.lemma === 'of')) j++;
    // "Putin and Xi" continues a slot; "Ukraine and China's ties" starts a new phrase.
    else if ((t.pos === 'CCONJ' || t.text === ',') && j + 1 < end && listContinues(tokens, j + 1, end, at, t.text === ',')) j++;
    else break;
  }
  return j;
}

/** Mentions of the first noun phrase in [from, to) that names a party. */
export function firstParty(tokens: Token[], at: Int32Array, from: number, to: number, first: number, g: Grammar, doc?: Doc): number[] {
  for (let k = from; k < to; k++) {
    if (at[k]! < 0) continue;
    // "in Nairobi" is where; "at protesters", "into the crowd" is whom: a group of people is
    // never a place.
    const located = afterLocationPrep(tokens, k, first, g);
    if (located && !(doc && isPeople(doc.mentions[at[k]!]!))) continue;
    // "chaired the meeting as chair of the bloc": what the subject is, not whom the act is with.
    if (asRole(tokens, k, first)) {
      while (k + 1 < to && at[k + 1] === at[k]) k++;
      continue;
    }
    return mentionsIn(tokens, at, k, npEnd(tokens, k, to, at), first, g, located);
  }
  return [];
}

/** A state or its capital after a place preposition ("in Kenya", "marched through Tbilisi") places the act. */
const PLACE_RULES = new Set(['country', 'capital']);

/**
 * Where the sentence places an act: the place named nearest after its trigger ("killed
 * in Arequipa"), else the last one before it; a town or city with its coordinates.
 */
export function locationOf(doc: Doc, tokens: Token[], at: Int32Array, first: number, end: number, trigger: number, g: Grammar): EventLocation | null {
  let before: Mention | null = null;
  for (let k = first; k < end; k++) {
    const code = at[k]!;
    // (A state on a frontier's other side, "along the border with Chad", is no place of the act.)
    const m = code <= -3 ? doc.mentions[placeOf(code)]! : code >= 0 && afterLocationPrep(tokens, k, first, g) && PLACE_RULES.has(doc.mentions[code]!.rule) && !onBorder(tokens, at, k, first, end, g) ? doc.mentions[code]! : null;
    if (!m || !m.actor || (k > first && at[k - 1] === code)) continue;
    if (k < trigger) {
      before = m;
      continue;
    }
    return placed(m);
  }
  return before ? placed(before) : null;
}

export function placed(m: Mention): EventLocation {
  const town = m.rule === 'country' ? null : lookupPlace(m.text, [m.actor!]);
  const exact = town && town.country === m.actor ? town : null;
  return { name: m.text, country: m.actor!, lat: exact?.lat ?? null, lon: exact?.lon ?? null };
}

/**
 * Sector of the people a site stands for when an attack's object names one ("a popular hotel"
 * CVL, "an army checkpoint" MIL, "the police station" COP), from the first noun phrase in
 * [from, to); null when it names none.
 */
export function siteSector(tokens: Token[], from: number, to: number, g: Grammar): string | null {
  let k = from;
  while (k < to && (tokens[k]!.pos === 'DET' || tokens[k]!.pos === 'NUM' || tokens[k]!.pos === 'PRON')) k++;
  let head: Token | null = null;
  let sector: string | null = null;
  for (; k < to; k++) {
    const t = tokens[k]!;
    if (!isNominal(t) && t.pos !== 'ADJ') break;
    const w = low(t);
    if (sector === null && (g.militarySites.has(w) || g.militarySites.has(t.lemma))) sector = 'MIL';
    if (sector === null && (g.policeSites.has(w) || g.policeSites.has(t.lemma))) sector = 'COP';
    if (t.pos === 'NOUN') head = t;
  }
  if (!head) return null;
  if (sector) return sector;
  return g.civilianSites.has(low(head)) || g.civilianSites.has(head.lemma) ? 'CVL' : null;
}

/** The first place or party in [from, to) that `keep` accepts: the fallback target of an act aimed at a place. */
export function placesIn(at: Int32Array, from: number, to: number, keep: (ms: number[]) => number[]): number[] {
  for (let k = from; k < to; k++) {
    // A place, or a party named only as where something happens ("across Belarus"); "its forces
    // to be deployed in East Timor": the source's own side is passed over.
    const m = at[k]! >= 0 ? at[k]! : placeOf(at[k]!);
    if (m >= 0 && keep([m]).length > 0) return [m];
  }
  return [];
}

export function byPhrase(tokens: Token[], at: Int32Array, from: number, to: number, first: number, g: Grammar): number[] {
  for (let k = from; k < to; k++) {
    if (tokens[k]!.lemma === 'by' && tokens[k]!.pos === 'ADP') return mentionsIn(tokens, at, k + 1, npEnd(tokens, k + 1, to, at), first, g);
  }
  return [];
}

/** Whoever a meeting is "organized by", "hosted by" in the words after it, if named. */
export function hostOf(tokens: Token[], at: Int32Array, from: number, end: number, first: number, g: Grammar): number[] {
  for (let k = from; k < Math.min(end, from + 12); k++) {
    const t = tokens[k]!;
    if (t.lemma === 'by' && t.pos === 'ADP' && tokens[k - 1]?.pos === 'VERB') return mentionsIn(tokens, at, k + 1, npEnd(tokens, k + 1, end, at), first, g);
  }
  return [];
}

export const TOPICS = new Set(['on', 'about', 'over', 'regarding', 'concerning']);

export const AUDIENCE = new Set(['to', 'with']);

/** The first party named in a topic phrase ("over Israeli air raids") in [from, to). */
export function topicParty(tokens: Token[], at: Int32Array, from: number, to: number, first: number, g: Grammar): number[] {
  for (let k = from; k < to; k++) {
    const t = tokens[k]!;
    // "over" also introduces places; after a complaint it names what it is about.
    if (t.pos !== 'ADP' || !(TOPICS.has(t.lemma) || t.lemma === 'against')) continue;
    const found = mentionsIn(tokens, at, k + 1, npEnd(tokens, k + 1, to, at), first, g, true);
    if (found.length > 0) return found;
  }
  return [];
}

/** True when the noun phrase holding token i is the object of "on", "about", "over". */
export function topicOf(tokens: Token[], i: number, first: number): boolean {
  let k = i - 1;
  while (k >= first && (isNominal(tokens[k]!) || tokens[k]!.text === '-')) k--;
  return k >= first && tokens[k]!.pos === 'ADP' && TOPICS.has(tokens[k]!.lemma);
}
