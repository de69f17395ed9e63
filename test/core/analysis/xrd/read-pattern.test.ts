import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsvPattern, parseDatPattern, parseUxdPattern, parseXyPattern, readXrdPattern } from '../../../../src/core/analysis/xrd/read-pattern.js';
import { FormatError } from '../../../../src/core/errors.js';
import { readFixtureText } from '../../../helpers/fixtures.js';
import { assertClose } from '../../../helpers/close.js';

test('Bruker UXD fixture: 4001 counts on the grid 15.985 + 0.03·i, wavelengths and anode from the header', () => {
  const p = parseUxdPattern(readFixtureText('xrd', 'LiCoO2.UXD'), 'LiCoO2.UXD');
  assert.equal(p.format, 'bruker-uxd');
  assert.equal(p.twoThetaDeg.length, 4001);
  assertClose(p.twoThetaDeg[0], 15.985, { abs: 1e-12 });
  assertClose(p.twoThetaDeg[4000], 15.985 + 0.03 * 4000, { abs: 1e-9 });
  assert.deepEqual([p.intensity[0], p.intensity[1], p.intensity[4000]], [649, 609, 401]);
  assert.deepEqual(p.wavelengths, { alpha1Angstrom: 1.5406, alpha2Angstrom: 1.54443, alpha2Ratio: 0.514 });
  assert.equal(p.anode, 'Cu');
});

test('.dat fixture (start step end + counts): identical counts to the UXD, grid from 16.000°', () => {
  const d = parseDatPattern(readFixtureText('xrd', 'LiCoO2.dat'), 'LiCoO2.dat');
  const u = parseUxdPattern(readFixtureText('xrd', 'LiCoO2.UXD'), 'LiCoO2.UXD');
  assert.deepEqual(Array.from(d.intensity), Array.from(u.intensity));
  assertClose(d.twoThetaDeg[0], 16, { abs: 1e-12 });
  assert.equal(d.wavelengths, undefined);
  assert.deepEqual(d.warnings, []);
  assert.equal(readXrdPattern(readFixtureText('xrd', 'LiCoO2.dat'), 'LiCoO2.dat').format, 'dat');
});

test('.xy, .csv and two-column .dat text; descending scans are sorted', () => {
  const rows = Array.from({ length: 12 }, (_, i) => [10 + i * 0.5, 100 + i]);
  const xy = parseXyPattern('# 2theta intensity\n' + rows.map((r) => r.join(' ')).join('\n'), 'a.xy');
  assert.deepEqual(Array.from(xy.intensity), rows.map((r) => r[1]));
  const csv = parseCsvPattern('Intensity;2Theta\n' + rows.map((r) => `${r[1]};${r[0]}`).join('\n'), 'a.csv');
  assert.deepEqual(Array.from(csv.twoThetaDeg), rows.map((r) => r[0]));
  assert.deepEqual(Array.from(csv.intensity), rows.map((r) => r[1]));
  const dat = readXrdPattern([...rows].reverse().map((r) => r.join('\t')).join('\n'), 'b.dat');
  assert.deepEqual(Array.from(dat.twoThetaDeg), rows.map((r) => r[0]));
  const pairs = parseUxdPattern("_WL1=1.5406\n_2THETACOUNTS\n" + rows.map((r) => `${r[0]} ${r[1]}`).join('\n'), 'p.uxd');
  assert.equal(pairs.twoThetaDeg.length, 12);
});

test('broken pattern files give a FormatError with the line', () => {
  assert.throws(() => parseXyPattern('10 1\n11 2\n12 x3\n', 'bad.xy'), (e: unknown) => e instanceof FormatError && /bad\.xy, line 3/.test(e.message));
  assert.throws(() => parseXyPattern('10 1\n11 2\n', 'short.xy'), /at least 10 points/);
  assert.throws(() => parseUxdPattern('_WL1=1.54\n_COUNTS\n1 2 3\n', 'nogrid.uxd'), /_START and _STEPSIZE/);
});
