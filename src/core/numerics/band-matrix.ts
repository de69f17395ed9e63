/**
 * A square band matrix on one Float64Array, in LAPACK's general-band (dgbtrf) layout so an LU with
 * partial pivoting fits in place: column-major, leading dimension ldab = 2·kl + ku + 1, element
 * (i, j) (0-based, |i − j| within the band) at data[j·ldab + kl + ku + i − j]. The top kl rows of
 * each column are fill-in space for the pivoting.
 *
 * Writers (Jacobians) call zero() then add(i, j, v) / set(i, j, v); the LU lives in band-lu.ts.
 */
export class BandMatrix {
  readonly n: number;
  /** Number of sub-diagonals. */
  readonly kl: number;
  /** Number of super-diagonals. */
  readonly ku: number;
  readonly ldab: number;
  readonly data: Float64Array;

  /** @param storage optional (2·kl + ku + 1)·n zeroed values to use as `data` (e.g. WebAssembly memory). */
  constructor(n: number, kl: number, ku: number, storage?: Float64Array) {
    if (!(n > 0 && kl >= 0 && ku >= 0)) throw new RangeError(`BandMatrix: bad shape n=${n} kl=${kl} ku=${ku}`);
    this.n = n;
    this.kl = kl;
    this.ku = ku;
    this.ldab = 2 * kl + ku + 1;
    if (storage !== undefined && storage.length !== this.ldab * n) throw new RangeError(`BandMatrix: storage has ${storage.length} values, expected ${this.ldab * n}`);
    this.data = storage ?? new Float64Array(this.ldab * n);
  }

  /** Offset of (i, j) in data. The caller guarantees j − ku ≤ i ≤ j + kl. */
  index(i: number, j: number): number {
    return j * this.ldab + this.kl + this.ku + i - j;
  }

  inBand(i: number, j: number): boolean {
    return i - j <= this.kl && j - i <= this.ku && i >= 0 && j >= 0 && i < this.n && j < this.n;
  }

  get(i: number, j: number): number {
    return this.inBand(i, j) ? this.data[this.index(i, j)] : 0;
  }

  set(i: number, j: number, v: number): void {
    this.data[j * this.ldab + this.kl + this.ku + i - j] = v;
  }

  add(i: number, j: number, v: number): void {
    this.data[j * this.ldab + this.kl + this.ku + i - j] += v;
  }

  zero(): void {
    this.data.fill(0);
  }

  /** y = A·x for the stored band (used by tests and by residual checks, not in hot loops). */
  multiply(x: Float64Array, y: Float64Array): void {
    const { n, kl, ku } = this;
    for (let i = 0; i < n; i++) {
      let s = 0;
      const j0 = Math.max(0, i - kl);
      const j1 = Math.min(n - 1, i + ku);
      for (let j = j0; j <= j1; j++) s += this.data[this.index(i, j)] * x[j];
      y[i] = s;
    }
  }
}
