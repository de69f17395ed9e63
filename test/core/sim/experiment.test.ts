/** The experiment grammar (PyBaMM's step strings) and an experiment run through every step kind. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExperiment, parseStep } from '../../../src/core/sim/experiment.js';
import { simulate } from '../../../src/core/sim/simulate.js';
import { marquis2019 } from '../../../src/core/sim/presets/marquis2019.js';
import { InputError } from '../../../src/core/errors.js';

const ctx = { oneCAPerM2: 24, areaM2: 0.01 };

test('steps parse into SI set points with the discharge-positive sign', () => {
  assert.deepEqual(parseStep('Discharge at 1C until 3.0 V', ctx), { text: 'Discharge at 1C until 3.0 V', kind: 'current', value: 24, untilVoltageV: 3 });
  const c = parseStep('Charge at 0.5C until 4.3 V', ctx);
  assert.equal(c.value, -12);
  assert.equal(c.untilVoltageV, 4.3);
  const h = parseStep('Hold at 4.3 V until C/20', ctx);
  assert.equal(h.kind, 'voltage');
  assert.equal(h.value, 4.3);
  assert.equal(h.untilCurrentAPerM2, 1.2);
  assert.deepEqual(parseStep('Rest for 1 hour', ctx), { text: 'Rest for 1 hour', kind: 'rest', value: 0, durationS: 3600 });
  // 2 mA/cm² = 20 A/m²; 10 minutes = 600 s
  const d = parseStep('Discharge at 2 mA/cm2 for 10 minutes', ctx);
  assert.equal(d.value, 20);
  assert.equal(d.durationS, 600);
  // 0.05 A over 0.01 m² = 5 A/m²; 3 W over 0.01 m² = 300 W/m² (charge: negative)
  assert.equal(parseStep('Discharge at 50 mA for 30 s', ctx).value, 5);
  const pw = parseStep('Charge at 3 W until 4.2 V', ctx);
  assert.equal(pw.kind, 'power');
  assert.equal(pw.value, -300);
  const both = parseStep('Discharge at C/3 for 2 hours or until 2.5 V', ctx);
  assert.equal(both.value, 8);
  assert.equal(both.durationS, 7200);
  assert.equal(both.untilVoltageV, 2.5);
});

test('repeated blocks: "(…)×N", "(…)x N" and the array form', () => {
  const a = parseExperiment('(Discharge at 1C until 3.0 V; Charge at 1C until 4.1 V)×3; Rest for 5 min', ctx);
  assert.equal(a.length, 7);
  assert.equal(a[6].durationS, 300);
  assert.equal(parseExperiment('(Discharge at 1C until 3 V)x 2', ctx).length, 2);
  const b = parseExperiment([{ steps: ['Discharge at 1C until 3.0 V', 'Rest for 1 hour'], repeat: 4 }, 'Charge at C/2 until 4.1 V'], ctx);
  assert.equal(b.length, 9);
  assert.equal(b[8].value, -12);
});

test('bad steps are InputErrors that quote the step', () => {
  assert.throws(() => parseStep('Discharge at fast until 3 V', ctx), (e: unknown) => e instanceof InputError && /"fast"/.test(e.message));
  assert.throws(() => parseStep('Discharge at 1C', ctx), (e: unknown) => e instanceof InputError && /for <duration>/.test(e.message));
  assert.throws(() => parseStep('Jump at 1C until 3 V', ctx), InputError);
  assert.throws(() => parseStep('Hold at 1C until C/20', ctx), InputError);
});

test('CC–rest–CC–CV experiment: cut-offs met, CV holds its voltage and ends at the current cut-off', () => {
  const p = marquis2019();
  const steps = parseExperiment('Discharge at 1C until 3.5 V; Rest for 10 minutes; Charge at 1C until 4.0 V; Hold at 4.0 V until C/10; Discharge at 5 W/m2 for 10 minutes', {
    oneCAPerM2: p.oneCAPerM2,
    areaM2: p.areaM2,
  });
  const r = simulate(p, steps);
  assert.equal(r.stopReason, '');
  assert.deepEqual(
    r.steps.map((s) => s.endReason),
    ['voltage cut-off 3.5 V', 'duration', 'voltage cut-off 4 V', 'current cut-off 2.4 A/m²', 'duration'],
  );
  const at = (t: number) => r.time_s.findIndex((x) => x >= t);
  // end of step 1 at 3.5 V (located by the event), rest lasts exactly 600 s with I = 0
  assert.ok(Math.abs(r.voltage_V[at(r.steps[0].endS)] - 3.5) < 1e-6);
  assert.ok(Math.abs(r.steps[1].endS - r.steps[1].startS - 600) < 1e-6);
  // CV: the voltage stays at 4.0 V within the solver tolerance and |I| falls to C/10 = 2.4 A/m²
  for (let k = 0; k < r.time_s.length; k++) {
    if (r.step_index[k] === 3) assert.ok(Math.abs(r.voltage_V[k] - 4.0) < 1e-6, `CV voltage ${r.voltage_V[k]}`);
  }
  const kEnd = r.step_index.lastIndexOf(3);
  assert.ok(Math.abs(Math.abs(r.current_A_per_m2[kEnd]) - 2.4) < 1e-3);
  // constant power: I·V = 5 W/m² along the last step
  for (let k = 0; k < r.time_s.length; k++) {
    if (r.step_index[k] === 4) assert.ok(Math.abs(r.current_A_per_m2[k] * r.voltage_V[k] - 5) < 1e-4, `I·V = ${r.current_A_per_m2[k] * r.voltage_V[k]} W/m²`);
  }
});

test('a run that needs more steps than allowed stops with that reason instead of hanging', () => {
  const p = marquis2019();
  const r = simulate(p, parseExperiment('Discharge at 1C for 1 hour', { oneCAPerM2: 24, areaM2: p.areaM2 }), { maxSteps: 20 });
  assert.match(r.stopReason, /^too many time steps \(20\) by t = [\d.]+ s in step 1/);
  assert.ok(r.voltage_V.every(Number.isFinite));
});
