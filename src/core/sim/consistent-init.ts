/**
 * Consistent initial values for the P2D DAE after a start or a step change (CC → CV, rest…): a Newton
 * solve of one backward-Euler step of negligible length h. With cj = 1/h huge the differential
 * unknowns stay put (to O(h)) while the algebraic ones (potentials, reaction currents, I) satisfy
 * their equations; y′ of the differential unknowns is then the backward-Euler difference quotient.
 * Workspaces allocated once.
 */
import type { P2DModel } from './p2d-model.js';

export class ConsistentInitializer {
  private readonly y0: Float64Array;
  private readonly r: Float64Array;
  constructor(private readonly model: P2DModel) {
    this.y0 = new Float64Array(model.n);
    this.r = new Float64Array(model.n);
  }

  /**
   * Makes (y, yp) consistent at t. Returns false if Newton fails (singular or non-finite), leaving y as found
   * on entry.
   */
  solve(t: number, y: Float64Array, yp: Float64Array, h = 1e-6, maxIterations = 30): boolean {
    if (!this.pass(t, y, yp, h, maxIterations)) return false;
    // With a double layer the potentials are differential: the first pass absorbed their jump into
    // y′; a second pass from the consistent state gives the true derivatives.
    if (this.model.hasDoubleLayer) return this.pass(t, y, yp, h, maxIterations);
    return true;
  }

  /**
   * One backward-Euler step of length h (its Newton iteration). The differential unknowns keep the
   * step's O(h) change: it is a true, conservative time step, so nothing is lost to the restart.
   */
  private pass(t: number, y: Float64Array, yp: Float64Array, h: number, maxIterations: number): boolean {
    const m = this.model;
    const n = m.n;
    const ls = m.linearSolver;
    const y0 = this.y0;
    const r = this.r;
    const d = m.differential;
    y0.set(y);
    for (let it = 0; it < maxIterations; it++) {
      for (let i = 0; i < n; i++) yp[i] = d[i] ? (y[i] - y0[i]) / h : 0;
      m.residual(t, y, yp, r);
      if (!ls.setup(t, y, yp, 1 / h)) break;
      ls.solve(r);
      let worst = 0;
      let finite = true;
      for (let i = 0; i < n; i++) {
        const dy = r[i];
        if (!Number.isFinite(dy)) finite = false;
        const scale = d[i] ? 1e-9 * Math.abs(y[i]) + 1e-12 : 1e-10 * Math.abs(y[i]) + 1e-12;
        const q = Math.abs(dy) / scale;
        if (q > worst) worst = q;
      }
      if (!finite) break;
      // damp huge potential jumps in the first iterations (exponential kinetics)
      let lambda = 1;
      for (let i = 0; i < n; i++) if (!d[i] && Math.abs(r[i]) > 0.5 && m.isPotential(i)) lambda = Math.min(lambda, 0.5 / Math.abs(r[i]));
      for (let i = 0; i < n; i++) y[i] -= lambda * r[i];
      if (worst < 1 && lambda === 1) {
        for (let i = 0; i < n; i++) yp[i] = d[i] ? (y[i] - y0[i]) / h : 0;
        return true;
      }
    }
    y.set(y0);
    return false;
  }
}
