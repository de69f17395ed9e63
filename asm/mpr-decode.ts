// AssemblyScript source of the BioLogic .mpr record decode (src/core/io/biologic/mpr-rows.ts
// decodeStandardRows, the same rules row for row), compiled to WebAssembly by `npm run build:wasm`,
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
  const oTime = out, oVolt = out + col, oCurrent = out + 2 * col, oCharge = out + 3 * col, oDischarge = out + 4 * col;
  const oChargeE = out + 5 * col, oDischargeE = out + 6 * col, oCycle = out + 7 * col, oStep = out + 8 * col;
  const oTemp = out + 9 * col, oFreq = out + 10 * col, oRe = out + 11 * col, oIm = out + 12 * col, oRdc = out + 13 * col;
  const oType = out + 14 * col;
  let p = piece;
  for (let j: i32 = 0; j < rows; j++, p += <usize>stride) {
    const o = <usize>j << 3;
    let t: f64 = 0;
    if (aTime >= 0) {
      t = load<f64>(p + <usize>aTime, 0, 1);
      store<f64>(oTime + o, t);
    }
    if (aVolt >= 0) store<f64>(oVolt + o, <f64>load<f32>(p + <usize>aVolt, 0, 1));
    let I: f64 = 0;
    if (aI >= 0) {
      I = (currentF8 ? load<f64>(p + <usize>aI, 0, 1) : <f64>load<f32>(p + <usize>aI, 0, 1)) * fI + oI;
      store<f64>(oCurrent + o, I);
    } else if (aDq >= 0) {
      I = t > prev ? (load<f64>(p + <usize>aDq, 0, 1) / (t - prev)) * 3.6 : 0;
      prev = t;
      store<f64>(oCurrent + o, I);
    }
    if (aQ >= 0) {
      const x = load<f64>(p + <usize>aQ, 0, 1) * 1e-3 + 0;
      if (x < 0) {
        store<f64>(oDischarge + o, -x);
        store<f64>(oCharge + o, 0);
      } else {
        store<f64>(oCharge + o, x > 0 ? x : 0);
        store<f64>(oDischarge + o, 0);
      }
    } else if (aQc >= 0) {
      store<f64>(oCharge + o, load<f64>(p + <usize>aQc, 0, 1) * 1e-3 + 0);
      store<f64>(oDischarge + o, load<f64>(p + <usize>aQd, 0, 1) * 1e-3 + 0);
    }
    if (aEc >= 0) {
      store<f64>(oChargeE + o, Math.abs(load<f64>(p + <usize>aEc, 0, 1)));
      store<f64>(oDischargeE + o, Math.abs(load<f64>(p + <usize>aEd, 0, 1)));
    }
    if (aCyc >= 0) store<f64>(oCycle + o, load<f64>(p + <usize>aCyc, 0, 1));
    else if (aHalf >= 0) store<f64>(oCycle + o, Math.floor(<f64>load<u32>(p + <usize>aHalf, 0, 1) * 0.5));
    if (aNs >= 0) store<f64>(oStep + o, <f64>load<u16>(p + <usize>aNs, 0, 1));
    if (aTemp >= 0) store<f64>(oTemp + o, <f64>load<f32>(p + <usize>aTemp, 0, 1) + 273.15);
    let f: f64 = 0;
    if (aFreq >= 0) {
      f = <f64>load<f32>(p + <usize>aFreq, 0, 1);
      store<f64>(oFreq + o, f);
    }
    if (aRe >= 0) store<f64>(oRe + o, <f64>load<f32>(p + <usize>aRe, 0, 1));
    if (aIm >= 0) store<f64>(oIm + o, <f64>load<f32>(p + <usize>aIm, 0, 1) * -1 + 0);
    if (aMod >= 0) {
      const mod = <f64>load<f32>(p + <usize>aMod, 0, 1);
      if (mod == 0) {
        store<f64>(oRe + o, 0);
        store<f64>(oIm + o, 0);
      } else {
        const phase = (<f64>load<f32>(p + <usize>aPh, 0, 1) * Math.PI) / 180;
        store<f64>(oRe + o, mod * jsCos(phase));
        store<f64>(oIm + o, mod * jsSin(phase));
      }
    }
    if (aRdc >= 0) store<f64>(oRdc + o, <f64>load<f32>(p + <usize>aRdc, 0, 1));
    const mode: i32 = aMode >= 0 ? <i32>load<u8>(p + <usize>aMode) & 3 : 0;
    const eis: i32 = eisBase != 0 || f > 0 ? 12 : 0;
    const direction: i32 = I > noCurrent ? 2 : I < -noCurrent ? 0 : 1;
    store<f64>(oType + o, load<f64>(table + (<usize>(eis + mode * 3 + direction) << 3)));
  }
  store<f64>(params + 16, prev);
}
