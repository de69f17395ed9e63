// AssemblyScript source of the BioLogic .mpr record decode (src/core/io/biologic/mpr-rows.ts
// decodeStandardRows, the same rules and arithmetic value for value), compiled to WebAssembly by `npm run build:wasm`,
// which writes src/core/io/biologic/mpr-decode-wasm.ts. WebAssembly reads unaligned little-endian
// fields with one instruction and no bounds check per field, where JavaScript goes through DataView;
// test/core/io/biologic/mpr-decode.test.ts checks that both give the same columns on every fixture.
//
// Everything is a byte offset into the memory the caller provides (--importMemory):
//   piece   `rows` records, `stride` bytes apart
//   layout  i32 × 22: the byte offset in a record of each role (−1: absent; order in mpr-rows.ts),
//           then 1 when the current is f8 (else f4), then 12 when every row is an EIS row (else 0)
//   table   f64 × 24: step-type codes by (eis ? 12 : 0) + mode × 3 + current direction (steps.ts)
//   params  f64 × 4: current factor, current add (−0 or 0), time of the row before (NaN at the start;
//           updated for the next piece), and |I| that counts as no current (steps.ts ZERO_CURRENT_A)
//   out     f64, role-major: output k of row j at out + k × blockBytes + j × 8, outputs in this order:
//           time, voltage, current, charge, discharge, charge energy, discharge energy, cycle, step,
//           temperature, frequency, Re Z, Im Z, resistance, step type
// cos and sin come from JavaScript (Math.cos, Math.sin) so Z from |Z| and phase is bit-for-bit the same.

@external("env", "cos") declare function jsCos(x: f64): f64;
@external("env", "sin") declare function jsSin(x: f64): f64;

// Column by column over sub-blocks of SUB rows: the records of a sub-block (≤ 32 KiB for records of
// ≤ 340 bytes) stay in the L1 cache while each column is gathered from them, and two rows are stored
// with one 128-bit store. Row by row, every row took 14 scalar stores to 14 places (10.4 ns per row on
// biol.mpr; the store port is the limit); this way 7.
const SUB: i32 = 96;

// Two f64 values as one v128 (lane 0 = a, the row with the lower index).
@inline function pair(a: f64, b: f64): v128 {
  return f64x2.replace_lane(f64x2.splat(a), 1, b);
}

// out[j] = f64(record j's f64 at p) × f + add, j in [0, n).
function gatherF64(p: usize, stride: usize, n: i32, o: usize, f: f64, add: f64): void {
  let j: i32 = 0;
  for (; j + 1 < n; j += 2, p += stride << 1, o += 16) v128.store(o, pair(load<f64>(p, 0, 1) * f + add, load<f64>(p + stride, 0, 1) * f + add));
  if (j < n) store<f64>(o, load<f64>(p, 0, 1) * f + add);
}

// out[j] = f64(record j's f32 at p) × f + add.
function gatherF32(p: usize, stride: usize, n: i32, o: usize, f: f64, add: f64): void {
  let j: i32 = 0;
  for (; j + 1 < n; j += 2, p += stride << 1, o += 16) v128.store(o, pair(<f64>load<f32>(p, 0, 1) * f + add, <f64>load<f32>(p + stride, 0, 1) * f + add));
  if (j < n) store<f64>(o, <f64>load<f32>(p, 0, 1) * f + add);
}

// out[j] = |record j's f64 at p|.
function gatherAbsF64(p: usize, stride: usize, n: i32, o: usize): void {
  let j: i32 = 0;
  for (; j + 1 < n; j += 2, p += stride << 1, o += 16) v128.store(o, pair(Math.abs(load<f64>(p, 0, 1)), Math.abs(load<f64>(p + stride, 0, 1))));
  if (j < n) store<f64>(o, Math.abs(load<f64>(p, 0, 1)));
}

// out[j] = floor(record j's u32 at p × 0.5): the cycle from the half-cycle counter.
function gatherHalf(p: usize, stride: usize, n: i32, o: usize): void {
  let j: i32 = 0;
  for (; j + 1 < n; j += 2, p += stride << 1, o += 16) v128.store(o, pair(Math.floor(<f64>load<u32>(p, 0, 1) * 0.5), Math.floor(<f64>load<u32>(p + stride, 0, 1) * 0.5)));
  if (j < n) store<f64>(o, Math.floor(<f64>load<u32>(p, 0, 1) * 0.5));
}

// out[j] = record j's u16 at p.
function gatherU16(p: usize, stride: usize, n: i32, o: usize): void {
  let j: i32 = 0;
  for (; j + 1 < n; j += 2, p += stride << 1, o += 16) v128.store(o, pair(<f64>load<u16>(p, 0, 1), <f64>load<u16>(p + stride, 0, 1)));
  if (j < n) store<f64>(o, <f64>load<u16>(p, 0, 1));
}

// Q (mA·h) → charge and discharge (A·h) by its sign: −0 and NaN give 0 and 0.
function splitCharge(p: usize, stride: usize, n: i32, oCharge: usize, oDischarge: usize): void {
  for (let j: i32 = 0; j < n; j++, p += stride) {
    const x = load<f64>(p, 0, 1) * 1e-3 + 0;
    const o = <usize>j << 3;
    if (x < 0) {
      store<f64>(oDischarge + o, -x);
      store<f64>(oCharge + o, 0);
    } else {
      store<f64>(oCharge + o, x > 0 ? x : 0);
      store<f64>(oDischarge + o, 0);
    }
  }
}

// The current from dq (mA·h) over the time since the previous row (s), in A; 0 where time does not
// advance and on the first row of a file. Returns the last row's time.
function currentFromDq(p: usize, stride: usize, n: i32, oTime: usize, oCurrent: usize, prev: f64): f64 {
  for (let j: i32 = 0; j < n; j++, p += stride) {
    const o = <usize>j << 3;
    const t = load<f64>(oTime + o);
    store<f64>(oCurrent + o, t > prev ? (load<f64>(p, 0, 1) / (t - prev)) * 3.6 : 0);
    prev = t;
  }
  return prev;
}

// Z = |Z|·e^{jφ}, φ in degrees; rows without impedance store |Z| = 0 and get Z = 0.
function polarZ(pMod: usize, pPhase: usize, stride: usize, n: i32, oRe: usize, oIm: usize): void {
  for (let j: i32 = 0; j < n; j++, pMod += stride, pPhase += stride) {
    const o = <usize>j << 3;
    const mod = <f64>load<f32>(pMod, 0, 1);
    if (mod == 0) {
      store<f64>(oRe + o, 0);
      store<f64>(oIm + o, 0);
    } else {
      const phase = (<f64>load<f32>(pPhase, 0, 1) * Math.PI) / 180;
      store<f64>(oRe + o, mod * jsCos(phase));
      store<f64>(oIm + o, mod * jsSin(phase));
    }
  }
}

// The step type of each row from its table: (eis ? 12 : 0) + mode × 3 + current direction.
function stepTypes(pMode: i32, piece: usize, stride: usize, n: i32, oCurrent: usize, hasCurrent: bool, oFreq: usize, hasFreq: bool, eisBase: i32, table: usize, noCurrent: f64, oType: usize): void {
  let p = piece + <usize>pMode;
  for (let j: i32 = 0; j < n; j++, p += stride) {
    const o = <usize>j << 3;
    const mode: i32 = pMode >= 0 ? <i32>load<u8>(p) & 3 : 0;
    const I: f64 = hasCurrent ? load<f64>(oCurrent + o) : 0;
    const eis: i32 = eisBase != 0 || (hasFreq && load<f64>(oFreq + o) > 0) ? 12 : 0;
    const direction: i32 = I > noCurrent ? 2 : I < -noCurrent ? 0 : 1;
    store<f64>(oType + o, load<f64>(table + (<usize>(eis + mode * 3 + direction) << 3)));
  }
}

export function decodeRows(piece: usize, stride: i32, rows: i32, layout: usize, table: usize, params: usize, out: usize, blockBytes: i32): void {
  const aTime = load<i32>(layout, 0), aVolt = load<i32>(layout, 4), aI = load<i32>(layout, 8), aDq = load<i32>(layout, 12);
  const aQ = load<i32>(layout, 16), aQc = load<i32>(layout, 20), aQd = load<i32>(layout, 24), aEc = load<i32>(layout, 28);
  const aEd = load<i32>(layout, 32), aCyc = load<i32>(layout, 36), aHalf = load<i32>(layout, 40), aNs = load<i32>(layout, 44);
  const aTemp = load<i32>(layout, 48), aFreq = load<i32>(layout, 52), aRe = load<i32>(layout, 56), aIm = load<i32>(layout, 60);
  const aMod = load<i32>(layout, 64), aPh = load<i32>(layout, 68), aRdc = load<i32>(layout, 72), aMode = load<i32>(layout, 76);
  const currentF8 = load<i32>(layout, 80) == 1;
  const eisBase = load<i32>(layout, 84);
  const fI = load<f64>(params, 0), oI = load<f64>(params, 8);
  let prev = load<f64>(params, 16);
  const noCurrent = load<f64>(params, 24);
  const col = <usize>blockBytes;
  const s = <usize>stride;
  for (let b0: i32 = 0; b0 < rows; b0 += SUB) {
    const n: i32 = min(SUB, rows - b0);
    const rec = piece + <usize>b0 * s;
    const o = out + (<usize>b0 << 3);
    const oTime = o, oVolt = o + col, oCurrent = o + 2 * col, oCharge = o + 3 * col, oDischarge = o + 4 * col;
    const oChargeE = o + 5 * col, oDischargeE = o + 6 * col, oCycle = o + 7 * col, oStep = o + 8 * col;
    const oTemp = o + 9 * col, oFreq = o + 10 * col, oRe = o + 11 * col, oIm = o + 12 * col, oRdc = o + 13 * col;
    const oType = o + 14 * col;
    // −0 added to an unconverted value leaves it exactly as stored (−0 included).
    if (aTime >= 0) gatherF64(rec + <usize>aTime, s, n, oTime, 1, -0.0);
    if (aVolt >= 0) gatherF32(rec + <usize>aVolt, s, n, oVolt, 1, -0.0);
    if (aI >= 0) {
      if (currentF8) gatherF64(rec + <usize>aI, s, n, oCurrent, fI, oI);
      else gatherF32(rec + <usize>aI, s, n, oCurrent, fI, oI);
    } else if (aDq >= 0) prev = currentFromDq(rec + <usize>aDq, s, n, oTime, oCurrent, prev);
    if (aQ >= 0) splitCharge(rec + <usize>aQ, s, n, oCharge, oDischarge);
    else if (aQc >= 0) {
      gatherF64(rec + <usize>aQc, s, n, oCharge, 1e-3, 0);
      gatherF64(rec + <usize>aQd, s, n, oDischarge, 1e-3, 0);
    }
    if (aEc >= 0) {
      gatherAbsF64(rec + <usize>aEc, s, n, oChargeE);
      gatherAbsF64(rec + <usize>aEd, s, n, oDischargeE);
    }
    if (aCyc >= 0) gatherF64(rec + <usize>aCyc, s, n, oCycle, 1, -0.0);
    else if (aHalf >= 0) gatherHalf(rec + <usize>aHalf, s, n, oCycle);
    if (aNs >= 0) gatherU16(rec + <usize>aNs, s, n, oStep);
    if (aTemp >= 0) gatherF32(rec + <usize>aTemp, s, n, oTemp, 1, 273.15);
    if (aFreq >= 0) gatherF32(rec + <usize>aFreq, s, n, oFreq, 1, -0.0);
    if (aRe >= 0) gatherF32(rec + <usize>aRe, s, n, oRe, 1, -0.0);
    if (aIm >= 0) gatherF32(rec + <usize>aIm, s, n, oIm, -1, 0);
    if (aMod >= 0) polarZ(rec + <usize>aMod, rec + <usize>aPh, s, n, oRe, oIm);
    if (aRdc >= 0) gatherF32(rec + <usize>aRdc, s, n, oRdc, 1, -0.0);
    stepTypes(aMode, rec, s, n, oCurrent, aI >= 0 || aDq >= 0, oFreq, aFreq >= 0, eisBase, table, noCurrent, oType);
  }
  store<f64>(params + 16, prev);
}
