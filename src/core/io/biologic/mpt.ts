/**
 * BioLogic EC-Lab / BT-Lab text exports (.mpt).
 *
 * Layout: line 1 "EC-Lab ASCII FILE" (or "BT-Lab ASCII FILE"); line 2 "Nb header lines : N"; header
 * lines; line N holds the tab-separated column names; data rows follow, tab-separated, often with a
 * trailing tab. Numbers use '.' or, with a German/French Windows locale, ',' as the decimal mark. Text is
 * Windows-1252 ("µF", "°C"). Old exports and hand-trimmed files may lack the "Nb header lines" line: then
 * the column-name line is found as the first line that names known EC-Lab columns.
 *
 * The parser works on bytes and is incremental (`MptParser.push(chunk)`), so the Node side can stream a
 * 1 GB file through the per-cycle summary in bounded memory; `readMpt` is the whole-buffer path.
 */
import type { FormatReader, ReadOptions } from '../formats.js';
import type { Measurement, MeasurementMetadata, RawColumn } from '../measurement.js';
import { FormatError } from '../../errors.js';
import { GrowableColumn, decodeText, parseNumberBytes } from '../text.js';
import { LineSplitter } from '../line-splitter.js';
import { TECHNIQUE_LONG_NAMES } from './techniques.js';
import { normaliseBioLogic } from './normalise.js';

const MAGICS = ['EC-Lab ASCII FILE', 'BT-Lab ASCII FILE', 'EC-LAB ASCII FILE', 'BT-LAB ASCII FILE'];

export function isMpt(bytes: Uint8Array): boolean {
  let s = '';
  for (let i = 0; i < Math.min(bytes.length, 20); i++) s += String.fromCharCode(bytes[i]);
  return MAGICS.some((m) => s.startsWith(m));
}

/** Unit of an EC-Lab column name: the text after the first '/', or '' ("Ns", "cycle number"). */
export function unitOfName(name: string): string {
  const i = name.indexOf('/');
  return i >= 0 ? name.slice(i + 1) : '';
}

/** Looks like an EC-Lab column-name line (for files without "Nb header lines"). */
function looksLikeColumnLine(line: string): boolean {
  if (!line.includes('\t')) return false;
  const names = line.split('\t');
  return names.some((n) => n === 'time/s' || n === 'freq/Hz' || n === 'mode' || n === 'Ewe/V');
}

export interface MptHeader {
  columnNames: string[];
  /** 1-based line number of the column-name line. */
  columnLine: number;
  metadata: MeasurementMetadata;
  technique: string | undefined;
  warnings: string[];
}

/** Parses the header lines (everything before the data) into metadata. */
export function parseMptHeaderLines(lines: string[], file: string): MptHeader {
  const warnings: string[] = [];
  const metadata: MeasurementMetadata = { instrument: 'BioLogic', extra: {} };
  const extra = metadata.extra as Record<string, string | number>;
  if (!MAGICS.some((m) => lines[0]?.startsWith(m))) throw new FormatError({ file, line: 1 }, `expected "EC-Lab ASCII FILE", found "${(lines[0] ?? '').slice(0, 40)}"`);
  if (/^BT-Lab/i.test(lines[0])) metadata.instrument = 'BioLogic (BT-Lab)';
  let columnLine = -1;
  const m = /^Nb header lines\s*:\s*(\d+)/.exec(lines[1] ?? '');
  if (m) {
    columnLine = Number(m[1]);
    if (columnLine < 3) throw new FormatError({ file, line: 2 }, `expected at least 3 header lines, found ${columnLine}`);
    if (columnLine > lines.length) throw new FormatError({ file, line: 2 }, `header declares ${columnLine} lines but the file ends at line ${lines.length}`);
  } else {
    const idx = lines.findIndex((l, i) => i > 0 && looksLikeColumnLine(l));
    if (idx < 0) throw new FormatError({ file, line: 2 }, 'no "Nb header lines" line and no column-name line (with time/s, freq/Hz or mode) found');
    columnLine = idx + 1;
    warnings.push(`${file}: no "Nb header lines" line (old layout); column names found on line ${columnLine}`);
  }
  const columnNames = lines[columnLine - 1].replace(/\r$/, '').split('\t');
  while (columnNames.length > 0 && columnNames[columnNames.length - 1] === '') columnNames.pop();
  let technique: string | undefined;
  for (let i = 2; i < columnLine - 1; i++) {
    const line = lines[i].replace(/\r$/, '');
    const t = TECHNIQUE_LONG_NAMES.get(line.trim().toLowerCase());
    if (t && technique === undefined) {
      technique = t;
      metadata.technique = [t];
      continue;
    }
    if (/for windows v[\d.]+ \(software\)/i.test(line)) {
      metadata.softwareVersion = /v([\d.]+)/.exec(line)?.[1];
      if (/^BT-Lab/i.test(line)) metadata.instrument = 'BioLogic (BT-Lab)';
      continue;
    }
    const kv = /^([^:\t]+?)\s*:\s*(.*)$/.exec(line);
    if (!kv) continue;
    const key = kv[1].trim();
    const value = kv[2].trim();
    if (key === 'Run on channel') metadata.channel = value.replace(/\s*\(.*\)$/, '');
    else if (key === 'Acquisition started on') {
      const d = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2}(?:[.,]\d+)?)$/.exec(value);
      if (d) {
        const sec = d[6].replace(',', '.');
        metadata.startTime = `${d[3]}-${d[1].padStart(2, '0')}-${d[2].padStart(2, '0')}T${d[4].padStart(2, '0')}:${d[5]}:${sec.includes('.') ? sec.padStart(6, '0') : sec.padStart(2, '0')}`;
        extra['startTime zone'] = 'instrument PC local time (the file stores no zone)';
      } else extra[key] = value;
    } else if (key === 'Mass of active material') {
      const mm = /^([\d.,]+)\s*mg$/.exec(value);
      if (mm) {
        const mg = Number(mm[1].replace(',', '.'));
        extra['active material mass / mg'] = mg;
        // 0.001 mg is EC-Lab's placeholder for "not entered".
        if (mg > 0.001) metadata.activeMassKg = mg / 1e6;
      }
    } else if (key === 'Electrode surface area') {
      const am = /^([\d.,]+)\s*(cm²|mm²)$/.exec(value);
      if (am) {
        const x = Number(am[1].replace(',', '.'));
        const cm2 = am[2] === 'mm²' ? x / 100 : x;
        extra['electrode area / cm2'] = cm2;
        if (cm2 > 0.001) metadata.electrodeAreaM2 = cm2 / 1e4;
      }
    } else if (key === 'Device') extra.device = value;
    else if (key.length < 40 && value.length < 200 && !(key in extra)) extra[key] = value;
  }
  return { columnNames, columnLine, metadata, technique, warnings };
}

export interface MptBatch {
  /** One column per name, all of the batch's length. */
  raw: RawColumn[];
  rows: number;
}

/**
 * Incremental .mpt parser: `push(bytes)` as they arrive, `finish()` at the end. Header lines are
 * collected until the column-name line; data rows are parsed field by field from bytes and handed to
 * `onBatch` every `batchRows` rows (or kept whole when `onBatch` is not given).
 */
export class MptParser {
  header: MptHeader | undefined;
  rows = 0;
  readonly warnings: string[] = [];
  private readonly file: string;
  private readonly onBatch: ((b: MptBatch) => void) | undefined;
  private readonly batchRows: number;
  private readonly lines = new LineSplitter((buf, start, end, unterminated) => this.line(buf, start, end, unterminated));
  private headerLines: string[] = [];
  private declaredHeaderLines = -1;
  private cols: GrowableColumn[] = [];
  private batchCount = 0;
  private badFields = 0;

  constructor(file: string, options: { onBatch?: (b: MptBatch) => void; batchRows?: number; expectedRows?: number } = {}) {
    this.file = file;
    this.onBatch = options.onBatch;
    this.batchRows = options.batchRows ?? 65536;
    this.expectedRows = options.expectedRows ?? 1024;
  }
  private readonly expectedRows: number;

  push(chunk: Uint8Array): void {
    this.lines.push(chunk);
  }

  finish(): void {
    this.lines.finish();
    if (!this.header) this.parseHeader(true);
    if (this.batchCount > 0 || this.onBatch) this.flush();
    if (this.badFields > 0) this.warnings.push(`${this.file}: ${this.badFields} field(s) were not numbers and were read as NaN`);
  }

  /** The whole table (only when no onBatch was given). */
  columns(): RawColumn[] {
    const names = this.header?.columnNames ?? [];
    return names.map((name, k) => ({ name, unit: unitOfName(name), values: this.cols[k].toArray() }));
  }

  private parseHeader(atEnd: boolean): void {
    if (this.header) return;
    const lines = this.headerLines;
    if (this.declaredHeaderLines < 0 && lines.length >= 2) {
      const m = /^Nb header lines\s*:\s*(\d+)/.exec(lines[1]);
      this.declaredHeaderLines = m ? Number(m[1]) : 0;
    }
    const complete = this.declaredHeaderLines > 0 ? lines.length >= this.declaredHeaderLines : this.declaredHeaderLines === 0 && lines.slice(1).some(looksLikeColumnLine);
    if (!complete && !atEnd) return;
    this.header = parseMptHeaderLines(lines, this.file);
    this.warnings.push(...this.header.warnings);
    const cap = this.onBatch ? Math.min(this.batchRows, 65536) : this.expectedRows;
    this.cols = this.header.columnNames.map(() => new GrowableColumn(cap));
  }

  private line(buf: Uint8Array, start: number, end: number, unterminated: boolean): void {
    if (!this.header) {
      // Header lines are few; decode them as text.
      this.headerLines.push(decodeText(buf.subarray(start, end)).replace(/\r$/, ''));
      if (this.lines.lineNo === 1 && !MAGICS.some((m) => this.headerLines[0].startsWith(m))) {
        throw new FormatError({ file: this.file, line: 1 }, `expected "EC-Lab ASCII FILE", found "${this.headerLines[0].slice(0, 40)}"`);
      }
      this.parseHeader(false);
    } else {
      this.parseRow(buf, start, end, unterminated);
    }
  }

  private parseRow(buf: Uint8Array, start: number, end: number, lastLine: boolean): void {
    if (end > start && buf[end - 1] === 13) end--;
    if (end <= start) return; // blank line
    const cols = this.cols;
    const nc = cols.length;
    let k = 0;
    let fs = start;
    for (let i = start; i <= end && k < nc; i++) {
      if (i === end || buf[i] === 9) {
        const v = parseNumberBytes(buf, fs, i);
        if (v !== v && i > fs) this.badFields++;
        cols[k++].push(v);
        fs = i + 1;
      }
    }
    if (k < nc) {
      if (lastLine) {
        for (let j = 0; j < k; j++) cols[j].length--;
        this.warnings.push(`${this.file}: last line ${this.lines.lineNo} has ${k} of ${nc} fields (file cut off while recording?); dropped`);
        return;
      }
      throw new FormatError({ file: this.file, line: this.lines.lineNo }, `expected ${nc} tab-separated fields, found ${k}`);
    }
    this.rows++;
    this.batchCount++;
    if (this.onBatch && this.batchCount >= this.batchRows) this.flush();
  }

  private flush(): void {
    if (!this.onBatch || !this.header) return;
    const raw = this.header.columnNames.map((name, k) => ({ name, unit: unitOfName(name), values: this.cols[k].values.slice(0, this.cols[k].length) }));
    const rows = this.batchCount;
    for (const c of this.cols) c.reset();
    this.batchCount = 0;
    if (rows > 0 || raw.length > 0) this.onBatch({ raw, rows });
  }
}

function countLines(bytes: Uint8Array): number {
  let n = 0;
  let i = -1;
  while ((i = bytes.indexOf(10, i + 1)) >= 0) n++;
  return n + 1;
}

export function readMpt(bytes: Uint8Array, file: string, _options?: ReadOptions): Measurement {
  const parser = new MptParser(file, { expectedRows: countLines(bytes) });
  parser.push(bytes);
  parser.finish();
  const header = parser.header;
  if (!header) throw new FormatError({ file }, 'no header found');
  const raw = parser.columns();
  const { columns, notes } = normaliseBioLogic(raw, header.technique);
  const metadata = header.metadata;
  if (notes.length) (metadata.extra as Record<string, string | number>)['normalisation'] = notes.join('; ');
  return { format: 'biologic-mpt', source: file, rows: parser.rows, columns, raw, metadata, warnings: parser.warnings };
}

export const biologicMptReader: FormatReader = {
  id: 'biologic-mpt',
  description: 'BioLogic EC-Lab / BT-Lab text export (.mpt)',
  extensions: ['.mpt'],
  sniff: (bytes) => isMpt(bytes),
  read: readMpt,
};
