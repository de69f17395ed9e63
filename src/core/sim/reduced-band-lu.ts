/**
 * LU factorisation of the small reduced band system left after the P2D model eliminates its particle
 * unknowns, on BandMatrix's dgbtrf layout. No allocation after construction.
 *
 * Pivoting rule. The reduced Jacobian's rows have wildly different scales (φ_s rows ~1e7, c_e rows ~1,
 * j rows ~1), so partial pivoting — which compares magnitudes down a column — interchanges almost
 * every row (192 of 200 for Marquis2019 1C) although the diagonal pivots are perfectly good: without
 * interchanges the factorisation is componentwise backward stable on these matrices (measured
 * |b − A·x|ᵢ / (|A|·|x| + |b|)ᵢ ≤ 4e-16 over a whole discharge). Each interchange widens U from ku to
 * up to ku + kl super-diagonals, doubling the work of the update and of back substitution.
 *
 * So `factor()` first eliminates on the diagonal (no interchanges) and watches element growth column
 * by column: when column j becomes pivotal, every entry of its active part (U above, the future L
 * multipliers' numerators below) must stay within `GROWTH_LIMIT` times the largest |entry| of the
 * original column j, and the pivot must be nonzero, finite and at least `TINY_PIVOT` times that largest
 * entry. Gaussian elimination's backward error is bounded by the growth it produces, so this bounds
 * the error of the diagonal factorisation at ≈ n·GROWTH_LIMIT·ε relative to each column. If any check
 * fails, the original matrix is restored from a copy and refactored with partial pivoting (LAPACK
 * dgbtf2/dgbtrs algorithm, written from the published algorithm); `false` is returned only if that
 * meets a zero or non-finite pivot too.
 */
import type { BandMatrix } from '../numerics/band-matrix.js';

/** Largest growth of an entry, relative to its column's largest original |entry|, accepted without pivoting. */
const GROWTH_LIMIT = 1e6;
/** Smallest pivot, relative to its column's largest original |entry|, accepted without pivoting. */
const TINY_PIVOT = 1e-10;

export class ReducedBandLu {
  readonly pivots: Int32Array;
  /** 1/U[j,j]: back substitution multiplies instead of dividing (a division on its dependency chain). */
  private readonly invDiag: Float64Array;
  /** The matrix as assembled, kept so a failed diagonal factorisation can restart with pivoting. */
  private readonly saved: Float64Array;
  /** Largest |entry| of each original column (the growth reference). */
  private readonly colMax: Float64Array;
  /** Upper bandwidth of U in the last factorisation: ku, plus the fill of any row interchanges. */
  private uBand = 0;
  /** Whether the last factorisation interchanged rows (then `solve` applies `pivots`). */
  private pivoted = false;
  /** Counters for benchmarks: factorisations that fell back to partial pivoting, and their interchanges. */
  pivotedFactorisations = 0;
  rowSwaps = 0;
  /**
   * @param alwaysPivot skip the diagonal attempt and always use partial pivoting (the previous
   *   behaviour; the benchmark measures against it).
   */
  constructor(
    readonly a: BandMatrix,
    private readonly alwaysPivot = false,
    alloc: (count: number) => Float64Array = (count) => new Float64Array(count),
  ) {
    this.pivots = new Int32Array(a.n);
    this.invDiag = alloc(a.n);
    this.saved = new Float64Array(a.data.length);
    this.colMax = new Float64Array(a.n);
  }

  /** Factors a in place. Returns false if a zero or non-finite pivot is met even with partial pivoting. */
  factor(): boolean {
    if (!this.alwaysPivot) {
      this.saved.set(this.a.data);
      if (this.factorDiagonal()) {
        this.pivoted = false;
        this.uBand = this.a.ku;
        return true;
      }
      this.a.data.set(this.saved);
      this.pivotedFactorisations++;
    }
    this.pivoted = true;
    return this.factorPartialPivoting();
  }

  /** Elimination without interchanges; false as soon as a pivot is unacceptable or an entry grows too much. */
  private factorDiagonal(): boolean {
    const { n, kl, ku, ldab, data } = this.a;
    const kv = ku + kl;
    const colMax = this.colMax;
    for (let c = 0; c < n; c++) {
      const base = c * ldab + kv;
      const i0 = Math.max(-ku, -c);
      const i1 = Math.min(kl, n - 1 - c);
      let m = 0;
      for (let p = i0; p <= i1; p++) {
        const v = Math.abs(data[base + p]);
        if (v > m) m = v;
      }
      colMax[c] = m;
    }
    for (let j = 0; j < n; j++) {
      const km = Math.min(kl, n - 1 - j);
      const cj = j * ldab + kv;
      const ref = colMax[j];
      const pivot = data[cj];
      // also rejects NaN (every comparison with NaN is false) and an all-zero column
      if (!(Math.abs(pivot) >= TINY_PIVOT * ref) || !(ref > 0) || !Number.isFinite(pivot)) return false;
      const limit = GROWTH_LIMIT * ref;
      for (let p = Math.max(-ku, -j); p <= km; p++) {
        if (!(Math.abs(data[cj + p]) <= limit)) return false;
      }
      this.invDiag[j] = 1 / pivot;
      if (km > 0) {
        // divide (one rounding) rather than multiply by 1/pivot (two): at most kl divisions per column
        for (let p = 1; p <= km; p++) data[cj + p] /= pivot;
        const cEnd = Math.min(j + ku, n - 1);
        for (let c = j + 1; c <= cEnd; c++) {
          const base = c * ldab + kv + j - c;
          const t = data[base];
          if (t !== 0) {
            for (let p = 1; p <= km; p++) data[base + p] -= data[cj + p] * t;
          }
        }
      }
    }
    return true;
  }

  private factorPartialPivoting(): boolean {
    const { n, kl, ku, ldab, data } = this.a;
    const kv = ku + kl;
    const ipiv = this.pivots;
    let ju = 0;
    let uBand = 0;
    for (let j = 0; j < n; j++) {
      const km = Math.min(kl, n - 1 - j);
      const cj = j * ldab + kv;
      let jp = 0;
      let best = Math.abs(data[cj]);
      for (let p = 1; p <= km; p++) {
        const v = Math.abs(data[cj + p]);
        if (v > best) {
          best = v;
          jp = p;
        }
      }
      ipiv[j] = j + jp;
      if (!(best > 0) || !Number.isFinite(best)) return false;
      const juNew = Math.min(j + ku + jp, n - 1);
      if (juNew > ju) ju = juNew;
      if (ju - j > uBand) uBand = ju - j;
      if (jp !== 0) {
        this.rowSwaps++;
        for (let c = j; c <= ju; c++) {
          const base = c * ldab + kv + j - c;
          const t = data[base];
          data[base] = data[base + jp];
          data[base + jp] = t;
        }
      }
      const r = 1 / data[cj];
      this.invDiag[j] = r;
      if (km > 0) {
        for (let p = 1; p <= km; p++) data[cj + p] *= r;
        for (let c = j + 1; c <= ju; c++) {
          const base = c * ldab + kv + j - c;
          const t = data[base];
          if (t !== 0) {
            for (let p = 1; p <= km; p++) data[base + p] -= data[cj + p] * t;
          }
        }
      }
    }
    this.uBand = uBand;
    return true;
  }

  /** Whether the last factorisation interchanged rows (then only `solve` here knows how to use it). */
  get lastPivoted(): boolean {
    return this.pivoted;
  }

  /** 1/U[j,j] of the last factorisation (read only). */
  get reciprocalDiagonal(): Float64Array {
    return this.invDiag;
  }

  /** Solves A·x = b in place with the last factorisation. */
  solve(b: Float64Array): void {
    const { n, kl, ku, ldab, data } = this.a;
    const kv = ku + kl;
    const ipiv = this.pivots;
    const inv = this.invDiag;
    const pivoted = this.pivoted;
    for (let j = 0; j < n - 1; j++) {
      const lm = Math.min(kl, n - 1 - j);
      if (pivoted) {
        const l = ipiv[j];
        if (l !== j) {
          const t = b[l];
          b[l] = b[j];
          b[j] = t;
        }
      }
      const bj = b[j];
      if (bj !== 0) {
        const cj = j * ldab + kv;
        for (let p = 1; p <= lm; p++) b[j + p] -= data[cj + p] * bj;
      }
    }
    const uBand = this.uBand;
    for (let j = n - 1; j >= 0; j--) {
      const cj = j * ldab + kv;
      const t = b[j] * inv[j];
      b[j] = t;
      if (t !== 0) {
        const i0 = Math.max(0, j - uBand); // U is zero above its (fill-in) bandwidth
        for (let i = i0; i < j; i++) b[i] -= data[cj + i - j] * t;
      }
    }
  }
}
