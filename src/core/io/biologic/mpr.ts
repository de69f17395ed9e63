/**
 * BioLogic EC-Lab / BT-Lab binary files (.mpr).
 *
 * Layout (facts from galvani's and yadg's reverse engineering, checked here against every fixture):
 *   0x00  "BIO-LOGIC MODULAR FILE\x1a" padded with spaces to 48 bytes, then 4 zero bytes (52 bytes).
 *   then modules, each: "MODULE", short name (10 bytes), long name (25 bytes), then either
 *     old header (EC-Lab < 11.50):  length u32, version u32, date (8 ASCII bytes)             → 51 bytes
 *     new header (EC-Lab ≥ 11.50):  0xFFFFFFFF (max length), length u32, version u32,
 *                                   second version u32 (10, or 11 for data), date (8 bytes) → 59 bytes
 *   and `length` bytes of module data. Modules: "VMP Set" (settings), "VMP data", "VMP LOG",
 *   "VMP loop" (loop start indices), "VMP ExtDev" (external analog inputs).
 * Data module: n_points u32 at 0, n_columns u8 at 4, then the column ids:
 *   version 2 / 3 (old header):  u16 little-endian ids at 5; records start at 0x195 (v2) / 0x196 (v3)
 *   version 10 / 11 (new header, "0 + 11"): u16 big-endian ids at 5; records start at 0x3EF
 *   version 0 (old header, oldest files): u8 ids at 5; records start at 100
 * Records are packed little-endian, n_points × record size, fields in column-id order.
 *
 * The standard columns are decoded eagerly, in one pass over the records (mpr-rows.ts; in WebAssembly,
 * mpr-decode-kernel.ts, where there is WebAssembly). The vendor columns in `raw` are decoded on first
 * access: from bytes in memory (`readMpr`) the Measurement keeps a reference to `bytes` until then — do
 * not overwrite that buffer afterwards (or read every `raw[k].values` first); from a file
 * (`readMprSource` with src/node/io/file-source.ts) it reads the records from the file again then.
 */
import type { FormatReader, ReadOptions } from '../formats.js';
import type { Measurement, MeasurementMetadata, RawColumn, StandardColumn } from '../measurement.js';
import { STANDARD_COLUMNS } from '../measurement.js';
import { FormatError } from '../../errors.js';
import { BINARY_SIZE, DATA_COLUMNS, FIELD_BITS, FIELD_CODE, FIELD_U1, FLAG_COLUMNS, resolveConflicts, techniqueName, type BinaryType, type ColumnSpec, type FieldPlace } from './columns.js';
import { TECHNIQUE_IDS } from './techniques.js';
import { normaliseBioLogic, planBioLogic, planNotes, type BioLogicPlan } from './normalise.js';
import { allocateStandardRows, decodeStandardRows, rowLayout, shareUnconverted, standardColumns, type RowLayout, type StandardRows } from './mpr-rows.js';
import { MprDecodeKernel, PIECE_BYTES } from './mpr-decode-kernel.js';
import { memorySource, type ByteSource } from '../byte-source.js';
import { latin1 } from '../text.js';

const MAGIC = 'BIO-LOGIC MODULAR FILE\x1a';
const FILE_HEADER_BYTES = 52;

export interface MprModule {
  shortName: string;
  longName: string;
  /** Module version (old header) — for the new header, version + second version (yadg's convention: data = 11). */
  version: number;
  /** True when the module has the EC-Lab ≥ 11.50 header. */
  newHeader: boolean;
  date: string;
  /** Byte offset of the module data in the file. */
  offset: number;
  length: number;
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end && i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

export function isMpr(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && ascii(bytes, 0, MAGIC.length) === MAGIC;
}

/** Splits the file into its modules. Throws FormatError on a truncated or corrupt module table. */
export function readMprModules(bytes: Uint8Array, file: string): MprModule[] {
  return readMprModulesFrom(memorySource(bytes), file);
}

/** The module table, reading only the module headers (a few dozen bytes each) from the source. */
function readMprModulesFrom(source: ByteSource, file: string): MprModule[] {
  const size = source.size;
  const head = source.read(0, Math.min(size, FILE_HEADER_BYTES));
  if (!isMpr(head)) throw new FormatError({ file, byteOffset: 0 }, `expected the BioLogic magic "BIO-LOGIC MODULAR FILE", found "${ascii(head, 0, 22).replace(/[^\x20-\x7e]/g, '?')}"`);
  const modules: MprModule[] = [];
  let o = FILE_HEADER_BYTES;
  while (o < size) {
    if (o + 6 + 51 > size) throw new FormatError({ file, byteOffset: o }, `truncated module header (${size - o} bytes left, a module header needs at least 57)`);
    // The header, relative to o: "MODULE", short name, long name, then the old or the new layout.
    const hb = source.read(o, Math.min(size - o, 6 + 59));
    const dv = new DataView(hb.buffer, hb.byteOffset, hb.byteLength);
    if (ascii(hb, 0, 6) !== 'MODULE') throw new FormatError({ file, byteOffset: o }, `expected "MODULE", found "${ascii(hb, 0, 6).replace(/[^\x20-\x7e]/g, '?')}"`);
    const h = 6;
    const shortName = ascii(hb, h, h + 10).replace(/[\0 ]+$/, '');
    const longName = ascii(hb, h + 10, h + 35).replace(/[\0 ]+$/, '');
    const newHeader = dv.getUint32(h + 35, true) === 0xffffffff;
    let length: number;
    let version: number;
    let date: string;
    let headerBytes: number;
    if (newHeader) {
      if (h + 59 > hb.length) throw new FormatError({ file, byteOffset: o + h }, 'truncated EC-Lab ≥ 11.50 module header');
      length = dv.getUint32(h + 39, true);
      version = dv.getUint32(h + 43, true) + dv.getUint32(h + 47, true);
      date = ascii(hb, h + 51, h + 59);
      headerBytes = 59;
    } else {
      length = dv.getUint32(h + 35, true);
      version = dv.getUint32(h + 39, true);
      date = ascii(hb, h + 43, h + 51);
      headerBytes = 51;
    }
    const offset = o + h + headerBytes;
    if (offset + length > size) {
      throw new FormatError({ file, byteOffset: offset }, `module "${shortName}" declares ${length} bytes but only ${size - offset} remain (truncated file)`);
    }
    modules.push({ shortName, longName, version, newHeader, date, offset, length });
    o = offset + length;
  }
  return modules;
}

interface Field {
  id: number;
  spec: ColumnSpec | undefined;
  /** Byte offset inside a record, or -1 when it cannot be located (after an unknown column). */
  offset: number;
  size: number;
}

function readValue(dv: DataView, type: BinaryType, at: number): number {
  switch (type) {
    case 'f8': return dv.getFloat64(at, true);
    case 'f4': return dv.getFloat32(at, true);
    case 'u4': return dv.getUint32(at, true);
    case 'u2': return dv.getUint16(at, true);
    default: return dv.getUint8(at);
  }
}

/** One strided column of the record array as float64 (a vendor column, decoded when first read). */
function decodeColumn(dv: DataView, type: BinaryType, start: number, stride: number, rows: number): Float64Array {
  const out = new Float64Array(rows);
  let at = start;
  if (type === 'f4') for (let r = 0; r < rows; r++, at += stride) out[r] = dv.getFloat32(at, true);
  else if (type === 'f8') for (let r = 0; r < rows; r++, at += stride) out[r] = dv.getFloat64(at, true);
  else if (type === 'u2') for (let r = 0; r < rows; r++, at += stride) out[r] = dv.getUint16(at, true);
  else if (type === 'u4') for (let r = 0; r < rows; r++, at += stride) out[r] = dv.getUint32(at, true);
  else for (let r = 0; r < rows; r++, at += stride) out[r] = readValue(dv, type, at);
  return out;
}

/** A RawColumn whose `values` are decoded on first read and then kept. */
function lazyColumn(name: string, unit: string, decode: () => Float64Array): RawColumn {
  let cached: Float64Array | undefined;
  const col = { name, unit } as RawColumn;
  Object.defineProperty(col, 'values', {
    enumerable: true,
    get: () => (cached ??= decode()),
    set: (v: Float64Array) => {
      cached = v;
    },
  });
  return col;
}

/** Reads a Pascal string (length byte, then Latin-1 bytes). */
function pascal(bytes: Uint8Array, at: number, end: number): string | undefined {
  if (at >= end) return undefined;
  const n = bytes[at];
  if (at + 1 + n > end) return undefined;
  return latin1(bytes.subarray(at + 1, at + 1 + n)).trim();
}

/** OLE automation date (days since 1899-12-30, local time of the instrument PC) → ISO text without zone. */
function oleToIso(days: number): string {
  const ms = Math.round((days - 25569) * 86400000);
  return new Date(ms).toISOString().replace('Z', '');
}

export function readMpr(bytes: Uint8Array, file: string, options?: ReadOptions): Measurement {
  return readMprSource(memorySource(bytes), file, options);
}

/** The buffer pieces of a file are read into for the TypeScript decode, reused from file to file. */
let pieceBuffer: Uint8Array | undefined;

/**
 * The standard columns of `rows` records (at byte `base`, `stride` bytes each) into rows 0 … rows − 1 of
 * `out` (carry[0]: the time of the record before, NaN at the start of a file; updated), a piece
 * of whole records at a time: in WebAssembly where there is WebAssembly (a file's pieces are read
 * straight into the kernel's memory; bytes in memory are copied there a piece at a time), else with
 * the TypeScript decode (a file's pieces into a buffer reused from file to file; bytes in memory in
 * place). Both give the same columns (test/core/io/biologic/mpr-decode.test.ts).
 */
function decodeStandard(source: ByteSource, base: number, stride: number, rows: number, layout: RowLayout, out: StandardRows, carry: Float64Array, options?: ReadOptions): void {
  const kernel = options?.kernels === 'js' ? null : MprDecodeKernel.get();
  const wasmRows = kernel ? kernel.rowsPerPiece(stride) : 0;
  if (kernel && wasmRows > 0) {
    kernel.start(layout, carry[0]);
    for (let r0 = 0; r0 < rows; r0 += wasmRows) {
      const n = Math.min(wasmRows, rows - r0);
      const got = source.read(base + r0 * stride, n * stride, kernel.piece);
      if (got.buffer !== kernel.piece.buffer) kernel.piece.set(got);
      kernel.decode(stride, n, r0, out);
      options?.onProgress?.((r0 + n) / rows);
    }
    carry[0] = kernel.lastTime();
    return;
  }
  if (source.inMemory) {
    const b = source.read(base, rows * stride);
    decodeStandardRows(new DataView(b.buffer, b.byteOffset, b.byteLength), 0, stride, 0, rows, layout, out, carry);
    return;
  }
  const pieceRows = Math.max(1, Math.floor(PIECE_BYTES / stride));
  const need = pieceRows * stride;
  if (!pieceBuffer || pieceBuffer.length < need) pieceBuffer = new Uint8Array(Math.max(need, PIECE_BYTES));
  const piece = new DataView(pieceBuffer.buffer, pieceBuffer.byteOffset, pieceBuffer.byteLength);
  for (let r0 = 0; r0 < rows; r0 += pieceRows) {
    const r1 = Math.min(rows, r0 + pieceRows);
    // A file source reads into pieceBuffer (which is long enough), so `piece` views the records.
    source.read(base + r0 * stride, (r1 - r0) * stride, pieceBuffer);
    decodeStandardRows(piece, 0, stride, r0, r1, layout, out, carry);
    options?.onProgress?.(r1 / rows);
  }
}

/** Where a file's small modules are read (settings, LOG, loop, ExtDev: parsed at once, never kept). */
let moduleBuffer: Uint8Array | undefined;

/** A module's bytes: a view in memory; from a file, read into moduleBuffer (64 KiB, reused) when it fits. */
function moduleBytes(source: ByteSource, m: MprModule): { bytes: Uint8Array; dv: DataView } {
  moduleBuffer ??= new Uint8Array(65536);
  const bytes = source.read(m.offset, m.length, moduleBuffer);
  return { bytes, dv: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}

/**
 * The .mpr reader on any byte source. From a file, the records are read and decoded a piece at a time
 * into the standard columns; the vendor columns (`raw`) are read from the file again when one is first
 * used, so the Measurement never holds the file (a file changed or removed by then gives an error).
 */
export function readMprSource(source: ByteSource, file: string, options?: ReadOptions): Measurement {
  try {
    return readFrom(source, file, options);
  } finally {
    source.release();
  }
}

/** An .mpr with its modules parsed and its records laid out, before any record is decoded. */
interface OpenedMpr {
  technique: string | undefined;
  metadata: MeasurementMetadata;
  warnings: string[];
  /** The vendor columns, decoded from the records when first read. */
  raw: RawColumn[];
  plan: BioLogicPlan;
  /** Undefined when a column has a type the one-pass decode does not read (then normaliseBioLogic). */
  layout: RowLayout | undefined;
  /** Byte offset of the first record, record size and number of records. */
  base: number;
  recordSize: number;
  rows: number;
  /** Where each named column sits in a record. */
  where: ReadonlyMap<string, FieldPlace>;
  /** The data module. */
  data: MprModule;
}

/** Where an .mpr's records are and where each named column sits in them (for tools such as bench/make-large-mpr.ts). */
export function mprRecordLayout(bytes: Uint8Array, file: string): { data: MprModule; base: number; recordSize: number; rows: number; fields: ReadonlyMap<string, FieldPlace> } {
  const o = openMpr(memorySource(bytes), file);
  return { data: o.data, base: o.base, recordSize: o.recordSize, rows: o.rows, fields: o.where };
}

function readFrom(source: ByteSource, file: string, options?: ReadOptions): Measurement {
  const { technique, metadata, warnings, raw, plan, layout, base, recordSize, rows } = openMpr(source, file);
  let columns: Partial<Record<StandardColumn, Float64Array>>;
  let notes: string[];
  if (layout) {
    const out = allocateStandardRows(layout, rows, options?.newColumn);
    decodeStandard(source, base, recordSize, rows, layout, out, Float64Array.of(NaN), options);
    shareUnconverted(plan, out);
    columns = standardColumns(out);
    notes = planNotes(plan);
  } else {
    // A column of a type the one-pass decode does not read (none in today's column table): the
    // column-wise normalisation the text readers use, over the vendor columns decoded one by one.
    ({ columns, notes } = normaliseBioLogic(raw, technique, {}, rows));
  }
  if (notes.length) (metadata.extra as Record<string, string | number>)['normalisation'] = notes.join('; ');
  return { format: 'biologic-mpr', source: file, rows, columns, raw, metadata, warnings };
}

/** What streaming an .mpr found (its standard columns went to `onBatch`). */
export interface StreamedMpr {
  rows: number;
  technique: string | undefined;
  metadata: MeasurementMetadata;
  warnings: string[];
  /** The standard columns the batches carried. */
  columns: StandardColumn[];
  /** The file's column names. */
  rawColumns: string[];
}

/**
 * The standard columns of an .mpr in batches of at most `batchRows` rows, for a summary in bounded
 * memory (src/node/io/stream-summary.ts): memory is one batch of columns and one piece of records,
 * whatever the file's size. `onBatch` gets arrays of `batchRows` of which the first `rows` hold this
 * batch; they are reused for the next batch, so use them inside `onBatch` only.
 */
export function streamMprSource(source: ByteSource, file: string, batchRows: number, onBatch: (columns: Partial<Record<StandardColumn, Float64Array>>, rows: number) => void, options?: ReadOptions): StreamedMpr {
  try {
    const { technique, metadata, warnings, raw, plan, layout, base, recordSize, rows } = openMpr(source, file);
    let columns: Partial<Record<StandardColumn, Float64Array>>;
    let notes: string[];
    if (layout) {
      const out = allocateStandardRows(layout, Math.min(batchRows, rows));
      columns = standardColumns(out);
      notes = planNotes(plan);
      const carry = Float64Array.of(NaN);
      const pieces: ReadOptions = { kernels: options?.kernels };
      for (let r0 = 0; r0 < rows; r0 += batchRows) {
        const n = Math.min(batchRows, rows - r0);
        decodeStandard(source, base + r0 * recordSize, recordSize, n, layout, out, carry, pieces);
        onBatch(columns, n);
        options?.onProgress?.((r0 + n) / rows);
      }
    } else {
      ({ columns, notes } = normaliseBioLogic(raw, technique, {}, rows));
      onBatch(columns, rows);
    }
    if (notes.length) (metadata.extra as Record<string, string | number>)['normalisation'] = notes.join('; ');
    return { rows, technique, metadata, warnings, columns: STANDARD_COLUMNS.filter((c) => columns[c] !== undefined), rawColumns: raw.map((r) => r.name) };
  } finally {
    source.release();
  }
}

function openMpr(source: ByteSource, file: string): OpenedMpr {
  const modules = readMprModulesFrom(source, file);
  const warnings: string[] = [];
  const dataModules = modules.filter((m) => m.shortName === 'VMP data');
  if (dataModules.length !== 1) throw new FormatError({ file }, `expected exactly one "VMP data" module, found ${dataModules.length}`);
  const data = dataModules[0];
  const settings = modules.find((m) => m.shortName === 'VMP Set');
  const log = modules.find((m) => m.shortName === 'VMP LOG');
  const loop = modules.find((m) => m.shortName === 'VMP loop');
  const ext = modules.find((m) => m.shortName === 'VMP ExtDev');

  const metadata: MeasurementMetadata = { instrument: 'BioLogic', extra: {} };
  const extra = metadata.extra as Record<string, string | number>;
  let technique: string | undefined;
  if (settings && settings.length > 0) {
    const { bytes, dv } = moduleBytes(source, settings);
    const id = bytes[0];
    technique = TECHNIQUE_IDS.get(id);
    if (technique === undefined) warnings.push(`${file}: unknown BioLogic technique id 0x${id.toString(16)} in the settings module (byte ${settings.offset}); step types inferred from current only`);
    else metadata.technique = [technique];
    // Settings offsets from yadg's settings table: active-material mass (mg) at 0x107, electrode area (cm²) at 0x211, both f4.
    if (0x215 <= bytes.length) {
      const massMg = dv.getFloat32(0x107, true);
      const areaCm2 = dv.getFloat32(0x211, true);
      if (Number.isFinite(massMg) && massMg > 0) {
        extra['settings: active material mass / mg'] = massMg;
        // 0.001 mg is EC-Lab's placeholder for "not entered"; the mass is stored in mg (checked against
        // the .mpt headers of bcd.issue_241 and gcpl.issue_226).
        if (massMg > 0.0011) metadata.activeMassKg = Math.round(massMg * 1000) / 1000 / 1e6; // f32 → the µg the user typed
      }
      // The area is stored in whatever unit the user picked (gcpl.issue_226 holds 113.1 for "113.100 mm²"),
      // so it is kept as found and never turned into electrodeAreaM2.
      if (Number.isFinite(areaCm2) && areaCm2 > 0) extra['settings: electrode area (unit as entered)'] = areaCm2;
    }
    extra['settings date'] = settings.date;
  }
  if (log && log.length > 0x3c0) {
    const { bytes, dv } = moduleBytes(source, log);
    const end = bytes.length;
    metadata.channel = String(bytes[0x09] + 1);
    const version = pascal(bytes, 0x3b7, end);
    if (version) metadata.softwareVersion = version;
    // The OLE start timestamp sits at 0x249 (yadg); galvani found it at 0x1D1, 0x1D5 or 0x1D9 in some files.
    for (const at of [0x249, 0x1d1, 0x1d5, 0x1d9]) {
      if (at + 8 > end) continue;
      const days = dv.getFloat64(at, true);
      if (days > 30000 && days < 80000) {
        metadata.startTime = oleToIso(days);
        extra['startTime zone'] = 'instrument PC local time (the file stores no zone)';
        break;
      }
    }
  } else if (!log) {
    warnings.push(`${file}: no "VMP LOG" module, so no software version or absolute start time`);
  }
  if (ext) {
    const { bytes } = moduleBytes(source, ext);
    const a1 = pascal(bytes, 0x36, bytes.length);
    const a2 = pascal(bytes, 0x63, bytes.length);
    if (a1) extra['Analog IN 1 device'] = a1;
    if (a2) extra['Analog IN 2 device'] = a2;
  }
  if (loop && loop.length >= 4) {
    const { dv } = moduleBytes(source, loop);
    const nIdx = dv.getUint32(0, true);
    if (nIdx * 4 + 4 <= loop.length) {
      const idx: number[] = [];
      for (let i = 0; i < nIdx; i++) idx.push(dv.getUint32(4 + 4 * i, true));
      extra['loop start rows'] = idx.join(' ');
    }
  }

  // ---- data module
  const d0 = data.offset;
  const dEnd = d0 + data.length;
  if (data.length < 5) throw new FormatError({ file, byteOffset: d0 }, `data module too short (${data.length} bytes)`);
  // The column header: n_points, n_columns and up to 255 column ids of 2 bytes.
  const hdr = source.read(d0, Math.min(data.length, 5 + 2 * 255));
  const hdv = new DataView(hdr.buffer, hdr.byteOffset, hdr.byteLength);
  const nPoints = hdv.getUint32(0, true);
  const nCols = hdr[4];
  if (5 + 2 * nCols > data.length) throw new FormatError({ file, byteOffset: d0 + 4 }, `data module declares ${nCols} columns but is only ${data.length} bytes long`);
  const ids: number[] = [];
  let recordStart: number;
  const v = data.version;
  if (v === 10 || v === 11 || (v === 0 && data.newHeader)) {
    for (let i = 0; i < nCols; i++) ids.push(hdv.getUint16(5 + 2 * i, false));
    recordStart = 0x3ef;
  } else if (v === 2 || v === 3) {
    for (let i = 0; i < nCols; i++) ids.push(hdv.getUint16(5 + 2 * i, true));
    recordStart = v === 2 ? 0x195 : 0x196;
  } else if (v === 0) {
    for (let i = 0; i < nCols; i++) ids.push(hdr[5 + i]);
    recordStart = 100;
  } else {
    // Unknown version: guess the newest layout and let the length check below confirm it.
    for (let i = 0; i < nCols; i++) ids.push(hdv.getUint16(5 + 2 * i, true));
    recordStart = 0x196;
    warnings.push(`${file}: unknown data module version ${v} (byte ${data.newHeader ? d0 - 16 : d0 - 12}); assumed the version-3 layout (records at 0x196) and checked it against the module length`);
  }

  // Lay out the record.
  const fields: Field[] = [];
  let flagOffset = -1;
  const flags: { name: string; mask: number }[] = [];
  let offset = 0;
  let unknownSeen = false;
  for (const id of ids) {
    const flag = FLAG_COLUMNS.get(id);
    if (flag) {
      if (flags.some((f) => f.name === flag.name)) warnings.push(`${file}: flag column id ${id} ('${flag.name}') appears twice; kept the first`);
      else flags.push(flag);
      if (flagOffset < 0) {
        // −2: the flag byte comes after an unknown column; it is placed from the record's end below.
        flagOffset = unknownSeen ? -2 : offset;
        fields.push({ id: -1, spec: undefined, offset: unknownSeen ? -1 : offset, size: 1 });
        offset += 1;
      }
      continue;
    }
    let spec = resolveConflicts(id, ids) ?? DATA_COLUMNS.get(id);
    if (!spec && id > 255) {
      const low = DATA_COLUMNS.get(id % 256);
      if (low) {
        spec = low;
        warnings.push(`${file}: column id ${id} is not in the BioLogic column table; read it as id ${id % 256} ('${low.name}', ${low.type}) — check this column`);
      }
    }
    if (spec) spec = techniqueName(id, technique, spec);
    if (!spec) {
      unknownSeen = true;
      fields.push({ id, spec: undefined, offset: -1, size: 0 });
      continue;
    }
    const size = BINARY_SIZE[spec.type];
    fields.push({ id, spec, offset: unknownSeen ? -1 : offset, size });
    offset += size;
  }
  const knownBytes = offset;
  const available = dEnd - (d0 + recordStart);
  let recordSize: number;
  const unknown = fields.filter((f) => f.spec === undefined && f.id >= 0);
  if (unknown.length === 0) {
    recordSize = knownBytes;
    if (nPoints * recordSize > available) {
      throw new FormatError({ file, byteOffset: d0 }, `data module declares ${nPoints} points of ${recordSize} bytes (${nPoints * recordSize}) but holds ${Math.max(0, available)} bytes after the column header (truncated or corrupt)`);
    }
    if (nPoints > 0 && nPoints * recordSize !== available) {
      warnings.push(`${file}: data module has ${available - nPoints * recordSize} bytes more than ${nPoints} points × ${recordSize} bytes; read the first ${nPoints} points`);
    }
  } else {
    // Unknown ids: we cannot know their size, but the module length tells us the record size; the
    // columns before the first unknown id are at known offsets, and the ones after the last unknown
    // id are at known offsets from the record's end.
    const names = unknown.map((f) => f.id).join(', ');
    if (nPoints === 0 || available <= 0 || available % nPoints !== 0) {
      recordSize = knownBytes;
      warnings.push(`${file}: unknown BioLogic column id(s) ${names}; record size cannot be determined, so only the columns before the first unknown id are read`);
    } else {
      recordSize = available / nPoints;
      const unknownBytes = recordSize - knownBytes;
      if (unknownBytes < unknown.length) {
        throw new FormatError({ file, byteOffset: d0 + 5 }, `unknown column id(s) ${names}, and the record size ${recordSize} leaves ${unknownBytes} bytes for them`);
      }
      // Columns after the last unknown: place from the end.
      const lastUnknown = fields.lastIndexOf(unknown[unknown.length - 1]);
      let tail = recordSize;
      for (let k = fields.length - 1; k > lastUnknown; k--) {
        tail -= fields[k].size;
        fields[k].offset = tail;
        if (fields[k].id === -1) flagOffset = tail;
      }
      const skipped = fields.filter((f) => f.offset < 0 && f.spec !== undefined).map((f) => `'${f.spec?.name}'`);
      warnings.push(`${file}: unknown BioLogic column id(s) ${names} (${unknownBytes} bytes per record between them); not read${skipped.length ? `, and these columns between unknown ids could not be located: ${skipped.join(', ')}` : ''}; every other column read`);
    }
  }
  if (flagOffset === -2) flagOffset = -1;

  const raw: RawColumn[] = [];
  const base = d0 + recordStart;
  // A record of no known bytes holds nothing to read (and n_points could be anything).
  const rows = recordSize === 0 ? 0 : nPoints * recordSize <= available ? nPoints : Math.floor(Math.max(0, available) / recordSize);
  // All records at once, for the vendor columns and the general path: a view in memory; from a file,
  // read when first needed (then kept for the other vendor columns).
  let region: DataView | undefined;
  const records = (): DataView => {
    if (!region) {
      try {
        const b = source.read(base, rows * recordSize);
        region = new DataView(b.buffer, b.byteOffset, b.byteLength);
      } finally {
        source.release();
      }
    }
    return region;
  };
  // Raw (vendor) columns are decoded on first access: the normalised columns need only a few of them,
  // and a file's other 20–40 columns cost nothing until someone reads them. Each getter decodes once
  // and keeps the result.
  if (flagOffset >= 0) {
    const fo = flagOffset;
    // The packed byte itself too (bit 0x40 is in no named flag; yadg: a stop bit on the last point).
    raw.push(lazyColumn('flags', '', () => decodeColumn(records(), 'u1', fo, recordSize, rows)));
    for (const f of flags) {
      const shift = Math.log2(f.mask & -f.mask);
      const mask = f.mask;
      raw.push(lazyColumn(f.name, '', () => {
        const dv = records();
        const out = new Float64Array(rows);
        for (let r = 0, at = fo; r < rows; r++, at += recordSize) out[r] = (dv.getUint8(at) & mask) >> shift;
        return out;
      }));
    }
  }
  // Where each named column sits in a record, for the decode of the standard columns below.
  const where = new Map<string, FieldPlace>();
  if (flagOffset >= 0) {
    where.set('flags', { code: FIELD_U1, at: flagOffset, mask: 0xff });
    for (const f of flags) where.set(f.name, { code: FIELD_BITS, at: flagOffset, mask: f.mask });
  }
  for (const f of fields) {
    if (!f.spec || f.offset < 0) continue;
    const spec = f.spec;
    let name = spec.name;
    if (raw.some((c) => c.name === name)) {
      warnings.push(`${file}: column id ${f.id} duplicates '${name}'; kept as '${name} (id ${f.id})'`);
      name = `${name} (id ${f.id})`;
    }
    const start = f.offset;
    where.set(name, { code: FIELD_CODE[spec.type], at: f.offset, mask: 0 });
    raw.push(lazyColumn(name, spec.unit, () => decodeColumn(records(), spec.type, start, recordSize, rows)));
  }
  extra['data module version'] = v;
  extra['column ids'] = ids.join(' ');

  const plan = planBioLogic(raw);
  return { technique, metadata, warnings, raw, plan, layout: rowLayout(plan, where, technique), base, recordSize, rows, where, data };
}

export const biologicMprReader: FormatReader = {
  id: 'biologic-mpr',
  description: 'BioLogic EC-Lab / BT-Lab binary (.mpr)',
  extensions: ['.mpr'],
  sniff: (bytes) => isMpr(bytes),
  read: readMpr,
  readSource: readMprSource,
};
