/**
 * The .mpr record decode in WebAssembly (asm/mpr-decode.ts): the same rules as decodeStandardRows in
 * mpr-rows.ts, row for row, reading the unaligned fields with one instruction each instead of a
 * DataView call. A piece of records is read (from a file: straight into the kernel's memory) and
 * decoded there into one block per standard column, which is then copied into the columns.
 *
 * One kernel per thread, made on first use, with a fixed memory: the record piece (128 KiB) and
 * 2 048 rows of the 15 outputs (1 024–4 096 measured the same). `MprDecodeKernel.get()` is null without WebAssembly; records longer
 * than a piece go through the TypeScript decode.
 */
import { MPR_DECODE_WASM_BASE64 } from './mpr-decode-wasm.js';
import { compileWasm, instantiateWasm } from '../../wasm.js';
import { ZERO_CURRENT_A } from '../steps.js';
import { STANDARD_ROW_KEYS, type RowLayout, type StandardRows } from './mpr-rows.js';

const PAGE = 65536;
// Byte offsets in the kernel's memory (the first 1 KiB is the module's own).
const LAYOUT = 1024; // i32 × 22
const TABLE = 1152; // f64 × 24
const PARAMS = 1344; // f64 × 4
const PIECE = 2048;
/** Bytes of records per piece: 128 KiB stay in the L2 cache while they are decoded. */
export const PIECE_BYTES = 128 * 1024;
/** Rows per piece at most (the output blocks are this long; 256 rows measured 15 % slower per file). */
const CAP = 2048;
const OUT = PIECE + PIECE_BYTES;
/**
 * Bytes from one output block to the next: CAP rows and 5 cache lines more. Blocks a multiple of 4 KiB
 * apart put row j of every block in the same L1 cache set, and 15 stores per row to one 8-way set
 * missed the cache on every row (0.67 ms per biol.mpr instead of 0.26).
 */
const BLOCK_BYTES = CAP * 8 + 5 * 64;
const END = OUT + STANDARD_ROW_KEYS.length * BLOCK_BYTES;

type DecodeRows = (piece: number, stride: number, rows: number, layout: number, table: number, params: number, out: number, blockBytes: number) => void;

let compiled: object | null | undefined;
let shared: MprDecodeKernel | null | undefined;

export class MprDecodeKernel {
  /** Where a piece of records goes before `decode` (a view of the kernel's memory, PIECE_BYTES long). */
  readonly piece: Uint8Array;
  private readonly decodeRows: DecodeRows;
  private readonly layout: Int32Array;
  private readonly table: Float64Array;
  private readonly params: Float64Array;
  /** The output block of each standard column, CAP rows, and the column each goes to. */
  private readonly blocks: Float64Array[];
  private readonly keys: readonly (keyof StandardRows)[] = STANDARD_ROW_KEYS;

  private constructor(buffer: ArrayBuffer, decodeRows: DecodeRows) {
    this.decodeRows = decodeRows;
    this.piece = new Uint8Array(buffer, PIECE, PIECE_BYTES);
    this.layout = new Int32Array(buffer, LAYOUT, 22);
    this.table = new Float64Array(buffer, TABLE, 24);
    this.params = new Float64Array(buffer, PARAMS, 4);
    this.blocks = STANDARD_ROW_KEYS.map((_, k) => new Float64Array(buffer, OUT + k * BLOCK_BYTES, CAP));
  }

  /** This thread's kernel, or null where WebAssembly is unavailable. */
  static get(): MprDecodeKernel | null {
    if (shared !== undefined) return shared;
    compiled ??= compileWasm(MPR_DECODE_WASM_BASE64);
    const made = compiled === null ? null : instantiateWasm(compiled, Math.ceil(END / PAGE), { cos: Math.cos, sin: Math.sin });
    shared = made ? new MprDecodeKernel(made.memory.buffer, made.exports.decodeRows as DecodeRows) : null;
    return shared;
  }

  /** Rows per piece for records of `stride` bytes (0 when a record is longer than a piece). */
  rowsPerPiece(stride: number): number {
    return Math.min(CAP, Math.floor(PIECE_BYTES / stride));
  }

  /** Starts a run of pieces: the layout, step-type table, current conversion and the time of the record before (NaN at a file's start). */
  start(layout: RowLayout, timeBefore = NaN): void {
    this.layout.set(layout.at, 0);
    this.layout[20] = layout.currentF8 ? 1 : 0;
    this.layout[21] = layout.allEis ? 12 : 0;
    this.table.set(layout.stepTypes);
    this.params[0] = layout.currentFactor;
    this.params[1] = layout.currentAdd;
    this.params[2] = timeBefore;
    this.params[3] = ZERO_CURRENT_A;
  }

  /** The time of the last record decoded (for the next run of pieces of the same file). */
  lastTime(): number {
    return this.params[2];
  }

  /** Decodes the `rows` records in `piece` (`stride` bytes apart) into rows r0 … r0 + rows − 1 of `out`. */
  decode(stride: number, rows: number, r0: number, out: StandardRows): void {
    this.decodeRows(PIECE, stride, rows, LAYOUT, TABLE, PARAMS, OUT, BLOCK_BYTES);
    const keys = this.keys;
    for (let k = 0; k < keys.length; k++) {
      const column = out[keys[k]];
      if (column.length === 0) continue;
      const block = this.blocks[k];
      column.set(rows === CAP ? block : block.subarray(0, rows), r0);
    }
  }
}
