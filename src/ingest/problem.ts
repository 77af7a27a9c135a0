/** A problem with one input, reported as `{file, reason}` while the batch goes on. */
export class InputProblem extends Error {}

/** A metadata value as a trimmed string, or null when absent or empty. */
export function str(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (typeof v === 'object') {
    // Feeds and JSON-LD wrap values: {"#text": ...}, {name: ...}, [first, ...].
    if (Array.isArray(v)) return str(v[0]);
    const o = v as Record<string, unknown>;
    return str(o['#text'] ?? o.name ?? o['@_href'] ?? null);
  }
  const s = String(v).trim();
  return s ? s : null;
}
