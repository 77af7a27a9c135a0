// The events stage: PLOVER events with CAMEO codes from clauses and the verb
// lexicon. `load` compiles the lexicon once; `annotate` makes one pass over the
// tokens of each sentence, looking each verb and noun up by lemma. Its concerns
// live beside it: clauses.ts (verb groups, subjects, objects), attachment.ts (where
// the parties and the place stand), parties.ts (who the sides are, and what a
// reference to an earlier act or claim points at), modality.ts (whether it happened).
import type { UserLexicon } from '../knowledge.js';
import type { Doc, EventActor, Modality, PloverEvent, PloverType, Token } from '../types.js';
import { POSSESSIVE, QUOTES, attribution, isBoundary, isNominal, isVerb, low, mentionIndex, mentionsIn, onBorder, predicates, type Predicate } from './clauses.js';
import { byStrength, compileLexicon, ploverOf, type Grammar, type Lexicon, type Pattern } from './lexicon.js';
import { AUDIENCE, MAX_SLOT, byPhrase, firstParty, hostOf, locationOf, npEnd, placesIn, siteSector, topicOf, topicParty } from './attachment.js';
import { allegedBy, chargedWith, claimed, conditionalBefore, hasAny, hasHazard, hasNegator, hasWord, intentGoverned, modalityOf, reporter } from './modality.js';
import {
  ARMED, FORCE_BY_STATE, STATE_ORGANS, actorOf, actorsOf, deniesClaim, firstPersonIn, governmentOf, mainState, ownForces, peopleOf, refersToAct, selfSubject, speakersOf, stateSector,
} from './parties.js';

export type EventsKnowledge = Lexicon;

export function load(user: UserLexicon = {}): EventsKnowledge {
  return compileLexicon(user);
}

/** Types whose content clause ("urged X to ...", "refused to ...") is part of the act, not a separate event. */
const GOVERNING = new Set<PloverType>(['REQUEST', 'AGREE', 'THREATEN', 'REJECT', 'ACCUSE']);
const YIELDING = new Set<PloverType>(['AGREE', 'CONSULT', 'CONCEDE', 'RETREAT']);
const ATTITUDE = new Set<PloverType>(['REQUEST', 'AGREE', 'REJECT', 'ACCUSE', 'SUPPORT']);
const COOPERATIVE = new Set<PloverType>(['CONSULT', 'SUPPORT', 'COOPERATE', 'AID', 'CONCEDE', 'RETREAT', 'AGREE']);
// Only these turn an intent into a threat: drills and rallies can be promised.
const HOSTILE = new Set<PloverType>(['ASSAULT', 'COERCE', 'SANCTION', 'THREATEN']);
// Gaps a pattern tolerates between two literals ("imposed new economic sanctions on").
const MAX_GAP = 4;

interface Match {
  pattern: Pattern;
  end: number;
  slots: Partial<Record<'T' | 'S' | 'P', [number, number]>>;
  /** Token indices of the literals: they cannot trigger another pattern. */
  literals: number[];
}

/**
 * Base forms to look a token up by: wink's lemma, the word itself, and suffix
 * stems for the lemmas wink gets wrong ("staged" -> "stag").
 */
// Forms depend on the word and its lemma alone, so they are kept per word (a
// word has a variant per lemma wink gives it; a variant's first form is its
// lemma). Emptied past FORMS_LIMIT words, like the nlp lexicon.
const formCache = new Map<string, string[][]>();
const FORMS_LIMIT = 200_000;

function forms(t: Token): string[] {
  const variants = formCache.get(t.text);
  if (variants) {
    for (const v of variants) if (v[0] === t.lemma) return v;
    const out = stems(t);
    variants.push(out);
    return out;
  }
  if (formCache.size >= FORMS_LIMIT) formCache.clear();
  const out = stems(t);
  formCache.set(t.text, [out]);
  return out;
}

function stems(t: Token): string[] {
  const w = low(t);
  const out = w === t.lemma ? [w] : [t.lemma, w];
  if (w.endsWith('ied')) out.push(w.slice(0, -3) + 'y');
  else if (w.endsWith('ed')) {
    out.push(w.slice(0, -1), w.slice(0, -2));
    if (/([bdglmnprt])\1ed$/.test(w)) out.push(w.slice(0, -3));
  }
  else if (w.endsWith('ing')) {
    out.push(w.slice(0, -3), w.slice(0, -3) + 'e');
    // "expelling", "shipping" read as nouns keep the doubled consonant in their stem.
    if (/([bdglmnprt])\1ing$/.test(w)) out.push(w.slice(0, -4));
  }
  // "retaken", "beaten": participles in -en wink leaves as they are.
  else if (w.endsWith('en')) out.push(w.slice(0, -1), w.slice(0, -2));
  else if (w.endsWith('ies')) out.push(w.slice(0, -3) + 'y');
  else if (w.endsWith('es')) out.push(w.slice(0, -1), w.slice(0, -2));
  else if (w.endsWith('s')) out.push(w.slice(0, -1));
  return out;
}

/** A support verb ("held talks", "staged a strike"), under any of its forms. */
function isLight(t: Token, g: Grammar): boolean {
  return forms(t).some((f) => g.light.has(f));
}

function litMatches(t: Token, lit: ReadonlySet<string>): boolean {
  if (lit.has(t.lemma)) return true;
  for (const f of forms(t)) if (lit.has(f)) return true;
  return false;
}

/** Patterns headed by token t, under the first of its forms the lexicon knows. */
function headed(map: Map<string, Pattern[]>, t: Token): Pattern[] | undefined {
  for (const f of forms(t)) {
    const list = map.get(f);
    if (list) return list;
  }
  return undefined;
}

function matchAt(tokens: Token[], head: number, end: number, p: Pattern, at: Int32Array, g: Grammar, passive: boolean): Match | null {
  const els = p.elements;
  const slots: Match['slots'] = {};
  const literals = [head];
  let pos = head + 1;
  let open: 'T' | 'S' | 'P' | null = null;
  for (let k = 1; k < els.length; k++) {
    const e = els[k]!;
    if ('slot' in e) {
      open = e.slot;
      continue;
    }
    let j = pos;
    const limit = Math.min(end, pos + (open ? MAX_SLOT : MAX_GAP) + 1);
    for (; j < limit; j++) {
      const t = tokens[j]!;
      if (litMatches(t, e.lit)) break;
      // Scare quotes around a phrase ("expressed “strong concern”") do not end it.
      if (QUOTES.has(t.text)) continue;
      // "extradited suspected British militant X to": a participle can modify a slot's noun.
      const after = tokens[j + 1];
      const participle = open && t.pos === 'VERB' && low(t).endsWith('ed') && after !== undefined && (after.pos === 'NOUN' || after.pos === 'ADJ' || after.pos === 'PROPN') && tokens[j - 1]!.pos !== 'CCONJ';
      if (isBoundary(t, g) || (t.pos === 'VERB' && !participle) || (t.text === ',' && !open)) return null;
      if (!open && !(isNominal(t) || t.pos === 'ADV' || t.text === '-' || t.lemma === 'of' || filler(tokens, j, end, g))) return null;
    }
    if (j >= limit) return null;
    if (open) {
      // A passive verb's object is its subject: "was accused of" leaves the slot empty.
      if (j === pos && !(passive && open === 'T')) return null;
      slots[open] = [pos, j];
      open = null;
    }
    literals.push(j);
    pos = j + 1;
  }
  if (open) {
    const e = npEnd(tokens, pos, end, at);
    if (e === pos) return null;
    slots[open] = [pos, e];
    pos = e;
  }
  return { pattern: p, end: pos, slots, literals };
}

/** True when token j opens a date or a quantity inside a pattern's gap: "on Thursday", "up to 4,000". */
function filler(tokens: Token[], j: number, end: number, g: Grammar): boolean {
  const t = tokens[j]!;
  if (t.pos === 'ADP' && j + 1 < end && g.timeWords.has(tokens[j + 1]!.lemma)) return true;
  // "lifted Friday a day-old blockade": a bare day or month name, as wires write it.
  if (g.timeWords.has(t.lemma) || g.timeWords.has(low(t))) return true;
  if (!g.quantifiers.has(t.lemma)) return false;
  for (let k = j + 1; k < end && k <= j + 3; k++) {
    const n = tokens[k]!;
    if (n.pos === 'NUM') return true;
    if (!g.quantifiers.has(n.lemma)) return false;
  }
  return false;
}

function bestMatch(lex: Lexicon, list: Pattern[] | undefined, tokens: Token[], head: number, end: number, at: Int32Array, g: Grammar, passive: boolean, minWeight = 1): Match | null {
  if (!list) return null;
  for (const p of candidates(lex, list, tokens, head, end)) {
    if (p.weight < minWeight) break;
    const m = matchAt(tokens, head, end, p, at, g, passive);
    if (m) return m;
  }
  return null;
}

/** The patterns of a head worth trying here: for a long list, only those whose next word follows closely. */
function candidates(lex: Lexicon, list: Pattern[], tokens: Token[], head: number, end: number): Pattern[] {
  const branches = lex.branches.get(list);
  if (!branches) return list;
  let found: Pattern[] | null = null;
  let seen: Uint8Array | null = null;
  for (let k = head + 1; k < end && k <= head + MAX_GAP + 1; k++) {
    for (const f of forms(tokens[k]!)) {
      const more = branches.bySecond.get(f);
      if (!more) continue;
      found ??= branches.rest.slice();
      seen ??= new Uint8Array(list.length);
      for (const p of more) {
        const i = branches.position.get(p)!;
        if (seen[i] === 0) {
          seen[i] = 1;
          found.push(p);
        }
      }
    }
  }
  // Stable: among equals, the head's own patterns, then those of the nearest next word.
  return found ? found.sort(byStrength) : branches.rest;
}

/** Acts that, done jointly by parties named together, are done with each other. */
const SYMMETRIC = new Set<PloverType>(['AGREE', 'CONSULT', 'COOPERATE']);
/** CAMEO's code for a ceasefire: one agreed by two sides is between them. */
const CEASEFIRE = '0871';
/** True when "each other" or "one another" stands in [from, to). */
function hasReciprocal(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k + 1 < to; k++) {
    const a = low(tokens[k]!), b = low(tokens[k + 1]!);
    if ((a === 'each' && b === 'other') || (a === 'one' && b === 'another')) return true;
  }
  return false;
}

/** True when [from, to) is "the two sides", "both governments" and the like (grammar list pairNouns). */
function namesPair(tokens: Token[], from: number, to: number, g: Grammar): boolean {
  // Only a subject that is the pair itself ("The two sides", "Both governments"), not one that
  // merely names it ("a commission of ministers of both countries").
  let k = from;
  while (k < to && tokens[k]!.pos === 'DET' && low(tokens[k]!) !== 'both') k++;
  const w = k < to ? low(tokens[k]!) : '';
  if (w !== 'two' && w !== 'both') return false;
  for (let j = k + 1; j < Math.min(to, k + 3); j++) if (g.pairNouns.has(low(tokens[j]!)) || g.pairNouns.has(tokens[j]!.lemma)) return true;
  return false;
}

/** True when the object after k is a noun for an agreement ("the agreement", "the ceasefire deal"). */
function namesAgreement(tokens: Token[], k: number, end: number, g: Grammar): boolean {
  while (k < end && (tokens[k]!.pos === 'DET' || tokens[k]!.pos === 'ADJ' || tokens[k]!.pos === 'PRON')) k++;
  for (let j = k; j < Math.min(end, k + 3) && (tokens[j]!.pos === 'NOUN' || tokens[j]!.pos === 'PROPN'); j++) {
    if (g.agreementNouns.has(tokens[j]!.lemma) || g.agreementNouns.has(low(tokens[j]!))) return true;
  }
  return false;
}

/** True when the object after k opens with a noun for an act ("the killing of", "the attack on"). */
function objectIsAct(tokens: Token[], k: number, end: number, g: Grammar): boolean {
  while (k < end && (tokens[k]!.pos === 'DET' || tokens[k]!.pos === 'ADJ')) k++;
  const t = tokens[k];
  return t !== undefined && (g.actNouns.has(t.lemma) || g.actNouns.has(low(t)) || (t.text.endsWith('ing') && tokens[k + 1]?.lemma === 'of'));
}

/** Paragraphs of the lead, where the story's own acts are told: past them, see WORDS_NEED_PARTIES. */
const LEAD_PARAGRAPHS = 2;
/** Mentions that name a state as such (by name, adjective or capital). */
const STATE_NAMES_RULES = new Set(['country', 'adjective', 'capital']);

/** True when the words before the verb group of `p` are only a count of people: "Thousands", "Tens of thousands", "Some 2,000". */
function countSubject(tokens: Token[], p: Predicate, first: number, g: Grammar): boolean {
  const from = Math.max(first, p.stop + 1);
  let counted = false;
  for (let k = from; k < p.start; k++) {
    const t = tokens[k]!;
    if (g.crowdCounts.has(low(t)) || t.pos === 'NUM') counted = true;
    else if (!(t.lemma === 'of' || g.quantifiers.has(low(t)))) return false;
  }
  return counted;
}

/** True when the act noun at token i is said not to exist: "ended without a deal", "no protests". */
function absent(tokens: Token[], i: number, first: number, g: Grammar): boolean {
  let k = i - 1;
  while (k >= first && (tokens[k]!.pos === 'DET' || tokens[k]!.pos === 'ADJ') && !g.absence.has(low(tokens[k]!))) k--;
  return k >= first && g.absence.has(low(tokens[k]!));
}

/** Acts of words that name no one on one side past the lead are not coded: see the event loop. */
const WORDS_NEED_PARTIES = new Set<PloverType>(['ACCUSE', 'REJECT', 'SUPPORT', 'AGREE', 'COOPERATE', 'REQUEST', 'THREATEN', 'SANCTION', 'CONSULT', 'AID']);

/** Acts of words: one aimed at a state named by its adjective ("dismissed the Iranian claims") is aimed at its government. */
const VERBAL = new Set<PloverType>(['ACCUSE', 'REJECT', 'REQUEST', 'SUPPORT', 'AGREE', 'CONSULT', 'THREATEN']);
/** Acts whose place is only where they happen: a place never becomes their target. */
const VENUE_ONLY = new Set<PloverType>(['AGREE', 'SUPPORT', 'CONSULT', 'COOPERATE', 'REQUEST', 'ACCUSE', 'REJECT']);

/** Acts of force, whose doer a when-clause may tell. */
const FORCE = new Set<PloverType>(['ASSAULT', 'COERCE']);

/** Acts whose target may stand anywhere in the rest of their clause. */
const CLAUSE_WIDE = new Set<PloverType>(['PROTEST', 'ASSAULT', 'COERCE']);

/** Acts that restrict a population or lift a restriction on it. */
const RESTRICTIONS = new Set<PloverType>(['COERCE', 'CONCEDE']);
/**
 * The latest earlier act of the same type, with a named doer, on a target that shares an actor
 * and sector with e's: the act e tells again.
 */
function earlierAct(e: PloverEvent, earlier: PloverEvent[]): PloverEvent | null {
  const key = (a: PloverEvent['target'][number]) => `${a.actor}/${a.sector}`;
  const targets = new Set(e.target.filter((a) => a.actor !== null).map(key));
  // The last EARLIER events only, as for every reference back (a long article's whole list grew with its square).
  for (let i = earlier.length - 1; i >= Math.max(0, earlier.length - EARLIER); i--) {
    const x = earlier[i]!;
    if (x.type !== e.type || x.negated || !x.source.some((a) => a.actor !== null)) continue;
    if (x.target.some((a) => a.actor !== null && targets.has(key(a)))) return x;
  }
  return null;
}

/** True when the last event, told in the sentence before e's, is the same act between the same parties. */
function retold(e: PloverEvent, last: PloverEvent | undefined, lastSentence: number, sentence: number): boolean {
  const key = (x: PloverEvent) => {
    const side = (xs: PloverEvent['source']) => xs.map((a) => `${a.actor}/${a.sector}`).sort().join('+');
    return `${x.type}|${side(x.source)}|${side(x.target)}|${x.modality}|${x.negated}`;
  };
  return last !== undefined && lastSentence === sentence - 1 && e.source.length > 0 && e.target.length > 0 && key(last) === key(e);
}

/** Index of the token right after mention m, which lies in [first, end) (read from the mention index). */
function afterMention(at: Int32Array, m: number, first: number, end: number): number {
  for (let k = end - 1; k >= first; k--) if (at[k] === m) return k + 1;
  return end;
}

/** The parties of an event, source and target, each (actor and sector) once. */
function partiesOf(e: PloverEvent): EventActor[] {
  return [...e.source, ...e.target].filter((a, k, all) => a.actor && all.findIndex((b) => b.actor === a.actor && b.sector === a.sector) === k);
}

/** Acts between states that, naming no one, are aimed at the state's counterpart in the story. */
const COUNTERPART_TYPES = new Set<PloverType>(['SANCTION', 'ACCUSE', 'REJECT', 'THREATEN', 'REQUEST', 'AGREE']);

/**
 * The one other state a state has dealt with in the events before (as source or target),
 * as its government; none when the source is not one state acting as such or when the
 * story pairs it with several states.
 */
function counterpartOf(source: PloverEvent['source'], earlier: PloverEvent[]): PloverEvent['source'] {
  const own = new Set(source.map((a) => a.actor));
  if (own.size !== 1 || source.some((a) => !a.actor || !/^[A-Z]{3}$/.test(a.actor) || (a.sector !== null && a.sector !== 'GOV'))) return [];
  const state = (a: PloverEvent['source'][number]) => a.actor !== null && /^[A-Z]{3}$/.test(a.actor) && !own.has(a.actor);
  const others = new Set<string>();
  for (const e of earlier) {
    const mine = e.source.some((a) => own.has(a.actor)) ? e.target : e.target.some((a) => own.has(a.actor)) ? e.source : [];
    for (const a of mine) if (state(a)) others.add(a.actor!);
  }
  if (others.size !== 1) return [];
  const actor = [...others][0]!;
  return [{ actor, sector: 'GOV', text: '', entity: actor }];
}

/** Acts a state tells of itself in the passive ("aid was being sent", "40 were arrested"): its own. */
const ANNOUNCED_OWN = new Set<PloverType>(['AID', 'SANCTION', 'COERCE']);
/** CAMEO's codes of aid for a state's people (aid in general, humanitarian aid), not its government. */
const HUMANITARIAN = ['070', '073'];
/** CAMEO's code for humanitarian aid: what goods arriving somewhere are. */
const AID_ARRIVAL = '073';
/** CAMEO's code for using force against a crowd (tear gas, water cannon, rubber bullets). */
const CROWD_CONTROL = '175';

/**
 * One attack told in two clauses of a sentence: the harm without its doer ("15 people were
 * killed") and the act of the doer ("after gunmen stormed a hotel"). When the act names no
 * victims, or only a site, it takes the harm's and the doerless half goes: one event with both
 * sides. When it names others, the harm is still the only attacker's doing.
 */
function joinHalves(coded: PloverEvent[], dyadic: Set<PloverEvent>): void {
  const named = (side: PloverEvent['source']) => side.some((a) => a.actor !== null);
  for (const harm of coded.filter((e) => e.type === 'ASSAULT' && !named(e.source) && named(e.target) && !e.negated)) {
    // Only an armed party's act, or a state's: rioters who "torched buildings a day after three
    // people were killed" did not kill them.
    const armed = (side: PloverEvent['source']) => side.some((a) => a.actor !== null && (a.sector === null || ARMED.has(a.sector)));
    const acts = coded.filter((e) => e !== harm && e.type === 'ASSAULT' && armed(e.source) && !e.negated && e.modality === harm.modality);
    if (acts.length !== 1) continue;
    const act = acts[0]!;
    if (!named(act.target) || act.target.every((a) => a.text === '')) {
      act.target = harm.target;
      act.confidence = Math.max(act.confidence, harm.confidence);
      dyadic.add(act);
      coded.splice(coded.indexOf(harm), 1);
      dyadic.delete(harm);
    } else {
      harm.source = act.source;
      dyadic.add(harm);
    }
  }
}

/** True when the object of p, within a few words, is a noun naming an appeal, threat, refusal or accusation. */
function carriesAct(tokens: Token[], p: Predicate, lex: Lexicon): boolean {
  for (let k = p.head + 1; k < Math.min(p.objectEnd, p.head + 6); k++) {
    const t = tokens[k]!;
    if (t.pos === 'NOUN' && headed(lex.nouns, t)?.some((n) => !n.none && GOVERNING.has(n.type))) return true;
  }
  return false;
}

/** Nouns of force name things as often as acts ("gave Ukraine artillery shells"). */
const MATERIAL = new Set<PloverType>(['ASSAULT', 'MOBILIZE', 'COERCE']);

/** True when the object of p, within a few words, is a noun the lexicon codes as a verbal or cooperative act. */
function namesAct(tokens: Token[], p: Predicate, lex: Lexicon): boolean {
  for (let k = p.head + 1; k < Math.min(p.objectEnd, p.head + 6); k++) {
    const t = tokens[k]!;
    if (t.pos === 'NOUN' && headed(lex.nouns, t)?.some((n) => !n.none && !MATERIAL.has(n.type))) return true;
  }
  return false;
}

/** "arrested for collaborating with X", "accused of helping": a gerund giving the reason for an event belongs to it. */
function reasonOf(tokens: Token[], p: Predicate, preds: Predicate[], cands: Candidate[]): Candidate | undefined {
  const before = tokens[p.start - 1];
  if (p.start !== p.head || !tokens[p.head]!.text.endsWith('ing') || !before || before.pos !== 'ADP') return undefined;
  if (before.lemma !== 'for' && before.lemma !== 'of' && before.lemma !== 'over') return undefined;
  const prev = preds[preds.indexOf(p) - 1];
  return prev ? cands.find((c) => c.pred === prev) : undefined;
}

/** Index of the "is"/"was" a predicate noun at i hangs on ("is a decisive backer"), or -1. */
function copulaBefore(tokens: Token[], i: number, first: number): number {
  for (let k = i - 1; k >= first && k >= i - 6; k--) {
    const t = tokens[k]!;
    if (t.pos === 'AUX' && t.lemma === 'be') return k;
    if (!(t.pos === 'DET' || t.pos === 'ADJ' || t.pos === 'ADV' || t.pos === 'NOUN' || QUOTES.has(t.text))) return -1;
  }
  return -1;
}

const DEMONSTRATIVES = new Set(['this', 'that', 'these', 'those', 'such']);

/** "rejected this demand", "accepted such an agreement": the object points back at an earlier appeal. */
function answersAppeal(tokens: Token[], head: number, end: number): boolean {
  // Only where the object opens: "rejected (any) such ...", not "rejected accusations that ...".
  let k = head + 1;
  while (k < tokens.length && (tokens[k]!.pos === 'ADV' || tokens[k]!.lemma === 'any')) k++;
  return k < Math.min(end + 3, tokens.length) && DEMONSTRATIVES.has(tokens[k]!.lemma) && tokens[k]!.pos !== 'SCONJ';
}

const CONTRAST = new Set(['but', 'while', 'whereas', 'although', 'though', 'yet']);

/**
 * End of the clause that runs from k: the content of "urged X to ..." stops
 * there, and at ", and has called ...", a new verb phrase of the main subject.
 */
function clauseEnd(tokens: Token[], k: number, end: number, g: Grammar): number {
  for (; k < end; k++) {
    const t = tokens[k]!;
    if (g.boundaryPunct.has(t.text) || CONTRAST.has(t.lemma)) return k;
    // "threatened to ban voting if Hamas ...": a subordinate clause is not the content.
    if (t.pos === 'SCONJ' && t.lemma !== 'that' && g.boundaryWords.has(t.lemma)) return k;
    // "agreed to restore ties after years of hostility": a time adjunct is not what was agreed.
    // (A condition stays: "threatened to strike unless Israel ..." names whom it is aimed at.)
    if (t.pos === 'ADP' && t.lemma !== 'as' && g.boundaryWords.has(t.lemma) && !g.conditional.has(t.lemma)) return k;
    const next = tokens[k + 1];
    if (t.pos === 'CCONJ' && next) {
      // "condemned the coup and suspended aid": an inflected verb after "and" is a new act;
      // "urged X to stop and withdraw" keeps a bare one inside.
      if (tokens[k - 1]?.text === ',' && (next.pos === 'AUX' || next.pos === 'VERB' || next.pos === 'ADV')) return k;
      if (next.pos === 'VERB' && next.text.toLowerCase() !== next.lemma && !next.text.endsWith('ing')) return k;
    }
    // "..., Qatar said": a trailing attribution is not part of the clause.
    if (t.text === ',' && attribution(tokens, k + 1, end, g)) return k;
  }
  return end;
}

/**
 * Where the content of an appeal, intent, threat, refusal or accusation starts:
 * right after the pattern ("urged X to", "accused X of") or after its object when
 * "to", "that", "of" or "for" opens it; null when nothing follows that could be content.
 */
function contentStart(tokens: Token[], m: Match, objectEnd: number, end: number): number | null {
  const last = tokens[m.literals[m.literals.length - 1]!]!;
  if (m.slots.T === undefined && OPENERS.has(last.lemma)) return m.end;
  // "denied providing lethal aid": a gerund right after the verb is what is denied.
  const next = tokens[m.end];
  if (next && next.pos === 'VERB' && next.text.endsWith('ing') && m.end < end) return m.end;
  if (m.slots.T !== undefined && m.end === m.slots.T[1] + 1 && OPENERS.has(last.lemma)) return m.end;
  for (let k = m.end; k < Math.min(end, Math.max(objectEnd, m.end) + 1); k++) {
    const t = tokens[k]!;
    if (OPENERS.has(t.lemma) && (t.pos === 'PART' || t.pos === 'SCONJ' || t.pos === 'ADP' || t.lemma === 'that')) return k + 1;
    // "refused to join the West in condemning X": a gerund after "in" or "by" is the content too.
    const after = tokens[k + 1];
    if (t.pos === 'ADP' && (t.lemma === 'in' || t.lemma === 'by') && after?.pos === 'VERB' && after.text.endsWith('ing')) return k + 1;
  }
  return null;
}

const OPENERS = new Set(['to', 'that', 'of', 'for', 'on', 'against', 'over']);

interface Candidate {
  match: Match;
  type: PloverType;
  mode: string | null;
  cameo: string;
  source: number[];
  target: number[];
  pred: Predicate | null;
  trigger: [number, number];
  negated: boolean;
  modality: Modality;
  confidence: number;
  /** Content region [from, to) of an appeal, intent, threat, refusal or accusation. */
  content: [number, number] | null;
  /** Type of the first event found inside `content`. */
  contentType: PloverType | null;
  /** Its CAMEO code. */
  contentCameo?: string;
  /** End of the region the event's object may lie in. */
  reach: number;
  /** The object is a claim ("denied accusations that ..."): its content names no target. */
  claim?: boolean;
  /** A label in a copula ("China is a decisive enabler"): inside a quote, its speaker labels. */
  label?: boolean;
  /** A protest told by no one's name, in a place: the state whose people protest. */
  crowd?: string;
  /** Talks named with who mediates them ("talks mediated by the AU"): held with the parties told before. */
  mediated?: boolean;
  /** The rule id when a clause rule recoded the pattern's act (goods arriving are aid). */
  rule?: string;
}

/** How many earlier events a reference ("the attack", "the talks") may answer. */
const EARLIER = 200;

function codeFor(lex: Lexicon, type: PloverType, cameo: string, contentType: PloverType | null): [PloverType, string, string | null] | null {
  if (!contentType) return null;
  // "vowed to strike": an intent whose content is hostile is a threat.
  // A pattern that already names its content ("offer to negotiate", 036) keeps its code.
  if (!(cameo.length <= 2 || cameo.endsWith('0'))) return null;
  const governing = type === 'AGREE' && HOSTILE.has(contentType) ? 'THREATEN' : type;
  const code = lex.complements[governing]?.[contentType];
  if (!code) return governing !== type ? [governing, lex.complements.THREATEN?.ASSAULT ?? '138', ploverOf(lex.cameo, '138')?.[1] ?? null] : null;
  return [governing, code, ploverOf(lex.cameo, code)?.[1] ?? null];
}

export function annotate(doc: Doc, lex: EventsKnowledge): PloverEvent[] {
  const g = lex.grammar;
  const tokens = doc.tokens;
  const at = mentionIndex(doc);
  const body = doc.article.body;
  const pubYear = Number((doc.article.published ?? '').slice(0, 4)) || 9999;
  const events: PloverEvent[] = [];
  // The last appeal coded: "rejected this demand" answers it.
  let lastAppeal: PloverEvent | null = null;
  // The last accusation coded: "denied the claim" answers it.
  let lastAccusation: PloverEvent | null = null;
  // Where the story's disaster struck, looked up the first time aid needs it.
  let disaster: string | null | undefined;
  const disasterState = (): string | null => {
    if (disaster !== undefined) return disaster;
    disaster = null;
    // Mentions are sorted by start: a cursor finds each sentence's, where a search from the first grew with the square.
    let mi = 0;
    for (const x of doc.sentences) {
      if (!hasHazard(tokens, x.firstToken, x.endToken, g)) continue;
      while (mi < doc.mentions.length && doc.mentions[mi]!.start < x.start) mi++;
      let state: string | null | undefined;
      for (let j = mi; state === undefined && j < doc.mentions.length && doc.mentions[j]!.start < x.end; j++) {
        if (doc.mentions[j]!.end <= x.end && doc.mentions[j]!.rule === 'country') state = doc.mentions[j]!.actor;
      }
      // "struck western Nepal": the place it names, or else the state.
      const place = locationOf(doc, tokens, at, x.firstToken, x.endToken, x.firstToken, g)?.country ?? state;
      if (place) return (disaster = place);
    }
    return disaster;
  };
  // The sentence of the last event kept: an act retold in the next one is not kept again.
  let lastSentence = -2;
  let sentence = -1;
  // Quotes in order of start, and those open in the current sentence: only these can hold its
  // triggers (a search of every quote for every event grew with the square of the article).
  const quoteOrder = doc.quotes.filter((q) => q.kind !== 'scare').sort((x, y) => x.start - y.start);
  let nextQuote = 0;
  let open: typeof quoteOrder = [];
  for (const sent of doc.sentences) {
    sentence++;
    const first = sent.firstToken;
    const end = sent.endToken;
    while (nextQuote < quoteOrder.length && quoteOrder[nextQuote]!.start < sent.end) open.push(quoteOrder[nextQuote++]!);
    open = open.filter((q) => q.end > sent.start);
    const preds = predicates(doc, at, first, end, g);
    const covered = new Set<number>();
    const cands: Candidate[] = [];
    // Predicates folded into an earlier event (purposes, adjuncts), with that event.
    const swallowed = new Map<Predicate, Candidate>();
    // Verb events, in order: a governing event's content region swallows later ones.
    for (const p of preds) {
      const head = tokens[p.head]!;
      if (covered.has(p.head)) continue;
      // "Russia's thesis that NATO's expansion poses a threat": what a claim says is not asserted here.
      if (claimed(tokens, p, preds, g)) continue;
      // "held on charges of fraud and helping smugglers": what a charge says either.
      if (chargedWith(tokens, p, first, g)) continue;
      // "visited X to discuss Y", "went on strike to demand Y": a purpose infinitive chained to an
      // event is part of that event.
      // ", saying he must resign" after an event elaborates that event.
      const chained = (p.infinitive || p.participle) && p.governor >= 0;
      // A governor swallowed by an earlier pattern ("opened the Rafah crossing") belongs to that event.
      const gov = chained ? preds[p.governor]! : null;
      const purpose = gov ? cands.find((c) => c.pred === gov || c.match.literals.includes(gov.head)) : reasonOf(tokens, p, preds, cands);
      // "refused to meet X, saying he would only welcome him in Y": what an adjunct reports elaborates the event.
      const reportedBy = p.governor >= 0 ? swallowed.get(preds[p.governor]!) : undefined;
      if (!purpose && reportedBy && g.speech.has(tokens[preds[p.governor]!.head]!.lemma)) {
        swallowed.set(p, reportedBy);
        continue;
      }
      if (purpose && (p.participle || p.infinitive)) swallowed.set(p, purpose);
      const owner = purpose ?? cands.find((c) => c.content && p.head >= c.content[0] && p.head < c.content[1]);
      // "sexually abused", "forcibly deported": a pattern may open with the adverb of the verb.
      const adverb = p.head - 1 >= first && tokens[p.head - 1]!.pos === 'ADV' ? p.head - 1 : -1;
      // Only a pattern that goes on into the verb itself: "a back seat" is no act of backing.
      const opened = adverb >= 0 ? bestMatch(lex, headed(lex.verbs, tokens[adverb]!), tokens, adverb, end, at, g, p.passive) : null;
      const match = (opened?.literals.includes(p.head) ? opened : null) ?? bestMatch(lex, headed(lex.verbs, head), tokens, p.head, end, at, g, p.passive);
      // "defend against X": the longest reading is no event, and its words carry no other.
      if (match?.pattern.none) {
        for (const l of match.literals) covered.add(l);
        continue;
      }
      const speaker = p.deontic && !owner ? reporter(tokens, p, preds, g) : null;
      if (speaker && p.subject.length > 0) {
        // "said that Libya must hand over ...": a reported obligation is the speaker's demand.
        const m = match ?? { pattern: lex.obligation, end: p.head + 1, slots: {}, literals: [p.head] };
        for (const l of m.literals) covered.add(l);
        const code = match ? (lex.complements.REQUEST?.[match.pattern.type] ?? '100') : '100';
        cands.push({
          match: m, type: 'REQUEST', mode: ploverOf(lex.cameo, code)?.[1] ?? null, cameo: code,
          source: speaker.subject, target: p.subject, pred: p,
          trigger: [p.start, m.literals[m.literals.length - 1]! + 1],
          negated: p.negated, modality: 'asserted', confidence: 0.7, content: null, contentType: null, reach: p.objectEnd,
        });
        continue;
      }
      if (!match) continue;
      // "sought to cast itself as ...": a bare verb governing an infinitive is a control verb here.
      if (match.pattern.elements.length === 1 && tokens[p.head + 1]?.lemma === 'to' && p.head + 2 < end && isVerb(tokens, p.head + 2, first, end, at)) continue;
      // "backed a joint call for ...", "issued a warning": a bare support verb yields to the act it carries.
      const support = match.pattern.type === 'SUPPORT' || match.pattern.type === 'AGREE';
      if (support && match.pattern.elements.length === 1 && isLight(head, g) && carriesAct(tokens, p, lex)) continue;
      // "gave tacit support for X": a support verb whose only word is itself yields to the act its
      // object names; "gave X weapons" stays aid.
      const bare = match.pattern.elements.length === 2 && 'slot' in match.pattern.elements[1]!;
      // An offer or a pledge of a concession is the offer ("offered concessions": AGREE).
      if (bare && isLight(head, g) && !g.intent.has(head.lemma) && namesAct(tokens, p, lex)) continue;
      for (const l of match.literals) covered.add(l);
      // "opened fire on the crowd, killing one and arresting 12": an adjunct participle of
      // another kind of act than its clause's is an act of its own, by the same doer.

      const adjunct = owner !== undefined && owner === purpose && p.participle && !owner.content && match.pattern.type !== owner.type && !g.speech.has(head.lemma);
      if (adjunct) swallowed.delete(p);
      else if (owner) {
        if (owner.content && !owner.contentType) [owner.contentType, owner.contentCameo] = [match.pattern.type, match.pattern.cameo];
        continue;
      }
      const t = match.slots.T;
      let source = p.subject;
      let target = t ? mentionsIn(tokens, at, t[0], t[1], first, g, true) : [];
      // "complained to the UN over Israeli air raids", "lodged a protest with X about Y": the one
      // told is an audience; whom the complaint is about is the target.
      if (t && match.pattern.type === 'ACCUSE' && AUDIENCE.has(tokens[t[0] - 1]!.lemma)) {
        const about = topicParty(tokens, at, t[1], clauseEnd(tokens, t[1], end, g), first, g);
        if (about.length > 0) target = about;
      }
      if (p.passive) {
        target = source;
        source = byPhrase(tokens, at, p.head + 1, Math.max(match.end, p.objectEnd), first, g);
      }
      const type = match.pattern.type;
      // A pattern spanning verbs ("threaten to cut off") reaches as far as its last verb's object.
      const reach = preds.reduce((r, q) => (match.literals.includes(q.head) ? Math.max(r, q.objectEnd) : r), p.objectEnd);
      const opens = GOVERNING.has(type) ? contentStart(tokens, match, reach, end) : null;
      const content: [number, number] | null = opens !== null ? [opens, clauseEnd(tokens, opens, end, g)] : null;
      const thatClause = content !== null && content[0] >= 2 && tokens[content[0] - 1]!.lemma === 'that';
      // "denied accusations that ...", and "denied that Russia had received drones": what is denied
      // is a claim; the parties it names are not whom the denial answers.
      const claim = thatClause && (g.claimNouns.has(tokens[content[0] - 2]!.lemma) || type === 'REJECT');
      if (!t && !p.passive) {
        // From the verb on: a literal may have stepped over the object ("killed 46 Afghan civilians").
        target = firstParty(tokens, at, p.head + 1, claim ? content[0] - 1 : Math.max(match.end, reach), first, g);
        if (content && target.length === 0 && claim) {
          // "denied Western accusations that ...": the target is whoever makes the claim, not its content.
          target = mentionsIn(tokens, at, p.head + 1, content[0] - 1, first, g);
        } else if (content && target.length === 0) {
          // "demanded that the US cancel": the content's own subject is the target;
          // "agreed to provide aid to X": else the first party the content names.
          const inner = preds.find((q) => q.head >= content[0] && q.head < content[1] && !g.speech.has(tokens[q.head]!.lemma));
          const own = inner && inner.subject !== p.subject ? inner.subject : [];
          target = own.length > 0 ? own : firstParty(tokens, at, content[0], content[1], first, g);
        }
      }
      // "Thousands rallied in Dakar": a protest by a bare count of people is the place's people's.
      const crowd = type === 'PROTEST' && source.length === 0 && !p.passive && countSubject(tokens, p, first, g) ? locationOf(doc, tokens, at, first, end, p.head, g)?.country : undefined;
      cands.push({
        crowd,
        match, type, mode: match.pattern.mode, cameo: match.pattern.cameo,
        source, target: target.filter((m) => !source.includes(m) || p.passive), pred: p,
        trigger: [match.literals[0]!, match.literals[match.literals.length - 1]! + 1],
        negated: p.negated, modality: modalityOf(tokens, p, preds, first, end, g, pubYear),
        confidence: 0.9, content, contentType: null, reach, claim,
      });
    }
    // Nominal events: "the invasion of Ukraine", "talks between Putin and Xi".
    for (let i = first; i < end; i++) {
      const t = tokens[i]!;
      // "hunger strike", "car bomb": a compound may open with a word wink tags as an adjective.
      const compound = t.pos === 'ADJ' || t.pos === 'PROPN';
      if ((t.pos !== 'NOUN' && !compound) || covered.has(i) || preds.some((p) => p.head === i)) continue;
      const match = bestMatch(lex, headed(lex.nouns, t), tokens, i, end, at, g, false, compound ? 2 : 1);
      if (!match || match.literals.some((l) => covered.has(l))) continue;
      for (const l of match.literals) covered.add(l);
      if (match.pattern.none) continue;
      const owner = cands.find((c) => c.content && i >= c.content[0] && i < c.content[1]);
      if (owner) {
        if (!owner.contentType) [owner.contentType, owner.contentCameo] = [match.pattern.type, match.pattern.cameo];
        continue;
      }
      // "said China is a 'decisive backer' of the war": a label in a reported copula is an
      // accusation by the speaker against the subject.
      const copula = match.pattern.type === 'ACCUSE' ? copulaBefore(tokens, i, first) : -1;
      if (copula >= 0) {
        let k = copula - 1;
        while (k >= first && !isBoundary(tokens[k]!, g) && tokens[k]!.pos !== 'VERB') k--;
        const labelled = mentionsIn(tokens, at, k + 1, copula, first, g);
        // "China is concerned about NATO's ties": an adjective after "is" is how its subject
        // feels, aimed at what it is about; a noun ("is a decisive backer of") labels the subject.
        if (t.pos === 'ADJ') {
          const about = match.slots.T
            ? mentionsIn(tokens, at, match.slots.T[0], match.slots.T[1], first, g, true)
            : firstParty(tokens, at, match.end, clauseEnd(tokens, match.end, end, g), first, g);
          if (labelled.length > 0 && about.length > 0) {
            cands.push({
              match, type: match.pattern.type, mode: match.pattern.mode, cameo: match.pattern.cameo,
              source: labelled, target: about, pred: null,
              trigger: [i, match.literals[match.literals.length - 1]! + 1],
              negated: hasNegator(tokens, copula + 1, i, g), modality: 'asserted', confidence: 0.7, content: null, contentType: null, reach: match.end,
            });
          }
          continue;
        }
        const speaker = preds.filter((q) => q.head < copula && g.speech.has(tokens[q.head]!.lemma)).pop();
        if (labelled.length > 0) {
          cands.push({
            match, type: match.pattern.type, mode: match.pattern.mode, cameo: match.pattern.cameo,
            source: speaker?.subject ?? [], target: labelled, pred: speaker ?? null,
            trigger: [i, match.literals[match.literals.length - 1]! + 1],
            negated: false, modality: 'asserted', confidence: 0.6, content: null, contentType: null, reach: match.end, label: true,
          });
        }
        continue;
      }
      // "negotiations on an Israeli troop pullback": the topic of an earlier act is part of it.
      if (cands.some((c) => c.trigger[0] < i) && topicOf(tokens, i, first)) continue;
      // Premodifiers name the source: "Russia's invasion", "a Chinese proposal".
      let k = i - 1;
      // ("AU-sponsored peace talks": a participle in a hyphenated modifier too.)
      while (k >= first && (tokens[k]!.pos === 'ADJ' || tokens[k]!.pos === 'PROPN' || tokens[k]!.pos === 'NOUN' || (tokens[k]!.pos === 'PART' && tokens[k]!.text !== 'to') || tokens[k]!.text === '-' || QUOTES.has(tokens[k]!.text) || (tokens[k]!.pos === 'VERB' && k > first && tokens[k - 1]!.text === '-'))) k--;
      // "its “unlimited partnership”": a possessive that stands for a party names it too.
      if (k >= first && at[k]! >= 0 && doc.mentions[at[k]!]!.actor && g.possessives.has(low(tokens[k]!))) k--;
      let source = mentionsIn(tokens, at, k + 1, i, first, g);
      let target: number[] = [];
      const s = match.slots;
      if (s.T) target = mentionsIn(tokens, at, s.T[0], s.T[1], first, g, true);
      if (s.S) source = mentionsIn(tokens, at, s.S[0], s.S[1], first, g, true);
      if (source.length === 0) source = byPhrase(tokens, at, match.end, Math.min(end, match.end + 3), first, g);
      // "negotiations brokered by Qatar": the mediator holds the talks with the parties.
      const after = tokens[match.end];
      const mediates = (t: Token | undefined) => t !== undefined && (g.mediation.has(t.lemma) || g.mediation.has(low(t)));
      // ("AU-sponsored talks": the premodifier's party, before a hyphen and such a participle.)
      const sponsored = match.pattern.type === 'CONSULT' && tokens.slice(k + 1, i).some((t, x) => mediates(t) && tokens[k + x]?.text === '-');
      const mediator = sponsored ? source : match.pattern.type === 'CONSULT' && mediates(after) ? byPhrase(tokens, at, match.end + 1, Math.min(end, match.end + 3), first, g) : [];
      if (mediator.length > 0) {
        if (!s.P) target = source.filter((m) => !mediator.includes(m));
        source = mediator;
      }
      // "held talks with X": the support verb's subject is the noun's source.
      const host = preds.find((p) => p.head < i && i < p.objectEnd && isLight(tokens[p.head]!, g) && !covered.has(p.head));
      if (host && claimed(tokens, host, preds, g)) continue;
      const inside = cands.find((c) => c.pred && i > c.pred.head && i < c.pred.objectEnd);
      // ("calling the detention of X unlawful": what a speaker names, it did not do.)
      const labelled = host !== undefined && g.labelVerbs.has(tokens[host.head]!.lemma);
      if (source.length === 0 && host && !host.passive && !inside && !labelled) source = host.subject;
      // "Stoltenberg said Monday on a visit to Washington", "said during talks with Xi": a meeting
      // in an adjunct of a clause is its subject's.
      let before = k;
      while (before >= first && tokens[before]!.pos === 'DET') before--;
      if (source.length === 0 && !host && match.pattern.type === 'CONSULT' && before >= first && tokens[before]!.pos === 'ADP') {
        const clause = [...preds].reverse().find((q) => q.head < i && i < q.objectEnd && !q.passive);
        if (clause) source = clause.subject;
      }
      // "backed a joint call for NATO to halt": the first party after the noun.
      if (target.length === 0 && host && !s.P) target = firstParty(tokens, at, match.end, Math.max(match.end, host.objectEnd), first, g);
      // "will give Tanzania a grant": else the indirect object between the verb and the noun.
      if (target.length === 0 && host && !s.P) {
        let d = k;
        while (d > host.head && (tokens[d]!.pos === 'DET' || g.possessives.has(low(tokens[d]!)))) d--;
        target = firstParty(tokens, at, host.head + 1, d + 1, first, g);
      }
      if (s.P) {
        // "talks between P": the parties are the targets of whoever holds them, else each other's.
        const all = mentionsIn(tokens, at, s.P[0], s.P[1], first, g, true);
        if (source.length === 0) source = all.slice(0, 1);
        target = all.filter((m) => !source.includes(m));
      }
      // "rejected an Australian ultimatum", "condemned Russia's invasion": what an appeal, refusal,
      // accusation or endorsement is about is part of it.
      if (inside && (source.length === 0 || ATTITUDE.has(inside.type))) continue;
      // Without a support verb, a noun is an event only when it names both who does it and whom
      // it hits ("Russia's invasion of Ukraine"): "smears and attacks on China" is no dyad.
      // "protests erupted in Ghana", "demonstrations rocked Tbilisi": a protest that happens in a
      // place, told by no one's name, is its people's.
      let crowd: string | undefined;
      if (match.pattern.type === 'PROTEST' && source.length + target.length === 0 && !host && !inside) {
        const happens = preds.some((q) => q.start > i && q.start - match.end <= 1 && !q.negated && g.occurrence.has(tokens[q.head]!.lemma));
        if (happens) crowd = locationOf(doc, tokens, at, first, end, i, g)?.country;
      }
      if (!host && (target.length === 0 || source.length === 0) && mediator.length === 0 && !crowd) continue;
      if (source.length + target.length === 0 && !crowd) continue;
      const p = host ?? null;
      cands.push({
        mediated: mediator.length > 0,
        crowd,
        match, type: match.pattern.type, mode: match.pattern.mode, cameo: match.pattern.cameo,
        source, target: target.filter((m) => !source.includes(m)), pred: p,
        trigger: [i, match.literals[match.literals.length - 1]! + 1],
        negated: (p ? p.negated : false) || absent(tokens, i, first, g),
        modality: p ? modalityOf(tokens, p, preds, first, end, g, pubYear) : conditionalBefore(tokens, i, first, g) ? 'hypothetical' : 'asserted',
        confidence: 0.7, content: null, contentType: null,
        reach: p && p.head < i ? p.objectEnd : Math.min(end, match.end + 8),
      });
    }
    const dropped = new Set<Candidate>();
    // "aid supplies from Japan arrived in Kandahar", "a plane carrying medicine landed in Benghazi":
    // goods do not visit; their arrival is aid from whoever the subject says they come from, for
    // the people of the place they reach.
    for (const c of cands) {
      if (c.mode !== 'visit' || !c.pred || c.pred.passive) continue;
      const from = c.pred.stop + 1;
      if (!tokens.slice(Math.max(from, first), c.pred.start).some((t) => t.pos === 'NOUN' && (g.cargo.has(t.lemma) || g.cargo.has(low(t))))) continue;
      const aid = ploverOf(lex.cameo, AID_ARRIVAL);
      if (!aid) continue;
      c.type = aid[0];
      c.mode = aid[1];
      c.cameo = AID_ARRIVAL;
      c.target = [];
      // "from Turkey and Qatar": where goods come from is who gives them, places included.
      c.source = mentionsIn(tokens, at, Math.max(from, first), c.pred.start, first, g, true);
      c.rule = `${AID_ARRIVAL}:goods ${c.match.pattern.id.split(':')[1]}`;
    }
    // "started a hunger strike to protest X": the purpose belongs to the nominal act its verb carries.
    for (const c of cands) {
      if (c.match.pattern.kind !== 'noun' || !c.pred) continue;
      const host = preds.indexOf(c.pred);
      for (const d of cands) {
        if (d.match.pattern.kind !== 'verb' || !d.pred || !d.pred.infinitive || d.pred.governor !== host) continue;
        if (c.target.length === 0) c.target = d.target;
        dropped.add(d);
      }
    }
    // "protests broke out to demand free elections", "crowds of Ghanaians demanding work": what a
    // protest demands is the protest's content, not an appeal of its own.
    for (const c of cands) {
      const p = c.pred;
      if (c.type !== 'REQUEST' || !p || !(p.infinitive || (p.participle && tokens[p.head]!.text.endsWith('ing')) || (tokens[p.head]!.text.endsWith('ing') && p.start === p.head))) continue;
      if (tokens.slice(first, c.trigger[0]).some((t) => (headed(lex.nouns, t) ?? []).some((x) => x.type === 'PROTEST' && x.elements.length === 1))) dropped.add(c);
    }
    // "reiterated his demand that Ukraine withdraw": a nominal appeal, threat or refusal owns
    // the clause it introduces, as its verb would.
    for (const c of cands) {
      if (c.match.pattern.kind !== 'noun' || !GOVERNING.has(c.type)) continue;
      const from = c.match.end;
      const to = clauseEnd(tokens, from, end, g);
      const inner = cands.filter((d) => d !== c && !dropped.has(d) && d.match.pattern.kind === 'verb' && d.trigger[0] >= from && d.trigger[0] < to);
      if (inner.length === 0) continue;
      [c.contentType, c.contentCameo] = [inner[0]!.type, inner[0]!.cameo];
      if (c.target.length === 0) c.target = inner[0]!.source.length > 0 ? inner[0]!.source : inner[0]!.target;
      for (const d of inner) dropped.add(d);
    }
    // "Japan said tents were being flown in", "police said 40 people had been
    // arrested": a state's own aid, sanction or arrest told in the passive by the state itself
    // (its government, police, army or courts) is its own act.
    for (const c of cands) {
      const p = c.pred;
      if (!p?.passive || c.source.length > 0 || dropped.has(c) || !ANNOUNCED_OWN.has(c.type) || p.governor < 0) continue;
      const speech = preds[p.governor]!;
      if (speech === p || !g.speech.has(tokens[speech.head]!.lemma) || speech.subject.length === 0) continue;
      const organs = speech.subject.filter((m) => {
        const x = doc.mentions[m]!;
        return x.actor !== null && (x.sector === null ? /^[A-Z]{3}$/.test(x.actor) : STATE_ORGANS.has(x.sector));
      });
      if (organs.length === speech.subject.length) c.source = organs;
    }
    // "nine farmers were shot when bandits attacked their hamlet": a passive act with no agent is
    // done by whoever does the act of force its when-clause tells; that act is the same one.
    for (const c of cands) {
      if (!c.pred?.passive || c.source.length > 0 || dropped.has(c) || !FORCE.has(c.type)) continue;
      // "20 people were killed after gunmen stormed a market": harm told before the attack that did it.
      const same = (d: Candidate) => g.simultaneous.has(tokens[d.pred!.stop]?.lemma ?? '') || (c.type === 'ASSAULT' && d.type === 'ASSAULT' && g.aftermath.has(tokens[d.pred!.stop]?.lemma ?? ''));
      const by = cands.find((d) => d !== c && d.pred && !d.pred.passive && d.source.length > 0 && FORCE.has(d.type) && d.trigger[0] > c.trigger[1] && same(d));
      if (!by) continue;
      c.source = by.source;
      dropped.add(by);
    }
    const coded: PloverEvent[] = [];
    // The events told before this point of the article, the latest first: what "the attack",
    // "the talks" or "similar measures" may answer.
    // The last EARLIER of them only: a reference is answered close by, and copying every event of a long
    // article for each reference made the stage grow with its square.
    const earlierEvents = (): PloverEvent[] => [...events.slice(-EARLIER), ...coded].reverse();
    // Events whose target the sentence names (not a domestic guess).
    const dyadic = new Set<PloverEvent>();
    for (const c of cands) {
      if (dropped.has(c)) continue;
      let answer: PloverEvent | null = null;
      let { type, mode, cameo } = c;
      const refined = codeFor(lex, type, cameo, c.contentType);
      if (refined) [type, cameo, mode] = refined;
      // A promise or a threat read from an intent ("pledged to pull back", "promised to impose
      // tariffs", "vowed it would retaliate") is of an act to come: not asserted. ("Agreed to" and
      // "threatened to" tell what was done now.)
      const head = tokens[c.trigger[0]]!.lemma;
      const intended = refined !== null && c.content !== null && g.intent.has(head) && head !== 'agree';
      let promised = intended && type === 'AGREE';
      let negated = c.negated;
      // What was done or declined, before intent and threat readings recode it.
      let acted = type;
      const p = c.pred;
      // "will support", "is willing to withdraw": a cooperative act announced for the future is an
      // intent (CAMEO 03), a hostile one a threat (13).
      // "may halt mediation if ...": a hostile act held out on a condition is a threat too.
      let scheduled: { type: PloverType; cameo: string; mode: string | null } | null = null;
      const held = c.modality === 'hypothetical' && HOSTILE.has(type) && (hasWord(tokens, c.trigger[1], end, 'if') || hasWord(tokens, c.trigger[1], end, 'unless'));
      // "she vowed her government would hit back": a finite clause under a vow is an intent too.
      const vowed = p !== null && p.governor >= 0 && preds[p.governor] !== p && g.intent.has(tokens[preds[p.governor]!.head]!.lemma) && !g.speech.has(tokens[preds[p.governor]!.head]!.lemma);
      if (p && !c.contentType && (c.modality === 'future' || held || vowed || intentGoverned(tokens, p, preds, g))) {
        // "will withdraw unless ...": a promise with a condition attached is a threat.
        const conditional = hasWord(tokens, c.trigger[1], end, 'unless');
        // (A visit or meeting to come is coded too, as future: "plans to visit Ankara".)
        if (type === 'CONSULT' && !conditional && !held) scheduled = { type, cameo, mode };
        if (COOPERATIVE.has(type) && type !== 'AGREE' && !conditional) {
          const code = lex.complements.AGREE?.[type] ?? '030';
          [type, cameo, mode] = ['AGREE', code, null];
          promised = true;
        } else if ((HOSTILE.has(type) || type === 'PROTEST' || conditional) && type !== 'THREATEN') {
          promised = true;
          // A hostile act merely scheduled or announced ("will impose tariffs from August 1",
          // "plans to expel") is a threat made now and the act itself, to come: both are coded.
          if (!held && !conditional) scheduled = { type, cameo, mode };
          const code = lex.complements.THREATEN?.[type] ?? '130';
          [type, cameo, mode] = ['THREATEN', code, ploverOf(lex.cameo, code)?.[1] ?? null];
        }
      }
      // "promised to impose tariffs", "vowed to strike": the threat is made now; the act it
      // promises is one to come, coded too.
      if (intended && type === 'THREATEN' && c.contentType && c.contentCameo && HOSTILE.has(c.contentType) && c.contentType !== 'THREATEN') {
        scheduled = { type: c.contentType, cameo: c.contentCameo, mode: ploverOf(lex.cameo, c.contentCameo)?.[1] ?? null };
      }
      if ((type === 'REJECT' || type === 'AGREE') && lastAppeal && c.pred && answersAppeal(tokens, c.pred.head, c.match.end)) {
        c.target = [];
        answer = lastAppeal;
      }
      if (negated && YIELDING.has(type)) {
        // "would not meet", "will not accept", "failed to reach agreement": declining a
        // cooperative act is a rejection (CAMEO 12), asserted.
        const code = lex.complements.REJECT?.[acted] ?? lex.complements.REJECT?.[type] ?? '120';
        [type, cameo, mode, negated] = ['REJECT', code, ploverOf(lex.cameo, code)?.[1] ?? null, false];
      }
      const trigStart = tokens[c.trigger[0]]!.start;
      const trigEnd = tokens[c.trigger[1] - 1]!.end;
      const quote = open.find((q) => q.start <= trigStart && trigEnd <= q.end);
      let source = actorsOf(doc, c.source);
      if (source.length === 0 && c.crowd) source = [{ actor: c.crowd, sector: 'CVL', text: '', entity: c.crowd }];
      // "Ghana and Togo signed a deal. The two sides then met ...": "the two sides", "both
      // governments" are the parties of the last act of two.
      if (source.length === 0 && c.pred && namesPair(tokens, Math.max(first, c.pred.stop + 1), c.pred.start, g)) {
        const pair = earlierEvents().map(partiesOf).find((xs) => xs.length === 2);
        if (pair) source = pair.map((a) => ({ ...a }));
      }
      const office = c.source.length === 1 && doc.mentions[c.source[0]!]!.rule === 'generic';
      /**
       * "The Foreign Office rejected a statement by the Afghan foreign ministry": an office the text
       * gives no state of its own, placed by the story in the very state it answers, is the other
       * side's: that state's counterpart in the story, else unplaced.
       */
      const placeOffice = (from: EventActor[], answered: EventActor[]): EventActor[] => {
        if (!office || from.length !== 1 || !answered.some((a) => a.actor === from[0]!.actor && a.sector === from[0]!.sector)) return from;
        const other = counterpartOf(answered, earlierEvents());
        return other.length > 0 ? [{ ...from[0]!, actor: other[0]!.actor, entity: other[0]!.actor }] : [{ ...from[0]!, actor: null }];
      };
      // "Gunmen stormed the village": armed forces storming or rioting attack (CAMEO 190), they do
      // not protest.
      if (type === 'PROTEST' && cameo.startsWith('145') && source.length > 0 && source.every((a) => a.sector !== null && ARMED.has(a.sector))) {
        [type, cameo, mode] = ['ASSAULT', '190', ploverOf(lex.cameo, '190')?.[1] ?? null];
        acted = type;
      }
      // "“We advise NATO to ...,” Lin said", "“The parties oppose ...,” it reads": inside a quote, its speakers.
      const self = source.length === 0 && quote && p ? selfSubject(tokens, p, first, quote, g) : -1;
      if (self >= 0) source = speakersOf(quote!, tokens[self]!.text);
      // '“China is a decisive enabler of the war,” Rubio said': the speaker of a quoted label labels.
      else if (source.length === 0 && quote && c.label) source = speakersOf(quote, quote.speaker?.name ?? '');
      // "were killed in a car bomb in Beirut": a doer the text does not name stays unnamed (an
      // empty side), never guessed from the place.
      // "celebrated its anniversary": a pronoun back to the source does not make it its own target.
      const selves = new Set(c.source.map((m) => doc.mentions[m]!.entity));
      const others = (ms: number[]) => ms.filter((m) => !c.source.includes(m) && !(doc.mentions[m]!.anaphor && selves.has(doc.mentions[m]!.entity)));
      // "broke with the US, refusing to condemn the Russian invasion": a refusal to accuse answers
      // whoever asked for it (the clause it hangs on names them), not the one it spares.
      const from = c.content ? (tokens[c.content[0]]?.start ?? Infinity) : Infinity;
      const spares = c.type === 'REJECT' && c.contentType === 'ACCUSE' && c.target.every((m) => doc.mentions[m]!.start >= from);
      if (spares) {
        const gov = p && p.participle && p.governor >= 0 ? preds[p.governor]! : null;
        c.target = gov ? firstParty(tokens, at, gov.head + 1, Math.min(gov.objectEnd, p!.start), first, g) : [];
      }
      let targetIds = others(c.target);
      /** The target is only the place the act is aimed at. */
      let placeOnly = false;
      if (targetIds.length === 0 && !c.claim && !spares) {
        // Nothing named as the object: the first party after the trigger, else the place the act
        // is aimed at ("withdraw its troops from Lebanon", "lifted a curfew in Montenegro").
        // A protest names whom it is against in its purpose ("blocked a road to show their
        // disapproval of the United States' policies"): for it the clause runs on.
        const own = Math.max(c.reach, c.trigger[1]);
        // So does force ("fired rubber bullets at marchers", "opened fire on the crowd"): whom it hits
        // is often an oblique after the weapon.
        const to = c.content ? c.content[1] : CLAUSE_WIDE.has(type) ? Math.max(own, clauseEnd(tokens, c.trigger[1], end, g)) : own;
        // A place on the source's own side ("hosted by Biden in Washington") is where, not whom.
        const sides = new Set(c.source.map((m) => doc.mentions[m]!.actor));
        const foreign = (ms: number[]) => others(ms).filter((m) => !sides.has(doc.mentions[m]!.actor));
        targetIds = others(firstParty(tokens, at, c.trigger[1], to, first, g, doc));
        // "mobilized army reservists for a war against Iraq": past the source's own forces.
        for (let k = c.trigger[1]; targetIds.length > 0 && targetIds.every((m) => ownForces(actorOf(doc.mentions[m]!), source)) && k < to; ) {
          const last = targetIds[targetIds.length - 1]!;
          while (k < to && (at[k] === last || at[k]! < 0 || targetIds.includes(at[k]!))) k++;
          targetIds = others(firstParty(tokens, at, k, to, first, g, doc));
        }
        // A meeting's place is where it is, not whom it is with, also when it is declined
        // ("avoided attending a summit in Switzerland"): whoever organised or hosted it is its
        // counterpart ("organized by Zelensky"). A visit's place is its host.
        const meeting = acted === 'CONSULT' && c.mode !== 'visit';
        if (targetIds.length === 0 && meeting) targetIds = others(hostOf(tokens, at, c.trigger[1], end, first, g));
        // Where something is said, agreed or signed is a venue, not a party ("signed a truce in
        // Jeddah"); nor is it for an act of two parties together, which is between them.
        // (What is agreed, refused or asked may still be aimed at a place: "agreed to open a centre
        // in Tokyo", "refused to deploy troops in Iraq".)
        const joint = (SYMMETRIC.has(acted) || cameo.startsWith(CEASEFIRE)) && new Set(c.source.map((m) => `${doc.mentions[m]!.actor}/${doc.mentions[m]!.sector}`)).size > 1;
        // (A crowd's protest told by its place is against its own government, not the place.)
        const venue = (VENUE_ONLY.has(acted) && !c.content) || joint || c.crowd !== undefined;
        if (targetIds.length === 0 && !meeting && !venue) {
          targetIds = placesIn(at, c.trigger[1], to, foreign);
          placeOnly = targetIds.length > 0;
        }
        // "sent material to help defend Saudi Arabia": whom the purpose of the act names.
        for (const [q, owner] of swallowed) {
          if (targetIds.length > 0) break;
          if (owner === c) targetIds = others(firstParty(tokens, at, q.head + 1, clauseEnd(tokens, q.head + 1, end, g), first, g));
        }
      }
      // "mobilized army reservists", "deployed troops": the source's own forces, named as
      // generic groups of its state, are what it acts with, not whom it acts on.
      let target = actorsOf(doc, targetIds).filter((a) => !ownForces(a, source));
      // '“Russia carried out this attack on our infrastructure,” Michal said': in a quote, "our"
      // and "us" after a named doer are its speakers.
      const ours = target.length === 0 && source.length > 0 && quote && !c.claim ? firstPersonIn(tokens, c.trigger[1], Math.max(c.reach, c.trigger[1]), g) : -1;
      if (ours >= 0) target = speakersOf(quote!, tokens[ours]!.text).filter((a) => !source.some((x) => x.actor === a.actor));
      // "sent tents to Kandahar": aid to a place is for its people.
      if (placeOnly && acted === 'AID') target = target.map((a) => (a.sector === null ? { ...a, sector: 'CVL' } : a));
      // "Both countries took measures against each other": a reciprocal act is between its doers.
      if (new Set(source.map((a) => `${a.actor}/${a.sector}`)).size > 1 && hasReciprocal(tokens, c.trigger[1], end)) target = source.slice();
      // "U.S. and Russian negotiators met", "Ghana and Togo agreed to a truce": a joint act
      // of two or more parties that names no one else is between them, each on both sides.
      if ((SYMMETRIC.has(acted) || cameo === '057' || cameo.startsWith(CEASEFIRE)) && target.length === 0 && new Set(source.map((a) => `${a.actor}/${a.sector}`)).size > 1) target = source.slice();
      // "spoke with journalists", "met reporters": the press is an audience, not a counterpart.
      if (acted === 'CONSULT') target = target.filter((a) => a.sector !== 'MED' || (a.entity ?? '').startsWith('org:'));
      // "Egyptian demonstrators rioted": a protest that names no one it is aimed at is aimed at
      // the government of the protesters' own state (CAMEO's practice). Other acts that name no
      // target keep an empty one: the source's own state is never filled in.
      // "Protesters gathered, calling the detention of Imamoglu a coup": a fellow citizen named
      // somewhere in a protest's clause, not as what it is against, is not its target either.
      if (acted === 'PROTEST' && target.length > 0 && !c.match.slots.T && target.every((a) => a.sector !== null && !STATE_ORGANS.has(a.sector) && a.sector !== 'LEG' && source.some((x) => x.actor === a.actor)) && !hasWord(tokens, c.trigger[1], end, 'against')) target = [];
      if (target.length === 0 && !answer && !c.claim && acted === 'PROTEST') target = governmentOf(doc, source);
      // "the army seized power", "officers staged a coup in Gabon": against the government of the
      // doers' state, or of the place where it happens when the doers have none named.
      if (target.length === 0 && !answer && !c.claim && c.match.pattern.against === 'government') {
        target = governmentOf(doc, source);
        const place = target.length === 0 ? locationOf(doc, tokens, at, first, end, c.trigger[0], g) : null;
        if (place) target = [{ actor: place.country, sector: 'GOV', text: '', entity: place.country }];
      }
      // "imposed a curfew", "closed the borders", "banned gatherings": a restriction a state's own
      // organ imposes naming no one falls on that state's people.
      // "lifted a state of emergency", "threatened to impose a curfew": so do lifting one and
      // threatening one.
      if (target.length === 0 && !answer && !c.claim && RESTRICTIONS.has(c.contentType ?? acted)) target = peopleOf(source);
      // "police fired tear gas", "troops used water cannon": crowd control that names no crowd is
      // aimed at the people of the state whose forces use it.
      // ("broke up a demonstration outside the US embassy": a building named is not the crowd.)
      if (!answer && !c.claim && cameo.startsWith(CROWD_CONTROL) && !target.some((a) => a.sector !== null && !STATE_ORGANS.has(a.sector))) target = peopleOf(source);
      // "Accra condemned the shelling", "the bloc condemned the move": a condemnation of an act
      // named by a noun ("the attack", "the coup", "the decision") is aimed at whoever did the last
      // such act the article told, by someone else.
      // "condemned the storming of the compound by settlers": an act whose doer its object names by
      // a by-phrase is aimed at that doer.
      // ("condemned the killing of two journalists by security forces": the killers, not the killed.)
      if ((type === 'ACCUSE' || type === 'REJECT') && !c.claim && (target.length === 0 || objectIsAct(tokens, c.trigger[1], end, g))) {
        const doers = actorsOf(doc, byPhrase(tokens, at, c.trigger[1], clauseEnd(tokens, c.trigger[1], end, g), first, g)).filter((a) => !source.some((x) => x.actor === a.actor && x.sector === a.sector));
        if (doers.length > 0) target = doers;
      }
      // "Germany praised the agreement", "Hamas rejected the ceasefire deal": an agreement told before
      // is between the parties it was agreed by.
      if ((type === 'SUPPORT' || type === 'REJECT') && target.length === 0 && !c.claim && namesAgreement(tokens, c.trigger[1], end, g)) {
        const deal = earlierEvents().find((x) => (x.type === 'AGREE' || x.cameo === '057' || (x.cameo ?? '').startsWith(CEASEFIRE)) && x.source.some((a) => a.actor));
        if (deal) target = partiesOf(deal).filter((a) => !source.some((y) => y.actor === a.actor && y.sector === a.sector));
      }
      if ((type === 'ACCUSE' || type === 'REJECT') && target.length === 0 && !c.claim && refersToAct(tokens, c.trigger[1], end, g)) {
        const doers = (x: PloverEvent) => x.source.some((a) => a.actor) && !x.source.some((a) => source.some((y) => y.actor === a.actor && y.sector === a.sector));
        const earlier = earlierEvents();
        const act = earlier.find((x) => HOSTILE.has(x.type) && doers(x)) ?? earlier.find(doers);
        if (act) target = act.source.filter((a) => a.actor);
      }
      // "Lome answered with like measures in return", "expelled two diplomats in retaliation": a
      // hostile act in answer to one aimed at its doer is aimed back at whoever did that one.
      if (target.length === 0 && HOSTILE.has(type) && source.length > 0 && hasAny(tokens, first, end, g.retaliation)) {
        const act = earlierEvents().find((x) => HOSTILE.has(x.type) && x.target.some((t) => source.some((a) => a.actor === t.actor)) && x.source.some((a) => a.actor && !source.some((y) => y.actor === a.actor)));
        if (act) target = act.source.filter((a) => a.actor && !source.some((y) => y.actor === a.actor));
      }
      // "Kenya accused Qatar of funding militants. The Gulf state denied the claim.": a denial of
      // a claim, accusation or charge answers whoever made the last one.
      if (type === 'REJECT' && target.length === 0 && deniesClaim(tokens, c.trigger[0] + 1, end, g)) {
        // "dismissed a note put out by the Togolese ministry": whoever made it, if the text says.
        const author = actorsOf(doc, byPhrase(tokens, at, c.trigger[1], clauseEnd(tokens, c.trigger[1], end, g), first, g));
        source = placeOffice(source, author);
        if (author.length > 0) target = author.filter((a) => !source.some((x) => x.actor === a.actor && x.sector === a.sector));
        else if (lastAccusation) target = lastAccusation.source.filter((a) => !source.some((x) => x.actor === a.actor && x.sector === a.sector));
      }
      // "Japan sent tents and medicine to survivors in Kathmandu", "aid arrived in Pokhara":
      // aid that names no recipient goes to the people of the place it is sent to.
      // In a story about one state's disaster or war ("Portugal was sending 30 rescuers"), aid from
      // another state that names no recipient is for that state's people: where the disaster
      // struck, else the state the story names most.
      if (target.length === 0 && acted === 'AID') {
        const place = locationOf(doc, tokens, at, first, end, c.trigger[0], g);
        // Aid in a story about a flood or an earthquake is for the people where it struck.
        const main = disasterState() ?? mainState(doc);
        if (place && !source.some((a) => a.actor === place.country)) target = [{ actor: place.country, sector: 'CVL', text: place.name, entity: place.country }];
        else if (main && source.length > 0 && !source.some((a) => a.actor === main)) target = [{ actor: main, sector: 'CVL', text: '', entity: main }];
      }
      // "stormed a hotel", "shelled a military base": an attack on a site is an attack on the
      // people, army or police of the state where it is.
      if (target.length === 0 && acted === 'ASSAULT' && !answer && !c.claim && source.length > 0) {
        const sector = siteSector(tokens, c.trigger[1], Math.max(c.reach, c.trigger[1]), g);
        const state = sector ? (locationOf(doc, tokens, at, first, end, c.trigger[0], g)?.country ?? mainState(doc)) : null;
        // (Never the doers themselves: a site of their own side that the text misplaces.)
        if (sector && state && !source.some((a) => a.actor === state && a.sector === sector)) target = [{ actor: state, sector, text: '', entity: state }];
      }
      // "Ottawa announced similar measures", "Pakistan denied any role": in a story of two states at
      // odds, a state's diplomatic act that names no one is aimed at the one state it has dealt
      // with in the events told so far.
      // (Only when the text names no one there: "called on Western allies to ..." names others.)
      const slot = c.match.slots.T;
      const namedOthers = slot !== undefined && tokens.slice(slot[0], slot[1]).some((t) => g.partyNouns.has(t.lemma) || g.partyNouns.has(low(t)));
      if (target.length === 0 && !answer && !c.claim && COUNTERPART_TYPES.has(acted) && !namedOthers) target = counterpartOf(source, earlierEvents());
      // "The Foreign Office rejected a statement by the Afghan foreign ministry": an office the
      // text gives no state of its own, placed by the story in the very state it answers, is the
      // other side's: that state's counterpart in the story, else unplaced.
      if (COUNTERPART_TYPES.has(acted)) source = placeOffice(source, target);
      // "The Russian raid injured four farmers" in a story of Ukraine: victims the text places by
      // nothing but the attacker's adjective are of the state where the attack happens.
      if (acted === 'ASSAULT' && source.length > 0 && source.every((a) => a.actor && (a.sector === null || ARMED.has(a.sector)))) {
        // (Where: the event's place, else a state the sentence names that is not the
        // attacker's ("drones hit towns in eastern Ukraine"), else the story's.)
        // (Read through the sentence's own tokens: the stage stays linear in the article's size.)
        // (Not the doer of another act of the sentence: "... was sanctioned by Britain" places
        // nothing; the one another act hits may well be the victims' state.)
        let other: string | null = null;
        const elsewhere = new Set(cands.flatMap((x) => (x === c || dropped.has(x) ? [] : x.source)));
        for (let k = first; k < end && other === null; k++) {
          const m = at[k]! >= 0 ? doc.mentions[at[k]!]! : null;
          if (m && m.actor !== null && /^[A-Z]{3}$/.test(m.actor) && STATE_NAMES_RULES.has(m.rule) && !source.some((a) => a.actor === m.actor) && !onBorder(tokens, at, k, first, end, g) && !elsewhere.has(at[k]!)) other = m.actor;
        }
        const home = locationOf(doc, tokens, at, first, end, c.trigger[0], g)?.country ?? other ?? mainState(doc);
        if (home && !source.some((a) => a.actor === home)) {
          target = target.map((a) => (a.sector !== null && !STATE_ORGANS.has(a.sector) && !ARMED.has(a.sector) && source.some((x) => x.actor === a.actor) ? { ...a, actor: home, entity: home } : a));
        }
      }
      // Whom the act is aimed at, named or by those conventions: a sentence keeps its dyads.
      const named = target.length > 0;
      if (answer) target = answer.source.filter((a) => !source.some((x) => x.actor === a.actor && x.sector === a.sector));
      // "killed in an earthquake", "a fire killed nine": harm no one is named as doing, in a
      // sentence that names a natural or accidental cause, is no attack.
      // Nor is it when the only doer found is no armed party ("the agency said the toll of the dead
      // from the quake rose", "homes flattened by the storm, a resident said").
      if (acted === 'ASSAULT' && !source.some((a) => a.sector !== null && ARMED.has(a.sector)) && hasHazard(tokens, first, end, g)) continue;
      // An event with no party at all is not data anyone can use; one in a relative clause is
      // background, kept only when it names both sides.
      if (source.length + target.length === 0) continue;
      if (p?.relative && (source.length === 0 || !named)) continue;
      // "Tinubu chaired the talks": talks told before are between the parties they were between.
      if (type === 'CONSULT' && target.length === 0 && c.match.pattern.kind === 'noun' && (tokens[c.trigger[0] - 1]?.lemma === 'the' || c.mediated)) {
        const earlier = earlierEvents().find((x) => (x.type === 'CONSULT' || x.type === 'AGREE') && x.target.length > 0);
        if (earlier) target = partiesOf(earlier).filter((a) => !source.some((y) => y.actor === a.actor));
      }
      // A meeting with no counterpart named ("spoke with journalists") is no dyad.
      if (type === 'CONSULT' && target.length === 0) continue;
      // Words need a speaker and someone they are about: a statement, refusal or endorsement with a
      // side no word of the text names is a misread clause far more often than an event; so is any
      // act in direct speech with a side missing ("we will defend our country"). (An act of force
      // with an unnamed doer or victim is kept: "two people were killed".)
      if ((source.length === 0 || target.length === 0) && ((quote !== undefined && quote.kind === 'direct') || (WORDS_NEED_PARTIES.has(type) && sent.paragraph >= LEAD_PARAGRAPHS))) continue;
      // "Chad shelled the post", "Ghana expelled the envoy": a state named as a party acts through its
      // government, and through its military when it uses force; what force hits is left as named.
      const reciprocal = target.length > 1 && target.length === source.length && target.every((a, k) => a === source[k]);
      source = source.map((a) => stateSector(doc, a, FORCE_BY_STATE.has(type) ? 'MIL' : 'GOV', true));
      // A state on both sides ("Bashir lifted the curfew in Sudan") is its government acting on the
      // country: the target keeps no sector.
      if (reciprocal) target = source.slice();
      else if (!FORCE_BY_STATE.has(type)) {
        // "sent humanitarian aid to Syria": relief is for a state's people; arms and loans for its government.
        const aidCode = acted === 'AID' ? c.cameo : c.contentType === 'AID' ? (c.contentCameo ?? '') : null;
        const receiver = aidCode !== null && HUMANITARIAN.some((h) => aidCode.startsWith(h)) ? 'CVL' : 'GOV';
        target = target.map((a) => (source.some((x) => x.actor === a.actor) ? a : stateSector(doc, a, receiver, VERBAL.has(type))));
      }
      // "Thailand struck Cambodia": a state attacked as such by another is attacked in its forces.
      // (Not one named only as an owner: "an attack on Ukraine's energy grid" hit no army.)
      else if (type === 'ASSAULT') {
        const owners = new Set(targetIds.filter((m) => POSSESSIVE.has(tokens[afterMention(at, m, first, end)]?.text ?? '')).map((m) => doc.mentions[m]!.actor));
        target = target.map((a) => (source.some((x) => x.actor === a.actor) || owners.has(a.actor) ? a : stateSector(doc, a, 'MIL')));
      }
      const actors = (source.length > 0 ? 1 : 0) + (named ? 1 : 0);
      const event: PloverEvent = {
        id: '',
        article: doc.article.id,
        type,
        mode,
        cameo,
        source,
        target,
        date: null,
        datePrecision: 'unknown',
        negated,
        // A threat of an act to come is made now: the act, coded beside it, is the future one.
        modality: scheduled && type === 'THREATEN' ? 'asserted' : promised && c.modality === 'asserted' ? 'future' : c.modality === 'asserted' && allegedBy(tokens, first, end, quote, source, g) ? 'reported' : c.modality,
        trigger: body.slice(trigStart, trigEnd),
        triggerStart: trigStart,
        triggerEnd: trigEnd,
        quote: quote ? quote.id : null,
        confidence: Math.round(c.confidence * (0.6 + 0.2 * actors) * 100) / 100,
        rule: c.rule ?? c.match.pattern.id,
        evidence: { start: sent.start, end: sent.end, text: body.slice(sent.start, sent.end) },
        location: locationOf(doc, tokens, at, first, end, c.trigger[0], g),
      };
      coded.push(event);
      if (named && source.length > 0) dyadic.add(event);
      if (scheduled) {
        const act: PloverEvent = { ...event, ...scheduled, modality: 'future' };
        coded.push(act);
        if (named && source.length > 0) dyadic.add(act);
      }
    }
    joinHalves(coded, dyadic);
    // "Rangers detained the opposition leader ... The leader was detained at his home": an act told again
    // without its doer is the act told before on the same side, by the same doer.
    for (const e of coded) {
      if (e.negated || e.source.some((a) => a.actor !== null) || !e.target.some((a) => a.actor !== null)) continue;
      const told = earlierAct(e, events);
      if (!told) continue;
      e.source = told.source.map((a) => ({ ...a }));
      dyadic.add(e);
    }
    // One-sided events after the first are mostly background or misread clauses: a sentence
    // keeps its first event and its dyads.
    for (const e of coded.filter((x, k) => k === 0 || dyadic.has(x))) {
      // "Ghana and Togo agreed to a truce. The two presidents agreed to stop all fighting.": the
      // same act told again in the next sentence, between the same parties, is one event.
      if (retold(e, events[events.length - 1], lastSentence, sentence)) continue;
      lastSentence = sentence;
      e.id = `${doc.article.id}:e${events.length + 1}`;
      events.push(e);
      if (e.type === 'REQUEST' && e.source.length > 0) lastAppeal = e;
      if (e.type === 'ACCUSE' && e.source.some((a) => a.actor)) lastAccusation = e;
    }
  }
  return events;
}
