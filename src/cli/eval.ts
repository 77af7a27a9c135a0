import { evaluate, report } from '../eval/index.js';
import { loadKnowledge } from '../pipeline.js';
import { parse, UsageError, type Command } from './command.js';
import { print } from './output.js';
import { SPECS } from './specs.js';

export const evalCommand: Command = {
  ...SPECS.eval,
  help: [
    '',
    'Options:',
    '  --gold FILE      a JSON list of PLOVER gold records, or {"articles": [...]} (see src/eval/README.md)',
    '  --texts DIR      where the gold\'s article files are (default: beside the gold file)',
    '  --json           print the scores as JSON',
    '  --verbose        list every missed and unmatched event of a corpus gold',
    '  --lexicon FILE   add your own actors, people, verbs... (JSON/YAML; repeatable)',
    '',
    'Prints precision, recall and F1 overall and per type, per-sentence rates, a confusion',
    'table and the missed gold events. Exit code 1 when some gold articles could not be read.',
    'A corpus gold (../shared/corpus/dev/_gold.json) is scored on every stage, overall and per',
    'topic: core events (type and countries, then sectors too), share of dyad events that are',
    'right, dates, modality, self-loops, quotes and speakers, junk and keep strings, stories.',
  ].join('\n'),
  async run(args) {
    const { values, positionals } = parse(args, {
      gold: { type: 'string' },
      json: { type: 'boolean', default: false },
      texts: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      lexicon: { type: 'string', multiple: true },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const gold = values.gold as string | undefined;
    if (!gold) throw new UsageError('--gold FILE is required');
    const evaluation = await evaluate(gold, loadKnowledge((values.lexicon as string[] | undefined) ?? []), values.texts as string | undefined);
    for (const e of evaluation.errors) process.stderr.write(`dyad: ${e.file}: ${e.reason}\n`);
    await print(values.json ? JSON.stringify(evaluation, null, 2) + '\n' : report(evaluation, values.verbose as boolean));
    return evaluation.errors.length > 0 ? 1 : 0;
  },
};
