/**
 * Virtual cyclic voltammetry: a linear potential sweep run on the P2D model through the experiment
 * grammar ("Sweep at ν to V", sim/experiment.ts), then analysed with the project's CV analysis
 * (analysis/cv.ts: sweeps, baseline-corrected peaks, ΔEp) exactly as a measured file would be.
 *
 * The gao2025 cells start charged at 4.3 V, so a cycle is a cathodic sweep to the lower vertex and an
 * anodic one back to 4.3 V. The paper sweeps 3.0–4.3 V (Fig. 3d); the model's NCM811 OCP (Chen et al.
 * 2020) ends at 3.49 V at full lithiation, below which particle surfaces saturate and a sweep stops, so
 * the lower vertex defaults to 3.6 V. Below ≈3.75 V that OCP is a straight line (no redox feature), and
 * its 4.0 V shoulder is weak; the peaks analysed are those of the 4.2 V couple (the OCP's steep step at
 * x ≈ 0.31, the H2→H3-like transition), picked above `analysisMinV`.
 *
 * Current convention of the returned curve and of the analysis: anodic (oxidation, charging) positive,
 * i.e. minus the simulator's discharge-positive current.
 */
import { analyzeCvArrays, type CvCycle, type CvResult } from '../analysis/cv.js';
import { AnalysisError } from '../errors.js';
import { parseExperiment } from '../sim/experiment.js';
import type { CellParameters } from '../sim/parameters.js';
import { Simulation, type SimulationResult } from '../sim/simulate.js';

export interface VirtualCvOptions {
  /** Sweep rate, mV/s. @default 0.1 (the paper's) */
  rateMvPerS?: number;
  /** Vertices, V. @default 3.6 and 4.3 */
  lowerV?: number;
  upperV?: number;
  /** Peaks are picked on the part of the curve above this potential, V. @default 3.95 */
  analysisMinV?: number;
  /** Points of dense output over the cycle. @default 1200 */
  points?: number;
  cells?: [number, number, number];
  shells?: number;
  rtol?: number;
}

export interface VirtualCvResult {
  experiment: string;
  rateMvPerS: number;
  /** Cell area, m²: the analysis' currents (A) are over it. */
  areaM2: number;
  simulation: SimulationResult;
  /** The voltammogram: potential, V, and anodic-positive current density, mA/cm². */
  voltageV: number[];
  currentMaPerCm2: number[];
  analysis: CvResult;
  cycle: CvCycle;
  /** ΔEp of the 4.2 V couple, V (null when the analysis found no redox pair). */
  peakSeparationV: number | null;
}

export function runVirtualCv(p: CellParameters, opts: VirtualCvOptions = {}): VirtualCvResult {
  const rate = opts.rateMvPerS ?? 0.1;
  const lo = opts.lowerV ?? 3.6;
  const hi = opts.upperV ?? p.upperCutoffV;
  const minV = opts.analysisMinV ?? 3.95;
  const n = opts.points ?? 1200;
  const experiment = `Sweep at ${rate} mV/s to ${lo} V; Sweep at ${rate} mV/s to ${hi} V`;
  const steps = parseExperiment(experiment, { oneCAPerM2: p.oneCAPerM2, areaM2: p.areaM2 });
  // duration of the cycle from the rest voltage (the charged state): only for the output grid
  const span = (2 * (hi - lo)) / (rate * 1e-3);
  const sim = new Simulation(p, {
    cells: opts.cells ?? [1, 20, 20],
    shells: opts.shells ?? 20,
    rtol: opts.rtol ?? 1e-6,
    fieldTimesS: [],
    outputTimesS: Array.from({ length: n }, (_, k) => (span * (k + 1)) / n),
  });
  const simulation = sim.run(steps);
  if (simulation.stopReason) throw new AnalysisError(`virtual CV (${experiment}) on ${p.name} stopped early: ${simulation.stopReason}`);
  const voltageV = simulation.voltage_V;
  const currentMaPerCm2 = simulation.current_A_per_m2.map((i) => -i / 10);
  const rows: number[] = [];
  for (let k = 0; k < voltageV.length; k++) if (voltageV[k] >= minV) rows.push(k);
  const analysis = analyzeCvArrays(
    rows.map((k) => simulation.time_s[k]),
    rows.map((k) => voltageV[k]),
    rows.map((k) => currentMaPerCm2[k] * 10 * p.areaM2),
  );
  const cycle = analysis.cycles[0];
  if (!cycle) throw new AnalysisError(`virtual CV (${experiment}) on ${p.name}: the analysis found no cycle above ${minV} V`);
  return { experiment, rateMvPerS: rate, areaM2: p.areaM2, simulation, voltageV, currentMaPerCm2, analysis, cycle, peakSeparationV: cycle.peakSeparationV };
}
