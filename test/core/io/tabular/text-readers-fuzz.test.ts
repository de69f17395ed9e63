import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFixtureBytes } from '../../../helpers/fixtures.js';
import { fuzzReader } from './fuzz.js';
import { readArbinCsv } from '../../../../src/core/io/arbin/csv.js';
import { readNewareCsv } from '../../../../src/core/io/neware/csv.js';
import { readMaccorText } from '../../../../src/core/io/maccor/text.js';
import { readMaccorEis } from '../../../../src/core/io/maccor/eis.js';
import { readNovonixCsv } from '../../../../src/core/io/novonix/csv.js';
import { readGamryDta } from '../../../../src/core/io/gamry/dta.js';
import { readMapped } from '../../../../src/core/io/mapped/reader.js';

// Text readers see the same seeded byte flips and truncations as the binary ones (first 16 KiB: the
// headers): they must return or throw a CathodeLabError, never a TypeError or RangeError.
const CASES: [string, string, (b: Uint8Array, n: string) => unknown][] = [
  ['Arbin CSV', 'FastCharge_000025_CH8.csv', readArbinCsv],
  ['Neware CSV', 'neware_uio.csv', readNewareCsv],
  ['Maccor raw', 'PredictionDiagnostics_000151_test.052', readMaccorText],
  ['Maccor model two', 'maccor_two.txt', readMaccorText],
  ['Maccor EIS', 'maccor_test_file_4267-66-6519.EDA0001.041', readMaccorEis],
  ['Novonix', 'test_Nova_Form-CH01-01_short.csv', readNovonixCsv],
  ['Gamry', 'exampleDataGamryABORT.DTA', readGamryDta],
  ['mapped', 'FastCharge_000025_CH8.csv', (b, n) => readMapped(b, n, { columns: { Test_Time: { column: 'time_s', unit: 's' }, Current: { column: 'current_A', unit: 'A', sign: 'positive-charge' }, DateTime: { column: 'unixTime_s', unit: 's' } } })],
];

for (const [label, file, read] of CASES) {
  test(`${label} fuzz: 60 mutated/truncated copies throw only CathodeLabErrors`, () => {
    // large fixtures are cut to their first 64 KiB (at a line end) so a case takes milliseconds
    const all = readFixtureBytes('cyclers', file);
    const cut = all.length > 65536 ? all.lastIndexOf(10, 65536) + 1 : all.length;
    const r = fuzzReader(all.subarray(0, cut), (b) => read(b, file), { seed: label.length * 7919, cases: 60, focus: 16384 });
    assert.equal(r.ok + r.typed, 60);
  });
}
