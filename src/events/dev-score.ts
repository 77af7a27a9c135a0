// Quick iteration on the events stage: runs the pipeline over the PLOVER gold
// sentences (../shared/reference) and prints the rates the stage is held to, for
// the whole set and for its even and odd ids (tune on one half, check the other),
// plus the misses of one type when asked: node dist/events/dev-score.js [TYPE|ALL] [even|odd]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ploverUnits, type PloverRecord } from '../eval/index.js';
import { score, type Unit } from '../eval/score.js';
import { loadKnowledge } from '../pipeline.js';

const file = fileURLToPath(new URL('../../../shared/reference/PLOVER_GSR_CAMEO.txt', import.meta.url));
const records = JSON.parse(readFileSync(file, 'utf8')) as PloverRecord[];
const units = ploverUnits(records, loadKnowledge());
const parity = (u: Unit) => (Number(/(\d+)$/.exec(u.id)?.[1] ?? 0) % 2 === 0 ? 'even' : 'odd');
const halves = { all: units, even: units.filter((u) => parity(u) === 'even'), odd: units.filter((u) => parity(u) === 'odd') };
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
for (const [name, part] of Object.entries(halves)) {
  const r = score(part).rates;
  console.log(`${name.padEnd(4)} units ${r.units}  found ${pct(r.found)}  type ${pct(r.typeRight)}  source ${pct(r.sourceRight)}  all ${pct(r.allRight)}  spurious/unit ${r.spuriousPerUnit.toFixed(2)}`);
}
const want = process.argv[2];
const half = process.argv[3] as keyof typeof halves | undefined;
const shown = halves[half ?? 'all'];
for (const [type, p] of Object.entries(score(shown).perType)) console.log(`  ${type.padEnd(10)} gold ${p.gold}  pred ${p.predicted}  P ${pct(p.precision)}  R ${pct(p.recall)}`);
if (want) {
  for (const u of shown) {
    const g = u.gold[0]!;
    if (g.type !== want && want !== 'ALL') continue;
    const ok = u.predicted.some((p) => p.type === g.type && (g.source.length === 0 || p.source.some((c) => g.source.includes(c))));
    if (ok) continue;
    console.log(`\n${u.id} gold ${g.type} ${g.source.join(',')} -> ${g.target.join(',')}\n  ${u.text}`);
    for (const p of u.predicted) console.log(`  got ${p.type} ${p.source.join(',')} -> ${p.target.join(',')}`);
  }
}
