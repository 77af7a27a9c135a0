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
