/**
 * A delimited text table read column-wise: numeric columns straight into Float64Array, text columns
 * (step names, states, dates) as strings. Column kinds are decided from the first data rows, so the
 * main pass does one split and one parse per cell.
 */
import { FormatError } from '../../errors.js';
import { parseNumber, splitDelimited } from './text.js';

export interface TextTable {
  names: string[];
  rows: number;
  /** NaN where a cell is empty or not a number. */
  numeric: (Float64Array | undefined)[];
  /** Strings for text columns (undefined for numeric ones). */
  text: (string[] | undefined)[];
  /** Count of non-numeric cells met in numeric columns, per column. */
  badCells: number[];
  /** 1-based line number of the first data row. */
  firstLine: number;
  /** 1-based line number of the last data row when it has fewer cells than the header (a cut file). */
  shortLastLine?: number;
}

export interface TableOptions {
  delimiter: string;
  decimalComma?: boolean;
  /** Columns to keep as text whatever they contain. */
  forceText?: (name: string) => boolean;
  /** Stop before the first line for which this returns true. */
  stopAt?: (line: string) => boolean;
  /** Skip (do not count) lines for which this returns true, e.g. blank lines. */
  skip?: (line: string) => boolean;
  file: string;
  onProgress?: (fraction: number) => void;
}

const SAMPLE_ROWS = 50;

function allBlank(cells: string[]): boolean {
  for (let c = 0; c < cells.length; c++) if (cells[c].trim() !== '') return false;
  return true;
}

/** Reads `lines[first..]` as data under the header `names`. */
export function readTable(lines: string[], names: string[], first: number, opts: TableOptions): TextTable {
  const nCols = names.length;
  const dec = opts.decimalComma ?? false;
  let end = lines.length;
  for (let i = first; i < lines.length; i++) {
    if (opts.stopAt && opts.stopAt(lines[i])) {
      end = i;
      break;
    }
  }
  while (end > first && lines[end - 1].trim() === '') end--;
  // Decide the kind of each column from a sample of rows.
  const isText = new Array<boolean>(nCols).fill(false);
  let sampled = 0;
  for (let i = first; i < end && sampled < SAMPLE_ROWS; i++) {
    const line = lines[i];
    if (opts.skip && opts.skip(line)) continue;
    const cells = splitDelimited(line, opts.delimiter);
    for (let c = 0; c < nCols && c < cells.length; c++) {
      const v = cells[c].trim();
      if (v !== '' && !/^n\/?a$/i.test(v) && Number.isNaN(parseNumber(v, dec))) isText[c] = true;
    }
    sampled++;
  }
  for (let c = 0; c < nCols; c++) if (opts.forceText && opts.forceText(names[c])) isText[c] = true;
  const cap = end - first;
  const numeric: (Float64Array | undefined)[] = names.map((_, c) => (isText[c] ? undefined : new Float64Array(cap)));
  const text: (string[] | undefined)[] = names.map((_, c) => (isText[c] ? new Array<string>(cap) : undefined));
  const badCells = new Array<number>(nCols).fill(0);
  let rows = 0;
  let lastCells = nCols;
  let lastLine = first;
  const progressEvery = 1 << 16;
  for (let i = first; i < end; i++) {
    const line = lines[i];
    if (opts.skip && opts.skip(line)) continue;
    const cells = splitDelimited(line, opts.delimiter);
    // A line of empty cells (e.g. LAND's ",," between the charge and discharge parts) carries no data.
    if (allBlank(cells)) continue;
    lastCells = cells.length;
    lastLine = i;
    for (let c = 0; c < nCols; c++) {
      const cell = c < cells.length ? cells[c] : '';
      const t = text[c];
      if (t) t[rows] = cell.trim();
      else {
        const v = parseNumber(cell, dec);
        if (Number.isNaN(v)) {
          const s = cell.trim();
          if (s !== '' && !/^n\/?a$/i.test(s)) badCells[c]++;
        }
        (numeric[c] as Float64Array)[rows] = v;
      }
    }
    rows++;
    if (opts.onProgress && (i & (progressEvery - 1)) === 0) opts.onProgress((i - first) / Math.max(1, cap));
  }
  for (let c = 0; c < nCols; c++) {
    const n = numeric[c];
    if (n && rows < cap) numeric[c] = n.slice(0, rows);
    const t = text[c];
    if (t) t.length = rows;
  }
  // A last row with fewer cells than the header (trailing empty cells aside) is a file cut short.
  const shortLastLine = rows > 0 && lastCells < nCols && lastCells < (splitDelimited(lines[first], opts.delimiter).length) ? lastLine + 1 : undefined;
  return { names, rows, numeric, text, badCells, firstLine: first + 1, shortLastLine };
}

/** Index of the first line (from `from`) for which `pred` holds, or throws a FormatError naming `what`. */
export function findLine(lines: string[], pred: (line: string) => boolean, what: string, file: string, from = 0, limit = lines.length): number {
  for (let i = from; i < Math.min(limit, lines.length); i++) if (pred(lines[i])) return i;
  throw new FormatError({ file }, `${what} not found`);
}
