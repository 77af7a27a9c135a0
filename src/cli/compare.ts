// `dyad compare STORY [PATH...]`: one story's source comparison as a table.
import { basename } from 'node:path';
import type { Output, Story } from '../types.js';
import { analyzePaths, SAMPLES } from './analyze.js';
import { parse, UsageError, type Command } from './command.js';
import { print } from './output.js';
import { SPECS } from './specs.js';

export const compareCommand: Command = {
  ...SPECS.compare,
  help: [
    '',
    'STORY is a story id, an article id or file name in the story, or words of its title.',
    'With --list, print every story instead. With no PATH, the built-in sample corpus.',
    '',
    'Options:',
    '  --list              list the stories (id, dates, articles, origins, title)',
    '  --json              print JSON: the story with its comparison, articles and claims',
    '                      (with --list: every story)',
    '  --manifest FILE     JSONL or CSV with per-file metadata',
    '  --lexicon FILE      add your own actors, people, verbs... (repeatable)',
  ].join('\n'),
  async run(args) {
    const { values, positionals } = parse(args, {
      list: { type: 'boolean', default: false },
      manifest: { type: 'string' },
      lexicon: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
    });
    const json = values.json as boolean;
    const list = values.list as boolean;
    const query = list ? undefined : positionals[0];
    const rest = list ? positionals : positionals.slice(1);
    if (!list && query === undefined) throw new UsageError('name a story (or use --list)');
    const paths = rest.length > 0 ? rest : [SAMPLES];
    const output = await analyzePaths(paths, { manifest: values.manifest as string | undefined, lexicons: (values.lexicon as string[] | undefined) ?? [] });
    for (const e of output.errors) process.stderr.write(`dyad: ${e.file}: ${e.reason}\n`);
    if (list) {
      await print((json ? JSON.stringify(output.stories.map(({ comparison: _, ...s }) => s), null, 2) : renderList(output)) + '\n');
      return output.errors.length > 0 ? 1 : 0;
    }
    const story = findStory(output, query!);
    if (!story) {
      process.stderr.write(`dyad compare: no story matches '${query}'; try --list\n`);
      return 2;
    }
    await print((json ? JSON.stringify(storyJson(story, output), null, 2) : renderComparison(story, output)) + '\n');
    return output.errors.length > 0 ? 1 : 0;
  },
};

/** Readable name of an article: its file name, else its id. */
function labeller(output: Output): (id: string) => string {
  const names = new Map(output.articles.map((a) => [a.id, a.path && a.path !== '-' ? basename(a.path.replace(/#\d+$/, '')) : a.id]));
  return (id) => names.get(id) ?? id;
}

export function findStory(output: Output, query: string): Story | undefined {
  const name = labeller(output);
  const q = query.toLowerCase();
  return (
    output.stories.find((s) => s.id === query) ??
    output.stories.find((s) => s.articles.some((a) => a === query || name(a) === query || name(a).replace(/\.\w+$/, '') === query)) ??
    output.stories.find((s) => s.title.toLowerCase().includes(q))
  );
}

/** One story for scripts: the story and its comparison, its articles (no bodies) and the claims its outlets carry. */
export function storyJson(story: Story, output: Output) {
  const ids = new Set(story.articles);
  const articles = output.articles.filter((a) => ids.has(a.id))
    .map(({ id, path, outlet, url, title, published, duplicateOf, flags }) => ({ id, path, outlet, url, title, published, duplicateOf, flags }));
  const claims = output.claims.filter((c) => c.evidence.some((e) => ids.has(e.article)));
  return { story, articles, claims };
}

function table(header: string[], rows: string[][], max = 64): string {
  const cut = (s: string) => (s.length > max ? s.slice(0, max - 1) + '…' : s);
  const cells = [header, ...rows].map((r) => r.map(cut));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  return cells.map((r) => '  ' + r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

export function renderList(output: Output): string {
  const rows = output.stories.map((s) => [s.id, s.start ?? '?', s.end ?? '?', String(s.articles.length), String(s.origins ?? s.articles.length), s.title]);
  return table(['story', 'start', 'end', 'articles', 'origins', 'title'], rows, 70);
}

export function renderComparison(story: Story, output: Output): string {
  const name = labeller(output);
  const cmp = story.comparison;
  const dates = story.start === story.end ? (story.start ?? 'undated') : `${story.start ?? '?'} to ${story.end ?? '?'}`;
  const lines = [
    `Story ${story.id}: ${story.title || '(untitled)'}`,
    `  ${dates}; ${story.articles.length} articles from ${cmp?.outlets.length ?? 0} outlets, ${story.origins ?? story.articles.length} independent`,
    `  actors: ${story.actors.join(', ') || 'none'}`,
    '',
    'Outlets',
  ];
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  lines.push(
    table(
      ['outlet', 'articles', 'copies', 'voices (share of quotes)', 'loaded terms'],
      (cmp?.outlets ?? []).map((o) => [
        o.outlet,
        String(o.articles.length),
        String(o.copies),
        o.voices.map((v) => `${v.actor} ${pct(v.share)}`).join(', ') || '-',
        o.loadedTerms.map((t) => (t.count > 1 ? `${t.term} x${t.count}` : t.term)).join(', ') || '-',
      ]),
    ),
  );
  const claims = output.claims.filter((c) => cmp?.outlets.some((o) => o.claims.some((x) => x.claim === c.id)));
  lines.push('', 'Claims');
  if (claims.length === 0) lines.push('  none');
  for (const c of claims) {
    lines.push(`  ${c.proposition}  (asserted by ${c.assertedBy.join(', ') || '-'}; denied by ${c.deniedBy.join(', ') || '-'})`);
    const rows = (cmp?.outlets ?? []).flatMap((o) => {
      const sides = o.claims.find((x) => x.claim === c.id)?.sides;
      return sides ? [[`  ${o.outlet}`, sides.map((s) => (s === 'assert' ? 'reports the accusation' : 'reports the denial')).join(' and ')]] : [];
    });
    lines.push(table(['  outlet', 'side'], rows, 60));
  }
  lines.push('', 'Copies');
  if (!cmp || cmp.copies.length === 0) lines.push('  none');
  else lines.push(table(['article', 'copies', 'kind'], cmp.copies.map((c) => [name(c.article), name(c.duplicateOf), c.kind ?? '?'])));
  return lines.join('\n');
}
