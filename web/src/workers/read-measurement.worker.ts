/**
 * Parses an instrument file off the main thread: bytes in, the normalised columns (transferred, not
 * copied), metadata, warnings and the per-cycle summary out. The page stays responsive while a big
 * file is read, and can cancel by terminating the worker.
 */
import '../lib/buffer-global.js';
import '../lib/csp-safe-zod.js';
import { readMeasurement, findReader } from '../../../src/core/io/formats.js';
import { readMapped } from '../../../src/core/io/mapped/reader.js';
import { summariseCycles, type CycleSummary } from '../../../src/core/io/cycle-summary.js';
import { isCathodeLabError } from '../../../src/core/errors.js';
import type { MeasurementMetadata } from '../../../src/core/io/measurement.js';
import { readXrdPattern } from '../../../src/core/analysis/xrd/read-pattern.js';
import { analyzeLayeredOxide, type LayeredOxideResult } from '../../../src/core/analysis/xrd/layered-oxide.js';
import type { XrdPattern } from '../../../src/core/analysis/xrd/pattern.js';

/** Powder-diffraction files go to the XRD reader instead of the cycler readers. */
const XRD_EXTENSIONS = ['.uxd', '.xy', '.xye', '.dat'];
/** Tables a column mapping can read (mapped/reader.ts: delimited text or an .xlsx sheet). */
const TABLE_EXTENSIONS = ['.csv', '.tsv', '.txt', '.xlsx'];

export interface ParsedXrd {
  name: string;
  pattern: XrdPattern;
  analysis?: LayeredOxideResult;
  /** Why the layered-oxide analysis could not run. */
  analysisError?: string;
  parseMs: number;
}

export interface ReadRequest {
  name: string;
  bytes: ArrayBuffer;
  /** A column-mapping JSON text: read the table through it instead of guessing the instrument. */
  mapping?: string;
}

export interface ParsedFile {
  name: string;
  format: string;
  readerDescription: string;
  rows: number;
  metadata: MeasurementMetadata;
  warnings: string[];
  /** Normalised columns by standard name (SI units in the name). */
  columns: Record<string, Float64Array>;
  /** The file's own column names and units. */
  rawColumns: { name: string; unit: string }[];
  summary?: CycleSummary;
  /** Why there is no cycle summary (e.g. an impedance file). */
  summaryNote?: string;
  parseMs: number;
}

export type WorkerReply =
  | { type: 'progress'; fraction: number }
  | { type: 'result'; file: ParsedFile }
  | { type: 'xrd'; xrd: ParsedXrd }
  /** `unrecognised`: no instrument reader knows the file (a column mapping may read it). */
  | { type: 'error'; message: string; unrecognised?: boolean; mappingError?: boolean };

interface WorkerScope {
  onmessage: ((ev: MessageEvent<ReadRequest>) => void) | null;
  postMessage(message: WorkerReply, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (ev) => {
  const { name, bytes, mapping } = ev.data;
  const t0 = performance.now();
  try {
    const u8 = new Uint8Array(bytes);
    if (XRD_EXTENSIONS.some((e) => name.toLowerCase().endsWith(e))) {
      // Diffractometer exports are Latin-1 text; the layered-oxide fit runs here, off the page.
      const pattern = readXrdPattern(new TextDecoder('latin1').decode(u8), name);
      const xrd: ParsedXrd = { name, pattern, parseMs: 0 };
      try {
        xrd.analysis = analyzeLayeredOxide(pattern);
      } catch (e) {
        xrd.analysisError = isCathodeLabError(e) ? e.message : String(e);
      }
      xrd.parseMs = performance.now() - t0;
      scope.postMessage({ type: 'xrd', xrd });
      return;
    }
    let lastSent = -1;
    const onProgress = (f: number): void => {
      // At most ~100 messages, whatever the reader's granularity.
      if (f - lastSent >= 0.01 || f === 1) {
        lastSent = f;
        scope.postMessage({ type: 'progress', fraction: f });
      }
    };
    const m = mapping === undefined ? readMeasurement(u8, name, { onProgress }) : readMapped(u8, name, mapping, { onProgress });
    let summary: CycleSummary | undefined;
    let summaryNote: string | undefined;
    const c = m.columns;
    if (c.current_A || c.chargeCapacity_Ah || c.dischargeCapacity_Ah) {
      try {
        summary = summariseCycles(m);
      } catch (e) {
        summaryNote = isCathodeLabError(e) ? e.message : String(e);
      }
    } else {
      summaryNote = c.zReal_Ohm ? 'an impedance file: no charge/discharge cycles' : 'no current or capacity columns: no cycles to summarise';
    }
    const columns: Record<string, Float64Array> = {};
    for (const [k, v] of Object.entries(m.columns)) if (v) columns[k] = v;
    const file: ParsedFile = {
      name,
      format: m.format,
      readerDescription: mapping === undefined ? findReader(u8, name)?.description ?? m.format : 'a table read through your column mapping',
      rows: m.rows,
      metadata: m.metadata,
      warnings: m.warnings,
      columns,
      rawColumns: m.raw.map((r) => ({ name: r.name, unit: r.unit })),
      summary,
      summaryNote,
      parseMs: performance.now() - t0,
    };
    const transfer = [...new Set(Object.values(columns).map((a) => a.buffer as ArrayBuffer))];
    scope.postMessage({ type: 'result', file }, transfer);
  } catch (e) {
    const message = isCathodeLabError(e) ? e.message : `could not read ${name}: ${(e as Error).message ?? String(e)}`;
    // A table no reader claims (or one a reader rejects at its header) is what a column mapping is for.
    const unrecognised = mapping === undefined && TABLE_EXTENSIONS.some((x) => name.toLowerCase().endsWith(x)) && isCathodeLabError(e);
    scope.postMessage({ type: 'error', message, unrecognised, mappingError: mapping !== undefined });
  }
};
