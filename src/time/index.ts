// The time stage: each event's own date, resolved against the publication date.
import type { Doc, PloverEvent } from '../types.js';

export function annotate(doc: Doc): PloverEvent[] {
  return doc.events;
}
