// Versioned schema: `PRAGMA user_version` holds how many migrations ran. A new
// schema change is a new entry at the end of the list, never an edit of an old one,
// so existing databases upgrade in place.
import type Database from 'better-sqlite3';

export const MIGRATIONS: readonly string[] = [
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
];

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`database schema v${current} is newer than this dyad (v${MIGRATIONS.length}); upgrade dyad`);
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
