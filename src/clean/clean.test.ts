import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RawArticle } from '../types.js';
import { isoDate } from './dates.js';
import { clean, loadCleanKnowledge } from './index.js';

const raw = (text: string, meta: Partial<RawArticle> = {}): RawArticle => ({ path: 'x.txt', format: 'text', text, ...meta });
const paragraphs = (body: string) => body.split('\n\n');

const HEAD = 'Peru and Chile agree on a joint fishing patrol';
const LEAD = 'Peru and Chile agreed on Monday to run joint patrols against illegal fishing along their maritime border, officials said.';
const NEXT = '“We will not allow foreign fleets to empty our waters,” Peruvian Foreign Minister Ana Example told reporters in Lima.';

test('first line is the title and its repeat goes; the body is the kept paragraphs', () => {
  const a = clean(raw(`${HEAD}\n\n${HEAD}\n\n${LEAD}\n\n${NEXT}\n`));
  assert.equal(a.title, HEAD);
  assert.equal(a.body, `${LEAD}\n\n${NEXT}`);
  assert.deepEqual(a.removed.map((r) => r.rule), ['title', 'repeated-title']);
});

test('hard-wrapped text is joined back into paragraphs; one paragraph per line stays as it is', () => {
  const wrap = (s: string) => s.replace(/(.{40,60}?) /g, '$1\n');
  const wrapped = clean(raw(`${HEAD}\n\n${wrap(LEAD)}\n\n${wrap(NEXT)}\n\n${wrap(LEAD)}\n`));
  assert.equal(wrapped.body, `${LEAD}\n\n${NEXT}\n\n${LEAD}`);
  const lines = `${HEAD}\n${LEAD}\n${NEXT}\n${LEAD}`;
  assert.equal(clean(raw(lines)).body, `${LEAD}\n\n${NEXT}\n\n${LEAD}`);
});

test('a label or promo above the headline does not hide it', () => {
  const a = clean(raw(`EXCLUSIVE\n\n${HEAD}\n\n${LEAD}`));
  assert.equal(a.title, HEAD);
  assert.equal(a.body, LEAD);
  assert.deepEqual(a.removed.map((r) => r.reason), ['section label', 'headline (moved to title)']);
});

test('a lead is not a title: a long sentence with a final period stays in the body', () => {
  const a = clean(raw(`${LEAD}\n${NEXT}\n`));
  assert.equal(a.title, null);
  assert.deepEqual(paragraphs(a.body), [LEAD, NEXT]);
});

test('a headline line that varies the known title goes; an unrelated first line stays', () => {
  const a = clean(raw(`Peru, Chile agree joint fishing patrols\n\n${LEAD}`, { title: HEAD }));
  assert.equal(a.body, LEAD);
  assert.equal(a.removed[0]!.rule, 'title-variant');
  const b = clean(raw(`A long dispute at sea\n\n${LEAD}`, { title: HEAD }));
  assert.equal(b.body, `A long dispute at sea\n\n${LEAD}`);
});

test('a page title loses the site name it ends with', () => {
  assert.equal(clean(raw(LEAD, { title: `${HEAD} | Example Times`, outlet: 'Example Times' })).title, HEAD);
  assert.equal(clean(raw(LEAD, { title: `${HEAD} - Example Times`, outlet: 'Other' })).title, `${HEAD} - Example Times`);
});

test('a known title removes its repeat from the text', () => {
  const a = clean(raw(`${HEAD.toUpperCase()}\n${LEAD}`, { title: HEAD }));
  assert.equal(a.body, LEAD);
  assert.equal(a.removed[0]!.reason, 'repeated title');
});

test('wire datelines give dateline and, when none is known, outlet; the rest of the lead stays', () => {
  const ap = clean(raw(`${HEAD}\n\nLIMA, Peru (AP) — ${LEAD}`));
  assert.equal(ap.dateline, 'LIMA, Peru');
  assert.equal(ap.outlet, 'AP');
  assert.equal(ap.body, LEAD);
  assert.deepEqual(ap.removed.at(-1), { text: 'LIMA, Peru (AP) —', reason: 'dateline', rule: 'wire-dateline' });

  const reuters = clean(raw(`SANTIAGO, March 3 (Reuters) - ${LEAD}`, { outlet: 'Example Daily' }));
  assert.equal(reuters.dateline, 'SANTIAGO');
  assert.equal(reuters.outlet, 'Example Daily', 'a known outlet is kept');
  assert.equal(reuters.body, LEAD);

  const bare = clean(raw(`${HEAD}\n\nLima\n\n${LEAD}`));
  assert.equal(bare.dateline, 'Lima');
  assert.equal(bare.body, LEAD);

  const name = clean(raw(`${HEAD}\n\nAna Example\n\n${LEAD}`));
  assert.equal(name.dateline, null, 'a name line is no place');
  assert.deepEqual(name.removed.map((r) => r.rule), ['title', 'top-label'], 'a name line above the lead is a label, not a dateline');

  const user = clean(raw(`${HEAD}\n\nPort Example\n\n${LEAD}`), loadCleanKnowledge({ places: ['Port Example'] }));
  assert.equal(user.dateline, 'Port Example');

  const caps = clean(raw(`${HEAD}\n\nSANTIAGO — ${LEAD}`));
  assert.equal(caps.dateline, 'SANTIAGO');
  assert.equal(caps.body, LEAD);
});

test('datelines are only read above or at the lead, never later in the article', () => {
  const later = `${LEAD}\n\nLIMA (AP) — this text is in the middle.\n\nChile`;
  const a = clean(raw(`${HEAD}\n\n${later}`));
  assert.equal(a.dateline, null);
  assert.equal(a.body, later);
});

test('timestamp lines give the date when none is known; a relative one never does', () => {
  const a = clean(raw(`${HEAD}\n\n3 Mar, 2026 10:15 / Updated 2 years ago\n${LEAD}`));
  assert.equal(a.published, '2026-03-03T10:15:00');
  assert.equal(a.body, LEAD);
  const known = clean(raw(`${HEAD}\n\nPublished March 3, 2026\n${LEAD}`, { published: '2026-03-04' }));
  assert.equal(known.published, '2026-03-04');
  assert.equal(known.removed.at(-1)!.reason, 'timestamp line');
  const relative = clean(raw(`${HEAD}\n\nUpdated 3 hours ago\n${LEAD}`));
  assert.equal(relative.published, null);
  assert.equal(relative.body, LEAD);
});

test('publication dates are normalised to ISO', () => {
  assert.equal(isoDate('2026-03-03'), '2026-03-03');
  assert.equal(isoDate('2026-03-03T10:00:00+0200'), '2026-03-03T10:00:00+02:00');
  assert.equal(isoDate('Tue, 03 Mar 2026 10:00:00 GMT'), '2026-03-03T10:00:00Z');
  assert.equal(isoDate('March 3, 2026'), '2026-03-03');
  assert.equal(isoDate('3 years ago'), null);
  assert.equal(isoDate('soon'), null);
  assert.equal(clean(raw(LEAD, { published: 'Tue, 03 Mar 2026 10:00:00 GMT' })).published, '2026-03-03T10:00:00Z');
});

test('promos, update notes, ads and comment forms go, each with its reason', () => {
  const junk = [
    'Editor’s note: Sign up for our weekly Andes newsletter to get the region’s news in your inbox.',
    'Advertisement',
    'Follow us on Telegram for the latest updates.',
    '3/4/26 8:10 a.m. ET: This article has been updated with a statement from the Chilean navy.',
    'This story has been updated with additional information.',
    'Copyright 2026 Example Wire. All rights reserved.',
  ];
  const a = clean(raw([HEAD, junk[0], LEAD, junk[1], junk[2], NEXT, junk[3], junk[4], junk[5], 'Leave a Reply', 'Your email address will not be published. Required fields are marked *', 'Name *'].join('\n\n')));
  assert.deepEqual(paragraphs(a.body), [LEAD, NEXT]);
  assert.deepEqual(
    a.removed.map((r) => r.reason),
    ['headline (moved to title)', 'newsletter promo', 'advertisement marker', 'social media promo', 'update note', 'update note', 'copyright notice', 'comment form', 'comment form', 'comment form'],
  );
  assert.deepEqual(a.flags, []);
});

test('an unrelated "See also" headline is a spam insert; a related one is only a link', () => {
  const spam = clean(raw(`${HEAD}\n\n${LEAD}\n\nSee also  Celebrity chef opens burger restaurant, menu prices revealed\n\n${NEXT}`));
  assert.deepEqual(spam.flags, ['spam-insert']);
  assert.equal(spam.removed.at(-1)!.reason, 'spam insert: unrelated headline');
  assert.deepEqual(paragraphs(spam.body), [LEAD, NEXT]);

  const related = clean(raw(`${HEAD}\n\n${LEAD}\n\nRead more: Chile and Peru fishing patrol talks stall over maritime border\n\n${NEXT}`));
  assert.deepEqual(related.flags, []);
  assert.equal(related.removed.at(-1)!.reason, 'related-link insert');
  assert.deepEqual(paragraphs(related.body), [LEAD, NEXT]);
});

test('an unrelated headline dropped bare into the text is a spam insert; subheadings stay', () => {
  const sub = 'Talks on quotas between Peru and Chile continue';
  const a = clean(raw([HEAD, LEAD, 'Ten celebrity kitchen gadgets everyone is buying this summer season', sub, NEXT, 'What comes next'].join('\n\n')));
  assert.deepEqual(paragraphs(a.body), [LEAD, sub, NEXT, 'What comes next']);
  assert.deepEqual(a.flags, ['spam-insert']);
  assert.equal(a.removed.at(-1)!.rule, 'unrelated-headline');
});

test('photo credits go with the caption after them, and an image title above a captioned credit', () => {
  const caption = 'Peruvian coast guard ships leave the port of Callao on March 2, 2026.';
  const sub = 'A long dispute at sea';
  const a = clean(raw([HEAD, LEAD, 'Ana Example/Reuters', caption, sub, NEXT].join('\n\n')));
  assert.deepEqual(paragraphs(a.body), [LEAD, sub, NEXT]);
  assert.deepEqual(a.removed.slice(1).map((r) => [r.reason, r.rule]), [['photo credit', 'photo-credit'], ['photo caption', 'photo-credit:caption']]);

  const b = clean(raw([HEAD, LEAD, `Patrol boats at Callao\nA patrol boat leaves Callao on Monday. JUAN EXAMPLE/AFP via Getty Images`, NEXT].join('\n\n')));
  assert.deepEqual(paragraphs(b.body), [LEAD, NEXT]);
  assert.deepEqual(b.removed.slice(1).map((r) => r.reason), ['image title', 'photo caption with credit']);

  for (const credit of ['(AP Photo/Ana Example)', 'EPA-EFE/ANA EXAMPLE', 'Photo: Reuters', 'Getty Images']) {
    assert.equal(clean(raw(`${LEAD}\n\n${credit}`)).body, LEAD, credit);
  }
});

test('news that looks a little like boilerplate stays', () => {
  const news = [
    LEAD,
    'More than 40 vessels were stopped last year, the navy said.',
    'Copyright laws were not part of the talks.',
    'By the end of the day, both delegations had left Lima.',
    'Related talks on trade will follow in April.',
    'NATO and the EU were not involved.',
  ];
  assert.equal(clean(raw(news.join('\n\n'))).body, news.join('\n\n'));
});

test('a byline line gives the byline', () => {
  const a = clean(raw(`${HEAD}\n\nBy Ana Example and Ben Example, Example Wire\n\n${LEAD}`));
  assert.equal(a.byline, 'Ana Example and Ben Example');
  assert.equal(a.body, LEAD);
});

test('users add boilerplate rules through their lexicon', () => {
  const kb = loadCleanKnowledge({ boilerplate: [{ id: 'my-promo', kind: 'remove', reason: 'house promo', pattern: '^listen to our podcast\\b.*$' }] });
  const a = clean(raw(`${LEAD}\n\nListen to our podcast on the Andes.`), kb);
  assert.equal(a.body, LEAD);
  assert.deepEqual(a.removed, [{ text: 'Listen to our podcast on the Andes.', reason: 'house promo', rule: 'my-promo' }]);
  assert.throws(() => loadCleanKnowledge({ boilerplate: [{ id: 'bad', kind: 'remove', reason: 'x', pattern: '(' }] }), /bad/);
});

test('the first rule that matches decides, whatever shortcut spares the others', () => {
  const kb = loadCleanKnowledge({
    boilerplate: [
      { id: 'my-needs', kind: 'remove', reason: 'a', pattern: '^.{0,60}\\bpodcast\\b.*$', needs: ['PODCAST'] },
      { id: 'my-named', kind: 'remove', reason: 'b', pattern: '^(?<verb>listen) again\\b.*$' },
      { id: 'my-plain', kind: 'remove', reason: 'c', pattern: '^(?:listen again|andes quiz)\\b.*$' },
      { id: 'my-backref', kind: 'remove', reason: 'd', pattern: '^(\\w+) and \\1\\b.*$' },
    ],
  });
  const a = clean(raw(`${LEAD}\n\nHear the Andes Podcast every week.\n\nListen again to the Andes show.\n\nAndes quiz: ten questions.\n\nMore and more quizzes soon.`), kb);
  assert.equal(a.body, LEAD);
  assert.deepEqual(a.removed.map((r) => r.rule), ['my-needs', 'my-named', 'my-plain', 'my-backref']);
});

test('junk from many kinds of sites goes, each line for its own reason', () => {
  const junk: [string, string][] = [
    ['Image caption, Coast guard ships at Callao', 'photo caption'],
    ['(Photo by Ana Example/Getty Images)', 'photo credit'],
    ['Photograph: Ana Example/Reuters', 'photo credit'],
    ['Story continues below advertisement', 'advertisement marker'],
    ['READ MORE: Chile and Peru fishing patrol talks', 'related-link insert'],
    ['Related Topics', 'related-links heading'],
    ['Tags: Peru, Chile, fishing', 'tag list'],
    ['Listen to this article', 'audio player'],
    ['Share this:', 'share buttons'],
    ['Updated 10:32 AM EST, March 3, 2026', 'timestamp line'],
    ['Posted on March 3, 2026 by admin', 'timestamp line'],
    ['Last updated: 3 March 2026 at 10:15', 'timestamp line'],
    ['5 min read', 'reading time'],
    ['Ana Example in Lima contributed to this report.', 'reporting credits'],
    ['Reporting by Ana Example; Editing by Ben Example', 'reporting credits'],
    ['This article originally appeared on Example News.', 'syndication note'],
    ['© 2026 Example Wire', 'copyright notice'],
    ['Write to Ana Example at ana@example.org', 'contact line'],
    ['Disclaimer: The views expressed are the author’s own.', 'disclaimer'],
    ['Previous article Peru names new navy chief', 'site navigation'],
    ['[embedded content]', 'embed placeholder'],
    ['___', 'separator'],
    ['https://example.org/peru-chile', 'bare link'],
    ['Follow our coverage of the Pacific fishing dispute at https://example.org/hub', 'coverage promo'],
    ['Thank you for reading. Please share this story.', 'reader appeal'],
    ['Join our Telegram channel for updates', 'social media promo'],
    ['Source: Example Wire', 'source attribution'],
    ['(With inputs from agencies)', 'reporting credits'],
    ['bur-ae/jm', 'agency sign-off'],
    ['(Except for the headline, this story has not been edited by Example staff.)', 'syndication note'],
    ['Also Read | Peru and Chile fishing talks in Lima', 'related-link insert'],
    ['Facebook Twitter Pinterest WhatsApp', 'share buttons'],
    ['Post Views: 1,204', 'site navigation'],
  ];
  const lines = [HEAD, LEAD, ...junk.map(([line]) => line), NEXT];
  const a = clean(raw(lines.join('\n\n')));
  assert.deepEqual(paragraphs(a.body), [LEAD, NEXT]);
  assert.deepEqual(a.removed.slice(1).map((r) => [r.text, r.reason]), junk);
});

test('datelines of many outlets', () => {
  const cases: [string, string, string | null][] = [
    ['(Reuters) - ', '', 'Reuters'],
    ['WASHINGTON, March 3 (Reuters) - ', 'WASHINGTON', 'Reuters'],
    ['Lima (AFP) - ', 'Lima', 'AFP'],
    ['Lima, Peru CNN — ', 'Lima, Peru', 'CNN'],
    ['UNITED NATIONS (AP) — ', 'UNITED NATIONS', 'AP'],
    ['Santiago, March 3 — ', 'Santiago', null],
  ];
  for (const [prefix, place, outlet] of cases) {
    const a = clean(raw(`${HEAD}\n\n${prefix}${LEAD}`));
    assert.equal(a.body, LEAD, prefix);
    assert.equal(a.dateline, place || null, prefix);
    assert.equal(a.outlet, outlet, prefix);
  }
});
