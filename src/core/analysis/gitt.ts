/**
 * Galvanostatic intermittent titration (GITT): chemical diffusion coefficient per current pulse by
 * Weppner & Huggins, J. Electrochem. Soc. 124 (1977) 1569:
 *
 *     D = 4/(π τ) · (m_B V_M / (M_B S))² · (ΔE_s / ΔE_t)²            (valid for τ ≪ L²/D)
 *
 * m_B V_M / (M_B S) is the active material's volume over its electrolyte-wetted surface, a length L.
 * For spheres of radius r it is r/3, giving the common D = 4r²/(9πτ)·(ΔE_s/ΔE_t)². Some papers put
 * the electrode thickness in its place; that changes D by (thickness/(r/3))², often 10²–10⁴, so the
 * length scale used is always reported with the result.
 *
 * Per pulse (the segments are runs of constant current sign, see current-segments.ts):
 *   E0 = last voltage of the rest before, E1 = first voltage inside the pulse (after the IR step),
 *   E2 = last voltage inside the pulse, E3 = first voltage of the rest after, E4 = last voltage of it;
 *   τ = t(last pulse sample) − t(first pulse sample); ΔE_s = E4 − E0; ΔE_t = E2 − E1.
 *
 * Checks, each reported as a flag instead of silently producing a number:
 *   - ΔE_s indistinguishable from 0 (a two-phase plateau such as LiFePO4's) or of the wrong sign for
 *     the current direction → no D (the formula would return ~0 or a meaningless value);
 *   - E against √(t − t_start) not straight over the pulse (R² below a threshold) → D flagged;
 *   - τ not short against the diffusion time L²/D (τ·D/L² above a threshold) → D flagged.
 */
import { AnalysisError } from '../errors.js';
import type { Measurement } from '../io/measurement.js';
import { fitLine } from './linear-regression.js';
import { defaultRestThresholdA, segmentByCurrentSign } from './current-segments.js';

/** The length L = V/S in the Weppner–Huggins formula, chosen explicitly. */
export type GittLengthScale =
  /** Spherical particles of radius r: L = r/3. */
  | { kind: 'sphereRadius'; radiusM: number }
  /** The electrode (coating) thickness used as L, as some papers do. */
  | { kind: 'electrodeThickness'; thicknessM: number }
  /** The general form: L = m_B·V_M / (M_B·S). */
  | { kind: 'molarVolume'; activeMassKg: number; molarMassKgPerMol: number; molarVolumeM3PerMol: number; surfaceAreaM2: number };

export interface GittOptions {
  lengthScale: GittLengthScale;
  /** |current| at or below this is rest. @default 2 % of the largest |current| */
  restThresholdA?: number;
  /** |ΔE_s| below this gives no D. @default 5 × the voltage resolution found in the data, at least 10 µV */
  minDeltaEsV?: number;
  /** Pulses whose E–√t fit has a lower R² are flagged. @default 0.98 */
  minSqrtTimeRSquared?: number;
  /** Pulses with τ·D/L² above this are flagged as not short against the diffusion time. @default 0.1 */
  maxTauOverDiffusionTime?: number;
}

export type GittFlag =
  | 'deltaEsBelowResolution'
  | 'deltaEsWrongSign'
  | 'deltaEtTooSmall'
  | 'sqrtTimeNonlinear'
  | 'tauNotShortVsDiffusionTime'
  | 'tooFewSamples';

export interface GittPulse {
  /** 1-based number among the pulses analysed (those with a rest before and after). */
  number: number;
  direction: 'charge' | 'discharge';
  startRow: number;
  endRow: number;
  startTimeS: number;
  tauS: number;
  meanCurrentA: number;
  e0V: number;
  e1V: number;
  e2V: number;
  e3V: number;
  e4V: number;
  deltaEsV: number;
  deltaEtV: number;
  /** E1 − E0: the ohmic step at the pulse start. */
  irDropStartV: number;
  /** Charge passed since the start of the record at the pulse end, Ah (positive = charged). */
  chargeAtEndAh: number;
  /** (charge − min)/(max − min) over the record at the pulse end: 0 = most discharged seen, 1 = most charged. */
  stateOfCharge: number;
  /** R² of E against √(t − t_start) over the pulse samples. */
  sqrtTimeRSquared: number | null;
  /** D by the simplified Weppner–Huggins form, m²/s; null when it cannot be computed (see flags). */
  diffusionM2PerS: number | null;
  diffusionCm2PerS: number | null;
  /** τ·D/L²; the method needs this ≪ 1. */
  tauOverDiffusionTime: number | null;
  /** D's relative uncertainty from the voltage resolution alone: 2·(δV/|ΔE_s| + δV/|ΔE_t|). */
  diffusionRelUncertaintyFromResolution: number | null;
  /** True when D is a number and no check failed. */
  valid: boolean;
  flags: GittFlag[];
}

export interface GittResult {
  method: string;
  lengthScale: GittLengthScale;
  /** L used in D = 4L²/(πτ)·(ΔE_s/ΔE_t)², µm. */
  lengthScaleUm: number;
  lengthScaleDescription: string;
  restThresholdA: number;
  voltageResolutionV: number;
  minDeltaEsV: number;
  pulses: GittPulse[];
  /** Pulses skipped because they had no rest on one side (e.g. the first pulse of a run). */
  skippedPulses: number;
  summary: { pulses: number; valid: number; medianValidDiffusionCm2PerS: number | null };
}

/** L = V/S in metres, and a sentence saying what it is. */
export function gittLengthScale(ls: GittLengthScale): { lengthM: number; description: string } {
  const positive = (x: number, what: string): number => {
    if (!(x > 0) || !Number.isFinite(x)) throw new AnalysisError(`GITT length scale: ${what} must be a positive number, found ${x}`);
    return x;
  };
  switch (ls.kind) {
    case 'sphereRadius':
      return { lengthM: positive(ls.radiusM, 'particle radius') / 3, description: `spherical particle, L = r/3 with r = ${(ls.radiusM * 1e6).toPrecision(4)} µm` };
    case 'electrodeThickness':
      return { lengthM: positive(ls.thicknessM, 'electrode thickness'), description: `electrode thickness, L = ${(ls.thicknessM * 1e6).toPrecision(4)} µm (D is then an effective electrode value, not a particle value)` };
    case 'molarVolume': {
      const L = (positive(ls.activeMassKg, 'active mass') * positive(ls.molarVolumeM3PerMol, 'molar volume')) /
        (positive(ls.molarMassKgPerMol, 'molar mass') * positive(ls.surfaceAreaM2, 'surface area'));
      return { lengthM: L, description: `general form, L = m·V_M/(M·S) = ${(L * 1e6).toPrecision(4)} µm` };
    }
  }
}

/** Simplified Weppner–Huggins: D = 4L²/(πτ)·(ΔE_s/ΔE_t)², SI in and out. */
export function weppnerHugginsDiffusion(lengthM: number, tauS: number, deltaEsV: number, deltaEtV: number): number {
  const ratio = deltaEsV / deltaEtV;
  return ((4 * lengthM * lengthM) / (Math.PI * tauS)) * ratio * ratio;
}

/** Smallest non-zero step between consecutive voltages: the logger's effective resolution. */
export function voltageResolution(v: ArrayLike<number>): number {
  let res = Infinity;
  for (let i = 1; i < v.length; i++) {
    const d = Math.abs(v[i] - v[i - 1]);
    if (d > 0 && d < res) res = d;
  }
  return Number.isFinite(res) ? res : 0;
}

/** GITT on a Measurement (needs time_s, current_A, voltage_V). */
export function analyzeGitt(m: Measurement, options: GittOptions): GittResult {
  const { time_s: t, current_A: i, voltage_V: v } = m.columns;
  const missing = [!t && 'time_s', !i && 'current_A', !v && 'voltage_V'].filter(Boolean);
  if (!t || !i || !v) throw new AnalysisError(`${m.source}: GITT needs time, current and voltage columns; missing ${missing.join(', ')}`);
  return analyzeGittArrays(t, i, v, options);
}

/** GITT on plain arrays: time (s), current (A, > 0 charges) and voltage (V), all the same length. */
export function analyzeGittArrays(time: ArrayLike<number>, current: ArrayLike<number>, voltage: ArrayLike<number>, options: GittOptions): GittResult {
  const n = time.length;
  if (current.length !== n || voltage.length !== n) throw new AnalysisError(`GITT: time, current and voltage must have the same length, found ${n}, ${current.length}, ${voltage.length}`);
  const { lengthM, description } = gittLengthScale(options.lengthScale);
  const threshold = options.restThresholdA ?? defaultRestThresholdA(current);
  if (!(threshold > 0)) throw new AnalysisError(`GITT: no current flows in this record (${n} rows, largest |I| = 0 A), so there are no pulses`);
  const resolution = voltageResolution(voltage);
  const minDeltaEs = options.minDeltaEsV ?? Math.max(5 * resolution, 1e-5);
  const minR2 = options.minSqrtTimeRSquared ?? 0.98;
  const maxTauRatio = options.maxTauOverDiffusionTime ?? 0.1;

  // Cumulative charge by the trapezoid rule, for the state of charge of each pulse.
  const q = new Float64Array(n);
  for (let k = 1; k < n; k++) {
    const dt = time[k] - time[k - 1];
    const ik = Number.isFinite(current[k]) ? current[k] : 0;
    const ik1 = Number.isFinite(current[k - 1]) ? current[k - 1] : 0;
    q[k] = q[k - 1] + (Number.isFinite(dt) ? 0.5 * (ik + ik1) * dt : 0);
  }
  let qMin = Infinity;
  let qMax = -Infinity;
  for (let k = 0; k < n; k++) { if (q[k] < qMin) qMin = q[k]; if (q[k] > qMax) qMax = q[k]; }

  const segs = segmentByCurrentSign(current, threshold);
  const pulses: GittPulse[] = [];
  let skipped = 0;
  const sqrtT = new Float64Array(n);
  for (let s = 0; s < segs.length; s++) {
    const seg = segs[s];
    if (seg.sign === 0) continue;
    const before = segs[s - 1];
    const after = segs[s + 1];
    if (!before || !after || before.sign !== 0 || after.sign !== 0 || before.endRow !== seg.startRow || after.startRow !== seg.endRow) {
      skipped++;
      continue;
    }
    const a = seg.startRow;
    const b = seg.endRow - 1;
    const flags: GittFlag[] = [];
    const tau = time[b] - time[a];
    let iSum = 0;
    for (let k = a; k <= b; k++) iSum += current[k];
    const e0 = voltage[before.endRow - 1];
    const e1 = voltage[a];
    const e2 = voltage[b];
    const e3 = voltage[after.startRow];
    const e4 = voltage[after.endRow - 1];
    const dEs = e4 - e0;
    const dEt = e2 - e1;

    let r2: number | null = null;
    if (b - a + 1 >= 3 && tau > 0) {
      for (let k = a; k <= b; k++) sqrtT[k] = Math.sqrt(Math.max(0, time[k] - time[a]));
      r2 = fitLine(sqrtT, voltage, a, b + 1).rSquared;
      if (r2 < minR2) flags.push('sqrtTimeNonlinear');
    } else {
      flags.push('tooFewSamples');
    }

    let d: number | null = null;
    if (Math.abs(dEs) < minDeltaEs) flags.push('deltaEsBelowResolution');
    else if (Math.sign(dEs) !== seg.sign) flags.push('deltaEsWrongSign');
    if (Math.abs(dEt) < Math.max(resolution, 1e-12) || Math.sign(dEt) !== seg.sign) flags.push('deltaEtTooSmall');
    const computable = !flags.includes('deltaEsBelowResolution') && !flags.includes('deltaEsWrongSign') && !flags.includes('deltaEtTooSmall') && tau > 0;
    let tauRatio: number | null = null;
    let relUnc: number | null = null;
    if (computable) {
      d = weppnerHugginsDiffusion(lengthM, tau, dEs, dEt);
      tauRatio = (tau * d) / (lengthM * lengthM);
      if (tauRatio > maxTauRatio) flags.push('tauNotShortVsDiffusionTime');
      relUnc = 2 * (resolution / Math.abs(dEs) + resolution / Math.abs(dEt));
    }
    pulses.push({
      number: pulses.length + 1,
      direction: seg.sign > 0 ? 'charge' : 'discharge',
      startRow: a,
      endRow: b + 1,
      startTimeS: time[a],
      tauS: tau,
      meanCurrentA: iSum / (b - a + 1),
      e0V: e0, e1V: e1, e2V: e2, e3V: e3, e4V: e4,
      deltaEsV: dEs,
      deltaEtV: dEt,
      irDropStartV: e1 - e0,
      chargeAtEndAh: q[b] / 3600,
      stateOfCharge: qMax > qMin ? (q[b] - qMin) / (qMax - qMin) : 0,
      sqrtTimeRSquared: r2,
      diffusionM2PerS: d,
      diffusionCm2PerS: d === null ? null : d * 1e4,
      tauOverDiffusionTime: tauRatio,
      diffusionRelUncertaintyFromResolution: relUnc,
      valid: d !== null && flags.length === 0,
      flags,
    });
  }
  if (pulses.length === 0) {
    throw new AnalysisError(
      `GITT: no current pulse with a rest before and after it was found (${n} rows, ${segs.filter((x) => x.sign !== 0).length} current segments, rest threshold ${threshold.toExponential(3)} A)`,
    );
  }
  const validD = pulses.filter((p) => p.valid).map((p) => p.diffusionCm2PerS as number).sort((x, y) => x - y);
  const median = validD.length === 0 ? null : validD.length % 2 ? validD[(validD.length - 1) / 2] : 0.5 * (validD[validD.length / 2 - 1] + validD[validD.length / 2]);
  return {
    method: 'Weppner–Huggins, D = 4L²/(πτ)·(ΔEs/ΔEt)²; ΔEs = E4 − E0, ΔEt = E2 − E1 (E1 = first sample in the pulse)',
    lengthScale: options.lengthScale,
    lengthScaleUm: lengthM * 1e6,
    lengthScaleDescription: description,
    restThresholdA: threshold,
    voltageResolutionV: resolution,
    minDeltaEsV: minDeltaEs,
    pulses,
    skippedPulses: skipped,
    summary: { pulses: pulses.length, valid: validD.length, medianValidDiffusionCm2PerS: median },
  };
}
