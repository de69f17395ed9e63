/**
 * An impedance spectrum: frequencies (Hz) and Z = Z′ + jZ″ (Ω) with Z″ < 0 for a capacitive arc, the
 * data model's sign convention (measurement.ts). `spectrumFromMeasurement` takes the rows of any
 * instrument file (read through the format registry) that carry a frequency.
 */
import type { Measurement } from '../io/measurement.js';
import { AnalysisError } from '../errors.js';

export interface Spectrum {
  /** File name or label, for messages. */
  source: string;
  frequencyHz: Float64Array;
  zReal: Float64Array;
  zImag: Float64Array;
  /** Temperature in K when the file records one (mean over the rows). */
  temperatureK?: number;
}

/**
 * The impedance rows of a measurement: those with a finite, positive frequency and finite Z′ and Z″.
 * Errors (AnalysisError, naming the file) when there is no frequency column or no usable row.
 */
export function spectrumFromMeasurement(m: Measurement): Spectrum {
  const f = m.columns.frequency_Hz;
  const re = m.columns.zReal_Ohm;
  const im = m.columns.zImag_Ohm;
  if (f === undefined || re === undefined || im === undefined) {
    const missing = [f === undefined ? 'frequency_Hz' : '', re === undefined ? 'zReal_Ohm' : '', im === undefined ? 'zImag_Ohm' : ''].filter(Boolean).join(', ');
    throw new AnalysisError(`${m.source}: not an impedance measurement (the ${m.format} file has no ${missing} column)`);
  }
  const keep: number[] = [];
  for (let i = 0; i < m.rows; i++) {
    if (Number.isFinite(f[i]) && f[i] > 0 && Number.isFinite(re[i]) && Number.isFinite(im[i])) keep.push(i);
  }
  if (keep.length === 0) throw new AnalysisError(`${m.source}: no rows with a positive frequency and finite impedance among ${m.rows} rows`);
  const out: Spectrum = {
    source: m.source,
    frequencyHz: Float64Array.from(keep, (i) => f[i]),
    zReal: Float64Array.from(keep, (i) => re[i]),
    zImag: Float64Array.from(keep, (i) => im[i]),
  };
  const T = m.columns.temperature_K;
  if (T !== undefined) {
    let s = 0;
    let n = 0;
    for (const i of keep) if (Number.isFinite(T[i])) { s += T[i]; n++; }
    if (n > 0) out.temperatureK = s / n;
  }
  return out;
}

/**
 * Splits a measurement into its frequency sweeps: a new sweep starts where the `cycle` column changes,
 * or where the frequency jumps back more than 1.5× against the sweep direction (EC-Lab loops, a
 * temperature series recorded in one file). One sweep gives one spectrum; sources are named
 * `file#1`, `file#2`, … when there are several.
 */
export function spectraFromMeasurement(m: Measurement): Spectrum[] {
  const all = spectrumFromMeasurement(m);
  const f = all.frequencyHz;
  const n = f.length;
  const cycleCol = m.columns.cycle;
  // Row index of each kept point, to read the cycle column in step with f.
  const rows: number[] = [];
  const fc = m.columns.frequency_Hz as Float64Array;
  const rc = m.columns.zReal_Ohm as Float64Array;
  const ic = m.columns.zImag_Ohm as Float64Array;
  for (let i = 0; i < m.rows; i++) if (Number.isFinite(fc[i]) && fc[i] > 0 && Number.isFinite(rc[i]) && Number.isFinite(ic[i])) rows.push(i);
  const starts = [0];
  let dir = 0;
  for (let k = 1; k < n; k++) {
    const newCycle = cycleCol !== undefined && cycleCol[rows[k]] !== cycleCol[rows[k - 1]];
    const ratio = f[k] / f[k - 1];
    const jumpBack = (dir < 0 && ratio > 1.5) || (dir > 0 && ratio < 1 / 1.5);
    if (newCycle || jumpBack) {
      starts.push(k);
      dir = 0;
      continue;
    }
    if (dir === 0 && ratio !== 1) dir = ratio < 1 ? -1 : 1;
  }
  if (starts.length === 1) return [all];
  starts.push(n);
  const out: Spectrum[] = [];
  for (let j = 0; j + 1 < starts.length; j++) {
    const a = starts[j];
    const b = starts[j + 1];
    const sub: Spectrum = { source: `${m.source}#${j + 1}`, frequencyHz: f.slice(a, b), zReal: all.zReal.slice(a, b), zImag: all.zImag.slice(a, b) };
    const T = m.columns.temperature_K;
    if (T !== undefined) {
      let sum = 0;
      let cnt = 0;
      for (let k = a; k < b; k++) if (Number.isFinite(T[rows[k]])) { sum += T[rows[k]]; cnt++; }
      if (cnt > 0) sub.temperatureK = sum / cnt;
    }
    out.push(sub);
  }
  return out;
}

/** Keeps the points with Z″ < 0 (impedance.py's `ignoreBelowX`: drops the inductive high-frequency tail). */
export function capacitivePoints(s: Spectrum): Spectrum {
  const keep: number[] = [];
  for (let i = 0; i < s.frequencyHz.length; i++) if (s.zImag[i] < 0) keep.push(i);
  return {
    ...s,
    frequencyHz: Float64Array.from(keep, (i) => s.frequencyHz[i]),
    zReal: Float64Array.from(keep, (i) => s.zReal[i]),
    zImag: Float64Array.from(keep, (i) => s.zImag[i]),
  };
}

/** Builds a Spectrum from plain arrays (checks equal lengths and positive, finite frequencies). */
export function makeSpectrum(frequencyHz: ArrayLike<number>, zReal: ArrayLike<number>, zImag: ArrayLike<number>, source = 'spectrum'): Spectrum {
  const n = frequencyHz.length;
  if (zReal.length !== n || zImag.length !== n) throw new AnalysisError(`${source}: ${n} frequencies but ${zReal.length} Z′ and ${zImag.length} Z″ values`);
  for (let i = 0; i < n; i++) {
    if (!(frequencyHz[i] > 0) || !Number.isFinite(frequencyHz[i])) throw new AnalysisError(`${source}: frequency ${i + 1} is ${frequencyHz[i]}; frequencies must be positive and finite`);
    if (!Number.isFinite(zReal[i]) || !Number.isFinite(zImag[i])) throw new AnalysisError(`${source}: impedance ${i + 1} is not finite`);
  }
  return { source, frequencyHz: Float64Array.from(frequencyHz), zReal: Float64Array.from(zReal), zImag: Float64Array.from(zImag) };
}
