/**
 * Reads any delimited text table (CSV, TSV, semicolon) or .xlsx sheet through a column mapping
 * (mapping.ts). Columns the mapping does not name are kept as raw columns and named in a warning
 * (list them under "ignore" to silence it). Step types come from the mapping's stepType table or,
 * without one, from the current (tabular/step-types.ts).
 */
import { FormatError } from '../../errors.js';
import type { FormatReader, ReadOptions } from '../formats.js';
import { stepTypeCode, type Measurement } from '../measurement.js';
import { decodeText, guessDelimiter, isoFromUnix, splitDelimited, splitLines } from '../tabular/text.js';
import { readTable } from '../tabular/table.js';
import { buildFromTable, dropEmptyColumns, type ColumnRule } from '../tabular/map-columns.js';
import { classifySteps } from '../tabular/step-types.js';
import { isZip, openXlsx, rowsToLines } from '../tabular/xlsx.js';
import { parseColumnMapping, signFactor, type ColumnMapping } from './mapping.js';

export function readMapped(bytes: Uint8Array, file: string, mappingInput: ColumnMapping | string | unknown, options?: ReadOptions): Measurement {
  const mapping = typeof mappingInput === 'object' && mappingInput !== null && 'columns' in mappingInput ? parseColumnMapping(mappingInput) : parseColumnMapping(mappingInput);
  let lines: string[];
  let delimiter: string;
  const xlsx = isZip(bytes);
  if (xlsx) {
    const wb = openXlsx(bytes, file);
    const sheet = mapping.sheet ?? wb.sheetNames[0];
    if (sheet === undefined) throw new FormatError({ file }, 'the workbook has no sheets');
    lines = rowsToLines(wb.readSheet(sheet));
    delimiter = '\t';
  } else {
    lines = splitLines(decodeText(bytes));
    delimiter = mapping.delimiter ?? '';
  }
  const wanted = Object.keys(mapping.columns);
  let h: number;
  if (mapping.headerLine !== undefined) {
    h = mapping.headerLine - 1;
    if (h >= lines.length) throw new FormatError({ file, line: mapping.headerLine }, `header line ${mapping.headerLine} is past the end of the file (${lines.length} lines)`);
  } else {
    h = -1;
    for (let i = 0; i < Math.min(lines.length, 500) && h < 0; i++) {
      const d = delimiter || guessDelimiter(lines[i]);
      const cells = splitDelimited(lines[i], d).map((c) => c.trim());
      if (wanted.every((w) => cells.includes(w))) h = i;
    }
    if (h < 0) throw new FormatError({ file }, `no line in the first 500 has all mapped columns (${wanted.map((w) => `'${w}'`).join(', ')})`);
  }
  if (!delimiter) delimiter = guessDelimiter(lines[h]);
  const names = splitDelimited(lines[h], delimiter).map((c) => c.trim());
  const missing = wanted.filter((w) => !names.includes(w));
  if (missing.length > 0) throw new FormatError({ file, line: h + 1 }, `mapped column(s) not in the header: ${missing.map((w) => `'${w}'`).join(', ')} (header has ${names.map((n) => `'${n}'`).join(', ')})`);
  const stepCol = mapping.stepType?.column;
  const table = readTable(lines, names, h + 1, { delimiter, decimalComma: mapping.decimalComma, file, onProgress: options?.onProgress, forceText: (n) => n === stepCol });
  const rules: Record<string, ColumnRule> = {};
  for (const [name, r] of Object.entries(mapping.columns)) {
    let unit = r.unit;
    // xlsx stores dates as serial day numbers.
    if (xlsx && r.column === 'unixTime_s' && unit === 'datetime' && table.numeric[names.indexOf(name)]) unit = 'exceldate';
    rules[name] = { standard: r.column, unit, sign: signFactor(r.sign) };
  }
  const ignore = new Set([...(mapping.ignore ?? []), ...(stepCol ? [stepCol] : [])]);
  const m = buildFromTable(table, rules, {
    format: 'mapped',
    source: file,
    metadata: {
      instrument: mapping.instrument,
      activeMassKg: mapping.activeMassMg !== undefined ? mapping.activeMassMg * 1e-6 : undefined,
      electrodeAreaM2: mapping.electrodeAreaCm2 !== undefined ? mapping.electrodeAreaCm2 * 1e-4 : undefined,
      extra: { mapping: 'column-mapping file' },
    },
    ignore: (n) => ignore.has(n),
  });
  dropEmptyColumns(m);
  if (mapping.stepType && stepCol) {
    const c = names.indexOf(stepCol);
    if (c < 0) throw new FormatError({ file, line: h + 1, field: stepCol }, 'the stepType column is not in the header');
    const strs = table.text[c] as string[];
    const fallback = m.columns.current_A ? classifySteps(m.rows, m.columns.current_A, m.columns.voltage_V, m.columns.step) : undefined;
    const st = new Float64Array(m.rows);
    const unknown = new Set<string>();
    for (let i = 0; i < m.rows; i++) {
      const t = mapping.stepType.values[strs[i]];
      if (t) st[i] = stepTypeCode(t);
      else {
        unknown.add(strs[i]);
        st[i] = fallback ? fallback[i] : stepTypeCode('unknown');
      }
    }
    if (unknown.size > 0) m.warnings.push(`stepType value(s) not in the mapping: ${[...unknown].slice(0, 10).map((s) => `'${s}'`).join(', ')}; ${fallback ? 'inferred from the current' : "typed 'unknown'"}`);
    m.columns.stepType = st;
  } else if (m.columns.current_A) m.columns.stepType = classifySteps(m.rows, m.columns.current_A, m.columns.voltage_V, m.columns.step);
  if (m.columns.unixTime_s) m.metadata.startTime = isoFromUnix(m.columns.unixTime_s[0]);
  return m;
}

/** A FormatReader bound to one mapping (for the registry-style API and the CLI's --map option). */
export function mappedReader(mapping: ColumnMapping | string | unknown): FormatReader {
  const parsed = parseColumnMapping(mapping);
  return {
    id: 'mapped',
    description: 'Any CSV/TSV/xlsx table through a column-mapping file',
    extensions: ['.csv', '.tsv', '.txt', '.xlsx'],
    sniff: () => true,
    read: (bytes, file, options) => readMapped(bytes, file, parsed, options),
  };
}
