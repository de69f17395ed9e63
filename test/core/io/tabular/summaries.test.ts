import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFixtureBytes } from '../../../helpers/fixtures.js';
import { assertClose } from '../../../helpers/close.js';
import { summariseCycles } from '../../../../src/core/io/cycle-summary.js';
import { readArbinRes } from '../../../../src/core/io/arbin/res.js';
import { readNewareCsv } from '../../../../src/core/io/neware/csv.js';
import { readNdax } from '../../../../src/core/io/neware/ndax.js';
import { num, readGolden } from './golden.js';

// End to end through the per-cycle summary: the cycle counts cellpy asserts after loading each file.

test('Arbin .res → per-cycle summary: 18 cycles; charge and discharge capacity equal cellpy pipeline_smoke', async () => {
  const s = summariseCycles(readArbinRes(readFixtureBytes('cyclers', '20160805_test001_45_cc_01.res'), 'x.res'));
  const g = await readGolden('pipeline_smoke', 'summary.parquet');
  assert.equal(s.cycles.length, 18);
  for (let k = 0; k < 18; k++) {
    assert.equal(s.cycles[k].cycle, num(g[k].cycle_num));
    assertClose(s.cycles[k].chargeCapacityAh, num(g[k].charge_capacity), { rel: 1e-9 }, `cycle ${k + 1} charge`);
    assertClose(s.cycles[k].dischargeCapacityAh, num(g[k].discharge_capacity), { rel: 1e-9 }, `cycle ${k + 1} discharge`);
  }
});

test('Neware CSV → 4 cycles (cellpy test_get_neware_from_csv: summary length 4)', () => {
  assert.equal(summariseCycles(readNewareCsv(readFixtureBytes('cyclers', 'neware_uio.csv'), 'x.csv')).cycles.length, 4);
});

test('Neware .ndax → 1 cycle (cellpy test_get_neware_from_nda: summary length 1)', () => {
  assert.equal(summariseCycles(readNdax(readFixtureBytes('cyclers', '20260302_IFE_BTS85_2_9_8_1.ndax'), 'x.ndax')).cycles.length, 1);
});
