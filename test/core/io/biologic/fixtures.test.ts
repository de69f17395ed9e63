/**
 * Every BioLogic fixture in ../shared/fixtures/cyclers is read, and every value PROVENANCE.md lists for
 * it is checked: row counts (n_points), stored .mpr columns, first/last values, cycle counts, data-module
 * versions, EC-Lab versions. PROVENANCE gives values to 7 significant digits, hence rel 1e-6.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFixtureBytes } from '../../../helpers/fixtures.js';
import { assertClose } from '../../../helpers/close.js';
import { readMpr } from '../../../../src/core/io/biologic/mpr.js';
import { readMpt } from '../../../../src/core/io/biologic/mpt.js';
import { readMeasurement } from '../../../../src/core/io/formats.js';
import type { Measurement } from '../../../../src/core/io/measurement.js';

const mpr = (name: string): Measurement => readMpr(readFixtureBytes('cyclers', name), name);
const mpt = (name: string): Measurement => readMpt(readFixtureBytes('cyclers', name), name);
const rawOf = (m: Measurement, name: string): Float64Array => {
  const c = m.raw.find((r) => r.name === name);
  assert.ok(c, `${m.source}: column '${name}' missing (have ${m.raw.map((r) => r.name).join(', ')})`);
  return c.values;
};
function firstLast(m: Measurement, name: string, first: number, last: number, rel = 1e-6, abs = 0): void {
  const v = rawOf(m, name);
  assertClose(v[0], first, { rel, abs }, `${m.source} ${name}[0]`);
  assertClose(v[v.length - 1], last, { rel, abs }, `${m.source} ${name}[-1]`);
}
const FLAGS = ['flags', 'mode', 'ox/red', 'error', 'control changes', 'Ns changes', 'counter inc.'];
/** The .mpr's stored columns with the unpacked flags folded back into PROVENANCE's one "flags" entry. */
function storedColumns(m: Measurement): string[] {
  const names = m.raw.map((r) => r.name);
  const out: string[] = [];
  for (const n of names) {
    if (FLAGS.includes(n)) {
      if (!out.includes('flags')) out.push('flags');
    } else out.push(n);
  }
  return out;
}

// The table of PROVENANCE.md §1, column lists written with EC-Lab's .mpt names.
interface Case {
  base: string;
  technique: string;
  dataVersion: number;
  ecLab: string | undefined;
  rows: number;
  columns: string[];
  check: (a: Measurement, b: Measurement) => void;
}
const CASES: Case[] = [
  {
    base: 'gcpl.issue_149', technique: 'GCPL', dataVersion: 11, ecLab: '11.50', rows: 132,
    columns: ['flags', 'Ns', 'time/s', 'dq/mA.h', '(Q-Qo)/mA.h', 'control/V/mA', 'Ewe/V', 'I Range', 'Q charge/discharge/mA.h', 'half cycle', 'P/W'],
    check: (a, b) => {
      for (const m of [a, b]) {
        firstLast(m, 'time/s', 30.153, 659.9858);
        firstLast(m, 'Ewe/V', 3.422872, 3.432014);
        firstLast(m, 'Q charge/discharge/mA.h', 0, -8.33241e-5);
      }
    },
  },
  {
    base: 'gcpl.issue_226.I', technique: 'GCPL', dataVersion: 11, ecLab: '11.61', rows: 15,
    columns: ['flags', 'Ns', 'time/s', 'dq/mA.h', '(Q-Qo)/mA.h', 'control/V/mA', 'Ewe/V', 'Ece/V', 'I Range', 'Q charge/discharge/mA.h', 'half cycle'],
    check: (a, b) => {
      for (const m of [a, b]) {
        firstLast(m, 'time/s', 0.0482, 118.8656);
        firstLast(m, 'Ewe/V', -0.05030638, -0.2091983);
      }
    },
  },
  {
    base: 'gcpl.pr_182.1', technique: 'GCPL', dataVersion: 3, ecLab: undefined, rows: 2533,
    columns: ['flags', 'Ns', 'time/s', 'dq/mA.h', 'control/V/mA', 'Ewe/V', 'I Range', 'Ece/V', 'P/W', 'Q charge/discharge/mA.h', 'half cycle', '(Q-Qo)/mA.h', 'Energy charge/W.h', 'Energy discharge/W.h', 'Capacitance charge/µF', 'Capacitance discharge/µF'],
    check: (a, b) => {
      for (const m of [a, b]) {
        firstLast(m, 'time/s', 0, 302518.9);
        firstLast(m, 'Ewe/V', 2.340309, 1.15945);
        firstLast(m, 'Q charge/discharge/mA.h', 0, 1.978895);
      }
      firstLast(b, 'cycle number', 0, 4);
      // The .mpr stores no cycle number; ours is floor(half cycle / 2) and must give the same 0 → 4 …
      assert.equal(a.columns.cycle?.[0], 0);
      assert.equal(a.columns.cycle?.[a.rows - 1], 4);
    },
  },
  {
    base: 'mb.issue_95', technique: 'MB', dataVersion: 3, ecLab: '11.43', rows: 33,
    columns: ['flags', 'Ns', 'I Range', 'time/s', 'control/mA', 'Ewe/V', 'I/mA', 'dq/mA.h', '(Q-Qo)/mA.h', '|Energy|/W.h', 'Q charge/discharge/mA.h', 'half cycle', 'Energy charge/W.h', 'Energy discharge/W.h', 'Capacitance charge/µF', 'Capacitance discharge/µF'],
    check: (a, b) => {
      for (const m of [a, b]) {
        firstLast(m, 'I/mA', 0, -64.98028);
        firstLast(m, 'Q charge/discharge/mA.h', 0, -0.1805086);
      }
    },
  },
  {
    base: 'mb.issue_223', technique: 'MB', dataVersion: 11, ecLab: '11.61', rows: 108,
    columns: ['flags', 'Ns', 'I Range', 'time/s', 'control/V/mA', 'Ewe/V', 'I/mA', 'dq/mA.h', '(Q-Qo)/mA.h', 'freq/Hz', '|Z|/Ohm', 'Phase(Z)/deg', 'Q charge/discharge/mA.h', 'half cycle', 'Energy we/W.h', 'z cycle'],
    check: (a, b) => {
      for (const m of [a, b]) {
        firstLast(m, 'time/s', 0, 179.0766);
        firstLast(m, 'Ewe/V', 3.69815, 3.698017);
      }
      // PROVENANCE: column ids 368 and 981 (high-byte variants) are used; read without a warning.
      const ids = String(a.metadata.extra?.['column ids']).split(' ').map(Number);
      assert.ok(ids.includes(368) && ids.includes(981));
      assert.deepEqual(a.warnings, []);
    },
  },
  {
    base: 'cv', technique: 'CV', dataVersion: 2, ecLab: '11.12', rows: 5103,
    columns: ['flags', 'time/s', 'control/V', 'Ewe/V', '<I>/mA', 'cycle number', '(Q-Qo)/C'],
    check: (a, b) => {
      for (const m of [a, b]) {
        firstLast(m, 'time/s', 43202.04, 149651.4);
        firstLast(m, 'Ewe/V', 2.480712, 3.163259);
        firstLast(m, '<I>/mA', -1.235984e-6, 6.838552e-4);
        firstLast(m, 'cycle number', 1, 2);
      }
    },
  },
  {
    base: 'peis', technique: 'PEIS', dataVersion: 3, ecLab: '11.33', rows: 32,
    columns: ['freq/Hz', 'Re(Z)/Ohm', '-Im(Z)/Ohm', '|Z|/Ohm', 'Phase(Z)/deg', 'time/s', '<Ewe>/V', '<I>/mA', 'Cs/µF', 'Cp/µF', 'cycle number', 'I Range', '|Ewe|/V', '|I|/A', '(Q-Qo)/mA.h', '<Ece>/V', '|Ece|/V', 'Phase(Zce)/deg', '|Zce|/Ohm', 'Re(Zce)/Ohm', '-Im(Zce)/Ohm', 'Phase(Zwe-ce)/deg', '|Zwe-ce|/Ohm', 'Re(Zwe-ce)/Ohm', '-Im(Zwe-ce)/Ohm'],
    check: (a, b) => {
      for (const m of [a, b]) {
        firstLast(m, 'freq/Hz', 199998.1, 1.000062);
        firstLast(m, 'Re(Z)/Ohm', 10.5123, 18.02431);
        firstLast(m, '-Im(Z)/Ohm', 0.7304766, 2.696253);
        // zImag keeps the physical sign: −(−Im Z).
        assertClose(m.columns.zImag_Ohm![0], -0.7304766, { rel: 1e-6 }, 'zImag[0]');
      }
    },
  },
  {
    base: 'peis.issue_149', technique: 'PEIS', dataVersion: 11, ecLab: '11.50', rows: 84,
    columns: ['freq/Hz', 'Re(Z)/Ohm', '-Im(Z)/Ohm', '|Z|/Ohm', 'Phase(Z)/deg', 'time/s', '<Ewe>/V', '<I>/mA', 'Cs/µF', 'Cp/µF', 'cycle number', 'I Range', '|Ewe|/V', '|I|/A', 'Ns', '(Q-Qo)/mA.h', 'P/W', 'THD Ewe/%', 'NSD Ewe/%', 'NSR Ewe/%', '|Ewe h2|/V', '|Ewe h3|/V', '|Ewe h4|/V', '|Ewe h5|/V', '|Ewe h6|/V', '|Ewe h7|/V', 'THD I/%', 'NSD I/%', 'NSR I/%', '|I h2|/A', '|I h3|/A', '|I h4|/A', '|I h5|/A', '|I h6|/A', '|I h7|/A'],
    check: (a, b) => {
      for (const m of [a, b]) {
        firstLast(m, 'freq/Hz', 199998.1, 99.96816);
        firstLast(m, 'Re(Z)/Ohm', 12.75328, 82.63319);
        firstLast(m, 'cycle number', 1, 4);
      }
    },
  },
  {
    base: 'geis.issue_149', technique: 'GEIS', dataVersion: 11, ecLab: '11.50', rows: 84,
    columns: ['freq/Hz', 'Re(Z)/Ohm', '-Im(Z)/Ohm', '|Z|/Ohm', 'Phase(Z)/deg', 'time/s', '<Ewe>/V', '<I>/mA', 'Cs/µF', 'Cp/µF', 'cycle number', '|Ewe|/V', '|I|/A', 'Ns', 'I Range', '(Q-Qo)/mA.h', 'P/W', 'THD Ewe/%', 'NSD Ewe/%', 'NSR Ewe/%', '|Ewe h2|/V', '|Ewe h3|/V', '|Ewe h4|/V', '|Ewe h5|/V', '|Ewe h6|/V', '|Ewe h7|/V', 'THD I/%', 'NSD I/%', 'NSR I/%', '|I h2|/A', '|I h3|/A', '|I h4|/A', '|I h5|/A', '|I h6|/A', '|I h7|/A'],
    check: (a, b) => {
      for (const m of [a, b]) {
        firstLast(m, 'Re(Z)/Ohm', 10.07882, 83.41333);
        firstLast(m, '-Im(Z)/Ohm', -2.17456, 17.5659);
      }
    },
  },
  {
    base: 'cp', technique: 'CP', dataVersion: 3, ecLab: '11.33', rows: 121,
    columns: ['flags', 'Ns', 'time/s', 'control/mA', '<Ewe>/V', 'I/mA', 'dQ/C', '(Q-Qo)/C', 'half cycle', 'Q charge/discharge/mA.h', 'I Range', '<Ece>/V'],
    check: (a, b) => {
      for (const m of [a, b]) {
        firstLast(m, 'I/mA', -99.888, -99.91855);
        firstLast(m, 'Q charge/discharge/mA.h', 0, -3.302616);
      }
    },
  },
  {
    base: 'ca.issue_149', technique: 'CA', dataVersion: 11, ecLab: '11.50', rows: 80,
    columns: ['flags', 'Ns', 'time/s', 'control/V', 'Ewe/V', '<I>/mA', 'dQ/C', '(Q-Qo)/C', 'I Range', 'Q charge/discharge/mA.h', 'half cycle', 'P/W'],
    check: (a, b) => {
      for (const m of [a, b]) firstLast(m, '<I>/mA', 0.009693702, 0.01332343);
    },
  },
  {
    base: 'ocv', technique: 'OCV', dataVersion: 3, ecLab: '11.30', rows: 602,
    columns: ['flags', 'time/s', 'Ewe/V'],
    check: (a, b) => {
      for (const m of [a, b]) {
        firstLast(m, 'time/s', 0, 36000);
        firstLast(m, 'Ewe/V', 0.2559445, 0.4419447);
      }
    },
  },
  {
    base: 'bcd.issue_241', technique: 'BCD', dataVersion: 3, ecLab: '1.79', rows: 2550,
    columns: ['flags', 'time/s', 'control/V/mA', 'Ecell/V', 'I/mA', 'dq/mA.h', '(Q-Qo)/mA.h', 'I Range', 'Q charge/discharge/mA.h', 'half cycle'],
    check: (a, b) => {
      for (const m of [a, b]) {
        firstLast(m, 'Ecell/V', 0.8135797, 0.9999492);
        firstLast(m, 'I/mA', -0.5707282, 0.5697845);
        firstLast(m, 'Q charge/discharge/mA.h', 0, 5.452106);
        assertClose(m.columns.voltage_V![0], 0.8135797, { rel: 1e-6 }, 'voltage_V from Ecell');
      }
      assert.equal(b.metadata.instrument, 'BioLogic (BT-Lab)'); // the .mpt header says "BT-LAB for windows v1.79"; the .mpr does not say
    },
  },
  {
    base: 'zir', technique: 'ZIR', dataVersion: 2, ecLab: '11.18', rows: 1,
    columns: ['freq/Hz', 'Re(Z)/Ohm', '-Im(Z)/Ohm', '|Z|/Ohm', 'Phase(Z)/deg', 'time/s', '<Ewe>/V', '<I>/mA', 'I Range', '|Ewe|/V', '|I|/A'],
    check: (a, b) => {
      for (const m of [a, b]) {
        firstLast(m, 'freq/Hz', 10019.53, 10019.53);
        firstLast(m, 'Re(Z)/Ohm', 104070.6, 104070.6);
        firstLast(m, '-Im(Z)/Ohm', 93853.56, 93853.56);
      }
    },
  },
  {
    base: 'wait', technique: 'WAIT', dataVersion: 3, ecLab: '11.33', rows: 0,
    columns: ['flags', 'time/s', 'Ewe/V', 'I/mA', 'Ece/V'],
    check: (a, b) => {
      for (const m of [a, b]) {
        assert.equal(m.rows, 0);
        assert.equal(m.columns.time_s?.length, 0);
      }
    },
  },
  {
    base: 'vsp_ocv_with', technique: 'OCV', dataVersion: 3, ecLab: undefined, rows: 13,
    columns: ['flags', 'time/s', 'Ewe/V', 'Analog IN 1/V', 'Analog IN 2/V'],
    check: (a) => {
      // ExtDev module, no LOG: no absolute timestamp.
      assert.equal(a.metadata.startTime, undefined);
      assert.ok(a.warnings.some((w) => w.includes('no "VMP LOG" module')));
    },
  },
];

describe('BioLogic fixtures: PROVENANCE.md values', () => {
  for (const c of CASES) {
    it(`${c.base}: ${c.technique}, data version ${c.dataVersion}, ${c.rows} rows`, () => {
      const a = mpr(`${c.base}.mpr`);
      const b = mpt(`${c.base}.mpt`);
      assert.equal(a.rows, c.rows);
      assert.equal(b.rows, c.rows);
      for (const r of a.raw) assert.equal(r.values.length, c.rows);
      assert.deepEqual(storedColumns(a), c.columns);
      assert.equal(a.metadata.extra?.['data module version'], c.dataVersion);
      assert.equal(a.metadata.softwareVersion, c.ecLab);
      assert.deepEqual(a.metadata.technique, [c.technique]);
      // The .mpt always has at least the .mpr's columns (PROVENANCE: "more columns than the .mpr").
      assert.ok(b.raw.length >= a.raw.length - 1, `${c.base}: mpt has ${b.raw.length} columns, mpr ${a.raw.length}`);
      if (c.ecLab) assert.deepEqual(b.metadata.technique, [c.technique]);
      c.check(a, b);
    });
  }

  it('biol.mpr (cellpy): MB, data version 2, EC-Lab 11.10, 23561 points, 36 column ids', () => {
    const m = mpr('biol.mpr');
    assert.equal(m.rows, 23561);
    assert.equal(m.metadata.extra?.['data module version'], 2);
    assert.equal(m.metadata.softwareVersion, '11.10');
    assert.deepEqual(m.metadata.technique, ['MB']);
    const ids = String(m.metadata.extra?.['column ids']).split(' ').map(Number);
    assert.equal(ids.length, 36);
    for (const id of [467, 468, 469, 471, 430, 431, 432, 433]) assert.ok(ids.includes(id), `id ${id}`);
    assert.deepEqual(m.warnings, []);
  });

  it('gcpl.pr_182.1: cycle = floor(half cycle / 2) equals the .mpt "cycle number" on every row', () => {
    const a = mpr('gcpl.pr_182.1.mpr');
    const b = mpt('gcpl.pr_182.1.mpt');
    const cyc = rawOf(b, 'cycle number');
    for (let i = 0; i < a.rows; i++) assert.equal(a.columns.cycle![i], cyc[i], `row ${i}`);
  });

  it('.mpr LOG/settings metadata equals the .mpt header: start time to the ms, EC-Lab version, channel, active mass', () => {
    for (const base of ['bcd.issue_241', 'ca.issue_149', 'cp', 'cv', 'gcpl.issue_149', 'gcpl.issue_226.I', 'geis.issue_149', 'mb.issue_223', 'mb.issue_95', 'ocv', 'peis.issue_149', 'peis', 'wait', 'zir']) {
      const a = mpr(`${base}.mpr`).metadata;
      const b = mpt(`${base}.mpt`).metadata;
      assert.equal(a.startTime, b.startTime, base);
      assert.equal(a.softwareVersion, b.softwareVersion, base);
      if (base !== 'bcd.issue_241') assert.equal(a.channel, b.channel, base); // BT-Lab names channels "B1"; the .mpr stores an index
      assert.equal(a.activeMassKg, b.activeMassKg, base);
    }
    // The two files that state a mass: 7000 mg (BT-Lab BCD) and 1.390 mg (gcpl.issue_226.I).
    assertClose(mpr('bcd.issue_241.mpr').metadata.activeMassKg!, 0.007, { rel: 1e-12 });
    assertClose(mpr('gcpl.issue_226.I.mpr').metadata.activeMassKg!, 1.39e-6, { rel: 1e-12 });
  });

  it('the registry picks each reader by content, not by extension', () => {
    const bytes = readFixtureBytes('cyclers', 'ocv.mpr');
    assert.equal(readMeasurement(bytes, 'renamed.dat').format, 'biologic-mpr');
    assert.equal(readMeasurement(readFixtureBytes('cyclers', 'ocv.mpt'), 'x.txt').format, 'biologic-mpt');
  });
});
