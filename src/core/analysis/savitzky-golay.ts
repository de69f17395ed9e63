/**
 * Savitzky–Golay smoothing and differentiation on uniformly spaced samples (Savitzky & Golay,
 * Anal. Chem. 36 (1964) 1627). A local polynomial of degree `order` is least-squares fitted in a
 * window of `window` points around each sample; its value (or derivative) at the centre is the
 * output. Unlike a moving average it keeps peak heights and widths of features wider than the
 * window. Near the ends the window is shifted inwards and the polynomial evaluated off-centre, so
 * no samples are lost.
 */
import { InputError } from '../errors.js';

/** Solves the small normal-equation system for the polynomial fit weights, by Gauss–Jordan. */
function solveSmall(a: Float64Array, b: Float64Array, m: number): void {
  for (let col = 0; col < m; col++) {
    let piv = col;
    for (let r = col + 1; r < m; r++) if (Math.abs(a[r * m + col]) > Math.abs(a[piv * m + col])) piv = r;
    if (piv !== col) {
      for (let c = 0; c < m; c++) { const t = a[col * m + c]; a[col * m + c] = a[piv * m + c]; a[piv * m + c] = t; }
      const t = b[col]; b[col] = b[piv]; b[piv] = t;
    }
    const d = a[col * m + col];
    for (let r = 0; r < m; r++) {
      if (r === col) continue;
      const f = a[r * m + col] / d;
      if (f === 0) continue;
      for (let c = col; c < m; c++) a[r * m + c] -= f * a[col * m + c];
      b[r] -= f * b[col];
    }
  }
  for (let r = 0; r < m; r++) b[r] /= a[r * m + r];
}

/**
 * Weights w[k], k = 0..window−1, such that Σ w[k]·y[first+k] is the `deriv`-th derivative (per unit
 * sample spacing) at offset `at` (0-based within the window) of the fitted polynomial.
 */
export function savitzkyGolayWeights(window: number, order: number, at: number, deriv = 0): Float64Array {
  const m = order + 1;
  const half = (window - 1) / 2;
  // Normal matrix of the Vandermonde basis (x − centre)^p, scaled by `half` for conditioning.
  const s = half > 0 ? half : 1;
  const ata = new Float64Array(m * m);
  for (let k = 0; k < window; k++) {
    const x = (k - half) / s;
    for (let p = 0; p < m; p++) for (let q = 0; q < m; q++) ata[p * m + q] += x ** (p + q);
  }
  const w = new Float64Array(window);
  const xat = (at - half) / s;
  // derivative of Σ c_p x^p at xat: e_p = d^deriv/dx^deriv x^p
  const e = new Float64Array(m);
  for (let p = deriv; p < m; p++) {
    let f = 1;
    for (let q = 0; q < deriv; q++) f *= p - q;
    e[p] = f * xat ** (p - deriv) / s ** deriv;
  }
  const a = new Float64Array(ata);
  const z = new Float64Array(e);
  solveSmall(a, z, m); // z = (AᵀA)⁻¹ e  (AᵀA is symmetric)
  for (let k = 0; k < window; k++) {
    const x = (k - half) / s;
    let v = 0;
    for (let p = 0; p < m; p++) v += z[p] * x ** p;
    w[k] = v;
  }
  return w;
}

/**
 * Smooths (deriv = 0) or differentiates y sampled at uniform spacing `dx`. `window` must be odd and
 * larger than `order`. Returns a new array of the same length.
 */
export function savitzkyGolay(y: ArrayLike<number>, window: number, order: number, deriv = 0, dx = 1): Float64Array {
  const n = y.length;
  if (window % 2 !== 1 || window < 3) throw new InputError({ field: 'window' }, 'an odd window of at least 3 points', String(window));
  if (order >= window) throw new InputError({ field: 'order' }, `a polynomial order below the window (${window})`, String(order));
  const out = new Float64Array(n);
  if (n < window) {
    // Too short to smooth: fit one polynomial through everything that fits, or return as is.
    for (let i = 0; i < n; i++) out[i] = deriv === 0 ? y[i] : 0;
    if (deriv === 0 || n < 2) return out;
    for (let i = 0; i < n; i++) {
      const a = Math.max(0, i - 1);
      const b = Math.min(n - 1, i + 1);
      out[i] = (y[b] - y[a]) / ((b - a) * dx);
    }
    return out;
  }
  const half = (window - 1) / 2;
  const centre = savitzkyGolayWeights(window, order, half, deriv);
  const scale = 1 / dx ** deriv;
  for (let i = half; i < n - half; i++) {
    let v = 0;
    for (let k = 0; k < window; k++) v += centre[k] * y[i - half + k];
    out[i] = v * scale;
  }
  for (let i = 0; i < half; i++) {
    const wl = savitzkyGolayWeights(window, order, i, deriv);
    let vl = 0;
    let vr = 0;
    const wr = savitzkyGolayWeights(window, order, window - 1 - i, deriv);
    for (let k = 0; k < window; k++) {
      vl += wl[k] * y[k];
      vr += wr[k] * y[n - window + k];
    }
    out[i] = vl * scale;
    out[n - 1 - i] = vr * scale;
  }
  return out;
}
