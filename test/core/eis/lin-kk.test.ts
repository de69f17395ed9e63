import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readMeasurement } from '../../../src/core/io/formats.js';
import { capacitivePoints, spectrumFromMeasurement, makeSpectrum } from '../../../src/core/eis/spectrum.js';
import { linKK, linKKTimeConstants } from '../../../src/core/eis/lin-kk.js';
import { Circuit } from '../../../src/core/eis/circuit.js';
import { readFixtureBytes } from '../../helpers/fixtures.js';
import { assertClose } from '../../helpers/close.js';

const read = (f: string) => spectrumFromMeasurement(readMeasurement(readFixtureBytes('eis', f), f));

test('Circuit3_EIS_1.z, c = 0.69 (real fit): M = 10, μ = 0.6843821117885378 as impedance.py test_validation asserts', () => {
  const r = linKK(read('Circuit3_EIS_1.z'), { c: 0.69, fitType: 'real' });
  assert.equal(r.M, 10);
  assertClose(r.mu, 0.6843821117885378, { rel: 1e-12 }, 'mu');
  const rc = linKK(read('Circuit3_EIS_1.z'), { c: 0.69, fitType: 'real', addCapacitance: true });
  assert.equal(rc.M, 10);
  assertClose(rc.mu, 0.6843821117885381, { rel: 1e-12 }, 'mu with series C');
});

test('exampleData.csv Lin-KK (PROVENANCE E): all 66 pts real fit M = 22, μ = 0.83064, max residuals 0.0028 / 0.228; 57 pts complex M = 13, μ = 0.80560', () => {
  const all = linKK(read('exampleData.csv'), { c: 0.85, fitType: 'real' });
  assert.equal(all.M, 22);
  assertClose(all.mu, 0.83064, { abs: 5e-6 }, 'mu');
  assertClose(all.maxAbsResidualReal, 0.0028, { abs: 5e-5 }, 'max |res re|');
  assertClose(all.maxAbsResidualImag, 0.228, { abs: 5e-4 }, 'max |res im|');
  const cap = linKK(capacitivePoints(read('exampleData.csv')), { c: 0.85, fitType: 'complex' });
  assert.equal(cap.M, 13);
  assertClose(cap.mu, 0.8056, { abs: 5e-5 }, 'mu');
});

test('time constants span 1/ω_max … 1/ω_min evenly in log τ', () => {
  const ts = linKKTimeConstants(0.1, 1e5, 7);
  assertClose(ts[0], 1 / (2 * Math.PI * 1e5), { rel: 1e-14 }, 'τ1');
  assertClose(ts[6], 1 / (2 * Math.PI * 0.1), { rel: 1e-14 }, 'τM');
  assertClose(ts[3], 1 / (2 * Math.PI * Math.sqrt(0.1 * 1e5)), { rel: 1e-12 }, 'τ mid');
});

test('a KK-compliant dispersed spectrum passes (residuals < 0.5 %); a drifting one leaves residuals > 5 %', () => {
  // Two ZARC arcs (γ = 0.8, 0.75) and an open Warburg: causal, linear, stable ⇒ KK-compliant.
  const f = Array.from({ length: 50 }, (_, i) => 1e5 * Math.pow(10, (-6 * i) / 49));
  const c = Circuit.parse('R0-Zarc1-Zarc2-Wo1');
  const z = c.impedance([10, 30, 1e-4, 0.8, 50, 1e-1, 0.75, 20, 100], f);
  const ok = linKK(makeSpectrum(f, z.re, z.im, 'synthetic'));
  assert.ok(ok.mu <= 0.85 && !ok.reachedMaxM);
  assert.ok(ok.maxAbsResidualReal < 5e-3 && ok.maxAbsResidualImag < 5e-3, `residuals ${ok.maxAbsResidualReal} ${ok.maxAbsResidualImag}`);
  // Drift during the sweep (Z′ grows by up to 30 % as the low frequencies are measured): not KK-consistent.
  const drift = Float64Array.from(z.re, (v, i) => v * (1 + 0.3 * (i / 49) ** 2));
  const bad = linKK(makeSpectrum(f, drift, z.im, 'drifting'));
  assert.ok(Math.max(bad.maxAbsResidualReal, bad.maxAbsResidualImag) > 0.05);
});
