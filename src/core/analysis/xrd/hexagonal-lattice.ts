/**
 * Hexagonal-cell d-spacings and the least-squares refinement of a, c and a 2θ zero shift from indexed
 * peak positions (the R-3m layered oxides LiCoO2, NCM, NCA are indexed on the hexagonal setting):
 *
 *     1/d² = 4/3·(h² + hk + k²)/a² + l²/c²
 *     2θ_obs = 2·asin(λ/(2d)) + zero
 *
 * The residuals are in degrees 2θ, where the measurement error lives. A zero term absorbs the
 * instrument's zero and (to first order at low angle) sample-displacement error; without it the
 * single-peak shortcut c = 3·d(003) is biased (see fixtures/xrd/PROVENANCE.md).
 */
import { AnalysisError, SolverError } from '../../errors.js';
import { leastSquares } from '../../numerics/least-squares.js';
import { braggTwoTheta } from './pseudo-voigt.js';

export interface Hkl { h: number; k: number; l: number }

export function hexagonalD(hkl: Hkl, a: number, c: number): number {
  const { h, k, l } = hkl;
  return 1 / Math.sqrt((4 / 3) * (h * h + h * k + k * k) / (a * a) + (l * l) / (c * c));
}

export interface IndexedPosition { hkl: Hkl; twoThetaDeg: number }

export interface LatticeFit {
  aAngstrom: number;
  cAngstrom: number;
  zeroShiftDeg: number;
  aStdErrAngstrom: number;
  cStdErrAngstrom: number;
  zeroStdErrDeg: number;
  cOverA: number;
  /** Cell volume √3/2·a²·c, Å³. */
  volumeAngstrom3: number;
  /** Observed − calculated 2θ per peak, degrees. */
  residualsDeg: number[];
  rmsResidualDeg: number;
  peaksUsed: number;
  refinedZero: boolean;
}

export function fitHexagonalLattice(peaks: IndexedPosition[], lambda: number, initial: { a: number; c: number }, refineZero = true): LatticeFit {
  const nFree = refineZero ? 3 : 2;
  if (peaks.length < nFree) throw new AnalysisError(`lattice refinement needs at least ${nFree} indexed peaks${refineZero ? ' (a, c and a zero shift)' : ''}, found ${peaks.length}`);
  const fixesA = peaks.some((p) => p.hkl.h !== 0 || p.hkl.k !== 0);
  const fixesC = peaks.some((p) => p.hkl.l !== 0);
  if (!fixesA || !fixesC) throw new AnalysisError('lattice refinement needs peaks that fix both a (h or k ≠ 0) and c (l ≠ 0)');
  const fit = leastSquares({
    residualCount: peaks.length,
    initial: [initial.a, initial.c, 0],
    lower: [0.5 * initial.a, 0.5 * initial.c, -2],
    upper: [2 * initial.a, 2 * initial.c, 2],
    fixed: [false, false, !refineZero],
    residuals: (p, r) => {
      for (let i = 0; i < peaks.length; i++) r[i] = peaks[i].twoThetaDeg - (braggTwoTheta(hexagonalD(peaks[i].hkl, p[0], p[1]), lambda) + p[2]);
    },
  });
  if (!fit.converged) throw new SolverError(fit.reason, `lattice refinement did not converge: ${fit.message}`);
  const [a, c, zero] = fit.parameters;
  const res = Array.from(fit.residuals);
  return {
    aAngstrom: a,
    cAngstrom: c,
    zeroShiftDeg: zero,
    aStdErrAngstrom: fit.standardErrors[0],
    cStdErrAngstrom: fit.standardErrors[1],
    zeroStdErrDeg: refineZero ? fit.standardErrors[2] : 0,
    cOverA: c / a,
    volumeAngstrom3: (Math.sqrt(3) / 2) * a * a * c,
    residualsDeg: res,
    rmsResidualDeg: Math.sqrt(res.reduce((s, x) => s + x * x, 0) / res.length),
    peaksUsed: peaks.length,
    refinedZero: refineZero,
  };
}
