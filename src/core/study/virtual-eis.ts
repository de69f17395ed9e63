/**
 * Virtual EIS: the small-signal impedance of the P2D model at a rest state, from the linearised DAE
 *
 *     (∂F/∂y + jω·∂F/∂y′)·δy = −∂F/∂I·δI,      δV = ∂V/∂y·δy + ∂V/∂I·δI,      Z(ω) = −δV/δI
 *
 * with the cell current density I (discharge positive) as the input and the terminal voltage as the
 * output, so Z is the impedance a potentiostat measures on the cell (Ω·m² of electrode area; the
 * minus sign because a discharge current lowers V). The double layer must be on (C_dl > 0): it makes
 * the potentials differential and gives the charge-transfer arc its capacitance.
 *
 * The Jacobians come from the model's analytic assembly (P2DModel.assembleJacobian into its
 * StructuredJacobian, expanded with toDense): J(cj = 0) = ∂F/∂y and J(cj = 1) − J(0) = ∂F/∂y′. The
 * alternative `jacobian: 'finite-difference'` forms the columns from the residual alone (central
 * differences for ∂F/∂y, exact differences for ∂F/∂y′ since F is linear in y′) and serves as the
 * independent check in the tests. Without the current (now an input) the unknowns are ordered node by
 * node, so the matrix is banded; the band is found from the sparsity and solved for every frequency
 * with a complex band LU (complex-band-lu.ts).
 * The state is an exact equilibrium: uniform concentrations at the chosen stoichiometry, I = 0.
 */
import { P2DModel, MODE_CURRENT, type DiscretisationOptions } from '../sim/p2d-model.js';
import { StructuredJacobian } from '../sim/p2d-linear-solver.js';
import type { CellParameters } from '../sim/parameters.js';
import { SolverError } from '../errors.js';
import { ComplexBandLU } from './complex-band-lu.js';

export interface VirtualEisOptions extends DiscretisationOptions {
  /** Frequencies, Hz. @default 10 per decade from 100 kHz to 1 mHz */
  frequenciesHz?: readonly number[];
  /** Double-layer capacitance of the positive's particle surface, F/m². @default 0.2 (20 µF/cm²) */
  doubleLayerFPerM2?: number;
  /** Positive stoichiometry of the rest state (c_s/c_max, uniform). @default the preset's initial state */
  positiveStoichiometry?: number;
  /** Where ∂F/∂y and ∂F/∂y′ come from. @default 'analytic' */
  jacobian?: 'analytic' | 'finite-difference';
  /** Factor with the full width (a dense complex LU) instead of the detected band: the benchmark's baseline. */
  denseSolve?: boolean;
}

export interface VirtualEisResult {
  frequencyHz: Float64Array;
  /** Z′ and Z″ in Ω·m² of electrode area (Z″ < 0 for capacitive behaviour). */
  zRealOhmM2: Float64Array;
  zImagOhmM2: Float64Array;
  /** The same in Ω for the preset's electrode area. */
  zRealOhm: Float64Array;
  zImagOhm: Float64Array;
  temperatureK: number;
  positiveStoichiometry: number;
  states: number;
  bandwidths: { lower: number; upper: number };
  /** Largest |F| of the rest state (an equilibrium: round-off only). */
  restResidual: number;
}

export function logFrequencies(fMaxHz: number, fMinHz: number, perDecade: number): number[] {
  const decades = Math.log10(fMaxHz / fMinHz);
  const n = Math.round(decades * perDecade) + 1;
  return Array.from({ length: n }, (_, k) => fMaxHz * Math.pow(10, -k / perDecade));
}

/** The parameter set with the double layer on and the positive at a uniform stoichiometry. */
export function eisParameters(p: CellParameters, doubleLayerFPerM2: number, stoichiometry?: number): CellParameters {
  const e = p.positive;
  return {
    ...p,
    positive: {
      ...e,
      doubleLayerFPerM2,
      cInitMolPerM3: stoichiometry === undefined ? e.cInitMolPerM3 : stoichiometry * e.cMaxMolPerM3,
    },
  };
}

export function virtualImpedance(params: CellParameters, opts: VirtualEisOptions = {}): VirtualEisResult {
  const cdl = opts.doubleLayerFPerM2 ?? 0.2;
  if (!(cdl > 0)) throw new SolverError('no double layer', `virtual EIS needs a double-layer capacitance > 0 F/m², found ${cdl}`);
  const p = eisParameters(params, cdl, opts.positiveStoichiometry);
  const model = new P2DModel(p, { cells: opts.cells ?? [1, 8, 12], shells: opts.shells ?? 16, xRefinement: opts.xRefinement, rRefinement: opts.rRefinement ?? 4 });
  model.mode = MODE_CURRENT;
  model.setPoint = 0;
  const n = model.n;
  const iI = model.layout.current;
  const m = n - 1; // unknowns without the current; the current is the last unknown (layout.ts)
  if (iI !== m) throw new SolverError('layout', `virtual EIS expects the current to be the last unknown (index ${m}), found ${iI}`);
  const y = new Float64Array(n);
  const yp = new Float64Array(n);
  model.initialState(y, 0);
  const f0 = new Float64Array(n);
  const fp = new Float64Array(n);
  const fm = new Float64Array(n);
  model.residual(0, y, yp, f0);
  let restResidual = 0;
  for (let i = 0; i < n; i++) restResidual = Math.max(restResidual, Math.abs(f0[i]));

  // Dense Jacobians over the m unknowns without the current (m ≤ a few hundred), the input column
  // −∂F/∂I as right-hand side (δI = 1 A/m²); the band is then found from the sparsity.
  const jy = new Float64Array(m * m);
  const jyp = new Float64Array(m * m);
  const b = new Float64Array(m);
  if ((opts.jacobian ?? 'analytic') === 'analytic') {
    const sj = new StructuredJacobian(model.layout);
    sj.zero();
    model.assembleJacobian(0, y, yp, 0, sj);
    const d0 = sj.toDense();
    sj.zero();
    model.assembleJacobian(0, y, yp, 1, sj);
    const d1 = sj.toDense();
    for (let i = 0; i < m; i++) {
      for (let k = 0; k < m; k++) {
        jy[i * m + k] = d0[i * n + k];
        jyp[i * m + k] = d1[i * n + k] - d0[i * n + k];
      }
      b[i] = -d0[i * n + m];
    }
  } else {
    const scale = (k: number): number => {
      if (model.isPotential(k)) return 1;
      const l = model.layout;
      for (let i = 0; i < l.nx; i++) if (l.jf[i] === k) return 1;
      return 1000;
    };
    for (let k = 0; k <= m; k++) {
      const h = 1e-6 * Math.max(Math.abs(y[k]), scale(k));
      const y0 = y[k];
      y[k] = y0 + h;
      model.residual(0, y, yp, fp);
      y[k] = y0 - h;
      model.residual(0, y, yp, fm);
      y[k] = y0;
      if (k === m) {
        for (let i = 0; i < m; i++) b[i] = -(fp[i] - fm[i]) / (2 * h);
        continue;
      }
      for (let i = 0; i < m; i++) jy[i * m + k] = (fp[i] - fm[i]) / (2 * h);
      yp[k] = 1;
      model.residual(0, y, yp, fp);
      yp[k] = 0;
      for (let i = 0; i < m; i++) jyp[i * m + k] = fp[i] - f0[i];
    }
  }
  // ∂V/∂y and ∂V/∂I (the voltage is linear in the state)
  const gV = new Float64Array(n);
  const v0 = model.voltage(y);
  for (let k = 0; k < n; k++) {
    const y0 = y[k];
    y[k] = y0 + 1;
    gV[k] = model.voltage(y) - v0;
    y[k] = y0;
  }
  let kl = 0;
  let ku = 0;
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      if (jy[i * m + k] === 0 && jyp[i * m + k] === 0) continue;
      if (i - k > kl) kl = i - k;
      if (k - i > ku) ku = k - i;
    }
  }
  if (opts.denseSolve) {
    kl = m - 1;
    ku = m - 1;
  }
  const freqs = opts.frequenciesHz ?? logFrequencies(1e5, 1e-3, 10);
  const nf = freqs.length;
  const out: VirtualEisResult = {
    frequencyHz: Float64Array.from(freqs),
    zRealOhmM2: new Float64Array(nf),
    zImagOhmM2: new Float64Array(nf),
    zRealOhm: new Float64Array(nf),
    zImagOhm: new Float64Array(nf),
    temperatureK: p.temperatureK,
    positiveStoichiometry: p.positive.cInitMolPerM3 / p.positive.cMaxMolPerM3,
    states: n,
    bandwidths: { lower: kl, upper: ku },
    restResidual,
  };
  const lu = new ComplexBandLU(m, kl, ku);
  const xr = new Float64Array(m);
  const xi = new Float64Array(m);
  for (let q = 0; q < nf; q++) {
    const w = 2 * Math.PI * freqs[q];
    lu.clear();
    for (let i = 0; i < m; i++) {
      const k0 = Math.max(0, i - kl);
      const k1 = Math.min(m - 1, i + ku);
      for (let k = k0; k <= k1; k++) {
        const a = jy[i * m + k];
        const c = jyp[i * m + k];
        if (a !== 0 || c !== 0) lu.set(i, k, a, w * c);
      }
    }
    if (!lu.factor()) throw new SolverError('singular', `virtual EIS: the linearised model is singular at ${freqs[q]} Hz`);
    xr.set(b);
    xi.fill(0);
    lu.solve(xr, xi);
    let dvr = gV[m];
    let dvi = 0;
    for (let k = 0; k < m; k++) {
      dvr += gV[k] * xr[k];
      dvi += gV[k] * xi[k];
    }
    out.zRealOhmM2[q] = -dvr;
    out.zImagOhmM2[q] = -dvi;
    out.zRealOhm[q] = -dvr / p.areaM2;
    out.zImagOhm[q] = -dvi / p.areaM2;
  }
  return out;
}
