// Lines no boilerplate rule names, told apart by their make-up and their
// neighbours, in the spirit of jusText and trafilatura: page furniture is short,
// has few function words, is made of words of navigation, sharing, commenting
// and accounts, and sits next to other furniture; news is sentences. The word
// lists are data (`words` in data/clean/boilerplate.yaml).

export interface LineWords {
  /** Function words. */
  stop: Set<string>;
  /** Words of page furniture: ads, sharing, comments, accounts, navigation. */
  interface: Set<string>;
  /** Furniture words that make a line of which half the words are furniture furniture. */
  strong: Set<string>;
  /** Section names ("World", "Nation & World News"). */
  sections: Set<string>;
  /** Words that appeal to the reader (a line of them ending in a colon heads a promo box). */
  appeal: Set<string>;
  /** Words of reported speech: a line with one is news, not a caption. */
  reporting: Set<string>;
  /** Words that say a date line is a publication stamp ("Published", "Updated"). */
  stamp: Set<string>;
  /** Any word of `reporting`, as a whole word. */
  reportingWord: RegExp;
}

export const toWords = (lists: Partial<Record<keyof LineWords, string[]>> | undefined): LineWords => {
  const set = (k: keyof LineWords) => new Set((lists?.[k] ?? []).map((w) => w.toLowerCase()));
  const reporting = set('reporting');
  const reportingWord = new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...reporting].map((r) => r.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') || '(?!)'})(?![\\p{L}\\p{N}])`, 'iu');
  return { stop: set('stop'), interface: set('interface'), strong: set('strong'), sections: set('sections'), appeal: set('appeal'), reporting, stamp: set('stamp'), reportingWord };
};

/** What a line is made of. */
export interface Shape {
  /** How many word tokens. */
  n: number;
  /** Word tokens as written (none listed for a long line: it is news by its length). */
  tokens: string[];
  /** The tokens in lower case, without a final stop or possessive. */
  lower: string[];
  /** Lower-case tokens that are neither function words nor numbers. */
  content: string[];
  stopShare: number;
  /** Content words of page furniture (site addresses count). */
  ui: number;
  /** Ends as a sentence does, or with a closing quote. */
  sentence: boolean;
}

const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}'’.&_-]*/gu;
const DOMAIN = /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|org|net|info|news|co|in|pk|uk|tv|io)$/iu;

/**
 * Longer lines, and lines that end as sentences do, are told apart by their
 * length alone (every test of a line's words is for short lines that are no
 * sentence): their words are only counted.
 */
const LONG = 120;
const NONE: string[] = [];
const SENTENCE_END = /[.!?…]["”’)\]]*$|["”]$/u;

export function shape(text: string, w: LineWords): Shape {
  const sentence = SENTENCE_END.test(text);
  if (sentence || text.length > LONG) {
    let n = 1;
    for (let i = 1; i < text.length; i++) if (text.charCodeAt(i) === 32 && text.charCodeAt(i - 1) !== 32) n++;
    return { n, tokens: NONE, lower: NONE, content: NONE, stopShare: 0.5, ui: 0, sentence };
  }
  const tokens = text.match(TOKEN) ?? [];
  const lower = tokens.map((t) => t.toLowerCase().replace(/['’]s$|[.'’]+$/u, ''));
  const content = lower.filter((t) => !w.stop.has(t) && !/^\d/.test(t));
  const stops = lower.length - lower.filter((t) => !w.stop.has(t)).length;
  return {
    n: tokens.length,
    tokens,
    lower,
    content,
    stopShare: tokens.length ? stops / tokens.length : 0,
    ui: content.filter((t) => w.interface.has(t) || (t.includes('.') && DOMAIN.test(t))).length,
    sentence,
  };
}

/** A news paragraph: a sentence with function words in it, or a long run of text (a cut-off last paragraph). */
export const isNews = (s: Shape) => (s.sentence && s.n >= 5 && s.stopShare >= 0.15) || s.n >= 25;

/**
 * A line of page furniture: short, no sentence, more than half its words furniture words (or half, with a strong
 * one). Words of the outlet's own name count as furniture ("Example Herald Mobile App").
 */
export function isInterface(s: Shape, w: LineWords, own: Set<string>): boolean {
  if (s.sentence || s.n > 6 || s.ui + own.size === 0) return false;
  const ui = s.ui + s.content.filter((t) => own.has(t) && !w.interface.has(t)).length;
  return ui >= 1 && (ui * 2 > s.content.length || (ui * 2 === s.content.length && s.content.some((t) => w.strong.has(t))));
}

/** Headlines strung on a line with bars or bullets between them (a menu or a ticker), no sentence at its end. */
export const isLinkList = (text: string) => (text.match(/\s[|•·]\s/g) ?? []).length >= 2 && !/[.!?]["”’]?$/.test(text);

/** A line of section names only ("Nation & World News"). */
export const isSections = (s: Shape, w: LineWords) =>
  !s.sentence && s.n <= 5 && s.content.length === s.n && s.content.every((t) => w.sections.has(t));

/**
 * A run of capitalised names with no function word, comma or number: the tags
 * or the alt text of a picture ("Example Minister Example Country").
 */
export const isNameList = (text: string, s: Shape) =>
  s.n >= 4 && s.stopShare === 0 && !/[,;:!?.\d"“”]/.test(text.replace(/\.(?=\S)/g, '')) && s.tokens.every((t) => /^\p{Lu}/u.test(t));

/** A short line that appeals to the reader and ends in a colon: what follows is its promo box. */
export const isPromoLead = (text: string, s: Shape, w: LineWords) => /:$/.test(text) && s.n <= 10 && s.content.some((t) => w.appeal.has(t));

/** A line with a word of reported speech ("said", "according"). */
export const reports = (text: string, w: LineWords) => w.reportingWord.test(text);

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const WEEKDAY = '(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\\.?';
const CLOCK = '\\d{1,2}[:.]\\d{2}(?:[:.]\\d{2})?\\s*(?:[ap]\\.?m\\.?)?';
const NUMERIC_DATE = '\\d{1,4}[-/.]\\d{1,2}[-/.]\\d{1,4}';
const ZONE = '(?:[A-Z]{2,4}T|UTC|GMT|IST|MSK|JST|HKT)';
const DATE_PIECE = new RegExp(`\\b(?:${NUMERIC_DATE}|${CLOCK}|${MONTH}|${WEEKDAY}|\\d{1,4}(?:st|nd|rd|th)?|at|on|in|by|of|ago|(?:year|month|week|day|hour|minute|min)s?|${ZONE})(?![\\p{L}\\p{N}])`, 'giu');
const HAS_DAY = new RegExp(`${NUMERIC_DATE}|\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?\\b|\\b\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}|${CLOCK}`, 'iu');
const HAS_YEAR = new RegExp(`\\b(?:19|20)\\d{2}\\b|${CLOCK}`, 'u');

/**
 * A line that is only a date or time, perhaps with the words of a publication
 * stamp and the name of the outlet ("Published in Example, May 3rd, 2026").
 */
export function isDateLine(line: string, w: LineWords): boolean {
  if (line.length > 120 || !/\d/.test(line)) return false;
  // An ISO date-time ("2026-03-03T10:15:00+00:00") reads as a date and a time.
  const text = line.replace(/(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?/, '$1 $2');
  if (/[.!?]["”]?$/.test(text.replace(/\b[ap]\.m\.$/i, '')) || !HAS_DAY.test(text) || !HAS_YEAR.test(text)) return false;
  const rest = text.replace(DATE_PIECE, ' ').match(TOKEN) ?? [];
  const left = rest.filter((t) => !w.stamp.has(t.toLowerCase()));
  if (left.length === 0) return true;
  // Besides the date, a stamp word and up to three capitalised words: the outlet's or the wire's name.
  return left.length < rest.length && left.length <= 3 && left.every((t) => /^\p{Lu}/u.test(t));
}
