/**
 * Arrhenius analysis: activation energy from a quantity measured at several temperatures.
 *
 *   k = A·exp(−E_a/(R·T))  ⇒  ln k = ln A − (E_a/R)·(1/T)
 *
 * The fit is ordinary least squares of ln k against 1/T (natural logarithm, T in K, R = 8.314462618
 * J/(mol·K)), so E_a = −slope·R. For resistances (`quantity: 'resistance'`, e.g. R_ct) the rate-like
 * quantity is the conductance 1/R: ln(1/R) is fitted against 1/T, as Gao et al. (2025) do for the
 * interfacial activation energy. Standard error of E_a from the slope's (R·se(slope)); the 95 % interval
 * uses Student's t with n − 2 degrees of freedom. The prefactor A = exp(intercept) is in the unit of
 * the fitted quantity (S = 1/Ω for resistances).
 */
import { GAS_CONSTANT } from '../units.js';
import { fitLine } from '../analysis/linear-regression.js';
import { studentTQuantile } from '../numerics/student-t.js';
import { AnalysisError, InputError } from '../errors.js';

export interface ArrheniusPoint {
  temperatureK: number;
  /** The measured quantity: a resistance in Ω, or a rate-like quantity (D, i0, k, σ) in its unit. */
  value: number;
}

export type ArrheniusQuantity = 'resistance' | 'rate';

export interface ArrheniusResult {
  quantity: ArrheniusQuantity;
  /** What was fitted, e.g. "ln(1/R) vs 1/T". */
  ordinate: string;
  /** Always 'ln' (natural logarithm). */
  logarithm: 'ln';
  n: number;
  activationEnergyJPerMol: number;
  activationEnergyKJPerMol: number;
  /** Standard error, kJ/mol; null with two points (no degrees of freedom). */
  stdErrKJPerMol: number | null;
  /** 95 % interval (Student t, n − 2 dof), kJ/mol; null with two points. */
  ci95KJPerMol: [number, number] | null;
  /** A in exp-form (S for resistances, else the quantity's unit). */
  prefactor: number;
  lnPrefactor: number;
  /** Slope of ln(quantity) against 1/T, K. */
  slopeK: number;
  r2: number;
}

export function arrhenius(points: readonly ArrheniusPoint[], quantity: ArrheniusQuantity = 'resistance'): ArrheniusResult {
  if (quantity !== 'resistance' && quantity !== 'rate') throw new InputError({ field: 'quantity' }, "'resistance' or 'rate'", String(quantity));
  if (points.length < 2) throw new AnalysisError(`an Arrhenius fit needs at least 2 temperatures, found ${points.length}`);
  const x = new Float64Array(points.length);
  const y = new Float64Array(points.length);
  points.forEach((p, i) => {
    if (!(p.temperatureK > 0) || !Number.isFinite(p.temperatureK)) throw new InputError({ field: `point ${i + 1} temperature` }, 'a positive temperature in K', String(p.temperatureK));
    if (!(p.value > 0) || !Number.isFinite(p.value)) throw new InputError({ field: `point ${i + 1} value` }, `a positive ${quantity === 'resistance' ? 'resistance in Ω' : 'rate-like value'}`, String(p.value));
    x[i] = 1 / p.temperatureK;
    y[i] = quantity === 'resistance' ? -Math.log(p.value) : Math.log(p.value);
  });
  const line = fitLine(x, y);
  const ea = -line.slope * GAS_CONSTANT;
  const dof = points.length - 2;
  const se = dof > 0 ? line.slopeStdErr * GAS_CONSTANT : null;
  const t = dof > 0 ? studentTQuantile(0.975, dof) : NaN;
  return {
    quantity,
    ordinate: quantity === 'resistance' ? 'ln(1/R) vs 1/T' : 'ln(k) vs 1/T',
    logarithm: 'ln',
    n: points.length,
    activationEnergyJPerMol: ea,
    activationEnergyKJPerMol: ea / 1000,
    stdErrKJPerMol: se === null ? null : se / 1000,
    ci95KJPerMol: se === null ? null : [(ea - t * se) / 1000, (ea + t * se) / 1000],
    prefactor: Math.exp(line.intercept),
    lnPrefactor: line.intercept,
    slopeK: line.slope,
    r2: line.rSquared,
  };
}
