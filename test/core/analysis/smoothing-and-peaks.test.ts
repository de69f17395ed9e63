import { test } from 'node:test';
import assert from 'node:assert/strict';
import { savitzkyGolay } from '../../../src/core/analysis/savitzky-golay.js';
import { findPeaks } from '../../../src/core/analysis/find-peaks.js';
import { rubberBandBaseline } from '../../../src/core/analysis/rubber-band-baseline.js';
import { fitLine } from '../../../src/core/analysis/linear-regression.js';
import { segmentByCurrentSign } from '../../../src/core/analysis/current-segments.js';
import { AnalysisError, InputError } from '../../../src/core/errors.js';
import { assertClose } from '../../helpers/close.js';

test('Savitzky–Golay of order 3 reproduces a cubic and its derivative exactly, ends included', () => {
  const dx = 0.1;
  const f = (x: number) => 2 - x + 0.5 * x * x - 0.03 * x ** 3;
  const df = (x: number) => -1 + x - 0.09 * x * x;
  const y = Float64Array.from({ length: 60 }, (_, i) => f(i * dx));
  const s = savitzkyGolay(y, 11, 3);
  const d = savitzkyGolay(y, 11, 3, 1, dx);
  for (let i = 0; i < y.length; i++) {
    assertClose(s[i], y[i], { abs: 1e-10 }, `smoothed[${i}]`);
    assertClose(d[i], df(i * dx), { abs: 1e-9 }, `derivative[${i}]`);
  }
  assert.throws(() => savitzkyGolay(y, 10, 3), InputError);
  assert.throws(() => savitzkyGolay(y, 5, 5), InputError);
});

test('findPeaks: a small peak on a rising slope is found by its prominence; a higher threshold drops it', () => {
  const y = Array.from({ length: 200 }, (_, i) => 0.01 * i + Math.exp(-0.5 * ((i - 50) / 5) ** 2) + 0.3 * Math.exp(-0.5 * ((i - 150) / 5) ** 2));
  const peaks = findPeaks(y, 0.1);
  // the slope moves the small peak's apex right by ~1 sample: 0.3·G'(d) = −0.01 → d ≈ 0.8
  assert.deepEqual(peaks.map((p) => p.index), [50, 151]);
  // its prominence is measured from the dip just after it (the slope rises again beyond): below the 0.3 height
  assert.ok(peaks[1].prominence > 0.1 && peaks[1].prominence < 0.3, `prominence ${peaks[1].prominence}`);
  assert.deepEqual(findPeaks(y, 0.3).map((p) => p.index), [50]);
  assert.deepEqual(findPeaks([0, 1, 1, 1, 0]).map((p) => p.index), [1], 'a flat top is one peak at its first sample');
  assert.deepEqual(findPeaks([3, 2, 1]), [], 'a maximum on the edge is not a peak');
});

test('rubber-band baseline: a Gaussian on a straight line gets the line back; it never lies above the data', () => {
  const x = Array.from({ length: 301 }, (_, i) => i * 0.01);
  const line = (t: number) => 0.5 + 0.2 * t;
  const y = x.map((t) => line(t) + 2 * Math.exp(-0.5 * ((t - 1.5) / 0.1) ** 2));
  const b = rubberBandBaseline(x, y);
  for (let i = 0; i < x.length; i++) {
    assertClose(b[i], line(x[i]), { abs: 1e-6 }, `baseline at ${x[i]}`);
    assert.ok(b[i] <= y[i] + 1e-15);
  }
  const up = rubberBandBaseline(x, y.map((v) => -v), 0, x.length, true);
  for (let i = 0; i < x.length; i += 30) assertClose(up[i], -line(x[i]), { abs: 1e-6 });
});

test('fitLine: exact line, R² and slope error by hand; too few points is an AnalysisError', () => {
  const f = fitLine([1, 2, 3, 4], [3, 5, 7, 9]);
  assertClose(f.slope, 2, { abs: 1e-14 });
  assertClose(f.intercept, 1, { abs: 1e-14 });
  assertClose(f.rSquared, 1, { abs: 1e-14 });
  // y = 0, 1, 1, 2 at x = 0..3: slope 0.6, intercept 0.1, SSres = 0.2, Sxx = 5 → se = √(0.2/2/5)
  const g = fitLine([0, 1, 2, 3], [0, 1, 1, 2]);
  assertClose(g.slope, 0.6, { abs: 1e-14 });
  assertClose(g.slopeStdErr, Math.sqrt(0.02), { rel: 1e-12 });
  assert.throws(() => fitLine([1], [1]), AnalysisError);
  assert.throws(() => fitLine([2, 2, 2], [1, 2, 3]), AnalysisError);
});

test('current segments: rest threshold, sign runs, non-finite separator rows skipped', () => {
  const i = [0, 0, 1e-3, 1e-3, 1e-6, NaN, -1e-3, -1e-3, 0];
  const s = segmentByCurrentSign(i, 2e-5);
  assert.deepEqual(s.map((x) => [x.sign, x.startRow, x.endRow]), [[0, 0, 2], [1, 2, 4], [0, 4, 5], [-1, 6, 8], [0, 8, 9]]);
});
