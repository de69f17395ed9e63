import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFixtureBytes } from '../../../helpers/fixtures.js';
import { assertClose } from '../../../helpers/close.js';
import { readMaccorText, maccorTextReader } from '../../../../src/core/io/maccor/text.js';
import { readMaccorEis, maccorEisReader } from '../../../../src/core/io/maccor/eis.js';
import { readMeasurement } from '../../../../src/core/io/formats.js';
import { STEP_TYPES } from '../../../../src/core/io/measurement.js';
import { num, readGolden } from '../tabular/golden.js';

const read = (f: string): ReturnType<typeof readMaccorText> => readMaccorText(readFixtureBytes('cyclers', f), f);

test('Maccor model one (maccor_001.txt): equals cellpy golden loader_maccor_txt row by row (6704 rows)', async () => {
  const m = read('maccor_001.txt');
  const g = await readGolden('loader_maccor_txt', 'raw.parquet');
  assert.equal(m.rows, 6704);
  assert.equal(g.length, 6704);
  const dp = m.raw.find((r) => r.name === 'Rec#')!.values;
  const cap = (i: number): [number, number] => [m.columns.chargeCapacity_Ah![i], m.columns.dischargeCapacity_Ah![i]];
  for (let i = 0; i < m.rows; i++) {
    const r = g[i];
    const e = (k: string): number => num(r[k]);
    assert.equal(dp[i], e('data_point'));
    assert.equal(m.columns.voltage_V![i], e('voltage'), `V row ${i}`);
    // cellpy signs the current by State the same way (discharge negative)
    assert.equal(m.columns.current_A![i], e('current'), `I row ${i}`);
    assertClose(m.columns.time_s![i], e('test_time'), { abs: 1e-6 }, `t row ${i}`);
    assert.equal(m.columns.step![i], e('step_index'));
    assert.equal(m.columns.cycle![i] + 1, e('cycle_index'), 'cellpy counts Maccor cycles from 1');
    assert.equal(m.columns.unixTime_s![i], num(r.date_time));
    // cellpy puts Amp-hr into charge_capacity on C rows and discharge_capacity on D rows, as we do.
    // (From Rec# 6082 on it also carries the last value of the other direction forward, where the file
    // and we give 0; so only the active direction is compared.)
    if (r.State === 'C') assert.equal(cap(i)[0], e('charge_capacity'), `charge capacity row ${i}`);
    if (r.State === 'D') assert.equal(cap(i)[1], e('discharge_capacity'), `discharge capacity row ${i}`);
  }
  assert.equal(m.metadata.channel, '1');
  assert.equal(m.metadata.extra?.procedure, 'M50_Validation.000');
  assert.equal(m.metadata.startTime, '2020-12-11T12:22:12.000Z');
  assert.deepEqual(m.warnings, []);
  assert.equal(readMeasurement(readFixtureBytes('cyclers', 'maccor_001.txt'), 'maccor_001.txt').format, 'maccor-text');
});

test('Maccor raw .052 (BEEP): 333 rows, first Rec# 249791, Cyc# 37, channel 52, discharge current negative', () => {
  const m = read('PredictionDiagnostics_000151_test.052');
  assert.equal(m.rows, 333);
  assert.equal(m.raw.find((r) => r.name === 'Rec#')!.values[0], 249791);
  assert.equal(m.columns.cycle![0], 37);
  assert.equal(m.metadata.channel, '52');
  assert.equal(m.metadata.extra?.barcode, '00001E');
  assert.equal(m.metadata.extra?.procedure, 'PredictionDiagnostics_000151.000');
  assert.equal(m.metadata.startTime, '2019-10-10T00:00:00.000Z');
  // State D, Amps −4.8400091554 in the file
  assert.equal(m.columns.current_A![0], -4.8400091554);
  assert.equal(m.columns.dischargeCapacity_Ah![0], 0.0191579754);
  assert.equal(m.columns.time_s![0], 769267.24);
  assert.equal(STEP_TYPES[m.columns.stepType![0]], 'discharge');
  assert.equal(maccorTextReader.sniff(readFixtureBytes('cyclers', 'PredictionDiagnostics_000151_test.052'), 'x.052'), true);
});

test('Maccor raw .010 (BEEP): 2165 rows, Cyc# 86 → 89, channel 10', () => {
  const m = read('PredictionDiagnostics_000109_tztest.010');
  assert.equal(m.rows, 2165);
  assert.equal(m.columns.cycle![0], 86);
  assert.equal(m.columns.cycle![2164], 89);
  assert.equal(m.metadata.channel, '10');
});

test('Maccor model two: decimal commas, 214 rows (the file is cut mid-row: warned), 0,1377 V', () => {
  const m = read('maccor_two.txt');
  assert.equal(m.rows, 214);
  assert.equal(m.columns.voltage_V![0], 0.1377);
  assert.equal(m.columns.time_s![213], 213);
  assert.equal(m.metadata.channel, '81');
  assert.equal(m.metadata.startTime, '2021-06-05T11:23:46.000Z');
  assert.ok(m.warnings.some((w) => w.startsWith('line 229:')));
});

test('Maccor model three: mAmp-hr/mAmps scaled; the Volts column holds mV and says so', () => {
  const m = read('maccor_three.txt');
  assert.equal(m.rows, 4009);
  assertClose(m.columns.voltage_V![0], 1.8538186, { rel: 1e-12 });
  assert.ok(m.warnings.some((w) => w.includes("'Volts'") && w.includes('millivolts')));
  const last = m.rows - 1;
  // last row: 822.3335 mAh discharged at −896.0098 mA (State D)
  assertClose(m.columns.dischargeCapacity_Ah![last], 0.8223335, { rel: 1e-12 });
  assertClose(m.columns.current_A![last], -0.8960098, { rel: 1e-12 });
});

test('Maccor .041 time series with an FRA step: 74 rows, FRA rows typed eis', () => {
  const m = read('maccor_test_file_4267-66-6519.041');
  assert.equal(m.rows, 74);
  const types = new Set(Array.from(m.columns.stepType!, (c) => STEP_TYPES[c]));
  assert.ok(types.has('eis') && types.has('rest'));
});

test('Maccor EIS export: 60 frequencies 999999 → 1.25892 Hz, Z″ kept signed (capacitive < 0)', () => {
  const b = readFixtureBytes('cyclers', 'maccor_test_file_4267-66-6519.EDA0001.041');
  const m = readMaccorEis(b, 'x.EDA0001.041');
  assert.equal(m.rows, 60);
  assert.equal(m.columns.frequency_Hz![0], 999999);
  assert.equal(m.columns.frequency_Hz![59], 1.25892);
  assert.equal(m.columns.zReal_Ohm![0], 0.773446);
  assert.equal(m.columns.zImag_Ohm![0], -0.849201);
  // |Z| from the file's Z-Mag column equals √(Z′² + Z″²)
  const zmag = m.raw.find((r) => r.name === 'Z-Mag')!.values;
  for (let i = 0; i < 60; i++) assertClose(Math.hypot(m.columns.zReal_Ohm![i], m.columns.zImag_Ohm![i]), zmag[i], { rel: 1e-5 }, `|Z| ${i}`);
  assert.equal(maccorEisReader.sniff(b, 'x'), true);
  assert.equal(readMeasurement(b, 'x.EDA0001.041').format, 'maccor-eis');
});
