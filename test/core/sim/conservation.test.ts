/**
 * Conservation over a full 1C discharge of the Marquis2019 cell (finite volumes make every flux leave
 * one cell and enter the next, so these hold to the Newton tolerance, not to the discretisation error):
 *   - salt in the electrolyte, Σ ε·Δx·c_e, is constant (no salt crosses the current collectors);
 *   - lithium in the solids, Σ ε_s·Δx·c̄_s over both electrodes, is constant;
 *   - charge: F × (lithium gained by the positive) = ∫ I dt.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Simulation } from '../../../src/core/sim/simulate.js';
import { parseExperiment } from '../../../src/core/sim/experiment.js';
import { marquis2019 } from '../../../src/core/sim/presets/marquis2019.js';
import type { P2DModel } from '../../../src/core/sim/p2d-model.js';
import { FARADAY } from '../../../src/core/units.js';

function inventories(m: P2DModel, y: Float64Array): { salt: number; solidNeg: number; solidPos: number } {
  const l = m.layout;
  let salt = 0;
  let solidNeg = 0;
  let solidPos = 0;
  for (let i = 0; i < l.nx; i++) {
    const dx = m.mesh.dx[i];
    salt += m.porosityAt(i) * dx * y[l.ce[i]];
    const e = m.electrodeAt(i);
    if (!e) continue;
    const li = e.activeFraction * dx * m.averageConcentration(y, i);
    if (m.mesh.domain[i] === 0) solidNeg += li;
    else solidPos += li;
  }
  return { salt, solidNeg, solidPos };
}

test('Marquis2019 1C discharge conserves salt, lithium and charge to ≤ 1e-9 relative', () => {
  const p = marquis2019();
  const sim = new Simulation(p, { rtol: 1e-6 });
  const m = sim.model;
  const y0 = new Float64Array(m.n);
  m.initialState(y0, 24);
  const before = inventories(m, y0);
  const r = sim.run(parseExperiment('Discharge at 1C for 1 hour', { oneCAPerM2: 24, areaM2: p.areaM2 }));
  assert.equal(r.stopReason, '');
  const after = inventories(m, sim.solver.y);
  const saltErr = Math.abs(after.salt - before.salt) / before.salt;
  const totalBefore = before.solidNeg + before.solidPos;
  const solidErr = Math.abs(after.solidNeg + after.solidPos - totalBefore) / totalBefore;
  // charge passed: 24 A/m² for 3600 s (plus the 1 µs consistent-initialisation step)
  const charge = 24 * (3600 + 1e-6);
  const chargeErr = Math.abs(FARADAY * (after.solidPos - before.solidPos) - charge) / charge;
  console.log(`relative errors: salt ${saltErr.toExponential(2)}, solid Li ${solidErr.toExponential(2)}, charge ${chargeErr.toExponential(2)}`);
  assert.ok(saltErr <= 1e-9, `salt ${saltErr}`);
  assert.ok(solidErr <= 1e-9, `solid lithium ${solidErr}`);
  assert.ok(chargeErr <= 1e-9, `charge ${chargeErr}`);
  // the reported capacity is the same charge in Ah over the preset's area
  assert.ok(Math.abs(r.capacityAh - (24 * 3600 * p.areaM2) / 3600) < 1e-9);
});
