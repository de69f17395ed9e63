/**
 * Runs the P2D simulation off the main thread so the page stays responsive; the page cancels a run by
 * terminating this worker. Replies with the time series, field snapshots for the heat maps and the
 * utilisation profile.
 */
import { parseExperiment, type ExperimentStep } from '../../../src/core/sim/experiment.js';
import { PRESETS, getPreset } from '../../../src/core/sim/presets/index.js';
import { Simulation, type SimulationResult } from '../../../src/core/sim/simulate.js';
import { positiveUtilisation, type UtilisationProfile } from '../../../src/core/sim/fields.js';
import { isCathodeLabError, InputError } from '../../../src/core/errors.js';
import { celsiusToKelvin } from '../../../src/core/units.js';

export interface SimRequest {
  preset: string;
  loadingMgPerCm2?: number;
  temperatureC: number;
  /** Either a C-rate discharge to the preset's cut-off, or an experiment in PyBaMM's grammar. */
  cRate?: number;
  experiment?: string;
  /** Finite-volume cells per domain. */
  points: number;
}

export interface SimReply {
  type: 'started' | 'result' | 'error';
  states?: number;
  result?: SimulationResult;
  utilisation?: UtilisationProfile | null;
  /** Utilisation against depth at every snapshot (rows = snapshots), for the heat map. */
  utilisationMap?: { depth_um: number[]; time_s: number[]; values: number[][] } | null;
  oneCAPerM2?: number;
  solveMs?: number;
  message?: string;
}

interface WorkerScope {
  onmessage: ((ev: MessageEvent<SimRequest>) => void) | null;
  postMessage(message: SimReply): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (ev) => {
  const r = ev.data;
  try {
    const info = PRESETS.find((p) => p.name === r.preset);
    if (r.loadingMgPerCm2 !== undefined && info && !info.hasLoading) throw new InputError({ field: 'loading' }, 'a preset with a loading parameter', r.preset);
    const p = getPreset(r.preset, { temperatureK: celsiusToKelvin(r.temperatureC), loadingMgPerCm2: info?.hasLoading ? r.loadingMgPerCm2 : undefined });
    const ctx = { oneCAPerM2: p.oneCAPerM2, areaM2: p.areaM2 };
    let steps: ExperimentStep[];
    let expectedS: number | undefined;
    if (r.experiment !== undefined && r.experiment.trim() !== '') {
      steps = parseExperiment(r.experiment, ctx);
    } else {
      const c = r.cRate ?? 1;
      if (!(c > 0 && c <= 100)) throw new InputError({ field: 'C-rate' }, 'a C-rate in (0, 100]', String(r.cRate));
      steps = parseExperiment(`Discharge at ${c}C until ${p.lowerCutoffV} V`, ctx);
      expectedS = 3600 / c;
    }
    // Field snapshots for the heat maps: 41 times over the nominal discharge (the run ends earlier when
    // a cut-off is reached; snapshots past the end are simply not taken).
    const fieldTimesS = expectedS !== undefined ? Array.from({ length: 41 }, (_, i) => (i * 1.05 * expectedS) / 40) : undefined;
    const sim = new Simulation(p, { cells: [r.points, r.points, r.points], shells: 20, fieldTimesS });
    scope.postMessage({ type: 'started', states: sim.model.n });
    const t0 = performance.now();
    const result = sim.run(steps);
    const solveMs = performance.now() - t0;
    const end = result.snapshots[result.snapshots.length - 1];
    const profiles = result.snapshots.map((s) => positiveUtilisation(sim.model, s));
    const utilisationMap = profiles.length > 1 ? { depth_um: profiles[0].depth_um, time_s: result.snapshots.map((s) => s.time_s), values: profiles.map((u) => u.utilisation) } : null;
    scope.postMessage({ type: 'result', result, utilisation: end ? positiveUtilisation(sim.model, end) : null, utilisationMap, oneCAPerM2: p.oneCAPerM2, solveMs });
  } catch (e) {
    scope.postMessage({ type: 'error', message: isCathodeLabError(e) ? e.message : `the simulation failed: ${(e as Error).message ?? String(e)}` });
  }
};
