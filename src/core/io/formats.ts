/**
 * The registry of instrument-file readers. Each reader works on bytes (browser-safe) and returns the
 * common Measurement (measurement.ts). `readMeasurement` picks the reader by content sniffing first and
 * by file extension second, so a renamed file still reads and a wrong extension gets a clear error.
 *
 * To add a format: write `src/core/io/<vendor>/<format>.ts` exporting a `FormatReader`, and add it to
 * READERS below (one line). Order matters only among readers whose sniffers could both match.
 */
import type { Measurement } from './measurement.js';
import { FormatError } from '../errors.js';
import { biologicMprReader } from './biologic/mpr.js';
import { biologicMptReader } from './biologic/mpt.js';
import { biologicCsvReader } from './biologic/eclab-csv.js';
import { gamryDtaReader } from './gamry/dta.js';
import { arbinResReader } from './arbin/res.js';
import { arbinCsvReader, arbinXlsxReader } from './arbin/csv.js';
import { newareNdaxReader } from './neware/ndax.js';
import { maccorTextReader } from './maccor/text.js';
import { maccorEisReader } from './maccor/eis.js';
import { autolabEisReader } from './eis-text/autolab.js';
import { parstatEisReader } from './eis-text/parstat.js';
import { versaStudioReader } from './eis-text/versastudio.js';
import { powerSuiteEisReader } from './eis-text/powersuite.js';
import { chiEisReader } from './eis-text/chi.js';
import { zplotReader } from './eis-text/zplot.js';
import { impedanceCsvReader } from './eis-text/csv.js';
import { novonixCsvReader } from './novonix/csv.js';
import { newareCsvReader, newareXlsxReader } from './neware/csv.js';
import { newareNdaReader } from './neware/nda.js';

export interface ReadOptions {
  /** Called with the fraction done (0..1) for large files. */
  onProgress?: (fraction: number) => void;
}

export interface FormatReader {
  /** Stable id, also Measurement.format, e.g. "biologic-mpr". */
  id: string;
  /** Human description, e.g. "BioLogic EC-Lab binary (.mpr)". */
  description: string;
  /** Lower-case extensions with the dot, e.g. [".mpr"]. */
  extensions: string[];
  /** True when these bytes are this format (look at magic numbers / header lines only). */
  sniff(bytes: Uint8Array, fileName: string): boolean;
  read(bytes: Uint8Array, fileName: string, options?: ReadOptions): Measurement;
}

const READERS: FormatReader[] = [
  arbinXlsxReader,
  newareNdaReader,
  newareXlsxReader,
  newareCsvReader,
  novonixCsvReader,
  maccorEisReader,
  maccorTextReader,
  newareNdaxReader,
  arbinCsvReader,
  arbinResReader,
  gamryDtaReader,
  biologicMprReader,
  biologicMptReader,
  biologicCsvReader,
  autolabEisReader,
  parstatEisReader,
  versaStudioReader,
  powerSuiteEisReader,
  chiEisReader,
  zplotReader,
  impedanceCsvReader,
  // one line per reader
];

export function registeredReaders(): readonly FormatReader[] {
  return READERS;
}

export function findReader(bytes: Uint8Array, fileName: string): FormatReader | undefined {
  const bySniff = READERS.find((r) => r.sniff(bytes, fileName));
  if (bySniff) return bySniff;
  const lower = fileName.toLowerCase();
  return READERS.find((r) => r.extensions.some((e) => lower.endsWith(e)));
}

/** Reads any supported instrument file into the common data model. */
export function readMeasurement(bytes: Uint8Array, fileName: string, options?: ReadOptions): Measurement {
  const reader = findReader(bytes, fileName);
  if (!reader) {
    const known = READERS.map((r) => r.extensions.join('/')).filter((e) => e !== '').join(', ');
    throw new FormatError({ file: fileName }, `not a recognised instrument file (known formats: ${known || 'none registered'})`);
  }
  return reader.read(bytes, fileName, options);
}
