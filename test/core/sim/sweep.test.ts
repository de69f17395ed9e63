/**
 * Linear potential sweeps (virtual cyclic voltammetry): the "Sweep at ν from V0 to V1" step is the
 * constant-voltage closure with a moving set point V(t) = V0 ± ν·(t − t0).
 *   1. Grammar and timing: the step lasts exactly |ΔV|/ν and the recorded voltage follows the ramp.
 *   2. Charge: ∫I dt over a sweep equals F × the lithium the positive electrode gives up or takes.
 *   3. Slow-sweep limit: a thin electrode swept slowly stays at equilibrium, so I = ν·dQ/dU, with
 *      dQ/dU = F·ε_s·L·c_max·|dx/dU| from the preset's OCP (the capacitive-like equilibrium response).
 *   4. The CV analysis (src/core/analysis/cv.ts) on simulated voltammograms: the peak separation ΔEp of
 *      the 4.2 V couple grows with sweep rate and with loading; on a thick electrode the peak currents
 *      follow i_p ∝ ν^b with 0.5 < b < 1 (between diffusion- and surface-controlled).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Simulation, type SimulationResult } from '../../../src/core/sim/simulate.js';
import { parseExperiment } from '../../../src/core/sim/experiment.js';
import { gao2025Ncm811 } from '../../../src/core/sim/presets/gao2025.js';
import type { P2DModel } from '../../../src/core/sim/p2d-model.js';
import type { PorousElectrode } from '../../../src/core/sim/parameters.js';
import { analyzeCvArrays, type CvCycle } from '../../../src/core/analysis/cv.js';
import { FARADAY } from '../../../src/core/units.js';
import { InputError } from '../../../src/core/errors.js';

const MESH = { cells: [1, 20, 20] as [number, number, number], shells: 20 };

function positiveLithium(m: P2DModel, y: Float64Array): number {
  const l = m.layout;
  let li = 0;
  for (let i = 0; i < l.nx; i++) {
    const e = m.electrodeAt(i);
    if (!e || m.mesh.domain[i] !== 2) continue;
    li += e.activeFraction * m.mesh.dx[i] * m.averageConcentration(y, i);
  }
  return li;
}

function trapezoid(t: readonly number[], f: readonly number[]): number {
  let s = 0;
  for (let k = 1; k < t.length; k++) s += 0.5 * (f[k] + f[k - 1]) * (t[k] - t[k - 1]);
  return s;
}

test('sweep grammar: rate units, "from" optional, CV blocks repeat, bad input is an InputError', () => {
  const ctx = { oneCAPerM2: 30, areaM2: 1e-4 };
  const [a] = parseExperiment('Sweep at 0.1 mV/s from 3.0 V to 4.3 V', ctx);
  assert.equal(a.kind, 'sweep');
  assert.equal(a.value, 4.3);
  assert.equal(a.sweepFromV, 3.0);
  assert.ok(Math.abs((a.sweepRateVPerS ?? 0) - 1e-4) < 1e-18);
  // 1.3 V at 0.1 mV/s: 13 000 s
  assert.ok(Math.abs((a.durationS ?? 0) - 13000) < 1e-6);
  const [b] = parseExperiment('Sweep at 6 mV/min to 3.0 V', ctx);
  assert.equal(b.sweepFromV, undefined);
  assert.ok(Math.abs((b.sweepRateVPerS ?? 0) - 1e-4) < 1e-18);
  const cv = parseExperiment('(Sweep at 0.1 mV/s to 4.3 V; Sweep at 0.1 mV/s to 3.0 V)×2', ctx);
  assert.deepEqual(cv.map((s) => s.value), [4.3, 3.0, 4.3, 3.0]);
  assert.throws(() => parseExperiment('Sweep at 0.1 mA/s to 3 V', ctx), InputError);
  assert.throws(() => parseExperiment('Sweep at 0.1 mV/s from 3 V to 3 V', ctx), InputError);
  assert.throws(() => parseExperiment('Sweep to 3 V', ctx), InputError);
});

test('a sweep ends exactly at its target after |ΔV|/ν and the voltage follows the ramp', () => {
  const p = gao2025Ncm811({ loadingMgPerCm2: 15 });
  const sim = new Simulation(p, { ...MESH, rtol: 1e-6 });
  // from the charged rest state (4.3 V) down to 4.0 V and back up past the start, at 1 mV/s
  const r = sim.run(parseExperiment('Sweep at 1 mV/s to 4.0 V; Sweep at 1 mV/s from 4.0 V to 4.25 V', { oneCAPerM2: p.oneCAPerM2, areaM2: p.areaM2 }));
  assert.equal(r.stopReason, '');
  const v0 = r.voltage_V[0];
  assert.ok(Math.abs(r.steps[0].endS - (v0 - 4.0) / 1e-3) < 1e-6, `first sweep ends at ${r.steps[0].endS} s`);
  assert.ok(Math.abs(r.steps[1].endS - r.steps[0].endS - 250) < 1e-6, `second sweep lasts ${r.steps[1].endS - r.steps[0].endS} s`);
  assert.ok(Math.abs(r.voltage_V[r.voltage_V.length - 1] - 4.25) < 1e-9);
  let worst = 0;
  for (let k = 0; k < r.time_s.length; k++) {
    const t = r.time_s[k];
    const target = r.step_index[k] === 0 ? v0 - 1e-3 * t : 4.0 + 1e-3 * (t - r.steps[0].endS);
    worst = Math.max(worst, Math.abs(r.voltage_V[k] - target));
  }
  assert.ok(worst < 1e-9, `|V − V_set| ≤ ${worst}`);
  // cathodic sweep lithiates the cathode (discharge current > 0), the anodic one delithiates it
  assert.ok(r.current_A_per_m2[Math.floor(r.time_s.length / 4)] > 0);
  assert.ok(r.current_A_per_m2[r.time_s.length - 2] < 0);
});

test('charge: ∫I dt over a sweep equals F × the change of the positive electrode\'s lithium (≤ 2e-6 relative)', () => {
  const p = gao2025Ncm811({ loadingMgPerCm2: 15 });
  const T = (4.3 - 3.9) / 0.5e-3;
  // I is algebraic (outside the error test), so ∫I dt from its dense output carries an error the inventories
  // do not: 2.5e-6 at rtol 1e-8, 8.8e-7 at 1e-9, 6.3e-7 at 1e-10 on the exact OCP fits; 1.25e-6 at 1e-10 on the
  // OCP tables, whose C¹ knots change the step pattern (measured; a floor of the interpolant, not of the
  // model — conservation.test.ts checks the inventories themselves to 1e-9)
  const sim = new Simulation(p, { ...MESH, rtol: 1e-10, outputTimesS: Array.from({ length: 8000 }, (_, k) => (T * (k + 1)) / 8001) });
  const m = sim.model;
  const y0 = new Float64Array(m.n);
  m.initialState(y0, 0);
  const before = positiveLithium(m, y0);
  const r = sim.run(parseExperiment('Sweep at 0.5 mV/s to 3.9 V', { oneCAPerM2: p.oneCAPerM2, areaM2: p.areaM2 }));
  assert.equal(r.stopReason, '');
  const after = positiveLithium(m, sim.solver.y);
  const charge = trapezoid(r.time_s, r.current_A_per_m2);
  const err = Math.abs(FARADAY * (after - before) - charge) / Math.abs(charge);
  console.log(`∫I dt = ${charge.toFixed(3)} C/m², F·Δn = ${(FARADAY * (after - before)).toFixed(3)} C/m², relative error ${err.toExponential(2)}`);
  assert.ok(charge > 1000, `a real sweep passes charge (${charge} C/m²)`);
  assert.ok(err <= 2e-6, `charge error ${err}`);
});

test('slow-sweep limit: a thin electrode at 2 µV/s gives I = ν·dQ/dU of the OCP within 3 %', () => {
  const p = gao2025Ncm811({ loadingMgPerCm2: 2 });
  const pos = p.positive as PorousElectrode;
  const nu = 2e-6;
  const sim = new Simulation(p, { ...MESH, rtol: 1e-7 });
  const r = sim.run(parseExperiment(`Sweep at ${nu * 1e3} mV/s to 3.8 V`, { oneCAPerM2: p.oneCAPerM2, areaM2: p.areaM2 }));
  assert.equal(r.stopReason, '');
  const qTot = FARADAY * pos.activeFraction * pos.thicknessM * pos.cMaxMolPerM3; // C/m² per unit stoichiometry
  const stoAt = (v: number): number => {
    let lo = 0;
    let hi = 1;
    for (let k = 0; k < 60; k++) {
      const mid = 0.5 * (lo + hi);
      if (pos.ocp.f(mid) > v) lo = mid;
      else hi = mid;
    }
    return 0.5 * (lo + hi);
  };
  let checked = 0;
  let worst = 0;
  for (let k = 0; k < r.time_s.length; k++) {
    const v = r.voltage_V[k];
    if (v > 4.15 || v < 3.85) continue; // away from the sweep's start transient and the sharp 4.2 V feature
    const x = stoAt(v);
    const h = 1e-5;
    const dudx = (pos.ocp.f(x + h) - pos.ocp.f(x - h)) / (2 * h);
    const iEq = (nu * qTot) / -dudx;
    worst = Math.max(worst, Math.abs(r.current_A_per_m2[k] - iEq) / iEq);
    checked++;
  }
  console.log(`slow sweep: ${checked} points in 3.85–4.15 V, worst |I − ν·dQ/dU|/(ν·dQ/dU) = ${(100 * worst).toFixed(2)} %`);
  assert.ok(checked >= 10, `${checked} points checked`);
  assert.ok(worst < 0.03, `worst relative deviation ${worst}`);
});

/** One CV cycle (rest voltage → 3.6 V → 4.3 V); the 4.2 V couple analysed above 3.95 V. */
function cvCycle(loading: number, mvPerS: number): { cycle: CvCycle; run: SimulationResult } {
  const p = gao2025Ncm811({ loadingMgPerCm2: loading });
  const T = (2 * (4.3 - 3.6)) / (mvPerS * 1e-3);
  const sim = new Simulation(p, { ...MESH, rtol: 1e-6, outputTimesS: Array.from({ length: 1000 }, (_, k) => (T * (k + 1)) / 1000) });
  const run = sim.run(parseExperiment(`Sweep at ${mvPerS} mV/s to 3.6 V; Sweep at ${mvPerS} mV/s to 4.3 V`, { oneCAPerM2: p.oneCAPerM2, areaM2: p.areaM2 }));
  assert.equal(run.stopReason, '', `${loading} mg/cm² at ${mvPerS} mV/s`);
  const rows = run.voltage_V.map((v, i) => (v >= 3.95 ? i : -1)).filter((i) => i >= 0);
  // CV convention: anodic (oxidation, charge) current positive, i.e. minus the simulator's discharge current
  const cv = analyzeCvArrays(rows.map((i) => run.time_s[i]), rows.map((i) => run.voltage_V[i]), rows.map((i) => -run.current_A_per_m2[i] * p.areaM2));
  assert.equal(cv.cycles.length, 1);
  return { cycle: cv.cycles[0], run };
}

test('CV analysis on simulated sweeps: ΔEp grows with sweep rate and loading; b-value on 54 mg/cm² between 0.5 and 1', () => {
  const rates = [0.005, 0.01, 0.02];
  const thick = rates.map((v) => cvCycle(54, v).cycle);
  const dEp = thick.map((c) => c.peakSeparationV ?? NaN);
  console.log(`54 mg/cm²: ΔEp ${dEp.map((d) => (1e3 * d).toFixed(1)).join(', ')} mV at ${rates.join(', ')} mV/s`);
  thick.forEach((c, k) => {
    assert.ok(Math.abs(c.scanRateVPerS / (rates[k] * 1e-3) - 1) < 0.01, `fitted scan rate ${c.scanRateVPerS} V/s`);
    assert.ok(c.anodicPeak && c.cathodicPeak && Number.isFinite(c.peakSeparationV ?? NaN) && (c.peakSeparationV as number) > 0);
    // both peaks belong to the 4.2 V couple (the OCP's steep step at x ≈ 0.31, U ≈ 4.19 V)
    assert.ok(Math.abs((c.anodicPeak.potentialV + c.cathodicPeak.potentialV) / 2 - 4.19) < 0.03, `E½ = ${c.halfWavePotentialV}`);
  });
  for (let k = 1; k < dEp.length; k++) assert.ok(dEp[k] > dEp[k - 1], `ΔEp at ${rates[k]} mV/s ≤ at ${rates[k - 1]} mV/s`);
  // loading at 0.02 mV/s: 15 < 30 < 54 mg/cm²
  const byLoading = [15, 30].map((L) => cvCycle(L, 0.02).cycle.peakSeparationV ?? NaN);
  byLoading.push(dEp[2]);
  console.log(`0.02 mV/s: ΔEp ${byLoading.map((d) => (1e3 * d).toFixed(1)).join(', ')} mV at 15, 30, 54 mg/cm²`);
  for (const d of byLoading) assert.ok(Number.isFinite(d) && d > 0);
  assert.ok(byLoading[0] < byLoading[1] && byLoading[1] < byLoading[2]);
  // b-value from the project's fit (log i_p against log ν) over the three rates
  const pts = (dir: 'anodicPeak' | 'cathodicPeak') => thick.map((c, k) => ({ scanRateVPerS: rates[k] * 1e-3, peakCurrentA: (c[dir] as NonNullable<CvCycle['anodicPeak']>).correctedCurrentA }));
  for (const dir of ['anodicPeak', 'cathodicPeak'] as const) {
    const p = pts(dir);
    const b = Math.log(Math.abs(p[2].peakCurrentA / p[0].peakCurrentA)) / Math.log(p[2].scanRateVPerS / p[0].scanRateVPerS);
    console.log(`${dir}: b ≈ ${b.toFixed(3)} (end points)`);
    assert.ok(b > 0.5 && b < 1, `${dir} b = ${b}`);
  }
});
