// Versioned schema: `PRAGMA user_version` holds how many migrations ran. A new
// schema change is a new entry at the end of the list, never an edit of an old one,
// so existing databases upgrade in place.
import type Database from 'better-sqlite3';
import type { Doc } from '../types.js';
import { encodeLayers } from './layers.js';

/** SQL, or a function for a step SQL alone cannot do (re-encoding rows). */
export type Migration = string | ((db: Database.Database) => void);

export const MIGRATIONS: readonly Migration[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    outlet TEXT, url TEXT, title TEXT, byline TEXT, dateline TEXT, published TEXT,
    body TEXT NOT NULL,
    removed TEXT NOT NULL,
    flags TEXT NOT NULL,
    story TEXT,
    duplicate_of TEXT,
    raw_hash TEXT NOT NULL,
    -- every per-article layer (sentences, tokens, mentions...) so corpus stages can rerun
    doc TEXT NOT NULL
  );
  CREATE INDEX articles_path ON articles(path);
  CREATE INDEX articles_url ON articles(url);
  CREATE INDEX articles_story ON articles(story);
  CREATE INDEX articles_published ON articles(published);

  CREATE TABLE entities (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
    country TEXT, sector TEXT, role TEXT
  );

  CREATE TABLE mentions (
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL
  );
  CREATE INDEX mentions_article ON mentions(article);
  CREATE INDEX mentions_entity ON mentions(entity);

  CREATE TABLE quotes (
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    kind TEXT NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    cue TEXT, speaker_name TEXT, speaker_actor TEXT, speaker_sector TEXT, speaker_entity TEXT,
    rule TEXT,
    json TEXT NOT NULL,
    PRIMARY KEY (article, id)
  );
  CREATE INDEX quotes_speaker_actor ON quotes(speaker_actor);
  CREATE INDEX quotes_speaker_entity ON quotes(speaker_entity);

  CREATE TABLE events (
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    type TEXT NOT NULL, mode TEXT, cameo TEXT,
    -- the event date, or the article's publication date when the event has none:
    -- what time series and date filters use
    day TEXT,
    negated INTEGER NOT NULL, modality TEXT NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (article, id)
  );
  CREATE INDEX events_type ON events(type);
  CREATE INDEX events_day ON events(day);

  CREATE TABLE event_actors (
    article TEXT NOT NULL, event TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('source', 'target')),
    actor TEXT, entity TEXT,
    FOREIGN KEY (article, event) REFERENCES events(article, id) ON DELETE CASCADE
  );
  CREATE INDEX event_actors_actor ON event_actors(actor, role);
  CREATE INDEX event_actors_entity ON event_actors(entity, role);
  CREATE INDEX event_actors_event ON event_actors(article, event);

  CREATE TABLE stories (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, start TEXT, "end" TEXT, json TEXT NOT NULL
  );
  CREATE TABLE claims (id TEXT PRIMARY KEY, proposition TEXT NOT NULL, json TEXT NOT NULL);
  CREATE TABLE claim_evidence (
    claim TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    article TEXT NOT NULL, kind TEXT NOT NULL, item TEXT NOT NULL, side TEXT
  );
  CREATE INDEX claim_evidence_article ON claim_evidence(article);

  CREATE VIRTUAL TABLE articles_fts USING fts5(article UNINDEXED, title, body);
  CREATE VIRTUAL TABLE quotes_fts USING fts5(article UNINDEXED, quote UNINDEXED, speaker, text);
  `,
  // events dated to a month or year sort and bucket by the first day they cover
  `
  UPDATE events SET day = CASE length(day) WHEN 7 THEN day || '-01' WHEN 4 THEN day || '-01-01' ELSE day END;
  `,
  // the short lines each article carries (src/clean/site.ts): lines that recur on an outlet's pages are its boilerplate
  `
  CREATE TABLE IF NOT EXISTS site_lines (
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    outlet TEXT,
    line TEXT NOT NULL,
    PRIMARY KEY (article, line)
  );
  CREATE INDEX IF NOT EXISTS site_lines_line ON site_lines(line);
  `,
  // A database 36 times its input, made small. The layers the API and the corpus stages
  // read go compressed in one blob per article (layers.ts) instead of the whole document
  // (tokens and all) as JSON beside the rows and a JSON copy of every event and quote;
  // the per-mention rows become per-article counts (all the entity list shows); the
  // full-text indexes read the text from the articles and quotes tables instead of
  // keeping a copy (external content, kept in step by triggers).
  (db) => {
    db.exec('ALTER TABLE articles ADD COLUMN layers BLOB');
    const json = (sql: string) => db.prepare(sql).pluck();
    const events = json('SELECT json FROM events WHERE article = ? ORDER BY rowid');
    const quotes = json('SELECT json FROM quotes WHERE article = ? ORDER BY start, rowid');
    const set = db.prepare('UPDATE articles SET layers = ? WHERE id = ?');
    const row = db.prepare('SELECT body, removed, doc FROM articles WHERE id = ?');
    // One article at a time: the old documents of a large database do not fit in memory together.
    for (const id of json('SELECT id FROM articles').all() as string[]) {
      const { body, removed, doc } = row.get(id) as { body: string; removed: string; doc: string };
      const layers = JSON.parse(doc) as Pick<Doc, 'sentences' | 'mentions' | 'entities'>;
      const parse = (rows: unknown[]) => rows.map((r) => JSON.parse(r as string) as never);
      set.run(encodeLayers({ id, body }, { ...layers, removed: JSON.parse(removed) as never, events: parse(events.all(id)), quotes: parse(quotes.all(id)) }), id);
    }
    db.exec(`
      -- where the event took place, for the map (was read from the JSON copy)
      ALTER TABLE events ADD COLUMN place TEXT;
      ALTER TABLE events ADD COLUMN place_country TEXT;
      ALTER TABLE events ADD COLUMN lat REAL;
      ALTER TABLE events ADD COLUMN lon REAL;
      UPDATE events SET place = json_extract(json, '$.location.name'), place_country = json_extract(json, '$.location.country'),
        lat = json_extract(json, '$.location.lat'), lon = json_extract(json, '$.location.lon');
      ALTER TABLE articles DROP COLUMN doc;
      ALTER TABLE articles DROP COLUMN removed;
      ALTER TABLE events DROP COLUMN json;
      ALTER TABLE quotes DROP COLUMN json;

      CREATE TABLE entity_articles (
        entity TEXT NOT NULL,
        article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        mentions INTEGER NOT NULL,
        PRIMARY KEY (entity, article)
      ) WITHOUT ROWID;
      CREATE INDEX entity_articles_article ON entity_articles(article);
      INSERT INTO entity_articles (entity, article, mentions) SELECT entity, article, count(*) FROM mentions GROUP BY entity, article;
      DROP TABLE mentions;
      -- no query reads it: an actor filter matches actor or entity through the per-event index
      DROP INDEX IF EXISTS event_actors_entity;

      DROP TABLE articles_fts;
      CREATE VIRTUAL TABLE articles_fts USING fts5(id UNINDEXED, title, body, content='articles', content_rowid='rowid');
      INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
      CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, id, title, body) VALUES (new.rowid, new.id, new.title, new.body);
      END;
      CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, id, title, body) VALUES ('delete', old.rowid, old.id, old.title, old.body);
      END;
      CREATE TRIGGER articles_fts_update AFTER UPDATE OF id, title, body ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, id, title, body) VALUES ('delete', old.rowid, old.id, old.title, old.body);
        INSERT INTO articles_fts (rowid, id, title, body) VALUES (new.rowid, new.id, new.title, new.body);
      END;

      DROP TABLE quotes_fts;
      CREATE VIRTUAL TABLE quotes_fts USING fts5(article UNINDEXED, id UNINDEXED, speaker_name, text, content='quotes', content_rowid='rowid');
      INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild');
      CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts (rowid, article, id, speaker_name, text) VALUES (new.rowid, new.article, new.id, new.speaker_name, new.text);
      END;
      CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts (quotes_fts, rowid, article, id, speaker_name, text) VALUES ('delete', old.rowid, old.article, old.id, old.speaker_name, old.text);
      END;
      CREATE TRIGGER quotes_fts_update AFTER UPDATE ON quotes BEGIN
        INSERT INTO quotes_fts (quotes_fts, rowid, article, id, speaker_name, text) VALUES ('delete', old.rowid, old.article, old.id, old.speaker_name, old.text);
        INSERT INTO quotes_fts (rowid, article, id, speaker_name, text) VALUES (new.rowid, new.article, new.id, new.speaker_name, new.text);
      END;
    `);
  },
];

export function migrate(db: Database.Database): void {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  const check = (current: number) => {
    if (current > MIGRATIONS.length) {
      throw new Error(`database schema v${current} is newer than this dyad (v${MIGRATIONS.length}); upgrade dyad`);
    }
  };
  check(version());
  if (version() === MIGRATIONS.length) return;
  // Under the write lock, and reading the version again there: two processes opening a new
  // database at once must not both run the same migration.
  db.transaction(() => {
    const current = version();
    check(current);
    for (let v = current; v < MIGRATIONS.length; v++) {
      const step = MIGRATIONS[v]!;
      if (typeof step === 'string') db.exec(step);
      else step(db);
      db.pragma(`user_version = ${v + 1}`);
    }
  }).immediate();
}
