import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeSpectrum } from '../../../src/core/eis/spectrum.js';
import { computeDrt } from '../../../src/core/eis/drt.js';
import { nnlsGram } from '../../../src/core/numerics/nnls.js';
import { Circuit } from '../../../src/core/eis/circuit.js';
import { SeededRandom } from '../../../src/core/numerics/seeded-random.js';
import { readMeasurement } from '../../../src/core/io/formats.js';
import { spectrumFromMeasurement } from '../../../src/core/eis/spectrum.js';
import { readFixtureBytes } from '../../helpers/fixtures.js';
import { assertClose } from '../../helpers/close.js';

test('DRT of a two-RC spectrum (τ = 1e-4 s and 0.1 s, R = 30 and 50 Ω, 0.2 % noise): two peaks at the right τ and areas', () => {
  const f = Array.from({ length: 60 }, (_, i) => 1e5 * Math.pow(10, (-7 * i) / 59));
  const z = Circuit.parse('R0-K1-K2').impedance([10, 30, 1e-4, 50, 1e-1], f);
  const rng = new SeededRandom(3);
  const noise = (v: number, i: number): number => v + 0.002 * Math.hypot(z.re[i], z.im[i]) * rng.normal();
  const d = computeDrt(makeSpectrum(f, Float64Array.from(z.re, noise), Float64Array.from(z.im, noise), 'two-RC'));
  assert.equal(d.lambdaRule, 'gcv');
  assert.equal(d.peaks.length, 2, `peaks: ${JSON.stringify(d.peaks)}`);
  // Grid spacing is 0.1 decade; the parabolic refinement lands within a few % in τ.
  assertClose(d.peaks[0].tauS, 1e-4, { rel: 0.05 }, 'τ1');
  assertClose(d.peaks[1].tauS, 1e-1, { rel: 0.05 }, 'τ2');
  assertClose(d.peaks[0].resistanceOhm, 30, { rel: 0.03 }, 'R1');
  assertClose(d.peaks[1].resistanceOhm, 50, { rel: 0.03 }, 'R2');
  assertClose(d.rInfOhm, 10, { rel: 0.01 }, 'R∞');
  assert.ok(d.relativeRms < 0.004, `rms ${d.relativeRms}`);
  for (const g of d.gammaOhm) assert.ok(g >= 0);
});

test('NNLS on a small problem with a known active set: min ‖Ax − b‖, x ≥ 0', () => {
  // A = I (2×2), b = (1, −2): the unconstrained optimum (1, −2) → constrained (1, 0).
  const x = nnlsGram(Float64Array.from([1, 0, 0, 1]), Float64Array.from([1, -2]));
  assert.deepEqual(Array.from(x), [1, 0]);
  // A = [[1, 1], [1, 2], [1, 3]], b = (3, 2, 1): OLS slope −1 < 0 → x = (mean b, 0) = (2, 0).
  const G = Float64Array.from([3, 6, 6, 14]);
  const h = Float64Array.from([6, 10]);
  const y = nnlsGram(G, h);
  assertClose(y[0], 2, { rel: 1e-12 }, 'x0');
  assert.equal(y[1], 0);
});

test('DRT of exampleData.csv runs, fits to < 2 % RMS and finds its arcs', () => {
  const s = spectrumFromMeasurement(readMeasurement(readFixtureBytes('eis', 'exampleData.csv'), 'exampleData.csv'));
  const d = computeDrt(s);
  assert.ok(d.relativeRms < 0.02, `rms ${d.relativeRms}`);
  assert.ok(d.peaks.length >= 2);
  assert.ok(d.inductanceH > 0, 'the inductive high-frequency tail is modelled');
});
