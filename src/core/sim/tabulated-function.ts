/**
 * A material function replaced, on an interval, by a piecewise cubic Hermite interpolant of itself —
 * for the open-circuit potentials, which the P2D residual evaluates in every electrode cell at every
 * Newton iteration. The published OCP fits are sums of 6–9 tanh/exp terms (≈ 100 ns per call); the
 * interpolant is one table lookup and three multiply-adds.
 *
 * Accuracy is checked, not assumed: the table is built with N uniform intervals from the function's
 * values and exact derivatives at the knots, then compared with the function at three interior
 * points of every interval; N doubles (1024 … 65 536) until the largest difference is below
 * `tolerance` (default 1e-9 V: a thousand times below what a cycler resolves). A function that does
 * not meet it even at 65 536 intervals (e.g. one with a kink) is not tabulated — `tabulate` returns
 * the function itself. Outside the interval the function itself is evaluated.
 *
 * Cubic Hermite error: |f − p| ≤ h⁴·max|f⁗|/384 (de Boor, A Practical Guide to Splines, 2001, ch. IV),
 * so the steepest published term, graphite's 1.5·exp(−120·x) (Marquis 2019), needs h ≈ 1e-4.
 */
import type { MaterialFunction } from './parameters.js';

const MIN_INTERVALS = 1024;
const MAX_INTERVALS = 65536;

/** Tables already built, per function object and interval (a model is built many times in a study). */
const CACHE = new WeakMap<MaterialFunction, Map<string, MaterialFunction>>();

export class TabulatedFunction implements MaterialFunction {
  /** Per interval k, the cubic in t = (x − x_k)/h: coef[4k] + t·(coef[4k+1] + t·(coef[4k+2] + t·coef[4k+3])). */
  private readonly coef: Float64Array;
  private readonly invH: number;
  /** f′ at the last fdf() argument. */
  lastDerivative = 0;

  private constructor(
    readonly exact: MaterialFunction,
    private readonly lo: number,
    private readonly hi: number,
    readonly intervals: number,
    /** Largest |interpolant − function| found by the construction check. */
    readonly maxError: number,
    coef: Float64Array,
  ) {
    this.coef = coef;
    this.invH = intervals / (hi - lo);
  }

  /**
   * The function tabulated on [lo, hi] to within `tolerance`, or the function itself when it is
   * constant or no table up to 65 536 intervals meets the tolerance.
   */
  static tabulate(fn: MaterialFunction, lo: number, hi: number, tolerance = 1e-9): MaterialFunction {
    if (fn instanceof TabulatedFunction || fn.constantValue !== undefined) return fn;
    if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) throw new RangeError(`TabulatedFunction: expected lo < hi, found [${lo}, ${hi}]`);
    for (let n = MIN_INTERVALS; n <= MAX_INTERVALS; n *= 2) {
      const coef = buildCoefficients(fn, lo, hi, n);
      if (coef === null) return fn; // a non-finite value or derivative: leave the function alone
      const err = checkError(fn, coef, lo, hi, n, tolerance);
      if (err <= tolerance) return new TabulatedFunction(fn, lo, hi, n, err, coef);
    }
    return fn;
  }

  /** `tabulate` with the result kept per function object, interval and tolerance. */
  static cached(fn: MaterialFunction, lo: number, hi: number, tolerance = 1e-9): MaterialFunction {
    let byRange = CACHE.get(fn);
    if (byRange === undefined) {
      byRange = new Map();
      CACHE.set(fn, byRange);
    }
    const key = `${lo} ${hi} ${tolerance}`;
    let t = byRange.get(key);
    if (t === undefined) {
      t = TabulatedFunction.tabulate(fn, lo, hi, tolerance);
      byRange.set(key, t);
    }
    return t;
  }

  f(x: number): number {
    return this.fdf(x);
  }

  df(x: number): number {
    this.fdf(x);
    return this.lastDerivative;
  }

  /** f(x), leaving f′(x) in lastDerivative: the interval's cubic and its slope (three multiply-adds each). */
  fdf(x: number): number {
    const s = (x - this.lo) * this.invH;
    if (!(s >= 0 && s <= this.intervals)) {
      this.lastDerivative = this.exact.df(x);
      return this.exact.f(x);
    }
    let k = s | 0;
    if (k === this.intervals) k--;
    const t = s - k;
    const c = this.coef;
    const o = 4 * k;
    this.lastDerivative = (c[o + 1] + t * (2 * c[o + 2] + t * 3 * c[o + 3])) * this.invH;
    return c[o] + t * (c[o + 1] + t * (c[o + 2] + t * c[o + 3]));
  }
}

/** Power-form coefficients of the cubic Hermite interpolant on each of n uniform intervals. */
function buildCoefficients(fn: MaterialFunction, lo: number, hi: number, n: number): Float64Array | null {
  const h = (hi - lo) / n;
  const coef = new Float64Array(4 * n);
  let f0 = fn.f(lo);
  let d0 = fn.df(lo) * h;
  for (let k = 0; k < n; k++) {
    const x1 = k + 1 === n ? hi : lo + (k + 1) * h;
    const f1 = fn.f(x1);
    const d1 = fn.df(x1) * h;
    if (!Number.isFinite(f1) || !Number.isFinite(d1) || !Number.isFinite(f0) || !Number.isFinite(d0)) return null;
    // p(t) = f0 + d0·t + (3(f1 − f0) − 2d0 − d1)·t² + (2(f0 − f1) + d0 + d1)·t³
    const o = 4 * k;
    coef[o] = f0;
    coef[o + 1] = d0;
    coef[o + 2] = 3 * (f1 - f0) - 2 * d0 - d1;
    coef[o + 3] = 2 * (f0 - f1) + d0 + d1;
    f0 = f1;
    d0 = d1;
  }
  return coef;
}

/** Largest |p − f| at t = ¼, ½, ¾ of every interval (stops early once over the tolerance). */
function checkError(fn: MaterialFunction, coef: Float64Array, lo: number, hi: number, n: number, tolerance: number): number {
  const h = (hi - lo) / n;
  let worst = 0;
  for (let k = 0; k < n; k++) {
    const o = 4 * k;
    for (let q = 1; q <= 3; q++) {
      const t = 0.25 * q;
      const p = coef[o] + t * (coef[o + 1] + t * (coef[o + 2] + t * coef[o + 3]));
      const e = Math.abs(p - fn.f(lo + (k + t) * h));
      if (!(e <= worst)) worst = e; // NaN propagates as a failure
      if (!(worst <= tolerance)) return worst;
    }
  }
  return worst;
}
