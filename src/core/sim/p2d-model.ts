/**
 * The P2D (Doyle–Fuller–Newman) model as a DaeProblem: residual F(t, y, y′) = 0, analytic Jacobian
 * into the structured linear solver (p2d-linear-solver.ts), and event functions. The equations and
 * their sources are in equations.md; the discretisation is cell-centred finite volumes in x and r
 * (conservative: every flux is computed once per face and enters its two cells with opposite signs).
 */
import type { DaeProblem } from '../numerics/dae-problem.js';
import { FARADAY as F, GAS_CONSTANT } from '../units.js';
import { arrheniusFactor } from './arrhenius.js';
import { buildLayout, type StateLayout } from './layout.js';
import { buildRMesh, buildXMesh, DOMAIN_POSITIVE, DOMAIN_SEPARATOR, type RMesh, type XMesh } from './mesh.js';
import type { CellParameters, LithiumFoil, MaterialFunction, PorousElectrode } from './parameters.js';
import { TabulatedFunction } from './tabulated-function.js';
import { BdfKernels, type BdfKernelFunctions } from '../numerics/bdf-kernels.js';
import { P2DLinearSolver, type JacobianAssembler, type StructuredJacobian } from './p2d-linear-solver.js';

export interface DiscretisationOptions {
  /** Cells per domain [negative, separator, positive] (negative ignored for a Li foil). Default 20 each. */
  cells?: [number, number, number];
  /** Shells per particle. Default 20. */
  shells?: number;
  /** Grading ratio toward domain interfaces (1 = uniform). */
  xRefinement?: number;
  /** Grading ratio toward the particle surface (1 = uniform). */
  rRefinement?: number;
  /**
   * Evaluate each electrode's open-circuit potential through a cubic table of itself, checked to
   * 1e-9 V at construction (tabulated-function.ts; a function that fails the check is used as is).
   * Default true: the OCP fits are the costliest part of the residual.
   */
  tabulateOcp?: boolean;
  /**
   * 'wasm' (default): the BDF's vector passes and the structured linear solve run in WebAssembly
   * where available (numerics/bdf-kernels.ts); 'js': the same algorithms in TypeScript.
   */
  kernels?: 'wasm' | 'js';
}

/** How the current unknown is closed. */
export const MODE_CURRENT = 0;
export const MODE_VOLTAGE = 1;
export const MODE_POWER = 2;

/** Event indices. */
export const EVENT_VMIN = 0;
export const EVENT_VMAX = 1;
export const EVENT_CURRENT_CUTOFF = 2;
export const EVENT_ELECTROLYTE_DEPLETED = 3;
export const EVENT_SURFACE_EMPTY = 4;
export const EVENT_SURFACE_FULL = 5;
export const EVENT_COUNT = 6;

/** Smallest concentration fed to square roots and logarithms (mol/m³): keeps F finite; events stop runs long before. */
const C_FLOOR = 1e-6;
/** Largest exponent in Butler–Volmer terms (avoids Infinity; 200 F/RT·η ≈ 5 V of overpotential). */
const EXP_CAP = 200;

function cappedExp(x: number): number {
  return Math.exp(x > EXP_CAP ? EXP_CAP : x < -EXP_CAP ? -EXP_CAP : x);
}

export class P2DModel implements DaeProblem, JacobianAssembler {
  readonly n: number;
  readonly differential: Uint8Array;
  readonly nEvents = EVENT_COUNT;
  readonly linearSolver: P2DLinearSolver;
  readonly layout: StateLayout;
  readonly mesh: XMesh;
  readonly rmesh: RMesh;
  readonly params: CellParameters;
  readonly liMetal: boolean;

  // ---- operating point (set by the experiment driver) ----
  mode = MODE_CURRENT;
  /** Set point: I (A/m²), V (V) or P (W/m²) depending on mode. */
  setPoint = 0;
  /** Linear sweep (CV) in voltage mode: the set point is setPoint + sweepRate·(t − sweepStartS); V/s, 0 = a hold. */
  sweepRate = 0;
  sweepStartS = 0;
  vMin = -Infinity;
  vMax = Infinity;
  /** |I| below which a CV hold ends (A/m²); 0 = never. */
  currentCutoff = 0;
  /** Electrolyte depletion threshold, mol/m³. */
  ceMin = 1;
  /** Surface stoichiometry limits. */
  stoMin = 1e-3;
  stoMax = 1 - 1e-3;

  // ---- constants ----
  private readonly T: number;
  private readonly fRT: number;
  private readonly tPlus: number;
  /** 2RT/F·(1 − t⁺)·TF: diffusion-potential coefficient. */
  private readonly kD: number;
  private readonly kappaArr: number;
  private readonly deArr: number;
  private readonly kappaFn: MaterialFunction;
  private readonly deFn: MaterialFunction;
  // per cell
  private readonly dx: Float64Array;
  private readonly eps: Float64Array;
  private readonly epsBrug: Float64Array;
  private readonly aSpec: Float64Array;
  private readonly sigmaEff: Float64Array;
  private readonly ionicEff: Float64Array;
  private readonly electrodeOf: (PorousElectrode | null)[];
  /** Per cell: the OCP the residual and Jacobian evaluate (the electrode's, or its checked table). */
  private readonly ocpOf: MaterialFunction[];
  private readonly ocpNeg: MaterialFunction | null;
  private readonly ocpPos: MaterialFunction;
  private readonly k0: Float64Array;
  private readonly dsArr: Float64Array;
  private readonly cdl: Float64Array;
  /** Face conductances that do not depend on the state: solid (S/m²) and ionic-solid path. */
  private readonly gSolid: Float64Array;
  private readonly gIonic: Float64Array;
  /** Half-cell conductance factor 1/(dx/2). */
  private readonly halfInv: Float64Array;
  // Li-metal foil
  private readonly foil: LithiumFoil | null;
  private readonly foilI0: number;
  private readonly foilResistance: number;
  /** Voltage = φ_s(last cell) − vI·I. */
  private readonly vI: number;

  // ---- workspaces ----
  private readonly deff: Float64Array;
  private readonly ddeff: Float64Array;
  private readonly keff: Float64Array;
  private readonly dkeff: Float64Array;
  private readonly lnc: Float64Array;
  private readonly gD: Float64Array;
  private readonly gK: Float64Array;
  private readonly nFlux: Float64Array;
  private readonly iLiq: Float64Array;
  private readonly iTot: Float64Array;
  private readonly iSol: Float64Array;
  private readonly dsFace: Float64Array;
  /** Per cell and inner face k+½ (k < nr−1): ρ²·D_s/(Δρ·R²) when D_s is constant, else NaN. */
  private readonly pCoef: Float64Array;
  private readonly constD: Uint8Array;
  /** D_s·(Arrhenius factor) per cell where D_s is constant (the surface-concentration extrapolation). */
  private readonly dsConst: Float64Array;
  private readonly potentialMask: Uint8Array;
  /**
   * The particle rows of the residual (constant D_s) in WebAssembly (asm/bdf-kernels.ts
   * `particleResidual`): y, y′ and F are copied into its memory and back (native copies). Null: the
   * TypeScript loop in `residual`.
   */
  private readonly particleKernel: { fn: BdfKernelFunctions; y: Float64Array; yp: Float64Array; out: Float64Array; descriptor: Int32Array } | null = null;

  constructor(params: CellParameters, opts: DiscretisationOptions = {}) {
    this.params = params;
    const cells = opts.cells ?? [20, 20, 20];
    const nr = opts.shells ?? 20;
    const neg = params.negative;
    this.liMetal = neg.kind === 'li-metal';
    this.foil = neg.kind === 'li-metal' ? neg : null;
    this.mesh = buildXMesh({
      lengths: [neg.kind === 'porous' ? neg.thicknessM : 0, params.separator.thicknessM, params.positive.thicknessM],
      cells,
      refinement: opts.xRefinement ?? 1,
    });
    this.rmesh = buildRMesh(nr, opts.rRefinement ?? 1);
    this.layout = buildLayout(this.mesh, nr, neg.kind === 'porous');
    const l = this.layout;
    this.n = l.n;
    const nx = l.nx;
    const T = params.temperatureK;
    const Tref = params.referenceTemperatureK;
    this.T = T;
    this.fRT = F / (GAS_CONSTANT * T);
    const el = params.electrolyte;
    this.tPlus = el.transferenceNumber;
    this.kD = ((2 * GAS_CONSTANT * T) / F) * (1 - el.transferenceNumber) * el.thermodynamicFactor;
    this.kappaArr = arrheniusFactor(el.conductivityActivationEnergyJPerMol, T, Tref);
    this.deArr = arrheniusFactor(el.diffusivityActivationEnergyJPerMol, T, Tref);
    this.kappaFn = el.conductivity;
    this.deFn = el.diffusivity;

    this.dx = this.mesh.dx;
    this.eps = new Float64Array(nx);
    this.epsBrug = new Float64Array(nx);
    this.aSpec = new Float64Array(nx);
    this.sigmaEff = new Float64Array(nx);
    this.ionicEff = new Float64Array(nx);
    this.k0 = new Float64Array(nx);
    this.dsArr = new Float64Array(nx);
    this.cdl = new Float64Array(nx);
    this.halfInv = new Float64Array(nx);
    this.electrodeOf = new Array<PorousElectrode | null>(nx).fill(null);
    this.ocpOf = new Array<MaterialFunction>(nx);
    const tabulate = opts.tabulateOcp ?? true;
    this.ocpNeg = neg.kind === 'porous' ? (tabulate ? TabulatedFunction.cached(neg.ocp, 0, 1) : neg.ocp) : null;
    this.ocpPos = tabulate ? TabulatedFunction.cached(params.positive.ocp, 0, 1) : params.positive.ocp;
    this.differential = new Uint8Array(this.n);
    for (let i = 0; i < nx; i++) {
      const d = this.mesh.domain[i];
      this.halfInv[i] = 2 / this.dx[i];
      let porosity: number;
      let brug: number;
      if (d === DOMAIN_SEPARATOR) {
        porosity = params.separator.porosity;
        brug = params.separator.bruggemanElectrolyte;
      } else {
        const e = d === DOMAIN_POSITIVE ? params.positive : (neg as PorousElectrode);
        this.electrodeOf[i] = e;
        this.ocpOf[i] = (d === DOMAIN_POSITIVE ? this.ocpPos : this.ocpNeg) as MaterialFunction;
        porosity = e.porosity;
        brug = e.bruggemanElectrolyte;
        this.aSpec[i] = (3 * e.activeFraction) / e.particleRadiusM;
        this.sigmaEff[i] = e.solidConductivitySPerM * Math.pow(e.solidBruggemanFraction, e.solidBruggeman);
        this.k0[i] = e.kinetics.rateConstant * arrheniusFactor(e.kinetics.activationEnergyJPerMol, T, Tref);
        this.dsArr[i] = arrheniusFactor(e.diffusivityActivationEnergyJPerMol, T, Tref);
        this.cdl[i] = e.doubleLayerFPerM2;
        if (e.ionicSolid) {
          const s = e.ionicSolid;
          this.ionicEff[i] =
            s.conductivitySPerM * Math.pow(s.volumeFraction, s.bruggeman) * arrheniusFactor(s.activationEnergyJPerMol, T, Tref);
        }
      }
      this.eps[i] = porosity;
      this.epsBrug[i] = Math.pow(porosity, brug);
      this.differential[l.ce[i]] = 1;
      if (l.hasSolid[i]) {
        for (let k = 0; k < nr; k++) this.differential[l.cs0[i] + k] = 1;
        if (this.cdl[i] > 0) {
          this.differential[l.phis[i]] = 1;
          this.differential[l.phie[i]] = 1;
        }
      }
    }
    this.gSolid = new Float64Array(nx + 1);
    this.gIonic = new Float64Array(nx + 1);
    for (let f = 1; f < nx; f++) {
      const a = f - 1;
      const b = f;
      if (l.hasSolid[a] && l.hasSolid[b] && this.mesh.domain[a] === this.mesh.domain[b]) {
        this.gSolid[f] = 1 / (this.dx[a] / (2 * this.sigmaEff[a]) + this.dx[b] / (2 * this.sigmaEff[b]));
      }
      if (this.ionicEff[a] > 0 && this.ionicEff[b] > 0) {
        this.gIonic[f] = 1 / (this.dx[a] / (2 * this.ionicEff[a]) + this.dx[b] / (2 * this.ionicEff[b]));
      }
    }
    if (this.foil) {
      this.foilI0 = this.foil.exchangeCurrentAPerM2 * arrheniusFactor(this.foil.activationEnergyJPerMol, T, Tref);
      this.foilResistance = this.foil.thicknessM / this.foil.conductivitySPerM;
    } else {
      this.foilI0 = 0;
      this.foilResistance = 0;
    }
    this.vI = this.dx[nx - 1] / (2 * this.sigmaEff[nx - 1]) + this.foilResistance;

    this.deff = new Float64Array(nx);
    this.ddeff = new Float64Array(nx);
    this.keff = new Float64Array(nx);
    this.dkeff = new Float64Array(nx);
    this.lnc = new Float64Array(nx);
    this.gD = new Float64Array(nx + 1);
    this.gK = new Float64Array(nx + 1);
    this.nFlux = new Float64Array(nx + 1);
    this.iLiq = new Float64Array(nx + 1);
    this.iTot = new Float64Array(nx + 1);
    this.iSol = new Float64Array(nx + 1);
    this.dsFace = new Float64Array(nr + 1);
    this.pCoef = new Float64Array(nx * nr);
    this.constD = new Uint8Array(nx);
    this.dsConst = new Float64Array(nx);
    for (let i = 0; i < nx; i++) {
      const e = this.electrodeOf[i];
      if (!e || e.diffusivity.constantValue === undefined) continue;
      this.constD[i] = 1;
      const D = e.diffusivity.constantValue * this.dsArr[i];
      this.dsConst[i] = D;
      const R = e.particleRadiusM;
      for (let k = 0; k + 1 < nr; k++) {
        const rf = this.rmesh.rf[k + 1];
        this.pCoef[i * nr + k] = (rf * rf * D) / ((this.rmesh.rc[k + 1] - this.rmesh.rc[k]) * R * R);
      }
    }
    this.potentialMask = new Uint8Array(this.n);
    for (let i = 0; i < nx; i++) {
      this.potentialMask[l.phie[i]] = 1;
      if (l.phis[i] >= 0) this.potentialMask[l.phis[i]] = 1;
    }
    this.linearSolver = new P2DLinearSolver(this, l, false, opts.kernels ?? 'wasm');
    const kernelCells: number[] = [];
    for (let i = 0; i < nx; i++) if (this.constD[i]) kernelCells.push(i);
    if ((opts.kernels ?? 'wasm') === 'wasm' && kernelCells.length > 0) {
      const m = kernelCells.length;
      const kern = BdfKernels.create(3 * this.n + nx * nr + nr + m + 2 * m + 16, 16);
      if (kern !== null) {
        const ints = (values: number[]): Int32Array => {
          const a = kern.allocInt32(values.length);
          a.set(values);
          return a;
        };
        const ky = kern.alloc(this.n);
        const kyp = kern.alloc(this.n);
        const kout = kern.alloc(this.n);
        const fr = kern.alloc(m);
        kernelCells.forEach((i, t) => (fr[t] = F * (this.electrodeOf[i] as PorousElectrode).particleRadiusM));
        const pc = kern.alloc(nx * nr);
        pc.set(this.pCoef);
        const vol = kern.alloc(nr);
        vol.set(this.rmesh.vol);
        const at = (a: Float64Array | Int32Array): number => a.byteOffset;
        const descriptor = ints([
          m, nr, at(ky), at(kyp), at(kout),
          at(ints(kernelCells.map((i) => l.cs0[i]))), at(ints(kernelCells.map((i) => i * nr))), at(ints(kernelCells.map((i) => l.jf[i]))),
          at(fr), at(pc), at(vol),
        ]);
        this.particleKernel = { fn: kern.fn, y: ky, yp: kyp, out: kout, descriptor };
      }
    }
  }

  /** Terminal voltage from the state: φ_s at the positive current collector minus the negative's (0). */
  voltage(y: Float64Array): number {
    const l = this.layout;
    return y[l.phis[l.nx - 1]] - this.vI * y[l.current];
  }

  /** Electrolyte properties per cell and face conductances (shared by residual and Jacobian). */
  private electrolyteFaces(y: Float64Array, derivatives: boolean): void {
    const l = this.layout;
    const nx = l.nx;
    for (let i = 0; i < nx; i++) {
      const craw = y[l.ce[i]];
      const c = craw > C_FLOOR ? craw : C_FLOOR;
      const eb = this.epsBrug[i];
      this.deff[i] = this.deFn.f(c) * this.deArr * eb;
      this.keff[i] = this.kappaFn.f(c) * this.kappaArr * eb;
      if (derivatives) {
        this.ddeff[i] = craw > C_FLOOR ? this.deFn.df(c) * this.deArr * eb : 0;
        this.dkeff[i] = craw > C_FLOOR ? this.kappaFn.df(c) * this.kappaArr * eb : 0;
      }
      this.lnc[i] = Math.log(c);
    }
    for (let f = 1; f < nx; f++) {
      const a = f - 1;
      const hA = this.dx[a] / 2;
      const hB = this.dx[f] / 2;
      this.gD[f] = 1 / (hA / this.deff[a] + hB / this.deff[f]);
      this.gK[f] = 1 / (hA / this.keff[a] + hB / this.keff[f]);
    }
  }

  /** Li-foil: electrolyte potential at the foil surface, from Butler–Volmer (α = ½) and film resistance. */
  private foilPotential(I: number, ce0: number): number {
    const foil = this.foil as LithiumFoil;
    const c = ce0 > C_FLOOR ? ce0 : C_FLOOR;
    const i0 = this.foilI0 * Math.pow(c / foil.referenceConcentrationMolPerM3, foil.concentrationExponent);
    return -I * foil.filmResistanceOhmM2 - (2 / this.fRT) * Math.asinh(I / (2 * i0));
  }

  residual(t: number, y: Float64Array, yp: Float64Array, out: Float64Array): void {
    const l = this.layout;
    const nx = l.nx;
    const nr = l.nr;
    const I = y[l.current];
    this.electrolyteFaces(y, false);
    const nF = this.nFlux;
    const iL = this.iLiq;
    const iT = this.iTot;
    const iS = this.iSol;
    // ---- face fluxes ----
    for (let f = 1; f < nx; f++) {
      const a = f - 1;
      const dphi = y[l.phie[f]] - y[l.phie[a]];
      nF[f] = -this.gD[f] * (y[l.ce[f]] - y[l.ce[a]]);
      iL[f] = this.gK[f] * (-dphi + this.kD * (this.lnc[f] - this.lnc[a]));
      iT[f] = iL[f] - this.gIonic[f] * dphi;
      iS[f] = this.gSolid[f] > 0 ? -this.gSolid[f] * (y[l.phis[f]] - y[l.phis[a]]) : 0;
    }
    nF[nx] = 0;
    iL[nx] = 0;
    iT[nx] = 0;
    iS[nx] = I;
    if (this.foil) {
      const phi0 = this.foilPotential(I, y[l.ce[0]]);
      nF[0] = ((1 - this.tPlus) * I) / F;
      iL[0] = this.keff[0] * this.halfInv[0] * (phi0 - y[l.phie[0]]);
      iT[0] = iL[0];
      iS[0] = 0;
    } else {
      nF[0] = 0;
      iL[0] = 0;
      iT[0] = 0;
      iS[0] = -this.sigmaEff[0] * this.halfInv[0] * y[l.phis[0]];
    }
    const oneMinusTpOverF = (1 - this.tPlus) / F;
    // ---- cell balances ----
    for (let i = 0; i < nx; i++) {
      const dx = this.dx[i];
      out[l.ce[i]] = this.eps[i] * dx * yp[l.ce[i]] + (nF[i + 1] - nF[i]) - oneMinusTpOverF * (iL[i + 1] - iL[i]);
      out[l.phie[i]] = iT[i + 1] - iT[i];
      if (!l.hasSolid[i]) continue;
      const e = this.electrodeOf[i] as PorousElectrode;
      const ip = l.phis[i];
      const ij = l.jf[i];
      const j = y[ij];
      const cdlTerm = this.cdl[i] > 0 ? this.cdl[i] * (yp[ip] - yp[l.phie[i]]) : 0;
      const src = this.aSpec[i] * dx * (j + cdlTerm);
      out[l.phie[i]] -= src;
      out[ip] = iS[i + 1] - iS[i] + src;
      // ---- particle (normalised radius; rows divided by R³) ----
      const o = l.cs0[i];
      const R = e.particleRadiusM;
      const cmax = e.cMaxMolPerM3;
      const rm = this.rmesh;
      const dsa = this.dsArr[i];
      const vol = rm.vol;
      if (this.constD[i]) {
        // with the WebAssembly kernel, all constant-D_s particles are done at once after this loop
        if (this.particleKernel === null) {
          const pc = this.pCoef;
          const q0 = i * nr;
          let qPrev = 0;
          let yk = y[o];
          for (let k = 0; k < nr - 1; k++) {
            const yk1 = y[o + k + 1];
            const q = -pc[q0 + k] * (yk1 - yk);
            out[o + k] = vol[k] * yp[o + k] + q - qPrev;
            qPrev = q;
            yk = yk1;
          }
          out[o + nr - 1] = vol[nr - 1] * yp[o + nr - 1] + j / (F * R) - qPrev;
        }
      } else {
        const ds = this.dsFace;
        for (let k = 1; k < nr; k++) {
          const dA = e.diffusivity.f(y[o + k - 1] / cmax);
          const dB = e.diffusivity.f(y[o + k] / cmax);
          ds[k] = 0.5 * (dA + dB) * dsa;
        }
        let qPrev = 0; // ρ²·q at the inner face (centre: 0)
        for (let k = 0; k < nr; k++) {
          let q: number;
          if (k < nr - 1) {
            const rf = rm.rf[k + 1];
            q = (-rf * rf * ds[k + 1] * (y[o + k + 1] - y[o + k])) / ((rm.rc[k + 1] - rm.rc[k]) * R * R);
          } else {
            q = j / (F * R);
          }
          out[o + k] = vol[k] * yp[o + k] + q - qPrev;
          qPrev = q;
        }
      }
      // ---- kinetics ----
      const cN = y[o + nr - 1];
      const dsN = this.constD[i] ? this.dsConst[i] : e.diffusivity.f(cN / cmax) * dsa;
      const csurf = cN - (j / F) * ((1 - rm.rc[nr - 1]) * R) / dsN;
      const cs = csurf < C_FLOOR ? C_FLOOR : csurf > cmax - C_FLOOR ? cmax - C_FLOOR : csurf;
      const cec = y[l.ce[i]] > C_FLOOR ? y[l.ce[i]] : C_FLOOR;
      const i0 = this.k0[i] * Math.sqrt(cec * cs * (cmax - cs));
      const eta = y[ip] - y[l.phie[i]] - this.ocpOf[i].f(cs / cmax) - j * e.filmResistanceOhmM2;
      const aa = e.kinetics.alpha;
      // symmetric kinetics (α = ½, the common case): one exponential instead of two
      const ea = cappedExp(aa * this.fRT * eta);
      const ec = aa === 0.5 ? 1 / ea : cappedExp(-(1 - aa) * this.fRT * eta);
      out[ij] = j - i0 * (ea - ec);
    }
    if (this.particleKernel !== null) {
      const pk = this.particleKernel;
      pk.y.set(y);
      pk.yp.set(yp);
      pk.out.set(out);
      pk.fn.particleResidual(pk.descriptor.byteOffset);
      out.set(pk.out);
    }
    // ---- current closure ----
    const ic = l.current;
    if (this.mode === MODE_CURRENT) out[ic] = I - this.setPoint;
    else if (this.mode === MODE_VOLTAGE) out[ic] = this.voltage(y) - this.setPoint - this.sweepRate * (t - this.sweepStartS);
    else out[ic] = I * this.voltage(y) - this.setPoint;
  }

  assembleJacobian(_t: number, y: Float64Array, yp: Float64Array, cj: number, J: StructuredJacobian): void {
    const l = this.layout;
    const nx = l.nx;
    const nr = l.nr;
    const band = J.band;
    const I = y[l.current];
    this.electrolyteFaces(y, true);
    const tpF = (1 - this.tPlus) / F;
    const D = band.data;
    const L1 = band.ldab - 1;
    const kv = band.kl + band.ku;
    const redCe = l.redCe;
    const redPhie = l.redPhie;
    const redPhis = l.redPhis;
    // ---- face terms: each face flux's derivatives enter cell a (as +flux, out) and cell b (as −flux, in) ----
    for (let f = 1; f < nx; f++) {
      const a = f - 1;
      const b = f;
      const ca = y[l.ce[a]];
      const cb = y[l.ce[b]];
      const hA = this.dx[a] / 2;
      const hB = this.dx[b] / 2;
      // N = −gD (cb − ca); gD = 1/(hA/DA + hB/DB) → ∂gD/∂DA = gD² hA/DA²
      const gD = this.gD[f];
      const dgDa = ((gD * gD * hA) / (this.deff[a] * this.deff[a])) * this.ddeff[a];
      const dgDb = ((gD * gD * hB) / (this.deff[b] * this.deff[b])) * this.ddeff[b];
      const dN_dca = gD - dgDa * (cb - ca);
      const dN_dcb = -gD - dgDb * (cb - ca);
      // iLiq = gK (−Δφ + kD (ln cb − ln ca))
      const gK = this.gK[f];
      const dphi = y[l.phie[b]] - y[l.phie[a]];
      const drive = -dphi + this.kD * (this.lnc[b] - this.lnc[a]);
      const dgKa = ((gK * gK * hA) / (this.keff[a] * this.keff[a])) * this.dkeff[a];
      const dgKb = ((gK * gK * hB) / (this.keff[b] * this.keff[b])) * this.dkeff[b];
      const caC = ca > C_FLOOR ? ca : C_FLOOR;
      const cbC = cb > C_FLOOR ? cb : C_FLOOR;
      const dI_dca = dgKa * drive - (ca > C_FLOOR ? (gK * this.kD) / caC : 0);
      const dI_dcb = dgKb * drive + (cb > C_FLOOR ? (gK * this.kD) / cbC : 0);
      const dI_dpa = gK;
      const dI_dpb = -gK;
      const gI = this.gIonic[f];
      // c_e rows: +N − tpF·iLiq for the face as cell a's right face; negated for cell b. Written straight
      // into the band storage: (r, c) lives at c·(ldab − 1) + kv + r.
      const ceA = redCe[a];
      const ceB = redCe[b];
      const peA = redPhie[a];
      const peB = redPhie[b];
      const v0 = dN_dca - tpF * dI_dca;
      const v1 = dN_dcb - tpF * dI_dcb;
      const v2 = -tpF * dI_dpa;
      const v3 = -tpF * dI_dpb;
      const w2 = dI_dpa + gI;
      const w3 = dI_dpb - gI;
      const cCa = ceA * L1 + kv;
      const cCb = ceB * L1 + kv;
      const cPa = peA * L1 + kv;
      const cPb = peB * L1 + kv;
      D[cCa + ceA] += v0;
      D[cCb + ceA] += v1;
      D[cPa + ceA] += v2;
      D[cPb + ceA] += v3;
      D[cCa + peA] += dI_dca;
      D[cCb + peA] += dI_dcb;
      D[cPa + peA] += w2;
      D[cPb + peA] += w3;
      D[cCa + ceB] -= v0;
      D[cCb + ceB] -= v1;
      D[cPa + ceB] -= v2;
      D[cPb + ceB] -= v3;
      D[cCa + peB] -= dI_dca;
      D[cCb + peB] -= dI_dcb;
      D[cPa + peB] -= w2;
      D[cPb + peB] -= w3;
      const gS = this.gSolid[f];
      if (gS > 0) {
        const sA = redPhis[a];
        const sB = redPhis[b];
        const cSa = sA * L1 + kv;
        const cSb = sB * L1 + kv;
        D[cSa + sA] += gS;
        D[cSb + sA] -= gS;
        D[cSa + sB] -= gS;
        D[cSb + sB] += gS;
      }
    }
    // ---- boundary faces ----
    if (this.foil) {
      // face 0 enters cell 0 with a minus sign: rows c_e: −N0 + tpF·iL0; φ_e: −iL0
      const foil = this.foil;
      const c0 = y[l.ce[0]];
      const c0c = c0 > C_FLOOR ? c0 : C_FLOOR;
      const i0 = this.foilI0 * Math.pow(c0c / foil.referenceConcentrationMolPerM3, foil.concentrationExponent);
      const u = I / (2 * i0);
      const root = Math.sqrt(1 + u * u);
      const dphi0_dI = -foil.filmResistanceOhmM2 - (2 / this.fRT) / (root * 2 * i0);
      const dphi0_di0 = (2 / this.fRT) * (I / (2 * i0 * i0)) / root;
      const di0_dc = c0 > C_FLOOR ? (foil.concentrationExponent * i0) / c0c : 0;
      const phi0 = this.foilPotential(I, c0);
      const G = this.keff[0] * this.halfInv[0];
      const dG_dc = this.dkeff[0] * this.halfInv[0];
      const diL_dc = dG_dc * (phi0 - y[l.phie[0]]) + G * dphi0_di0 * di0_dc;
      const diL_dp = -G;
      const diL_dI = G * dphi0_dI;
      const rc = l.redCe[0];
      const rp = l.redPhie[0];
      band.add(rc, rc, tpF * diL_dc);
      band.add(rc, rp, tpF * diL_dp);
      J.u[rc] += -(1 - this.tPlus) / F + tpF * diL_dI;
      band.add(rp, rc, -diL_dc);
      band.add(rp, rp, -diL_dp);
      J.u[rp] += -diL_dI;
    } else if (l.hasSolid[0]) {
      // iS0 = −σ_eff·(2/dx)·φ_s,0 enters cell 0's φ_s row as −iS0
      band.add(l.redPhis[0], l.redPhis[0], this.sigmaEff[0] * this.halfInv[0]);
    }
    // last face: iS = I enters the last cell's φ_s row as +I
    J.u[l.redPhis[nx - 1]] += 1;
    // ---- cell terms ----
    for (let i = 0; i < nx; i++) {
      const rc = l.redCe[i];
      band.add(rc, rc, cj * this.eps[i] * this.dx[i]);
      if (!l.hasSolid[i]) continue;
      const e = this.electrodeOf[i] as PorousElectrode;
      const dx = this.dx[i];
      const adx = this.aSpec[i] * dx;
      const rp = l.redPhie[i];
      const rs = l.redPhis[i];
      const rj = l.redJ[i];
      band.add(rp, rj, -adx);
      band.add(rs, rj, adx);
      if (this.cdl[i] > 0) {
        const c = adx * this.cdl[i] * cj;
        band.add(rp, rs, -c);
        band.add(rp, rp, c);
        band.add(rs, rs, c);
        band.add(rs, rp, -c);
      }
      // particle
      const o = l.cs0[i];
      const q0 = i * nr;
      const R = e.particleRadiusM;
      const cmax = e.cMaxMolPerM3;
      const rm = this.rmesh;
      const dsa = this.dsArr[i];
      for (let k = 0; k < nr; k++) J.diag[q0 + k] = cj * rm.vol[k];
      if (this.constD[i]) {
        const pc = this.pCoef;
        for (let k = 0; k + 1 < nr; k++) {
          const c = pc[q0 + k];
          J.diag[q0 + k] += c;
          J.sup[q0 + k] -= c;
          J.sub[q0 + k + 1] -= c;
          J.diag[q0 + k + 1] += c;
        }
      } else for (let k = 0; k + 1 < nr; k++) {
        // flux term q_{k+1/2} = −ρ² D̄ (c_{k+1} − c_k)/(Δρ R²): +q in row k, −q in row k+1
        const cA = y[o + k];
        const cB = y[o + k + 1];
        const dA = e.diffusivity.f(cA / cmax);
        const dB = e.diffusivity.f(cB / cmax);
        const dbar = 0.5 * (dA + dB) * dsa;
        const rf = rm.rf[k + 1];
        const geo = (rf * rf) / ((rm.rc[k + 1] - rm.rc[k]) * R * R);
        const dq_dA = geo * dbar - geo * 0.5 * dsa * (e.diffusivity.df(cA / cmax) / cmax) * (cB - cA);
        const dq_dB = -geo * dbar - geo * 0.5 * dsa * (e.diffusivity.df(cB / cmax) / cmax) * (cB - cA);
        J.diag[q0 + k] += dq_dA;
        J.sup[q0 + k] += dq_dB;
        J.sub[q0 + k + 1] -= dq_dA;
        J.diag[q0 + k + 1] -= dq_dB;
      }
      J.pj[i] = 1 / (F * R);
      // kinetics row: out = j − BV(η, i0(c_e, c_surf))
      const j = y[l.jf[i]];
      const cN = y[o + nr - 1];
      const Dn = e.diffusivity.f(cN / cmax) * dsa;
      const dDn = (e.diffusivity.df(cN / cmax) * dsa) / cmax;
      const hR = (1 - rm.rc[nr - 1]) * R;
      const csurf = cN - ((j / F) * hR) / Dn;
      const dcs_dcN = 1 + ((j / F) * hR * dDn) / (Dn * Dn);
      const dcs_dj = -hR / (F * Dn);
      const inRange = csurf > C_FLOOR && csurf < cmax - C_FLOOR;
      const cs = csurf < C_FLOOR ? C_FLOOR : csurf > cmax - C_FLOOR ? cmax - C_FLOOR : csurf;
      const ce = y[l.ce[i]];
      const cec = ce > C_FLOOR ? ce : C_FLOOR;
      const i0 = this.k0[i] * Math.sqrt(cec * cs * (cmax - cs));
      const sto = cs / cmax;
      const ocp = this.ocpOf[i];
      const u = ocp.fdf ? ocp.fdf(sto) : ocp.f(sto);
      const dudx = ocp.fdf ? (ocp.lastDerivative as number) : ocp.df(sto);
      const eta = y[l.phis[i]] - y[l.phie[i]] - u - j * e.filmResistanceOhmM2;
      const aa = e.kinetics.alpha;
      const ea = cappedExp(aa * this.fRT * eta);
      const ec = aa === 0.5 ? 1 / ea : cappedExp(-(1 - aa) * this.fRT * eta);
      const bv = i0 * (ea - ec);
      const dbv_deta = i0 * this.fRT * (aa * ea + (1 - aa) * ec);
      const dlni0_dcs = inRange ? 0.5 / cs - 0.5 / (cmax - cs) : 0;
      const deta_dcs = inRange ? -dudx / cmax : 0;
      const dbv_dcs = dbv_deta * deta_dcs + bv * dlni0_dcs;
      band.add(rj, rj, 1 + dbv_deta * e.filmResistanceOhmM2 - dbv_dcs * dcs_dj);
      band.add(rj, rs, -dbv_deta);
      band.add(rj, rp, dbv_deta);
      band.add(rj, rc, ce > C_FLOOR ? (-bv * 0.5) / cec : 0);
      J.jc[i] = -dbv_dcs * dcs_dcN;
    }
    // ---- current closure row ----
    const last = l.redPhis[nx - 1];
    if (this.mode === MODE_CURRENT) {
      J.d = 1;
    } else if (this.mode === MODE_VOLTAGE) {
      J.w[last] = 1;
      J.d = -this.vI;
    } else {
      const V = this.voltage(y);
      J.w[last] = I;
      J.d = V - I * this.vI;
    }
    void yp;
  }

  events(_t: number, y: Float64Array, _yp: Float64Array, out: Float64Array): void {
    const l = this.layout;
    const V = this.voltage(y);
    out[EVENT_VMIN] = V - this.vMin;
    out[EVENT_VMAX] = this.vMax - V;
    out[EVENT_CURRENT_CUTOFF] = this.mode === MODE_VOLTAGE && this.currentCutoff > 0 ? Math.abs(y[l.current]) - this.currentCutoff : 1;
    let cmin = Infinity;
    for (let i = 0; i < l.nx; i++) if (y[l.ce[i]] < cmin) cmin = y[l.ce[i]];
    out[EVENT_ELECTROLYTE_DEPLETED] = cmin - this.ceMin;
    let smin = Infinity;
    let smax = -Infinity;
    for (let i = 0; i < l.nx; i++) {
      if (!l.hasSolid[i]) continue;
      const s = this.surfaceStoichiometry(y, i);
      if (s < smin) smin = s;
      if (s > smax) smax = s;
    }
    out[EVENT_SURFACE_EMPTY] = l.nred > 0 && smin !== Infinity ? smin - this.stoMin : 1;
    out[EVENT_SURFACE_FULL] = smax !== -Infinity ? this.stoMax - smax : 1;
  }

  /** Particle-surface concentration of cell i (linear extrapolation with the surface flux). */
  surfaceConcentration(y: Float64Array, i: number): number {
    const l = this.layout;
    const e = this.electrodeOf[i] as PorousElectrode;
    const cN = y[l.cs0[i] + l.nr - 1];
    const Dn = e.diffusivity.f(cN / e.cMaxMolPerM3) * this.dsArr[i];
    return cN - ((y[l.jf[i]] / F) * ((1 - this.rmesh.rc[l.nr - 1]) * e.particleRadiusM)) / Dn;
  }

  surfaceStoichiometry(y: Float64Array, i: number): number {
    return this.surfaceConcentration(y, i) / (this.electrodeOf[i] as PorousElectrode).cMaxMolPerM3;
  }

  /** Volume-average particle concentration of cell i. */
  averageConcentration(y: Float64Array, i: number): number {
    const l = this.layout;
    const o = l.cs0[i];
    let s = 0;
    for (let k = 0; k < l.nr; k++) s += this.rmesh.vol[k] * y[o + k];
    return 3 * s;
  }

  /** True if any electrode has a double-layer capacitance (potentials are then differential). */
  get hasDoubleLayer(): boolean {
    for (let i = 0; i < this.layout.nx; i++) if (this.cdl[i] > 0) return true;
    return false;
  }

  /** True if full-vector index k is a potential (φ_e or φ_s). */
  isPotential(k: number): boolean {
    return this.potentialMask[k] === 1;
  }

  electrodeAt(i: number): PorousElectrode | null {
    return this.electrodeOf[i];
  }
  specificArea(i: number): number {
    return this.aSpec[i];
  }
  porosityAt(i: number): number {
    return this.eps[i];
  }
  effectiveConductivities(i: number): { sigma: number; kappa: number } {
    return { sigma: this.sigmaEff[i], kappa: this.keff[i] };
  }
  /** 2RT/F·(1 − t⁺)·TF, the diffusion-potential coefficient of the electrolyte, V. */
  get diffusionPotentialCoefficient(): number {
    return this.kD;
  }
  /** Electrolyte potential at the Li-foil surface (Li-metal cells). */
  foilElectrolytePotential(y: Float64Array): number {
    return this.foil ? this.foilPotential(y[this.layout.current], y[this.layout.ce[0]]) : NaN;
  }
  get foilExchangeCurrent(): number {
    return this.foilI0;
  }
  get temperatureK(): number {
    return this.T;
  }

  /**
   * A starting state: uniform initial concentrations, potentials at open circuit, I = current set point,
   * j from a uniform reaction distribution. Algebraic unknowns are made consistent by the driver.
   */
  initialState(y: Float64Array, I: number): void {
    const l = this.layout;
    const p = this.params;
    const neg = p.negative;
    const pos = p.positive;
    const ce0 = p.electrolyte.cInitMolPerM3;
    // the model's own OCPs (tables when tabulated), so that a rest state is an exact equilibrium of F
    const un = neg.kind === 'porous' ? (this.ocpNeg as MaterialFunction).f(neg.cInitMolPerM3 / neg.cMaxMolPerM3) : 0;
    const up = this.ocpPos.f(pos.cInitMolPerM3 / pos.cMaxMolPerM3);
    // A first guess for the consistent-initialisation Newton: uniform reaction current in each
    // electrode and the Butler–Volmer overpotential that carries it (electrolyte and solid ohmic drops
    // left out), which saves the Newton iterations that would otherwise find the kinetic drop.
    const jPos = -I / (this.aSpec[l.nx - 1] * pos.thicknessM);
    let phiE: number; // electrolyte potential (the negative's solid is the reference, 0 V)
    if (neg.kind === 'porous') {
      const jNeg = I / ((3 * neg.activeFraction * neg.thicknessM) / neg.particleRadiusM);
      phiE = -un - this.guessOverpotential(neg, jNeg, ce0, 0) - jNeg * neg.filmResistanceOhmM2;
    } else phiE = this.foilPotential(I, ce0);
    const phiSPos = phiE + up + this.guessOverpotential(pos, jPos, ce0, l.nx - 1) + jPos * pos.filmResistanceOhmM2;
    y.fill(0);
    for (let i = 0; i < l.nx; i++) {
      y[l.ce[i]] = ce0;
      y[l.phie[i]] = phiE;
      if (!l.hasSolid[i]) continue;
      const e = this.electrodeOf[i] as PorousElectrode;
      const isPos = this.mesh.domain[i] === DOMAIN_POSITIVE;
      y[l.phis[i]] = isPos ? phiSPos : 0;
      y[l.jf[i]] = isPos ? jPos : I / (this.aSpec[i] * e.thicknessM);
      for (let k = 0; k < l.nr; k++) y[l.cs0[i] + k] = e.cInitMolPerM3;
    }
    y[l.current] = I;
  }

  /** η that carries j through symmetric Butler–Volmer at the initial concentrations (a Newton guess). */
  private guessOverpotential(e: PorousElectrode, j: number, ce: number, cell: number): number {
    const cmax = e.cMaxMolPerM3;
    const cs = Math.min(Math.max(e.cInitMolPerM3, C_FLOOR), cmax - C_FLOOR);
    const i0 = this.k0[cell] * Math.sqrt(Math.max(ce, C_FLOOR) * cs * (cmax - cs));
    const eta = i0 > 0 ? (2 / this.fRT) * Math.asinh(j / (2 * i0)) : 0;
    return Number.isFinite(eta) ? eta : 0;
  }

}
