/**
 * Column-mapping files: read any CSV/TSV/xlsx table by saying, for each column, which standard column it
 * is, in what unit, and (for current and imaginary impedance) with what sign convention. JSON:
 *
 * {
 *   "columns": {
 *     "Test Time (h)": { "column": "time_s", "unit": "h" },
 *     "I/mA":          { "column": "current_A", "unit": "mA", "sign": "positive-discharge" },
 *     "Ewe/V":         { "column": "voltage_V", "unit": "V" },
 *     "-Im(Z)/Ohm":    { "column": "zImag_Ohm", "unit": "Ohm", "sign": "minus-z-imag" },
 *     "Date":          { "column": "unixTime_s", "unit": "datetime" }
 *   },
 *   "stepType": { "column": "State", "values": { "C": "charge", "D": "discharge", "R": "rest" } },
 *   "ignore": ["Aux1"],
 *   "delimiter": ",", "decimalComma": false, "headerLine": 3, "sheet": "Record",
 *   "instrument": "Home-built cycler", "activeMassMg": 12.3
 * }
 *
 * Sign conventions: current "positive-charge" (kept) or "positive-discharge" (negated); zImag "z-imag"
 * (the signed imaginary part, kept) or "minus-z-imag" (the file gives −Z″, negated). Current and zImag
 * must state one — a guessed sign is exactly the silent error this format exists to prevent.
 * Units: see tabular/units.ts (s, min, h, hh:mm:ss, datetime, exceldate, V, mV, A, mA, µA, Ah, mAh, As,
 * Wh, mWh, J, K, °C, Hz, kHz, Ohm, mOhm, …).
 */
import { z } from 'zod';
import { InputError } from '../../errors.js';
import { STANDARD_COLUMNS, STEP_TYPES, type StandardColumn, type StepType } from '../measurement.js';
import { issueToInputError } from '../../design/schema-errors.js';
import { acceptedUnits, conversionFor } from '../tabular/units.js';

const SIGNS = ['positive-charge', 'positive-discharge', 'z-imag', 'minus-z-imag'] as const;

const RuleSchema = z.object({
  column: z.enum(STANDARD_COLUMNS as [StandardColumn, ...StandardColumn[]]),
  unit: z.string().default(''),
  sign: z.enum(SIGNS).optional(),
}).strict();

const MappingSchema = z.object({
  columns: z.record(z.string(), RuleSchema),
  stepType: z.object({ column: z.string(), values: z.record(z.string(), z.enum(STEP_TYPES as unknown as [StepType, ...StepType[]])) }).strict().optional(),
  ignore: z.array(z.string()).optional(),
  delimiter: z.string().min(1).max(1).optional(),
  decimalComma: z.boolean().optional(),
  headerLine: z.number().int().min(1).optional(),
  sheet: z.string().optional(),
  instrument: z.string().optional(),
  activeMassMg: z.number().positive().optional(),
  electrodeAreaCm2: z.number().positive().optional(),
}).strict();

export type ColumnMapping = z.infer<typeof MappingSchema>;

/** Parses and checks a mapping (JSON text or an object). Errors name the mapping file and the field. */
export function parseColumnMapping(input: string | unknown, file = 'column mapping'): ColumnMapping {
  let obj: unknown = input;
  if (typeof input === 'string') {
    try {
      obj = JSON.parse(input);
    } catch (e) {
      throw new InputError({ file }, 'valid JSON', e instanceof Error ? e.message : String(e));
    }
  }
  const r = MappingSchema.safeParse(obj);
  if (!r.success) throw issueToInputError(r.error.issues[0], file);
  const m = r.data;
  const targets = new Map<StandardColumn, string>();
  for (const [name, rule] of Object.entries(m.columns)) {
    const field = `columns.${name}`;
    if (!conversionFor(rule.column, rule.unit)) throw new InputError({ file, field: `${field}.unit` }, `a unit for ${rule.column} (${acceptedUnits(rule.column).join(', ')})`, JSON.stringify(rule.unit));
    if (rule.column === 'current_A' && rule.sign !== 'positive-charge' && rule.sign !== 'positive-discharge') {
      throw new InputError({ file, field: `${field}.sign` }, "the current's sign convention: \"positive-charge\" or \"positive-discharge\"", rule.sign === undefined ? 'nothing' : JSON.stringify(rule.sign));
    }
    if (rule.column === 'zImag_Ohm' && rule.sign !== 'z-imag' && rule.sign !== 'minus-z-imag') {
      throw new InputError({ file, field: `${field}.sign` }, 'the imaginary-part convention: "z-imag" (signed Z″) or "minus-z-imag" (the file gives −Z″)', rule.sign === undefined ? 'nothing' : JSON.stringify(rule.sign));
    }
    if (rule.sign !== undefined && rule.column !== 'current_A' && rule.column !== 'zImag_Ohm') throw new InputError({ file, field: `${field}.sign` }, 'no sign (only current_A and zImag_Ohm take one)', JSON.stringify(rule.sign));
    const prev = targets.get(rule.column);
    if (prev !== undefined) throw new InputError({ file, field }, `one file column per standard column (${rule.column} is already '${prev}')`, `'${name}'`);
    targets.set(rule.column, name);
  }
  if (Object.keys(m.columns).length === 0) throw new InputError({ file, field: 'columns' }, 'at least one column rule', 'none');
  return m;
}

/** −1 where the mapping's convention is the opposite of ours. */
export const signFactor = (sign: ColumnMapping['columns'][string]['sign']): 1 | -1 => (sign === 'positive-discharge' || sign === 'minus-z-imag' ? -1 : 1);
