// Cues, quotes and indirect speech. Reporting cues (verbs and phrases from
// data/quotes) are found outside quotes, each with the noun phrase that speaks.
// Quotes take the cue that attributes them (after, before, or the sentence's
// for a partial quote) or continue the last speaker; cues that attribute no
// direct quote become indirect speech.
import type { Quote } from '../types.js';
import type { QuoteSpan } from './marks.js';
import { type Cue, type Resolved, Speakers } from './speakers.js';
import { CLOSING_PUNCT, JOINERS, NP_POS, POSSESSIVE } from './text.js';

// Relative words before a subject whose clause lacks a part ("what they say is").
const EXTRACTED = new Set(['what', 'which', 'that', 'whom', 'whatever']);
// Words that, after a comma, leave reported speech for the reporter's own clause.
const ASIDE = new Set(['as', 'while', 'whereas', 'although', 'though', 'amid']);
// Between a closing mark and its attribution.
const DASHES = new Set([',', '—', '–', '-']);
// Resolutions that name no one: a span's own words, an unresolved pronoun or text.
const WEAK = new Set(['span', 'pronoun-unresolved', 'text-unresolved']);
// Marks that introduce a quote: 'Lin was blunt: “…”', 'Lin had a message — “…”'.
const INTRODUCERS = new Set([':', '—', '–']);
// Relative words after a speaker: "one man who declined to be named said".
const RELATIVE = new Set(['who', 'whose']);

export class Reader extends Speakers {
  run(): Quote[] {
    this.findCues();
    const direct = this.attributeQuotes();
    // Speakers in document order: pronouns and back-references look at what came before.
    for (const cue of this.cues) this.speakerOf(cue);
    const out: Quote[] = [];
    let lastQuote: { paragraph: number; end: number; who: Resolved | null } | null = null;
    for (const q of direct) {
      let who = q.cue ? this.speakerOf(q.cue) : null;
      // A clause before a colon speaks only when it names someone ("The result is clear:" does not).
      if (q.cue?.introduced && who && WEAK.has(who.how) && !who.person) who = null;
      let rule = q.rule;
      if (!who && q.kind === 'direct' && lastQuote?.who && this.continues(lastQuote, q.span)) {
        who = lastQuote.who;
        rule = 'direct-continuation';
      } else if (!who && q.kind === 'direct') {
        // "Lin said trade was legal.¶“We oppose sanctions.”": the paraphrase's speaker goes on.
        const cue = this.reportBefore(q.span, lastQuote?.end ?? -1);
        if (cue) [who, rule] = [this.speakerOf(cue), 'direct-after-report'];
      }
      // Quoted words no cue attributes are scare quotes or titles, not speech: a kind of their own.
      const kind = q.kind === 'partial' && !who ? 'scare' : q.kind;
      out.push(this.quote(kind, q.span.start, q.span.end, q.cue, who, rule));
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

  protected findCues(): void {
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
      // Only a verb, or a noun-tagged verb, acts as one (actsAsVerb): no lookup for the other tokens.
      const pos = tokens[i]!.pos;
      if (pos !== 'VERB' && pos !== 'NOUN') continue;
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
  protected passive(i: number): boolean {
    let k = i - 1;
    while (k >= 0 && this.tokens[k]!.pos === 'ADV') k--;
    return k >= 0 && this.tokens[k]!.lemma === 'be' && !this.lower[i]!.endsWith('ing');
  }

  /** "… and urged", ", urging": a verb sharing the subject of the verb before it. */
  protected joined(cue: Cue): boolean {
    let k = cue.tok - 1;
    while (k >= 0 && this.isFiller(k)) k--;
    return k >= 0 && (this.tokens[k]!.pos === 'CCONJ' || this.lower[k] === ',' || this.lower[cue.tok]!.endsWith('ing'));
  }

  protected addCue(cue: Cue): void {
    this.cues.push(cue);
    this.cueAt.set(cue.tok, cue);
  }

  // Wink tags some verbs as nouns ("NATO labels China"): an inflected form
  // that no determiner precedes still counts; a bare "report" after "the" does not.
  protected actsAsVerb(i: number, lemma: string): boolean {
    const t = this.tokens[i]!;
    if (t.pos === 'VERB') return true;
    if (t.pos !== 'NOUN' || this.lower[i] === lemma) return false;
    const prev = this.tokens[i - 1];
    if (prev === undefined || prev.pos === 'DET' || prev.pos === 'ADJ' || prev.pos === 'ADP' || prev.pos === 'NUM') return false;
    // "its demands", "Russia's claims": a possessive makes it a noun.
    return !POSSESSIVE.has(this.lower[i - 1]!);
  }

  protected attributeQuotes(): PendingQuote[] {
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
        const introducer = before || after ? null : this.introducedBy(ot);
        if (introducer) kind = /^\p{Lu}/u.test(text) || /[.?!…]$/.test(text) ? 'direct' : 'partial';
        if (before) [cue, rule] = [before, 'direct-before'];
        else if (after) [cue, rule] = [after.cue, `${kind}-${after.rule}`];
        else if (introducer) [cue, rule] = [introducer, `${kind}-introduced`];
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
  protected opensSentence(ot: number): boolean {
    const s0 = this.sentenceStart(ot);
    for (let i = ot - 1; i >= s0; i--) {
      const w = this.lower[i]!;
      if (w === '.' || w === '?' || w === '!') return true;
      if (!this.isPunct(i)) return false;
    }
    return true;
  }

  /**
   * `Lin was blunt: “…”`, `The message from Lin was clear — “…”`: a quote a colon or dash
   * introduces takes the subject of the clause before it, a stand-in cue on the mark.
   */
  protected introducedBy(ot: number): Cue | null {
    const c = ot - 1;
    if (c < 1 || !INTRODUCERS.has(this.lower[c]!)) return null;
    const s0 = this.sentenceStart(c);
    let k = s0;
    if (this.tokens[s0]!.pos === 'ADP' || this.tokens[s0]!.pos === 'ADV') {
      while (k < c && this.lower[k] !== ',') k++;
      k++;
    }
    const np = this.npRight(k, c, true);
    if (!np) return null;
    let j = np[1];
    while (j < c && this.isFiller(j)) j++;
    const pos = this.tokens[j]?.pos;
    const verb = j < c && (pos === 'VERB' || pos === 'AUX' || this.tokens[j - 1]?.pos === 'AUX');
    // "Omar Haddad: “…”": a name alone before the colon, as in a transcript.
    const alone = np[0] === s0 && np[1] === c && this.lower[c] === ':';
    return verb || alone ? { tok: c, after: ot, frame: 'say', sentence: this.tokens[c]!.sentence, subject: np, used: true, orphan: false, introduced: true } : null;
  }

  /** `Lin said: “…”`, `He added, “…”`, `Lin warned — “…”`. */
  protected cueBefore(ot: number): Cue | null {
    const w = this.lower[ot - 1];
    if (ot === 0 || (w !== ',' && !INTRODUCERS.has(w!))) return null;
    const s0 = this.sentenceStart(ot - 1);
    for (let i = ot - 2; i >= s0 && ot - i <= 10; i--) {
      const cue = this.cueAt.get(i);
      if (cue && cue.frame !== 'act') return cue;
      if (this.quoted[i]) return null;
    }
    return null;
  }

  /** `“…,” Lin said`, `“…,” said Lin`, `“…,” according to X`, after the chain's last piece. */
  protected cueAfter(pieces: QuoteSpan[]): { cue: Cue; rule: string } | null {
    for (const span of pieces) {
      const ct = this.tokenFrom(span.close);
      if (ct >= this.tokens.length || span.close >= this.doc.paragraphs[span.paragraph]!.end) continue;
      let sEnd = this.sentenceEnd(ct);
      let k = ct + 1;
      // Wink ends a sentence at “…?” even when "he asked" or "Lopez asked." follows.
      if (k === sEnd && k < this.tokens.length && this.tokens[k]!.start < this.doc.paragraphs[span.paragraph]!.end
        && (/^\p{Ll}/u.test(this.tokens[k]!.text) || this.cueAt.has(k) || this.attributionAt(k))) sEnd = this.sentenceEnd(k);
      while (k < sEnd && DASHES.has(this.lower[k]!)) k++;
      if (k >= sEnd || this.quoted[k]) continue;
      const inverted = this.cueAt.get(k);
      if (inverted && inverted.frame !== 'act') {
        if (inverted.frame !== 'according') {
          const np = this.npRight(inverted.after, sEnd);
          inverted.subject = np && [np[0], this.appositionEnd(np[1], sEnd)[0]];
        }
        // '“…”, adding that …': a participle with no subject of its own shares the sentence's speaker.
        if (!inverted.subject && inverted.orphan) continue;
        return { cue: inverted, rule: inverted.frame === 'according' ? 'after-according' : 'after-inverted' };
      }
      const found = this.subjectCue(k, sEnd);
      if (found) {
        found.cue.subject = found.span;
        found.cue.orphan = false;
        return { cue: found.cue, rule: 'after' };
      }
    }
    return null;
  }

  /**
   * A speaker phrase at `k` and its cue: "Lin said", "Lin, the spokesman, said",
   * "one man who declined to be named told AFP".
   */
  protected subjectCue(k: number, sEnd: number): { cue: Cue; span: [number, number] } | null {
    const np = this.npRight(k, sEnd, true);
    if (!np) return null;
    let [spanEnd, j] = this.appositionEnd(np[1], sEnd);
    while (j < sEnd && this.isFiller(j)) j++;
    let cue = this.cueAt.get(j);
    if (!cue && RELATIVE.has(this.lower[j]!)) {
      // A relative clause with no commas: its verbs are the speaker's description, the cue follows.
      for (let i = j + 2; i < sEnd && i - j <= 14 && !CLOSING_PUNCT.has(this.lower[i]!); i++) {
        const c = this.cueAt.get(i);
        if (c && c.frame !== 'according' && c.frame !== 'act') {
          cue = c;
          break;
        }
      }
    }
    return cue && cue.frame !== 'according' ? { cue, span: [np[0], spanEnd] } : null;
  }

  /** "Lopez asked." or "Trump wrote on his platform.": a speaker and cue that report no clause of their own. */
  protected attributionAt(k: number): boolean {
    const sEnd = this.sentenceEnd(k);
    const found = this.subjectCue(k, sEnd);
    if (!found) return false;
    const next = this.tokens[found.cue.after];
    return next === undefined || found.cue.after >= sEnd || next.pos === 'ADP' || CLOSING_PUNCT.has(this.lower[found.cue.after]!);
  }

  /** The cue of the sentence that a partial quote sits in: the nearest before it, else the first after it. */
  protected sentenceCue(ot: number, ct: number): Cue | null {
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
  protected continues(last: { paragraph: number; end: number; who: Resolved | null }, span: QuoteSpan): boolean {
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
  protected reportBefore(span: QuoteSpan, after: number): Cue | null {
    const para = this.doc.paragraphs[span.paragraph]!;
    const from = span.open === para.start ? this.doc.paragraphs[span.paragraph - 1]?.start ?? para.start : para.start;
    for (let i = this.tokenFrom(span.open) - 1; i >= 0 && this.tokens[i]!.start >= Math.max(from, after); i--) {
      const cue = this.cueAt.get(i);
      if (cue && cue.frame !== 'act' && !cue.orphan && this.speakerOf(cue)) return cue;
    }
    return null;
  }

  protected indirect(cue: Cue): { start: number; end: number; rule: string } | null {
    const s0 = this.sentenceStart(cue.tok);
    const sEnd = this.sentenceEnd(cue.tok);
    if (cue.frame === 'according') {
      const np = cue.subject;
      if (!np) return null;
      if (!this.hasWords(s0, cue.tok)) {
        const comma = np[1] < sEnd && this.lower[np[1]] === ',' ? np[1] + 1 : -1;
        return comma > 0 ? this.content(comma, sEnd, 'indirect-according-to') : null;
      }
      // "The plan, according to X, is dead": the aside sits inside what X says.
      if (this.lower[cue.tok - 1] === ',' && this.lower[np[1]] === ',' && ['VERB', 'AUX'].includes(this.tokens[np[1] + 1]?.pos ?? '')) return this.content(s0, sEnd, 'indirect-according-to');
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
  protected clauseAt(k: number, sEnd: number): boolean {
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

  protected content(a: number, b: number, rule: string): { start: number; end: number; rule: string } | null {
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

  protected quote(kind: Quote['kind'], start: number, end: number, cue: Cue | null, who: Resolved | null, rule: string): Quote {
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
