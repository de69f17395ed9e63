/**
 * Step types for files that record no step type (Arbin, Maccor raw, mapped CSV without one): each
 * contiguous run of rows with the same step index is classified as a whole, so a step does not flip
 * type on a noisy row:
 *   - every |I| ≤ 1 nA → 'rest';
 *   - voltage spread ≤ 2 mV while |I| changes by more than 20 % → 'cvCharge' / 'cvDischarge'
 *     (a constant-voltage hold: voltage fixed, current decaying);
 *   - otherwise by the sign of the mean current (positive charges the cell) → 'charge' / 'discharge'.
 * Without a step column, rows are grouped by runs of the same current sign.
 */
import { stepTypeCode } from '../measurement.js';

const ZERO_A = 1e-9;
const CV_SPREAD_V = 2e-3;
const CV_CURRENT_CHANGE = 0.2;

export function classifySteps(rows: number, current: Float64Array, voltage: Float64Array | undefined, step: Float64Array | undefined): Float64Array {
  const out = new Float64Array(rows);
  const key = (i: number): number => (step ? step[i] : current[i] > ZERO_A ? 1 : current[i] < -ZERO_A ? -1 : 0);
  let start = 0;
  while (start < rows) {
    let end = start + 1;
    const k = key(start);
    while (end < rows && key(end) === k) end++;
    let sum = 0;
    let maxAbs = 0;
    let minAbs = Infinity;
    let vMin = Infinity;
    let vMax = -Infinity;
    let n = 0;
    for (let i = start; i < end; i++) {
      const c = current[i];
      if (!Number.isFinite(c)) continue;
      sum += c;
      n++;
      const a = Math.abs(c);
      if (a > maxAbs) maxAbs = a;
      if (a < minAbs) minAbs = a;
      if (voltage) {
        const v = voltage[i];
        if (v < vMin) vMin = v;
        if (v > vMax) vMax = v;
      }
    }
    let type: Parameters<typeof stepTypeCode>[0];
    if (n === 0) type = 'unknown';
    else if (maxAbs <= ZERO_A) type = 'rest';
    else {
      const charging = sum > 0;
      const cv = voltage !== undefined && end - start >= 3 && vMax - vMin <= CV_SPREAD_V && (maxAbs - minAbs) > CV_CURRENT_CHANGE * maxAbs;
      type = cv ? (charging ? 'cvCharge' : 'cvDischarge') : charging ? 'charge' : 'discharge';
    }
    out.fill(stepTypeCode(type), start, end);
    start = end;
  }
  return out;
}
