/**
 * Equivalent-circuit fitting: complex nonlinear least squares on the stacked residual vector
 * [w′·(Z′_model − Z′_data), w″·(Z″_model − Z″_data)] with the shared Levenberg–Marquardt engine
 * (numerics/least-squares.ts), bounds by transformation, covariance → standard errors and 95 % intervals.
 *
 * Weighting (Orazem & Tribollet 2017, ch. 19; Boukamp, Solid State Ionics 20, 31 (1986)):
 * - `unit`: w′ = w″ = 1 (impedance.py's default);
 * - `modulus`: w′ = w″ = 1/|Z_data| (impedance.py's `weight_by_modulus`, σ = |Z|);
 * - `proportional`: w′ = 1/|Z′_data|, w″ = 1/|Z″_data| (a component with |·| < 1e-6·|Z| uses |Z|).
 * `chiSquare` is the weighted sum of squares that was minimised; `reducedChiSquare` divides it by the
 * degrees of freedom (2N − free parameters). Standard errors follow curve_fit's convention (σ² estimated
 * from the residuals), so they agree with impedance.py's.
 *
 * A fit that does not converge returns `{ converged: false, message }` and no parameter values.
 */
import { Circuit } from './circuit.js';
import type { Spectrum } from './spectrum.js';
import { guessInitialParameters } from './initial-guess.js';
import { identifyRct, type RctIdentification } from './rct.js';
import { leastSquares, type LeastSquaresOptions, type LeastSquaresStopReason, type MultiStartOptions } from '../numerics/least-squares.js';
import { studentTQuantile } from '../numerics/student-t.js';
import { InputError } from '../errors.js';

export type Weighting = 'unit' | 'proportional' | 'modulus';
export const WEIGHTINGS: readonly Weighting[] = ['unit', 'proportional', 'modulus'];

export interface CircuitFitOptions {
  /**
   * Starting values: by parameter name, or as an array of the free parameters in circuit order
   * (impedance.py's `initial_guess`). Parameters not given are guessed from the data.
   * @default guessed from the spectrum
   */
  initial?: Record<string, number> | ArrayLike<number>;
  /** Parameters held fixed, by name (impedance.py's `constants`). @default {} */
  constants?: Record<string, number>;
  /** Bounds by name, replacing the element defaults ([0, ∞), exponents [0, 1]). @default element defaults */
  bounds?: Record<string, [number, number]>;
  /** Residual weighting. @default 'unit' */
  weighting?: Weighting;
  /** Random restarts around the initial values. @default undefined (one start) */
  multiStart?: MultiStartOptions;
  /** Passed to the least-squares engine. @default engine defaults */
  leastSquares?: LeastSquaresOptions;
}

export interface FittedParameter {
  name: string;
  unit: string;
  description: string;
  value: number;
  /** One standard deviation, or null when not estimable (fixed, on a bound, singular Jacobian). */
  stdErr: number | null;
  /** 95 % interval value ± t(0.975, dof)·stdErr, or null with stdErr. */
  ci95: [number, number] | null;
  fixed: boolean;
  atBound: boolean;
}

export interface CircuitFitSuccess {
  converged: true;
  circuit: string;
  weighting: Weighting;
  parameters: FittedParameter[];
  /** Full parameter vector in circuit order (constants included). */
  values: Float64Array;
  /** Starting vector used (constants included). */
  initial: Float64Array;
  chiSquare: number;
  reducedChiSquare: number;
  degreesOfFreedom: number;
  /** Correlation matrix over all parameters (row-major; fixed/at-bound rows are 0), or null. */
  correlation: Float64Array | null;
  covarianceNote: string;
  /** R_ct by role and time constant, or null when no relaxation lies in the measured range. */
  rct: RctIdentification | null;
  iterations: number;
  evaluations: number;
  message: string;
  stopReason: LeastSquaresStopReason;
}

export interface CircuitFitFailure {
  converged: false;
  circuit: string;
  stopReason: LeastSquaresStopReason;
  message: string;
  iterations: number;
}

export type CircuitFitResult = CircuitFitSuccess | CircuitFitFailure;

/** Precomputed, reusable pieces for fitting one circuit to spectra with the same frequencies. */
interface Prepared {
  circuit: Circuit;
  free: number[];
  fixedValues: Float64Array;
  isFixed: boolean[];
  lower: number[];
  upper: number[];
}

function prepare(circuit: Circuit, options: CircuitFitOptions): Prepared {
  const n = circuit.parameters.length;
  const isFixed = new Array<boolean>(n).fill(false);
  const fixedValues = new Float64Array(n);
  for (const [name, value] of Object.entries(options.constants ?? {})) {
    const j = circuit.indexOf(name, 'constants');
    if (!Number.isFinite(value)) throw new InputError({ field: `constants.${name}` }, 'a finite number', String(value));
    isFixed[j] = true;
    fixedValues[j] = value;
  }
  const lower = circuit.parameters.map((p) => p.lower);
  const upper = circuit.parameters.map((p) => p.upper);
  for (const [name, b] of Object.entries(options.bounds ?? {})) {
    const j = circuit.indexOf(name, 'bounds');
    if (!(b[0] < b[1])) throw new InputError({ field: `bounds.${name}` }, 'lower < upper', `[${b[0]}, ${b[1]}]`);
    lower[j] = b[0];
    upper[j] = b[1];
  }
  const free: number[] = [];
  for (let j = 0; j < n; j++) if (!isFixed[j]) free.push(j);
  return { circuit, free, fixedValues, isFixed, lower, upper };
}

function startingVector(prep: Prepared, spectrum: Spectrum, initial: CircuitFitOptions['initial']): Float64Array {
  const { circuit, free, isFixed, fixedValues, lower, upper } = prep;
  const n = circuit.parameters.length;
  const given = new Float64Array(n).fill(NaN);
  if (initial !== undefined) {
    if (typeof (initial as ArrayLike<number>).length === 'number') {
      const arr = initial as ArrayLike<number>;
      if (arr.length !== free.length) {
        throw new InputError({ field: 'initial' }, `${free.length} values (the free parameters ${free.map((j) => circuit.parameters[j].name).join(', ')})`, `${arr.length}`);
      }
      free.forEach((j, k) => (given[j] = arr[k]));
    } else {
      for (const [name, v] of Object.entries(initial as Record<string, number>)) {
        const j = circuit.indexOf(name, 'initial');
        given[j] = v;
      }
    }
  }
  let guess: Float64Array | null = null;
  const p0 = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    if (isFixed[j]) {
      p0[j] = fixedValues[j];
      continue;
    }
    let v = given[j];
    if (Number.isNaN(v)) {
      guess ??= guessInitialParameters(circuit, spectrum);
      v = guess[j];
    } else if (!Number.isFinite(v)) {
      throw new InputError({ field: `initial.${circuit.parameters[j].name}` }, 'a finite number', String(v));
    }
    if (v < lower[j] || v > upper[j]) {
      if (Number.isNaN(given[j])) v = Math.min(Math.max(v, lower[j]), upper[j]);
      else throw new InputError({ field: `initial.${circuit.parameters[j].name}` }, `a value within [${lower[j]}, ${upper[j]}]`, String(v));
    }
    p0[j] = v;
  }
  return p0;
}

/** Weights w′, w″ per point for a weighting scheme. */
export function residualWeights(spectrum: Spectrum, weighting: Weighting): { wRe: Float64Array; wIm: Float64Array } {
  const n = spectrum.frequencyHz.length;
  const wRe = new Float64Array(n);
  const wIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const a = spectrum.zReal[k];
    const b = spectrum.zImag[k];
    const mod = Math.hypot(a, b);
    if (weighting === 'unit') {
      wRe[k] = 1;
      wIm[k] = 1;
    } else if (weighting === 'modulus') {
      wRe[k] = 1 / mod;
      wIm[k] = 1 / mod;
    } else {
      wRe[k] = 1 / (Math.abs(a) > 1e-6 * mod ? Math.abs(a) : mod);
      wIm[k] = 1 / (Math.abs(b) > 1e-6 * mod ? Math.abs(b) : mod);
    }
    if (!Number.isFinite(wRe[k]) || !Number.isFinite(wIm[k])) {
      throw new InputError({ file: spectrum.source, field: `point ${k + 1}` }, `a non-zero impedance for ${weighting} weighting`, `${a} ${b >= 0 ? '+' : '−'} ${Math.abs(b)}j`);
    }
  }
  return { wRe, wIm };
}

/**
 * Fits `circuit` (a string or a parsed Circuit) to a spectrum. Returns parameters with standard errors
 * and 95 % intervals, the weighted χ², and R_ct when identifiable; or `{ converged: false }`.
 */
export function fitCircuit(circuitOrText: Circuit | string, spectrum: Spectrum, options: CircuitFitOptions = {}): CircuitFitResult {
  const circuit = typeof circuitOrText === 'string' ? Circuit.parse(circuitOrText) : circuitOrText;
  const prep = prepare(circuit, options);
  const weighting = options.weighting ?? 'unit';
  if (!WEIGHTINGS.includes(weighting)) throw new InputError({ field: 'weighting' }, WEIGHTINGS.join(' | '), String(weighting));
  const nf = spectrum.frequencyHz.length;
  const nFree = prep.free.length;
  if (2 * nf <= nFree) throw new InputError({ file: spectrum.source }, `more than ${nFree / 2} frequencies to fit ${nFree} parameters`, `${nf}`);
  const p0 = startingVector(prep, spectrum, options.initial);
  const { wRe, wIm } = residualWeights(spectrum, weighting);
  const ev = circuit.evaluator(spectrum.frequencyHz);
  const zr = new Float64Array(nf);
  const zi = new Float64Array(nf);
  const dRe = spectrum.zReal;
  const dIm = spectrum.zImag;
  const fit = leastSquares(
    {
      residualCount: 2 * nf,
      initial: p0,
      lower: prep.lower,
      upper: prep.upper,
      fixed: prep.isFixed,
      residuals: (p, r) => {
        ev.evaluate(p, zr, zi);
        for (let k = 0; k < nf; k++) {
          r[k] = (zr[k] - dRe[k]) * wRe[k];
          r[nf + k] = (zi[k] - dIm[k]) * wIm[k];
        }
      },
    },
    { ...options.leastSquares, multiStart: options.multiStart ?? options.leastSquares?.multiStart },
  );
  if (!fit.converged) {
    return { converged: false, circuit: circuit.text, stopReason: fit.reason, message: `fit of ${circuit.text} to ${spectrum.source} ${fit.message}`, iterations: fit.iterations };
  }
  const dof = fit.degreesOfFreedom;
  const t975 = dof > 0 ? studentTQuantile(0.975, dof) : NaN;
  const parameters: FittedParameter[] = circuit.parameters.map((cp, j) => {
    const se = fit.standardErrors[j];
    const ok = Number.isFinite(se);
    return {
      name: cp.name,
      unit: cp.unit,
      description: cp.description,
      value: fit.parameters[j],
      stdErr: ok ? se : null,
      ci95: ok && Number.isFinite(t975) ? [fit.parameters[j] - t975 * se, fit.parameters[j] + t975 * se] : null,
      fixed: prep.isFixed[j],
      atBound: fit.atBound[j] === 1,
    };
  });
  let fmin = Infinity;
  let fmax = 0;
  for (let k = 0; k < nf; k++) {
    fmin = Math.min(fmin, spectrum.frequencyHz[k]);
    fmax = Math.max(fmax, spectrum.frequencyHz[k]);
  }
  return {
    converged: true,
    circuit: circuit.text,
    weighting,
    parameters,
    values: fit.parameters,
    initial: p0,
    chiSquare: fit.sumSquares,
    reducedChiSquare: dof > 0 ? fit.sumSquares / dof : NaN,
    degreesOfFreedom: dof,
    correlation: fit.correlation,
    covarianceNote: fit.covarianceNote,
    rct: identifyRct(circuit, fit.parameters, fmin, fmax),
    iterations: fit.iterations,
    evaluations: fit.evaluations,
    message: fit.message,
    stopReason: fit.reason,
  };
}
