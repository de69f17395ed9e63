/**
 * DAE solver benchmark: Robertson (stiff, 3 unknowns, t to 4e10) and heat equations with algebraic
 * boundary unknowns, n = 1000, in 1D (bandwidth 1) and 2D (40×25 grid, bandwidth 25). Prints median ms,
 * steps and factorisations; baselines measured in the same run: the finite-difference band Jacobian
 * against the analytic one, and a dense LU against the band LU on the wide problem's matrix.
 * Memory: heap after 10 000 reuses of one solver versus after the first 100.
 */
import { BdfSolver, type BdfOptions } from '../src/core/numerics/bdf.js';
import type { DaeProblem } from '../src/core/numerics/dae-problem.js';
import { BandMatrix } from '../src/core/numerics/band-matrix.js';
import { bandFactor, bandSolve, denseFactor, denseSolve } from '../src/core/numerics/band-lu.js';
import { formatTiming, machineLine, ratioLine, timeIt } from './harness.js';
import { robertson } from '../test/core/numerics/dae-test-problems.js';


/**
 * Heat equation u_t = Δu on the unit square (or segment) with u = 0 on the boundary, boundary
 * unknowns algebraic (0 = u_b) as in the SUNDIALS idaHeat2D_bnd example; mx × my nodes ordered
 * row by row, so the band is mx wide (or 1 in 1D, my = 1).
 */
function heat(mx: number, my: number, withJacobian: boolean): DaeProblem {
  const n = mx * my;
  const dx = 1 / (mx - 1);
  const dy = my > 1 ? 1 / (my - 1) : 1;
  const cx = 1 / (dx * dx);
  const cy = my > 1 ? 1 / (dy * dy) : 0;
  const differential = new Uint8Array(n);
  const boundary = (i: number, j: number): boolean => i === 0 || i === mx - 1 || (my > 1 && (j === 0 || j === my - 1));
  for (let j = 0; j < my; j++) for (let i = 0; i < mx; i++) differential[j * mx + i] = boundary(i, j) ? 0 : 1;
  const bw = my > 1 ? mx : 1;
  const p: DaeProblem = {
    n,
    differential,
    lowerBandwidth: bw,
    upperBandwidth: bw,
    residual(_t, u, up, r) {
      for (let j = 0; j < my; j++) {
        for (let i = 0; i < mx; i++) {
          const k = j * mx + i;
          if (differential[k] === 0) {
            r[k] = u[k];
            continue;
          }
          let lap = cx * (u[k - 1] - 2 * u[k] + u[k + 1]);
          if (my > 1) lap += cy * (u[k - mx] - 2 * u[k] + u[k + mx]);
          r[k] = up[k] - lap;
        }
      }
    },
  };
  if (withJacobian) {
    p.jacobian = (_t, _u, _up, cj, J) => {
      for (let j = 0; j < my; j++) {
        for (let i = 0; i < mx; i++) {
          const k = j * mx + i;
          if (differential[k] === 0) {
            J.set(k, k, 1);
            continue;
          }
          J.set(k, k, cj + 2 * cx + 2 * cy);
          J.set(k, k - 1, -cx);
          J.set(k, k + 1, -cx);
          if (my > 1) {
            J.set(k, k - mx, -cy);
            J.set(k, k + mx, -cy);
          }
        }
      }
    };
  }
  return p;
}

function heatInitial(mx: number, my: number): { u: Float64Array; up: Float64Array; decay: number } {
  // u = sin(πx)·sin(πy) on the nodes (zero on the boundary); the exact solution decays as e^(−λt).
  const n = mx * my;
  const u = new Float64Array(n);
  const up = new Float64Array(n);
  const dx = 1 / (mx - 1);
  const dy = my > 1 ? 1 / (my - 1) : 1;
  // Discrete Laplacian eigenvalue of this mode, so the semi-discrete solution is exactly e^(−λt)·u0.
  const lx = (4 / (dx * dx)) * Math.sin((Math.PI * dx) / 2) ** 2;
  const ly = my > 1 ? (4 / (dy * dy)) * Math.sin((Math.PI * dy) / 2) ** 2 : 0;
  for (let j = 0; j < my; j++) {
    for (let i = 0; i < mx; i++) {
      const k = j * mx + i;
      const v = Math.sin(Math.PI * i * dx) * (my > 1 ? Math.sin(Math.PI * j * dy) : 1);
      const b = i === 0 || i === mx - 1 || (my > 1 && (j === 0 || j === my - 1));
      u[k] = b ? 0 : v;
      up[k] = b ? 0 : -(lx + ly) * v;
    }
  }
  return { u, up, decay: lx + ly };
}

interface Case {
  name: string;
  problem: DaeProblem;
  options: BdfOptions;
  y0: Float64Array;
  yp0: Float64Array;
  tEnd: number;
  check: (y: Float64Array) => string;
}

function runCase(c: Case, runs: number): void {
  const s = new BdfSolver(c.problem, c.options);
  const once = (): number => {
    s.resetStats();
    s.init(0, c.y0, c.yp0);
    const st = s.solveTo(c.tEnd);
    if (st !== 'reached') throw new Error(`${c.name}: ${st} ${s.stopMessage}`);
    return s.y[0];
  };
  const t = timeIt(c.name, once, { runs, warmup: 2 });
  const st = s.stats;
  console.log(formatTiming(t, `| n=${c.problem.n}, steps ${st.steps}, residuals ${st.residualEvals}, factorisations ${st.jacobianSetups}, Newton ${st.newtonIters}, error-test fails ${st.errorTestFails}, conv fails ${st.convergenceFails} | ${c.check(s.y)}`));
}

console.log(machineLine());

// Robertson: IDA example tolerances and a tight run, to t = 4e10.
const rob = robertson();
const y0 = Float64Array.from([1, 0, 0]);
const yp0 = Float64Array.from([-0.04, 0.04, 0]);
runCase({ name: 'Robertson rtol 1e-4 (IDA example tol)', problem: rob, options: { rtol: 1e-4, atol: Float64Array.from([1e-8, 1e-6, 1e-6]) }, y0, yp0, tEnd: 4e10, check: (y) => `y1(4e10) = ${y[0].toExponential(4)}` }, 30);
runCase({ name: 'Robertson rtol 1e-8', problem: rob, options: { rtol: 1e-8, atol: Float64Array.from([1e-14, 1e-20, 1e-10]) }, y0, yp0, tEnd: 4e10, check: (y) => `y1(4e10) = ${y[0].toExponential(6)}` }, 20);

// Heat equations, n = 1000.
for (const [mx, my, label] of [
  [1000, 1, '1D heat n=1000 (band 1)'],
  [40, 25, '2D heat 40×25 n=1000 (band 40)'],
] as const) {
  const init = heatInitial(mx, my);
  const horizon = 1 / init.decay; // one e-folding time of the initial mode
  const check = (y: Float64Array): string => {
    const k = my > 1 ? Math.floor(my / 2) * mx + Math.floor(mx / 2) : Math.floor(mx / 2);
    const exact = init.u[k] * Math.exp(-init.decay * horizon);
    return `mid-node rel. error vs e^(−λt) ${(Math.abs(y[k] - exact) / exact).toExponential(2)}`;
  };
  const analytic: Case = { name: `${label}, analytic Jacobian`, problem: heat(mx, my, true), options: { rtol: 1e-6, atol: 1e-9 }, y0: init.u, yp0: init.up, tEnd: horizon, check };
  const fd: Case = { ...analytic, name: `${label}, finite-difference Jacobian (baseline)`, problem: heat(mx, my, false) };
  const runs = 15;
  const sA = new BdfSolver(analytic.problem, analytic.options);
  const sF = new BdfSolver(fd.problem, fd.options);
  const go = (s: BdfSolver) => (): number => {
    s.resetStats();
    s.init(0, init.u, init.up);
    if (s.solveTo(horizon) !== 'reached') throw new Error(s.stopMessage);
    return s.y[0];
  };
  const tA = timeIt(analytic.name, go(sA), { runs, warmup: 2 });
  const tF = timeIt(fd.name, go(sF), { runs, warmup: 2 });
  for (const [t, s] of [
    [tA, sA],
    [tF, sF],
  ] as const) {
    const st = s.stats;
    console.log(formatTiming(t, `| n=${s.n}, steps ${st.steps}, residuals ${st.residualEvals}, factorisations ${st.jacobianSetups}, Newton ${st.newtonIters} | ${check(s.y)}`));
  }
  console.log(ratioLine(tA, tF));
}

// Solver overhead per step: n = 1000 independent decays y′ = −λ_i·y with a model-owned diagonal
// "linear solver", so nearly all time is the BDF bookkeeping (predictor, Newton updates, error
// norms, history update) — the part a model cannot speed up.
{
  const n = 1000;
  const lam = Float64Array.from({ length: n }, (_, i) => 1 + i / n);
  let cjNow = 0;
  const diag: DaeProblem = {
    n,
    differential: new Uint8Array(n).fill(1),
    linearSolver: {
      setup(_t, _y, _yp, cj) {
        cjNow = cj;
        return true;
      },
      solve(b) {
        for (let i = 0; i < n; i++) b[i] /= cjNow + lam[i];
      },
    },
    residual(_t, y, yp, r) {
      for (let i = 0; i < n; i++) r[i] = yp[i] + lam[i] * y[i];
    },
  };
  const y0d = new Float64Array(n).fill(1);
  const yp0d = Float64Array.from(lam, (l) => -l);
  const s = new BdfSolver(diag, { rtol: 1e-6, atol: 1e-9 });
  const t = timeIt('diagonal n=1000 to t=10 (solver overhead)', () => {
    s.resetStats();
    s.init(0, y0d, yp0d);
    if (s.solveTo(10) !== 'reached') throw new Error(s.stopMessage);
    return s.y[0];
  }, { runs: 20 });
  const st = s.stats;
  console.log(formatTiming(t, `| n=${n}, steps ${st.steps}, residuals ${st.residualEvals}, setups ${st.jacobianSetups} | ${((t.medianMs * 1000) / st.steps).toFixed(1)} µs per step (min ${((t.minMs * 1000) / st.steps).toFixed(1)}) | y1(10) abs. error ${Math.abs(s.y[0] - Math.exp(-10)).toExponential(2)} (atol 1e-9)`));
}

// Kernel: band LU (kl = ku = 40) against dense LU on the same 1000×1000 matrix.
{
  const n = 1000;
  const kl = 40;
  const ku = 40;
  const A = new BandMatrix(n, kl, ku);
  let seed = 1;
  const rnd = (): number => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647 - 0.5;
  };
  for (let j = 0; j < n; j++) for (let i = Math.max(0, j - ku); i <= Math.min(n - 1, j + kl); i++) A.set(i, j, rnd() + (i === j ? 4 : 0));
  const work = new Float64Array(A.data.length);
  const dense = new Float64Array(n * n);
  const ipiv = new Int32Array(n);
  const b = new Float64Array(n);
  const tb = timeIt('band LU factor+solve n=1000 kl=ku=40', () => {
    work.set(A.data);
    bandFactor(n, kl, ku, work, 0, A.ldab, ipiv, 0);
    b.fill(1);
    bandSolve(n, kl, ku, work, 0, A.ldab, ipiv, 0, b, 0);
    return b[0];
  }, { runs: 20 });
  const td = timeIt('dense LU factor+solve n=1000 (baseline)', () => {
    dense.fill(0);
    for (let j = 0; j < n; j++) for (let i = Math.max(0, j - ku); i <= Math.min(n - 1, j + kl); i++) dense[i + j * n] = A.get(i, j);
    denseFactor(n, dense, 0, n, ipiv, 0);
    b.fill(1);
    denseSolve(n, dense, 0, n, ipiv, 0, b, 0);
    return b[0];
  }, { runs: 3, warmup: 1 });
  console.log(formatTiming(tb));
  console.log(formatTiming(td));
  console.log(ratioLine(tb, td));
}

// Memory: one solver reused for 10 000 Robertson runs (to t = 40) — heap must stay flat.
{
  const gc = (globalThis as { gc?: () => void }).gc;
  const s = new BdfSolver(rob, { rtol: 1e-6, atol: Float64Array.from([1e-10, 1e-14, 1e-8]) });
  const one = (): void => {
    s.init(0, y0, yp0);
    if (s.solveTo(40) !== 'reached') throw new Error(s.stopMessage);
  };
  for (let i = 0; i < 100; i++) one();
  gc?.();
  const h0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  for (let i = 0; i < 10000; i++) one();
  const ms = performance.now() - t0;
  gc?.();
  const h1 = process.memoryUsage().heapUsed;
  console.log(`memory: 10 000 reused Robertson runs (t to 40) in ${ms.toFixed(0)} ms; heap ${(h0 / 2 ** 20).toFixed(2)} MiB → ${(h1 / 2 ** 20).toFixed(2)} MiB (Δ ${((h1 - h0) / 1024).toFixed(1)} KiB)${gc ? '' : ' [run with --expose-gc for a clean measurement]'}`);
}
