/**
 * Small helpers shared by the measurement-analysis commands (gitt, cv, cycles, rate, dqdv, xrd):
 * reading an instrument file through the reader registry, validating numeric options, and writing
 * a plot atomically.
 */
import { readMeasurement } from '../../core/io/formats.js';
import type { Measurement } from '../../core/io/measurement.js';
import { InputError } from '../../core/errors.js';
import { readInputBytes } from '../io/read-input.js';
import { writeFileAtomic } from './output.js';

export function readMeasurementFile(path: string): Measurement {
  const name = path.split(/[\\/]/).pop() ?? path;
  return readMeasurement(readInputBytes(path), name);
}

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
