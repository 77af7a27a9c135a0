import { existsSync } from 'node:fs';
import { FORMATS, gdelt, gdeltNotes, toCsv, toGraphml, toJsonl, toPlover, type Format } from '../export/index.js';
import { isPostgresUrl, openStore, type Repo } from '../store/index.js';
import { parse, UsageError, type Command } from './command.js';
import { openSink, writeAll } from './output.js';
import { SPECS } from './specs.js';

export const exportCommand: Command = {
  ...SPECS.export,
  help: [
    '',
    'Formats:',
    '  csv       one row per event, actors of a side joined with ;',
    '  jsonl     one event per line, as in the JSON contract plus outlet/url/published',
    '  gdelt     GDELT 2.0 event-table columns (61), tab-separated with a header line; one row per',
    '            source × target pair; negated and hypothetical events, and events dated only to',
    '            the month or year, are left out; an event with no date takes its article\'s',
    '            publication day (as GDELT dates its events); both are counted on stderr',
    '  plover    PLOVER event records as one JSON array',
    '  graphml   the actor network (who acted on whom, weighted) for Gephi',
    '',
    'Options:',
    '  --db FILE|URL       the database (default dyad.db): a SQLite file, or a PostgreSQL',
    '                      server as postgres://USER@HOST:PORT/DATABASE',
    '  --out FILE          write there instead of stdout (- is stdout)',
    '  --copies            count copies and spun rewrites of other articles too (by default',
    '                      only originals: a wire story reprinted ten times counts once)',
    '  --quiet             no notes on stderr',
  ].join('\n'),
  async run(args) {
    const { values, positionals } = parse(args, {
      db: { type: 'string', default: 'dyad.db' },
      format: { type: 'string' },
      out: { type: 'string' },
      copies: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const format = values.format as string | undefined;
    if (!format || !(FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}${format ? `, not '${format}'` : ''}`);
    }
    const db = values.db as string;
    if (!isPostgresUrl(db) && !existsSync(db)) throw new UsageError(`no database at ${db}: run \`dyad ingest --db ${db}\` first`);
    // Opened first: a bad --out is reported before the export runs; the file appears only whole.
    const out = values.out as string | undefined;
    const sink = openSink(out && out !== '-' ? out : undefined);
    const repo = await openStore(db);
    let rendered: { text: string; notes: string[] };
    try {
      rendered = await render(format as Format, repo, values.copies as boolean);
    } catch (err) {
      sink.abort();
      throw err;
    } finally {
      await repo.close();
    }
    await writeAll(sink, [rendered.text]);
    if (!values.quiet) for (const n of rendered.notes) process.stderr.write(`dyad export: ${n}\n`);
    return 0;
  },
};

async function render(format: Format, repo: Repo, copies: boolean): Promise<{ text: string; notes: string[] }> {
  if (format === 'graphml') return { text: toGraphml(await repo.network({ copies })), notes: [] };
  const events = await repo.exportEvents({ copies });
  if (format === 'gdelt') {
    const g = gdelt(events);
    return { text: g.text, notes: gdeltNotes(g) };
  }
  return { text: { csv: toCsv, jsonl: toJsonl, plover: toPlover }[format](events), notes: [] };
}
