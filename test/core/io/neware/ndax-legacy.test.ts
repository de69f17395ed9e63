import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zipSync, strToU8 } from 'fflate';
import { assertClose } from '../../../helpers/close.js';
import { readNdax } from '../../../../src/core/io/neware/ndax.js';
import { STEP_TYPES } from '../../../../src/core/io/measurement.js';
import { fuzzReader } from '../tabular/fuzz.js';

/**
 * Older .ndax archives keep whole records in data.ndc (ndc v2 and v5; layout in ndc.ts). No shared
 * fixture has one, so archives are written here by that layout with known values and read back.
 * Current range 100 → 0.01 mA per unit.
 */
interface R { index: number; cycle: number; step: number; status: number; tMs: number; v: number; iMa: number; qcMah: number; qdMah: number }
const RECS: R[] = [
  { index: 1, cycle: 0, step: 1, status: 4, tMs: 0, v: 3.6, iMa: 0, qcMah: 0, qdMah: 0 },
  { index: 2, cycle: 0, step: 1, status: 4, tMs: 5000, v: 3.6, iMa: 0, qcMah: 0, qdMah: 0 },
  { index: 3, cycle: 0, step: 2, status: 1, tMs: 3600_000, v: 4.1, iMa: 100, qcMah: 100, qdMah: 0 },
  { index: 4, cycle: 0, step: 3, status: 2, tMs: 1800_000, v: 3.7, iMa: -200, qcMah: 0, qdMah: 100 },
];

function writeRecord(b: Uint8Array, at: number, r: R, marker: number): void {
  const v = new DataView(b.buffer);
  b[marker] = 0x55;
  v.setUint32(at + 8, r.index, true);
  v.setUint32(at + 12, r.cycle, true);
  b[at + 16] = r.step;
  b[at + 17] = r.status;
  v.setBigUint64(at + 23, BigInt(r.tMs), true);
  v.setInt32(at + 31, Math.round(r.v * 1e4), true);
  v.setInt32(at + 35, Math.round(r.iMa / 0.01), true);
  v.setBigInt64(at + 43, BigInt(Math.round((r.qcMah * 3600) / 0.01)), true);
  v.setBigInt64(at + 51, BigInt(Math.round((r.qdMah * 3600) / 0.01)), true);
  v.setUint16(at + 75, 2019, true);
  b.set([6, 1, 8, 30, r.index], at + 77);
  v.setInt32(at + 82, 100, true);
}

function ndcV5(): Uint8Array {
  const b = new Uint8Array(4096 * 2);
  b[0] = 1;
  b[2] = 5;
  RECS.forEach((r, k) => {
    const at = 4096 + 125 + k * 87;
    writeRecord(b, at, r, at + 7);
  });
  // one aux record (0x65 at byte 7): channel 1, index 3, 25.5 °C
  const at = 4096 + 125 + RECS.length * 87;
  b[at + 7] = 0x65;
  b[at + 3] = 1;
  new DataView(b.buffer).setUint32(at + 8, 3, true);
  new DataView(b.buffer).setInt16(at + 41, 255, true);
  return b;
}

function ndcV2(): Uint8Array {
  const start = 517; // the first record starts at 517; its first 8 bytes are the identifier
  const b = new Uint8Array(start + RECS.length * 94);
  b[0] = 1;
  b[2] = 2;
  RECS.forEach((r, k) => {
    const at = start + k * 94;
    writeRecord(b, at, r, at);
    b.set([0x55, 0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66], at); // the 8-byte identifier every record starts with
    new DataView(b.buffer).setUint32(at + 8, r.index, true);
  });
  return b;
}

const archive = (data: Uint8Array): Uint8Array =>
  zipSync({ 'data.ndc': data, 'TestInfo.xml': strToU8('<?xml version="1.0" encoding="utf-8"?><root><config><TestInfo DevID="3" UnitID="1" ChlID="8" StartTime="2019-06-01 08:30:00" /></config></root>') });

for (const [name, make] of [['v5', ndcV5], ['v2', ndcV2]] as const) {
  test(`ndax with whole records in data.ndc (ndc ${name}): values, units, step types, metadata`, () => {
    const m = readNdax(archive(make()), `legacy-${name}.ndax`);
    assert.equal(m.rows, 4);
    assert.deepEqual(Array.from(m.columns.current_A!), [0, 0, 0.1, -0.2]);
    assertClose(m.columns.voltage_V![2], 4.1, { rel: 1e-12 });
    assertClose(m.columns.chargeCapacity_Ah![2], 0.1, { rel: 1e-12 }); // 100 mAh
    assertClose(m.columns.dischargeCapacity_Ah![3], 0.1, { rel: 1e-12 });
    // test time: 5 s of rest, then 3600 s charge, then 1800 s into the discharge
    assert.deepEqual(Array.from(m.columns.time_s!), [0, 5, 3605, 5405]);
    assert.deepEqual(Array.from(m.columns.stepType!, (c) => STEP_TYPES[c]), ['rest', 'rest', 'charge', 'discharge']);
    assert.deepEqual(Array.from(m.columns.cycle!), [1, 1, 1, 1]);
    assert.equal(m.metadata.channel, '3-1-8');
    assert.equal(m.metadata.startTime, '2019-06-01T08:30:00.000Z');
    if (name === 'v5') assertClose(m.columns.temperature_K![2], 25.5 + 273.15, { rel: 1e-12 });
  });
}

test('ndax with whole records: 200 mutations/truncations throw only CathodeLabErrors', () => {
  for (const [i, make] of [ndcV5, ndcV2].entries()) {
    const r = fuzzReader(make(), (b) => readNdax(archive(b), 'fuzz.ndax'), { seed: 0x1e6 + i, cases: 100 });
    assert.equal(r.ok + r.typed, 100);
  }
});
