/**
 * gao2025 presets: how the two cathodes' rate constants relate (option `kineticPrefactor`), checked
 * against the transition-state expression written out by hand, and what the 'shared' assumption does
 * to a 3C discharge at 15 mg/cm² (kinetic overpotential against a hand calculation; capacity set by
 * particle diffusion, not by k).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gao2025Ncm811 } from '../../../../src/core/sim/presets/gao2025.js';
import { arrheniusFactor } from '../../../../src/core/sim/arrhenius.js';
import { parseExperiment } from '../../../../src/core/sim/experiment.js';
import { simulate } from '../../../../src/core/sim/simulate.js';
import type { CellParameters } from '../../../../src/core/sim/parameters.js';
import { InputError } from '../../../../src/core/errors.js';
import { assertClose } from '../../../helpers/close.js';

const R = 8.314462618;
const F = 96485.33212;
const EA_BARE = 33170; // J/mol, Gao et al. 2025 Fig. 3c (DFNCM)
const EA_LLZO = 29760; // J/mol (DFNCM/LLZO)

/** k(T) as the model evaluates it: k_ref·exp(E_a/R·(1/T_ref − 1/T)). */
function kAt(p: CellParameters, T: number): number {
  const k = p.positive.kinetics;
  return k.rateConstant * arrheniusFactor(k.activationEnergyJPerMol, T, p.referenceTemperatureK);
}

test("'shared' prefactor: k_LLZO/k_bare = exp((E_bare − E_LLZO)/RT) at every temperature (×3.957 at 25 °C); the bare cathode keeps Chen 2020's k", () => {
  // 3410 J/mol / (8.314462618 J/(mol K) × 298.15 K) = 1.37557 → e^1.37557 = 3.9574
  assertClose(Math.exp((EA_BARE - EA_LLZO) / (R * 298.15)), 3.9574, { rel: 1e-4 }, 'hand value');
  for (const T of [263.15, 273.15, 298.15, 313.15]) {
    const bare = gao2025Ncm811({ llzo: false, loadingMgPerCm2: 15, temperatureK: T });
    const llzo = gao2025Ncm811({ llzo: true, loadingMgPerCm2: 15, temperatureK: T });
    assertClose(kAt(llzo, T) / kAt(bare, T), Math.exp((EA_BARE - EA_LLZO) / (R * T)), { rel: 1e-12 }, `k ratio at ${T} K`);
  }
  const bare = gao2025Ncm811({ llzo: false });
  assert.equal(bare.positive.kinetics.rateConstant, 3.42e-6);
  assert.equal(bare.positive.kinetics.activationEnergyJPerMol, EA_BARE);
  assert.deepEqual(gao2025Ncm811({ llzo: false, kineticPrefactor: 'equal-at-25C' }).positive.kinetics, bare.positive.kinetics);
  assert.equal(gao2025Ncm811({ llzo: true }).positive.kinetics.activationEnergyJPerMol, EA_LLZO);
});

test("'equal-at-25C' prefactor (the earlier presets): equal k at 25 °C, ratio exp(ΔE/R·(1/T − 1/298.15 K)) = 1.134 at 0 °C", () => {
  const llzo = gao2025Ncm811({ llzo: true, kineticPrefactor: 'equal-at-25C', temperatureK: 273.15 });
  const bare = gao2025Ncm811({ llzo: false, temperatureK: 273.15 });
  assert.equal(llzo.positive.kinetics.rateConstant, 3.42e-6);
  // 3410/8.314462618 × (1/273.15 − 1/298.15) = 0.12590 → 1.1342
  assertClose(kAt(llzo, 273.15) / kAt(bare, 273.15), 1.1342, { rel: 1e-3 });
  assert.throws(() => gao2025Ncm811({ llzo: true, kineticPrefactor: 'equal' as never }), (e: unknown) => e instanceof InputError && /kineticPrefactor/.test(e.message) && /'shared' or 'equal-at-25C'/.test(e.message));
});

test("3C at 15 mg/cm², 25 °C: the 'shared' LLZO cathode discharges at a higher voltage by at least the kinetic-overpotential difference, with the same capacity (set by particle diffusion)", () => {
  const run = (llzo: boolean) => {
    const p = gao2025Ncm811({ llzo, loadingMgPerCm2: 15 });
    const r = simulate(p, parseExperiment('Discharge at 3C until 3.0 V', { oneCAPerM2: p.oneCAPerM2, areaM2: p.areaM2 }), { rtol: 1e-6 });
    return { p, r, meanV: r.energyWh / r.capacityAh };
  };
  const bare = run(false);
  const llzo = run(true);
  // Hand calculation, uniform reaction: j = I/(a·L), a·L = 3·(active volume per area)/r_p (the same for both:
  // same active loading); η = (2RT/F)·asinh(j/(2·i0)) with i0 = k·√(c_e·c_s·(c_max − c_s)) largest at
  // c_s = c_max/2, so this is the smallest difference the kinetics can make.
  const e = bare.p.positive;
  const aL = (3 * e.activeFraction * e.thicknessM) / e.particleRadiusM;
  assertClose(aL, (3 * 0.15) / 4750 / 5.22e-6, { rel: 1e-9 }, 'a·L from 15 mg/cm² NCM811 (4750 kg/m³), r = 5.22 µm');
  const j = (3 * bare.p.oneCAPerM2) / aL;
  const T = 298.15;
  const sqrtC = Math.sqrt(1000 * (e.cMaxMolPerM3 / 2) * (e.cMaxMolPerM3 / 2));
  const eta = (k: number) => ((2 * R * T) / F) * Math.asinh(j / (2 * k * sqrtC));
  const dEta = eta(bare.p.positive.kinetics.rateConstant) - eta(llzo.p.positive.kinetics.rateConstant);
  assert.ok(dEta > 0.025 && dEta < 0.035, `hand Δη ${dEta} V`);
  const dV = llzo.meanV - bare.meanV;
  assert.ok(dV > 0.9 * dEta && dV < 3 * dEta, `mean voltage LLZO − bare ${dV} V vs hand Δη ${dEta} V`);
  // both end when a particle surface saturates (solid diffusion), which k does not set: capacities within 1 mAh/g
  for (const q of [bare, llzo]) assert.match(q.r.stopReason || q.r.steps[0].endReason, /particle surface saturated/);
  assertClose(llzo.r.capacityMahPerG as number, bare.r.capacityMahPerG as number, { abs: 1 }, '3C capacity');
});
