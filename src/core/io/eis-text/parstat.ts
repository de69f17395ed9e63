/**
 * Princeton Applied Research PARSTAT text export (as impedance.py's `readParstat`): one title line
 * `Potential (V)  Current (A)  Elapsed Time (s)  Frequency (Hz)  Zre (ohms)  Zim (ohms) …`, then
 * whitespace-separated rows. Rows with frequency 0 are DC (non-impedance) points and are skipped.
 */
import type { FormatReader } from '../formats.js';
import type { Measurement } from '../measurement.js';
import { FormatError } from '../../errors.js';
import { headLines, readImpedanceRows, splitTab, textLines } from './common.js';

export function readParstat(bytes: Uint8Array, fileName: string): Measurement {
  const lines = textLines(bytes);
  const titles = (lines[0] ?? '').split('\t').map((t) => t.trim());
  const f = titles.indexOf('Frequency (Hz)');
  const re = titles.indexOf('Zre (ohms)');
  const im = titles.indexOf('Zim (ohms)');
  if (f < 0 || re < 0 || im < 0) {
    throw new FormatError({ file: fileName, line: 1 }, `expected the PARSTAT columns 'Frequency (Hz)', 'Zre (ohms)', 'Zim (ohms)', found '${titles.join("', '")}'`);
  }
  return readImpedanceRows(lines, 1, { f, re, im, names: ['Frequency (Hz)', 'Zre (ohms)', 'Zim (ohms)'] }, { split: splitTab, skipZeroFrequency: true }, 'parstat-eis', fileName, { instrument: 'PARSTAT' });
}

export const parstatEisReader: FormatReader = {
  id: 'parstat-eis',
  description: 'Princeton Applied Research PARSTAT impedance text export (tab-separated)',
  extensions: ['.txt'],
  sniff: (bytes) => {
    const l = headLines(bytes, 512)[0] ?? '';
    return l.startsWith('Potential (V)') && l.includes('Frequency (Hz)') && l.includes('Zre (ohms)');
  },
  read: readParstat,
};
