/**
 * The overpotential breakdown is an exact identity (OCV at the mean lithiations minus the losses equals
 * the terminal voltage), its OCV at rest-start is the preset's 3.85182 V, and every loss is positive
 * during a discharge where the physics says it must be.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from '../../../src/core/sim/simulate.js';
import { parseExperiment } from '../../../src/core/sim/experiment.js';
import { marquis2019 } from '../../../src/core/sim/presets/marquis2019.js';
import { gao2025Ncm811 } from '../../../src/core/sim/presets/gao2025.js';
import type { OverpotentialBreakdown } from '../../../src/core/sim/fields.js';

function lossSum(o: OverpotentialBreakdown): number {
  return o.kineticPositive + o.kineticNegative + o.particlePositive + o.particleNegative + o.electrolyteOhmic + o.electrolyteConcentration + o.solidOhmic;
}

test('Marquis2019 at 1C: OCV − losses = V exactly; losses positive', () => {
  const p = marquis2019();
  const r = simulate(p, parseExperiment('Discharge at 1C for 1800 s', { oneCAPerM2: 24, areaM2: p.areaM2 }), { fieldTimesS: [0, 900, 1800] });
  const [s0, s1] = r.snapshots.map((s) => s.overpotentials);
  assert.ok(Math.abs(s0.ocv - 3.85182) < 2e-5, `OCV at start ${s0.ocv}`);
  for (const o of r.snapshots.map((s) => s.overpotentials)) assert.ok(Math.abs(o.ocv - lossSum(o) - o.voltage) < 1e-9, JSON.stringify(o));
  for (const k of ['kineticPositive', 'kineticNegative', 'particlePositive', 'particleNegative', 'electrolyteOhmic', 'electrolyteConcentration', 'solidOhmic'] as const) {
    assert.ok(s1[k] > 0, `${k} = ${s1[k]}`);
  }
});

test('Li-metal | NCM811 at 2C: the identity holds with the foil, and the electrolyte dominates in a thick cathode', () => {
  const p = gao2025Ncm811({ loadingMgPerCm2: 40 });
  const r = simulate(p, parseExperiment('Discharge at 2C for 20 s', { oneCAPerM2: p.oneCAPerM2, areaM2: p.areaM2 }), { fieldTimesS: [10, 20] });
  for (const s of r.snapshots) {
    const o = s.overpotentials;
    assert.ok(Math.abs(o.ocv - lossSum(o) - o.voltage) < 1e-9, JSON.stringify(o));
    assert.ok(o.kineticNegative > 0);
  }
  const o = r.snapshots[1].overpotentials;
  assert.ok(o.electrolyteOhmic + o.electrolyteConcentration > o.kineticPositive, JSON.stringify(o));
});
