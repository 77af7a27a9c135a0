// Scoring dyad's events against gold events: pure, gold + predictions in, metrics out.
// A unit is what the gold annotates as a whole: one sentence (PLOVER gold) or one article.

export interface ScoredEvent {
  type: string;
  /** Actor codes; any one in common with the other side's set counts. */
  source: string[];
  target: string[];
  date?: string | null;
}

export interface Unit {
  id: string;
  text: string;
  gold: ScoredEvent[];
  predicted: ScoredEvent[];
}

export interface Prf {
  gold: number;
  predicted: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Rates {
  /** Units with gold events. */
  units: number;
  /** Share of those units where dyad found any event. */
  found: number;
  /** ... where some predicted event has a gold event's type. */
  typeRight: number;
  /** ... where some predicted event shares a source actor with a gold event. */
  sourceRight: number;
  /** ... where some predicted event has a gold event's type, source and target. */
  allRight: number;
  /** Predicted events matching no gold event, per unit (every unit counts). */
  spuriousPerUnit: number;
}

export interface Miss {
  unit: string;
  text: string;
  gold: ScoredEvent;
  /** What dyad predicted in that unit instead. */
  predicted: ScoredEvent[];
}

export interface Scores {
  rule: string;
  overall: Prf;
  perType: Record<string, Prf>;
  rates: Rates;
  /** confusion[goldType][predictedType]; NONE on either side means no event there. */
  confusion: Record<string, Record<string, number>>;
  /** Matched pairs whose gold event carries a date, and how many dates agree exactly. */
  dates: { checked: number; right: number };
  misses: Miss[];
}

export const NONE = '(none)';

export const MATCH_RULE =
  'a predicted event matches a gold event of the same unit when the types are equal and the source actor sets intersect (an empty gold source accepts any source); each event matches at most once';

const intersects = (a: string[], b: string[]) => a.some((x) => b.includes(x));

/** Source agreement; gold with no source coded has nothing to disagree with. */
const sourceAgrees = (g: ScoredEvent, p: ScoredEvent) => g.source.length === 0 || intersects(g.source, p.source);
const targetAgrees = (g: ScoredEvent, p: ScoredEvent) => g.target.length === 0 || intersects(g.target, p.target);
const matches = (g: ScoredEvent, p: ScoredEvent) => g.type === p.type && sourceAgrees(g, p);

/** Maximum one-to-one matching (augmenting paths): pairs[gold index] = predicted index or -1. */
export function pairUp<G, P>(gold: G[], predicted: P[], ok: (g: G, p: P) => boolean): number[] {
  const owner = new Array<number>(predicted.length).fill(-1);
  const pairs = new Array<number>(gold.length).fill(-1);
  const augment = (g: number, seen: boolean[]): boolean => {
    for (let p = 0; p < predicted.length; p++) {
      if (seen[p] || !ok(gold[g]!, predicted[p]!)) continue;
      seen[p] = true;
      if (owner[p] === -1 || augment(owner[p]!, seen)) {
        owner[p] = g;
        pairs[g] = p;
        return true;
      }
    }
    return false;
  };
  for (let g = 0; g < gold.length; g++) augment(g, new Array<boolean>(predicted.length).fill(false));
  return pairs;
}

const match = (gold: ScoredEvent[], predicted: ScoredEvent[]) => pairUp(gold, predicted, matches);

export function prf(gold: number, predicted: number, matched: number): Prf {
  const precision = predicted === 0 ? 0 : matched / predicted;
  const recall = gold === 0 ? 0 : matched / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { gold, predicted, matched, precision, recall, f1 };
}

export function score(units: Unit[]): Scores {
  const counts = new Map<string, { gold: number; predicted: number; matched: number }>();
  const count = (type: string) => {
    let c = counts.get(type);
    if (!c) counts.set(type, (c = { gold: 0, predicted: 0, matched: 0 }));
    return c;
  };
  const confusion: Record<string, Record<string, number>> = {};
  const confuse = (g: string, p: string) => {
    const row = (confusion[g] ??= {});
    row[p] = (row[p] ?? 0) + 1;
  };
  const misses: Miss[] = [];
  const dates = { checked: 0, right: 0 };
  let goldUnits = 0;
  let found = 0;
  let typeRight = 0;
  let sourceRight = 0;
  let allRight = 0;
  let spurious = 0;

  for (const unit of units) {
    const { gold, predicted } = unit;
    for (const g of gold) count(g.type).gold++;
    for (const p of predicted) count(p.type).predicted++;
    const pairs = match(gold, predicted);
    const used = new Set(pairs.filter((p) => p >= 0));
    pairs.forEach((p, g) => {
      if (p < 0) return;
      count(gold[g]!.type).matched++;
      const want = gold[g]!.date;
      if (want) {
        dates.checked++;
        if (predicted[p]!.date === want) dates.right++;
      }
    });
    spurious += predicted.length - used.size;

    // Confusion: an unmatched gold event is set against the unmatched prediction most
    // like it (same source first), so a wrong type shows up as such, not as a miss.
    const free = predicted.map((_, i) => i).filter((i) => !used.has(i));
    gold.forEach((g, gi) => {
      if (pairs[gi]! >= 0) return confuse(g.type, g.type);
      const pick = free.find((i) => sourceAgrees(g, predicted[i]!)) ?? free[0];
      if (pick === undefined) confuse(g.type, NONE);
      else {
        free.splice(free.indexOf(pick), 1);
        confuse(g.type, predicted[pick]!.type);
      }
      misses.push({ unit: unit.id, text: unit.text, gold: g, predicted });
    });
    for (const i of free) confuse(NONE, predicted[i]!.type);

    if (gold.length === 0) continue;
    goldUnits++;
    if (predicted.length > 0) found++;
    if (predicted.some((p) => gold.some((g) => g.type === p.type))) typeRight++;
    if (predicted.some((p) => gold.some((g) => g.source.length > 0 && intersects(g.source, p.source)))) sourceRight++;
    if (predicted.some((p) => gold.some((g) => matches(g, p) && targetAgrees(g, p)))) allRight++;
  }

  const perType: Record<string, Prf> = {};
  for (const type of [...counts.keys()].sort()) {
    const c = counts.get(type)!;
    perType[type] = prf(c.gold, c.predicted, c.matched);
  }
  const total = [...counts.values()].reduce((a, c) => ({ gold: a.gold + c.gold, predicted: a.predicted + c.predicted, matched: a.matched + c.matched }), {
    gold: 0,
    predicted: 0,
    matched: 0,
  });
  const share = (n: number) => (goldUnits === 0 ? 0 : n / goldUnits);
  return {
    rule: MATCH_RULE,
    overall: prf(total.gold, total.predicted, total.matched),
    perType,
    rates: {
      units: goldUnits,
      found: share(found),
      typeRight: share(typeRight),
      sourceRight: share(sourceRight),
      allRight: share(allRight),
      spuriousPerUnit: units.length === 0 ? 0 : spurious / units.length,
    },
    confusion,
    dates,
    misses,
  };
}
