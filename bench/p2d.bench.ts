/**
 * P2D benchmark: the Marquis2019 1C discharge (20 cells per domain, 20 shells, 1001 unknowns, to 1 h)
 * and a 54 mg/cm² Li-metal | NCM811 half cell at 3C (to its stop). Median ms over warm runs of the
 * solve alone (model and workspaces built once), unknowns, steps, Jacobian evaluations (= factorisations),
 * residual evaluations. Baseline measured in the same run: the same Marquis solve with the whole
 * node-ordered Jacobian in one band LU (numerics/band-lu.ts) instead of the structured Schur solver.
 * Memory: heap after 2000 more runs of one Simulation.
 */
import { Simulation, type SimulationResult } from '../src/core/sim/simulate.js';
import { parseExperiment } from '../src/core/sim/experiment.js';
import { marquis2019 } from '../src/core/sim/presets/marquis2019.js';
import { gao2025Ncm811 } from '../src/core/sim/presets/gao2025.js';
import type { P2DModel } from '../src/core/sim/p2d-model.js';
import { P2DLinearSolver, StructuredJacobian } from '../src/core/sim/p2d-linear-solver.js';
import { BandMatrix } from '../src/core/numerics/band-matrix.js';
import { factorBandMatrix, solveBandMatrix } from '../src/core/numerics/band-lu.js';
import type { DaeLinearSolver } from '../src/core/numerics/dae-problem.js';
import { loadavg } from 'node:os';
import { formatTiming, machineLine, ratioLine, timeIt } from './harness.js';

/** Baseline: scatter the structured Jacobian into one band matrix over all unknowns and band-LU it. */
class FullBandSolver implements DaeLinearSolver {
  private readonly J: StructuredJacobian;
  private readonly A: BandMatrix;
  private readonly piv: Int32Array;
  private readonly full: Int32Array;
  constructor(private readonly m: P2DModel) {
    const l = m.layout;
    this.J = new StructuredJacobian(l);
    this.full = new Int32Array(l.nred);
    for (let i = 0; i < l.nx; i++) {
      this.full[l.redCe[i]] = l.ce[i];
      this.full[l.redPhie[i]] = l.phie[i];
      if (l.hasSolid[i]) {
        this.full[l.redPhis[i]] = l.phis[i];
        this.full[l.redJ[i]] = l.jf[i];
      }
    }
    // bandwidth of the node-by-node ordering (CC mode: the I column only touches the last cell)
    let kb = 0;
    for (let i = 0; i + 1 < l.nx; i++) kb = Math.max(kb, l.phie[i + 1] - l.ce[i], l.phis[i] >= 0 && l.phis[i + 1] >= 0 ? l.phis[i + 1] - l.phis[i] : 0, l.jf[i] >= 0 ? l.cs0[i] + l.nr - 1 - l.jf[i] : 0);
    kb = Math.max(kb, l.current - l.phis[l.nx - 1]);
    this.A = new BandMatrix(m.n, kb, kb);
    this.piv = new Int32Array(m.n);
  }
  setup(t: number, y: Float64Array, yp: Float64Array, cj: number): boolean {
    const { J, A, full, m } = this;
    const l = m.layout;
    J.zero();
    m.assembleJacobian(t, y, yp, cj, J);
    A.zero();
    const b = J.band;
    for (let c = 0; c < l.nred; c++) {
      for (let r = Math.max(0, c - b.ku); r <= Math.min(l.nred - 1, c + b.kl); r++) {
        const v = b.data[b.index(r, c)];
        if (v !== 0) A.set(full[r], full[c], v);
      }
      if (J.u[c] !== 0) A.set(full[c], l.current, J.u[c]);
      if (J.w[c] !== 0) A.set(l.current, full[c], J.w[c]);
    }
    A.set(l.current, l.current, J.d);
    for (let i = 0; i < l.nx; i++) {
      if (!l.hasSolid[i]) continue;
      const o = l.cs0[i];
      for (let k = 0; k < l.nr; k++) {
        const q = i * l.nr + k;
        A.set(o + k, o + k, J.diag[q]);
        if (k > 0) A.set(o + k, o + k - 1, J.sub[q]);
        if (k < l.nr - 1) A.set(o + k, o + k + 1, J.sup[q]);
      }
      A.set(o + l.nr - 1, l.jf[i], J.pj[i]);
      A.set(l.jf[i], o + l.nr - 1, J.jc[i]);
    }
    return factorBandMatrix(A, this.piv) === 0;
  }
  solve(b: Float64Array): void {
    solveBandMatrix(this.A, this.piv, b);
  }
}

/**
 * Warm-up: V8 optimises the solver's hot loops only after many calls (interpreter → baseline →
 * TurboFan), so a handful of warm-up runs leaves the median on partly optimised code (9.2 ms instead of
 * ≈ 7.5 ms on the Marquis case). "Warm" here means ≥ 150 runs or ≥ 1.5 s of running first.
 */
function warm(fn: () => unknown): void {
  const t0 = performance.now();
  for (let k = 0; k < 150 || performance.now() - t0 < 1500; k++) fn();
}

/**
 * CPU time (user + system) per run, median over `runs`: on a machine shared with other jobs the wall
 * clock includes time spent waiting for a core; CPU time does not (it still includes cache effects).
 */
function cpuMedianMs(fn: () => unknown, runs: number): number {
  const t: number[] = [];
  for (let k = 0; k < runs; k++) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    t.push((c.user + c.system) / 1000);
  }
  t.sort((a, b) => a - b);
  return t[t.length >> 1];
}

/** CPU ms of each variant per run, the variants run in turn (machine load hits them alike). */
function interleavedCpuMs(variants: (() => unknown)[], runs: number): number[][] {
  const out = variants.map(() => [] as number[]);
  for (let k = 0; k < runs; k++) {
    for (let v = 0; v < variants.length; v++) {
      const c0 = process.cpuUsage();
      variants[v]();
      const c = process.cpuUsage(c0);
      out[v].push((c.user + c.system) / 1000);
    }
  }
  return out;
}

function line(label: string, r: SimulationResult): string {
  return `  ${label}: ${r.states} unknowns, ${r.stats.steps} steps, ${r.stats.jacobianSetups} Jacobian evaluations = factorisations, ${r.stats.residualEvals} residual evaluations, ${r.stats.newtonIters} Newton iterations; ${r.stopReason || 'completed'}`;
}

console.log(machineLine());
console.log(`load average (1 min) at start: ${loadavg()[0].toFixed(2)}`);
const runs = Number(process.env.P2D_BENCH_RUNS ?? 30);

const mq = marquis2019();
const mqSteps = parseExperiment('Discharge at 1C for 1 hour or until 3.105 V', { oneCAPerM2: mq.oneCAPerM2, areaM2: mq.areaM2 });
const simMq = new Simulation(mq, { cells: [20, 20, 20], shells: 20 });
let last = simMq.run(mqSteps);
warm(() => simMq.run(mqSteps));
const tMq = timeIt('Marquis2019 1C (structured Schur solver)', () => (last = simMq.run(mqSteps)), { runs, warmup: 3 });
console.log(formatTiming(tMq, `; CPU time median ${cpuMedianMs(() => simMq.run(mqSteps), runs).toFixed(3)} ms`));
console.log(line('Marquis2019 1C', last));

const simBand = new Simulation(mq, { cells: [20, 20, 20], shells: 20, linearSolverFactory: (m) => new FullBandSolver(m) });
let lastBand = simBand.run(mqSteps);
const tBand = timeIt('Marquis2019 1C (baseline: full band LU)', () => (lastBand = simBand.run(mqSteps)), { runs: Math.max(5, runs >> 2), warmup: 1 });
console.log(formatTiming(tBand, `; CPU time median ${cpuMedianMs(() => simBand.run(mqSteps), Math.max(5, runs >> 2)).toFixed(3)} ms`));
console.log(line('baseline', lastBand));
console.log('  ' + ratioLine(tMq, tBand));

// Reduced-band LU: always partial pivoting (the previous solver) vs diagonal-first with fallback, both
// through the same factory wrapper, runs interleaved so machine load hits both alike.
let lsPiv: P2DLinearSolver | undefined;
let lsDiag: P2DLinearSolver | undefined;
const simPiv = new Simulation(mq, { cells: [20, 20, 20], shells: 20, linearSolverFactory: (m) => (lsPiv = new P2DLinearSolver(m, m.layout, true)) });
const simDiag = new Simulation(mq, { cells: [20, 20, 20], shells: 20, linearSolverFactory: (m) => (lsDiag = new P2DLinearSolver(m, m.layout)) });
simPiv.run(mqSteps);
simDiag.run(mqSteps);
const swaps0 = [lsPiv?.rowSwaps ?? 0, lsDiag?.rowSwaps ?? 0];
const fact0 = [lsPiv?.setups ?? 0, lsDiag?.setups ?? 0];
const fallback0 = lsDiag?.pivotedFactorisations ?? 0;
simPiv.run(mqSteps);
simDiag.run(mqSteps);
const perRun = (k: number, a: number[], now: number | undefined): number => (now ?? 0) - a[k];
console.log(
  `  reduced-band LU, one run: partial pivoting ${perRun(0, swaps0, lsPiv?.rowSwaps)} row interchanges in ${perRun(0, fact0, lsPiv?.setups)} factorisations; ` +
    `diagonal-first ${perRun(1, swaps0, lsDiag?.rowSwaps)} interchanges, ${(lsDiag?.pivotedFactorisations ?? 0) - fallback0} fallbacks to pivoting in ${perRun(1, fact0, lsDiag?.setups)} factorisations`,
);
warm(() => {
  simPiv.run(mqSteps);
  simDiag.run(mqSteps);
});
const [cpuPiv, cpuDiag] = interleavedCpuMs([() => simPiv.run(mqSteps), () => simDiag.run(mqSteps)], runs);
const med = (a: number[]): number => a.slice().sort((x, y) => x - y)[a.length >> 1];
console.log(`  Marquis2019 1C CPU time median, ${runs} interleaved runs: partial pivoting ${med(cpuPiv).toFixed(3)} ms, diagonal-first ${med(cpuDiag).toFixed(3)} ms (${(med(cpuPiv) / med(cpuDiag)).toFixed(2)}×)`);

// OCP tables (tabulated-function.ts) vs the published fits evaluated directly, same run, interleaved.
const simExact = new Simulation(mq, { cells: [20, 20, 20], shells: 20, tabulateOcp: false });
warm(() => simExact.run(mqSteps));
const [cpuTab, cpuExact] = interleavedCpuMs([() => simMq.run(mqSteps), () => simExact.run(mqSteps)], runs);
console.log(`  Marquis2019 1C CPU time median, ${runs} interleaved runs: OCP fits evaluated directly ${med(cpuExact).toFixed(3)} ms, OCP tables ${med(cpuTab).toFixed(3)} ms (${(med(cpuExact) / med(cpuTab)).toFixed(2)}×)`);

const gao = gao2025Ncm811({ loadingMgPerCm2: 54, llzo: true });
const gaoSteps = parseExperiment('Discharge at 3C until 3.0 V', { oneCAPerM2: gao.oneCAPerM2, areaM2: gao.areaM2 });

// The WebAssembly kernels (the BDF's vector passes and the structured linear solve, bdf-kernels.ts; the
// default) vs the same algorithms in TypeScript, same run, interleaved, both cases.
for (const [label, params, steps] of [['Marquis2019 1C', mq, mqSteps], ['Li-metal 3C', gao, gaoSteps]] as const) {
  const wasm = new Simulation(params, { cells: [20, 20, 20], shells: 20 });
  const js = new Simulation(params, { cells: [20, 20, 20], shells: 20, kernels: 'js' });
  warm(() => {
    wasm.run(steps);
    js.run(steps);
  });
  const [cpuWasm, cpuJs] = interleavedCpuMs([() => wasm.run(steps), () => js.run(steps)], runs);
  console.log(`  ${label} CPU time median, ${runs} interleaved runs: kernels in TypeScript ${med(cpuJs).toFixed(3)} ms, in WebAssembly ${med(cpuWasm).toFixed(3)} ms (${(med(cpuJs) / med(cpuWasm)).toFixed(2)}×)`);
}
const simGao = new Simulation(gao, { cells: [20, 20, 20], shells: 20 });
let lastGao = simGao.run(gaoSteps);
warm(() => simGao.run(gaoSteps));
const tGao = timeIt('gao2025-ncm811-llzo 54 mg/cm² 3C (Li metal)', () => (lastGao = simGao.run(gaoSteps)), { runs, warmup: 3 });
console.log(formatTiming(tGao, `; CPU time median ${cpuMedianMs(() => simGao.run(gaoSteps), runs).toFixed(3)} ms`));
console.log(line('Li-metal 3C', lastGao));

// memory: heap after many more runs of the same Simulation (outputs are dropped each time)
const g = globalThis as { gc?: () => void };
g.gc?.();
const heap0 = process.memoryUsage().heapUsed;
const nMem = Number(process.env.P2D_BENCH_MEMORY_RUNS ?? 2000);
for (let k = 0; k < nMem; k++) simGao.run(gaoSteps);
g.gc?.();
const heap1 = process.memoryUsage().heapUsed;
console.log(`memory: heap ${(heap0 / 2 ** 20).toFixed(1)} MiB before, ${(heap1 / 2 ** 20).toFixed(1)} MiB after ${nMem} more Li-metal runs${g.gc ? '' : ' (run node with --expose-gc for a settled reading)'}`);

// Where a warm run's time goes: residual, linear-solver setup (assembly + factorisation), solves, event
// functions and the consistent initialisation are timed by wrapping them on a separate Simulation; the
// rest is the BDF's own vector passes (predictor, Newton updates, error test, history and weights) and the
// driver. The wrappers add ~0.1 µs per call.
function timeSplit(label: string, params: typeof mq, steps: typeof mqSteps): void {
  const sim = new Simulation(params, { cells: [20, 20, 20], shells: 20 });
  const m = sim.model;
  const ls = m.linearSolver;
  const spent = { residual: 0, setup: 0, solve: 0, events: 0 };
  const calls = { residual: 0, setup: 0, solve: 0, events: 0 };
  const residual = m.residual.bind(m);
  const setup = ls.setup.bind(ls);
  const solve = ls.solve.bind(ls);
  const events = m.events.bind(m);
  const timed = <A extends unknown[], R>(key: keyof typeof spent, f: (...a: A) => R) => (...a: A): R => {
    const t0 = performance.now();
    const r = f(...a);
    spent[key] += performance.now() - t0;
    calls[key]++;
    return r;
  };
  m.residual = timed('residual', residual);
  ls.setup = timed('setup', setup);
  ls.solve = timed('solve', solve);
  m.events = timed('events', events);
  warm(() => sim.run(steps));
  for (const k of Object.keys(spent) as (keyof typeof spent)[]) spent[k] = calls[k] = 0;
  const n = Math.max(50, runs);
  const t0 = performance.now();
  for (let k = 0; k < n; k++) sim.run(steps);
  const total = (performance.now() - t0) / n;
  let inner = 0;
  const parts = (Object.keys(spent) as (keyof typeof spent)[]).map((k) => {
    inner += spent[k] / n;
    return `${k} ${(spent[k] / n).toFixed(2)} ms (${((100 * spent[k]) / n / total).toFixed(0)} %, ${(calls[k] / n).toFixed(0)} × ${((1000 * spent[k]) / calls[k]).toFixed(1)} µs)`;
  });
  console.log(`time split, ${label}: ${total.toFixed(2)} ms per run (wall, warm): ${parts.join('; ')}; BDF vector passes + driver ${(total - inner).toFixed(2)} ms (${((100 * (total - inner)) / total).toFixed(0)} %)`);
}
timeSplit('Marquis2019 1C', mq, mqSteps);
timeSplit('Li-metal 3C', gao, gaoSteps);
