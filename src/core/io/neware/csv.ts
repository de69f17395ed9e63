/**
 * Neware BTSDA CSV exports (one table, "record" layer). Header names vary by BTSDA version; each is
 * matched by its base name with the unit in brackets, e.g. "Current(A)" or "Cur(mA)":
 * DataPoint / Record ID, Cycle Index / Cycle ID, Step Index / Step ID, Step Type / Status ("CC Chg",
 * "CCCV DChg", "Rest", …), Time (step time, hh:mm:ss), Cumulative Time / Total Time (test time,
 * hh:mm:ss or seconds), Current, Voltage, Capacity, Chg. Cap., DChg. Cap., Energy, Chg. Energy,
 * DChg. Energy, Date / Realtime (wall clock), Power, dQ/dV, Contact resistance (mΩ), T1…
 *
 * Conventions: Neware writes charging current positive, discharging negative — ours, kept. Chg./DChg.
 * capacities and energies are given per step (reset at each step start) — as our model expects.
 * "Contact resistance" is what BTSDA records as the cell's DC resistance; it fills internalResistance_Ohm
 * (cellpy does the same). Wall clock has no zone; read as UTC.
 */
import { FormatError } from '../../errors.js';
import type { FormatReader, ReadOptions } from '../formats.js';
import { stepTypeCode, type Measurement, type StandardColumn } from '../measurement.js';
import { decodeText, headText, isoFromUnix, parseDuration, splitDelimited, splitLines } from '../tabular/text.js';
import { readTable } from '../tabular/table.js';
import { buildFromTable, splitNameUnit, type ColumnRule } from '../tabular/map-columns.js';
import { classifySteps } from '../tabular/step-types.js';
import { stepTypeFromNewareName } from './status.js';
import { isZip, openXlsx, rowsToLines } from '../tabular/xlsx.js';

/** base name (lower case) → [standard column, default unit]. */
const BASE: Record<string, [StandardColumn, string]> = {
  'cycle index': ['cycle', ''], 'cycle id': ['cycle', ''], cycle: ['cycle', ''],
  'step index': ['step', ''], 'step id': ['step', ''], steps: ['step', ''],
  'cumulative time': ['time_s', 'hh:mm:ss'], 'total time': ['time_s', 'hh:mm:ss'],
  current: ['current_A', 'A'], cur: ['current_A', 'A'],
  voltage: ['voltage_V', 'V'],
  'chg. cap.': ['chargeCapacity_Ah', 'Ah'], 'dchg. cap.': ['dischargeCapacity_Ah', 'Ah'],
  'chg. energy': ['chargeEnergy_Wh', 'Wh'], 'dchg. energy': ['dischargeEnergy_Wh', 'Wh'],
  date: ['unixTime_s', 'datetime'], realtime: ['unixTime_s', 'datetime'], 'absolute time': ['unixTime_s', 'datetime'],
  'contact resistance': ['internalResistance_Ohm', 'mOhm'],
  t1: ['temperature_K', '°C'], temperature: ['temperature_K', '°C'],
};
const KNOWN = new Set(['datapoint', 'record id', 'record index', 'step type', 'status', 'time', 'relative time', 'capacity', 'spec. cap.', 'chg. spec. cap.', 'dchg. spec. cap.', 'energy', 'spec. energy', 'chg. spec. energy', 'dchg. spec. energy', 'power', 'dq/dv', 'dqm/dv', 'module start-stop switch']);

const key = (name: string): [string, string] => {
  const [base, unit] = splitNameUnit(name);
  return [base.trim().toLowerCase(), unit];
};

function isNewareHeader(line: string): boolean {
  return /(DataPoint|Record ID|Record Index)/i.test(line) && /(Cycle Index|Cycle ID)/i.test(line) && /(Step Type|Status|Step Index)/i.test(line) && !/Data_Point/.test(line);
}

export function readNewareCsv(bytes: Uint8Array, file: string, options?: ReadOptions): Measurement {
  return readNewareLines(splitLines(decodeText(bytes)), file, 'neware-csv', options);
}

/**
 * BTSDA .xlsx exports: the record sheet ("Record", "Detail_…", or any sheet whose header is a Neware
 * record header) read with the same column rules as the CSV. Other sheets (Info, Cycle, Statis) are
 * per-cycle/per-step summaries and are named in metadata.
 */
export function readNewareXlsx(bytes: Uint8Array, file: string, options?: ReadOptions): Measurement {
  const wb = openXlsx(bytes, file);
  for (const name of wb.sheetNames) {
    const lines = rowsToLines(wb.readSheet(name));
    if (lines.slice(0, 20).some(isNewareHeader)) {
      const m = readNewareLines(lines, file, 'neware-xlsx', options, true);
      m.metadata.extra = { ...(m.metadata.extra ?? {}), sheet: name, sheets: wb.sheetNames.join(', ') };
      return m;
    }
  }
  throw new FormatError({ file }, `no sheet with a Neware record header (DataPoint/Record ID, Cycle Index, Step Type…); sheets: ${wb.sheetNames.join(', ')}`);
}

export function isNewareXlsx(bytes: Uint8Array, name: string): boolean {
  if (!name.toLowerCase().endsWith('.xlsx') || !isZip(bytes)) return false;
  try {
    const wb = openXlsx(bytes, name);
    return wb.sheetNames.some((s) => rowsToLines(wb.readSheet(s, 20)).some(isNewareHeader));
  } catch {
    return false;
  }
}

function readNewareLines(lines: string[], file: string, format: string, options?: ReadOptions, xlsx = false): Measurement {
  const h = lines.findIndex((l, i) => i < 20 && isNewareHeader(l));
  if (h < 0) throw new FormatError({ file, line: 1 }, 'expected a Neware BTSDA header (DataPoint/Record ID, Cycle Index, Step Type, …) in the first 20 lines');
  const delimiter = lines[h].includes('\t') ? '\t' : ',';
  const names = splitDelimited(lines[h], delimiter).map((s) => s.trim());
  const table = readTable(lines, names, h + 1, { delimiter, file, onProgress: options?.onProgress });
  const rules: Record<string, ColumnRule> = {};
  for (const n of names) {
    const [base, unit] = key(n);
    const map = BASE[base];
    if (!map) continue;
    let u = unit || map[1];
    // Time columns in hh:mm:ss are text; a numeric one is in the bracketed unit (s, h) or seconds.
    if (map[0] === 'time_s' && table.numeric[names.indexOf(n)] && !unit) u = 's';
    if (/^h:min:s/.test(u)) u = 'hh:mm:ss';
    // wall-clock columns sometimes carry a format in brackets ("Date(h:min:s.ms)"): always a date text
    if (map[0] === 'unixTime_s') u = 'datetime';
    rules[n] = { standard: map[0], unit: u };
  }
  // xlsx stores dates as serial day numbers.
  for (const n of Object.keys(rules)) if (xlsx && rules[n].unit === 'datetime' && table.numeric[names.indexOf(n)]) rules[n] = { ...rules[n], unit: 'exceldate' };
  const m = buildFromTable(table, rules, { format, source: file, metadata: { instrument: 'Neware BTS' }, ignore: (n) => KNOWN.has(key(n)[0]) });
  // Step time (hh:mm:ss) as a raw column.
  const tc = names.findIndex((n) => key(n)[0] === 'time' || key(n)[0] === 'relative time');
  if (tc >= 0 && table.text[tc]) m.raw.push({ name: names[tc], unit: 's', values: Float64Array.from(table.text[tc] as string[], parseDuration) });
  // Step type names.
  const sc = names.findIndex((n) => key(n)[0] === 'step type' || key(n)[0] === 'status');
  const cur = m.columns.current_A;
  if (sc >= 0 && table.text[sc]) {
    const strs = table.text[sc] as string[];
    const fallback = cur ? classifySteps(m.rows, cur, m.columns.voltage_V, m.columns.step) : undefined;
    const st = new Float64Array(m.rows);
    const unknown = new Set<string>();
    const cache = new Map<string, number>();
    for (let i = 0; i < m.rows; i++) {
      let code = cache.get(strs[i]);
      if (code === undefined) {
        const t = stepTypeFromNewareName(strs[i]);
        code = t ? stepTypeCode(t) : -1;
        cache.set(strs[i], code);
        if (!t) unknown.add(strs[i]);
      }
      st[i] = code >= 0 ? code : fallback ? fallback[i] : stepTypeCode('unknown');
    }
    if (unknown.size > 0) m.warnings.push(`Step Type value(s) not known: ${[...unknown].map((s) => `'${s}'`).join(', ')}; inferred from the current`);
    m.columns.stepType = st;
  } else if (cur) m.columns.stepType = classifySteps(m.rows, cur, m.columns.voltage_V, m.columns.step);
  if (m.columns.unixTime_s) m.metadata.startTime = isoFromUnix(m.columns.unixTime_s[0]);
  return m;
}

export const newareXlsxReader: FormatReader = {
  id: 'neware-xlsx',
  description: 'Neware BTSDA Excel export (.xlsx, record sheet)',
  extensions: [], // found by content only (the sheet header)
  sniff: isNewareXlsx,
  read: readNewareXlsx,
};

export const newareCsvReader: FormatReader = {
  id: 'neware-csv',
  description: 'Neware BTSDA CSV export (DataPoint, Cycle Index, Step Type, …)',
  extensions: [], // found by content only: '.csv' alone says nothing about the instrument
  sniff: (bytes) => splitLines(headText(bytes, 8192)).slice(0, 20).some(isNewareHeader),
  read: readNewareCsv,
};
