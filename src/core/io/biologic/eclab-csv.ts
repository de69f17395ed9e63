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

export function readEclabCsv(bytes: Uint8Array, file: string, _options?: ReadOptions): Measurement {
  const header = firstLine(bytes, bytes.length);
  const sep = separatorOf(header);
  if (!sep) throw new FormatError({ file, line: 1 }, 'expected an EC-Lab CSV header with time/s, Ewe/V or Ecell/V and I/mA');
  const sepByte = sep.charCodeAt(0);
  const names = header.split(sep).map((x) => x.trim());
  const nc = names.length;
  const warnings: string[] = [];
  const timeIdx = names.indexOf('time/s');
  const cols = names.map(() => new GrowableColumn(4096));
  let timeText: string[] | undefined;
  let rows = 0;
  let badCells = 0;
  // Fields are parsed straight from the bytes (parseNumberBytes accepts a decimal comma, which cannot
  // occur inside a field when ',' is the separator). Only a date-time `time/s` is decoded as text.
  let pos = bytes.indexOf(10);
  let lineNo = 1;
  if (pos < 0) pos = bytes.length;
  while (pos < bytes.length) {
    const start = pos + 1;
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    pos = end;
    lineNo++;
    let e = end;
    if (e > start && bytes[e - 1] === 13) e--;
    let blank = true;
    for (let i = start; i < e && blank; i++) blank = bytes[i] === 32 || bytes[i] === 9;
    if (blank) continue;
    let k = 0;
    let fs = start;
    for (let i = start; i <= e && k < nc; i++) {
      if (i === e || bytes[i] === sepByte) {
        if (k === timeIdx && (timeText !== undefined || (rows === 0 && looksLikeDate(bytes, fs, i)))) {
          timeText ??= [];
          let t = '';
          for (let j = fs; j < i; j++) t += String.fromCharCode(bytes[j]);
          timeText.push(t);
          cols[k].push(NaN);
        } else {
          const v = parseNumberBytes(bytes, fs, i);
          if (v !== v) {
            let empty = true;
            for (let j = fs; j < i && empty; j++) empty = bytes[j] === 32;
            if (!empty) badCells++;
          }
          cols[k].push(v);
        }
        k++;
        fs = i + 1;
      }
    }
    if (k < nc) {
      if (end >= bytes.length - 1) {
        for (let j = 0; j < k; j++) cols[j].length--;
        if (timeText && k > timeIdx) timeText.pop();
        warnings.push(`${file}: last line ${lineNo} has ${k} of ${nc} fields; dropped`);
        continue;
      }
      throw new FormatError({ file, line: lineNo }, `expected ${nc} '${sep === '\t' ? 'tab' : sep}'-separated fields, found ${k}`);
    }
    rows++;
  }
  const metadata: MeasurementMetadata = { instrument: 'BioLogic', extra: { separator: sep === '\t' ? 'tab' : sep } };
  const raw: RawColumn[] = [];
  for (let k = 0; k < nc; k++) {
    if (k === 0 && names[k] === '') continue; // a leading unnamed column is a row index
    let vals = cols[k].toArray();
    if (k === timeIdx && timeText) vals = dateTimesToSeconds(timeText, file, metadata, warnings);
    raw.push({ name: names[k], unit: unitOfName(names[k]), values: vals });
  }
  // Columns the export lists but never fills (all cells empty) are not data: drop them, say so.
  const empty = raw.filter((c) => c.values.length > 0 && c.values.every((v) => Number.isNaN(v))).map((c) => c.name);
  if (empty.length) {
    (metadata.extra as Record<string, string | number>)['empty columns'] = empty.join(', ');
    for (const name of empty) raw.splice(raw.findIndex((c) => c.name === name), 1);
  }
  if (badCells > 0) warnings.push(`${file}: ${badCells} cell(s) were not numbers and were read as NaN`);
  const { columns, notes } = normaliseBioLogic(raw, undefined, {}, rows);
  if (notes.length) (metadata.extra as Record<string, string | number>)['normalisation'] = notes.join('; ');
  return { format: 'biologic-csv', source: file, rows, columns, raw, metadata, warnings };
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

function dateTimesToSeconds(texts: string[], file: string, metadata: MeasurementMetadata, warnings: string[]): Float64Array {
  // Month/day order: EC-Lab writes the Windows locale's; day-first if any first field exceeds 12.
  let dayFirst = false;
  for (const s of texts) {
    const d = DATE_TIME.exec(s.trim());
    if (d && Number(d[1]) > 12) {
      dayFirst = true;
      break;
    }
  }
  const vals = new Float64Array(texts.length);
  let t0 = NaN;
  for (let r = 0; r < texts.length; r++) {
    const d = DATE_TIME.exec(texts[r].trim());
    if (!d) throw new FormatError({ file, line: r + 2, field: 'time/s' }, `expected a date-time like "05/05/2021 15:36:22.757", found "${texts[r]}"`);
    const month = Number(dayFirst ? d[2] : d[1]);
    const day = Number(dayFirst ? d[1] : d[2]);
    const ms = Date.UTC(Number(d[3]), month - 1, day, Number(d[4]), Number(d[5])) + Number(d[6].replace(',', '.')) * 1000;
    if (r === 0) {
      t0 = ms;
      metadata.startTime = new Date(ms).toISOString().replace('Z', '');
      (metadata.extra as Record<string, string | number>)['startTime zone'] = 'instrument PC local time (the file stores no zone)';
    }
    vals[r] = (ms - t0) / 1000;
  }
  warnings.push(`${file}: time/s holds date-times (${dayFirst ? 'day/month' : 'month/day'}/year); converted to seconds since the first row`);
  return vals;
}

export const biologicCsvReader: FormatReader = {
  id: 'biologic-csv',
  description: 'BioLogic EC-Lab / BT-Lab CSV export (time/s, Ewe/V or Ecell/V, I/mA columns)',
  extensions: ['.csv'],
  sniff: (bytes) => isEclabCsv(bytes),
  read: readEclabCsv,
};
