import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFixtureBytes } from '../../../helpers/fixtures.js';
import { assertClose } from '../../../helpers/close.js';
import { readArbinRes, arbinResReader, oleDateToUnix } from '../../../../src/core/io/arbin/res.js';
import { readMeasurement } from '../../../../src/core/io/formats.js';
import { STEP_TYPES } from '../../../../src/core/io/measurement.js';
import { num, readGolden } from '../tabular/golden.js';

const FILE = '20160805_test001_45_cc_01.res';
const bytes = readFixtureBytes('cyclers', FILE);
const m = readArbinRes(bytes, FILE);

test('Arbin .res: row count, columns and metadata (cellpy golden loader_arbin_res: 10261 rows)', () => {
  assert.equal(m.rows, 10261);
  assert.equal(m.format, 'arbin-res');
  // the 18 Channel_Normal_Table columns cellpy's golden also has
  assert.equal(m.raw.length, 18);
  for (const c of ['time_s', 'voltage_V', 'current_A', 'chargeCapacity_Ah', 'dischargeCapacity_Ah', 'chargeEnergy_Wh', 'dischargeEnergy_Wh', 'cycle', 'step', 'stepType', 'internalResistance_Ohm', 'unixTime_s'] as const) {
    assert.equal(m.columns[c]?.length, 10261, c);
  }
  assert.deepEqual(m.warnings, []);
  assert.equal(m.metadata.softwareVersion, '4.32 Build: 130904');
  assert.equal(m.metadata.channel, '3');
  // Start_DateTime 42587.67804398148 (OLE days) = 2016-08-05 16:16:23
  assert.equal(m.metadata.startTime, '2016-08-05T16:16:23.000Z');
  assertClose(m.metadata.activeMassKg ?? NaN, 0.0008528379839845002e-3, { rel: 1e-12 }, 'mass');
  assert.equal(m.metadata.extra?.resultsFileVersion, 'Results File 5.26');
});

test('Arbin .res: every row equals cellpy golden raw.parquet (A, V, Ah, Wh, s, Ω; same sign)', async () => {
  const g = await readGolden('loader_arbin_res', 'raw.parquet');
  assert.equal(g.length, m.rows);
  const pairs: [keyof typeof m.columns, string][] = [
    ['time_s', 'test_time'], ['voltage_V', 'voltage'], ['current_A', 'current'], ['chargeCapacity_Ah', 'charge_capacity'],
    ['dischargeCapacity_Ah', 'discharge_capacity'], ['chargeEnergy_Wh', 'charge_energy'], ['dischargeEnergy_Wh', 'discharge_energy'],
    ['cycle', 'cycle_index'], ['step', 'step_index'], ['internalResistance_Ohm', 'internal_resistance'],
  ];
  for (const [ours, theirs] of pairs) {
    const col = m.columns[ours]!;
    for (let i = 0; i < m.rows; i++) {
      const e = num(g[i][theirs]);
      if (Math.abs(col[i] - e) > 1e-9 * Math.max(1, Math.abs(e))) assert.fail(`${ours} row ${i}: ${col[i]} vs golden ${theirs} ${e}`);
    }
  }
  // date_time: cellpy converts the OLE date to wall-clock seconds; ours is the same instant read as UTC.
  assertClose(m.columns.unixTime_s![0], num(g[0].date_time), { abs: 0.5 }, 'first date');
  assertClose(m.columns.unixTime_s![m.rows - 1], num(g[m.rows - 1].date_time), { abs: 0.5 }, 'last date');
  assert.equal(oleDateToUnix(25569), 0);
});

test('Arbin .res: 18 cycles, cycle 1 ends at data point 1457 (cellpy pipeline_smoke)', () => {
  const cyc = m.columns.cycle!;
  assert.equal(cyc[m.rows - 1], 18);
  assert.equal(new Set(cyc).size, 18);
  const dp = m.raw.find((r) => r.name === 'Data_Point')!.values;
  let last1 = -1;
  for (let i = 0; i < m.rows; i++) if (cyc[i] === 1) last1 = i;
  assert.equal(dp[last1], 1457);
});

test('Arbin .res: per-cycle maximum capacities equal cellpy summary charge/discharge capacity', async () => {
  const s = await readGolden('pipeline_smoke', 'summary.parquet');
  assert.equal(s.length, 18);
  const cyc = m.columns.cycle!;
  const cc = m.columns.chargeCapacity_Ah!;
  const dc = m.columns.dischargeCapacity_Ah!;
  for (const r of s) {
    const c = num(r.cycle_num);
    let mc = 0;
    let md = 0;
    for (let i = 0; i < m.rows; i++) if (cyc[i] === c) { mc = Math.max(mc, cc[i]); md = Math.max(md, dc[i]); }
    assertClose(mc, num(r.charge_capacity), { rel: 1e-9 }, `cycle ${c} charge`);
    assertClose(md, num(r.discharge_capacity), { rel: 1e-9 }, `cycle ${c} discharge`);
  }
});

test('Arbin .res: cycle-5 discharge rows are cellpy get_dcap(5) (224 points; mAh/g at 1 mg → Ah × 1e-6)', async () => {
  const d = await readGolden('curve_get_dcap_c5', 'curve.parquet');
  const ch = await readGolden('curve_get_ccap_c5', 'curve.parquet');
  assert.equal(d.length, 224);
  assert.equal(ch.length, 214);
  const cyc = m.columns.cycle!;
  const st = m.columns.stepType!;
  const pick = (type: string): number[] => {
    const idx: number[] = [];
    for (let i = 0; i < m.rows; i++) if (cyc[i] === 5 && STEP_TYPES[st[i]] === type) idx.push(i);
    return idx;
  };
  for (const [rows, golden, cap, key] of [[pick('discharge'), d, m.columns.dischargeCapacity_Ah!, 'cumulative_discharge_capacity'], [pick('charge'), ch, m.columns.chargeCapacity_Ah!, 'cumulative_charge_capacity']] as const) {
    // cellpy's curve drops the final point of the last step of the direction; the others match one to one.
    assert.equal(rows.length, golden.length + 1);
    for (let k = 0; k < golden.length; k++) {
      assertClose(m.columns.voltage_V![rows[k]], num(golden[k].potential), { rel: 1e-12 }, `V[${k}]`);
      assertClose(cap[rows[k]], num(golden[k][key]) * 1e-6, { rel: 1e-6, abs: 1e-12 }, `cap[${k}]`);
    }
  }
});

test('Arbin .res: sniffed as a Jet database, registered in readMeasurement', () => {
  assert.equal(arbinResReader.sniff(bytes, 'a.bin'), true);
  assert.equal(readMeasurement(bytes, 'a.bin').format, 'arbin-res');
});

test('Arbin .res: 103 (cycle, step) runs, 87 without steps 1 and 10, 498 rows in cycle 5 (cellpy test_cell_readers)', () => {
  // cellpy: make_step_table → 103 steps (87 with skip_steps=[1, 10]); get_voltage(5) → 498 points.
  const cyc = m.columns.cycle!;
  const st = m.columns.step!;
  let runs = 0;
  let skipped = 0;
  let c5 = 0;
  for (let i = 0; i < m.rows; i++) {
    if (i === 0 || cyc[i] !== cyc[i - 1] || st[i] !== st[i - 1]) {
      runs++;
      if (st[i] === 1 || st[i] === 10) skipped++;
    }
    if (cyc[i] === 5) c5++;
  }
  assert.equal(runs, 103);
  assert.equal(runs - skipped, 87);
  assert.equal(c5, 498);
});
