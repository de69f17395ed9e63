// `cathodelab import --mapping`: any table read through a column-mapping file, checked against the
// GITT fixture's PROVENANCE.md (8,987 data rows; first row 0-0:00:00, 0.5823 mA, 2.0477 V).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runCliProcess } from '../helpers/cli.js';
import { fixturePath, readFixtureText } from '../helpers/fixtures.js';
import { assertClose } from '../helpers/close.js';

const LAND_MAPPING = {
  columns: {
    TestTime: { column: 'time_s', unit: 'hh:mm:ss' },
    'Current/mA': { column: 'current_A', unit: 'mA', sign: 'positive-charge' },
    'Voltage/V': { column: 'voltage_V', unit: 'V' },
  },
};

/**
 * Charge and discharge passed, by the trapezoid rule on the raw CSV, independently of the readers:
 * LAND times are D-H:MM:SS; the ",," separator line is skipped; the current is in mA.
 */
function chargePassedMah(csv: string): { charge: number; discharge: number } {
  let charge = 0;
  let discharge = 0;
  let tPrev = NaN;
  let iPrev = NaN;
  for (const line of csv.split(/\r?\n/).slice(1)) {
    const [time, current] = line.split(',');
    if (!time || !current) continue;
    const [day, hms] = time.split('-');
    const [h, m, sec] = hms.split(':').map(Number);
    const t = Number(day) * 86400 + h * 3600 + m * 60 + sec;
    const i = Number(current);
    if (Number.isFinite(tPrev)) {
      // Each interval is counted in the direction of its own current (rests and sign changes give 0).
      const q = ((i + iPrev) / 2) * (t - tPrev) / 3600;
      if (i > 0 && iPrev > 0) charge += q;
      if (i < 0 && iPrev < 0) discharge -= q;
    }
    tPrev = t;
    iPrev = i;
  }
  return { charge, discharge };
}

test('import --mapping reads the LAND GITT export: rows, columns and the charge passed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cathodelab-map-'));
  try {
    const mapping = join(dir, 'land.json');
    writeFileSync(mapping, JSON.stringify(LAND_MAPPING));
    const r = runCliProcess(['import', fixturePath('gitt', 'GITT.csv'), '--mapping', mapping, '--summary', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { rows: number; columns: string[]; summary: { cycles: { chargeCapacityMah: number; dischargeCapacityMah: number }[] } };
    assert.equal(out.rows, 8987); // PROVENANCE.md: 8,987 data rows (the ",," separator is not a row)
    // stepType is derived from the sign of the current (no step column in the file).
    assert.deepEqual([...out.columns].sort(), ['current_A', 'stepType', 'time_s', 'voltage_V']);
    const expected = chargePassedMah(readFixtureText('gitt', 'GITT.csv'));
    assert.equal(out.summary.cycles.length, 1);
    assertClose(out.summary.cycles[0].chargeCapacityMah, expected.charge, { rel: 2e-3 }, 'charge passed (mAh)');
    assertClose(out.summary.cycles[0].dischargeCapacityMah, expected.discharge, { rel: 2e-3 }, 'discharge passed (mAh)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('import --mapping with a mapping that lacks the sign of the current is a one-line error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cathodelab-map-'));
  try {
    const mapping = join(dir, 'bad.json');
    writeFileSync(mapping, JSON.stringify({ columns: { 'Current/mA': { column: 'current_A', unit: 'mA' } } }));
    const r = runCliProcess(['import', fixturePath('gitt', 'GITT.csv'), '--mapping', mapping]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /^error: .*sign/m);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.equal(r.stdout, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
