// The dashboard in a real headless Chromium against a real server and database
// holding the built-in sample corpus. Writes a screenshot of each view to
// screenshots/ at the repository root.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SAMPLES } from '../cli/analyze.js';
import { ingest } from '../ingest/index.js';
import { loadKnowledge } from '../pipeline.js';
import { openStore, storeArticles, type Repo } from '../store/index.js';
import type { StorySummary } from '../store/repo.js';
import { buildServer, WEB_ROOT } from './index.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../../screenshots/', import.meta.url));
const present = existsSync(CHROMIUM);

let dir: string;
let repo: Repo;
let app: FastifyInstance;
let base: string;
let browser: Browser;

before(async () => {
  if (!present) return;
  assert.ok(existsSync(join(WEB_ROOT, 'index.html')), `dashboard not built in ${WEB_ROOT}: run npm run build`);
  dir = mkdtempSync(join(tmpdir(), 'dyad-browser-'));
  repo = await openStore(join(dir, 'samples.db'));
  const kb = loadKnowledge();
  const { articles } = await ingest([SAMPLES]);
  // markup in an article must show as text, never become elements
  // and a script address as its url must not become a link
  articles.push({ path: 'browser/markup.txt', format: 'text', id: 'markup-test', title: 'Markup <b>test</b>', outlet: 'Test', url: 'javascript:document.title=2',
    text: 'Officials said <img src=x onerror="document.title=1"> was <b>not</b> rendered.' });
  await storeArticles(repo, articles, kb);
  app = buildServer({ repo, kb });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  if (!present) return;
  await browser?.close();
  await app?.close();
  await repo?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(width: number, height: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('close', () => assert.deepEqual(errors, [], 'no script errors'));
  return page;
}

/** The story with the most events and more than one article: what a user would open. */
async function richStory(): Promise<StorySummary> {
  const stories = (await repo.listStories({ limit: 1000, offset: 0 })).items;
  const best = stories.filter((s) => s.articles.length > 1).sort((a, b) => b.events - a.events)[0];
  assert.ok(best && best.events > 0, 'the sample corpus has a multi-article story with events');
  return best;
}

test('stories list → story with timeline and source comparison → event evidence highlighted', { skip: !present && `${CHROMIUM} absent` }, async () => {
  const page = await open(1280, 800);
  await page.goto(base + '/');
  await page.locator('.story-card').first().waitFor();
  assert.ok((await page.locator('.story-card').count()) > 1);
  await page.screenshot({ path: join(SHOTS, 'stories.png'), fullPage: true });

  const story = await richStory();
  await page.locator(`a.story-title[href="#/story/${encodeURIComponent(story.id)}"]`).click();
  await page.locator('svg.chart').first().waitFor();
  assert.equal(await page.locator('h1').textContent(), story.title);
  assert.ok((await page.locator('svg.chart .dot').count()) > 0, 'timeline dots');
  const comparisonRows = await page.locator('table.comparison tbody tr').count();
  assert.ok(comparisonRows >= 1, 'source comparison rows');
  await page.screenshot({ path: join(SHOTS, 'story.png'), fullPage: true });

  const link = page.locator('.timeline-list a.evidence').first();
  const eventId = await link.getAttribute('data-event');
  const detail = (await repo.listEvents({ story: story.id, limit: 1000, offset: 0 })).items.find((e) => e.id === eventId);
  assert.ok(detail, 'the clicked event belongs to the story');
  await link.click();
  await page.locator('#hl').waitFor();
  assert.match(page.url(), new RegExp(`#/article/.+\\?hl=${detail.evidence.start}-${detail.evidence.end}$`));
  const marked = await page.locator('.article-body .hl').allTextContents();
  assert.equal(marked.join(''), detail.evidence.text);
  assert.ok(await page.locator('#hl').isVisible());
  await page.screenshot({ path: join(SHOTS, 'article.png') });
  await page.close();
});

test('actor, events, search views and phone width', { skip: !present && `${CHROMIUM} absent` }, async () => {
  const page = await open(1280, 800);
  const actor = (await repo.network({})).nodes[0]!.id;
  await page.goto(`${base}/#/actor/${actor}`);
  await page.locator('svg.chart').first().waitFor();
  assert.ok((await page.locator('svg.chart rect.bar').count()) > 0, 'dyad series bars');
  assert.ok((await page.locator('svg.network line').count()) > 0, 'counterpart edges');
  await page.screenshot({ path: join(SHOTS, 'actor.png'), fullPage: true });
  const people = await repo.listEntities({ country: actor, kind: 'person', limit: 1, offset: 0 });
  if (people.total > 0) {
    await page.locator('.people a').first().click();
    await page.waitForURL(/#\/actor\/person/);
    await page.locator('h1', { hasText: people.items[0]!.name }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'person.png'), fullPage: true });
  }

  await page.goto(`${base}/#/events`);
  await page.locator('table.events tbody tr').first().waitFor();
  const type = (await repo.listEvents({ limit: 1, offset: 0 })).items[0]!.type;
  await page.selectOption('form.filters select[name=type]', type);
  await page.click('form.filters button[type=submit]');
  await page.waitForURL(new RegExp(`type=${type}`));
  // The unfiltered table stays on the page until the filtered one replaces it.
  await page.locator('#app:not([aria-busy])').waitFor();
  await page.locator('table.events tbody tr').first().waitFor();
  const badges = await page.locator('table.events tbody .badge').allTextContents();
  assert.ok(badges.length > 0 && badges.every((b) => b.startsWith(type)), 'filtered by type');
  const badgeColor = await page.locator('table.events tbody .badge').first().evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.notEqual(badgeColor, 'rgba(0, 0, 0, 0)', 'type colours survive the content security policy');
  await page.screenshot({ path: join(SHOTS, 'events.png'), fullPage: true });

  await page.fill('#search-form input', 'sanctions');
  await page.press('#search-form input', 'Enter');
  await page.locator('ol.hits li').first().waitFor();
  assert.ok((await page.locator('ol.hits mark').count()) > 0);
  await page.screenshot({ path: join(SHOTS, 'search.png') });

  await page.goto(`${base}/#/articles`);
  await page.locator('table tbody tr').first().waitFor();
  await page.screenshot({ path: join(SHOTS, 'articles.png'), fullPage: true });

  const claims = await repo.listClaims({ limit: 1, offset: 0 });
  if (claims.total > 0) {
    await page.goto(`${base}/#/claims`);
    await page.locator('.claim .evidence-list a').first().click();
    await page.locator('#hl').waitFor();
    assert.ok(await page.locator('#hl').isVisible(), 'claim evidence highlighted in its article');
    await page.screenshot({ path: join(SHOTS, 'claim-evidence.png') });
  }

  await page.goto(`${base}/#/article/markup-test`);
  // Only the hash changes, so the last article's body is still there until this one is drawn.
  await page.locator('h1', { hasText: 'Markup <b>test</b>' }).waitFor();
  assert.equal(await page.locator('.article-body img, .article-body b, h1 b').count(), 0);
  assert.match((await page.locator('.article-body').textContent()) ?? '', /<img src=x/);
  assert.notEqual(await page.title(), '1');
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0, 'a javascript: url is no link');
  assert.match((await page.locator('.page-head').textContent()) ?? '', /source: javascript:document\.title=2/);
  await page.close();

  const phone = await open(375, 740);
  const story = await richStory();
  await phone.goto(`${base}/#/story/${encodeURIComponent(story.id)}`);
  await phone.locator('table.comparison').waitFor();
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page fits the phone width (overflow ${overflow}px)`);
  await phone.screenshot({ path: join(SHOTS, 'story-phone.png'), fullPage: true });
  await phone.close();
});
