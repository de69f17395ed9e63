/**
 * Streams a large BioLogic .mpt, EC-Lab CSV or .mpr through the per-cycle summary in bounded memory: a
 * text file is read in 4 MiB pieces, parsed incrementally (MptParser / EclabCsvParser) and each batch of
 * rows normalised; an .mpr is decoded a batch of records at a time (streamMprSource, reading 128 KiB
 * pieces). Each batch is fed to the CycleSummaryBuilder, then dropped. Memory is O(batch + one piece),
 * not O(file).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { MptParser, isMpt } from '../../core/io/biologic/mpt.js';
import { EclabCsvParser, dropEmptyColumns, isEclabCsv } from '../../core/io/biologic/eclab-csv.js';
import { normaliseBioLogic, type NormaliseState } from '../../core/io/biologic/normalise.js';
import { CycleSummaryBuilder } from '../../core/io/cycle-summary.js';
import type { RawColumn, StandardColumn } from '../../core/io/measurement.js';
import { STANDARD_COLUMNS } from '../../core/io/measurement.js';
import { InputError } from '../../core/errors.js';
import { isMpr, streamMprSource, type StreamedMpr } from '../../core/io/biologic/mpr.js';
import { fileSource } from './file-source.js';

/** What a streamed import found: the file's description (as for an .mpr, StreamedMpr) and its summary. */
export interface StreamedImport extends StreamedMpr {
  format: string;
  builder: CycleSummaryBuilder;
}

const PIECE = 4 * 1024 * 1024;

const BATCH_ROWS = 32768;

/** True when `streamSummary` can stream a file that starts with these bytes. */
export function canStream(head: Uint8Array): boolean {
  return isMpt(head) || isEclabCsv(head) || isMpr(head);
}

export function streamSummary(path: string, onProgress?: (doneBytes: number, totalBytes: number) => void): StreamedImport {
  const source = fileSource(path);
  let head: Uint8Array;
  try {
    head = source.read(0, Math.min(source.size, 64));
  } finally {
    source.release();
  }
  if (isMpr(head)) {
    const builder = new CycleSummaryBuilder();
    const name = path.split(/[\\/]/).pop() ?? path;
    const s = streamMprSource(source, name, BATCH_ROWS, (columns, rows) => builder.add(columns, rows), { onProgress: (f) => onProgress?.(f * source.size, source.size) });
    return { format: 'biologic-mpr', rows: s.rows, technique: s.technique, metadata: s.metadata, warnings: s.warnings, columns: s.columns, rawColumns: s.rawColumns, builder };
  }
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    throw new InputError({ file: path }, 'an existing, readable file', 'cannot open it');
  }
  const builder = new CycleSummaryBuilder();
  const present = new Set<StandardColumn>();
  const state: NormaliseState = {};
  const feed = (raw: RawColumn[], rows: number, technique: string | undefined): void => {
    const { columns } = normaliseBioLogic(raw, technique, state, rows);
    for (const c of Object.keys(columns)) present.add(c as StandardColumn);
    builder.add(columns, rows);
  };
  try {
    const total = fstatSync(fd).size;
    const buf = new Uint8Array(PIECE);
    const first = readSync(fd, buf, 0, PIECE, null);
    const head = buf.subarray(0, Math.max(0, first));
    let mpt: MptParser | undefined;
    let csv: EclabCsvParser | undefined;
    if (isMpt(head)) mpt = new MptParser(path, { batchRows: BATCH_ROWS, onBatch: (b) => feed(b.raw, b.rows, mpt?.header?.technique) });
    else if (isEclabCsv(head)) {
      // An export's never-filled columns are dropped batch by batch (a column with data in any batch counts).
      csv = new EclabCsvParser(path, { batchRows: BATCH_ROWS, onBatch: (b) => { dropEmptyColumns(b.raw); feed(b.raw, b.rows, undefined); } });
    } else throw new InputError({ file: path }, 'a BioLogic .mpt, EC-Lab CSV or .mpr file (the streamed formats)', 'another format');
    const parser: { push(b: Uint8Array): void; finish(): void } = (mpt ?? csv)!;
    parser.push(head);
    let done = first;
    onProgress?.(done, total);
    for (;;) {
      const n = readSync(fd, buf, 0, PIECE, null);
      if (n <= 0) break;
      parser.push(buf.subarray(0, n));
      done += n;
      onProgress?.(done, total);
    }
    parser.finish();
    if (mpt) {
      const header = mpt.header!;
      return {
        format: 'biologic-mpt', rows: mpt.rows, technique: header.technique, metadata: header.metadata, warnings: mpt.warnings,
        columns: STANDARD_COLUMNS.filter((c) => present.has(c)), rawColumns: header.columnNames, builder,
      };
    }
    const c = csv!;
    return {
      format: 'biologic-csv', rows: c.rows, technique: undefined, metadata: c.metadata, warnings: c.warnings,
      columns: STANDARD_COLUMNS.filter((k) => present.has(k)), rawColumns: (c.names ?? []).filter((n, k) => !(k === 0 && n === '')), builder,
    };
  } finally {
    closeSync(fd);
  }
}

/** @deprecated name kept for callers of the first version: streams an .mpt or EC-Lab CSV. */
export const streamMptSummary = streamSummary;
