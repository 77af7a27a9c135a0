// The claims stage: propositions asserted by some actors and denied by others.
import type { Claim, Doc } from '../types.js';

export function annotate(_docs: Doc[]): Claim[] {
  return [];
}
