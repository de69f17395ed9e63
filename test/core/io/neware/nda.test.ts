import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { assertClose } from '../../../helpers/close.js';
import { readNda, newareNdaReader } from '../../../../src/core/io/neware/nda.js';
import { readMeasurement } from '../../../../src/core/io/formats.js';
import { STEP_TYPES } from '../../../../src/core/io/measurement.js';
import { FormatError } from '../../../../src/core/errors.js';
import { fuzzReader } from '../tabular/fuzz.js';

/**
 * Files written here by the documented layouts (nda.ts header) with known values, then read back.
 * The shared fixtures hold no .nda file; NewareNDA's own test files are checked below when a local
 * mirror of that repository is present.
 */
interface R { index: number; cycle: number; step: number; status: number; t: number; v: number; iMa: number; qc: number; qd: number; ec: number; ed: number }

function header(version: number, size: number): Uint8Array {
  const b = new Uint8Array(size);
  b.set([0x4e, 0x45, 0x57, 0x41, 0x52, 0x45], 0);
  b[14] = version;
  return b;
}

/** v29: range 1000 → multiplier 0.1 mA per unit, capacity units mA·s/0.1. */
function v29(recs: R[], aux: [number, number][] = []): Uint8Array {
  const LEN = 86;
  const start = 2000;
  const b = header(29, start + 4 + (recs.length + aux.length) * LEN);
  const v = new DataView(b.buffer);
  v.setUint32(152, 12345, true); // 12.345 mg
  let at = start + 4; // preceded by 00 00 00 00
  for (const r of recs) {
    b[at] = 0x55;
    v.setUint32(at + 2, r.index, true);
    v.setUint32(at + 6, r.cycle, true);
    v.setUint16(at + 10, r.step, true);
    b[at + 12] = r.status;
    v.setBigUint64(at + 14, BigInt(Math.round(r.t * 1000)), true);
    v.setInt32(at + 22, Math.round(r.v * 1e4), true);
    v.setInt32(at + 26, Math.round(r.iMa / 0.1), true);
    v.setBigInt64(at + 38, BigInt(Math.round((r.qc * 3600) / 0.1)), true);
    v.setBigInt64(at + 46, BigInt(Math.round((r.qd * 3600) / 0.1)), true);
    v.setBigInt64(at + 54, BigInt(Math.round((r.ec * 3600) / 0.1)), true);
    v.setBigInt64(at + 62, BigInt(Math.round((r.ed * 3600) / 0.1)), true);
    v.setUint16(at + 70, 2020, true);
    b.set([3, 25, 11, 16, r.index % 60], at + 72);
    v.setInt32(at + 78, 1000, true);
    at += LEN;
  }
  for (const [index, t] of aux) {
    b[at] = 0x65;
    b[at + 1] = 1;
    v.setUint32(at + 2, index, true);
    v.setInt16(at + 34, Math.round(t * 10), true);
    at += LEN;
  }
  return b;
}

function v130bts91(recs: R[]): Uint8Array {
  const LEN = 56;
  const b = header(130, 1024 + recs.length * LEN);
  const v = new DataView(b.buffer);
  recs.forEach((r, k) => {
    const at = 1024 + k * LEN;
    b[at] = 0x55;
    b[at + 1] = 0x06;
    b[at + 2] = r.step;
    b[at + 3] = r.status;
    v.setUint32(at + 8, r.index, true);
    v.setUint32(at + 12, Math.floor(r.t), true);
    v.setUint32(at + 16, Math.round((r.t - Math.floor(r.t)) * 1e9), true);
    v.setFloat32(at + 20, r.iMa, true);
    v.setFloat32(at + 24, r.v, true);
    v.setFloat32(at + 28, (r.qc - r.qd) * 3600, true);
    v.setFloat32(at + 32, (r.ec - r.ed) * 3600, true);
    v.setUint32(at + 44, 1700000000 + r.index, true);
    v.setFloat32(at + 52, 25 + r.index / 10, true);
  });
  return b;
}

function v130bts90(recs: R[]): Uint8Array {
  const LEN = 88;
  const b = header(130, 1024 + recs.length * LEN + 1);
  const v = new DataView(b.buffer);
  recs.forEach((r, k) => {
    const at = 1024 + k * LEN;
    b.set([0x12, 0x50, 0x00, 0x07, 0x55, 0x81], at); // the 6-byte record identifier
    const o = at + 4;
    b[o + 5] = r.step;
    b[o + 6] = r.status;
    v.setUint32(o + 12, r.index, true);
    v.setBigUint64(o + 24, BigInt(Math.round(r.t * 1e6)), true);
    v.setFloat32(o + 32, r.v, true);
    v.setFloat32(o + 36, r.iMa, true);
    v.setFloat32(o + 48, r.qc * 3600, true);
    v.setFloat32(o + 52, r.ec * 3600, true);
    v.setFloat32(o + 56, r.qd * 3600, true);
    v.setFloat32(o + 60, r.ed * 3600, true);
    v.setBigUint64(o + 64, BigInt((1600000000 + r.index) * 1e6), true);
  });
  b[1024 + recs.length * LEN] = 0x81;
  return b;
}

// rest 2 s, charge 2 rows at +500 mA, discharge 2 rows at −250 mA, charge again (→ cycle 2 when generated)
const RECS: R[] = [
  // capacities in mAh and energies in mWh, as the files count them: 500 mA for 1 s = 500/3600 mAh
  { index: 1, cycle: 0, step: 1, status: 4, t: 0, v: 3.5, iMa: 0, qc: 0, qd: 0, ec: 0, ed: 0 },
  { index: 2, cycle: 0, step: 1, status: 4, t: 2, v: 3.5, iMa: 0, qc: 0, qd: 0, ec: 0, ed: 0 },
  { index: 3, cycle: 0, step: 2, status: 1, t: 1, v: 3.9, iMa: 500, qc: 500 / 3600, qd: 0, ec: 1950 / 3600, ed: 0 },
  { index: 4, cycle: 0, step: 2, status: 1, t: 2, v: 4.0, iMa: 500, qc: 1000 / 3600, qd: 0, ec: 3950 / 3600, ed: 0 },
  { index: 5, cycle: 0, step: 3, status: 2, t: 4, v: 3.8, iMa: -250, qc: 0, qd: 1000 / 3600, ec: 0, ed: 3800 / 3600 },
  { index: 6, cycle: 1, step: 4, status: 1, t: 1, v: 3.9, iMa: 500, qc: 500 / 3600, qd: 0, ec: 1950 / 3600, ed: 0 },
];

function checkCommon(m: ReturnType<typeof readNda>, tol: number): void {
  assert.equal(m.rows, 6);
  assert.deepEqual(Array.from(m.columns.current_A!), [0, 0, 0.5, 0.5, -0.25, 0.5]);
  assertClose(m.columns.voltage_V![3], 4.0, { rel: tol });
  assertClose(m.columns.chargeCapacity_Ah![3], 1 / 3600, { rel: tol });
  assertClose(m.columns.dischargeCapacity_Ah![4], 1 / 3600, { rel: tol });
  assertClose(m.columns.dischargeEnergy_Wh![4], 3.8 / 3600, { rel: tol });
  // steps counted by occurrence; test time = completed step durations + step time: 0, 2, 3, 4, 8, 9
  assert.deepEqual(Array.from(m.columns.step!), [1, 1, 2, 2, 3, 4]);
  assert.deepEqual(Array.from(m.columns.time_s!), [0, 2, 3, 4, 8, 9]);
  assert.deepEqual(Array.from(m.columns.stepType!, (c) => STEP_TYPES[c]), ['rest', 'rest', 'charge', 'charge', 'discharge', 'charge']);
}

test('nda v29 (BTS 7): records, range multiplier, cycles from the file (+1), aux temperature, mass', () => {
  const b = v29(RECS, [[3, 24.5]]);
  const m = readNda(b, 'x.nda');
  checkCommon(m, 1e-9);
  assert.deepEqual(Array.from(m.columns.cycle!), [1, 1, 1, 1, 1, 2]);
  assert.equal(m.metadata.activeMassKg, 12.345e-6);
  assert.equal(m.columns.unixTime_s![0], Date.UTC(2020, 2, 25, 11, 16, 1) / 1000);
  assertClose(m.columns.temperature_K![2], 24.5 + 273.15, { rel: 1e-12 });
  assert.ok(Number.isNaN(m.columns.temperature_K![0]));
  assert.equal(newareNdaReader.sniff(b, 'x'), true);
  assert.equal(readMeasurement(b, 'x.nda').format, 'neware-nda');
});

test('nda v130 BTS 9.1: signed capacity split, ns times, cycles generated (charge after discharge)', () => {
  const m = readNda(v130bts91(RECS), 'x.nda');
  checkCommon(m, 1e-6);
  assert.deepEqual(Array.from(m.columns.cycle!), [1, 1, 1, 1, 1, 2]);
  assert.match(String(m.metadata.extra?.cycleSource), /generated/);
  assert.equal(m.columns.unixTime_s![0], 1700000001);
  assertClose(m.columns.temperature_K![0], 25.1 + 273.15, { rel: 1e-6 });
});

test('nda v130 BTS 9.0: 88-byte identifier records, stops at 0x81', () => {
  const m = readNda(v130bts90(RECS), 'x.nda');
  checkCommon(m, 1e-6);
  assert.equal(m.columns.unixTime_s![5], 1600000006);
});

test('nda: bad magic and unknown versions are FormatErrors naming the byte', () => {
  assert.throws(() => readNda(new Uint8Array(20), 'x.nda'), (e: unknown) => e instanceof FormatError && /byte 0/.test(e.message));
  const b = header(77, 64);
  assert.throws(() => readNda(b, 'x.nda'), (e: unknown) => e instanceof FormatError && /byte 14/.test(e.message) && /version 77/.test(e.message));
});

test('nda fuzz: 300 mutations/truncations of the three layouts throw only CathodeLabErrors', () => {
  const many = Array.from({ length: 60 }, (_, k) => ({ ...RECS[k % RECS.length], index: k + 1 }));
  for (const [i, b] of [v29(many, [[3, 20]]), v130bts91(many), v130bts90(many)].entries()) {
    const r = fuzzReader(b, (x) => readNda(x, 'fuzz.nda'), { seed: 0x4da + i, cases: 100 });
    assert.equal(r.ok + r.typed, 100);
  }
});

// NewareNDA's test files (github.com/Solid-Energy-Systems/NewareNDA tests/nda), when a local mirror exists.
const MIRROR = '/work/.mirror/Solid-Energy-Systems+NewareNDA/repo';
const fromMirror = (path: string): Uint8Array => {
  const r = spawnSync('git', [`--git-dir=${MIRROR}`, 'show', `HEAD:${path}`], { maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`git show ${path}: ${r.stderr}`);
  return new Uint8Array(r.stdout);
};
test('nda real files (NewareNDA test suite): Coulomb counting and energy agree with the stored capacity', { skip: !existsSync(MIRROR) && 'no local copy of NewareNDA test files' }, () => {
  for (const [f, rows] of [['tests/nda/github/Issue72/TestFile.nda', 6670], ['tests/nda/mediafire/2-1-6_61[07005012].nda', 15567], ['tests/nda/neware_reader/new_nda_file.nda', 439]] as const) {
    const m = readNda(fromMirror(f), f);
    assert.equal(m.rows, rows, f);
    const t = m.raw.find((r) => r.name === 'Step time')!.values;
    const I = m.columns.current_A!;
    const q = m.columns.dischargeCapacity_Ah!;
    const step = m.columns.step!;
    let worst = 0;
    for (let i = 1; i < m.rows; i++) {
      if (step[i] !== step[i - 1] || !(I[i] < 0) || q[i] < 1e-3) continue;
      // the charge passed between two records lies between the two currents × the interval
      const dq = q[i] - q[i - 1];
      const dt = (t[i] - t[i - 1]) / 3600;
      const lo = Math.min(Math.abs(I[i]), Math.abs(I[i - 1])) * dt;
      const hi = Math.max(Math.abs(I[i]), Math.abs(I[i - 1])) * dt;
      const miss = dq < lo ? lo - dq : dq > hi ? dq - hi : 0;
      worst = Math.max(worst, miss / q[i]);
    }
    assert.ok(worst < 0.01, `${f}: capacity increments disagree with ∫I dt by ${worst}`);
  }
});
