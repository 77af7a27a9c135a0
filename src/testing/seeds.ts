// The seed articles of ../shared for the tests that check them: read as a user
// reads them (ingest with the manifest) and analysed once per test file. Their
// text stays in ../shared; without it the checks skip and say why.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ingest } from '../ingest/index.js';
import { analyzeArticle, loadKnowledge } from '../pipeline.js';
import type { Doc } from '../types.js';

export const SEEDS = fileURLToPath(new URL('../../../shared/corpus/seeds/', import.meta.url));
export const SEEDS_MANIFEST = `${SEEDS}manifest.jsonl`;

/** True, with the test skipped and the reason given, when the seeds are not beside the checkout. */
export function seedsAbsent(t: TestContext): boolean {
  if (existsSync(SEEDS_MANIFEST)) return false;
  t.skip(`no seed articles at ${SEEDS}: put ../shared beside the checkout to run this check`);
  return true;
}

let analysed: Promise<Map<string, Doc>> | null = null;

/** Every seed through the per-article pipeline, by the three-digit prefix of its file name. */
export function seedDocs(): Promise<Map<string, Doc>> {
  analysed ??= (async () => {
    const kb = loadKnowledge();
    const { articles, errors } = await ingest([SEEDS], { manifest: SEEDS_MANIFEST });
    if (errors.length > 0) throw new Error(`seeds not read: ${errors.map((e) => `${e.file}: ${e.reason}`).join('; ')}`);
    return new Map(articles.map((raw) => [basename(raw.path).slice(0, 3), analyzeArticle(raw, kb)]));
  })();
  return analysed;
}
