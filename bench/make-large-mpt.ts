/**
 * Writes a large BioLogic .mpt for the bounded-memory test of `cathodelab import --summary`:
 * gcpl.pr_182.1.mpt's 2533 rows repeated until the file reaches the target size, each repetition shifted
 * in time (by the fixture's duration) and in cycle / half-cycle numbers, so the result is one long,
 * well-formed GCPL test. Never commit the output.
 *   npx tsx bench/make-large-mpt.ts /tmp/cathodelab-large.mpt 1024   (size in MiB)
 */
import { openSync, writeSync, closeSync, readFileSync } from 'node:fs';
import { fixturePath } from '../test/helpers/fixtures.js';

const out = process.argv[2] ?? '/tmp/cathodelab-large.mpt';
const targetBytes = Number(process.argv[3] ?? 1024) * 2 ** 20;
const text = readFileSync(fixturePath('cyclers', 'gcpl.pr_182.1.mpt'), 'latin1');
const lines = text.split('\n');
const nHeader = Number(/Nb header lines : (\d+)/.exec(lines[1])![1]);
const names = lines[nHeader - 1].split('\t');
const rows = lines.slice(nHeader).filter((l) => l.trim() !== '').map((l) => l.split('\t'));
const iTime = names.indexOf('time/s');
const iCycle = names.indexOf('cycle number');
const iHalf = names.indexOf('half cycle');
const duration = Number(rows[rows.length - 1][iTime]) + 10;
const cyclesPerRep = Number(rows[rows.length - 1][iCycle]) + 1;
const fd = openSync(out, 'w');
writeSync(fd, lines.slice(0, nHeader).join('\n') + '\n', null, 'latin1');
let written = 0;
for (let rep = 0; written < targetBytes; rep++) {
  let chunk = '';
  for (const r of rows) {
    const f = r.slice();
    f[iTime] = (Number(r[iTime]) + rep * duration).toExponential(15);
    f[iCycle] = (Number(r[iCycle]) + rep * cyclesPerRep).toExponential(15);
    f[iHalf] = String(Number(r[iHalf]) + rep * 2 * cyclesPerRep);
    chunk += f.join('\t') + '\n';
  }
  writeSync(fd, chunk, null, 'latin1');
  written += chunk.length;
}
closeSync(fd);
console.log(`wrote ${out}: ${(written / 2 ** 20).toFixed(0)} MiB`);
