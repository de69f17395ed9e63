/**
 * Cyclic voltammetry: sweeps and cycles, anodic and cathodic peaks above a rubber-band baseline, peak
 * separation ΔEp (the polarisation the paper compares between cathodes), and — across scan rates —
 * the Randles–Sevcik diffusion coefficient and the power-law b-value.
 *
 * Method:
 * - Sweeps are the monotonic runs of the potential; a turn is declared once the potential has moved
 *   back by more than `turnToleranceV` from its running extreme, so noise does not split a sweep.
 * - The scan rate of a sweep is the slope of E against t over it (least squares).
 * - Current is smoothed by Savitzky–Golay (peak-preserving) before peaks are picked; the baseline is
 *   the lower convex hull of I(E) on anodic sweeps (upper hull on cathodic ones), which is linear
 *   under an isolated peak and does not invent peaks on a monotonic background rise.
 * - Peaks are local maxima of the baseline-corrected |current| with a prominence of at least
 *   `minProminenceFraction` of the largest one on that sweep; the main peak is the largest.
 * - Cycles: the file's cycle column when it has one (each sweep takes the value at its middle row),
 *   otherwise consecutive sweep pairs.
 *
 * Randles–Sevcik (reversible, planar diffusion; Bard & Faulkner, Electrochemical Methods, 2nd ed., eq. 6.2.19):
 *     i_p = 0.4463 · n F A C · √(n F v D / (R T))
 * so D = (s / (0.4463 n F A C))² · R T/(n F), s the slope of i_p against √v through the origin-free fit.
 * b-value: i_p = a·v^b, b the slope of log i_p against log v (b ≈ 0.5 diffusion-limited, ≈ 1 capacitive).
 */
import { AnalysisError } from '../errors.js';
import type { Measurement } from '../io/measurement.js';
import { FARADAY, GAS_CONSTANT } from '../units.js';
import { fitLine, type LineFit } from './linear-regression.js';
import { findPeaks } from './find-peaks.js';
import { savitzkyGolay } from './savitzky-golay.js';
import { rubberBandBaseline } from './rubber-band-baseline.js';

export interface CvOptions {
  /** Potential reversal needed to declare a turn, V. @default max(2 mV, 0.5 % of the potential range) */
  turnToleranceV?: number;
  /** Savitzky–Golay window for the current, points (odd; 1 = no smoothing). @default about 1 % of the sweep, at least 5 */
  smoothWindow?: number;
  /** Peaks smaller than this fraction of the sweep's largest corrected peak are ignored. @default 0.05 */
  minProminenceFraction?: number;
}

export interface CvPeak {
  potentialV: number;
  /** Measured (smoothed) current at the peak, A. */
  currentA: number;
  baselineA: number;
  /** currentA − baselineA: positive for anodic, negative for cathodic peaks. */
  correctedCurrentA: number;
  row: number;
}

export interface CvSweep {
  direction: 'anodic' | 'cathodic';
  cycle: number;
  startRow: number;
  endRow: number;
  startPotentialV: number;
  endPotentialV: number;
  /** |dE/dt| by least squares over the sweep, V/s. */
  scanRateVPerS: number;
  /** All peaks found, largest first. */
  peaks: CvPeak[];
}

export interface CvCycle {
  cycle: number;
  scanRateVPerS: number;
  anodicPeak: CvPeak | null;
  cathodicPeak: CvPeak | null;
  /** Epa − Epc, V; null unless both peaks exist and Epa > Epc (a redox pair). */
  peakSeparationV: number | null;
  /** (Epa + Epc)/2, V. */
  halfWavePotentialV: number | null;
  /** |ipa/ipc| from baseline-corrected currents. */
  peakCurrentRatio: number | null;
}

export interface CvResult {
  method: string;
  sweeps: CvSweep[];
  cycles: CvCycle[];
  /** Distinct scan rates found (V/s, 3 significant digits). */
  scanRatesVPerS: number[];
  /** The b-value of the anodic and cathodic main peaks across scan rates; null with one scan rate. */
  bValue: { anodic: BValueFit | null; cathodic: BValueFit | null } | null;
}

export interface RandlesSevcikParameters {
  /** Electrons transferred per ion, n. @default 1 */
  electrons?: number;
  /** Electrode area, m². */
  areaM2: number;
  /** Bulk concentration of the diffusing species, mol/m³. */
  concentrationMolPerM3: number;
  /** @default 298.15 K */
  temperatureK?: number;
}

export interface ScanRatePoint { scanRateVPerS: number; peakCurrentA: number }

export interface RandlesSevcikResult {
  diffusionM2PerS: number;
  diffusionCm2PerS: number;
  /** Slope of |i_p| against √v, A·(s/V)^½. */
  slopeAPerSqrtVPerS: number;
  rSquared: number;
  points: number;
}

export interface BValueFit { b: number; aA: number; rSquared: number; points: number }

function distinctRates(points: ScanRatePoint[]): number {
  return new Set(points.map((p) => Number(p.scanRateVPerS.toPrecision(3)))).size;
}

/** Randles–Sevcik D from peak currents at several scan rates. One scan rate → AnalysisError. */
export function randlesSevcik(points: ScanRatePoint[], params: RandlesSevcikParameters): RandlesSevcikResult {
  if (distinctRates(points) < 2) {
    throw new AnalysisError(`Randles–Sevcik needs peak currents at 2 or more scan rates (slope of i_p against √v); found ${distinctRates(points)} scan rate${distinctRates(points) === 1 ? '' : 's'}`);
  }
  const n = params.electrons ?? 1;
  const T = params.temperatureK ?? 298.15;
  if (!(params.areaM2 > 0) || !(params.concentrationMolPerM3 > 0) || !(n > 0) || !(T > 0)) {
    throw new AnalysisError(`Randles–Sevcik needs positive area, concentration, n and T; found A = ${params.areaM2} m², C = ${params.concentrationMolPerM3} mol/m³, n = ${n}, T = ${T} K`);
  }
  const x = points.map((p) => Math.sqrt(p.scanRateVPerS));
  const y = points.map((p) => Math.abs(p.peakCurrentA));
  const fit = fitLine(x, y);
  const k = 0.4463 * n * FARADAY * params.areaM2 * params.concentrationMolPerM3;
  const d = (fit.slope / k) ** 2 * (GAS_CONSTANT * T) / (n * FARADAY);
  return { diffusionM2PerS: d, diffusionCm2PerS: d * 1e4, slopeAPerSqrtVPerS: fit.slope, rSquared: fit.rSquared, points: points.length };
}

/** b in i_p = a·v^b by a straight line through log i_p against log v. One scan rate → AnalysisError. */
export function peakCurrentBValue(points: ScanRatePoint[]): BValueFit {
  if (distinctRates(points) < 2) throw new AnalysisError(`the b-value (i = a·v^b) needs peak currents at 2 or more scan rates; found ${distinctRates(points)}`);
  const fit: LineFit = fitLine(points.map((p) => Math.log10(p.scanRateVPerS)), points.map((p) => Math.log10(Math.abs(p.peakCurrentA))));
  return { b: fit.slope, aA: 10 ** fit.intercept, rSquared: fit.rSquared, points: points.length };
}

/** CV on a Measurement (needs time_s, voltage_V, current_A; uses `cycle` when present). */
export function analyzeCv(m: Measurement, options: CvOptions = {}): CvResult {
  const { time_s: t, voltage_V: v, current_A: i, cycle } = m.columns;
  if (!t || !v || !i) {
    const missing = [!t && 'time_s', !v && 'voltage_V', !i && 'current_A'].filter(Boolean).join(', ');
    throw new AnalysisError(`${m.source}: CV needs time, potential and current columns; missing ${missing}`);
  }
  return analyzeCvArrays(t, v, i, cycle, options);
}

/** Splits a potential trace into monotonic sweeps with a reversal tolerance. Returns [start, end) pairs. */
export function splitSweeps(v: ArrayLike<number>, toleranceV: number): { startRow: number; endRow: number; direction: 1 | -1 }[] {
  const n = v.length;
  const out: { startRow: number; endRow: number; direction: 1 | -1 }[] = [];
  if (n < 2) return out;
  let start = 0;
  let dir: 0 | 1 | -1 = 0;
  let extreme = 0; // row of the running extreme in the current direction
  for (let k = 1; k < n; k++) {
    if (dir === 0) {
      if (v[k] - v[start] > toleranceV) { dir = 1; extreme = k; }
      else if (v[start] - v[k] > toleranceV) { dir = -1; extreme = k; }
      continue;
    }
    if (dir * (v[k] - v[extreme]) >= 0) { extreme = k; continue; }
    if (dir * (v[extreme] - v[k]) > toleranceV) {
      out.push({ startRow: start, endRow: extreme + 1, direction: dir });
      start = extreme;
      dir = dir === 1 ? -1 : 1;
      extreme = k;
    }
  }
  if (dir !== 0) out.push({ startRow: start, endRow: n, direction: dir });
  return out;
}

export function analyzeCvArrays(time: ArrayLike<number>, voltage: ArrayLike<number>, current: ArrayLike<number>, cycleColumn?: ArrayLike<number>, options: CvOptions = {}): CvResult {
  const n = time.length;
  if (voltage.length !== n || current.length !== n) throw new AnalysisError(`CV: time, potential and current must have the same length, found ${n}, ${voltage.length}, ${current.length}`);
  let vMin = Infinity;
  let vMax = -Infinity;
  for (let k = 0; k < n; k++) { if (voltage[k] < vMin) vMin = voltage[k]; if (voltage[k] > vMax) vMax = voltage[k]; }
  const tol = options.turnToleranceV ?? Math.max(2e-3, 0.005 * (vMax - vMin));
  const minFrac = options.minProminenceFraction ?? 0.05;
  const raw = splitSweeps(voltage, tol).filter((s) => s.endRow - s.startRow >= 7);
  if (raw.length === 0) throw new AnalysisError(`CV: the potential never sweeps by more than ${tol.toFixed(4)} V (${n} rows, range ${(vMax - vMin).toFixed(4)} V); not a voltammogram`);

  const sweeps: CvSweep[] = [];
  raw.forEach((full, idx) => {
    // The rows next to a vertex carry the double-layer switching transient of the reversal (and the
    // vertex row itself belongs to both sweeps); 1 % at each end is left out of baseline and peaks.
    const trim = Math.max(1, Math.round(0.01 * (full.endRow - full.startRow)));
    const s = { startRow: full.startRow + trim, endRow: full.endRow - trim, direction: full.direction };
    const len = s.endRow - s.startRow;
    const fit = fitLine(time, voltage, s.startRow, s.endRow);
    let window = options.smoothWindow ?? Math.max(5, 2 * Math.floor(len / 200) + 1);
    if (window % 2 === 0) window += 1;
    const iSeg = Float64Array.from({ length: len }, (_, k) => current[s.startRow + k]);
    const smooth = window >= 3 && len > window ? savitzkyGolay(iSeg, window, 2) : iSeg;
    const eSeg = Float64Array.from({ length: len }, (_, k) => voltage[s.startRow + k]);
    const base = rubberBandBaseline(eSeg, smooth, 0, len, s.direction === -1);
    const corrected = new Float64Array(len);
    for (let k = 0; k < len; k++) corrected[k] = s.direction * (smooth[k] - base[k]);
    let maxC = 0;
    for (let k = 0; k < len; k++) if (corrected[k] > maxC) maxC = corrected[k];
    const peaks: CvPeak[] = maxC > 0
      ? findPeaks(corrected, minFrac * maxC).map((p) => ({
        potentialV: eSeg[p.index],
        currentA: smooth[p.index],
        baselineA: base[p.index],
        correctedCurrentA: smooth[p.index] - base[p.index],
        row: s.startRow + p.index,
      }))
      : [];
    peaks.sort((a, b) => Math.abs(b.correctedCurrentA) - Math.abs(a.correctedCurrentA));
    const mid = s.startRow + (len >> 1);
    sweeps.push({
      direction: s.direction === 1 ? 'anodic' : 'cathodic',
      cycle: cycleColumn ? cycleColumn[mid] : Math.floor(idx / 2) + 1,
      startRow: full.startRow,
      endRow: full.endRow,
      startPotentialV: voltage[full.startRow],
      endPotentialV: voltage[full.endRow - 1],
      scanRateVPerS: Math.abs(fit.slope),
      peaks,
    });
  });

  const cycleNumbers = [...new Set(sweeps.map((s) => s.cycle))];
  const cycles: CvCycle[] = cycleNumbers.map((c) => {
    const inCycle = sweeps.filter((s) => s.cycle === c);
    const best = (dir: 'anodic' | 'cathodic'): CvPeak | null => {
      let p: CvPeak | null = null;
      for (const s of inCycle) if (s.direction === dir && s.peaks[0] && (!p || Math.abs(s.peaks[0].correctedCurrentA) > Math.abs(p.correctedCurrentA))) p = s.peaks[0];
      return p;
    };
    const a = best('anodic');
    const k = best('cathodic');
    // A redox couple has its anodic peak above its cathodic one; otherwise the two largest peaks are
    // not a pair and no ΔEp is given.
    const paired = a !== null && k !== null && a.potentialV > k.potentialV;
    const rates = inCycle.map((s) => s.scanRateVPerS).sort((x, y) => x - y);
    return {
      cycle: c,
      scanRateVPerS: rates[rates.length >> 1],
      anodicPeak: a,
      cathodicPeak: k,
      peakSeparationV: paired ? a.potentialV - k.potentialV : null,
      halfWavePotentialV: paired ? (a.potentialV + k.potentialV) / 2 : null,
      peakCurrentRatio: paired ? Math.abs(a.correctedCurrentA / k.correctedCurrentA) : null,
    };
  });

  const rates = [...new Set(cycles.map((c) => Number(c.scanRateVPerS.toPrecision(3))))].sort((x, y) => x - y);
  let bValue: CvResult['bValue'] = null;
  if (rates.length >= 2) {
    const pts = (dir: 'anodicPeak' | 'cathodicPeak'): ScanRatePoint[] => cycles.filter((c) => c[dir]).map((c) => ({ scanRateVPerS: c.scanRateVPerS, peakCurrentA: (c[dir] as CvPeak).correctedCurrentA }));
    const safe = (p: ScanRatePoint[]) => (distinctRates(p) >= 2 ? peakCurrentBValue(p) : null);
    bValue = { anodic: safe(pts('anodicPeak')), cathodic: safe(pts('cathodicPeak')) };
  }
  return {
    method: 'sweeps split at potential reversals; Savitzky–Golay smoothed current; rubber-band (convex hull) baseline per sweep; main peak = largest baseline-corrected current',
    sweeps,
    cycles,
    scanRatesVPerS: rates,
    bValue,
  };
}
