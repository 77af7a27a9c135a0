// The dashboard's global filters and analyst views in a real Chromium against a
// real server holding the sample corpus; screenshots at 1280×800 and 375 px wide.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SHOTS, skipBrowser, startDashboard, type Dashboard } from '../testing/browser.js';

let d: Dashboard;
before(async () => {
  if (!skipBrowser) d = await startDashboard();
});
after(async () => {
  await d?.close();
});

const totalOf = (pager: string | null) => Number(/of (\d+)/.exec(pager ?? '')?.[1] ?? NaN);

test('copies are left out of counts by default; the switch counts them and stays on across views', { skip: skipBrowser }, async () => {
  const page = await d.open(1280, 800);
  const all = { limit: 1, offset: 0 };
  const [originals, withCopies] = [(await d.repo.listEvents(all)).total, (await d.repo.listEvents({ ...all, copies: true })).total];
  assert.ok(withCopies > originals, 'the sample corpus has copies with events');
  await page.goto(`${d.base}/#/events`);
  await page.locator('table.events tbody tr').first().waitFor();
  assert.equal(totalOf(await page.locator('.pager span').textContent()), originals);
  await page.check('#global-filters input[name=copies]');
  await page.waitForURL(/\?copies=1#\/events/);
  await page.locator('.pager span', { hasText: `of ${withCopies}` }).waitFor();
  // Another view keeps the switch: it lives in the query string, not in the route.
  await page.click('header nav a[href="#/actors"]');
  await page.waitForURL(/\?copies=1#\/actors/);
  assert.equal(await page.isChecked('#global-filters input[name=copies]'), true);
  await page.screenshot({ path: join(SHOTS, 'copies-switch.png') });
  await page.close();
});

/** Every tick label of the chart's time axis with its x, and the chart's box. */
async function axis(page: import('playwright-core').Page, chart: string) {
  return page.locator(chart).first().evaluate((svg) => {
    const box = svg.getBoundingClientRect();
    const ticks = [...svg.querySelectorAll<SVGTextElement>('text.x-tick')].map((t) => {
      const b = t.getBoundingClientRect();
      return { date: t.dataset.date!, text: t.textContent!, x: Number(t.getAttribute('x')), left: b.left - box.left, right: b.right - box.left };
    });
    return { width: box.width, ticks };
  });
}

test('story timeline: a real time axis; each day label stands at its day, none is cut', { skip: skipBrowser }, async () => {
  const stories = (await d.repo.listStories({ limit: 1000, offset: 0 })).items;
  // A story whose events span several days, so the axis has days to label.
  let chosen: { id: string; days: string[] } | null = null;
  for (const s of stories) {
    const events = (await d.repo.listEvents({ story: s.id, limit: -1, offset: 0 })).items;
    const days = [...new Set(events.filter((e) => e.date).map((e) => e.date!.slice(0, 10)))].sort();
    if (days.length >= 2 && (!chosen || days.length > chosen.days.length)) chosen = { id: s.id, days };
  }
  assert.ok(chosen, 'a story with events on several days');
  for (const [width, name] of [[1280, 'timeline.png'], [375, 'timeline-phone.png']] as const) {
    const page = await d.open(width, 800);
    await page.goto(`${d.base}/#/story/${encodeURIComponent(chosen.id)}`);
    await page.locator('svg.timeline').waitFor();
    const { width: w, ticks } = await axis(page, 'svg.timeline');
    assert.ok(ticks.length >= 2, 'several day labels');
    for (const t of ticks) {
      assert.equal(t.text, t.date, 'a day tick is labelled with its own day');
      assert.ok(t.date >= chosen.days[0]! && t.date <= chosen.days.at(-1)!, `${t.date} within the story's event days`);
      assert.ok(t.left >= -0.5 && t.right <= w + 0.5, `label ${t.text} inside the chart (${t.left.toFixed(1)}–${t.right.toFixed(1)} of ${w.toFixed(1)})`);
    }
    assert.ok(ticks.some((t) => t.date === chosen.days[0]), 'the first event day is labelled');
    // Each dot stands at its day's label.
    const dots = await page.locator('svg.timeline a.dot').evaluateAll((els) => els.map((a) => ({ date: (a as HTMLElement).dataset.date!, x: Number(a.querySelector('circle')!.getAttribute('cx')) })));
    let aligned = 0;
    for (const dot of dots) {
      const tick = ticks.find((t) => t.date === dot.date);
      if (!tick) continue;
      assert.ok(Math.abs(tick.x - dot.x) < 0.01, `dot of ${dot.date} at its label`);
      aligned++;
    }
    assert.ok(aligned > 0);
    await page.locator('svg.timeline').screenshot({ path: join(SHOTS, name) });
    await page.close();
  }
});

test('actor chart: periods on a real time axis, counts and intensity in separate panels', { skip: skipBrowser }, async () => {
  const actor = (await d.repo.network({})).nodes[0]!.id;
  const page = await d.open(1280, 800);
  await page.goto(`${d.base}/#/actor/${actor}?interval=week`);
  await page.locator('svg.dyads rect.bar').first().waitFor();
  const series = await d.repo.dyads({ source: actor, interval: 'week' });
  const { width, ticks } = await axis(page, 'svg.dyads');
  assert.ok(ticks.length >= 2);
  for (const t of ticks) assert.ok(t.left >= -0.5 && t.right <= width + 0.5, `label ${t.text} inside the chart`);
  // A bar spans its week: it starts after the label of its first day (or of an earlier day) and before the next week's.
  const bars = await page.locator('svg.dyads rect.bar.out').evaluateAll((els) => els.map((r) => ({ period: (r as SVGElement).dataset.period!, x: Number(r.getAttribute('x')), w: Number(r.getAttribute('width')) })));
  assert.deepEqual(bars.map((b) => b.period).sort(), series.points.map((p) => p.period).sort());
  const xOf = (date: string) => {
    // Linear in time: from two labelled ticks, where a date falls.
    const [a, b] = [ticks[0]!, ticks.at(-1)!];
    const t = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
    return a.x + ((t(date) - t(a.date)) / (t(b.date) - t(a.date))) * (b.x - a.x);
  };
  for (const bar of bars) {
    const start = xOf(bar.period);
    const next = xOf(new Date(Date.parse(`${bar.period}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10));
    assert.ok(bar.x >= start - 0.01 && bar.x + bar.w <= next + 0.01, `bar of ${bar.period} within its week`);
  }
  // Two y-scales, each in its own panel: count ticks above, intensity ticks below.
  const [countBottom, intensityTop] = await page.locator('svg.dyads').evaluate((svg) => [
    Math.max(...[...svg.querySelectorAll('text.y-count')].map((t) => Number(t.getAttribute('y')))),
    Math.min(...[...svg.querySelectorAll('text.y-intensity')].map((t) => Number(t.getAttribute('y')))),
  ]);
  assert.ok(countBottom < intensityTop, 'the count panel stands above the intensity panel');
  await page.locator('svg.dyads').screenshot({ path: join(SHOTS, 'actor-chart.png') });
  await page.close();
});

test('claims list evidence with its words; the article sidebar quotes with text', { skip: skipBrowser }, async () => {
  const claims = (await d.repo.listClaims({ limit: 1, offset: 0 })).items;
  assert.ok(claims.length > 0, 'the sample corpus has claims');
  const page = await d.open(1280, 800);
  await page.goto(`${d.base}/#/claims`);
  await page.locator('.claim .claim-evidence').first().waitFor();
  const texts = await page.locator('.claim .claim-evidence').allTextContents();
  assert.ok(texts.every((t) => /\p{L}{3,} \p{L}/u.test(t) && !/^(quote|event) /.test(t)), 'evidence shown as words, not ids');
  assert.ok(texts.includes(claims[0]!.evidence[0]!.kind === 'quote' ? `“${claims[0]!.evidence[0]!.text}”` : claims[0]!.evidence[0]!.text!));
  await page.screenshot({ path: join(SHOTS, 'claims.png') });
  const quote = (await d.repo.listQuotes({ limit: 1, offset: 0 })).items[0]!;
  await page.goto(`${d.base}/#/article/${quote.article}`);
  await page.locator('aside .quote-text').first().waitFor();
  assert.ok((await page.locator('aside .quote-text').allTextContents()).includes(`“${quote.text}”`));
  await page.close();
});

/** Both widths of every new view: a desktop and a phone, nothing wider than the phone. */
async function bothWidths(path: string, ready: string, name: string, check: (page: import('playwright-core').Page, width: number) => Promise<void>): Promise<void> {
  for (const [width, height, suffix] of [[1280, 800, ''], [375, 800, '-phone']] as const) {
    const page = await d.open(width, height);
    await page.goto(`${d.base}/${path}`);
    await page.locator(ready).first().waitFor();
    await check(page, width);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${name} fits ${width}px (overflow ${overflow}px)`);
    await page.screenshot({ path: join(SHOTS, `${name}${suffix}.png`), fullPage: width === 375 });
    await page.close();
  }
}

test('overview: activity over time, top dyads, most active actors, latest stories; filters carry into the URL and other views', { skip: skipBrowser }, async () => {
  const net = await d.repo.network({});
  const stories = await d.repo.listStories({ limit: 6, offset: 0 });
  await bothWidths('#/overview', 'svg.activity rect.bar', 'overview', async (page) => {
    const dyads = await page.locator('.dyad-rank li').count();
    assert.equal(dyads, Math.min(10, net.edges.length));
    assert.equal(await page.locator('.actor-rank li a.actor').first().textContent(), net.nodes[0]!.id);
    assert.equal(await page.locator('.overview .story-card').count(), stories.items.length);
    // The bars' periods are weeks of the data, on the axis's dates.
    const periods = await page.locator('svg.activity rect.bar').evaluateAll((els) => [...new Set(els.map((e) => (e as SVGElement).dataset.period!))]);
    const weeks = (await d.repo.dyads({ interval: 'week' })).points.map((p) => p.period);
    assert.deepEqual(periods.sort(), weeks.sort());
    const { ticks } = await axis(page, 'svg.activity');
    assert.ok(ticks.length >= 2 && ticks.every((t) => t.date >= weeks[0]!.slice(0, 4)), 'axis labels within the data\'s years');
  });
  // A country and a date range narrow every count, and stay in the URL from view to view.
  const country = net.nodes[0]!.id;
  const page = await d.open(1280, 800);
  await page.goto(`${d.base}/#/overview`);
  await page.locator('svg.activity').waitFor();
  await page.fill('#global-filters input[name=country]', country);
  await page.fill('#global-filters input[name=from]', '2025-01-01');
  await page.click('#global-filters button[type=submit]');
  await page.waitForURL(new RegExp(`\\?from=2025-01-01&country=${country}#/overview`));
  await page.locator('.filter-note').first().waitFor();
  const expected = (await d.repo.listEvents({ actor: country, from: '2025-01-01', limit: 1, offset: 0 })).total;
  assert.equal(await page.locator('.big-numbers div').first().locator('strong').textContent(), String((await d.repo.counts()).events), 'totals stay corpus-wide');
  await page.click('header nav a[href="#/events"]');
  await page.locator('.pager span', { hasText: `of ${expected}` }).waitFor();
  assert.match(page.url(), new RegExp(`\\?from=2025-01-01&country=${country}#/events`));
  await page.close();
});

test('network view: cytoscape draws who acts on whom; ties filter by strength', { skip: skipBrowser }, async () => {
  const net = await d.repo.network({});
  await bothWidths('#/network', '.cy canvas', 'network', async (page) => {
    await page.waitForFunction(() => document.querySelector<HTMLElement>('.cy')?.dataset.nodes !== undefined);
    const drawn = await page.locator('.cy').evaluate((el) => [Number((el as HTMLElement).dataset.nodes), Number((el as HTMLElement).dataset.edges)]);
    assert.deepEqual(drawn, [net.nodes.length, net.edges.length]);
    assert.equal(await page.locator('table.ties tbody tr').count(), net.edges.length);
  });
  const page = await d.open(1280, 800);
  await page.goto(`${d.base}/#/network?min=2`);
  await page.locator('table.ties').waitFor();
  assert.equal(await page.locator('table.ties tbody tr').count(), net.edges.filter((e) => e.weight >= 2).length);
  await page.close();
});

test('map: each town events are placed at, drawn on an offline world map at its coordinates', { skip: skipBrowser }, async () => {
  const places = await d.repo.places({});
  assert.ok(places.length > 0, 'the sample corpus places events at towns');
  const requests: string[] = [];
  await bothWidths('#/map', 'svg.map .place circle', 'map', async (page, width) => {
    assert.equal(await page.locator('svg.map .place').count(), places.length);
    assert.ok((await page.locator('svg.map path.land').count()) > 100, 'country shapes');
    // States are shaded by every event placed in them, towns or not.
    const countries = (await d.repo.countryCounts({})).filter((c) => c.numeric !== null);
    const shaded = await page.locator('svg.map path.land.shaded').evaluateAll((els) => els.map((e) => ({ country: e.getAttribute('data-country'), events: Number(e.getAttribute('data-events')), fill: getComputedStyle(e).fill })));
    assert.ok(shaded.length > 0 && shaded.length <= countries.length, JSON.stringify(shaded.slice(0, 3)));
    for (const c of shaded) assert.equal(c.events, countries.find((x) => x.country === c.country)?.events);
    assert.ok(shaded.every((c) => c.fill !== 'rgb(217, 222, 229)'), 'a shaded state is not drawn in the plain land colour');
    // West is left, north is up: the map's circles keep the order of the places' coordinates.
    const pts = await page.locator('svg.map .place').evaluateAll((els) => els.map((a) => ({
      lon: Number(a.getAttribute('data-lon')), lat: Number(a.getAttribute('data-lat')),
      x: Number(a.querySelector('circle')!.getAttribute('cx')), y: Number(a.querySelector('circle')!.getAttribute('cy')),
    })));
    const west = pts.reduce((a, b) => (b.lon < a.lon ? b : a)), east = pts.reduce((a, b) => (b.lon > a.lon ? b : a));
    const north = pts.reduce((a, b) => (b.lat > a.lat ? b : a)), south = pts.reduce((a, b) => (b.lat < a.lat ? b : a));
    assert.ok(west.x < east.x && north.y < south.y);
    if (width === 1280) {
      page.on('request', (r) => requests.push(r.url()));
      await page.reload();
      await page.locator('svg.map .place').first().waitFor();
    }
  });
  assert.ok(requests.length > 0 && requests.every((u) => u.startsWith(d.base)), `no request leaves the server: ${requests.filter((u) => !u.startsWith(d.base)).join(', ')}`);
});

test('story coverage: outlets, independent origins, and which side of each claim each outlet carries', { skip: skipBrowser }, async () => {
  const stories = (await d.repo.listStories({ limit: 1000, offset: 0 })).items;
  let chosen = null as Awaited<ReturnType<typeof d.repo.getStory>>;
  for (const s of stories) {
    const detail = await d.repo.getStory(s.id);
    if (detail && detail.claims.length > 0 && s.outlets.length > 2 && (!chosen || s.outlets.length > chosen.story.outlets.length)) chosen = detail;
  }
  assert.ok(chosen, 'a story with claims and several outlets');
  const story = chosen;
  await bothWidths(`#/story/${encodeURIComponent(story.story.id)}`, '.coverage .side-bar', 'coverage', async (page) => {
    const numbers = await page.locator('.coverage .big-numbers strong').allTextContents();
    assert.deepEqual(numbers.slice(0, 3), [story.story.outlets.length, story.story.articles.length, story.story.origins].map(String));
    assert.equal(await page.locator('.coverage .origin-bar .origin').count(), story.articles.length);
    // Each claim's bar splits every outlet of the story into the sides it carries.
    const bars = await page.locator('.coverage .side-bar').evaluateAll((els) => els.map((bar) =>
      [...bar.querySelectorAll<HTMLElement>('.seg')].map((s) => ({ side: s.dataset.side!, outlets: s.dataset.outlets!.split('|') }))));
    assert.equal(bars.length, story.claims.length);
    for (const segs of bars) assert.deepEqual(segs.flatMap((s) => s.outlets).sort(), [...(story.story.comparison?.outlets.map((o) => o.outlet) ?? story.story.outlets)].sort());
    const cmp = story.story.comparison!;
    const claim = story.claims[0]!;
    const asserting = cmp.outlets.filter((o) => o.claims.find((c) => c.claim === claim.id)?.sides.join() === 'assert').map((o) => o.outlet).sort();
    assert.deepEqual((bars[0]!.find((s) => s.side === 'assert')?.outlets ?? []).sort(), asserting);
  });
});
