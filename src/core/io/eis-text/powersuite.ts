/**
 * Princeton Applied Research PowerSuite impedance text export (as impedance.py's `readPowerSuite`):
 * a title line `Frequency  Zre  Zimg` and tab-separated rows f, Z′, Z″.
 */
import type { FormatReader } from '../formats.js';
import type { Measurement } from '../measurement.js';
import { headLines, readImpedanceRows, splitTab, textLines } from './common.js';

export function readPowerSuite(bytes: Uint8Array, fileName: string): Measurement {
  const lines = textLines(bytes);
  return readImpedanceRows(lines, 1, { f: 0, re: 1, im: 2, names: ['Frequency', 'Zre', 'Zimg'] }, { split: splitTab }, 'powersuite-eis', fileName, { instrument: 'PowerSuite' });
}

export const powerSuiteEisReader: FormatReader = {
  id: 'powersuite-eis',
  description: 'Princeton Applied Research PowerSuite impedance text export (Frequency, Zre, Zimg)',
  extensions: ['.txt'],
  sniff: (bytes) => /^Frequency\t\s*Zre\t\s*Zimg\s*$/.test(headLines(bytes, 256)[0] ?? ''),
  read: readPowerSuite,
};
