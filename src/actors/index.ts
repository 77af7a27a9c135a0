// The actors stage: countries, bodies, people and roles, with offsets.
import type { Doc, Entity, Mention } from '../types.js';

export interface ActorsLayer {
  entities: Entity[];
  mentions: Mention[];
}

export function annotate(_doc: Doc): ActorsLayer {
  return { entities: [], mentions: [] };
}
