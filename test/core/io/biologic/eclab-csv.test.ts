/**
 * EC-Lab / BT-Lab CSV export (BEEP's test_loopsnewoutput_MB_CE1_short10k.csv). BEEP asserts (PROVENANCE
 * §2): raw test_time min 0, max 102040.77 s; after structuring, cycle 0 charge capacity 1.4618750 Ah and
 * discharge capacity 2.324598 Ah (6 dp). 9999 rows, 72 columns (derived).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFixtureBytes } from '../../../helpers/fixtures.js';
import { assertClose } from '../../../helpers/close.js';
import { EclabCsvParser, readEclabCsv, isEclabCsv } from '../../../../src/core/io/biologic/eclab-csv.js';
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
    // BEEP's structured_summary date_time_iso: [0] 2021-05-05T22:36:22.757Z, [1] 2021-05-06T09:44:45.604Z.
    // The file's clock is local (US Pacific, UTC−7 in May): our start time + each cycle's first time, + 7 h.
    const start = Date.parse(m.metadata.startTime + 'Z');
    const utc = (c: number): string => new Date(start + s.cycles[c].startTimeS * 1000 + 7 * 3600_000).toISOString();
    assert.equal(utc(0), '2021-05-05T22:36:22.757Z');
    assert.equal(utc(1), '2021-05-06T09:44:45.604Z');
    // BEEP's test_add_cycle_index: cycle_index values [1, 2, 3] (the column BEEP added to this file).
    const ci = m.raw.find((c) => c.name === 'cycle_index')!.values;
    assert.deepEqual([...new Set(ci)], [1, 2, 3]);
  });

  it('numeric time/s with decimal commas under a ";" separator, and "," separated files; short rows are FormatErrors with the line', () => {
    const enc = (t: string): Uint8Array => new TextEncoder().encode(t);
    const semi = readEclabCsv(enc('time/s;Ewe/V;I/mA;cycle number\r\n0,5;3,25;1,5;0\r\n1,5;3,5;-2;1\r\n'), 'semi.csv');
    assert.deepEqual(Array.from(semi.columns.time_s!), [0.5, 1.5]);
    assert.deepEqual(Array.from(semi.columns.current_A!), [0.0015, -0.002]);
    const comma = readEclabCsv(enc('time/s,Ecell/V,<I>/mA\n0,3.1,1e-3\n2,3.2,\n'), 'comma.csv');
    assert.deepEqual(Array.from(comma.columns.voltage_V!), [3.1, 3.2]);
    assert.ok(Number.isNaN(comma.columns.current_A![1]), 'an empty cell is NaN');
    assert.throws(() => readEclabCsv(enc('time/s;Ewe/V;I/mA\n0;3;1\n1;3\n2;3;1\n'), 'short.csv'), /short\.csv, line 3: expected 3 ';'-separated fields, found 2/);
  });

  it('parsing in 13-byte chunks with 1000-row batches gives the same columns as one piece', () => {
    const bytes = readFixtureBytes('cyclers', FILE);
    const whole = readEclabCsv(bytes, FILE);
    const batches: { name: string; values: Float64Array }[][] = [];
    const p = new EclabCsvParser(FILE, { batchRows: 1000, onBatch: (b) => batches.push(b.raw) });
    for (let i = 0; i < bytes.length; i += 13) p.push(bytes.subarray(i, i + 13));
    p.finish();
    assert.equal(p.rows, 9999);
    assert.equal(batches.length, 10);
    for (const col of whole.raw) {
      const joined = Float64Array.from(batches.flatMap((b) => Array.from(b.find((c) => c.name === col.name)!.values)));
      assert.deepEqual(joined, col.values, col.name);
    }
  });
});
