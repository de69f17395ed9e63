import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFixtureBytes } from '../../../helpers/fixtures.js';
import { readArbinRes } from '../../../../src/core/io/arbin/res.js';
import { fuzzReader } from '../tabular/fuzz.js';
import { reduceArbinRes } from './res-reduce.js';

const full = readFixtureBytes('cyclers', '20160805_test001_45_cc_01.res');
// Channel_Normal_Table cut to its first 16 data pages (see res-reduce.ts): every table, catalog and
// index page of the real file, 640 data rows, so a case costs ~2 ms instead of ~50 ms.
const small = reduceArbinRes(full, 16);

test('Arbin .res fuzz baseline: the reduced database is valid and holds the fixture’s first 640 rows unchanged', () => {
  const a = readArbinRes(full, 'full.res');
  const b = readArbinRes(small, 'small.res');
  // 16 pages × 40 rows: this file's data pages hold 40 rows each (4 pages → 160 rows, 8 → 320)
  assert.equal(b.rows, 640);
  assert.deepEqual(b.warnings, a.warnings);
  for (const k of ['time_s', 'voltage_V', 'current_A', 'chargeCapacity_Ah', 'dischargeCapacity_Ah', 'cycle', 'step'] as const) {
    assert.deepEqual(b.columns[k], a.columns[k]!.slice(0, 640), k);
  }
  assert.deepEqual(b.metadata, a.metadata);
});

test('Arbin .res fuzz: 200 seeded mutations/truncations of the full fixture throw only CathodeLabErrors, none hangs', () => {
  const r = fuzzReader(full, (b) => readArbinRes(b, 'fuzz.res'), { seed: 0x5e5, cases: 200 });
  assert.equal(r.ok + r.typed, 200);
  console.log(`arbin .res fuzz: ${r.ok} read, ${r.typed} typed errors, slowest ${r.slowestMs.toFixed(0)} ms`);
});

test('Arbin .res fuzz: 1000 mutations/truncations of the reduced database, half aimed at the first 64 KiB (header, catalog, table definitions)', () => {
  const anywhere = fuzzReader(small, (b) => readArbinRes(b, 'fuzz.res'), { seed: 0xa11, cases: 500 });
  const headers = fuzzReader(small, (b) => readArbinRes(b, 'fuzz.res'), { seed: 0xa12, cases: 500, focus: 65536 });
  assert.equal(anywhere.ok + anywhere.typed, 500);
  assert.equal(headers.ok + headers.typed, 500);
  // Both kinds of outcome occur: the mutations reach the parser (some cases fail typed) and are not all
  // fatal (some still read).
  assert.ok(anywhere.ok > 0 && anywhere.typed > 0 && headers.ok > 0 && headers.typed > 0);
  console.log(`arbin .res (reduced) fuzz: anywhere ${anywhere.ok} read / ${anywhere.typed} typed, headers ${headers.ok} read / ${headers.typed} typed, slowest ${Math.max(anywhere.slowestMs, headers.slowestMs).toFixed(0)} ms`);
});
