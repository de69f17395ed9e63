/**
 * Streams a large BioLogic .mpt through the per-cycle summary in bounded memory: the file is read in
 * 4 MiB pieces, parsed incrementally (MptParser), each batch of rows is normalised and fed to the
 * CycleSummaryBuilder, then dropped. Memory is O(batch + one piece), not O(file).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { MptParser } from '../../core/io/biologic/mpt.js';
import { normaliseBioLogic, type NormaliseState } from '../../core/io/biologic/normalise.js';
import { CycleSummaryBuilder } from '../../core/io/cycle-summary.js';
import type { MeasurementMetadata, StandardColumn } from '../../core/io/measurement.js';
import { STANDARD_COLUMNS } from '../../core/io/measurement.js';
import { InputError } from '../../core/errors.js';

export interface StreamedImport {
  format: string;
  rows: number;
  technique: string | undefined;
  metadata: MeasurementMetadata;
  warnings: string[];
  /** Standard columns present. */
  columns: StandardColumn[];
  /** Raw column names as in the file (unit included). */
  rawColumns: string[];
  builder: CycleSummaryBuilder;
}

const PIECE = 4 * 1024 * 1024;

export function streamMptSummary(path: string, onProgress?: (doneBytes: number, totalBytes: number) => void): StreamedImport {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    throw new InputError({ file: path }, 'an existing, readable file', 'cannot open it');
  }
  const builder = new CycleSummaryBuilder();
  const present = new Set<StandardColumn>();
  const state: NormaliseState = {};
  let technique: string | undefined;
  const parser = new MptParser(path, {
    batchRows: 32768,
    onBatch: (b) => {
      technique = parser.header?.technique;
      const { columns } = normaliseBioLogic(b.raw, technique, state);
      for (const c of Object.keys(columns)) present.add(c as StandardColumn);
      builder.add(columns, b.rows);
    },
  });
  try {
    const total = fstatSync(fd).size;
    const buf = new Uint8Array(PIECE);
    let done = 0;
    for (;;) {
      const n = readSync(fd, buf, 0, PIECE, null);
      if (n <= 0) break;
      parser.push(buf.subarray(0, n));
      done += n;
      onProgress?.(done, total);
    }
    parser.finish();
  } finally {
    closeSync(fd);
  }
  const header = parser.header!;
  return {
    format: 'biologic-mpt',
    rows: parser.rows,
    technique: header.technique,
    metadata: header.metadata,
    warnings: parser.warnings,
    columns: STANDARD_COLUMNS.filter((c) => present.has(c)),
    rawColumns: header.columnNames,
    builder,
  };
}
