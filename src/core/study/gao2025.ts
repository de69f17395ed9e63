/**
 * The Gao et al. 2025 study (Adv. Funct. Mater., doi:10.1002/adfm.202511636) re-run with cathodelab:
 * both dry-film cathodes (bare NCM811 "DFNCM" and NCM811 + LLZO "DFNCM/LLZO", the gao2025 presets)
 * through the experiments the paper reports, plus the pouch-cell design and its sensitivities.
 *
 * Browser-safe: it takes the pouch design as parsed data and the material library; the CLI reads files.
 * Every number it returns comes from the simulator, the designer or the analyses; the paper's values
 * only enter the comparison table (table.ts).
 *
 * Discharges use `cathodelab simulate`'s default mesh (20 cells per domain, 20 shells; a finer mesh
 * changes capacities by < 0.5 %, test/core/study/gao2025.test.ts) with a tight BDF tolerance; the whole
 * study takes seconds (bench/study.bench.ts).
 */
import type { MaterialLibrary } from '../materials/library.js';
import { designCell } from '../design/cell.js';
import { cellFieldUnits, electrodeSummary } from '../design/report.js';
import { runSweep, type SweepVariable } from '../design/sweep.js';
import type { Design } from '../design/schema.js';
import { parseExperiment } from '../sim/experiment.js';
import { positiveUtilisation } from '../sim/fields.js';
import type { CellParameters } from '../sim/parameters.js';
import { gao2025Ncm811 } from '../sim/presets/gao2025.js';
import { Simulation, type SimulationResult, type SimulationOptions } from '../sim/simulate.js';
import { runVirtualGitt, type VirtualGittResult } from './virtual-gitt.js';
import { runVirtualCv, type VirtualCvResult } from './virtual-cv.js';
import { runVirtualEisArrhenius, type EisArrheniusStudy } from './eis-arrhenius.js';
import { calibrateRateTable, type RateCalibration } from './calibration.js';

export type CathodeId = 'bare' | 'llzo';

export const CATHODES: readonly { id: CathodeId; label: string; llzo: boolean; preset: string }[] = [
  { id: 'bare', label: 'DFNCM (bare NCM811)', llzo: false, preset: 'gao2025-ncm811' },
  { id: 'llzo', label: 'DFNCM/LLZO', llzo: true, preset: 'gao2025-ncm811-llzo' },
];

/** Study conditions (the paper's where it states them; otherwise an assumption, named in `assumptions`). */
export interface StudyConditions {
  loadingsMgPerCm2: number[];
  sweepCRate: number;
  /** Loading of the rate test and the field maps. The paper states ~15 mg/cm² for its coin-cell comparisons. */
  rateLoadingMgPerCm2: number;
  cRates: number[];
  fieldCRates: number[];
  temperatureC: number;
  mesh: { cells: [number, number, number]; shells: number };
  /**
   * BDF relative tolerance. 1e-6, not the simulator's default 1e-4: slow discharges end on an event
   * (particle surface saturated) whose location moves by ~1 mAh/g with a loose tolerance, which shows
   * as noise in the loading sweep.
   */
  rtol: number;
  gittLoadingMgPerCm2: number;
  thinGittLoadingMgPerCm2: number;
  eisTemperaturesC: number[];
  /** Virtual CV sweep rate (the paper's Fig. 3d: 0.1 mV/s) and vertices; run at `rateLoadingMgPerCm2`. */
  cvRateMvPerS: number;
  cvLowerV: number;
  cvUpperV: number;
}

/** C-rates of the end-of-discharge utilisation profiles at the highest loading. */
const THICK_UTILISATION_C_RATES = [0.1, 1, 3];

export const DEFAULT_CONDITIONS: StudyConditions = {
  loadingsMgPerCm2: [15, 20, 25, 30, 35, 40, 45, 50, 54],
  sweepCRate: 0.1,
  rateLoadingMgPerCm2: 15,
  cRates: [0.1, 0.2, 0.5, 1, 2, 3],
  fieldCRates: [0.1, 3],
  temperatureC: 25,
  mesh: { cells: [1, 20, 20], shells: 20 },
  rtol: 1e-6,
  gittLoadingMgPerCm2: 15,
  thinGittLoadingMgPerCm2: 2,
  eisTemperaturesC: [0, 10, 20, 30, 40],
  cvRateMvPerS: 0.1,
  // the paper sweeps down to 3.0 V; the model's NCM811 OCP ends at 3.49 V (x = 1), see virtual-cv.ts
  cvLowerV: 3.6,
  cvUpperV: 4.3,
};

export interface DischargeCurve {
  cRate: number;
  capacityMahPerG: number[];
  voltageV: number[];
  /** Empty when the discharge reached the cut-off voltage; otherwise what ended it. */
  stopReason: string;
  endReason: string;
}

export interface FieldMaps {
  cRate: number;
  /** Discharge progress of each row, % of the run's duration. */
  progressPercent: number[];
  /** Cell centres over separator + cathode, µm from the Li foil. */
  xUm: number[];
  /** c_e[row][cell], mol/m³. */
  ceMolPerM3: number[][];
  /** Depth below the separator, µm, and utilisation[row][cell] (0…1). */
  depthUm: number[];
  utilisation: number[][];
  /** Utilisation at the end of discharge per depth, and its mean. */
  finalUtilisation: number[];
  meanFinalUtilisation: number;
  capacityMahPerG: number;
}

export interface CathodeStudy {
  id: CathodeId;
  label: string;
  preset: string;
  loadingSweep: { loadingMgPerCm2: number[]; capacityMahPerG: number[]; capacityMahPerCm2: number[]; thicknessUm: number[]; endReason: string[] };
  rate: { cRate: number[]; capacityMahPerG: number[]; curves: DischargeCurve[] };
  /** The same rates at the highest loading of the sweep (54 mg/cm²), with what ended each discharge. */
  rateAtTopLoading: { loadingMgPerCm2: number; cRate: number[]; capacityMahPerG: number[]; endReason: string[] };
  fields: FieldMaps[];
  /** Utilisation against depth at the end of discharge at the highest loading (54 mg/cm²), per C-rate. */
  thickUtilisation: { loadingMgPerCm2: number; cRate: number; depthUm: number[]; utilisation: number[]; endReason: string }[];
  gitt: VirtualGittResult;
  thinGitt: VirtualGittResult;
  cathodeThicknessUmAtRateLoading: number;
  /** Cathode thickness of the virtual GITT cell, µm. */
  gittThicknessUm: number;
  /** Virtual CV at the rate-test loading (peaks of the 4.2 V couple, ΔEp). */
  cv: VirtualCvResult;
}

export interface PouchSensitivity {
  variable: SweepVariable;
  label: string;
  values: number[];
  specificEnergyWhPerKg: number[];
}

export interface PouchStudy {
  name: string;
  specificEnergyWhPerKg: number;
  energyDensityWhPerL: number;
  capacityAh: number;
  averageVoltageV: number;
  voltageSource: string;
  loadingMgPerCm2: number;
  /** The same cell with the simulated 0.1C average discharge voltage of its cathode (LLZO preset at the pouch loading). */
  simulatedVoltageV: number;
  specificEnergyWithSimulatedVoltageWhPerKg: number;
  sensitivities: PouchSensitivity[];
}

export interface StudyTiming {
  label: string;
  ms: number;
}

export interface StudyResult {
  conditions: StudyConditions;
  cathodes: CathodeStudy[];
  pouch: PouchStudy;
  eis: EisArrheniusStudy | null;
  calibration: RateCalibration | null;
  timings: StudyTiming[];
  totalMs: number;
}

export interface StudyOptions {
  pouchDesign: Design;
  pouchFile: string;
  library: MaterialLibrary;
  conditions?: Partial<StudyConditions>;
  /** Skip the slower parts (EIS temperatures, calibration). */
  skipEis?: boolean;
  skipCalibration?: boolean;
  onProgress?: (done: number, total: number, label: string) => void;
}

const KELVIN = 273.15;

export function cathodeParameters(llzo: boolean, loadingMgPerCm2: number, temperatureC = 25): CellParameters {
  return gao2025Ncm811({ llzo, loadingMgPerCm2, temperatureK: temperatureC + KELVIN });
}

function activeMassG(p: CellParameters): number {
  return (p.positiveActiveMassKgPerM2 ?? NaN) * 1000 * p.areaM2;
}

/** Constant-current discharge to the lower cut-off from the charged state. */
export function discharge(p: CellParameters, cRate: number, mesh: { cells: [number, number, number]; shells: number }, extra: SimulationOptions = {}): SimulationResult {
  const sim = new Simulation(p, { cells: mesh.cells, shells: mesh.shells, rtol: DEFAULT_CONDITIONS.rtol, ...extra });
  return sim.run(parseExperiment(`Discharge at ${cRate}C until ${p.lowerCutoffV} V`, { oneCAPerM2: p.oneCAPerM2, areaM2: p.areaM2 }));
}

function curveOf(p: CellParameters, r: SimulationResult, cRate: number, maxPoints = 160): DischargeCurve {
  const m = activeMassG(p);
  const n = r.time_s.length;
  const stride = Math.max(1, Math.ceil(n / maxPoints));
  const q: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < n; i += stride) {
    q.push((r.capacity_Ah[i] * 1000) / m);
    v.push(r.voltage_V[i]);
  }
  if ((n - 1) % stride !== 0) {
    q.push((r.capacity_Ah[n - 1] * 1000) / m);
    v.push(r.voltage_V[n - 1]);
  }
  return { cRate, capacityMahPerG: q, voltageV: v, stopReason: r.stopReason, endReason: r.steps[r.steps.length - 1]?.endReason ?? '' };
}

function fieldMaps(p: CellParameters, cRate: number, mesh: StudyConditions['mesh'], rtol: number): FieldMaps {
  const first = discharge(p, cRate, mesh, { fieldTimesS: [], rtol });
  const tEnd = first.time_s[first.time_s.length - 1];
  const rows = 32;
  const times = Array.from({ length: rows }, (_, k) => (k === rows - 1 ? tEnd * 0.9999 : (tEnd * k) / (rows - 1)));
  const sim = new Simulation(p, { cells: mesh.cells, shells: mesh.shells, fieldTimesS: times, rtol });
  const r = sim.run(parseExperiment(`Discharge at ${cRate}C until ${p.lowerCutoffV} V`, { oneCAPerM2: p.oneCAPerM2, areaM2: p.areaM2 }));
  const maps: FieldMaps = { cRate, progressPercent: [], xUm: [], ceMolPerM3: [], depthUm: [], utilisation: [], finalUtilisation: [], meanFinalUtilisation: NaN, capacityMahPerG: r.capacityMahPerG ?? NaN };
  for (const s of r.snapshots) {
    maps.progressPercent.push((100 * s.time_s) / tEnd);
    maps.ceMolPerM3.push(s.c_e_mol_per_m3);
    const u = positiveUtilisation(sim.model, s);
    maps.utilisation.push(u.utilisation);
    maps.depthUm = u.depth_um;
  }
  maps.xUm = r.snapshots[0]?.x_um ?? [];
  maps.finalUtilisation = maps.utilisation[maps.utilisation.length - 1] ?? [];
  maps.meanFinalUtilisation = maps.finalUtilisation.reduce((a, b) => a + b, 0) / Math.max(1, maps.finalUtilisation.length);
  return maps;
}

const SENSITIVITIES: { variable: SweepVariable; label: string; values: number[] }[] = [
  { variable: 'electrolyteGPerAh', label: 'E/C / g Ah⁻¹', values: [1.2, 1.5, 1.8, 2.1, 2.4, 2.7, 3.0] },
  { variable: 'npRatio', label: 'N/P / –', values: [1, 1.25, 1.5, 1.75, 2, 2.5, 3] },
  { variable: 'loadingMgPerCm2', label: 'Cathode loading / mg cm⁻²', values: [15, 20, 25, 30, 32.8, 40, 45, 54] },
  { variable: 'cathodeLayers', label: 'Cathode layers / –', values: [2, 4, 6, 8, 10, 12, 16, 20] },
];

/** Mean discharge voltage of a run: energy / charge. */
export function meanVoltage(r: SimulationResult): number {
  return r.energyWh / r.capacityAh;
}

export function runGao2025Study(opts: StudyOptions): StudyResult {
  const c: StudyConditions = { ...DEFAULT_CONDITIONS, ...opts.conditions };
  const timings: StudyTiming[] = [];
  const t0 = performance.now();
  const eisSteps = opts.skipEis ? 0 : 2 * c.eisTemperaturesC.length;
  const total = CATHODES.length * (c.loadingsMgPerCm2.length + 2 * c.cRates.length + c.fieldCRates.length + 4) + 2 + eisSteps + (opts.skipCalibration ? 0 : 1);
  let done = 0;
  const tick = (label: string): void => {
    done++;
    opts.onProgress?.(done, total, label);
  };
  const time = <T>(label: string, f: () => T): T => {
    const a = performance.now();
    const v = f();
    timings.push({ label, ms: performance.now() - a });
    return v;
  };
  opts.onProgress?.(0, total, 'starting');

  const cathodes: CathodeStudy[] = [];
  for (const cat of CATHODES) {
    const sweep = time(`${cat.id}: loading sweep`, () => {
      const s: CathodeStudy['loadingSweep'] = { loadingMgPerCm2: [], capacityMahPerG: [], capacityMahPerCm2: [], thicknessUm: [], endReason: [] };
      for (const L of c.loadingsMgPerCm2) {
        const p = cathodeParameters(cat.llzo, L, c.temperatureC);
        const r = discharge(p, c.sweepCRate, c.mesh, { rtol: c.rtol, fieldTimesS: [] });
        s.endReason.push(r.stopReason || (r.steps[r.steps.length - 1]?.endReason ?? ''));
        s.loadingMgPerCm2.push(L);
        s.capacityMahPerG.push(r.capacityMahPerG ?? NaN);
        s.capacityMahPerCm2.push(r.capacityMahPerCm2);
        s.thicknessUm.push(p.positive.thicknessM * 1e6);
        tick(`${cat.id}: ${L} mg/cm² at ${c.sweepCRate}C`);
      }
      return s;
    });
    const pRate = cathodeParameters(cat.llzo, c.rateLoadingMgPerCm2, c.temperatureC);
    const rate = time(`${cat.id}: rate capability`, () => {
      const out: CathodeStudy['rate'] = { cRate: [], capacityMahPerG: [], curves: [] };
      for (const cr of c.cRates) {
        const r = discharge(pRate, cr, c.mesh, { rtol: c.rtol, fieldTimesS: [] });
        out.cRate.push(cr);
        out.capacityMahPerG.push(r.capacityMahPerG ?? NaN);
        out.curves.push(curveOf(pRate, r, cr));
        tick(`${cat.id}: ${cr}C`);
      }
      return out;
    });
    const top = Math.max(...c.loadingsMgPerCm2);
    const pTop = cathodeParameters(cat.llzo, top, c.temperatureC);
    const rateAtTopLoading = time(`${cat.id}: rate capability at ${top} mg/cm²`, () => {
      const out: CathodeStudy['rateAtTopLoading'] = { loadingMgPerCm2: top, cRate: [], capacityMahPerG: [], endReason: [] };
      for (const cr of c.cRates) {
        const r = discharge(pTop, cr, c.mesh, { rtol: c.rtol, fieldTimesS: [] });
        out.cRate.push(cr);
        out.capacityMahPerG.push(r.capacityMahPerG ?? NaN);
        out.endReason.push(r.stopReason || (r.steps[r.steps.length - 1]?.endReason ?? ''));
        tick(`${cat.id}: ${cr}C at ${top} mg/cm²`);
      }
      return out;
    });
    const fields = time(`${cat.id}: field maps`, () =>
      c.fieldCRates.map((cr) => {
        const f = fieldMaps(pRate, cr, c.mesh, c.rtol);
        tick(`${cat.id}: fields at ${cr}C`);
        return f;
      }),
    );
    const thickUtilisation = time(`${cat.id}: utilisation at ${top} mg/cm²`, () =>
      THICK_UTILISATION_C_RATES.map((cr) => {
        const sim = new Simulation(pTop, { cells: c.mesh.cells, shells: c.mesh.shells, rtol: c.rtol });
        const r = sim.run(parseExperiment(`Discharge at ${cr}C until ${pTop.lowerCutoffV} V`, { oneCAPerM2: pTop.oneCAPerM2, areaM2: pTop.areaM2 }));
        const u = positiveUtilisation(sim.model, r.snapshots[r.snapshots.length - 1]);
        return { loadingMgPerCm2: top, cRate: cr, depthUm: u.depth_um, utilisation: u.utilisation, endReason: r.stopReason || (r.steps[r.steps.length - 1]?.endReason ?? '') };
      }),
    );
    tick(`${cat.id}: utilisation at ${top} mg/cm²`);
    const pGitt = cathodeParameters(cat.llzo, c.gittLoadingMgPerCm2, c.temperatureC);
    const gitt = time(`${cat.id}: virtual GITT`, () => runVirtualGitt(pGitt));
    tick(`${cat.id}: virtual GITT`);
    const thinGitt = time(`${cat.id}: virtual GITT (thin)`, () => runVirtualGitt(cathodeParameters(cat.llzo, c.thinGittLoadingMgPerCm2, c.temperatureC)));
    tick(`${cat.id}: virtual GITT (thin electrode)`);
    const cv = time(`${cat.id}: virtual CV`, () => runVirtualCv(pRate, { rateMvPerS: c.cvRateMvPerS, lowerV: c.cvLowerV, upperV: c.cvUpperV, cells: c.mesh.cells, shells: c.mesh.shells, rtol: c.rtol }));
    tick(`${cat.id}: virtual CV at ${c.cvRateMvPerS} mV/s`);
    cathodes.push({ id: cat.id, label: cat.label, preset: cat.preset, loadingSweep: sweep, rate, rateAtTopLoading, fields, thickUtilisation, gitt, thinGitt, cathodeThicknessUmAtRateLoading: pRate.positive.thicknessM * 1e6, gittThicknessUm: pGitt.positive.thicknessM * 1e6, cv });
  }

  const pouch = time('pouch cell', () => {
    const cell = designCell(opts.pouchDesign, opts.library, { file: opts.pouchFile });
    // The designer works in SI; this study's results speak the field's units (report.ts converts).
    const fields = cellFieldUnits(cell);
    const activeLoadingMgPerCm2 = electrodeSummary(cell.cathode).activeLoadingMgPerCm2;
    const loading = opts.pouchDesign.cathode.loadingMgPerCm2 ?? activeLoadingMgPerCm2;
    const pSim = cathodeParameters(true, activeLoadingMgPerCm2, c.temperatureC);
    const rSim = discharge(pSim, 0.1, c.mesh, { rtol: c.rtol, fieldTimesS: [] });
    const vSim = meanVoltage(rSim);
    const cellSim = designCell(opts.pouchDesign, opts.library, { file: opts.pouchFile, averageVoltageV: vSim, voltageSource: 'P2D, gao2025-ncm811-llzo at 0.1C' });
    tick('pouch cell');
    const sensitivities = SENSITIVITIES.map((s) => {
      const sw = runSweep(opts.pouchDesign, [{ variable: s.variable, values: s.values }], opts.library, { file: opts.pouchFile });
      return { variable: s.variable, label: s.label, values: s.values, specificEnergyWhPerKg: sw.points.map((q) => cellFieldUnits(q.cell).specificEnergyWhPerKg) };
    });
    tick('pouch sensitivities');
    return {
      name: cell.name,
      specificEnergyWhPerKg: fields.specificEnergyWhPerKg,
      energyDensityWhPerL: fields.energyDensityWhPerL,
      capacityAh: fields.capacityAh,
      averageVoltageV: cell.averageVoltageV,
      voltageSource: cell.voltageSource,
      loadingMgPerCm2: loading,
      simulatedVoltageV: vSim,
      specificEnergyWithSimulatedVoltageWhPerKg: cellFieldUnits(cellSim).specificEnergyWhPerKg,
      sensitivities,
    } satisfies PouchStudy;
  });

  const eis = opts.skipEis
    ? null
    : time('virtual EIS + Arrhenius', () =>
        runVirtualEisArrhenius({ temperaturesC: c.eisTemperaturesC, onTemperature: (label) => tick(label) }),
      );
  const calibration = opts.skipCalibration
    ? null
    : time('calibration', () => {
        const cal = calibrateRateTable({ loadingMgPerCm2: c.rateLoadingMgPerCm2, mesh: c.mesh });
        tick('calibration');
        return cal;
      });
  return { conditions: c, cathodes, pouch, eis, calibration, timings, totalMs: performance.now() - t0 };
}
