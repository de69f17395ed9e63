/**
 * Metrohm Autolab (FRA / Nova) comma-delimited impedance export, as impedance.py reads it
 * (`readAutolab`): a header ending with a quoted column-title line containing `Freq`, then rows with
 * frequency in field 1, Z′ in field 5 and Z″ in field 6 (Ω, Z″ negative for capacitive behaviour).
 */
import type { FormatReader } from '../formats.js';
import type { Measurement } from '../measurement.js';
import { headLines, readImpedanceRows, requireLine, splitComma, textLines } from './common.js';

export function readAutolab(bytes: Uint8Array, fileName: string): Measurement {
  const lines = textLines(bytes);
  const header = requireLine(lines, (l) => l.includes('Freq') && l.includes("Z'"), "a column-title line with 'Freq' and Z'", fileName);
  return readImpedanceRows(lines, header + 1, { f: 0, re: 4, im: 5, names: ['Freq (Hz)', "Z'(a)", "Z''(b)"] }, { split: splitComma }, 'autolab-eis', fileName, { instrument: 'Metrohm Autolab' });
}

export const autolabEisReader: FormatReader = {
  id: 'autolab-eis',
  description: 'Metrohm Autolab impedance text export (comma-delimited, Z60W/FRA header)',
  extensions: ['.txt'],
  sniff: (bytes) => {
    const head = headLines(bytes, 2048);
    return /Z60W Data File/.test(head[0] ?? '') || head.some((l) => /^"\s*Freq \(Hz\)\s+Ampl/.test(l));
  },
  read: readAutolab,
};
