/**
 * Per-cycle summary: hand calculations on small synthetic series, the reset-counter rule, the CE
 * convention switch, mass normalisation, batch invariance, and a check against EC-Lab's own per-cycle
 * numbers (the "Q charge/mA.h", "Q discharge/mA.h" and "Efficiency/%" columns of gcpl.pr_182.1.mpt,
 * which EC-Lab computes itself) from our reading of the .mpr, which stores none of them.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertClose } from '../../helpers/close.js';
import { readFixtureBytes } from '../../helpers/fixtures.js';
import { CycleSummaryBuilder, summariseCycles } from '../../../src/core/io/cycle-summary.js';
import { NeumaierSum } from '../../../src/core/numerics/neumaier-sum.js';
import type { Measurement, StandardColumn } from '../../../src/core/io/measurement.js';
import { readMpr } from '../../../src/core/io/biologic/mpr.js';
import { readMpt } from '../../../src/core/io/biologic/mpt.js';
import { InputError } from '../../../src/core/errors.js';

function meas(cols: Partial<Record<StandardColumn, number[]>>): Measurement {
  const columns: Partial<Record<StandardColumn, Float64Array>> = {};
  let rows = 0;
  for (const [k, v] of Object.entries(cols)) {
    columns[k as StandardColumn] = Float64Array.from(v);
    rows = v.length;
  }
  return { format: 'test', source: 'synthetic', rows, columns, raw: [], metadata: {}, warnings: [] };
}

// 1 A for 1 h at 4 V, then −0.5 A for 2 h at 3 V (the repeated time 3600 s has dt = 0 and adds nothing):
// trapezoid Q_ch = 1 A · 1 h = 1 Ah, E_ch = 4 Wh; Q_dis = 0.5 A · 2 h = 1 Ah, E_dis = 3 Wh.
const ONE_CYCLE = {
  time_s: [0, 1800, 3600, 3600, 7200, 10800],
  current_A: [1, 1, 1, -0.5, -0.5, -0.5],
  voltage_V: [4, 4, 4, 3, 3, 3],
};

describe('per-cycle summary', () => {
  it('integrates I and V·I when the file has no capacity columns (hand calculation)', () => {
    const s = summariseCycles(meas(ONE_CYCLE));
    assert.equal(s.cycles.length, 1);
    const c = s.cycles[0];
    assertClose(c.chargeCapacityAh, 1, { rel: 1e-15 });
    assertClose(c.dischargeCapacityAh, 1, { rel: 1e-15 });
    assertClose(c.chargeEnergyWh, 4, { rel: 1e-15 });
    assertClose(c.dischargeEnergyWh, 3, { rel: 1e-15 });
    assertClose(c.averageChargeVoltageV, 4, { rel: 1e-15 });
    assertClose(c.averageDischargeVoltageV, 3, { rel: 1e-15 });
    assertClose(c.coulombicEfficiencyPct, 100, { rel: 1e-15 });
    assert.equal(c.startTimeS, 0);
    assert.equal(c.endTimeS, 10800);
    assert.ok(s.notes.some((n) => n.includes('∫ I dt')));
  });

  it('sums capacity-column increments, a drop being a counter restart: 0.2 + 0.1 = 0.3 Ah', () => {
    const s = summariseCycles(meas({ chargeCapacity_Ah: [0, 0.1, 0.2, 0, 0.05, 0.1], dischargeCapacity_Ah: [0, 0, 0, 0, 0, 0] }));
    assertClose(s.cycles[0].chargeCapacityAh, 0.3, { rel: 1e-15 });
    assert.equal(s.cycles[0].dischargeCapacityAh, 0);
    assert.ok(Number.isNaN(s.cycles[0].coulombicEfficiencyPct) === false);
    assert.equal(s.cycles[0].coulombicEfficiencyPct, 0);
  });

  it('missing readings (NaN) add nothing: capacity counters and ∫ I dt skip them', () => {
    const s = summariseCycles(meas({ chargeCapacity_Ah: [0, 0.1, NaN, 0.2, 0, NaN, 0.1], dischargeCapacity_Ah: [NaN, 0, 0, 0, 0, 0, 0] }));
    assertClose(s.cycles[0].chargeCapacityAh, 0.3, { rel: 1e-15 });
    assert.equal(s.cycles[0].dischargeCapacityAh, 0);
    // A NaN current at t = 1800 s: the trapezoid runs from 0 to 3600 s on the two valid points: 1 Ah.
    const t = summariseCycles(meas({ time_s: [0, 1800, 3600], current_A: [1, NaN, 1], voltage_V: [4, 4, 4] }));
    assertClose(t.cycles[0].chargeCapacityAh, 1, { rel: 1e-15 });
    // A first row without current must not integrate from t = 0.
    const u = summariseCycles(meas({ time_s: [100, 3700, 7300], current_A: [NaN, 1, 1], voltage_V: [4, 4, 4] }));
    assertClose(u.cycles[0].chargeCapacityAh, 1, { rel: 1e-15 });
  });

  it('CE convention, retention against a chosen cycle, mAh/g and mAh/cm²', () => {
    // cycle 1: ch 1.0, dis 0.9 Ah; cycle 2: ch 0.9, dis 0.72 Ah.
    const m = meas({
      cycle: [1, 1, 1, 1, 2, 2, 2, 2],
      chargeCapacity_Ah: [0, 1.0, 0, 0, 0, 0.9, 0, 0],
      dischargeCapacity_Ah: [0, 0, 0.5, 0.9, 0, 0, 0.4, 0.72],
    });
    const s = summariseCycles(m, { activeMassKg: 5e-3, electrodeAreaM2: 2e-4 });
    assert.equal(s.convention, 'discharge/charge');
    assertClose(s.cycles[0].coulombicEfficiencyPct, 90, { rel: 1e-13 });
    assertClose(s.cycles[1].coulombicEfficiencyPct, 80, { rel: 1e-13 });
    assert.equal(s.referenceCycle, 1);
    assertClose(s.cycles[1].retentionPct, 80, { rel: 1e-13 }); // 0.72 / 0.9
    // 0.9 Ah = 900 mAh over 5 g = 180 mAh/g; over 2 cm² = 450 mAh/cm².
    assertClose(s.cycles[0].dischargeCapacityMahPerG!, 180, { rel: 1e-13 });
    assertClose(s.cycles[0].dischargeCapacityMahPerCm2!, 450, { rel: 1e-13 });
    const flipped = summariseCycles(m, { convention: 'charge/discharge', referenceCycle: 2 });
    assertClose(flipped.cycles[0].coulombicEfficiencyPct, (100 * 1.0) / 0.9, { rel: 1e-13 });
    assertClose(flipped.cycles[0].retentionPct, (100 * 1.0) / 0.9, { rel: 1e-13 }); // charge 1.0 vs cycle 2's 0.9
    assert.throws(() => summariseCycles(m, { referenceCycle: 7 }), InputError);
    assert.throws(() => summariseCycles(m, { activeMassKg: -1 }), InputError);
  });

  it('gives the same table whether the rows come in one batch or many', () => {
    const m = readMpr(readFixtureBytes('cyclers', 'gcpl.pr_182.1.mpr'), 'gcpl.pr_182.1.mpr');
    const whole = summariseCycles(m);
    const b = new CycleSummaryBuilder();
    for (let start = 0; start < m.rows; start += 97) {
      const end = Math.min(m.rows, start + 97);
      const cols: Partial<Record<StandardColumn, Float64Array>> = {};
      for (const [k, v] of Object.entries(m.columns)) cols[k as StandardColumn] = v!.slice(start, end);
      b.add(cols, end - start);
    }
    assert.deepEqual(b.finish({ activeMassKg: m.metadata.activeMassKg }), whole);
  });

  it('gcpl.pr_182.1.mpr: per-cycle capacities equal EC-Lab\'s own per-cycle Q charge / Q discharge and Efficiency/% from the .mpt', () => {
    const s = summariseCycles(readMpr(readFixtureBytes('cyclers', 'gcpl.pr_182.1.mpr'), 'gcpl.pr_182.1.mpr'));
    const t = readMpt(readFixtureBytes('cyclers', 'gcpl.pr_182.1.mpt'), 'gcpl.pr_182.1.mpt');
    const col = (n: string): Float64Array => t.raw.find((c) => c.name === n)!.values;
    const cyc = col('cycle number');
    const qc = col('Q charge/mA.h');
    const qd = col('Q discharge/mA.h');
    const eff = col('Efficiency/%');
    assert.deepEqual(s.cycles.map((c) => c.cycle), [0, 1, 2, 3, 4]);
    for (const c of s.cycles) {
      let maxQc = 0;
      let maxQd = 0;
      let lastEff = 0;
      for (let i = 0; i < t.rows; i++) {
        if (cyc[i] !== c.cycle) continue;
        maxQc = Math.max(maxQc, qc[i]);
        maxQd = Math.max(maxQd, qd[i]);
        lastEff = eff[i];
      }
      assertClose(c.chargeCapacityAh * 1000, maxQc, { rel: 1e-9, abs: 1e-15 }, `cycle ${c.cycle} charge mAh`);
      assertClose(c.dischargeCapacityAh * 1000, maxQd, { rel: 1e-9, abs: 1e-15 }, `cycle ${c.cycle} discharge mAh`);
      if (maxQc > 0 && maxQd > 0) assertClose(c.coulombicEfficiencyPct, lastEff, { rel: 1e-6 }, `cycle ${c.cycle} CE`);
    }
    // Hand check of cycle 1 from those numbers: 2.252434 / 2.616072 = 86.0999 %.
    assertClose(s.cycles[1].coulombicEfficiencyPct, 86.099854, { rel: 1e-6 });
  });

  it('Neumaier summation keeps what naive summation loses (1 + 1e100 + 1 − 1e100 = 2)', () => {
    const s = new NeumaierSum();
    for (const x of [1, 1e100, 1, -1e100]) s.add(x);
    assert.equal(s.value, 2);
    // 10⁶ increments of 0.1: naive summation drifts by ~1e-6 relative here; compensated is exact to 1 ulp.
    const k = new NeumaierSum();
    let naive = 0;
    for (let i = 0; i < 1_000_000; i++) {
      k.add(0.1);
      naive += 0.1;
    }
    assert.ok(Math.abs(k.value - 100000) <= 1.5e-11, `compensated ${k.value}`);
    assert.ok(Math.abs(naive - 100000) > 1e-7, `naive ${naive}`);
  });
});
