// Reliability and security of the server and the store (issue 13, items 1, 2, 11, 12):
// hostile or careless requests get a 4xx and never a 500, heavy work never freezes the
// routes, the server stops on SIGTERM, and two ingests share one database. The load
// tests run a real `dyad serve` on loopback over 5,000 generated articles; timings are
// printed, and asserted only with generous limits that catch a freeze, not a slowdown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { generateArticles } from '../bench/corpus.js';
import { loadKnowledge } from '../pipeline.js';
import { loadFixture } from '../store/fixture.js';
import { openStore, storeArticles, type Repo } from '../store/index.js';
import { SEARCH } from '../store/repo.js';
import { bearerToken, buildServer, hostName } from './index.js';

const BIN = fileURLToPath(new URL('../../bin/dyad.js', import.meta.url));
const TOKEN = 'reliability-token-0123456789';
const kb = loadKnowledge();

let dir: string;
let repo: Repo;
let app: FastifyInstance;
let port: number;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dyad-reliability-'));
  repo = await openStore(join(dir, 'small.db'));
  await loadFixture(repo);
  app = buildServer({ repo, kb, token: TOKEN, webRoot: join(dir, 'web') });
  mkdirSync(join(dir, 'web', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'web', 'index.html'), '<!doctype html><title>dyad</title>');
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as { port: number }).port;
});

after(async () => {
  await app.close();
  await repo.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  ms: number;
}

/** One HTTP request with exactly these headers (fetch would not let a test set Host). */
function call(at: number, path: string, o: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Res> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: at, path, method: o.method ?? 'GET', headers: o.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body, ms: performance.now() - start }));
    });
    req.on('error', reject);
    req.end(o.body);
  });
}

const post = (at: number, articles: unknown[], auth = `Bearer ${TOKEN}`) =>
  call(at, '/api/articles', { method: 'POST', headers: { 'content-type': 'application/json', authorization: auth }, body: JSON.stringify({ articles }) });

/** 500 characters of short words, the query that once froze the server. */
const WORDS = Array.from({ length: 200 }, (_, i) => ['a', 'of', 'the', 'to', 'in', 'on', 'war', 'China', 'x', 'is'][i % 10]!).join(' ').slice(0, 500);

test('any bad parameter is a 400 and a missing file a 404, never a 500', async () => {
  for (const path of ['/api/events?offset=1e308', '/api/articles?offset=1e308', '/api/articles?limit=1e308', '/api/events?offset=-1',
    '/api/search?q=war&offset=1e308', '/api/quotes?limit=abc', '/api/events?from=2024-13-45x']) {
    const res = await call(port, path);
    assert.equal(res.status, 400, `${path}: ${res.status} ${res.body}`);
    assert.match(JSON.parse(res.body).message, /offset|limit|from/);
  }
  for (const path of ['/assets/', '/assets/%00', '/assets/..%2f..%2fetc%2fpasswd', '/assets/nothing.js']) {
    assert.equal((await call(port, path)).status, 404, path);
  }
});

test('the bearer scheme is read in any case, and a request without the token is refused before its body is looked at', async () => {
  assert.equal(bearerToken('bearer abc'), 'abc');
  assert.equal(bearerToken('BEARER   abc '), 'abc');
  assert.equal(bearerToken('Basic abc'), null);
  // an invalid body without a token: 401, not a 400 that would describe the body format
  assert.equal((await post(port, [{ nottext: 1 }], '')).status, 401);
  assert.equal((await post(port, [{ nottext: 1 }], 'Bearer wrong')).status, 401);
  assert.equal((await post(port, [{ nottext: 1 }])).status, 400);
  const ok = await post(port, [{ id: 'lower-bearer', text: 'Kenya and Uganda signed a trade agreement in Nairobi on Monday.' }], `bearer ${TOKEN}`);
  assert.equal(ok.status, 200, ok.body);
});

test('only loopback host names are answered by default (DNS rebinding)', async () => {
  assert.equal(hostName('LOCALHOST:8080'), 'localhost');
  assert.equal(hostName('[::1]:8080'), '[::1]');
  assert.equal(hostName('127.0.0.1'), '127.0.0.1');
  for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
    assert.equal((await call(port, '/api/stats', { headers: { host } })).status, 200, host);
  }
  const evil = await call(port, '/api/stats', { headers: { host: `attacker.example:${port}` } });
  assert.equal(evil.status, 403);
  assert.match(JSON.parse(evil.body).message, /--allow-host attacker\.example/);
  const open = buildServer({ repo, allowedHosts: ['news.example'] });
  t_after(() => open.close());
  const res = await open.inject({ url: '/api/stats', headers: { host: 'news.example' } });
  assert.equal(res.statusCode, 200);
  assert.equal((await open.inject({ url: '/api/stats', headers: { host: 'localhost' } })).statusCode, 403);
});

const cleanups: (() => unknown)[] = [];
function t_after(fn: () => unknown): void {
  cleanups.push(fn);
}
after(async () => {
  for (const fn of cleanups) await fn();
});

test('security headers on every response: API, errors, files and the page', async () => {
  for (const path of ['/api/stats', '/api/nothing', '/api/events?limit=0', '/', '/assets/']) {
    const { headers } = await call(port, path);
    assert.match(String(headers['content-security-policy']), /default-src 'self'/, path);
    assert.match(String(headers['content-security-policy']), /frame-ancestors 'none'/, path);
    assert.equal(headers['x-content-type-options'], 'nosniff', path);
    assert.equal(headers['x-frame-options'], 'SAMEORIGIN', path);
    assert.equal(headers['referrer-policy'], 'no-referrer', path);
  }
});

test('search takes at most 12 distinct words, prefixes from 3 letters, and says which', async () => {
  const res = await call(port, `/api/search?q=${encodeURIComponent(WORDS)}`);
  assert.equal(res.status, 200, res.body);
  const body = JSON.parse(res.body) as { terms: string[]; partial: boolean };
  assert.deepEqual(body.terms, ['a', 'of', 'the', 'to', 'in', 'on', 'war', 'China', 'x', 'is']);
  const many = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
  const capped = JSON.parse((await call(port, `/api/search?q=${encodeURIComponent(many)}`)).body) as { terms: string[] };
  assert.equal(capped.terms.length, SEARCH.terms);
});

// ---- a real `dyad serve` over 5,000 articles ----

interface Server {
  child: ChildProcess;
  port: number;
  stderr: () => string;
  exited: Promise<number | null>;
}

async function startServer(db: string): Promise<Server> {
  const child = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0'], { env: { ...process.env, DYAD_TOKEN: TOKEN }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) resolve(Number(m[1]));
    });
    void exited.then((code) => reject(new Error(`dyad serve exited (${code}): ${err}`)));
  });
  return { child, port, stderr: () => err, exited };
}

async function until(what: string, cond: () => Promise<boolean> | boolean, limitMs: number): Promise<void> {
  const end = Date.now() + limitMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${limitMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(xs.length * 0.99) - 1)] ?? 0;

test('5,000 articles: long searches answer, a POST returns while GETs keep answering, SIGTERM stops the server', { timeout: 600_000 }, async () => {
  const db = join(dir, 'big.db');
  const big = await openStore(db);
  const raws = generateArticles(5000);
  let t = performance.now();
  await storeArticles(big, raws, kb);
  await big.close();
  console.log(`stored 5,000 generated articles in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const server = await startServer(db);
  try {
    // The writer recomputes stories once at start and keeps its index for later articles.
    await until('first recompute', () => /recomputed over the whole database/.test(server.stderr()), 120_000);

    // Short words (prefixes of much of the vocabulary), the corpus's own words (matches in
    // every article), and one common word (every article and quote ranked).
    const common = 'officials accused violating agreement sanctions companies support talks security border troops deployed '
      + 'protesters gathered embassy capital analysts tensions restraint dialogue minister counterpart crisis warned measures attacks';
    for (const q of [WORDS, `${common} ${common}`.slice(0, 500), 'the']) {
      const search = await call(server.port, `/api/search?q=${encodeURIComponent(q)}`);
      assert.equal(search.status, 200, search.body);
      const found = JSON.parse(search.body) as { total: number; partial: boolean; terms: string[] };
      console.log(`search of ${q.length} characters (${found.terms.length} terms) on 5,000 articles: ${search.ms.toFixed(0)} ms, ${found.total} hits, partial ${found.partial}`);
      assert.ok(search.ms < 5_000, `search took ${search.ms} ms`);
    }

    // GETs run beside one POST until its article has its story.
    const article = { id: 'late-news', published: '2024-05-28', outlet: 'Outlet 3', text: raws[4999]!.text.replace(/border/g, 'frontier') };
    const gets: number[] = [];
    let done = false;
    const reader = (async () => {
      const paths = ['/api/stats', '/api/articles?limit=20', '/api/stories?limit=20', '/api/events?limit=50&actor=CHN'];
      for (let i = 0; !done; i++) {
        const res = await call(server.port, paths[i % paths.length]!);
        assert.equal(res.status, 200);
        gets.push(res.ms);
      }
    })();
    await new Promise((r) => setTimeout(r, 200));
    const posted = await post(server.port, [article]);
    assert.equal(posted.status, 200, posted.body);
    assert.deepEqual(JSON.parse(posted.body).added, ['late-news']);
    await until('the posted article joins a story', async () => {
      const res = await call(server.port, '/api/articles/late-news');
      return res.status === 200 && JSON.parse(res.body).article.story !== null;
    }, 60_000);
    done = true;
    await reader;
    console.log(`POST of one article on 5,000: ${posted.ms.toFixed(0)} ms; ${gets.length} GETs meanwhile, p99 ${p99(gets).toFixed(0)} ms, max ${Math.max(...gets).toFixed(0)} ms`);
    // Freeze detectors (the aims are 1 s and a p99 of 0.5 s; a recompute on the request thread took 9 s)
    assert.ok(posted.ms < 5_000, `POST took ${posted.ms} ms`);
    assert.ok(Math.max(...gets) < 5_000, 'no GET waited for the POST');
    assert.doesNotMatch(server.stderr(), /recomputed.*(replaced|another process|dated before)/, 'the update was incremental');

    // Heavy work in flight, then SIGTERM: the server is gone within seconds.
    const load = [
      ...Array.from({ length: 4 }, () => call(server.port, `/api/search?q=${encodeURIComponent(WORDS)}`).catch(() => null)),
      post(server.port, raws.slice(0, 40).map((r, i) => ({ ...r, id: `again-${i}`, text: `${r.text}\n\nUpdate ${i}.` }))).catch(() => null),
    ];
    await new Promise((r) => setTimeout(r, 300));
    t = performance.now();
    server.child.kill('SIGTERM');
    const code = await Promise.race([server.exited, new Promise((r) => setTimeout(() => r('hung'), 15_000))]);
    console.log(`stopped ${((performance.now() - t) / 1000).toFixed(1)} s after SIGTERM under load (exit ${String(code)})`);
    assert.notEqual(code, 'hung', 'the server ignored SIGTERM');
    await Promise.all(load);
  } finally {
    server.child.kill('SIGKILL');
  }
});

test('two ingest processes on one database: the second waits and both succeed', { timeout: 300_000 }, async () => {
  const db = join(dir, 'two.db');
  const folders = ['one', 'two'].map((name, k) => {
    const folder = join(dir, name);
    mkdirSync(folder);
    generateArticles(60, 7 + k).forEach((a, i) => writeFileSync(join(folder, `${name}-${i}.txt`), `---\npublished: ${a.published}\noutlet: ${a.outlet}\n---\n${a.text}\n`));
    return folder;
  });
  const run = (folder: string) => new Promise<{ code: number | null; err: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, 'ingest', folder, '--db', db], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => resolve({ code, err }));
  });
  const results = await Promise.all(folders.map(run));
  for (const r of results) {
    assert.equal(r.code, 0, r.err);
    assert.doesNotMatch(r.err, /locked|busy/i);
  }
  const check = await openStore(db);
  const counts = await check.counts();
  await check.close();
  assert.equal(counts.articles, 120);
  assert.ok(counts.stories > 0);
});
