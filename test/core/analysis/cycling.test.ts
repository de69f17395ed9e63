import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCycling, type CycleRowInput } from '../../../src/core/analysis/cycling.js';
import { summariseCycles } from '../../../src/core/io/cycle-summary.js';
import { AnalysisError } from '../../../src/core/errors.js';
import { assertClose } from '../../helpers/close.js';
import { cellpyGoldenSummary, resMeasurement } from './res-fixture.helper.js';

test('cycling on the Arbin .res fixture: capacities (mAh, mAh/g), CE and first-cycle CE equal cellpy\'s golden summary', async () => {
  const golden = await cellpyGoldenSummary();
  const summary = summariseCycles(resMeasurement(), { convention: 'charge/discharge', activeMassKg: 1e-6 });
  const r = analyzeCycling(summary);
  assert.equal(r.cycles.length, 18);
  for (const g of golden) {
    const c = r.cycles.find((x) => x.cycle === g.cycle);
    assert.ok(c, `cycle ${g.cycle}`);
    assertClose(c.dischargeCapacityMah ?? NaN, g.dischargeCapacity * 1000, { rel: 1e-6 }, `cycle ${g.cycle} discharge mAh`);
    assertClose(c.dischargeCapacityMahPerG ?? NaN, g.dischargeGravimetric, { rel: 1e-6 }, `cycle ${g.cycle} discharge mAh/g`);
    if (g.chargeCapacity > 0) {
      assertClose(c.chargeCapacityMah ?? NaN, g.chargeCapacity * 1000, { rel: 1e-6 }, `cycle ${g.cycle} charge mAh`);
      assertClose(c.coulombicEfficiencyPct ?? NaN, g.coulombicEfficiency, { rel: 1e-6 }, `cycle ${g.cycle} CE`);
    }
  }
  assertClose(r.firstCycleCoulombicEfficiencyPct ?? NaN, 92.61079092743373, { rel: 1e-6 }, 'first-cycle CE');
  assert.match(r.conventions.coulombicEfficiency, /charge \/ discharge/);
});

test('cycling on the .res fixture: fade rate = −slope of retention by least squares over complete cycles (hand fit on the golden numbers)', async () => {
  const golden = (await cellpyGoldenSummary()).filter((g) => g.chargeCapacity > 0 && g.dischargeCapacity > 0);
  // retention of the convention's numerator (charge, anode mode) against cycle 1, fitted here directly
  const x = golden.map((g) => g.cycle);
  const y = golden.map((g) => (100 * g.chargeCapacity) / golden[0].chargeCapacity);
  const mx = x.reduce((s, v) => s + v, 0) / x.length;
  const my = y.reduce((s, v) => s + v, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) ** 2; }
  const slope = sxy / sxx;
  const r = analyzeCycling(summariseCycles(resMeasurement(), { convention: 'charge/discharge' }));
  assertClose(r.fadeRatePctPerCycle ?? NaN, -slope, { rel: 1e-6 }, 'fade rate');
  assert.equal(r.lastCycle, 17, 'cycle 18 is incomplete (no charge) and is not the last cycle');
  assertClose(r.lastRetentionPct ?? NaN, y[y.length - 1], { rel: 1e-6 });
  assert.equal(r.cyclesToThresholdKind, 'extrapolated');
  assertClose(r.cycleAtThreshold ?? NaN, (my - slope * mx - 80) / -slope, { rel: 1e-6 }, 'extrapolated cycle at 80 %');
  assert.ok(r.notes.some((n) => /incomplete/.test(n)));
});

function row(cycle: number, ch: number, dis: number, chE: number, disE: number, ret: number): CycleRowInput {
  return { cycle, chargeCapacityAh: ch, dischargeCapacityAh: dis, coulombicEfficiencyPct: (100 * dis) / ch, chargeEnergyWh: chE, dischargeEnergyWh: disE, averageChargeVoltageV: chE / ch, averageDischargeVoltageV: disE / dis, retentionPct: ret };
}

test('cycling: a linear 0.5 %/cycle fade crosses 80 % at cycle 41 (observed, interpolated); energy efficiency and hysteresis by hand', () => {
  const cycles: CycleRowInput[] = [];
  for (let c = 1; c <= 60; c++) {
    const dis = 2e-3 * (1 - 0.005 * (c - 1));
    cycles.push(row(c, dis / 0.99, dis, (dis / 0.99) * 3.9, dis * 3.7, 100 * (1 - 0.005 * (c - 1))));
  }
  const r = analyzeCycling({ convention: 'discharge/charge', referenceCycle: 1, cycles });
  assertClose(r.fadeRatePctPerCycle ?? NaN, 0.5, { rel: 1e-9 }, 'fade');
  assert.equal(r.cyclesToThresholdKind, 'observed');
  assertClose(r.cycleAtThreshold ?? NaN, 41, { abs: 1e-9 }, 'cycle at 80 %');
  assertClose(r.cyclesToThreshold ?? NaN, 40, { abs: 1e-9 });
  // EE = (Q_dis·3.7)/(Q_ch·3.9) = 0.99·3.7/3.9
  assertClose(r.cycles[0].energyEfficiencyPct ?? NaN, (100 * 0.99 * 3.7) / 3.9, { rel: 1e-12 }, 'energy efficiency');
  assertClose(r.cycles[0].voltageHysteresisV ?? NaN, 0.2, { rel: 1e-12 }, 'hysteresis');
  assertClose(r.cycles[0].dischargeCapacityMah ?? NaN, 2, { rel: 1e-12 });
  assertClose(r.firstCycleCoulombicEfficiencyPct ?? NaN, 99, { rel: 1e-12 });
});

test('cycling: a summary without any capacity is an AnalysisError', () => {
  assert.throws(() => analyzeCycling({ convention: 'discharge/charge', referenceCycle: undefined, cycles: [row(0, 0, 0, 0, 0, NaN)] }), AnalysisError);
});

test('cycling: retention already below 80 % at the first complete cycle is reported there, never extrapolated backwards', () => {
  const cycles: CycleRowInput[] = [row(0, 0, 3e-3, 0, 3e-3 * 3.7, 100)];
  for (let c = 1; c <= 5; c++) cycles.push(row(c, 2.3e-3, 2.2e-3 - 0.05e-3 * c, 2.3e-3 * 3.9, (2.2e-3 - 0.05e-3 * c) * 3.7, (100 * (2.2e-3 - 0.05e-3 * c)) / 3e-3));
  const r = analyzeCycling({ convention: 'discharge/charge', referenceCycle: 0, cycles });
  assert.equal(r.cyclesToThresholdKind, 'observed');
  assert.equal(r.cycleAtThreshold, 1);
  // a flat record whose noisy fade line would "cross" 80 % in the past is not extrapolated
  const flat = [90, 91, 89.5, 90.5, 90].map((ret, k) => row(k + 1, 2e-3, 2e-3 * ret / 100, 0, 0, ret));
  const f = analyzeCycling({ convention: 'discharge/charge', referenceCycle: 1, cycles: flat });
  assert.ok(f.cycleAtThreshold === null || f.cycleAtThreshold > 5);
});
