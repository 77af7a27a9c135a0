// Quick iteration on the events stage: runs the pipeline over the PLOVER gold
// sentences (../shared/reference) and prints the rates the stage is held to,
// plus the misses of one type when asked: node dist/events/dev-score.js [TYPE]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ploverUnits, type PloverRecord } from '../eval/index.js';
import { score } from '../eval/score.js';
import { loadKnowledge } from '../pipeline.js';

const file = fileURLToPath(new URL('../../../shared/reference/PLOVER_GSR_CAMEO.txt', import.meta.url));
const records = JSON.parse(readFileSync(file, 'utf8')) as PloverRecord[];
const units = ploverUnits(records, loadKnowledge());
const s = score(units);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const r = s.rates;
console.log(`units ${r.units}  found ${pct(r.found)}  type ${pct(r.typeRight)}  source ${pct(r.sourceRight)}  all ${pct(r.allRight)}  spurious/unit ${r.spuriousPerUnit.toFixed(2)}`);
for (const [type, p] of Object.entries(s.perType)) console.log(`  ${type.padEnd(10)} gold ${p.gold}  pred ${p.predicted}  P ${pct(p.precision)}  R ${pct(p.recall)}`);
const want = process.argv[2];
if (want) {
  for (const u of units) {
    const g = u.gold[0]!;
    if (g.type !== want && want !== 'ALL') continue;
    const ok = u.predicted.some((p) => p.type === g.type && (g.source.length === 0 || p.source.some((c) => g.source.includes(c))));
    if (ok) continue;
    console.log(`\n${u.id} gold ${g.type} ${g.source.join(',')} -> ${g.target.join(',')}\n  ${u.text}`);
    for (const p of u.predicted) console.log(`  got ${p.type} ${p.source.join(',')} -> ${p.target.join(',')}`);
  }
}
