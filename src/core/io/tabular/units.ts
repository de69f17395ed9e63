/**
 * Unit conversion for instrument columns: from the unit a file states (or a column-mapping file names)
 * to the SI unit of a StandardColumn (measurement.ts). A unit that does not fit the column is an error
 * for the caller to report — never a silent factor of 1000.
 */
import type { StandardColumn } from '../measurement.js';

/** How to turn a cell into the SI value: numeric × scale + offset, or a duration / wall-clock text. */
export interface Conversion {
  kind: 'number' | 'duration' | 'datetime';
  scale: number;
  offset: number;
}

const num = (scale: number, offset = 0): Conversion => ({ kind: 'number', scale, offset });

/** Canonical form of a unit string: lower case, no spaces, µ/μ → u, Ω/ohm spelled out. */
export function normaliseUnit(unit: string): string {
  return unit
    .trim()
    .replace(/[µμ]/g, 'u')
    .replace(/Ω/g, 'ohm')
    .replace(/°/g, 'deg')
    .replace(/\s+/g, '')
    .toLowerCase();
}

const TIME: Record<string, Conversion> = {
  s: num(1), sec: num(1), secs: num(1), second: num(1), seconds: num(1), ms: num(1e-3), min: num(60), minute: num(60), minutes: num(60),
  h: num(3600), hr: num(3600), hour: num(3600), hours: num(3600), d: num(86400), day: num(86400), days: num(86400),
  'hh:mm:ss': { kind: 'duration', scale: 1, offset: 0 }, duration: { kind: 'duration', scale: 1, offset: 0 },
};
const UNIX: Record<string, Conversion> = {
  // Excel / OLE Automation serial dates: days since 1899-12-30 (25569 days before the Unix epoch).
  s: num(1), unixs: num(1), ms: num(1e-3), unixms: num(1e-3), exceldate: num(86400, -25569 * 86400), oledate: num(86400, -25569 * 86400), datetime: { kind: 'datetime', scale: 1, offset: 0 }, iso: { kind: 'datetime', scale: 1, offset: 0 },
};
const VOLT: Record<string, Conversion> = { v: num(1), mv: num(1e-3), uv: num(1e-6), kv: num(1e3) };
const AMP: Record<string, Conversion> = { a: num(1), ma: num(1e-3), ua: num(1e-6), na: num(1e-9), amps: num(1), mamps: num(1e-3) };
const AH: Record<string, Conversion> = {
  ah: num(1), mah: num(1e-3), uah: num(1e-6), 'a.h': num(1), 'ma.h': num(1e-3), 'amp-hr': num(1), 'mamp-hr': num(1e-3), as: num(1 / 3600), c: num(1 / 3600), mas: num(1e-3 / 3600),
};
const WH: Record<string, Conversion> = { wh: num(1), mwh: num(1e-3), kwh: num(1e3), uwh: num(1e-6), 'w.h': num(1), 'watt-hr': num(1), 'mwatt-hr': num(1e-3), j: num(1 / 3600), kj: num(1 / 3.6) };
const KELVIN: Record<string, Conversion> = { k: num(1), degc: num(1, 273.15), c: num(1, 273.15), celsius: num(1, 273.15), degreesc: num(1, 273.15) };
const HZ: Record<string, Conversion> = { hz: num(1), khz: num(1e3), mhz: num(1e-3) };
const OHM: Record<string, Conversion> = { ohm: num(1), ohms: num(1), mohm: num(1e-3), mo: num(1e-3), kohm: num(1e3), uohm: num(1e-6) };
const COUNT: Record<string, Conversion> = { '': num(1), '#': num(1), index: num(1), count: num(1) };

const BY_COLUMN: Record<StandardColumn, Record<string, Conversion>> = {
  time_s: TIME,
  unixTime_s: UNIX,
  voltage_V: VOLT,
  current_A: AMP,
  chargeCapacity_Ah: AH,
  dischargeCapacity_Ah: AH,
  chargeEnergy_Wh: WH,
  dischargeEnergy_Wh: WH,
  temperature_K: KELVIN,
  frequency_Hz: HZ,
  zReal_Ohm: OHM,
  zImag_Ohm: OHM,
  internalResistance_Ohm: OHM,
  cycle: COUNT,
  step: COUNT,
  stepType: COUNT,
};

/** The conversion from `unit` to the SI unit of `column`, or undefined when the unit does not fit. */
export function conversionFor(column: StandardColumn, unit: string): Conversion | undefined {
  return BY_COLUMN[column][normaliseUnit(unit)];
}

/** Units accepted for a column (for error messages). */
export function acceptedUnits(column: StandardColumn): string[] {
  return Object.keys(BY_COLUMN[column]).map((u) => (u === '' ? '(none)' : u));
}
