/**
 * Novonix HPC cycler CSV exports: `[Summary] … [End Summary]` (Channel, Cell, Protocol, Mass (g),
 * Capacity (Ah), Area (cm2), Started, Version), `[Protocol] … [End Protocol]` (the step list, each line
 * "[code: Name: …]"), then `[Data]` with a header row: Date and Time, Cycle Number, Step Type, Run Time (h),
 * Step Time (h), Current (A), Potential (V), Capacity (Ah), Temperature (°C), Circuit Temperature (°C),
 * Energy (Wh), dVdt, dIdt, Step Number, Step position. Some exports wrap every data line in quotes.
 *
 * Step Type codes (BEEP's novonix_conversion.yaml): 0 rest, 1 CC charge, 2 CC discharge, 7 CC-CV charge,
 * 8 CV hold (charge), 9 CC-CV discharge, 10 CV hold (discharge); other codes are inferred from the current
 * and named in a warning.
 * Current: Novonix writes charging current positive — ours, kept.
 * Capacity/Energy: one column counting the cycle's net charge (up while charging, down while
 * discharging, as BEEP reads it): on charge rows chargeCapacity = Capacity; on discharge rows
 * dischargeCapacity = (largest Capacity on the cycle's charge rows, or in the cycle when it has none)
 * − Capacity. Both therefore accumulate over the cycle (metadata.extra.cumulative = 'per cycle').
 * Date and Time is wall clock without a zone; read as UTC.
 */
import { FormatError } from '../../errors.js';
import type { FormatReader, ReadOptions } from '../formats.js';
import { stepTypeCode, type Measurement, type StepType } from '../measurement.js';
import { decodeText, headText, isoFromUnix, parseDateTime, parseNumber, splitLines } from '../tabular/text.js';
import { readTable } from '../tabular/table.js';
import { buildFromTable, splitNameUnit, type ColumnRule } from '../tabular/map-columns.js';
import { classifySteps } from '../tabular/step-types.js';

const STEP_CODES: Record<number, StepType> = { 0: 'rest', 1: 'charge', 2: 'discharge', 7: 'charge', 8: 'cvCharge', 9: 'discharge', 10: 'cvDischarge' };

const BASE: Record<string, ColumnRule['standard']> = {
  'Cycle Number': 'cycle',
  'Step Number': 'step',
  'Run Time': 'time_s',
  'Current': 'current_A',
  'Potential': 'voltage_V',
  'Temperature': 'temperature_K',
};
const KNOWN = new Set(['Date and Time', 'Step Type', 'Step Time', 'Capacity', 'Energy', 'Circuit Temperature', 'dVdt', 'dIdt', 'Step position']);

const unquote = (l: string): string => (l.length >= 2 && l.startsWith('"') && l.endsWith('"') && l.slice(1, -1).indexOf('"') < 0 ? l.slice(1, -1) : l);

export function readNovonixCsv(bytes: Uint8Array, file: string, options?: ReadOptions): Measurement {
  const lines = splitLines(decodeText(bytes));
  if ((lines[0] ?? '').trim() !== '[Summary]') throw new FormatError({ file, line: 1 }, `expected '[Summary]' (Novonix CSV), found '${(lines[0] ?? '').slice(0, 30)}'`);
  const dataAt = lines.findIndex((l) => l.trim() === '[Data]');
  if (dataAt < 0) throw new FormatError({ file }, "no '[Data]' section");
  const summary: Record<string, string> = {};
  const endSummary = lines.findIndex((l) => l.trim() === '[End Summary]');
  for (let i = 1; i < (endSummary > 0 ? endSummary : 20); i++) {
    const m = /^([^:]+):\s*(.*)$/.exec(lines[i]);
    if (m) summary[m[1].trim()] = m[2].trim();
  }
  const protocolSteps: Record<number, string> = {};
  for (let i = endSummary + 1; i < dataAt; i++) {
    const m = /^\s*\[(\d+):\s*([^:\]]+)/.exec(unquote(lines[i]));
    if (m) protocolSteps[Number(m[1])] = m[2].trim();
  }
  const body = lines.slice(dataAt + 1).map(unquote);
  if (body.length === 0 || body[0].trim() === '') throw new FormatError({ file, line: dataAt + 2 }, 'expected the data header row after [Data]');
  const names = body[0].split(',').map((s) => s.trim());
  const table = readTable(body, names, 1, { delimiter: ',', file, onProgress: options?.onProgress, forceText: (n) => n === 'Date and Time' });
  table.firstLine += dataAt + 1;
  const rules: Record<string, ColumnRule> = {};
  for (const n of names) {
    const [base, unit] = splitNameUnit(n);
    const std = BASE[base];
    if (std) rules[n] = { standard: std, unit: unit || (std === 'cycle' || std === 'step' ? '' : '?') };
  }
  const warnings: string[] = [];
  const m = buildFromTable(table, rules, { format: 'novonix-csv', source: file, warnings, ignore: (n) => KNOWN.has(splitNameUnit(n)[0]) });
  const col = (base: string): Float64Array | undefined => {
    const c = names.findIndex((n) => splitNameUnit(n)[0] === base);
    return c >= 0 ? table.numeric[c] : undefined;
  };
  const dt = names.indexOf('Date and Time');
  if (dt >= 0) {
    const s = table.text[dt] as string[];
    m.columns.unixTime_s = Float64Array.from(s, parseDateTime);
  }
  // Step types from the codes.
  const codes = col('Step Type');
  const rows = m.rows;
  const cur = m.columns.current_A;
  if (codes) {
    const fallback = cur ? classifySteps(rows, cur, m.columns.voltage_V, m.columns.step) : undefined;
    const st = new Float64Array(rows);
    const unknown = new Set<number>();
    for (let i = 0; i < rows; i++) {
      const t = STEP_CODES[codes[i]];
      if (t) st[i] = stepTypeCode(t);
      else {
        unknown.add(codes[i]);
        st[i] = fallback ? fallback[i] : stepTypeCode('unknown');
      }
    }
    if (unknown.size > 0) warnings.push(`Step Type code(s) ${[...unknown].join(', ')} not known (known: ${Object.keys(STEP_CODES).join(', ')}); inferred from the current`);
    m.columns.stepType = st;
  }
  // Capacity / energy split (see header comment).
  const st = m.columns.stepType;
  const cycle = m.columns.cycle;
  for (const [base, ch, dis] of [['Capacity', 'chargeCapacity_Ah', 'dischargeCapacity_Ah'], ['Energy', 'chargeEnergy_Wh', 'dischargeEnergy_Wh']] as const) {
    const v = col(base);
    if (!v || !st) continue;
    const isChg = (i: number): boolean => st[i] === stepTypeCode('charge') || st[i] === stepTypeCode('cvCharge');
    const isDis = (i: number): boolean => st[i] === stepTypeCode('discharge') || st[i] === stepTypeCode('cvDischarge');
    const maxChg = new Map<number, number>();
    const maxAny = new Map<number, number>();
    for (let i = 0; i < rows; i++) {
      const c = cycle ? cycle[i] : 0;
      maxAny.set(c, Math.max(maxAny.get(c) ?? -Infinity, v[i]));
      if (isChg(i)) maxChg.set(c, Math.max(maxChg.get(c) ?? -Infinity, v[i]));
    }
    const a = new Float64Array(rows);
    const b = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      const c = cycle ? cycle[i] : 0;
      if (isChg(i)) a[i] = Math.abs(v[i]);
      else if (isDis(i)) b[i] = Math.abs((maxChg.get(c) ?? maxAny.get(c) ?? 0) - v[i]);
    }
    m.columns[ch] = a;
    m.columns[dis] = b;
  }
  const num = (k: string): number => parseNumber(summary[k] ?? '');
  const massG = num('Mass (g)');
  const areaCm2 = num('Area (cm2)');
  const extra: Record<string, string | number> = { cumulative: 'per cycle' };
  for (const k of ['Cell', 'Protocol', 'Serial Number', 'Description']) if (summary[k]) extra[k] = summary[k];
  const cap = num('Capacity (Ah)');
  if (Number.isFinite(cap)) extra['nominal capacity (Ah)'] = cap;
  for (const [code, name] of Object.entries(protocolSteps)) extra[`protocol step code ${code}`] = name;
  m.metadata = {
    instrument: 'Novonix HPC',
    softwareVersion: summary.Version,
    channel: summary.Channel,
    startTime: isoFromUnix(parseDateTime(summary.Started ?? '')),
    activeMassKg: Number.isFinite(massG) ? massG * 1e-3 : undefined,
    electrodeAreaM2: Number.isFinite(areaCm2) ? areaCm2 * 1e-4 : undefined,
    extra,
  };
  return m;
}

export const novonixCsvReader: FormatReader = {
  id: 'novonix-csv',
  description: 'Novonix HPC cycler CSV ([Summary] / [Protocol] / [Data])',
  extensions: [], // found by content only: '.csv' alone says nothing about the instrument
  sniff: (bytes) => /^\uFEFF?\[Summary\]\r?\nNovonix/.test(headText(bytes, 64)) || /^\[Summary\]/.test(headText(bytes, 16)) && /Novonix/.test(headText(bytes, 256)),
  read: readNovonixCsv,
};
