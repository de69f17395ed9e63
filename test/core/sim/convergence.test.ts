/**
 * Convergence at design order. Space: the Marquis2019 1C voltage at t = 1800 s and 3600 s on 10, 20, 40
 * cells per domain against 160 (same shells), error should fall ≈ 4× per halving (second-order finite
 * volumes). Time: the same voltages at BDF tolerances 1e-3 … 1e-6 against 1e-9 fall with the tolerance.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Simulation } from '../../../src/core/sim/simulate.js';
import { parseExperiment } from '../../../src/core/sim/experiment.js';
import { marquis2019 } from '../../../src/core/sim/presets/marquis2019.js';

const p = marquis2019();
const steps = parseExperiment('Discharge at 1C for 1 hour', { oneCAPerM2: 24, areaM2: p.areaM2 });
const times = [1800, 3600];

function voltages(cells: number, rtol: number): number[] {
  const r = new Simulation(p, { cells: [cells, cells, cells], shells: 10, rtol, suppressAlgebraic: false, outputTimesS: times }).run(steps);
  assert.equal(r.stopReason, '');
  return times.map((t) => r.voltage_V[r.time_s.indexOf(t)]);
}

function maxErr(a: number[], b: number[]): number {
  return Math.max(...a.map((x, i) => Math.abs(x - b[i])));
}

test('spatial convergence in x is second order', () => {
  const ref = voltages(160, 1e-8);
  const e = [10, 20, 40].map((n) => maxErr(voltages(n, 1e-8), ref));
  console.log(`x-mesh voltage errors (10/20/40 cells vs 160): ${e.map((v) => (v * 1e3).toFixed(4) + ' mV').join(', ')}; ratios ${(e[0] / e[1]).toFixed(2)}, ${(e[1] / e[2]).toFixed(2)}`);
  assert.ok(e[0] / e[1] > 3 && e[1] / e[2] > 3, `ratios ${e[0] / e[1]}, ${e[1] / e[2]}`);
});

test('temporal error falls with the BDF tolerance', () => {
  const ref = voltages(10, 1e-9);
  const e = [1e-3, 1e-4, 1e-5, 1e-6].map((tol) => maxErr(voltages(10, tol), ref));
  console.log(`time-integration voltage errors at rtol 1e-3…1e-6: ${e.map((v) => v.toExponential(2) + ' V').join(', ')}`);
  for (let k = 1; k < e.length; k++) assert.ok(e[k] < e[k - 1], `not decreasing: ${e}`);
  assert.ok(e[0] / e[3] > 100, `three decades of tolerance gave only ${e[0] / e[3]}× less error`);
});
