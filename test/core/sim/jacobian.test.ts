/**
 * The analytic Jacobian J = ∂F/∂y + cj·∂F/∂y′ of the P2D model against central finite differences of
 * the residual, entry by entry, on small meshes and non-trivial states (after a partial discharge),
 * for every current closure (CC, CV, CP) and for the Li-metal cell with every option switched on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { P2DModel, MODE_CURRENT, MODE_POWER, MODE_VOLTAGE } from '../../../src/core/sim/p2d-model.js';
import { Simulation } from '../../../src/core/sim/simulate.js';
import { parseExperiment } from '../../../src/core/sim/experiment.js';
import { marquis2019 } from '../../../src/core/sim/presets/marquis2019.js';
import { gao2025Ncm811 } from '../../../src/core/sim/presets/gao2025.js';
import type { CellParameters } from '../../../src/core/sim/parameters.js';

/** A state after `seconds` of discharge at `cRate` on the given mesh. */
function stateAfter(p: CellParameters, opts: { cells: [number, number, number]; shells: number }, cRate: number, seconds: number): { model: P2DModel; y: Float64Array; yp: Float64Array } {
  const sim = new Simulation(p, { ...opts, fieldTimesS: [] });
  const steps = parseExperiment(`Discharge at ${cRate}C for ${seconds} s`, { oneCAPerM2: p.oneCAPerM2, areaM2: p.areaM2 });
  const r = sim.run(steps);
  assert.equal(r.stopReason, '', 'setup run completes');
  return { model: sim.model, y: Float64Array.from(sim.solver.y), yp: Float64Array.from(sim.solver.yp) };
}

function checkJacobian(model: P2DModel, y: Float64Array, yp: Float64Array, cj: number, label: string): void {
  const n = model.n;
  const J = model.linearSolver.jac;
  J.zero();
  model.assembleJacobian(0, y, yp, cj, J);
  const A = J.toDense();
  const rp = new Float64Array(n);
  const rm = new Float64Array(n);
  const yy = Float64Array.from(y);
  const yyp = Float64Array.from(yp);
  let worst = 0;
  let where = '';
  const rowScale = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) rowScale[i] = Math.max(rowScale[i], Math.abs(A[i * n + k]));
  for (let k = 0; k < n; k++) {
    const h = 1e-6 * Math.max(1e-3, Math.abs(y[k]));
    yy[k] = y[k] + h;
    yyp[k] = yp[k] + cj * h;
    model.residual(0, yy, yyp, rp);
    yy[k] = y[k] - h;
    yyp[k] = yp[k] - cj * h;
    model.residual(0, yy, yyp, rm);
    yy[k] = y[k];
    yyp[k] = yp[k];
    for (let i = 0; i < n; i++) {
      const fd = (rp[i] - rm[i]) / (2 * h);
      const an = A[i * n + k];
      const err = Math.abs(fd - an) / (1e-12 + rowScale[i]);
      if (err > worst) {
        worst = err;
        where = `row ${i}, column ${k}: analytic ${an}, finite difference ${fd}`;
      }
    }
  }
  assert.ok(worst < 2e-5, `${label}: worst relative Jacobian error ${worst.toExponential(2)} at ${where}`);
}

test('Li-ion (Marquis2019) Jacobian matches finite differences in CC, CV and CP', () => {
  const { model, y, yp } = stateAfter(marquis2019(), { cells: [3, 2, 3], shells: 5 }, 2, 900);
  for (const [mode, setPoint, label] of [
    [MODE_CURRENT, 48, 'CC'],
    [MODE_VOLTAGE, 3.7, 'CV'],
    [MODE_POWER, 170, 'CP'],
  ] as const) {
    model.mode = mode;
    model.setPoint = setPoint;
    checkJacobian(model, y, yp, 0.37, `Marquis2019 ${label}`);
  }
});

test('Li-metal | NCM811 + LLZO Jacobian with film resistance, double layer and c-dependent D_s matches finite differences', () => {
  const base = gao2025Ncm811({ loadingMgPerCm2: 20, llzo: true });
  const p: CellParameters = {
    ...base,
    negative: { ...(base.negative as Extract<CellParameters['negative'], { kind: 'li-metal' }>), filmResistanceOhmM2: 2e-3 },
    positive: {
      ...base.positive,
      filmResistanceOhmM2: 5e-4,
      doubleLayerFPerM2: 0.2,
      diffusivity: { f: (x: number) => 4e-15 * (1 + 2 * x * x), df: (x: number) => 4e-15 * 4 * x },
    },
  };
  const { model, y, yp } = stateAfter(p, { cells: [1, 3, 4], shells: 4 }, 1, 600);
  for (const [mode, setPoint, label] of [
    [MODE_CURRENT, 30, 'CC'],
    [MODE_VOLTAGE, 3.9, 'CV'],
    [MODE_POWER, 100, 'CP'],
  ] as const) {
    model.mode = mode;
    model.setPoint = setPoint;
    checkJacobian(model, y, yp, 2.5, `Li-metal ${label}`);
  }
});

test('the structured solver solves J·x = b to round-off (checked against the dense Jacobian)', () => {
  const { model, y, yp } = stateAfter(marquis2019(), { cells: [4, 3, 4], shells: 6 }, 1, 300);
  model.mode = MODE_VOLTAGE;
  model.setPoint = 3.75;
  const n = model.n;
  const ls = model.linearSolver;
  assert.ok(ls.setup(0, y, yp, 0.8));
  // rebuild the dense matrix (setup factors in place)
  const J = ls.jac;
  J.zero();
  model.assembleJacobian(0, y, yp, 0.8, J);
  const A = J.toDense();
  ls.setup(0, y, yp, 0.8);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.sin(1 + i);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += A[i * n + k] * x[k];
    b[i] = s;
  }
  const bb = Float64Array.from(b);
  ls.solve(b);
  // componentwise backward error: |A·x̂ − b|_i / (Σ_k |A_ik|·|x̂_k| + |b_i|)
  let worst = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    let scale = Math.abs(bb[i]);
    for (let k = 0; k < n; k++) {
      s += A[i * n + k] * b[k];
      scale += Math.abs(A[i * n + k] * b[k]);
    }
    worst = Math.max(worst, Math.abs(s - bb[i]) / scale);
  }
  assert.ok(worst < 1e-10, `componentwise backward error ${worst}`);
  let fwd = 0;
  for (let i = 0; i < n; i++) fwd = Math.max(fwd, Math.abs(b[i] - x[i]));
  assert.ok(fwd < 1e-5, `max |x − solve(A·x)| = ${fwd}`);
});
