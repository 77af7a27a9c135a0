// Plain text and Markdown, with optional YAML front matter.
import { parse as parseYaml } from 'yaml';
import type { RawArticle } from '../types.js';
import { metadata } from './meta.js';
import { InputProblem } from './problem.js';

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

// One `key: value` line whose value YAML reads as a plain string: no quotes,
// flow or block indicators at its start, no `: ` or ` #` inside, printable.
const SIMPLE_LINE = /^([A-Za-z_][\w-]*):[ \t]+((?![-?:,[\]{}#&*!|>'"%@`\s])(?:(?![ \t]#|:(?:[ \t]|$))[^\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ufeff])+?)[ \t]*$/;
// Plain scalars the YAML core schema reads as null, booleans or numbers.
const NOT_A_STRING = /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?[0-9]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;

/**
 * Front matter of plain `key: string` lines, as the YAML parser would read it,
 * without the parser's cost; null for anything else (the parser's turn).
 */
export function simpleFrontMatter(src: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const line of src.split('\n')) {
    const m = SIMPLE_LINE.exec(line.endsWith('\r') ? line.slice(0, -1) : line);
    if (!m || m[1] === '__proto__' || NOT_A_STRING.test(m[1]!) || NOT_A_STRING.test(m[2]!) || Object.hasOwn(out, m[1]!)) return null;
    out[m[1]!] = m[2]!;
  }
  return out;
}

export function readText(path: string, text: string, markdown: boolean): RawArticle {
  let meta: Record<string, unknown> = {};
  let body = text;
  const fm = FRONT_MATTER.exec(text);
  if (fm) {
    let parsed: unknown = simpleFrontMatter(fm[1]!);
    try {
      parsed ??= parseYaml(fm[1]!);
    } catch (err) {
      throw new InputProblem(`front matter is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
    }
    if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) {
      throw new InputProblem('front matter must be a YAML mapping (title:, outlet:, published:, ...)');
    }
    meta = (parsed ?? {}) as Record<string, unknown>;
    body = text.slice(fm[0].length);
  }
  if (markdown) body = markdownToText(body);
  if (!body.trim()) throw new InputProblem('no article text after the front matter');
  return { path, format: 'text', ...metadata(meta), text: body };
}

/** Markdown syntax off, text and line structure kept: headings, emphasis, links, images, quotes, rules. */
function markdownToText(md: string): string {
  return md
    .split(/\r?\n/)
    .map((line) =>
      line
        .replace(/^\s{0,3}#{1,6}\s+/, '')
        .replace(/\s+#+\s*$/, '')
        .replace(/^\s{0,3}>\s?/, '')
        .replace(/^\s{0,3}(?:[-*_]\s*){3,}$/, '')
        .replace(/!\[([^\]]*)\]\([^)]*\)/g, '')
        .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
        .replace(/(\*\*|__)(.+?)\1/g, '$2')
        .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s.,;:!?)]|$)/g, '$1$2'),
    )
    .join('\n');
}
