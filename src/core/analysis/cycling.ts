/**
 * Cycling-performance figures on top of the per-cycle summary (io/cycle-summary.ts, which owns
 * capacity integration, Coulombic efficiency and retention): energy efficiency, voltage hysteresis,
 * first-cycle efficiency, the fade rate and the cycle at which retention falls to a threshold (80 %).
 *
 * Conventions (stated in every result):
 * - Coulombic efficiency is the summary's convention (default discharge/charge of the same cycle, for
 *   a cathode half cell charged first).
 * - Energy efficiency is always discharge energy / charge energy of the same cycle: the energy the cell
 *   delivered over the energy put in. (Unlike the Coulombic efficiency it does not follow the cycle
 *   order: for a lithium half cell the discharge is the spontaneous direction whichever comes first.)
 * - Fade rate: −slope of retention (%) against cycle number by least squares over the cycles from the
 *   reference cycle on that have a capacity, in % of the reference capacity per cycle.
 * - Cycles to threshold: the first crossing of the retention below the threshold, linearly
 *   interpolated between the two cycles around it ("observed"); if never crossed and the fade rate is
 *   positive, where the fitted line reaches it ("extrapolated"); else null ("notReached").
 */
import { AnalysisError } from '../errors.js';
import { fitLine } from './linear-regression.js';

import type { CycleRow } from '../io/cycle-summary.js';

/** The fields of a per-cycle summary row this module reads (a subset of io/cycle-summary.ts CycleRow). */
export type CycleRowInput = Pick<
  CycleRow,
  | 'cycle' | 'chargeCapacityAh' | 'dischargeCapacityAh' | 'coulombicEfficiencyPct' | 'chargeEnergyWh'
  | 'dischargeEnergyWh' | 'averageChargeVoltageV' | 'averageDischargeVoltageV' | 'retentionPct'
> &
  Partial<Pick<CycleRow, 'chargeCapacityMahPerG' | 'dischargeCapacityMahPerG' | 'chargeCapacityMahPerCm2' | 'dischargeCapacityMahPerCm2'>>;

export interface CycleSummaryInput {
  convention: 'discharge/charge' | 'charge/discharge';
  referenceCycle: number | undefined;
  cycles: CycleRowInput[];
  notes?: string[];
}

export interface CyclingOptions {
  /** Retention threshold for "cycles to X %". @default 80 */
  retentionThresholdPct?: number;
}

export interface CyclingCycle {
  cycle: number;
  chargeCapacityMah: number | null;
  dischargeCapacityMah: number | null;
  chargeCapacityMahPerG: number | null;
  dischargeCapacityMahPerG: number | null;
  chargeCapacityMahPerCm2: number | null;
  dischargeCapacityMahPerCm2: number | null;
  coulombicEfficiencyPct: number | null;
  energyEfficiencyPct: number | null;
  averageChargeVoltageV: number | null;
  averageDischargeVoltageV: number | null;
  /** Average charge voltage − average discharge voltage. */
  voltageHysteresisV: number | null;
  retentionPct: number | null;
}

export interface CyclingResult {
  conventions: { coulombicEfficiency: string; energyEfficiency: string; retention: string; fadeRate: string };
  referenceCycle: number | null;
  cycles: CyclingCycle[];
  /** Coulombic efficiency of the first cycle that has both a charge and a discharge. */
  firstCycleCoulombicEfficiencyPct: number | null;
  firstCycle: number | null;
  fadeRatePctPerCycle: number | null;
  fadeRateRSquared: number | null;
  retentionThresholdPct: number;
  cycleAtThreshold: number | null;
  /** Cycles after the reference cycle until the threshold. */
  cyclesToThreshold: number | null;
  cyclesToThresholdKind: 'observed' | 'extrapolated' | 'notReached';
  /** The last complete cycle and its retention. */
  lastCycle: number | null;
  lastRetentionPct: number | null;
  notes: string[];
}

const fin = (x: number | undefined): number | null => (x !== undefined && Number.isFinite(x) ? x : null);

export function analyzeCycling(summary: CycleSummaryInput, options: CyclingOptions = {}): CyclingResult {
  const threshold = options.retentionThresholdPct ?? 80;
  if (!(threshold > 0 && threshold < 100)) throw new AnalysisError(`retention threshold must be between 0 and 100 %, found ${threshold}`);
  const active = summary.cycles.filter((c) => c.chargeCapacityAh > 0 || c.dischargeCapacityAh > 0);
  if (active.length === 0) throw new AnalysisError(`cycling analysis: no cycle has a charge or discharge capacity (${summary.cycles.length} cycle${summary.cycles.length === 1 ? '' : 's'} in the summary)`);
  const dischargeFirst = summary.convention === 'discharge/charge';
  const cycles: CyclingCycle[] = active.map((c) => {
    const num = c.dischargeEnergyWh;
    const den = c.chargeEnergyWh;
    const vc = fin(c.averageChargeVoltageV);
    const vd = fin(c.averageDischargeVoltageV);
    return {
      cycle: c.cycle,
      chargeCapacityMah: fin(c.chargeCapacityAh * 1000),
      dischargeCapacityMah: fin(c.dischargeCapacityAh * 1000),
      chargeCapacityMahPerG: fin(c.chargeCapacityMahPerG),
      dischargeCapacityMahPerG: fin(c.dischargeCapacityMahPerG),
      chargeCapacityMahPerCm2: fin(c.chargeCapacityMahPerCm2),
      dischargeCapacityMahPerCm2: fin(c.dischargeCapacityMahPerCm2),
      // an incomplete cycle (charge or discharge missing) has no efficiency, not 0 %
      coulombicEfficiencyPct: c.chargeCapacityAh > 0 && c.dischargeCapacityAh > 0 ? fin(c.coulombicEfficiencyPct) : null,
      energyEfficiencyPct: den > 0 && num > 0 && c.chargeCapacityAh > 0 && c.dischargeCapacityAh > 0 ? (100 * num) / den : null,
      averageChargeVoltageV: vc,
      averageDischargeVoltageV: vd,
      voltageHysteresisV: vc !== null && vd !== null ? vc - vd : null,
      retentionPct: fin(c.retentionPct),
    };
  });
  const notes: string[] = [];
  const first = cycles.find((c) => (c.chargeCapacityMah ?? 0) > 0 && (c.dischargeCapacityMah ?? 0) > 0);
  const ref = summary.referenceCycle ?? null;
  // fade: retention against cycle number from the reference cycle on
  // Only complete cycles (a charge and a discharge) enter the fade fit: a test stopped mid-cycle
  // leaves a last cycle whose capacity is partial, not faded.
  const complete = cycles.filter((c) => (c.chargeCapacityMah ?? 0) > 0 && (c.dischargeCapacityMah ?? 0) > 0);
  const incomplete = cycles.length - complete.length;
  if (incomplete > 0) notes.push(`${incomplete} incomplete cycle${incomplete === 1 ? '' : 's'} (no charge or no discharge) left out of the fade fit and the last-cycle retention: ${cycles.filter((c) => !complete.includes(c)).map((c) => c.cycle).join(', ')}`);
  const pts = complete.filter((c) => c.retentionPct !== null && (ref === null || c.cycle >= ref) && c.retentionPct > 0);
  let fade: number | null = null;
  let fadeR2: number | null = null;
  let intercept = NaN;
  if (pts.length >= 3) {
    const fit = fitLine(pts.map((p) => p.cycle), pts.map((p) => p.retentionPct as number));
    fade = -fit.slope;
    fadeR2 = fit.rSquared;
    intercept = fit.intercept;
  } else notes.push(`fade rate not computed: ${pts.length} cycle${pts.length === 1 ? '' : 's'} with a retention value (3 or more needed)`);
  let cycleAt: number | null = null;
  let kind: CyclingResult['cyclesToThresholdKind'] = 'notReached';
  if (pts.length > 0 && (pts[0].retentionPct as number) <= threshold) {
    // already at or below the threshold at the first complete cycle (e.g. a large loss against a
    // formation half cycle used as reference): the crossing happened before the data considered
    cycleAt = pts[0].cycle;
    kind = 'observed';
    notes.push(`retention is already ${(pts[0].retentionPct as number).toFixed(1)} % (≤ ${threshold} %) at the first complete cycle, ${pts[0].cycle}`);
  }
  for (let k = 1; cycleAt === null && k < pts.length; k++) {
    const a = pts[k - 1];
    const b = pts[k];
    const ra = a.retentionPct as number;
    const rb = b.retentionPct as number;
    if (rb <= threshold && ra > threshold) {
      cycleAt = a.cycle + ((ra - threshold) / (ra - rb)) * (b.cycle - a.cycle);
      kind = 'observed';
    }
  }
  if (cycleAt === null && fade !== null && fade > 0 && pts.length > 0) {
    const at = (intercept - threshold) / fade;
    // forward extrapolation only: a fitted line that "reached" the threshold before the last cycle
    // contradicts the data, which never did
    if (at > pts[pts.length - 1].cycle) {
      cycleAt = at;
      kind = 'extrapolated';
      notes.push(`retention never fell to ${threshold} %: the cycle is extrapolated from the linear fade fit`);
    } else notes.push(`retention never fell to ${threshold} % and the fade line does not cross it beyond the data: not extrapolated`);
  }
  const last = complete.length > 0 ? complete[complete.length - 1] : cycles[cycles.length - 1];
  return {
    conventions: {
      coulombicEfficiency: dischargeFirst ? 'discharge / charge capacity of the same cycle (%)' : 'charge / discharge capacity of the same cycle (%)',
      energyEfficiency: 'discharge / charge energy of the same cycle (%): energy delivered over energy put in',
      retention: `${dischargeFirst ? 'discharge' : 'charge'} capacity relative to cycle ${ref ?? '—'} (%)`,
      fadeRate: '−slope of retention (%) against cycle number, least squares from the reference cycle on (% per cycle)',
    },
    referenceCycle: ref,
    cycles,
    firstCycleCoulombicEfficiencyPct: first?.coulombicEfficiencyPct ?? null,
    firstCycle: first?.cycle ?? null,
    fadeRatePctPerCycle: fade,
    fadeRateRSquared: fadeR2,
    retentionThresholdPct: threshold,
    cycleAtThreshold: cycleAt,
    cyclesToThreshold: cycleAt !== null && ref !== null ? cycleAt - ref : null,
    cyclesToThresholdKind: kind,
    lastCycle: last.cycle,
    lastRetentionPct: last.retentionPct,
    notes: [...(summary.notes ?? []), ...notes],
  };
}
