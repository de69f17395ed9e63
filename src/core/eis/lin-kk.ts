/**
 * Lin-KK validation of an impedance spectrum (Schönleber, Klotz & Ivers-Tiffée, Electrochim. Acta 131,
 * 20–27 (2014); Boukamp, J. Electrochem. Soc. 142, 1885 (1995)).
 *
 * The spectrum is fitted by a Kramers–Kronig-compliant model, linear in its parameters:
 *   Ẑ(ω) = R₀ + Σₖ Rₖ/(1 + jωτₖ) + jωL (+ 1/(jωC) with `addCapacitance`),
 * with M fixed time constants τ₁ = 1/ω_max … τ_M = 1/ω_min spaced evenly in log τ. Every row is divided
 * by |Z| (Schönleber eq. 14's weighting). M grows from 1 until μ = 1 − Σ|Rₖ<0| / Σ|Rₖ≥0| ≤ c
 * (Schönleber eq. 21; c = 0.85 suggested there): a larger M starts fitting noise, which shows up as
 * negative resistances. The relative residuals (Z − Ẑ)/|Z| are the test: for valid data they scatter
 * around zero at the noise level without trends.
 *
 * `fitType`: 'complex' fits real and imaginary parts together (Schönleber eq. 14); 'real' fits R₀ and Rₖ
 * to Z′ then L (and C) to the remaining Z″; 'imag' fits Rₖ, L (C) to Z″ and R₀ by Boukamp's eq. 7. These
 * are the same three variants, with the same conventions, as impedance.py's `linKK` (so M and μ can be
 * compared with it).
 */
import type { Spectrum } from './spectrum.js';
import { linearLeastSquares } from '../numerics/linear-least-squares.js';
import { AnalysisError, InputError } from '../errors.js';

export interface LinKKOptions {
  /** μ cut-off. @default 0.85 */
  c?: number;
  /** Largest M tried. @default 50 */
  maxM?: number;
  /** Use exactly this M (no μ search). @default undefined (automatic) */
  M?: number;
  /** Which parts are fitted. @default 'complex' */
  fitType?: 'real' | 'imag' | 'complex';
  /** Add a series capacitance (for spectra without a low-frequency intercept). @default false */
  addCapacitance?: boolean;
}

export interface LinKKResult {
  M: number;
  mu: number;
  c: number;
  fitType: 'real' | 'imag' | 'complex';
  tauS: Float64Array;
  /** Rₖ of the Voigt elements, Ω. */
  resistancesOhm: Float64Array;
  seriesResistanceOhm: number;
  inductanceH: number;
  /** Series capacitance in F, or null without `addCapacitance`. */
  capacitanceF: number | null;
  zFitReal: Float64Array;
  zFitImag: Float64Array;
  /** (Z′ − Ẑ′)/|Z| per point. */
  residualsReal: Float64Array;
  /** (Z″ − Ẑ″)/|Z| per point. */
  residualsImag: Float64Array;
  maxAbsResidualReal: number;
  maxAbsResidualImag: number;
  /** True when the search stopped at maxM without reaching μ ≤ c. */
  reachedMaxM: boolean;
}

/** impedance.py/Schönleber time-constant grid: τ₁ = 1/(2π f_max), τ_M = 1/(2π f_min), log-spaced. */
export function linKKTimeConstants(fMin: number, fMax: number, M: number): Float64Array {
  const tMin = 1 / (2 * Math.PI * fMax);
  const tMax = 1 / (2 * Math.PI * fMin);
  const ts = new Float64Array(M);
  ts[0] = tMin;
  for (let k = 2; k < M; k++) ts[k - 1] = Math.pow(10, Math.log10(tMin) + ((k - 1) / (M - 1)) * Math.log10(tMax / tMin));
  ts[M - 1] = tMax;
  return ts;
}

function mu(rk: Float64Array): number {
  let neg = 0;
  let pos = 0;
  for (const r of rk) {
    if (r < 0) neg -= r;
    else pos += r;
  }
  return 1 - neg / pos;
}

interface Solved {
  r0: number;
  rk: Float64Array;
  L: number;
  invC: number;
}

function solve(s: Spectrum, ts: Float64Array, fitType: 'real' | 'imag' | 'complex', addCap: boolean, absZ: Float64Array): Solved {
  const N = s.frequencyHz.length;
  const M = ts.length;
  const w = Float64Array.from(s.frequencyHz, (f) => 2 * Math.PI * f);
  // Column layout: [R0, R1..RM, L, (1/C)].
  const nc = M + 2 + (addCap ? 1 : 0);
  const colRe = (c: number, i: number): number => {
    if (c === 0) return 1 / absZ[i];
    if (c <= M) return 1 / (1 + (w[i] * ts[c - 1]) ** 2) / absZ[i];
    return 0;
  };
  const colIm = (c: number, i: number): number => {
    if (c === 0) return 0;
    if (c <= M) {
      const wt = w[i] * ts[c - 1];
      return -wt / (1 + wt * wt) / absZ[i];
    }
    if (c === M + 1) return w[i] / absZ[i];
    return -1 / (w[i] * absZ[i]);
  };
  const out: Solved = { r0: 0, rk: new Float64Array(M), L: 0, invC: 0 };
  const take = (cols: number[], x: Float64Array): void => {
    cols.forEach((c, k) => {
      if (c === 0) out.r0 = x[k];
      else if (c <= M) out.rk[c - 1] = x[k];
      else if (c === M + 1) out.L = x[k];
      else out.invC = x[k];
    });
  };
  const solveCols = (cols: number[], useRe: boolean, useIm: boolean, target: (i: number) => [number, number]): Float64Array => {
    const m = (useRe ? N : 0) + (useIm ? N : 0);
    const A = new Float64Array(m * cols.length);
    const b = new Float64Array(m);
    cols.forEach((c, k) => {
      let row = 0;
      if (useRe) for (let i = 0; i < N; i++) A[k * m + row++] = colRe(c, i);
      if (useIm) for (let i = 0; i < N; i++) A[k * m + row++] = colIm(c, i);
    });
    let row = 0;
    if (useRe) for (let i = 0; i < N; i++) b[row++] = target(i)[0];
    if (useIm) for (let i = 0; i < N; i++) b[row++] = target(i)[1];
    return linearLeastSquares(A, m, cols.length, b).x;
  };
  const data = (i: number): [number, number] => [s.zReal[i] / absZ[i], s.zImag[i] / absZ[i]];
  const all = Array.from({ length: nc }, (_, c) => c);
  const rcCols = Array.from({ length: M + 1 }, (_, c) => c); // R0 and Rk
  const imagCols = addCap ? [M + 1, M + 2] : [M + 1];
  if (fitType === 'complex') {
    take(all, solveCols(all, true, true, data));
  } else if (fitType === 'real') {
    take(rcCols, solveCols(rcCols, true, false, data));
    // L (and 1/C) from what the Voigt elements leave of Z″.
    const rest = (i: number): [number, number] => {
      let zi = 0;
      for (let k = 0; k < M; k++) {
        const wt = w[i] * ts[k];
        zi -= (out.rk[k] * wt) / (1 + wt * wt);
      }
      return [0, (s.zImag[i] - zi) / absZ[i]];
    };
    take(imagCols, solveCols(imagCols, false, true, rest));
  } else {
    const cols = [...rcCols.slice(1), ...imagCols];
    take(cols, solveCols(cols, false, true, data));
    // R0 by Boukamp 1995 eq. 7: weighted mean of Z′ − Σ Rₖ′ with weights 1/|Z|².
    let num = 0;
    let den = 0;
    for (let i = 0; i < N; i++) {
      let zr = 0;
      for (let k = 0; k < M; k++) zr += out.rk[k] / (1 + (w[i] * ts[k]) ** 2);
      const ws = 1 / (absZ[i] * absZ[i]);
      num += ws * (s.zReal[i] - zr);
      den += ws;
    }
    out.r0 = num / den;
  }
  return out;
}

/** Runs Lin-KK on a spectrum (see module comment). */
export function linKK(s: Spectrum, options: LinKKOptions = {}): LinKKResult {
  const c = options.c ?? 0.85;
  const maxM = options.maxM ?? 50;
  const fitType = options.fitType ?? 'complex';
  const addCap = options.addCapacitance ?? false;
  const N = s.frequencyHz.length;
  if (N < 3) throw new AnalysisError(`${s.source}: Lin-KK needs at least 3 frequencies, found ${N}`);
  if (!(c > 0 && c <= 1)) throw new InputError({ field: 'c' }, 'a μ cut-off in (0, 1]', String(c));
  if (options.M !== undefined && !(Number.isInteger(options.M) && options.M >= 1)) throw new InputError({ field: 'M' }, 'a positive integer', String(options.M));
  const absZ = new Float64Array(N);
  let fMin = Infinity;
  let fMax = 0;
  for (let i = 0; i < N; i++) {
    absZ[i] = Math.hypot(s.zReal[i], s.zImag[i]);
    if (!(absZ[i] > 0)) throw new AnalysisError(`${s.source}: point ${i + 1} has |Z| = 0; Lin-KK weights by 1/|Z|`);
    fMin = Math.min(fMin, s.frequencyHz[i]);
    fMax = Math.max(fMax, s.frequencyHz[i]);
  }
  let M = options.M ?? 0;
  let ts: Float64Array = new Float64Array(0);
  let sol: Solved | null = null;
  let m = 1;
  if (options.M !== undefined) {
    ts = linKKTimeConstants(fMin, fMax, M);
    sol = solve(s, ts, fitType, addCap, absZ);
    m = mu(sol.rk);
  } else {
    while (m > c && M < maxM) {
      M++;
      ts = linKKTimeConstants(fMin, fMax, M);
      sol = solve(s, ts, fitType, addCap, absZ);
      m = mu(sol.rk);
    }
  }
  const S = sol as Solved;
  const zr = new Float64Array(N);
  const zi = new Float64Array(N);
  const rr = new Float64Array(N);
  const ri = new Float64Array(N);
  let maxR = 0;
  let maxI = 0;
  for (let i = 0; i < N; i++) {
    const w = 2 * Math.PI * s.frequencyHz[i];
    let a = S.r0;
    let b = w * S.L;
    if (addCap) b -= S.invC / w;
    for (let k = 0; k < M; k++) {
      const wt = w * ts[k];
      const d = 1 + wt * wt;
      a += S.rk[k] / d;
      b -= (S.rk[k] * wt) / d;
    }
    zr[i] = a;
    zi[i] = b;
    rr[i] = (s.zReal[i] - a) / absZ[i];
    ri[i] = (s.zImag[i] - b) / absZ[i];
    maxR = Math.max(maxR, Math.abs(rr[i]));
    maxI = Math.max(maxI, Math.abs(ri[i]));
  }
  return {
    M,
    mu: m,
    c,
    fitType,
    tauS: ts,
    resistancesOhm: S.rk,
    seriesResistanceOhm: S.r0,
    inductanceH: S.L,
    capacitanceF: addCap ? 1 / S.invC : null,
    zFitReal: zr,
    zFitImag: zi,
    residualsReal: rr,
    residualsImag: ri,
    maxAbsResidualReal: maxR,
    maxAbsResidualImag: maxI,
    reachedMaxM: options.M === undefined && m > c,
  };
}
