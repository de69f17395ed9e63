/**
 * Scribner ZPlot / ZView `.z` files (as impedance.py's `readZPlot`): either a `ZPLOT2 ASCII` header
 * closed by an `End Comments` line, or (ZPlotW 3.x) a header ending with the column-title line
 * `Freq(Hz)  Ampl  Bias  Time(Sec)  Z'(a)  Z''(b) …`. Data rows are tab- or comma-separated with
 * frequency in field 1, Z′ in field 5 and Z″ in field 6.
 */
import type { FormatReader } from '../formats.js';
import type { Measurement } from '../measurement.js';
import { FormatError } from '../../errors.js';
import { headLines, readImpedanceRows, textLines } from './common.js';

const splitZ = (l: string): string[] => l.split(/\t|,\s*/);

export function readZPlot(bytes: Uint8Array, fileName: string): Measurement {
  const lines = textLines(bytes);
  let first = lines.findIndex((l) => l.trim() === 'End Comments');
  if (first < 0) first = lines.findIndex((l) => l.includes('Freq(Hz)'));
  if (first < 0) throw new FormatError({ file: fileName }, "expected an 'End Comments' line or a 'Freq(Hz)' column-title line before the data, found neither");
  const version = lines.slice(0, 5).join(' ').match(/(?:ZPlot:|Version)\s*([0-9][\w.]*)/)?.[1];
  return readImpedanceRows(lines, first + 1, { f: 0, re: 4, im: 5, names: ['Freq(Hz)', "Z'(a)", "Z''(b)"] }, { split: splitZ }, 'zplot-z', fileName, { instrument: 'Scribner ZPlot', softwareVersion: version });
}

export const zplotReader: FormatReader = {
  id: 'zplot-z',
  description: 'Scribner ZPlot/ZView impedance file (.z)',
  extensions: ['.z'],
  sniff: (bytes) => {
    const head = headLines(bytes, 256);
    return (head[0] ?? '').startsWith('ZPLOT2 ASCII') || /ZPlotW Data File/.test(head[0] ?? '');
  },
  read: readZPlot,
};
