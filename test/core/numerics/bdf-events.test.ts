import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BdfSolver } from '../../../src/core/numerics/bdf.js';
import type { DaeProblem } from '../../../src/core/numerics/dae-problem.js';
import { assertClose } from '../../helpers/close.js';
import { robertson, trigDae, trigExact, trigExactDerivative } from './dae-test-problems.js';

function decay(rate: { k: number }): DaeProblem {
  return {
    n: 1,
    differential: new Uint8Array([1]),
    lowerBandwidth: 0,
    upperBandwidth: 0,
    nEvents: 1,
    residual(_t, y, yp, r) {
      r[0] = yp[0] + rate.k * y[0];
    },
    jacobian(_t, _y, _yp, cj, J) {
      J.set(0, 0, cj + rate.k);
    },
    events(_t, y, _yp, g) {
      g[0] = y[0] - 0.5;
    },
  };
}

test('event y = 0.5 on y = exp(−t) is located at t = ln 2 within 1e-8', () => {
  const s = new BdfSolver(decay({ k: 1 }), { rtol: 1e-10, atol: 1e-12 });
  s.init(0, [1], [-1]);
  assert.equal(s.solveTo(5), 'event');
  assertClose(s.t, Math.LN2, { abs: 1e-8 }, 'event time'); // measured: 1.1e-10
  assertClose(s.y[0], 0.5, { abs: 1e-9 }, 'y at the event');
  assert.equal(s.eventIndex, 0);
  assert.equal(s.eventsFound[0], -1, 'falling through zero');
  // Continuing without a restart: the event does not fire again, and the solution stays right.
  assert.equal(s.solveTo(5), 'reached');
  assert.equal(s.eventIndex, -1);
  assertClose(s.y[0], Math.exp(-5), { rel: 1e-8 }, 'y(5)');
});

test('events with loose tolerances are still located on the interpolant, not at step ends', () => {
  const s = new BdfSolver(decay({ k: 1 }), { rtol: 1e-4, atol: 1e-8 });
  s.init(0, [1], [-1]);
  assert.equal(s.solveTo(5), 'event');
  // The root of the interpolant is refined to ~1e-10·t, so g = y − 0.5 vanishes there to that
  // level (|g′| ≈ 0.5), whatever the step; what remains in t is the solution's own error (~rtol).
  assert.ok(Math.abs(s.y[0] - 0.5) < 1e-9, `y at the event ${s.y[0]}`);
  assert.ok(Math.abs(s.t - Math.LN2) < 1e-3, `t = ${s.t}`);
  assert.ok(s.lastStep > 1e-2, `the event lies inside a long step (h = ${s.lastStep})`);
  assert.ok(s.stats.steps < 60, `steps ${s.stats.steps}`);
});

test('Robertson events (y1 = 1e-4, y3 = 0.01) match the published IDA example and converge with tolerance', () => {
  // idaRoberts_dns.out (rtol 1e-4): roots at t = 2.6402e-1 (g2, rising) and 2.0788e7 (g1, falling).
  const found: number[][] = [];
  for (const tol of [1e-4, 1e-6, 1e-8]) {
    const atol = new Float64Array([1e-8, 1e-6, 1e-6].map((v) => (v * tol) / 1e-4));
    const s = new BdfSolver(robertson(true), { rtol: tol, atol });
    s.init(0, [1, 0, 0], [-0.04, 0.04, 0]);
    const times: number[] = [];
    assert.equal(s.solveTo(4e10), 'event');
    assert.equal(s.eventIndex, 1);
    assert.deepEqual(Array.from(s.eventsFound), [0, 1]);
    assertClose(s.y[2], 0.01, { abs: 1e-12 }, 'y3 at its event');
    times.push(s.t);
    assert.equal(s.solveTo(4e10), 'event');
    assert.equal(s.eventIndex, 0);
    assert.deepEqual(Array.from(s.eventsFound), [-1, 0]);
    assertClose(s.y[0], 1e-4, { rel: 1e-9 }, 'y1 at its event');
    times.push(s.t);
    assert.equal(s.solveTo(4e10), 'reached');
    found.push(times);
  }
  // Published (5 digits, rtol 1e-4) vs ours at rtol 1e-4 and the tight-tolerance value.
  assertClose(found[0][0], 0.26402, { rel: 1e-4 }, 't(y3 = 0.01) at rtol 1e-4');
  assertClose(found[0][1], 2.0788e7, { rel: 2e-3 }, 't(y1 = 1e-4) at rtol 1e-4');
  // Converged values (rtol 1e-10, measured): 0.26401908, 2.0795497e7. Each run's error falls with tol.
  const ref = [0.26401908, 2.0795497e7];
  for (let q = 0; q < 2; q++) {
    const e = found.map((f) => Math.abs(f[q] / ref[q] - 1));
    assert.ok(e[2] < 1e-6 && e[1] < 2e-5 && e[0] < 2e-4, `event ${q}: relative errors ${e.join(', ')} at rtol 1e-4, 1e-6, 1e-8`);
  }
});

test('stop at an event, change the equations (discontinuity), reinit: restarts at order 1 and follows the new solution', () => {
  // y′ = −k·y; k = 1 until y = 0.5 (t = ln 2), then k = 3: y = 0.5·exp(−3(t − ln 2)).
  const rate = { k: 1 };
  const s = new BdfSolver(decay(rate), { rtol: 1e-9, atol: 1e-12 });
  s.init(0, [1], [-1]);
  assert.equal(s.solveTo(3), 'event');
  const tEvent = s.t;
  rate.k = 3;
  s.reinit(tEvent, [s.y[0]], [-3 * s.y[0]]);
  // The first step after the restart is a BDF1 step from the new state.
  assert.equal(s.step(), 'step');
  assert.equal(s.lastOrder, 1);
  // The event function starts at ~0 (y = 0.5) and moves away: it must not fire again.
  assert.equal(s.solveTo(3), 'reached');
  assertClose(s.y[0], 0.5 * Math.exp(-3 * (3 - Math.LN2)), { rel: 1e-7 }, 'y(3) after the switch');
});

test('CC → "load" switch on a DAE: reinit + calcIC makes the algebraic unknown and y′ consistent', () => {
  // y1′ = −u; mode A: 0 = u − 1 (constant current); mode B: 0 = u − 2·y1 (load), switch at y1 = 0.5.
  const mode = { b: false };
  const p: DaeProblem = {
    n: 2,
    differential: new Uint8Array([1, 0]),
    lowerBandwidth: 1,
    upperBandwidth: 1,
    nEvents: 1,
    residual(_t, y, yp, r) {
      r[0] = yp[0] + y[1];
      r[1] = mode.b ? y[1] - 2 * y[0] : y[1] - 1;
    },
    jacobian(_t, _y, _yp, cj, J) {
      J.set(0, 0, cj);
      J.set(0, 1, 1);
      if (mode.b) J.set(1, 0, -2);
      J.set(1, 1, 1);
    },
    events(_t, y, _yp, g) {
      g[0] = y[0] - 0.5;
    },
  };
  const s = new BdfSolver(p, { rtol: 1e-9, atol: 1e-12 });
  s.init(0, [1, 0], [0, 0]); // u and y1′ wrong on purpose
  assert.ok(s.calcIC(1));
  assertClose(s.y[1], 1, { abs: 1e-12 }, 'u after calcIC');
  assertClose(s.yp[0], -1, { abs: 1e-9 }, "y1' after calcIC");
  assert.equal(s.y[0], 1, 'differential y kept');
  assert.equal(s.solveTo(2), 'event');
  assertClose(s.t, 0.5, { abs: 1e-9 }, 'switch time');
  mode.b = true;
  // u = 1 would happen to be consistent with the new equation (2·0.5 = 1): restart from a spoiled u
  // and y1′ to check that calcIC repairs both.
  s.reinit(s.t, [s.y[0], 0.3], [-0.3, 0]);
  assert.ok(s.calcIC(2));
  assertClose(s.y[1], 1, { abs: 1e-10 }, 'u after the switch');
  assertClose(s.yp[0], -1, { abs: 1e-8 }, "y1' after the switch");
  assert.equal(s.solveTo(2), 'reached');
  assertClose(s.y[0], 0.5 * Math.exp(-2 * 1.5), { rel: 1e-7 }, 'y1(2)');
  assertClose(s.y[1], 2 * s.y[0], { rel: 1e-9 }, 'algebraic equation holds');
});

test('calcIC: nonlinear algebraic equation (u³ + u = y1) from a poor guess, with finite-difference Jacobian', () => {
  const s = new BdfSolver(
    {
      n: 2,
      differential: new Uint8Array([1, 0]),
      lowerBandwidth: 1,
      upperBandwidth: 1,
      residual(_t, y, yp, r) {
        r[0] = yp[0] + y[1];
        r[1] = y[1] ** 3 + y[1] - y[0];
      },
    },
    { rtol: 1e-8, atol: 1e-10 },
  );
  s.init(0, [10, 0], [0, 0]);
  assert.ok(s.calcIC(1), s.stopMessage);
  assertClose(s.y[1], 2, { abs: 1e-9 }, 'u: 2³ + 2 = 10');
  assertClose(s.yp[0], -2, { abs: 1e-8 }, "y1' = −u");
});

test('calcIC on the closed-form DAE recovers y2 = cos t and the derivatives', () => {
  const s = new BdfSolver(trigDae(), { rtol: 1e-8, atol: 1e-10 });
  const ex = trigExact(1);
  s.init(1, [ex[0], 7, ex[2]], [0, 0, 0]);
  assert.ok(s.calcIC(2));
  const dex = trigExactDerivative(1);
  assertClose(s.y[1], ex[1], { abs: 1e-12 });
  assertClose(s.yp[0], dex[0], { abs: 1e-8 });
  assertClose(s.yp[2], dex[2], { abs: 1e-8 });
});

test('tstop: no step goes past it; solveTo returns tstop there, and maxStep bounds every step', () => {
  const s = new BdfSolver(trigDae(), { rtol: 1e-6, atol: 1e-8, maxStep: 0.05 });
  s.init(0, trigExact(0), trigExactDerivative(0));
  s.setStopTime(1.2345);
  let last = 0;
  for (;;) {
    const st = s.step();
    assert.ok(s.tn <= 1.2345, `internal time ${s.tn} passed tstop`);
    assert.ok(s.lastStep <= 0.05 * (1 + 1e-12), `step ${s.lastStep} above maxStep`);
    if (st === 'tstop') break;
    assert.equal(st, 'step');
    assert.ok(s.t > last);
    last = s.t;
  }
  assert.equal(s.t, 1.2345);
  assert.equal(s.solveTo(5), 'tstop');
  assert.equal(s.t, 1.2345);
  assertClose(s.y[0], Math.sin(1.2345), { abs: 1e-5 });
});

test('reusing one solver for many runs keeps statistics per run identical (no state leaks between runs)', () => {
  const s = new BdfSolver(robertson(), { rtol: 1e-6, atol: 1e-10 });
  const runs: string[] = [];
  for (let i = 0; i < 3; i++) {
    s.resetStats();
    s.init(0, [1, 0, 0], [-0.04, 0.04, 0]);
    assert.equal(s.solveTo(1e3), 'reached');
    runs.push(`${s.stats.steps}/${s.stats.residualEvals}/${s.stats.jacobianSetups}/${s.y[0]}`);
  }
  assert.equal(runs[1], runs[0]);
  assert.equal(runs[2], runs[0]);
});

test('a jump in an algebraic unknown: stops at the jump with a clear reason, steps across with suppressAlgebraic, exact with tstop + reinit', () => {
  // y1′ = −y1 + u, 0 = u − (t > 1 ? 5 : 0); y1(0) = 1 → y1(3) = 5 + (e^(−1) − 5)·e^(−2).
  const p: DaeProblem = {
    n: 2,
    differential: new Uint8Array([1, 0]),
    lowerBandwidth: 1,
    upperBandwidth: 1,
    residual(t, y, yp, r) {
      r[0] = yp[0] + y[0] - y[1];
      r[1] = y[1] - (t > 1 ? 5 : 0);
    },
  };
  const exact = 5 + (Math.exp(-1) - 5) * Math.exp(-2);
  const strict = new BdfSolver(p, { rtol: 1e-6, atol: 1e-9 });
  strict.init(0, [1, 0], [-1, 0]);
  assert.equal(strict.solveTo(3), 'failed');
  assert.equal(strict.stopReason, 'step size collapse');
  assertClose(strict.t, 1, { abs: 1e-9 }, 'stopped at the jump');
  // the message names the time it stopped at (the jump, to rounding)
  const named = /at t = ([0-9.e+-]+)/.exec(strict.stopMessage);
  assert.ok(named, strict.stopMessage);
  assertClose(Number(named[1]), 1, { abs: 1e-9 }, 'time named in the message');
  assertClose(strict.y[0], Math.exp(-1), { rel: 1e-5 }, 'last good state');

  const lax = new BdfSolver(p, { rtol: 1e-6, atol: 1e-9, suppressAlgebraic: true });
  lax.init(0, [1, 0], [-1, 0]);
  assert.equal(lax.solveTo(3), 'reached');
  assertClose(lax.y[0], exact, { rel: 1e-5 }, 'y1(3) across the jump');

  const clean = new BdfSolver(p, { rtol: 1e-8, atol: 1e-10 });
  clean.init(0, [1, 0], [-1, 0]);
  clean.setStopTime(1);
  assert.equal(clean.solveTo(3), 'tstop');
  assert.equal(clean.t, 1);
  // Restart just after the jump (the equations use t > 1) and let calcIC find the new u and y1′.
  const tAfter = 1 + 1e-12;
  clean.reinit(tAfter, [clean.y[0], 0], [0, 0]);
  assert.ok(clean.calcIC(3));
  assertClose(clean.y[1], 5, { abs: 1e-9 }, 'u after the jump');
  assert.equal(clean.solveTo(3), 'reached');
  assertClose(clean.y[0], exact, { rel: 1e-7 }, 'y1(3) with a clean restart');
  assert.ok(clean.stats.errorTestFails < lax.stats.errorTestFails);
});

test('two events inside one step are reported in time order, each at its own root', () => {
  const p: DaeProblem = {
    n: 1,
    differential: new Uint8Array([1]),
    lowerBandwidth: 0,
    upperBandwidth: 0,
    nEvents: 2,
    residual(_t, y, yp, r) {
      r[0] = yp[0] + y[0];
    },
    events(_t, y, _yp, g) {
      g[0] = y[0] - 0.49; // later root: t = ln(1/0.49)
      g[1] = y[0] - 0.5; // earlier root: t = ln 2
    },
  };
  // Loose tolerance and no output times: steps are long enough to contain both roots.
  const s = new BdfSolver(p, { rtol: 1e-3, atol: 1e-6 });
  s.init(0, [1], [-1]);
  assert.equal(s.solveTo(10), 'event');
  assert.equal(s.eventIndex, 1);
  assert.deepEqual(Array.from(s.eventsFound), [0, -1]);
  const t1 = s.t;
  const steps1 = s.stats.steps;
  assertClose(s.y[0], 0.5, { abs: 1e-9 }, 'y at the first root (on the interpolant)');
  assert.equal(s.solveTo(10), 'event');
  assert.equal(s.eventIndex, 0);
  assertClose(s.y[0], 0.49, { abs: 1e-9 }, 'y at the second root');
  assert.ok(s.t > t1);
  assert.equal(s.stats.steps, steps1, 'both roots lie in the same internal step');
  // Root times are those of the numerical solution: within its error of the exact ones.
  assertClose(t1, Math.LN2, { abs: 2e-3 });
  assertClose(s.t, Math.log(1 / 0.49), { abs: 2e-3 });
  assert.equal(s.solveTo(10), 'reached');
});

test('calcIC that cannot succeed (no real solution) fails with a reason and leaves the state as found', () => {
  // 0 = u² + 1 has no real root: Newton cannot reduce the residual.
  const s = new BdfSolver(
    {
      n: 2,
      differential: new Uint8Array([1, 0]),
      lowerBandwidth: 1,
      upperBandwidth: 1,
      residual(_t, y, yp, r) {
        r[0] = yp[0] + y[1];
        r[1] = y[1] * y[1] + 1;
      },
    },
    { rtol: 1e-6, atol: 1e-9 },
  );
  s.init(0, [1, 0.5], [0, 0]);
  assert.equal(s.calcIC(1), false);
  assert.equal(s.stopReason, 'initial conditions');
  assert.match(s.stopMessage, /initial-condition|line search/);
  assert.equal(s.solveTo(1), 'failed');
  assert.deepEqual(Array.from(s.y), [1, 0.5]);
  assert.deepEqual(Array.from(s.yp), [0, 0]);
});
