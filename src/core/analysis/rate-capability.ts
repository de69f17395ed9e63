/**
 * Rate-capability tables: consecutive cycles run at the same C-rate form a block; each block reports
 * its C-rate (recovered from the measured current, not taken from a protocol), the capacity delivered
 * and the retention against the first block. This is how the paper's 169.6 / 138.3 / 103.1 mAh/g at
 * 1 / 2 / 3C are read off a rate test.
 *
 * C-rate of a cycle = median |current| of its discharge (or charge) rows / the 1C capacity. The
 * median picks the constant-current level and ignores a constant-voltage tail. The 1C capacity is,
 * in order of preference: `nominalCapacityAh`; active mass × `nominalSpecificCapacityMahPerG`;
 * otherwise the first cycle's measured capacity (stated in `cRateBasis`).
 * Only complete cycles (with a charge and a discharge) are used.
 * A block continues while a cycle's C-rate is within `blockTolerance` (relative) of the block's first.
 */
import { AnalysisError } from '../errors.js';
import type { Measurement } from '../io/measurement.js';

export interface RateCycleInput { cycle: number; chargeCapacityAh: number; dischargeCapacityAh: number }

export interface RateCapabilityOptions {
  direction?: 'discharge' | 'charge';
  /** 1C capacity, Ah. */
  nominalCapacityAh?: number;
  /** Active-material mass, kg (with nominalSpecificCapacityMahPerG defines 1C; also gives mAh/g). */
  activeMassKg?: number;
  /** Specific capacity that defines 1C, mAh/g (e.g. 200 for NCM811). */
  nominalSpecificCapacityMahPerG?: number;
  /** Relative C-rate change that starts a new block. @default 0.15 */
  blockTolerance?: number;
}

export interface RateCycle { cycle: number; currentA: number; cRate: number; capacityMah: number; capacityMahPerG: number | null }

export interface RateBlock {
  /** 1-based block number in time order. */
  block: number;
  /** The C-rate rounded to a conventional value (0.1, 0.2, 1/3, 0.5, 1, 2, …) when within 10 %, else 2 digits. */
  cRateLabel: string;
  cRateMeasured: number;
  firstCycle: number;
  lastCycle: number;
  cycles: number;
  meanCapacityMah: number;
  meanCapacityMahPerG: number | null;
  lastCapacityMah: number;
  /** Mean capacity relative to the first block's mean, %. */
  retentionVsFirstBlockPct: number;
  /** For a block that returns to an earlier C-rate (the recovery step of a rate test): its mean
   *  capacity relative to the first block at that rate, %; null otherwise. */
  recoveryVsEarlierSameRatePct: number | null;
}

export interface RateCapabilityResult {
  direction: 'discharge' | 'charge';
  cRateBasis: string;
  oneCCapacityAh: number;
  cycles: RateCycle[];
  blocks: RateBlock[];
}

const CONVENTIONAL = [0.02, 0.05, 0.1, 0.2, 0.25, 1 / 3, 0.5, 1, 1.5, 2, 3, 4, 5, 10, 20];

export function cRateLabel(c: number): string {
  for (const v of CONVENTIONAL) {
    if (Math.abs(c - v) <= 0.1 * v) return v === 1 / 3 ? 'C/3' : `${v}C`;
  }
  return `${Number(c.toPrecision(2))}C`;
}

/** Median |current| of each cycle's discharge (I < 0) or charge (I > 0) rows, A. */
export function cycleCurrents(m: Measurement, direction: 'discharge' | 'charge' = 'discharge'): Map<number, number> {
  const { cycle, current_A: cur } = m.columns;
  if (!cur) throw new AnalysisError(`${m.source}: rate capability needs a current column`);
  const buckets = new Map<number, number[]>();
  const sign = direction === 'discharge' ? -1 : 1;
  let max = 0;
  for (let i = 0; i < m.rows; i++) if (Math.abs(cur[i]) > max) max = Math.abs(cur[i]);
  const threshold = 0.001 * max;
  for (let i = 0; i < m.rows; i++) {
    if (sign * cur[i] <= threshold) continue;
    const c = cycle ? cycle[i] : 0;
    let b = buckets.get(c);
    if (!b) buckets.set(c, (b = []));
    b.push(Math.abs(cur[i]));
  }
  const out = new Map<number, number>();
  for (const [c, v] of buckets) {
    v.sort((a, b) => a - b);
    out.set(c, v.length % 2 ? v[(v.length - 1) >> 1] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]));
  }
  return out;
}

export function analyzeRateCapability(cycles: RateCycleInput[], currents: Map<number, number>, options: RateCapabilityOptions = {}): RateCapabilityResult {
  const direction = options.direction ?? 'discharge';
  const cap = (c: RateCycleInput) => (direction === 'discharge' ? c.dischargeCapacityAh : c.chargeCapacityAh);
  // complete cycles only: a test stopped mid-cycle leaves a partial last capacity that is no rate result
  const usable = cycles.filter((c) => c.chargeCapacityAh > 0 && c.dischargeCapacityAh > 0 && (currents.get(c.cycle) ?? 0) > 0);
  if (usable.length === 0) throw new AnalysisError(`rate capability: no cycle has both a ${direction} capacity and a ${direction} current`);
  const mass = options.activeMassKg;
  if (mass !== undefined && !(mass > 0)) throw new AnalysisError(`active mass must be positive, found ${mass} kg`);
  let oneC: number;
  let basis: string;
  if (options.nominalCapacityAh !== undefined) {
    oneC = options.nominalCapacityAh;
    basis = `1C = ${(oneC * 1000).toPrecision(4)} mAh (given nominal capacity)`;
  } else if (mass !== undefined && options.nominalSpecificCapacityMahPerG !== undefined) {
    oneC = (mass * 1000 * options.nominalSpecificCapacityMahPerG) / 1000;
    basis = `1C = ${options.nominalSpecificCapacityMahPerG} mAh/g × ${(mass * 1e6).toPrecision(4)} mg = ${(oneC * 1000).toPrecision(4)} mAh`;
  } else {
    oneC = cap(usable[0]);
    basis = `1C = the first cycle's measured ${direction} capacity, ${(oneC * 1000).toPrecision(4)} mAh (no nominal capacity given)`;
  }
  if (!(oneC > 0)) throw new AnalysisError(`rate capability: the 1C capacity must be positive, found ${oneC} Ah`);
  const tol = options.blockTolerance ?? 0.15;
  const rc: RateCycle[] = usable.map((c) => {
    const i = currents.get(c.cycle) as number;
    return { cycle: c.cycle, currentA: i, cRate: i / oneC, capacityMah: cap(c) * 1000, capacityMahPerG: mass !== undefined ? (cap(c) * 1000) / (mass * 1000) : null };
  });
  const blocks: RateBlock[] = [];
  let start = 0;
  for (let k = 1; k <= rc.length; k++) {
    if (k < rc.length && Math.abs(rc[k].cRate - rc[start].cRate) <= tol * rc[start].cRate) continue;
    const run = rc.slice(start, k);
    const mean = run.reduce((s, r) => s + r.capacityMah, 0) / run.length;
    const cMean = run.reduce((s, r) => s + r.cRate, 0) / run.length;
    blocks.push({
      block: blocks.length + 1,
      cRateLabel: cRateLabel(cMean),
      cRateMeasured: cMean,
      firstCycle: run[0].cycle,
      lastCycle: run[run.length - 1].cycle,
      cycles: run.length,
      meanCapacityMah: mean,
      meanCapacityMahPerG: mass !== undefined ? mean / (mass * 1000) : null,
      lastCapacityMah: run[run.length - 1].capacityMah,
      retentionVsFirstBlockPct: NaN,
      recoveryVsEarlierSameRatePct: null,
    });
    start = k;
  }
  for (const b of blocks) {
    b.retentionVsFirstBlockPct = (100 * b.meanCapacityMah) / blocks[0].meanCapacityMah;
    const earlier = blocks.find((e) => e.block < b.block && Math.abs(e.cRateMeasured - b.cRateMeasured) <= tol * e.cRateMeasured);
    if (earlier) b.recoveryVsEarlierSameRatePct = (100 * b.meanCapacityMah) / earlier.meanCapacityMah;
  }
  return { direction, cRateBasis: basis, oneCCapacityAh: oneC, cycles: rc, blocks };
}
