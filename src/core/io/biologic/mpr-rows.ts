/**
 * The standard columns of a BioLogic .mpr in one pass over its records: each record's fields are read
 * once and every standard column of that row — capacity split, cycle from half cycles, Z from |Z| and
 * phase, step type — is written once. The rules are those of normalise.ts (which column feeds which,
 * planBioLogic; unit factors and signs as documented there) and steps.ts (stepTypeOfRow); a test checks
 * this decode against the column-wise normalisation on every .mpr fixture.
 *
 * Why a second path: column by column, a 3.6 MB file is walked once per column and every derived column
 * is a second pass over arrays that no longer fit in cache; here a file is decoded as it is read, in
 * pieces that stay in cache (bench/results/import.md). This is the TypeScript twin of the WebAssembly
 * decode (asm/mpr-decode.ts), which runs where there is WebAssembly. Measured alternatives: three
 * passes per piece (electrical, counters, impedance: fewer live values per loop) were 5 % slower per
 * file; a loop written for biol.mpr's columns alone decodes in 0.38 against this loop's 0.60 ms.
 *
 * The field types are fixed per role (time is always f8, voltage f4 …, from the column table); a file
 * whose columns have other types is decoded by the general path (rowLayout returns undefined).
 */
import type { RawColumn, StandardColumn } from '../measurement.js';
import { isSweepTechnique, stepTypeTable, ZERO_CURRENT_A } from '../steps.js';
import { FIELD_BITS, FIELD_F4, FIELD_F8, FIELD_U2, FIELD_U4, type FieldPlace } from './columns.js';
import type { BioLogicPlan } from './normalise.js';
import { EIS_TECHNIQUES } from './techniques.js';

/** |I| below this (A) counts as no current (steps.ts), as a module constant: read in the hot loop. */
const NO_CURRENT_A = ZERO_CURRENT_A;

// Roles: indices into RowLayout.at (byte offset of the field in a record, −1 when absent).
const TIME = 0;
const VOLT = 1;
const CURRENT = 2;
const DQ = 3;
const Q = 4;
const QC = 5;
const QD = 6;
const EC = 7;
const ED = 8;
const CYCLE = 9;
const HALF = 10;
const NS = 11;
const TEMP = 12;
const FREQ = 13;
const RE = 14;
const IM = 15;
const MOD = 16;
const PHASE = 17;
const RDC = 18;
const MODE = 19;
const ROLES = 20;

/** The plan entry behind each role and the field type this decode reads it as. */
const ROLE_SOURCES: readonly [number, keyof BioLogicPlan, number][] = [
  [TIME, 'time', FIELD_F8], [VOLT, 'volt', FIELD_F4], [DQ, 'dq', FIELD_F8], [Q, 'q', FIELD_F8],
  [QC, 'qc', FIELD_F8], [QD, 'qd', FIELD_F8], [EC, 'ec', FIELD_F8], [ED, 'ed', FIELD_F8],
  [CYCLE, 'cycle', FIELD_F8], [HALF, 'half', FIELD_U4], [NS, 'ns', FIELD_U2], [TEMP, 'temp', FIELD_F4],
  [FREQ, 'freq', FIELD_F4], [RE, 're', FIELD_F4], [IM, 'im', FIELD_F4], [MOD, 'mod', FIELD_F4],
  [PHASE, 'phase', FIELD_F4], [RDC, 'rdc', FIELD_F4],
];

export interface RowLayout {
  /** Byte offset of each role's field in a record, −1 when the file has no such column. */
  at: Int32Array;
  /** The current column is f8 (<I>/mA, id 11) rather than f4. */
  currentF8: boolean;
  /** current_A = value × currentFactor + currentAdd (add is −0 for an unconverted column, so −0 stays −0). */
  currentFactor: number;
  currentAdd: number;
  /** Step-type codes by (eis, mode, current direction): steps.ts stepTypeTable. */
  stepTypes: Float64Array;
  allEis: boolean;
}

/** The standard columns being filled; a role's array is empty when the role is absent. */
export interface StandardRows {
  time: Float64Array;
  volt: Float64Array;
  current: Float64Array;
  charge: Float64Array;
  discharge: Float64Array;
  chargeEnergy: Float64Array;
  dischargeEnergy: Float64Array;
  cycle: Float64Array;
  step: Float64Array;
  temperature: Float64Array;
  frequency: Float64Array;
  zReal: Float64Array;
  zImag: Float64Array;
  resistance: Float64Array;
  stepType: Float64Array;
}

/** The StandardRows fields in the order the WebAssembly decode writes them (asm/mpr-decode.ts). */
export const STANDARD_ROW_KEYS: readonly (keyof StandardRows)[] = [
  'time', 'volt', 'current', 'charge', 'discharge', 'chargeEnergy', 'dischargeEnergy', 'cycle', 'step',
  'temperature', 'frequency', 'zReal', 'zImag', 'resistance', 'stepType',
];

/**
 * The layout for this plan, or undefined when a column has a type this decode does not read (then the
 * general path decodes the file).
 */
export function rowLayout(plan: BioLogicPlan, where: ReadonlyMap<string, FieldPlace>, technique: string | undefined): RowLayout | undefined {
  const at = new Int32Array(ROLES).fill(-1);
  for (const [role, key, code] of ROLE_SOURCES) {
    const col = plan[key] as RawColumn | undefined;
    if (!col) continue;
    const w = where.get(col.name);
    if (!w || w.code !== code) return undefined;
    at[role] = w.at;
  }
  let currentF8 = false;
  let currentFactor = 1;
  if (plan.current) {
    const w = where.get(plan.current.col.name);
    if (!w || (w.code !== FIELD_F4 && w.code !== FIELD_F8)) return undefined;
    at[CURRENT] = w.at;
    currentF8 = w.code === FIELD_F8;
    currentFactor = plan.current.factor;
  }
  if (plan.mode) {
    const w = where.get(plan.mode.name);
    if (!w || w.code !== FIELD_BITS || w.mask !== 0x03) return undefined;
    at[MODE] = w.at;
  }
  return {
    at,
    currentF8,
    currentFactor,
    currentAdd: currentFactor === 1 ? -0 : 0,
    stepTypes: stepTypeTable(at[CURRENT] >= 0 || at[DQ] >= 0, isSweepTechnique(technique), technique === 'OCV'),
    allEis: technique !== undefined && EIS_TECHNIQUES.has(technique),
  };
}

const EMPTY = new Float64Array(0);

const zeroed = (rows: number): Float64Array => new Float64Array(rows);

/**
 * New arrays of `rows` for the roles the layout has (empty for the others). `newColumn` may return
 * memory that is not zero-filled: decodeStandardRows writes every row of every array made here.
 */
export function allocateStandardRows(layout: RowLayout, rows: number, newColumn: (rows: number) => Float64Array = zeroed): StandardRows {
  const at = layout.at;
  const has = (...roles: number[]): Float64Array => (roles.some((r) => at[r] >= 0) ? newColumn(rows) : EMPTY);
  const z = at[RE] >= 0 || at[MOD] >= 0;
  return {
    time: has(TIME),
    volt: has(VOLT),
    current: has(CURRENT, DQ),
    charge: has(Q, QC),
    discharge: has(Q, QC),
    chargeEnergy: has(EC),
    dischargeEnergy: has(EC),
    cycle: has(CYCLE, HALF),
    step: has(NS),
    temperature: has(TEMP),
    frequency: has(FREQ),
    zReal: z ? newColumn(rows) : EMPTY,
    zImag: at[IM] >= 0 || at[MOD] >= 0 ? newColumn(rows) : EMPTY,
    resistance: has(RDC),
    stepType: newColumn(rows),
  };
}

/**
 * Decodes records r0 … r1−1, the first at byte `p` of `dv`, `stride` bytes apart, into rows r0 … r1−1
 * of `out`. `carry[0]` is the time of the row before r0 (NaN before the first): the current derived
 * from dq/Δt needs it across pieces.
 */
export function decodeStandardRows(dv: DataView, p: number, stride: number, r0: number, r1: number, layout: RowLayout, out: StandardRows, carry: Float64Array): void {
  const at = layout.at;
  const aTime = at[TIME], aVolt = at[VOLT], aI = at[CURRENT], aDq = at[DQ], aQ = at[Q], aQc = at[QC], aQd = at[QD];
  const aEc = at[EC], aEd = at[ED], aCyc = at[CYCLE], aHalf = at[HALF], aNs = at[NS], aTemp = at[TEMP];
  const aFreq = at[FREQ], aRe = at[RE], aIm = at[IM], aMod = at[MOD], aPh = at[PHASE], aRdc = at[RDC], aMode = at[MODE];
  const hasTime = aTime >= 0, hasVolt = aVolt >= 0, hasI = aI >= 0, hasDq = aDq >= 0, hasQ = aQ >= 0, hasQcd = aQc >= 0;
  const hasE = aEc >= 0, hasCyc = aCyc >= 0, hasHalf = aHalf >= 0, hasNs = aNs >= 0, hasTemp = aTemp >= 0;
  const hasFreq = aFreq >= 0, hasRe = aRe >= 0, hasIm = aIm >= 0, hasPolar = aMod >= 0, hasRdc = aRdc >= 0, hasMode = aMode >= 0;
  const currentF8 = layout.currentF8, fI = layout.currentFactor, oI = layout.currentAdd;
  const { stepTypes, allEis } = layout;
  const { time, volt, current, charge, discharge, chargeEnergy, dischargeEnergy, cycle, step, temperature, frequency, zReal, zImag, resistance, stepType } = out;
  let prev = carry[0];
  for (let r = r0; r < r1; r++, p += stride) {
    let t = 0;
    if (hasTime) {
      t = dv.getFloat64(p + aTime, true);
      time[r] = t;
    }
    if (hasVolt) volt[r] = dv.getFloat32(p + aVolt, true);
    let I = 0;
    if (hasI) {
      I = (currentF8 ? dv.getFloat64(p + aI, true) : dv.getFloat32(p + aI, true)) * fI + oI;
      current[r] = I;
    } else if (hasDq) {
      // EC-Lab's <I>: the charge since the previous point over the time since it (normalise.ts); 0 on
      // the first point, and wherever time does not advance.
      I = t > prev ? (dv.getFloat64(p + aDq, true) / (t - prev)) * 3.6 : 0;
      prev = t;
      current[r] = I;
    }
    if (hasQ) {
      // Q in Ah, split by sign: the positive part is charge, the negative part discharge (−0, NaN → 0).
      const x = dv.getFloat64(p + aQ, true) * 1e-3 + 0;
      if (x < 0) {
        discharge[r] = -x;
        charge[r] = 0;
      } else {
        charge[r] = x > 0 ? x : 0;
        discharge[r] = 0;
      }
    } else if (hasQcd) {
      charge[r] = dv.getFloat64(p + aQc, true) * 1e-3 + 0;
      discharge[r] = dv.getFloat64(p + aQd, true) * 1e-3 + 0;
    }
    if (hasE) {
      chargeEnergy[r] = Math.abs(dv.getFloat64(p + aEc, true));
      dischargeEnergy[r] = Math.abs(dv.getFloat64(p + aEd, true));
    }
    if (hasCyc) cycle[r] = dv.getFloat64(p + aCyc, true);
    else if (hasHalf) cycle[r] = Math.floor(dv.getUint32(p + aHalf, true) * 0.5);
    if (hasNs) step[r] = dv.getUint16(p + aNs, true);
    if (hasTemp) temperature[r] = dv.getFloat32(p + aTemp, true) + 273.15;
    let f = 0;
    if (hasFreq) {
      f = dv.getFloat32(p + aFreq, true);
      frequency[r] = f;
    }
    if (hasRe) zReal[r] = dv.getFloat32(p + aRe, true);
    if (hasIm) zImag[r] = dv.getFloat32(p + aIm, true) * -1 + 0;
    if (hasPolar) {
      // Z = |Z|·e^{jφ}, φ in degrees (normalise.ts); rows without impedance store |Z| = 0.
      const mod = dv.getFloat32(p + aMod, true);
      if (mod === 0) {
        zReal[r] = 0;
        zImag[r] = 0;
      } else {
        const phase = (dv.getFloat32(p + aPh, true) * Math.PI) / 180;
        zReal[r] = mod * Math.cos(phase);
        zImag[r] = mod * Math.sin(phase);
      }
    }
    if (hasRdc) resistance[r] = dv.getFloat32(p + aRdc, true);
    const mode = hasMode ? dv.getUint8(p + aMode) & 0x03 : 0;
    // The step type from its table (a call per row would box the current: measured 0.2 ms per file).
    const direction = I > NO_CURRENT_A ? 2 : I < -NO_CURRENT_A ? 0 : 1;
    stepType[r] = stepTypes[(allEis || f > 0 ? 12 : 0) + mode * 3 + direction];
  }
  carry[0] = prev;
}

/** The filled arrays as the Measurement's standard columns (absent roles left out). */
export function standardColumns(out: StandardRows): Partial<Record<StandardColumn, Float64Array>> {
  const columns: Partial<Record<StandardColumn, Float64Array>> = {};
  const put = (name: StandardColumn, a: Float64Array): void => {
    if (a !== EMPTY) columns[name] = a;
  };
  put('time_s', out.time);
  put('voltage_V', out.volt);
  put('current_A', out.current);
  put('chargeCapacity_Ah', out.charge);
  put('dischargeCapacity_Ah', out.discharge);
  put('chargeEnergy_Wh', out.chargeEnergy);
  put('dischargeEnergy_Wh', out.dischargeEnergy);
  put('cycle', out.cycle);
  put('step', out.step);
  put('temperature_K', out.temperature);
  put('frequency_Hz', out.frequency);
  put('zReal_Ohm', out.zReal);
  put('zImag_Ohm', out.zImag);
  put('internalResistance_Ohm', out.resistance);
  put('stepType', out.stepType);
  return columns;
}

/**
 * Raw columns whose values are exactly a standard column (unconverted: time, voltage, frequency, Ns,
 * cycle number, Re(Z), Rdc) share that array, so reading them later neither decodes nor stores twice.
 */
export function shareUnconverted(plan: BioLogicPlan, out: StandardRows): void {
  if (plan.time) plan.time.values = out.time;
  if (plan.volt) plan.volt.values = out.volt;
  if (plan.freq) plan.freq.values = out.frequency;
  if (plan.ns) plan.ns.values = out.step;
  if (plan.cycle) plan.cycle.values = out.cycle;
  if (plan.re) plan.re.values = out.zReal;
  if (plan.rdc) plan.rdc.values = out.resistance;
}
