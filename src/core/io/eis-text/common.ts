/**
 * Shared machinery of the impedance text readers (Autolab, Parstat, VersaStudio, PowerSuite, CHI,
 * ZPlot, plain CSV): split data lines into fields, read three columns (f, Z′, Z″) with the file's line
 * numbers, and check what an impedance spectrum must satisfy — every field a number, frequencies
 * positive and not repeated — with errors that name the file and the line.
 */
import type { Measurement } from '../measurement.js';
import { FormatError, InputError } from '../../errors.js';
import { decodeText, splitLines } from '../tabular/text.js';

export interface ImpedanceColumns {
  /** 0-based field indexes of frequency, Z′ and Z″. */
  f: number;
  re: number;
  im: number;
  /** Header names for the raw columns. */
  names: [string, string, string];
  /** Multiply Z″ by this (−1 for files that store −Z″). @default 1 */
  imagSign?: number;
}

export interface DataLinesOptions {
  /** Splits a line into fields. */
  split: (line: string) => string[];
  /** Skip rows whose frequency is exactly 0 (Parstat writes DC rows with f = 0). @default false */
  skipZeroFrequency?: boolean;
  /** Stop at the first line for which this is true (e.g. a closing tag). */
  stopAt?: (line: string) => boolean;
}

export function textLines(bytes: Uint8Array): string[] {
  return splitLines(decodeText(bytes).replace(/^\uFEFF/, ''));
}

/** The first `n` non-empty lines (for sniffers; never throws). */
export function headLines(bytes: Uint8Array, maxBytes = 4096): string[] {
  const n = Math.min(bytes.length, maxBytes);
  return new TextDecoder('windows-1252').decode(bytes.subarray(0, n)).replace(/^\u00ef\u00bb\u00bf/, '').split(/\r\n|\n|\r/);
}

function num(field: string | undefined): number {
  if (field === undefined) return NaN;
  const t = field.trim();
  return t === '' ? NaN : Number(t);
}

/**
 * Reads lines[first..] as data rows and builds the Measurement. Blank lines are skipped; a line with
 * too few fields (a truncated file) or a field that is not a number is a FormatError naming its line;
 * a negative, zero (unless skipped) or repeated frequency is an InputError naming its line.
 */
export function readImpedanceRows(
  lines: string[],
  first: number,
  cols: ImpedanceColumns,
  opts: DataLinesOptions,
  format: string,
  fileName: string,
  metadata: Measurement['metadata'] = {},
): Measurement {
  const f: number[] = [];
  const re: number[] = [];
  const im: number[] = [];
  const seen = new Map<number, number>();
  const need = Math.max(cols.f, cols.re, cols.im) + 1;
  const sign = cols.imagSign ?? 1;
  const fieldNames = ['frequency', 'Z′', 'Z″'];
  for (let i = first; i < lines.length; i++) {
    const line = lines[i];
    if (opts.stopAt?.(line)) break;
    if (line.trim() === '') continue;
    const lineNo = i + 1;
    const fields = opts.split(line);
    if (fields.length < need) {
      throw new FormatError({ file: fileName, line: lineNo }, `expected at least ${need} fields (frequency in field ${cols.f + 1}, Z′ in ${cols.re + 1}, Z″ in ${cols.im + 1}), found ${fields.length}: the file is truncated or not a ${format} export`);
    }
    const vals = [num(fields[cols.f]), num(fields[cols.re]), num(fields[cols.im])];
    for (let c = 0; c < 3; c++) {
      if (!Number.isFinite(vals[c])) {
        const raw = fields[[cols.f, cols.re, cols.im][c]].trim();
        throw new FormatError({ file: fileName, line: lineNo, field: cols.names[c] }, `expected a number for ${fieldNames[c]}, found '${raw}'`);
      }
    }
    const [fv, rv, iv] = vals;
    if (fv === 0 && opts.skipZeroFrequency) continue;
    if (!(fv > 0)) throw new InputError({ file: fileName, line: lineNo, field: cols.names[0] }, 'a positive frequency', String(fv));
    const prev = seen.get(fv);
    if (prev !== undefined) throw new InputError({ file: fileName, line: lineNo, field: cols.names[0] }, `each frequency once in a spectrum`, `${fv} Hz again (first on line ${prev})`);
    seen.set(fv, lineNo);
    f.push(fv);
    re.push(rv);
    im.push(sign * iv);
  }
  if (f.length === 0) throw new FormatError({ file: fileName, line: first + 1 }, `no impedance data rows found (expected ${format} data from this line on)`);
  const F = Float64Array.from(f);
  const R = Float64Array.from(re);
  const I = Float64Array.from(im);
  return {
    format,
    source: fileName,
    rows: F.length,
    columns: { frequency_Hz: F, zReal_Ohm: R, zImag_Ohm: I },
    raw: [
      { name: cols.names[0], unit: 'Hz', values: F },
      { name: cols.names[1], unit: 'Ohm', values: R },
      { name: cols.names[2], unit: 'Ohm', values: sign === 1 ? I : Float64Array.from(im, (v) => -v) },
    ],
    metadata: { technique: ['EIS'], ...metadata },
    warnings: [],
  };
}

/** Index of the first line satisfying `pred`, or a FormatError saying what was looked for. */
export function requireLine(lines: string[], pred: (l: string) => boolean, what: string, fileName: string, from = 0): number {
  for (let i = from; i < lines.length; i++) if (pred(lines[i])) return i;
  throw new FormatError({ file: fileName }, `expected ${what}, found none in ${lines.length} lines`);
}

export const splitComma = (l: string): string[] => l.split(',');
export const splitWhitespace = (l: string): string[] => l.trim().split(/\s+/);
export const splitTab = (l: string): string[] => l.split('\t');
