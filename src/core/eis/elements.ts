/**
 * Equivalent-circuit elements: impedance Z(ω), ω = 2πf, for each element symbol, with its parameters'
 * units and the source of its formula. Symbols and parameter order follow impedance.py (Murbach et al.,
 * JOSS 5, 2349 (2020), `impedance/models/circuits/elements.py`), so circuit strings and parameter names
 * mean the same thing in both tools; the formulas are the published ones cited per element.
 *
 * Each `evaluate` writes Z at every ω into (re, im) with no allocation; `p[o]`, `p[o + 1]`, … are the
 * element's parameters in the order listed.
 */
import { CX, cdiv, cinv, cmul, csinh, csqrt, ctanh, jpow } from './complex.js';

/** How a parameter behaves physically; used for initial guesses and for finding R_ct. */
export type ParameterRole =
  | 'resistance'
  | 'capacitance'
  | 'inductance'
  | 'cpeQ'
  | 'exponent'
  | 'timeConstant'
  | 'warburgCoefficient'
  | 'other';

export interface ElementParameter {
  /** Short description, e.g. "resistance". */
  description: string;
  /** Unit as text (SI), e.g. "Ohm", "F", "Ohm^-1 s^a". */
  unit: string;
  role: ParameterRole;
  /** Default bounds for fitting (impedance.py's defaults: [0, ∞), exponents [0, 1]). */
  lower: number;
  upper: number;
}

export interface ElementDefinition {
  symbol: string;
  name: string;
  /** The formula as text. */
  formula: string;
  /** Where the formula comes from. */
  source: string;
  parameters: readonly ElementParameter[];
  /** Behaviour class used by R_ct identification and initial guesses. */
  kind: 'resistor' | 'capacitive' | 'inductive' | 'diffusion' | 'arc' | 'porous';
  evaluate(p: ArrayLike<number>, o: number, omega: Float64Array, re: Float64Array, im: Float64Array): void;
}

const R_PARAM = (description = 'resistance'): ElementParameter => ({ description, unit: 'Ohm', role: 'resistance', lower: 0, upper: Infinity });
const TAU_PARAM = (description = 'time constant'): ElementParameter => ({ description, unit: 's', role: 'timeConstant', lower: 0, upper: Infinity });
const EXP_PARAM = (description = 'exponent'): ElementParameter => ({ description, unit: '', role: 'exponent', lower: 0, upper: 1 });

/** Writes Z0/(s·tanh s) (open Warburg, `coth` form) or Z0·tanh(s)/s (short) for s = √(jωτ). */
function finiteWarburg(p: ArrayLike<number>, o: number, omega: Float64Array, re: Float64Array, im: Float64Array, open: boolean): void {
  const z0 = p[o];
  const tau = p[o + 1];
  for (let k = 0; k < omega.length; k++) {
    csqrt(0, omega[k] * tau);
    const sr = CX[0];
    const si = CX[1];
    ctanh(sr, si);
    const tr = CX[0];
    const ti = CX[1];
    if (open) {
      cmul(sr, si, tr, ti);
      cinv(CX[0], CX[1]);
    } else {
      cdiv(tr, ti, sr, si);
    }
    re[k] = z0 * CX[0];
    im[k] = z0 * CX[1];
  }
}

/** √(Rion·Zs)·coth√(Rion/Zs) for an interface impedance Zs (written in zr/zi per point by `zs`). */
function transmissionLine(rion: number, zsr: number, zsi: number): void {
  // Small Rion/Zs (and Rion = 0 exactly): x·coth x = 1 + x²/3 − …, so Z = Zs + Rion/3 to O((Rion/Zs)²).
  const zs2 = zsr * zsr + zsi * zsi;
  if (rion * rion <= 1e-16 * zs2) {
    CX[0] = zsr + rion / 3;
    CX[1] = zsi;
    return;
  }
  // √(Rion Zs)
  csqrt(rion * zsr, rion * zsi);
  const ar = CX[0];
  const ai = CX[1];
  // √(Rion / Zs)
  cdiv(rion, 0, zsr, zsi);
  csqrt(CX[0], CX[1]);
  ctanh(CX[0], CX[1]);
  cdiv(ar, ai, CX[0], CX[1]);
}

export const ELEMENTS: Record<string, ElementDefinition> = {
  R: {
    symbol: 'R',
    name: 'resistor',
    formula: 'Z = R',
    source: 'Ohm’s law',
    parameters: [R_PARAM()],
    kind: 'resistor',
    evaluate(p, o, omega, re, im) {
      for (let k = 0; k < omega.length; k++) {
        re[k] = p[o];
        im[k] = 0;
      }
    },
  },
  C: {
    symbol: 'C',
    name: 'capacitor',
    formula: 'Z = 1 / (jωC)',
    source: 'ideal capacitor (e.g. Orazem & Tribollet, Electrochemical Impedance Spectroscopy, 2nd ed., Wiley 2017, ch. 4)',
    parameters: [{ description: 'capacitance', unit: 'F', role: 'capacitance', lower: 0, upper: Infinity }],
    kind: 'capacitive',
    evaluate(p, o, omega, re, im) {
      for (let k = 0; k < omega.length; k++) {
        re[k] = 0;
        im[k] = -1 / (omega[k] * p[o]);
      }
    },
  },
  L: {
    symbol: 'L',
    name: 'inductor',
    formula: 'Z = jωL',
    source: 'ideal inductor (Orazem & Tribollet 2017, ch. 4)',
    parameters: [{ description: 'inductance', unit: 'H', role: 'inductance', lower: 0, upper: Infinity }],
    kind: 'inductive',
    evaluate(p, o, omega, re, im) {
      for (let k = 0; k < omega.length; k++) {
        re[k] = 0;
        im[k] = omega[k] * p[o];
      }
    },
  },
  CPE: {
    symbol: 'CPE',
    name: 'constant-phase element',
    formula: 'Z = 1 / (Q (jω)^α)',
    source: 'Brug et al., J. Electroanal. Chem. 176, 275 (1984); Orazem & Tribollet 2017, ch. 14',
    parameters: [
      { description: 'CPE coefficient Q', unit: 'Ohm^-1 s^a', role: 'cpeQ', lower: 0, upper: Infinity },
      EXP_PARAM('CPE exponent α (1 = capacitor)'),
    ],
    kind: 'capacitive',
    evaluate(p, o, omega, re, im) {
      const q = p[o];
      const a = p[o + 1];
      for (let k = 0; k < omega.length; k++) {
        jpow(omega[k], a);
        cinv(q * CX[0], q * CX[1]);
        re[k] = CX[0];
        im[k] = CX[1];
      }
    },
  },
  La: {
    symbol: 'La',
    name: 'modified inductance',
    formula: 'Z = (jωL)^α',
    source: 'BioLogic EC-Lab Application Note 42 (2019), as in impedance.py',
    parameters: [
      { description: 'modified inductance', unit: 'H s^(a-1)', role: 'inductance', lower: 0, upper: Infinity },
      EXP_PARAM('exponent α'),
    ],
    kind: 'inductive',
    evaluate(p, o, omega, re, im) {
      for (let k = 0; k < omega.length; k++) {
        jpow(omega[k] * p[o], p[o + 1]);
        re[k] = CX[0];
        im[k] = CX[1];
      }
    },
  },
  W: {
    symbol: 'W',
    name: 'semi-infinite Warburg',
    formula: 'Z = A_W (1 − j) / √ω',
    source: 'Warburg, Ann. Phys. 67, 493 (1899); Bard & Faulkner, Electrochemical Methods, 2nd ed., eq. 10.3.28',
    parameters: [{ description: 'Warburg coefficient A_W', unit: 'Ohm s^-1/2', role: 'warburgCoefficient', lower: 0, upper: Infinity }],
    kind: 'diffusion',
    evaluate(p, o, omega, re, im) {
      for (let k = 0; k < omega.length; k++) {
        const v = p[o] / Math.sqrt(omega[k]);
        re[k] = v;
        im[k] = -v;
      }
    },
  },
  Wo: {
    symbol: 'Wo',
    name: 'open (finite-space, reflective) Warburg',
    formula: 'Z = Z0 · coth(√(jωτ)) / √(jωτ), τ = L²/D',
    source: 'Jacobsen & West, Electrochim. Acta 40, 255 (1995) (reflective boundary); impedance.py `Wo`',
    parameters: [R_PARAM('diffusion resistance Z0'), TAU_PARAM('diffusion time constant τ = L²/D')],
    kind: 'diffusion',
    evaluate(p, o, omega, re, im) {
      finiteWarburg(p, o, omega, re, im, true);
    },
  },
  Ws: {
    symbol: 'Ws',
    name: 'short (finite-length, transmissive) Warburg',
    formula: 'Z = Z0 · tanh(√(jωτ)) / √(jωτ), τ = L²/D',
    source: 'Jacobsen & West, Electrochim. Acta 40, 255 (1995) (transmissive boundary); impedance.py `Ws`',
    parameters: [R_PARAM('diffusion resistance Z0'), TAU_PARAM('diffusion time constant τ = L²/D')],
    kind: 'diffusion',
    evaluate(p, o, omega, re, im) {
      finiteWarburg(p, o, omega, re, im, false);
    },
  },
  G: {
    symbol: 'G',
    name: 'Gerischer',
    formula: 'Z = R_G / √(1 + jωt_G)',
    source: 'Lu, Kreller & Adler, J. Electrochem. Soc. 156, B513 (2009); Boukamp & Bouwmeester, Solid State Ionics 157, 29 (2003)',
    parameters: [R_PARAM('Gerischer resistance R_G'), TAU_PARAM('Gerischer time constant t_G')],
    kind: 'arc',
    evaluate(p, o, omega, re, im) {
      for (let k = 0; k < omega.length; k++) {
        csqrt(1, omega[k] * p[o + 1]);
        cdiv(p[o], 0, CX[0], CX[1]);
        re[k] = CX[0];
        im[k] = CX[1];
      }
    },
  },
  Gs: {
    symbol: 'Gs',
    name: 'finite-length Gerischer',
    formula: 'Z = R_G / (√(1 + jωt_G) · tanh(φ √(1 + jωt_G)))',
    source: 'Green, Liu & Adler, Solid State Ionics 179, 647 (2008)',
    parameters: [R_PARAM('Gerischer resistance R_G'), TAU_PARAM('Gerischer time constant t_G'), { description: 'thickness ratio φ', unit: '', role: 'other', lower: 0, upper: Infinity }],
    kind: 'arc',
    evaluate(p, o, omega, re, im) {
      const phi = p[o + 2];
      for (let k = 0; k < omega.length; k++) {
        csqrt(1, omega[k] * p[o + 1]);
        const sr = CX[0];
        const si = CX[1];
        ctanh(phi * sr, phi * si);
        cmul(sr, si, CX[0], CX[1]);
        cdiv(p[o], 0, CX[0], CX[1]);
        re[k] = CX[0];
        im[k] = CX[1];
      }
    },
  },
  K: {
    symbol: 'K',
    name: 'Voigt (RC) element with time constant',
    formula: 'Z = R / (1 + jωτ)',
    source: 'Schönleber et al., Electrochim. Acta 131, 20 (2014), eq. 2 (the Lin-KK basis element)',
    parameters: [R_PARAM(), TAU_PARAM('time constant τ = RC')],
    kind: 'arc',
    evaluate(p, o, omega, re, im) {
      for (let k = 0; k < omega.length; k++) {
        cdiv(p[o], 0, 1, omega[k] * p[o + 1]);
        re[k] = CX[0];
        im[k] = CX[1];
      }
    },
  },
  Zarc: {
    symbol: 'Zarc',
    name: 'ZARC (R‖CPE in R, τ, γ form; Cole–Cole)',
    formula: 'Z = R / (1 + (jωτ)^γ)',
    source: 'Cole & Cole, J. Chem. Phys. 9, 341 (1941); impedance.py `Zarc`',
    parameters: [R_PARAM(), TAU_PARAM(), EXP_PARAM('dispersion exponent γ')],
    kind: 'arc',
    evaluate(p, o, omega, re, im) {
      for (let k = 0; k < omega.length; k++) {
        jpow(omega[k] * p[o + 1], p[o + 2]);
        cdiv(p[o], 0, 1 + CX[0], CX[1]);
        re[k] = CX[0];
        im[k] = CX[1];
      }
    },
  },
  TLMQ: {
    symbol: 'TLMQ',
    name: 'transmission line, blocking (ionic resistance + CPE interface)',
    formula: 'Z = √(R_ion Z_s) coth √(R_ion/Z_s), Z_s = 1/(Q (jω)^γ)',
    source: 'Landesfeind et al., J. Electrochem. Soc. 163, A1373 (2016), eq. 11 (de Levie, Electrochim. Acta 8, 751 (1963))',
    parameters: [
      R_PARAM('ionic resistance of the pore electrolyte R_ion'),
      { description: 'interface CPE coefficient Q_s', unit: 'F s^(g-1)', role: 'cpeQ', lower: 0, upper: Infinity },
      EXP_PARAM('CPE exponent γ'),
    ],
    kind: 'porous',
    evaluate(p, o, omega, re, im) {
      const rion = p[o];
      const q = p[o + 1];
      const g = p[o + 2];
      for (let k = 0; k < omega.length; k++) {
        jpow(omega[k], g);
        cinv(q * CX[0], q * CX[1]);
        transmissionLine(rion, CX[0], CX[1]);
        re[k] = CX[0];
        im[k] = CX[1];
      }
    },
  },
  TLM: {
    symbol: 'TLM',
    name: 'transmission line with faradaic interface (de Levie porous electrode)',
    formula: 'Z = √(R_ion Z_s) coth √(R_ion/Z_s), Z_s = R_ct / (1 + R_ct Q (jω)^γ)',
    source: 'de Levie, Electrochim. Acta 8, 751 (1963); Landesfeind et al., J. Electrochem. Soc. 163, A1373 (2016), eqs. 9–11',
    parameters: [
      R_PARAM('ionic resistance of the pore electrolyte R_ion (whole electrode)'),
      R_PARAM('charge-transfer resistance of the whole electrode R_ct'),
      { description: 'double-layer CPE coefficient Q (whole electrode)', unit: 'F s^(g-1)', role: 'cpeQ', lower: 0, upper: Infinity },
      EXP_PARAM('CPE exponent γ'),
    ],
    kind: 'porous',
    evaluate(p, o, omega, re, im) {
      const rion = p[o];
      const rct = p[o + 1];
      const q = p[o + 2];
      const g = p[o + 3];
      for (let k = 0; k < omega.length; k++) {
        jpow(omega[k], g);
        cdiv(rct, 0, 1 + rct * q * CX[0], rct * q * CX[1]);
        transmissionLine(rion, CX[0], CX[1]);
        re[k] = CX[0];
        im[k] = CX[1];
      }
    },
  },
  T: {
    symbol: 'T',
    name: 'macrohomogeneous porous electrode (Paasch)',
    formula: 'Z = A coth(β)/β + B/(β sinh β), β = √(a + jωb)',
    source: 'Paasch, Micka & Gersdorf, Electrochim. Acta 38, 2653 (1993)',
    parameters: [
      { description: 'A = d(ρ1² + ρ2²)/(ρ1 + ρ2)', unit: 'Ohm m^2', role: 'resistance', lower: 0, upper: Infinity },
      { description: 'B = 2dρ1ρ2/(ρ1 + ρ2)', unit: 'Ohm m^2', role: 'resistance', lower: 0, upper: Infinity },
      { description: 'a = kd²/K', unit: '', role: 'other', lower: 0, upper: Infinity },
      { description: 'b = d²/K', unit: 's', role: 'timeConstant', lower: 0, upper: Infinity },
    ],
    kind: 'porous',
    evaluate(p, o, omega, re, im) {
      const A = p[o];
      const B = p[o + 1];
      for (let k = 0; k < omega.length; k++) {
        csqrt(p[o + 2], omega[k] * p[o + 3]);
        const br = CX[0];
        const bi = CX[1];
        ctanh(br, bi);
        cmul(br, bi, CX[0], CX[1]);
        cdiv(A, 0, CX[0], CX[1]);
        let zr = CX[0];
        let zi = CX[1];
        if (br < 700) {
          // 1/(β sinh β) underflows to 0 long before sinh overflows; skip it there.
          csinh(br, bi);
          cmul(br, bi, CX[0], CX[1]);
          cdiv(B, 0, CX[0], CX[1]);
          zr += CX[0];
          zi += CX[1];
        }
        re[k] = zr;
        im[k] = zi;
      }
    },
  },
};

export const ELEMENT_SYMBOLS: readonly string[] = Object.keys(ELEMENTS);
