/**
 * A discharge that ends when a particle surface saturates stops at a well-defined point at the
 * default tolerance. The surface approaches its limit slowly, so the stop time is sensitive to the
 * reaction current j (algebraic); before simulate.ts put the algebraic unknowns into the error test near
 * a surface limit, capacities at rtol 3e-4 scattered by ±3 % between neighbouring parameter values
 * (124.2 → 120.7, 122.6, 126.1, 125.6 mAh/g for D_s +0…3 %, against a smooth 124.1 → 125.8).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from '../../../src/core/sim/simulate.js';
import { parseExperiment } from '../../../src/core/sim/experiment.js';
import { gao2025Ncm811 } from '../../../src/core/sim/presets/gao2025.js';
import { constantFunction } from '../../../src/core/sim/parameters.js';

test('2C capacity of the NCM811 preset is a smooth, increasing function of D_s at the default tolerance', () => {
  const base = gao2025Ncm811({ llzo: true, loadingMgPerCm2: 15 });
  const ds = [0, 1, 2, 3, 4].map((k) => 2.5e-15 * (1 + 0.01 * k));
  const caps = ds.map((d) => {
    const p = { ...base, positive: { ...base.positive, diffusivity: constantFunction(d), bruggemanElectrolyte: 1.9 } };
    const r = simulate(p, parseExperiment('Discharge at 2C until 3.0 V', { oneCAPerM2: p.oneCAPerM2, areaM2: p.areaM2 }), { cells: [1, 20, 20], shells: 20 });
    assert.match(r.steps[0].endReason, /surface saturated/, 'the run ends on the surface limit, the case this is about');
    return r.capacityMahPerG as number;
  });
  // least-squares line through the five points; every point within 0.4 mAh/g of it, slope positive
  const n = caps.length;
  const xm = (n - 1) / 2;
  const ym = caps.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let k = 0; k < n; k++) {
    sxy += (k - xm) * (caps[k] - ym);
    sxx += (k - xm) ** 2;
  }
  const slope = sxy / sxx;
  assert.ok(slope > 0.3 && slope < 1, `capacity per 1 % of D_s: ${slope} mAh/g (${caps.join(', ')})`);
  for (let k = 0; k < n; k++) {
    const dev = caps[k] - (ym + slope * (k - xm));
    assert.ok(Math.abs(dev) < 0.4, `D_s +${k} %: ${caps[k]} mAh/g is ${dev} off the line (${caps.join(', ')})`);
  }
});
