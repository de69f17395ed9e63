/**
 * The one data model every instrument reader produces (issue 5) and every analysis consumes (issue 6).
 *
 * Conventions (stated once, relied on everywhere):
 * - Storage is columnar: one Float64Array per column, all of length `rows`.
 * - Units are SI in the core: seconds, volts, amperes, ampere-hours, watt-hours, kelvin, hertz, ohms.
 *   (Ah and Wh are kept rather than C and J because every cycler and every researcher counts in them.)
 * - current_A > 0 charges the cell (for a cathode half-cell against Li: delithiation of the cathode).
 *   Readers convert each instrument's own convention to this one.
 * - zImag_Ohm keeps its physical sign: negative for a capacitive arc (a Nyquist plot shows −Z″).
 * - chargeCapacity_Ah / dischargeCapacity_Ah are non-negative and, as most cyclers report them, reset at
 *   the start of each step of the matching direction; `cumulative` in metadata says if a file differs.
 * - A column absent from the file is absent from `columns` (never filled with zeros or NaN).
 */

/** Names of the normalised columns, with their SI unit in the name. */
export type StandardColumn =
  | 'time_s'
  | 'voltage_V'
  | 'current_A'
  | 'chargeCapacity_Ah'
  | 'dischargeCapacity_Ah'
  | 'chargeEnergy_Wh'
  | 'dischargeEnergy_Wh'
  | 'cycle'
  | 'step'
  | 'stepType'
  | 'temperature_K'
  | 'frequency_Hz'
  | 'zReal_Ohm'
  | 'zImag_Ohm'
  | 'internalResistance_Ohm'
  | 'unixTime_s';

export const STANDARD_COLUMNS: readonly StandardColumn[] = [
  'time_s', 'voltage_V', 'current_A', 'chargeCapacity_Ah', 'dischargeCapacity_Ah', 'chargeEnergy_Wh',
  'dischargeEnergy_Wh', 'cycle', 'step', 'stepType', 'temperature_K', 'frequency_Hz', 'zReal_Ohm',
  'zImag_Ohm', 'internalResistance_Ohm', 'unixTime_s',
];

/** What a step does. Stored per row in the `stepType` column as the index into this list. */
export const STEP_TYPES = ['unknown', 'rest', 'charge', 'discharge', 'cvCharge', 'cvDischarge', 'eis', 'ocv', 'pulse', 'sweep'] as const;
export type StepType = (typeof STEP_TYPES)[number];
export const stepTypeCode = (t: StepType): number => STEP_TYPES.indexOf(t);

/** A column exactly as the file had it, before normalisation (for users who need a vendor column). */
export interface RawColumn {
  /** The name in the file, e.g. "control/V/mA" or "Ewe/V". */
  name: string;
  /** The unit as the file states it, or '' when it states none. */
  unit: string;
  values: Float64Array;
}

export interface MeasurementMetadata {
  instrument?: string;
  softwareVersion?: string;
  /** ISO 8601 start time when the file records one. */
  startTime?: string;
  /** Technique(s) as the instrument names them, e.g. ["GCPL"], ["PEIS"], ["MB"]. */
  technique?: string[];
  channel?: string;
  /** Active-material mass in kg when the file records one. */
  activeMassKg?: number;
  /** Electrode area in m² when the file records one. */
  electrodeAreaM2?: number;
  /** Anything else a reader found worth keeping, keyed by the file's own names. */
  extra?: Record<string, string | number>;
}

export interface Measurement {
  /** Reader id, e.g. "biologic-mpr", "biologic-mpt", "arbin-res", "neware-ndax", "maccor-txt". */
  format: string;
  /** The source's name (file name) for messages. */
  source: string;
  rows: number;
  columns: Partial<Record<StandardColumn, Float64Array>>;
  /** Every column of the file as read, including ones that were normalised into `columns`. */
  raw: RawColumn[];
  metadata: MeasurementMetadata;
  /** Non-fatal problems: an unknown column id, an unknown file version, a unit guessed. */
  warnings: string[];
}

/** One contiguous run of rows with the same step index. */
export interface Step {
  index: number;
  cycle: number;
  type: StepType;
  /** First row (inclusive) and last row (exclusive). */
  startRow: number;
  endRow: number;
  durationS: number;
  /** Mean current over the step, A (positive charges). */
  meanCurrentA: number;
}

/** Convenience: a column or a clear error naming what is missing. */
export function hasColumn(m: Measurement, c: StandardColumn): boolean {
  return m.columns[c] !== undefined;
}
