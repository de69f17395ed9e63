/**
 * Bounded nonlinear least squares: the project's shared fitting engine (EIS circuits, XRD peaks, GITT,
 * simulator calibration).
 *
 * Minimises S(p) = Σᵢ rᵢ(p)² over the parameters p, each optionally fixed or bounded (lower, upper or
 * both), by the Levenberg–Marquardt method:
 *
 * - **Bounds by transformation** (the MINUIT approach, F. James, *MINUIT Reference Manual*, CERN D506,
 *   §1.2.1): the solver works on unconstrained internal variables v, with
 *   lower bound only: p = lo + s(√(v²+1) − 1); upper only: p = hi − s(√(v²+1) − 1);
 *   both: p = lo + (hi − lo)(1 + sin v)/2; none: p = s·v. The scale s is |p₀ − bound| (or |p₀|), so every
 *   internal variable starts O(1) whatever the parameter's unit (1e-8 F and 5e3 Ω alike). A bound is
 *   reached exactly (v = 0 or sin v = ±1), never by clamping.
 * - **Step**: (JᵀJ + λD²)δ = −Jᵀr solved by Cholesky, with D the running maximum of the column norms of J
 *   (Moré, "The Levenberg–Marquardt algorithm: implementation and theory", Lecture Notes in Math. 630,
 *   1978) so the method is invariant to the scaling of the parameters. λ is updated from the gain ratio
 *   ρ = actual/predicted reduction (Nielsen, IMM-REP-1999-05: λ ← λ·max(1/3, 1 − (2ρ − 1)³) on success,
 *   λ ← λν, ν ← 2ν on failure).
 * - **Jacobian**: analytic when given, else forward (or central) differences with a relative step
 *   h = √ε·max(|v|, 1) on the O(1) internal variables (≈ √ε relative to each parameter's own scale).
 * - **Covariance** at the optimum: σ²(J_pᵀJ_p)⁻¹ with σ² = S/(m − n_free) and J_p the Jacobian with respect
 *   to the *external* parameters (the transform's derivative divided out, so the bound transformation
 *   does not distort the errors). It is computed from a Householder QR of the column-scaled J_p (no
 *   normal-equations inverse). Parameters fixed or sitting on a bound are left out of the covariance
 *   (their standard error is NaN and `covarianceNote` says why).
 *
 * Convergence tests follow MINPACK's lmder (ftol on the relative reduction of S, xtol on the relative
 * step, gtol on the cosine between r and the columns of J). A run that stops for any other reason has
 * `converged: false` and a `message` saying why; its numbers must not be reported as a fit.
 *
 * Usage:
 * ```ts
 * const t = [0, 1, 2, 3], y = [5, 3.1, 1.8, 1.1];
 * const fit = leastSquares({
 *   residualCount: t.length,
 *   initial: [1, 0.1],
 *   lower: [0, 0],
 *   residuals: (p, r) => { for (let i = 0; i < t.length; i++) r[i] = p[0] * Math.exp(-p[1] * t[i]) - y[i]; },
 * });
 * if (!fit.converged) throw new SolverError(fit.reason, fit.message);
 * fit.parameters; fit.standardErrors; fit.correlation;
 * ```
 */
import { SeededRandom } from './seeded-random.js';

/** Writes the m residuals for parameters `params` into `residuals` (length `residualCount`). */
export type ResidualFunction = (params: Float64Array, residuals: Float64Array) => void;

/**
 * Writes ∂rᵢ/∂pⱼ into `jacobian`, row-major m × n (`jacobian[i * n + j]`), n = number of parameters
 * (fixed ones included; their column is ignored).
 */
export type JacobianFunction = (params: Float64Array, jacobian: Float64Array) => void;

export interface LeastSquaresProblem {
  /** Residual function r(p); the solver minimises Σ r². */
  residuals: ResidualFunction;
  /** m, the number of residuals. Must be ≥ the number of free parameters. */
  residualCount: number;
  /** Starting parameters p₀ (length n). Must lie within the bounds. */
  initial: ArrayLike<number>;
  /** Lower bounds (use -Infinity for none). @default all -Infinity */
  lower?: ArrayLike<number>;
  /** Upper bounds (use Infinity for none). @default all Infinity */
  upper?: ArrayLike<number>;
  /** Analytic Jacobian; without it, finite differences are used. @default undefined */
  jacobian?: JacobianFunction;
  /** true for parameters held at their initial value. @default all false */
  fixed?: ArrayLike<boolean>;
}

/** Random restarts from points spread around the initial guess; the best converged run wins. */
export interface MultiStartOptions {
  /** Total number of starts, the given initial guess included. @default 10 */
  starts?: number;
  /** Seed for the random starting points (runs are reproducible). @default 1 */
  seed?: number;
  /**
   * Spread of starting points: a parameter with a one-sided bound (or none) is multiplied by
   * 10^U(−spreadDecades, spreadDecades) around its initial distance from the bound; a parameter with two
   * bounds is drawn uniformly between them (log-uniformly when both are positive and span > 2 decades).
   * @default 1
   */
  spreadDecades?: number;
}

export interface LeastSquaresOptions {
  /** Maximum number of accepted-or-rejected LM iterations. @default 200·(n_free + 1) */
  maxIterations?: number;
  /** Maximum number of residual evaluations (Jacobian columns included). @default 2000·(n_free + 1) */
  maxEvaluations?: number;
  /** Stop when actual and predicted relative reductions of S are both below ftol. @default 1e-10 */
  ftol?: number;
  /** Stop when the scaled step is below xtol relative to the scaled parameters. @default 1e-10 */
  xtol?: number;
  /** Stop when every |cos| between r and a column of J is below gtol. @default 1e-10 */
  gtol?: number;
  /** Initial damping λ₀ (relative to the scaled JᵀJ, whose diagonal is 1). @default 1e-3 */
  initialDamping?: number;
  /** Finite-difference scheme when no analytic Jacobian is given. @default 'forward' */
  finiteDifference?: 'forward' | 'central';
  /** Relative finite-difference step. @default √ε ≈ 1.5e-8 (forward), ε^⅓ ≈ 6e-6 (central) */
  relativeStep?: number;
  /** Random restarts; none when undefined. @default undefined */
  multiStart?: MultiStartOptions;
  /** Compute covariance, standard errors and correlations at the optimum. @default true */
  covariance?: boolean;
}

/** Why the solver stopped. The first four mean converged. */
export type LeastSquaresStopReason =
  | 'ftol'
  | 'xtol'
  | 'gtol'
  | 'zeroResidual'
  | 'maxIterations'
  | 'maxEvaluations'
  | 'nonFiniteResidual'
  | 'noProgress';

const CONVERGED_REASONS: readonly LeastSquaresStopReason[] = ['ftol', 'xtol', 'gtol', 'zeroResidual'];

export interface LeastSquaresResult {
  /** True when a convergence test was met; otherwise the numbers are not a fit. */
  converged: boolean;
  reason: LeastSquaresStopReason;
  /** One human sentence on why it stopped. */
  message: string;
  /** Best parameters found (length n, fixed ones included). */
  parameters: Float64Array;
  /** Residuals at `parameters`. */
  residuals: Float64Array;
  /** S = Σ r² at `parameters`. */
  sumSquares: number;
  /** Degrees of freedom m − n_free. */
  degreesOfFreedom: number;
  /** σ² = S / (m − n_free): the residual variance used to scale the covariance (NaN if dof ≤ 0). */
  residualVariance: number;
  /** Covariance of the parameters, row-major n × n; null when not computable (see covarianceNote). */
  covariance: Float64Array | null;
  /** √diag(covariance); NaN for fixed or at-bound parameters or when the covariance is null. */
  standardErrors: Float64Array;
  /** Correlation matrix, row-major n × n; null with the covariance. */
  correlation: Float64Array | null;
  /** 1 where a parameter ended on one of its bounds. */
  atBound: Uint8Array;
  /** Why some or all standard errors are missing, or '' when all free ones are present. */
  covarianceNote: string;
  iterations: number;
  /** Residual-function calls, Jacobian columns included. */
  evaluations: number;
  /** Which start (0 = the given initial guess) produced this result. */
  start: number;
  /** Sum of squares reached by every start (multi-start only; length 1 otherwise). */
  startSumSquares: number[];
}

const EPS = 2.220446049250313e-16;

/** 0 none, 1 lower, 2 upper, 3 both. */
type BoundKind = 0 | 1 | 2 | 3;

/** Internal state of one solve; arrays are allocated once per call. */
class Solver {
  readonly n: number;
  readonly m: number;
  readonly nFree: number;
  readonly free: Int32Array;
  readonly kind: Uint8Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly scale: Float64Array;
  readonly x: Float64Array;
  readonly v: Float64Array;
  readonly vTrial: Float64Array;
  readonly r: Float64Array;
  readonly rTrial: Float64Array;
  readonly rTmp: Float64Array;
  /** Jacobian w.r.t. internal variables, column-major m × nFree. */
  readonly jac: Float64Array;
  readonly jacUser: Float64Array | null;
  readonly A: Float64Array;
  readonly M: Float64Array;
  readonly g: Float64Array;
  readonly d: Float64Array;
  readonly step: Float64Array;
  evaluations = 0;

  constructor(
    readonly problem: LeastSquaresProblem,
    readonly opts: Required<Omit<LeastSquaresOptions, 'multiStart'>>,
  ) {
    const n = problem.initial.length;
    const m = problem.residualCount;
    this.n = n;
    this.m = m;
    const freeList: number[] = [];
    for (let j = 0; j < n; j++) if (!(problem.fixed?.[j] ?? false)) freeList.push(j);
    this.free = Int32Array.from(freeList);
    this.nFree = freeList.length;
    const nf = this.nFree;
    this.kind = new Uint8Array(n);
    this.lo = new Float64Array(n);
    this.hi = new Float64Array(n);
    this.scale = new Float64Array(n);
    this.x = new Float64Array(n);
    this.v = new Float64Array(nf);
    this.vTrial = new Float64Array(nf);
    this.r = new Float64Array(m);
    this.rTrial = new Float64Array(m);
    this.rTmp = new Float64Array(m);
    this.jac = new Float64Array(m * nf);
    this.jacUser = problem.jacobian ? new Float64Array(m * n) : null;
    this.A = new Float64Array(nf * nf);
    this.M = new Float64Array(nf * nf);
    this.g = new Float64Array(nf);
    this.d = new Float64Array(nf);
    this.step = new Float64Array(nf);
    for (let j = 0; j < n; j++) {
      const lo = problem.lower?.[j] ?? -Infinity;
      const hi = problem.upper?.[j] ?? Infinity;
      this.lo[j] = lo;
      this.hi[j] = hi;
      this.kind[j] = ((Number.isFinite(lo) ? 1 : 0) + (Number.isFinite(hi) ? 2 : 0)) as BoundKind;
    }
  }

  /** Sets internal variables from an external starting point (nudged off a bound so it can move). */
  setStart(p0: ArrayLike<number>): void {
    for (let j = 0; j < this.n; j++) this.x[j] = p0[j];
    for (let k = 0; k < this.nFree; k++) {
      const j = this.free[k];
      const lo = this.lo[j];
      const hi = this.hi[j];
      let p = p0[j];
      switch (this.kind[j]) {
        case 0: {
          const s = p !== 0 ? Math.abs(p) : 1;
          this.scale[j] = s;
          this.v[k] = p / s;
          break;
        }
        case 1: {
          let s = p - lo;
          if (s <= 0) {
            // Starting on the bound: dp/dv = 0 there, so move in by a relative 1e-3 of a natural scale.
            s = lo !== 0 ? Math.abs(lo) * 1e-3 : 1e-3;
            p = lo + s;
          }
          this.scale[j] = s;
          this.v[k] = Math.sqrt(3); // √(v²+1) − 1 = 1 ⇒ p = lo + s
          break;
        }
        case 2: {
          let s = hi - p;
          if (s <= 0) {
            s = hi !== 0 ? Math.abs(hi) * 1e-3 : 1e-3;
            p = hi - s;
          }
          this.scale[j] = s;
          this.v[k] = Math.sqrt(3);
          break;
        }
        default: {
          const w = hi - lo;
          this.scale[j] = w;
          let t = (2 * (p - lo)) / w - 1;
          const edge = 1 - 1e-6;
          if (t > edge) t = edge;
          if (t < -edge) t = -edge;
          this.v[k] = Math.asin(t);
        }
      }
    }
  }

  /** External value of internal variable k at internal value vk. */
  external(k: number, vk: number): number {
    const j = this.free[k];
    switch (this.kind[j]) {
      case 0:
        return this.scale[j] * vk;
      case 1:
        return this.lo[j] + this.scale[j] * (Math.sqrt(vk * vk + 1) - 1);
      case 2:
        return this.hi[j] - this.scale[j] * (Math.sqrt(vk * vk + 1) - 1);
      default: {
        const p = this.lo[j] + (this.scale[j] * (1 + Math.sin(vk))) / 2;
        // sin can overshoot the interval by an ulp; the bound is part of the domain.
        return p < this.lo[j] ? this.lo[j] : p > this.hi[j] ? this.hi[j] : p;
      }
    }
  }

  /** dp/dv for internal variable k. */
  derivative(k: number, vk: number): number {
    const j = this.free[k];
    switch (this.kind[j]) {
      case 0:
        return this.scale[j];
      case 1:
        return (this.scale[j] * vk) / Math.sqrt(vk * vk + 1);
      case 2:
        return (-this.scale[j] * vk) / Math.sqrt(vk * vk + 1);
      default:
        return (this.scale[j] * Math.cos(vk)) / 2;
    }
  }

  /** True when the transform's derivative has (nearly) vanished: the parameter sits on a bound. */
  onBound(k: number, vk: number): boolean {
    const j = this.free[k];
    switch (this.kind[j]) {
      case 0:
        return false;
      case 1:
      case 2:
        return Math.abs(vk) < 1e-4;
      default:
        return Math.abs(Math.cos(vk)) < 1e-4;
    }
  }

  toExternal(v: Float64Array): void {
    for (let k = 0; k < this.nFree; k++) this.x[this.free[k]] = this.external(k, v[k]);
  }

  /** Residuals at internal v into out; returns S, or NaN if any residual is not finite. */
  evaluate(v: Float64Array, out: Float64Array): number {
    this.toExternal(v);
    this.problem.residuals(this.x, out);
    this.evaluations++;
    let s = 0;
    for (let i = 0; i < this.m; i++) s += out[i] * out[i];
    return Number.isFinite(s) ? s : NaN;
  }

  /** Jacobian w.r.t. internal variables at v (r must hold the residuals at v). false if not finite. */
  jacobianAt(v: Float64Array, r: Float64Array): boolean {
    const { m, nFree, jac } = this;
    if (this.jacUser && this.problem.jacobian) {
      this.toExternal(v);
      this.problem.jacobian(this.x, this.jacUser);
      for (let k = 0; k < nFree; k++) {
        const j = this.free[k];
        const dp = this.derivative(k, v[k]);
        for (let i = 0; i < m; i++) jac[k * m + i] = this.jacUser[i * this.n + j] * dp;
      }
    } else {
      const central = this.opts.finiteDifference === 'central';
      const rel = this.opts.relativeStep;
      for (let k = 0; k < nFree; k++) {
        const vk = v[k];
        const h0 = rel * Math.max(Math.abs(vk), 1);
        let vp = vk + h0;
        let h = vp - vk; // the step actually representable
        v[k] = vp;
        if (Number.isNaN(this.evaluate(v, this.rTmp)) && !central) {
          // The model is not finite just beyond this point (e.g. at a singularity): difference backwards.
          vp = vk - h0;
          h = vp - vk;
          v[k] = vp;
          this.evaluate(v, this.rTmp);
        }
        if (central) {
          const vm = vk - h;
          v[k] = vm;
          this.evaluate(v, this.rTrial);
          for (let i = 0; i < m; i++) jac[k * m + i] = (this.rTmp[i] - this.rTrial[i]) / (vp - vm);
        } else {
          for (let i = 0; i < m; i++) jac[k * m + i] = (this.rTmp[i] - r[i]) / h;
        }
        v[k] = vk;
      }
      this.toExternal(v);
    }
    for (let i = 0; i < m * nFree; i++) if (!Number.isFinite(jac[i])) return false;
    return true;
  }

  /** A = JᵀJ, g = Jᵀr from the column-major internal Jacobian. */
  normalEquations(r: Float64Array): void {
    const { m, nFree, jac, A, g } = this;
    for (let a = 0; a < nFree; a++) {
      const ca = a * m;
      let sg = 0;
      for (let i = 0; i < m; i++) sg += jac[ca + i] * r[i];
      g[a] = sg;
      for (let b = 0; b <= a; b++) {
        const cb = b * m;
        let s = 0;
        for (let i = 0; i < m; i++) s += jac[ca + i] * jac[cb + i];
        A[a * nFree + b] = s;
        A[b * nFree + a] = s;
      }
    }
  }

  /**
   * Adds the bound transform's own curvature to the model Hessian: ∂²S/∂v² contains (∂S/∂p)·p″(v), which
   * Gauss–Newton drops. Near a bound p′(v) → 0 and that term is the only curvature left, so without it
   * LM creeps towards an active bound; with it (added only near a bound and only where positive, so A
   * stays positive semi-definite) the step to the bound is a Newton step. In half-units (A = JᵀJ, g = Jᵀr) the term is
   * g_p·p″ = g_v·p″/p′: 1/(v(v²+1))·g_v for the one-sided transforms, −tan(v)·g_v for the two-sided one.
   */
  addTransformCurvature(): void {
    const { nFree, A, g, v } = this;
    for (let k = 0; k < nFree; k++) {
      const j = this.free[k];
      const vk = v[k];
      let ratio: number;
      switch (this.kind[j]) {
        case 0:
          continue;
        case 1:
        case 2:
          // Only near the bound (p within ~4 % of its scale of it): elsewhere plain LM's path is kept.
          if (Math.abs(vk) < 1e-300 || Math.abs(vk) > 0.3) continue;
          ratio = 1 / (vk * (vk * vk + 1));
          break;
        default:
          if (Math.abs(Math.cos(vk)) > 0.3) continue;
          ratio = -Math.tan(vk);
      }
      const term = g[k] * ratio;
      if (term > 0 && Number.isFinite(term)) A[k * nFree + k] += term;
    }
  }

  /** Solves (A + λD²)δ = −g by Cholesky into `step`; false if not positive definite. */
  dampedStep(lambda: number): boolean {
    const { nFree: p, A, M, d, g, step } = this;
    for (let i = 0; i < p * p; i++) M[i] = A[i];
    for (let k = 0; k < p; k++) M[k * p + k] += lambda * d[k] * d[k];
    // In-place Cholesky, lower triangle: M = LLᵀ.
    for (let j = 0; j < p; j++) {
      let s = M[j * p + j];
      for (let k = 0; k < j; k++) s -= M[j * p + k] * M[j * p + k];
      if (!(s > 0)) return false;
      const ljj = Math.sqrt(s);
      M[j * p + j] = ljj;
      for (let i = j + 1; i < p; i++) {
        let t = M[i * p + j];
        for (let k = 0; k < j; k++) t -= M[i * p + k] * M[j * p + k];
        M[i * p + j] = t / ljj;
      }
    }
    for (let i = 0; i < p; i++) {
      let s = -g[i];
      for (let k = 0; k < i; k++) s -= M[i * p + k] * step[k];
      step[i] = s / M[i * p + i];
    }
    for (let i = p - 1; i >= 0; i--) {
      let s = step[i];
      for (let k = i + 1; k < p; k++) s -= M[k * p + i] * step[k];
      step[i] = s / M[i * p + i];
    }
    for (let i = 0; i < p; i++) if (!Number.isFinite(step[i])) return false;
    return true;
  }

  /** Runs LM from the current v. Returns the stop reason; v, r hold the final point. */
  run(): { reason: LeastSquaresStopReason; iterations: number; sumSquares: number } {
    const { m, nFree, v, vTrial, r, rTrial, d, g, A, step, opts } = this;
    let S = this.evaluate(v, r);
    if (Number.isNaN(S)) return { reason: 'nonFiniteResidual', iterations: 0, sumSquares: S };
    if (nFree === 0) return { reason: 'zeroResidual', iterations: 0, sumSquares: S };
    const S0 = S;
    let lambda = opts.initialDamping;
    let nu = 2;
    let iterations = 0;
    d.fill(0);
    let needJacobian = true;
    while (true) {
      if (S <= 1e-30 * Math.max(S0, 1e-300) || S === 0) return { reason: 'zeroResidual', iterations, sumSquares: S };
      if (needJacobian) {
        if (!this.jacobianAt(v, r)) return { reason: 'nonFiniteResidual', iterations, sumSquares: S };
        this.normalEquations(r);
        needJacobian = false;
        // Scaling: running maximum of column norms (Moré 1978, eq. 6.3).
        let gmax = 0;
        const rnorm = Math.sqrt(S);
        for (let k = 0; k < nFree; k++) {
          const cn = Math.sqrt(A[k * nFree + k]);
          if (cn > d[k]) d[k] = cn;
          if (d[k] === 0) d[k] = 1;
          if (cn > 0) gmax = Math.max(gmax, Math.abs(g[k]) / (cn * rnorm));
        }
        if (gmax <= opts.gtol) return { reason: 'gtol', iterations, sumSquares: S };
        this.addTransformCurvature();
      }
      if (iterations >= opts.maxIterations) return { reason: 'maxIterations', iterations, sumSquares: S };
      if (this.evaluations >= opts.maxEvaluations) return { reason: 'maxEvaluations', iterations, sumSquares: S };
      iterations++;
      if (!this.dampedStep(lambda)) {
        lambda *= nu;
        nu *= 2;
        if (lambda > 1e30) return { reason: 'noProgress', iterations, sumSquares: S };
        continue;
      }
      let dxNorm = 0;
      let xNorm = 0;
      let gStep = 0;
      let dStep2 = 0;
      for (let k = 0; k < nFree; k++) {
        vTrial[k] = v[k] + step[k];
        dxNorm += (d[k] * step[k]) ** 2;
        xNorm += (d[k] * v[k]) ** 2;
        gStep += g[k] * step[k];
        dStep2 += (d[k] * step[k]) ** 2;
      }
      dxNorm = Math.sqrt(dxNorm);
      xNorm = Math.sqrt(xNorm);
      // Predicted reduction of S for the linear model: −2δᵀg − δᵀAδ = −δᵀg + λ‖Dδ‖² (using Mδ = −g).
      const predicted = -gStep + lambda * dStep2;
      const Strial = this.evaluate(vTrial, rTrial);
      const actual = Number.isNaN(Strial) ? -Infinity : S - Strial;
      const rho = predicted > 0 ? actual / predicted : -1;
      if (rho > 1e-4) {
        const Sold = S;
        for (let k = 0; k < nFree; k++) v[k] = vTrial[k];
        for (let i = 0; i < m; i++) r[i] = rTrial[i];
        S = Strial;
        const t = 2 * rho - 1;
        lambda *= Math.max(1 / 3, 1 - t * t * t);
        if (lambda < 1e-30) lambda = 1e-30;
        nu = 2;
        needJacobian = true;
        if (actual <= opts.ftol * Sold && predicted <= opts.ftol * Sold) return { reason: 'ftol', iterations, sumSquares: S };
        if (dxNorm <= opts.xtol * (xNorm + opts.xtol)) return { reason: 'xtol', iterations, sumSquares: S };
      } else {
        // A rejected step that is already negligible: no representable improvement remains.
        if (dxNorm <= opts.xtol * (xNorm + opts.xtol)) {
          this.toExternal(v);
          return { reason: 'xtol', iterations, sumSquares: S };
        }
        if (predicted > 0 && predicted <= EPS * S && Math.abs(actual) <= EPS * S * 4) {
          this.toExternal(v);
          return { reason: 'ftol', iterations, sumSquares: S };
        }
        lambda *= nu;
        nu *= 2;
        if (lambda > 1e30) {
          this.toExternal(v);
          return { reason: 'noProgress', iterations, sumSquares: S };
        }
      }
    }
  }
}

const STOP_MESSAGES: Record<LeastSquaresStopReason, string> = {
  ftol: 'converged: relative reduction of the sum of squares below ftol',
  xtol: 'converged: relative parameter step below xtol',
  gtol: 'converged: residuals orthogonal to the Jacobian columns within gtol',
  zeroResidual: 'converged: residuals are zero to rounding',
  maxIterations: 'did not converge: iteration limit reached',
  maxEvaluations: 'did not converge: residual-evaluation limit reached',
  nonFiniteResidual: 'did not converge: the residual function returned a non-finite value (NaN or ±Infinity)',
  noProgress: 'did not converge: no step reduces the sum of squares (damping grew without bound)',
};

function resolveOptions(options: LeastSquaresOptions, nFree: number): Required<Omit<LeastSquaresOptions, 'multiStart'>> {
  const fd = options.finiteDifference ?? 'forward';
  return {
    maxIterations: options.maxIterations ?? 200 * (nFree + 1),
    maxEvaluations: options.maxEvaluations ?? 2000 * (nFree + 1),
    ftol: options.ftol ?? 1e-10,
    xtol: options.xtol ?? 1e-10,
    gtol: options.gtol ?? 1e-10,
    initialDamping: options.initialDamping ?? 1e-3,
    finiteDifference: fd,
    relativeStep: options.relativeStep ?? (fd === 'central' ? Math.cbrt(EPS) : Math.sqrt(EPS)),
    covariance: options.covariance ?? true,
  };
}

function validate(problem: LeastSquaresProblem): void {
  const n = problem.initial.length;
  if (!(Number.isInteger(problem.residualCount) && problem.residualCount > 0)) {
    throw new RangeError(`leastSquares: residualCount must be a positive integer, found ${problem.residualCount}`);
  }
  for (const [name, arr] of [['lower', problem.lower], ['upper', problem.upper], ['fixed', problem.fixed]] as const) {
    if (arr !== undefined && arr.length !== n) throw new RangeError(`leastSquares: ${name} has length ${arr.length}, expected ${n}`);
  }
  for (let j = 0; j < n; j++) {
    const p = problem.initial[j];
    const lo = problem.lower?.[j] ?? -Infinity;
    const hi = problem.upper?.[j] ?? Infinity;
    if (!Number.isFinite(p)) throw new RangeError(`leastSquares: initial[${j}] is ${p}, expected a finite number`);
    if (!(lo < hi) && !(problem.fixed?.[j] ?? false)) throw new RangeError(`leastSquares: parameter ${j} has lower ${lo} ≥ upper ${hi}`);
    if (p < lo || p > hi) throw new RangeError(`leastSquares: initial[${j}] = ${p} lies outside its bounds [${lo}, ${hi}]`);
  }
}

/**
 * Covariance σ²(JᵀJ)⁻¹ over the free, not-at-bound parameters, from a Householder QR of the
 * column-scaled external Jacobian. Fills result fields in place.
 */
function computeCovariance(solver: Solver, result: LeastSquaresResult): void {
  const { m, n, nFree, free, v, jac } = solver;
  const use: number[] = [];
  for (let k = 0; k < nFree; k++) {
    if (solver.onBound(k, v[k])) result.atBound[free[k]] = 1;
    else use.push(k);
  }
  const dof = m - nFree;
  if (dof <= 0) {
    result.covarianceNote = `no covariance: ${m} residuals for ${nFree} free parameters leave no degrees of freedom`;
    return;
  }
  const p = use.length;
  if (p === 0) {
    result.covarianceNote = 'no covariance: every free parameter sits on a bound';
    return;
  }
  // External Jacobian columns J_p = J_v / (dp/dv), scaled to unit norm. Column-major m × p.
  const Q = new Float64Array(m * p);
  const colScale = new Float64Array(p);
  for (let c = 0; c < p; c++) {
    const k = use[c];
    const dp = solver.derivative(k, v[k]);
    let s = 0;
    for (let i = 0; i < m; i++) {
      const val = jac[k * m + i] / dp;
      Q[c * m + i] = val;
      s += val * val;
    }
    const norm = Math.sqrt(s);
    if (!(norm > 0) || !Number.isFinite(norm)) {
      result.covarianceNote = `no covariance: the residuals do not depend on parameter ${free[k]} at the optimum`;
      return;
    }
    colScale[c] = norm;
    for (let i = 0; i < m; i++) Q[c * m + i] /= norm;
  }
  // Householder QR (R kept in the upper triangle of Q's first p rows).
  const R = new Float64Array(p * p);
  for (let c = 0; c < p; c++) {
    let alpha = 0;
    for (let i = c; i < m; i++) alpha += Q[c * m + i] ** 2;
    alpha = Math.sqrt(alpha);
    if (Q[c * m + c] > 0) alpha = -alpha;
    const v0 = Q[c * m + c] - alpha;
    let vnorm2 = v0 * v0;
    for (let i = c + 1; i < m; i++) vnorm2 += Q[c * m + i] ** 2;
    Q[c * m + c] = v0;
    if (vnorm2 > 0) {
      for (let c2 = c + 1; c2 < p; c2++) {
        let dot = 0;
        for (let i = c; i < m; i++) dot += Q[c * m + i] * Q[c2 * m + i];
        const f = (2 * dot) / vnorm2;
        for (let i = c; i < m; i++) Q[c2 * m + i] -= f * Q[c * m + i];
      }
    }
    R[c * p + c] = alpha;
    for (let c2 = c + 1; c2 < p; c2++) R[c * p + c2] = Q[c2 * m + c];
  }
  let rmax = 0;
  for (let c = 0; c < p; c++) rmax = Math.max(rmax, Math.abs(R[c * p + c]));
  for (let c = 0; c < p; c++) {
    if (Math.abs(R[c * p + c]) <= 1e-10 * rmax) {
      result.covarianceNote = `no covariance: the Jacobian is rank-deficient at the optimum (parameter ${free[use[c]]} is not determined independently of the others)`;
      return;
    }
  }
  // (RᵀR)⁻¹ = R⁻¹R⁻ᵀ via the triangular inverse (back substitution on the identity).
  const Ri = new Float64Array(p * p);
  for (let col = 0; col < p; col++) {
    for (let i = p - 1; i >= 0; i--) {
      let s = i === col ? 1 : 0;
      for (let k = i + 1; k < p; k++) s -= R[i * p + k] * Ri[k * p + col];
      Ri[i * p + col] = s / R[i * p + i];
    }
  }
  const sigma2 = result.sumSquares / dof;
  const cov = new Float64Array(n * n);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let k = Math.max(a, b); k < p; k++) s += Ri[a * p + k] * Ri[b * p + k];
      const val = (sigma2 * s) / (colScale[a] * colScale[b]);
      const ja = free[use[a]];
      const jb = free[use[b]];
      cov[ja * n + jb] = val;
      cov[jb * n + ja] = val;
    }
  }
  const corr = new Float64Array(n * n);
  for (let a = 0; a < p; a++) {
    const ja = free[use[a]];
    result.standardErrors[ja] = Math.sqrt(cov[ja * n + ja]);
  }
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      const ja = free[use[a]];
      const jb = free[use[b]];
      corr[ja * n + jb] = cov[ja * n + jb] / (result.standardErrors[ja] * result.standardErrors[jb]);
    }
  }
  result.covariance = cov;
  result.correlation = corr;
  if (p < nFree) result.covarianceNote = 'parameters on a bound are left out of the covariance (no standard error)';
}

function runOnce(solver: Solver, p0: ArrayLike<number>, start: number): LeastSquaresResult {
  solver.evaluations = 0;
  solver.setStart(p0);
  const out = solver.run();
  solver.toExternal(solver.v);
  const n = solver.n;
  const stdErr = new Float64Array(n).fill(NaN);
  return {
    converged: CONVERGED_REASONS.includes(out.reason),
    reason: out.reason,
    message: STOP_MESSAGES[out.reason],
    parameters: Float64Array.from(solver.x),
    residuals: Float64Array.from(solver.r),
    sumSquares: out.sumSquares,
    degreesOfFreedom: solver.m - solver.nFree,
    residualVariance: solver.m > solver.nFree ? out.sumSquares / (solver.m - solver.nFree) : NaN,
    covariance: null,
    standardErrors: stdErr,
    correlation: null,
    atBound: new Uint8Array(n),
    covarianceNote: '',
    iterations: out.iterations,
    evaluations: solver.evaluations,
    start,
    startSumSquares: [out.sumSquares],
  };
}

function randomStart(problem: LeastSquaresProblem, rng: SeededRandom, decades: number): Float64Array {
  const n = problem.initial.length;
  const p = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const p0 = problem.initial[j];
    const lo = problem.lower?.[j] ?? -Infinity;
    const hi = problem.upper?.[j] ?? Infinity;
    if (problem.fixed?.[j] ?? false) {
      p[j] = p0;
      continue;
    }
    const factor = 10 ** rng.uniform(-decades, decades);
    if (Number.isFinite(lo) && Number.isFinite(hi)) {
      p[j] = lo > 0 && hi / lo > 100 ? Math.exp(rng.uniform(Math.log(lo), Math.log(hi))) : rng.uniform(lo, hi);
    } else if (Number.isFinite(lo)) {
      p[j] = lo + (p0 - lo > 0 ? p0 - lo : Math.max(Math.abs(lo), 1)) * factor;
    } else if (Number.isFinite(hi)) {
      p[j] = hi - (hi - p0 > 0 ? hi - p0 : Math.max(Math.abs(hi), 1)) * factor;
    } else {
      p[j] = (p0 !== 0 ? p0 : 1) * factor;
    }
  }
  return p;
}

/**
 * A converged parameter that sits on its bound to within the transform's resolution (p − lo ≈ s·v²/2
 * with |v| < 1e-4) is put exactly on it, kept only if the sum of squares does not grow (beyond 1e-10
 * relative): reported values are then 0, not 2e-8, for a resistance the data drive to zero.
 */
function snapToBounds(solver: Solver, result: LeastSquaresResult): void {
  const { v, nFree } = solver;
  const saved = Float64Array.from(v);
  let any = false;
  for (let k = 0; k < nFree; k++) {
    if (!solver.onBound(k, v[k])) continue;
    const kind = solver.kind[solver.free[k]];
    v[k] = kind === 1 || kind === 2 ? 0 : Math.sin(v[k]) >= 0 ? Math.PI / 2 : -Math.PI / 2;
    any = true;
  }
  if (!any) return;
  const S = solver.evaluate(v, solver.r);
  if (!Number.isNaN(S) && S <= result.sumSquares * (1 + 1e-10) + 1e-300) {
    result.parameters = Float64Array.from(solver.x);
    result.residuals = Float64Array.from(solver.r);
    result.sumSquares = S;
    result.residualVariance = result.degreesOfFreedom > 0 ? S / result.degreesOfFreedom : NaN;
  } else {
    v.set(saved);
    solver.evaluate(v, solver.r);
  }
}

/**
 * Solves a bounded nonlinear least-squares problem by Levenberg–Marquardt (see the module comment).
 * Throws RangeError for a malformed problem (lengths, initial point outside bounds); otherwise always
 * returns, with `converged` telling whether the result is a fit.
 */
export function leastSquares(problem: LeastSquaresProblem, options: LeastSquaresOptions = {}): LeastSquaresResult {
  validate(problem);
  let nFree = 0;
  for (let j = 0; j < problem.initial.length; j++) if (!(problem.fixed?.[j] ?? false)) nFree++;
  const opts = resolveOptions(options, nFree);
  const solver = new Solver(problem, opts);
  let best = runOnce(solver, problem.initial, 0);
  let bestJac: Float64Array | null = null;
  let bestV: Float64Array | null = null;
  let bestScale: Float64Array | null = null;
  const all = [best.sumSquares];
  const ms = options.multiStart;
  if (ms && (ms.starts ?? 10) > 1) {
    bestJac = Float64Array.from(solver.jac);
    bestV = Float64Array.from(solver.v);
    bestScale = Float64Array.from(solver.scale);
    const rng = new SeededRandom(ms.seed ?? 1);
    const starts = ms.starts ?? 10;
    for (let s = 1; s < starts; s++) {
      const cand = runOnce(solver, randomStart(problem, rng, ms.spreadDecades ?? 1), s);
      all.push(cand.sumSquares);
      const better = (cand.converged && !best.converged) || (cand.converged === best.converged && cand.sumSquares < best.sumSquares);
      if (better) {
        best = cand;
        bestJac.set(solver.jac);
        bestV.set(solver.v);
        bestScale.set(solver.scale);
      }
    }
    // Restore the winner's state (its transform scales too) for the covariance.
    solver.jac.set(bestJac);
    solver.v.set(bestV);
    solver.scale.set(bestScale);
  }
  best.startSumSquares = all;
  if (best.converged) snapToBounds(solver, best);
  if (opts.covariance && best.converged) {
    // The Jacobian must be the one at the optimum: recompute it there.
    solver.toExternal(solver.v);
    solver.evaluate(solver.v, solver.r);
    if (solver.jacobianAt(solver.v, solver.r)) computeCovariance(solver, best);
    else best.covarianceNote = 'no covariance: the Jacobian is not finite at the optimum';
  } else if (!best.converged) {
    best.covarianceNote = 'no covariance: the fit did not converge';
  }
  return best;
}
