/**
 * Distribution of relaxation times (DRT) by Tikhonov-regularised non-negative least squares.
 *
 * Model (e.g. Wan, Saccoccio, Chen & Ciucci, Electrochim. Acta 184, 483 (2015)):
 *   Z(ω) = R∞ (+ jωL) + ∫ γ(ln τ) / (1 + jωτ) d ln τ,
 * with γ piecewise constant on a log-τ grid from 1/(2π f_max) to 1/(2π f_min), widened by
 * `extendDecades` each side, `pointsPerDecade` points per decade. γ (Ω per unit ln τ) and R∞ are ≥ 0.
 * Rows are weighted by 1/|Z| so every frequency counts alike. The penalty is λ‖Dγ‖² with D the
 * first-difference operator (`order` 1) or second-difference (`order` 2).
 *
 * λ rule: generalised cross-validation (Golub, Heath & Wahba, Technometrics 21, 215 (1979)) on the
 * unconstrained Tikhonov problem, GCV(λ) = m‖Ax_λ − b‖² / (m − tr H_λ)², H_λ = A(AᵀA + λDᵀD)⁻¹Aᵀ,
 * minimised over λ = 10^(−16 … 0)·tr(AᵀA)/tr(DᵀD) (65 values); the NNLS solution is then computed
 * at that λ. On measured spectra GCV often picks the smallest λ (it under-smooths correlated errors);
 * γ is then shaped by non-negativity alone and the result carries a warning. A fixed `lambda` (same relative scale) overrides the rule.
 *
 * Peaks: local maxima of γ above 5 % of its maximum; each reports τ (parabolic refinement in ln τ),
 * f = 1/(2πτ), and its resistance ∫γ d ln τ between the neighbouring minima.
 */
import type { Spectrum } from './spectrum.js';
import { nnlsGram } from '../numerics/nnls.js';
import { AnalysisError, InputError, SolverError } from '../errors.js';

export interface DrtOptions {
  /** Grid density. @default 10 */
  pointsPerDecade?: number;
  /** Decades added beyond the measured range on each side. @default 1 */
  extendDecades?: number;
  /** Derivative order of the penalty (1 or 2). @default 1 */
  order?: 1 | 2;
  /** Relative λ (× tr(AᵀA)/tr(DᵀD)); 'gcv' chooses it. @default 'gcv' */
  lambda?: number | 'gcv';
  /** Include a series inductance (≥ 0): 'auto' when any Z″ > 0. @default 'auto' */
  inductance?: boolean | 'auto';
}

export interface DrtPeak {
  tauS: number;
  frequencyHz: number;
  /** γ at the peak, Ω (per unit ln τ). */
  gammaOhm: number;
  /** ∫γ d ln τ over the peak, Ω. */
  resistanceOhm: number;
}

export interface DrtResult {
  tauS: Float64Array;
  /** γ(ln τ) in Ω. */
  gammaOhm: Float64Array;
  rInfOhm: number;
  inductanceH: number;
  /** λ used (relative scale) and how it was chosen. */
  lambda: number;
  lambdaRule: 'gcv' | 'fixed';
  /** Non-fatal remarks, e.g. GCV choosing the edge of its λ range (the spectrum may hold non-KK noise). */
  warnings: string[];
  peaks: DrtPeak[];
  zFitReal: Float64Array;
  zFitImag: Float64Array;
  /** RMS of (Z − Ẑ)/|Z| over real and imaginary parts. */
  relativeRms: number;
}

function cholSolveInPlace(M: Float64Array, n: number, rhs: Float64Array, nrhs: number): boolean {
  // M (n×n, row-major) is overwritten by its Cholesky factor; rhs (n × nrhs, row-major) by the solution.
  for (let j = 0; j < n; j++) {
    let s = M[j * n + j];
    for (let k = 0; k < j; k++) s -= M[j * n + k] ** 2;
    if (!(s > 0)) return false;
    const d = Math.sqrt(s);
    M[j * n + j] = d;
    for (let i = j + 1; i < n; i++) {
      let t = M[i * n + j];
      for (let k = 0; k < j; k++) t -= M[i * n + k] * M[j * n + k];
      M[i * n + j] = t / d;
    }
  }
  for (let c = 0; c < nrhs; c++) {
    for (let i = 0; i < n; i++) {
      let v = rhs[i * nrhs + c];
      for (let k = 0; k < i; k++) v -= M[i * n + k] * rhs[k * nrhs + c];
      rhs[i * nrhs + c] = v / M[i * n + i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let v = rhs[i * nrhs + c];
      for (let k = i + 1; k < n; k++) v -= M[k * n + i] * rhs[k * nrhs + c];
      rhs[i * nrhs + c] = v / M[i * n + i];
    }
  }
  return true;
}

export function computeDrt(s: Spectrum, options: DrtOptions = {}): DrtResult {
  const N = s.frequencyHz.length;
  if (N < 5) throw new AnalysisError(`${s.source}: DRT needs at least 5 frequencies, found ${N}`);
  const ppd = options.pointsPerDecade ?? 10;
  const ext = options.extendDecades ?? 1;
  const order = options.order ?? 1;
  if (!(ppd >= 1 && ppd <= 100)) throw new InputError({ field: 'pointsPerDecade' }, 'a number between 1 and 100', String(ppd));
  if (order !== 1 && order !== 2) throw new InputError({ field: 'order' }, '1 or 2', String(order));
  let fMin = Infinity;
  let fMax = 0;
  let anyInductive = false;
  for (let i = 0; i < N; i++) {
    fMin = Math.min(fMin, s.frequencyHz[i]);
    fMax = Math.max(fMax, s.frequencyHz[i]);
    if (s.zImag[i] > 0) anyInductive = true;
  }
  const useL = options.inductance === 'auto' || options.inductance === undefined ? anyInductive : options.inductance;
  const lt0 = Math.log10(1 / (2 * Math.PI * fMax)) - ext;
  const lt1 = Math.log10(1 / (2 * Math.PI * fMin)) + ext;
  const nT = Math.max(5, Math.round((lt1 - lt0) * ppd) + 1);
  const tau = Float64Array.from({ length: nT }, (_, k) => Math.pow(10, lt0 + ((lt1 - lt0) * k) / (nT - 1)));
  const dln = (Math.LN10 * (lt1 - lt0)) / (nT - 1);
  const off = useL ? 2 : 1; // columns: R∞, (L), γ₀ … γ_{nT−1}
  const n = off + nT;
  const m = 2 * N;
  // A column-major m × n; b length m.
  const A = new Float64Array(m * n);
  const b = new Float64Array(m);
  for (let i = 0; i < N; i++) {
    const w = 2 * Math.PI * s.frequencyHz[i];
    const iz = 1 / Math.hypot(s.zReal[i], s.zImag[i]);
    if (!Number.isFinite(iz)) throw new AnalysisError(`${s.source}: point ${i + 1} has |Z| = 0`);
    b[i] = s.zReal[i] * iz;
    b[N + i] = s.zImag[i] * iz;
    A[i] = iz; // R∞
    if (useL) A[m + N + i] = w * iz;
    for (let k = 0; k < nT; k++) {
      const wt = w * tau[k];
      const d = 1 + wt * wt;
      A[(off + k) * m + i] = (dln / d) * iz;
      A[(off + k) * m + N + i] = (-dln * wt / d) * iz;
    }
  }
  const G = new Float64Array(n * n);
  const h = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    let sh = 0;
    for (let i = 0; i < m; i++) sh += A[a * m + i] * b[i];
    h[a] = sh;
    for (let c = 0; c <= a; c++) {
      let v = 0;
      for (let i = 0; i < m; i++) v += A[a * m + i] * A[c * m + i];
      G[a * n + c] = v;
      G[c * n + a] = v;
    }
  }
  // DᵀD for the γ block.
  const DtD = new Float64Array(n * n);
  const coef = order === 1 ? [-1, 1] : [1, -2, 1];
  for (let r = 0; r + coef.length <= nT; r++) {
    for (let a = 0; a < coef.length; a++) {
      for (let c = 0; c < coef.length; c++) DtD[(off + r + a) * n + off + r + c] += coef[a] * coef[c];
    }
  }
  let trG = 0;
  let trD = 0;
  for (let j = 0; j < n; j++) {
    trG += G[j * n + j];
    trD += DtD[j * n + j];
  }
  const scale = trG / trD;
  let bb = 0;
  for (let i = 0; i < m; i++) bb += b[i] * b[i];
  const Mx = new Float64Array(n * n);
  const tryLambda = (lam: number): number => {
    // Unconstrained ridge solve and trace of the influence matrix; returns GCV (Infinity if not SPD).
    for (let j = 0; j < n * n; j++) Mx[j] = G[j] + lam * scale * DtD[j];
    // A small absolute ridge on R∞/L keeps M SPD when the data barely determine them.
    for (let j = 0; j < off; j++) Mx[j * n + j] += 1e-12 * trG;
    const rhs = new Float64Array(n * (n + 1));
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < n; c++) rhs[i * (n + 1) + c] = G[i * n + c];
      rhs[i * (n + 1) + n] = h[i];
    }
    if (!cholSolveInPlace(Mx, n, rhs, n + 1)) return Infinity;
    let trH = 0;
    for (let j = 0; j < n; j++) trH += rhs[j * (n + 1) + j];
    let xh = 0;
    let xGx = 0;
    for (let i = 0; i < n; i++) {
      const xi = rhs[i * (n + 1) + n];
      xh += xi * h[i];
      let gx = 0;
      for (let j = 0; j < n; j++) gx += G[i * n + j] * rhs[j * (n + 1) + n];
      xGx += xi * gx;
    }
    const rss = Math.max(bb - 2 * xh + xGx, 0);
    const den = m - trH;
    return den > 0 ? (m * rss) / (den * den) : Infinity;
  };
  let lambda: number;
  let rule: 'gcv' | 'fixed';
  const warnings: string[] = [];
  if (options.lambda === undefined || options.lambda === 'gcv') {
    rule = 'gcv';
    let best = Infinity;
    lambda = NaN;
    for (let e = -16; e <= 0; e += 0.25) {
      const g = tryLambda(10 ** e);
      if (g < best) {
        best = g;
        lambda = 10 ** e;
      }
    }
    if (!Number.isFinite(best)) throw new SolverError('singular', `${s.source}: DRT system is singular for every λ tried`);
    if (lambda < 1.01e-16 || lambda > 0.99) warnings.push(lambda > 0.99 ? `GCV chose the largest λ tried (${lambda}): γ is smoothed heavily; give --lambda to resolve peaks` : `GCV chose the smallest λ tried (${lambda}): γ is shaped by non-negativity alone and small peaks may be spurious; check the spectrum with Lin-KK or give --lambda`);
  } else {
    if (!(options.lambda > 0)) throw new InputError({ field: 'lambda' }, 'a positive number or "gcv"', String(options.lambda));
    rule = 'fixed';
    lambda = options.lambda;
  }
  const Greg = new Float64Array(n * n);
  for (let j = 0; j < n * n; j++) Greg[j] = G[j] + lambda * scale * DtD[j];
  for (let j = 0; j < off; j++) Greg[j * n + j] += 1e-12 * trG;
  const x = nnlsGram(Greg, h);
  const gamma = x.slice(off);
  const zr = new Float64Array(N);
  const zi = new Float64Array(N);
  let rms = 0;
  for (let i = 0; i < N; i++) {
    const w = 2 * Math.PI * s.frequencyHz[i];
    let a = x[0];
    let c = useL ? w * x[1] : 0;
    for (let k = 0; k < nT; k++) {
      const wt = w * tau[k];
      const d = 1 + wt * wt;
      a += (gamma[k] * dln) / d;
      c -= (gamma[k] * dln * wt) / d;
    }
    zr[i] = a;
    zi[i] = c;
    const iz = 1 / Math.hypot(s.zReal[i], s.zImag[i]);
    rms += ((s.zReal[i] - a) * iz) ** 2 + ((s.zImag[i] - c) * iz) ** 2;
  }
  return {
    tauS: tau,
    gammaOhm: gamma,
    rInfOhm: x[0],
    inductanceH: useL ? x[1] : 0,
    lambda,
    lambdaRule: rule,
    warnings,
    peaks: findDrtPeaks(tau, gamma, dln),
    zFitReal: zr,
    zFitImag: zi,
    relativeRms: Math.sqrt(rms / (2 * N)),
  };
}

/** Peaks of γ above 5 % of its maximum (see module comment). */
export function findDrtPeaks(tau: Float64Array, gamma: Float64Array, dln: number): DrtPeak[] {
  const n = gamma.length;
  let gmax = 0;
  for (const g of gamma) gmax = Math.max(gmax, g);
  const peaks: DrtPeak[] = [];
  if (gmax <= 0) return peaks;
  for (let k = 0; k < n; k++) {
    const left = k > 0 ? gamma[k - 1] : 0;
    const right = k < n - 1 ? gamma[k + 1] : 0;
    if (!(gamma[k] > left && gamma[k] >= right && gamma[k] > 0.05 * gmax)) continue;
    // Parabola through (−1, left), (0, γk), (1, right) in grid units of ln τ.
    const den = left - 2 * gamma[k] + right;
    const shift = den < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (left - right)) / den)) : 0;
    const tauPeak = tau[k] * Math.exp(shift * dln);
    let lo = k;
    while (lo > 0 && gamma[lo - 1] <= gamma[lo] && gamma[lo - 1] > 0) lo--;
    let hi = k;
    while (hi < n - 1 && gamma[hi + 1] <= gamma[hi] && gamma[hi + 1] > 0) hi++;
    let area = 0;
    for (let j = lo; j <= hi; j++) area += gamma[j] * dln;
    peaks.push({ tauS: tauPeak, frequencyHz: 1 / (2 * Math.PI * tauPeak), gammaOhm: gamma[k], resistanceOhm: area });
  }
  return peaks;
}
