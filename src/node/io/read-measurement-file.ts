/**
 * An instrument file from its path, by the reader registry: the format is known from the file's first
 * 64 KiB; a reader that can read piece by piece (.mpr) reads the file itself that way, with columns in
 * memory that is not zero-filled first (file-source.ts newColumn); every other reader gets the whole
 * file. The Node counterpart of `readMeasurement(bytes, name)`.
 */
import { readMeasurementSource, type ReadOptions } from '../../core/io/formats.js';
import type { Measurement } from '../../core/io/measurement.js';
import { fileSource, newColumn } from './file-source.js';

export function readMeasurementFile(path: string, options?: ReadOptions): Measurement {
  const name = path.split(/[\\/]/).pop() ?? path;
  return readMeasurementSource(fileSource(path), name, { newColumn, ...options });
}
