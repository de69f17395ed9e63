/**
 * Plain impedance CSV: rows `f, Z′, Z″` (Hz, Ω, Ω; Z″ negative for capacitive behaviour), comma-,
 * semicolon- or tab-separated, with at most one title line — the format impedance.py's `readCSV`
 * reads (its exampleData.csv has no title line).
 */
import type { FormatReader } from '../formats.js';
import type { Measurement } from '../measurement.js';
import { FormatError } from '../../errors.js';
import { headLines, readImpedanceRows, textLines } from './common.js';

function delimiterOf(line: string): string {
  if (line.includes('\t')) return '\t';
  if (line.includes(';')) return ';';
  return ',';
}

function isNumericRow(line: string, d: string): boolean {
  const f = line.split(d);
  return f.length === 3 && f.every((x) => x.trim() !== '' && Number.isFinite(Number(x.trim())));
}

export function readImpedanceCsv(bytes: Uint8Array, fileName: string): Measurement {
  const lines = textLines(bytes);
  const firstNonEmpty = lines.findIndex((l) => l.trim() !== '');
  if (firstNonEmpty < 0) throw new FormatError({ file: fileName }, 'the file is empty (expected rows f, Z′, Z″)');
  const d = delimiterOf(lines[firstNonEmpty]);
  const first = isNumericRow(lines[firstNonEmpty], d) ? firstNonEmpty : firstNonEmpty + 1;
  return readImpedanceRows(lines, first, { f: 0, re: 1, im: 2, names: ['f', "Z'", "Z''"] }, { split: (l) => l.split(d) }, 'eis-csv', fileName);
}

export const impedanceCsvReader: FormatReader = {
  id: 'eis-csv',
  description: 'plain impedance CSV: frequency (Hz), Z′ (Ω), Z″ (Ω)',
  extensions: ['.csv'],
  sniff: (bytes, fileName) => {
    if (!/\.(csv|txt)$/i.test(fileName)) return false;
    const rows = headLines(bytes, 2048).filter((l) => l.trim() !== '').slice(0, 6);
    if (rows.length < 2) return false;
    const d = delimiterOf(rows[rows.length - 1]);
    const data = isNumericRow(rows[0], d) ? rows : rows.slice(1);
    // the last of the sampled lines may be cut by the byte limit
    return data.length >= 2 && data.slice(0, -1).every((l) => isNumericRow(l, d));
  },
  read: readImpedanceCsv,
};
