// The token view the quotes stage reads: quote marks over the tokens, and the
// noun phrases that speak (the subject left of a verb, the phrase after one).
import type { Doc, Mention, Token } from '../types.js';
import type { QuotesKnowledge } from './lexicon.js';
import { quoteSpans, type QuoteSpan } from './marks.js';

export const NP_POS = new Set(['PROPN', 'NOUN', 'DET', 'ADJ', 'PRON', 'NUM']);
// Words that start relative clauses or questions, not speakers.
const NOT_NP = new Set(['what', 'which', 'who', 'whom', 'whose', 'that', 'where', 'when', 'whatever', 'itself', 'themselves']);
// Possessives: "its mission", "Putin’s spokesman".
export const POSSESSIVE = new Set(['its', 'his', 'her', 'their', 'our', 'my', 'your', '’s', "'s", '’', "'"]);
// Tokens that join the parts of one noun phrase: "China's mission to the EU".
export const JOINERS = new Set(['’s', "'s", '’', "'", '-', 'of', 'from', 'for', 'to', 'and', '&', 'by']);
// Prepositions that place a speaker: "residents in the village", "a reporter on the ground".
export const LOCATED = new Set(['in', 'on', 'at', 'near', 'inside', 'outside']);
// Punctuation trimmed off the ends of reported speech.
export const CLOSING_PUNCT = new Set(['.', ',', ';', ':', '!', '?', '…']);

export class Text {
  protected readonly body: string;
  protected readonly tokens: Token[];
  protected readonly lower: string[];
  /** 1 for tokens inside a quote, marks included. */
  protected readonly quoted: Uint8Array;
  protected readonly spans: QuoteSpan[];

  constructor(protected readonly doc: Doc, protected readonly kb: QuotesKnowledge) {
    this.body = doc.article.body;
    this.tokens = doc.tokens;
    this.lower = doc.tokens.map((t) => t.text.toLowerCase());
    this.spans = quoteSpans(this.body, doc.paragraphs);
    this.quoted = new Uint8Array(this.tokens.length);
    for (const s of this.spans) {
      for (let i = this.tokenFrom(s.open); i < this.tokens.length && this.tokens[i]!.start <= s.close; i++) this.quoted[i] = 1;
    }
  }

  /** Index of the first token starting at or after `offset`. */
  protected tokenFrom(offset: number): number {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tokens[mid]!.start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  protected isNp(i: number): boolean {
    const t = this.tokens[i];
    if (t === undefined || this.quoted[i] || NOT_NP.has(this.lower[i]!)) return false;
    // Names that wink reads as words ("Jonas Lie said") are still names.
    return NP_POS.has(t.pos) || (t.pos === 'VERB' && /^\p{Lu}/u.test(t.text) && !this.kb.verbs.has(this.lower[i]!));
  }

  protected isPunct(i: number): boolean {
    return this.tokens[i]!.type === 'punctuation';
  }

  /** Adverbs, auxiliaries and time phrases between a speaker and its verb. */
  protected isFiller(i: number): boolean {
    const t = this.tokens[i]!;
    const w = this.lower[i]!;
    if (t.pos === 'ADV' || t.pos === 'AUX' || (t.pos === 'PART' && w === 'not') || this.kb.time.has(w)) return true;
    return (t.pos === 'ADP' || t.pos === 'DET' || t.pos === 'ADJ') && this.kb.time.has(this.lower[i + 1] ?? '');
  }

  protected sentenceStart(i: number): number {
    return this.doc.sentences[this.tokens[i]!.sentence]!.firstToken;
  }

  protected sentenceEnd(i: number): number {
    return this.doc.sentences[this.tokens[i]!.sentence]!.endToken;
  }

  protected hasWords(from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (!this.isPunct(i)) return true;
    return false;
  }

  /**
   * The noun phrase that a verb's subject is ("officials in Beijing"), skipping
   * "on Thursday" and ", in a statement,".
   */
  protected subjectLeft(v: number): [number, number] | null {
    const s0 = this.sentenceStart(v);
    let i = v - 1;
    // An apposition belongs to the speaker: "Germany's foreign minister, Annalena Baerbock, said".
    let spanEnd = -1;
    while (i >= s0) {
      if (this.isFiller(i)) {
        i--;
        continue;
      }
      if (this.lower[i] === ',') {
        const j = this.parentheticalStart(i, s0);
        if (j >= 0) {
          if (spanEnd < 0 && this.isApposition(j + 1, i)) spanEnd = i;
          i = j - 1;
          continue;
        }
      }
      // "the Economic Community of West African States (ECOWAS) said": the bracket is the speaker's.
      if (this.lower[i] === ')') {
        let j = i - 1;
        while (j > s0 && i - j <= 6 && this.lower[j] !== '(' && this.lower[j] !== ')') j--;
        if (this.lower[j] === '(' && j > s0 && this.isNp(j - 1)) {
          if (spanEnd < 0) spanEnd = i + 1;
          i = j - 1;
        }
      }
      break;
    }
    if (i < s0 || !this.isNp(i)) return null;
    const end = i + 1;
    let start = end;
    while (i >= s0 && end - i <= 12) {
      if (this.isNp(i)) start = i;
      else if (!((JOINERS.has(this.lower[i]!) || LOCATED.has(this.lower[i]!)) && i > s0 && this.isNp(i - 1))) break;
      i--;
    }
    // "some 4,000 confirmed dead": a number is no speaker ("the two said" is).
    if (this.tokens[end - 1]!.pos === 'NUM' && this.lower[end - 2] !== 'the') return null;
    // "residents that Reuters reached by phone said": the object of a relative clause is not
    // the subject; the phrase the clause describes is.
    const before = this.tokens[start - 1];
    if (spanEnd < 0 && before && start - 1 >= s0 && (before.pos === 'ADP' || before.pos === 'VERB')) {
      for (let r = start - 2; r > s0 && start - r <= 12 && !this.isPunct(r); r--) {
        if ((this.lower[r] === 'that' || this.lower[r] === 'who' || this.lower[r] === 'whom') && this.isNp(r - 1)) return this.subjectLeft(r);
      }
    }
    return [start, spanEnd > 0 ? spanEnd : end];
  }

  /** The noun phrase a sentence opens with (after "In recent months,"), when a verb follows it. */
  protected sentenceSubject(before: number): [number, number] | null {
    const s0 = this.sentenceStart(before);
    let k = s0;
    if (this.tokens[s0]!.pos === 'ADP' || this.tokens[s0]!.pos === 'ADV') {
      while (k < before && this.lower[k] !== ',') k++;
      k++;
    }
    const np = this.npRight(k, before);
    if (!np) return null;
    let j = np[1];
    while (j < before && this.isFiller(j)) j++;
    return this.tokens[j]?.pos === 'VERB' ? np : null;
  }

  /**
   * For ", in a statement released at a summit," or an apposition
   * (", the foreign minister,") ending at comma `i`: the opening comma.
   */
  protected parentheticalStart(i: number, s0: number): number {
    for (let j = i - 1; j >= s0 && i - j <= 20; j--) {
      if (this.lower[j] !== ',') continue;
      const first = this.tokens[j + 1]!;
      const inserted = first.pos === 'ADP' || first.pos === 'ADV' || first.pos === 'VERB' || this.lower[j + 1] === 'who' || this.kb.time.has(this.lower[j + 1]!);
      return inserted || (j > s0 && this.isNp(j - 1) && this.isApposition(j + 1, i)) ? j : -1;
    }
    return -1;
  }

  /**
   * "Lin Jian, a ministry spokesman, said", "said Sierra Leone's ambassador, Michael Kanu.",
   * "X, the party's adviser, and its leader, said": for a noun phrase ending at `j`, the end
   * of its appositions (or `j`) and the token after them.
   */
  protected appositionEnd(j: number, sEnd: number): [number, number] {
    let out: [number, number] = [j, j];
    let chained = false;
    while (this.lower[j] === ',') {
      let c = j + 1;
      while (c < sEnd && c - j <= 16 && !CLOSING_PUNCT.has(this.lower[c]!)) c++;
      if (c === j + 1 || (c < sEnd && !CLOSING_PUNCT.has(this.lower[c]!))) break;
      // "the official, who asked not to be named, said": a relative clause is skipped, not named.
      if (this.lower[j + 1] === 'who') return [out[0], c + 1];
      const a = chained && this.lower[j + 1] === 'and' ? j + 2 : j + 1;
      // ", speaking at the summit,", ", in a statement,": skipped, not named.
      const first = this.tokens[a]!;
      if (this.lower[c] === ',' && (first.pos === 'ADP' || first.pos === 'ADV' || (first.pos === 'VERB' && this.lower[a]!.endsWith('ing')) || this.kb.time.has(this.lower[a]!))) {
        out = [out[0], c + 1];
        j = c;
        continue;
      }
      if (!this.isApposition(a, c)) break;
      out = [c, c + 1];
      chained = true;
      j = c;
    }
    return out;
  }

  /**
   * Tokens [a, b) form a noun phrase such as "a ministry spokesman", "China's foreign minister",
   * "head of the consular section in Quito" or "leader of the People's Party (PP)".
   */
  protected isApposition(a: number, b: number): boolean {
    if (b <= a || b - a > 14) return false;
    for (let k = a; k < b; k++) {
      const w = this.lower[k]!;
      if (this.isNp(k) || JOINERS.has(w) || w === '(' || w === ')') continue;
      if (w === 'in' && k > a && this.isNp(k + 1)) continue;
      return false;
    }
    return true;
  }

  /**
   * A noun phrase starting at token `i`: "Lin", "a statement from its mission to the EU".
   * With `located`, "in" joins too ("the embassy in Washington"): only where a verb must follow.
   */
  protected npRight(i: number, sEnd: number, located = false): [number, number] | null {
    if (i >= sEnd || !this.isNp(i) || this.kb.time.has(this.lower[i]!)) return null;
    let end = i + 1;
    let j = i + 1;
    while (j < sEnd && j - i < 14) {
      // A determiner after a noun opens the next phrase: "told reporters | the border …".
      if (this.tokens[j]!.pos === 'DET' && j === end) break;
      if (this.isNp(j)) end = ++j;
      // A hyphen binds a time word into the phrase: "a 30-year-old protester".
      else if ((JOINERS.has(this.lower[j]!) || (located && this.lower[j] === 'in')) && this.isNp(j + 1) && (this.lower[j] === '-' || !this.kb.time.has(this.lower[j + 1]!))) j++;
      else break;
    }
    return [i, end];
  }

  /** "statement", "declaration" written in lower case: "The Washington Post" is a name, not a text. */
  protected isTextNoun(i: number): boolean {
    return this.kb.texts.has(this.lower[i]!) && this.tokens[i]!.text === this.lower[i] && this.tokens[i]!.pos !== 'VERB';
  }

  protected isPlural([a, b]: [number, number]): boolean {
    const head = this.tokens[b - 1]!;
    if (this.kb.pronouns.get(this.lower[b - 1]!) === 'group') return true;
    if (head.pos === 'NOUN' && head.lemma !== this.lower[b - 1] && this.lower[b - 1]!.endsWith('s')) return true;
    for (let i = a; i < b; i++) if (this.lower[i] === 'and') return true;
    return false;
  }

  /** Index of the first mention starting at or after `offset`. */
  protected mentionFrom(offset: number): number {
    const ms = this.doc.mentions;
    let lo = 0;
    let hi = ms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ms[mid]!.start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  protected mentionsIn(start: number, end: number): Mention[] {
    const ms = this.doc.mentions;
    const out: Mention[] = [];
    for (let i = this.mentionFrom(start); i < ms.length && ms[i]!.start < end; i++) if (ms[i]!.end <= end) out.push(ms[i]!);
    return out;
  }
}
