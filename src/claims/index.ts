// The claims stage: propositions asserted by some actors and denied by others.
// Statements are the events' evidence and the quotes. A statement asserts a
// claim when a template's cue matches it and its author is not the accused;
// the accused denies it with the template's own denials anywhere in the
// corpus, or with a general rebuttal ("blatant lies") in the same story.
// Templates and cues are data (data/claims/*.yaml), extendable with the
// `claims` and `rebuttals` sections of user lexicon files.
import { readData, type UserLexicon } from '../knowledge.js';
import { hashString } from '../stories/hash.js';
import type { Claim, ClaimEvidence, Doc, Mention } from '../types.js';
import { anyOf, exec, isPlain, pattern, test, type Pattern } from './patterns.js';

interface SlotSpec {
  followedBy?: string;
  precededBy?: string;
  fallback?: 'asserter';
}

interface TemplateSpec {
  id: string;
  proposition: string;
  frame?: 'war';
  assert: string[];
  deny?: string[];
  slots?: Record<string, SlotSpec>;
  /** Where to find the accused after the cue when no subject precedes it. */
  accused?: SlotSpec;
}

interface Template {
  id: string;
  proposition: string;
  frame: boolean;
  assert: Pattern[];
  deny: Pattern[];
  slots: Slot[];
  accused: Slot | null;
}

interface Slot {
  name: string;
  followedBy: RegExp | null;
  precededBy: RegExp | null;
  fallback: 'asserter' | null;
}

function compileSlot(name: string, s: SlotSpec): Slot {
  return {
    name,
    followedBy: s.followedBy ? rx(`^${s.followedBy}`) : null,
    precededBy: s.precededBy ? rx(`${s.precededBy}$`) : null,
    fallback: s.fallback ?? null,
  };
}

interface GenericSpec {
  id: string;
  proposition: string;
  patterns: string[];
}

interface Rules {
  templates: Template[];
  /** The fallback accusation template, with `who`/`what` patterns (match indices on). */
  generic: { template: Template; patterns: Pattern[] } | null;
  rebuttals: Pattern[];
  asserting: Set<string>;
  negators: Pattern;
  /** Matches wherever any assert, deny, rebuttal or generic pattern would: a statement it misses holds no cue. */
  anyCue: RegExp | null;
}

const rx = (p: string) => new RegExp(p, 'iu');
const cue = (p: string) => pattern(p, 'iu');

function compile(spec: TemplateSpec): Template {
  return {
    id: spec.id,
    proposition: spec.proposition,
    frame: spec.frame === 'war',
    assert: spec.assert.map(cue),
    deny: (spec.deny ?? []).map(cue),
    slots: Object.entries(spec.slots ?? {}).map(([name, s]) => compileSlot(name, s)),
    accused: spec.accused ? compileSlot('accused', spec.accused) : null,
  };
}

const cache = new WeakMap<UserLexicon, Rules>();
const shipped: UserLexicon = {};

export function loadRules(user: UserLexicon = shipped): Rules {
  let rules = cache.get(user);
  if (rules) return rules;
  const { templates, asserting, negators, generic } = readData<{ templates: TemplateSpec[]; asserting: string[]; negators: string; generic?: GenericSpec }>(
    'claims',
    'claims.yaml',
  );
  const rebuttals = readData<{ rebuttals: { id: string; pattern: string }[] }>('claims', 'rebuttals.yaml').rebuttals;
  templates.push(...((user.claims ?? []) as TemplateSpec[]));
  rebuttals.push(...((user.rebuttals ?? []) as { id: string; pattern: string }[]));
  const compiled = templates.map(compile);
  const genericRules = generic
    ? { template: compile({ id: generic.id, proposition: generic.proposition, assert: [] }), patterns: generic.patterns.map((p) => pattern(p, 'iud')) }
    : null;
  const rebuttalPatterns = rebuttals.map((r) => cue(r.pattern));
  rules = {
    templates: compiled,
    generic: genericRules,
    rebuttals: rebuttalPatterns,
    asserting: new Set(asserting),
    negators: cue(negators),
    anyCue: anyOf([...compiled.flatMap((t) => [...t.assert, ...t.deny]), ...rebuttalPatterns, ...(genericRules?.patterns ?? [])]),
  };
  cache.set(user, rules);
  return rules;
}

/** Something said or done with an author: an event's evidence or a quote. */
interface Statement {
  doc: Doc;
  kind: 'event' | 'quote';
  id: string;
  text: string;
  start: number;
  authors: string[];
  /** Whether the statement can accuse: a quote, or an event of an asserting type. */
  accuses: boolean;
  negated: boolean;
  /** Whether the text takes the plain pattern twins (patterns.ts). */
  plain: boolean;
}

function statements(doc: Doc, rules: Rules): Statement[] {
  const out: Statement[] = [];
  const codes = (xs: { actor: string | null }[]) => {
    const out: string[] = [];
    for (const x of xs) if (x.actor && !out.includes(x.actor)) out.push(x.actor);
    return out;
  };
  for (const e of doc.events) {
    // An event inside a quote is the quote's speaker's account: the quote is the statement.
    const accuses = rules.asserting.has(e.type) && e.quote === null;
    const text = e.evidence.text;
    out.push({ doc, kind: 'event', id: e.id, text, start: e.evidence.start, authors: codes(e.source), accuses, negated: e.negated, plain: isPlain(text) });
  }
  for (const q of doc.quotes) {
    // Scare quotes and titles assert nothing on anyone's behalf.
    if (q.kind === 'scare') continue;
    // A partial quote ("strong concern") says little alone: its speaker stands behind the whole sentence.
    const sentence = q.kind === 'partial' ? sentenceAround(doc, q.start, q.end) : undefined;
    const [start, end] = sentence ? [sentence.start, sentence.end] : [q.start, q.end];
    const authors = q.speaker?.actor ? [q.speaker.actor] : [];
    const text = doc.article.body.slice(start, end);
    out.push({ doc, kind: 'quote', id: q.id, text, start, authors, accuses: true, negated: false, plain: isPlain(text) });
  }
  return out;
}

/** The first index of `xs` (sorted by `key`) whose key is `value` or more. */
function lowerBound<T>(xs: readonly T[], value: number, key: (x: T) => number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(xs[mid]!) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A document's coded mentions in order of start, and what each frame slot finds
 * in its whole body. Every statement looks up the mentions of its own span, and
 * a frame slot falls back to the whole body: scanning all mentions for each
 * statement made the stage grow with the square of an article's size.
 */
interface DocIndex {
  /** The mention list indexed: a Doc given new mentions gets a new index. */
  of: Mention[];
  coded: Mention[];
  frames: Map<Slot, string[]>;
}
const indexes = new WeakMap<Doc, DocIndex>();

function indexOf(doc: Doc): DocIndex {
  let index = indexes.get(doc);
  if (!index || index.of !== doc.mentions) {
    index = { of: doc.mentions, coded: doc.mentions.filter((m) => m.actor).sort((a, b) => a.start - b.start), frames: new Map() };
    indexes.set(doc, index);
  }
  return index;
}

function mentionsIn(doc: Doc, start: number, end: number): Mention[] {
  const coded = indexOf(doc).coded;
  const out: Mention[] = [];
  for (let i = lowerBound(coded, start, (m) => m.start); i < coded.length && coded[i]!.start < end; i++) {
    if (coded[i]!.end <= end) out.push(coded[i]!);
  }
  return out;
}

/** The sentence holding `[start, end)`, found by halving (sentences are in text order). */
function sentenceAround(doc: Doc, start: number, end: number): Doc['sentences'][number] | undefined {
  const i = lowerBound(doc.sentences, start + 1, (x) => x.start) - 1;
  const sentence = doc.sentences[i];
  return sentence && sentence.start <= start && end <= sentence.end ? sentence : undefined;
}

function fits(body: string, m: Mention, from: number, slot: Slot): boolean {
  const after = body.slice(m.end, m.end + 40);
  const before = body.slice(Math.max(from, m.start - 40), m.start);
  return Boolean((slot.followedBy && slot.followedBy.test(after)) || (slot.precededBy && slot.precededBy.test(before)));
}

/** Actor of the first mention in `[start, end)` that fits the slot. */
function fillSlot(doc: Doc, start: number, end: number, slot: Slot, taken: Set<string>): string | null {
  const body = doc.article.body;
  for (const m of mentionsIn(doc, start, end)) {
    if (!taken.has(m.actor!) && fits(body, m, start, slot)) return m.actor;
  }
  return null;
}

/**
 * `fillSlot` over the whole body, computed once per document and slot: the
 * actors that fit it, each at its first fitting mention, in text order. The
 * first of them not taken is the answer `fillSlot` would give.
 */
function fillFrame(doc: Doc, slot: Slot, taken: Set<string>): string | null {
  const index = indexOf(doc);
  let actors = index.frames.get(slot);
  if (!actors) {
    const found = new Set<string>();
    for (const m of index.coded) if (!found.has(m.actor!) && fits(doc.article.body, m, 0, slot)) found.add(m.actor!);
    index.frames.set(slot, (actors = [...found]));
  }
  return actors.find((a) => !taken.has(a)) ?? null;
}

/** An accusation's subject sits right before its cue ("Beijing is fuelling", "accused China of arming"). */
const SUBJECT_GAP = 48;

/**
 * The actors named as the subject of the cue at body offset `cue`: the nearest
 * mention before it, with any actors coordinated with it ("Pyongyang and
 * Tehran were fueling"). Empty when there is none close enough.
 */
function subjectBefore(doc: Doc, from: number, cue: number): Mention[] {
  const body = doc.article.body;
  // "Russia's defence sector": a possessive names whose, not who.
  const before = mentionsIn(doc, from, cue).filter((m) => !m.place && !/^\s*['’]s\b/.test(body.slice(m.end, m.end + 3)));
  let i = before.length - 1;
  if (i < 0 || cue - before[i]!.end > SUBJECT_GAP || /[.;:!?]/.test(body.slice(before[i]!.end, cue))) return [];
  const group = [before[i]!];
  for (; i > 0; i--) {
    if (!/^\s*(,|and|,\s*and)\s*$/i.test(body.slice(before[i - 1]!.end, before[i]!.start))) break;
    group.unshift(before[i - 1]!);
  }
  return group;
}

interface Building {
  claim: Claim;
  template: Template;
  accused: string;
  stories: Set<string>;
  /** Evidence already recorded, as article, id and side. */
  recorded: Set<string>;
}

/** The earliest match of any of the patterns: where the cue starts decides whose statement it is. */
function firstMatch(patterns: Pattern[], s: Statement): RegExpExecArray | null {
  let best: RegExpExecArray | null = null;
  for (const p of patterns) {
    const m = exec(p, s.text, s.plain);
    if (m && (!best || m.index < best.index)) best = m;
  }
  return best;
}

export function annotate(docs: Doc[], user?: UserLexicon): Claim[] {
  const rules = loadRules(user);
  // A statement no cue pattern matches can neither assert nor deny.
  const all = docs.flatMap((d) => statements(d, rules)).filter((s) => !rules.anyCue || !s.plain || rules.anyCue.test(s.text));
  const claims = new Map<string, Building>();
  const addEvidence = (b: Building, s: Statement, side: 'assert' | 'deny') => {
    const key = `${s.doc.article.id}\u0000${s.id}\u0000${side}`;
    if (b.recorded.has(key)) return;
    b.recorded.add(key);
    const ev: ClaimEvidence = { article: s.doc.article.id, kind: s.kind, id: s.id, side };
    b.claim.evidence.push(ev);
  };

  const propose = (t: Template, s: Statement, accused: string, extra: Record<string, string> = {}): boolean => {
    const asserters = s.authors.filter((a) => a !== accused);
    if (asserters.length === 0) return false;
    const values: Record<string, string> = { ...extra, accused };
    const taken = new Set([accused, ...asserters]);
    for (const slot of t.slots) {
      const v =
        fillSlot(s.doc, s.start, s.start + s.text.length, slot, taken) ??
        (t.frame ? fillFrame(s.doc, slot, taken) : null) ??
        (slot.fallback === 'asserter' ? asserters[0]! : null);
      if (!v) return false;
      values[slot.name] = v;
      taken.add(v);
    }
    const proposition = t.proposition.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? k);
    let b = claims.get(proposition);
    if (!b) {
      b = {
        claim: { id: `claim-${hashString(proposition).toString(16).padStart(8, '0')}`, proposition, assertedBy: [], deniedBy: [], evidence: [] },
        template: t,
        accused,
        stories: new Set(),
        recorded: new Set(),
      };
      claims.set(proposition, b);
    }
    for (const a of asserters) if (!b.claim.assertedBy.includes(a)) b.claim.assertedBy.push(a);
    if (s.doc.article.story) b.stories.add(s.doc.article.story);
    addEvidence(b, s, 'assert');
    return true;
  };

  const proposeGeneric = (g: NonNullable<Rules['generic']>, s: Statement) => {
    for (const p of g.patterns) {
      const m = exec(p, s.text, s.plain);
      const who = m?.indices?.groups?.who;
      const what = m?.groups?.what;
      if (!m || !who || !what || test(rules.negators, s.text.slice(Math.max(0, m.index - 30), m.index), s.plain)) continue;
      const charge = what.replace(/["“”‘’]/g, '').replace(/\s+/g, ' ').trim();
      const named = mentionsIn(s.doc, s.start + who[0], s.start + who[1]).filter((x) => !x.place && !s.authors.includes(x.actor!));
      for (const x of named) propose(g.template, s, x.actor!, { what: charge });
      return;
    }
  };

  for (const s of all) {
    if (!s.accuses || s.negated || s.authors.length === 0) continue;
    let found = false;
    for (const t of rules.templates) {
      const cue = firstMatch(t.assert, s);
      if (!cue || firstMatch(t.deny, s) || test(rules.negators, s.text.slice(Math.max(0, cue.index - 30), cue.index), s.plain)) continue;
      const subject = subjectBefore(s.doc, s.start, s.start + cue.index);
      if (subject.length > 0 && !subject.some((m) => s.authors.includes(m.actor!))) {
        for (const m of subject) found = propose(t, s, m.actor!) || found;
        continue;
      }
      // A nominal cue names the accused after it ("the flow of weapons from Chinese firms").
      const after = t.accused && fillSlot(s.doc, s.start + cue.index, s.start + s.text.length, t.accused, new Set(s.authors));
      if (after) found = propose(t, s, after) || found;
    }
    if (!found && rules.generic) proposeGeneric(rules.generic, s);
  }

  const byAccused = new Map<string, Building[]>();
  for (const b of claims.values()) {
    const list = byAccused.get(b.accused);
    if (list) list.push(b);
    else byAccused.set(b.accused, [b]);
  }
  for (const s of all) {
    // Only the accused can deny: an author, or for an uncoded source any actor named in the statement.
    const who = s.authors.length > 0 ? s.authors : [...new Set(mentionsIn(s.doc, s.start, s.start + s.text.length).map((m) => m.actor!))];
    // The same for every claim against the statement's actors, so found once.
    let rebuttal: RegExpExecArray | null | undefined;
    for (const b of who.flatMap((a) => byAccused.get(a) ?? [])) {
      const specific = firstMatch(b.template.deny, s);
      const sameStory = s.doc.article.story === null || b.stories.has(s.doc.article.story);
      const general = specific || !sameStory ? null : rebuttal === undefined ? (rebuttal = firstMatch(rules.rebuttals, s)) : rebuttal;
      const cue = specific ?? general;
      if (!cue) continue;
      // An uncoded source ("Beijing has denied ..."): the denier is the cue's subject.
      const denies = s.authors.length > 0 ? s.authors.includes(b.accused) : subjectBefore(s.doc, s.start, s.start + cue.index).some((m) => m.actor === b.accused);
      if (!denies) continue;
      if (!b.claim.deniedBy.includes(b.accused)) b.claim.deniedBy.push(b.accused);
      addEvidence(b, s, 'deny');
    }
  }
  return [...claims.values()].map((b) => b.claim);
}
