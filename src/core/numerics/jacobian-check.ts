/**
 * Diagnostics for model authors: does the analytic Jacobian (or the model's own linear solver) agree
 * with finite differences of the residual? A wrong Jacobian entry does not make the BDF solver wrong —
 * Newton converges to F = 0 regardless — but it makes it slow (more iterations, more factorisations,
 * smaller steps), which is hard to see. These checks allocate and are meant for tests, not for time loops.
 */
import { BandMatrix } from './band-matrix.js';
import type { DaeLinearSolver, DaeProblem } from './dae-problem.js';

export interface BandJacobianCheck {
  /** Largest |J_analytic − J_fd| / (|J_fd| + scale), over the band. */
  maxRelError: number;
  /** Where it occurs (row = equation, col = unknown), and the two values. */
  row: number;
  col: number;
  analytic: number;
  finiteDifference: number;
}

/**
 * Compare problem.jacobian(t, y, yp, cj) with central differences of the residual, entry by entry
 * over the band. `scale` (default: 1e-8 × the largest |J| entry) keeps entries that are zero in
 * both from dominating the relative error. Central differences with h_j = ε^(1/3)·max(|y_j|, 1)
 * are accurate to ~1e-10 relative for smooth residuals.
 */
export function checkBandJacobian(problem: DaeProblem, t: number, y: Float64Array, yp: Float64Array, cj: number, scale?: number): BandJacobianCheck {
  const n = problem.n;
  const kl = Math.min(problem.lowerBandwidth ?? n - 1, n - 1);
  const ku = Math.min(problem.upperBandwidth ?? n - 1, n - 1);
  if (problem.jacobian === undefined) throw new RangeError('checkBandJacobian: the problem has no jacobian()');
  const J = new BandMatrix(n, kl, ku);
  problem.jacobian(t, y, yp, cj, J);
  const yw = Float64Array.from(y);
  const ypw = Float64Array.from(yp);
  const rp = new Float64Array(n);
  const rm = new Float64Array(n);
  const fd = new BandMatrix(n, kl, ku);
  const cbrtEps = 6.055454452393343e-6;
  for (let j = 0; j < n; j++) {
    const h = cbrtEps * Math.max(Math.abs(y[j]), 1);
    yw[j] = y[j] + h;
    ypw[j] = yp[j] + cj * h;
    problem.residual(t, yw, ypw, rp);
    yw[j] = y[j] - h;
    ypw[j] = yp[j] - cj * h;
    problem.residual(t, yw, ypw, rm);
    yw[j] = y[j];
    ypw[j] = yp[j];
    for (let i = 0; i < n; i++) {
      const d = (rp[i] - rm[i]) / (2 * h);
      if (fd.inBand(i, j)) fd.set(i, j, d);
      else if (d !== 0) {
        // A dependence outside the declared band is itself a bug: report it as a full error.
        return { maxRelError: Infinity, row: i, col: j, analytic: 0, finiteDifference: d };
      }
    }
  }
  let big = 0;
  for (let j = 0; j < n; j++) for (let i = Math.max(0, j - ku); i <= Math.min(n - 1, j + kl); i++) big = Math.max(big, Math.abs(fd.get(i, j)));
  const s = scale ?? 1e-8 * big + 1e-300;
  const worst: BandJacobianCheck = { maxRelError: 0, row: -1, col: -1, analytic: 0, finiteDifference: 0 };
  for (let j = 0; j < n; j++) {
    for (let i = Math.max(0, j - ku); i <= Math.min(n - 1, j + kl); i++) {
      const a = J.get(i, j);
      const f = fd.get(i, j);
      const e = Math.abs(a - f) / (Math.abs(f) + s);
      if (!(e <= worst.maxRelError)) {
        worst.maxRelError = e;
        worst.row = i;
        worst.col = j;
        worst.analytic = a;
        worst.finiteDifference = f;
      }
    }
  }
  return worst;
}

export interface LinearSolverCheck {
  /** max_i |x_i − v_i| / max_i |v_i| over the probe vectors, where x = J⁻¹·(J·v by differences). */
  maxRelError: number;
  /** The component with the largest error (points at the unknown whose Jacobian column is off). */
  component: number;
}

/**
 * Check any DaeLinearSolver (e.g. a model's structured solver) without access to its matrix: for
 * probe vectors v, form J·v by central differences of the residual along (v, cj·v) and solve with
 * the solver; x should return v. Errors are amplified by the conditioning of J, so compare against
 * a known-good reference (e.g. the band solver on the same model) rather than an absolute bound.
 */
export function checkLinearSolver(problem: DaeProblem, solver: DaeLinearSolver, t: number, y: Float64Array, yp: Float64Array, cj: number, probes = 3, seed = 1): LinearSolverCheck {
  const n = problem.n;
  if (!solver.setup(t, y, yp, cj)) return { maxRelError: Infinity, component: -1 };
  const yw = new Float64Array(n);
  const ypw = new Float64Array(n);
  const rp = new Float64Array(n);
  const rm = new Float64Array(n);
  const v = new Float64Array(n);
  let s = seed >>> 0 || 1;
  let worst = 0;
  let where = -1;
  for (let p = 0; p < probes; p++) {
    let vmax = 0;
    for (let i = 0; i < n; i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      // Probe entries scaled like the unknowns, so each column is exercised at its own size.
      v[i] = (s / 4294967296 - 0.5) * Math.max(Math.abs(y[i]), 1e-3);
      vmax = Math.max(vmax, Math.abs(v[i]));
    }
    const eps = 6.055454452393343e-6;
    for (let i = 0; i < n; i++) {
      yw[i] = y[i] + eps * v[i];
      ypw[i] = yp[i] + cj * eps * v[i];
    }
    problem.residual(t, yw, ypw, rp);
    for (let i = 0; i < n; i++) {
      yw[i] = y[i] - eps * v[i];
      ypw[i] = yp[i] - cj * eps * v[i];
    }
    problem.residual(t, yw, ypw, rm);
    for (let i = 0; i < n; i++) rp[i] = (rp[i] - rm[i]) / (2 * eps);
    solver.solve(rp);
    for (let i = 0; i < n; i++) {
      const e = Math.abs(rp[i] - v[i]) / vmax;
      if (!(e <= worst)) {
        worst = e;
        where = i;
      }
    }
  }
  return { maxRelError: worst, component: where };
}
