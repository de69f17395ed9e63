/**
 * Writes a large BioLogic .mpr for the bounded-memory test of `cathodelab import --summary`:
 * gcpl.pr_182.1.mpr's 2533 records repeated until the file reaches the target size, each repetition
 * shifted in time (by the fixture's duration + 10 s) and in half-cycle number (so cycles continue), with
 * the data module's point count and length set to match: one long, well-formed GCPL file. Never commit
 * the output.
 *   npx tsx bench/make-large-mpr.ts /tmp/cathodelab-large.mpr 1024   (size in MiB)
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { fixturePath, readFixtureBytes } from '../test/helpers/fixtures.js';
import { mprRecordLayout } from '../src/core/io/biologic/mpr.js';

const out = process.argv[2] ?? '/tmp/cathodelab-large.mpr';
const targetBytes = Number(process.argv[3] ?? 1024) * 2 ** 20;
const bytes = readFixtureBytes('cyclers', 'gcpl.pr_182.1.mpr');
const { data, base, recordSize, rows, fields } = mprRecordLayout(bytes, fixturePath('cyclers', 'gcpl.pr_182.1.mpr'));
const time = fields.get('time/s');
const half = fields.get('half cycle');
if (!time || !half) throw new Error('gcpl.pr_182.1.mpr: no time/s or half cycle column');
const records = bytes.subarray(base, base + rows * recordSize);
const dv = new DataView(records.buffer, records.byteOffset, records.byteLength);
const duration = dv.getFloat64((rows - 1) * recordSize + time.at, true) + 10;
let maxHalf = 0;
for (let r = 0; r < rows; r++) maxHalf = Math.max(maxHalf, dv.getUint32(r * recordSize + half.at, true));
const halvesPerRep = maxHalf + 1 + ((maxHalf + 1) % 2); // an even number: cycle = floor(half / 2) continues
const reps = Math.max(1, Math.floor((targetBytes - bytes.length) / records.length) + 1);

// Everything before the records, with the point count and the module length patched; the old module
// header (EC-Lab < 11.50) keeps the length 8 bytes before the data (length, version, date), the new one
// 16 bytes before (then version, second version, date).
const head = bytes.slice(0, base);
const hv = new DataView(head.buffer);
hv.setUint32(data.offset, rows * reps, true);
const lengthAt = data.offset - (data.newHeader ? 20 : 16);
hv.setUint32(lengthAt, data.length + (reps - 1) * records.length, true);
const fd = openSync(out, 'w');
writeSync(fd, head);
const copy = new Uint8Array(records.length);
const cv = new DataView(copy.buffer);
for (let rep = 0; rep < reps; rep++) {
  copy.set(records);
  for (let r = 0; r < rows; r++) {
    const at = r * recordSize;
    cv.setFloat64(at + time.at, cv.getFloat64(at + time.at, true) + rep * duration, true);
    cv.setUint32(at + half.at, cv.getUint32(at + half.at, true) + rep * halvesPerRep, true);
  }
  writeSync(fd, copy);
}
writeSync(fd, bytes.subarray(data.offset + data.length));
closeSync(fd);
console.log(`wrote ${out}: ${reps} × ${rows} records (${rows * reps} rows), ${(head.length + reps * records.length + bytes.length - data.offset - data.length) / 2 ** 20} MiB`);
