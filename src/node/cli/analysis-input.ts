/**
 * Small helpers shared by the measurement-analysis commands (gitt, cv, cycles, rate, dqdv, xrd):
 * reading an instrument file through the reader registry, validating numeric options, and writing
 * a plot atomically.
 */
import type { ReadOptions } from '../../core/io/formats.js';
import { readMapped } from '../../core/io/mapped/reader.js';
import type { Measurement } from '../../core/io/measurement.js';
import { InputError } from '../../core/errors.js';
import { readInputBytes, readInputText } from '../io/read-input.js';
import { readMeasurementFile as readFromPath } from '../io/read-measurement-file.js';
import { writeFileAtomic } from './output.js';

/**
 * Reads an instrument file by the registry (from the file itself: a reader that can, such as .mpr,
 * reads it piece by piece), or — with `mappingPath` — any CSV/TSV/xlsx table through a column-mapping
 * JSON file (io/mapped).
 */
export function readMeasurementFile(path: string, mappingPath?: string, options?: ReadOptions): Measurement {
  const name = path.split(/[\\/]/).pop() ?? path;
  if (mappingPath !== undefined) return readMapped(readInputBytes(path), name, readInputText(mappingPath));
  return readFromPath(path, options);
}

export const MAPPING_HELP = 'read a CSV/TSV/xlsx table through a column-mapping JSON file: {"columns": {"<header>": {"column": "time_s", "unit": "hh:mm:ss"}, "<header>": {"column": "current_A", "unit": "mA", "sign": "positive-charge"}, …}}';

/** A positive finite number from an option, or undefined when not given. */
export function positiveOption(value: string | undefined, flag: string, unit: string): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (!Number.isFinite(x) || x <= 0) throw new InputError({ field: flag }, `a positive number (${unit})`, `'${value}'`);
  return x;
}

/** An integer option, or undefined. */
export function integerOption(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (!Number.isInteger(x)) throw new InputError({ field: flag }, 'an integer', `'${value}'`);
  return x;
}

/** A comma-separated list of integers, e.g. "1,2,5". */
export function integerListOption(value: string | undefined, flag: string): number[] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').map((s) => {
    const x = Number(s.trim());
    if (!Number.isInteger(x)) throw new InputError({ field: flag }, 'comma-separated integers such as 1,2,5', `'${value}'`);
    return x;
  });
}

export function writePlot(path: string | undefined, svg: () => string): void {
  if (path === undefined) return;
  if (!/\.svg$/i.test(path)) throw new InputError({ field: '--plot' }, 'an output file ending in .svg', `'${path}'`);
  writeFileAtomic(path, svg());
}

/** Number or null for JSON (no NaN): finite numbers pass, everything else is null. */
export const num = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);
