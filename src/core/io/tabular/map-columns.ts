/**
 * Turns a TextTable into the common Measurement through column rules (file column → standard column,
 * unit, sign). Used by every text-export reader and by the user's column-mapping file (mapped/).
 */
import { FormatError } from '../../errors.js';
import type { Measurement, MeasurementMetadata, RawColumn, StandardColumn } from '../measurement.js';
import { acceptedUnits, conversionFor } from './units.js';
import { parseDateTime, parseDuration } from './text.js';
import type { TextTable } from './table.js';

export interface ColumnRule {
  standard: StandardColumn;
  /** The unit the file uses for this column, e.g. "mA", "°C", "hh:mm:ss", "datetime". */
  unit: string;
  /** -1 when a positive value in the file means the opposite of the standard sign (current only). */
  sign?: 1 | -1;
}

const NON_NEGATIVE: ReadonlySet<StandardColumn> = new Set(['chargeCapacity_Ah', 'dischargeCapacity_Ah', 'chargeEnergy_Wh', 'dischargeEnergy_Wh']);

/** Converts column `c` of `table` by `rule` into SI values (NaN for empty cells). */
export function convertColumn(table: TextTable, c: number, rule: ColumnRule, file: string): Float64Array {
  const conv = conversionFor(rule.standard, rule.unit);
  if (!conv) {
    throw new FormatError({ file, field: table.names[c] }, `unit '${rule.unit}' does not fit ${rule.standard} (accepted: ${acceptedUnits(rule.standard).join(', ')})`);
  }
  const out = new Float64Array(table.rows);
  const nums = table.numeric[c];
  const strs = table.text[c];
  const sign = rule.sign ?? 1;
  if (conv.kind === 'number') {
    if (!nums) {
      throw new FormatError({ file, line: table.firstLine, field: table.names[c] }, `expected numbers in ${rule.standard} column, found text '${strs?.[0] ?? ''}'`);
    }
    for (let i = 0; i < out.length; i++) out[i] = sign * (nums[i] * conv.scale) + conv.offset;
  } else {
    const parse = conv.kind === 'duration' ? parseDuration : parseDateTime;
    for (let i = 0; i < out.length; i++) out[i] = strs ? parse(strs[i]) : (nums as Float64Array)[i];
    let bad = 0;
    for (let i = 0; i < out.length; i++) if (Number.isNaN(out[i]) && strs && strs[i] !== '') bad++;
    if (bad > 0 && strs) {
      const first = strs.findIndex((s, i) => s !== '' && Number.isNaN(out[i]));
      throw new FormatError({ file, line: table.firstLine + first, field: table.names[c] }, `expected a ${conv.kind === 'duration' ? 'duration (hh:mm:ss)' : 'date and time'}, found '${strs[first]}'`);
    }
  }
  if (NON_NEGATIVE.has(rule.standard)) for (let i = 0; i < out.length; i++) out[i] = Math.abs(out[i]);
  return out;
}

export interface BuildOptions {
  format: string;
  source: string;
  metadata?: MeasurementMetadata;
  warnings?: string[];
  /** Column names that are known and deliberately not normalised (no warning for them). */
  ignore?: (name: string) => boolean;
}

/**
 * Applies `rules` (keyed by exact column name) to the table. Columns with no rule are kept in `raw`
 * and, unless `ignore` accepts them, named in one warning.
 */
export function buildFromTable(table: TextTable, rules: Record<string, ColumnRule>, opts: BuildOptions): Measurement {
  const columns: Partial<Record<StandardColumn, Float64Array>> = {};
  const raw: RawColumn[] = [];
  const warnings = opts.warnings ?? [];
  const unknown: string[] = [];
  for (let c = 0; c < table.names.length; c++) {
    const name = table.names[c];
    const rule = Object.prototype.hasOwnProperty.call(rules, name) ? rules[name] : undefined;
    const nums = table.numeric[c];
    if (rule) {
      const values = convertColumn(table, c, rule, opts.source);
      if (columns[rule.standard] === undefined) columns[rule.standard] = values;
      raw.push({ name, unit: rule.unit, values: nums ?? values });
    } else {
      if (nums) raw.push({ name, unit: '', values: nums });
      if (!(opts.ignore && opts.ignore(name)) && name.trim() !== '') unknown.push(name);
    }
    if (table.badCells[c] > 0) warnings.push(`column '${name}': ${table.badCells[c]} cell(s) are not numbers (read as missing)`);
  }
  if (table.shortLastLine !== undefined) warnings.push(`line ${table.shortLastLine}: the last row has fewer cells than the header (file cut short?); missing cells read as missing values`);
  if (unknown.length > 0) warnings.push(`column(s) not recognised, kept only as raw columns: ${unknown.map((u) => `'${u}'`).join(', ')}`);
  return { format: opts.format, source: opts.source, rows: table.rows, columns, raw, metadata: opts.metadata ?? {}, warnings };
}

/** Index of a column by exact name, or -1. */
export function columnIndex(table: TextTable, name: string): number {
  return table.names.indexOf(name);
}

/** "Current(A)", "Current (A)", "Current [A]", "Current/A" → ["Current", "A"]; no unit → [name, '']. */
export function splitNameUnit(header: string): [string, string] {
  const h = header.trim();
  const m = /^(.*?)\s*[([]([^()[\]]*)[)\]]\s*$/.exec(h);
  if (m && m[1] !== '') return [m[1], m[2].trim()];
  const s = /^([^/]+)\/([^/]+)$/.exec(h);
  if (s) return [s[1].trim(), s[2].trim()];
  return [h, ''];
}

/** Drops standard columns that are entirely NaN (an empty column in the file), with a warning each. */
export function dropEmptyColumns(m: Measurement): void {
  for (const key of Object.keys(m.columns) as StandardColumn[]) {
    const v = m.columns[key] as Float64Array;
    let any = false;
    for (let i = 0; i < v.length; i++) if (!Number.isNaN(v[i])) { any = true; break; }
    if (!any && m.rows > 0) {
      delete m.columns[key];
      m.warnings.push(`${key}: the file's column is empty in every row; left out`);
    }
  }
}
