/**
 * Arbin CSV exports (MITS Pro "Export to CSV", also the TRI/BEEP layout). Two header styles occur:
 * - bare names with Arbin's fixed units: Data_Point, Test_Time (s), DateTime, Step_Time (s),
 *   Step_Index, Cycle_Index, Current (A), Voltage (V), Charge_/Discharge_Capacity (Ah),
 *   Charge_/Discharge_Energy (Wh), dV/dt (V/s), Internal_Resistance (Ω), Temperature (°C);
 * - names with the unit in brackets: "Test_Time(s)", "Current(A)", "Voltage(V)",
 *   "Charge_Capacity(Ah)", "Date_Time", "Aux_Temperature_1(C)", …; the bracketed unit is used.
 * DateTime is written as Unix seconds (BEEP exports), an OLE Automation date (days since 1899-12-30), or
 * a wall-clock text; all become unixTime_s (wall clock read as UTC, no zone in the file).
 * Current sign: Arbin writes charging current positive — our convention, kept.
 * Capacities and energies accumulate from 0 at the start of each cycle (metadata.extra.cumulative).
 * The `_Metadata.csv` file Arbin writes beside the data is a separate file; read it with
 * `parseArbinMetadataCsv` and merge if wanted.
 */
import { FormatError } from '../../errors.js';
import type { FormatReader, ReadOptions } from '../formats.js';
import type { Measurement } from '../measurement.js';
import { decodeText, headText, isoFromUnix, parseDateTime, splitDelimited, splitLines } from '../tabular/text.js';
import { readTable } from '../tabular/table.js';
import { buildFromTable, dropEmptyColumns, splitNameUnit, type ColumnRule } from '../tabular/map-columns.js';
import { classifySteps } from '../tabular/step-types.js';
import { oleDateToUnix } from './res.js';
import { isZip, openXlsx, rowsToLines } from '../tabular/xlsx.js';

/** Arbin base name → [standard column, default unit when the header states none]. */
const BASE: Record<string, [ColumnRule['standard'], string]> = {
  Test_Time: ['time_s', 's'],
  Voltage: ['voltage_V', 'V'],
  Current: ['current_A', 'A'],
  Charge_Capacity: ['chargeCapacity_Ah', 'Ah'],
  Discharge_Capacity: ['dischargeCapacity_Ah', 'Ah'],
  Charge_Energy: ['chargeEnergy_Wh', 'Wh'],
  Discharge_Energy: ['dischargeEnergy_Wh', 'Wh'],
  Cycle_Index: ['cycle', ''],
  Step_Index: ['step', ''],
  Internal_Resistance: ['internalResistance_Ohm', 'Ohm'],
  'Internal Resistance': ['internalResistance_Ohm', 'Ohm'],
  Temperature: ['temperature_K', '°C'],
  Aux_Temperature_1: ['temperature_K', '°C'],
};
const KNOWN = new Set(['Data_Point', 'Step_Time', 'DateTime', 'Date_Time', 'dV/dt', 'dQ/dV', 'dV/dQ', 'AC_Impedance', 'ACI_Phase_Angle', 'ACR', 'Is_FC_Data', 'Power', 'Load', '']);

function isArbinHeader(line: string): boolean {
  return /\bData_Point\b/.test(line) && /\bTest_Time\b/.test(line) && /\bCycle_Index\b/.test(line);
}

export function readArbinCsv(bytes: Uint8Array, file: string, options?: ReadOptions): Measurement {
  return readArbinLines(splitLines(decodeText(bytes)), file, 'arbin-csv', false, options);
}

/**
 * Arbin MITS Pro Excel exports (.xlsx): the data sheet ("Channel_<n>-<k>", or any sheet whose header is an
 * Arbin data header) with the CSV column rules; Date_Time cells are Excel serial dates there. The
 * Global_Info and Statistics sheets are named in metadata.
 */
export function readArbinXlsx(bytes: Uint8Array, file: string, options?: ReadOptions): Measurement {
  const wb = openXlsx(bytes, file);
  for (const name of wb.sheetNames) {
    const lines = rowsToLines(wb.readSheet(name));
    if (lines.slice(0, 20).some(isArbinHeader)) {
      const m = readArbinLines(lines, file, 'arbin-xlsx', true, options);
      m.metadata.extra = { ...(m.metadata.extra ?? {}), sheet: name, sheets: wb.sheetNames.join(', ') };
      return m;
    }
  }
  throw new FormatError({ file }, `no sheet with an Arbin data header (Data_Point, Test_Time, Cycle_Index, …); sheets: ${wb.sheetNames.join(', ')}`);
}

function readArbinLines(lines: string[], file: string, format: string, xlsx: boolean, options?: ReadOptions): Measurement {
  const h = lines.findIndex((l, i) => i < 20 && isArbinHeader(l));
  if (h < 0) throw new FormatError({ file, line: 1 }, 'expected an Arbin CSV header (Data_Point, Test_Time, Cycle_Index, …) in the first 20 lines');
  const delimiter = lines[h].includes('\t') ? '\t' : ',';
  const names = splitDelimited(lines[h], delimiter).map((s) => s.trim());
  const table = readTable(lines, names, h + 1, { delimiter, file, onProgress: options?.onProgress, forceText: (n) => /^Date_?Time/.test(n) });
  const rules: Record<string, ColumnRule> = {};
  for (const name of names) {
    const [base, unit] = splitNameUnit(name);
    const map = BASE[base];
    if (map) rules[name] = { standard: map[0], unit: unit || map[1] };
  }
  const m = buildFromTable(table, rules, { format, source: file, metadata: { instrument: 'Arbin', extra: { cumulative: 'per cycle' } }, ignore: (n) => KNOWN.has(n) || KNOWN.has(splitNameUnit(n)[0]) || /^Aux_/.test(n) });
  // DateTime: Unix seconds, OLE days or text.
  const dtCol = names.findIndex((n) => /^Date_?Time/.test(splitNameUnit(n)[0]));
  if (dtCol >= 0) {
    const strs = table.text[dtCol] as string[];
    const unix = new Float64Array(table.rows);
    for (let i = 0; i < table.rows; i++) {
      const s = strs[i];
      const v = Number(s);
      // numbers: Unix seconds (> 1e8) or OLE/Excel serial days (xlsx always stores dates so)
      unix[i] = s === '' ? NaN : Number.isFinite(v) ? (v > 1e8 && !xlsx ? v : oleDateToUnix(v)) : parseDateTime(s);
    }
    m.columns.unixTime_s = unix;
    m.raw.push({ name: names[dtCol], unit: 'unix s', values: unix });
    const start = isoFromUnix(unix[0]);
    if (start) m.metadata.startTime = start;
  }
  dropEmptyColumns(m);
  if (m.columns.current_A) m.columns.stepType = classifySteps(m.rows, m.columns.current_A, m.columns.voltage_V, m.columns.step);
  return m;
}

/** Arbin's `<name>_Metadata.csv` (one header row, one value row) as key → value. */
export function parseArbinMetadataCsv(bytes: Uint8Array): Record<string, string> {
  const lines = splitLines(decodeText(bytes)).filter((l) => l.trim() !== '');
  if (lines.length < 2) return {};
  const k = splitDelimited(lines[0], ',');
  const v = splitDelimited(lines[1], ',');
  const out: Record<string, string> = {};
  k.forEach((key, i) => {
    if (key.trim() !== '') out[key.trim()] = (v[i] ?? '').trim();
  });
  return out;
}

export const arbinXlsxReader: FormatReader = {
  id: 'arbin-xlsx',
  description: 'Arbin MITS Pro Excel export (.xlsx, data sheet)',
  extensions: [], // found by content only (the sheet header)
  sniff: (bytes, name) => {
    if (!name.toLowerCase().endsWith('.xlsx') || !isZip(bytes)) return false;
    try {
      const wb = openXlsx(bytes, name);
      return wb.sheetNames.some((s) => rowsToLines(wb.readSheet(s, 20)).some(isArbinHeader));
    } catch {
      return false;
    }
  },
  read: readArbinXlsx,
};

export const arbinCsvReader: FormatReader = {
  id: 'arbin-csv',
  description: 'Arbin CSV export (Data_Point, Test_Time, Current, Voltage, …)',
  extensions: [], // found by content only: '.csv' alone says nothing about the instrument
  sniff: (bytes) => splitLines(headText(bytes, 8192)).slice(0, 20).some(isArbinHeader),
  read: readArbinCsv,
};
