/**
 * EC-Lab / BT-Lab CSV export (BEEP's test_loopsnewoutput_MB_CE1_short10k.csv). BEEP asserts (PROVENANCE
 * §2): raw test_time min 0, max 102040.77 s; after structuring, cycle 0 charge capacity 1.4618750 Ah and
 * discharge capacity 2.324598 Ah (6 dp). 9999 rows, 72 columns (derived).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFixtureBytes } from '../../../helpers/fixtures.js';
import { assertClose } from '../../../helpers/close.js';
import { readEclabCsv, isEclabCsv } from '../../../../src/core/io/biologic/eclab-csv.js';
import { readMeasurement } from '../../../../src/core/io/formats.js';
import { summariseCycles } from '../../../../src/core/io/cycle-summary.js';

const FILE = 'test_loopsnewoutput_MB_CE1_short10k.csv';

describe('EC-Lab CSV export', () => {
  it('reads 9999 rows; time from date-times, 0 → 102040.77 s; the registry sniffs it', () => {
    const bytes = readFixtureBytes('cyclers', FILE);
    assert.ok(isEclabCsv(bytes));
    const m = readMeasurement(bytes, FILE);
    assert.equal(m.format, 'biologic-csv');
    assert.equal(m.rows, 9999);
    const t = m.columns.time_s!;
    assert.equal(t[0], 0);
    assertClose(Math.max(...t), 102040.77, { abs: 1e-6 });
    assert.equal(m.metadata.startTime, '2021-05-05T15:36:22.757');
    // 72 header fields: the unnamed index column is dropped, and the 24 columns the export never fills.
    const empty = String(m.metadata.extra?.['empty columns']).split(', ');
    assert.equal(m.raw.length + empty.length + 1, 72);
    assert.ok(m.columns.voltage_V && m.columns.current_A && m.columns.cycle);
    assert.equal(m.columns.temperature_K, undefined, 'an all-empty column is not a column');
  });

  it('cycle 0: charge 1.461875 Ah, discharge 2.324598 Ah (BEEP structured_summary, 6 dp)', () => {
    const m = readEclabCsv(readFixtureBytes('cyclers', FILE), FILE);
    const s = summariseCycles(m);
    assertClose(s.cycles[0].chargeCapacityAh, 1.461875, { abs: 5e-7 });
    assertClose(s.cycles[0].dischargeCapacityAh, 2.324598, { abs: 5e-7 });
    assert.deepEqual(s.cycles.map((c) => c.cycle), [0, 1, 2]);
  });
});
