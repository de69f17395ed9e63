/**
 * LU factorisation with partial pivoting for band and small dense matrices, in place, plus the
 * DaeLinearSolver that the BDF solver uses for models that supply a band Jacobian.
 *
 * Algorithm (band): Gaussian elimination with row interchanges restricted to the band, as described
 * for LAPACK's dgbtrf/dgbtrs (Anderson et al., "LAPACK Users' Guide", 3rd ed., SIAM 1999, §5.1.3;
 * Golub & Van Loan, "Matrix Computations", 4th ed., §4.3.5). With pivoting the upper factor U gains
 * up to kl extra super-diagonals, which is why the storage (band-matrix.ts) reserves kl fill-in rows
 * on top of each column. L is kept as the multipliers below the diagonal of each column together with
 * the pivot sequence (L is not permuted, so solves apply interchange j then elimination step j).
 *
 * Kernels take (array, offset, leading dimension) so that a caller can keep many matrices in one
 * buffer (e.g. a block solver); none of them allocates.
 */
import { BandMatrix } from './band-matrix.js';
import type { DaeLinearSolver, DaeProblem } from './dae-problem.js';

/**
 * Factor the n×n band matrix stored column-major at ab[abOff + j·ldab + kl + ku + i − j]
 * (ldab ≥ 2·kl + ku + 1) in place: on return the band holds U (with kl extra super-diagonals of
 * fill-in) and the multipliers of L; ipiv[ipivOff + j] is the row swapped with row j at step j.
 *
 * Returns 0 on success, or j + 1 when the pivot of column j is zero or not finite (the matrix is
 * singular, or its entries contain NaN/Inf); the factorisation stops there and must not be used.
 */
export function bandFactor(n: number, kl: number, ku: number, ab: Float64Array, abOff: number, ldab: number, ipiv: Int32Array, ipivOff: number): number {
  const kv = kl + ku; // row of the diagonal in a column of the storage
  const rowStride = ldab - 1; // moving one column right along a matrix row
  // The fill-in rows of the first columns hold garbage from the caller's point of view: zero them.
  // Column j (ku < j < kv) can receive fill-in at rows kv − j … kl − 1 of its storage column.
  const jEnd = Math.min(kv, n - 1);
  for (let j = ku + 1; j <= jEnd; j++) {
    const col = abOff + j * ldab;
    for (let r = kv - j; r < kl; r++) ab[col + r] = 0;
  }
  let ju = 0; // last column touched by row interchanges so far
  for (let j = 0; j < n; j++) {
    const col = abOff + j * ldab;
    // Column j + kv enters the active window: its fill-in rows must start at zero.
    if (j + kv < n) {
      const c2 = abOff + (j + kv) * ldab;
      for (let r = 0; r < kl; r++) ab[c2 + r] = 0;
    }
    const km = Math.min(kl, n - 1 - j); // sub-diagonal entries in column j
    // Partial pivoting: largest magnitude in the column from the diagonal down.
    let jp = 0;
    let best = Math.abs(ab[col + kv]);
    for (let i = 1; i <= km; i++) {
      const a = Math.abs(ab[col + kv + i]);
      if (a > best) {
        best = a;
        jp = i;
      }
    }
    ipiv[ipivOff + j] = j + jp;
    if (!(best > 0) || best === Infinity) return j + 1; // zero, NaN or Inf pivot
    const ujp = Math.min(j + ku + jp, n - 1);
    if (ujp > ju) ju = ujp;
    if (jp !== 0) {
      // Swap rows j and j + jp over columns j … ju (stride ldab − 1 walks along a row).
      let p = col + kv + jp;
      let q = col + kv;
      for (let c = j; c <= ju; c++) {
        const tmp = ab[p];
        ab[p] = ab[q];
        ab[q] = tmp;
        p += rowStride;
        q += rowStride;
      }
    }
    if (km > 0) {
      const inv = 1 / ab[col + kv];
      for (let i = 1; i <= km; i++) ab[col + kv + i] *= inv;
      // Rank-one update of the active block: rows j+1 … j+km, columns j+1 … ju.
      for (let c = j + 1; c <= ju; c++) {
        const ccol = abOff + c * ldab;
        const rowJ = ccol + kv + j - c; // element (j, c)
        const u = ab[rowJ];
        if (u !== 0) {
          for (let i = 1; i <= km; i++) ab[rowJ + i] -= ab[col + kv + i] * u;
        }
      }
    }
  }
  return 0;
}

/**
 * Solve A·x = b with the factors from bandFactor; b (n entries at bOff, unit stride) is overwritten
 * with x. Allocation-free.
 */
export function bandSolve(n: number, kl: number, ku: number, ab: Float64Array, abOff: number, ldab: number, ipiv: Int32Array, ipivOff: number, b: Float64Array, bOff: number): void {
  const kv = kl + ku;
  // Forward: L·z = P·b, one interchange and one column of multipliers at a time.
  if (kl > 0) {
    for (let j = 0; j < n - 1; j++) {
      const lm = Math.min(kl, n - 1 - j);
      const l = ipiv[ipivOff + j];
      let bj = b[bOff + l];
      if (l !== j) {
        b[bOff + l] = b[bOff + j];
        b[bOff + j] = bj;
      }
      bj = b[bOff + j];
      if (bj !== 0) {
        const col = abOff + j * ldab + kv;
        for (let i = 1; i <= lm; i++) b[bOff + j + i] -= ab[col + i] * bj;
      }
    }
  }
  // Backward: U·x = z, U upper triangular with kl + ku super-diagonals.
  for (let j = n - 1; j >= 0; j--) {
    const col = abOff + j * ldab + kv; // diagonal of column j
    const xj = b[bOff + j] / ab[col];
    b[bOff + j] = xj;
    if (xj !== 0) {
      const i0 = Math.max(0, j - kv);
      for (let i = i0; i < j; i++) b[bOff + i] -= ab[col + i - j] * xj;
    }
  }
}

/**
 * Dense LU with partial pivoting of the n×n column-major matrix a[aOff + i + j·lda], in place
 * (Golub & Van Loan §3.4). Returns 0, or j + 1 when column j has a zero / non-finite pivot.
 */
export function denseFactor(n: number, a: Float64Array, aOff: number, lda: number, ipiv: Int32Array, ipivOff: number): number {
  for (let j = 0; j < n; j++) {
    const col = aOff + j * lda;
    let p = j;
    let best = Math.abs(a[col + j]);
    for (let i = j + 1; i < n; i++) {
      const v = Math.abs(a[col + i]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    ipiv[ipivOff + j] = p;
    if (!(best > 0) || best === Infinity) return j + 1;
    if (p !== j) {
      for (let c = 0; c < n; c++) {
        const o = aOff + c * lda;
        const t = a[o + p];
        a[o + p] = a[o + j];
        a[o + j] = t;
      }
    }
    const inv = 1 / a[col + j];
    for (let i = j + 1; i < n; i++) a[col + i] *= inv;
    for (let c = j + 1; c < n; c++) {
      const o = aOff + c * lda;
      const u = a[o + j];
      if (u !== 0) for (let i = j + 1; i < n; i++) a[o + i] -= a[col + i] * u;
    }
  }
  return 0;
}

/** Solve with the factors of denseFactor; b[bOff …] is overwritten with x. */
export function denseSolve(n: number, a: Float64Array, aOff: number, lda: number, ipiv: Int32Array, ipivOff: number, b: Float64Array, bOff: number): void {
  for (let j = 0; j < n; j++) {
    const p = ipiv[ipivOff + j];
    if (p !== j) {
      const t = b[bOff + p];
      b[bOff + p] = b[bOff + j];
      b[bOff + j] = t;
    }
  }
  for (let j = 0; j < n; j++) {
    const bj = b[bOff + j];
    if (bj !== 0) {
      const col = aOff + j * lda;
      for (let i = j + 1; i < n; i++) b[bOff + i] -= a[col + i] * bj;
    }
  }
  for (let j = n - 1; j >= 0; j--) {
    const col = aOff + j * lda;
    const xj = b[bOff + j] / a[col + j];
    b[bOff + j] = xj;
    if (xj !== 0) for (let i = 0; i < j; i++) b[bOff + i] -= a[col + i] * xj;
  }
}

/** Factor a BandMatrix in place; returns 0 or the 1-based column of a zero pivot. */
export function factorBandMatrix(m: BandMatrix, ipiv: Int32Array): number {
  return bandFactor(m.n, m.kl, m.ku, m.data, 0, m.ldab, ipiv, 0);
}

/** Solve with a BandMatrix factored by factorBandMatrix; b is overwritten with x. */
export function solveBandMatrix(m: BandMatrix, ipiv: Int32Array, b: Float64Array): void {
  bandSolve(m.n, m.kl, m.ku, m.data, 0, m.ldab, ipiv, 0, b, 0);
}

/**
 * DaeLinearSolver for a model with a band Jacobian: J = ∂F/∂y + cj·∂F/∂y′ is written by the model's
 * `jacobian` (or, when the model has none, approximated by finite differences with column grouping:
 * columns kl + ku + 1 apart do not share rows, so one residual evaluation per group of columns gives
 * them all — Curtis, Powell & Reid, IMA J. Appl. Math. 13 (1974) 117) and factored by bandFactor.
 */
export class BandLinearSolver implements DaeLinearSolver {
  readonly n: number;
  readonly kl: number;
  readonly ku: number;
  readonly matrix: BandMatrix;
  readonly pivots: Int32Array;
  /** Jacobian evaluations (model calls or finite-difference sweeps). */
  nJacEvals = 0;
  /** Residual evaluations spent on finite-difference Jacobians. */
  nResEvals = 0;
  /** Column (1-based) of the zero pivot in the last failed setup, 0 after a good one. */
  lastSingularColumn = 0;
  private readonly problem: DaeProblem;
  private ewt: Float64Array | null = null;
  private readonly r0: Float64Array | null;
  private readonly r1: Float64Array | null;
  private readonly ySave: Float64Array | null;
  private readonly ypSave: Float64Array | null;
  private readonly inc: Float64Array | null;

  constructor(problem: DaeProblem) {
    const kl = problem.lowerBandwidth;
    const ku = problem.upperBandwidth;
    if (kl === undefined || ku === undefined) throw new RangeError('BandLinearSolver: the problem must give lowerBandwidth and upperBandwidth');
    const n = problem.n;
    this.n = n;
    this.kl = Math.min(kl, n - 1);
    this.ku = Math.min(ku, n - 1);
    this.problem = problem;
    this.matrix = new BandMatrix(n, this.kl, this.ku);
    this.pivots = new Int32Array(n);
    const fd = problem.jacobian === undefined;
    this.r0 = fd ? new Float64Array(n) : null;
    this.r1 = fd ? new Float64Array(n) : null;
    this.ySave = fd ? new Float64Array(n) : null;
    this.ypSave = fd ? new Float64Array(n) : null;
    this.inc = fd ? new Float64Array(n) : null;
  }

  /** The BDF solver shares its error weights (1/(rtol·|y|+atol)); used to size difference increments. */
  useErrorWeights(ewt: Float64Array): void {
    this.ewt = ewt;
  }

  setup(t: number, y: Float64Array, yp: Float64Array, cj: number): boolean {
    const m = this.matrix;
    m.zero();
    if (this.problem.jacobian !== undefined) this.problem.jacobian(t, y, yp, cj, m);
    else this.finiteDifferenceJacobian(t, y, yp, cj);
    this.nJacEvals++;
    const info = bandFactor(m.n, m.kl, m.ku, m.data, 0, m.ldab, this.pivots, 0);
    this.lastSingularColumn = info;
    return info === 0;
  }

  solve(b: Float64Array): void {
    const m = this.matrix;
    bandSolve(m.n, m.kl, m.ku, m.data, 0, m.ldab, this.pivots, 0, b, 0);
  }

  private finiteDifferenceJacobian(t: number, y: Float64Array, yp: Float64Array, cj: number): void {
    const { n, kl, ku, problem } = this;
    const r0 = this.r0 as Float64Array;
    const r1 = this.r1 as Float64Array;
    const ys = this.ySave as Float64Array;
    const yps = this.ypSave as Float64Array;
    const inc = this.inc as Float64Array;
    const m = this.matrix;
    const sqrtEps = 1.4901161193847656e-8;
    problem.residual(t, y, yp, r0);
    this.nResEvals++;
    for (let i = 0; i < n; i++) {
      ys[i] = y[i];
      yps[i] = yp[i];
    }
    const width = kl + ku + 1;
    for (let g = 0; g < width && g < n; g++) {
      for (let j = g; j < n; j += width) {
        // Increment (IDA user guide, difference-quotient Jacobian): max(√ε·max(|y_j|, |h·y′_j|), 1/w_j)
        // with w_j the error weight, so it never falls below the tolerance scale of y_j.
        let d = sqrtEps * Math.max(Math.abs(ys[j]), Math.abs(yps[j] / cj));
        if (this.ewt !== null && this.ewt[j] > 0) d = Math.max(d, 1 / this.ewt[j]);
        if (!(d > 0)) d = sqrtEps;
        d = ys[j] + d - ys[j]; // make the increment exactly representable
        inc[j] = d;
        y[j] = ys[j] + d;
        yp[j] = yps[j] + cj * d;
      }
      problem.residual(t, y, yp, r1);
      this.nResEvals++;
      for (let j = g; j < n; j += width) {
        const d = inc[j];
        const i0 = Math.max(0, j - ku);
        const i1 = Math.min(n - 1, j + kl);
        for (let i = i0; i <= i1; i++) m.set(i, j, (r1[i] - r0[i]) / d);
        y[j] = ys[j];
        yp[j] = yps[j];
      }
    }
  }
}
