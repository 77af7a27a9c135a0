// What `--db` names: a SQLite file, or a PostgreSQL database as a connection URL.
// Kept apart from both backends so that the CLI can tell and print a spec without
// loading either.

/** True for a PostgreSQL connection URL (postgres:// or postgresql://): what `--db` takes besides a file. */
export function isPostgresUrl(spec: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(spec);
}

/** The spec as it may be printed: a URL's password hidden (a file path as it is). */
export function shownSpec(spec: string): string {
  if (!isPostgresUrl(spec)) return spec;
  try {
    const url = new URL(spec);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return spec.replace(/:[^:@/]*@/, ':***@');
  }
}
