import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkBandJacobian, checkLinearSolver } from '../../../src/core/numerics/jacobian-check.js';
import { BandLinearSolver } from '../../../src/core/numerics/band-lu.js';
import type { DaeProblem } from '../../../src/core/numerics/dae-problem.js';
import { robertson } from './dae-test-problems.js';

const y = Float64Array.from([0.9, 3e-5, 0.09997]);
const yp = Float64Array.from([-0.03, 0.02, 0]);

test('checkBandJacobian: the Robertson Jacobian matches central differences', () => {
  const r = checkBandJacobian(robertson(), 0, y, yp, 25);
  assert.ok(r.maxRelError < 1e-7, `max relative error ${r.maxRelError} at (${r.row}, ${r.col})`);
});

test('checkBandJacobian: a wrong entry (∂F2/∂y3 off by 1 %) is found at its row and column', () => {
  const good = robertson();
  const bad: DaeProblem = {
    ...good,
    jacobian(t, yy, ypp, cj, J) {
      good.jacobian?.(t, yy, ypp, cj, J);
      J.set(1, 2, 1.01 * 1e4 * yy[1]);
    },
  };
  const r = checkBandJacobian(bad, 0, y, yp, 25);
  assert.equal(r.row, 1);
  assert.equal(r.col, 2);
  assert.ok(Math.abs(r.maxRelError - 0.01) < 1e-6, `relative error ${r.maxRelError}`);
});

test('checkBandJacobian: a dependence outside the declared band is reported', () => {
  const good = robertson();
  // Declared tridiagonal, but F3 = y1 + y2 + y3 − 1 uses y1 (and F1 uses y3): two apart.
  const narrow: DaeProblem = { ...good, lowerBandwidth: 1, upperBandwidth: 1 };
  const r = checkBandJacobian(narrow, 0, y, yp, 25);
  assert.equal(r.maxRelError, Infinity);
  assert.deepEqual([r.row, r.col], [2, 0]);
  assert.ok(Math.abs(r.finiteDifference - 1) < 1e-9, `∂F3/∂y1 = ${r.finiteDifference}`);
});

test('checkLinearSolver: J⁻¹(J·v) returns v for a correct solver and points at the bad column otherwise', () => {
  const good = robertson();
  const ok = checkLinearSolver(good, new BandLinearSolver(good), 0, y, yp, 25);
  assert.ok(ok.maxRelError < 1e-6, `good solver: ${ok.maxRelError}`);
  const bad: DaeProblem = {
    ...good,
    jacobian(t, yy, ypp, cj, J) {
      good.jacobian?.(t, yy, ypp, cj, J);
      J.set(0, 0, 2 * (cj + 0.04)); // column of y1 wrong
    },
  };
  const r = checkLinearSolver(bad, new BandLinearSolver(bad), 0, y, yp, 25);
  assert.ok(r.maxRelError > 1e-2, `bad solver: ${r.maxRelError}`);
});
