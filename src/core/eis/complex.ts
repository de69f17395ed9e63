/**
 * Scalar complex arithmetic without allocation, for the impedance kernels. Each function writes its
 * result into the shared two-slot scratch `CX` (CX[0] = real, CX[1] = imaginary); callers copy it out
 * before the next call. This keeps the per-frequency loops free of object creation.
 */

/** Result slot of the last complex operation: [re, im]. */
export const CX = new Float64Array(2);

/** (a + jb) / (c + jd). A zero divisor gives ±Infinity/NaN as IEEE arithmetic does. */
export function cdiv(a: number, b: number, c: number, d: number): void {
  // Smith's algorithm: avoids overflow in c² + d².
  if (Math.abs(c) >= Math.abs(d)) {
    const r = d / c;
    const den = c + d * r;
    CX[0] = (a + b * r) / den;
    CX[1] = (b - a * r) / den;
  } else {
    const r = c / d;
    const den = c * r + d;
    CX[0] = (a * r + b) / den;
    CX[1] = (b * r - a) / den;
  }
}

/** 1 / (a + jb). */
export function cinv(a: number, b: number): void {
  cdiv(1, 0, a, b);
}

/** (a + jb)(c + jd). */
export function cmul(a: number, b: number, c: number, d: number): void {
  CX[0] = a * c - b * d;
  CX[1] = a * d + b * c;
}

/** Principal square root of a + jb (branch cut on the negative real axis, Re ≥ 0). */
export function csqrt(a: number, b: number): void {
  if (a === 0 && b === 0) {
    CX[0] = 0;
    CX[1] = 0;
    return;
  }
  const r = Math.hypot(a, b);
  if (a >= 0) {
    const t = Math.sqrt((r + a) / 2);
    CX[0] = t;
    CX[1] = b / (2 * t);
  } else {
    const t = Math.sqrt((r - a) / 2);
    CX[0] = Math.abs(b) / (2 * t);
    CX[1] = b >= 0 ? t : -t;
  }
}

/** tanh(a + jb) = (sinh 2a + j sin 2b) / (cosh 2a + cos 2b), saturating to ±1 for large |a|. */
export function ctanh(a: number, b: number): void {
  if (Math.abs(a) > 20) {
    // |tanh − sign(a)| < 2e-17: the imaginary part is below double precision relative to 1.
    CX[0] = a > 0 ? 1 : -1;
    CX[1] = 0;
    return;
  }
  const den = Math.cosh(2 * a) + Math.cos(2 * b);
  CX[0] = Math.sinh(2 * a) / den;
  CX[1] = Math.sin(2 * b) / den;
}

/** sinh(a + jb) = sinh a cos b + j cosh a sin b. */
export function csinh(a: number, b: number): void {
  CX[0] = Math.sinh(a) * Math.cos(b);
  CX[1] = Math.cosh(a) * Math.sin(b);
}

/** (jx)^α for real x > 0: x^α (cos απ/2 + j sin απ/2). */
export function jpow(x: number, alpha: number): void {
  const m = Math.pow(x, alpha);
  const ph = (alpha * Math.PI) / 2;
  CX[0] = m * Math.cos(ph);
  CX[1] = m * Math.sin(ph);
}
