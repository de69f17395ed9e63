/**
 * Export of a Measurement: CSV with the Battery Data Format (BDF) column labels, and JSON.
 *
 * BDF (Battery Data Alliance, battery-data-format ontology v1.3) names each column "Quantity / unit"
 * ("Test Time / s", "Voltage / V", "Current / A", "Cycle Count / 1", …). Our standard columns map onto
 * them one to one; the units already agree (s, V, A, Ah, Wh, Hz, ohm) except temperature, which BDF
 * states in °C ("degC") and we keep in K — converted on export. BDF's current sign is the same as ours
 * (positive charges the cell). Our capacity and energy columns restart at each step, so they are BDF's
 * "Step Charging Capacity / Ah" etc. Step types are written as words (charge, discharge, rest, …).
 * Empty cells mean "no value" (a NaN in the data). Numbers are written in shortest round-trip form.
 */
import type { Measurement, StandardColumn } from './measurement.js';
import { STANDARD_COLUMNS, STEP_TYPES } from './measurement.js';

export const BDF_LABELS: Record<StandardColumn, string> = {
  time_s: 'Test Time / s',
  unixTime_s: 'Unix Time / s',
  voltage_V: 'Voltage / V',
  current_A: 'Current / A',
  chargeCapacity_Ah: 'Step Charging Capacity / Ah',
  dischargeCapacity_Ah: 'Step Discharging Capacity / Ah',
  chargeEnergy_Wh: 'Step Charging Energy / Wh',
  dischargeEnergy_Wh: 'Step Discharging Energy / Wh',
  cycle: 'Cycle Count / 1',
  step: 'Step ID',
  stepType: 'Step Type',
  temperature_K: 'Temperature T1 / degC',
  frequency_Hz: 'Frequency / Hz',
  zReal_Ohm: 'Real Impedance / ohm',
  zImag_Ohm: 'Imaginary Impedance / ohm',
  internalResistance_Ohm: 'Internal Resistance / ohm',
};

/** BDF requires these three first when present. */
const BDF_ORDER: StandardColumn[] = ['time_s', 'voltage_V', 'current_A'];

function exportOrder(m: Measurement): StandardColumn[] {
  const present = STANDARD_COLUMNS.filter((c) => m.columns[c] !== undefined);
  return [...BDF_ORDER.filter((c) => present.includes(c)), ...present.filter((c) => !BDF_ORDER.includes(c))];
}

function cell(c: StandardColumn, x: number): string {
  if (Number.isNaN(x)) return '';
  if (c === 'stepType') return STEP_TYPES[x] ?? 'unknown';
  if (c === 'temperature_K') return String(x - 273.15);
  return String(x);
}

/**
 * The BDF CSV text in pieces of `rowsPerChunk` rows (the first piece starts with the header), so a
 * large measurement can be written without one giant string.
 */
export function* bdfCsvChunks(m: Measurement, rowsPerChunk = 50_000): Generator<string> {
  const cols = exportOrder(m);
  const arrays = cols.map((c) => m.columns[c] as Float64Array);
  yield cols.map((c) => BDF_LABELS[c]).join(',') + '\n';
  const parts: string[] = new Array(cols.length);
  for (let start = 0; start < m.rows; start += rowsPerChunk) {
    const end = Math.min(m.rows, start + rowsPerChunk);
    let out = '';
    for (let r = start; r < end; r++) {
      for (let k = 0; k < cols.length; k++) parts[k] = cell(cols[k], arrays[k][r]);
      out += parts.join(',') + '\n';
    }
    yield out;
  }
}

/** The whole BDF CSV as one string. */
export function toBdfCsv(m: Measurement): string {
  let s = '';
  for (const piece of bdfCsvChunks(m)) s += piece;
  return s;
}

export interface MeasurementJson {
  format: string;
  source: string;
  rows: number;
  metadata: Measurement['metadata'];
  warnings: string[];
  /** Column name → values; standard columns under their own names (unit in the name). */
  columns: Record<string, (number | null)[]>;
  /** Raw vendor columns, when asked for. */
  raw?: { name: string; unit: string; values: (number | null)[] }[];
}

const toList = (a: Float64Array): (number | null)[] => Array.from(a, (x) => (Number.isFinite(x) ? x : null));

/** A JSON-ready object with every standard column's data (and the raw columns with `includeRaw`). */
export function toMeasurementJson(m: Measurement, options: { includeRaw?: boolean } = {}): MeasurementJson {
  const columns: Record<string, (number | null)[]> = {};
  for (const c of STANDARD_COLUMNS) {
    const a = m.columns[c];
    if (a) columns[c] = toList(a);
  }
  const out: MeasurementJson = { format: m.format, source: m.source, rows: m.rows, metadata: m.metadata, warnings: m.warnings, columns };
  if (options.includeRaw) out.raw = m.raw.map((r) => ({ name: r.name, unit: r.unit, values: toList(r.values) }));
  return out;
}
