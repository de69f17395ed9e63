#!/usr/bin/env node
// Runs every test/**/*.test.ts with node's built-in test runner (TypeScript through tsx).
// Node 20's --test does not expand globs, so the files are collected here.
// Usage: node scripts/run-tests.mjs [path-substring ...]  (filters test files)
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

function collect(dir, out) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) collect(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}
const filters = process.argv.slice(2);
let files = collect('test', []);
if (filters.length) files = files.filter((f) => filters.some((s) => f.includes(s)));
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
// spec for people on stdout; TAP to a file so the closing line can state the counts plainly.
const tapDir = mkdtempSync(join(tmpdir(), 'cathodelab-test-'));
const tapFile = join(tapDir, 'results.tap');
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tapFile}`, ...files],
  { stdio: 'inherit' },
);
let passed = 0;
let failed = 0;
try {
  const tap = readFileSync(tapFile, 'utf8');
  passed = Number(/^# pass (\d+)$/m.exec(tap)?.[1] ?? 0);
  failed = Number(/^# fail (\d+)$/m.exec(tap)?.[1] ?? 0) + Number(/^# cancelled (\d+)$/m.exec(tap)?.[1] ?? 0);
} catch {
  failed = Math.max(failed, 1);
}
rmSync(tapDir, { recursive: true, force: true });
const status = result.status ?? 1;
if (status !== 0 && failed === 0) failed = 1; // a crash before any test counts as a failure
console.log(`${passed} passed, ${failed} failed`);
process.exit(status);
