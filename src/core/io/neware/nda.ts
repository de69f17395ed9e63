/**
 * Neware BTS `.nda` files (single binary file, BTSDA 7.x and BTS 9.x), three documented layouts. Layout
 * facts from NewareNDA (github.com/Solid-Energy-Systems/NewareNDA, NewareNDA.py `_read_nda_29`,
 * `_read_nda_130`, `_bytes_to_list*`; dicts.py `multiplier_dict`) and checked on the files in its test
 * suite. All integers little-endian.
 *
 * Header: bytes 0–5 "NEWARE"; byte 14 = nda version (29 or 130).
 *
 * Version 29 (BTS 7.x): active mass u32 at 152 (µg). Records of 86 bytes start after the first
 * `00 00 00 00 55 00` whose record and the next one are valid. Data record (byte 0 = 0x55, bytes 82–85 = 0):
 *   2 u32 index · 6 u32 cycle (0-based) · 10 u16 step · 12 u8 status · 14 u64 step time (ms) ·
 *   22 i32 voltage (0.1 mV) · 26 i32 current · 38/46/54/62 i64 charge capacity, discharge capacity,
 *   charge energy, discharge energy · 70 u16 year, 72–76 u8 month, day, hour, minute, second ·
 *   78 i32 current range. Current × m(range) is mA, capacity × m(range) / 3600 is mAh (energy: mWh),
 *   m from the range table below.
 * Aux record (byte 0 = 0x65): 1 u8 aux channel · 2 u32 index · 22 i32 voltage (0.1 mV) · 34 i16 T (0.1 °C).
 *
 * Version 130, BTS 9.0: from byte 1024, 88-byte records beginning with the 6 bytes found at 1024.
 *   Fields at record offset +4: 5 u8 step · 6 u8 status · 12 u32 index · 24 u64 step time (µs) ·
 *   32 f32 voltage (V) · 36 f32 current (mA) · 48/52/56/60 f32 charge capacity (mA·s), charge energy
 *   (mW·s), discharge capacity, discharge energy · 64 u64 unix time (µs). Aux records start
 *   `00 00 00 00 65` (aux layout as v29, from +4); a record starting 0x81 ends the data. Footer found
 *   by its 16-byte signature; its last 8 bytes (of 499) are the active mass (f64, mg).
 * Version 130, BTS 9.1: byte 1024 = 0x55; record length = distance to the next occurrence of bytes
 *   1024–1025. Fields: 2 u8 step · 3 u8 status · 8 u32 index · 12 u32 + 16 u32 step time (s + ns) ·
 *   20 f32 current (mA) · 24 f32 voltage (V) · 28 f32 capacity (mA·s, negative = discharge) ·
 *   32 f32 energy (mW·s, signed the same way) · 44 u32 + 48 u32 unix time (s + ns) · 52 f32 T (°C) when
 *   the record is 56 bytes long.
 *
 * Conventions: charging current positive (Neware's own sign) — kept. Capacity/energy reset each step.
 * The step column counts step occurrences (a new number at each change of step or status, as
 * NewareNDA's Step); the program's step index stays a raw column. Test time = sum of the completed
 * steps' durations + the step time. v29 cycles are the file's (+1); v130 files record none: cycles are
 * generated — a new cycle at each charge step that follows a discharge (NewareNDA's default "chg"
 * mode) — and metadata says so. v29 dates are wall clock without a zone, read as UTC.
 */
import { CathodeLabError, FormatError } from '../../errors.js';
import type { FormatReader, ReadOptions } from '../formats.js';
import { stepTypeCode, type Measurement, type RawColumn } from '../measurement.js';
import { isoFromUnix } from '../tabular/text.js';
import { classifySteps } from '../tabular/step-types.js';
import { NEWARE_STATUS } from './status.js';

/** Current-range code → multiplier to mA (NewareNDA dicts.multiplier_dict). */
export const RANGE_MULTIPLIER: Record<number, number> = {
  [-100000000]: 10, [-200000]: 1e-2, [-100000]: 1e-2, [-60000]: 1e-2, [-30000]: 1e-2, [-50000]: 1e-2, [-20000]: 1e-2, [-12000]: 1e-2,
  [-10000]: 1e-2, [-6000]: 1e-2, [-5000]: 1e-2, [-3000]: 1e-2, [-2000]: 1e-2, [-1000]: 1e-2, [-500]: 1e-3, [-100]: 1e-3, [-50]: 1e-4,
  [-25]: 1e-4, [-20]: 1e-4, [-10]: 1e-4, [-5]: 1e-5, [-2]: 1e-5, [-1]: 1e-5, 0: 0, 1: 1e-4, 2: 1e-4, 5: 1e-4, 10: 1e-3, 20: 1e-3,
  50: 1e-3, 100: 1e-2, 200: 1e-2, 250: 1e-2, 500: 1e-2, 1000: 1e-1, 6000: 1e-1, 10000: 1e-1, 12000: 1e-1, 20000: 1e-1, 30000: 1e-1,
  40000: 1e-1, 50000: 1e-1, 60000: 1e-1, 100000: 1e-1, 200000: 1e-1,
};

const MAGIC = [0x4e, 0x45, 0x57, 0x41, 0x52, 0x45]; // "NEWARE"
const FOOTER_130 = [0x06, 0x00, 0xf0, 0x1d, 0x81, 0x00, 0x03, 0x00, 0x61, 0x90, 0x71, 0x90, 0x02, 0x7f, 0xff, 0x00];

/** One record in SI-ready units (A, V, Ah, Wh, s). */
export interface NewareRecord {
  index: number;
  cycle: number;
  step: number;
  status: number;
  stepTimeS: number;
  voltageV: number;
  currentA: number;
  chargeAh: number;
  dischargeAh: number;
  chargeWh: number;
  dischargeWh: number;
  unixS: number;
}

export interface NewareParsed {
  layout: string;
  recs: NewareRecord[];
  /** index → °C per aux channel. */
  aux: Map<number, Map<number, number>>;
  activeMassMg?: number;
  warnings: string[];
  hasCycle: boolean;
}

function indexOf(b: Uint8Array, pat: number[], from: number, to = b.length): number {
  outer: for (let i = Math.max(0, from); i + pat.length <= to; i++) {
    for (let k = 0; k < pat.length; k++) if (b[i + k] !== pat[k]) continue outer;
    return i;
  }
  return -1;
}

function lastIndexOf(b: Uint8Array, pat: number[], minStart: number): number {
  outer: for (let i = b.length - pat.length; i >= minStart; i--) {
    for (let k = 0; k < pat.length; k++) if (b[i + k] !== pat[k]) continue outer;
    return i;
  }
  return -1;
}

function readV29(b: Uint8Array, v: DataView, file: string): NewareParsed {
  const LEN = 86;
  const out: NewareParsed = { layout: 'nda v29 (BTS 7)', recs: [], aux: new Map(), warnings: [], hasCycle: true };
  if (b.length >= 156) {
    const mass = v.getUint32(152, true);
    if (mass > 0) out.activeMassMg = mass / 1000;
  }
  const valid = (at: number): boolean => at + LEN <= b.length && b[at] === 0x55 && b[at + 1] === 0x00 && b[at + 12] !== 0;
  let h = indexOf(b, [0, 0, 0, 0, 0x55, 0], 0);
  while (h >= 0 && !(valid(h + 4) && (h + 4 + LEN >= b.length || b[h + 4 + LEN] === 0x55))) h = indexOf(b, [0, 0, 0, 0, 0x55, 0], h + 4);
  if (h < 0) throw new FormatError({ file }, 'no data records found (expected 86-byte records starting 55 00)');
  const unknownRanges = new Set<number>();
  for (let at = h + 4; at + LEN <= b.length; at += LEN) {
    const tailZero = b[at + 82] === 0 && b[at + 83] === 0 && b[at + 84] === 0 && b[at + 85] === 0;
    if (!tailZero) continue;
    if (b[at] === 0x55 && b[at + 1] === 0) {
      const index = v.getUint32(at + 2, true);
      const status = b[at + 12];
      if (index === 0 || status === 0) continue;
      const range = v.getInt32(at + 78, true);
      let mult = RANGE_MULTIPLIER[range];
      if (mult === undefined) {
        unknownRanges.add(range);
        mult = NaN;
      }
      const unix = Date.UTC(v.getUint16(at + 70, true), b[at + 72] - 1, b[at + 73], b[at + 74], b[at + 75], b[at + 76]) / 1000;
      out.recs.push({
        index,
        cycle: v.getUint32(at + 6, true) + 1,
        step: v.getUint16(at + 10, true),
        status,
        stepTimeS: Number(v.getBigUint64(at + 14, true)) / 1000,
        voltageV: v.getInt32(at + 22, true) * 1e-4,
        currentA: v.getInt32(at + 26, true) * mult * 1e-3,
        chargeAh: (Number(v.getBigInt64(at + 38, true)) * mult) / 3600 * 1e-3,
        dischargeAh: (Number(v.getBigInt64(at + 46, true)) * mult) / 3600 * 1e-3,
        chargeWh: (Number(v.getBigInt64(at + 54, true)) * mult) / 3600 * 1e-3,
        dischargeWh: (Number(v.getBigInt64(at + 62, true)) * mult) / 3600 * 1e-3,
        unixS: unix,
      });
    } else if (b[at] === 0x65) addAux(out, b[at + 1], v.getUint32(at + 2, true), v.getInt16(at + 34, true) / 10);
  }
  if (unknownRanges.size > 0) out.warnings.push(`current range code(s) ${[...unknownRanges].join(', ')} not known: current, capacity and energy of those records are missing (NaN)`);
  return out;
}

export function addAux(p: NewareParsed, ch: number, index: number, t: number): void {
  let m = p.aux.get(ch);
  if (!m) p.aux.set(ch, (m = new Map()));
  if (!m.has(index)) m.set(index, t);
}

function readV130(b: Uint8Array, v: DataView, file: string): NewareParsed {
  if (b.length < 1030) throw new FormatError({ file, byteOffset: b.length }, 'nda v130: file ends before the first record at byte 1024');
  const out: NewareParsed = { layout: '', recs: [], aux: new Map(), warnings: [], hasCycle: false };
  if (b[1024] === 0x55) {
    // BTS 9.1: variable record length
    out.layout = 'nda v130 (BTS 9.1)';
    const next = indexOf(b, [b[1024], b[1025]], 1026);
    const LEN = next - 1024;
    if (next < 0 || LEN < 52 || LEN > 4096) throw new FormatError({ file, byteOffset: 1024 }, `nda v130 (BTS 9.1): cannot determine the record length (found ${next < 0 ? 'no second record' : LEN})`);
    for (let at = 1024; at + LEN <= b.length; at += LEN) {
      if (b[at] !== 0x55) {
        if (b[at] === 0x81) break;
        continue;
      }
      const cap = v.getFloat32(at + 28, true);
      const en = v.getFloat32(at + 32, true);
      const index = v.getUint32(at + 8, true);
      out.recs.push({
        index,
        cycle: 0,
        step: b[at + 2],
        status: b[at + 3],
        stepTimeS: v.getUint32(at + 12, true) + v.getUint32(at + 16, true) * 1e-9,
        currentA: v.getFloat32(at + 20, true) * 1e-3,
        voltageV: v.getFloat32(at + 24, true),
        chargeAh: cap > 0 ? cap / 3600 / 1000 : 0,
        dischargeAh: cap < 0 ? -cap / 3600 / 1000 : 0,
        chargeWh: en > 0 ? en / 3600 / 1000 : 0,
        dischargeWh: en < 0 ? -en / 3600 / 1000 : 0,
        unixS: v.getUint32(at + 44, true) + v.getUint32(at + 48, true) * 1e-9,
      });
      if (LEN === 56) addAux(out, 1, index, v.getFloat32(at + 52, true));
    }
  } else {
    out.layout = 'nda v130 (BTS 9.0)';
    const LEN = 88;
    const id = Array.from(b.subarray(1024, 1030));
    for (let at = 1024; at + LEN <= b.length; at += LEN) {
      if (b[at] === 0x81) break;
      let same = true;
      for (let k = 0; k < 6; k++) if (b[at + k] !== id[k]) same = false;
      if (same) {
        const r = at + 4;
        out.recs.push({
          index: v.getUint32(r + 12, true),
          cycle: 0,
          step: b[r + 5],
          status: b[r + 6],
          stepTimeS: Number(v.getBigUint64(r + 24, true)) / 1e6,
          voltageV: v.getFloat32(r + 32, true),
          currentA: v.getFloat32(r + 36, true) * 1e-3,
          chargeAh: v.getFloat32(r + 48, true) / 3600 / 1000,
          chargeWh: v.getFloat32(r + 52, true) / 3600 / 1000,
          dischargeAh: v.getFloat32(r + 56, true) / 3600 / 1000,
          dischargeWh: v.getFloat32(r + 60, true) / 3600 / 1000,
          unixS: Number(v.getBigUint64(r + 64, true)) / 1e6,
        });
      } else if (b[at] === 0 && b[at + 1] === 0 && b[at + 2] === 0 && b[at + 3] === 0 && b[at + 4] === 0x65) {
        addAux(out, b[at + 5], v.getUint32(at + 6, true), v.getInt16(at + 38, true) / 10);
      }
    }
    const f = lastIndexOf(b, FOOTER_130, 1024);
    if (f >= 0 && f + 16 + 499 <= b.length) {
      const mass = v.getFloat64(f + 16 + 491, true);
      if (Number.isFinite(mass) && mass > 0) out.activeMassMg = mass;
    }
  }
  return out;
}

export function readNda(bytes: Uint8Array, file: string, options?: ReadOptions): Measurement {
  try {
    return readNdaUnchecked(bytes, file, options);
  } catch (e) {
    if (e instanceof CathodeLabError) throw e;
    throw new FormatError({ file }, `corrupt .nda: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function readNdaUnchecked(bytes: Uint8Array, file: string, _options?: ReadOptions): Measurement {
  if (bytes.length < 16 || MAGIC.some((c, i) => bytes[i] !== c)) throw new FormatError({ file, byteOffset: 0 }, "expected a Neware .nda file (starts with 'NEWARE')");
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = bytes[14];
  let p: NewareParsed;
  if (version === 29) p = readV29(bytes, v, file);
  else if (version === 130) p = readV130(bytes, v, file);
  else throw new FormatError({ file, byteOffset: 14 }, `nda version ${version} is not supported (known: 29, 130)`);
  const m = assembleNeware(p, 'neware-nda');
  m.source = file;
  return m;
}

/** Builds the Measurement from parsed Neware records (shared by .nda and the older one-member .ndax). */
export function assembleNeware(p: NewareParsed, format: string): Measurement {
  // Sort by index, drop repeated indices (first kept), as NewareNDA does.
  const recs = p.recs.slice().sort((a, b) => a.index - b.index);
  const kept: NewareRecord[] = [];
  for (const r of recs) if (kept.length === 0 || kept[kept.length - 1].index !== r.index) kept.push(r);
  if (kept.length < recs.length) p.warnings.push(`${recs.length - kept.length} record(s) with a repeated index dropped`);
  const rows = kept.length;
  const col = (f: (r: NewareRecord) => number): Float64Array => Float64Array.from(kept, f);
  const voltage = col((r) => r.voltageV);
  const current = col((r) => r.currentA);
  // Step occurrences and test time.
  const step = new Float64Array(rows);
  const time = new Float64Array(rows);
  let occ = 0;
  let offset = 0;
  for (let i = 0; i < rows; i++) {
    const r = kept[i];
    if (i === 0 || r.step !== kept[i - 1].step || r.status !== kept[i - 1].status) {
      if (i > 0) offset += kept[i - 1].stepTimeS;
      occ++;
    }
    step[i] = occ;
    time[i] = offset + r.stepTimeS;
  }
  const statusCol = col((r) => r.status);
  const byCurrent = classifySteps(rows, current, voltage, step);
  const stepType = new Float64Array(rows);
  const unknownStatus = new Set<number>();
  for (let i = 0; i < rows; i++) {
    const s = NEWARE_STATUS[statusCol[i]];
    if (!s) unknownStatus.add(statusCol[i]);
    stepType[i] = s?.[1] !== undefined ? stepTypeCode(s[1]) : byCurrent[i];
  }
  if (unknownStatus.size > 0) p.warnings.push(`status code(s) ${[...unknownStatus].join(', ')} not known; step type inferred from the current`);
  let cycle: Float64Array;
  const extra: Record<string, string | number> = { layout: p.layout };
  if (p.hasCycle) cycle = col((r) => r.cycle);
  else {
    // New cycle at a charge step that follows a discharge (rests do not count).
    cycle = new Float64Array(rows);
    let c = 1;
    let lastDir = 0;
    const chg = new Set([stepTypeCode('charge'), stepTypeCode('cvCharge')]);
    const dis = new Set([stepTypeCode('discharge'), stepTypeCode('cvDischarge')]);
    for (let i = 0; i < rows; i++) {
      const d = chg.has(stepType[i]) ? 1 : dis.has(stepType[i]) ? -1 : 0;
      if (d === 1 && lastDir === -1) c++;
      if (d !== 0) lastDir = d;
      cycle[i] = c;
    }
    extra.cycleSource = 'generated: a new cycle at each charge step that follows a discharge (the file records no cycle)';
  }
  const columns: Measurement['columns'] = {
    time_s: time,
    voltage_V: voltage,
    current_A: current,
    chargeCapacity_Ah: col((r) => Math.abs(r.chargeAh)),
    dischargeCapacity_Ah: col((r) => Math.abs(r.dischargeAh)),
    chargeEnergy_Wh: col((r) => Math.abs(r.chargeWh)),
    dischargeEnergy_Wh: col((r) => Math.abs(r.dischargeWh)),
    cycle,
    step,
    stepType,
    unixTime_s: col((r) => r.unixS),
  };
  const raw: RawColumn[] = [
    { name: 'Index', unit: '', values: col((r) => r.index) },
    { name: 'Step index', unit: '', values: col((r) => r.step) },
    { name: 'Status', unit: 'Neware status code', values: statusCol },
    { name: 'Step time', unit: 's', values: col((r) => r.stepTimeS) },
  ];
  const auxChannels = [...p.aux.keys()].sort((a, b) => a - b);
  for (const ch of auxChannels) {
    const m = p.aux.get(ch) as Map<number, number>;
    const t = Float64Array.from(kept, (r) => m.get(r.index) ?? NaN);
    raw.push({ name: `T${ch}`, unit: '°C', values: t });
    if (!columns.temperature_K) columns.temperature_K = t.map((x) => x + 273.15);
  }
  return {
    format,
    source: '',
    rows,
    columns,
    raw,
    metadata: {
      instrument: 'Neware BTS',
      startTime: rows > 0 ? isoFromUnix(kept[0].unixS) : undefined,
      activeMassKg: p.activeMassMg !== undefined ? p.activeMassMg * 1e-6 : undefined,
      extra,
    },
    warnings: p.warnings,
  };
}

export const newareNdaReader: FormatReader = {
  id: 'neware-nda',
  description: 'Neware BTS binary (.nda; versions 29 and 130 / BTS 9.0 and 9.1)',
  extensions: ['.nda'],
  sniff: (bytes) => bytes.length >= 16 && MAGIC.every((c, i) => bytes[i] === c),
  read: readNda,
};
