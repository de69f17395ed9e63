/**
 * Virtual GITT round trip: a pulse train on the P2D model → the project's Weppner–Huggins analysis →
 * D, against the model's own particle diffusivity D_s (4e-15 m²/s in the gao2025 presets at 25 °C).
 *
 * The method assumes (Weppner & Huggins 1977): the pulse is short against the diffusion time
 * (τ ≪ L²/D, L = r/3), the titration curve is linear over the pulse, and ΔE_t comes from solid
 * diffusion only (uniform reaction through the electrode, no electrolyte polarisation). A thin
 * electrode with short pulses meets them; long steps, the strongly curved part of the NCM811 OCV
 * and a thick electrode do not, and the tests below check that each of those is caught or biased.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gao2025Ncm811 } from '../../../src/core/sim/presets/gao2025.js';
import { runVirtualGitt, MAX_OCV_SLOPE_CHANGE } from '../../../src/core/study/virtual-gitt.js';
import { assertClose } from '../../helpers/close.js';

const thin = runVirtualGitt(gao2025Ncm811({ llzo: true, loadingMgPerCm2: 2 }));

test('the model D_s and diffusion time are the preset values (τ ≪ L²/D holds for 30 s pulses)', () => {
  assert.equal(thin.modelDiffusionM2PerS, 4e-15);
  // L = r/3 = 5.22 µm / 3; L²/D = (1.74e-6)² / 4e-15 = 757 s
  assertClose(thin.diffusionTimeS, (5.22e-6 / 3) ** 2 / 4e-15, { rel: 1e-12 });
  assert.ok(thin.simulation.completed, thin.simulation.stopReason);
});

test('thin electrode, short pulses, linear OCV: every pulse gives D within 20 % of the model D_s', () => {
  const ok = thin.pulses.filter((q) => q.kind === 'probe' && q.valid && q.ocvSlopeChange <= MAX_OCV_SLOPE_CHANGE);
  assert.ok(ok.length >= 6, `expected at least 6 usable probe pulses, found ${ok.length}`);
  for (const q of ok) {
    assert.ok((q.tauOverDiffusionTime ?? 1) < 0.1, `τD/L² = ${q.tauOverDiffusionTime}`);
    assertClose(q.diffusionM2PerS as number, 4e-15, { rel: 0.2 }, `D at depth of discharge ${q.depthOfDischarge.toFixed(3)}`);
  }
  assertClose(thin.medianProbeDiffusionM2PerS as number, 4e-15, { rel: 0.1 }, 'median D');
});

test('where the OCV slope changes over a pulse (NCM811 near x ≈ 0.33) the estimate is off and the check says so', () => {
  const curved = thin.pulses.filter((q) => q.kind === 'probe' && q.ocvSlopeChange > MAX_OCV_SLOPE_CHANGE);
  assert.ok(curved.length >= 1, 'expected a pulse in the curved part of the OCV');
  for (const q of curved) assert.ok(Math.abs((q.diffusionM2PerS as number) / 4e-15 - 1) > 0.2, `D = ${q.diffusionM2PerS} at slope change ${q.ocvSlopeChange}`);
});

test('long titration steps (τ ≈ L²/D) are flagged and underestimate D', () => {
  const long = thin.pulses.filter((q) => q.kind === 'titration');
  assert.ok(long.length >= 6);
  for (const q of long) {
    assert.ok(q.flags.includes('tauNotShortVsDiffusionTime'), `flags ${q.flags.join(',')}`);
    assert.equal(q.valid, false);
  }
  assert.ok((thin.medianTitrationDiffusionM2PerS as number) < 0.5 * 4e-15);
});

test('a thick electrode (15 mg/cm², ~48 µm) biases D low: electrolyte polarisation adds to ΔE_t', () => {
  const thick = runVirtualGitt(gao2025Ncm811({ llzo: true, loadingMgPerCm2: 15 }));
  const dThick = thick.medianProbeDiffusionM2PerS as number;
  assert.ok(dThick < 0.8 * 4e-15, `thick-electrode D ${dThick}`);
  assert.ok(dThick < (thin.medianProbeDiffusionM2PerS as number));
});
