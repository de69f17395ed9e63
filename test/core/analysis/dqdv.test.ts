import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDqdv, differentialCapacity } from '../../../src/core/analysis/dqdv.js';
import { AnalysisError } from '../../../src/core/errors.js';
import type { Measurement } from '../../../src/core/io/measurement.js';
import { SeededRandom } from '../../../src/core/numerics/seeded-random.js';
import { assertClose } from '../../helpers/close.js';
import { resMeasurement } from './res-fixture.helper.js';

/**
 * Two-plateau charge curve defined by Q(V) = Qt·[0.6·σ((V − 3.70)/0.02) + 0.4·σ((V − 4.00)/0.03)] on
 * top of a sloping part 0.2·Qt·(V − 3.4)/1.0, σ the logistic function. Its dQ/dV is analytic:
 * 0.6·Qt/(4·0.02) at 3.70 V and 0.4·Qt/(4·0.03) at 4.00 V, plus the 0.2·Qt/V slope.
 */
const Qt = 2; // mAh
const sig = (x: number) => 1 / (1 + Math.exp(-x));
const qOfV = (v: number) => Qt * (0.6 * sig((v - 3.7) / 0.02) + 0.4 * sig((v - 4.0) / 0.03) + (0.2 * (v - 3.4)) / 1.0);
const dqdvTrue = (v: number) => {
  const a = sig((v - 3.7) / 0.02);
  const b = sig((v - 4.0) / 0.03);
  return Qt * ((0.6 * a * (1 - a)) / 0.02 + (0.4 * b * (1 - b)) / 0.03 + 0.2);
};

function chargeCurve(points: number, noiseV: number) {
  const rng = new SeededRandom(3);
  const v0 = 3.4;
  const v1 = 4.3;
  const q: number[] = [];
  const v: number[] = [];
  const q0 = qOfV(v0);
  const q1 = qOfV(v1);
  for (let k = 0; k < points; k++) {
    const target = q0 + ((q1 - q0) * k) / (points - 1);
    let lo = v0;
    let hi = v1;
    for (let it = 0; it < 60; it++) { const mid = 0.5 * (lo + hi); if (qOfV(mid) < target) lo = mid; else hi = mid; }
    q.push(target - q0);
    v.push(0.5 * (lo + hi) + noiseV * rng.normal());
  }
  return { q, v };
}

test('dQ/dV round trip, noise-free: the two peaks come back within 1 mV and 1 %', () => {
  const { q, v } = chargeCurve(3000, 0);
  const r = differentialCapacity(q, v, 'charge');
  const [p1, p2] = r.peaks.slice(0, 2).sort((a, b) => a.voltageV - b.voltageV);
  assertClose(p1.voltageV, 3.7, { abs: 1e-3 }, 'first peak V');
  assertClose(p2.voltageV, 4.0, { abs: 1e-3 }, 'second peak V');
  assertClose(p1.dqdvMahPerV, dqdvTrue(3.7), { rel: 0.01 }, 'first peak height');
  assertClose(p2.dqdvMahPerV, dqdvTrue(4.0), { rel: 0.01 }, 'second peak height');
});

// With 0.2 mV noise the flat top of a 70 mV-wide peak (dQ/dV within 2 % over ±5 mV) moves by a few mV:
// the tolerance is 10 % of the peak width.
test('dQ/dV round trip: two plateaus at 3.70 V and 4.00 V come back at their voltages and heights (0.2 mV noise)', () => {
  const { q, v } = chargeCurve(3000, 2e-4);
  const r = differentialCapacity(q, v, 'charge', { gridPoints: 400, window: 31 });
  assert.equal(r.peaks.length, 2, `peaks: ${JSON.stringify(r.peaks)}`);
  const [p1, p2] = r.peaks.slice(0, 2).sort((a, b) => a.voltageV - b.voltageV);
  // 10 % of each peak's FWHM (3.53 × the logistic width: 71 mV and 106 mV)
  assertClose(p1.voltageV, 3.7, { abs: 0.1 * 3.53 * 0.02 }, 'first peak V');
  assertClose(p2.voltageV, 4.0, { abs: 0.1 * 3.53 * 0.03 }, 'second peak V');
  assertClose(p1.dqdvMahPerV, dqdvTrue(3.7), { rel: 0.08 }, 'first peak height');
  assertClose(p2.dqdvMahPerV, dqdvTrue(4.0), { rel: 0.08 }, 'second peak height');
  // the largest peak is reported first
  assertClose(r.peaks[0].voltageV, 3.7, { abs: 0.007 });
});

test('dQ/dV conserves charge: ∫ dQ/dV dV over the curve equals the capacity passed', () => {
  const { q, v } = chargeCurve(2000, 0);
  const r = differentialCapacity(q, v, 'charge');
  let integral = 0;
  for (let k = 1; k < r.voltageV.length; k++) integral += 0.5 * (r.dqdvMahPerV[k] + r.dqdvMahPerV[k - 1]) * (r.voltageV[k] - r.voltageV[k - 1]);
  assert.equal(r.undefinedPoints, 0);
  assertClose(integral, q[q.length - 1], { rel: 0.01 }, '∫dQ/dV dV');
  // dV/dQ is the reciprocal
  for (let k = 0; k < r.voltageV.length; k += 50) assertClose(r.dvdqVPerMah[k] * r.dqdvMahPerV[k], 1, { rel: 1e-12 });
});

test('dQ/dV on the Arbin .res fixture: each half cycle integrates back to the capacity it passed; discharge dQ/dV is negative', () => {
  const m = resMeasurement();
  const r = analyzeDqdv(m, { cycles: [1, 2] });
  const cycle1 = r.curves.filter((c) => c.cycle === 1);
  assert.deepEqual(cycle1.map((c) => c.direction).sort(), ['charge', 'discharge']);
  const dis = cycle1.find((c) => c.direction === 'discharge');
  assert.ok(dis);
  // the file's discharge capacity for cycle 1 is 1.7551 mAh (cellpy golden); the galvanostatic part to the voltage minimum is all of it
  assertClose(dis.capacityMah[dis.capacityMah.length - 1], 1.755093529421, { rel: 0.01 }, 'cycle 1 discharge capacity');
  let neg = 0;
  let finite = 0;
  for (const x of dis.dqdvMahPerV) if (Number.isFinite(x)) { finite++; if (x < 0) neg++; }
  assert.equal(neg, finite);
  assert.ok(dis.peaks.length >= 1);
});

test('dQ/dV: a record without galvanostatic half cycles is an AnalysisError', () => {
  const n = 50;
  const m: Measurement = { format: 'test', source: 'rest.csv', rows: n, columns: { time_s: Float64Array.from({ length: n }, (_, i) => i), current_A: new Float64Array(n), voltage_V: new Float64Array(n).fill(3) }, raw: [], metadata: {}, warnings: [] };
  assert.throws(() => analyzeDqdv(m), AnalysisError);
});
