/**
 * A fixed-step implicit-Euler integrator for DaeProblems with a linearSolver — for debugging and tests
 * only (the shipped solver is numerics/bdf.ts). Newton with a fresh Jacobian every iteration.
 */
import type { DaeProblem } from '../../../../src/core/numerics/dae-problem.js';

export function implicitEulerStep(p: DaeProblem, t: number, h: number, y: Float64Array, yOld: Float64Array, yp: Float64Array, maxIt = 20): number {
  const n = p.n;
  const r = new Float64Array(n);
  const ls = p.linearSolver!;
  let it = 0;
  for (; it < maxIt; it++) {
    for (let i = 0; i < n; i++) yp[i] = p.differential[i] ? (y[i] - yOld[i]) / h : 0;
    p.residual(t + h, y, yp, r);
    if (!ls.setup(t + h, y, yp, 1 / h)) throw new Error('singular Jacobian');
    ls.solve(r);
    let m = 0;
    for (let i = 0; i < n; i++) {
      y[i] -= r[i];
      m = Math.max(m, Math.abs(r[i]) / (1e-6 * Math.abs(y[i]) + 1e-9));
    }
    if (m < 1) return it + 1;
  }
  throw new Error(`Newton did not converge at t=${t}`);
}
