// What each command is called and what it does, apart from the commands' code:
// `dyad --help` and a bad command name are answered from here without loading
// any pipeline stage, store or server (main.ts imports a command only to run it).

export interface CommandSpec {
  usage: string;
  summary: string;
}

export const SPECS = {
  analyze: {
    usage: 'dyad analyze [PATH...] [--manifest FILE] [--format json|jsonl] [--out FILE] [--jobs N]',
    summary: 'analyze articles (files, folders, - for stdin) and print the JSON contract',
  },
  ingest: {
    usage: 'dyad ingest [PATH...] [--db FILE|URL] [--manifest FILE] [--json] [--quiet] [--progress] [--jobs N]',
    summary: 'analyze articles into a SQLite or PostgreSQL database (incremental: unchanged articles are skipped)',
  },
  serve: {
    usage: 'dyad serve [--db FILE|URL] [--port 8080] [--host 127.0.0.1] [--allow-host NAME]',
    summary: 'serve the HTTP API (/api/, OpenAPI at /api/openapi.json) and the dashboard (/)',
  },
  demo: {
    usage: 'dyad demo [--port 8080] [--host 127.0.0.1]',
    summary: 'ingest the sample corpus into a fresh database and serve the dashboard',
  },
  export: {
    usage: 'dyad export [--db FILE|URL] --format csv|jsonl|gdelt|plover|graphml [--out FILE|-] [--copies] [--quiet]',
    summary: 'export stored events (CSV, JSONL, GDELT 2.0, PLOVER JSON) or the actor network (GraphML)',
  },
  eval: {
    usage: 'dyad eval --gold FILE [--texts DIR] [--json] [--verbose] [--lexicon FILE]',
    summary: 'score dyad\'s events against a gold file (PLOVER gold sentences or dyad article gold)',
  },
  compare: {
    usage: 'dyad compare STORY|--list [PATH...] [--manifest FILE] [--json]',
    summary: 'compare how outlets carried one story: voices, claim sides, loaded terms, copies',
  },
  enqueue: {
    usage: 'dyad enqueue [PATH...] [--feed URL...] --db postgres://... [--manifest FILE] [--json] [--quiet]',
    summary: 'add articles to the job queue in PostgreSQL, for `dyad worker` processes to analyze and store',
  },
  worker: {
    usage: 'dyad worker --db postgres://... [--concurrency N] [--batch N] [--drain] [--quiet]',
    summary: 'take queued articles, analyze them and store them (any number of workers, on any machines)',
  },
  watch: {
    usage: 'dyad watch --db postgres://... --feed URL... [--every 5m] [--once] [--timeout S] [--quiet]',
    summary: 'poll RSS/Atom feeds and queue the items never queued before (conditional GETs, polite per host)',
  },
} satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof SPECS;
