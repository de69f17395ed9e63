/**
 * Low-rate limit: just after a C/100 step from rest the concentrations are still uniform, kinetics are
 * linear, and each porous electrode's polarisation has the closed form of Newman & Tobias
 * (J. Electrochem. Soc. 109, 1183 (1962); J. Newman, Electrochemical Systems, porous electrodes with
 * linear kinetics):
 *   ΔV = I·L/(κ+σ) · [1 + (2 + (κ/σ + σ/κ)·cosh ν)/(ν·sinh ν)],   ν² = L²·a·i0·F/(RT)·(1/κ + 1/σ)
 * (κ, σ effective conductivities; symmetric Butler–Volmer linearised: j = i0·F·η/RT), plus the
 * separator's I·L_s/κ_s. So V(0⁺) = U_p(0.6) − U_n(0.8) − ΔV_n − ΔV_sep − ΔV_p, all written out here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Simulation } from '../../../src/core/sim/simulate.js';
import { parseExperiment } from '../../../src/core/sim/experiment.js';
import { marquis2019 } from '../../../src/core/sim/presets/marquis2019.js';

const F = 96485.33212;
const R = 8.314462618;
const T = 298.15;
const f = F / (R * T);

function newmanTobias(I: number, L: number, kappa: number, sigma: number, a: number, i0: number): number {
  const nu = Math.sqrt(L * L * a * i0 * f * (1 / kappa + 1 / sigma));
  return ((I * L) / (kappa + sigma)) * (1 + (2 + (kappa / sigma + sigma / kappa) * Math.cosh(nu)) / (nu * Math.sinh(nu)));
}

test('Marquis2019 at C/100, t → 0⁺: OCV minus hand-computed Newman–Tobias electrode polarisations', () => {
  const I = 0.24; // A/m², C/100
  const kappa = 0.0911 + 1.9101 - 1.052 + 0.1554; // κ(1 mol/L) = 1.1046 S/m
  const kappaPorous = kappa * 0.3 ** 1.5;
  const sigmaN = 100 * 0.7 ** 1.5; // 58.57 S/m (COMSOL convention)
  const sigmaP = 10 * 0.7 ** 1.5; // 5.857 S/m
  const aN = (3 * 0.6) / 1e-5;
  const aP = (3 * 0.5) / 1e-5;
  const cmaxN = 24983.2619938437;
  const cmaxP = 51217.9257309275;
  const i0N = 2e-5 * Math.sqrt(1000 * 0.8 * cmaxN * 0.2 * cmaxN);
  const i0P = 6e-7 * Math.sqrt(1000 * 0.6 * cmaxP * 0.4 * cmaxP);
  const ocv = 4.02701 - 0.17519; // marquis2019-params.json derived check: U_p(0.6) − U_n(0.8)
  const dvN = newmanTobias(I, 100e-6, kappaPorous, sigmaN, aN, i0N);
  const dvP = newmanTobias(I, 100e-6, kappaPorous, sigmaP, aP, i0P);
  const dvS = (I * 25e-6) / kappa;
  const expected = ocv - dvN - dvS - dvP;

  const p = marquis2019();
  const sim = new Simulation(p, { rtol: 1e-8 });
  const r = sim.run(parseExperiment('Discharge at 0.01C for 1 s', { oneCAPerM2: 24, areaM2: p.areaM2 }));
  const v0 = r.voltage_V[0];
  console.log(`V(0+) model ${v0.toFixed(6)} V, hand ${expected.toFixed(6)} V (OCV ${ocv.toFixed(5)}, ΔV_n ${(dvN * 1e3).toFixed(4)} mV, ΔV_p ${(dvP * 1e3).toFixed(4)} mV, ΔV_sep ${(dvS * 1e3).toFixed(4)} mV)`);
  // OCV digits in the reference are 1e-5 V; the polarisation is ~1 mV and must agree to a few %.
  assert.ok(Math.abs(v0 - expected) < 3e-5, `model ${v0} V vs hand ${expected} V`);
  const polModel = ocv - v0;
  const polHand = dvN + dvS + dvP;
  assert.ok(Math.abs(polModel - polHand) / polHand < 0.03, `polarisation model ${polModel} V vs hand ${polHand} V`);
});

test('Marquis2019 at 0.1C starts 10.0 mV below its OCV, as the COMSOL run does (3.84178 V)', () => {
  const p = marquis2019();
  const sim = new Simulation(p, { rtol: 1e-8 });
  const r = sim.run(parseExperiment('Discharge at 0.1C for 1 s', { oneCAPerM2: 24, areaM2: p.areaM2 }));
  assert.ok(Math.abs(r.voltage_V[0] - 3.84178) < 3e-4, `V(0+) = ${r.voltage_V[0]} V`);
});
