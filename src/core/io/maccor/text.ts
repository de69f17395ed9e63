/**
 * Maccor text exports (tab-separated), in the layouts cellpy and BEEP read:
 * - "raw" `.0NN` exports (the extension is the channel): one header line "Today's Date … Date of Test: …
 *   Filename: … Procedure: … Comment/Barcode: …", then columns Rec#, Cyc#, Step, Test (Sec) or TestTime,
 *   Step (Sec) or StepTime, Amp-hr, Watt-hr, Amps, Volts, State, ES, DPt Time, …;
 * - cellpy "model one": three key/value header lines, the same columns, times as "0d 00:00:5.05",
 *   Aux #n / Units pairs, VAR1…VAR15;
 * - "model two": key/value lines (Name, Channel, Tester, Procedure, Started, …), a blank line, then Rec,
 *   Cycle P, Cycle C, Step, TestTime, StepTime, Cap. [Ah], Ener. [Wh], Current [A], Voltage [V], Md, ES,
 *   DPT Time; **decimal commas**;
 * - "model three": milli units in the header (mAmp-hr, mWatt-hr, mAmps). Its "Volts" column holds
 *   millivolts (1300–3800 for a cell): a Volts column whose median exceeds 50 is read as mV, with a warning.
 *
 * Current sign and capacity: Maccor writes |I| with the State (C charge, D discharge, R rest, O other,
 * S stop, FRA impedance) in some exports and signed current (discharge negative) in others. Charge rows
 * get +|I|, discharge rows −|I| (our convention: positive charges the cell); other rows keep the file's
 * value. Amp-hr / Watt-hr count from 0 in each step: they go to chargeCapacity/chargeEnergy on C rows
 * and to dischargeCapacity/dischargeEnergy on D rows, 0 elsewhere (cellpy does the same for capacity).
 * Cycle numbers are kept as written (Maccor counts from 0; cellpy adds 1).
 * DPt Time is wall-clock without a zone; read as UTC.
 */
import { FormatError } from '../../errors.js';
import type { FormatReader, ReadOptions } from '../formats.js';
import type { Measurement, MeasurementMetadata } from '../measurement.js';
import { decodeText, headText, isoFromUnix, parseDateTime, parseDuration, splitLines } from '../tabular/text.js';
import { readTable, type TextTable } from '../tabular/table.js';
import { buildFromTable, type ColumnRule } from '../tabular/map-columns.js';
import { classifySteps } from '../tabular/step-types.js';
import { stepTypeCode } from '../measurement.js';

const isColumnHeader = (l: string): boolean => /^Rec#?\t/.test(l) && (/\tCyc#\t/.test(l) || /\tCycle [PC]\t/.test(l));

const SIMPLE: Record<string, ColumnRule> = {
  'Cyc#': { standard: 'cycle', unit: '' },
  'Cycle C': { standard: 'cycle', unit: '' },
  Step: { standard: 'step', unit: '' },
  'Test (Sec)': { standard: 'time_s', unit: 's' },
  'DCIR/Ohms': { standard: 'internalResistance_Ohm', unit: 'Ohm' },
  'DPt Time': { standard: 'unixTime_s', unit: 'datetime' },
  'DPT Time': { standard: 'unixTime_s', unit: 'datetime' },
};
const CURRENT: Record<string, number> = { Amps: 1, mAmps: 1e-3, 'Current [A]': 1 };
const CAPACITY: Record<string, number> = { 'Amp-hr': 1, 'mAmp-hr': 1e-3, 'Cap. [Ah]': 1 };
const ENERGY: Record<string, number> = { 'Watt-hr': 1, 'mWatt-hr': 1e-3, 'Ener. [Wh]': 1 };
const VOLTAGE = new Set(['Volts', 'Voltage [V]']);
const STATE = new Set(['State', 'Md']);
const IGNORED = /^(Rec#?|Cycle P|ES|ACImp\/Ohms|Aux #\d+|Units(\.\d+)?|VAR\d+|Loop\d|WF .*|Range|Unnamed: \d+|StepTime|Step \(Sec\)|TestTime)$/;

function headerKeyValues(lines: string[], upTo: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < upTo; i++) {
    const cells = lines[i].split('\t').map((c) => c.trim());
    for (let k = 0; k + 1 < cells.length; k += 2) {
      const key = cells[k].replace(/:$/, '').trim();
      if (key !== '' && cells[k + 1] !== '') out[key] = cells[k + 1];
    }
  }
  return out;
}

function median(v: Float64Array): number {
  const f = Array.from(v).filter(Number.isFinite).sort((a, b) => a - b);
  return f.length === 0 ? NaN : f[Math.floor(f.length / 2)];
}

export function readMaccorText(bytes: Uint8Array, file: string, options?: ReadOptions): Measurement {
  const lines = splitLines(decodeText(bytes));
  const h = lines.findIndex((l, i) => i < 40 && isColumnHeader(l));
  if (h < 0) throw new FormatError({ file, line: 1 }, "expected a Maccor column header (Rec#, Cyc#, Step, … or Rec, Cycle P, Cycle C, …) in the first 40 lines");
  const names = lines[h].split('\t').map((s) => s.trim());
  let first = h + 1;
  while (first < lines.length && lines[first].trim() === '') first++;
  // Decimal commas: numbers like "0,000000" and no "." in the first data line.
  const sample = lines[first] ?? '';
  const decimalComma = /\t-?\d+,\d+(\t|$)/.test(sample) && !/\t-?\d+\.\d+(\t|$)/.test(sample);
  const table = readTable(lines, names, first, { delimiter: '\t', decimalComma, file, onProgress: options?.onProgress, forceText: (n) => STATE.has(n) || /Time$/.test(n) });
  const rules: Record<string, ColumnRule> = {};
  for (const n of names) if (SIMPLE[n]) rules[n] = SIMPLE[n];
  // TestTime: "0d 00:00:5.05" durations or, in model two, seconds with decimal commas.
  const tt = names.indexOf('TestTime');
  const warnings: string[] = [];
  const m = buildFromTable(table, rules, {
    format: 'maccor-text',
    source: file,
    warnings,
    ignore: (n) => IGNORED.test(n) || n in CURRENT || n in CAPACITY || n in ENERGY || VOLTAGE.has(n) || STATE.has(n),
  });
  if (tt >= 0) {
    const col = durationColumn(table, tt, decimalComma);
    m.columns.time_s = col;
    m.raw.push({ name: 'TestTime', unit: 's', values: col });
  }
  for (const stepTimeName of ['StepTime']) {
    const c = names.indexOf(stepTimeName);
    if (c >= 0) m.raw.push({ name: stepTimeName, unit: 's', values: durationColumn(table, c, decimalComma) });
  }
  const vCol = names.findIndex((n) => VOLTAGE.has(n));
  if (vCol >= 0) {
    const v = numeric(table, vCol, file);
    let scale = 1;
    if (median(v) > 50) {
      scale = 1e-3;
      warnings.push(`column '${names[vCol]}' has a median of ${median(v)}: read as millivolts (a cell voltage in volts is below 50)`);
    }
    m.columns.voltage_V = v.map((x) => x * scale);
  }
  const stateCol = names.findIndex((n) => STATE.has(n));
  const states = stateCol >= 0 ? (table.text[stateCol] as string[]) : undefined;
  const iCol = names.findIndex((n) => n in CURRENT);
  if (iCol >= 0) {
    const raw = numeric(table, iCol, file);
    const scale = CURRENT[names[iCol]];
    const cur = new Float64Array(table.rows);
    for (let i = 0; i < table.rows; i++) {
      const s = states?.[i];
      const a = Math.abs(raw[i]) * scale;
      cur[i] = s === 'C' ? a : s === 'D' ? -a : raw[i] * scale;
    }
    m.columns.current_A = cur;
  }
  splitByState(table, names, CAPACITY, states, file, m, 'chargeCapacity_Ah', 'dischargeCapacity_Ah');
  splitByState(table, names, ENERGY, states, file, m, 'chargeEnergy_Wh', 'dischargeEnergy_Wh');
  if (states) {
    m.raw.push({ name: names[stateCol], unit: 'state code (0 R, 1 C, 2 D, 3 other)', values: Float64Array.from(states, (s) => (s === 'R' ? 0 : s === 'C' ? 1 : s === 'D' ? 2 : 3)) });
    const byCurrent = m.columns.current_A ? classifySteps(m.rows, m.columns.current_A, m.columns.voltage_V, m.columns.step) : undefined;
    const st = new Float64Array(m.rows);
    const other = new Set<string>();
    for (let i = 0; i < m.rows; i++) {
      const s = states[i];
      if (s === 'R') st[i] = stepTypeCode('rest');
      else if (s === 'FRA') st[i] = stepTypeCode('eis');
      else if (s === 'C' || s === 'D') st[i] = byCurrent ? byCurrent[i] : stepTypeCode(s === 'C' ? 'charge' : 'discharge');
      else {
        st[i] = stepTypeCode('unknown');
        if (s !== '' && s !== 'O' && s !== 'S' && s !== 'P') other.add(s);
      }
    }
    if (other.size > 0) warnings.push(`State value(s) not known: ${[...other].map((s) => `'${s}'`).join(', ')} (step type 'unknown')`);
    m.columns.stepType = st;
  }
  m.metadata = maccorMetadata(lines, h, file, m);
  return m;
}

function numeric(table: TextTable, c: number, file: string): Float64Array {
  const v = table.numeric[c];
  if (!v) throw new FormatError({ file, line: table.firstLine, field: table.names[c] }, `expected numbers, found '${table.text[c]?.[0] ?? ''}'`);
  return v;
}

function durationColumn(table: TextTable, c: number, decimalComma: boolean): Float64Array {
  const n = table.numeric[c];
  if (n) return n.slice();
  const s = table.text[c] as string[];
  return Float64Array.from(s, (x) => parseDuration(decimalComma ? x.replace(',', '.') : x));
}

function splitByState(table: TextTable, names: string[], units: Record<string, number>, states: string[] | undefined, file: string, m: Measurement, ch: 'chargeCapacity_Ah' | 'chargeEnergy_Wh', dis: 'dischargeCapacity_Ah' | 'dischargeEnergy_Wh'): void {
  const c = names.findIndex((n) => n in units);
  if (c < 0) return;
  const raw = numeric(table, c, file);
  const scale = units[names[c]];
  const a = new Float64Array(table.rows);
  const b = new Float64Array(table.rows);
  if (!states) {
    m.warnings.push(`no State column: '${names[c]}' cannot be split into charge and discharge; left out`);
    return;
  }
  for (let i = 0; i < table.rows; i++) {
    const v = Math.abs(raw[i]) * scale;
    if (states[i] === 'C') a[i] = v;
    else if (states[i] === 'D') b[i] = v;
  }
  m.columns[ch] = a;
  m.columns[dis] = b;
}

function maccorMetadata(lines: string[], headerLine: number, file: string, m: Measurement): MeasurementMetadata {
  const extra: Record<string, string | number> = {};
  const md: MeasurementMetadata = { instrument: 'Maccor', extra };
  const kv = headerKeyValues(lines, headerLine);
  const one = lines[0] ?? '';
  // Raw exports put everything on line 1 with spaces: pick the labelled parts.
  const grab = (label: string): string | undefined => new RegExp(`${label}:?\\s*\\t?\\s*(.*?)(?=\\s+(Filename|Procedure|Comment/Barcode|Date of Test):|\\t|$)`).exec(one)?.[1]?.trim() || undefined;
  const procedure = kv.Procedure ?? grab('Procedure');
  if (procedure) extra.procedure = procedure;
  const filename = (kv.Filename ?? grab('Filename'))?.split(/\s+Procedure:/)[0];
  if (filename) extra.filename = filename;
  const barcode = /Comment\/Barcode:\s*(\S*)/.exec(one)?.[1];
  if (barcode) extra.barcode = barcode;
  const channel = kv['Tester Channel'] ?? kv.Channel ?? /\.(\d{3})$/.exec(file)?.[1];
  if (channel !== undefined) md.channel = String(Number(channel));
  const tester = kv.Tester;
  if (tester) extra.tester = tester;
  // "Date of Test:" is followed by a date ("10/10/2019", raw exports) or "11 December 2020, 12:22:12 PM".
  const started = kv.Started ?? /Date of Test:\s*([0-9/]+(?: [0-9:]+(?: [AP]M)?)?)/.exec(one)?.[1];
  const startUnix = started ? parseDateTime(started) : NaN;
  md.startTime = isoFromUnix(Number.isFinite(startUnix) ? startUnix : m.columns.unixTime_s?.[0] ?? NaN);
  return md;
}

export const maccorTextReader: FormatReader = {
  id: 'maccor-text',
  description: 'Maccor text export (raw .0NN and exported .txt layouts)',
  extensions: [], // found by content only: '.txt' and raw '.0NN' say nothing by themselves
  sniff: (bytes) => splitLines(headText(bytes, 16384)).slice(0, 40).some(isColumnHeader),
  read: readMaccorText,
};
