/**
 * Closed-form material-function shapes used by the presets (open-circuit potentials, electrolyte
 * transport), each with its exact derivative for the analytic Jacobian.
 */
import type { MaterialFunction } from './parameters.js';

/**
 * tanh(z) as 1 − 2/(1 + e^{2z}): one exponential is cheaper than Math.tanh in V8 (≈ 20 % on the OCP
 * fits, evaluated per electrode cell in every residual); absolute difference ≤ 4e-16, exact ±1 limits.
 */
function fastTanh(z: number): number {
  return 1 - 2 / (1 + Math.exp(2 * z));
}

/**
 * U(x) = c0 + c1·x + Σ E·exp(λ·x) + Σ A·tanh(p + q·s·x): the form of the DUALFOIL/Marquis and
 * Chen 2020 OCP fits (s is an optional stoichiometry stretch, 1.062 for Marquis' LiCoO2).
 */
export class TanhExpFit implements MaterialFunction {
  private readonly e: Float64Array;
  private readonly t: Float64Array;
  /** f′ at the last fdf() argument. */
  lastDerivative = 0;
  constructor(
    private readonly c0: number,
    private readonly c1: number,
    exps: ReadonlyArray<readonly [number, number]>,
    tanhs: ReadonlyArray<readonly [number, number, number]>,
    private readonly stretch = 1,
  ) {
    this.e = Float64Array.from(exps.flat());
    this.t = Float64Array.from(tanhs.flat());
  }
  f(x: number): number {
    let u = this.c0 + this.c1 * x;
    const e = this.e;
    for (let k = 0; k < e.length; k += 2) u += e[k] * Math.exp(e[k + 1] * x);
    const s = this.stretch * x;
    const t = this.t;
    for (let k = 0; k < t.length; k += 3) u += t[k] * fastTanh(t[k + 1] + t[k + 2] * s);
    return u;
  }
  /** The function as a BPX (Python-syntax) expression in x, every number at full precision. */
  toExpression(): string {
    const parts: string[] = [String(this.c0)];
    if (this.c1 !== 0) parts.push(`${this.c1} * x`);
    for (let k = 0; k < this.e.length; k += 2) parts.push(`${this.e[k]} * exp(${this.e[k + 1]} * x)`);
    const s = this.stretch === 1 ? 'x' : `(${this.stretch} * x)`;
    for (let k = 0; k < this.t.length; k += 3) parts.push(`${this.t[k]} * tanh(${this.t[k + 1]} + ${this.t[k + 2]} * ${s})`);
    return parts.join(' + ');
  }
  fdf(x: number): number {
    let u = this.c0 + this.c1 * x;
    let d = this.c1;
    const e = this.e;
    for (let k = 0; k < e.length; k += 2) {
      const v = e[k] * Math.exp(e[k + 1] * x);
      u += v;
      d += v * e[k + 1];
    }
    const s = this.stretch * x;
    const t = this.t;
    for (let k = 0; k < t.length; k += 3) {
      const th = fastTanh(t[k + 1] + t[k + 2] * s);
      u += t[k] * th;
      d += t[k] * t[k + 2] * this.stretch * (1 - th * th);
    }
    this.lastDerivative = d;
    return u;
  }
  df(x: number): number {
    let d = this.c1;
    const e = this.e;
    for (let k = 0; k < e.length; k += 2) d += e[k] * e[k + 1] * Math.exp(e[k + 1] * x);
    const s = this.stretch * x;
    const t = this.t;
    for (let k = 0; k < t.length; k += 3) {
      const th = fastTanh(t[k + 1] + t[k + 2] * s);
      d += t[k] * t[k + 2] * this.stretch * (1 - th * th);
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
  private readonly a: Float64Array;
  private readonly p: Float64Array;
  constructor(
    terms: ReadonlyArray<readonly [number, number]>,
    private readonly scale = 1,
  ) {
    this.a = Float64Array.from(terms.map((t) => t[0]));
    this.p = Float64Array.from(terms.map((t) => t[1]));
  }
  toExpression(): string {
    const z = this.scale === 1 ? 'x' : `(x / ${this.scale})`;
    return Array.from(this.a, (a, k) => (this.p[k] === 0 ? String(a) : `${a} * ${z} ** ${this.p[k]}`)).join(' + ');
  }
  private static pow(z: number, e: number): number {
    return e === 1 ? z : e === 2 ? z * z : e === 3 ? z * z * z : e === 0 ? 1 : Math.pow(z, e);
  }
  f(x: number): number {
    const z = x / this.scale;
    let s = 0;
    for (let k = 0; k < this.a.length; k++) s += this.a[k] * PowerSeries.pow(z, this.p[k]);
    return s;
  }
  df(x: number): number {
    const z = x / this.scale;
    let s = 0;
    for (let k = 0; k < this.a.length; k++) if (this.p[k] !== 0) s += this.a[k] * this.p[k] * PowerSeries.pow(z, this.p[k] - 1);
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
  toExpression(): string {
    return `${this.A} * exp(${this.b} * x / ${this.scale})`;
  }
  df(x: number): number {
    return ((this.A * this.b) / this.scale) * Math.exp((this.b * x) / this.scale);
  }
}
