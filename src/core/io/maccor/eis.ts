/**
 * Maccor EIS export ("MACCOR, INC. AC Impedance Test", e.g. `*.EDA0001.041`): about ten header lines
 * (test type, procedure, file name, start date, FRA settings), a tab header `Freq(Hz) Polar(V)
 * time(sec) Z'(a) Z''(b) Phase_Angle Z-Mag C(F) Status …`, then one row per frequency.
 * Z''(b) is the signed imaginary part (negative with a negative phase angle: capacitive), kept as is.
 * V-DC is the cell's DC voltage during the sweep.
 */
import { FormatError } from '../../errors.js';
import type { FormatReader, ReadOptions } from '../formats.js';
import { stepTypeCode, type Measurement } from '../measurement.js';
import { decodeText, headText, splitLines } from '../tabular/text.js';
import { readTable } from '../tabular/table.js';
import { buildFromTable, type ColumnRule } from '../tabular/map-columns.js';

const RULES: Record<string, ColumnRule> = {
  'Freq(Hz)': { standard: 'frequency_Hz', unit: 'Hz' },
  "Z'(a)": { standard: 'zReal_Ohm', unit: 'Ohm' },
  "Z''(b)": { standard: 'zImag_Ohm', unit: 'Ohm' },
  'time(sec)': { standard: 'time_s', unit: 's' },
  'V-DC': { standard: 'voltage_V', unit: 'V' },
};

export function readMaccorEis(bytes: Uint8Array, file: string, _options?: ReadOptions): Measurement {
  const lines = splitLines(decodeText(bytes));
  if (!/^MACCOR, INC\./.test(lines[0] ?? '')) throw new FormatError({ file, line: 1 }, "expected 'MACCOR, INC.  AC Impedance Test'");
  const h = lines.findIndex((l, i) => i < 30 && l.startsWith('Freq(Hz)\t'));
  if (h < 0) throw new FormatError({ file }, "column header 'Freq(Hz) …' not found in the first 30 lines");
  const names = lines[h].split('\t').map((s) => s.trim());
  let first = h + 1;
  while (first < lines.length && lines[first].trim() === '') first++;
  const table = readTable(lines, names, first, { delimiter: '\t', file, skip: (l) => l.trim() === '' });
  const start = /Start Date:\s*(.*?)\s+Start Time:\s*(\S+)/.exec(lines.slice(0, h).join('\n'));
  const m = buildFromTable(table, RULES, {
    format: 'maccor-eis',
    source: file,
    metadata: { instrument: 'Maccor', technique: ['EIS'], extra: { test: (lines[1] ?? '').trim(), procedure: (lines[2] ?? '').trim(), ...(start ? { start: `${start[1]} ${start[2]}` } : {}) } },
    ignore: () => true,
  });
  m.columns.stepType = new Float64Array(m.rows).fill(stepTypeCode('eis'));
  return m;
}

export const maccorEisReader: FormatReader = {
  id: 'maccor-eis',
  description: 'Maccor AC impedance export (MACCOR, INC. AC Impedance Test)',
  extensions: [],
  sniff: (bytes) => /^MACCOR, INC\.\s+AC Impedance/.test(headText(bytes, 64)),
  read: readMaccorEis,
};
