/**
 * The P2D model's own DaeLinearSolver. The Jacobian J = ∂F/∂y + cj·∂F/∂y′ is held in structured form:
 *
 *   - per electrode cell, the particle's tridiagonal block T (shells), which couples to the rest of the
 *     system only through the cell's reaction current j: the surface shell's row has one entry in the
 *     j column (`pj`), and the j row has one entry in the surface-shell column (`jc`);
 *   - the reduced band matrix A over (c_e, φ_e, φ_s, j) per cell, node by node (bandwidth ≈ 5);
 *   - the border of the global current unknown I: its column `u`, its row `w`, its diagonal `d`.
 *
 * Factorisation: a forward Thomas sweep of each T gives its last pivot d′; eliminating the shells
 * (Schur complement) changes only the j diagonal, A[j,j] −= jc·pj/d′. A is then LU-factored (on the
 * diagonal, falling back to partial pivoting when that would be unstable: see reduced-band-lu.ts) and
 * the border handled by block elimination (z = A⁻¹u, s = d − w·z). A solve is a forward
 * sweep per particle, one band solve, a scalar, and back substitution per particle: O(n) work.
 * All workspaces are allocated once in the constructor.
 */
import { BandMatrix } from '../numerics/band-matrix.js';
import type { DaeLinearSolver } from '../numerics/dae-problem.js';
import type { StateLayout } from './layout.js';
import { ReducedBandLu } from './reduced-band-lu.js';
import { BdfKernels, type BdfKernelFunctions } from '../numerics/bdf-kernels.js';

export interface JacobianAssembler {
  /** Writes J at (t, y, yp, cj) into jac (after jac.zero()). */
  assembleJacobian(t: number, y: Float64Array, yp: Float64Array, cj: number, jac: StructuredJacobian): void;
}

export class StructuredJacobian {
  readonly band: BandMatrix;
  /** Particle tridiagonals, cell i shell k at i·nr + k: sub (k, k−1), diag, sup (k, k+1). */
  readonly sub: Float64Array;
  readonly diag: Float64Array;
  readonly sup: Float64Array;
  /** ∂(surface-shell row)/∂j and ∂(j row)/∂c_surface-shell, per cell. */
  readonly pj: Float64Array;
  readonly jc: Float64Array;
  /** Border of the current unknown I: column u, row w (reduced indices), corner d. */
  readonly u: Float64Array;
  readonly w: Float64Array;
  d = 0;

  /** @param alloc where the arrays live (default: ordinary Float64Arrays; the solver's WebAssembly memory). */
  constructor(
    readonly layout: StateLayout,
    alloc: (count: number) => Float64Array = (count) => new Float64Array(count),
  ) {
    const { nx, nr, nred } = layout;
    const kb = StructuredJacobian.bandwidth(layout);
    const nb = Math.max(1, nred);
    this.band = new BandMatrix(nb, kb, kb, alloc((3 * kb + 1) * nb));
    this.sub = alloc(nx * nr);
    this.diag = alloc(nx * nr);
    this.sup = alloc(nx * nr);
    this.pj = alloc(nx);
    this.jc = alloc(nx);
    this.u = alloc(nred);
    this.w = alloc(nred);
  }

  /**
   * Largest |row − col| of the couplings that exist: c_e and φ_e of a cell with c_e and φ_e of its
   * neighbours, φ_s with φ_s (j only couples within its own cell).
   */
  static bandwidth(l: StateLayout): number {
    let m = 3;
    for (let i = 0; i + 1 < l.nx; i++) {
      m = Math.max(m, l.redPhie[i + 1] - l.redCe[i]);
      if (l.redPhis[i] >= 0 && l.redPhis[i + 1] >= 0) m = Math.max(m, l.redPhis[i + 1] - l.redPhis[i]);
    }
    return m;
  }

  zero(): void {
    this.band.zero();
    this.sub.fill(0);
    this.diag.fill(0);
    this.sup.fill(0);
    this.pj.fill(0);
    this.jc.fill(0);
    this.u.fill(0);
    this.w.fill(0);
    this.d = 0;
  }

  /** The full n×n Jacobian as a dense row-major array (tests only). */
  toDense(): Float64Array {
    const l = this.layout;
    const n = l.n;
    const J = new Float64Array(n * n);
    const full = new Int32Array(l.nred);
    for (let i = 0; i < l.nx; i++) {
      full[l.redCe[i]] = l.ce[i];
      full[l.redPhie[i]] = l.phie[i];
      if (l.hasSolid[i]) {
        full[l.redPhis[i]] = l.phis[i];
        full[l.redJ[i]] = l.jf[i];
      }
    }
    for (let r = 0; r < l.nred; r++) {
      for (let c = 0; c < l.nred; c++) if (this.band.inBand(r, c)) J[full[r] * n + full[c]] = this.band.get(r, c);
      J[full[r] * n + l.current] = this.u[r];
      J[l.current * n + full[r]] = this.w[r];
    }
    J[l.current * n + l.current] = this.d;
    for (let i = 0; i < l.nx; i++) {
      if (!l.hasSolid[i]) continue;
      const o = l.cs0[i];
      for (let k = 0; k < l.nr; k++) {
        const q = i * l.nr + k;
        J[(o + k) * n + o + k] = this.diag[q];
        if (k > 0) J[(o + k) * n + o + k - 1] = this.sub[q];
        if (k < l.nr - 1) J[(o + k) * n + o + k + 1] = this.sup[q];
      }
      J[(o + l.nr - 1) * n + l.jf[i]] = this.pj[i];
      J[l.jf[i] * n + o + l.nr - 1] = this.jc[i];
    }
    return J;
  }
}

export class P2DLinearSolver implements DaeLinearSolver {
  readonly jac: StructuredJacobian;
  private readonly lu: ReducedBandLu;
  /** Thomas multipliers and pivots per shell. */
  private readonly mult: Float64Array;
  /** Reciprocals of the Thomas pivots (multiplying is cheaper than dividing in the recurrences). */
  private readonly piv: Float64Array;
  /** Electrode cells (those with particles), and their particles' first full-vector index. */
  private readonly solidCells: Int32Array;
  /** Per electrode cell: offset of its particle in the particle arrays (i·nr) and in the state (cs0). */
  private readonly q0: Int32Array;
  private readonly o0: Int32Array;
  private readonly z: Float64Array;
  private readonly rr: Float64Array;
  private s = 1;
  /**
   * The solve in WebAssembly (asm/bdf-kernels.ts `p2dSolve`): the factorisation's arrays live in the
   * kernels' memory, b is copied in and out (native copies of n values). Null: the TypeScript solve.
   */
  private readonly kernels: BdfKernelFunctions | null = null;
  private readonly kernelB: Float64Array | null = null;
  private readonly descriptor: Int32Array | null = null;
  /** Counters for benchmarks. */
  setups = 0;
  solves = 0;

  /**
   * @param alwaysPivot always factor the reduced band with partial pivoting (benchmark baseline).
   * @param kernels 'wasm' (default): solve in WebAssembly where available; 'js': always TypeScript.
   */
  constructor(
    private readonly model: JacobianAssembler,
    private readonly layout: StateLayout,
    alwaysPivot = false,
    kernels: 'wasm' | 'js' = 'wasm',
  ) {
    const { nx, nr, n } = layout;
    const nb = Math.max(1, layout.nred);
    const kb = StructuredJacobian.bandwidth(layout);
    const doubles = (3 * kb + 1) * nb + 5 * nx * nr + 2 * nx + 5 * nb + n;
    const ints = 12 * nx + 40;
    const wasm = kernels === 'js' ? null : BdfKernels.create(doubles + (ints >> 1) + 1, 32);
    const f64 = (count: number): Float64Array => (wasm === null ? new Float64Array(count) : wasm.alloc(count));
    const i32 = (values: ArrayLike<number>): Int32Array => {
      const a = wasm === null ? new Int32Array(values.length) : wasm.allocInt32(values.length);
      a.set(values);
      return a;
    };
    this.jac = new StructuredJacobian(layout, f64);
    this.lu = new ReducedBandLu(this.jac.band, alwaysPivot, f64);
    this.mult = f64(nx * nr);
    this.piv = f64(nx * nr);
    const cells: number[] = [];
    for (let i = 0; i < nx; i++) if (layout.hasSolid[i]) cells.push(i);
    this.solidCells = i32(cells);
    this.q0 = i32(cells.map((i) => i * nr));
    this.o0 = i32(cells.map((i) => layout.cs0[i]));
    this.z = f64(nb);
    this.rr = f64(nb);
    if (wasm !== null) {
      const b = f64(n);
      const J = this.jac;
      const at = (a: Float64Array | Int32Array): number => a.byteOffset;
      const l = layout;
      this.descriptor = i32([
        n, nx, nr, l.nred, cells.length, J.band.kl, J.band.ku, J.band.ldab, l.current,
        at(b), at(this.rr), at(i32(l.ce)), at(i32(l.phie)), at(i32(l.phis)), at(i32(l.jf)),
        at(i32(l.redCe)), at(i32(l.redPhie)), at(i32(l.redPhis)), at(i32(l.redJ)),
        at(this.solidCells), at(this.q0), at(this.o0),
        at(this.mult), at(this.piv), at(J.sup), at(J.jc), at(J.pj), at(J.band.data), at(this.lu.reciprocalDiagonal), at(J.w), at(this.z),
      ]);
      this.kernels = wasm.fn;
      this.kernelB = b;
    }
  }

  /** Reduced-band factorisations that needed partial pivoting, and the rows they interchanged. */
  get pivotedFactorisations(): number {
    return this.lu.pivotedFactorisations;
  }
  get rowSwaps(): number {
    return this.lu.rowSwaps;
  }

  setup(t: number, y: Float64Array, yp: Float64Array, cj: number): boolean {
    this.setups++;
    const J = this.jac;
    J.zero();
    this.model.assembleJacobian(t, y, yp, cj, J);
    return this.factor();
  }

  /** Factors the structured Jacobian currently in `jac`. */
  factor(): boolean {
    const J = this.jac;
    const l = this.layout;
    const nr = l.nr;
    const sub = J.sub;
    const diag = J.diag;
    const sup = J.sup;
    const mult = this.mult;
    const piv = this.piv;
    const band = J.band;
    const q0 = this.q0;
    const cells = this.solidCells;
    for (let s = 0; s < cells.length; s++) {
      const i = cells[s];
      const b = q0[s];
      let dprev = diag[b];
      if (dprev === 0 || !Number.isFinite(dprev)) return false;
      piv[b] = 1 / dprev;
      for (let k = 1; k < nr; k++) {
        const m = sub[b + k] * piv[b + k - 1];
        mult[b + k] = m;
        dprev = diag[b + k] - m * sup[b + k - 1];
        if (dprev === 0 || !Number.isFinite(dprev)) return false;
        piv[b + k] = 1 / dprev;
      }
      const rj = l.redJ[i];
      band.add(rj, rj, (-J.jc[i] * J.pj[i]) / dprev);
    }
    if (!this.lu.factor()) return false;
    const z = this.z;
    z.set(J.u);
    this.lu.solve(z);
    let s = J.d;
    for (let r = 0; r < l.nred; r++) s -= J.w[r] * z[r];
    if (s === 0 || !Number.isFinite(s)) return false;
    this.s = s;
    return true;
  }

  solve(b: Float64Array): void {
    this.solves++;
    if (this.kernels !== null && !this.lu.lastPivoted && this.layout.nred > 0) {
      const kb = this.kernelB as Float64Array;
      kb.set(b);
      this.kernels.p2dSolve((this.descriptor as Int32Array).byteOffset, this.s);
      b.set(kb);
      return;
    }
    const J = this.jac;
    const l = this.layout;
    const nr = l.nr;
    const nx = l.nx;
    const mult = this.mult;
    const piv = this.piv;
    const rr = this.rr;
    const ce = l.ce;
    const phie = l.phie;
    const phis = l.phis;
    const jf = l.jf;
    const redCe = l.redCe;
    const redPhie = l.redPhie;
    const redPhis = l.redPhis;
    const redJ = l.redJ;
    const jc = J.jc;
    const pj = J.pj;
    const sup = J.sup;
    const cells = this.solidCells;
    const ns = cells.length;
    for (let i = 0; i < nx; i++) {
      rr[redCe[i]] = b[ce[i]];
      rr[redPhie[i]] = b[phie[i]];
    }
    const q0 = this.q0;
    const o0 = this.o0;
    // Forward sweeps two particles at a time: each sweep is one chain of dependent multiply-subtracts
    // (latency-bound), so running two chains in one loop nearly halves its time.
    let s = 0;
    for (; s + 1 < ns; s += 2) {
      const oa = o0[s];
      const qa = q0[s];
      const ob = o0[s + 1];
      const qb = q0[s + 1];
      let pa = b[oa];
      let pb = b[ob];
      for (let k = 1; k < nr; k++) {
        pa = b[oa + k] - mult[qa + k] * pa;
        b[oa + k] = pa;
        pb = b[ob + k] - mult[qb + k] * pb;
        b[ob + k] = pb;
      }
    }
    for (; s < ns; s++) {
      const o = o0[s];
      const q = q0[s];
      let prev = b[o];
      for (let k = 1; k < nr; k++) {
        prev = b[o + k] - mult[q + k] * prev;
        b[o + k] = prev;
      }
    }
    for (let s = 0; s < ns; s++) {
      const i = cells[s];
      rr[redPhis[i]] = b[phis[i]];
      rr[redJ[i]] = b[jf[i]] - jc[i] * b[o0[s] + nr - 1] * piv[q0[s] + nr - 1];
    }
    this.lu.solve(rr);
    const nred = l.nred;
    const w = J.w;
    let wx = 0;
    for (let r = 0; r < nred; r++) wx += w[r] * rr[r];
    const dI = (b[l.current] - wx) / this.s;
    b[l.current] = dI;
    if (dI !== 0) {
      const z = this.z;
      for (let r = 0; r < nred; r++) rr[r] -= z[r] * dI;
    }
    for (let i = 0; i < nx; i++) {
      b[ce[i]] = rr[redCe[i]];
      b[phie[i]] = rr[redPhie[i]];
    }
    for (let s = 0; s < ns; s++) {
      const i = cells[s];
      b[phis[i]] = rr[redPhis[i]];
      const dj = rr[redJ[i]];
      b[jf[i]] = dj;
      const o = o0[s] + nr - 1;
      b[o] = (b[o] - pj[i] * dj) * piv[q0[s] + nr - 1];
    }
    // back substitution, two particles at a time (as the forward sweeps)
    let t = 0;
    for (; t + 1 < ns; t += 2) {
      const oa = o0[t];
      const qa = q0[t];
      const ob = o0[t + 1];
      const qb = q0[t + 1];
      let na = b[oa + nr - 1];
      let nb = b[ob + nr - 1];
      for (let k = nr - 2; k >= 0; k--) {
        na = (b[oa + k] - sup[qa + k] * na) * piv[qa + k];
        b[oa + k] = na;
        nb = (b[ob + k] - sup[qb + k] * nb) * piv[qb + k];
        b[ob + k] = nb;
      }
    }
    for (; t < ns; t++) {
      const o = o0[t];
      const q = q0[t];
      let next = b[o + nr - 1];
      for (let k = nr - 2; k >= 0; k--) {
        next = (b[o + k] - sup[q + k] * next) * piv[q + k];
        b[o + k] = next;
      }
    }
  }
}
