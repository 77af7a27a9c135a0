// Run by `npm run build`: writes the cities table the places module reads (see index.ts).
import { writeFileSync } from 'node:fs';
import { buildRows, TABLE } from './index.js';

const rows = buildRows();
writeFileSync(TABLE, rows.join('\n') + '\n');
process.stdout.write(`places: ${rows.length} cities written to ${TABLE}\n`);
