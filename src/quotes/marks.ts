// Quotation marks paired by direction. Curly marks say which way they face;
// straight marks are read from their neighbours. ’ doubles as an apostrophe
// ("NATO’s"), so it closes a single quote only when no letter follows it.
import type { Paragraph } from '../types.js';

export interface QuoteSpan {
  /** Inside the marks: first and one-past-last character. */
  start: number;
  end: number;
  /** Offsets of the opening and closing marks (close = end when the paragraph ends open). */
  open: number;
  close: number;
  paragraph: number;
  /** Quotes running over several paragraphs share a chain number; otherwise it is unique. */
  chain: number;
  /** Position inside its chain (0 = the piece that opened the quote). */
  piece: number;
  /** Double marks (“ ” or ") rather than single ones. */
  double: boolean;
}

const LETTER = /[\p{L}\p{N}]/u;
const isLetter = (c: string | undefined): boolean => c !== undefined && LETTER.test(c);
const isSpace = (c: string | undefined): boolean => c === undefined || /\s/.test(c);
/** A straight mark faces right when nothing or an opening bracket/dash/space precedes it. */
const opensStraight = (prev: string | undefined): boolean => isSpace(prev) || (prev !== undefined && '([{—–-/'.includes(prev));

/** An opening mark at `i` follows a word of the quote opened at `open`, not the end of a sentence: a nested quote. */
function insideSentence(body: string, open: number, i: number): boolean {
  let k = i - 1;
  while (k > open && /\s/.test(body[k]!)) k--;
  return k > open && !'.!?…:;'.includes(body[k]!);
}

// Straight single quotes are mostly apostrophes; one pair counts as a quote
// only when it is short, as headline scare quotes are.
const MAX_STRAIGHT_SINGLE_WORDS = 40;

export function quoteSpans(body: string, paragraphs: Paragraph[]): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  let chain = 0;
  // A double quote left open at the end of a paragraph, waiting for the next one.
  let carry: { chain: number; piece: number } | null = null;

  paragraphs.forEach((para, p) => {
    let dbl = -1; // offset of an open double mark
    let dblLen = 1; // 2 for the typewriter pair `` … ''
    let opener = ''; // « and „ close with their own partners
    let sgl = -1; // offset of an open single mark
    let sglStraight = false;
    let nested = false; // a quote opened inside the open double quote
    let current: { chain: number; piece: number } | null = null;
    const first = body[para.start];
    if (carry && (first === '“' || first === '"' || first === '«')) {
      dbl = para.start;
      current = { chain: carry.chain, piece: carry.piece + 1 };
    }
    carry = null;
    const emit = (open: number, close: number, double: boolean, link: { chain: number; piece: number } | null, len = 1): void => {
      let start = open + len;
      let end = close;
      while (start < end && isSpace(body[start])) start++;
      while (end > start && isSpace(body[end - 1])) end--;
      if (end > start) out.push({ start, end, open, close, paragraph: p, chain: link?.chain ?? chain++, piece: link?.piece ?? 0, double });
    };
    for (let i = dbl === para.start ? para.start + 1 : para.start; i < para.end; i++) {
      // Only quote marks change the state below: skip everything else without reading it as a string.
      const code = body.charCodeAt(i);
      if (code !== 34 && code !== 39 && code !== 96 && code !== 0xab && code !== 0xbb && (code < 0x2018 || code > 0x201e)) continue;
      const c = body[i]!;
      if (c === '`' && body[i + 1] === '`' && dbl < 0) {
        dbl = i;
        dblLen = 2;
        sgl = -1;
        i++;
      } else if (c === "'" && body[i + 1] === "'" && dbl >= 0 && dblLen === 2) {
        emit(dbl, i, true, current, 2);
        current = null;
        dbl = -1;
        dblLen = 1;
        i++;
      } else if (dblLen === 2) {
        continue;
      } else if (c === '«' || c === '„') {
        if (dbl < 0) {
          dbl = i;
          opener = c;
          sgl = -1;
        }
      } else if (dbl >= 0 && ((c === '»' && opener === '«') || (c === '“' && opener === '„'))) {
        emit(dbl, i, true, current);
        current = null;
        dbl = -1;
      } else if (c === '“' || c === '”' || c === '"') {
        const opening = c === '“' || (c === '"' && opensStraight(body[i - 1]) && isLetter(body[i + 1]));
        if (dbl >= 0 && nested) {
          // The inner quote of '“He said “no” to us,”' closes before the outer one.
          if (!opening) nested = false;
          continue;
        }
        if (dbl >= 0 && opening && insideSentence(body, dbl, i)) {
          nested = true;
          continue;
        }
        if (dbl < 0) {
          opener = c;
          // A closing curly mark with nothing open is a stray; a straight one opens.
          if (c === '“' || (c === '"' && opensStraight(body[i - 1]))) {
            dbl = i;
            sgl = -1;
          }
        } else if (c === '”' || (c === '"' && !(opensStraight(body[i - 1]) && isLetter(body[i + 1])))) {
          emit(dbl, i, true, current);
          current = null;
          dbl = -1;
        }
        // An opening mark inside an open quote is a re-opened sentence: keep the quote going.
      } else if (dbl < 0 && (c === '‘' || c === "'") && sgl < 0) {
        if (!isLetter(body[i - 1]) && (c === '‘' || isLetter(body[i + 1]))) {
          sgl = i;
          sglStraight = c === "'";
        }
      } else if (dbl < 0 && sgl >= 0 && (c === '’' || c === "'") && !isLetter(body[i + 1])) {
        if (sglStraight !== (c === "'")) continue;
        const words = body.slice(sgl + 1, i).split(/\s+/).length;
        if (!sglStraight || words <= MAX_STRAIGHT_SINGLE_WORDS) emit(sgl, i, false, null);
        sgl = -1;
      }
    }
    if (dbl >= 0) {
      const link = current ?? { chain: chain++, piece: 0 };
      emit(dbl, para.end, true, link, dblLen);
      const next = paragraphs[p + 1];
      const reopen = next ? body[next.start] : undefined;
      if (reopen === '“' || reopen === '"' || reopen === '«') carry = link;
    }
  });
  return out;
}
