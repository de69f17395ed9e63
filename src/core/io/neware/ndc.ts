/**
 * Neware `.ndc` members of an `.ndax` archive (BTS 7.6 / 8.x), paged layout.
 *
 * Layout facts (from NewareNDA, github.com/Solid-Energy-Systems/NewareNDA, `_read_ndc_*` functions, and
 * checked on cellpy's BTS 8.0 fixture):
 * - byte 0 = file type (1 data, 5 aux, 7 step, 18 runInfo), byte 2 = ndc version (11, 14, 17 here);
 * - a 4096-byte file header, then 4096-byte pages; each page has a 132-byte page header, fixed-size
 *   records, and a footer whose size depends on version and type; unused record slots are zero.
 *
 * | version/type | record (little-endian)                                                     | footer |
 * |--------------|-----------------------------------------------------------------------------|--------|
 * | 11/1         | f32 voltage (0.1 mV), f32 current (mA) — 8 bytes                             | 4      |
 * | 14,17/1      | f32 voltage (V), f32 current (A) — 8 bytes                                   | 4      |
 * | 11,14/18     | i32 step time (ms), 1 pad, 4×f32 charge/discharge capacity & energy, 8 pad,  | 16 / 4 |
 * |              | i32 dt (ms), i32 unix s, i32 step, i32 index, i16 ms — 47 bytes (+8 pad: 14) |        |
 * | 17/18        | the same fields, 100-byte records                                            | 64     |
 * | 11,14/7      | i32 cycle, i32 step index, 16 pad, i8 status, 12 pad — 37 bytes              | 5      |
 * | 17/7         | i32 cycle, i32 step, 16 pad, i8 status, 8 pad, i32 first data index, 63 pad  | 64     |
 * | 14,17/5      | f32 auxiliary value (temperature, °C) per data slot — 4 bytes                | 4      |
 *
 * Capacity/energy units in runInfo: v11 mA·s and mW·s; v14 and v17 A·h and W·h.
 * Data slots with voltage exactly 0 are empty (NewareNDA drops them the same way); the data row index
 * (1-based) counts the kept slots, and aux slots line up with data slots one to one.
 */
import { FormatError } from '../../errors.js';
import { RANGE_MULTIPLIER, type NewareRecord } from './nda.js';

export const NDC_FILE_HEADER = 4096;
export const NDC_PAGE = 4096;
export const NDC_PAGE_HEADER = 132;

export interface NdcInfo {
  fileType: number;
  version: number;
}

export function ndcInfo(bytes: Uint8Array, file: string): NdcInfo {
  if (bytes.length < 4) throw new FormatError({ file, byteOffset: 0 }, `ndc header: expected at least 4 bytes, found ${bytes.length}`);
  return { fileType: bytes[0], version: bytes[2] };
}

/** Calls `fn(view, offset)` for every record slot of every page; returns the slot count. */
function forEachSlot(bytes: Uint8Array, recordSize: number, footer: number, fn: (v: DataView, off: number) => void): number {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const perPage = Math.floor((NDC_PAGE - NDC_PAGE_HEADER - footer) / recordSize);
  let slots = 0;
  // Only whole pages: a truncated last page is dropped (and reported by the caller).
  for (let p = NDC_FILE_HEADER; p + NDC_PAGE <= bytes.length; p += NDC_PAGE) {
    for (let k = 0; k < perPage; k++) {
      fn(v, p + NDC_PAGE_HEADER + k * recordSize);
      slots++;
    }
  }
  return slots;
}

export function partialPageBytes(bytes: Uint8Array): number {
  return bytes.length < NDC_FILE_HEADER ? bytes.length : (bytes.length - NDC_FILE_HEADER) % NDC_PAGE;
}

export interface NdcData {
  /** Per kept row. */
  voltageV: Float64Array;
  currentA: Float64Array;
  /** For each kept row, its slot number (to align aux files). */
  slot: Int32Array;
  slots: number;
}

export function readNdcData(bytes: Uint8Array, info: NdcInfo, file: string): NdcData {
  let vScale: number;
  let iScale: number;
  if (info.version === 11) {
    vScale = 1e-4; // 0.1 mV
    iScale = 1e-3; // mA
  } else if (info.version === 14 || info.version === 17) {
    vScale = 1;
    iScale = 1;
  } else throw new FormatError({ file, byteOffset: 2 }, `ndc version ${info.version} (data) is not supported (known: 11, 14, 17)`);
  const maxRows = Math.max(0, Math.floor((bytes.length - NDC_FILE_HEADER) / NDC_PAGE)) * Math.floor((NDC_PAGE - NDC_PAGE_HEADER - 4) / 8);
  const voltageV = new Float64Array(maxRows);
  const currentA = new Float64Array(maxRows);
  const slot = new Int32Array(maxRows);
  let n = 0;
  let s = 0;
  const slots = forEachSlot(bytes, 8, 4, (v, off) => {
    const volt = v.getFloat32(off, true);
    if (volt !== 0) {
      voltageV[n] = volt * vScale;
      currentA[n] = v.getFloat32(off + 4, true) * iScale;
      slot[n] = s;
      n++;
    }
    s++;
  });
  return { voltageV: voltageV.slice(0, n), currentA: currentA.slice(0, n), slot: slot.slice(0, n), slots };
}

export interface NdcRunInfo {
  /** Data row index, 1-based, sorted ascending, unique (first record kept). */
  index: Int32Array;
  stepTimeS: Float64Array;
  chargeAh: Float64Array;
  dischargeAh: Float64Array;
  chargeWh: Float64Array;
  dischargeWh: Float64Array;
  dtS: Float64Array;
  unixS: Float64Array;
  step: Int32Array;
  count: number;
}

export function readNdcRunInfo(bytes: Uint8Array, info: NdcInfo, file: string): NdcRunInfo {
  let size: number;
  let footer: number;
  let capScale: number;
  if (info.version === 11) [size, footer, capScale] = [47, 16, 1e-3 / 3600]; // mA·s → A·h
  else if (info.version === 14) [size, footer, capScale] = [55, 4, 1];
  else if (info.version === 17) [size, footer, capScale] = [100, 64, 1];
  else throw new FormatError({ file, byteOffset: 2 }, `ndc version ${info.version} (runInfo) is not supported (known: 11, 14, 17)`);
  const recs: number[][] = [];
  forEachSlot(bytes, size, footer, (v, off) => {
    const index = v.getInt32(off + 41, true);
    if (index <= 0) return;
    recs.push([
      index,
      v.getInt32(off, true) / 1000,
      v.getFloat32(off + 5, true) * capScale,
      v.getFloat32(off + 9, true) * capScale,
      v.getFloat32(off + 13, true) * capScale,
      v.getFloat32(off + 17, true) * capScale,
      v.getInt32(off + 29, true) / 1000,
      v.getInt32(off + 33, true) + v.getInt16(off + 45, true) / 1000,
      v.getInt32(off + 37, true),
    ]);
  });
  // Stable sort by index; keep the first record of each index (BTS 8 repeats the first one).
  const order = recs.map((_, i) => i).sort((a, b) => recs[a][0] - recs[b][0] || a - b);
  const out: NdcRunInfo = {
    index: new Int32Array(recs.length), stepTimeS: new Float64Array(recs.length), chargeAh: new Float64Array(recs.length), dischargeAh: new Float64Array(recs.length),
    chargeWh: new Float64Array(recs.length), dischargeWh: new Float64Array(recs.length), dtS: new Float64Array(recs.length), unixS: new Float64Array(recs.length), step: new Int32Array(recs.length), count: 0,
  };
  let n = 0;
  for (const i of order) {
    const r = recs[i];
    if (n > 0 && out.index[n - 1] === r[0]) continue;
    out.index[n] = r[0];
    out.stepTimeS[n] = r[1];
    out.chargeAh[n] = r[2];
    out.dischargeAh[n] = r[3];
    out.chargeWh[n] = r[4];
    out.dischargeWh[n] = r[5];
    out.dtS[n] = r[6];
    out.unixS[n] = r[7];
    out.step[n] = r[8];
    n++;
  }
  out.count = n;
  return out;
}

export interface NdcStep {
  cycle: number;
  /** Step number as the runInfo records name it. */
  step: number;
  status: number;
  /** First data row index of the step (v17 only). */
  firstIndex?: number;
}

export function readNdcSteps(bytes: Uint8Array, info: NdcInfo, file: string): NdcStep[] {
  const out: NdcStep[] = [];
  if (info.version === 11 || info.version === 14) {
    forEachSlot(bytes, 37, 5, (v, off) => {
      const stepIndex = v.getInt32(off + 4, true);
      if (stepIndex === 0) return;
      // v11 counts cycles from 0 (NewareNDA adds 1); v14 from 1.
      out.push({ cycle: v.getInt32(off, true) + (info.version === 11 ? 1 : 0), step: out.length + 1, status: v.getInt8(off + 24) });
    });
  } else if (info.version === 17) {
    forEachSlot(bytes, 100, 64, (v, off) => {
      const first = v.getInt32(off + 33, true);
      if (first === 0) return;
      out.push({ cycle: v.getInt32(off, true) + 1, step: v.getInt32(off + 4, true), status: v.getInt8(off + 24), firstIndex: first });
    });
  } else throw new FormatError({ file, byteOffset: 2 }, `ndc version ${info.version} (step) is not supported (known: 11, 14, 17)`);
  return out;
}

/** v14/v17 aux file: one f32 per data slot (°C). Returns values for the kept data slots, or undefined. */
export function readNdcAux(bytes: Uint8Array, info: NdcInfo, data: NdcData): Float64Array | undefined {
  if (info.version !== 14 && info.version !== 17) return undefined;
  const all = new Float64Array(data.slots);
  let s = 0;
  forEachSlot(bytes, 4, 4, (v, off) => {
    if (s < all.length) all[s] = v.getFloat32(off, true);
    s++;
  });
  const out = new Float64Array(data.slot.length);
  let any = false;
  for (let i = 0; i < out.length; i++) {
    out[i] = all[data.slot[i]];
    if (out[i] !== 0) any = true;
  }
  return any ? out : undefined;
}

/**
 * Older .ndax archives (BTS 7.6/8.0) keep whole records in data.ndc, in the same 87-byte record body
 * .nda files use (NewareNDA `_read_ndc_2_*`, `_read_ndc_5_*`, `_bytes_to_list_ndc`):
 * - version 2: 94-byte records wherever the 8-byte identifier found at byte 517 occurs;
 * - version 5: in each 4096-byte page after the 4096-byte header, 87-byte records from byte 125 to 56
 *   bytes before the page end; a data record has 0x55 at record byte 7.
 * Record fields: 8 u32 index · 12 u32 cycle (0-based) · 16 u8 step · 17 u8 status · 23 u64 step time (ms) ·
 * 31 i32 voltage (0.1 mV) · 35 i32 current · 43/51/59/67 i64 charge/discharge capacity, charge/discharge
 * energy · 75 u16 year, 77–81 u8 month, day, hour, minute, second · 82 i32 current range.
 * Current × m(range) is mA; capacity × m(range) / 3600 is mAh (energy mWh). Aux records (0x65 or 0x74 at
 * byte 0 in v2, byte 7 in v5): 3 u8 channel · 8 u32 index · 41 i16 temperature (0.1 °C).
 */
export interface LegacyNdcRecords {
  recs: NewareRecord[];
  aux: { ch: number; index: number; t: number }[];
  unknownRanges: Set<number>;
}

export function readNdcLegacy(bytes: Uint8Array, info: NdcInfo, file: string): LegacyNdcRecords {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: LegacyNdcRecords = { recs: [], aux: [], unknownRanges: new Set() };
  const record = (at: number, kind: number): void => {
    if (at + 87 > bytes.length) return;
    if (kind === 0x55) {
      if (v.getUint32(at + 8, true) === 0) return; // index 0 is an empty slot
      const range = v.getInt32(at + 82, true);
      let mult = RANGE_MULTIPLIER[range];
      if (mult === undefined) {
        out.unknownRanges.add(range);
        mult = NaN;
      }
      const y = v.getUint16(at + 75, true);
      out.recs.push({
        index: v.getUint32(at + 8, true),
        cycle: v.getUint32(at + 12, true) + 1,
        step: bytes[at + 16],
        status: bytes[at + 17],
        stepTimeS: Number(v.getBigUint64(at + 23, true)) / 1000,
        voltageV: v.getInt32(at + 31, true) * 1e-4,
        currentA: v.getInt32(at + 35, true) * mult * 1e-3,
        chargeAh: (Number(v.getBigInt64(at + 43, true)) * mult) / 3600 * 1e-3,
        dischargeAh: (Number(v.getBigInt64(at + 51, true)) * mult) / 3600 * 1e-3,
        chargeWh: (Number(v.getBigInt64(at + 59, true)) * mult) / 3600 * 1e-3,
        dischargeWh: (Number(v.getBigInt64(at + 67, true)) * mult) / 3600 * 1e-3,
        unixS: Date.UTC(y, bytes[at + 77] - 1, bytes[at + 78], bytes[at + 79], bytes[at + 80], bytes[at + 81]) / 1000,
      });
    } else if (kind === 0x65 || kind === 0x74) out.aux.push({ ch: bytes[at + 3], index: v.getUint32(at + 8, true), t: v.getInt16(at + 41, true) / 10 });
  };
  if (info.version === 2) {
    if (bytes.length < 525) throw new FormatError({ file, byteOffset: bytes.length }, 'ndc version 2: file ends before the record identifier at byte 517');
    const id = bytes.subarray(517, 525);
    const LEN = 94;
    let at = findBytes(bytes, id, 0);
    while (at >= 0) {
      record(at, bytes[at]);
      at = findBytes(bytes, id, at + LEN);
    }
  } else if (info.version === 5) {
    for (let p = NDC_FILE_HEADER; p + NDC_PAGE <= bytes.length; p += NDC_PAGE) {
      for (let at = p + 125; at + 87 <= p + NDC_PAGE - 56; at += 87) record(at, bytes[at + 7]);
    }
  } else throw new FormatError({ file, byteOffset: 2 }, `ndc version ${info.version} (whole records) is not supported (known: 2, 5)`);
  return out;
}

function findBytes(b: Uint8Array, pat: Uint8Array, from: number): number {
  outer: for (let i = Math.max(0, from); i + pat.length <= b.length; i++) {
    for (let k = 0; k < pat.length; k++) if (b[i + k] !== pat[k]) continue outer;
    return i;
  }
  return -1;
}
