// The quotes stage's knowledge: data/quotes/reporting-verbs.yaml plus the
// user's `reportingVerbs` lexicon section, compiled into lookup tables.
import { readData, type UserLexicon } from '../knowledge.js';

/**
 * say: direct and indirect speech, "that" optional; that: indirect only with
 * "that"; tell: like say after the listener ("told reporters the talks …");
 * object: "accused X of …", everything after the verb is reported;
 * act: "labels China a …", gives the speaker of partial quotes only.
 */
export type Frame = 'say' | 'that' | 'tell' | 'object' | 'act';
export type PronounKind = 'person' | 'thing' | 'group';
export type PairKind = 'person' | 'party' | 'any';

/** A multi-word cue whose speaker comes after it ("according to X") or before it ("X was quoted as saying"). */
export interface Phrase {
  words: string[];
  speaker: 'after' | 'before';
}

export interface VerbEntry {
  lemma: string;
  forms?: string[];
  frame: Frame;
}

interface QuotesData {
  verbs: VerbEntry[];
  phrases: Phrase[];
  texts: string[];
  issued: string[];
  pairs: Record<string, PairKind>;
  roles: string[];
  persons: string[];
  titles: string[];
  bodies: string[];
  bodyMentions: string[];
  gendered: Record<string, string>;
  time: string[];
  pronouns: Record<string, PronounKind>;
}

export interface QuotesKnowledge {
  /** Every inflected form, lower case, to its lemma and frame. */
  verbs: Map<string, { lemma: string; frame: Frame }>;
  /** Multi-word cues, by their first word. */
  phrases: Map<string, Phrase[]>;
  texts: Set<string>;
  issued: Set<string>;
  pairs: Map<string, PairKind>;
  /** "the NATO chief": role nouns that refer back to the last person of the party. */
  roles: Set<string>;
  /** "one demonstrator", "a resident": head nouns of phrases that stand for one person. */
  persons: Set<string>;
  /** "Brig.", "Dr": abbreviated titles, never a person's name. */
  titles: Set<string>;
  /** "the foreign ministry", "police": head nouns of bodies that speak as themselves. */
  bodies: Set<string>;
  /** Rules of the actors stage whose mentions name a body by its own words ("the Kremlin": seat). */
  bodyMentions: Set<string>;
  /** Words that tell a person's gender ("she", "Mrs", "woman"), to f or m. */
  gendered: Map<string, string>;
  time: Set<string>;
  pronouns: Map<string, PronounKind>;
}

const FRAMES = new Set<Frame>(['say', 'that', 'tell', 'object', 'act']);

/** Regular -s, -ed and -ing forms of a verb lemma. */
export function inflect(lemma: string): string[] {
  const consonantY = /[^aeiou]y$/.test(lemma);
  const third = /(s|sh|ch|x|z|o)$/.test(lemma) ? `${lemma}es` : consonantY ? `${lemma.slice(0, -1)}ies` : `${lemma}s`;
  const past = lemma.endsWith('e') ? `${lemma}d` : consonantY ? `${lemma.slice(0, -1)}ied` : `${lemma}ed`;
  const ing = lemma.endsWith('e') && !lemma.endsWith('ee') ? `${lemma.slice(0, -1)}ing` : `${lemma}ing`;
  return [lemma, third, past, ing];
}

function isVerbEntry(v: unknown): v is VerbEntry {
  const e = v as VerbEntry;
  return typeof e === 'object' && e !== null && typeof e.lemma === 'string' && FRAMES.has(e.frame)
    && (e.forms === undefined || (Array.isArray(e.forms) && e.forms.every((f) => typeof f === 'string')));
}

function byFirstWord(phrases: Phrase[]): Map<string, Phrase[]> {
  const out = new Map<string, Phrase[]>();
  for (const p of phrases) {
    const list = out.get(p.words[0]!);
    if (list) list.push(p);
    else out.set(p.words[0]!, [p]);
  }
  return out;
}

export function load(user: UserLexicon = {}): QuotesKnowledge {
  const data = readData<QuotesData>('quotes', 'reporting-verbs.yaml');
  const extra = user['reportingVerbs'] ?? [];
  for (const e of extra) {
    if (!isVerbEntry(e)) throw new Error(`reportingVerbs: each entry needs a lemma and a frame (say|that|tell|object|act): ${JSON.stringify(e)}`);
  }
  const verbs = new Map<string, { lemma: string; frame: Frame }>();
  // User entries come last so that they override a shipped frame.
  for (const e of [...data.verbs, ...(extra as VerbEntry[])]) {
    const lemma = e.lemma.toLowerCase();
    const forms = e.forms ? [lemma, ...e.forms.map((f) => f.toLowerCase())] : inflect(lemma);
    for (const f of forms) verbs.set(f, { lemma, frame: e.frame });
  }
  const lower = (xs: string[]): Set<string> => new Set(xs.map((x) => x.toLowerCase()));
  return {
    verbs,
    phrases: byFirstWord(data.phrases.map((p) => ({ words: p.words.map((w) => w.toLowerCase()), speaker: p.speaker }))),
    texts: lower(data.texts),
    issued: lower(data.issued),
    pairs: new Map(Object.entries(data.pairs)),
    roles: lower(data.roles),
    persons: lower(data.persons),
    titles: lower(data.titles),
    bodies: lower(data.bodies),
    bodyMentions: lower(data.bodyMentions),
    gendered: new Map(Object.entries(data.gendered ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    time: lower(data.time),
    pronouns: new Map(Object.entries(data.pronouns)),
  };
}
