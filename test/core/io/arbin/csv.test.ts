import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFixtureBytes } from '../../../helpers/fixtures.js';
import { assertClose } from '../../../helpers/close.js';
import { readArbinCsv, parseArbinMetadataCsv, arbinCsvReader } from '../../../../src/core/io/arbin/csv.js';
import { readMeasurement } from '../../../../src/core/io/formats.js';

test('Arbin CSV (BEEP FastCharge_000025_CH8): 248 rows, Cycle_Index all 0, Voltage 3.3011441 → 3.3009677 V', () => {
  const b = readFixtureBytes('cyclers', 'FastCharge_000025_CH8.csv');
  const m = readArbinCsv(b, 'FastCharge_000025_CH8.csv');
  assert.equal(m.rows, 248);
  assert.ok(m.columns.cycle!.every((c) => c === 0));
  assert.equal(m.columns.voltage_V![0], 3.3011441);
  assert.equal(m.columns.voltage_V![247], 3.3009677);
  // Temperature 30.109268 °C → K
  assertClose(m.columns.temperature_K![0], 30.109268 + 273.15, { rel: 1e-12 });
  // DateTime is Unix seconds in this export: 1494645243.4715 = 2017-05-13T03:14:03.4715Z
  assert.equal(m.columns.unixTime_s![0], 1494645243.4715);
  assert.equal(m.metadata.startTime, '2017-05-13T03:14:03.471Z');
  assert.equal(m.columns.time_s![0], 10.0024);
  assert.deepEqual(m.warnings, []);
  assert.equal(readMeasurement(b, 'FastCharge_000025_CH8.csv').format, 'arbin-csv');
});

test('Arbin CSV with empty Step/Cycle columns: 287 rows, Current 6.600444793701172 A at row 0; empty columns left out with a warning', () => {
  const b = readFixtureBytes('cyclers', '2017-05-09_test-TC-contact_CH33.csv');
  const m = readArbinCsv(b, '2017-05-09_test-TC-contact_CH33.csv');
  assert.equal(m.rows, 287);
  assert.equal(m.columns.current_A![0], 6.600444793701172);
  assert.equal(m.columns.cycle, undefined);
  assert.equal(m.columns.step, undefined);
  assert.ok(m.warnings.some((w) => w.startsWith('cycle:')));
  assert.ok(m.warnings.some((w) => w.startsWith('step:')));
  assert.equal(arbinCsvReader.sniff(b, 'x'), true);
});

test('Arbin metadata CSV: channel iv_ch_id 7, schedule name', () => {
  const md = parseArbinMetadataCsv(readFixtureBytes('cyclers', 'FastCharge_000025_CH8_Metadata.csv'));
  assert.equal(md.iv_ch_id, '7');
  assert.equal(md.schedule_file_name, '2017-05-12_TESTS\\20170512-4_4C-80PER_4_4C.SDU');
  assert.equal(md.test_id, '153');
});

test('Arbin CSV with units in the header: mA and mAh converted to A and Ah', () => {
  const text = 'Data_Point,Test_Time(s),Date_Time,Step_Index,Cycle_Index,Current(mA),Voltage(V),Charge_Capacity(mAh),Discharge_Capacity(mAh)\n1,0,05/12/2017 10:00:00,1,1,500,3.5,0,0\n2,10,05/12/2017 10:00:10,1,1,500,3.6,1.389,0\n';
  const m = readArbinCsv(new TextEncoder().encode(text), 'units.csv');
  assert.equal(m.columns.current_A![1], 0.5);
  assertClose(m.columns.chargeCapacity_Ah![1], 1.389e-3, { rel: 1e-12 });
  assert.equal(m.columns.unixTime_s![1] - m.columns.unixTime_s![0], 10);
});
