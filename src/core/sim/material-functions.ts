/**
 * Closed-form material-function shapes used by the presets (open-circuit potentials, electrolyte
 * transport), each with its exact derivative for the analytic Jacobian.
 */
import type { MaterialFunction } from './parameters.js';

/**
 * U(x) = c0 + c1·x + Σ E·exp(λ·x) + Σ A·tanh(p + q·s·x): the form of the DUALFOIL/Marquis and
 * Chen 2020 OCP fits (s is an optional stoichiometry stretch, 1.062 for Marquis' LiCoO2).
 */
export class TanhExpFit implements MaterialFunction {
  constructor(
    private readonly c0: number,
    private readonly c1: number,
    private readonly exps: ReadonlyArray<readonly [number, number]>,
    private readonly tanhs: ReadonlyArray<readonly [number, number, number]>,
    private readonly stretch = 1,
  ) {}
  f(x: number): number {
    let u = this.c0 + this.c1 * x;
    for (const [E, lam] of this.exps) u += E * Math.exp(lam * x);
    const s = this.stretch * x;
    for (const [A, p, q] of this.tanhs) u += A * Math.tanh(p + q * s);
    return u;
  }
  df(x: number): number {
    let d = this.c1;
    for (const [E, lam] of this.exps) d += E * lam * Math.exp(lam * x);
    const s = this.stretch * x;
    for (const [A, p, q] of this.tanhs) {
      const t = Math.tanh(p + q * s);
      d += A * q * this.stretch * (1 - t * t);
    }
    return d;
  }
}

/** A·tanh((x − b)/w) written as A·tanh(p + q·x). */
export function tanhTerm(A: number, b: number, w: number): readonly [number, number, number] {
  return [A, -b / w, 1 / w];
}

/** Polynomial Σ a_k·(x/scale)^{e_k} with real exponents (κ fits in mol/L). */
export class PowerSeries implements MaterialFunction {
  constructor(
    private readonly terms: ReadonlyArray<readonly [number, number]>,
    private readonly scale = 1,
  ) {}
  f(x: number): number {
    const z = x / this.scale;
    let s = 0;
    for (const [a, e] of this.terms) s += e === 0 ? a : a * Math.pow(z, e);
    return s;
  }
  df(x: number): number {
    const z = x / this.scale;
    let s = 0;
    for (const [a, e] of this.terms) if (e !== 0) s += a * e * Math.pow(z, e - 1);
    return s / this.scale;
  }
}

/** A·exp(b·x/scale). */
export class ExpFunction implements MaterialFunction {
  constructor(
    private readonly A: number,
    private readonly b: number,
    private readonly scale = 1,
  ) {}
  f(x: number): number {
    return this.A * Math.exp((this.b * x) / this.scale);
  }
  df(x: number): number {
    return ((this.A * this.b) / this.scale) * Math.exp((this.b * x) / this.scale);
  }
}
