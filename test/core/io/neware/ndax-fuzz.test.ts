import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zipSync } from 'fflate';
import { readFixtureBytes } from '../../../helpers/fixtures.js';
import { readNdax, unzipNdax } from '../../../../src/core/io/neware/ndax.js';
import { fuzzReader } from '../tabular/fuzz.js';

const full = readFixtureBytes('cyclers', '20260302_IFE_BTS85_2_9_8_1.ndax');
const members = unzipNdax(full, 'src.ndax', true);
// A small archive of the same structure: the first 24 pages of every per-record member (the 4096-byte
// file header + pages), everything else whole. Cases run in milliseconds, so there can be many.
const PAGES = 24;
const small: Record<string, Uint8Array> = {};
for (const [n, b] of Object.entries(members)) small[n] = /^data(_AUX_.*)?\.ndc$/.test(n) ? b.slice(0, 4096 * (1 + PAGES)) : b;
const smallZip = zipSync(small, { level: 1 });

test('Neware .ndax fuzz: the small archive reads (fuzz baseline)', () => {
  const m = readNdax(smallZip, 'small.ndax');
  // 495 eight-byte records per page; a few slots are empty (voltage 0)
  assert.ok(m.rows <= PAGES * 495 && m.rows > PAGES * 495 - 100, `rows ${m.rows}`);
});

test('Neware .ndax fuzz: 200 mutations/truncations of the zip throw only CathodeLabErrors, none hangs', () => {
  const r = fuzzReader(smallZip, (b) => readNdax(b, 'fuzz.ndax'), { seed: 0x4e57, cases: 200 });
  assert.equal(r.ok + r.typed, 200);
  console.log(`ndax zip fuzz: ${r.ok} read, ${r.typed} typed errors, slowest ${r.slowestMs.toFixed(0)} ms`);
});

test('Neware .ndax fuzz: 240 mutations inside the ndc members (re-zipped, so the ndc parsers see them)', () => {
  const names = ['data.ndc', 'data_runInfo.ndc', 'data_step.ndc', 'data_AUX_1_1022_1.ndc'];
  names.forEach((name, c) => {
    const r = fuzzReader(small[name], (b) => readNdax(zipSync({ ...small, [name]: b }, { level: 0 }), 'fuzz.ndax'), { seed: 0x17 + c, cases: 60, focus: 12288 });
    assert.equal(r.ok + r.typed, 60);
    console.log(`ndax ${name} fuzz: ${r.ok} read, ${r.typed} typed errors, slowest ${r.slowestMs.toFixed(0)} ms`);
  });
});

test('Neware .ndax fuzz: 20 truncations of the full fixture', () => {
  const r = fuzzReader(full, (b) => readNdax(b, 'fuzz.ndax'), { seed: 0xf011, cases: 20 });
  assert.equal(r.ok + r.typed, 20);
});
