/**
 * EC-Lab / BT-Lab data exported as CSV ("Export as text" with a separator, or re-saved by scripts):
 * one header row of EC-Lab column names ("time/s", "Ecell/V", "I/mA", …), rows separated by ';', ','
 * or tab, optionally a leading unnamed index column. `time/s` may hold a date-time text
 * ("05/05/2021 15:36:22.757") instead of seconds; it is then converted to seconds since the first row and
 * the first row's date-time becomes the start time.
 *
 * Decimal mark: with ';' or tab separators both '.' and ',' are accepted; with ',' only '.'.
 */
import type { FormatReader, ReadOptions } from '../formats.js';
import type { Measurement, MeasurementMetadata, RawColumn } from '../measurement.js';
import { FormatError } from '../../errors.js';
import { GrowableColumn, decodeText, parseNumberBytes } from '../text.js';
import { LineSplitter } from '../line-splitter.js';
import { unitOfName } from './mpt.js';
import { normaliseBioLogic } from './normalise.js';

const VOLTAGE = ['Ewe/V', 'Ecell/V', '<Ewe>/V'];
const CURRENT = ['I/mA', '<I>/mA', 'control/V/mA', 'control/mA'];

function firstLine(bytes: Uint8Array, max = 8192): string {
  const end = Math.min(bytes.length, max);
  let nl = bytes.indexOf(10);
  if (nl < 0 || nl > end) nl = end;
  return decodeText(bytes.subarray(0, nl)).replace(/\r$/, '').replace(/^\ufeff/, '');
}

function separatorOf(header: string): string | undefined {
  for (const sep of [';', '\t', ',']) {
    const names = header.split(sep).map((s) => s.trim());
    if (names.includes('time/s') && names.some((n) => VOLTAGE.includes(n)) && names.some((n) => CURRENT.includes(n))) return sep;
  }
  return undefined;
}

export function isEclabCsv(bytes: Uint8Array): boolean {
  return separatorOf(firstLine(bytes)) !== undefined;
}

const DATE_TIME = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})[ T](\d{1,2}):(\d{2}):(\d{2}(?:[.,]\d+)?)$/;

export interface CsvBatch {
  raw: RawColumn[];
  rows: number;
}

/**
 * Incremental EC-Lab CSV parser: `push(bytes)` as they arrive, `finish()` at the end; rows are handed to
 * `onBatch` every `batchRows` rows (or kept whole without `onBatch`). Fields are parsed straight from the
 * bytes (parseNumberBytes accepts a decimal comma, which cannot occur inside a field when ',' is the
 * separator); only a date-time `time/s` is decoded as text. The day/month order of date-times is decided
 * on the first batch (day-first when a first field exceeds 12); a later row that contradicts it is a
 * FormatError naming its line.
 */
export class EclabCsvParser {
  names: string[] | undefined;
  rows = 0;
  readonly warnings: string[] = [];
  readonly metadata: MeasurementMetadata = { instrument: 'BioLogic', extra: {} };
  badCells = 0;
  private readonly file: string;
  private readonly onBatch: ((b: CsvBatch) => void) | undefined;
  private readonly batchRows: number;
  private readonly lines = new LineSplitter((buf, start, end) => this.line(buf, start, end));
  private sepByte = 59;
  private sep = ';';
  private timeIdx = -1;
  private cols: GrowableColumn[] = [];
  private timeText: string[] | undefined;
  private dateTimes = false;
  private dayFirst: boolean | undefined;
  private t0 = NaN;
  private batchCount = 0;
  /** A short row: an error if more rows follow, a dropped cut-off last row if not. */
  private cut: { line: number; found: number } | undefined;

  constructor(file: string, options: { onBatch?: (b: CsvBatch) => void; batchRows?: number } = {}) {
    this.file = file;
    this.onBatch = options.onBatch;
    this.batchRows = options.batchRows ?? 65536;
  }

  push(chunk: Uint8Array): void {
    this.lines.push(chunk);
  }

  finish(): void {
    this.lines.finish();
    if (!this.names) throw new FormatError({ file: this.file, line: 1 }, 'expected an EC-Lab CSV header with time/s, Ewe/V or Ecell/V and I/mA, found an empty file');
    if (this.cut) this.warnings.push(`${this.file}: last line ${this.cut.line} has ${this.cut.found} of ${this.cols.length} fields (file cut off while recording?); dropped`);
    if (this.onBatch) this.flush();
    if (this.badCells > 0) this.warnings.push(`${this.file}: ${this.badCells} cell(s) were not numbers and were read as NaN`);
    if (this.dateTimes) this.warnings.push(`${this.file}: time/s holds date-times (${this.dayFirst ? 'day/month' : 'month/day'}/year); converted to seconds since the first row`);
  }

  /** The whole table (only when no onBatch was given). */
  columns(): RawColumn[] {
    return this.batchColumns(true);
  }

  private header(line: string): void {
    const header = line.replace(/\r$/, '').replace(/^\ufeff/, '');
    const sep = separatorOf(header);
    if (!sep) throw new FormatError({ file: this.file, line: 1 }, 'expected an EC-Lab CSV header with time/s, Ewe/V or Ecell/V and I/mA');
    this.sep = sep;
    this.sepByte = sep.charCodeAt(0);
    this.names = header.split(sep).map((x) => x.trim());
    // A trailing separator on the header line (as EC-Lab writes after the last column) names no column.
    while (this.names.length > 1 && this.names[this.names.length - 1] === '') this.names.pop();
    this.timeIdx = this.names.indexOf('time/s');
    this.cols = this.names.map(() => new GrowableColumn(this.onBatch ? Math.min(this.batchRows, 65536) : 4096));
    (this.metadata.extra as Record<string, string | number>).separator = sep === '\t' ? 'tab' : sep;
  }

  private line(buf: Uint8Array, start: number, end: number): void {
    if (!this.names) this.header(decodeText(buf.subarray(start, end)));
    else this.row(buf, start, end);
  }

  private row(bytes: Uint8Array, start: number, end: number): void {
    let e = end;
    if (e > start && bytes[e - 1] === 13) e--;
    let blank = true;
    for (let i = start; i < e && blank; i++) blank = bytes[i] === 32 || bytes[i] === 9;
    if (blank) return;
    const nc = this.cols.length;
    if (this.cut) {
      // The short row was followed by more rows, so it was not a cut-off end: a broken file.
      throw new FormatError({ file: this.file, line: this.cut.line }, `expected ${nc} '${this.sep === '\t' ? 'tab' : this.sep}'-separated fields, found ${this.cut.found}`);
    }
    const cols = this.cols;
    let k = 0;
    let fs = start;
    for (let i = start; i <= e && k < nc; i++) {
      if (i === e || bytes[i] === this.sepByte) {
        if (k === this.timeIdx && (this.dateTimes || (this.rows === 0 && looksLikeDate(bytes, fs, i)))) {
          this.dateTimes = true;
          this.timeText ??= [];
          let t = '';
          for (let j = fs; j < i; j++) t += String.fromCharCode(bytes[j]);
          this.timeText.push(t);
          cols[k].push(NaN);
        } else {
          const v = parseNumberBytes(bytes, fs, i);
          if (v !== v) {
            let empty = true;
            for (let j = fs; j < i && empty; j++) empty = bytes[j] === 32;
            if (!empty) this.badCells++;
          }
          cols[k].push(v);
        }
        k++;
        fs = i + 1;
      }
    }
    if (k < nc) {
      for (let j = 0; j < k; j++) cols[j].length--;
      if (this.timeText && k > this.timeIdx) this.timeText.pop();
      this.cut = { line: this.lines.lineNo, found: k };
      return;
    }
    this.rows++;
    this.batchCount++;
    if (this.onBatch && this.batchCount >= this.batchRows) this.flush();
  }

  private batchColumns(whole: boolean): RawColumn[] {
    const names = this.names ?? [];
    const raw: RawColumn[] = [];
    for (let k = 0; k < names.length; k++) {
      if (k === 0 && names[k] === '') continue; // a leading unnamed column is a row index
      let vals = whole ? this.cols[k].toArray() : this.cols[k].values.slice(0, this.cols[k].length);
      if (k === this.timeIdx && this.timeText) vals = this.dateTimesToSeconds(this.timeText);
      raw.push({ name: names[k], unit: unitOfName(names[k]), values: vals });
    }
    return raw;
  }

  private flush(): void {
    if (!this.onBatch || !this.names) return;
    const raw = this.batchColumns(false);
    const rows = this.batchCount;
    for (const c of this.cols) c.reset();
    this.timeText = this.timeText ? [] : undefined;
    this.batchCount = 0;
    this.onBatch({ raw, rows });
  }

  private dateTimesToSeconds(texts: string[]): Float64Array {
    if (this.dayFirst === undefined) {
      this.dayFirst = false;
      for (const s of texts) {
        const d = DATE_TIME.exec(s.trim());
        if (d && Number(d[1]) > 12) {
          this.dayFirst = true;
          break;
        }
      }
    }
    const vals = new Float64Array(texts.length);
    const firstLine = this.lines.lineNo - texts.length + 1;
    for (let r = 0; r < texts.length; r++) {
      const d = DATE_TIME.exec(texts[r].trim());
      if (!d) throw new FormatError({ file: this.file, field: 'time/s' }, `expected a date-time like "05/05/2021 15:36:22.757", found "${texts[r]}"`);
      const month = Number(this.dayFirst ? d[2] : d[1]);
      const day = Number(this.dayFirst ? d[1] : d[2]);
      if (month > 12) throw new FormatError({ file: this.file, line: firstLine + r, field: 'time/s' }, `a date-time in month/day/year order (decided on the first ${this.batchRows} rows), found "${texts[r]}"`);
      const ms = Date.UTC(Number(d[3]), month - 1, day, Number(d[4]), Number(d[5])) + Number(d[6].replace(',', '.')) * 1000;
      if (Number.isNaN(this.t0)) {
        this.t0 = ms;
        this.metadata.startTime = new Date(ms).toISOString().replace('Z', '');
        (this.metadata.extra as Record<string, string | number>)['startTime zone'] = 'instrument PC local time (the file stores no zone)';
      }
      vals[r] = (ms - this.t0) / 1000;
    }
    return vals;
  }
}

/** Drops columns the export lists but never fills (every cell empty): they are not data. */
export function dropEmptyColumns(raw: RawColumn[]): string[] {
  const empty = raw.filter((c) => c.values.length > 0 && c.values.every((v) => Number.isNaN(v))).map((c) => c.name);
  for (const name of empty) raw.splice(raw.findIndex((c) => c.name === name), 1);
  return empty;
}

export function readEclabCsv(bytes: Uint8Array, file: string, _options?: ReadOptions): Measurement {
  const parser = new EclabCsvParser(file);
  parser.push(bytes);
  parser.finish();
  const raw = parser.columns();
  const metadata = parser.metadata;
  const empty = dropEmptyColumns(raw);
  if (empty.length) (metadata.extra as Record<string, string | number>)['empty columns'] = empty.join(', ');
  const { columns, notes } = normaliseBioLogic(raw, undefined, {}, parser.rows);
  if (notes.length) (metadata.extra as Record<string, string | number>)['normalisation'] = notes.join('; ');
  return { format: 'biologic-csv', source: file, rows: parser.rows, columns, raw, metadata, warnings: parser.warnings };
}

/** A field like "05/05/2021 15:36:22.757" (has '/' or '-' and ':'), as opposed to a number of seconds. */
function looksLikeDate(bytes: Uint8Array, start: number, end: number): boolean {
  let slash = false;
  let colon = false;
  for (let i = start; i < end; i++) {
    if (bytes[i] === 47 || (bytes[i] === 45 && i > start + 1)) slash = true;
    else if (bytes[i] === 58) colon = true;
  }
  return slash && colon;
}

export const biologicCsvReader: FormatReader = {
  id: 'biologic-csv',
  description: 'BioLogic EC-Lab / BT-Lab CSV export (time/s, Ewe/V or Ecell/V, I/mA columns)',
  extensions: ['.csv'],
  sniff: (bytes) => isEclabCsv(bytes),
  read: readEclabCsv,
};
