import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFixtureBytes } from '../../../helpers/fixtures.js';
import { assertClose } from '../../../helpers/close.js';
import { readNdax, newareNdaxReader, unzipNdax } from '../../../../src/core/io/neware/ndax.js';
import { ndcInfo, readNdcRunInfo } from '../../../../src/core/io/neware/ndc.js';
import { readMeasurement } from '../../../../src/core/io/formats.js';
import { STEP_TYPES } from '../../../../src/core/io/measurement.js';
import { FormatError } from '../../../../src/core/errors.js';

const FILE = '20260302_IFE_BTS85_2_9_8_1.ndax';
const bytes = readFixtureBytes('cyclers', FILE);
const m = readNdax(bytes, FILE);

test('Neware .ndax (BTS 8, ndc v17): 252951 rows, one cycle (cellpy test_get_neware_from_nda)', () => {
  assert.equal(m.rows, 252951);
  assert.ok(m.columns.cycle!.every((c) => c === 1), 'one cycle → cellpy summary length 1');
  assert.equal(m.format, 'neware-ndax');
  assert.equal(readMeasurement(bytes, FILE).format, 'neware-ndax');
  assert.equal(newareNdaxReader.sniff(bytes, FILE), true);
});

test('Neware .ndax: member versions and the data values (float32 V and A as stored)', () => {
  const z = unzipNdax(bytes, FILE);
  assert.deepEqual(ndcInfo(z['data.ndc'], 'd'), { fileType: 1, version: 17 });
  assert.deepEqual(ndcInfo(z['data_runInfo.ndc'], 'r'), { fileType: 18, version: 17 });
  assert.deepEqual(ndcInfo(z['data_step.ndc'], 's'), { fileType: 7, version: 17 });
  assert.equal(m.columns.voltage_V![0], Math.fround(0.20695459842681885));
  assert.equal(m.columns.voltage_V![m.rows - 1], Math.fround(4.748331069946289));
  assert.equal(m.columns.current_A![m.rows - 1], Math.fround(0.0019355652621015906));
  // Step.xml step 2 is a charge at ~60 mA: positive current charges the cell (Neware's sign kept).
  assertClose(m.columns.current_A![3601], 0.0598557, { rel: 1e-5 });
  assertClose(m.columns.temperature_K![0], 25.633996963500977 + 273.15, { rel: 1e-12 });
  assert.equal(m.metadata.softwareVersion, 'BTS Client 8.0.1.489(2025.11.24)');
  assert.equal(m.metadata.startTime, '2026-02-27T11:17:33.000Z');
  assert.equal(m.metadata.channel, '2-0-72');
});

test('Neware .ndax: steps start at the data indices data_step.ndc records (1, 3602, 3623, 3625, 5301)', () => {
  const st = m.columns.step!;
  const starts: number[] = [];
  for (let i = 0; i < m.rows; i++) if (i === 0 || st[i] !== st[i - 1]) starts.push(i + 1);
  assert.deepEqual(starts, [1, 3602, 3623, 3625, 5301]);
  const type = STEP_TYPES[m.columns.stepType![3601]];
  assert.equal(type, 'charge');
  assert.equal(STEP_TYPES[m.columns.stepType![0]], 'rest');
});

test('Neware .ndax: rows with a runInfo record carry its values exactly; the rest agree with Coulomb counting', () => {
  const z = unzipNdax(bytes, FILE);
  const run = readNdcRunInfo(z['data_runInfo.ndc'], ndcInfo(z['data_runInfo.ndc'], 'r'), 'r');
  assert.equal(run.count, 4373); // 4374 records, index 1 written twice (first kept)
  const last = run.count - 1;
  assert.equal(run.index[last], 252901);
  const row = run.index[last] - 1;
  assert.equal(m.columns.chargeCapacity_Ah![row], Math.fround(1.3905476331710815));
  assertClose(m.columns.unixTime_s![row], 1772440338.008, { abs: 1e-6 });
  // At every recorded row inside a step, the jump from the integrated previous row equals one
  // record's I·dt: the integration between records matches the instrument's own counting.
  const cc = m.columns.chargeCapacity_Ah!;
  const dc = m.columns.dischargeCapacity_Ah!;
  const I = m.columns.current_A!;
  const t = m.columns.unixTime_s!;
  const step = m.columns.step!;
  let checked = 0;
  for (let k = 0; k < run.count; k++) {
    const i = run.index[k] - 1;
    if (i < 1 || step[i] !== step[i - 1]) continue;
    const expected = (Math.abs(I[i]) * (t[i] - t[i - 1])) / 3600;
    const jump = I[i] > 0 ? cc[i] - cc[i - 1] : dc[i] - dc[i - 1];
    assert.ok(Math.abs(jump - expected) <= 2e-3 * Math.max(cc[i], dc[i]) + 1e-6, `record ${k} (row ${i}): jump ${jump} vs I·dt ${expected}`);
    checked++;
  }
  assert.ok(checked > 4000);
  assert.ok(m.warnings.some((w) => w.startsWith('248578 of 252951 records have no runInfo entry')));
});

test('Neware .ndax: not a zip → FormatError at byte 0', () => {
  assert.throws(() => readNdax(new Uint8Array([1, 2, 3, 4, 5]), 'x.ndax'), (e: unknown) => e instanceof FormatError && /byte 0/.test(e.message));
});

test('Neware .ndax: an unknown runInfo version is a warning naming it; voltage and current still read', async () => {
  const { zipSync } = await import('fflate');
  const z = unzipNdax(bytes, FILE, true);
  const run = z['data_runInfo.ndc'].slice();
  run[2] = 99; // ndc version byte
  const m = readNdax(zipSync({ ...z, 'data_runInfo.ndc': run }, { level: 0 }), 'v99.ndax');
  assert.equal(m.rows, 252951);
  assert.ok(m.warnings.some((w) => /ndc version 99 \(runInfo\) is not supported/.test(w)), m.warnings.join('; '));
  assert.equal(m.columns.time_s, undefined);
  assert.equal(m.columns.voltage_V![0], Math.fround(0.20695459842681885));
});
