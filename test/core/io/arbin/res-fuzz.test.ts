import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFixtureBytes } from '../../../helpers/fixtures.js';
import { readArbinRes } from '../../../../src/core/io/arbin/res.js';
import { fuzzReader } from '../tabular/fuzz.js';

test('Arbin .res fuzz: 200 seeded mutations/truncations throw only CathodeLabErrors, none hangs', () => {
  const src = readFixtureBytes('cyclers', '20160805_test001_45_cc_01.res');
  const r = fuzzReader(src, (b) => readArbinRes(b, 'fuzz.res'), { seed: 0x5e5, cases: 200 });
  assert.equal(r.ok + r.typed, 200);
  console.log(`arbin .res fuzz: ${r.ok} read, ${r.typed} typed errors, slowest ${r.slowestMs.toFixed(0)} ms`);
});

test('Arbin .res fuzz: 200 mutations aimed at the first 64 KiB (header, catalog, table definitions)', () => {
  const src = readFixtureBytes('cyclers', '20160805_test001_45_cc_01.res');
  const r = fuzzReader(src, (b) => readArbinRes(b, 'fuzz.res'), { seed: 0xa11, cases: 200, focus: 65536 });
  assert.equal(r.ok + r.typed, 200);
  console.log(`arbin .res header fuzz: ${r.ok} read, ${r.typed} typed errors, slowest ${r.slowestMs.toFixed(0)} ms`);
});
