// What the store keeps of an article's analysis besides its rows: the layers the
// API and the corpus stages (stories, claims) read back, as one compressed blob
// per article. Tokens and paragraphs are not kept: nothing reads them after the
// per-article stages, and they were two thirds of a database 36 times its input.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Doc, Entity, EntityMention, Mention, PloverEvent, Quote, Removed, Sentence } from '../types.js';

export interface Layers {
  /** The lines cleaning removed, with why (read only with the whole article). */
  removed: Removed[];
  /** Sentence spans and their paragraph (what a claim's partial quote widens to). */
  sentences: Pick<Sentence, 'start' | 'end' | 'paragraph'>[];
  mentions: Mention[];
  entities: Entity[];
  quotes: Quote[];
  events: PloverEvent[];
}

interface Span {
  start: number;
  end: number;
  text?: string;
}

/** The article a blob belongs to: what the left-out parts are rebuilt from. */
export interface Owner {
  id: string;
  body: string;
}

/**
 * JSON is small to write and fast to read back, and deflate takes it to about a sixth.
 * Before that, what the blob would repeat is left out: a span's text that is the body's
 * own characters at its offsets (the body is stored beside it), and an entity's mention
 * that is one of the article's actor mentions (kept as that mention's index).
 */
export function encodeLayers(owner: Owner, doc: Omit<Layers, 'sentences'> & { sentences: Layers['sentences'] }): Buffer {
  const { id, body } = owner;
  const sentences = doc.sentences.map((s) => [s.start, s.end, s.paragraph]);
  // Copies without the text (JSON leaves out undefined): far cheaper than a replacer function called on every key.
  const strip = <T extends Span>(x: T): T => (x.text === body.slice(x.start, x.end) ? { ...x, text: undefined } : x);
  const at = new Map<string, number>();
  doc.mentions.forEach((m, i) => at.has(`${m.start}:${m.end}`) || at.set(`${m.start}:${m.end}`, i));
  const entityMention = (m: EntityMention): number | EntityMention => {
    const i = at.get(`${m.start}:${m.end}`);
    return i !== undefined && m.article === id && doc.mentions[i]!.text === m.text ? i : strip(m);
  };
  const json = JSON.stringify({
    removed: doc.removed,
    sentences,
    mentions: doc.mentions.map(strip),
    entities: doc.entities.map((e) => ({ ...e, mentions: e.mentions.map(entityMention) })),
    quotes: doc.quotes.map(strip),
    events: doc.events.map((e) => ({ ...e, evidence: strip(e.evidence) })),
  });
  // Level 3: a tenth larger than the default 6, at half its time.
  return deflateRawSync(json, { level: 3 });
}

export function decodeLayers(blob: Buffer, owner: Owner): Layers {
  const { id, body } = owner;
  const raw = JSON.parse(inflateRawSync(blob).toString('utf8')) as Omit<Layers, 'sentences' | 'entities'> & {
    sentences: [number, number, number][];
    entities: (Omit<Entity, 'mentions'> & { mentions: (number | EntityMention)[] })[];
  };
  const text = (s: Span) => (s.text ??= body.slice(s.start, s.end));
  for (const m of raw.mentions) text(m);
  for (const q of raw.quotes) text(q);
  for (const e of raw.events) text(e.evidence);
  const entities: Entity[] = raw.entities.map((e) => ({
    ...e,
    mentions: e.mentions.map((m) => {
      if (typeof m !== 'number') return (text(m), m);
      const { start, end, text: t } = raw.mentions[m]!;
      return { article: id, start, end, text: t };
    }),
  }));
  // Quotes in reading order, as every reader wants them (addQuotes may append out of order).
  raw.quotes.sort((a, b) => a.start - b.start);
  return { ...raw, entities, sentences: raw.sentences.map(([start, end, paragraph]) => ({ start, end, paragraph })) };
}

/** A stored article's Doc for the corpus stages: every layer they read, without tokens or paragraphs. */
export function storedDoc(article: Omit<Doc['article'], 'removed'>, layers: Layers): Doc {
  return {
    article: { ...article, removed: layers.removed },
    paragraphs: [],
    sentences: layers.sentences.map((s) => ({ ...s, firstToken: 0, endToken: 0 })),
    tokens: [],
    entities: layers.entities,
    mentions: layers.mentions,
    quotes: layers.quotes,
    events: layers.events,
  };
}
