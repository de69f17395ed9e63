/**
 * The .mpr reader decodes its standard columns in one pass over the records (mpr-rows.ts), while each
 * vendor column in `raw` is decoded on its own when first read (decodeColumn). Two code paths over the
 * same bytes: here each converted standard column must equal its vendor column × the unit factor
 * exactly, for every row of every .mpr fixture, and an unconverted one must be the vendor column itself
 * (one array, decoded once). And the whole one-pass result must equal what the column-wise
 * normalisation of the text readers (normalise.ts) makes of the same vendor columns.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fixturePath, readFixtureBytes } from '../../../helpers/fixtures.js';
import { readMpr } from '../../../../src/core/io/biologic/mpr.js';
import { normaliseBioLogic } from '../../../../src/core/io/biologic/normalise.js';
import { MprDecodeKernel } from '../../../../src/core/io/biologic/mpr-decode-kernel.js';

const FILES = readdirSync(fixturePath('cyclers')).filter((f) => f.endsWith('.mpr'));

/** Rows where a !== f(b) (=== semantics: 0 and −0 count as equal, NaN as unequal unless both NaN). */
function mismatches(a: Float64Array, b: Float64Array, f: (x: number) => number): number {
  let bad = 0;
  for (let i = 0; i < a.length; i++) {
    const want = f(b[i]);
    if (a[i] !== want && !(Number.isNaN(a[i]) && Number.isNaN(want))) bad++;
  }
  return bad;
}

describe('.mpr one-pass decode equals the per-column decode of the same bytes', () => {
  it('finds the 17 .mpr fixtures', () => assert.equal(FILES.length, 17));
  for (const file of FILES) {
    it(file, () => {
      const m = readMpr(readFixtureBytes('cyclers', file), file);
      const raw = (name: string): Float64Array | undefined => m.raw.find((r) => r.name === name)?.values;
      const c = m.columns;
      let checked = 0;
      const iMa = raw('I/mA');
      if (iMa) {
        assert.equal(mismatches(c.current_A!, iMa, (x) => x * 1e-3), 0, 'current_A = I/mA × 1e-3');
        checked++;
      }
      const q = raw('Q charge/discharge/mA.h');
      if (q) {
        assert.equal(mismatches(c.chargeCapacity_Ah!, q, (x) => (x * 1e-3 > 0 ? x * 1e-3 : 0)), 0, 'chargeCapacity_Ah = max(Q, 0)');
        assert.equal(mismatches(c.dischargeCapacity_Ah!, q, (x) => (x * 1e-3 < 0 ? -(x * 1e-3) : 0)), 0, 'dischargeCapacity_Ah = max(−Q, 0)');
        checked++;
      }
      const half = raw('half cycle');
      if (half && !raw('cycle number')) {
        assert.equal(mismatches(c.cycle!, half, (x) => Math.floor(x * 0.5)), 0, 'cycle = floor(half cycle / 2)');
        checked++;
      }
      const negIm = raw('-Im(Z)/Ohm');
      if (negIm) {
        assert.equal(mismatches(c.zImag_Ohm!, negIm, (x) => -x), 0, 'zImag_Ohm = −(−Im Z)');
        checked++;
      }
      const temp = raw('Temperature/°C');
      if (temp) {
        assert.equal(mismatches(c.temperature_K!, temp, (x) => x + 273.15), 0, 'temperature_K');
        checked++;
      }
      // Unconverted columns: the standard column is the vendor column's own array (decoded once, by the
      // one-pass decoder, and handed to the raw column).
      const same: [keyof typeof c, string][] = [['time_s', 'time/s'], ['voltage_V', 'Ewe/V'], ['step', 'Ns'], ['frequency_Hz', 'freq/Hz']];
      for (const [std, name] of same) {
        const col = m.raw.find((r) => r.name === name);
        if (!col || !c[std]) continue;
        assert.equal(c[std], col.values, `${std} is raw '${name}' itself`);
        checked++;
      }
      assert.ok(checked >= 2, `${file}: only ${checked} columns checked`);
    });
  }
});

describe('.mpr one-pass decode (WebAssembly and TypeScript) equals the column-wise normalisation of its vendor columns', () => {
  it('the WebAssembly decode is available in Node 20', () => assert.ok(MprDecodeKernel.get()));
  for (const kernels of ['wasm', 'js'] as const) {
    for (const file of FILES) {
      it(`${file} (${kernels})`, () => {
        const m = readMpr(readFixtureBytes('cyclers', file), file, { kernels });
        const ref = normaliseBioLogic(m.raw, m.metadata.technique?.[0], {}, m.rows);
        assert.deepEqual(Object.keys(m.columns).sort(), Object.keys(ref.columns).sort(), 'the same standard columns');
        for (const [name, want] of Object.entries(ref.columns)) {
          const got = m.columns[name as keyof typeof m.columns]!;
          assert.equal(got.length, m.rows, name);
          assert.equal(mismatches(got, want, (x) => x), 0, `${file}: ${name}`);
        }
        assert.equal(m.metadata.extra?.['normalisation'], ref.notes.join('; '), 'the same notes');
      });
    }
  }
});
