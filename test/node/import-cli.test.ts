/** `cathodelab import`, run as a user would (child process). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliProcess } from '../helpers/cli.js';
import { fixturePath, readFixtureBytes } from '../helpers/fixtures.js';
import { assertClose } from '../helpers/close.js';

const GCPL = fixturePath('cyclers', 'gcpl.pr_182.1.mpr');

describe('cathodelab import', () => {
  it('--json --summary --mass-mg: one object with format, technique, rows, columns, metadata and the per-cycle table in mAh/g', () => {
    const r = runCliProcess(['import', GCPL, '--json', '--summary', '--mass-mg', '10']);
    assert.equal(r.code, 0, r.stderr);
    const o = JSON.parse(r.stdout);
    assert.equal(o.format, 'biologic-mpr');
    assert.equal(o.technique, 'GCPL');
    assert.equal(o.rows, 2533);
    assert.ok(o.columns.includes('voltage_V') && o.columns.includes('current_A'));
    assert.ok(o.rawColumns.includes('Q charge/discharge/mA.h'));
    assert.equal(o.summary.activeMassMg, 10);
    assert.equal(o.summary.cycles.length, 5);
    // Cycle 1: EC-Lab's own per-cycle numbers (gcpl.pr_182.1.mpt): Q charge 2.616072 mAh, Q discharge 2.252434 mAh.
    const c1 = o.summary.cycles[1];
    assertClose(c1.chargeCapacityMah, 2.616072003, { rel: 1e-9 });
    assertClose(c1.dischargeCapacityMah, 2.252434089, { rel: 1e-9 });
    assertClose(c1.dischargeCapacityMahPerG, 2.252434089 / 0.01, { rel: 1e-9 }); // mAh / (10 mg = 0.01 g)
    assertClose(c1.coulombicEfficiencyPct, 86.099854, { rel: 1e-6 });
    assert.equal(o.summary.cycles[0].coulombicEfficiencyPct, null); // no charge in cycle 0: no CE, not NaN
  });

  it('plain text report names units in headers; --convention flips CE', () => {
    const r = runCliProcess(['import', GCPL, '--summary', '--convention', 'charge/discharge']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /format\s+biologic-mpr/);
    assert.match(r.stdout, /Q ch \(mAh\)\s+Q dis \(mAh\)\s+CE \(%\)/);
    assert.match(r.stdout, /CE = charge\/discharge/);
    assert.match(r.stdout, /116\.1/); // 2.616072 / 2.252434 = 116.14 %
  });

  it('--out writes BDF CSV and JSON; the CSV header uses BDF labels', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-import-'));
    try {
      const csv = join(dir, 'out.csv');
      const r = runCliProcess(['import', fixturePath('cyclers', 'cp.mpr'), '--out', csv]);
      assert.equal(r.code, 0, r.stderr);
      const lines = readFileSync(csv, 'utf8').trimEnd().split('\n');
      assert.equal(lines.length, 122);
      assert.ok(lines[0].startsWith('Test Time / s,Voltage / V,Current / A'));
      // cp.mpt: I = −99.888 mA on the first row → −0.099888 A.
      assertClose(Number(lines[1].split(',')[2]), -0.099888, { rel: 1e-6 });
      const json = join(dir, 'out.json');
      assert.equal(runCliProcess(['import', fixturePath('cyclers', 'cp.mpr'), '--out', json]).code, 0);
      const j = JSON.parse(readFileSync(json, 'utf8'));
      assert.equal(j.columns.time_s.length, 121);
      assert.ok(j.raw.some((c: { name: string }) => c.name === 'I/mA'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--stream gives the same summary as reading the whole .mpt', () => {
    const a = JSON.parse(runCliProcess(['import', fixturePath('cyclers', 'gcpl.pr_182.1.mpt'), '--json', '--summary']).stdout);
    const r = runCliProcess(['import', fixturePath('cyclers', 'gcpl.pr_182.1.mpt'), '--json', '--summary', '--stream']);
    assert.equal(r.code, 0, r.stderr);
    const b = JSON.parse(r.stdout);
    assert.equal(b.rows, a.rows);
    assert.deepEqual(b.columns, a.columns);
    assert.deepEqual(b.summary, a.summary);
  });

  it('--stream on an EC-Lab CSV (date-time time column) gives the same summary as reading it whole', () => {
    const file = fixturePath('cyclers', 'test_loopsnewoutput_MB_CE1_short10k.csv');
    const a = JSON.parse(runCliProcess(['import', file, '--json', '--summary']).stdout);
    const r = runCliProcess(['import', file, '--json', '--summary', '--stream']);
    assert.equal(r.code, 0, r.stderr);
    const b = JSON.parse(r.stdout);
    assert.equal(a.format, 'biologic-csv');
    assert.equal(b.rows, 9999);
    assert.deepEqual(b.columns, a.columns);
    assert.deepEqual(b.summary, a.summary);
    assert.equal(b.metadata.startTime, '2021-05-05T15:36:22.757');
  });

  it('--stream on an .mpr (read a batch of records at a time) gives the same summary as reading it whole', () => {
    const file = fixturePath('cyclers', 'gcpl.pr_182.1.mpr');
    const a = JSON.parse(runCliProcess(['import', file, '--json', '--summary']).stdout);
    const r = runCliProcess(['import', file, '--json', '--summary', '--stream']);
    assert.equal(r.code, 0, r.stderr);
    const b = JSON.parse(r.stdout);
    assert.equal(b.format, 'biologic-mpr');
    assert.equal(b.rows, 2533);
    assert.deepEqual(b.columns, a.columns);
    assert.deepEqual(b.rawColumns, a.rawColumns);
    assert.deepEqual(b.summary, a.summary);
  });

  it('--steps: gcpl.issue_149.mpr is 4 × (rest, +30 µA charge, −30 µA discharge), 11 points and 10 s each', () => {
    const r = runCliProcess(['import', fixturePath('cyclers', 'gcpl.issue_149.mpr'), '--steps', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const steps = JSON.parse(r.stdout).steps as { type: string; rows: number; durationS: number; meanCurrentMa: number }[];
    assert.deepEqual(steps.map((s) => s.type), Array.from({ length: 4 }, () => ['rest', 'charge', 'discharge']).flat());
    assert.ok(steps.every((s) => s.rows === 11 && Math.abs(s.durationS - 10) < 1e-3));
    assert.equal(steps.reduce((n, s) => n + s.rows, 0), 132);
    const text = runCliProcess(['import', fixturePath('cyclers', 'gcpl.issue_149.mpr'), '--steps']).stdout;
    assert.match(text, /steps \(12\)\nstep\s+cycle\s+type\s+rows\s+duration \(s\)\s+mean I \(mA\)/);
  });

  it('bad input: one-line errors, non-zero exit, no stack', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-import-'));
    try {
      const cut = join(dir, 'cut.mpr');
      writeFileSync(cut, readFixtureBytes('cyclers', 'cp.mpr').subarray(0, 9000));
      const r = runCliProcess(['import', cut]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^error: .*cut\.mpr, byte \d+: module "VMP data" declares 6335 bytes but only \d+ remain/);
      assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/);
      const m = runCliProcess(['import', GCPL, '--mass-mg', '-3']);
      assert.equal(m.code, 1);
      assert.match(m.stderr, /^error: field '--mass-mg': expected a positive number \(mg\), found '-3'/);
      const o = runCliProcess(['import', GCPL, '--out', join(dir, 'x.txt')]);
      assert.equal(o.code, 1);
      assert.match(o.stderr, /expected a file name ending in \.csv/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
