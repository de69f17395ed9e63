/**
 * Robustness: random parameter sets within documented ranges (below) either complete or stop with a
 * stated reason; no run returns NaN, hangs or throws. P2D_FUZZ_RUNS=1000 runs the full count.
 *
 * Ranges (Li-metal | NCM811, gao2025 preset as the base): loading 15–60 mg/cm², temperature −10…50 °C,
 * C-rate 0.05–5 (log-uniform), porosity 0.2–0.45, particle radius 2–12 µm, D_s 1e-15…1e-13 m²/s and
 * rate constant ×0.1…×10 (log-uniform), cathode film resistance 0–0.01 Ω·m², with or without LLZO,
 * with or without a 0.2 F/m² double layer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from '../../../src/core/sim/simulate.js';
import { parseExperiment } from '../../../src/core/sim/experiment.js';
import { gao2025Ncm811 } from '../../../src/core/sim/presets/gao2025.js';
import { constantFunction, type CellParameters } from '../../../src/core/sim/parameters.js';
import { SeededRandom } from '../../../src/core/numerics/seeded-random.js';

test('random Li-metal parameter sets complete or stop with a reason, never NaN', () => {
  const rng = new SeededRandom(20251124);
  const runs = Number(process.env.P2D_FUZZ_RUNS ?? 30);
  const logU = (a: number, b: number) => Math.exp(rng.uniform(Math.log(a), Math.log(b)));
  const reasons = new Map<string, number>();
  for (let k = 0; k < runs; k++) {
    const base = gao2025Ncm811({ loadingMgPerCm2: rng.uniform(15, 60), llzo: rng.next() < 0.5, temperatureK: 273.15 + rng.uniform(-10, 50) });
    const p: CellParameters = {
      ...base,
      positive: {
        ...base.positive,
        porosity: rng.uniform(0.2, 0.45),
        particleRadiusM: rng.uniform(2e-6, 12e-6),
        diffusivity: constantFunction(logU(1e-15, 1e-13)),
        kinetics: { ...base.positive.kinetics, rateConstant: base.positive.kinetics.rateConstant * logU(0.1, 10) },
        filmResistanceOhmM2: rng.uniform(0, 0.01),
        doubleLayerFPerM2: rng.next() < 0.3 ? 0.2 : 0,
      },
    };
    const c = logU(0.05, 5);
    const label = `run ${k}: C ${c.toFixed(3)}, T ${(p.temperatureK - 273.15).toFixed(1)} °C`;
    const r = simulate(p, parseExperiment(`Discharge at ${c}C until 3.0 V`, { oneCAPerM2: p.oneCAPerM2, areaM2: p.areaM2 }), { cells: [10, 10, 10], shells: 10 });
    for (const a of [r.time_s, r.voltage_V, r.current_A_per_m2, r.capacity_Ah]) assert.ok(a.every(Number.isFinite), `${label}: non-finite output`);
    const why = r.completed ? r.steps[0].endReason : r.stopReason;
    if (process.env.P2D_FUZZ_VERBOSE) console.log(label, why, r.snapshots.at(-1)?.positive.c_s_surf_mol_per_m3.map((c) => (c / p.positive.cMaxMolPerM3).toFixed(4)).join(" "));
    assert.ok(why.length > 0, `${label}: no reason`);
    const key = why.replace(/[-\d.]+/g, '#');
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
  }
  console.log([...reasons].map(([k, v]) => `${v} × ${k}`).join('\n'));
});
