/**
 * Seeded property test: mutated and truncated .mpr fixtures (one per header layout / data version,
 * plus the ExtDev and loop modules) either read or throw only CathodeLabErrors, each case within 1 s —
 * read from memory and piece by piece, with the WebAssembly and the TypeScript decode in turn.
 * 3 000 cases in all so the suite stays fast; bench/fuzz-readers.bench.ts runs 100 000 per reader.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFixtureBytes } from '../../../helpers/fixtures.js';
import { fuzzReader } from '../tabular/fuzz.js';
import { readMpr, readMprSource } from '../../../../src/core/io/biologic/mpr.js';
import { copyingSource } from '../../../../src/core/io/byte-source.js';
import { readMpt } from '../../../../src/core/io/biologic/mpt.js';

// gcpl.issue_149: new (≥ 11.50) headers, data "11", loop module; cp: v3; zir: v2; vsp_ocv_with: ExtDev.
const FILES = ['gcpl.issue_149.mpr', 'cp.mpr', 'zir.mpr', 'vsp_ocv_with.mpr', 'mb.issue_223.mpr'];

describe('BioLogic .mpr fuzz', () => {
  FILES.forEach((name, k) => {
    it(`${name}: 400 mutations anywhere + 200 in the headers → a Measurement or a CathodeLabError`, () => {
      const src = readFixtureBytes('cyclers', name);
      // Cases in turn: in memory and piece by piece (as from a file), WebAssembly and TypeScript decode.
      let c = 0;
      const read = (b: Uint8Array): unknown => {
        const kernels = c % 4 < 2 ? 'wasm' : 'js';
        return c++ % 2 === 1 ? readMprSource(copyingSource(b), 'fuzz.mpr', { kernels }) : readMpr(b, 'fuzz.mpr', { kernels });
      };
      const anywhere = fuzzReader(src, read, { seed: 0xb10 + k, cases: 400 });
      // The module and column headers sit in the first ~8 KB (settings module, then the data header).
      const headers = fuzzReader(src, read, { seed: 0x5e7 + k, cases: 200, focus: 8192 });
      assert.equal(anywhere.ok + anywhere.typed, 400);
      assert.equal(headers.ok + headers.typed, 200);
      assert.ok(anywhere.typed > 0, 'truncations must produce typed errors');
    });
  });

  it('mutated .mpt text (gcpl.issue_149.mpt, decimal commas): 300 cases, only CathodeLabErrors', () => {
    const src = readFixtureBytes('cyclers', 'gcpl.issue_149.mpt');
    const r = fuzzReader(src, (b) => readMpt(b, 'fuzz.mpt'), { seed: 0x3717, cases: 300 });
    assert.equal(r.ok + r.typed, 300);
  });
});
