/**
 * Particle diffusion against the analytic solution for a sphere with a constant surface flux
 * (J. Crank, The Mathematics of Diffusion, 2nd ed., 1975, §6.3.4): with flux q out of the surface,
 *   c(R, t) = c0 − (qR/D)·[3τ + 1/5 − 2 Σ exp(−α_n² τ)/α_n²],   τ = D t / R²,   tan α_n = α_n,
 *   c̄(t)   = c0 − 3 q t / R.
 * A Marquis2019 cell with one finite volume per electrode has a uniform reaction current, so its
 * negative particle sees exactly q = I/(a·L·F).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Simulation } from '../../../src/core/sim/simulate.js';
import { parseExperiment } from '../../../src/core/sim/experiment.js';
import { marquis2019 } from '../../../src/core/sim/presets/marquis2019.js';
import { FARADAY } from '../../../src/core/units.js';

/** Positive roots of tan α = α, one in each (nπ, nπ + π/2). */
function roots(n: number): number[] {
  const out: number[] = [];
  for (let k = 1; k <= n; k++) {
    let a = k * Math.PI + Math.PI / 2 - 1e-3;
    for (let it = 0; it < 50; it++) {
      const f = Math.tan(a) - a;
      const df = 1 / Math.cos(a) ** 2 - 1;
      a -= f / df;
    }
    out.push(a);
  }
  return out;
}

function surfaceAnalytic(c0: number, q: number, R: number, D: number, t: number, alphas: number[]): number {
  const tau = (D * t) / (R * R);
  let s = 0;
  for (const a of alphas) s += Math.exp(-a * a * tau) / (a * a);
  return c0 - ((q * R) / D) * (3 * tau + 0.2 - 2 * s);
}

function run(shells: number, times: number[]) {
  const p = marquis2019();
  const sim = new Simulation(p, { cells: [1, 1, 1], shells, rtol: 1e-8, fieldTimesS: times });
  const r = sim.run(parseExperiment('Discharge at 1C for 1000 s', { oneCAPerM2: 24, areaM2: p.areaM2 }));
  assert.equal(r.stopReason, '');
  return { p, r };
}

test('negative particle surface and mean concentrations follow the constant-flux sphere solution', () => {
  const times = [30, 120, 400, 1000];
  const alphas = roots(400);
  const errs: number[] = [];
  for (const shells of [10, 20, 40]) {
    const { p, r } = run(shells, times);
    const neg = p.negative;
    assert.ok(neg.kind === 'porous');
    const a = (3 * neg.activeFraction) / neg.particleRadiusM;
    const q = 24 / (a * neg.thicknessM * FARADAY);
    let worst = 0;
    for (let k = 0; k < times.length; k++) {
      const snap = r.snapshots[k];
      const t = snap.time_s + 1e-6; // the consistent-initialisation micro-step
      const exact = surfaceAnalytic(neg.cInitMolPerM3, q, neg.particleRadiusM, 3.9e-14, t, alphas);
      const drop = neg.cInitMolPerM3 - exact;
      const mine = snap.negative!.c_s_surf_mol_per_m3[0];
      worst = Math.max(worst, Math.abs(mine - exact) / drop);
      // the mean concentration is exact (conservative finite volumes)
      const meanExact = neg.cInitMolPerM3 - (3 * q * t) / neg.particleRadiusM;
      assert.ok(Math.abs(snap.negative!.c_s_avg_mol_per_m3[0] - meanExact) < 1e-6 * neg.cInitMolPerM3, `mean at ${t} s`);
    }
    errs.push(worst);
  }
  console.log(`surface error / surface drop, 10/20/40 shells: ${errs.map((e) => e.toExponential(2)).join(', ')}`);
  assert.ok(errs[1] < 0.02 && errs[2] < 0.005, `20 shells: ${errs[1]}, 40 shells: ${errs[2]}`);
  assert.ok(errs[2] < errs[1] && errs[1] < errs[0], 'error falls as the shells are refined');
  // design order: second order in Δr (factor ≈ 4 per halving; at least 3)
  assert.ok(errs[1] / errs[2] > 3, `convergence ratio 20→40 shells ${errs[1] / errs[2]}`);
});
