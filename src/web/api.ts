// Client of the dyad HTTP API; response types are the server's own.
import type { ArticleDetail, ArticleSummary, ClaimWithText, CountryCount, DyadSeries, EntitySummary, Network, NetworkEdge, Page, PlaceCount, SearchHit, StoryDetail, StorySummary } from '../store/repo.js';
import type { Claim, PloverEvent, Quote } from '../types.js';
import { paramsFor } from './filters.js';

export type { ArticleDetail, ArticleSummary, ClaimWithText, CountryCount, DyadSeries, EntitySummary, Network, NetworkEdge, Page, PlaceCount, SearchHit, StoryDetail, StorySummary, Claim, PloverEvent, Quote };

export class ApiError extends Error {}

/** GET /api/PATH; the dashboard's global filters (filters.ts) are added where the route takes them. */
export async function api<T>(path: string, params: Record<string, string | number | undefined> = {}): Promise<T> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(paramsFor(path, params))) if (v !== undefined && v !== '') q.set(k, String(v));
  const qs = q.toString();
  const res = await fetch(`/api/${path}${qs ? `?${qs}` : ''}`);
  const body = (await res.json()) as T & { message?: string };
  if (!res.ok) throw new ApiError(body.message ?? `${res.status} ${res.statusText}`);
  return body;
}
