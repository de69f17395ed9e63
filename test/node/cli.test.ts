import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runCliProcess } from '../helpers/cli.js';
import { VERSION } from '../../src/core/version.js';


test('VERSION agrees with package.json and --version prints it', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  assert.equal(VERSION, pkg.version);
  const r = runCliProcess(['--version']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout.trim(), VERSION);
});

test('an unknown command exits non-zero with one line and no stack trace', () => {
  const r = runCliProcess(['no-such-command']);
  assert.notEqual(r.code, 0);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});
