import { test } from 'node:test';
import assert from 'node:assert/strict';
import { leastSquares } from '../../../src/core/numerics/least-squares.js';
import { SeededRandom } from '../../../src/core/numerics/seeded-random.js';
import { assertClose } from '../../helpers/close.js';

// NIST StRD nonlinear regression, Misra1a (lower difficulty): y = b1(1 − exp(−b2·x)).
// Certified values: https://www.itl.nist.gov/div898/strd/nls/data/misra1a.shtml
const MISRA_X = [77.6, 114.9, 141.1, 190.8, 239.9, 289.0, 332.8, 378.4, 434.8, 477.3, 536.8, 593.1, 689.1, 760.0];
const MISRA_Y = [10.07, 14.73, 17.94, 23.93, 29.61, 35.18, 40.02, 44.82, 50.76, 55.05, 61.01, 66.40, 75.47, 81.78];

function misraResiduals(p: Float64Array, r: Float64Array): void {
  for (let i = 0; i < MISRA_X.length; i++) r[i] = p[0] * (1 - Math.exp(-p[1] * MISRA_X[i])) - MISRA_Y[i];
}

test('NIST Misra1a from start 1 (500, 1e-4): certified parameters, standard errors and SSE', () => {
  for (const finiteDifference of ['forward', 'central'] as const) {
    const fit = leastSquares({ residuals: misraResiduals, residualCount: 14, initial: [500, 1e-4] }, { finiteDifference });
    assert.ok(fit.converged, fit.message);
    assertClose(fit.parameters[0], 2.3894212918e2, { rel: 1e-7 }, 'b1');
    assertClose(fit.parameters[1], 5.5015643181e-4, { rel: 1e-7 }, 'b2');
    assertClose(fit.sumSquares, 1.2455138894e-1, { rel: 1e-8 }, 'SSE');
    assertClose(fit.standardErrors[0], 2.7070075241, { rel: 1e-4 }, 'se(b1)');
    assertClose(fit.standardErrors[1], 7.2668688436e-6, { rel: 1e-4 }, 'se(b2)');
    assert.equal(fit.degreesOfFreedom, 12);
  }
});

test('NIST Misra1a with an analytic Jacobian and positive bounds gives the same certified answer', () => {
  const fit = leastSquares({
    residuals: misraResiduals,
    residualCount: 14,
    initial: [500, 1e-4],
    lower: [0, 0],
    jacobian: (p, J) => {
      for (let i = 0; i < 14; i++) {
        const e = Math.exp(-p[1] * MISRA_X[i]);
        J[i * 2] = 1 - e;
        J[i * 2 + 1] = p[0] * MISRA_X[i] * e;
      }
    },
  });
  assert.ok(fit.converged, fit.message);
  assertClose(fit.parameters[0], 2.3894212918e2, { rel: 1e-8 }, 'b1');
  assertClose(fit.parameters[1], 5.5015643181e-4, { rel: 1e-8 }, 'b2');
  // Bounds are inactive at the optimum, so the covariance is the unbounded one.
  assertClose(fit.standardErrors[0], 2.7070075241, { rel: 1e-6 }, 'se(b1)');
  assertClose(fit.standardErrors[1], 7.2668688436e-6, { rel: 1e-6 }, 'se(b2)');
  assert.equal(fit.atBound[0] + fit.atBound[1], 0);
});

test('Rosenbrock as residuals (10(y − x²), 1 − x) from (−1.2, 1) reaches (1, 1) with zero residual', () => {
  const fit = leastSquares({
    residuals: (p, r) => {
      r[0] = 10 * (p[1] - p[0] * p[0]);
      r[1] = 1 - p[0];
    },
    residualCount: 2,
    initial: [-1.2, 1],
  });
  assert.ok(fit.converged, fit.message);
  assertClose(fit.parameters[0], 1, { abs: 1e-8 }, 'x');
  assertClose(fit.parameters[1], 1, { abs: 1e-8 }, 'y');
  assert.ok(fit.sumSquares < 1e-20);
});

test('straight line y = a + b·t: LM equals the closed-form OLS estimate and its covariance σ²(XᵀX)⁻¹', () => {
  const rng = new SeededRandom(7);
  const t = Array.from({ length: 30 }, (_, i) => i * 0.5);
  const y = t.map((ti) => 2 - 0.3 * ti + 0.1 * rng.normal());
  const n = t.length;
  const st = t.reduce((a, b) => a + b, 0);
  const stt = t.reduce((a, b) => a + b * b, 0);
  const sy = y.reduce((a, b) => a + b, 0);
  const sty = t.reduce((a, ti, i) => a + ti * y[i], 0);
  const det = n * stt - st * st;
  const bHat = (n * sty - st * sy) / det;
  const aHat = (sy - bHat * st) / n;
  const sse = y.reduce((a, yi, i) => a + (yi - aHat - bHat * t[i]) ** 2, 0);
  const s2 = sse / (n - 2);
  const fit = leastSquares({
    residuals: (p, r) => { for (let i = 0; i < n; i++) r[i] = p[0] + p[1] * t[i] - y[i]; },
    residualCount: n,
    initial: [1, 1],
  });
  assert.ok(fit.converged, fit.message);
  assertClose(fit.parameters[0], aHat, { rel: 1e-9 }, 'a');
  assertClose(fit.parameters[1], bHat, { rel: 1e-9 }, 'b');
  assertClose(fit.standardErrors[0], Math.sqrt((s2 * stt) / det), { rel: 1e-6 }, 'se(a)');
  assertClose(fit.standardErrors[1], Math.sqrt((s2 * n) / det), { rel: 1e-6 }, 'se(b)');
  assertClose(fit.correlation![1], (-s2 * st) / det / Math.sqrt(((s2 * stt) / det) * ((s2 * n) / det)), { rel: 1e-6 }, 'corr(a,b)');
});

test('exponential decay with parameters of very different magnitude (1e-8 and 1e4) is scale invariant', () => {
  const t = Array.from({ length: 40 }, (_, i) => i * 2.5e-5);
  const A = 3.3e-8;
  const k = 1.7e4;
  const y = t.map((ti) => A * Math.exp(-k * ti));
  const fit = leastSquares({
    residuals: (p, r) => { for (let i = 0; i < t.length; i++) r[i] = p[0] * Math.exp(-p[1] * t[i]) - y[i]; },
    residualCount: t.length,
    initial: [1e-8, 5e3],
    lower: [0, 0],
  });
  assert.ok(fit.converged, fit.message);
  assertClose(fit.parameters[0], A, { rel: 1e-8 }, 'A');
  assertClose(fit.parameters[1], k, { rel: 1e-8 }, 'k');
});

test('bounded problem whose optimum sits on the bound: y rising, model a·exp(−k t) with k ≥ 0 → k = 0, a = mean(y)', () => {
  // Data grow with t, so the unconstrained optimum has k < 0. With k ≥ 0 the constrained optimum is
  // k = 0 and then a = mean(y) (the best constant). KKT: ∂S/∂k at (mean, 0) = −2a Σ t(a − y) > 0 pushes k down.
  const t = [0, 1, 2, 3, 4, 5];
  const y = t.map((ti) => 2 * Math.exp(0.1 * ti));
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  const fit = leastSquares({
    residuals: (p, r) => { for (let i = 0; i < t.length; i++) r[i] = p[0] * Math.exp(-p[1] * t[i]) - y[i]; },
    residualCount: t.length,
    initial: [1, 0.5],
    lower: [0, 0],
  });
  assert.ok(fit.converged, fit.message);
  assertClose(fit.parameters[1], 0, { abs: 1e-7 }, 'k');
  assertClose(fit.parameters[0], mean, { rel: 1e-6 }, 'a');
  assert.equal(fit.atBound[1], 1, 'k is reported on its bound');
  assert.equal(fit.atBound[0], 0);
  assert.ok(Number.isNaN(fit.standardErrors[1]), 'no standard error for a parameter on its bound');
  assert.match(fit.covarianceNote, /bound/);
  // a's error with k held at 0 is the standard error of a mean: s/√n.
  const s2 = y.reduce((acc, yi) => acc + (yi - mean) ** 2, 0) / (y.length - 2);
  assertClose(fit.standardErrors[0], Math.sqrt(s2 / y.length), { rel: 1e-4 }, 'se(a)');
});

test('two-sided bounds: the fit never leaves [lo, hi] and reaches an upper bound exactly', () => {
  let outside = 0;
  const fit = leastSquares({
    residuals: (p, r) => {
      if (p[0] < 0 || p[0] > 1) outside++;
      r[0] = p[0] - 3; // optimum 3 is outside [0, 1] → p = 1
      r[1] = 0.5 * (p[0] - 3);
    },
    residualCount: 2,
    initial: [0.2],
    lower: [0],
    upper: [1],
  });
  assert.ok(fit.converged, fit.message);
  assert.equal(outside, 0);
  assertClose(fit.parameters[0], 1, { abs: 1e-8 }, 'p');
  assert.equal(fit.atBound[0], 1);
});

test('fixed parameters keep their value and get no standard error', () => {
  const fit = leastSquares({
    residuals: misraResiduals,
    residualCount: 14,
    initial: [250, 5.5015643181e-4],
    fixed: [false, true],
  });
  assert.ok(fit.converged, fit.message);
  assert.equal(fit.parameters[1], 5.5015643181e-4);
  assertClose(fit.parameters[0], 2.3894212918e2, { rel: 1e-6 }, 'b1 with b2 at its certified value');
  assert.ok(Number.isNaN(fit.standardErrors[1]));
  assert.ok(fit.standardErrors[0] > 0);
});

test('a run that cannot converge says so and gives no covariance', () => {
  const fit = leastSquares({ residuals: misraResiduals, residualCount: 14, initial: [500, 1e-4] }, { maxIterations: 2 });
  assert.equal(fit.converged, false);
  assert.equal(fit.reason, 'maxIterations');
  assert.match(fit.message, /did not converge/);
  assert.equal(fit.covariance, null);
  assert.ok(Number.isNaN(fit.standardErrors[0]));
});

test('a residual function returning NaN stops with nonFiniteResidual', () => {
  const fit = leastSquares({
    residuals: (p, r) => { r[0] = Math.sqrt(p[0] - 10); r[1] = p[0]; },
    residualCount: 2,
    initial: [1],
  });
  assert.equal(fit.converged, false);
  assert.equal(fit.reason, 'nonFiniteResidual');
});

test('a model undefined beyond its optimum (p > 1) is differenced backwards there instead of failing', () => {
  // r = (0.1(1 − p)², 10(p − 1)) for p ≤ 1, NaN beyond: minimum 0 at p = 1, where a forward step leaves the domain.
  const fit = leastSquares({
    residuals: (p, r) => {
      r[0] = p[0] <= 1 ? 0.1 * (1 - p[0]) ** 2 : NaN;
      r[1] = 10 * (p[0] - 1);
    },
    residualCount: 2,
    initial: [0.5],
  });
  assert.ok(fit.converged, fit.message);
  assertClose(fit.parameters[0], 1, { abs: 1e-12 }, 'p');
});

test('multi-start finds the global minimum of a sinusoid frequency fit that a single start misses', () => {
  const t = Array.from({ length: 60 }, (_, i) => i * 0.1);
  const y = t.map((ti) => Math.sin(3 * ti));
  const problem = {
    residuals: (p: Float64Array, r: Float64Array) => { for (let i = 0; i < t.length; i++) r[i] = Math.sin(p[0] * t[i]) - y[i]; },
    residualCount: t.length,
    initial: [0.5],
    lower: [0.01],
  };
  const single = leastSquares(problem);
  assert.ok(Math.abs(single.parameters[0] - 3) > 0.1, 'the single start is trapped in a local minimum');
  const multi = leastSquares(problem, { multiStart: { starts: 20, seed: 3 } });
  assert.ok(multi.converged, multi.message);
  assertClose(multi.parameters[0], 3, { abs: 1e-8 }, 'omega');
  assert.equal(multi.startSumSquares.length, 20);
  assert.ok(multi.sumSquares < 1e-20);
});

test('malformed problems are rejected with a RangeError naming the parameter', () => {
  assert.throws(() => leastSquares({ residuals: misraResiduals, residualCount: 14, initial: [500, 1e-4], lower: [600, 0] }), /initial\[0\]/);
  assert.throws(() => leastSquares({ residuals: misraResiduals, residualCount: 14, initial: [500, 1e-4], lower: [0] }), /lower has length 1/);
});
