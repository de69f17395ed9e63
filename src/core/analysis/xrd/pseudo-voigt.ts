/**
 * The pseudo-Voigt peak profile and the Kα1/Kα2 doublet geometry.
 *
 * pV(x) = H·[η·L(x) + (1 − η)·G(x)], with L = 1/(1 + 4u²), G = exp(−4 ln2·u²), u = (x − x₀)/FWHM:
 * a Lorentzian–Gaussian mix sharing one full width at half maximum (Thompson, Cox & Hastings,
 * J. Appl. Cryst. 20 (1987) 79 use the same mixing). H is the peak height, so I003/I104 "by height"
 * compares H directly; the area is H·FWHM·[η·π/2 + (1 − η)·√(π/(4 ln2))].
 *
 * Kα2: by Bragg's law at fixed d, sin θ₂ = (λ₂/λ₁)·sin θ₁; its line has the same shape and a height
 * ratio I(Kα2)/I(Kα1) (0.5 for Cu by convention, or the value the instrument file states).
 */

const FOUR_LN2 = 4 * Math.LN2;
const GAUSS_AREA = Math.sqrt(Math.PI / FOUR_LN2);

export function pseudoVoigt(x: number, center: number, height: number, fwhm: number, eta: number): number {
  const u = (x - center) / fwhm;
  const u2 = u * u;
  return height * (eta / (1 + 4 * u2) + (1 - eta) * Math.exp(-FOUR_LN2 * u2));
}

/** Integrated area of a pseudo-Voigt of the given height (same units as x·height). */
export function pseudoVoigtArea(height: number, fwhm: number, eta: number): number {
  return height * fwhm * (eta * (Math.PI / 2) + (1 - eta) * GAUSS_AREA);
}

/** 2θ (degrees) of the Kα2 line for a Kα1 line at `twoTheta1Deg`; NaN when the reflection is beyond 180°. */
export function kAlpha2TwoTheta(twoTheta1Deg: number, lambda1: number, lambda2: number): number {
  const s = (lambda2 / lambda1) * Math.sin((twoTheta1Deg * Math.PI) / 360);
  return s >= 1 ? NaN : (360 / Math.PI) * Math.asin(s);
}

/** d-spacing (Å) from 2θ (degrees) by Bragg's law, λ = 2d·sin θ. */
export function braggD(twoThetaDeg: number, lambda: number): number {
  return lambda / (2 * Math.sin((twoThetaDeg * Math.PI) / 360));
}

/** 2θ (degrees) from d (Å); NaN when λ/(2d) > 1. */
export function braggTwoTheta(dAngstrom: number, lambda: number): number {
  const s = lambda / (2 * dAngstrom);
  return s > 1 ? NaN : (360 / Math.PI) * Math.asin(s);
}
