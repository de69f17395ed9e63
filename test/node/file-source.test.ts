/**
 * Reading instrument files from disk (src/node/io/file-source.ts + readMeasurementSource): an .mpr is
 * read and decoded a piece at a time and its vendor columns are read from the file again when first
 * used; everything must equal reading the same bytes from memory, and a file that changed or went
 * away before a vendor column is read must give an InputError, never another file's bytes.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath, readFixtureBytes } from '../helpers/fixtures.js';
import { readMpr } from '../../src/core/io/biologic/mpr.js';
import { readMeasurement } from '../../src/core/io/formats.js';
import type { Measurement } from '../../src/core/io/measurement.js';
import { readMeasurementFile } from '../../src/node/cli/analysis-input.js';
import { fileSource } from '../../src/node/io/file-source.js';
import { CathodeLabError, InputError } from '../../src/core/errors.js';

const MPR = readdirSync(fixturePath('cyclers')).filter((f) => f.endsWith('.mpr'));

/** Rows where two columns differ (=== semantics; NaN equals NaN). */
function differences(a: Float64Array, b: Float64Array): number {
  assert.equal(a.length, b.length);
  let bad = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) bad++;
  return bad;
}

function assertSame(got: Measurement, want: Measurement, label: string): void {
  assert.equal(got.format, want.format, label);
  assert.equal(got.rows, want.rows, label);
  assert.deepEqual(got.metadata, want.metadata, label);
  assert.deepEqual(got.warnings, want.warnings, label);
  assert.deepEqual(Object.keys(got.columns), Object.keys(want.columns), label);
  for (const [name, col] of Object.entries(want.columns)) assert.equal(differences(got.columns[name as keyof typeof got.columns]!, col), 0, `${label}: ${name}`);
  assert.deepEqual(got.raw.map((r) => r.name), want.raw.map((r) => r.name), label);
  for (let k = 0; k < want.raw.length; k++) assert.equal(differences(got.raw[k].values, want.raw[k].values), 0, `${label}: raw '${want.raw[k].name}'`);
}

describe('an .mpr from its path, piece by piece, equals the same bytes read in memory', () => {
  for (const kernels of ['wasm', 'js'] as const) {
    for (const file of MPR) {
      it(`${file} (${kernels})`, () => {
        const fromPath = readMeasurementFile(fixturePath('cyclers', file), undefined, { kernels });
        const inMemory = readMpr(readFixtureBytes('cyclers', file), file, { kernels: 'js' });
        assertSame(fromPath, inMemory, file);
      });
    }
  }
  it('other formats from their path equal readMeasurement of their bytes (.mpt, .res, .ndax, Maccor)', () => {
    for (const file of ['gcpl.pr_182.1.mpt', '20160805_test001_45_cc_01.res', '20260302_IFE_BTS85_2_9_8_1.ndax', 'maccor_two.txt']) {
      assertSame(readMeasurementFile(fixturePath('cyclers', file)), readMeasurement(readFixtureBytes('cyclers', file), file), file);
    }
  });
  it('reports progress up to 1 on a file of many pieces (biol.mpr, 3.6 MB)', () => {
    const seen: number[] = [];
    readMeasurementFile(fixturePath('cyclers', 'biol.mpr'), undefined, { onProgress: (f) => seen.push(f) });
    assert.ok(seen.length >= 10, `${seen.length} progress calls`);
    assert.equal(seen[seen.length - 1], 1);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i] > seen[i - 1]);
  });
});

describe('a file that changes before its vendor columns are read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cathodelab-file-source-'));
  const copy = (name: string): string => {
    const path = join(dir, name);
    copyFileSync(fixturePath('cyclers', 'cp.mpr'), path);
    return path;
  };
  const vendor = (m: Measurement): Float64Array => m.raw.find((r) => r.name === 'control/mA')!.values;

  it('unchanged: the vendor column is read from the file and equals the in-memory one', () => {
    const m = readMeasurementFile(copy('same.mpr'));
    assert.equal(differences(vendor(m), vendor(readMpr(readFixtureBytes('cyclers', 'cp.mpr'), 'cp.mpr'))), 0);
  });
  it('rewritten with other bytes: an InputError naming the file, not the new bytes', () => {
    const path = copy('rewritten.mpr');
    const m = readMeasurementFile(path);
    const bytes = readFixtureBytes('cyclers', 'cp.mpr');
    writeFileSync(path, bytes.subarray(0, bytes.length - 100));
    assert.throws(() => vendor(m), (e: unknown) => e instanceof InputError && e.message.includes(path) && /changed file/.test(e.message));
  });
  it('touched (same size, new modification time): an InputError too', () => {
    const path = copy('touched.mpr');
    const m = readMeasurementFile(path);
    utimesSync(path, new Date(2001, 0, 1), new Date(2001, 0, 1));
    assert.throws(() => vendor(m), InputError);
  });
  it('removed: an InputError naming the file', () => {
    const path = copy('removed.mpr');
    const m = readMeasurementFile(path);
    rmSync(path);
    assert.throws(() => vendor(m), (e: unknown) => e instanceof InputError && e.message.includes(path));
  });
  it('no file, or a directory: InputErrors', () => {
    assert.throws(() => fileSource(join(dir, 'missing.mpr')), (e: unknown) => e instanceof CathodeLabError && /no such file/.test(e.message));
    assert.throws(() => fileSource(dir), (e: unknown) => e instanceof InputError && /directory/.test(e.message));
  });
  it('cleans up', () => rmSync(dir, { recursive: true, force: true }));
});
