import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFixtureBytes } from '../../../helpers/fixtures.js';
import { assertClose } from '../../../helpers/close.js';
import { readNewareCsv, newareCsvReader } from '../../../../src/core/io/neware/csv.js';
import { readMeasurement } from '../../../../src/core/io/formats.js';
import { STEP_TYPES } from '../../../../src/core/io/measurement.js';
import { num, readGolden } from '../tabular/golden.js';

const FILE = 'neware_uio.csv';
const bytes = readFixtureBytes('cyclers', FILE);
const m = readNewareCsv(bytes, FILE);

test('Neware CSV: 9065 rows, 26 columns, cycles 1..4, last row DataPoint 9065 step 13 "CC Chg"', () => {
  assert.equal(m.rows, 9065);
  assert.equal(m.raw.length >= 20, true);
  assert.deepEqual([...new Set(m.columns.cycle!)], [1, 2, 3, 4]); // cellpy: summary length 4
  assert.equal(m.raw.find((r) => r.name === 'DataPoint')!.values[9064], 9065);
  assert.equal(m.columns.step![9064], 13);
  assert.equal(STEP_TYPES[m.columns.stepType![9064]], 'charge');
  assert.equal(STEP_TYPES[m.columns.stepType![0]], 'rest');
  assert.deepEqual(m.warnings, []);
  assert.equal(newareCsvReader.sniff(bytes, FILE), true);
  assert.equal(readMeasurement(bytes, FILE).format, 'neware-csv');
  assert.equal(m.metadata.startTime, '2022-05-18T16:27:52.000Z');
});

test('Neware CSV: every row equals cellpy golden loader_neware_txt (A, V, Ah, Wh, s)', async () => {
  const g = await readGolden('loader_neware_txt', 'raw.parquet');
  assert.equal(g.length, 9065);
  const pairs: [keyof typeof m.columns, string][] = [
    ['voltage_V', 'voltage'], ['current_A', 'current'], ['cycle', 'cycle_index'], ['step', 'step_index'], ['time_s', 'test_time'], ['unixTime_s', 'date_time'],
  ];
  for (const [ours, theirs] of pairs) {
    const col = m.columns[ours]!;
    for (let i = 0; i < m.rows; i++) if (col[i] !== num(g[i][theirs])) assert.fail(`${ours} row ${i}: ${col[i]} vs golden ${theirs} ${num(g[i][theirs])}`);
  }
  // Capacities/energies: the file resets them at each step (as our model wants); cellpy accumulates them
  // over the cycle. So within a step the increments must agree row by row.
  const st = m.columns.stepType!;
  const step = m.columns.step!;
  let compared = 0;
  for (let i = 1; i < m.rows; i++) {
    if (step[i] !== step[i - 1]) continue;
    const t = STEP_TYPES[st[i]];
    const d = (ours: Float64Array, theirs: string): [number, number] => [ours[i] - ours[i - 1], num(g[i][theirs]) - num(g[i - 1][theirs])];
    const check = (ours: Float64Array, theirs: string): void => {
      const [a, b] = d(ours, theirs);
      assertClose(a, b, { abs: 1e-12 }, `${theirs} increment row ${i}`);
    };
    if (t === 'charge' || t === 'cvCharge') {
      check(m.columns.chargeCapacity_Ah!, 'charge_capacity');
      check(m.columns.chargeEnergy_Wh!, 'charge_energy');
      compared++;
    } else if (t === 'discharge' || t === 'cvDischarge') {
      check(m.columns.dischargeCapacity_Ah!, 'discharge_capacity');
      check(m.columns.dischargeEnergy_Wh!, 'discharge_energy');
      compared++;
    }
  }
  assert.ok(compared > 5000);
  const stepTime = m.raw.find((r) => r.name === 'Time')!.values;
  for (let i = 0; i < m.rows; i++) assert.equal(stepTime[i], num(g[i].step_time));
});

test('Neware CSV with milli units and seconds: Cur(mA), CapaCity(mAh) → A, Ah', () => {
  const text = 'Record ID,Cycle ID,Step ID,Status,Total Time(s),Cur(mA),Voltage(V),Chg. Cap.(mAh),DChg. Cap.(mAh),Realtime(h:min:s.ms)\n1,1,1,CC_DChg,0,-500,3.9,0,0,2023-01-02 03:04:05\n2,1,1,CC_DChg,10,-500,3.8,0,1.389,2023-01-02 03:04:15\n';
  const s = readNewareCsv(new TextEncoder().encode(text), 'milli.csv');
  assert.equal(s.columns.current_A![1], -0.5);
  assertClose(s.columns.dischargeCapacity_Ah![1], 1.389e-3, { rel: 1e-12 });
  assert.equal(s.columns.time_s![1], 10);
  assert.equal(STEP_TYPES[s.columns.stepType![0]], 'discharge');
  assert.equal(s.columns.unixTime_s![1] - s.columns.unixTime_s![0], 10);
});
