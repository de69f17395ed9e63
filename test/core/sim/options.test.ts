/**
 * Model options change the physics the way they must: a graded mesh gives the same answer as a
 * uniform one; a strongly conducting ionic solid (LLZO-like parallel path, t⁺ = 1) lowers both the
 * electrolyte ohmic loss and salt depletion; a double layer removes the instantaneous kinetic step;
 * a surface film adds I_local·R_film to the kinetic loss.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from '../../../src/core/sim/simulate.js';
import { parseExperiment } from '../../../src/core/sim/experiment.js';
import { marquis2019 } from '../../../src/core/sim/presets/marquis2019.js';
import { gao2025Ncm811 } from '../../../src/core/sim/presets/gao2025.js';
import type { CellParameters } from '../../../src/core/sim/parameters.js';

const run = (p: CellParameters, text: string, opts = {}) => simulate(p, parseExperiment(text, { oneCAPerM2: p.oneCAPerM2, areaM2: p.areaM2 }), opts);

test('graded meshes (x toward interfaces, r toward the surface) agree with the uniform mesh', () => {
  const p = marquis2019();
  const times = [600, 1800, 3000];
  const a = run(p, 'Discharge at 1C for 3000 s', { outputTimesS: times });
  const b = run(p, 'Discharge at 1C for 3000 s', { outputTimesS: times, xRefinement: 3, rRefinement: 4 });
  for (const t of times) {
    const va = a.voltage_V[a.time_s.indexOf(t)];
    const vb = b.voltage_V[b.time_s.indexOf(t)];
    assert.ok(Math.abs(va - vb) < 1e-3, `t = ${t}: uniform ${va} V, graded ${vb} V`);
  }
});

test('an ionic solid phase carrying current with t⁺ = 1 lowers electrolyte loss and salt depletion', () => {
  const bare = gao2025Ncm811({ loadingMgPerCm2: 40 });
  const withSolid: CellParameters = {
    ...bare,
    positive: { ...bare.positive, ionicSolid: { volumeFraction: 0.1, conductivitySPerM: 5, bruggeman: 1.5, activationEnergyJPerMol: 0 } },
  };
  const opts = { fieldTimesS: [20] };
  const a = run(bare, 'Discharge at 1C for 20 s', opts).snapshots[0];
  const b = run(withSolid, 'Discharge at 1C for 20 s', opts).snapshots[0];
  const ohm = (s: typeof a) => s.overpotentials.electrolyteOhmic + s.overpotentials.electrolyteConcentration;
  assert.ok(ohm(b) < ohm(a), `electrolyte loss: with solid ${ohm(b)} V, without ${ohm(a)} V`);
  const minC = (s: typeof a) => Math.min(...s.c_e_mol_per_m3);
  assert.ok(minC(b) > minC(a), `minimum c_e: with solid ${minC(b)}, without ${minC(a)}`);
});

test('a double layer makes the kinetic overpotential build up instead of jumping at t = 0', () => {
  const p = marquis2019();
  const withCdl: CellParameters = { ...p, negative: { ...(p.negative as Extract<CellParameters['negative'], { kind: 'porous' }>), doubleLayerFPerM2: 0.2 }, positive: { ...p.positive, doubleLayerFPerM2: 0.2 } };
  const a = run(p, 'Discharge at 1C for 2 s', { fieldTimesS: [2] });
  const b = run(withCdl, 'Discharge at 1C for 2 s', { fieldTimesS: [2] });
  // at t = 0⁺ the capacitor holds η ≈ 0: the voltage is higher than without it
  assert.ok(b.voltage_V[0] > a.voltage_V[0] + 5e-3, `V(0+): with C_dl ${b.voltage_V[0]}, without ${a.voltage_V[0]}`);
  // after 2 s (≫ R_ct·C_dl ≈ 10 ms) both agree again
  assert.ok(Math.abs(b.voltage_V[b.voltage_V.length - 1] - a.voltage_V[a.voltage_V.length - 1]) < 2e-4);
});

test('a surface-film resistance adds ≈ j·R_film to the positive kinetic loss', () => {
  const p = marquis2019();
  const R = 0.01; // Ω·m² of particle surface
  const film: CellParameters = { ...p, positive: { ...p.positive, filmResistanceOhmM2: R } };
  const a = run(p, 'Discharge at 0.1C for 10 s', { fieldTimesS: [10] }).snapshots[0];
  const b = run(film, 'Discharge at 0.1C for 10 s', { fieldTimesS: [10] }).snapshots[0];
  // uniform reaction at low rate: j = I/(a·L) = 2.4/(1.5e5·1e-4) = 0.16 A/m²; j·R = 1.6 mV
  const extra = b.overpotentials.kineticPositive - a.overpotentials.kineticPositive;
  assert.ok(Math.abs(extra - 0.16 * R) < 0.1 * 0.16 * R, `extra kinetic loss ${extra} V vs ${0.16 * R} V`);
});
