import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFixtureBytes } from '../../../helpers/fixtures.js';
import { assertClose } from '../../../helpers/close.js';
import { readNovonixCsv, novonixCsvReader } from '../../../../src/core/io/novonix/csv.js';
import { readMeasurement } from '../../../../src/core/io/formats.js';
import { STEP_TYPES } from '../../../../src/core/io/measurement.js';

const FILE = 'test_Nova_Form-CH01-01_short.csv';
const bytes = readFixtureBytes('cyclers', FILE);
const m = readNovonixCsv(bytes, FILE);

test('Novonix CSV (BEEP): 3942 rows, step types 0/7/8/1, run time monotonic, metadata', () => {
  assert.equal(m.rows, 3942);
  const codes = m.raw.find((r) => r.name === 'Step Type')!.values;
  assert.deepEqual([...new Set(codes)], [0, 7, 8, 1]); // BEEP: step_index unique [0, 7, 8, 1]
  const t = m.columns.time_s!;
  for (let i = 1; i < m.rows; i++) assert.ok(t[i] >= t[i - 1], `time not monotonic at ${i}`);
  // Run Time (h) 0.0003111 h → 1.11996 s
  assertClose(t[1], 0.0003111 * 3600, { rel: 1e-12 });
  assert.equal(m.metadata.channel, '01');
  assert.equal(m.metadata.softwareVersion, '2.2.1.6');
  assert.equal(m.metadata.extra?.Protocol, 'XC_Formation_Entree_Test.pro1');
  assert.equal(m.metadata.startTime, '2022-04-11T10:58:07.000Z');
  assert.equal(m.metadata.activeMassKg, 1e-3);
  assert.equal(m.columns.unixTime_s![0], Date.UTC(2022, 3, 11, 10, 58, 7) / 1000);
  assertClose(m.columns.temperature_K![0], 38.92947006 + 273.15, { rel: 1e-12 });
  assert.equal(m.columns.voltage_V![0], 0.13736417);
  assert.deepEqual(m.warnings, []);
});

test('Novonix CSV: charge rows carry Capacity as charge capacity; step types from the codes', () => {
  const st = m.columns.stepType!;
  const codes = m.raw.find((r) => r.name === 'Step Type')!.values;
  const cap = m.raw.find((r) => r.name === 'Capacity (Ah)')!.values;
  for (let i = 0; i < m.rows; i++) {
    const t = STEP_TYPES[st[i]];
    assert.equal(t, { 0: 'rest', 7: 'charge', 8: 'cvCharge', 1: 'charge' }[codes[i]]);
    if (t === 'charge' || t === 'cvCharge') assert.equal(m.columns.chargeCapacity_Ah![i], cap[i]);
    else assert.equal(m.columns.chargeCapacity_Ah![i], 0);
    if (t !== 'rest') assert.ok(m.columns.current_A![i] >= 0, 'charging current is positive');
  }
  assert.equal(novonixCsvReader.sniff(bytes, 'x.csv'), true);
  assert.equal(readMeasurement(bytes, FILE).format, 'novonix-csv');
});

test('Novonix CSV: discharge capacity counts down from the cycle charge maximum (BEEP convention)', () => {
  const text = '[Summary]\nNovonix HPC data file\nChannel: 02\n[End Summary]\n[Data]\nDate and Time,Cycle Number,Step Type,Run Time (h),Step Time (h),Current (A),Potential (V),Capacity (Ah),Energy (Wh),Step Number\n' +
    '2022-01-01 1:00:00 PM,1,1,0,0,0.1,3.5,0.0,0.0,1\n2022-01-01 2:00:00 PM,1,1,1,1,0.1,4.2,0.1,0.39,1\n2022-01-01 3:00:00 PM,1,2,2,1,-0.1,3.6,0.02,0.08,2\n';
  const s = readNovonixCsv(new TextEncoder().encode(text), 'synthetic.csv');
  assertClose(s.columns.dischargeCapacity_Ah![2], 0.08, { abs: 1e-15 });
  assertClose(s.columns.dischargeEnergy_Wh![2], 0.31, { abs: 1e-15 });
  assert.equal(s.columns.current_A![2], -0.1);
  assert.equal(s.columns.unixTime_s![1] - s.columns.unixTime_s![0], 3600); // 1 PM → 2 PM
});
