/**
 * Dense linear least squares min ‖Ax − b‖ by Householder QR with column pivoting (Golub & Van Loan,
 * Matrix Computations, 4th ed., §5.4.2). Columns whose pivot falls below rcond·|R₁₁| are treated as
 * dependent and set to 0 (a basic solution), so a rank-deficient A still gives a finite answer.
 *
 * A is column-major m × n (A[j·m + i]); it is copied, not modified.
 */
export interface LinearLeastSquaresResult {
  x: Float64Array;
  /** Numerical rank found. */
  rank: number;
  /** ‖Ax − b‖². */
  residualSumSquares: number;
}

export function linearLeastSquares(A: Float64Array, m: number, n: number, b: ArrayLike<number>, rcond = 1e-13): LinearLeastSquaresResult {
  if (A.length !== m * n) throw new RangeError(`linearLeastSquares: A has ${A.length} entries, expected ${m}·${n}`);
  const Q = Float64Array.from(A);
  const y = Float64Array.from(b as ArrayLike<number>);
  const perm = new Int32Array(n);
  const norms = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    perm[j] = j;
    let s = 0;
    for (let i = 0; i < m; i++) s += Q[j * m + i] ** 2;
    norms[j] = s;
  }
  const steps = Math.min(m, n);
  const diag = new Float64Array(steps);
  let rank = 0;
  let r11 = 0;
  for (let k = 0; k < steps; k++) {
    // Pivot: the remaining column with the largest remaining norm (recomputed for robustness).
    let best = k;
    let bestNorm = -1;
    for (let j = k; j < n; j++) {
      let s = 0;
      for (let i = k; i < m; i++) s += Q[j * m + i] ** 2;
      norms[j] = s;
      if (s > bestNorm) { bestNorm = s; best = j; }
    }
    if (best !== k) {
      for (let i = 0; i < m; i++) {
        const t = Q[k * m + i];
        Q[k * m + i] = Q[best * m + i];
        Q[best * m + i] = t;
      }
      const tp = perm[k];
      perm[k] = perm[best];
      perm[best] = tp;
    }
    const alphaAbs = Math.sqrt(bestNorm);
    if (k === 0) r11 = alphaAbs;
    if (alphaAbs <= rcond * r11 || alphaAbs === 0) break;
    rank++;
    const alpha = Q[k * m + k] > 0 ? -alphaAbs : alphaAbs;
    Q[k * m + k] -= alpha;
    let vn = 0;
    for (let i = k; i < m; i++) vn += Q[k * m + i] ** 2;
    // Apply H = I − 2vvᵀ/(vᵀv) to the remaining columns and to y.
    for (let j = k + 1; j < n; j++) {
      let d = 0;
      for (let i = k; i < m; i++) d += Q[k * m + i] * Q[j * m + i];
      const f = (2 * d) / vn;
      for (let i = k; i < m; i++) Q[j * m + i] -= f * Q[k * m + i];
    }
    let d = 0;
    for (let i = k; i < m; i++) d += Q[k * m + i] * y[i];
    const f = (2 * d) / vn;
    for (let i = k; i < m; i++) y[i] -= f * Q[k * m + i];
    diag[k] = alpha;
  }
  const z = new Float64Array(n);
  for (let k = rank - 1; k >= 0; k--) {
    let s = y[k];
    for (let j = k + 1; j < rank; j++) s -= Q[j * m + k] * z[j];
    z[k] = s / diag[k];
  }
  const x = new Float64Array(n);
  for (let k = 0; k < n; k++) x[perm[k]] = z[k];
  let rss = 0;
  for (let i = rank; i < m; i++) rss += y[i] * y[i];
  return { x, rank, residualSumSquares: rss };
}
