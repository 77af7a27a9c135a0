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
    usage: 'dyad ingest [PATH...] [--db FILE] [--manifest FILE] [--json] [--quiet] [--progress] [--jobs N]',
    summary: 'analyze articles into a SQLite database (incremental: unchanged articles are skipped)',
  },
  serve: {
    usage: 'dyad serve [--db FILE] [--port 8080] [--host 127.0.0.1] [--allow-host NAME]',
    summary: 'serve the HTTP API (/api/, OpenAPI at /api/openapi.json) and the dashboard (/)',
  },
  demo: {
    usage: 'dyad demo [--port 8080] [--host 127.0.0.1]',
    summary: 'ingest the sample corpus into a fresh database and serve the dashboard',
  },
  export: {
    usage: 'dyad export [--db FILE] --format csv|jsonl|gdelt|plover|graphml [--out FILE|-] [--copies] [--quiet]',
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
} satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof SPECS;
