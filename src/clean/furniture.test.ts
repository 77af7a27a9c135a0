// Short pages of our own, one kind of boilerplate or one kind of short news line
// at a time: what the rules and the line features remove, and what they keep.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RawArticle } from '../types.js';
import { clean } from './index.js';

const raw = (text: string, meta: Partial<RawArticle> = {}): RawArticle => ({ path: 'x.txt', format: 'text', text, ...meta });
const paragraphs = (body: string) => body.split('\n\n');

const HEAD = 'Peru and Chile agree on a joint fishing patrol';
const LEAD = 'Peru and Chile agreed on Monday to run joint patrols against illegal fishing along their maritime border, officials said.';
const NEXT = 'The first patrols will leave Callao next month with two coast guard ships from each country, the navies said in a statement.';
const LAST = 'Fishing groups in both countries welcomed the deal but said the patrols came years too late for their crews.';

/** The page with `lines` between the lead and the next paragraph: which of them went, by which rule. */
function between(lines: string[], meta: Partial<RawArticle> = {}) {
  const a = clean(raw([HEAD, LEAD, ...lines, NEXT, LAST].join('\n'), meta));
  return { a, kept: paragraphs(a.body).filter((p) => p !== LEAD && p !== NEXT && p !== LAST), rules: a.removed.slice(1).map((r) => r.rule) };
}

test('page furniture goes by its words: ads, sharing, comments, following, logos', () => {
  for (const line of ['Advertisement 2', 'Sponsored content', 'Follow topic:', 'Share the Story', 'Herald Logo', 'exampleherald.com']) {
    const { kept, rules, a } = between([line]);
    assert.deepEqual(kept, [], line);
    assert.ok(a.removed.at(-1)!.reason.length > 0 && rules.length === 1, line);
  }
  assert.deepEqual(between(['Advertisement 2']).rules, ['interface-words']);
});

test('section labels, menus and tickers go', () => {
  assert.deepEqual(between(['Nation & World News']).rules, ['section-words']);
  assert.deepEqual(between(['Home | World | Business | Sport']).rules, ['link-list']);
  assert.deepEqual(between(['Markets: oil slips | Chile rate decision due | Storm warning for Lima']).rules, ['link-list']);
});

test("the outlet's own name on a line goes, as does the wire it carries", () => {
  assert.deepEqual(between(['Example Herald'], { outlet: 'Example Herald (AFP)' }).rules, ['outlet-line']);
  assert.deepEqual(between(['The Associated Press']).kept, []);
  // The outlet's own words count as furniture words.
  assert.deepEqual(between(['HERALD MOBILE APP'], { outlet: 'Example Herald' }).rules, ['interface-words']);
  assert.deepEqual(between(['Herald reporters in Lima'], { outlet: 'Example Herald' }).kept, ['Herald reporters in Lima']);
});

test('date and time lines of many forms go', () => {
  for (const line of ['Published in Example Herald, May 3rd, 2026', '03-05-2026 | 10:15', '2026-03-03T10:15:00+00:00', 'Posted at 9:42 AM, Mar 3, 2026', 'Example Wire Published May 3, 2026 Updated May 3, 2026 09:23am']) {
    assert.deepEqual(between([line]).kept, [], line);
  }
  assert.equal(between(['The vote is set for May 3, 2026.']).kept.length, 1, 'a sentence with a date is news');
});

test('a run of capitalised names with no function word goes when nothing follows it or it repeats', () => {
  const { kept, rules } = between(['Ana Example Peru Chile Callao', 'Advertisement']);
  assert.deepEqual(kept, []);
  assert.deepEqual(rules, ['name-list', 'advertisement']);
  // A title-case subheading followed by its paragraph is news.
  assert.deepEqual(between(['Navy Chief Welcomes Patrols']).kept, ['Navy Chief Welcomes Patrols']);
});

test('a promo box opened by an appeal and closed by an image goes whole', () => {
  const box = ['This season, support us:', 'Facts over noise', 'Our reporters are in Lima, Santiago and Callao every day.', 'We see it.', '![Example](https://example.org/img/banner.jpg)'];
  const { kept, rules } = between(box);
  assert.deepEqual(kept, []);
  assert.deepEqual(rules, ['promo-lead', 'promo-box', 'promo-box', 'promo-box', 'markdown-image']);
  // Not closed by boilerplate: only the appeal goes.
  assert.deepEqual(between(['This season, support us:', 'Our reporters are in Lima every day.']).kept, ['Our reporters are in Lima every day.']);
});

test('a teaser for another story (its headline twice, a summary, a call to action) goes', () => {
  const other = 'Storm forces Chilean ports to close for two days';
  const { kept, rules } = between([other, 'A container ship waits outside Valparaiso.', other, 'Port officials said the closure was the longest in a decade.', 'LEARN MORE']);
  assert.deepEqual(kept, []);
  assert.deepEqual(rules, ['teaser', 'teaser', 'teaser', 'teaser', 'interface-words']);
});

test('labels: a kicker above a subheading, names and labels above the lead, the page header above the headline', () => {
  const kicker = clean(raw([HEAD, LEAD, 'Context', 'Talks stalled for a decade', NEXT].join('\n')));
  assert.deepEqual(paragraphs(kicker.body), [LEAD, 'Talks stalled for a decade', NEXT]);
  assert.equal(kicker.removed.at(-1)!.rule, 'kicker');

  const top = clean(raw([HEAD, 'Ana Example', LEAD].join('\n')));
  assert.equal(top.body, LEAD);

  const header = clean(raw(['Example Herald Deals', 'HomeWorld' + HEAD, HEAD, LEAD].join('\n'), { title: HEAD }));
  assert.equal(header.body, LEAD);
  assert.deepEqual(header.removed.map((r) => r.rule), ['above-headline', 'above-headline', 'repeated-title']);
});

test('a short line between two pieces of boilerplate is part of them', () => {
  const { kept, rules } = between(['Advertisement', 'Example Deals Today', 'Advertisement']);
  assert.deepEqual(kept, []);
  assert.deepEqual(rules, ['advertisement', 'between-boilerplate', 'advertisement']);
});

test('captions go with their credit or image marker next to them', () => {
  const cases = [
    'Coast guard ships leave Callao on March 2, 2026. — AFP',
    'A coast guard ship leaves Callao on Monday (Supplied)',
    'The Peruvian minister greets her Chilean counterpart in Lima. Credit: Example Ministry',
    'PHOTO/Example Agency via AP - Coast guard ships near the maritime border',
    'Ana Example (L) and Ben Example (R) sign the agreement in Lima on Monday.',
    'Image Source : Example Agency Ministers sign the patrol agreement in Lima.',
  ];
  for (const line of cases) assert.deepEqual(between([line]).kept, [], line);
  // A caption with no final stop right above a bare credit goes with it, and the lead after the credit stays.
  const above = clean(raw([HEAD, 'Ana Example leaves the ministry in Lima after the signing', 'Credit: Example Wire Photo', LEAD, NEXT].join('\n')));
  assert.deepEqual(paragraphs(above.body), [LEAD, NEXT]);
});

test('comment boxes, empty widgets, counters and template slots go', () => {
  const policy = 'Hello, the comments you post here help other readers. Please respect the community and stay on topic.';
  const tail = clean(raw([HEAD, LEAD, NEXT, policy, 'Any reply at all.', 'Another line.'].join('\n')));
  assert.deepEqual(paragraphs(tail.body), [LEAD, NEXT]);
  for (const line of ['No stories found.', 'This story has been read 72 times in total', '[ad_3]', 'from Example Wire - Latest Headlines https://ex.example/1a2b']) {
    assert.deepEqual(between([line]).kept, [], line);
  }
});

test('related links: "Read" and a headline, with or without a colon', () => {
  assert.deepEqual(between(['Read Chile names new navy chief amid patrol dispute']).rules, ['read-headline']);
  assert.deepEqual(between(['READ: Chile names new navy chief']).rules, ['read-more-link']);
  assert.deepEqual(between(['Read the full statement here.']).kept, ['Read the full statement here.'], 'a sentence is not a link');
});

test('standalone datelines: a wire and a place, a known place in capitals', () => {
  const wire = clean(raw([HEAD, 'AFP, Lima :', LEAD].join('\n')));
  assert.equal(wire.body, LEAD);
  assert.equal(wire.dateline, 'Lima');
  const caps = clean(raw([HEAD, 'Standfirst of the story with no final stop and several words in it', 'SANTIAGO', LEAD].join('\n')));
  assert.equal(caps.dateline, 'SANTIAGO');
});

test('short news lines stay: one-sentence paragraphs, subheadings, quotes, leads ending with an agency or a place', () => {
  const news = [
    LEAD,
    'The talks resume on Friday.',
    'What comes next',
    NEXT,
    '## The measures',
    'Ships will share radar data, the ministers told Reuters.',
    '“We will not back down.”',
    'Two trawlers were seized near Arica, said a navy spokesman in Lima.',
    'Why now?',
    'He declined to comment.',
    LAST,
  ];
  const a = clean(raw([HEAD, ...news].join('\n')));
  assert.deepEqual(paragraphs(a.body), news);
  assert.deepEqual(a.removed.map((r) => r.rule), ['title']);
});

test('a bare agency name is a source line: the lead after it is never its caption', () => {
  for (const credit of ['Reuters', 'AFP', 'Example Herald']) {
    const a = clean(raw([HEAD, 'Ministers from both countries signed the deal in a ceremony in Lima.', credit, LEAD, NEXT].join('\n'), { outlet: 'Example Herald' }));
    assert.ok(a.body.includes(LEAD), credit);
  }
  // Reported speech or a dateline opening the line after a credit: news, not a caption.
  const said = 'Chile’s navy said two ships were ready to sail.';
  assert.ok(clean(raw([HEAD, LEAD, 'Ana Example/Reuters', said].join('\n'))).body.includes(said));
  const dated = 'Lima: Peru’s navy seized two trawlers on Monday.';
  assert.ok(clean(raw([HEAD, LEAD, 'Ana Example/Reuters', dated].join('\n'))).body.includes(dated));
});

test('a one-sentence paragraph between ad markers is news', () => {
  const line = 'For those who reached the port, the navy handed out water.';
  assert.deepEqual(between(['Advertisement', line, 'Advertisement']).kept, [line]);
});

test('a related-links heading takes the headlines listed under it, and a teaser cut off with an ellipsis', () => {
  const { kept, rules } = between(['Check Also', 'Chile names new navy chief amid patrol dispute', 'Lima, Example - The navy said on Monday that two new ships …']);
  assert.deepEqual(kept, []);
  assert.deepEqual(rules, ['read-more-bare', 'related-link', 'related-link']);
  // The list ends at the first sentence: the article goes on.
  assert.deepEqual(between(['Most read', 'Chile names new navy chief amid patrol dispute', 'The talks resume on Friday.']).kept, ['The talks resume on Friday.']);
});

test('bylines, agency notes and stamps of other forms', () => {
  for (const line of ['Posted By: Example Wire', 'with agency reports', 'February 22, 2026 / 8:14 AM / 2 days ago', 'Story first published: Saturday, July 15, 2026, 8:48 [IST]']) {
    assert.deepEqual(between([line]).kept, [], line);
  }
});

test('credits run into a caption or alone in brackets, and blog-platform footers', () => {
  const glued = between(['Ministers sign the patrol deal in Lima', 'Ministers sign the patrol deal in LimaCredit: Example Wire']);
  assert.deepEqual(glued.kept, []);
  assert.deepEqual(glued.rules, ['caption-glued-credit:image-title', 'caption-glued-credit']);
  for (const line of ['A chart of fishing catches by country (Example Ministry/A. Example)', '(Example Ministry)', 'Jump directly to the content', '%d bloggers like this:']) {
    assert.deepEqual(between([line]).kept, [], line);
  }
});
