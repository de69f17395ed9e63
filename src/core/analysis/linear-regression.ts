/**
 * Ordinary least-squares straight line y = intercept + slope·x over rows [start, end) of two arrays,
 * with the coefficient of determination and the slope's standard error. Used by the GITT √t check,
 * fade-rate fits, Randles–Sevcik and b-value fits. Sums are centred (two-pass) so that large offsets
 * such as absolute test times do not cancel catastrophically.
 */
import { AnalysisError } from '../errors.js';

export interface LineFit {
  slope: number;
  intercept: number;
  /** R² = 1 − SSres/SStot; 1 when all y are equal and fitted exactly. */
  rSquared: number;
  /** Standard error of the slope (NaN-free: 0 when n = 2, where the fit is exact). */
  slopeStdErr: number;
  /** Number of points used. */
  n: number;
}

export function fitLine(x: ArrayLike<number>, y: ArrayLike<number>, start = 0, end = x.length): LineFit {
  const n = end - start;
  if (n < 2) throw new AnalysisError(`a straight-line fit needs at least 2 points, found ${n}`);
  let mx = 0;
  let my = 0;
  for (let i = start; i < end; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = start; i < end; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) throw new AnalysisError(`a straight-line fit needs at least 2 distinct x values, all ${n} are ${mx}`);
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const ssRes = Math.max(0, syy - slope * sxy);
  const rSquared = syy === 0 ? 1 : 1 - ssRes / syy;
  const slopeStdErr = n > 2 ? Math.sqrt(ssRes / (n - 2) / sxx) : 0;
  return { slope, intercept, rSquared, slopeStdErr, n };
}
