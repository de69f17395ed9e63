/** `cathodelab simulate` through the real CLI in a child process. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliProcess } from '../helpers/cli.js';

test('simulate --preset marquis2019 --c-rate 1 --json: the COMSOL reference run', () => {
  const r = runCliProcess(['simulate', '--preset', 'marquis2019', '--c-rate', '1', '--json', '--repeat', '2']);
  assert.equal(r.code, 0, r.stderr);
  const o = JSON.parse(r.stdout);
  assert.equal(o.states, 1001);
  assert.equal(o.stopReason, '');
  // 24 A/m² for 1 h over 0.137 m × 0.207 m = 0.680616 Ah
  assert.ok(Math.abs(o.capacityAh - 0.680616) < 1e-5, `capacityAh ${o.capacityAh}`);
  assert.equal(o.capacityMahPerG, null);
  assert.equal(o.time_s.length, o.voltage_V.length);
  assert.equal(o.time_s[o.time_s.length - 1], 3600);
  // COMSOL: 3.7712 V just after the start, 3.1682 V at 1 h
  assert.ok(Math.abs(o.voltage_V[0] - 3.771214) < 3e-3);
  assert.ok(Math.abs(o.voltage_V[o.voltage_V.length - 1] - 3.168186) < 3e-3);
  assert.ok(o.solveTimeMs > 0);
  assert.equal(o.repeat, 2);
});

test('simulate a 54 mg/cm² Li-metal cell at 3C: mAh/g reported, a clear stop reason, CSV written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cathodelab-sim-'));
  const out = join(dir, 'run.csv');
  const r = runCliProcess(['simulate', '--preset', 'gao2025-ncm811-llzo', '--loading-mg-per-cm2', '54', '--c-rate', '3', '--json', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const o = JSON.parse(r.stdout);
  assert.match(o.stopReason, /^electrolyte depleted at x = \d+ µm, t = \d+ s/);
  assert.equal(typeof o.capacityMahPerG, 'number');
  assert.ok(o.capacityMahPerG > 0);
  // 1C = 200 mAh/g × 54 mg/cm² = 10.8 mA/cm² = 108 A/m²
  assert.ok(Math.abs(o.oneC_A_per_m2 - 108) < 1e-9);
  assert.ok(existsSync(out));
  const lines = readFileSync(out, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'time_s,voltage_V,current_A_per_m2,current_mA,capacity_Ah,capacity_mAh_per_cm2,energy_Wh');
  assert.equal(lines.length, o.time_s.length + 1);
  assert.ok(!/NaN/.test(r.stdout));
});

test('simulate --experiment runs the steps; bad input is one error line and a non-zero exit', () => {
  const ok = runCliProcess(['simulate', '--preset', 'marquis2019', '--experiment', 'Discharge at 2C until 3.6 V; Rest for 5 minutes', '--json']);
  assert.equal(ok.code, 0, ok.stderr);
  const o = JSON.parse(ok.stdout);
  assert.deepEqual(o.steps.map((s: { endReason: string }) => s.endReason), ['voltage cut-off 3.6 V', 'duration']);
  for (const args of [
    ['simulate', '--preset', 'nope'],
    ['simulate', '--preset', 'marquis2019', '--loading-mg-per-cm2', '54'],
    ['simulate', '--preset', 'marquis2019', '--experiment', 'Discharge quickly'],
    ['simulate', '--preset', 'marquis2019', '--c-rate', '-1'],
  ]) {
    const bad = runCliProcess(args);
    assert.notEqual(bad.code, 0, args.join(' '));
    assert.match(bad.stderr, /^error: .+\n$/, args.join(' '));
  }
});

test('simulate --export-bpx then --bpx: the same cell and the same discharge', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cathodelab-bpx-'));
  const file = join(dir, 'chen.json');
  const w = runCliProcess(['simulate', '--preset', 'chen2020', '--export-bpx', file]);
  assert.equal(w.code, 0, w.stderr);
  assert.equal(JSON.parse(readFileSync(file, 'utf8')).Header.Model, 'DFN');
  const a = JSON.parse(runCliProcess(['simulate', '--preset', 'chen2020', '--c-rate', '1', '--points', '8', '--shells', '8', '--json']).stdout);
  const b = JSON.parse(runCliProcess(['simulate', '--bpx', file, '--c-rate', '1', '--points', '8', '--shells', '8', '--json']).stdout);
  assert.ok(Math.abs(a.capacityAh - b.capacityAh) < 1e-6 * a.capacityAh, `${a.capacityAh} vs ${b.capacityAh} Ah`);
  const bad = runCliProcess(['simulate', '--preset', 'gao2025-ncm811', '--export-bpx', join(dir, 'x.json')]);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /^error: .*Li-ion cell/);
});

test('simulate --kinetic-prefactor: equal k at 25 °C gives the LLZO cathode a larger kinetic loss than the shared prefactor; misuse is one error line', () => {
  const run = (rule: string) => {
    const r = runCliProcess(['simulate', '--preset', 'gao2025-ncm811-llzo', '--loading-mg-per-cm2', '15', '--experiment', 'Discharge at 1C for 60 s', '--kinetic-prefactor', rule, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const o = JSON.parse(r.stdout);
    return o.voltage_V[o.voltage_V.length - 1] as number;
  };
  const shared = run('shared');
  const equal = run('equal-at-25C');
  // k differs by exp(3.41 kJ/mol / (R·298.15 K)) = 3.96: the overpotential (2RT/F)·asinh(j/2i0) drops by
  // several mV at 1C on 15 mg/cm² (the hand calculation is in test/core/sim/presets/gao2025.test.ts)
  assert.ok(shared - equal > 1e-3 && shared - equal < 0.05, `shared ${shared} V, equal-at-25C ${equal} V`);
  for (const args of [
    ['--preset', 'marquis2019', '--kinetic-prefactor', 'shared'],
    ['--preset', 'gao2025-ncm811', '--kinetic-prefactor', 'half'],
  ]) {
    const r = runCliProcess(['simulate', ...args, '--c-rate', '1']);
    assert.notEqual(r.code, 0);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /--kinetic-prefactor/);
  }
});
