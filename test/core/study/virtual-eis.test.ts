/**
 * Virtual EIS from the linearised P2D model: the complex band solver against a dense solve, the
 * fitted charge-transfer resistance against R_ct = RT/(F·i0·a·L) written out by hand, and the
 * round trip: EIS at five temperatures → R0-TLM1 fit (eis/fit.ts) → R_ct → Arrhenius (eis/arrhenius.ts)
 * recovers the activation energy each gao2025 preset puts on its rate constant (33.17 and 29.76
 * kJ/mol, Gao et al. 2025) within 1 kJ/mol.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ComplexBandLU } from '../../../src/core/study/complex-band-lu.js';
import { runVirtualEisArrhenius } from '../../../src/core/study/eis-arrhenius.js';
import { virtualImpedance } from '../../../src/core/study/virtual-eis.js';
import { gao2025Ncm811 } from '../../../src/core/sim/presets/gao2025.js';
import { SeededRandom } from '../../../src/core/numerics/seeded-random.js';
import { assertClose } from '../../helpers/close.js';

const R = 8.314462618;
const F = 96485.33212;

test('complex band LU with pivoting solves A·x = b (x known, A with a zero diagonal entry)', () => {
  const n = 40;
  const kl = 3;
  const ku = 2;
  const rng = new SeededRandom(7);
  const ar = new Float64Array(n * n);
  const ai = new Float64Array(n * n);
  const lu = new ComplexBandLU(n, kl, ku);
  for (let i = 0; i < n; i++) {
    for (let j = Math.max(0, i - kl); j <= Math.min(n - 1, i + ku); j++) {
      const re = i === j && i === 5 ? 0 : rng.next() - 0.5;
      const im = i === j && i === 5 ? 0 : rng.next() - 0.5;
      ar[i * n + j] = re;
      ai[i * n + j] = im;
      lu.set(i, j, re, im);
    }
  }
  const xr = Float64Array.from({ length: n }, (_, k) => Math.sin(k + 1));
  const xi = Float64Array.from({ length: n }, (_, k) => Math.cos(2 * k));
  const br = new Float64Array(n);
  const bi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      br[i] += ar[i * n + j] * xr[j] - ai[i * n + j] * xi[j];
      bi[i] += ar[i * n + j] * xi[j] + ai[i * n + j] * xr[j];
    }
  }
  assert.ok(lu.factor());
  lu.solve(br, bi);
  for (let k = 0; k < n; k++) {
    assertClose(br[k], xr[k], { abs: 1e-10 }, `Re x[${k}]`);
    assertClose(bi[k], xi[k], { abs: 1e-10 }, `Im x[${k}]`);
  }
});

test('the model\'s analytic Jacobian and finite differences of its residual give the same impedance (within 1e-6)', () => {
  for (const [llzo, tK] of [[false, 273.15], [true, 313.15]] as const) {
    const p = gao2025Ncm811({ llzo, loadingMgPerCm2: 15, temperatureK: tK });
    const o = { positiveStoichiometry: 0.6, shells: 24, rRefinement: 40 };
    const a = virtualImpedance(p, o);
    const f = virtualImpedance(p, { ...o, jacobian: 'finite-difference' });
    for (let i = 0; i < a.frequencyHz.length; i++) {
      const mag = Math.hypot(f.zRealOhmM2[i], f.zImagOhmM2[i]);
      assertClose(a.zRealOhmM2[i], f.zRealOhmM2[i], { abs: 1e-6 * mag }, `Z′ at ${a.frequencyHz[i]} Hz`);
      assertClose(a.zImagOhmM2[i], f.zImagOhmM2[i], { abs: 1e-6 * mag }, `Z″ at ${a.frequencyHz[i]} Hz`);
    }
  }
});

test('the rest state is an equilibrium and the spectrum is capacitive with a finite high-frequency limit', () => {
  const p = gao2025Ncm811({ llzo: false, loadingMgPerCm2: 15 });
  const z = virtualImpedance(p, { positiveStoichiometry: 0.6, shells: 24, rRefinement: 40 });
  assert.ok(z.restResidual < 1e-9, `rest residual ${z.restResidual}`);
  for (let i = 0; i < z.frequencyHz.length; i++) assert.ok(z.zImagOhmM2[i] < 0, `Z″ at ${z.frequencyHz[i]} Hz = ${z.zImagOhmM2[i]}`);
  // Z′ grows toward low frequency (arc, then diffusion)
  assert.ok(z.zRealOhmM2[z.frequencyHz.length - 1] > z.zRealOhmM2[0]);
  // high-frequency limit ≥ separator ionic resistance L/(κ·ε^1.5) with κ(1 M) ≈ 0.95 S/m (Nyman): 25e-6/(0.95·0.39^1.5) Ω·m²
  assert.ok(z.zRealOhmM2[0] > 25e-6 / (0.95 * 0.39 ** 1.5));
});

test('fitted R_ct on a thin electrode is the hand-calculated RT/(F·i0·a·L) within 10 %', () => {
  const T = 293.15;
  const p = gao2025Ncm811({ llzo: false, loadingMgPerCm2: 2, temperatureK: T });
  const st = runVirtualEisArrhenius({ temperaturesC: [20, 30], loadingMgPerCm2: 2, circuit: 'R0-p(R1,CPE1)' });
  const e = p.positive;
  const cs = 0.6 * e.cMaxMolPerM3;
  const k = e.kinetics.rateConstant * Math.exp((e.kinetics.activationEnergyJPerMol / R) * (1 / 298.15 - 1 / T));
  const i0 = k * Math.sqrt(1000 * cs * (e.cMaxMolPerM3 - cs)); // A/m² of particle surface
  const aL = ((3 * e.activeFraction) / e.particleRadiusM) * e.thicknessM; // m² particle surface per m² electrode
  const rct = (R * T) / (F * i0 * aL) / p.areaM2; // Ω for the coin-cell area
  assertClose(st.cathodes[0].points[0].rctOhm, rct, { rel: 0.1 }, 'R_ct at 20 °C');
});

test('round trip: virtual EIS at 0–40 °C → R_ct → Arrhenius recovers 33.17 and 29.76 kJ/mol within 1 kJ/mol', () => {
  const st = runVirtualEisArrhenius({ temperaturesC: [0, 10, 20, 30, 40] });
  const [bare, llzo] = st.cathodes;
  assert.equal(bare.presetActivationEnergyKJPerMol, 33.17);
  assert.equal(llzo.presetActivationEnergyKJPerMol, 29.76);
  assertClose(bare.exchangeCurrent.activationEnergyKJPerMol, 33.17, { abs: 1 }, 'bare E_a');
  assertClose(llzo.exchangeCurrent.activationEnergyKJPerMol, 29.76, { abs: 1 }, 'LLZO E_a');
  // The paper's ln(1/R_ct) construction: R_ct ∝ T/k(T) ⇒ apparent E_a = E_a − R·T̄ (T̄ ≈ 293 K over 0–40 °C)
  for (const c of [bare, llzo]) {
    const tMean = c.points.reduce((s, q) => s + q.temperatureC + 273.15, 0) / c.points.length;
    assertClose(c.paperMethod.activationEnergyKJPerMol, c.presetActivationEnergyKJPerMol - (R * tMean) / 1000, { abs: 1 }, `${c.id} ln(1/R_ct)`);
    assert.ok(c.exchangeCurrent.r2 > 0.999);
  }
});

test('the linearised model is causal and linear: the spectrum passes the Lin-KK (Kramers–Kronig) test within 0.1 %; a corrupted copy does not', async () => {
  const { linKK } = await import('../../../src/core/eis/lin-kk.js');
  const { makeSpectrum } = await import('../../../src/core/eis/spectrum.js');
  const p = gao2025Ncm811({ llzo: true, loadingMgPerCm2: 15 });
  const z = virtualImpedance(p, { positiveStoichiometry: 0.6, shells: 24, rRefinement: 40 });
  // 100 kHz … 0.1 Hz: the diffusion tail below has no low-frequency intercept (a series capacitance covers it)
  const keep = [...z.frequencyHz.keys()].filter((i) => z.frequencyHz[i] >= 0.1);
  const s = makeSpectrum(keep.map((i) => z.frequencyHz[i]), keep.map((i) => z.zRealOhm[i]), keep.map((i) => z.zImagOhm[i]), 'virtual EIS');
  const kk = linKK(s, { addCapacitance: true, M: 30 }); // fixed M: the μ criterion stops at M ≈ 11 (1.6 % residuals), an under-fit, not a KK violation
  assert.ok(kk.maxAbsResidualReal < 0.001 && kk.maxAbsResidualImag < 0.001, `Lin-KK residuals ${kk.maxAbsResidualReal}, ${kk.maxAbsResidualImag} (M = ${kk.M})`);
  // the same data with Z″ reflected over the upper half of the frequencies is no impedance of a causal system
  const bad = makeSpectrum(s.frequencyHz, s.zReal, Array.from(s.zImag, (v, k) => (k < s.frequencyHz.length / 3 ? -v : v)), 'corrupted');
  const kb = linKK(bad, { addCapacitance: true, M: 30 });
  assert.ok(Math.max(kb.maxAbsResidualReal, kb.maxAbsResidualImag) > 0.02, `corrupted spectrum residuals ${kb.maxAbsResidualReal}, ${kb.maxAbsResidualImag}`);
});

test('R_ct at 25 °C: bare/LLZO = exp((E_bare − E_LLZO)/RT) = 3.96 within 3 % (common prefactor), each the hand-calculated RT/(F·i0·a·L) within 3 %', () => {
  const T = 298.15;
  const st = runVirtualEisArrhenius({ temperaturesC: [25, 30] });
  const rct = st.cathodes.map((c) => c.points[0].rctOhm);
  // 3410 J/mol / (R × 298.15 K) = 1.3756 → 3.957: the i0 ratio, and a·L is the same (same active loading)
  assertClose(rct[0] / rct[1], Math.exp((33170 - 29760) / (R * T)), { rel: 0.03 }, 'R_ct bare / LLZO');
  for (const [i, llzo] of [false, true].entries()) {
    const p = gao2025Ncm811({ llzo, loadingMgPerCm2: st.loadingMgPerCm2, temperatureK: T });
    const e = p.positive;
    const cs = st.positiveStoichiometry * e.cMaxMolPerM3;
    const i0 = e.kinetics.rateConstant * Math.sqrt(1000 * cs * (e.cMaxMolPerM3 - cs));
    const aL = ((3 * e.activeFraction) / e.particleRadiusM) * e.thicknessM;
    assertClose(rct[i], (R * T) / (F * i0 * aL) / p.areaM2, { rel: 0.03 }, `${llzo ? 'LLZO' : 'bare'} R_ct`);
  }
});
