/**
 * The contract between a model (e.g. the P2D battery model) and the BDF solver (bdf.ts):
 * a fully implicit, index-1 DAE  F(t, y, y′) = 0  in residual form, as in SUNDIALS IDA.
 *
 * The model owns all its workspaces; every method writes into arrays it is given and allocates
 * nothing, so the solver's time loop allocates nothing either.
 *
 * Linear algebra: Newton's method needs J = ∂F/∂y + cj·∂F/∂y′ factored and solved. A model either
 * provides a band Jacobian (`jacobian` + bandwidths; the solver wraps it in a band LU), or its own
 * structured `linearSolver` (e.g. the P2D model eliminates each node's particle unknowns first and
 * factors the small block-tridiagonal remainder). The solver only ever talks to a DaeLinearSolver.
 */
import type { BandMatrix } from './band-matrix.js';

export interface DaeLinearSolver {
  /**
   * Form and factor J = ∂F/∂y + cj·∂F/∂y′ at (t, y, yp). Returns false when J is singular
   * (the solver then cuts the step or reports why it stopped).
   */
  setup(t: number, y: Float64Array, yp: Float64Array, cj: number): boolean;
  /** Solve J·x = b with the last factorisation, overwriting b with x. */
  solve(b: Float64Array): void;
  /**
   * Optional: the solver hands over its error-weight vector once (1/(rtol·|yᵢ|+atolᵢ), updated in
   * place every step), e.g. to size finite-difference increments. The array must not be written.
   */
  useErrorWeights?(ewt: Float64Array): void;
}

export interface DaeProblem {
  /** Number of unknowns. */
  readonly n: number;
  /** 1 where y[i] appears differentiated (y′[i] enters F), 0 for algebraic unknowns. */
  readonly differential: Uint8Array;

  /** out = F(t, y, yp). */
  residual(t: number, y: Float64Array, yp: Float64Array, out: Float64Array): void;

  /** Band-Jacobian route: bandwidths of J with the model's unknown ordering. */
  readonly lowerBandwidth?: number;
  readonly upperBandwidth?: number;
  /**
   * jac = ∂F/∂y + cj·∂F/∂y′ at (t, y, yp), written into the band matrix (the solver zeroes it first).
   * cj is the BDF coefficient α₀/h of the current order and step.
   */
  jacobian?(t: number, y: Float64Array, yp: Float64Array, cj: number, jac: BandMatrix): void;

  /** Structured route: the model's own linear solver (takes precedence over `jacobian`). */
  readonly linearSolver?: DaeLinearSolver;

  /** Number of event (root) functions; 0 or absent for none. */
  readonly nEvents?: number;
  /** out[k] = g_k(t, y, yp); the solver locates sign changes of each g_k. */
  events?(t: number, y: Float64Array, yp: Float64Array, out: Float64Array): void;
}
