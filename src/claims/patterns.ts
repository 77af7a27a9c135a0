// Case-insensitive cue patterns at corpus scale. Under the `u` flag V8 makes
// `\b` and `\w` case-fold (ſ is an s, the Kelvin sign a k), which costs about
// ten times a plain scan, and every statement of every article meets every
// cue. A pattern made of ASCII and caseless characters gives the same match
// with and without `u` on a text free of ſ, the Kelvin sign and astral
// characters, so such texts take a twin compiled without `u`.

export interface Pattern {
  full: RegExp;
  /** The same pattern without `u`, when that cannot change a match on a plain text. */
  plain: RegExp | null;
}

/** Syntax that means something else, or nothing, without `u`. */
const UNICODE_ONLY = /\\[pPuxc]|\\W/;

function caseless(source: string): boolean {
  for (const ch of source) {
    if (ch.charCodeAt(0) < 0x80) continue;
    if (ch.length > 1 || ch.toLowerCase() !== ch || ch.toUpperCase() !== ch) return false;
  }
  return true;
}

/** `flags` must hold `u`; the twin gets the same flags without it. */
export function pattern(source: string, flags: string): Pattern {
  const full = new RegExp(source, flags);
  let plain: RegExp | null = null;
  if (caseless(source) && !UNICODE_ONLY.test(source)) {
    try {
      plain = new RegExp(source, flags.replace('u', ''));
    } catch {
      plain = null;
    }
  }
  return { full, plain };
}

/** Characters on which the two modes can disagree. */
const UNPLAIN = /[\u017f\u212a\ud800-\udfff]/;

/** Whether a text takes the plain twins. */
export function isPlain(text: string): boolean {
  return !UNPLAIN.test(text);
}

export function exec(p: Pattern, text: string, plain: boolean): RegExpExecArray | null {
  return (plain && p.plain ? p.plain : p.full).exec(text);
}

export function test(p: Pattern, text: string, plain: boolean): boolean {
  return (plain && p.plain ? p.plain : p.full).test(text);
}

/**
 * One plain regular expression matching wherever any of the patterns would,
 * to pass over the many statements that hold no cue at all in one scan; null
 * when a pattern has no plain twin or refers back to its own groups.
 */
export function anyOf(patterns: Pattern[]): RegExp | null {
  if (patterns.some((p) => !p.plain || /\\k<|\\[1-9]/.test(p.full.source))) return null;
  // Group names would clash between alternatives; without back references they are not needed.
  const source = patterns.map((p) => `(?:${p.full.source.replace(/\(\?<(?![=!])[\w$]+>/g, '(?:')})`).join('|');
  return new RegExp(source, 'i');
}
