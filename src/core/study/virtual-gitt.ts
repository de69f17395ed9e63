/**
 * Virtual GITT: a galvanostatic pulse train run on the P2D model through the experiment grammar
 * (sim/experiment.ts), then analysed with the project's Weppner–Huggins analysis
 * (analysis/gitt.ts) exactly as a measured file would be.
 *
 * The train alternates, per state of charge, a long "titration" discharge (moves the state of charge,
 * like a typical laboratory GITT step) and a short probe pulse; each is followed by a rest. Both are
 * analysed: the short pulses satisfy Weppner–Huggins' assumption τ ≪ L²/D (L = r/3 for spheres);
 * the long ones do not, and the analysis flags them. The model's own particle diffusivity is known,
 * so the pair tests the analysis and shows where the method stops holding.
 */
import { analyzeGittArrays, type GittResult } from '../analysis/gitt.js';
import { parseExperiment } from '../sim/experiment.js';
import { arrheniusFactor } from '../sim/arrhenius.js';
import type { CellParameters } from '../sim/parameters.js';
import { Simulation, type SimulationResult } from '../sim/simulate.js';

export interface VirtualGittOptions {
  /** Probe pulses: C-rate and duration, s. @default 0.5C for 30 s */
  pulseCRate?: number;
  pulseS?: number;
  /** Titration steps between probes: C-rate and duration, s. @default 0.2C for 1800 s (10 % of capacity) */
  titrationCRate?: number;
  titrationS?: number;
  /** Rest after every current step, s. @default 3600 */
  restS?: number;
  /** Number of (titration, probe) blocks. @default 8 */
  blocks?: number;
  /** Mesh: cells per domain and particle shells (graded toward the surface: a 30 s pulse only reaches ~0.1 R). */
  cells?: [number, number, number];
  shells?: number;
  rRefinement?: number;
}

export interface VirtualGittPulseSummary {
  kind: 'probe' | 'titration';
  tauS: number;
  stateOfCharge: number;
  /** Depth of discharge of the positive at the pulse end (0 = charged start). */
  depthOfDischarge: number;
  diffusionM2PerS: number | null;
  tauOverDiffusionTime: number | null;
  valid: boolean;
  flags: string[];
  /**
   * Largest relative change of the OCV slope dU/dx between the mean stoichiometry at the pulse start
   * and the particle-surface stoichiometry at its end, over the electrode's cells. Weppner–Huggins
   * needs the titration curve linear over the pulse; above ~0.2 it is not (e.g. NCM811 near x ≈ 0.33).
   */
  ocvSlopeChange: number;
}

export interface VirtualGittResult {
  experiment: string;
  simulation: SimulationResult;
  analysis: GittResult;
  /** The model's particle diffusivity at the run's temperature, m²/s (constant-D presets). */
  modelDiffusionM2PerS: number;
  /** L²/D with L = r/3: the time the method's short-pulse condition compares τ against, s. */
  diffusionTimeS: number;
  pulses: VirtualGittPulseSummary[];
  /** Median D of the valid probe pulses (flag-free, OCV slope change ≤ MAX_OCV_SLOPE_CHANGE) and of the titration steps, m²/s (null when there are none). */
  medianProbeDiffusionM2PerS: number | null;
  medianTitrationDiffusionM2PerS: number | null;
}

/** Largest OCV-slope change over a pulse for which the titration curve counts as linear. */
export const MAX_OCV_SLOPE_CHANGE = 0.2;

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

/** Model particle diffusivity of the positive at the parameter set's temperature (D_s at mid stoichiometry). */
export function positiveDiffusivity(p: CellParameters): number {
  const e = p.positive;
  const x = e.cInitMolPerM3 / e.cMaxMolPerM3;
  return e.diffusivity.f(0.5 * (x + 1)) * arrheniusFactor(e.diffusivityActivationEnergyJPerMol, p.temperatureK, p.referenceTemperatureK);
}

export function runVirtualGitt(p: CellParameters, opts: VirtualGittOptions = {}): VirtualGittResult {
  const pulseC = opts.pulseCRate ?? 0.5;
  const pulseS = opts.pulseS ?? 30;
  const titC = opts.titrationCRate ?? 0.2;
  const titS = opts.titrationS ?? 1800;
  const restS = opts.restS ?? 3600;
  const blocks = opts.blocks ?? 8;
  const experiment =
    `Rest for 600 s; (Discharge at ${pulseC}C for ${pulseS} s; Rest for ${restS} s; ` +
    `Discharge at ${titC}C for ${titS} s or until ${p.lowerCutoffV} V; Rest for ${restS} s)×${blocks}`;
  const steps = parseExperiment(experiment, { oneCAPerM2: p.oneCAPerM2, areaM2: p.areaM2 });
  // dense output inside every pulse so the E–√t fit has samples (the solver's own steps are sparse early on)
  const out: number[] = [];
  const fieldTimes: number[] = [];
  let t = 0;
  for (const s of steps) {
    const d = s.durationS ?? 0;
    if (s.kind !== 'rest') fieldTimes.push(t, t + d);
    if (s.kind !== 'rest') for (let k = 1; k <= 40; k++) out.push(t + (d * k * k) / 1600);
    else for (let k = 1; k <= 10; k++) out.push(t + (d * k) / 10);
    t += d;
  }
  const sim = new Simulation(p, {
    cells: opts.cells ?? [10, 8, 12],
    shells: opts.shells ?? 30,
    rRefinement: opts.rRefinement ?? 8,
    outputTimesS: out,
    fieldTimesS: fieldTimes,
    rtol: 1e-6,
  });
  const r = sim.run(steps);
  const area = p.areaM2;
  // the GITT analysis wants A with charge positive; the simulator reports A/m² with discharge positive
  const currentA = r.current_A_per_m2.map((i) => -i * area);
  const radius = p.positive.particleRadiusM;
  const analysis = analyzeGittArrays(r.time_s, currentA, r.voltage_V, { lengthScale: { kind: 'sphereRadius', radiusM: radius } });
  const D = positiveDiffusivity(p);
  const L = radius / 3;
  const qTotal = (p.oneCAPerM2 * 3600 * area) / 3600; // Ah at 1C for 1 h: the nominal capacity
  const ocp = p.positive.ocp;
  const snapAt = (time: number) => {
    let best = r.snapshots[0];
    for (const sn of r.snapshots) if (Math.abs(sn.time_s - time) < Math.abs(best.time_s - time)) best = sn;
    return best;
  };
  const cMax = p.positive.cMaxMolPerM3;
  const slopeChange = (start: number, end: number): number => {
    if (r.snapshots.length === 0) return NaN;
    const a = snapAt(start).positive;
    const b = snapAt(end).positive;
    let worst = 0;
    for (let i = 0; i < a.lithiation.length; i++) {
      const s0 = ocp.df(a.lithiation[i]);
      const s1 = ocp.df(b.c_s_surf_mol_per_m3[i] / cMax);
      worst = Math.max(worst, Math.abs(s1 / s0 - 1));
    }
    return worst;
  };
  const pulses: VirtualGittPulseSummary[] = analysis.pulses.map((q) => ({
    kind: Math.abs(q.tauS - pulseS) < 0.5 * pulseS ? 'probe' : 'titration',
    tauS: q.tauS,
    stateOfCharge: q.stateOfCharge,
    depthOfDischarge: -q.chargeAtEndAh / qTotal,
    diffusionM2PerS: q.diffusionM2PerS,
    tauOverDiffusionTime: q.tauOverDiffusionTime,
    valid: q.valid,
    flags: [...q.flags],
    ocvSlopeChange: slopeChange(q.startTimeS, q.startTimeS + q.tauS),
  }));
  return {
    experiment,
    simulation: r,
    analysis,
    modelDiffusionM2PerS: D,
    diffusionTimeS: (L * L) / D,
    pulses,
    medianProbeDiffusionM2PerS: median(pulses.filter((q) => q.kind === 'probe' && q.valid && q.ocvSlopeChange <= MAX_OCV_SLOPE_CHANGE && q.diffusionM2PerS !== null).map((q) => q.diffusionM2PerS as number)),
    medianTitrationDiffusionM2PerS: median(pulses.filter((q) => q.kind === 'titration' && q.diffusionM2PerS !== null).map((q) => q.diffusionM2PerS as number)),
  };
}
