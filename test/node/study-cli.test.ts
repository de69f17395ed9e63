/** `cathodelab study gao2025` run as a user would (child process): the table, the JSON and the report file. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliProcess } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cathodelab-study-cli-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('study gao2025 --json: the table as JSON, the report written, the pouch value equal to design --json', () => {
  const out = join(dir, 'r1');
  const r = runCliProcess(['study', 'gao2025', '--json', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '', 'no progress bar when stderr is not a terminal');
  const j = JSON.parse(r.stdout) as { rows: { quantity: string; paper: string; cathodelab: number | null; how: string }[]; report: string; runTimeS: number };
  assert.equal(j.report, join(out, 'index.html'));
  assert.ok(existsSync(j.report));
  assert.ok(j.rows.length >= 15);
  for (const q of j.rows) assert.ok(q.quantity && q.paper && q.how, JSON.stringify(q));
  const design = runCliProcess(['design', 'examples/gao2025-pouch.json', '--json']);
  assert.equal(design.code, 0, design.stderr);
  const wh = (JSON.parse(design.stdout) as { specificEnergyWhPerKg: number }).specificEnergyWhPerKg;
  const pouch = j.rows.find((q) => q.quantity.startsWith('Pouch cell specific energy ('));
  assert.equal(pouch?.cathodelab, wh);
  const html = readFileSync(j.report, 'utf8');
  assert.doesNotMatch(html, /<script|<link|<img|@import|url\((?!#)/i);
  assert.deepEqual([...new Set(html.match(/https?:\/\/[^\s"'<>)]+/g) ?? [])], ['http://www.w3.org/2000/svg']);
  for (const id of ['fig-rate', 'fig-discharge-llzo', 'fig-ce-llzo-3C', 'fig-util-bare-3C', 'fig-energy-npRatio', 'fig-gitt-llzo-thin', 'fig-nyquist-llzo', 'fig-arrhenius']) {
    assert.match(html, new RegExp(`<figure id="${id}"><svg`), id);
  }
});

test('study gao2025 prints the table with its four columns and names the report', () => {
  const out = join(dir, 'r2');
  const r = runCliProcess(['study', 'gao2025', '--out', out, '--no-eis', '--no-calibration']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^quantity +\| paper +\| cathodelab +\| Δ % +\| how it was obtained$/m);
  assert.match(r.stdout, /^Pouch cell specific energy \(32\.8 mg\/cm²\) \[Wh\/kg\] +\| 473 +\| \d+\.\d/m);
  assert.match(r.stdout, new RegExp(`report: ${join(out, 'index.html').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  assert.ok(existsSync(join(out, 'index.html')));
});

test('an unknown study is one clear error line', () => {
  const r = runCliProcess(['study', 'gao2024', '--out', join(dir, 'r3')]);
  assert.notEqual(r.code, 0);
  assert.equal(r.stdout, '');
  assert.match(r.stderr.trim(), /^error: .*gao2025/);
  assert.ok(!existsSync(join(dir, 'r3')));
});
