// Pronouns: "he"/"she" to the last fitting person, the speaker of the sentence
// before when the current one names none; "it" to the subject body or country;
// "they" only to a group of people. Conservative by design: no antecedent, no mention.
import type { EntityKind, Mention, Sentence } from '../types.js';
import type { Gazetteer, Gender } from './gazetteer.js';
import type { Word } from './words.js';

export const SUBJECT_POS = new Set(['VERB', 'AUX']);

export interface Found {
  m: Mention;
  kind: EntityKind;
  i: number;
  j: number;
  sentence: number;
  /** Role head word of a group mention, for "the mission" back-references. */
  head?: string;
  /** A group of people ("Russian troops"): "they", not "it". */
  plural?: boolean;
  /** The body or organisation a person was titled by ("Hezbollah leader X"), for "the group". */
  via?: string;
}

export interface PersonInfo {
  id: string;
  name: string;
  actor: string | null;
  sector: string | null;
  role: string | null;
  gender: Gender | null;
  /** Titled by a name the gazetteer does not know ("Microsoft President X"): no country is inferred. */
  foreignOwner?: boolean;
}

/** Which words stand inside quotation marks; a paragraph closes any quote left open. */
function quotedWords(words: Word[], sentences: Sentence[]): Uint8Array {
  const quoted = new Uint8Array(words.length);
  let open = false;
  let paragraph = -1;
  words.forEach((w, k) => {
    const p = sentences[w.sentence]?.paragraph ?? -1;
    if (p !== paragraph) {
      paragraph = p;
      open = false;
    }
    if (w.text === '\u201c' || (w.text === '"' && !open)) open = true;
    else if (w.text === '\u201d' || w.text === '"') open = false;
    else if (open) quoted[k] = 1;
  });
  return quoted;
}

export function resolvePronouns(words: Word[], sentences: Sentence[], found: Found[], people: Map<string, PersonInfo>, kb: Gazetteer): Found[] {
  const out: Found[] = [];
  const quoted = quotedWords(words, sentences);
  const bySentence = new Map<number, Found[]>();
  const n = words.length;
  const isSubject = (f: Found): boolean => f.j < n && SUBJECT_POS.has(words[f.j]!.pos);
  const isSpeaker = (f: Found): boolean =>
    (f.j < n && kb.reportingVerbs.has(words[f.j]!.lemma) && words[f.j]!.pos === 'VERB') ||
    (f.i > 0 && kb.reportingVerbs.has(words[f.i - 1]!.lemma) && words[f.i - 1]!.pos === 'VERB');
  let fi = 0;
  const push = (f: Found): void => {
    out.push(f);
    const list = bySentence.get(f.sentence) ?? [];
    list.push(f);
    bySentence.set(f.sentence, list);
  };
  for (let k = 0; k < n; k++) {
    while (fi < found.length && found[fi]!.i <= k) push(found[fi++]!);
    const w = words[k]!;
    const kind = w.pos === 'PRON' || w.pos === 'DET' ? kb.pronouns.get(w.fold) : undefined;
    if (kind === undefined) continue;
    if (kind === 'thing' && w.fold === 'it' && !referentialIt(words, k, kb)) continue;
    const fits = (f: Found): boolean => {
      if (f.m.place || f.m.rule === 'adjective') return false;
      // '"... NATO ...," it said': outside a quote, what the quote names is not the speaker.
      if (!quoted[k] && quoted[f.i]) return false;
      if (kind === 'm' || kind === 'f') {
        if (f.kind !== 'person') return false;
        const g = people.get(f.m.entity)?.gender ?? null;
        return g === null || g === kind;
      }
      // A body speaks through its members: "NATO leaders said ... it said".
      if (kind === 'thing') return f.kind !== 'person' && (f.plural !== true || f.kind === 'igo');
      // "they" after "China and Russia" means both: only a group stands for a plural alone.
      return f.plural === true;
    };
    let antecedent: Found | undefined;
    // "In its statement, Beijing said": a possessive before the subject looks ahead to it.
    if (kind !== 'm' && kind !== 'f' && k > 0 && words[k - 1]!.pos === 'ADP' && (k === 1 || words[k - 2]!.sentence !== w.sentence)) {
      for (let a = fi; a < found.length && found[a]!.sentence === w.sentence && !antecedent; a++) {
        if (fits(found[a]!) && isSubject(found[a]!)) antecedent = found[a];
      }
    }
    // "he had no time for him": an object pronoun is not the subject pronoun before it.
    const object = w.fold === 'him';
    const here = (bySentence.get(w.sentence) ?? []).filter((f) => f.j <= k && fits(f) && !(object && f.m.rule === 'pronoun'));
    if (here.length > 0 && !antecedent) {
      // "X refused to meet Y, saying he ...": after a reporting verb, the subject speaks.
      const reported = (w.fold === 'he' || w.fold === 'she') && k > 0 && words[k - 1]!.pos === 'VERB' && kb.reportingVerbs.has(words[k - 1]!.lemma);
      if (kind === 'm' || kind === 'f') antecedent = (reported ? here.find(isSubject) : undefined) ?? here[here.length - 1];
      // "fired at protesters and arrested them", "some of them stoned officers": the object pronoun is the
      // group told last, not the clause's subject.
      else if (w.fold === 'them') antecedent = here[here.length - 1];
      else {
        // "the UN and its Security Council"
        const joined = k > 0 && words[k - 1]!.pos === 'CCONJ' ? here.find((f) => f.j === k - 1) : undefined;
        antecedent = joined ?? [...here].reverse().find(isSubject) ?? here[0];
      }
    }
    const reach = kind === 'plural' ? 1 : 3;
    for (let s = w.sentence - 1; !antecedent && s >= w.sentence - reach && s >= 0; s--) {
      const there = (bySentence.get(s) ?? []).filter(fits);
      if (there.length === 0) continue;
      antecedent = kind === 'm' || kind === 'f' ? there.find(isSpeaker) ?? there[0] : there.find(isSubject) ?? there[0];
    }
    if (!antecedent) continue;
    const a = antecedent.m;
    push({
      m: { entity: a.entity, start: w.start, end: w.end, text: w.text, actor: a.actor, sector: a.sector, rule: 'pronoun', anaphor: true },
      kind: antecedent.kind,
      i: k,
      j: k + 1,
      sentence: w.sentence,
      head: antecedent.head,
      plural: antecedent.plural,
    });
  }
  while (fi < found.length) push(found[fi++]!);
  return out;
}

/** "it said", "said it would": subject "it" before a verb, not "it is" or "call it". */
function referentialIt(words: Word[], k: number, kb: Gazetteer): boolean {
  const prev = k > 0 ? words[k - 1]! : null;
  const object = prev !== null && prev.sentence === words[k]!.sentence && (prev.pos === 'VERB' || prev.pos === 'ADP' || prev.pos === 'AUX');
  if (object && !(prev.pos === 'VERB' && kb.reportingVerbs.has(prev.lemma))) return false;
  const next = words[k + 1];
  if (!next || !SUBJECT_POS.has(next.pos) || next.lemma === 'be') return false;
  const after = words[k + 2];
  return !(after && (after.lemma === 'be' || after.lemma === 'seem' || after.lemma === 'appear'));
}

