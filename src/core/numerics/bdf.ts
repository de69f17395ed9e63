/**
 * Variable-order (1–5), variable-step BDF solver for index-1 DAEs F(t, y, y′) = 0 (dae-problem.ts).
 *
 * Method — the fixed-leading-coefficient BDF in modified-divided-difference form used by DASSL and
 * SUNDIALS IDA, written here from its published description:
 *   K. E. Brenan, S. L. Campbell, L. R. Petzold, "Numerical Solution of Initial-Value Problems in
 *   Differential-Algebraic Equations", SIAM Classics 14, 1996, ch. 5 (DASSL: predictor, corrector,
 *   error estimates, step/order strategy);
 *   A. C. Hindmarsh et al., "SUNDIALS: Suite of nonlinear and differential/algebraic equation
 *   solvers", ACM TOMS 31 (2005) 363–396, and the IDA user guide's "Mathematical considerations"
 *   (Newton convergence test, cj-ratio rule, consistent initial conditions, root finding).
 *
 * History: phi[j] (j = 0 … k+1) holds the modified divided differences of y at the past points
 * (phi[0] = yₙ, phi[j] = ψ₀⋯ψⱼ₋₁·y[tₙ, …, tₙ₋ⱼ]; for a constant step phi[j] = ∇ʲyₙ). The predictor
 * is y⁽⁰⁾ = Σ phi[j], y′⁽⁰⁾ = Σ γⱼ phi[j]; the corrector solves F(tₙ₊₁, y, y′⁽⁰⁾ + cj (y − y⁽⁰⁾)) = 0
 * with cj = −αₛ/h, αₛ = −Σ₁ᵏ 1/j (the fixed leading coefficient), by modified Newton with
 * J = ∂F/∂y + cj ∂F/∂y′ factored once and reused over steps while cj stays within a factor
 * 0.6…1.67 of the cj it was factored with. By default, unlike IDA, we do not rescale the Newton
 * corrections by 2/(1 + cj/cj_old) when J is stale: that rescaling breaks linear algebraic constraints
 * (Robertson's y1 + y2 + y3 = 1 drifted to 1e-11; 2e-16 without it); option scaleStaleCorrections
 * turns it on (fewer factorisations on the P2D model). The local error
 * is estimated from the predictor-corrector difference; orders k−2 … k+1 are compared to pick the
 * order, and the step follows r = (2·err + 1e-4)^(−1/(k+1)), restricted to 0.5 ≤ r ≤ 0.9 or r = 2.
 * Dense output evaluates the interpolating polynomial of the last step from the same history.
 *
 * Usage (the P2D model, or any DaeProblem):
 *
 *   const solver = new BdfSolver(problem, { rtol: 1e-6, atol: 1e-9, maxStep: 60, maxOrder: 5 });
 *   solver.init(0, y0, yp0);              // y0: differential parts right; yp0: a guess
 *   solver.calcIC(3600);                  // make algebraic y and differential y′ consistent
 *   solver.setStopTime(3600);             // never step past a discontinuity
 *   for (const tout of outputTimes) {
 *     const s = solver.solveTo(tout);     // 'reached' | 'event' | 'tstop' | 'failed'
 *     // solver.t, solver.y, solver.yp: the solution at tout (or at the event / stop time)
 *     if (s === 'event') { const k = solver.eventIndex; … solver.reinit(solver.t, yNew, ypNew); solver.calcIC(); }
 *     if (s === 'failed') throw solver.error(); // SolverError: "step size collapse at t = …"
 *   }
 *   solver.stats; // steps, residual evaluations, Jacobian setups, Newton iterations, failures
 *
 * Or `solver.step()` to get every internal step (solver.t, solver.y, solver.yp after each; returns
 * 'step' | 'event' | 'tstop' | 'failed'), and `solver.interpolate(t, yOut, ypOut)` for dense output
 * anywhere in the last step [tn − lastStep, tn] (e.g. output times between internal steps).
 * Events: the problem's `events(t, y, yp, out)` with `nEvents` functions; a sign change of g_k
 * between steps is refined on the interpolant (Illinois) to |Δt| ≤ 1e-10·|t| + 1e-14·|h|; the solver
 * reports the earliest root: `eventIndex` (first k, −1 when none), `eventsFound[k]` (+1 rising,
 * −1 falling, 0), with t/y/yp at the root (just past it: g has its new sign there). Continuing without
 * reinit is allowed (the event does not fire again); after a discontinuity call reinit (order 1, new
 * Jacobian, history discarded) and, if algebraic unknowns or y′ changed, calcIC.
 * Failures never return NaN: 'failed' with stopReason ('step size collapse' — h below the resolution
 * of t, or 10 error-test / Newton failures in a row, the message says which —, 'too many steps',
 * 'initial conditions', …) and stopMessage naming t; `error()` wraps them in a SolverError.
 * Jacobian reuse: a factorisation is kept across steps while cj/cj_factored stays in
 * [(1−x)/(1+x), (1+x)/(1−x)], x = cjRatioTol = 0.25, and renewed after any Newton failure.
 * Testing aid: `startFixed(t0, h, order, pastY, yp0)` runs fixed-step, fixed-order BDF (for order
 * studies). Statistics accumulate over init/reinit; `resetStats()` zeroes them.
 * All work arrays are allocated in the constructor; `solveTo`, `step`, `interpolate` allocate nothing.
 * Only forward integration (tout > t) is supported.
 */
import { SolverError } from '../errors.js';
import { BandLinearSolver } from './band-lu.js';
import { BdfKernels, type BdfKernelFunctions } from './bdf-kernels.js';
import type { DaeLinearSolver, DaeProblem } from './dae-problem.js';

export interface BdfOptions {
  /** Relative tolerance (default 1e-6). */
  rtol?: number;
  /** Absolute tolerance, scalar or per component (default 1e-9). Must be > 0. */
  atol?: number | Float64Array;
  /** Largest step allowed (default Infinity). */
  maxStep?: number;
  /** Highest BDF order, 1…5 (default 5). */
  maxOrder?: number;
  /** First step after init/reinit; default from the output horizon and ‖y′‖ (IDA's rule). */
  initialStep?: number;
  /**
   * Internal steps allowed per solveTo call, and per (re)start in step() mode, before stopping with
   * 'too many steps' (default 100 000): a guard against runs that crawl without failing.
   */
  maxSteps?: number;
  /** Leave algebraic components out of the local error test (IDA's suppressalg). Default false. */
  suppressAlgebraic?: boolean;
  /** Newton iterations per attempt (default 4). */
  maxNewtonIters?: number;
  /** Newton convergence: rate/(1−rate)·‖δ‖ ≤ newtonTol in the weighted RMS norm (default 0.33). */
  newtonTol?: number;
  /** Refactor when |cj/cj_factored − 1| leaves the window (1−x)/(1+x) … (1+x)/(1−x) (default x = 0.25). */
  cjRatioTol?: number;
  /**
   * IDA's rescaling of Newton corrections by 2/(1 + cj/cj_factored) while the factorisation is stale
   * (default false). It saves iterations and factorisations when ∂F/∂y′ dominates (P2D at rtol 1e-4:
   * 119 vs 141 steps, 23 vs 36 factorisations) but breaks linear algebraic invariants at the level of
   * the Newton tolerance (Robertson's y1 + y2 + y3 = 1: 1e-11 instead of 2e-16).
   */
  scaleStaleCorrections?: boolean;
  /**
   * Factor (0…1, default 1) on the error weights of algebraic components (differential[i] = 0) in the
   * Newton convergence test only.
   */
  algebraicNewtonWeight?: number;
  /** Error-test failures (resp. Newton failures) in one step before giving up (default 10 each). */
  maxErrorTestFails?: number;
  maxConvFails?: number;
  /**
   * Constructor only. 'wasm' (default): the per-step vector passes run in WebAssembly with SIMD
   * (bdf-kernels.ts) where available, else in TypeScript; 'js': always TypeScript.
   */
  kernels?: 'wasm' | 'js';
}

export type SolveStatus = 'reached' | 'event' | 'tstop' | 'failed';
export type StepStatus = 'step' | 'event' | 'tstop' | 'failed';

export interface BdfStats {
  steps: number;
  residualEvals: number;
  /** Linear-solver setups = Jacobian evaluations + factorisations. */
  jacobianSetups: number;
  newtonIters: number;
  errorTestFails: number;
  convergenceFails: number;
  eventEvals: number;
}

const MAX_ORDER = 5;
const EPS = 2.220446049250313e-16;

export class BdfSolver {
  readonly n: number;
  readonly problem: DaeProblem;
  readonly linearSolver: DaeLinearSolver;
  readonly stats: BdfStats = { steps: 0, residualEvals: 0, jacobianSetups: 0, newtonIters: 0, errorTestFails: 0, convergenceFails: 0, eventEvals: 0 };

  /** Output: time and solution written by solveTo/step (tout, event time or last internal step). */
  t = 0;
  readonly y: Float64Array;
  readonly yp: Float64Array;
  /** Time of the last internal step (≥ t). */
  tn = 0;
  /** Order and step size used in the last step. */
  lastOrder = 0;
  lastStep = 0;
  /** After 'event': the first event function that changed sign, and all that did (±1 direction). */
  eventIndex = -1;
  readonly eventsFound: Int8Array;
  /** After 'failed': short reason ('step size collapse', 'too many steps', …) and a full message. */
  stopReason: string | null = null;
  stopMessage = '';

  // Options.
  private rtol: number;
  private readonly atol: Float64Array;
  private hmax: number;
  private maxOrd: number;
  private h0User: number;
  private maxSteps: number;
  private suppressAlg: boolean;
  private maxNewton: number;
  private epsNewt: number;
  private cjLow: number;
  private cjHigh: number;
  private maxNef: number;
  private scaleStale = false;
  private maxNcf: number;

  // History and coefficients.
  private readonly phi: Float64Array; // (MAX_ORDER + 2) rows of n
  private readonly psi = new Float64Array(MAX_ORDER + 2);
  private readonly alpha = new Float64Array(MAX_ORDER + 2);
  private readonly beta = new Float64Array(MAX_ORDER + 2);
  private readonly sigma = new Float64Array(MAX_ORDER + 2);
  private readonly gamma = new Float64Array(MAX_ORDER + 2);
  private k = 1;
  private kused = 0;
  private h = 0;
  private hused = 0;
  private ns = 0;
  private phase = 0;
  private nstRestart = 0;
  private cj = 0;
  private cjOld = 0; // cj of the current factorisation (0: none)
  private ck = 0;
  private ss = 20;
  private forceSetup = true;
  private tstop = Infinity;
  private knew = 1;
  private errK = 0;
  private errKm1 = 0;
  private errKm2 = 0;
  private fixedMode = false;

  // Work arrays.
  private readonly ewt: Float64Array;
  /** WebAssembly vector kernels (null: the TypeScript loops below), and their small argument arrays. */
  private readonly kernels: BdfKernelFunctions | null;
  private readonly kernelCoef: Float64Array;
  private readonly kernelOut: Float64Array;
  private readonly mask: Float64Array; // 1 for components in the error test, 0 otherwise
  private readonly newtonScale: Float64Array; // per-component factor on the error weight in the Newton test
  private algNewtonWeight = 1;
  private yy: Float64Array; // Newton iterate (swapped with yCur/ypCur when a step is accepted)
  private ypy: Float64Array;
  private readonly ee: Float64Array;
  private readonly delta: Float64Array;
  private readonly res: Float64Array;
  private yCur: Float64Array; // y, y′ at tn (corrected values of the last step)
  private ypCur: Float64Array;
  private noiseFloor = 0; // 100·ε·‖yₙ‖: Newton corrections below this are rounding noise

  // Events.
  private readonly nEv: number;
  private readonly gLo: Float64Array;
  private readonly gHi: Float64Array;
  private readonly gMid: Float64Array;
  private readonly gRoot: Float64Array;
  private readonly gHiWork: Float64Array;
  private readonly yRoot: Float64Array;
  private readonly ypRoot: Float64Array;
  private tLo = 0;
  private gLoValid = false;
  private rootPending = false;
  private recheckRoots = false;
  private tRoot = 0;
  private rootIndex = -1;
  private readonly rootDir: Int8Array;
  private started = false;
  private initialised = false;

  constructor(problem: DaeProblem, options: BdfOptions = {}) {
    const n = problem.n;
    if (!(Number.isInteger(n) && n > 0)) throw new RangeError(`BdfSolver: problem.n must be a positive integer, found ${n}`);
    if (problem.differential.length !== n) throw new RangeError(`BdfSolver: differential has ${problem.differential.length} entries, expected ${n}`);
    this.n = n;
    this.problem = problem;
    if (problem.linearSolver !== undefined) this.linearSolver = problem.linearSolver;
    else if (problem.lowerBandwidth !== undefined && problem.upperBandwidth !== undefined) this.linearSolver = new BandLinearSolver(problem);
    else throw new RangeError('BdfSolver: the problem needs a linearSolver or lowerBandwidth/upperBandwidth (with or without jacobian)');
    this.y = new Float64Array(n);
    this.yp = new Float64Array(n);
    // The arrays the vector kernels work on live in the kernels' memory when WebAssembly is used.
    const kernels = options.kernels === 'js' ? null : BdfKernels.create((MAX_ORDER + 2 + 10) * n + 14, 13);
    this.kernels = kernels === null ? null : kernels.fn;
    const f64 = (count: number): Float64Array => (kernels === null ? new Float64Array(count) : kernels.alloc(count));
    this.phi = f64((MAX_ORDER + 2) * n);
    this.ewt = f64(n);
    this.mask = f64(n);
    this.newtonScale = f64(n);
    this.yy = f64(n);
    this.ypy = f64(n);
    this.ee = f64(n);
    this.delta = new Float64Array(n);
    this.res = f64(n);
    this.yCur = f64(n);
    this.ypCur = f64(n);
    this.atol = f64(n);
    this.kernelCoef = f64(12);
    this.kernelOut = f64(3);
    const ne = problem.nEvents ?? 0;
    if (ne > 0 && problem.events === undefined) throw new RangeError('BdfSolver: nEvents > 0 but the problem has no events()');
    this.nEv = ne;
    this.gLo = new Float64Array(ne);
    this.gHi = new Float64Array(ne);
    this.gMid = new Float64Array(ne);
    this.gRoot = new Float64Array(ne);
    this.gHiWork = new Float64Array(ne);
    this.yRoot = new Float64Array(n);
    this.ypRoot = new Float64Array(n);
    this.eventsFound = new Int8Array(ne);
    this.rootDir = new Int8Array(ne);
    // Defaults, then the caller's options.
    this.rtol = 1e-6;
    this.hmax = Infinity;
    this.maxOrd = MAX_ORDER;
    this.h0User = 0;
    this.maxSteps = 100000;
    this.suppressAlg = false;
    this.maxNewton = 4;
    this.epsNewt = 0.33;
    this.cjLow = 0.6;
    this.cjHigh = 1 / 0.6;
    this.maxNef = 10;
    this.maxNcf = 10;
    this.atol.fill(1e-9);
    this.setOptions(options);
    if (this.linearSolver.useErrorWeights !== undefined) this.linearSolver.useErrorWeights(this.ewt);
  }

  /** Change options between runs (not allocation-free; call outside the time loop). */
  setOptions(o: BdfOptions): void {
    const bad = (name: string, expected: string, found: unknown): never => {
      throw new RangeError(`BdfSolver option '${name}': expected ${expected}, found ${String(found)}`);
    };
    if (o.rtol !== undefined) {
      if (!(o.rtol >= 0 && o.rtol < 1)) bad('rtol', 'a number in [0, 1)', o.rtol);
      this.rtol = o.rtol;
    }
    if (o.atol !== undefined) {
      if (typeof o.atol === 'number') {
        if (!(o.atol > 0 && Number.isFinite(o.atol))) bad('atol', 'a positive number', o.atol);
        this.atol.fill(o.atol);
      } else {
        if (o.atol.length !== this.n) bad('atol', `${this.n} entries`, o.atol.length);
        for (let i = 0; i < this.n; i++) if (!(o.atol[i] > 0 && Number.isFinite(o.atol[i]))) bad(`atol[${i}]`, 'a positive number', o.atol[i]);
        this.atol.set(o.atol);
      }
    }
    if (o.maxStep !== undefined) {
      if (!(o.maxStep > 0)) bad('maxStep', 'a positive number', o.maxStep);
      this.hmax = o.maxStep;
    }
    if (o.maxOrder !== undefined) {
      if (!(Number.isInteger(o.maxOrder) && o.maxOrder >= 1 && o.maxOrder <= MAX_ORDER)) bad('maxOrder', 'an integer 1…5', o.maxOrder);
      this.maxOrd = o.maxOrder;
    }
    if (o.initialStep !== undefined) {
      if (!(o.initialStep > 0)) bad('initialStep', 'a positive number', o.initialStep);
      this.h0User = o.initialStep;
    }
    if (o.maxSteps !== undefined) {
      if (!(Number.isInteger(o.maxSteps) && o.maxSteps > 0)) bad('maxSteps', 'a positive integer', o.maxSteps);
      this.maxSteps = o.maxSteps;
    }
    if (o.suppressAlgebraic !== undefined) this.suppressAlg = o.suppressAlgebraic;
    if (o.maxNewtonIters !== undefined) {
      if (!(Number.isInteger(o.maxNewtonIters) && o.maxNewtonIters >= 1)) bad('maxNewtonIters', 'a positive integer', o.maxNewtonIters);
      this.maxNewton = o.maxNewtonIters;
    }
    if (o.newtonTol !== undefined) {
      if (!(o.newtonTol > 0)) bad('newtonTol', 'a positive number', o.newtonTol);
      this.epsNewt = o.newtonTol;
    }
    if (o.cjRatioTol !== undefined) {
      if (!(o.cjRatioTol >= 0 && o.cjRatioTol < 1)) bad('cjRatioTol', 'a number in [0, 1)', o.cjRatioTol);
      this.cjLow = (1 - o.cjRatioTol) / (1 + o.cjRatioTol);
      this.cjHigh = 1 / this.cjLow;
    }
    if (o.scaleStaleCorrections !== undefined) this.scaleStale = o.scaleStaleCorrections;
    if (o.algebraicNewtonWeight !== undefined) {
      if (!(o.algebraicNewtonWeight >= 0 && o.algebraicNewtonWeight <= 1)) bad('algebraicNewtonWeight', 'a number in [0, 1]', o.algebraicNewtonWeight);
      this.algNewtonWeight = o.algebraicNewtonWeight;
    }
    if (o.maxErrorTestFails !== undefined) this.maxNef = o.maxErrorTestFails;
    if (o.maxConvFails !== undefined) this.maxNcf = o.maxConvFails;
    const d = this.problem.differential;
    for (let i = 0; i < this.n; i++) {
      this.mask[i] = this.suppressAlg && d[i] === 0 ? 0 : 1;
      this.newtonScale[i] = d[i] === 0 ? this.algNewtonWeight : 1;
    }
  }

  /** Start (or restart) at t with y and y′ (copied). Order 1, new Jacobian; statistics are kept. */
  init(t: number, y: ArrayLike<number>, yp: ArrayLike<number>): void {
    const n = this.n;
    if (y.length !== n || yp.length !== n) throw new RangeError(`BdfSolver.init: y and yp need ${n} entries, found ${y.length} and ${yp.length}`);
    for (let i = 0; i < n; i++) {
      this.yCur[i] = y[i];
      this.ypCur[i] = yp[i];
      this.y[i] = y[i];
      this.yp[i] = yp[i];
    }
    this.t = t;
    this.tn = t;
    this.tLo = t;
    this.gLoValid = false;
    this.rootPending = false;
    this.recheckRoots = false;
    this.eventIndex = -1;
    this.eventsFound.fill(0);
    this.stopReason = null;
    this.stopMessage = '';
    this.started = false;
    this.initialised = true;
    this.fixedMode = false;
    this.forceSetup = true;
    this.cjOld = 0;
    this.kused = 0;
    this.tstop = Infinity;
  }

  /**
   * Restart after a discontinuity (e.g. CC → CV: the model's equations changed): same as init, so
   * the history is discarded and integration resumes at order 1 with a fresh Jacobian. Any stop time
   * is cleared; set a new one with setStopTime.
   */
  reinit(t: number, y: ArrayLike<number>, yp: ArrayLike<number>): void {
    this.init(t, y, yp);
  }

  /** Steps will not pass tstop; solveTo returns 'tstop' there when tout lies beyond it. */
  setStopTime(tstop: number): void {
    if (!(tstop >= this.tn)) throw new RangeError(`BdfSolver.setStopTime: tstop ${tstop} is before the current time ${this.tn}`);
    this.tstop = tstop;
  }

  clearStopTime(): void {
    this.tstop = Infinity;
  }

  /** The event functions g at the last internal step (after step() returned 'step'; read only). */
  get eventValues(): Float64Array {
    return this.gLo;
  }

  /** A SolverError describing why the last run stopped (after 'failed'). */
  error(): SolverError {
    return new SolverError(this.stopReason ?? 'unknown', this.stopMessage || 'solver stopped');
  }

  resetStats(): void {
    const s = this.stats;
    s.steps = s.residualEvals = s.jacobianSetups = s.newtonIters = s.errorTestFails = s.convergenceFails = s.eventEvals = 0;
  }

  // ————————————————————————————————————————————— consistent initial conditions

  /**
   * IDA's 'YA_YDP_INIT': keep the differential components of y, and compute the algebraic components
   * of y and the derivatives y′ of the differential components so that F(t, y, y′) = 0.
   *
   * The unknowns z are (y_i for algebraic i, y′_i for differential i), so ∂F/∂z has the columns
   * ∂F/∂y_i (algebraic; ∂F/∂y′_i = 0 there) and ∂F/∂y′_i (differential). We reuse the ordinary
   * linear solver with a large cj = 1/h_ic: its matrix J = ∂F/∂y + cj·∂F/∂y′ has exactly the
   * algebraic columns and cj·(∂F/∂y′_i + ∂F/∂y_i/cj) for differential ones, so solving J·x = F gives
   * the correction Δy_i = x_i (algebraic) and Δy′_i = cj·x_i (differential), up to an O(1/cj) error
   * in the matrix that only slows convergence — the fixed point is F = 0 exactly. Newton iterations
   * (new Jacobian each) with a backtracking line search on ‖J⁻¹F‖ (Brown, Hindmarsh & Petzold,
   * SIAM J. Sci. Comput. 19 (1998) 1495). Convergence: weighted RMS of x ≤ 0.0033.
   *
   * `tout` gives the time scale for h_ic = 0.001·|tout − t| (else the initial step option or 1e-4).
   * Returns true on success; on failure restores y, y′ as found and sets stopReason ('initial
   * conditions') and stopMessage — the solver then reports 'failed' until init/reinit.
   */
  calcIC(tout?: number): boolean {
    if (!this.initialised) throw new RangeError('BdfSolver.calcIC: call init first');
    const n = this.n;
    const t = this.tn;
    const y = this.yCur;
    const yp = this.ypCur;
    const x = this.delta;
    const r = this.res;
    const yTry = this.yy;
    const ypTry = this.ypy;
    // Keep the starting point (in otherwise idle buffers) to restore it on failure.
    this.ee.set(y);
    this.yRoot.set(yp);
    this.computeWeights(y);
    let hic = this.h0User > 0 ? this.h0User : tout !== undefined && tout !== t ? 0.001 * Math.abs(tout - t) : 1e-4;
    let cj = 1 / hic;
    const tol = 0.01 * this.epsNewt;
    for (let iter = 0; iter < 20; iter++) {
      this.problem.residual(t, y, yp, r);
      this.stats.residualEvals++;
      if (!allFinite(r, n)) return this.icFail(`residual is not finite at the initial state (t = ${t})`);
      this.stats.jacobianSetups++;
      if (!this.linearSolver.setup(t, y, yp, cj)) {
        // A singular matrix at this cj may become regular at another (e.g. ∂F/∂y′ alone singular).
        hic *= 0.1;
        cj = 1 / hic;
        if (iter > 10) return this.icFail(`singular Jacobian while computing consistent initial conditions at t = ${t}`);
        continue;
      }
      this.cjOld = 0; // the factorisation does not belong to a BDF step
      for (let i = 0; i < n; i++) x[i] = r[i];
      this.linearSolver.solve(x);
      const norm0 = this.wrms(x, false);
      if (!Number.isFinite(norm0)) return this.icFail(`non-finite Newton correction in the initial-condition calculation at t = ${t}`);
      if (norm0 <= tol) {
        this.applyIcCorrection(y, yp, x, 1, cj, y, yp);
        this.finishIC();
        return true;
      }
      // Backtracking: accept the first λ = 1, ½, ¼, … that reduces ‖J⁻¹F‖.
      let lambda = 1;
      let accepted = false;
      for (let ls = 0; ls < 10; ls++) {
        this.applyIcCorrection(y, yp, x, lambda, cj, yTry, ypTry);
        this.problem.residual(t, yTry, ypTry, r);
        this.stats.residualEvals++;
        if (allFinite(r, n)) {
          this.linearSolver.solve(r);
          const norm1 = this.wrms(r, false);
          if (norm1 < norm0 || norm1 <= tol) {
            accepted = true;
            for (let i = 0; i < n; i++) {
              y[i] = yTry[i];
              yp[i] = ypTry[i];
            }
            if (norm1 <= tol) {
              this.finishIC();
              return true;
            }
            break;
          }
        }
        lambda *= 0.5;
      }
      if (!accepted) return this.icFail(`line search failed in the initial-condition calculation at t = ${t}`);
    }
    return this.icFail(`initial-condition Newton iteration did not converge in 20 iterations at t = ${t}`);
  }

  private applyIcCorrection(y: Float64Array, yp: Float64Array, x: Float64Array, lambda: number, cj: number, yOut: Float64Array, ypOut: Float64Array): void {
    const d = this.problem.differential;
    for (let i = 0; i < this.n; i++) {
      if (d[i] === 0) {
        yOut[i] = y[i] - lambda * x[i];
        ypOut[i] = yp[i];
      } else {
        yOut[i] = y[i];
        ypOut[i] = yp[i] - lambda * cj * x[i];
      }
    }
  }

  private finishIC(): void {
    this.y.set(this.yCur);
    this.yp.set(this.ypCur);
    this.t = this.tn;
    this.forceSetup = true;
    // The history (and the event baseline) must be rebuilt from the consistent state.
    this.started = false;
    this.gLoValid = false;
    this.rootPending = false;
    this.recheckRoots = false;
    this.kused = 0;
  }

  private icFail(msg: string): boolean {
    this.yCur.set(this.ee);
    this.ypCur.set(this.yRoot);
    this.stopReason = 'initial conditions';
    this.stopMessage = msg;
    return false;
  }

  // ————————————————————————————————————————————— stepping API

  /**
   * Integrate to tout (> current t). Returns 'reached' (solution interpolated at tout into t/y/yp),
   * 'event' (an event function changed sign first: t/y/yp at the root), 'tstop' (the stop time lies
   * before tout: t/y/yp at tstop) or 'failed' (stopReason/stopMessage say why; t/y/yp hold the last
   * good state). Never returns NaN in y.
   */
  solveTo(tout: number): SolveStatus {
    if (!this.initialised) throw new RangeError('BdfSolver.solveTo: call init first');
    if (this.stopReason !== null) return 'failed';
    if (!(tout >= this.t)) throw new RangeError(`BdfSolver.solveTo: tout ${tout} is before the current time ${this.t}`);
    this.clearEventReport();
    if (!this.started && !this.start(tout)) return 'failed';
    let count = 0;
    for (;;) {
      if (this.recheckRoots) {
        this.recheckRoots = false;
        this.searchRoots();
      }
      if (this.rootPending && this.tRoot <= tout) return this.emitRoot() ? 'event' : 'failed';
      if (this.tn >= tout) {
        this.interpolate(tout, this.y, this.yp);
        this.t = tout;
        return 'reached';
      }
      if (this.tn >= this.tstop) {
        this.copyCurrent();
        return 'tstop';
      }
      if (++count > this.maxSteps) {
        this.fail('too many steps', `too many steps: ${this.maxSteps} internal steps without reaching t = ${tout} (stopped at t = ${this.tn})`);
        return 'failed';
      }
      if (!this.takeStep()) return 'failed';
      this.afterStep();
    }
  }

  /**
   * One internal step (or the report of a pending event). Returns 'step' (t/y/yp at the new tn),
   * 'event' (t/y/yp at the root), 'tstop' (the step ended on the stop time) or 'failed'.
   */
  step(): StepStatus {
    if (!this.initialised) throw new RangeError('BdfSolver.step: call init first');
    if (this.stopReason !== null) return 'failed';
    if (!this.started && !this.start(Number.NaN)) return 'failed';
    this.clearEventReport();
    if (this.recheckRoots) {
      this.recheckRoots = false;
      this.searchRoots();
    }
    if (this.rootPending) return this.emitRoot() ? 'event' : 'failed';
    if (this.tn >= this.tstop) {
      this.copyCurrent();
      return 'tstop';
    }
    if (this.nstRestart >= this.maxSteps) {
      this.fail('too many steps', `too many steps: ${this.maxSteps} internal steps since the last (re)start at t = ${this.tn} without an event or stop time`);
      return 'failed';
    }
    if (!this.takeStep()) return 'failed';
    this.afterStep();
    if (this.rootPending) return this.emitRoot() ? 'event' : 'failed';
    this.copyCurrent();
    return this.tn >= this.tstop ? 'tstop' : 'step';
  }

  /**
   * Dense output: y(t) and y′(t) from the interpolating polynomial of the last step, valid for
   * t in [tn − lastStep, tn] (and a little beyond, as extrapolation). Allocation-free.
   */
  interpolate(t: number, yOut: Float64Array, ypOut: Float64Array): void {
    const n = this.n;
    const phi = this.phi;
    if (t === this.tn || this.kused === 0) {
      for (let i = 0; i < n; i++) {
        yOut[i] = this.yCur[i];
        ypOut[i] = this.ypCur[i];
      }
      if (t === this.tn) return;
      for (let i = 0; i < n; i++) yOut[i] += (t - this.tn) * this.ypCur[i];
      return;
    }
    const psi = this.psi;
    const delt = t - this.tn;
    for (let i = 0; i < n; i++) {
      yOut[i] = phi[i];
      ypOut[i] = 0;
    }
    // y(t) = Σ c_j phi[j], c_0 = 1, c_j = c_{j−1}·(t − tₙ + ψ_{j−2})/ψ_{j−1}; d_j = c_j′.
    let c = 1;
    let dd = 0;
    let gam = delt / psi[0];
    for (let j = 1; j <= this.kused; j++) {
      dd = dd * gam + c / psi[j - 1];
      c = c * gam;
      gam = (delt + psi[j - 1]) / psi[j];
      const o = j * n;
      for (let i = 0; i < n; i++) {
        yOut[i] += c * phi[o + i];
        ypOut[i] += dd * phi[o + i];
      }
    }
  }

  /**
   * Testing aid for convergence-order studies: continue from an exact constant-step history with a
   * fixed order and step (no error control). pastY[i] = y(t0 − i·h) for i = 0 … order; the current
   * y′ is yp0. After this, step() takes steps of exactly h at order `order`.
   */
  startFixed(t0: number, h: number, order: number, pastY: ArrayLike<number>[], yp0: ArrayLike<number>): void {
    if (!(Number.isInteger(order) && order >= 1 && order <= MAX_ORDER)) throw new RangeError(`startFixed: order must be 1…5, found ${order}`);
    if (pastY.length < order + 1) throw new RangeError(`startFixed: need ${order + 1} past values, found ${pastY.length}`);
    this.init(t0, pastY[0], yp0);
    const n = this.n;
    const phi = this.phi;
    // Backward differences ∇ʲyₙ (= the modified divided differences for a constant step).
    const tmp = new Float64Array((order + 1) * n);
    for (let i = 0; i <= order; i++) for (let c = 0; c < n; c++) tmp[i * n + c] = pastY[i][c];
    for (let j = 0; j <= order; j++) {
      for (let c = 0; c < n; c++) phi[j * n + c] = tmp[c];
      for (let i = 0; i < order - j; i++) for (let c = 0; c < n; c++) tmp[i * n + c] -= tmp[(i + 1) * n + c];
    }
    for (let j = 0; j <= MAX_ORDER + 1; j++) this.psi[j] = (j + 1) * h;
    this.h = h;
    this.hused = h;
    this.k = order;
    this.kused = order;
    this.ns = order + 2;
    this.phase = 1;
    this.nstRestart = order + 2;
    this.fixedMode = true;
    this.started = true;
    this.computeWeights(this.yCur);
    this.maxOrd = Math.max(this.maxOrd, order);
    // Coefficients are recomputed on the first step (ns reset by the hused/kused comparison).
    this.ns = 0;
  }

  // ————————————————————————————————————————————— internals

  private start(tout: number): boolean {
    const n = this.n;
    const phi = this.phi;
    this.computeWeights(this.yCur);
    // Initial step (IDA): 0.001·|tout − t0|, limited so that ‖h·y′‖ ≤ 0.5, and by hmax and tstop.
    let h: number;
    if (this.h0User > 0) h = this.h0User;
    else {
      // Horizon: tout (solveTo) or tstop; with neither (step() mode) only the ‖h·y′‖ ≤ 0.5 bound
      // applies, and if y′ = 0 a small multiple of the time scale |t| (or 1).
      const horizon = Number.isFinite(tout) && tout > this.tn ? tout - this.tn : Number.isFinite(this.tstop) && this.tstop > this.tn ? this.tstop - this.tn : Infinity;
      h = 0.001 * horizon;
      const ypNorm = this.wrms(this.ypCur, this.suppressAlg) / 0.5;
      if (ypNorm * h > 1) h = 1 / ypNorm;
      if (h === Infinity) h = 1e-4 * Math.max(1, Math.abs(this.tn));
    }
    if (h > this.hmax) h = this.hmax;
    if (!(h > 0) || !Number.isFinite(h)) return this.fail('bad initial step', `cannot choose an initial step at t = ${this.tn} (h = ${h})`);
    for (let i = 0; i < n; i++) {
      phi[i] = this.yCur[i];
      phi[n + i] = h * this.ypCur[i];
    }
    this.h = h;
    this.hused = 0;
    this.k = 1;
    this.kused = 0;
    this.ns = 0;
    this.phase = 0;
    this.nstRestart = 0;
    this.psi[0] = h;
    this.cj = 1 / h;
    this.ss = 20;
    this.forceSetup = true;
    this.started = true;
    if (this.nEv > 0 && !this.gLoValid) {
      this.problem.events?.(this.tn, this.yCur, this.ypCur, this.gLo);
      this.stats.eventEvals++;
      this.tLo = this.tn;
      this.gLoValid = true;
    }
    return true;
  }

  /**
   * Error weights wᵢ = 1/(rtol·|yᵢ| + atolᵢ) from y, and the rounding-noise floor 100·ε·‖y‖. Called
   * after every step, so the reciprocals go in pairs — 1/a = b/(ab), 1/b = a/(ab): one division for two
   * (a division costs several multiplications);
   * the result differs from 1/a by at most 2 ulp, and a pair whose product is outside 1e±290
   * (overflow or underflow) is divided directly.
   */
  private computeWeights(y: Float64Array): void {
    const n = this.n;
    const rtol = this.rtol;
    const atol = this.atol;
    const w = this.ewt;
    if (this.kernels !== null && y.buffer === w.buffer) {
      const sum = this.kernels.weights(y.byteOffset, atol.byteOffset, w.byteOffset, n, rtol);
      this.noiseFloor = 100 * EPS * Math.sqrt(sum / n);
      return;
    }
    let sqa = 0;
    let sqb = 0;
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const v0 = y[i];
      const v1 = y[i + 1];
      const t0 = rtol * Math.abs(v0) + atol[i];
      const t1 = rtol * Math.abs(v1) + atol[i + 1];
      const p = t0 * t1;
      let w0: number;
      let w1: number;
      if (p > 1e-290 && p < 1e290) {
        const r = 1 / p;
        w0 = t1 * r;
        w1 = t0 * r;
      } else {
        w0 = 1 / t0;
        w1 = 1 / t1;
      }
      w[i] = w0;
      w[i + 1] = w1;
      const a0 = v0 * w0;
      const a1 = v1 * w1;
      sqa += a0 * a0;
      sqb += a1 * a1;
    }
    if (i < n) {
      const v0 = y[i];
      const w0 = 1 / (rtol * Math.abs(v0) + atol[i]);
      w[i] = w0;
      const a0 = v0 * w0;
      sqa += a0 * a0;
    }
    this.noiseFloor = 100 * EPS * Math.sqrt((sqa + sqb) / n);
  }

  /** Weighted RMS norm of v; `masked` leaves out components excluded from the error test. */
  private wrms(v: Float64Array, masked: boolean): number {
    const w = this.ewt;
    let s = 0;
    if (masked) {
      const m = this.mask;
      for (let i = 0; i < this.n; i++) {
        const a = v[i] * w[i] * m[i];
        s += a * a;
      }
    } else {
      for (let i = 0; i < this.n; i++) {
        const a = v[i] * w[i];
        s += a * a;
      }
    }
    return Math.sqrt(s / this.n);
  }

  /** BDF coefficients for the step h at order k (Brenan et al. §5.2), and rescaling of phi. */
  private setCoefficients(): void {
    const k = this.k;
    const h = this.h;
    const psi = this.psi;
    const alpha = this.alpha;
    const beta = this.beta;
    const sigma = this.sigma;
    const gamma = this.gamma;
    if (h !== this.hused || k !== this.kused) this.ns = 0;
    this.ns = Math.min(this.ns + 1, this.kused + 2);
    if (k + 1 >= this.ns) {
      beta[0] = 1;
      alpha[0] = 1;
      let temp1 = h;
      gamma[0] = 0;
      sigma[0] = 1;
      for (let i = 1; i <= k; i++) {
        const temp2 = psi[i - 1];
        psi[i - 1] = temp1;
        beta[i] = (beta[i - 1] * psi[i - 1]) / temp2;
        temp1 = temp2 + h;
        alpha[i] = h / temp1;
        sigma[i] = i * sigma[i - 1] * alpha[i];
        gamma[i] = gamma[i - 1] + alpha[i - 1] / h;
      }
      psi[k] = temp1;
    }
    let alphas = 0;
    let alpha0 = 0;
    for (let i = 0; i < k; i++) {
      alphas -= 1 / (i + 1);
      alpha0 -= alpha[i];
    }
    this.cj = -alphas / h;
    this.ck = Math.max(Math.abs(alpha[k] + alphas - alpha0), alpha[k]);
    // phi[j] for j ≥ ns is rescaled by beta[j] in predict() (one pass over the history).
  }

  /** Undo setCoefficients after a failed attempt. */
  private restore(): void {
    const n = this.n;
    const phi = this.phi;
    for (let j = this.ns; j <= this.k; j++) {
      const b = 1 / this.beta[j];
      const o = j * n;
      for (let i = 0; i < n; i++) phi[o + i] *= b;
    }
    for (let i = 1; i <= this.k; i++) this.psi[i - 1] = this.psi[i] - this.h;
  }

  /**
   * One pass over the history: rescale phi[j] (j ≥ ns) by beta[j] for the new step pattern (unless
   * `rescaled`, on a retry) and form the predictor y⁽⁰⁾, y′⁽⁰⁾ as the first Newton iterate in yy/ypy.
   */
  private predict(rescaled = false): void {
    const n = this.n;
    const k = this.k;
    const phi = this.phi;
    const beta = this.beta;
    const gamma = this.gamma;
    const yy = this.yy;
    const ypy = this.ypy;
    // Rows j ≥ first are rescaled by beta[j] for the new step pattern (none while h and k are
    // steady, none on a retry); the factor is 1 for the others, so one unrolled pass does both (the
    // rows are stored back either way: a separate no-rescale loop measured within 1 %).
    const first = rescaled ? k + 1 : this.ns;
    const b1 = first <= 1 ? beta[1] : 1;
    const b2 = first <= 2 ? beta[2] : 1;
    const b3 = first <= 3 ? beta[3] : 1;
    const b4 = first <= 4 ? beta[4] : 1;
    const b5 = first <= 5 ? beta[5] : 1;
    // y⁽⁰⁾ = Σ phi[j], y′⁽⁰⁾ = Σ γⱼ phi[j]: one pass, the sum unrolled by order (no inner loop).
    const g1 = gamma[1];
    const g2 = gamma[2];
    const g3 = gamma[3];
    const g4 = gamma[4];
    const g5 = gamma[5];
    const n2 = 2 * n;
    const n3 = 3 * n;
    const n4 = 4 * n;
    const n5 = 5 * n;
    if (this.kernels !== null) {
      const c = this.kernelCoef; // b[1…5] at 1…5, γ[1…5] at 7…11 (asm/bdf-kernels.ts)
      c[1] = b1;
      c[2] = b2;
      c[3] = b3;
      c[4] = b4;
      c[5] = b5;
      c[7] = g1;
      c[8] = g2;
      c[9] = g3;
      c[10] = g4;
      c[11] = g5;
      this.kernels.predict(phi.byteOffset, yy.byteOffset, ypy.byteOffset, c.byteOffset, n, k);
      return;
    }
    for (let i = 0; i < n; i++) {
      const p1 = phi[n + i] * b1;
      phi[n + i] = p1;
      let yv = phi[i] + p1;
      let ypv = g1 * p1;
      if (k >= 2) {
        const p2 = phi[n2 + i] * b2;
        phi[n2 + i] = p2;
        yv += p2;
        ypv += g2 * p2;
        if (k >= 3) {
          const p3 = phi[n3 + i] * b3;
          phi[n3 + i] = p3;
          yv += p3;
          ypv += g3 * p3;
          if (k >= 4) {
            const p4 = phi[n4 + i] * b4;
            phi[n4 + i] = p4;
            yv += p4;
            ypv += g4 * p4;
            if (k >= 5) {
              const p5 = phi[n5 + i] * b5;
              phi[n5 + i] = p5;
              yv += p5;
              ypv += g5 * p5;
            }
          }
        }
      }
      yy[i] = yv;
      ypy[i] = ypv;
    }
  }

  /**
   * Modified Newton on F(t, y⁽⁰⁾ + e, y′⁽⁰⁾ + cj·e) = 0 for the correction e (left in ee, with the
   * corrected values in yy/ypy, which predict() filled with y⁽⁰⁾, y′⁽⁰⁾). Returns 0 converged,
   * 1 failed (cut the step), 2 singular matrix.
   */
  private newton(tNew: number): number {
    const n = this.n;
    const yy = this.yy;
    const ypy = this.ypy;
    const ee = this.ee;
    const res = this.res;
    const del = res; // the residual is solved in place into the correction
    const cj = this.cj;
    let callSetup = this.forceSetup || this.cjOld === 0;
    if (!callSetup) {
      const ratio = cj / this.cjOld;
      if (ratio < this.cjLow || ratio > this.cjHigh) callSetup = true;
    }
    for (let attempt = 0; ; attempt++) {
      if (callSetup) {
        this.stats.jacobianSetups++;
        // J at the predictor (yy/ypy hold it before the first Newton update).
        const ok = this.linearSolver.setup(tNew, yy, ypy, cj);
        this.forceSetup = false;
        if (!ok) {
          this.cjOld = 0;
          return 2;
        }
        this.cjOld = cj;
        this.ss = 20;
      }
      if (attempt > 0) this.predict(true); // retry from the predictor (phi already rescaled)
      this.problem.residual(tNew, yy, ypy, res);
      this.stats.residualEvals++;
      const noiseFloor = this.noiseFloor;
      const w = this.ewt;
      const nsc = this.newtonScale;
      const scale = this.scaleStale ? 2 / (1 + cj / this.cjOld) : 1; // 1 when freshly factored
      let converged = false;
      let failed = false;
      let domain = false; // the residual itself was NaN/Inf: a new Jacobian would not help
      let oldNorm = 0;
      for (let m = 0; ; m++) {
        // Any NaN/Inf in F makes the sum non-finite (four partial sums: independent add chains).
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        let i4 = 0;
        for (; i4 + 3 < n; i4 += 4) {
          s0 += res[i4];
          s1 += res[i4 + 1];
          s2 += res[i4 + 2];
          s3 += res[i4 + 3];
        }
        for (; i4 < n; i4++) s0 += res[i4];
        const sum = s0 + s1 + s2 + s3;
        if (sum - sum !== 0) {
          domain = true;
          failed = true;
          break;
        }
        // Solve in place: del = res becomes the correction (times the stale-Jacobian scale).
        this.linearSolver.solve(del);
        this.stats.newtonIters++;
        // Update y, y′ and ee = Σ corrections = y − y⁽⁰⁾, and the weighted norm of the correction
        // (two partial sums: independent add chains).
        let sqa = 0;
        let sqb = 0;
        if (this.kernels !== null) {
          sqa = this.kernels.newtonUpdate(del.byteOffset, yy.byteOffset, ypy.byteOffset, ee.byteOffset, w.byteOffset, nsc.byteOffset, n, scale, cj, m === 0 ? 1 : 0);
        } else if (m === 0) {
          let i = 0;
          for (; i + 1 < n; i += 2) {
            const d0 = del[i] * scale;
            const d1 = del[i + 1] * scale;
            yy[i] -= d0;
            yy[i + 1] -= d1;
            ypy[i] -= cj * d0;
            ypy[i + 1] -= cj * d1;
            ee[i] = -d0;
            ee[i + 1] = -d1;
            const a0 = d0 * w[i] * nsc[i];
            const a1 = d1 * w[i + 1] * nsc[i + 1];
            sqa += a0 * a0;
            sqb += a1 * a1;
          }
          if (i < n) {
            const d0 = del[i] * scale;
            yy[i] -= d0;
            ypy[i] -= cj * d0;
            ee[i] = -d0;
            const a0 = d0 * w[i] * nsc[i];
            sqa += a0 * a0;
          }
        } else {
          for (let i = 0; i < n; i++) {
            const d = del[i] * scale;
            yy[i] -= d;
            ypy[i] -= cj * d;
            ee[i] -= d;
            const a = d * w[i] * nsc[i];
            sqa += a * a;
          }
        }
        const sq = sqa + sqb;
        const dn = Math.sqrt(sq / n); // weighted RMS norm of the correction
        if (!Number.isFinite(dn)) {
          failed = true;
          break;
        }
        if (dn <= noiseFloor) {
          converged = true;
          break;
        }
        if (m === 0) {
          oldNorm = dn;
          if (dn <= 1e-4 * this.epsNewt) {
            converged = true;
            break;
          }
        } else {
          const rate = Math.pow(dn / oldNorm, 1 / m);
          if (rate > 0.9) {
            failed = true;
            break;
          }
          this.ss = rate / (1 - rate);
        }
        if (this.ss * dn <= this.epsNewt) {
          converged = true;
          break;
        }
        if (m + 1 >= this.maxNewton) {
          failed = true;
          break;
        }
        this.problem.residual(tNew, yy, ypy, res);
        this.stats.residualEvals++;
      }
      if (converged && !failed) return 0; // finite: y⁽⁰⁾ and every correction were
      // Retry once with a fresh Jacobian if the one used was stale (unless F left its domain).
      if (!callSetup && !domain) {
        callSetup = true;
        continue;
      }
      return 1;
    }
  }

  /** Local error test and order estimates (Brenan et al. §5.4). Returns true if the step passes. */
  private errorTest(): boolean {
    const k = this.k;
    const n = this.n;
    const phi = this.phi;
    const sigma = this.sigma;
    const ee = this.ee;
    const w = this.ewt;
    const msk = this.mask;
    // One pass: ‖ee‖ (order k), ‖ee + phi[k]‖ (k−1: predicted without phi[k]) and
    // ‖ee + phi[k] + phi[k−1]‖ (k−2).
    const o1 = k * n;
    const o2 = (k - 1) * n;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    if (this.kernels !== null) {
      const out = this.kernelOut;
      this.kernels.errorSums(ee.byteOffset, phi.byteOffset, w.byteOffset, msk.byteOffset, n, k, out.byteOffset);
      s0 = out[0];
      s1 = out[1];
      s2 = out[2];
    } else if (k > 2) {
      for (let i = 0; i < n; i++) {
        const wi = w[i] * msk[i];
        const e0 = ee[i] * wi;
        const e1 = e0 + phi[o1 + i] * wi;
        const e2 = e1 + phi[o2 + i] * wi;
        s0 += e0 * e0;
        s1 += e1 * e1;
        s2 += e2 * e2;
      }
    } else if (k === 2) {
      for (let i = 0; i < n; i++) {
        const wi = w[i] * msk[i];
        const e0 = ee[i] * wi;
        const e1 = e0 + phi[o1 + i] * wi;
        s0 += e0 * e0;
        s1 += e1 * e1;
      }
    } else {
      let sb = 0;
      let i = 0;
      for (; i + 1 < n; i += 2) {
        const a = ee[i] * w[i] * msk[i];
        const b = ee[i + 1] * w[i + 1] * msk[i + 1];
        s0 += a * a;
        sb += b * b;
      }
      if (i < n) {
        const a = ee[i] * w[i] * msk[i];
        s0 += a * a;
      }
      s0 += sb;
    }
    const enormK = Math.sqrt(s0 / n);
    this.errK = sigma[k] * enormK;
    const terrK = (k + 1) * this.errK;
    this.knew = k;
    if (k > 1) {
      this.errKm1 = sigma[k - 1] * Math.sqrt(s1 / n);
      const terrKm1 = k * this.errKm1;
      if (k > 2) {
        this.errKm2 = sigma[k - 2] * Math.sqrt(s2 / n);
        const terrKm2 = (k - 1) * this.errKm2;
        if (Math.max(terrKm1, terrKm2) <= terrK) this.knew = k - 1;
      } else if (terrKm1 <= 0.5 * terrK) this.knew = k - 1;
    }
    return this.ck * enormK <= 1;
  }

  /** Take one successful step, cutting h on failures. Returns false on a fatal failure. */
  private takeStep(): boolean {
    // The error weights from yₙ were computed when the last step was accepted (or in start()).
    let nef = 0;
    let ncf = 0;
    for (;;) {
      if (this.h > this.hmax) this.h = this.hmax;
      let hitsStop = false;
      // Land exactly on tstop; stretch the step by up to 1% (within maxStep) rather than leave a sliver.
      if (this.tn + Math.min(1.01 * this.h, this.hmax) >= this.tstop) {
        this.h = this.tstop - this.tn;
        hitsStop = true;
      }
      const hmin = 4 * EPS * Math.max(Math.abs(this.tn), Math.abs(this.tn + this.h));
      if (!(this.h > hmin)) {
        return this.fail('step size collapse', `step size collapse at t = ${this.tn}: h = ${this.h} is below the resolution of t after ${nef} error-test and ${ncf} convergence failures (a singularity, or a discontinuity in the equations there: stop at it with setStopTime and reinit)`);
      }
      if (this.nstRestart === 0) this.psi[0] = this.h;
      this.setCoefficients();
      this.predict();
      const tNew = hitsStop ? this.tstop : this.tn + this.h;
      const nflag = this.newton(tNew);
      if (nflag === 0) {
        if (this.fixedMode || this.errorTest()) {
          if (this.fixedMode) this.knew = this.k;
          this.completeStep(tNew);
          return true;
        }
        // Error test failure.
        this.restore();
        this.stats.errorTestFails++;
        nef++;
        this.phase = 1;
        const hOld = this.h;
        if (nef >= this.maxNef) {
          return this.fail('step size collapse', `step size collapse at t = ${this.tn}: ${nef} error-test failures in a row (h = ${this.h})`);
        }
        if (nef === 1) {
          const errNew = this.errAtOrder(this.knew);
          this.k = this.knew;
          let r = 0.9 * Math.pow(2 * errNew + 1e-4, -1 / (this.k + 1));
          r = Math.max(0.25, Math.min(0.9, r));
          this.h *= r;
        } else if (nef === 2) {
          this.k = this.knew;
          this.h *= 0.25;
        } else {
          this.k = 1;
          this.h *= 0.25;
        }
        if (this.nstRestart === 0) this.rescaleFirst(hOld);
      } else {
        this.restore();
        this.stats.convergenceFails++;
        ncf++;
        this.phase = 1;
        if (this.fixedMode) return this.fail('newton failure', `Newton iteration failed at t = ${this.tn} in fixed-step mode`);
        if (ncf >= this.maxNcf) {
          const why = nflag === 2 ? 'singular Jacobian' : 'Newton iteration not converging';
          return this.fail('step size collapse', `step size collapse at t = ${this.tn}: ${ncf} convergence failures in a row (${why}, h = ${this.h})`);
        }
        const hOld = this.h;
        this.h *= 0.25;
        this.forceSetup = true;
        if (this.nstRestart === 0) this.rescaleFirst(hOld);
      }
    }
  }

  private errAtOrder(kk: number): number {
    if (kk === this.k) return this.errK;
    if (kk === this.k - 1) return this.errKm1;
    return this.errKm2;
  }

  /** Before the first step succeeds, phi[1] = h·y′₀ must follow changes of h. */
  private rescaleFirst(hOld: number): void {
    const r = this.h / hOld;
    const n = this.n;
    for (let i = 0; i < n; i++) this.phi[n + i] *= r;
    this.psi[0] = this.h;
  }

  /** Accept the step: update the history, choose the next order and step (Brenan et al. §5.4). */
  private completeStep(tNew: number): void {
    const n = this.n;
    const phi = this.phi;
    const ee = this.ee;
    const k = this.k;
    this.stats.steps++;
    this.nstRestart++;
    const kdiff = k - this.kused;
    this.kused = k;
    this.hused = this.h;
    this.tn = tNew;
    let hnew = this.h;
    if (!this.fixedMode) {
      if (this.knew === k - 1 || k === this.maxOrd) this.phase = 1;
      if (this.phase === 0) {
        // Start-up: raise the order and double the step each step until the estimates object.
        if (this.nstRestart > 1) {
          this.k = Math.min(k + 1, this.maxOrd);
          hnew = 2 * this.h;
        }
      } else {
        let action = 0; // −1 lower, 0 keep, +1 raise, 2 undecided
        if (this.knew === k - 1) action = -1;
        else if (k === this.maxOrd) action = 0;
        else if (k + 1 >= this.ns || kdiff === 1) action = 0;
        else action = 2;
        let errKp1 = 0;
        if (action === 2) {
          // Order k+1 estimate from the change in corrections (phi[k+1] holds the previous ee).
          const w = this.ewt;
          const msk = this.mask;
          const o = (k + 1) * n;
          let s = 0;
          for (let i = 0; i < n; i++) {
            const v = (ee[i] - phi[o + i]) * w[i] * msk[i];
            s += v * v;
          }
          const enormKp1 = Math.sqrt(s / n);
          errKp1 = enormKp1 / (k + 2);
          const terrKp1 = enormKp1;
          const terrK = (k + 1) * this.errK;
          if (k === 1) action = terrKp1 >= 0.5 * terrK ? 0 : 1;
          else {
            const terrKm1 = k * this.errKm1;
            if (terrKm1 <= Math.min(terrK, terrKp1)) action = -1;
            else if (terrKp1 >= terrK) action = 0;
            else action = 1;
          }
        }
        let errNew = this.errK;
        if (action === 1) {
          this.k = k + 1;
          errNew = errKp1;
        } else if (action === -1) {
          this.k = k - 1;
          errNew = this.errKm1;
        }
        const r = Math.pow(2 * errNew + 1e-4, -1 / (this.k + 1));
        if (r >= 2) hnew = 2 * this.h;
        else if (r <= 1) hnew = this.h * Math.max(0.5, Math.min(0.9, r));
      }
    }
    this.h = hnew;
    // History update in one pass: phi[k+1] ← ee (kept for the next order-raise estimate), then
    // phi[k] += ee, phi[j] += phi[j+1] (j = k−1 … 0), so phi[0] = yₙ; then the error weights from yₙ.
    const keep = k < MAX_ORDER;
    const ok1 = (k + 1) * n;
    const ok = k * n;
    const n2 = 2 * n;
    const n3 = 3 * n;
    const n4 = 4 * n;
    if (this.kernels !== null) this.kernels.history(phi.byteOffset, ee.byteOffset, n, k, keep ? 1 : 0);
    else for (let i = 0; i < n; i++) {
      const e = ee[i];
      if (keep) phi[ok1 + i] = e;
      let acc = phi[ok + i] + e;
      phi[ok + i] = acc;
      // rows k−1 … 0, unrolled (no inner loop)
      if (k >= 5) {
        acc += phi[n4 + i];
        phi[n4 + i] = acc;
      }
      if (k >= 4) {
        acc += phi[n3 + i];
        phi[n3 + i] = acc;
      }
      if (k >= 3) {
        acc += phi[n2 + i];
        phi[n2 + i] = acc;
      }
      if (k >= 2) {
        acc += phi[n + i];
        phi[n + i] = acc;
      }
      phi[i] += acc;
    }
    this.computeWeights(phi); // phi[0 … n−1] = yₙ
    // The accepted iterate becomes the current solution (swap buffers instead of copying).
    const ty = this.yCur;
    this.yCur = this.yy;
    this.yy = ty;
    const typ = this.ypCur;
    this.ypCur = this.ypy;
    this.ypy = typ;
    this.lastOrder = k;
    this.lastStep = this.hused;
  }

  private afterStep(): void {
    if (this.nEv > 0) {
      this.problem.events?.(this.tn, this.yCur, this.ypCur, this.gHi);
      this.stats.eventEvals++;
      this.searchRoots();
    } else this.tLo = this.tn;
  }

  private clearEventReport(): void {
    if (this.eventIndex < 0) return;
    this.eventIndex = -1;
    this.eventsFound.fill(0);
  }

  private copyCurrent(): void {
    this.t = this.tn;
    this.y.set(this.yCur);
    this.yp.set(this.ypCur);
  }

  /**
   * Look for sign changes of g between tLo and tn (gLo, gHi) and refine the earliest root on the
   * interpolant by the Illinois variant of regula falsi (Dowell & Jarratt, BIT 11 (1971) 168),
   * secant on the function whose root the secant places earliest. Sets rootPending/tRoot.
   */
  private searchRoots(): void {
    const ne = this.nEv;
    const gLo = this.gLo;
    const gHi = this.gHi;
    let any = false;
    for (let q = 0; q < ne; q++) if (isRoot(gLo[q], gHi[q])) any = true;
    if (!any) {
      this.tLo = this.tn;
      for (let q = 0; q < ne; q++) gLo[q] = gHi[q];
      this.rootPending = false;
      return;
    }
    let tl = this.tLo;
    let th = this.tn;
    const gl = this.gRoot; // g at tl
    const gh = this.gHiWork; // g at th
    const gMid = this.gMid;
    for (let q = 0; q < ne; q++) {
      gl[q] = gLo[q];
      gh[q] = gHi[q];
    }
    const tol = 1e-10 * Math.max(Math.abs(th), Math.abs(tl)) + 1e-14 * Math.abs(th - tl) + 1e-300;
    let wl = 1; // Illinois weights on the end values
    let wh = 1;
    let side = 0; // which end moved last: 1 hi, 2 lo
    for (let iter = 0; iter < 200 && th - tl > tol; iter++) {
      // Secant estimate: earliest among functions changing sign on [tl, th].
      let tm = th;
      for (let q = 0; q < ne; q++) {
        if (!isRoot(gl[q], gh[q])) continue;
        const a = wl * gl[q];
        const b = wh * gh[q];
        const est = b === a ? 0.5 * (tl + th) : th - (b * (th - tl)) / (b - a);
        if (est < tm) tm = est;
      }
      // Keep the trial point inside the bracket, at least tol/2 from either end.
      const margin = 0.5 * tol;
      if (!(tm > tl + margin)) tm = tl + margin;
      if (!(tm < th - margin)) tm = th - margin;
      if (!(tm > tl && tm < th)) tm = 0.5 * (tl + th);
      this.interpolate(tm, this.yRoot, this.ypRoot);
      this.problem.events?.(tm, this.yRoot, this.ypRoot, gMid);
      this.stats.eventEvals++;
      let inLeft = false;
      for (let q = 0; q < ne; q++) if (isRoot(gl[q], gMid[q])) inLeft = true;
      if (inLeft) {
        th = tm;
        for (let q = 0; q < ne; q++) gh[q] = gMid[q];
        if (side === 1) wl *= 0.5; // hi side moved twice: damp the stale lo end
        else wl = 1;
        wh = 1;
        side = 1;
      } else {
        tl = tm;
        for (let q = 0; q < ne; q++) gl[q] = gMid[q];
        if (side === 2) wh *= 0.5;
        else wh = 1;
        wl = 1;
        side = 2;
      }
    }
    // Root reported at th (the first point past the crossing).
    this.tRoot = th;
    this.rootIndex = -1;
    for (let q = 0; q < ne; q++) {
      const hit = isRoot(gl[q], gh[q]);
      this.rootDir[q] = hit ? (gh[q] > gl[q] ? 1 : -1) : 0;
      if (hit && this.rootIndex < 0) this.rootIndex = q;
    }
    this.rootPending = true;
  }

  /** Report the pending root: t/y/yp at the root; the next search starts there. */
  private emitRoot(): boolean {
    this.rootPending = false;
    this.interpolate(this.tRoot, this.y, this.yp);
    if (!allFinite(this.y, this.n)) return this.fail('non-finite solution', `non-finite solution at the event time t = ${this.tRoot}`);
    this.t = this.tRoot;
    this.eventIndex = this.rootIndex;
    for (let q = 0; q < this.nEv; q++) {
      this.eventsFound[q] = this.rootDir[q];
      this.gLo[q] = this.gHiWork[q];
    }
    this.tLo = this.tRoot;
    if (this.tRoot < this.tn) this.recheckRoots = true;
    return true;
  }

  /** Record why the run stopped; t/y/yp keep the last good state. Returns false for `return`. */
  private fail(reason: string, message: string): false {
    this.stopReason = reason;
    this.stopMessage = message;
    this.copyCurrent();
    return false;
  }
}

function isRoot(a: number, b: number): boolean {
  return (a < 0 && b >= 0) || (a > 0 && b <= 0);
}

function allFinite(v: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}
