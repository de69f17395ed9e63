import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeRateCapability, cRateLabel, cycleCurrents } from '../../../src/core/analysis/rate-capability.js';
import { summariseCycles } from '../../../src/core/io/cycle-summary.js';
import { AnalysisError } from '../../../src/core/errors.js';
import { assertClose } from '../../helpers/close.js';
import { cellpyGoldenSummary, resMeasurement } from './res-fixture.helper.js';

test('rate capability on the .res fixture: C-rates recovered from current and mass equal cellpy\'s (1 mg, 1 mAh/g); two blocks, cycles 1–3 and 4–17', async () => {
  const golden = await cellpyGoldenSummary();
  const m = resMeasurement();
  const summary = summariseCycles(m, { convention: 'charge/discharge' });
  for (const direction of ['discharge', 'charge'] as const) {
    const r = analyzeRateCapability(summary.cycles, cycleCurrents(m, direction), { direction, activeMassKg: 1e-6, nominalSpecificCapacityMahPerG: 1 });
    for (const c of r.cycles) {
      const g = golden.find((x) => x.cycle === c.cycle);
      assert.ok(g);
      assertClose(c.cRate, direction === 'discharge' ? g.dischargeCRate : g.chargeCRate, { rel: 0.005 }, `cycle ${c.cycle} ${direction} C-rate`);
    }
    assert.deepEqual(r.blocks.map((b) => [b.firstCycle, b.lastCycle]), [[1, 3], [4, 17]]);
    const b1 = golden.filter((g) => g.cycle <= 3);
    const mean1 = b1.reduce((s, g) => s + (direction === 'discharge' ? g.dischargeGravimetric : g.chargeGravimetric), 0) / b1.length;
    assertClose(r.blocks[0].meanCapacityMahPerG ?? NaN, mean1, { rel: 1e-6 }, 'block 1 mean mAh/g');
  }
});

test('rate capability: a paper-like rate test (0.1C … 3C, 200 mAh/g nominal, 15 mg) returns the blocks and their capacities', () => {
  const massKg = 15e-6;
  const oneC = 200 * 15e-3 / 1000; // Ah
  const plan: [number, number][] = [[0.1, 205], [0.5, 190], [1, 169.6], [2, 138.3], [3, 103.1], [0.1, 200]];
  const cycles = [];
  const currents = new Map<number, number>();
  let n = 1;
  for (const [c, mahPerG] of plan) {
    for (let k = 0; k < 5; k++) {
      const q = (mahPerG * 15e-3) / 1000;
      cycles.push({ cycle: n, chargeCapacityAh: q * 1.01, dischargeCapacityAh: q });
      currents.set(n, c * oneC * (1 + 0.003 * (k - 2))); // a cycler's current wobbles a little
      n++;
    }
  }
  const r = analyzeRateCapability(cycles, currents, { activeMassKg: massKg, nominalSpecificCapacityMahPerG: 200 });
  assert.deepEqual(r.blocks.map((b) => b.cRateLabel), ['0.1C', '0.5C', '1C', '2C', '3C', '0.1C']);
  assert.deepEqual(r.blocks.map((b) => Number((b.meanCapacityMahPerG ?? NaN).toFixed(1))), [205, 190, 169.6, 138.3, 103.1, 200]);
  assertClose(r.blocks[2].cRateMeasured, 1, { rel: 1e-9 });
  assertClose(r.blocks[4].retentionVsFirstBlockPct, (100 * 103.1) / 205, { rel: 1e-9 });
  // the last 0.1C block is the recovery step: 200 of the first 0.1C block's 205 mAh/g
  assertClose(r.blocks[5].recoveryVsEarlierSameRatePct ?? NaN, (100 * 200) / 205, { rel: 1e-9 }, 'recovery');
  assert.deepEqual(r.blocks.slice(0, 5).map((b) => b.recoveryVsEarlierSameRatePct), [null, null, null, null, null]);
  // without a nominal capacity, 1C is the first cycle's capacity and says so
  const r2 = analyzeRateCapability(cycles, currents);
  assert.match(r2.cRateBasis, /first cycle/);
  assertClose(r2.blocks[0].cRateMeasured, 0.1 * 200 / 205, { rel: 1e-9 });
});

test('C-rate labels and unsuitable input', () => {
  assert.equal(cRateLabel(0.32), 'C/3');
  assert.equal(cRateLabel(1.04), '1C');
  assert.equal(cRateLabel(7), '7C');
  assert.throws(() => analyzeRateCapability([{ cycle: 1, chargeCapacityAh: 0, dischargeCapacityAh: 0 }], new Map()), AnalysisError);
});
