/**
 * The Marquis2019 cell at 1C against the COMSOL DFN reference (../shared/reference/p2d/
 * comsol-marquis2019-1p0C.json, Marquis et al. 2019): terminal voltage over the hour and the
 * electrolyte-concentration profiles at the six stored times, both interpolated onto COMSOL's points.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Simulation } from '../../../src/core/sim/simulate.js';
import { parseExperiment } from '../../../src/core/sim/experiment.js';
import { marquis2019 } from '../../../src/core/sim/presets/marquis2019.js';
import { interp } from '../../helpers/interp.js';

interface Comsol {
  time_s: number[];
  voltage_V: number[];
  profiles: { times_s: number[]; x_m: number[]; c_e_mol_m3: number[][] };
}
const ref = JSON.parse(readFileSync('../shared/reference/p2d/comsol-marquis2019-1p0C.json', 'utf8')) as Comsol;

test('Marquis2019 1C (20 cells per domain, 20 shells): voltage within 2 mV RMS of COMSOL over the hour', () => {
  const p = marquis2019();
  const sim = new Simulation(p, { cells: [20, 20, 20], shells: 20, outputTimesS: ref.time_s, fieldTimesS: ref.profiles.times_s });
  const steps = parseExperiment('Discharge at 1C for 1 hour or until 3.105 V', { oneCAPerM2: p.oneCAPerM2, areaM2: p.areaM2 });
  const r = sim.run(steps);
  assert.equal(r.stopReason, '');
  assert.equal(r.states, 1001);
  let se = 0;
  for (let k = 0; k < ref.time_s.length; k++) {
    const v = interp(r.time_s, r.voltage_V, ref.time_s[k]);
    se += (v - ref.voltage_V[k]) ** 2;
  }
  const rmsMv = Math.sqrt(se / ref.time_s.length) * 1000;
  console.log(`voltage RMS vs COMSOL: ${rmsMv.toFixed(3)} mV`);
  assert.ok(rmsMv <= 2, `voltage RMS ${rmsMv.toFixed(3)} mV vs COMSOL (limit 2 mV)`);
  // end of the hour: 3.1682 V in COMSOL
  assert.ok(Math.abs(r.voltage_V[r.voltage_V.length - 1] - 3.168186) < 0.005, `final voltage ${r.voltage_V[r.voltage_V.length - 1]}`);

  // electrolyte concentration profiles at the stored times, relative RMS ≤ 1 %
  assert.equal(r.snapshots.length, ref.profiles.times_s.length);
  for (let s = 0; s < ref.profiles.times_s.length; s++) {
    const snap = r.snapshots[s];
    assert.ok(Math.abs(snap.time_s - ref.profiles.times_s[s]) < 1e-6);
    const xm = snap.x_um.map((x) => x * 1e-6);
    let e2 = 0;
    let c2 = 0;
    for (let i = 0; i < ref.profiles.x_m.length; i++) {
      const mine = interp(xm, snap.c_e_mol_per_m3, ref.profiles.x_m[i]);
      const theirs = ref.profiles.c_e_mol_m3[s][i];
      e2 += (mine - theirs) ** 2;
      c2 += theirs * theirs;
    }
    const rel = Math.sqrt(e2 / c2);
    console.log(`c_e RMS at ${ref.profiles.times_s[s]} s: ${(rel * 100).toFixed(3)} %`);
    assert.ok(rel <= 0.01, `c_e profile at t = ${ref.profiles.times_s[s]} s: relative RMS ${(rel * 100).toFixed(3)} % (limit 1 %)`);
  }
});
