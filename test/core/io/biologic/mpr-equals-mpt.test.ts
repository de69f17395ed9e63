/**
 * yadg's consistency check (PROVENANCE.md §1, tests/test_x_eclab.py::test_eclab_consistency), done
 * here: every column of each .mpr equals the same-named column of its .mpt export within rtol 1e-5,
 * atol 1e-8, column by column, matched by name; and so does every normalised standard column.
 * For peis/geis.issue_149 the THD/NSD/NSR and harmonic columns are compared only below 100 kHz: above
 * it EC-Lab writes −1/0 into the .mpt (yadg: test_eclab_consistency_partial_149).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFixtureBytes } from '../../../helpers/fixtures.js';
import { readMpr } from '../../../../src/core/io/biologic/mpr.js';
import { readMpt } from '../../../../src/core/io/biologic/mpt.js';
import { STANDARD_COLUMNS } from '../../../../src/core/io/measurement.js';

const PAIRS = ['bcd.issue_241', 'ca.issue_149', 'cp', 'cv', 'gcpl.issue_149', 'gcpl.issue_226.I', 'gcpl.pr_182.1', 'geis.issue_149', 'mb.issue_223', 'mb.issue_95', 'ocv', 'peis.issue_149', 'peis', 'vsp_ocv_with', 'wait', 'zir'];
/** Newer EC-Lab versions export a few columns under a new name. */
const MPT_ALIASES: Record<string, string[]> = {
  'P/W': ['Pwe/W'],
  'Energy charge/W.h': ['Energy we charge/W.h'],
  'Energy discharge/W.h': ['Energy we discharge/W.h'],
};
const HARMONICS = /^(THD|NSD|NSR) |^\|(Ewe|I) h\d\|/;

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b) || (Number.isNaN(a) && Number.isNaN(b));
}

describe('.mpr equals its .mpt export (rtol 1e-5, atol 1e-8)', () => {
  for (const base of PAIRS) {
    it(base, () => {
      const a = readMpr(readFixtureBytes('cyclers', `${base}.mpr`), `${base}.mpr`);
      const b = readMpt(readFixtureBytes('cyclers', `${base}.mpt`), `${base}.mpt`);
      assert.equal(a.rows, b.rows);
      const freq = a.raw.find((r) => r.name === 'freq/Hz')?.values;
      let compared = 0;
      for (const col of a.raw) {
        if (col.name === 'flags') continue; // the packed byte; its bits are compared one by one below
        const names = [col.name, ...(MPT_ALIASES[col.name] ?? [])];
        const other = b.raw.find((r) => names.includes(r.name));
        assert.ok(other, `${base}: .mpt has no column '${col.name}'`);
        const partial = HARMONICS.test(col.name);
        for (let i = 0; i < a.rows; i++) {
          if (partial && freq && freq[i] > 1e5) continue;
          assert.ok(close(col.values[i], other.values[i]), `${base} '${col.name}' row ${i}: mpr ${col.values[i]} vs mpt ${other.values[i]}`);
        }
        compared++;
      }
      assert.ok(compared >= a.raw.length - 1);
      for (const c of STANDARD_COLUMNS) {
        const x = a.columns[c];
        if (!x) continue;
        // The minimal-header .mpt (vsp_ocv_with) names no technique, so OCV rows are 'rest' there.
        if (c === 'stepType' && b.metadata.technique === undefined) continue;
        const y = b.columns[c];
        assert.ok(y, `${base}: standard column ${c} only in the .mpr`);
        // zReal/zImag of Modulo Bat .mpr files come from |Z| and Phase(Z) (f4), so compare them on |Z|'s scale.
        const scale = (i: number): number => (c === 'zReal_Ohm' || c === 'zImag_Ohm' ? Math.hypot(b.columns.zReal_Ohm![i], b.columns.zImag_Ohm![i]) : Math.abs(y[i]));
        for (let i = 0; i < a.rows; i++) assert.ok(Math.abs(x[i] - y[i]) <= 1e-11 + 1e-5 * scale(i), `${base} ${c} row ${i}: ${x[i]} vs ${y[i]}`);
      }
      // And the other way: every standard column of the .mpt is in the .mpr, except the energies, which
      // EC-Lab ≥ 11.50 computes for the export without storing them (the cycle summary integrates V·I).
      for (const c of STANDARD_COLUMNS) {
        if (b.columns[c] && !a.columns[c]) assert.ok(c === 'chargeEnergy_Wh' || c === 'dischargeEnergy_Wh', `${base}: ${c} only in the .mpt`);
      }
    });
  }
});
