// The quotes stage: direct, partial and indirect speech with speakers.
//
// Quote marks are paired first (marks.ts). Reporting cues (verbs and phrases
// from data/quotes) are found outside quotes, each with the noun phrase that
// speaks: the subject on its left, or the phrase after an inverted "said X".
// Quotes take the cue that attributes them; cues that attribute no direct
// quote become indirect speech. Speaker spans become speakers through the
// actors stage's mentions, text nouns ("the statement said"), pairs ("both
// sides"), back-references ("the mission") and pronouns, in document order so
// that "he said" can fall back on who spoke last.
import type { Doc, Entity, Mention, Quote, Speaker, Token } from '../types.js';
import type { Frame, QuotesKnowledge } from './lexicon.js';
import { quoteSpans, type QuoteSpan } from './marks.js';

export { load, type QuotesKnowledge } from './lexicon.js';

interface Cue {
  tok: number;
  /** Token after the cue's words. */
  after: number;
  frame: Frame | 'according';
  sentence: number;
  /** Speaker span [first, end) in tokens, or null when the cue shares an earlier cue's subject. */
  subject: [number, number] | null;
  /** Attributes a direct quote, so it is no indirect speech of its own. */
  used: boolean;
  /** No subject and no earlier cue to share one with ("called for written guarantees"). */
  orphan: boolean;
  /** The subject is the sentence's, not the verb's own neighbour ("X agreed, calling …"). */
  inferred?: boolean;
  speaker?: Resolved | null;
}

interface Resolved {
  speaker: Speaker;
  speakers?: Speaker[];
  person: boolean;
  how: string;
}

interface HistoryEntry {
  pos: number;
  paragraph: number;
  span: string;
  /** "NATO leaders", "Putin and Xi", "they": what "they" can refer to. */
  plural: boolean;
  who: Resolved;
}

const NP_POS = new Set(['PROPN', 'NOUN', 'DET', 'ADJ', 'PRON', 'NUM']);
// Words that start relative clauses or questions, not speakers.
const NOT_NP = new Set(['what', 'which', 'who', 'whom', 'whose', 'that', 'where', 'when', 'whatever', 'itself', 'themselves']);
const POSSESSIVE = new Set(['its', 'his', 'her', 'their', 'our', 'my', 'your', '’s', "'s", '’', "'"]);
// Relative words before a subject whose clause lacks a part ("what they say is").
const EXTRACTED = new Set(['what', 'which', 'that', 'whom', 'whatever']);
// Tokens that join the parts of one noun phrase: "China's mission to the EU".
const JOINERS = new Set(['’s', "'s", '’', "'", '-', 'of', 'from', 'for', 'to', 'and', '&', 'by']);
// Words that, after a comma, leave reported speech for the reporter's own clause.
const ASIDE = new Set(['as', 'while', 'whereas', 'although', 'though', 'amid']);
const CLOSING_PUNCT = new Set(['.', ',', ';', ':', '!', '?', '…']);
// "the mission said" looks back this many tokens for the phrase it refers to.
const BACK_REFERENCE_REACH = 2000;
// "it said" looks back this many paragraphs for the statement that "it" is.
const TEXT_REACH = 4;

export function annotate(doc: Doc, kb: QuotesKnowledge): Quote[] {
  return new Reader(doc, kb).run();
}

class Reader {
  private readonly body: string;
  private readonly tokens: Token[];
  private readonly lower: string[];
  /** 1 for tokens inside a quote, marks included. */
  private readonly quoted: Uint8Array;
  private readonly spans: QuoteSpan[];
  private readonly cues: Cue[] = [];
  private readonly cueAt = new Map<number, Cue>();
  private readonly entities = new Map<string, Entity>();
  private readonly history: HistoryEntry[] = [];
  private readonly textNouns: number[] = [];
  private readonly issuers = new Map<number, Resolved | null>();

  constructor(private readonly doc: Doc, private readonly kb: QuotesKnowledge) {
    this.body = doc.article.body;
    this.tokens = doc.tokens;
    this.lower = doc.tokens.map((t) => t.text.toLowerCase());
    this.spans = quoteSpans(this.body, doc.paragraphs);
    this.quoted = new Uint8Array(this.tokens.length);
    for (const s of this.spans) {
      for (let i = this.tokenFrom(s.open); i < this.tokens.length && this.tokens[i]!.start <= s.close; i++) this.quoted[i] = 1;
    }
    for (const e of doc.entities) this.entities.set(e.id, e);
  }

  run(): Quote[] {
    this.findCues();
    const direct = this.attributeQuotes();
    // Speakers in document order: pronouns and back-references look at what came before.
    for (const cue of this.cues) this.speakerOf(cue);
    const out: Quote[] = [];
    let lastQuote: { paragraph: number; end: number; who: Resolved | null } | null = null;
    for (const q of direct) {
      let who = q.cue ? this.speakerOf(q.cue) : null;
      let rule = q.rule;
      if (!who && q.kind === 'direct' && lastQuote?.who && this.continues(lastQuote, q.span)) {
        who = lastQuote.who;
        rule = 'direct-continuation';
      } else if (!who && q.kind === 'direct') {
        // "Lin said trade was legal.¶“We oppose sanctions.”": the paraphrase's speaker goes on.
        const cue = this.reportBefore(q.span, lastQuote?.end ?? -1);
        if (cue) [who, rule] = [this.speakerOf(cue), 'direct-after-report'];
      }
      out.push(this.quote(q.kind, q.span.start, q.span.end, q.cue, who, rule));
      lastQuote = { paragraph: q.span.paragraph, end: q.span.close, who };
    }
    for (const cue of this.cues) {
      if (cue.used || cue.orphan || cue.frame === 'act') continue;
      const found = this.indirect(cue);
      const who = this.speakerOf(cue);
      if (found && who) out.push(this.quote('indirect', found.start, found.end, cue, who, found.rule));
    }
    out.sort((a, b) => a.start - b.start || a.end - b.end);
    out.forEach((q, i) => (q.id = `${this.doc.article.id}:q${i + 1}`));
    return out;
  }

  // ---- tokens -------------------------------------------------------------

  /** Index of the first token starting at or after `offset`. */
  private tokenFrom(offset: number): number {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tokens[mid]!.start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private isNp(i: number): boolean {
    const t = this.tokens[i];
    if (t === undefined || this.quoted[i] || NOT_NP.has(this.lower[i]!)) return false;
    // Names that wink reads as words ("Jonas Lie said") are still names.
    return NP_POS.has(t.pos) || (t.pos === 'VERB' && /^\p{Lu}/u.test(t.text) && !this.kb.verbs.has(this.lower[i]!));
  }

  private isPunct(i: number): boolean {
    return this.tokens[i]!.type === 'punctuation';
  }

  /** Adverbs, auxiliaries and time phrases between a speaker and its verb. */
  private isFiller(i: number): boolean {
    const t = this.tokens[i]!;
    const w = this.lower[i]!;
    if (t.pos === 'ADV' || t.pos === 'AUX' || (t.pos === 'PART' && w === 'not') || this.kb.time.has(w)) return true;
    return (t.pos === 'ADP' || t.pos === 'DET' || t.pos === 'ADJ') && this.kb.time.has(this.lower[i + 1] ?? '');
  }

  private sentenceStart(i: number): number {
    return this.doc.sentences[this.tokens[i]!.sentence]!.firstToken;
  }

  private sentenceEnd(i: number): number {
    return this.doc.sentences[this.tokens[i]!.sentence]!.endToken;
  }

  // ---- cues ---------------------------------------------------------------

  private findCues(): void {
    const { tokens, lower, kb } = this;
    for (let i = 0; i < tokens.length; i++) {
      if (this.quoted[i]) continue;
      const phrase = kb.phrases.get(lower[i]!)?.find((p) => p.words.every((w, k) => lower[i + k] === w));
      if (phrase) {
        const frame = phrase.speaker === 'after' ? 'according' : 'say';
        this.addCue({ tok: i, after: i + phrase.words.length, frame, sentence: tokens[i]!.sentence, subject: null, used: false, orphan: false });
        i += phrase.words.length - 1;
        continue;
      }
      const verb = kb.verbs.get(lower[i]!);
      if (!verb || !this.actsAsVerb(i, verb.lemma) || this.passive(i)) continue;
      // "a statement posted on its website": a participle describing the text.
      if (kb.issued.has(lower[i]!) && this.isTextNoun(i - 1)) continue;
      this.addCue({ tok: i, after: i + 1, frame: verb.frame, sentence: tokens[i]!.sentence, subject: null, used: false, orphan: false });
    }
    let prev: Cue | null = null;
    for (const cue of this.cues) {
      cue.subject = cue.frame === 'according' ? this.npRight(cue.after, this.sentenceEnd(cue.tok)) : this.subjectLeft(cue.tok);
      const joined = !cue.subject && this.joined(cue);
      // "NATO leaders expanded … and reiterated", "X used the meeting to accuse":
      // with no earlier cue, the sentence's subject.
      const infinitive = !cue.subject && this.lower[cue.tok - 1] === 'to';
      if ((joined && prev?.sentence !== cue.sentence) || infinitive) {
        cue.subject = this.sentenceSubject(cue.tok);
        cue.inferred = true;
      }
      cue.orphan = !cue.subject && !(joined && prev?.sentence === cue.sentence);
      prev = cue;
    }
  }

  // "has been accused of", "was told": the subject is not the speaker ("is saying" is).
  private passive(i: number): boolean {
    let k = i - 1;
    while (k >= 0 && this.tokens[k]!.pos === 'ADV') k--;
    return k >= 0 && this.tokens[k]!.lemma === 'be' && !this.lower[i]!.endsWith('ing');
  }

  /** "… and urged", ", urging": a verb sharing the subject of the verb before it. */
  private joined(cue: Cue): boolean {
    let k = cue.tok - 1;
    while (k >= 0 && this.isFiller(k)) k--;
    return k >= 0 && (this.tokens[k]!.pos === 'CCONJ' || this.lower[k] === ',' || this.lower[cue.tok]!.endsWith('ing'));
  }

  private addCue(cue: Cue): void {
    this.cues.push(cue);
    this.cueAt.set(cue.tok, cue);
  }

  // Wink tags some verbs as nouns ("NATO labels China"): an inflected form
  // that no determiner precedes still counts; a bare "report" after "the" does not.
  private actsAsVerb(i: number, lemma: string): boolean {
    const t = this.tokens[i]!;
    if (t.pos === 'VERB') return true;
    if (t.pos !== 'NOUN' || this.lower[i] === lemma) return false;
    const prev = this.tokens[i - 1];
    if (prev === undefined || prev.pos === 'DET' || prev.pos === 'ADJ' || prev.pos === 'ADP' || prev.pos === 'NUM') return false;
    // "its demands", "Russia's claims": a possessive makes it a noun.
    return !POSSESSIVE.has(this.lower[i - 1]!);
  }

  /** The noun phrase that a verb's subject is, skipping "on Thursday" and ", in a statement,". */
  private subjectLeft(v: number): [number, number] | null {
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
      break;
    }
    if (i < s0 || !this.isNp(i)) return null;
    const end = i + 1;
    let start = end;
    while (i >= s0 && end - i <= 12) {
      if (this.isNp(i)) start = i;
      else if (!(JOINERS.has(this.lower[i]!) && i > s0 && this.isNp(i - 1))) break;
      i--;
    }
    return [start, spanEnd > 0 ? spanEnd : end];
  }

  /** The noun phrase a sentence opens with (after "In recent months,"), when a verb follows it. */
  private sentenceSubject(before: number): [number, number] | null {
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
  private parentheticalStart(i: number, s0: number): number {
    for (let j = i - 1; j >= s0 && i - j <= 20; j--) {
      if (this.lower[j] !== ',') continue;
      const first = this.tokens[j + 1]!;
      const inserted = first.pos === 'ADP' || first.pos === 'ADV' || first.pos === 'VERB' || this.lower[j + 1] === 'who' || this.kb.time.has(this.lower[j + 1]!);
      return inserted || (j > s0 && this.isNp(j - 1) && this.isApposition(j + 1, i)) ? j : -1;
    }
    return -1;
  }

  /**
   * "Lin Jian, a ministry spokesman, said", "said Sierra Leone's ambassador, Michael Kanu.":
   * for a noun phrase ending at `j`, the end of its apposition (or `j`) and the token after it.
   */
  private appositionEnd(j: number, sEnd: number): [number, number] {
    if (this.lower[j] !== ',') return [j, j];
    let c = j + 1;
    while (c < sEnd && c - j <= 13 && !CLOSING_PUNCT.has(this.lower[c]!)) c++;
    if (c === j + 1 || (c < sEnd && !CLOSING_PUNCT.has(this.lower[c]!))) return [j, j];
    // "the official, who asked not to be named, said": a relative clause is skipped, not named.
    if (this.lower[j + 1] === 'who') return [j, c + 1];
    return this.isApposition(j + 1, c) ? [c, c + 1] : [j, j];
  }

  /** Tokens [a, b) form a noun phrase such as "a ministry spokesman" or "China's foreign minister". */
  private isApposition(a: number, b: number): boolean {
    if (b <= a || b - a > 10) return false;
    for (let k = a; k < b; k++) if (!this.isNp(k) && !JOINERS.has(this.lower[k]!)) return false;
    return true;
  }

  /** A noun phrase starting at token `i`: "Lin", "a statement from its mission to the EU". */
  private npRight(i: number, sEnd: number): [number, number] | null {
    if (i >= sEnd || !this.isNp(i) || this.kb.time.has(this.lower[i]!)) return null;
    let end = i + 1;
    let j = i + 1;
    while (j < sEnd && j - i < 14) {
      // A determiner after a noun opens the next phrase: "told reporters | the border …".
      if (this.tokens[j]!.pos === 'DET' && j === end) break;
      if (this.isNp(j)) end = ++j;
      else if (JOINERS.has(this.lower[j]!) && this.isNp(j + 1) && !this.kb.time.has(this.lower[j + 1]!)) j++;
      else break;
    }
    return [i, end];
  }

  // ---- direct and partial quotes -------------------------------------------

  private attributeQuotes(): PendingQuote[] {
    const out: PendingQuote[] = [];
    const byChain = new Map<number, QuoteSpan[]>();
    for (const s of this.spans) {
      const list = byChain.get(s.chain);
      if (list) list.push(s);
      else byChain.set(s.chain, [s]);
    }
    for (const span of this.spans) {
      const pieces = byChain.get(span.chain)!;
      const ot = this.tokenFrom(span.open);
      const ct = Math.min(this.tokenFrom(span.close), this.tokens.length - 1);
      const initial = this.opensSentence(ot);
      let cue: Cue | null = null;
      let rule = '';
      let kind: 'direct' | 'partial';
      if (span.piece > 0) {
        kind = 'direct';
      } else {
        // "Lin said:" may end the paragraph before the quote.
        const opensParagraph = span.open === this.doc.paragraphs[span.paragraph]!.start;
        const before = initial && !(opensParagraph && this.lower[ot - 1] === ':') ? null : this.cueBefore(ot);
        const after = this.cueAfter(pieces);
        const text = this.body.slice(span.start, span.end);
        kind = initial || before || (after && /[,.?!…—-]$/.test(text)) ? 'direct' : 'partial';
        if (before) [cue, rule] = [before, 'direct-before'];
        else if (after) [cue, rule] = [after.cue, `${kind}-${after.rule}`];
        else if (kind === 'partial') {
          cue = this.sentenceCue(ot, ct);
          rule = cue ? 'partial-cue' : 'partial-unattributed';
        } else rule = 'direct-unattributed';
        if (cue && kind === 'direct') cue.used = true;
      }
      // A later piece of a quote running over paragraphs continues its first piece's speaker (run()).
      out.push({ span, kind, cue, rule: span.piece > 0 ? 'direct-continued-paragraph' : rule });
    }
    return out;
  }

  /** Nothing but punctuation between the sentence start (or a full stop) and the mark. */
  private opensSentence(ot: number): boolean {
    const s0 = this.sentenceStart(ot);
    for (let i = ot - 1; i >= s0; i--) {
      const w = this.lower[i]!;
      if (w === '.' || w === '?' || w === '!') return true;
      if (!this.isPunct(i)) return false;
    }
    return true;
  }

  /** `Lin said: “…”`, `He added, “…”`. */
  private cueBefore(ot: number): Cue | null {
    const w = this.lower[ot - 1];
    if (ot === 0 || (w !== ':' && w !== ',')) return null;
    const s0 = this.sentenceStart(ot - 1);
    for (let i = ot - 2; i >= s0 && ot - i <= 10; i--) {
      const cue = this.cueAt.get(i);
      if (cue && cue.frame !== 'act') return cue;
      if (this.quoted[i]) return null;
    }
    return null;
  }

  /** `“…,” Lin said`, `“…,” said Lin`, `“…,” according to X`, after the chain's last piece. */
  private cueAfter(pieces: QuoteSpan[]): { cue: Cue; rule: string } | null {
    for (const span of pieces) {
      const ct = this.tokenFrom(span.close);
      if (ct >= this.tokens.length || span.close >= this.doc.paragraphs[span.paragraph]!.end) continue;
      let sEnd = this.sentenceEnd(ct);
      let k = ct + 1;
      // Wink ends a sentence at “…?” even when "he asked" follows.
      if (k === sEnd && k < this.tokens.length && this.tokens[k]!.start < this.doc.paragraphs[span.paragraph]!.end
        && (/^\p{Ll}/u.test(this.tokens[k]!.text) || this.cueAt.has(k))) sEnd = this.sentenceEnd(k);
      while (k < sEnd && (this.lower[k] === ',' || this.lower[k] === '—' || this.lower[k] === '–')) k++;
      if (k >= sEnd || this.quoted[k]) continue;
      const inverted = this.cueAt.get(k);
      if (inverted && inverted.frame !== 'act') {
        if (inverted.frame !== 'according') {
          const np = this.npRight(inverted.after, sEnd);
          inverted.subject = np && [np[0], this.appositionEnd(np[1], sEnd)[0]];
        }
        inverted.orphan = !inverted.subject;
        return { cue: inverted, rule: inverted.frame === 'according' ? 'after-according' : 'after-inverted' };
      }
      const np = this.npRight(k, sEnd);
      if (!np) continue;
      let [spanEnd, j] = this.appositionEnd(np[1], sEnd);
      while (j < sEnd && this.isFiller(j)) j++;
      const cue = this.cueAt.get(j);
      if (cue && cue.frame !== 'according') {
        cue.subject = [np[0], spanEnd];
        cue.orphan = false;
        return { cue, rule: 'after' };
      }
    }
    return null;
  }

  /** The cue of the sentence that a partial quote sits in: the nearest before it, else the first after it. */
  private sentenceCue(ot: number, ct: number): Cue | null {
    const s0 = this.sentenceStart(ot);
    for (let i = ot - 1; i >= s0; i--) {
      const cue = this.cueAt.get(i);
      if (cue && !cue.orphan) return cue;
    }
    const sEnd = this.sentenceEnd(ct);
    for (let i = ct + 1; i < sEnd; i++) {
      const cue = this.cueAt.get(i);
      if (cue && !cue.orphan) return cue;
    }
    return null;
  }

  /** A quote with no attribution of its own goes on the last quote's speaker when nothing came between. */
  private continues(last: { paragraph: number; end: number; who: Resolved | null }, span: QuoteSpan): boolean {
    const para = this.doc.paragraphs[span.paragraph]!;
    const sameParagraph = last.paragraph === span.paragraph;
    const nextParagraph = last.paragraph === span.paragraph - 1 && span.open === para.start;
    if (!sameParagraph && !nextParagraph) return false;
    for (const cue of this.cues) {
      const at = this.tokens[cue.tok]!.start;
      if (at > last.end && at < span.open && cue.subject && this.speakerOf(cue)?.speaker.name !== last.who?.speaker.name) return false;
    }
    return true;
  }

  /** The last reporting cue before a quote, in its paragraph or the one it opens after, later than `after`. */
  private reportBefore(span: QuoteSpan, after: number): Cue | null {
    const para = this.doc.paragraphs[span.paragraph]!;
    const from = span.open === para.start ? this.doc.paragraphs[span.paragraph - 1]?.start ?? para.start : para.start;
    for (let i = this.tokenFrom(span.open) - 1; i >= 0 && this.tokens[i]!.start >= Math.max(from, after); i--) {
      const cue = this.cueAt.get(i);
      if (cue && cue.frame !== 'act' && !cue.orphan && this.speakerOf(cue)) return cue;
    }
    return null;
  }

  // ---- indirect speech -----------------------------------------------------

  private indirect(cue: Cue): { start: number; end: number; rule: string } | null {
    const s0 = this.sentenceStart(cue.tok);
    const sEnd = this.sentenceEnd(cue.tok);
    if (cue.frame === 'according') {
      const np = cue.subject;
      if (!np) return null;
      if (!this.hasWords(s0, cue.tok)) {
        const comma = np[1] < sEnd && this.lower[np[1]] === ',' ? np[1] + 1 : -1;
        return comma > 0 ? this.content(comma, sEnd, 'indirect-according-to') : null;
      }
      const end = this.lower[cue.tok - 1] === ',' ? cue.tok - 1 : cue.tok;
      return this.content(s0, end, 'indirect-according-to');
    }
    // "what they say is …", "which officials said would …": a relative clause reports nothing of its own.
    if (cue.subject && EXTRACTED.has(this.lower[cue.subject[0] - 1] ?? '')) return null;
    if (cue.frame === 'object') {
      // "welcomed the veto and said …": the next verb's report is its own.
      let end = sEnd;
      for (let j = cue.after; j < sEnd; j++) {
        const next = this.cueAt.get(j);
        if (next && !next.subject && !next.orphan) {
          end = j;
          while (end > cue.after && (this.tokens[end - 1]!.pos === 'CCONJ' || this.lower[end - 1] === ',')) end--;
          break;
        }
      }
      return this.content(cue.after, end, 'indirect-object');
    }
    for (let j = cue.after; j < sEnd && j - cue.after < 10; j++) {
      const w = this.lower[j]!;
      if (w === 'that') return this.content(j + 1, sEnd, 'indirect-that');
      const t = this.tokens[j]!;
      if (this.quoted[j] || w === ';' || w === '.' || (t.pos === 'VERB' && !this.kb.issued.has(w))) break;
    }
    if (cue.frame === 'say' || cue.frame === 'tell') {
      let k = cue.frame === 'tell' ? (this.npRight(cue.after, sEnd)?.[1] ?? sEnd) : cue.after;
      while (k < sEnd && this.isFiller(k) && this.tokens[k]!.pos !== 'AUX') k++;
      if (this.clauseAt(k, sEnd)) return this.content(k, sEnd, 'indirect-bare');
    }
    // "…, NATO leaders said in a statement": the report comes first.
    const subj = cue.subject;
    if (subj && !cue.inferred && this.lower[subj[0] - 1] === ',' && subj[0] - 1 > s0) {
      let hasVerb = false;
      for (let i = s0; i < subj[0] - 1; i++) if (this.tokens[i]!.pos === 'VERB' || this.tokens[i]!.pos === 'AUX') hasVerb = true;
      if (hasVerb) return this.content(s0, subj[0] - 1, 'indirect-reverse');
    }
    return null;
  }

  /** A clause starts at `k`: a noun phrase (with its prepositional phrases) and then a verb. */
  private clauseAt(k: number, sEnd: number): boolean {
    if (!this.isNp(k) || this.kb.time.has(this.lower[k]!)) return false;
    // "noted the need to address": an infinitive is no finite verb, nor is a participle
    // after it ("… presented by"); "China's failure to condemn Russia represents" is a clause.
    let infinitive = false;
    let awaiting = false;
    for (let j = k + 1; j < sEnd && j - k < 15; j++) {
      const pos = this.tokens[j]!.pos;
      if (pos === 'AUX') return true;
      if (pos === 'VERB') {
        if (!infinitive) return true;
        if (awaiting) {
          awaiting = false;
          continue;
        }
        return this.lower[j + 1] !== 'by' && !this.lower[j]!.endsWith('ing');
      }
      if (pos === 'PART' && this.lower[j] === 'to') infinitive = awaiting = true;
      // Quote marks are see-through: 'said China “firmly opposes” the move'.
      const mark = pos === 'PUNCT' && this.quoted[j] === 1 && '“”"‘’\''.includes(this.lower[j]!);
      if (!(mark || NP_POS.has(pos) || pos === 'ADV' || pos === 'ADP' || pos === 'PART' || pos === 'CCONJ' || JOINERS.has(this.lower[j]!))) return false;
    }
    return false;
  }

  private hasWords(from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (!this.isPunct(i)) return true;
    return false;
  }

  private content(a: number, b: number, rule: string): { start: number; end: number; rule: string } | null {
    // ", as the alliance hardens …", ", reflecting its …": the reporter's words again.
    for (let i = a + 1; i < b - 1; i++) {
      if (this.lower[i] !== ',' || this.quoted[i]) continue;
      const next = this.tokens[i + 1]!;
      if (ASIDE.has(this.lower[i + 1]!) || (next.pos === 'VERB' && this.lower[i + 1]!.endsWith('ing') && !this.cueAt.has(i + 1))) {
        b = i;
        break;
      }
    }
    while (b > a && CLOSING_PUNCT.has(this.lower[b - 1]!)) b--;
    while (a < b && CLOSING_PUNCT.has(this.lower[a]!)) a++;
    let words = 0;
    for (let i = a; i < b; i++) if (!this.isPunct(i)) words++;
    if (words < 2) return null;
    return { start: this.tokens[a]!.start, end: this.tokens[b - 1]!.end, rule };
  }

  // ---- speakers ------------------------------------------------------------

  private speakerOf(cue: Cue): Resolved | null {
    if (cue.speaker !== undefined) return cue.speaker;
    let who: Resolved | null = null;
    if (cue.subject) {
      who = this.resolve(cue.subject[0], cue.subject[1]);
      this.remember(cue.subject, who);
    } else {
      // "… and urged", ", urging": the subject of the sentence's earlier cue.
      const s0 = this.sentenceStart(cue.tok);
      for (let i = cue.tok - 1; !cue.orphan && i >= s0; i--) {
        const prev = this.cueAt.get(i);
        if (prev && prev !== cue) {
          who = this.speakerOf(prev);
          break;
        }
      }
    }
    cue.speaker = who;
    return who;
  }

  private remember(span: [number, number], who: Resolved): void {
    const first = this.tokens[span[0]]!;
    this.history.push({
      pos: first.start,
      paragraph: this.doc.sentences[first.sentence]!.paragraph,
      span: this.body.slice(first.start, this.tokens[span[1] - 1]!.end).toLowerCase(),
      plural: this.isPlural(span) || who.speakers !== undefined,
      who,
    });
  }

  /** "statement", "declaration" written in lower case: "The Washington Post" is a name, not a text. */
  private isTextNoun(i: number): boolean {
    return this.kb.texts.has(this.lower[i]!) && this.tokens[i]!.text === this.lower[i] && this.tokens[i]!.pos !== 'VERB';
  }

  private isPlural([a, b]: [number, number]): boolean {
    const head = this.tokens[b - 1]!;
    if (this.kb.pronouns.get(this.lower[b - 1]!) === 'group') return true;
    if (head.pos === 'NOUN' && head.lemma !== this.lower[b - 1] && this.lower[b - 1]!.endsWith('s')) return true;
    for (let i = a; i < b; i++) if (this.lower[i] === 'and') return true;
    return false;
  }

  private resolve(a: number, b: number): Resolved {
    const start = this.tokens[a]!.start;
    const end = this.tokens[b - 1]!.end;
    const text = this.body.slice(start, end);
    const w0 = this.lower[a]!;
    const named = (how: string): Resolved => ({
      speaker: { name: this.displayName(a, b), actor: null, sector: null, entity: null },
      person: this.tokens[b - 1]!.pos === 'PROPN' && text !== text.toUpperCase(),
      how,
    });
    if (b - a === 1 && this.kb.pronouns.has(w0)) return this.pronoun(a) ?? named('pronoun-unresolved');
    for (let n = a; n < b; n++) {
      if (this.isTextNoun(n)) return this.textSpeaker(n, a, b) ?? named('text-unresolved');
    }
    const pair = this.kb.pairs.get(this.lower[b - 1]!);
    const mentions = this.mentionsIn(start, end);
    if (pair && (w0 === 'both' || this.lower[a + 1] === 'two' || w0 === 'two') && !mentions.some((m) => !m.anaphor)) {
      const both = this.pairBefore(start, pair);
      if (both) return both;
    }
    // "its mission": the owner is whoever "it" is, by the same rules as a subject pronoun.
    if (this.kb.pronouns.has(w0)) {
      const owner = this.pronoun(a);
      if (owner) return owner;
    }
    const chosen = this.pick(mentions);
    if (chosen && !this.isPerson(chosen) && w0 === 'the' && this.kb.roles.has(this.tokens[b - 1]!.lemma)) {
      // "the NATO chief", "the Chinese spokesman": the last person named for that party.
      const holder = this.lastPersonOf(chosen.actor, start);
      if (holder) return holder;
    }
    if (chosen && !this.isPerson(chosen)) {
      // "Norwegian Foreign Minister Jonas Lie" with no person entity: the named person, for the party.
      const name = this.trailingName(a, b, chosen.end);
      if (name) return { speaker: { name, actor: chosen.actor, sector: chosen.sector, entity: null }, person: true, how: 'name-with-party' };
    }
    if (chosen && this.isPerson(chosen) && chosen.end < end && POSSESSIVE.has(this.lower[this.tokenFrom(chosen.end)]!)) {
      // "Putin's spokesman": someone speaking for the person, on the person's side.
      return { speaker: { name: this.displayName(a, b), actor: chosen.actor, sector: chosen.sector, entity: null }, person: true, how: 'for-person' };
    }
    if (chosen) {
      const who = this.fromMention(chosen, 'mention');
      // A person the gazetteer does not place, titled with a party: "Norwegian minister X".
      const party = who.speaker.actor ? null : mentions.find((m) => m !== chosen && !m.place && m.actor && !this.isPerson(m));
      if (party) Object.assign(who.speaker, { actor: party.actor, sector: who.speaker.sector ?? party.sector });
      // …and keeps that party when named again ("Vold said").
      for (let h = this.history.length - 1; h >= 0 && !who.speaker.actor; h--) {
        const known = this.history[h]!.who.speaker;
        if (known.entity === chosen.entity && known.actor) Object.assign(who.speaker, { actor: known.actor, sector: known.sector });
      }
      return who;
    }
    if (w0 === 'the' || w0 === 'this') {
      const back = this.backReference(b - 1, start);
      if (back) return back;
    }
    return this.byName(a, b) ?? named('span');
  }

  /** A span with an apposition is named by its part that is a name ("Maria Lopez, a farmer"), else its first part. */
  private displayName(a: number, b: number): string {
    const parts: [number, number][] = [];
    let from = a;
    for (let i = a; i <= b; i++) {
      if (i === b || this.lower[i] === ',') {
        if (i > from) parts.push([from, i]);
        from = i + 1;
      }
    }
    const isName = ([x, y]: [number, number]): boolean => {
      for (let i = x; i < y; i++) if (!JOINERS.has(this.lower[i]!) && !/^\p{Lu}/u.test(this.tokens[i]!.text)) return false;
      return true;
    };
    const [x, y] = parts.find(isName) ?? parts[0] ?? [a, b];
    return this.body.slice(this.tokens[x]!.start, this.tokens[y - 1]!.end);
  }

  /** Two or more capitalised words closing the span after offset `after`: a person's name. */
  private trailingName(a: number, b: number, after: number): string | null {
    let k = b;
    while (k > a && this.tokens[k - 1]!.start >= after && /^\p{Lu}\p{Ll}/u.test(this.tokens[k - 1]!.text)) k--;
    return b - k >= 2 ? this.body.slice(this.tokens[k]!.start, this.tokens[b - 1]!.end) : null;
  }

  private lastPersonOf(actor: string | null, pos: number): Resolved | null {
    if (!actor) return null;
    for (let i = this.mentionFrom(pos) - 1; i >= 0; i--) {
      const m = this.doc.mentions[i]!;
      if (m.actor === actor && !m.place && this.isPerson(m)) return this.fromMention(m, 'role-holder');
    }
    return null;
  }

  /** The speaker among a span's mentions: a person, else the first party, else a place. */
  private pick(mentions: Mention[]): Mention | null {
    const parties = mentions.filter((m) => !m.place);
    return parties.find((m) => this.isPerson(m)) ?? parties[0] ?? mentions[0] ?? null;
  }

  private isPerson(m: Mention): boolean {
    return this.entities.get(m.entity)?.kind === 'person' || m.entity.startsWith('person:');
  }

  private fromMention(m: Mention, how: string): Resolved {
    return {
      speaker: { name: this.entities.get(m.entity)?.name ?? m.text, actor: m.actor, sector: m.sector, entity: m.entity },
      person: this.isPerson(m),
      how,
    };
  }

  /** Index of the first mention starting at or after `offset`. */
  private mentionFrom(offset: number): number {
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

  private mentionsIn(start: number, end: number): Mention[] {
    const ms = this.doc.mentions;
    const out: Mention[] = [];
    for (let i = this.mentionFrom(start); i < ms.length && ms[i]!.start < end; i++) if (ms[i]!.end <= end) out.push(ms[i]!);
    return out;
  }

  /** He, it, they, its: the actors stage's resolution, a statement for "it said", else who spoke last. */
  private pronoun(i: number): Resolved | null {
    const w = this.lower[i]!;
    const kind = this.kb.pronouns.get(w)!;
    const t = this.tokens[i]!;
    if (w === 'it') {
      const text = this.lastIssuer(t.start, this.doc.sentences[t.sentence]!.paragraph - TEXT_REACH);
      if (text) return { ...text, how: 'statement' };
    }
    // Who spoke last, when that was in this paragraph or the one before, beats the
    // nearest mention: a speaker pronoun continues the story's last speaker.
    let last: HistoryEntry | null = null;
    for (let h = this.history.length - 1; h >= 0 && !last; h--) {
      const e = this.history[h]!;
      if (e.pos < t.start && (kind === 'group' ? e.plural : e.who.person === (kind === 'person'))) last = e;
    }
    const paragraph = this.doc.sentences[t.sentence]!.paragraph;
    if (last && last.paragraph >= paragraph - 1) return { ...last.who, how: 'previous-speaker' };
    const m = this.mentionsIn(t.start, t.end).find((x) => x.anaphor);
    if (m) return this.fromMention(m, 'anaphor');
    return last ? { ...last.who, how: 'previous-speaker' } : null;
  }

  /** "Lin" after "Lin Jian": a person of this article whose name has every word of the span. */
  private byName(a: number, b: number): Resolved | null {
    const words: string[] = [];
    for (let i = a; i < b; i++) {
      if (!/^\p{Lu}/u.test(this.tokens[i]!.text)) return null;
      words.push(this.tokens[i]!.text);
    }
    const has = (name: string): boolean => {
      const parts = name.split(/\s+/);
      return words.every((w) => parts.includes(w));
    };
    for (const e of this.doc.entities) {
      if (e.kind === 'person' && has(e.name)) {
        return { speaker: { name: e.name, actor: e.country, sector: e.sector, entity: e.id }, person: true, how: 'surname' };
      }
    }
    for (let h = this.history.length - 1; h >= 0; h--) {
      if (has(this.history[h]!.who.speaker.name)) return { ...this.history[h]!.who, how: 'surname' };
    }
    return null;
  }

  /** "a statement from its mission", "the Chinese statement", "the statement" (the last one's issuer). */
  private textSpeaker(n: number, a: number, b: number): Resolved | null {
    const issuer = this.issuerAt(n, b);
    if (issuer) return issuer;
    return this.lastIssuer(this.tokens[a]!.start, -Infinity);
  }

  /** Who issued the text noun at `n`, from its own phrase or sentence; null when only earlier text can say. */
  private issuerAt(n: number, limit = this.sentenceEnd(n)): Resolved | null {
    const cached = this.issuers.get(n);
    if (cached !== undefined) return cached;
    let who: Resolved | null = null;
    let j = n + 1;
    while (j < limit && (this.kb.issued.has(this.lower[j]!) || this.tokens[j]!.pos === 'ADV')) j++;
    if (this.lower[j] === 'by' || this.lower[j] === 'from') {
      const np = this.npRight(j + 1, Math.max(limit, j + 2));
      if (np) who = this.resolve(np[0], np[1]);
    }
    const s0 = this.sentenceStart(n);
    if (!who) {
      const near = this.mentionsIn(this.tokens[Math.max(s0, n - 4)]!.start, this.tokens[n]!.start).filter((m) => !m.anaphor && !m.place);
      if (near.length > 0) who = this.fromMention(near[near.length - 1]!, 'statement-owner');
    }
    const det = this.lower[Math.max(s0, n - 1)] === 'the' || this.lower[Math.max(s0, n - 2)] === 'the';
    if (!who && !det) {
      // "NATO leaders said in a statement", "in its statement, Beijing's mission called": the sentence's speaker.
      for (let i = s0; i < this.sentenceEnd(n); i++) {
        const cue = this.cueAt.get(i);
        if (cue?.speaker && cue.subject && (cue.subject[0] > n || cue.subject[1] <= n)) {
          who = cue.speaker;
          break;
        }
      }
      if (!who) {
        const sent = this.doc.sentences[this.tokens[n]!.sentence]!;
        const ms = this.mentionsIn(sent.start, sent.end).filter((m) => !m.place && !this.quoted[this.tokenFrom(m.start)]);
        const m = ms.find((x) => !x.anaphor) ?? ms[0];
        if (m) who = this.fromMention(m, 'statement-sentence');
      }
    }
    this.issuers.set(n, who);
    return who;
  }

  /** The issuer of the latest text noun before `pos`, no further back than paragraph `minParagraph`. */
  private lastIssuer(pos: number, minParagraph: number): Resolved | null {
    if (this.textNouns.length === 0) {
      for (let i = 0; i < this.tokens.length; i++) {
        if (this.isTextNoun(i) && !this.quoted[i]) this.textNouns.push(i);
      }
      if (this.textNouns.length === 0) this.textNouns.push(-1);
    }
    for (let k = this.textNouns.length - 1; k >= 0; k--) {
      const n = this.textNouns[k]!;
      if (n < 0) return null;
      const t = this.tokens[n]!;
      if (t.start >= pos) continue;
      if (this.doc.sentences[t.sentence]!.paragraph < minParagraph) return null;
      const who = this.issuerAt(n);
      if (who) return { ...who, how: 'statement' };
    }
    return null;
  }

  /** "both sides": the two people (or parties) named last before `pos`. */
  private pairBefore(pos: number, kind: 'person' | 'party' | 'any'): Resolved | null {
    // The last two distinct parties, in the order of their last mentions.
    const collect = (wantPerson: boolean): Mention[] => {
      const two: Mention[] = [];
      for (let i = this.mentionFrom(pos) - 1; i >= 0 && two.length < 2; i--) {
        const m = this.doc.mentions[i]!;
        if (m.place || m.anaphor || this.isPerson(m) !== wantPerson || this.quoted[this.tokenFrom(m.start)]) continue;
        if (!two.some((x) => x.entity === m.entity)) two.unshift(m);
      }
      return two;
    };
    const people = collect(true);
    let speakers: Speaker[];
    if (people.length === 2 && kind !== 'party') {
      speakers = people.map((m) => this.fromMention(m, 'pair').speaker);
    } else if (people.length === 2 && people[0]!.actor && people[1]!.actor && people[0]!.actor !== people[1]!.actor) {
      // "the two countries" after two leaders: the leaders' states.
      speakers = people.map((m) => {
        const state = this.entities.get(m.actor!);
        return { name: state?.name ?? m.actor!, actor: m.actor, sector: state?.sector ?? null, entity: state?.id ?? m.actor };
      });
    } else {
      // "the two leaders" with no leader named: their states.
      const parties = collect(false);
      if (parties.length < 2) return null;
      speakers = parties.map((m) => this.fromMention(m, 'pair').speaker);
    }
    return {
      speaker: { ...speakers[0]!, name: speakers.map((s) => s.name).join(' and ') },
      speakers,
      person: false,
      how: 'pair',
    };
  }

  /** "the mission", "the leaders": the last speaker or actor phrase with that head noun. */
  private backReference(head: number, pos: number): Resolved | null {
    const word = this.lower[head]!;
    const lemma = this.tokens[head]!.lemma;
    const re = new RegExp(`\\b${word.replace(/[^\p{L}\p{N}]/gu, '')}\\b`, 'u');
    for (let h = this.history.length - 1; h >= 0; h--) {
      const e = this.history[h]!;
      if (e.pos < pos && re.test(e.span) && e.who.speaker.actor) return { ...e.who, how: 'back-reference' };
    }
    const from = this.tokenFrom(pos);
    for (let j = from - 1; j >= 0 && from - j <= BACK_REFERENCE_REACH; j--) {
      if (this.tokens[j]!.lemma !== lemma || this.quoted[j]) continue;
      const s0 = this.sentenceStart(j);
      const near = this.mentionsIn(this.tokens[Math.max(s0, j - 5)]!.start, this.tokens[j]!.start).filter((m) => !m.place);
      const m = near.filter((x) => !x.anaphor).pop() ?? near.pop();
      if (m) return this.fromMention(m, 'back-reference');
    }
    return null;
  }

  private quote(kind: Quote['kind'], start: number, end: number, cue: Cue | null, who: Resolved | null, rule: string): Quote {
    const q: Quote = {
      id: '',
      article: this.doc.article.id,
      kind,
      text: this.body.slice(start, end),
      start,
      end,
      cue: cue ? this.body.slice(this.tokens[cue.tok]!.start, this.tokens[cue.after - 1]!.end) : null,
      speaker: who ? { ...who.speaker } : null,
      rule: who ? `${rule}:${who.how}` : rule,
    };
    if (who?.speakers) q.speakers = who.speakers.map((s) => ({ ...s }));
    return q;
  }
}

interface PendingQuote {
  span: QuoteSpan;
  kind: 'direct' | 'partial';
  cue: Cue | null;
  rule: string;
}
