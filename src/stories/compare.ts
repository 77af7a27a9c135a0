// Source comparison: for one story, which outlets carried it, whom each
// quotes and how much, which side of each claim each reports, which loaded
// terms each uses, and which articles copy which.
import { readData } from '../knowledge.js';
import { isPlain, pattern, type Pattern } from '../claims/patterns.js';
import { COPY_KINDS } from './copies.js';
import type { Claim, ClaimEvidence, Doc, OutletView, Story, StoryComparison } from '../types.js';

interface LoadedTerm {
  term: string;
  re: Pattern;
}

let loaded: LoadedTerm[] | null = null;
function loadedTerms(): LoadedTerm[] {
  loaded ??= readData<{ terms: { term: string; pattern: string }[] }>('claims', 'loaded-terms.yaml').terms.map((t) => ({
    term: t.term,
    re: pattern(t.pattern, 'giu'),
  }));
  return loaded;
}

/** Each claim's evidence by article, so that a story looks up only its own articles' evidence. */
type EvidenceIndex = Map<string, { claim: number; evidence: ClaimEvidence }[]>;

function evidenceIndex(claims: Claim[]): EvidenceIndex {
  const out: EvidenceIndex = new Map();
  claims.forEach((c, claim) => {
    for (const evidence of c.evidence) {
      let list = out.get(evidence.article);
      if (!list) out.set(evidence.article, (list = []));
      list.push({ claim, evidence });
    }
  });
  return out;
}

export function compareStory(docs: Doc[], claims: Claim[], index: EvidenceIndex = evidenceIndex(claims)): StoryComparison {
  const byOutlet = new Map<string, Doc[]>();
  for (const d of docs) {
    const outlet = d.article.outlet ?? '(unknown outlet)';
    let list = byOutlet.get(outlet);
    if (!list) byOutlet.set(outlet, (list = []));
    list.push(d);
  }
  const outlets: OutletView[] = [];
  for (const [outlet, list] of byOutlet) {
    const ids = new Set(list.map((d) => d.article.id));
    const voices = new Map<string, number>();
    let quoted = 0;
    for (const d of list) {
      for (const q of d.quotes) {
        // Scare quotes and titles are words, not anyone's voice.
        if (q.kind === 'scare') continue;
        quoted++;
        const who = q.speaker?.actor ?? q.speaker?.name ?? '(unattributed)';
        voices.set(who, (voices.get(who) ?? 0) + 1);
      }
    }
    const terms = new Map<string, number>();
    for (const d of list) {
      const body = d.article.body;
      const plain = isPlain(body);
      for (const t of loadedTerms()) {
        const n = body.match(plain && t.re.plain ? t.re.plain : t.re.full)?.length ?? 0;
        if (n > 0) terms.set(t.term, (terms.get(t.term) ?? 0) + n);
      }
    }
    // Sides per claim in evidence order, claims in corpus order.
    const sidesOf = new Map<number, Set<NonNullable<ClaimEvidence['side']>>>();
    for (const id of ids) {
      for (const { claim, evidence } of index.get(id) ?? []) {
        if (!evidence.side) continue;
        let set = sidesOf.get(claim);
        if (!set) sidesOf.set(claim, (set = new Set()));
        set.add(evidence.side);
      }
    }
    const claimSides: OutletView['claims'] = [...sidesOf]
      .sort((a, b) => a[0] - b[0])
      .map(([claim, sides]) => ({ claim: claims[claim]!.id, sides: [...sides].sort() }));
    outlets.push({
      outlet,
      articles: [...ids],
      copies: list.filter((d) => d.article.duplicateOf !== null).length,
      voices: [...voices].sort((a, b) => b[1] - a[1]).map(([actor, n]) => ({ actor, quotes: n, share: Math.round((n / quoted) * 1000) / 1000 })),
      claims: claimSides,
      loadedTerms: [...terms].sort((a, b) => b[1] - a[1]).map(([term, count]) => ({ term, count })),
    });
  }
  const copies = docs
    .filter((d) => d.article.duplicateOf !== null)
    .map((d) => ({ article: d.article.id, duplicateOf: d.article.duplicateOf!, kind: d.article.flags.find((f) => (COPY_KINDS as readonly string[]).includes(f)) ?? null }));
  return { outlets, copies };
}

/** Sets `comparison` on every story. */
export function compare(stories: Story[], docs: Doc[], claims: Claim[]): void {
  const byId = new Map(docs.map((d) => [d.article.id, d]));
  const index = evidenceIndex(claims);
  for (const s of stories) {
    s.comparison = compareStory(s.articles.flatMap((id) => byId.get(id) ?? []), claims, index);
  }
}
