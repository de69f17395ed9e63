/**
 * Differential capacity dQ/dV (incremental capacity analysis) and differential voltage dV/dQ.
 *
 * Method (stated in every result): for each cycle and direction, the galvanostatic part of the curve
 * (from the start of the half cycle to the voltage extreme, so a constant-voltage hold — where dV = 0 —
 * is left out) is integrated to capacity Q = ∫|I|dt; voltage is interpolated onto a uniform capacity
 * grid (V is a function of Q even where Q(V) is not, on flat plateaus); a Savitzky–Golay filter of
 * order 3 gives the smoothed V(Q) and its derivative dV/dQ in one pass, which keeps peak heights for
 * features wider than the window; dQ/dV = 1/(dV/dQ). Points where dV/dQ has the wrong sign or is zero
 * (noise on a plateau) have no dQ/dV and are counted, not plotted as infinities.
 */
import { AnalysisError } from '../errors.js';
import type { Measurement } from '../io/measurement.js';
import { savitzkyGolay } from './savitzky-golay.js';
import { findPeaks } from './find-peaks.js';
import { segmentByCurrentSign } from './current-segments.js';

export interface DqdvOptions {
  /** Points of the uniform capacity grid. @default 400 */
  gridPoints?: number;
  /** Savitzky–Golay window on the grid (odd). @default 21 */
  window?: number;
  /** Peaks with a prominence below this fraction of the curve's largest |dQ/dV| are ignored. @default 0.1 */
  minPeakFraction?: number;
  /** Peaks closer than this (V) are one peak, reported at the higher apex. @default 0.01 */
  minPeakSeparationV?: number;
  /** Only these cycles (default all). */
  cycles?: number[];
}

export interface DqdvPeak { voltageV: number; dqdvMahPerV: number; capacityMah: number }

export interface DqdvCurve {
  cycle: number;
  direction: 'charge' | 'discharge';
  capacityMah: Float64Array;
  /** Smoothed voltage on the capacity grid. */
  voltageV: Float64Array;
  dvdqVPerMah: Float64Array;
  /** dQ/dV, mAh/V; NaN where dV/dQ had the wrong sign or was 0 (see undefinedPoints). Positive for charge, negative for discharge. */
  dqdvMahPerV: Float64Array;
  undefinedPoints: number;
  peaks: DqdvPeak[];
}

export interface DqdvResult { method: string; curves: DqdvCurve[] }

/** dQ/dV and dV/dQ of one monotonic-in-time half cycle given capacity (mAh, increasing) and voltage. */
export function differentialCapacity(capacityMah: ArrayLike<number>, voltageV: ArrayLike<number>, direction: 'charge' | 'discharge', options: DqdvOptions = {}): Omit<DqdvCurve, 'cycle'> {
  const n = capacityMah.length;
  const grid = options.gridPoints ?? 400;
  let window = options.window ?? 21;
  if (window % 2 === 0) window += 1;
  if (n < 5) throw new AnalysisError(`dQ/dV needs at least 5 points in a half cycle, found ${n}`);
  const q0 = capacityMah[0];
  const q1 = capacityMah[n - 1];
  if (!(q1 > q0)) throw new AnalysisError(`dQ/dV: capacity does not increase over the half cycle (${q0} → ${q1} mAh)`);
  const q = new Float64Array(grid);
  const v = new Float64Array(grid);
  const dq = (q1 - q0) / (grid - 1);
  let j = 0;
  for (let k = 0; k < grid; k++) {
    const qk = q0 + k * dq;
    while (j < n - 2 && capacityMah[j + 1] < qk) j++;
    const qa = capacityMah[j];
    const qb = capacityMah[j + 1];
    const f = qb > qa ? Math.min(1, Math.max(0, (qk - qa) / (qb - qa))) : 0;
    q[k] = qk;
    v[k] = voltageV[j] + f * (voltageV[j + 1] - voltageV[j]);
  }
  const w = Math.min(window, grid % 2 ? grid : grid - 1);
  const smooth = savitzkyGolay(v, w, 3, 0, dq);
  const dvdq = savitzkyGolay(v, w, 3, 1, dq);
  const dqdv = new Float64Array(grid);
  const s = direction === 'charge' ? 1 : -1;
  let undef = 0;
  for (let k = 0; k < grid; k++) {
    if (s * dvdq[k] > 0) dqdv[k] = 1 / dvdq[k];
    else { dqdv[k] = NaN; undef++; }
  }
  const mag = Float64Array.from(dqdv, (x) => (Number.isFinite(x) ? Math.abs(x) : 0));
  let max = 0;
  for (let k = 0; k < grid; k++) if (mag[k] > max) max = mag[k];
  // Noise on a flat plateau can split one broad maximum into several apexes; those within
  // minPeakSeparationV of a higher one are the same peak.
  const sep = options.minPeakSeparationV ?? 0.01;
  const peaks: DqdvPeak[] = [];
  for (const p of findPeaks(mag, (options.minPeakFraction ?? 0.1) * max).sort((a, b) => b.value - a.value)) {
    const vp = smooth[p.index];
    if (peaks.some((k) => Math.abs(k.voltageV - vp) < sep)) continue;
    peaks.push({ voltageV: vp, dqdvMahPerV: dqdv[p.index], capacityMah: q[p.index] });
  }
  return { direction, capacityMah: q, voltageV: smooth, dvdqVPerMah: dvdq, dqdvMahPerV: dqdv, undefinedPoints: undef, peaks };
}

/** dQ/dV of every cycle and direction of a galvanostatic measurement (time, current, voltage; cycle optional). */
export function analyzeDqdv(m: Measurement, options: DqdvOptions = {}): DqdvResult {
  const { time_s: t, current_A: cur, voltage_V: volt, cycle } = m.columns;
  if (!t || !cur || !volt) {
    const missing = [!t && 'time_s', !cur && 'current_A', !volt && 'voltage_V'].filter(Boolean).join(', ');
    throw new AnalysisError(`${m.source}: dQ/dV needs time, current and voltage columns; missing ${missing}`);
  }
  let max = 0;
  for (let i = 0; i < m.rows; i++) if (Math.abs(cur[i]) > max) max = Math.abs(cur[i]);
  const segs = segmentByCurrentSign(cur, 0.001 * max).filter((s) => s.sign !== 0 && s.endRow - s.startRow >= 5);
  // merge consecutive same-direction segments of one cycle (a pause inside a half cycle)
  const groups = new Map<string, { cycle: number; sign: 1 | -1; rows: [number, number][] }>();
  for (const s of segs) {
    const c = cycle ? cycle[s.startRow] : 0;
    if (options.cycles && !options.cycles.includes(c)) continue;
    const key = `${c}:${s.sign}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { cycle: c, sign: s.sign as 1 | -1, rows: [] }));
    g.rows.push([s.startRow, s.endRow]);
  }
  const curves: DqdvCurve[] = [];
  for (const g of groups.values()) {
    const qs: number[] = [];
    const vs: number[] = [];
    let qAcc = 0;
    for (const [a, b] of g.rows) {
      qs.push(qAcc * 1000);
      vs.push(volt[a]);
      for (let i = a + 1; i < b; i++) {
        qAcc += 0.5 * (Math.abs(cur[i]) + Math.abs(cur[i - 1])) * (t[i] - t[i - 1]) / 3600;
        qs.push(qAcc * 1000);
        vs.push(volt[i]);
      }
    }
    // cut at the voltage extreme: a constant-voltage hold follows it
    let ext = 0;
    for (let k = 1; k < vs.length; k++) if (g.sign * (vs[k] - vs[ext]) > 0) ext = k;
    // keep strictly increasing capacity (drop repeated time stamps)
    const q: number[] = [];
    const v: number[] = [];
    for (let k = 0; k <= ext; k++) if (q.length === 0 || qs[k] > q[q.length - 1]) { q.push(qs[k]); v.push(vs[k]); }
    if (q.length < 20) continue;
    curves.push({ cycle: g.cycle, ...differentialCapacity(q, v, g.sign > 0 ? 'charge' : 'discharge', options) });
  }
  if (curves.length === 0) throw new AnalysisError(`${m.source}: dQ/dV found no galvanostatic half cycle with 20 or more points`);
  curves.sort((a, b) => a.cycle - b.cycle || (a.direction === 'charge' ? -1 : 1));
  return {
    method: `voltage interpolated on a uniform capacity grid (${options.gridPoints ?? 400} points), Savitzky–Golay order 3, window ${options.window ?? 21} for V(Q) and dV/dQ; dQ/dV = 1/(dV/dQ); constant-voltage holds excluded`,
    curves,
  };
}
