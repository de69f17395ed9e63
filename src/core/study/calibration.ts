/**
 * Calibration of the DFNCM/LLZO model to the paper's rate table (Gao et al. 2025: 169.6, 138.3 and
 * 103.1 mAh/g at 1C, 2C and 3C): the NCM811 reaction rate constant k and particle diffusivity D_s are
 * fitted (in log space, so both stay positive and the step is scale-free) with the project's
 * Levenberg–Marquardt engine (numerics/least-squares.ts) on the simulated discharge capacities.
 * Uncertainties come from the engine's covariance (residual variance × (JᵀJ)⁻¹); with 3 data points
 * and 2 parameters there is one degree of freedom, so they are rough.
 */
import { leastSquares } from '../numerics/least-squares.js';
import { constantFunction, type CellParameters } from '../sim/parameters.js';
import { gao2025Ncm811 } from '../sim/presets/gao2025.js';
import { parseExperiment } from '../sim/experiment.js';
import { Simulation } from '../sim/simulate.js';

/** The paper's LLZO rate table (text, Fig. 4a): C-rate → mAh/g. */
export const GAO2025_LLZO_RATE_TABLE: readonly { cRate: number; capacityMahPerG: number }[] = [
  { cRate: 1, capacityMahPerG: 169.6 },
  { cRate: 2, capacityMahPerG: 138.3 },
  { cRate: 3, capacityMahPerG: 103.1 },
];

export interface CalibratedParameter {
  name: string;
  unit: string;
  initial: number;
  value: number;
  /** 1σ relative uncertainty (from the log-space standard error), or null when not estimable. */
  relStdErr: number | null;
}

export interface RateCalibration {
  converged: boolean;
  message: string;
  loadingMgPerCm2: number;
  parameters: CalibratedParameter[];
  data: { cRate: number; measuredMahPerG: number; initialMahPerG: number; fittedMahPerG: number }[];
  rmsMahPerG: number;
  initialRmsMahPerG: number;
  iterations: number;
  evaluations: number;
}

function withKinetics(p: CellParameters, k: number, ds: number): CellParameters {
  return { ...p, positive: { ...p.positive, kinetics: { ...p.positive.kinetics, rateConstant: k }, diffusivity: constantFunction(ds) } };
}

export function calibrateRateTable(opts: { loadingMgPerCm2?: number; mesh?: { cells: [number, number, number]; shells: number } } = {}): RateCalibration {
  const loading = opts.loadingMgPerCm2 ?? 15;
  const mesh = opts.mesh ?? { cells: [1, 8, 16], shells: 12 };
  const base = gao2025Ncm811({ llzo: true, loadingMgPerCm2: loading });
  const k0 = base.positive.kinetics.rateConstant;
  const d0 = base.positive.diffusivity.f(0.5);
  const table = GAO2025_LLZO_RATE_TABLE;
  const simulate = (k: number, ds: number): number[] => {
    const p = withKinetics(base, k, ds);
    return table.map((row) => {
      const sim = new Simulation(p, { cells: mesh.cells, shells: mesh.shells, fieldTimesS: [] });
      const r = sim.run(parseExperiment(`Discharge at ${row.cRate}C until ${p.lowerCutoffV} V`, { oneCAPerM2: p.oneCAPerM2, areaM2: p.areaM2 }));
      return r.capacityMahPerG ?? NaN;
    });
  };
  const initial = simulate(k0, d0);
  const fit = leastSquares(
    {
      residualCount: table.length,
      initial: [Math.log(k0), Math.log(d0)],
      lower: [Math.log(k0) - 7, Math.log(d0) - 7],
      upper: [Math.log(k0) + 7, Math.log(d0) + 7],
      residuals: (q, out) => {
        const c = simulate(Math.exp(q[0]), Math.exp(q[1]));
        for (let i = 0; i < table.length; i++) out[i] = c[i] - table[i].capacityMahPerG;
      },
    },
    { maxEvaluations: 80, finiteDifference: 'forward', relativeStep: 1e-3 },
  );
  const k = Math.exp(fit.parameters[0]);
  const ds = Math.exp(fit.parameters[1]);
  const fitted = simulate(k, ds);
  const rms = (v: number[]) => Math.sqrt(v.reduce((s, x, i) => s + (x - table[i].capacityMahPerG) ** 2, 0) / v.length);
  const se = (i: number) => (Number.isFinite(fit.standardErrors[i]) ? fit.standardErrors[i] : null);
  return {
    converged: fit.converged,
    message: fit.message,
    loadingMgPerCm2: loading,
    parameters: [
      { name: 'NCM811 rate constant k', unit: 'A/m² (m³/mol)^1.5', initial: k0, value: k, relStdErr: se(0) },
      { name: 'NCM811 diffusivity D_s', unit: 'm²/s', initial: d0, value: ds, relStdErr: se(1) },
    ],
    data: table.map((row, i) => ({ cRate: row.cRate, measuredMahPerG: row.capacityMahPerG, initialMahPerG: initial[i], fittedMahPerG: fitted[i] })),
    rmsMahPerG: rms(fitted),
    initialRmsMahPerG: rms(initial),
    iterations: fit.iterations,
    evaluations: fit.evaluations,
  };
}
