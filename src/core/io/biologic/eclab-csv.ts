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
import { decodeText } from '../text.js';
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
  const text = decodeText(bytes).replace(/^\ufeff/, '');
  const lines = text.split('\n');
  const header = lines[0].replace(/\r$/, '');
  const sep = separatorOf(header);
  if (!sep) throw new FormatError({ file, line: 1 }, 'expected an EC-Lab CSV header with time/s, Ewe/V or Ecell/V and I/mA');
  const names = header.split(sep).map((s) => s.trim());
  const warnings: string[] = [];
  const keep = names.map((n, k) => !(n === '' && k === 0)); // a leading unnamed column is a row index
  const cells: string[][] = names.map(() => []);
  let rows = 0;
  for (let li = 1; li < lines.length; li++) {
    const line = lines[li].replace(/\r$/, '');
    if (line.trim() === '') continue;
    const f = line.split(sep);
    if (f.length < names.length) {
      if (li >= lines.length - 2) {
        warnings.push(`${file}: last line ${li + 1} has ${f.length} of ${names.length} fields; dropped`);
        continue;
      }
      throw new FormatError({ file, line: li + 1 }, `expected ${names.length} '${sep === '\t' ? 'tab' : sep}'-separated fields, found ${f.length}`);
    }
    for (let k = 0; k < names.length; k++) cells[k].push(f[k]);
    rows++;
  }
  const metadata: MeasurementMetadata = { instrument: 'BioLogic', extra: { separator: sep === '\t' ? 'tab' : sep } };
  const raw: RawColumn[] = [];
  const timeIdx = names.indexOf('time/s');
  let dayFirst = false;
  if (rows > 0 && DATE_TIME.test(cells[timeIdx][0].trim())) {
    // Month/day order: EC-Lab writes the Windows locale's; day-first if any first field exceeds 12.
    for (const s of cells[timeIdx]) {
      const d = DATE_TIME.exec(s.trim());
      if (d && Number(d[1]) > 12) { dayFirst = true; break; }
    }
  }
  let badCells = 0;
  for (let k = 0; k < names.length; k++) {
    if (!keep[k]) continue;
    const vals = new Float64Array(rows);
    const col = cells[k];
    if (k === timeIdx && rows > 0 && DATE_TIME.test(col[0].trim())) {
      let t0 = NaN;
      for (let r = 0; r < rows; r++) {
        const d = DATE_TIME.exec(col[r].trim());
        if (!d) throw new FormatError({ file, line: r + 2, field: 'time/s' }, `expected a date-time like "05/05/2021 15:36:22.757", found "${col[r]}"`);
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
    } else {
      for (let r = 0; r < rows; r++) {
        const s = col[r].trim();
        if (s === '') { vals[r] = NaN; continue; }
        const v = Number(sep === ',' ? s : s.replace(',', '.'));
        if (Number.isNaN(v)) badCells++;
        vals[r] = v;
      }
    }
    raw.push({ name: names[k], unit: unitOfName(names[k]), values: vals });
  }
  // Columns the export lists but never fills (all cells empty) are not data: drop them, say so.
  const empty = raw.filter((c) => c.values.length > 0 && c.values.every((v) => Number.isNaN(v))).map((c) => c.name);
  if (empty.length) {
    (metadata.extra as Record<string, string | number>)['empty columns'] = empty.join(', ');
    for (const name of empty) raw.splice(raw.findIndex((c) => c.name === name), 1);
  }
  if (badCells > 0) warnings.push(`${file}: ${badCells} cell(s) were not numbers and were read as NaN`);
  const { columns, notes } = normaliseBioLogic(raw, undefined);
  if (notes.length) (metadata.extra as Record<string, string | number>)['normalisation'] = notes.join('; ');
  return { format: 'biologic-csv', source: file, rows, columns, raw, metadata, warnings };
}

export const biologicCsvReader: FormatReader = {
  id: 'biologic-csv',
  description: 'BioLogic EC-Lab / BT-Lab CSV export (time/s, Ewe/V or Ecell/V, I/mA columns)',
  extensions: ['.csv'],
  sniff: (bytes) => isEclabCsv(bytes),
  read: readEclabCsv,
};
