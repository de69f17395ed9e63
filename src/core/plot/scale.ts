/** Maps data values to pixels along one axis, linearly or logarithmically. */

export type ScaleKind = 'linear' | 'log';

export class Scale {
  readonly kind: ScaleKind;
  readonly domain: [number, number];
  readonly range: [number, number];
  private readonly d0: number;
  private readonly k: number;

  constructor(kind: ScaleKind, domain: [number, number], range: [number, number]) {
    this.kind = kind;
    this.domain = domain;
    this.range = range;
    const t0 = kind === 'log' ? Math.log10(domain[0]) : domain[0];
    const t1 = kind === 'log' ? Math.log10(domain[1]) : domain[1];
    this.d0 = t0;
    this.k = t1 === t0 ? 0 : (range[1] - range[0]) / (t1 - t0);
  }

  /** Pixel position of a value. Non-finite input (or ≤ 0 on a log scale) gives NaN. */
  map(v: number): number {
    if (this.kind === 'log') {
      if (!(v > 0)) return NaN;
      return this.range[0] + (Math.log10(v) - this.d0) * this.k;
    }
    return this.range[0] + (v - this.d0) * this.k;
  }

  /** Data value at a pixel position (for hover readouts). */
  invert(px: number): number {
    const t = this.k === 0 ? this.d0 : this.d0 + (px - this.range[0]) / this.k;
    return this.kind === 'log' ? 10 ** t : t;
  }
}
