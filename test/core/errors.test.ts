import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError, FormatError, UnknownNameError, CathodeLabError } from '../../src/core/errors.js';

test('InputError names the file, line and field, then expected and found', () => {
  const e = new InputError({ file: 'cell.json', line: 12, field: 'cathode.loadingMgPerCm2' }, 'a positive number (mg/cm²)', '-3');
  assert.equal(e.message, "cell.json, line 12, field 'cathode.loadingMgPerCm2': expected a positive number (mg/cm²), found -3");
  assert.ok(e instanceof CathodeLabError);
  assert.equal(e.code, 'INPUT');
});

test('FormatError gives a byte offset for binary files', () => {
  const e = new FormatError({ file: 'x.mpr', byteOffset: 1024 }, 'module header truncated');
  assert.equal(e.message, 'x.mpr, byte 1024: module header truncated');
});

test('UnknownNameError lists the known names', () => {
  const e = new UnknownNameError('material', 'NCM911', ['NCM811', 'LLZO']);
  assert.equal(e.message, "unknown material 'NCM911'; known: NCM811, LLZO");
});
