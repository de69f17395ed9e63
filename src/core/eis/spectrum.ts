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
