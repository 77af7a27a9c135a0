// Plain text and Markdown, with optional YAML front matter.
import { parse as parseYaml } from 'yaml';
import type { RawArticle } from '../types.js';
import { metadata } from './meta.js';
import { InputProblem } from './problem.js';

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

export function readText(path: string, text: string, markdown: boolean): RawArticle {
  let meta: Record<string, unknown> = {};
  let body = text;
  const fm = FRONT_MATTER.exec(text);
  if (fm) {
    let parsed: unknown;
    try {
      parsed = parseYaml(fm[1]!);
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
