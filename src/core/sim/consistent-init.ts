/**
 * Consistent initial values for the P2D DAE after a start or a step change (CC → CV, rest…): a Newton
 * solve of one backward-Euler step of negligible length h. With cj = 1/h huge the differential
 * unknowns stay put (to O(h)) while the algebraic ones (potentials, reaction currents, I) satisfy
 * their equations; y′ of the differential unknowns is then the backward-Euler difference quotient.
 * The step is a true, conservative time step, so no lithium is lost to the restart.
 *
 * Newton with a backtracking line search on the size of the Newton correction ‖J⁻¹F‖ (weighted), as
 * in IDA's initial-condition calculation (Brown, Hindmarsh & Petzold, SIAM J. Sci. Comput. 19, 1998),
 * since the exponential kinetics make full steps overshoot from a poor guess. Workspaces allocated once.
 */
import type { P2DModel } from './p2d-model.js';

export class ConsistentInitializer {
  private readonly y0: Float64Array;
  private readonly r: Float64Array;
  private readonly yTry: Float64Array;
  private readonly ypTry: Float64Array;
  private readonly rTry: Float64Array;
  /** Voltage of the last Newton iterate (for error messages when no consistent state exists). */
  lastVoltage = NaN;

  constructor(private readonly model: P2DModel) {
    const n = model.n;
    this.y0 = new Float64Array(n);
    this.r = new Float64Array(n);
    this.yTry = new Float64Array(n);
    this.ypTry = new Float64Array(n);
    this.rTry = new Float64Array(n);
  }

  /** Makes (y, yp) consistent at t. Returns false if Newton fails, leaving y as found on entry. */
  solve(t: number, y: Float64Array, yp: Float64Array, h = 1e-6, maxIterations = 40): boolean {
    if (!this.pass(t, y, yp, h, maxIterations)) return false;
    // With a double layer the potentials are differential: the first pass absorbed their jump into
    // y′; a second pass from the consistent state gives the true derivatives.
    if (this.model.hasDoubleLayer) return this.pass(t, y, yp, h, maxIterations);
    return true;
  }

  /** Weighted max norm of a Newton correction. */
  private norm(dx: Float64Array, y: Float64Array): number {
    const d = this.model.differential;
    let worst = 0;
    for (let i = 0; i < dx.length; i++) {
      // 1e-8 relative on algebraic unknowns: round-off in OCP fits with large cancelling terms (published
      // BPX fits have ±5e4 V coefficients) puts a floor near 1e-10 on j.
      const scale = d[i] ? 1e-9 * Math.abs(y[i]) + 1e-12 : 1e-8 * Math.abs(y[i]) + 1e-10;
      const q = Math.abs(dx[i]) / scale;
      if (!(q <= worst)) worst = q; // NaN propagates
    }
    return worst;
  }

  /** Plain Newton (potential updates capped at 0.5 V per iteration), then the line-search variant. */
  private pass(t: number, y: Float64Array, yp: Float64Array, h: number, maxIterations: number): boolean {
    return this.cappedNewton(t, y, yp, h, maxIterations) || this.lineSearchNewton(t, y, yp, h, maxIterations);
  }

  private cappedNewton(t: number, y: Float64Array, yp: Float64Array, h: number, maxIterations: number): boolean {
    const m = this.model;
    const n = m.n;
    const ls = m.linearSolver;
    const { y0, r } = this;
    const d = m.differential;
    y0.set(y);
    // Modified Newton: the factorisation is kept while the iteration contracts fast (each correction
    // ≤ 0.2× the one before); a factorisation costs several residual evaluations.
    let factored = false; // a factorisation (at this or an earlier iterate) exists
    let lastNorm = Infinity;
    let contraction = Infinity;
    for (let it = 0; it < maxIterations; it++) {
      for (let i = 0; i < n; i++) yp[i] = d[i] ? (y[i] - y0[i]) / h : 0;
      m.residual(t, y, yp, r);
      if (!factored || !(contraction <= 0.2)) {
        if (!ls.setup(t, y, yp, 1 / h)) break;
        factored = true;
      }
      ls.solve(r);
      const norm0 = this.norm(r, y);
      if (!Number.isFinite(norm0)) break;
      contraction = norm0 / lastNorm;
      lastNorm = norm0;
      let lambda = 1;
      for (let i = 0; i < n; i++) if (!d[i] && Math.abs(r[i]) > 0.5 && m.isPotential(i)) lambda = Math.min(lambda, 0.5 / Math.abs(r[i]));
      for (let i = 0; i < n; i++) y[i] -= lambda * r[i];
      this.lastVoltage = m.voltage(y);
      if (norm0 < 1 && lambda === 1) {
        for (let i = 0; i < n; i++) yp[i] = d[i] ? (y[i] - y0[i]) / h : 0;
        return true;
      }
    }
    y.set(y0);
    return false;
  }

  private lineSearchNewton(t: number, y: Float64Array, yp: Float64Array, h: number, maxIterations: number): boolean {
    const m = this.model;
    const n = m.n;
    const ls = m.linearSolver;
    const { y0, r, yTry, ypTry, rTry } = this;
    const d = m.differential;
    y0.set(y);
    for (let it = 0; it < maxIterations; it++) {
      for (let i = 0; i < n; i++) yp[i] = d[i] ? (y[i] - y0[i]) / h : 0;
      m.residual(t, y, yp, r);
      if (!ls.setup(t, y, yp, 1 / h)) break;
      ls.solve(r);
      const norm0 = this.norm(r, y);
      if (!Number.isFinite(norm0)) break;
      if (norm0 < 1) {
        for (let i = 0; i < n; i++) y[i] -= r[i];
        for (let i = 0; i < n; i++) yp[i] = d[i] ? (y[i] - y0[i]) / h : 0;
        this.lastVoltage = m.voltage(y);
        return true;
      }
      let lambda = 1;
      let accepted = false;
      for (let k = 0; k < 12; k++) {
        for (let i = 0; i < n; i++) {
          yTry[i] = y[i] - lambda * r[i];
          ypTry[i] = d[i] ? (yTry[i] - y0[i]) / h : 0;
        }
        m.residual(t, yTry, ypTry, rTry);
        ls.solve(rTry);
        const norm1 = this.norm(rTry, yTry);
        if (norm1 < norm0) {
          accepted = true;
          break;
        }
        lambda *= 0.5;
      }
      if (!accepted) break;
      y.set(yTry);
    }
    y.set(y0);
    return false;
  }
}
