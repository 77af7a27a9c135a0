// The second pass of the clean stage: the lines no boilerplate rule named are
// judged by their make-up (src/clean/lines.ts) and by their neighbours. It runs
// after the rules, so a line can lean on what they removed next to it.
import type { SiteMemory } from './site.js';
import { isDateLine, isInterface, isLinkList, isNameList, isNews, isPromoLead, isSections, shape, type LineWords, type Shape } from './lines.js';

export interface Page {
  /** Line texts as read. */
  lines: string[];
  /** Kept text of each line, null once removed. */
  kept: (string | null)[];
  /** How each removed line went: the kind of the rule ('title' for the headline), null while kept. */
  how: (string | null)[];
  /** The rule each removed line went by, null while kept. */
  rules: (string | null)[];
  /** Block number of each line (a blank line starts the next). */
  blocks: number[];
  title: string | null;
  outlet: string | null;
  /** Where the article was read from, and what the store learned of the lines of other pages. */
  path: string;
  sites?: SiteMemory | undefined;
  drop(i: number, reason: string, rule: string): void;
}

/** The headline and its repeats go as 'title' (src/clean/index.ts). */
const TITLE_KINDS = new Set(['title']);
/** Removals that say a picture or a stamp sits here: the short line above them titles it. */
const METADATA_KINDS = new Set(['timestamp', 'byline', 'credit', 'caption']);
const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** The outlet's name and the wire it names in brackets ("Example Times (AFP)"). */
function outletNames(outlet: string | null): Set<string> {
  const names = new Set<string>();
  if (!outlet) return names;
  names.add(squash(outlet.replace(/\([^)]*\)/g, '')));
  for (const m of outlet.matchAll(/\(([^)]+)\)/g)) names.add(squash(m[1]!.replace(/\b(?:copy|via|wire)\b/gi, '')));
  names.delete('');
  return names;
}

export function furniture(page: Page, w: LineWords): void {
  const { lines, kept, how } = page;
  const shapes: (Shape | null)[] = kept.map((t) => (t === null ? null : shape(t, w)));
  const gone = (i: number) => i >= 0 && i < lines.length && kept[i] === null && !TITLE_KINDS.has(how[i] ?? '');
  const drop = (i: number, reason: string, rule: string, kind = 'furniture') => {
    page.drop(i, reason, rule);
    how[i] = kind;
    page.rules[i] = rule;
    shapes[i] = null;
  };
  aboveHeadline(page, shapes, drop);

  // Each line on its own.
  const names = outletNames(page.outlet);
  const own = new Set([...names].flatMap((n) => n.split(' ')).filter((t) => !w.stop.has(t)));
  for (let i = 0; i < shapes.length; i++) {
    const s = shapes[i];
    if (!s) continue;
    const text = kept[i]!;
    const repeated = page.sites && s.n <= 15 && !isNews(s) ? page.sites.repeated(page.path, page.outlet, text) : null;
    if (repeated) drop(i, `site boilerplate (${repeated})`, 'site-repeated');
    else if (s.n <= 8 && names.has(squash(text))) drop(i, 'outlet name', 'outlet-line');
    else if (isInterface(s, w, own)) drop(i, 'page furniture (ads, sharing, comments, navigation)', 'interface-words');
    else if (!s.sentence && s.n <= 6 && lines.some((t, j) => j !== i && t === text)) drop(i, 'repeated on the page', 'repeated-line');
    else if (isLinkList(text)) drop(i, 'list of links', 'link-list');
    else if (isSections(s, w)) drop(i, 'section label', 'section-words');
    else if (isDateLine(text, w)) drop(i, 'timestamp line', 'date-line', 'timestamp');
    else if (isPromoLead(text, s, w)) {
      drop(i, 'promo', 'promo-lead');
      promoBox(i);
    }
  }

  teasers();
  relatedLinks();

  // Each line with its neighbours.
  for (let i = 0; i < shapes.length; i++) {
    const s = shapes[i];
    if (!s) continue;
    const text = kept[i]!;
    const next = shapes[i + 1];
    if (isNameList(text, s) && (i + 1 >= lines.length || gone(i + 1) || lines.some((t, j) => j !== i && t === text))) {
      drop(i, 'tag or image alt line', 'name-list');
    } else if (!s.sentence && s.n <= 12 && METADATA_KINDS.has(how[i + 1] ?? '') && page.blocks[i + 1] === page.blocks[i]) {
      drop(i, 'image title or alt text', 'above-metadata');
    } else if (!s.sentence && s.n <= 3 && next && !next.sentence && next.n <= 15 && !isNews(next)) {
      drop(i, 'label above a subheading', 'kicker');
    }
  }

  // Labels and names between the headline and the lead (the first news paragraph): a few words, none of them a
  // function word; a subheading ("What comes next", "## The measures") has one or is marked.
  for (let i = 0; i < shapes.length; i++) {
    const s = shapes[i];
    if (!s) continue;
    if (isNews(s)) break;
    if (!s.sentence && s.n <= 4 && s.stopShare === 0 && !/^#|\?$/.test(kept[i]!)) {
      drop(i, 'short line above the lead (label or name)', 'top-label');
    }
  }

  // A short line with boilerplate on both sides is part of it.
  for (let i = 0; i < shapes.length; i++) {
    const s = shapes[i];
    if (!s) continue;
    if (!s.sentence && s.n <= 6 && gone(i - 1) && gone(i + 1)) drop(i, 'short line inside boilerplate', 'between-boilerplate');
  }

  /** Below a related-links heading ("See also", "Most read"): the headlines it lists, and a teaser cut off with an ellipsis. */
  function relatedLinks() {
    for (let i = 0; i < lines.length; i++) {
      if (how[i] !== 'links') continue;
      for (let j = i + 1; j < lines.length && kept[j] !== null; j++) {
        const s = shapes[j]!;
        if (!(!s.sentence && s.n >= 3 && s.n <= 20) && !/(?:…|\.\.\.)$/.test(kept[j]!)) break;
        drop(j, 'related link', 'related-link');
      }
    }
  }

  /** A promo lead ("Give to:") heads a box closed by more boilerplate within a few short lines. */
  function promoBox(lead: number) {
    let end = lead + 1;
    while (end < lines.length && end <= lead + 8 && kept[end] !== null && kept[end]!.length < 250) end++;
    if (end === lead + 1 || end >= lines.length || kept[end] !== null || end > lead + 8) return;
    for (let j = lead + 1; j < end; j++) drop(j, 'promo', 'promo-box');
  }

  /**
   * A headline-shaped line printed twice is a teaser for another story: both
   * go, with what sits between them, and what follows the second up to a call
   * to action ("Learn more").
   */
  function teasers() {
    const seen = new Map<string, number>();
    for (let i = 0; i < shapes.length; i++) {
      const s = shapes[i];
      if (!s) continue;
      if (s.sentence || s.n < 4 || s.n > 20) continue;
      const key = squash(kept[i]!);
      const first = seen.get(key);
      if (first === undefined || i - first > 4) {
        seen.set(key, i);
        continue;
      }
      for (let j = first; j <= i; j++) if (kept[j] !== null) drop(j, 'teaser for another story', 'teaser');
      // A call to action is a line of furniture words ("Learn more", "Read the story").
      const cta = [i + 1, i + 2, i + 3].find((j) => page.rules[j] === 'interface-words');
      for (let j = i + 1; cta !== undefined && j < cta; j++) if (kept[j] !== null) drop(j, 'teaser for another story', 'teaser');
    }
  }
}

/**
 * Above a headline printed in the first lines: short lines are the site's header
 * (logo, menu, breadcrumbs, ads), unless a news paragraph stands among them.
 */
function aboveHeadline(page: Page, shapes: (Shape | null)[], drop: (i: number, reason: string, rule: string) => void) {
  const { kept, how, title } = page;
  const key = title ? squash(title) : '';
  let head = how.findIndex((k, i) => i <= 6 && TITLE_KINDS.has(k ?? ''));
  // A breadcrumb trail ends with the headline.
  const crumb = key
    ? kept.findIndex((t, i) => i <= 6 && t !== null && !/[.!?]["”’]?$/.test(t) && t.length > title!.length && t.length < title!.length + 200 && squash(t).endsWith(key))
    : -1;
  if (crumb >= 0 && (head < 0 || crumb < head)) head = crumb + 1;
  if (head <= 0) return;
  const above = shapes.slice(0, head);
  if (above.some((s) => s && isNews(s) && s.n > 8)) return;
  above.forEach((s, i) => {
    if (s && (s.n <= 8 || s.stopShare < 0.2 || i === crumb)) drop(i, 'page header above the headline', 'above-headline');
  });
}
