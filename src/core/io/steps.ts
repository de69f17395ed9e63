/**
 * The steps table: contiguous runs of rows with the same step index (and cycle), each with its type.
 * When a file has no step-type information, types are inferred per row from the control mode (if the
 * instrument records one) and the sign of the current:
 *   - impedance rows (technique is EIS, or a frequency > 0 is recorded on the row) → 'eis'
 *   - BioLogic mode 3 (open circuit) → 'rest' ('ocv' in an OCV technique)
 *   - mode 2 (potentiostatic): 'sweep' in CV/LSV techniques, else 'cvCharge' / 'cvDischarge' by current sign
 *   - otherwise by current: > +1 nA 'charge', < −1 nA 'discharge', else 'rest'
 * The 1 nA dead band is absolute (not relative to the file's maximum) so that chunked reading of large
 * files gives exactly the same types as whole-file reading.
 */
import type { Measurement, Step, StepType } from './measurement.js';
import { STEP_TYPES, stepTypeCode } from './measurement.js';

/** |I| below this (A) counts as no current. */
export const ZERO_CURRENT_A = 1e-9;

export interface StepTypeInputs {
  rows: number;
  current?: Float64Array;
  /** BioLogic-style control mode per row: 1 galvanostatic, 2 potentiostatic, 3 open circuit. */
  mode?: Float64Array;
  frequency?: Float64Array;
  /** Every row is an impedance point (EIS technique). */
  allEis?: boolean;
  technique?: string;
  /**
   * Where to write the types (default: a new array). May be `mode` itself: each row's mode is read
   * before its type is written, so a reader can decode the mode into the array that ends up holding
   * the step types and allocate one column less.
   */
  out?: Float64Array;
}

const SWEEP_TECHNIQUES = new Set(['CV', 'CVA', 'LSV']);

const CODE = {
  unknown: stepTypeCode('unknown'),
  rest: stepTypeCode('rest'),
  charge: stepTypeCode('charge'),
  discharge: stepTypeCode('discharge'),
  cvCharge: stepTypeCode('cvCharge'),
  cvDischarge: stepTypeCode('cvDischarge'),
  eis: stepTypeCode('eis'),
  ocv: stepTypeCode('ocv'),
  sweep: stepTypeCode('sweep'),
};

/**
 * The step-type code of one row (the rules in this file's header). `mode` is 0 when the file records
 * none; `hasCurrent` false gives 'unknown' (or 'ocv' in an OCV technique) outside rest and EIS rows.
 * Shared by inferStepTypes and the one-pass .mpr decode (biologic/mpr-rows.ts), so both give the same.
 */
export function stepTypeOfRow(eis: boolean, mode: number, hasCurrent: boolean, current: number, sweep: boolean, ocvTechnique: boolean): number {
  if (eis) return CODE.eis;
  if (mode === 3) return ocvTechnique ? CODE.ocv : CODE.rest;
  if (!hasCurrent) return ocvTechnique ? CODE.ocv : CODE.unknown;
  if (mode === 2) {
    if (sweep) return CODE.sweep;
    return current > ZERO_CURRENT_A ? CODE.cvCharge : current < -ZERO_CURRENT_A ? CODE.cvDischarge : CODE.rest;
  }
  if (sweep && mode === 0) return CODE.sweep;
  return current > ZERO_CURRENT_A ? CODE.charge : current < -ZERO_CURRENT_A ? CODE.discharge : CODE.rest;
}

/** True for the techniques whose potentiostatic rows are a sweep (CV, LSV) rather than a CV hold. */
export function isSweepTechnique(technique: string | undefined): boolean {
  return technique !== undefined && SWEEP_TECHNIQUES.has(technique);
}

/**
 * stepTypeOfRow as a table, for decode loops that would otherwise call it per row: entry
 * (eis ? 12 : 0) + mode × 3 + direction, with mode 0…3 and direction 0 (current < −1 nA), 1 (no
 * current: |I| ≤ 1 nA, or NaN) or 2 (current > +1 nA). Built from stepTypeOfRow, so the rules stay here.
 */
export function stepTypeTable(hasCurrent: boolean, sweep: boolean, ocvTechnique: boolean): Float64Array {
  const table = new Float64Array(24);
  const currentOf = [-1, 0, 1];
  for (let eis = 0; eis < 2; eis++) {
    for (let mode = 0; mode < 4; mode++) {
      for (let dir = 0; dir < 3; dir++) table[eis * 12 + mode * 3 + dir] = stepTypeOfRow(eis === 1, mode, hasCurrent, currentOf[dir], sweep, ocvTechnique);
    }
  }
  return table;
}

export function inferStepTypes(inp: StepTypeInputs): Float64Array {
  const out = inp.out ?? new Float64Array(inp.rows);
  const { current, mode, frequency } = inp;
  const sweep = isSweepTechnique(inp.technique);
  const ocvTechnique = inp.technique === 'OCV';
  const allEis = inp.allEis === true;
  const hasCurrent = current !== undefined;
  for (let i = 0; i < inp.rows; i++) {
    const eis = allEis || (frequency !== undefined && frequency[i] > 0);
    out[i] = stepTypeOfRow(eis, mode ? mode[i] : 0, hasCurrent, hasCurrent ? current[i] : 0, sweep, ocvTechnique);
  }
  return out;
}

/**
 * Builds the steps table. A new step starts where the step index or the cycle changes; without a step
 * column, where the step type changes. A step's type is the type of most of its rows (a CC step with a
 * first row at zero current is still a charge step).
 */
export function buildSteps(m: Measurement): Step[] {
  const n = m.rows;
  const step = m.columns.step;
  const cycle = m.columns.cycle;
  const types = m.columns.stepType;
  const time = m.columns.time_s;
  const current = m.columns.current_A;
  const steps: Step[] = [];
  if (n === 0) return steps;
  const counts = new Float64Array(STEP_TYPES.length);
  let start = 0;
  let index = 0;
  const key = (i: number): number => (step ? step[i] : types ? types[i] : 0);
  for (let i = 1; i <= n; i++) {
    const boundary = i === n || key(i) !== key(start) || (cycle !== undefined && cycle[i] !== cycle[start]);
    if (!boundary) continue;
    counts.fill(0);
    let sumI = 0;
    let comp = 0;
    for (let j = start; j < i; j++) {
      if (types) counts[types[j]] += 1;
      if (current) {
        // Neumaier-compensated mean: long steps have 10⁵+ rows of nearly equal values.
        const x = current[j];
        const t = sumI + x;
        comp += Math.abs(sumI) >= Math.abs(x) ? sumI - t + x : x - t + sumI;
        sumI = t;
      }
    }
    let best = 0;
    for (let k = 1; k < counts.length; k++) if (counts[k] > counts[best]) best = k;
    const type: StepType = types ? STEP_TYPES[best] : 'unknown';
    steps.push({
      index: step ? step[start] : index,
      cycle: cycle ? cycle[start] : 0,
      type,
      startRow: start,
      endRow: i,
      durationS: time ? time[i - 1] - time[start] : NaN,
      meanCurrentA: current ? (sumI + comp) / (i - start) : NaN,
    });
    index++;
    start = i;
  }
  return steps;
}
