import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BdfSolver } from '../../../src/core/numerics/bdf.js';
import { SolverError } from '../../../src/core/errors.js';
import { assertClose } from '../../helpers/close.js';
import { robertson, trigDae, trigExact, trigExactDerivative } from './dae-test-problems.js';

// Published output of the SUNDIALS example idaRoberts_dns (rtol = 1e-4, atol = 1e-8, 1e-6, 1e-6):
// examples/ida/serial/idaRoberts_dns.out in LLNL/sundials.
const IDA_ROBERTS: [number, number, number, number][] = [
  [4e-1, 9.8517e-1, 3.3864e-5, 1.4794e-2],
  [4e0, 9.0553e-1, 2.2406e-5, 9.4452e-2],
  [4e1, 7.1579e-1, 9.1838e-6, 2.842e-1],
  [4e2, 4.5044e-1, 3.2218e-6, 5.4956e-1],
  [4e3, 1.832e-1, 8.9444e-7, 8.168e-1],
  [4e4, 3.8992e-2, 1.6221e-7, 9.6101e-1],
  [4e5, 4.9369e-3, 1.9842e-8, 9.9506e-1],
  [4e6, 5.1674e-4, 2.0684e-9, 9.9948e-1],
  [4e7, 5.2009e-5, 2.0805e-10, 9.9995e-1],
  [4e8, 5.2012e-6, 2.0805e-11, 9.9999e-1],
];
// High-accuracy reference at t = 1e11 from the "Test Set for IVP Solvers" (Mazzia & Magherini,
// Univ. Bari, release 2.4, problem ROBER).
const ROBER_1E11 = [0.2083340149701255e-7, 0.8333360770334713e-13, 0.999999979166505];

test('Robertson DAE at IDA example tolerances reproduces the published idaRoberts_dns output', () => {
  const s = new BdfSolver(robertson(), { rtol: 1e-4, atol: new Float64Array([1e-8, 1e-6, 1e-6]) });
  s.init(0, [1, 0, 0], [-0.04, 0.04, 0]);
  for (const [t, y1, y2, y3] of IDA_ROBERTS) {
    assert.equal(s.solveTo(t), 'reached');
    assert.equal(s.t, t);
    // Both solvers carry errors ~ rtol·y + atol (global errors a few times that); 5 printed digits.
    assertClose(s.y[0], y1, { rel: 2e-3, abs: 5e-8 }, `y1(${t})`);
    // y2 ≈ 4e-6·y1 once quasi-steady, so it inherits y1's atol-level error (4e-6 × 5e-8).
    assertClose(s.y[1], y2, { rel: 2e-3, abs: 2e-13 }, `y2(${t})`);
    assertClose(s.y[2], y3, { rel: 2e-3, abs: 2e-5 }, `y3(${t})`);
    // The algebraic constraint holds to rounding at every output (interpolated) time.
    assert.ok(Math.abs(s.y[0] + s.y[1] + s.y[2] - 1) < 1e-12, `conservation at t=${t}: ${s.y[0] + s.y[1] + s.y[2] - 1}`);
  }
  // Work comparable to IDA's published run (362 steps, 537 residuals, 60 Jacobians to 4e10).
  assert.ok(s.stats.steps < 500, `steps ${s.stats.steps}`);
});

test('Robertson DAE at tight tolerance agrees with the IVP test-set reference at t = 1e11 to 5e-8', () => {
  const s = new BdfSolver(robertson(), { rtol: 1e-10, atol: new Float64Array([1e-16, 1e-22, 1e-12]) });
  s.init(0, [1, 0, 0], [-0.04, 0.04, 0]);
  let worstConservation = 0;
  for (let t = 0.4; t <= 4e10; t *= 10) {
    assert.equal(s.solveTo(t), 'reached');
    worstConservation = Math.max(worstConservation, Math.abs(s.y[0] + s.y[1] + s.y[2] - 1));
  }
  assert.equal(s.solveTo(1e11), 'reached');
  // Measured: relative error 1.2e-8 in y1 and y2 with rtol = 1e-10 (global error ≈ 100·rtol).
  assertClose(s.y[0], ROBER_1E11[0], { rel: 5e-8 }, 'y1(1e11)');
  assertClose(s.y[1], ROBER_1E11[1], { rel: 5e-8 }, 'y2(1e11)');
  // The reference y3 (from the ODE form) differs from 1 − y1 − y2 by 1.0e-14; our y3 obeys the constraint.
  assertClose(s.y[2], ROBER_1E11[2], { abs: 2e-14 }, 'y3(1e11)');
  assert.ok(worstConservation < 1e-12, `y1 + y2 + y3 − 1 reached ${worstConservation}`);
});

test('closed-form DAE: errors shrink with the tolerance and stay near it', () => {
  const errs: number[] = [];
  for (const tol of [1e-4, 1e-6, 1e-8, 1e-10]) {
    const s = new BdfSolver(trigDae(), { rtol: tol, atol: tol });
    const y0 = trigExact(0);
    s.init(0, y0, trigExactDerivative(0));
    let err = 0;
    for (let k = 1; k <= 20; k++) {
      const t = 0.5 * k;
      assert.equal(s.solveTo(t), 'reached');
      const ex = trigExact(t);
      for (let i = 0; i < 3; i++) err = Math.max(err, Math.abs(s.y[i] - ex[i]));
    }
    errs.push(err);
    // Global error within a modest multiple of the tolerance: the local error per step is controlled,
    // and over 10 time units it accumulates (measured ≈ 100·tol at tol = 1e-10, less at looser ones).
    assert.ok(err < 200 * tol, `tol ${tol}: max error ${err}`);
  }
  for (let i = 1; i < errs.length; i++) assert.ok(errs[i] < errs[i - 1] / 10, `errors ${errs.join(', ')} must fall ≥10× per 100× tolerance`);
});

test('a solution that blows up (y′ = y², y(0) = 1, pole at t = 1) stops with a clear reason, never NaN', () => {
  const s = new BdfSolver(
    {
      n: 1,
      differential: new Uint8Array([1]),
      lowerBandwidth: 0,
      upperBandwidth: 0,
      residual(_t, y, yp, r) {
        r[0] = yp[0] - y[0] * y[0];
      },
      jacobian(_t, y, _yp, cj, J) {
        J.set(0, 0, cj - 2 * y[0]);
      },
    },
    { rtol: 1e-6, atol: 1e-9 },
  );
  s.init(0, [1], [1]);
  const status = s.solveTo(2);
  assert.equal(status, 'failed');
  assert.ok(s.stopReason === 'step size collapse' || s.stopReason === 'too many steps', `reason ${s.stopReason}`);
  // The pole of the numerical solution sits within ~rtol·(number of steps) of t = 1: the solver follows
  // y = 1/(T − t) until the step falls below the resolution of t there.
  assert.ok(Math.abs(s.t - 1) < 1e-4, `stopped at t = ${s.t}, at the pole`);
  assert.ok(Number.isFinite(s.y[0]) && Number.isFinite(s.yp[0]), 'state is finite');
  assert.ok(s.y[0] > 1e6, `y = ${s.y[0]} has blown up`);
  // On the way, the numerical solution matched 1/(1 − t) (checked at t = 0.9, y = 10).
  const s2 = new BdfSolver(s.problem, { rtol: 1e-6, atol: 1e-9 });
  s2.init(0, [1], [1]);
  assert.equal(s2.solveTo(0.9), 'reached');
  // Errors grow like y² on this unstable problem: 1.5e-4 relative measured at rtol = 1e-6.
  assertClose(s2.y[0], 10, { rel: 1e-3 }, 'y(0.9)');
  const e = s.error();
  assert.ok(e instanceof SolverError);
  assert.match(e.message, /at t = 0\.99/);
  // A failed solver stays failed until re-initialised.
  assert.equal(s.solveTo(3), 'failed');
});

test('fixed-step, fixed-order BDF1…5 converge at their order on the closed-form DAE (error ratio ≈ 2^p)', () => {
  // From an exact constant-step history (startFixed), integrate t ∈ [1, 3] with h = 0.05, 0.025, 0.0125.
  // Measured orders (log2 of successive error ratios, last pair): 0.999, 1.977, 3.004, 3.937, 5.011.
  for (let p = 1; p <= 5; p++) {
    const errs: number[] = [];
    for (const h of [0.05, 0.025, 0.0125]) {
      const s = new BdfSolver(trigDae(), { rtol: 1e-13, atol: 1e-13 }); // Newton converged to rounding
      const t0 = 1;
      const past = Array.from({ length: p + 1 }, (_, i) => trigExact(t0 - i * h));
      s.startFixed(t0, h, p, past, trigExactDerivative(t0));
      const steps = Math.round(2 / h);
      for (let i = 0; i < steps; i++) assert.equal(s.step(), 'step');
      assertClose(s.t, 3, { abs: 1e-12 }, 't after fixed steps');
      assert.equal(s.lastOrder, p);
      const ex = trigExact(s.t);
      errs.push(Math.max(Math.abs(s.y[0] - ex[0]), Math.abs(s.y[2] - ex[2])));
    }
    const order = Math.log2(errs[1] / errs[2]);
    assert.ok(Math.abs(order - p) < 0.15, `BDF${p}: measured order ${order.toFixed(3)} (errors ${errs.map((e) => e.toExponential(2)).join(', ')})`);
    assert.ok(Math.log2(errs[0] / errs[1]) > p - 0.4, `BDF${p}: first halving ratio`);
  }
});

test('non-finite residuals (a predictor leaving the domain) cut the step and the run recovers', () => {
  // y′ = −y with a residual that is NaN for y < 0.3 (like √c of a depleted concentration).
  // With loose tolerances the steps are long enough for predictors near t = 1.15 to undershoot 0.3.
  let nans = 0;
  const s = new BdfSolver(
    {
      n: 1,
      differential: new Uint8Array([1]),
      lowerBandwidth: 0,
      upperBandwidth: 0,
      residual(_t, y, yp, r) {
        const v = Math.sqrt(y[0] - 0.3) * 0 + yp[0] + y[0];
        if (Number.isNaN(v)) nans++;
        r[0] = v;
      },
      jacobian(_t, _y, _yp, cj, J) {
        J.set(0, 0, cj + 1);
      },
    },
    { rtol: 1e-2, atol: 1e-4 },
  );
  s.init(0, [1], [-1]);
  assert.equal(s.solveTo(1.15), 'reached');
  assert.ok(nans > 0, 'the test must actually produce NaN residuals');
  assert.ok(s.stats.convergenceFails > 0);
  assertClose(s.y[0], Math.exp(-1.15), { rel: 2e-2 }, 'y(1.15)');
});

test('a singular Jacobian from the linear solver cuts the step; the run recovers and stays accurate', () => {
  const prob = trigDae();
  const inner = new BdfSolver(prob).linearSolver; // a BandLinearSolver for the problem
  let calls = 0;
  const flaky = {
    setup(t: number, y: Float64Array, yp: Float64Array, cj: number): boolean {
      calls++;
      if (calls === 4 || calls === 5) return false; // reported singular twice in a row
      return inner.setup(t, y, yp, cj);
    },
    solve(b: Float64Array): void {
      inner.solve(b);
    },
  };
  const s = new BdfSolver({ ...prob, linearSolver: flaky }, { rtol: 1e-8, atol: 1e-10 });
  s.init(0, trigExact(0), trigExactDerivative(0));
  assert.equal(s.solveTo(3), 'reached');
  assert.ok(calls > 5 && s.stats.convergenceFails >= 2, `setups ${calls}, convergence failures ${s.stats.convergenceFails}`);
  const ex = trigExact(3);
  for (let i = 0; i < 3; i++) assertClose(s.y[i], ex[i], { abs: 1e-6 }, `y${i + 1}(3)`);
  // A solver whose matrix is always singular stops with a reason instead of looping.
  const dead = new BdfSolver({ ...prob, linearSolver: { setup: () => false, solve: () => undefined } }, { rtol: 1e-6 });
  dead.init(0, trigExact(0), trigExactDerivative(0));
  assert.equal(dead.solveTo(1), 'failed');
  assert.equal(dead.stopReason, 'step size collapse');
  assert.match(dead.stopMessage, /singular Jacobian/);
});

test('suppressAlgebraic leaves algebraic unknowns out of the error test (IDA option) and still solves Robertson', () => {
  const plain = new BdfSolver(robertson(), { rtol: 1e-6, atol: new Float64Array([1e-10, 1e-14, 1e-10]) });
  const supp = new BdfSolver(robertson(), { rtol: 1e-6, atol: new Float64Array([1e-10, 1e-14, 1e-10]), suppressAlgebraic: true });
  for (const s of [plain, supp]) {
    s.init(0, [1, 0, 0], [-0.04, 0.04, 0]);
    assert.equal(s.solveTo(4e5), 'reached');
    assertClose(s.y[0], 4.9369e-3, { rel: 2e-3 }, 'y1(4e5) vs idaRoberts_dns');
    assert.ok(Math.abs(s.y[0] + s.y[1] + s.y[2] - 1) < 1e-12);
  }
  // y3 is the largest component late on, so leaving it out of the test allows longer steps.
  assert.ok(supp.stats.steps <= plain.stats.steps, `steps: suppressed ${supp.stats.steps}, plain ${plain.stats.steps}`);
});

test('bad options are rejected with a message naming the option', () => {
  assert.throws(() => new BdfSolver(trigDae(), { rtol: -1 }), /rtol/);
  assert.throws(() => new BdfSolver(trigDae(), { atol: 0 }), /atol/);
  assert.throws(() => new BdfSolver(trigDae(), { atol: new Float64Array(2) }), /atol/);
  assert.throws(() => new BdfSolver(trigDae(), { maxOrder: 6 }), /maxOrder/);
  assert.throws(() => new BdfSolver(trigDae(), { maxStep: 0 }), /maxStep/);
  const s = new BdfSolver(trigDae());
  assert.throws(() => s.solveTo(1), /init/);
});

test('order selection: a smooth problem at tight tolerance climbs to order 5; maxOrder caps it and costs steps', () => {
  const run = (maxOrder: number): { maxUsed: number; steps: number; err: number } => {
    const s = new BdfSolver(trigDae(), { rtol: 1e-10, atol: 1e-10, maxOrder });
    s.init(0, trigExact(0), trigExactDerivative(0));
    s.setStopTime(10);
    let maxUsed = 0;
    for (;;) {
      const st = s.step();
      maxUsed = Math.max(maxUsed, s.lastOrder);
      if (st === 'tstop') break;
      assert.equal(st, 'step');
    }
    const ex = trigExact(10);
    return { maxUsed, steps: s.stats.steps, err: Math.max(...[0, 1, 2].map((i) => Math.abs(s.y[i] - ex[i]))) };
  };
  const five = run(5);
  const two = run(2);
  assert.equal(five.maxUsed, 5);
  assert.equal(two.maxUsed, 2);
  // Both are accurate (global error grows with the number of steps: measured 1.0e-9 vs 1.7e-7), but
  // order 2 needs many more steps at this tolerance (measured 502 vs 18 041 to t = 10).
  assert.ok(five.err < 1e-8 && two.err < 1e-6, `errors ${five.err}, ${two.err}`);
  assert.ok(two.steps > 3 * five.steps, `steps: order ≤ 5 ${five.steps}, order ≤ 2 ${two.steps}`);
});

test('maxSteps stops a crawling run with "too many steps" in both solveTo and step() modes', () => {
  const a = new BdfSolver(trigDae(), { rtol: 1e-10, atol: 1e-10, maxSteps: 50 });
  a.init(0, trigExact(0), trigExactDerivative(0));
  assert.equal(a.solveTo(100), 'failed');
  assert.equal(a.stopReason, 'too many steps');
  assert.ok(Number.isFinite(a.y[0]) && a.t > 0 && a.t < 100);
  const b = new BdfSolver(trigDae(), { rtol: 1e-10, atol: 1e-10, maxSteps: 50 });
  b.init(0, trigExact(0), trigExactDerivative(0));
  let n = 0;
  let st: string;
  while ((st = b.step()) === 'step') n++;
  assert.equal(st, 'failed');
  assert.equal(n, 50);
  assert.match(b.stopMessage, /too many steps/);
});

test('stiffness does not force small steps: y′ = −λ(y − cos t) for λ = 1e-2 … 1e6', () => {
  // Exact: y = (λ² cos t + λ sin t)/(λ² + 1) + (1 − λ²/(λ² + 1))·e^(−λt), y(0) = 1.
  const steps: number[] = [];
  for (let e = -2; e <= 6; e++) {
    const lam = 10 ** e;
    const s = new BdfSolver(
      {
        n: 1,
        differential: new Uint8Array([1]),
        lowerBandwidth: 0,
        upperBandwidth: 0,
        residual(t, y, yp, r) {
          r[0] = yp[0] + lam * (y[0] - Math.cos(t));
        },
        jacobian(_t, _y, _yp, cj, J) {
          J.set(0, 0, cj + lam);
        },
      },
      { rtol: 1e-7, atol: 1e-9 },
    );
    s.init(0, [1], [0]);
    assert.equal(s.solveTo(5), 'reached');
    const l2 = lam * lam;
    const exact = (l2 * Math.cos(5) + lam * Math.sin(5)) / (l2 + 1) + (1 - l2 / (l2 + 1)) * Math.exp(-lam * 5);
    // Measured errors 2e-11 … 6e-7 (largest for the slow, non-stiff rates).
    assert.ok(Math.abs(s.y[0] - exact) < 2e-6, `λ = ${lam}: error ${s.y[0] - exact}`);
    steps.push(s.stats.steps);
  }
  // An explicit method would need ~λ·5/2 = 2.5e6 steps at λ = 1e6; BDF needs as many as at λ = 1.
  assert.ok(steps[8] <= 2 * steps[2], `steps at λ = 1e6: ${steps[8]}, at λ = 1: ${steps[2]}`);
});

test('scaleStaleCorrections (IDA rescaling) still solves Robertson; conservation then holds to the Newton tolerance', () => {
  const s = new BdfSolver(robertson(), { rtol: 1e-4, atol: new Float64Array([1e-8, 1e-6, 1e-6]), scaleStaleCorrections: true });
  s.init(0, [1, 0, 0], [-0.04, 0.04, 0]);
  let worst = 0;
  for (const [t, y1, y2] of IDA_ROBERTS) {
    assert.equal(s.solveTo(t), 'reached');
    assertClose(s.y[0], y1, { rel: 2e-3, abs: 5e-8 }, `y1(${t})`);
    assertClose(s.y[1], y2, { rel: 2e-3, abs: 2e-13 }, `y2(${t})`);
    worst = Math.max(worst, Math.abs(s.y[0] + s.y[1] + s.y[2] - 1));
  }
  // Not rounding-exact any more, but far below the tolerances (measured ~1e-13 … 1e-11).
  assert.ok(worst < 1e-9, `y1 + y2 + y3 − 1 up to ${worst}`);
});

test('algebraicNewtonWeight: a looser Newton test on the algebraic unknown still reproduces idaRoberts_dns, conservation exact', () => {
  assert.throws(() => new BdfSolver(trigDae(), { algebraicNewtonWeight: 2 }), /algebraicNewtonWeight/);
  const atol = new Float64Array([1e-8, 1e-6, 1e-6]);
  const full = new BdfSolver(robertson(), { rtol: 1e-4, atol, suppressAlgebraic: true });
  const loose = new BdfSolver(robertson(), { rtol: 1e-4, atol, suppressAlgebraic: true, algebraicNewtonWeight: 0.1 });
  for (const s of [full, loose]) {
    s.init(0, [1, 0, 0], [-0.04, 0.04, 0]);
    for (const [t, y1, y2] of IDA_ROBERTS) {
      assert.equal(s.solveTo(t), 'reached');
      assertClose(s.y[0], y1, { rel: 2e-3, abs: 5e-8 }, `y1(${t})`);
      assertClose(s.y[1], y2, { rel: 2e-3, abs: 2e-13 }, `y2(${t})`);
      // y3 is algebraic here; the constraint row is linear, so every Newton iterate satisfies it to rounding.
      assert.ok(Math.abs(s.y[0] + s.y[1] + s.y[2] - 1) < 1e-12, `conservation at t=${t}`);
    }
  }
  console.log(`Robertson residual evaluations: weight 1 → ${full.stats.residualEvals}, weight 0.1 → ${loose.stats.residualEvals}`);
});
