/**
 * Splits a record into runs of constant current sign: +1 (charging, current_A > 0), −1 (discharging)
 * and 0 (rest, |I| at or below a threshold). GITT pulse detection and rate blocks use it when a file
 * has no reliable step column; the threshold absorbs the few-µA offsets cyclers log at rest.
 */
import { AnalysisError } from '../errors.js';

export interface CurrentSegment {
  /** +1 charge, −1 discharge, 0 rest. */
  sign: -1 | 0 | 1;
  /** First row (inclusive) and last row (exclusive). */
  startRow: number;
  endRow: number;
}

/** The default rest threshold: 2 % of the largest |current| in the record. */
export function defaultRestThresholdA(current: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < current.length; i++) {
    const a = Math.abs(current[i]);
    if (a > max) max = a;
  }
  return 0.02 * max;
}

export function currentSign(currentA: number, thresholdA: number): -1 | 0 | 1 {
  if (currentA > thresholdA) return 1;
  if (currentA < -thresholdA) return -1;
  return 0;
}

/** Runs of constant current sign. Non-finite currents (gaps, separator rows) end a run and are skipped. */
export function segmentByCurrentSign(current: ArrayLike<number>, thresholdA: number): CurrentSegment[] {
  if (!(thresholdA >= 0)) throw new AnalysisError(`current threshold must be ≥ 0 A, found ${thresholdA}`);
  const out: CurrentSegment[] = [];
  let i = 0;
  const n = current.length;
  while (i < n) {
    if (!Number.isFinite(current[i])) { i++; continue; }
    const s = currentSign(current[i], thresholdA);
    let j = i + 1;
    while (j < n && Number.isFinite(current[j]) && currentSign(current[j], thresholdA) === s) j++;
    out.push({ sign: s, startRow: i, endRow: j });
    i = j;
  }
  return out;
}
