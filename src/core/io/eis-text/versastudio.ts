/**
 * AMETEK VersaStudio `.par` files (as impedance.py's `readVersaStudio`): XML-like sections; the data
 * of an EIS action sit in `<Segment1>` … `</Segment1>` after a `Definition=` line naming the comma-
 * separated columns. Columns are found by name: `Frequency(Hz)`, `Z Real`, `Z Imag`.
 */
import type { FormatReader } from '../formats.js';
import type { Measurement } from '../measurement.js';
import { FormatError } from '../../errors.js';
import { headLines, readImpedanceRows, requireLine, splitComma, textLines } from './common.js';

export function readVersaStudio(bytes: Uint8Array, fileName: string): Measurement {
  const lines = textLines(bytes);
  const seg = requireLine(lines, (l) => l.trim() === '<Segment1>', "a '<Segment1>' section", fileName);
  const def = requireLine(lines, (l) => l.startsWith('Definition='), "a 'Definition=' column line in <Segment1>", fileName, seg);
  const names = lines[def].slice('Definition='.length).split(',').map((s) => s.trim());
  const f = names.indexOf('Frequency(Hz)');
  const re = names.indexOf('Z Real');
  const im = names.indexOf('Z Imag');
  if (f < 0 || re < 0 || im < 0) {
    throw new FormatError({ file: fileName, line: def + 1 }, `expected columns 'Frequency(Hz)', 'Z Real', 'Z Imag' in the segment definition (not an EIS segment?), found '${names.slice(0, 16).join("', '")}'`);
  }
  const version = lines.find((l) => l.startsWith('Version='))?.slice(8).trim();
  const model = lines.find((l) => l.startsWith('Type=VersaSTAT') || l.startsWith('Type=PARSTAT'))?.slice(5).trim();
  return readImpedanceRows(lines, def + 1, { f, re, im, names: ['Frequency(Hz)', 'Z Real', 'Z Imag'] }, { split: splitComma, stopAt: (l) => l.trim() === '</Segment1>' }, 'versastudio-par', fileName, { instrument: model ?? 'VersaStudio', softwareVersion: version });
}

export const versaStudioReader: FormatReader = {
  id: 'versastudio-par',
  description: 'AMETEK VersaStudio data file (.par), EIS segment',
  extensions: ['.par'],
  sniff: (bytes) => {
    const head = headLines(bytes, 512);
    return (head[0] ?? '').trim() === '<Application>' && head.some((l) => l.trim() === 'Name=VersaStudio');
  },
  read: readVersaStudio,
};
