// The ingest stage: files, folders, stdin, feeds and manifests in; RawArticles out.
import type { InputError, RawArticle } from '../types.js';

export interface IngestOptions {
  manifest?: string;
  /** Largest file read, in bytes. */
  maxBytes?: number;
}

export interface IngestResult {
  articles: RawArticle[];
  errors: InputError[];
}

export async function ingest(paths: string[], _options: IngestOptions = {}): Promise<IngestResult> {
  void paths;
  return { articles: [], errors: [] };
}
