// A real dashboard for browser tests: the sample corpus ingested into a fresh
// SQLite file, the real server on loopback, headless Chromium. Screenshots go
// to screenshots/ at the repository root (git-ignored).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SAMPLES } from '../cli/analyze.js';
import { ingest } from '../ingest/index.js';
import { loadKnowledge } from '../pipeline.js';
import { buildServer, WEB_ROOT } from '../server/index.js';
import { openStore, storeArticles, type Repo } from '../store/index.js';
import type { RawArticle } from '../types.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = fileURLToPath(new URL('../../screenshots/', import.meta.url));
/** Why browser tests are skipped here, or false when they can run. */
export const skipBrowser: string | false = existsSync(CHROMIUM) ? false : `${CHROMIUM} absent`;

export interface Dashboard {
  repo: Repo;
  base: string;
  browser: Browser;
  /** A new page of that size whose script errors fail the test when it closes. */
  open(width: number, height: number): Promise<Page>;
  close(): Promise<void>;
}

export async function startDashboard(extra: RawArticle[] = []): Promise<Dashboard> {
  assert.ok(existsSync(join(WEB_ROOT, 'index.html')), `dashboard not built in ${WEB_ROOT}: run npm run build`);
  const dir = mkdtempSync(join(tmpdir(), 'dyad-dashboard-'));
  const repo = await openStore(join(dir, 'samples.db'));
  const kb = loadKnowledge();
  const { articles } = await ingest([SAMPLES]);
  await storeArticles(repo, [...articles, ...extra], kb);
  const app = buildServer({ repo, kb });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  mkdirSync(SHOTS, { recursive: true });
  return {
    repo,
    base,
    browser,
    async open(width, height) {
      const page = await browser.newPage({ viewport: { width, height } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('close', () => assert.deepEqual(errors, [], 'no script errors'));
      return page;
    },
    async close() {
      await browser.close();
      await app.close();
      await repo.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
