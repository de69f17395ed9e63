/** Steps table and step-type inference. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildSteps, inferStepTypes } from '../../../src/core/io/steps.js';
import { STEP_TYPES } from '../../../src/core/io/measurement.js';
import { readMpr } from '../../../src/core/io/biologic/mpr.js';
import { readFixtureBytes } from '../../helpers/fixtures.js';

const names = (a: Float64Array): string[] => Array.from(a, (x) => STEP_TYPES[x]);

describe('steps', () => {
  it('infers types from mode and current sign (1 nA dead band)', () => {
    const current = Float64Array.from([0, 1e-3, -1e-3, 5e-10, 2e-3, -2e-3, 0]);
    const mode = Float64Array.from([3, 1, 1, 1, 2, 2, 3]);
    assert.deepEqual(names(inferStepTypes({ rows: 7, current, mode })), ['rest', 'charge', 'discharge', 'rest', 'cvCharge', 'cvDischarge', 'rest']);
    assert.deepEqual(names(inferStepTypes({ rows: 2, current: Float64Array.from([1, 1]), mode: Float64Array.from([2, 2]), technique: 'CV' })), ['sweep', 'sweep']);
    assert.deepEqual(names(inferStepTypes({ rows: 2, current: Float64Array.from([1, 0]), frequency: Float64Array.from([0, 1000]) })), ['charge', 'eis']);
    assert.deepEqual(names(inferStepTypes({ rows: 1, technique: 'OCV' })), ['ocv']);
  });

  it('gcpl.issue_149.mpr: Ns 0 (rest), then charge/discharge/rest sequences, with mean currents ±30 µA', () => {
    const m = readMpr(readFixtureBytes('cyclers', 'gcpl.issue_149.mpr'), 'gcpl.issue_149.mpr');
    const steps = buildSteps(m);
    assert.equal(steps.reduce((n, s) => n + (s.endRow - s.startRow), 0), m.rows);
    assert.equal(steps[0].type, 'rest');
    const charge = steps.find((s) => s.type === 'charge')!;
    const discharge = steps.find((s) => s.type === 'discharge')!;
    // The GCPL program (gcpl.issue_149.mpt header): Is = +30 µA, then −30 µA. Each step's first point
    // averages a partial interval (EC-Lab's <I> there is 29.5 µA and −19.4 µA), so the 11-point means
    // sit within 1.2 µA of the set current.
    assert.ok(Math.abs(charge.meanCurrentA - 30e-6) < 1.2e-6, `charge mean ${charge.meanCurrentA}`);
    assert.ok(Math.abs(discharge.meanCurrentA + 30e-6) < 1.2e-6, `discharge mean ${discharge.meanCurrentA}`);
    for (let k = 1; k < steps.length; k++) assert.equal(steps[k].startRow, steps[k - 1].endRow);
  });
});
