/**
 * Fits one 2θ window of a pattern with one or more pseudo-Voigt peaks, each a Kα1 line plus its Kα2
 * partner (position from Bragg's law, height × ratio, same width and shape), on a straight-line local
 * background, with the shared bounded Levenberg–Marquardt engine (numerics/least-squares.ts).
 *
 * Parameters per peak: Kα1 centre (2θ, °), Kα1 height (counts), FWHM (°), η (0..1, Lorentzian
 * fraction); then background b₀ + b₁·(2θ − window centre).
 */
import { SolverError } from '../../errors.js';
import { leastSquares } from '../../numerics/least-squares.js';
import { kAlpha2TwoTheta, pseudoVoigt, pseudoVoigtArea } from './pseudo-voigt.js';

export interface PeakGuess { centerDeg: number; height: number; fwhmDeg: number }

export interface FittedDoublet {
  centerDeg: number;
  centerStdErrDeg: number;
  /** Kα1 peak height above the local background. */
  height: number;
  heightStdErr: number;
  fwhmDeg: number;
  eta: number;
  /** Kα1 integrated area (counts·°). */
  area: number;
  /** Kα2 centre used, ° (NaN without Kα2). */
  alpha2CenterDeg: number;
}

export interface WindowFit {
  fromDeg: number;
  toDeg: number;
  peaks: FittedDoublet[];
  backgroundAt: (twoThetaDeg: number) => number;
  /** Weighted R-factor of the window: √(Σ(obs − calc)² / Σ obs²). */
  rwp: number;
}

export interface DoubletModel { lambda1: number; lambda2?: number; alpha2Ratio: number }

/** Fits the rows of (x, y) with from ≤ x ≤ to. */
export function fitDoubletWindow(x: ArrayLike<number>, y: ArrayLike<number>, fromDeg: number, toDeg: number, guesses: PeakGuess[], model: DoubletModel): WindowFit {
  let i0 = 0;
  while (i0 < x.length && x[i0] < fromDeg) i0++;
  let i1 = i0;
  while (i1 < x.length && x[i1] <= toDeg) i1++;
  const m = i1 - i0;
  const np = guesses.length;
  const nParams = 4 * np + 2;
  if (m < nParams + 2) throw new SolverError('tooFewPoints', `peak fit ${fromDeg.toFixed(2)}–${toDeg.toFixed(2)}°: ${m} points for ${nParams} parameters`);
  const mid = 0.5 * (fromDeg + toDeg);
  const useK2 = model.lambda2 !== undefined && model.alpha2Ratio > 0;
  const lam2 = model.lambda2 ?? model.lambda1;
  // initial background: the line through the window's end points (mean of 3 each)
  const yl = (y[i0] + y[i0 + 1] + y[i0 + 2]) / 3;
  const yr = (y[i1 - 1] + y[i1 - 2] + y[i1 - 3]) / 3;
  const slope0 = (yr - yl) / (x[i1 - 2] - x[i0 + 1]);
  const init: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  for (const g of guesses) {
    init.push(g.centerDeg, Math.max(g.height, 1e-9), g.fwhmDeg, 0.5);
    lower.push(g.centerDeg - Math.max(0.15, g.fwhmDeg), 0, 0.2 * g.fwhmDeg, 0);
    upper.push(g.centerDeg + Math.max(0.15, g.fwhmDeg), Infinity, 5 * g.fwhmDeg, 1);
  }
  init.push(yl + slope0 * (mid - x[i0 + 1]), slope0);
  lower.push(-Infinity, -Infinity);
  upper.push(Infinity, Infinity);
  const k2 = new Float64Array(np);
  const fit = leastSquares({
    residualCount: m,
    initial: init,
    lower,
    upper,
    residuals: (p, r) => {
      for (let j = 0; j < np; j++) k2[j] = useK2 ? kAlpha2TwoTheta(p[4 * j], model.lambda1, lam2) : NaN;
      const b0 = p[4 * np];
      const b1 = p[4 * np + 1];
      for (let i = 0; i < m; i++) {
        const xi = x[i0 + i];
        let v = b0 + b1 * (xi - mid);
        for (let j = 0; j < np; j++) {
          const c = p[4 * j], h = p[4 * j + 1], w = p[4 * j + 2], e = p[4 * j + 3];
          v += pseudoVoigt(xi, c, h, w, e);
          if (useK2 && k2[j] === k2[j]) v += pseudoVoigt(xi, k2[j], h * model.alpha2Ratio, w, e);
        }
        r[i] = v - y[i0 + i];
      }
    },
  });
  if (!fit.converged) throw new SolverError(fit.reason, `peak fit ${fromDeg.toFixed(2)}–${toDeg.toFixed(2)}° did not converge: ${fit.message}`);
  const p = fit.parameters;
  let ss = 0;
  let so = 0;
  for (let i = 0; i < m; i++) { ss += fit.residuals[i] ** 2; so += y[i0 + i] ** 2; }
  const peaks: FittedDoublet[] = guesses.map((_, j) => ({
    centerDeg: p[4 * j],
    centerStdErrDeg: fit.standardErrors[4 * j],
    height: p[4 * j + 1],
    heightStdErr: fit.standardErrors[4 * j + 1],
    fwhmDeg: p[4 * j + 2],
    eta: p[4 * j + 3],
    area: pseudoVoigtArea(p[4 * j + 1], p[4 * j + 2], p[4 * j + 3]),
    alpha2CenterDeg: useK2 ? kAlpha2TwoTheta(p[4 * j], model.lambda1, lam2) : NaN,
  }));
  const b0 = p[4 * np];
  const b1 = p[4 * np + 1];
  return { fromDeg, toDeg, peaks, backgroundAt: (t) => b0 + b1 * (t - mid), rwp: so > 0 ? Math.sqrt(ss / so) : 0 };
}
