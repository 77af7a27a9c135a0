// The clean stage: title, dateline, byline, date; boilerplate removed with a reason.
//
// The text is read line by line (one paragraph per line; blank lines separate
// blocks). Which lines are boilerplate is data (data/clean/boilerplate.yaml plus
// the user's `boilerplate` lexicon section); this module decides only what the
// data cannot say on its own: title versus lead, captions next to credits, and
// whether a "See also" insert belongs to the article.
import { readData, type UserLexicon } from '../knowledge.js';
import type { Article, RawArticle, Removed } from '../types.js';
import { isoDate } from './dates.js';
import { furniture } from './furniture.js';
import type { SiteMemory } from './site.js';
import { isDateLine, reports, toWords, type LineWords } from './lines.js';

export type RuleKind = 'remove' | 'tail' | 'links' | 'insert' | 'credit' | 'caption' | 'timestamp' | 'byline' | 'dateline' | 'place' | 'label';
const KINDS = new Set<RuleKind>(['remove', 'tail', 'links', 'insert', 'credit', 'caption', 'timestamp', 'byline', 'dateline', 'place', 'label']);

export interface BoilerplateRule {
  id: string;
  kind: RuleKind;
  reason: string;
  pattern: string;
  /** Only above the lead, before the first paragraph of news. */
  top?: boolean;
  /** Case-sensitive. */
  case?: boolean;
  /** Group `place` must name a known place (a bare name line may as well be a byline). */
  known?: boolean;
  /** Every match contains one of these (case-insensitive): a cheap test before the pattern. */
  needs?: string[];
  /** A pattern the last 100 characters of every match fit: a cheap test, for patterns anchored at the line's end. */
  tail?: string;
}

interface Rule extends BoilerplateRule {
  re: RegExp;
  /** Any of `needs`, in a lower-cased line. */
  pre: RegExp | null;
  /** `tail`, compiled. */
  end: RegExp | null;
  /** Index of the gate (CleanKnowledge.gates) this rule's pattern is part of. */
  gate?: number;
}

interface Gate {
  re: RegExp;
  /** Its rules apply above the lead only. */
  top: boolean;
}

export interface CleanKnowledge {
  rules: Rule[];
  /**
   * Alternations of many rules' patterns (one per set of flags, and for above
   * the lead or not): most lines match no rule, and one test of a gate says so
   * for all its rules at once.
   */
  gates: Gate[];
  /** The rules left to try, by above-the-lead (bit 0), needles found (bit 1) and gates passed (bit 2 + gate). */
  plans: Map<number, Rule[]>;
  /** Any rule's `needs`, in a lower-cased line: without one, no rule with `needs` is tried. */
  needles: RegExp | null;
  /** Lower-case names of countries, capitals and cities. */
  places: Set<string>;
  /** Word lists that describe lines no rule names. */
  words: LineWords;
  /** Lines learned from other pages of the corpus (the store fills it in while it ingests). */
  sites?: SiteMemory;
}

/** The fields of the actors gazetteer (data/actors/countries.yaml) that name places. */
interface CountryEntry {
  name?: string;
  names?: string[];
  capitals?: string[];
  cities?: string[];
}

interface BoilerplateFile {
  macros: Record<string, string>;
  /** Dateline places the actors gazetteer does not list. */
  places: string[];
  words?: Partial<Record<keyof LineWords, string[]>>;
  rules: BoilerplateRule[];
}

function expand(pattern: string, macros: Record<string, string>, depth = 0): string {
  if (depth > 8) throw new Error(`boilerplate macros nest too deeply in: ${pattern.slice(0, 60)}`);
  return pattern.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const m = macros[name];
    if (m === undefined) throw new Error(`boilerplate pattern uses unknown macro {{${name}}}`);
    return expand(m, macros, depth + 1);
  });
}

function compile(rule: BoilerplateRule, macros: Record<string, string>): Rule {
  if (!rule || typeof rule.id !== 'string' || typeof rule.pattern !== 'string' || typeof rule.reason !== 'string') {
    throw new Error(`boilerplate rule needs id, kind, reason and pattern: ${JSON.stringify(rule)}`);
  }
  if (!KINDS.has(rule.kind)) throw new Error(`boilerplate rule ${rule.id}: unknown kind '${rule.kind}'`);
  try {
    const pre = rule.needs ? new RegExp(rule.needs.map((w) => w.toLowerCase().replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')) : null;
    const end = rule.tail ? new RegExp(rule.tail, rule.case ? 'u' : 'iu') : null;
    return { ...rule, pre, end, re: new RegExp(expand(rule.pattern, macros), rule.case ? 'u' : 'iu') };
  } catch (err) {
    throw new Error(`boilerplate rule ${rule.id}: ${(err as Error).message}`);
  }
}

/** Shipped rules, then the user's (`boilerplate` and `boilerplateMacros` lexicon sections), compiled once. */
export function loadCleanKnowledge(user: UserLexicon = {}): CleanKnowledge {
  const file = readData<BoilerplateFile>('clean', 'boilerplate.yaml');
  const macros = { ...file.macros };
  for (const m of (user.boilerplateMacros ?? []) as { name: string; pattern: string }[]) macros[m.name] = m.pattern;
  // User rules come first so they can claim a line before a shipped rule does.
  const rules = [...((user.boilerplate ?? []) as BoilerplateRule[]), ...file.rules];
  // Place names come from the actors gazetteer, so a city added there is a dateline here too.
  const places = new Set<string>();
  const add = (name: unknown) => typeof name === 'string' && places.add(name.toLowerCase());
  for (const c of readData<CountryEntry[]>('actors', 'countries.yaml')) {
    [c.name, ...(c.names ?? []), ...(c.capitals ?? []), ...(c.cities ?? [])].forEach(add);
  }
  [...file.places, ...(user.places ?? [])].forEach(add);
  const compiled = rules.map((r) => compile(r, macros));
  const needles = compiled.filter((r) => r.pre).map((r) => r.pre!.source);
  return { rules: compiled, places, words: toWords(file.words), gates: gate(compiled), plans: new Map(), needles: needles.length ? new RegExp(needles.join('|')) : null };
}

/**
 * A pattern with its named groups unnamed, as a gate needs it (a name may
 * appear once per alternation); null when it has back-references (their
 * numbers would change).
 */
function unnamed(source: string): string | null {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (next === 'k' || (next >= '1' && next <= '9')) return null;
      out += c + next;
      i++;
    } else if (inClass) {
      inClass = c !== ']';
      out += c;
    } else if (c === '(' && source.startsWith('?<', i + 1) && source[i + 3] !== '=' && source[i + 3] !== '!') {
      out += '(?:';
      i = source.indexOf('>', i);
    } else {
      inClass = c === '[';
      out += c;
    }
  }
  return out;
}

/**
 * Rules in gates: those with no `needs` (their check is cheaper) and no
 * back-references; one gate per set of flags, and apart the rules for above the
 * lead only, which most lines need not try.
 */
function gate(rules: Rule[]): Gate[] {
  const groups = new Map<string, { top: boolean; flags: string; sources: string[] }>();
  for (const rule of rules) {
    const source = rule.pre || rule.end ? null : unnamed(rule.re.source);
    if (source === null) continue;
    const top = rule.top === true;
    const key = `${rule.re.flags} ${top}`;
    if (!groups.has(key)) groups.set(key, { top, flags: rule.re.flags, sources: [] });
    groups.get(key)!.sources.push(`(?:${source})`);
    rule.gate = [...groups.keys()].indexOf(key);
  }
  return [...groups.values()].map((g) => ({ top: g.top, re: new RegExp(g.sources.join('|'), g.flags) }));
}

let shipped: CleanKnowledge | undefined;

interface Line {
  text: string;
  /** Lines in the same block have no blank line between them. */
  block: number;
}

function toLines(text: string): Line[] {
  const lines: Line[] = [];
  let block = 0;
  for (const rawLine of text.replace(/\r\n?/g, '\n').split('\n')) {
    // Each run of white space (\s, zero-width space) to one space; single spaces, the most of them, are left alone.
    const t = rawLine.replace(/[\s\u200b]{2,}|[^\S ]|\u200b/g, ' ').trim();
    if (t) lines.push({ text: t, block });
    else block++;
  }
  return hardWrapped(lines) ? unwrap(lines) : lines;
}

/**
 * Text wrapped at a fixed width (e-mailed wires, Markdown) breaks sentences
 * across lines; it shows as short lines only, most of them filled to the margin.
 */
function hardWrapped(lines: Line[]): boolean {
  // A loop, not a spread: a spread of 150,000 lines overflows the call stack.
  const longest = lines.reduce((most, l) => Math.max(most, l.text.length), -Infinity);
  if (lines.length < 4 || longest > 100) return false;
  // Lines broken by the wrap, not by the writer: a next line in the same block follows.
  const broken = lines.filter((l, i) => lines[i + 1]?.block === l.block);
  if (broken.length === 0) return false;
  const full = broken.filter((l) => l.text.length >= longest * 0.6).length;
  const open = broken.filter((l) => !/[.!?:"”’)]$/.test(l.text)).length;
  return full / broken.length > 0.6 && open / broken.length > 0.5;
}

/** One line per block: blank lines separate the paragraphs of wrapped text. */
function unwrap(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (const l of lines) {
    const last = out.at(-1);
    if (last && last.block === l.block) last.text = `${last.text} ${l.text}`;
    else out.push({ ...l });
  }
  return out;
}

const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * ASCII letters and digits in `s`, counted up to `limit + 1`. Lower-casing
 * never takes one away (it may add one: the Kelvin sign becomes "k"), so a line
 * with more of them than a squashed title cannot squash to it.
 */
function asciiAlnum(s: string, limit: number): number {
  let n = 0;
  for (let i = 0; i < s.length && n <= limit; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) n++;
  }
  return n;
}
const words = (s: string) => s.trim().split(/\s+/).length;
const endsSentence = (s: string) => /[.]["”’)]?$/.test(s);

/** A headline is short and has no final period; a lead is a long sentence. */
function looksLikeTitle(s: string): boolean {
  const n = words(s);
  return n >= 3 && n <= 30 && s.length <= 250 && !endsSentence(s);
}

/** A caption next to a credit: short, nobody quoted or reported, no dateline opening it. */
function captionShaped(s: string, w: LineWords): boolean {
  return s.length <= 400 && !/["“”]/.test(s) && !/^\p{Lu}[\p{L}.’' -]{1,30}(?:\s*\([^)]{1,20}\))?\s*[:—–]\s/u.test(s) && !reports(s, w);
}

/** A caption under a credit: one sentence. */
function looksLikeCaption(s: string, w: LineWords): boolean {
  return s.length <= 300 && endsSentence(s) && !/[.!?]["”’]?\s+["“‘]?\p{Lu}/u.test(s) && captionShaped(s, w);
}

/** Most of the shorter headline's words are in the other one. */
function sameWords(a: string, b: string): boolean {
  const [x, y] = [new Set(stems(a)), new Set(stems(b))];
  const [small, big] = x.size <= y.size ? [x, y] : [y, x];
  return small.size >= 2 && [...small].filter((w) => big.has(w)).length / small.size >= 0.7;
}

/** Page titles often end with the site's name: "Headline | Outlet". */
function withoutOutlet(title: string | null, outlet: string | null): string | null {
  const m = title && outlet ? /\s+[|–—-]\s+([^|–—]+)$/.exec(title) : null;
  return m && squash(m[1]!) === squash(outlet!) ? title!.slice(0, m.index) : title;
}

// Words too common to tell whether a headline belongs to the article.
const STOP = new Set(['that', 'this', 'with', 'from', 'have', 'been', 'were', 'will', 'what', 'when', 'your', 'into', 'than', 'they', 'their', 'about', 'more', 'after', 'over', 'says', 'said', 'could', 'would']);

/** The longest of -ing, -ed, -es, -s off. */
function unsuffix(w: string): string {
  if (w.endsWith('ing')) return w.slice(0, -3);
  if (w.endsWith('ed') || w.endsWith('es')) return w.slice(0, -2);
  return w.endsWith('s') ? w.slice(0, -1) : w;
}

function stems(s: string): string[] {
  return (s.toLowerCase().match(/\p{L}{4,}/gu) ?? []).filter((w) => !STOP.has(w)).map(unsuffix);
}

export function clean(raw: RawArticle, kb: CleanKnowledge = (shipped ??= loadCleanKnowledge())): Article {
  const lines = toLines(raw.text);
  const kept: (string | null)[] = lines.map((l) => l.text);
  const notes: Removed[][] = lines.map(() => []);
  /** How each removed line went: its rule's kind, or 'title'. */
  const how: (string | null)[] = lines.map(() => null);
  const flags: string[] = [];
  const drop = (i: number, reason: string, rule: string, kind = 'remove') => {
    notes[i]!.push({ text: kept[i] ?? lines[i]!.text, reason, rule });
    kept[i] = null;
    how[i] = kind;
  };
  const match = (text: string, top: boolean) => {
    let key = top ? 1 : 0;
    const lower = text.toLowerCase();
    if (kb.needles?.test(lower)) key |= 2;
    kb.gates.forEach((g, i) => (top || !g.top) && g.re.test(text) && (key |= 4 << i));
    let plan = kb.plans.get(key);
    if (!plan) {
      const tried = (r: Rule) => (top || !r.top) && (!r.pre || key & 2) && (r.gate === undefined || key & (4 << r.gate));
      kb.plans.set(key, (plan = kb.rules.filter(tried)));
    }
    for (const rule of plan) {
      if (rule.pre && !rule.pre.test(lower)) continue;
      if (rule.end && !rule.end.test(text.length > 100 ? text.slice(-100) : text)) continue;
      const m = rule.re.exec(text);
      if (m && rule.known && !kb.places.has((m.groups?.place ?? '').split(',')[0]!.trim().toLowerCase())) continue;
      if (m) return { rule, m };
    }
    return null;
  };

  let outlet = raw.outlet ?? null;
  let title = withoutOutlet(raw.title?.replace(/\s+/g, ' ').trim() || null, outlet);
  let byline = raw.byline?.replace(/^by\s+/i, '').trim() || null;
  let dateline: string | null = null;
  const published = isoDate(raw.published);
  let stamped: string | null = null;

  // The headline is the first line that no rule claims: a label, promo or date line may sit above it.
  let h = 0;
  const claimed = (text: string) => {
    const hit = match(text, true);
    return hit !== null && hit.rule.kind !== 'dateline';
  };
  while (h < 3 && h < lines.length && claimed(lines[h]!.text)) h++;
  const first = lines[h]?.text;
  if (first && lines.length > h + 1 && looksLikeTitle(first) && !match(first, false)) {
    if (!title) {
      title = first;
      drop(h, 'headline (moved to title)', 'title', 'title');
    } else if (squash(first) !== squash(title) && sameWords(first, title)) {
      // The page's <title> or the feed's headline often differs a little from the headline printed above the text.
      drop(h, 'headline (a variant of the title)', 'title-variant', 'title');
    }
  }

  const inserts: { line: number; headline: string }[] = [];
  let top = true;
  let captionAfter: Rule | null = null;
  // A short line right above a credit, in the same block, titles the image.
  const imageTitle = (i: number, rule: Rule) => {
    const j = i - 1;
    const prev = kept[j];
    if (!prev || lines[j]!.block !== lines[i]!.block || endsSentence(prev) || isDateLine(prev, kb.words)) return false;
    if (prev.length <= 120 && words(prev) <= 15) drop(j, 'image title', `${rule.id}:image-title`, 'caption');
    // A longer line with no final stop right above a bare credit is the caption it credits.
    else if (rule.kind === 'credit' && captionShaped(prev, kb.words)) drop(j, 'photo caption', `${rule.id}:caption`, 'caption');
    else return false;
    return true;
  };

  const titleKey = title && squash(title);
  const titleAlnum = titleKey ? asciiAlnum(titleKey, Infinity) : 0;
  for (let i = 0; i < lines.length; i++) {
    if (kept[i] === null) continue;
    const text = lines[i]!.text;
    if (titleKey && asciiAlnum(text, titleAlnum) <= titleAlnum && squash(text) === titleKey) {
      drop(i, 'repeated title', 'repeated-title', 'title');
      continue;
    }
    const hit = match(text, top);
    const after = captionAfter;
    captionAfter = null;
    if (!hit) {
      if (after && looksLikeCaption(text, kb.words)) drop(i, 'photo caption', `${after.id}:caption`, 'caption');
      else top = false;
      continue;
    }
    const { rule, m } = hit;
    const groups = m.groups ?? {};
    switch (rule.kind) {
      case 'tail':
        for (let j = i; j < lines.length; j++) drop(j, rule.reason, rule.id, rule.kind);
        i = lines.length;
        break;
      case 'insert':
        drop(i, rule.reason, rule.id, rule.kind);
        inserts.push({ line: i, headline: groups.headline ?? text });
        break;
      case 'credit':
        // A credit goes with the caption above it, or else with the one after it.
        // A bare agency or outlet name is as often the source of the text as a credit: no caption follows it.
        if ((!imageTitle(i, rule) || lines[i - 1]!.text.length <= 120) && /[/:]|\b(?:by|via)\b/i.test(text)) captionAfter = rule;
        drop(i, rule.reason, rule.id, rule.kind);
        break;
      case 'caption':
        imageTitle(i, rule);
        drop(i, rule.reason, rule.id, rule.kind);
        break;
      case 'timestamp':
        drop(i, rule.reason, rule.id, rule.kind);
        stamped ??= isoDate(groups.date);
        break;
      case 'byline':
        drop(i, rule.reason, rule.id, rule.kind);
        byline ??= groups.byline?.trim() || null;
        break;
      case 'place':
        drop(i, rule.reason, rule.id, rule.kind);
        dateline ??= groups.place ?? text;
        break;
      case 'dateline': {
        dateline ??= groups.place?.trim() || null;
        outlet ??= groups.outlet?.trim() || null;
        notes[i]!.push({ text: m[0].trim(), reason: rule.reason, rule: rule.id });
        const rest = text.slice(m[0].length).trim();
        kept[i] = rest || null;
        if (rest) top = false;
        else how[i] = rule.kind;
        break;
      }
      default:
        drop(i, rule.reason, rule.id, rule.kind);
    }
  }

  const rules = notes.map((n) => n.at(-1)?.rule ?? null);
  const page = { lines: lines.map((l) => l.text), blocks: lines.map((l) => l.block), kept, how, rules, title, outlet, path: raw.path, sites: kb.sites, drop };
  furniture(page, kb.words);

  // A headline that shares almost no words with the article was dropped in by
  // a content farm: after "See also", or bare in the middle of the text.
  const firstKept = kept.findIndex((t) => t !== null);
  const candidates: number[] = [];
  kept.forEach((t, i) => {
    // Long headline-shaped lines only: short subheadings ("What comes next") share few words by nature.
    if (!t || i === firstKept || !/[\p{L}\p{N}]$/u.test(t.slice(-2)) || /["“”]/.test(t)) return;
    const n = words(t);
    if (n >= 7 && n <= 16) candidates.push(i);
  });
  if (inserts.length === 0 && candidates.length === 0) return article();
  const vocabulary = new Map<string, number>();
  const count = (ws: string[], by: number) => ws.forEach((w) => vocabulary.set(w, (vocabulary.get(w) ?? 0) + by));
  const lineStems = kept.map((t) => (t ? stems(t) : []));
  lineStems.forEach((ws) => count(ws, 1));
  if (title) count(stems(title), 1);
  const unrelated = (ws: string[], own: boolean, limit: number) => {
    if (own) count(ws, -1);
    const shared = ws.filter((w) => (vocabulary.get(w) ?? 0) > 0).length;
    if (own) count(ws, 1);
    return ws.length > 0 && shared / ws.length < limit;
  };
  const spam = () => flags.includes('spam-insert') || flags.push('spam-insert');
  for (const { line, headline } of inserts) {
    if (!unrelated(stems(headline), false, 0.34)) continue;
    notes[line]!.at(-1)!.reason = 'spam insert: unrelated headline';
    spam();
  }
  for (const i of candidates) {
    const ws = lineStems[i]!;
    if (ws.length < 5 || !unrelated(ws, true, 0.25)) continue;
    drop(i, 'spam insert: unrelated headline', 'unrelated-headline');
    spam();
  }
  return article();

  function article(): Article {
    return {
      id: raw.id ?? raw.path,
      path: raw.path,
      outlet,
      url: raw.url ?? null,
      title,
      byline,
      dateline,
      published: published ?? stamped,
      body: kept.filter((t): t is string => t !== null).join('\n\n'),
      removed: notes.flat(),
      flags,
      story: null,
      duplicateOf: null,
    };
  }
}
