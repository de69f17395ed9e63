import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arrhenius } from '../../../src/core/eis/arrhenius.js';
import { SeededRandom } from '../../../src/core/numerics/seeded-random.js';
import { GAS_CONSTANT } from '../../../src/core/units.js';
import { InputError } from '../../../src/core/errors.js';
import { assertClose } from '../../helpers/close.js';

const TEMPS = [298.15, 308.15, 318.15, 328.15, 338.15];

test('exact R_ct(T) from E_a = 33.17 and 29.76 kJ/mol (Gao et al. 2025) are recovered from ln(1/R) vs 1/T', () => {
  for (const ea of [33.17, 29.76]) {
    // R_ct = R∞·exp(E_a/(R·T)); with R∞ = 1e-4 Ω, R_ct(298 K) ≈ 65 Ω for 33.17 kJ/mol.
    const pts = TEMPS.map((T) => ({ temperatureK: T, value: 1e-4 * Math.exp((ea * 1000) / (GAS_CONSTANT * T)) }));
    const r = arrhenius(pts, 'resistance');
    assertClose(r.activationEnergyKJPerMol, ea, { rel: 1e-10 }, 'E_a');
    assertClose(r.prefactor, 1e4, { rel: 1e-8 }, 'A = 1/R∞ in S');
    assertClose(r.r2, 1, { abs: 1e-12 }, 'R²');
    assert.equal(r.logarithm, 'ln');
    assert.equal(r.ordinate, 'ln(1/R) vs 1/T');
  }
});

test('two points: E_a = R·ln(R₁/R₂)/(1/T₁ − 1/T₂) by hand, no interval', () => {
  const r = arrhenius([{ temperatureK: 298.15, value: 12.5 }, { temperatureK: 308.15, value: 8.1 }]);
  const byHand = (GAS_CONSTANT * Math.log(12.5 / 8.1)) / (1 / 298.15 - 1 / 308.15) / 1000; // = 8.314462618·0.433865/1.08848e-4 J/mol ≈ 33.14 kJ/mol
  assertClose(r.activationEnergyKJPerMol, byHand, { rel: 1e-12 }, 'E_a');
  assertClose(byHand, 33.14, { abs: 0.01 }, 'hand value');
  assert.equal(r.stdErrKJPerMol, null);
  assert.equal(r.ci95KJPerMol, null);
});

test('noisy data (3 % scatter, 5 temperatures, 400 seeded sets): the 95 % interval covers the true E_a in ~95 % of sets', () => {
  const rng = new SeededRandom(11);
  let covered = 0;
  for (let trial = 0; trial < 400; trial++) {
    const ea = trial % 2 === 0 ? 33.17 : 29.76;
    const pts = TEMPS.map((T) => ({ temperatureK: T, value: 1e-4 * Math.exp((ea * 1000) / (GAS_CONSTANT * T)) * Math.exp(0.03 * rng.normal()) }));
    const r = arrhenius(pts);
    const [lo, hi] = r.ci95KJPerMol!;
    assertClose((hi - lo) / 2, 3.182446305284263 * r.stdErrKJPerMol!, { rel: 1e-9 }, 't(0.975, 3)·se');
    if (lo <= ea && ea <= hi) covered++;
  }
  assert.ok(covered / 400 >= 0.92 && covered / 400 <= 0.98, `coverage ${covered / 400}`);
});

test('rate quantities fit ln k directly; bad input is an InputError', () => {
  const pts = TEMPS.map((T) => ({ temperatureK: T, value: 2e-6 * Math.exp(-25000 / (GAS_CONSTANT * T)) }));
  const r = arrhenius(pts, 'rate');
  assertClose(r.activationEnergyKJPerMol, 25, { rel: 1e-10 }, 'E_a');
  assertClose(r.prefactor, 2e-6, { rel: 1e-8 }, 'A');
  assert.throws(() => arrhenius([{ temperatureK: -3, value: 1 }, { temperatureK: 300, value: 2 }]), InputError);
  assert.throws(() => arrhenius([{ temperatureK: 300, value: 0 }, { temperatureK: 310, value: 2 }]), InputError);
});

test('end to end: batch fits of synthetic spectra at 5 temperatures → R_ct by time constant → E_a 33.17 and 29.76 kJ/mol recovered', async () => {
  const { Circuit } = await import('../../../src/core/eis/circuit.js');
  const { makeSpectrum } = await import('../../../src/core/eis/spectrum.js');
  const { fitBatch } = await import('../../../src/core/eis/batch.js');
  const circuit = Circuit.parse('R0-p(R1,CPE1)-p(R2,CPE2)-W1');
  const f = Array.from({ length: 50 }, (_, i) => 1e5 * Math.pow(10, (-6.5 * i) / 49));
  for (const ea of [33.17, 29.76]) {
    const rng = new SeededRandom(ea === 33.17 ? 1 : 2);
    const spectra = TEMPS.map((T) => {
      const k = (e: number): number => Math.exp((e * 1000 / GAS_CONSTANT) * (1 / T - 1 / 298.15));
      // Bulk R0 and surface-film R1 (fast arc, 15 kJ/mol), charge transfer R2 (slow arc, E_a), Warburg tail.
      const p = [2 * k(10), 5 * k(15), 2e-6, 0.9, 40 * k(ea), 2e-3, 0.85, 3];
      const z = circuit.impedance(p, f);
      const noise = (v: number, i: number): number => v + 0.003 * Math.hypot(z.re[i], z.im[i]) * rng.normal();
      const s = makeSpectrum(f, Float64Array.from(z.re, noise), Float64Array.from(z.im, noise), `${T} K`);
      s.temperatureK = T;
      return s;
    });
    const fits = fitBatch(circuit, spectra, { weighting: 'modulus' });
    const points = fits.map((it) => {
      assert.ok(it.result.converged, it.result.converged ? '' : it.result.message);
      const r = it.result as Extract<typeof it.result, { converged: true }>;
      assert.equal(r.rct?.rct.resistanceName, 'R2', 'the slow arc is R_ct');
      return { temperatureK: it.temperatureK as number, value: r.rct!.rct.resistanceOhm };
    });
    assert.deepEqual(fits.map((it) => it.seededFrom), ['guess', 'neighbour', 'neighbour', 'neighbour', 'neighbour']);
    const a = arrhenius(points, 'resistance');
    assertClose(a.activationEnergyKJPerMol, ea, { abs: 0.5 }, 'E_a');
    assert.ok(a.ci95KJPerMol![0] <= ea && ea <= a.ci95KJPerMol![1], `95 % interval ${a.ci95KJPerMol} should hold ${ea}`);
  }
});
