import { existsSync, writeFileSync } from 'node:fs';
import { FORMATS, toCsv, toGdelt, toGraphml, toJsonl, toPlover, type Format } from '../export/index.js';
import { openStore } from '../store/index.js';
import { parse, UsageError, type Command } from './command.js';

export const exportCommand: Command = {
  usage: 'dyad export [--db FILE] --format csv|jsonl|gdelt|plover|graphml [--out FILE]',
  summary: 'export stored events (CSV, JSONL, GDELT 2.0, PLOVER JSON) or the actor network (GraphML)',
  help: [
    '',
    'Formats:',
    '  csv       one row per event, actors of a side joined with ;',
    '  jsonl     one event per line, as in the JSON contract plus outlet/url/published',
    '  gdelt     GDELT 2.0 event-table columns, tab-separated with a header line; one row per',
    '            source × target pair; negated and hypothetical events left out',
    '  plover    PLOVER event records as one JSON array',
    '  graphml   the actor network (who acted on whom, weighted) for Gephi',
    '',
    'Options:',
    '  --db FILE           the database (default dyad.db)',
    '  --out FILE          write there instead of stdout',
  ].join('\n'),
  async run(args) {
    const { values } = parse(args, {
      db: { type: 'string', default: 'dyad.db' },
      format: { type: 'string' },
      out: { type: 'string' },
    });
    const format = values.format as string | undefined;
    if (!format || !(FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}${format ? `, not '${format}'` : ''}`);
    }
    const db = values.db as string;
    if (!existsSync(db)) throw new UsageError(`no database at ${db}: run \`dyad ingest --db ${db}\` first`);
    const repo = openStore(db);
    let text: string;
    try {
      text = await render(format as Format, repo);
    } finally {
      await repo.close();
    }
    const out = values.out as string | undefined;
    if (out) writeFileSync(out, text);
    else await new Promise<void>((resolve) => (process.stdout.write(text) ? resolve() : process.stdout.once('drain', resolve)));
    return 0;
  },
};

async function render(format: Format, repo: ReturnType<typeof openStore>): Promise<string> {
  if (format === 'graphml') return toGraphml(await repo.network({}));
  const events = await repo.exportEvents();
  return { csv: toCsv, jsonl: toJsonl, gdelt: toGdelt, plover: toPlover }[format](events);
}
