/**
 * LU factorisation with partial pivoting of the small reduced band system left after the P2D model
 * eliminates its particle unknowns (LAPACK dgbtf2/dgbtrs algorithm on BandMatrix's dgbtrf layout,
 * written from the published algorithm). No allocation after construction.
 */
import type { BandMatrix } from '../numerics/band-matrix.js';

export class ReducedBandLu {
  readonly pivots: Int32Array;
  /** 1/U[j,j]: back substitution multiplies instead of dividing (a division on its dependency chain). */
  private readonly invDiag: Float64Array;
  /** Upper bandwidth of U in the last factorisation: ku, plus the fill of any row interchanges. */
  private uBand = 0;
  constructor(readonly a: BandMatrix) {
    this.pivots = new Int32Array(a.n);
    this.invDiag = new Float64Array(a.n);
  }

  /** Factors a in place. Returns false if a zero pivot is met. */
  factor(): boolean {
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

  /** Solves A·x = b in place with the last factorisation. */
  solve(b: Float64Array): void {
    const { n, kl, ku, ldab, data } = this.a;
    const kv = ku + kl;
    const ipiv = this.pivots;
    const inv = this.invDiag;
    for (let j = 0; j < n - 1; j++) {
      const lm = Math.min(kl, n - 1 - j);
      const l = ipiv[j];
      if (l !== j) {
        const t = b[l];
        b[l] = b[j];
        b[j] = t;
      }
      const bj = b[j];
      if (bj !== 0) {
        const cj = j * ldab + kv;
        for (let p = 1; p <= lm; p++) b[j + p] -= data[cj + p] * bj;
      }
    }
    for (let j = n - 1; j >= 0; j--) {
      const cj = j * ldab + kv;
      const t = b[j] * inv[j];
      b[j] = t;
      if (t !== 0) {
        const i0 = Math.max(0, j - this.uBand); // U is zero above its (fill-in) bandwidth
        for (let i = i0; i < j; i++) b[i] -= data[cj + i - j] * t;
      }
    }
  }
}
