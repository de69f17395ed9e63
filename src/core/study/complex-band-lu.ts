/**
 * LU factorisation with partial pivoting of a complex band matrix, real and imaginary parts in
 * separate Float64Arrays (no complex objects in the inner loops). Column-oriented band storage in
 * the style of LAPACK's zgbtrf: A(i, j) lives at column j, offset i − j + kl + ku, with kl extra
 * rows above the band for the fill-in that row interchanges create (so U has kl + ku superdiagonals).
 */
export class ComplexBandLU {
  readonly n: number;
  readonly kl: number;
  readonly ku: number;
  /** Rows per stored column: 2·kl + ku + 1. */
  readonly ld: number;
  readonly re: Float64Array;
  readonly im: Float64Array;
  private readonly piv: Int32Array;

  constructor(n: number, kl: number, ku: number) {
    this.n = n;
    this.kl = kl;
    this.ku = ku;
    this.ld = 2 * kl + ku + 1;
    this.re = new Float64Array(this.ld * n);
    this.im = new Float64Array(this.ld * n);
    this.piv = new Int32Array(n);
  }

  clear(): void {
    this.re.fill(0);
    this.im.fill(0);
  }

  /** Storage index of A(i, j); the caller keeps −ku ≤ i − j ≤ kl. */
  index(i: number, j: number): number {
    return j * this.ld + (i - j + this.kl + this.ku);
  }

  set(i: number, j: number, re: number, im: number): void {
    const k = this.index(i, j);
    this.re[k] = re;
    this.im[k] = im;
  }

  /** Factorises in place. Returns false if a pivot is exactly zero (singular matrix). */
  factor(): boolean {
    const { n, kl, ku, ld, re, im, piv } = this;
    const off = kl + ku;
    for (let k = 0; k < n; k++) {
      const iMax = Math.min(n - 1, k + kl);
      let p = k;
      let best = -1;
      for (let i = k; i <= iMax; i++) {
        const q = k * ld + (i - k + off);
        const a = Math.abs(re[q]) + Math.abs(im[q]);
        if (a > best) {
          best = a;
          p = i;
        }
      }
      piv[k] = p;
      if (best === 0) return false;
      const jMax = Math.min(n - 1, k + off);
      if (p !== k) {
        for (let j = k; j <= jMax; j++) {
          const a = j * ld + (k - j + off);
          const b = j * ld + (p - j + off);
          let t = re[a];
          re[a] = re[b];
          re[b] = t;
          t = im[a];
          im[a] = im[b];
          im[b] = t;
        }
      }
      const d = k * ld + off;
      const dr = re[d];
      const di = im[d];
      const den = dr * dr + di * di;
      for (let i = k + 1; i <= iMax; i++) {
        const q = k * ld + (i - k + off);
        // l = A(i,k) / A(k,k)
        const lr = (re[q] * dr + im[q] * di) / den;
        const li = (im[q] * dr - re[q] * di) / den;
        re[q] = lr;
        im[q] = li;
        if (lr === 0 && li === 0) continue;
        for (let j = k + 1; j <= jMax; j++) {
          const u = j * ld + (k - j + off);
          const t = j * ld + (i - j + off);
          re[t] -= lr * re[u] - li * im[u];
          im[t] -= lr * im[u] + li * re[u];
        }
      }
    }
    return true;
  }

  /** Solves A·x = b in place (b given as real and imaginary parts). */
  solve(br: Float64Array, bi: Float64Array): void {
    const { n, kl, ku, ld, re, im, piv } = this;
    const off = kl + ku;
    for (let k = 0; k < n; k++) {
      const p = piv[k];
      if (p !== k) {
        let t = br[k];
        br[k] = br[p];
        br[p] = t;
        t = bi[k];
        bi[k] = bi[p];
        bi[p] = t;
      }
      const xr = br[k];
      const xi = bi[k];
      if (xr === 0 && xi === 0) continue;
      const iMax = Math.min(n - 1, k + kl);
      for (let i = k + 1; i <= iMax; i++) {
        const q = k * ld + (i - k + off);
        br[i] -= re[q] * xr - im[q] * xi;
        bi[i] -= re[q] * xi + im[q] * xr;
      }
    }
    for (let k = n - 1; k >= 0; k--) {
      let sr = br[k];
      let si = bi[k];
      const jMax = Math.min(n - 1, k + off);
      for (let j = k + 1; j <= jMax; j++) {
        const u = j * ld + (k - j + off);
        sr -= re[u] * br[j] - im[u] * bi[j];
        si -= re[u] * bi[j] + im[u] * br[j];
      }
      const d = k * ld + off;
      const dr = re[d];
      const di = im[d];
      const den = dr * dr + di * di;
      br[k] = (sr * dr + si * di) / den;
      bi[k] = (si * dr - sr * di) / den;
    }
  }
}
