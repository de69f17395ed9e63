/**
 * The contract between a model (e.g. the P2D battery model) and the BDF solver (bdf.ts):
 * a fully implicit, index-1 DAE  F(t, y, y′) = 0  in residual form, as in SUNDIALS IDA.
 *
 * The model owns all its workspaces; every method writes into arrays it is given and allocates
 * nothing, so the solver's time loop allocates nothing either.
 */
import type { BandMatrix } from './band-matrix.js';

export interface DaeProblem {
  /** Number of unknowns. */
  readonly n: number;
  /** Bandwidths of ∂F/∂y + c·∂F/∂y′ with the model's unknown ordering (node by node). */
  readonly lowerBandwidth: number;
  readonly upperBandwidth: number;
  /** 1 where y[i] appears differentiated (y′[i] enters F), 0 for algebraic unknowns. */
  readonly differential: Uint8Array;

  /** out = F(t, y, yp). */
  residual(t: number, y: Float64Array, yp: Float64Array, out: Float64Array): void;

  /**
   * jac = ∂F/∂y + cj·∂F/∂y′ at (t, y, yp), written into the band matrix (the solver zeroes it first).
   * cj is the BDF coefficient α₀/h of the current order and step.
   */
  jacobian(t: number, y: Float64Array, yp: Float64Array, cj: number, jac: BandMatrix): void;

  /** Number of event (root) functions; 0 or absent for none. */
  readonly nEvents?: number;
  /** out[k] = g_k(t, y, yp); the solver locates sign changes of each g_k. */
  events?(t: number, y: Float64Array, yp: Float64Array, out: Float64Array): void;
}
