// The document model every stage shares. Field names that appear in the JSON
// output follow ../shared/DESIGN.md exactly; extra fields are allowed there.
//
// A `Doc` is one article travelling through the pipeline. Each stage reads the
// layers earlier stages filled in and returns its own layer; `pipeline.ts`
// attaches it. All offsets (`start`, `end`) index into `article.body`, the
// cleaned text, as UTF-16 code units (JavaScript string indices), end exclusive.

/** What an input reader produces before cleaning. */
export interface RawArticle {
  /** File path (or `-` for stdin), plus `#N` for the Nth item of a multi-item file. */
  path: string;
  format: 'text' | 'html' | 'json' | 'feed';
  id?: string;
  title?: string | null;
  outlet?: string | null;
  url?: string | null;
  published?: string | null;
  byline?: string | null;
  /** Body as plain text with paragraphs separated by newlines. */
  text: string;
}

export interface Removed {
  text: string;
  reason: string;
  /** Id of the boilerplate pattern (data file entry) that matched. */
  rule?: string;
}

export interface Article {
  id: string;
  path: string;
  outlet: string | null;
  url: string | null;
  title: string | null;
  byline: string | null;
  dateline: string | null;
  published: string | null;
  body: string;
  removed: Removed[];
  flags: string[];
  story: string | null;
  duplicateOf: string | null;
}

export interface Paragraph {
  start: number;
  end: number;
}

export interface Sentence {
  start: number;
  end: number;
  paragraph: number;
  /** Token index range [firstToken, endToken). */
  firstToken: number;
  endToken: number;
}

export interface Token {
  start: number;
  end: number;
  text: string;
  /** Universal POS tag from wink-nlp (NOUN, PROPN, VERB, AUX, ADP, PUNCT, ...). */
  pos: string;
  /** Lower-case lemma. */
  lemma: string;
  /** True when wink-nlp marks the token as inside the scope of a negation. */
  negated: boolean;
  /** Wink's token type: word, punctuation, number, quoted_phrase, ... */
  type: string;
  sentence: number;
}

/** A mention of an actor inside one article, as found by the actors stage. */
export interface Mention {
  /** Id of the corpus-level entity, e.g. `CHN`, `NATO`, `person:lin-jian`. */
  entity: string;
  start: number;
  end: number;
  text: string;
  /** Actor code: ISO alpha-3 for states, upper-case short names for bodies. */
  actor: string | null;
  sector: string | null;
  /** Name of the rule or gazetteer entry that produced it. */
  rule: string;
  /** True for "he", "it", "the alliance": resolved from an earlier mention. */
  anaphor?: boolean;
  /** True when the text names a place ("in Kazakhstan"), not an acting party. */
  place?: boolean;
}

export type EntityKind = 'country' | 'igo' | 'person' | 'org' | 'group';

export interface EntityMention {
  article: string;
  start: number;
  end: number;
  text: string;
}

export interface Entity {
  id: string;
  name: string;
  kind: EntityKind;
  country: string | null;
  sector: string | null;
  role: string | null;
  mentions: EntityMention[];
}

export interface Speaker {
  name: string;
  actor: string | null;
  sector: string | null;
  entity: string | null;
}

export interface Quote {
  id: string;
  article: string;
  kind: 'direct' | 'partial' | 'indirect' | 'scare'; // scare: quoted words no cue attributes (scare quotes, titles, slogans)
  text: string;
  start: number;
  end: number;
  cue: string | null;
  speaker: Speaker | null;
  rule: string;
  /** Each party when several speak together ("both sides", a joint statement); `speaker` is the first. */
  speakers?: Speaker[];
}

export interface EventActor {
  actor: string | null;
  sector: string | null;
  text: string;
  entity: string | null;
}

export type PloverType =
  | 'AGREE' | 'CONSULT' | 'SUPPORT' | 'CONCEDE' | 'COOPERATE' | 'AID' | 'RETREAT' | 'REQUEST'
  | 'ACCUSE' | 'REJECT' | 'THREATEN' | 'PROTEST' | 'SANCTION' | 'MOBILIZE' | 'COERCE' | 'ASSAULT';

export type Modality = 'asserted' | 'reported' | 'future' | 'hypothetical' | 'historical';
/** How an event's date was found: its own time expression, its paragraph's or story's day, or the publication day. */
export type DateBasis = 'text' | 'context' | 'publication';
export type DatePrecision = 'day' | 'month' | 'year' | 'unknown';

export interface Evidence {
  start: number;
  end: number;
  text: string;
}

/** Where an event happened, as the text places it; coordinates for towns and cities (GeoNames). */
export interface EventLocation {
  name: string;
  /** ISO 3166-1 alpha-3. */
  country: string;
  lat: number | null;
  lon: number | null;
}

export interface PloverEvent {
  id: string;
  article: string;
  type: PloverType;
  mode: string | null;
  cameo: string | null;
  source: EventActor[];
  target: EventActor[];
  date: string | null;
  datePrecision: DatePrecision;
  negated: boolean;
  modality: Modality;
  trigger: string;
  /** Id of the quote the event was reported in, if any. */
  quote: string | null;
  confidence: number;
  rule: string;
  evidence: Evidence;
  /** Offsets of the trigger word(s). */
  triggerStart?: number;
  triggerEnd?: number;
  /** Offsets of the time expression that dated the event, if any. */
  dateText?: string | null;
  /** Where the text places the event ("in Arequipa", "near the border in Mandera"), or null. */
  location?: EventLocation | null;
  /** How the date was found; null when the event has none. */
  dateBasis?: DateBasis | null;
  /** Offsets of that time expression and the time pattern (or `chrono`) that read it. */
  dateStart?: number;
  dateEnd?: number;
  dateRule?: string;
}

export interface Story {
  id: string;
  title: string;
  articles: string[];
  start: string | null;
  end: string | null;
  actors: string[];
  /** Articles that are not copies of another: how many independent reports the story has. */
  origins?: number;
  /** Who carried the story and how (see stories/compare.ts). */
  comparison?: StoryComparison;
}

/** One outlet's take on a story. */
export interface OutletView {
  outlet: string;
  articles: string[];
  /** Articles of this outlet that copy another article. */
  copies: number;
  /** Quoted speakers by actor code: quotes, and their share of the outlet's quotes. */
  voices: { actor: string; quotes: number; share: number }[];
  /** Each claim this outlet carries, and which side(s) of it. */
  claims: { claim: string; sides: ('assert' | 'deny')[] }[];
  /** Loaded terms (data/claims/loaded-terms.yaml) used by this outlet. */
  loadedTerms: { term: string; count: number }[];
}

export interface StoryComparison {
  outlets: OutletView[];
  copies: { article: string; duplicateOf: string; kind: string | null }[];
}

export interface ClaimEvidence {
  article: string;
  kind: 'event' | 'quote';
  id: string;
  side?: 'assert' | 'deny';
}

export interface Claim {
  id: string;
  proposition: string;
  assertedBy: string[];
  deniedBy: string[];
  evidence: ClaimEvidence[];
}

export interface InputError {
  file: string;
  reason: string;
  /** Set on a warning: the article was read and analysed all the same (an unreadable date, say). */
  warning?: true;
}

/** One article with every per-article layer. */
export interface Doc {
  article: Article;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  tokens: Token[];
  /** Entities of this article; their `mentions` are this article's only. */
  entities: Entity[];
  /** Every actor mention, sorted by `start`: what later stages look up. */
  mentions: Mention[];
  quotes: Quote[];
  events: PloverEvent[];
}

/** The JSON document `dyad analyze` prints. */
export interface Output {
  articles: Article[];
  entities: Entity[];
  quotes: Quote[];
  events: PloverEvent[];
  stories: Story[];
  claims: Claim[];
  errors: InputError[];
}
