/**
 * The reduced band LU: elimination on the diagonal when that is stable, partial pivoting when a pivot
 * is tiny or elements grow, `false` (never NaN) for a singular matrix. Solutions are checked against a
 * known x (b = A·x built by hand from the band), and the P2D discharge against the always-pivoting LU.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BandMatrix } from '../../../src/core/numerics/band-matrix.js';
import { ReducedBandLu } from '../../../src/core/sim/reduced-band-lu.js';
import { P2DLinearSolver } from '../../../src/core/sim/p2d-linear-solver.js';
import { Simulation } from '../../../src/core/sim/simulate.js';
import { parseExperiment } from '../../../src/core/sim/experiment.js';
import { marquis2019 } from '../../../src/core/sim/presets/marquis2019.js';
import { assertClose } from '../../helpers/close.js';

/** Solves A·x = A·xTrue with a fresh LU of a copy of A and returns the largest |x − xTrue|. */
function solveError(a: BandMatrix, xTrue: Float64Array, alwaysPivot = false): { err: number; lu: ReducedBandLu; ok: boolean } {
  const b = new Float64Array(a.n);
  a.multiply(xTrue, b);
  const copy = new BandMatrix(a.n, a.kl, a.ku);
  copy.data.set(a.data);
  const lu = new ReducedBandLu(copy, alwaysPivot);
  const ok = lu.factor();
  if (!ok) return { err: NaN, lu, ok };
  lu.solve(b);
  let err = 0;
  for (let i = 0; i < a.n; i++) err = Math.max(err, Math.abs(b[i] - xTrue[i]));
  return { err, lu, ok };
}

/** A deterministic band matrix with entries of mixed sign; `diag` is added on the diagonal. */
function bandMatrix(n: number, kl: number, ku: number, diag: number): BandMatrix {
  const a = new BandMatrix(n, kl, ku);
  for (let i = 0; i < n; i++) {
    for (let j = Math.max(0, i - kl); j <= Math.min(n - 1, i + ku); j++) a.set(i, j, Math.sin(1.3 * i + 0.7 * j + 0.1));
    a.add(i, i, diag);
  }
  return a;
}

const xTrue = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => 1 + 0.5 * Math.cos(i));

test('a diagonally dominant band matrix is factored without interchanges and solved to rounding', () => {
  const a = bandMatrix(30, 3, 2, 8);
  const r = solveError(a, xTrue(30));
  assert.ok(r.ok);
  assert.equal(r.lu.pivotedFactorisations, 0);
  assert.equal(r.lu.rowSwaps, 0);
  assert.ok(r.err < 1e-13, `error ${r.err}`);
  const p = solveError(a, xTrue(30), true);
  assert.ok(p.err < 1e-13, `always-pivoting error ${p.err}`);
});

test('a zero diagonal pivot falls back to partial pivoting and still solves', () => {
  const a = bandMatrix(20, 2, 2, 0);
  a.set(0, 0, 0); // A[0,0] = 0: elimination on the diagonal cannot start
  const r = solveError(a, xTrue(20));
  assert.ok(r.ok);
  assert.equal(r.lu.pivotedFactorisations, 1);
  assert.ok(r.lu.rowSwaps > 0);
  assert.ok(r.err < 1e-10, `error ${r.err}`);
});

test('element growth triggers the fallback: [[1e-8, 1], [1, 1]] is solved to rounding, not to 8 digits', () => {
  // Without interchanges U[1,1] = 1 − 1e8 and x[0] loses about eight digits; pivoting avoids that.
  const a = new BandMatrix(2, 1, 1);
  a.set(0, 0, 1e-8);
  a.set(0, 1, 1);
  a.set(1, 0, 1);
  a.set(1, 1, 1);
  const r = solveError(a, Float64Array.of(1, 2));
  assert.ok(r.ok);
  assert.equal(r.lu.pivotedFactorisations, 1);
  assert.equal(r.lu.rowSwaps, 1);
  assert.ok(r.err < 1e-14, `error ${r.err}`);
});

test('a singular or non-finite matrix makes factor() return false', () => {
  const a = bandMatrix(10, 2, 2, 5);
  for (let i = 0; i < 10; i++) if (a.inBand(i, 4)) a.set(i, 4, 0); // column 4 all zero
  assert.equal(new ReducedBandLu(a).factor(), false);
  const b = bandMatrix(10, 2, 2, 5);
  b.set(3, 3, NaN);
  assert.equal(new ReducedBandLu(b).factor(), false);
});

test('Marquis2019 1C: no interchanges, and the same voltages as the always-pivoting LU within 1 µV', () => {
  const p = marquis2019();
  const steps = parseExperiment('Discharge at 1C for 1 hour or until 3.105 V', { oneCAPerM2: p.oneCAPerM2, areaM2: p.areaM2 });
  let diag: P2DLinearSolver | undefined;
  const a = new Simulation(p, { cells: [20, 20, 20], shells: 20, linearSolverFactory: (m) => (diag = new P2DLinearSolver(m, m.layout)) }).run(steps);
  const b = new Simulation(p, { cells: [20, 20, 20], shells: 20, linearSolverFactory: (m) => new P2DLinearSolver(m, m.layout, true) }).run(steps);
  assert.ok(diag);
  assert.ok(diag.setups > 0);
  assert.equal(diag.pivotedFactorisations, 0);
  assert.equal(diag.rowSwaps, 0);
  assert.equal(a.stopReason, b.stopReason);
  assert.equal(a.time_s.length, b.time_s.length);
  for (let k = 0; k < a.time_s.length; k++) assertClose(a.voltage_V[k], b.voltage_V[k], { abs: 1e-6 }, `V at t=${a.time_s[k]}`);
});
