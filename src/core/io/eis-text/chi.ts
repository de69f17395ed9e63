/**
 * CH Instruments (CHI 600/700 series) "A.C. Impedance" text export (as impedance.py's
 * `readCHInstruments`): a header, a column-title line starting `Freq/Hz, Z'/ohm, Z"/ohm, …`, a blank
 * line, then comma-separated rows f, Z′, Z″, |Z|, phase.
 */
import type { FormatReader } from '../formats.js';
import type { Measurement } from '../measurement.js';
import { headLines, readImpedanceRows, requireLine, splitComma, textLines } from './common.js';

export function readChi(bytes: Uint8Array, fileName: string): Measurement {
  const lines = textLines(bytes);
  const header = requireLine(lines, (l) => l.startsWith('Freq/Hz'), "a column-title line starting with 'Freq/Hz'", fileName);
  const model = lines.find((l) => l.startsWith('Instrument Model:'))?.split(':')[1]?.trim();
  return readImpedanceRows(lines, header + 1, { f: 0, re: 1, im: 2, names: ['Freq/Hz', "Z'/ohm", 'Z"/ohm'] }, { split: splitComma }, 'chi-eis', fileName, { instrument: model ? `CH Instruments ${model}` : 'CH Instruments' });
}

export const chiEisReader: FormatReader = {
  id: 'chi-eis',
  description: 'CH Instruments A.C. impedance text export',
  extensions: ['.txt'],
  sniff: (bytes) => {
    const head = headLines(bytes, 2048);
    return (head[1] ?? '').trim() === 'A.C. Impedance' || (head.some((l) => l.startsWith('Instrument Model:  CHI')) && head.some((l) => l.startsWith('Freq/Hz')));
  },
  read: readChi,
};
