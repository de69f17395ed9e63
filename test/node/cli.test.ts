import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { VERSION } from '../../src/core/version.js';

const CLI = ['--import', 'tsx', 'src/node/cli/main.ts'];
export function runCliProcess(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [...CLI, ...args], { encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

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
