// JSON schemas of the API: Fastify validates requests and serialises responses
// with them, and the OpenAPI document is generated from the same objects. Object
// schemas allow extra properties because stages may add fields to the contract.

type Schema = Record<string, unknown>;

const nullable = (type: string): Schema => ({ type: [type, 'null'] });
const obj = (properties: Record<string, Schema>, required: string[] = Object.keys(properties)): Schema => ({
  type: 'object', properties, required, additionalProperties: true,
});
const list = (items: Schema): Schema => ({ type: 'array', items });

export const PLOVER_TYPES = [
  'AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST',
  'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT',
];

export const DATE = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'ISO date YYYY-MM-DD' };
const code = { type: 'string', minLength: 1, maxLength: 100, description: 'actor code (CHN, NATO) or entity id' };

const articleSummary = obj({
  id: { type: 'string' }, path: { type: 'string' }, outlet: nullable('string'), url: nullable('string'),
  title: nullable('string'), published: nullable('string'), story: nullable('string'), duplicateOf: nullable('string'),
  flags: list({ type: 'string' }), events: { type: 'integer' }, quotes: { type: 'integer' },
});

const article = obj({
  id: { type: 'string' }, path: { type: 'string' }, outlet: nullable('string'), url: nullable('string'),
  title: nullable('string'), byline: nullable('string'), dateline: nullable('string'), published: nullable('string'),
  body: { type: 'string' }, removed: list(obj({ text: { type: 'string' }, reason: { type: 'string' } })),
  flags: list({ type: 'string' }), story: nullable('string'), duplicateOf: nullable('string'),
});

const span = obj({ article: { type: 'string' }, start: { type: 'integer' }, end: { type: 'integer' }, text: { type: 'string' } });

const entity = obj({
  id: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' }, country: nullable('string'),
  sector: nullable('string'), role: nullable('string'), mentions: list(span),
});

const speaker = {
  type: ['object', 'null'], additionalProperties: true,
  properties: { name: { type: 'string' }, actor: nullable('string'), sector: nullable('string'), entity: nullable('string') },
};

export const quote = obj({
  id: { type: 'string' }, article: { type: 'string' }, kind: { type: 'string' }, text: { type: 'string' },
  start: { type: 'integer' }, end: { type: 'integer' }, cue: nullable('string'), speaker,
});

const eventActor = obj({ actor: nullable('string'), sector: nullable('string'), text: { type: 'string' }, entity: nullable('string') });

export const event = obj({
  id: { type: 'string' }, article: { type: 'string' }, type: { type: 'string' }, mode: nullable('string'), cameo: nullable('string'),
  source: list(eventActor), target: list(eventActor), date: nullable('string'), datePrecision: { type: 'string' },
  negated: { type: 'boolean' }, modality: { type: 'string' }, trigger: { type: 'string' }, quote: nullable('string'),
  confidence: { type: 'number' }, rule: { type: 'string' },
  evidence: obj({ start: { type: 'integer' }, end: { type: 'integer' }, text: { type: 'string' } }),
});

const story = obj({
  id: { type: 'string' }, title: { type: 'string' }, articles: list({ type: 'string' }),
  start: nullable('string'), end: nullable('string'), actors: list({ type: 'string' }),
});

const storySummary = {
  ...story,
  properties: {
    ...(story.properties as Schema), outlets: list({ type: 'string' }), origins: { type: 'integer' },
    events: { type: 'integer' }, quotes: { type: 'integer' },
  },
};

export const claim = obj({
  id: { type: 'string' }, proposition: { type: 'string' }, assertedBy: list({ type: 'string' }), deniedBy: list({ type: 'string' }),
  evidence: list(obj({
    article: { type: 'string' }, kind: { type: 'string' }, id: { type: 'string' },
    text: { ...nullable('string'), description: 'the quote, or the event\'s sentence (GET /api/claims)' }, outlet: nullable('string'), title: nullable('string'),
  }, ['article', 'kind', 'id'])),
});

export const page = (items: Schema): Schema =>
  obj({ total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' }, items: list(items) });

export const paging = {
  limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50, description: 'page size' },
  // bounded: a number such as 1e308 is an integer to JSON Schema but not to SQLite
  offset: { type: 'integer', minimum: 0, maximum: 2_147_483_647, default: 0, description: 'items to skip' },
};

export const query = (properties: Record<string, Schema>): Schema => ({ type: 'object', properties, additionalProperties: false });

export const idParams = { type: 'object', properties: { id: { type: 'string', minLength: 1 } }, required: ['id'] };

export const error = obj({ statusCode: { type: 'integer' }, error: { type: 'string' }, message: { type: 'string' } }, ['message']);

function searchHitSchema(): Schema {
  return obj({
    kind: { type: 'string', enum: ['article', 'quote'] }, article: { type: 'string' }, id: { type: 'string' },
    title: nullable('string'), snippet: { type: 'string', description: 'plain text around the match' },
    marks: { ...list({ type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 }), description: '[start, end) of each matched word in snippet' },
    speaker: nullable('string'),
  });
}

export const S = {
  code,
  articleSummary,
  articleDetail: obj({ article, entities: list(entity), quotes: list(quote), events: list(event) }),
  storySummary,
  storyDetail: obj({
    story: storySummary,
    articles: list({
      ...articleSummary,
      properties: {
        ...(articleSummary.properties as Schema),
        copies: list(articleSummary),
        speakers: list({ type: 'string' }),
      },
    }),
    events: list(event),
    quotes: list(quote),
    claims: list({ ...claim, properties: { ...(claim.properties as Schema), sides: { type: 'object', additionalProperties: { type: 'string' } } } }),
  }),
  dyads: obj({
    source: nullable('string'), target: nullable('string'), interval: { type: 'string' },
    points: list(obj({
      period: { type: 'string' }, count: { type: 'integer' }, intensity: { type: 'number' },
      byType: { type: 'object', additionalProperties: { type: 'integer' } },
    })),
  }),
  network: obj({
    nodes: list(obj({ id: { type: 'string' }, events: { type: 'integer' } })),
    edges: list(obj({ source: { type: 'string' }, target: { type: 'string' }, weight: { type: 'integer' }, intensity: { type: 'number' } })),
  }),
  entitySummary: obj({
    id: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' }, country: nullable('string'),
    sector: nullable('string'), role: nullable('string'), mentions: { type: 'integer' }, articles: { type: 'integer' },
  }),
  searchHit: searchHitSchema(),
  searchPage: obj({
    total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' },
    items: list(searchHitSchema()),
    terms: { ...list({ type: 'string' }), description: 'the words searched for: at most 12 distinct ones, the longest' },
    partial: { type: 'boolean', description: 'true when the time budget stopped the search: total and ranking cover what was found by then' },
  }),
  places: list(obj({
    name: { type: 'string' }, country: nullable('string'), lat: { type: 'number' }, lon: { type: 'number' },
    events: { type: 'integer' }, cooperation: { type: 'integer' }, conflict: { type: 'integer' },
    example: obj({ article: { type: 'string' }, id: { type: 'string' }, start: { type: 'integer' }, end: { type: 'integer' }, text: { type: 'string' } }),
  })),
  countries: list(obj({
    country: { type: 'string' }, numeric: nullable('string'), events: { type: 'integer' }, cooperation: { type: 'integer' }, conflict: { type: 'integer' },
  })),
  stats: obj(Object.fromEntries(['articles', 'copies', 'events', 'quotes', 'entities', 'stories', 'claims'].map((k) => [k, { type: 'integer' }]))),
  postArticles: {
    type: 'object', additionalProperties: false, required: ['articles'],
    properties: {
      articles: {
        type: 'array', minItems: 1, maxItems: 1000,
        items: {
          type: 'object', additionalProperties: false, required: ['text'],
          properties: {
            text: { type: 'string', minLength: 1 }, id: { type: 'string' }, path: { type: 'string' },
            title: nullable('string'), outlet: nullable('string'), url: nullable('string'),
            published: nullable('string'), byline: nullable('string'),
          },
        },
      },
    },
  },
  postResult: obj({ added: list({ type: 'string' }), unchanged: { type: 'integer' }, errors: list(obj({ file: { type: 'string' }, reason: { type: 'string' } })) }),
};
