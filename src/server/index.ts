// The HTTP API and the dashboard's static files on Fastify. Routes are declared
// in one table so the OpenAPI document is generated from the very schemas that
// validate requests.
import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifySchema } from 'fastify';
import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import type { Knowledge } from '../pipeline.js';
import { storeArticles, type Repo, type StoreResult } from '../store/index.js';
import type { Interval } from '../store/repo.js';
import type { RawArticle } from '../types.js';
import { DATE, PLOVER_TYPES, S, claim, error, event, idParams, page, paging, query, quote } from './schemas.js';

export const WEB_ROOT = fileURLToPath(new URL('../web-assets/', import.meta.url));

/** Host names a browser may use to reach a server on this machine (see `allowedHosts`). */
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

export interface ServerOptions {
  repo: Repo;
  /** Stores POSTed articles; by default they are analysed and stored on this thread with `kb`. */
  ingest?: (raws: RawArticle[]) => Promise<StoreResult>;
  kb?: Knowledge;
  /**
   * Host header names (no port) the server answers; `*` allows any. A web page on another
   * site that makes its own name resolve to 127.0.0.1 (DNS rebinding) sends that name as
   * Host and is refused. Default: LOOPBACK_HOSTS.
   */
  allowedHosts?: string[];
  /** Bearer token that allows POST /api/articles; without one the route is disabled. */
  token?: string;
  /** Largest request body in bytes (default 5 MB). */
  bodyLimit?: number;
  webRoot?: string;
  logger?: boolean;
}

type Q = Record<string, string | number | boolean | undefined>;

/** `copies=true` counts copies and spun rewrites too; by default each original counts once. */
const COPIES = { type: 'boolean', default: false, description: 'count copies and spun rewrites of other articles too (default: originals only)' };
const copies = (q: Q) => q.copies === true;

interface Route {
  method: 'GET' | 'POST';
  url: string;
  summary: string;
  schema: FastifySchema & { response: Record<number, unknown> };
  onRequest?: (req: FastifyRequest) => Promise<void>;
  /** Runs on the parsed body before the schema validates (and coerces) it. */
  preValidation?: (req: FastifyRequest) => Promise<void>;
  handler: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
}

class HttpError extends Error {
  constructor(readonly statusCode: number, message: string) {
    super(message);
  }
}

function notFound(what: string, id: string): never {
  throw new HttpError(404, `no ${what} with id '${id}'`);
}

function checkRange(q: Q): void {
  if (q.from !== undefined && q.to !== undefined && String(q.from) > String(q.to)) {
    throw new HttpError(400, `querystring/from must not be after 'to' (${q.from} > ${q.to})`);
  }
}

/** The token of an `Authorization: Bearer …` header (the scheme in any case, RFC 7235), or null. */
export function bearerToken(header: string | undefined): string | null {
  const m = /^bearer[ \t]+(.+)$/i.exec(header ?? '');
  return m ? m[1]!.trim() : null;
}

/** The host name of a Host header, without its port, in lower case. */
export function hostName(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.indexOf(':');
  return colon >= 0 && h.indexOf(':', colon + 1) < 0 ? h.slice(0, colon) : h;
}

function routes(o: ServerOptions): Route[] {
  const { repo } = o;
  const ingest = o.ingest ?? (o.kb ? (raws: RawArticle[]) => storeArticles(repo, raws, o.kb!) : null);
  const errors = { 400: error, 404: error };
  const pg = (q: Q) => ({ limit: Number(q.limit), offset: Number(q.offset) });
  const opt = (q: Q, key: string) => (q[key] === undefined ? undefined : String(q[key]));
  // The map and network views take one slice of the events: a date range, an actor, a type.
  const SLICE = query({ from: DATE, to: DATE, actor: S.code, type: { type: 'string', enum: PLOVER_TYPES }, copies: COPIES });
  const sliceOf = (q: Q) => {
    checkRange(q);
    return { from: opt(q, 'from'), to: opt(q, 'to'), actor: opt(q, 'actor'), type: opt(q, 'type'), copies: copies(q) };
  };
  const tokenHash = o.token ? createHash('sha256').update(o.token).digest() : null;
  return [
    {
      method: 'GET', url: '/api/stats', summary: 'How many articles, events, quotes, entities, stories and claims are stored',
      schema: { querystring: query({ copies: COPIES }), response: { 200: S.stats, ...errors } },
      handler: async (req) => repo.counts({ copies: copies(req.query as Q) }),
    },
    {
      method: 'GET', url: '/api/articles', summary: 'Articles, newest first',
      schema: { querystring: query({ ...paging, story: { type: 'string' }, outlet: { type: 'string' } }), response: { 200: page(S.articleSummary), ...errors } },
      handler: async (req) => {
        const q = req.query as Q;
        return repo.listArticles({ ...pg(q), story: opt(q, 'story'), outlet: opt(q, 'outlet') });
      },
    },
    {
      method: 'GET', url: '/api/articles/:id', summary: 'One article with its entities and their mentions, quotes and events',
      schema: { params: idParams, response: { 200: S.articleDetail, ...errors } },
      handler: async (req) => {
        const { id } = req.params as { id: string };
        return (await repo.getArticle(id)) ?? notFound('article', id);
      },
    },
    {
      method: 'POST', url: '/api/articles',
      summary: 'Analyse and store articles (needs `Authorization: Bearer $DYAD_TOKEN`; disabled when the server has no token)',
      schema: { body: S.postArticles, response: { 200: S.postResult, 400: error, 401: error, 403: error, 413: error } },
      // Before the body is read or validated: a client without the token learns nothing about the body's format.
      onRequest: async (req) => {
        if (!tokenHash || !ingest) throw new HttpError(403, 'article upload is disabled: start the server with DYAD_TOKEN set');
        const token = bearerToken(req.headers.authorization);
        const given = token === null ? null : createHash('sha256').update(token).digest();
        if (!given || !timingSafeEqual(given, tokenHash)) throw new HttpError(401, 'missing or wrong bearer token');
      },
      // Before the schema coerces: `text: 123` is a client's mistake to be told, not "123".
      preValidation: async (req) => {
        const articles = (req.body as { articles?: unknown } | null)?.articles;
        if (!Array.isArray(articles)) return;
        articles.forEach((a, k) => {
          if (a === null || typeof a !== 'object') return;
          for (const [field, value] of Object.entries(a as Record<string, unknown>)) {
            const nullable = field !== 'text' && field !== 'id' && field !== 'path';
            if (typeof value !== 'string' && !(nullable && value === null)) {
              throw new HttpError(400, `articles[${k}]: field "${field}" must be a string${nullable ? ' or null' : ''}, not ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}`);
            }
          }
        });
      },
      handler: async (req) => {
        const body = req.body as { articles: (Partial<RawArticle> & { text: string })[] };
        const raws: RawArticle[] = body.articles.map((a) => ({
          ...a,
          format: 'text',
          path: a.path ?? `api:${a.id ?? a.url ?? createHash('sha256').update(a.text).digest('hex').slice(0, 16)}`,
        }));
        return ingest!(raws);
      },
    },
    {
      method: 'GET', url: '/api/events', summary: 'Events, filtered by actor (either side), source, target, PLOVER type, date range, story or article',
      schema: {
        querystring: query({
          ...paging, actor: S.code, source: S.code, target: S.code, type: { type: 'string', enum: PLOVER_TYPES },
          from: DATE, to: DATE, story: { type: 'string' }, article: { type: 'string' }, copies: COPIES,
        }),
        response: { 200: page(event), ...errors },
      },
      handler: async (req) => {
        const q = req.query as Q;
        checkRange(q);
        const keys = ['actor', 'source', 'target', 'type', 'from', 'to', 'story', 'article'] as const;
        return repo.listEvents({ ...pg(q), ...Object.fromEntries(keys.map((k) => [k, opt(q, k)])), copies: copies(q) });
      },
    },
    {
      method: 'GET', url: '/api/quotes', summary: 'Quotes, filtered by speaker (name or entity id), speaker actor, story or article',
      schema: {
        querystring: query({ ...paging, speaker: { type: 'string', minLength: 1 }, actor: S.code, story: { type: 'string' }, article: { type: 'string' }, copies: COPIES }),
        response: { 200: page(quote), ...errors },
      },
      handler: async (req) => {
        const q = req.query as Q;
        return repo.listQuotes({ ...pg(q), speaker: opt(q, 'speaker'), actor: opt(q, 'actor'), story: opt(q, 'story'), article: opt(q, 'article'), copies: copies(q) });
      },
    },
    {
      method: 'GET', url: '/api/stories', summary: 'Stories with their outlets and number of independent origins',
      schema: { querystring: query({ ...paging, from: DATE, to: DATE, actor: S.code }), response: { 200: page(S.storySummary), ...errors } },
      handler: async (req) => {
        const q = req.query as Q;
        checkRange(q);
        return repo.listStories({ ...pg(q), from: opt(q, 'from'), to: opt(q, 'to'), actor: opt(q, 'actor') });
      },
    },
    {
      method: 'GET', url: '/api/stories/:id', summary: 'One story: its events, quotes, articles (copies collapsed) and source comparison',
      schema: { params: idParams, response: { 200: S.storyDetail, ...errors } },
      handler: async (req) => {
        const { id } = req.params as { id: string };
        return (await repo.getStory(id)) ?? notFound('story', id);
      },
    },
    {
      method: 'GET', url: '/api/entities', summary: 'Countries, bodies, people and groups mentioned, most mentioned first',
      schema: {
        querystring: query({
          ...paging, country: S.code, kind: { type: 'string', enum: ['country', 'igo', 'person', 'org', 'group'] },
          name: { type: 'string', minLength: 1 }, id: { type: 'string', minLength: 1 }, copies: COPIES,
        }),
        response: { 200: page(S.entitySummary), ...errors },
      },
      handler: async (req) => {
        const q = req.query as Q;
        return repo.listEntities({ ...pg(q), country: opt(q, 'country'), kind: opt(q, 'kind'), name: opt(q, 'name'), id: opt(q, 'id'), copies: copies(q) });
      },
    },
    {
      method: 'GET', url: '/api/claims', summary: 'Claims asserted by some actors and denied by others',
      schema: { querystring: query({ ...paging, actor: S.code }), response: { 200: page(claim), ...errors } },
      handler: async (req) => {
        const q = req.query as Q;
        return repo.listClaims({ ...pg(q), actor: opt(q, 'actor') });
      },
    },
    {
      method: 'GET', url: '/api/dyads', summary: 'Event counts by type and summed PLOVER intensity per period, for source → target',
      schema: {
        querystring: query({
          source: S.code, target: S.code, actor: S.code, type: { type: 'string', enum: PLOVER_TYPES },
          interval: { type: 'string', enum: ['day', 'week', 'month'], default: 'month' }, from: DATE, to: DATE, copies: COPIES,
        }),
        response: { 200: S.dyads, ...errors },
      },
      handler: async (req) => {
        const q = req.query as Q;
        checkRange(q);
        return repo.dyads({
          source: opt(q, 'source'), target: opt(q, 'target'), actor: opt(q, 'actor'), type: opt(q, 'type'),
          interval: q.interval as Interval, from: opt(q, 'from'), to: opt(q, 'to'), copies: copies(q),
        });
      },
    },
    {
      method: 'GET', url: '/api/countries', summary: 'Events placed in each state (at a town, a region or the state itself), with ISO numeric codes, for shading a map',
      schema: {
        querystring: SLICE,
        response: { 200: S.countries, ...errors },
      },
      handler: async (req) => {
        return repo.countryCounts(sliceOf(req.query as Q));
      },
    },
    {
      method: 'GET', url: '/api/places', summary: 'Places events took place at (towns with coordinates), with event counts, for the map',
      schema: {
        querystring: SLICE,
        response: { 200: S.places, ...errors },
      },
      handler: async (req) => {
        return repo.places(sliceOf(req.query as Q));
      },
    },
    {
      method: 'GET', url: '/api/network', summary: 'Actor network: nodes and source → target edges weighted by event count',
      schema: { querystring: SLICE, response: { 200: S.network, ...errors } },
      handler: async (req) => {
        return repo.network(sliceOf(req.query as Q));
      },
    },
    {
      method: 'GET', url: '/api/search', summary: 'Full-text search over article bodies and quotes',
      schema: { querystring: { ...query({ ...paging, q: { type: 'string', minLength: 1, maxLength: 500 }, copies: COPIES }), required: ['q'] }, response: { 200: S.searchPage, ...errors } },
      handler: async (req) => {
        const q = req.query as Q;
        return repo.search({ ...pg(q), q: String(q.q), copies: copies(q) });
      },
    },
  ];
}

/** OpenAPI 3.1 (whose schemas are JSON Schema) from the route table. */
export function openapi(table: Route[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of table) {
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [['path', r.schema.params], ['query', r.schema.querystring]] as const) {
      const s = schema as { properties?: Record<string, unknown>; required?: string[] } | undefined;
      for (const [name, p] of Object.entries(s?.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (s?.required ?? []).includes(name), schema: p });
      }
    }
    const responses = Object.fromEntries(Object.entries(r.schema.response).map(([status, schema]) => [
      status, { description: status === '200' ? 'OK' : 'Error', content: { 'application/json': { schema } } },
    ]));
    (paths[path] ??= {})[r.method.toLowerCase()] = {
      summary: r.summary,
      ...(parameters.length ? { parameters } : {}),
      ...(r.schema.body ? { requestBody: { required: true, content: { 'application/json': { schema: r.schema.body } } } } : {}),
      ...(r.method === 'POST' ? { security: [{ bearer: [] }] } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'dyad API', version, description: 'Evidence-linked political event data: articles, events, quotes, stories, claims.' },
    paths,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  };
}

/** Names the offending parameter and says what is wrong with it. */
function formatValidation(errors: FastifySchemaValidationError[], context: string): Error {
  const messages = errors.map((e) => {
    const params = e.params as Record<string, unknown>;
    if (e.keyword === 'additionalProperties') return `${context}: unknown parameter '${String(params.additionalProperty)}'`;
    if (e.keyword === 'required') return `${context}/${String(params.missingProperty)} is required`;
    return `${context}${e.instancePath} ${e.message ?? 'is invalid'}`;
  });
  return new Error(messages.join('; '));
}


function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function buildServer(o: ServerOptions): FastifyInstance {
  const app = Fastify({
    logger: o.logger ?? false,
    bodyLimit: o.bodyLimit ?? 5 * 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
    schemaErrorFormatter: formatValidation,
  });
  // Security headers on every response, API and errors included. The dashboard needs
  // nothing but its own files and the API; plain HTTP on loopback, so no HSTS and no upgrade.
  void app.register(helmet, {
    global: true,
    hsts: false,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'], objectSrc: ["'none'"], baseUri: ["'none'"], frameAncestors: ["'none'"], formAction: ["'self'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
  });
  const allowed = new Set((o.allowedHosts ?? LOOPBACK_HOSTS).map((h) => h.toLowerCase()));
  app.addHook('onRequest', async (req) => {
    const host = req.headers.host;
    if (allowed.has('*') || host === undefined || allowed.has(hostName(host))) return;
    throw new HttpError(403, `host '${hostName(host)}' is not allowed: start the server with --allow-host ${hostName(host)} to answer it`);
  });
  app.setErrorHandler((err: Error & { statusCode?: number; validation?: unknown }, req, reply) => {
    const status = err instanceof HttpError ? err.statusCode : err.validation ? 400 : (err.statusCode ?? 500);
    // the client is told only 'internal error': the operator must see what it was
    if (status >= 500 && o.logger) app.log.error(err);
    else if (status >= 500) process.stderr.write(`dyad: ${req.method} ${req.url.split('?')[0]}: ${err.stack ?? err.message}\n`);
    const label: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 413: 'Payload Too Large', 415: 'Unsupported Media Type' };
    void reply.status(status).send({ statusCode: status, error: label[status] ?? 'Error', message: status >= 500 ? 'internal error' : err.message });
  });
  const table = routes(o);
  for (const r of table) {
    app.route({ method: r.method, url: r.url, schema: r.schema, handler: r.handler, ...(r.onRequest ? { onRequest: r.onRequest } : {}), ...(r.preValidation ? { preValidation: r.preValidation } : {}) });
  }
  const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  const doc = openapi(table, version);
  app.get('/api/openapi.json', async () => doc);
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `no route ${req.method} ${req.url.split('?')[0]}` });
  });

  const root = o.webRoot ?? WEB_ROOT;
  const assets = join(root, 'assets');
  if (existsSync(assets)) {
    // Vite names assets by content hash, so a file under /assets/ never changes: cached for a year.
    // (The security headers come from helmet, on every response.)
    void app.register(fastifyStatic, {
      root: assets, prefix: '/assets/', index: false, wildcard: true, decorateReply: true,
      cacheControl: true, maxAge: '365d', immutable: true,
    });
  } else {
    app.get('/assets/*', async (req, reply) => reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `no file ${req.url}` }));
  }
  app.get('/', async (_req, reply) => {
    if (!isFile(join(root, 'index.html'))) {
      return reply.status(503).type('text/plain').send('The dashboard is not built: run `npm run build`. The API is at /api/.');
    }
    // The page names the current assets: it is checked on every visit (no-cache), the assets are not.
    return reply.header('cache-control', 'no-cache').sendFile('index.html', root, { cacheControl: false });
  });
  return app;
}
