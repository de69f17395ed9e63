/**
 * Runs an experiment (a list of steps, experiment.ts) on a P2D model with the BDF solver
 * (numerics/bdf.ts): each step sets the model's current closure and cut-offs, makes the state
 * consistent (consistent-init.ts), restarts the solver and integrates until the step's duration or
 * one of its events. A run that ends early says why and where (`stopReason`). Outputs: every internal
 * step's time, voltage, current, capacity and energy; field snapshots at requested times.
 *
 * A Simulation keeps its model, solver and workspaces, so repeated runs (benchmarks, sweeps) allocate
 * only their outputs.
 */
import { BdfSolver, type BdfOptions } from '../numerics/bdf.js';
import type { DaeLinearSolver, DaeProblem } from '../numerics/dae-problem.js';
import { FARADAY } from '../units.js';
import { ConsistentInitializer } from './consistent-init.js';
import type { ExperimentStep } from './experiment.js';
import {
  EVENT_CURRENT_CUTOFF,
  EVENT_ELECTROLYTE_DEPLETED,
  EVENT_SURFACE_EMPTY,
  EVENT_SURFACE_FULL,
  EVENT_VMAX,
  EVENT_VMIN,
  MODE_CURRENT,
  MODE_POWER,
  MODE_VOLTAGE,
  P2DModel,
  type DiscretisationOptions,
} from './p2d-model.js';
import type { CellParameters } from './parameters.js';
import { takeSnapshot, type FieldSnapshot } from './fields.js';

export interface SimulationOptions extends DiscretisationOptions {
  /** BDF relative tolerance (default 3e-4: 0.27 mV RMS against COMSOL at 1C; the time error is far below the 20-cell mesh error). */
  rtol?: number;
  /** Further BDF options (e.g. scaleStaleCorrections, cjRatioTol), passed through. */
  bdf?: BdfOptions;
  /** Leave algebraic unknowns (potentials, j, I) out of the BDF error test (IDA's suppressalg). */
  suppressAlgebraic?: boolean;
  /** Largest time step, s (default: none). */
  maxStepS?: number;
  /** Times (s from the start of the run) at which to store field snapshots. Default: start and end of each step. */
  fieldTimesS?: readonly number[];
  /** Extra time-series points (s), interpolated from the solver's dense output, besides every internal step. */
  outputTimesS?: readonly number[];
  /** Internal time steps allowed per run before it stops with a reason (default 200 000). */
  maxSteps?: number;
  /** Replaces the model's structured linear solver (benchmarks compare against a plain band LU). */
  linearSolverFactory?: (model: P2DModel) => DaeLinearSolver;
}

export interface StepRecord {
  text: string;
  startS: number;
  endS: number;
  /** Why the step ended: "duration", "voltage cut-off 3 V", "current cut-off", or a run-stopping reason. */
  endReason: string;
  /** Charge passed in the step, Ah (discharge positive). */
  capacityAh: number;
}

export interface SimulationResult {
  preset: string;
  temperatureK: number;
  /** Number of unknowns. */
  states: number;
  /** Empty when the whole experiment ran; otherwise why and where it stopped. */
  stopReason: string;
  completed: boolean;
  time_s: number[];
  voltage_V: number[];
  /** Current density, A/m² (discharge positive). */
  current_A_per_m2: number[];
  /** Cumulative discharged charge, Ah, and energy, Wh (over the preset's area). */
  capacity_Ah: number[];
  energy_Wh: number[];
  /** Index into `steps` of each time-series point. */
  step_index: number[];
  steps: StepRecord[];
  snapshots: FieldSnapshot[];
  /** Total charge delivered in discharge steps, Ah, mAh/cm², and per gram of positive active material. */
  capacityAh: number;
  capacityMahPerCm2: number;
  capacityMahPerG: number | null;
  energyWh: number;
  /** Li foil remaining at the end (µm), Li-metal cells only. */
  lithiumFoilRemainingUm: number | null;
  stats: { steps: number; residualEvals: number; jacobianSetups: number; newtonIters: number; errorTestFails: number; convergenceFails: number };
}

/** Surface stoichiometry margins that end a step (particle surface empty/full): i0 ∝ √(x(1 − x)) vanishes at the ends. */
const STO_MARGIN = 1e-3;
/**
 * Within this stoichiometry of a surface limit the algebraic unknowns join the error test. A surface
 * approaches its limit slowly (i0 → 0 shuts the reaction there off), so the stop time is very sensitive
 * to the reaction current j, an algebraic unknown that is otherwise left out of the error test for
 * speed: at rtol 3e-4 the stop of a 2C discharge of the 15 mg/cm² NCM811 preset scattered by ±3 % in
 * capacity from one D_s to the next 1 % larger (measured); with j controlled near the limit, by ±0.1 %.
 */
const SURFACE_NEAR = 0.02;

export class Simulation {
  readonly model: P2DModel;
  readonly solver: BdfSolver;
  private readonly init: ConsistentInitializer;
  private readonly y: Float64Array;
  private readonly yp: Float64Array;
  private readonly yi: Float64Array;
  private readonly ypi: Float64Array;
  private readonly atol: Float64Array;
  private readonly g: Float64Array;
  private readonly maxSteps: number;
  /** suppressAlgebraic as configured, and whether the solver is currently switched to controlling them. */
  private readonly suppressAlgebraic: boolean;
  private algebraicControlled = false;

  constructor(readonly params: CellParameters, readonly options: SimulationOptions = {}) {
    this.model = new P2DModel(params, options);
    const m = this.model;
    const n = m.n;
    this.y = new Float64Array(n);
    this.yp = new Float64Array(n);
    this.yi = new Float64Array(n);
    this.ypi = new Float64Array(n);
    this.g = new Float64Array(m.nEvents);
    this.atol = new Float64Array(n);
    const l = m.layout;
    for (let i = 0; i < l.nx; i++) {
      this.atol[l.ce[i]] = 1e-3;
      this.atol[l.phie[i]] = 1e-6;
      if (!l.hasSolid[i]) continue;
      this.atol[l.phis[i]] = 1e-6;
      this.atol[l.jf[i]] = 1e-6 * params.oneCAPerM2 * 1e-4;
      for (let k = 0; k < l.nr; k++) this.atol[l.cs0[i] + k] = 1e-3;
    }
    this.atol[l.current] = 1e-8 * params.oneCAPerM2;
    let problem: DaeProblem = m;
    if (options.linearSolverFactory) {
      const ls = options.linearSolverFactory(m);
      problem = {
        n: m.n,
        differential: m.differential,
        nEvents: m.nEvents,
        residual: (t, y, yp, out) => m.residual(t, y, yp, out),
        events: (t, y, yp, out) => m.events(t, y, yp, out),
        linearSolver: ls,
      };
    }
    this.suppressAlgebraic = options.suppressAlgebraic ?? true;
    this.solver = new BdfSolver(problem, { rtol: options.rtol ?? 3e-4, atol: this.atol, maxStep: options.maxStepS ?? Infinity, suppressAlgebraic: this.suppressAlgebraic, scaleStaleCorrections: true, algebraicNewtonWeight: 0.1, kernels: options.kernels ?? 'wasm', ...(options.bdf ?? {}) });
    this.init = new ConsistentInitializer(m);
    this.maxSteps = options.maxSteps ?? 200000;
  }

  /**
   * Configures the model for a step starting at t from the state y. Returns the step's duration (s,
   * Infinity when only events end it); a sweep's is |V_target − V0|/ν, V0 its "from" voltage or y's.
   */
  private configure(step: ExperimentStep, t: number, y: Float64Array): number {
    const m = this.model;
    const p = this.params;
    m.vMin = -Infinity;
    m.vMax = Infinity;
    m.currentCutoff = 0;
    m.stoMin = STO_MARGIN;
    m.stoMax = 1 - STO_MARGIN;
    m.sweepRate = 0;
    if (step.kind === 'sweep') {
      // Voltage control with a moving set point (p2d-model.ts): the closure row's Jacobian is that of a hold.
      const v0 = step.sweepFromV ?? m.voltage(y);
      const nu = step.sweepRateVPerS ?? NaN;
      m.mode = MODE_VOLTAGE;
      m.setPoint = v0;
      m.sweepRate = step.value >= v0 ? nu : -nu;
      m.sweepStartS = t;
      return Math.abs(step.value - v0) / nu;
    }
    if (step.kind === 'voltage') {
      m.mode = MODE_VOLTAGE;
      m.setPoint = step.value;
      m.currentCutoff = step.untilCurrentAPerM2 ?? 0;
      return step.durationS ?? Infinity;
    }
    m.mode = step.kind === 'power' ? MODE_POWER : MODE_CURRENT;
    m.setPoint = step.kind === 'rest' ? 0 : step.value;
    if (step.kind === 'rest') return step.durationS ?? Infinity;
    if (step.value > 0) m.vMin = step.untilVoltageV ?? p.lowerCutoffV;
    else m.vMax = step.untilVoltageV ?? p.upperCutoffV;
    return step.durationS ?? Infinity;
  }

  /** Runs the steps from the preset's initial state. */
  run(steps: readonly ExperimentStep[]): SimulationResult {
    const m = this.model;
    const p = this.params;
    const s = this.solver;
    const y = this.y;
    const yp = this.yp;
    const l = m.layout;
    s.resetStats();
    this.controlAlgebraic(false);
    const res: SimulationResult = {
      preset: p.name,
      temperatureK: p.temperatureK,
      states: m.n,
      stopReason: '',
      completed: false,
      time_s: [],
      voltage_V: [],
      current_A_per_m2: [],
      capacity_Ah: [],
      energy_Wh: [],
      step_index: [],
      steps: [],
      snapshots: [],
      capacityAh: 0,
      capacityMahPerCm2: 0,
      capacityMahPerG: null,
      energyWh: 0,
      lithiumFoilRemainingUm: null,
      stats: { steps: 0, residualEvals: 0, jacobianSetups: 0, newtonIters: 0, errorTestFails: 0, convergenceFails: 0 },
    };
    const fieldTimes = this.options.fieldTimesS ? [...this.options.fieldTimesS].sort((a, b) => a - b) : [];
    const outTimes = this.options.outputTimesS ? [...this.options.outputTimesS].sort((a, b) => a - b) : [];
    let nextField = 0;
    let nextOut = 0;
    const area = p.areaM2;
    let t = 0;
    let qDis = 0; // C/m², discharge steps
    let qNet = 0; // C/m², all steps (Li stripped from the foil)
    let energy = 0; // J/m²
    let lastI = 0;
    let lastV = 0;
    let stepNo = 0;
    const record = (tt: number, yy: Float64Array): void => {
      const I = yy[l.current];
      const V = m.voltage(yy);
      if (res.time_s.length > 0) {
        const dt = tt - res.time_s[res.time_s.length - 1];
        const dq = 0.5 * (I + lastI) * dt;
        qNet += dq;
        if (I > 0 || lastI > 0) qDis += Math.max(0, dq);
        energy += 0.5 * (I * V + lastI * lastV) * dt;
      }
      lastI = I;
      lastV = V;
      res.time_s.push(tt);
      res.voltage_V.push(V);
      res.current_A_per_m2.push(I);
      res.capacity_Ah.push((qDis * area) / 3600);
      res.energy_Wh.push((energy * area) / 3600);
      res.step_index.push(stepNo);
    };
    const snap = (tt: number, yy: Float64Array): void => {
      res.snapshots.push(takeSnapshot(m, tt, yy));
    };

    m.mode = MODE_CURRENT;
    const first = steps[0];
    m.initialState(y, first && first.kind === 'current' ? first.value : 0);
    let stop = '';
    for (let si = 0; si < steps.length && stop === ''; si++) {
      const step = steps[si];
      stepNo = si;
      const duration = this.configure(step, t, y);
      if (step.kind === 'current' || step.kind === 'rest') y[l.current] = m.setPoint;
      else if (step.kind === 'power') y[l.current] = m.setPoint / Math.max(0.5, m.voltage(y));
      if (!this.init.solve(t, y, yp)) {
        const v = this.init.lastVoltage;
        const below = Number.isFinite(v) && v < m.vMin ? `, the voltage falls to ≈ ${fmt(v)} V, below the ${m.vMin} V cut-off` : '';
        stop = `no consistent state at the start of step ${si + 1} ("${step.text}") at t = ${fmt(t)} s: the cell cannot sustain this load${below}`;
        break;
      }
      const qStepStart = qNet;
      const tStart = t;
      record(t, y);
      if (si === 0) {
        if (this.options.fieldTimesS === undefined || (fieldTimes.length > 0 && fieldTimes[0] <= 0)) snap(t, y);
        while (nextField < fieldTimes.length && fieldTimes[nextField] <= t) nextField++;
        while (nextOut < outTimes.length && outTimes[nextOut] <= t) nextOut++;
      }
      const tEnd = t + duration;
      // Is a cut-off already met at the start? A particle surface already at its limit only ends the
      // step if the step drives it further (the threshold moves just beyond the present value).
      m.events(t, y, yp, this.g);
      if (this.g[EVENT_SURFACE_EMPTY] <= 0) {
        m.stoMin = Math.max(0, m.stoMin + this.g[EVENT_SURFACE_EMPTY] - 1e-9);
      }
      if (this.g[EVENT_SURFACE_FULL] <= 0) {
        m.stoMax = Math.min(1, m.stoMax - this.g[EVENT_SURFACE_FULL] + 1e-9);
      }
      m.events(t, y, yp, this.g);
      let endReason = '';
      const startHit = this.firstViolated();
      if (startHit >= 0) {
        endReason = this.describeEvent(startHit, t, y);
        if (!this.stepEvent(startHit)) stop = endReason;
      } else if (!(tEnd > t)) {
        endReason = 'duration'; // a sweep that starts at its target voltage
      } else {
        s.reinit(t, y, yp);
        if (Number.isFinite(tEnd)) s.setStopTime(tEnd);
        let retries = 0;
        for (;;) {
          if (s.stats.steps > this.maxSteps) {
            stop = `too many time steps (${this.maxSteps}) by t = ${fmt(t)} s in step ${si + 1} ("${step.text}")`;
            break;
          }
          const st = s.step();
          if (st === 'failed') {
            // Restart once or twice from the last good state, re-made consistent: a step-size
            // collapse from a stale history often goes away; a physical limit does not.
            if (retries < 2 && allFinite(s.y)) {
              retries++;
              t = s.t;
              y.set(s.y);
              if (this.init.solve(t, y, yp)) {
                s.reinit(t, y, yp);
                if (Number.isFinite(tEnd)) s.setStopTime(tEnd);
                continue;
              }
            }
            stop = this.describeFailure(s);
            break;
          }
          // close to a particle-surface limit, control the algebraic unknowns too (see SURFACE_NEAR)
          if (this.suppressAlgebraic && !this.algebraicControlled && st === 'step') {
            const g = s.eventValues; // evaluated by the solver at this step
            if (g[EVENT_SURFACE_FULL] < SURFACE_NEAR || g[EVENT_SURFACE_EMPTY] < SURFACE_NEAR) this.controlAlgebraic(true);
          }
          // field snapshots and extra output times inside the step just taken (dense output)
          while (nextField < fieldTimes.length && fieldTimes[nextField] <= s.t) {
            const tf = fieldTimes[nextField++];
            if (tf <= t) continue;
            s.interpolate(tf, this.yi, this.ypi);
            snap(tf, this.yi);
          }
          while (nextOut < outTimes.length && outTimes[nextOut] < s.t) {
            const to = outTimes[nextOut++];
            if (to <= t) continue;
            s.interpolate(to, this.yi, this.ypi);
            record(to, this.yi);
          }
          t = s.t;
          // The solver never returns a non-finite state (it stops with a reason instead); what is
          // recorded is checked. y is copied from s.y once the step ends, not after every internal step.
          if (!Number.isFinite(m.voltage(s.y)) || !Number.isFinite(s.y[l.current])) {
            stop = `non-finite state at t = ${fmt(t)} s`;
            break;
          }
          record(t, s.y);
          if (st === 'event') {
            const k = s.eventIndex;
            endReason = this.describeEvent(k, t, s.y);
            if (!this.stepEvent(k)) stop = endReason;
            break;
          }
          if (st === 'tstop') {
            endReason = 'duration';
            break;
          }
        }
        y.set(s.y);
        yp.set(s.yp);
      }
      if (this.options.fieldTimesS === undefined) snap(t, y);
      const stepQ = qNet - qStepStart;
      res.steps.push({ text: step.text, startS: tStart, endS: t, endReason: endReason || stop, capacityAh: (stepQ * area) / 3600 });
      if (m.liMetal && stop === '') {
        const foil = p.negative;
        if (foil.kind === 'li-metal' && foil.thicknessM - qNet / (FARADAY * foil.molarDensityMolPerM3) <= 0) {
          stop = `lithium foil exhausted at t = ${fmt(t)} s`;
        }
      }
    }
    res.stopReason = stop;
    res.completed = stop === '';
    res.capacityAh = (qDis * area) / 3600;
    res.capacityMahPerCm2 = qDis / 36000;
    res.capacityMahPerG = p.positiveActiveMassKgPerM2 ? qDis / 3.6 / (p.positiveActiveMassKgPerM2 * 1000) : null;
    res.energyWh = (energy * area) / 3600;
    if (p.negative.kind === 'li-metal') {
      res.lithiumFoilRemainingUm = (p.negative.thicknessM - qNet / (FARADAY * p.negative.molarDensityMolPerM3)) * 1e6;
    }
    const st = s.stats;
    res.stats = {
      steps: st.steps,
      residualEvals: st.residualEvals,
      jacobianSetups: st.jacobianSetups,
      newtonIters: st.newtonIters,
      errorTestFails: st.errorTestFails,
      convergenceFails: st.convergenceFails,
    };
    return res;
  }

  /** Puts the algebraic unknowns into the BDF error test (true) or back to the configured setting. */
  private controlAlgebraic(on: boolean): void {
    if (!this.suppressAlgebraic || on === this.algebraicControlled) return;
    this.solver.setOptions({ suppressAlgebraic: !on });
    this.algebraicControlled = on;
  }

  /** Index of an event function already ≤ 0 at the start of a step (−1 if none). */
  private firstViolated(): number {
    for (let k = 0; k < this.g.length; k++) if (this.g[k] <= 0) return k;
    return -1;
  }

  /** True if the event only ends the current step (cut-offs), false if it ends the run. */
  private stepEvent(k: number): boolean {
    return k === EVENT_VMIN || k === EVENT_VMAX || k === EVENT_CURRENT_CUTOFF || k === EVENT_SURFACE_EMPTY || k === EVENT_SURFACE_FULL;
  }

  describeEvent(k: number, t: number, y: Float64Array): string {
    const m = this.model;
    const l = m.layout;
    switch (k) {
      case EVENT_VMIN:
        return `voltage cut-off ${m.vMin} V`;
      case EVENT_VMAX:
        return `voltage cut-off ${m.vMax} V`;
      case EVENT_CURRENT_CUTOFF:
        return `current cut-off ${fmt(m.currentCutoff)} A/m²`;
      case EVENT_ELECTROLYTE_DEPLETED: {
        let iMin = 0;
        for (let i = 1; i < l.nx; i++) if (y[l.ce[i]] < y[l.ce[iMin]]) iMin = i;
        return `electrolyte depleted at x = ${Math.round(m.mesh.xc[iMin] * 1e6)} µm, t = ${Math.round(t)} s`;
      }
      case EVENT_SURFACE_EMPTY:
      case EVENT_SURFACE_FULL: {
        let iW = -1;
        let best = k === EVENT_SURFACE_EMPTY ? Infinity : -Infinity;
        for (let i = 0; i < l.nx; i++) {
          if (!l.hasSolid[i]) continue;
          const sto = m.surfaceStoichiometry(y, i);
          if ((k === EVENT_SURFACE_EMPTY && sto < best) || (k === EVENT_SURFACE_FULL && sto > best)) {
            best = sto;
            iW = i;
          }
        }
        const which = iW >= 0 && m.mesh.domain[iW] === 2 ? 'positive' : 'negative';
        return `${which} particle surface ${k === EVENT_SURFACE_EMPTY ? 'depleted' : 'saturated'} at x = ${Math.round(m.mesh.xc[Math.max(0, iW)] * 1e6)} µm, t = ${Math.round(t)} s`;
      }
      default:
        return `event ${k} at t = ${Math.round(t)} s`;
    }
  }

  private describeFailure(s: BdfSolver): string {
    // Name the physical cause when the state shows one (a step-size collapse is usually its symptom).
    const m = this.model;
    const l = m.layout;
    const y = s.y;
    let cmin = Infinity;
    let iMin = 0;
    for (let i = 0; i < l.nx; i++) {
      if (y[l.ce[i]] < cmin) {
        cmin = y[l.ce[i]];
        iMin = i;
      }
    }
    const c0 = this.params.electrolyte.cInitMolPerM3;
    if (cmin < 0.05 * c0) {
      return `electrolyte depleted at x = ${Math.round(m.mesh.xc[iMin] * 1e6)} µm, t = ${Math.round(s.t)} s (c_e = ${fmt(cmin)} mol/m³; the solver stopped: ${s.stopReason})`;
    }
    return `solver stopped at t = ${fmt(s.t)} s: ${s.stopMessage || s.stopReason}`;
  }
}

function allFinite(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}

function fmt(x: number): string {
  return Number(x.toPrecision(4)).toString();
}

/** Convenience: a whole run in one call. */
export function simulate(params: CellParameters, steps: readonly ExperimentStep[], options: SimulationOptions = {}): SimulationResult {
  return new Simulation(params, options).run(steps);
}
