/**
 * Per-cycle summary of a cycling measurement: charge and discharge capacity, Coulombic efficiency,
 * energy, average charge/discharge voltage, capacity retention and internal resistance — plus mAh/g and
 * mAh/cm² when the active mass / electrode area are known.
 *
 * How each quantity is obtained (all sums are Neumaier-compensated, see numerics/neumaier-sum.ts):
 * - Capacity: from the file's capacity columns when present. They restart at the start of each step (or
 *   half cycle), so the capacity of a cycle is the sum of the column's increments, where a drop is a
 *   restart (the new value counts from 0). This is exact for per-step, per-cycle and cumulative counters.
 *   Without capacity columns, ∫ I dt by the trapezoid rule, split by the sign of the interval's mean current.
 * - Energy: the file's energy columns the same way, else ∫ V·I dt (trapezoid), split by current sign.
 * - Average voltage of charge (discharge): ∫ V·I dt / ∫ I dt over the charge (discharge) intervals — the
 *   charge-weighted mean voltage, from the time series so that numerator and denominator match.
 * - Coulombic efficiency: convention 'discharge/charge' (default: a cathode half-cell is charged first,
 *   so CE = Q_dis / Q_ch of the same cycle) or 'charge/discharge' (anodes, or cells discharged first).
 * - Retention: the capacity named by the convention's numerator (discharge by default), relative to the
 *   reference cycle (default: the first cycle where that capacity is > 0).
 * - Internal resistance: the last finite value the file recorded in the cycle.
 * - A quantity that cannot be computed (no charge in a cycle, no current column) is NaN, written as null
 *   in JSON and "—" in tables; `notes` says why.
 *
 * `CycleSummaryBuilder` takes the rows in batches, so a file can be streamed through it in bounded memory;
 * `summariseCycles(m)` is the whole-measurement convenience.
 */
import type { Measurement, StandardColumn } from './measurement.js';
import { NeumaierSum } from '../numerics/neumaier-sum.js';
import { InputError } from '../errors.js';

export type CeConvention = 'discharge/charge' | 'charge/discharge';

export interface CycleSummaryOptions {
  convention?: CeConvention;
  /** Cycle number whose capacity is 100 % retention (default: the first with a non-zero capacity). */
  referenceCycle?: number;
  /** Active-material mass, kg (overrides the file's). Adds mAh/g columns. */
  activeMassKg?: number;
  /** Electrode area, m² (overrides the file's). Adds mAh/cm² columns. */
  electrodeAreaM2?: number;
}

export interface CycleRow {
  cycle: number;
  rows: number;
  startTimeS: number;
  endTimeS: number;
  chargeCapacityAh: number;
  dischargeCapacityAh: number;
  coulombicEfficiencyPct: number;
  chargeEnergyWh: number;
  dischargeEnergyWh: number;
  averageChargeVoltageV: number;
  averageDischargeVoltageV: number;
  retentionPct: number;
  internalResistanceOhm: number;
  chargeCapacityMahPerG?: number;
  dischargeCapacityMahPerG?: number;
  chargeCapacityMahPerCm2?: number;
  dischargeCapacityMahPerCm2?: number;
}

export interface CycleSummary {
  convention: CeConvention;
  referenceCycle: number | undefined;
  activeMassKg?: number;
  electrodeAreaM2?: number;
  cycles: CycleRow[];
  notes: string[];
}

class CycleAcc {
  rows = 0;
  startTime = NaN;
  endTime = NaN;
  chCapCol = new NeumaierSum();
  disCapCol = new NeumaierSum();
  chECol = new NeumaierSum();
  disECol = new NeumaierSum();
  chQ = new NeumaierSum();
  disQ = new NeumaierSum();
  chE = new NeumaierSum();
  disE = new NeumaierSum();
  ir = NaN;
  constructor(readonly cycle: number) {}
}

type Cols = Partial<Record<StandardColumn, Float64Array>>;

/** Feeds rows in order (one or many batches), then `finish()`. */
export class CycleSummaryBuilder {
  private readonly cycles = new Map<number, CycleAcc>();
  private readonly order: CycleAcc[] = [];
  private first = true;
  // Previous row's values (carried across batches).
  /** Time of the last row with a valid current (NaN before the first). */
  private pT = NaN;
  private pV = 0;
  private pI = 0;
  private pCc = 0;
  private pDc = 0;
  private pCe = 0;
  private pDe = 0;
  private has = { time: false, voltage: false, current: false, capCols: false, energyCols: false, cycle: false, ir: false };

  add(cols: Cols, rows: number): void {
    const t = cols.time_s;
    const V = cols.voltage_V;
    const I = cols.current_A;
    const cc = cols.chargeCapacity_Ah;
    const dc = cols.dischargeCapacity_Ah;
    const ce = cols.chargeEnergy_Wh;
    const de = cols.dischargeEnergy_Wh;
    const cyc = cols.cycle;
    const ir = cols.internalResistance_Ohm;
    if (rows > 0) {
      this.has.time ||= !!t;
      this.has.voltage ||= !!V;
      this.has.current ||= !!I;
      this.has.capCols ||= !!(cc && dc);
      this.has.energyCols ||= !!(ce && de);
      this.has.cycle ||= !!cyc;
      this.has.ir ||= !!ir;
    }
    let acc: CycleAcc | undefined;
    for (let i = 0; i < rows; i++) {
      const c = cyc ? cyc[i] : 0;
      if (acc === undefined || acc.cycle !== c) {
        acc = this.cycles.get(c);
        if (acc === undefined) {
          acc = new CycleAcc(c);
          this.cycles.set(c, acc);
          this.order.push(acc);
        }
      }
      acc.rows++;
      const ti = t ? t[i] : 0;
      if (t) {
        if (!(acc.startTime <= ti)) acc.startTime = ti;
        if (!(acc.endTime >= ti)) acc.endTime = ti;
      }
      // A missing reading (NaN, e.g. an empty CSV cell) adds nothing and leaves the counter where it was.
      if (cc && dc) {
        const x = cc[i];
        const y = dc[i];
        if (x === x) {
          acc.chCapCol.add(this.first || x - this.pCc < 0 ? x : x - this.pCc);
          this.pCc = x;
        }
        if (y === y) {
          acc.disCapCol.add(this.first || y - this.pDc < 0 ? y : y - this.pDc);
          this.pDc = y;
        }
      }
      if (ce && de) {
        const x = ce[i];
        const y = de[i];
        if (x === x) {
          acc.chECol.add(this.first || x - this.pCe < 0 ? x : x - this.pCe);
          this.pCe = x;
        }
        if (y === y) {
          acc.disECol.add(this.first || y - this.pDe < 0 ? y : y - this.pDe);
          this.pDe = y;
        }
      }
      if (I && t && I[i] === I[i] && ti === ti) {
        const Ii = I[i];
        const Vi = V ? V[i] : NaN;
        if (this.pT === this.pT) {
          const dtH = (ti - this.pT) / 3600;
          if (dtH > 0) {
            const q = 0.5 * (Ii + this.pI) * dtH;
            const e = 0.5 * (Ii * Vi + this.pI * this.pV) * dtH;
            if (q > 0) {
              acc.chQ.add(q);
              if (V) acc.chE.add(e);
            } else if (q < 0) {
              acc.disQ.add(-q);
              if (V) acc.disE.add(-e);
            }
          }
        }
        this.pI = Ii;
        this.pV = Vi;
        this.pT = ti;
      }
      if (ir) {
        const r = ir[i];
        if (Number.isFinite(r)) acc.ir = r;
      }
      this.first = false;
    }
  }

  finish(options: CycleSummaryOptions = {}): CycleSummary {
    const convention = options.convention ?? 'discharge/charge';
    if (convention !== 'discharge/charge' && convention !== 'charge/discharge') {
      throw new InputError({ field: 'convention' }, "'discharge/charge' or 'charge/discharge'", String(convention));
    }
    const notes: string[] = [];
    const h = this.has;
    if (!h.cycle) notes.push('no cycle column: the whole file is summarised as cycle 0');
    if (h.capCols) notes.push('capacity from the file\'s charge/discharge capacity columns (sum of increments; a drop = a counter restart)');
    else if (h.current && h.time) notes.push('capacity = ∫ I dt (trapezoid), split by current sign (no capacity columns in the file)');
    else notes.push('no capacity columns and no current/time: capacities are NaN');
    if (h.energyCols) notes.push('energy from the file\'s charge/discharge energy columns');
    else if (h.current && h.time && h.voltage) notes.push('energy = ∫ V·I dt (trapezoid), split by current sign');
    if (!(h.current && h.time && h.voltage)) notes.push('no current, voltage or time column: average voltages are NaN');
    notes.push(`Coulombic efficiency = ${convention === 'discharge/charge' ? 'discharge / charge capacity (cathode half-cell convention)' : 'charge / discharge capacity (anode / discharge-first convention)'} of the same cycle`);

    const mass = options.activeMassKg;
    const area = options.electrodeAreaM2;
    if (mass !== undefined && !(mass > 0)) throw new InputError({ field: 'activeMassKg' }, 'a positive mass', String(mass));
    if (area !== undefined && !(area > 0)) throw new InputError({ field: 'electrodeAreaM2' }, 'a positive area', String(area));

    const rows: CycleRow[] = this.order.map((a) => {
      const chCap = h.capCols ? a.chCapCol.value : h.current && h.time ? a.chQ.value : NaN;
      const disCap = h.capCols ? a.disCapCol.value : h.current && h.time ? a.disQ.value : NaN;
      const chE = h.energyCols ? a.chECol.value : h.current && h.time && h.voltage ? a.chE.value : NaN;
      const disE = h.energyCols ? a.disECol.value : h.current && h.time && h.voltage ? a.disE.value : NaN;
      const num = convention === 'discharge/charge' ? disCap : chCap;
      const den = convention === 'discharge/charge' ? chCap : disCap;
      const vAvg = (e: NeumaierSum, q: NeumaierSum): number => (h.current && h.time && h.voltage && q.value > 0 ? e.value / q.value : NaN);
      const row: CycleRow = {
        cycle: a.cycle,
        rows: a.rows,
        startTimeS: a.startTime,
        endTimeS: a.endTime,
        chargeCapacityAh: chCap,
        dischargeCapacityAh: disCap,
        coulombicEfficiencyPct: den > 0 ? (100 * num) / den : NaN,
        chargeEnergyWh: chE,
        dischargeEnergyWh: disE,
        averageChargeVoltageV: vAvg(a.chE, a.chQ),
        averageDischargeVoltageV: vAvg(a.disE, a.disQ),
        retentionPct: NaN,
        internalResistanceOhm: a.ir,
      };
      if (mass !== undefined) {
        const g = mass * 1000;
        row.chargeCapacityMahPerG = (chCap * 1000) / g;
        row.dischargeCapacityMahPerG = (disCap * 1000) / g;
      }
      if (area !== undefined) {
        const cm2 = area * 1e4;
        row.chargeCapacityMahPerCm2 = (chCap * 1000) / cm2;
        row.dischargeCapacityMahPerCm2 = (disCap * 1000) / cm2;
      }
      return row;
    });
    const capOf = (r: CycleRow): number => (convention === 'discharge/charge' ? r.dischargeCapacityAh : r.chargeCapacityAh);
    let ref: CycleRow | undefined;
    if (options.referenceCycle !== undefined) {
      ref = rows.find((r) => r.cycle === options.referenceCycle);
      if (!ref) throw new InputError({ field: 'referenceCycle' }, `one of the cycles in the file (${rows.map((r) => r.cycle).slice(0, 10).join(', ')}${rows.length > 10 ? ', …' : ''})`, String(options.referenceCycle));
    } else ref = rows.find((r) => capOf(r) > 0);
    if (ref && capOf(ref) > 0) {
      const refCap = capOf(ref);
      for (const r of rows) r.retentionPct = (100 * capOf(r)) / refCap;
      notes.push(`retention = ${convention === 'discharge/charge' ? 'discharge' : 'charge'} capacity relative to cycle ${ref.cycle}`);
    } else notes.push('retention not computed: no cycle with a non-zero reference capacity');
    return { convention, referenceCycle: ref?.cycle, activeMassKg: mass, electrodeAreaM2: area, cycles: rows, notes };
  }
}

/** Per-cycle summary of a whole measurement (mass and area default to the file's metadata). */
export function summariseCycles(m: Measurement, options: CycleSummaryOptions = {}): CycleSummary {
  const b = new CycleSummaryBuilder();
  b.add(m.columns, m.rows);
  return b.finish({ ...options, activeMassKg: options.activeMassKg ?? m.metadata.activeMassKg, electrodeAreaM2: options.electrodeAreaM2 ?? m.metadata.electrodeAreaM2 });
}
