/**
 * The registry of instrument-file readers. Each reader works on bytes (browser-safe) and returns the
 * common Measurement (measurement.ts). `readMeasurement` picks the reader by content sniffing first and
 * by file extension second, so a renamed file still reads and a wrong extension gets a clear error.
 *
 * To add a format: write `src/core/io/<vendor>/<format>.ts` exporting a `FormatReader`, and add it to
 * READERS below (one line). Order matters only among readers whose sniffers could both match.
 */
import type { Measurement } from './measurement.js';
import type { ByteSource } from './byte-source.js';
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
  /**
   * Makes a new column of `rows` values for a reader that writes every one of them (the .mpr reader):
   * in Node, one whose memory is not zero-filled first (src/node/io/file-source.ts newColumn), which
   * saves writing 2.4 MB of zeros for biol.mpr. Default: `new Float64Array(rows)`.
   */
  newColumn?: (rows: number) => Float64Array;
  /**
   * Where a reader with a WebAssembly decode (.mpr) runs it: 'wasm' (the default, where the runtime has
   * WebAssembly) or 'js' (its TypeScript twin, for comparison; same result).
   */
  kernels?: 'wasm' | 'js';
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
  /**
   * Optional: read from a byte source piece by piece instead of from the whole file in memory (the
   * .mpr reader; a file on disk then never has to be held whole). Same result as `read`.
   */
  readSource?(source: ByteSource, fileName: string, options?: ReadOptions): Measurement;
}

const READERS: FormatReader[] = [
  // First: its sniffer is one exact 23-byte magic no other format starts with, so an .mpr is known
  // before the text sniffers decode its first 64 KiB (about 0.1 ms per file).
  biologicMprReader,
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

/** How much of a file the sniffers see when it is read from a source (every magic number and header line fits). */
export const SNIFF_BYTES = 65536;
/** The buffer a file's head is read into for sniffing, reused (only the sniffers see it). */
let sniffBuffer: Uint8Array | undefined;

/**
 * Reads any supported instrument file from a byte source (a file on disk: src/node/io/file-source.ts).
 * A reader that can read piece by piece (`readSource`) gets the source; every other one gets the whole
 * file, exactly as `readMeasurement`.
 */
export function readMeasurementSource(source: ByteSource, fileName: string, options?: ReadOptions): Measurement {
  let bytes: Uint8Array;
  try {
    sniffBuffer ??= new Uint8Array(SNIFF_BYTES);
    const head = source.read(0, Math.min(source.size, SNIFF_BYTES), sniffBuffer);
    const first = READERS.find((r) => r.sniff(head, fileName));
    if (first?.readSource) return first.readSource(source, fileName, options);
    bytes = source.read(0, source.size);
  } finally {
    source.release();
  }
  return readMeasurement(bytes, fileName, options);
}
