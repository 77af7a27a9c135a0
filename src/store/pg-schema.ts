// The PostgreSQL store's versioned schema, as schema.ts is SQLite's: the table
// `dyad_schema` holds how many migrations ran, and a new schema change is a new
// entry at the end of the list, never an edit of an old one, so that existing
// databases upgrade in place.
//
// The tables mirror SQLite's, with what PostgreSQL lacks or does otherwise:
// - no rowid: events and quotes get an identity column `seq`, which orders an
//   article's rows as they were inserted, as SQLite's rowid does;
// - every text column compares and sorts bytewise (COLLATE "C"), as SQLite's do,
//   so that ordered lists come out in the same order from both backends (and
//   lower() folds ASCII letters only, as SQLite's does);
// - full text is a stored tsvector column per table with a GIN index, built with
//   the 'simple' configuration: words are lower-cased and not stemmed, close to
//   what SQLite's FTS5 unicode61 tokenizer does (see PgRepo.search for the rest).
import type pg from 'pg';

/**
 * Advisory lock keys (`pg_advisory_xact_lock(space, key)`), released when their transaction ends.
 * SCHEMA: migrating; CORPUS: taken shared by article writes and exclusively by the stories and
 * claims write; ARTICLE space: one key per article id, path or url (PgRepo.lockArticles).
 */
export const LOCK = { space: 0x64796164, schema: 1, corpus: 2, articleSpace: 0x64796165 } as const;

export const PG_MIGRATIONS: readonly string[] = [
  `
  -- The words of a text for full-text search. to_tsvector refuses a text of more than 1 MB
  -- of distinct words (SQLite's FTS5 has no such limit): such a text, were it 10 MB of rare
  -- words, is indexed by its first 100,000 characters rather than refused with its batch.
  CREATE FUNCTION dyad_words(doc text) RETURNS tsvector LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
  BEGIN
    RETURN to_tsvector('simple', doc);
  EXCEPTION WHEN program_limit_exceeded THEN
    RETURN to_tsvector('simple', left(doc, 100000));
  END
  $$;

  CREATE TABLE meta (key text COLLATE "C" PRIMARY KEY, value text COLLATE "C" NOT NULL);
  -- present from the start, so that concurrent writers only ever update them
  INSERT INTO meta (key, value) VALUES ('generation', '0'), ('corpus_stale', '0');

  CREATE TABLE articles (
    id text COLLATE "C" PRIMARY KEY,
    path text COLLATE "C" NOT NULL,
    outlet text COLLATE "C", url text COLLATE "C", title text COLLATE "C", byline text COLLATE "C",
    dateline text COLLATE "C", published text COLLATE "C",
    body text COLLATE "C" NOT NULL,
    flags jsonb NOT NULL,
    story text COLLATE "C",
    duplicate_of text COLLATE "C",
    raw_hash text COLLATE "C" NOT NULL,
    -- the per-article layers, compressed (layers.ts)
    layers bytea NOT NULL,
    fts tsvector GENERATED ALWAYS AS (dyad_words(coalesce(title, '') || ' ' || body)) STORED
  );
  CREATE INDEX articles_path ON articles (path);
  CREATE INDEX articles_url ON articles (url);
  CREATE INDEX articles_story ON articles (story);
  CREATE INDEX articles_published ON articles (published);
  CREATE INDEX articles_fts ON articles USING gin (fts);

  CREATE TABLE entities (
    id text COLLATE "C" PRIMARY KEY, name text COLLATE "C" NOT NULL, kind text COLLATE "C" NOT NULL,
    country text COLLATE "C", sector text COLLATE "C", role text COLLATE "C"
  );

  CREATE TABLE entity_articles (
    entity text COLLATE "C" NOT NULL,
    article text COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    mentions integer NOT NULL,
    PRIMARY KEY (entity, article)
  );
  CREATE INDEX entity_articles_article ON entity_articles (article);

  CREATE TABLE quotes (
    seq bigint GENERATED ALWAYS AS IDENTITY,
    article text COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    id text COLLATE "C" NOT NULL,
    kind text COLLATE "C" NOT NULL, text text COLLATE "C" NOT NULL, start integer NOT NULL, "end" integer NOT NULL,
    cue text COLLATE "C", speaker_name text COLLATE "C", speaker_actor text COLLATE "C", speaker_sector text COLLATE "C",
    speaker_entity text COLLATE "C", rule text COLLATE "C",
    fts tsvector GENERATED ALWAYS AS (dyad_words(coalesce(speaker_name, '') || ' ' || text)) STORED,
    PRIMARY KEY (article, id)
  );
  CREATE INDEX quotes_speaker_actor ON quotes (speaker_actor);
  CREATE INDEX quotes_speaker_entity ON quotes (speaker_entity);
  CREATE INDEX quotes_fts ON quotes USING gin (fts);

  CREATE TABLE events (
    seq bigint GENERATED ALWAYS AS IDENTITY,
    article text COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    id text COLLATE "C" NOT NULL,
    type text COLLATE "C" NOT NULL, mode text COLLATE "C", cameo text COLLATE "C",
    -- the event date, or the article's publication date when the event has none (first day of a month or year)
    day text COLLATE "C",
    negated integer NOT NULL, modality text COLLATE "C" NOT NULL,
    -- where the event took place, for the map
    place text COLLATE "C", place_country text COLLATE "C", lat double precision, lon double precision,
    PRIMARY KEY (article, id)
  );
  CREATE INDEX events_type ON events (type);
  CREATE INDEX events_day ON events (day);

  CREATE TABLE event_actors (
    article text COLLATE "C" NOT NULL, event text COLLATE "C" NOT NULL,
    role text COLLATE "C" NOT NULL CHECK (role IN ('source', 'target')),
    actor text COLLATE "C", entity text COLLATE "C",
    FOREIGN KEY (article, event) REFERENCES events (article, id) ON DELETE CASCADE
  );
  CREATE INDEX event_actors_actor ON event_actors (actor, role);
  CREATE INDEX event_actors_event ON event_actors (article, event);

  CREATE TABLE stories (
    id text COLLATE "C" PRIMARY KEY, title text COLLATE "C" NOT NULL, start text COLLATE "C", "end" text COLLATE "C", json jsonb NOT NULL
  );
  CREATE TABLE claims (id text COLLATE "C" PRIMARY KEY, proposition text COLLATE "C" NOT NULL, json jsonb NOT NULL);
  CREATE TABLE claim_evidence (
    claim text COLLATE "C" NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    article text COLLATE "C" NOT NULL, kind text COLLATE "C" NOT NULL, item text COLLATE "C" NOT NULL, side text COLLATE "C"
  );
  CREATE INDEX claim_evidence_article ON claim_evidence (article);

  -- the short lines each article carries (src/clean/site.ts): lines that recur on an outlet's pages are its boilerplate
  CREATE TABLE site_lines (
    article text COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    path text COLLATE "C" NOT NULL,
    outlet text COLLATE "C",
    line text COLLATE "C" NOT NULL,
    PRIMARY KEY (article, line)
  );
  CREATE INDEX site_lines_line ON site_lines (line);
  `,
  `
  -- The transaction that stored each site line, and how many writes removed some: a process
  -- that keeps its site memory between batches reads only the lines of transactions that had
  -- not ended when it last read (PgRepo.siteLinesSince), and all of them after a removal.
  ALTER TABLE site_lines ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id();
  CREATE INDEX site_lines_xid ON site_lines (xid);
  INSERT INTO meta (key, value) VALUES ('site_removals', '0') ON CONFLICT DO NOTHING;
  `,
];

/**
 * Brings the database to the newest schema. All in one transaction that first takes the
 * schema lock and only then reads the version: two processes opening a new database at
 * once run each migration once (the second waits, then finds nothing to do), and a
 * failed migration leaves the database as it was.
 */
export async function migrate(client: pg.ClientBase): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK.space, LOCK.schema]);
    await client.query('CREATE TABLE IF NOT EXISTS dyad_schema (version integer NOT NULL)');
    const rows = (await client.query<{ version: number }>('SELECT version FROM dyad_schema')).rows;
    if (rows.length === 0) await client.query('INSERT INTO dyad_schema (version) VALUES (0)');
    const current = rows[0]?.version ?? 0;
    if (current > PG_MIGRATIONS.length) {
      throw new Error(`database schema v${current} is newer than this dyad (v${PG_MIGRATIONS.length}); upgrade dyad`);
    }
    for (let v = current; v < PG_MIGRATIONS.length; v++) await client.query(PG_MIGRATIONS[v]!);
    await client.query('UPDATE dyad_schema SET version = $1', [PG_MIGRATIONS.length]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}
