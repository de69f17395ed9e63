import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeLayeredOxide, LAYERED_OXIDE_REFLECTIONS } from '../../../../src/core/analysis/xrd/layered-oxide.js';
import { compareLayeredOxides } from '../../../../src/core/analysis/xrd/compare-patterns.js';
import { readXrdPattern } from '../../../../src/core/analysis/xrd/read-pattern.js';
import { hexagonalD } from '../../../../src/core/analysis/xrd/hexagonal-lattice.js';
import { braggTwoTheta, kAlpha2TwoTheta, pseudoVoigt, pseudoVoigtArea } from '../../../../src/core/analysis/xrd/pseudo-voigt.js';
import { CU_K_ALPHA, type XrdPattern } from '../../../../src/core/analysis/xrd/pattern.js';
import { AnalysisError } from '../../../../src/core/errors.js';
import { SeededRandom } from '../../../../src/core/numerics/seeded-random.js';
import { readFixtureText } from '../../../helpers/fixtures.js';
import { assertClose } from '../../../helpers/close.js';

// ---------- the LiCoO2 fixture against ../shared/fixtures/xrd/PROVENANCE.md ----------

const uxd = analyzeLayeredOxide(readXrdPattern(readFixtureText('xrd', 'LiCoO2.UXD'), 'LiCoO2.UXD'));

test('LiCoO2 (UXD): a and c by least squares with a zero shift match the reference (±0.002 Å, ±0.01 Å)', () => {
  assertClose(uxd.aAngstrom, 2.8153, { abs: 0.002 }, 'a');
  assertClose(uxd.cAngstrom, 14.047, { abs: 0.01 }, 'c');
  assertClose(uxd.zeroShiftDeg, 0.085, { abs: 0.01 }, 'zero shift');
  assertClose(uxd.cOverA, 4.99, { abs: 0.005 }, 'c/a');
  assertClose(uxd.cellVolumeAngstrom3, 96.42, { abs: 0.05 }, 'V');
  assert.ok(uxd.latticeRmsResidualDeg < 0.009, `rms ${uxd.latticeRmsResidualDeg}`);
  // the file states its wavelengths and Kα2 ratio; they are used
  assert.deepEqual(uxd.wavelengthsUsed, { alpha1Angstrom: 1.5406, alpha2Angstrom: 1.54443, alpha2Ratio: 0.514 });
});

// hkl, fitted Kα1 2θ, FWHM, Kα1 height (PROVENANCE.md table, numpy/scipy pseudo-Voigt doublet fits)
const referencePeaks: [string, number, number, number][] = [
  ['003', 19.0135, 0.129, 27404], ['101', 37.4899, 0.122, 6136], ['006', 38.5099, 0.103, 1778], ['012', 39.1655, 0.108, 2118],
  ['104', 45.3268, 0.117, 14001], ['015', 49.5452, 0.111, 2565], ['107', 59.7084, 0.111, 2832], ['018', 65.532, 0.111, 4052],
  ['110', 66.4408, 0.11, 3407], ['113', 69.7783, 0.108, 2515],
];

test('LiCoO2 (UXD): all ten reflections found; Kα1 positions, widths and heights match the reference fits', () => {
  assert.deepEqual(uxd.peaks.map((p) => p.label), referencePeaks.map((r) => r[0]));
  assert.deepEqual(uxd.notFound, []);
  for (const [label, tt, fwhm, h] of referencePeaks) {
    const p = uxd.peaks.find((q) => q.label === label);
    assert.ok(p);
    assertClose(p.twoThetaDeg, tt, { abs: 0.005 }, `${label} 2θ`);
    assertClose(p.fwhmDeg, fwhm, { abs: 0.008 }, `${label} FWHM`);
    assertClose(p.heightCounts, h, { rel: 0.04 }, `${label} height`);
  }
  // I003/I104: reference ≈ 1.96 (heights) and ≈ 2.27 (areas); both conventions reported
  assertClose(uxd.i003ToI104Height, 1.96, { abs: 0.04 }, 'I003/I104 by height');
  assertClose(uxd.i003ToI104Area, 2.27, { abs: 0.08 }, 'I003/I104 by area');
  assert.ok(uxd.i003ToI104Area > uxd.i003ToI104Height);
  assertClose(uxd.splitting006to012Deg ?? NaN, 0.656, { abs: 0.005 }, '012 − 006');
  assertClose(uxd.splitting018to110Deg ?? NaN, 0.909, { abs: 0.005 }, '110 − 018');
});

test('LiCoO2 (.dat, same counts, grid starting 0.015° higher): same a and c; the zero shift absorbs the offset', () => {
  const dat = analyzeLayeredOxide(readXrdPattern(readFixtureText('xrd', 'LiCoO2.dat'), 'LiCoO2.dat'));
  // no wavelength in the .dat: the Cu defaults (1.540562/1.544390 Å, ratio 0.5) are used
  assert.deepEqual(dat.wavelengthsUsed, { alpha1Angstrom: CU_K_ALPHA.alpha1Angstrom, alpha2Angstrom: CU_K_ALPHA.alpha2Angstrom, alpha2Ratio: 0.5 });
  assertClose(dat.aAngstrom, 2.8153, { abs: 0.002 }, 'a');
  assertClose(dat.cAngstrom, 14.047, { abs: 0.01 }, 'c');
  assertClose(dat.zeroShiftDeg - uxd.zeroShiftDeg, 0.015, { abs: 0.003 }, 'zero difference = start-angle difference');
  const cmp = compareLayeredOxides(uxd, dat);
  for (const s of cmp.shifts) {
    assertClose(s.shiftDeg, 0.015, { abs: 0.003 }, `${s.label} raw shift`);
    assertClose(s.shiftZeroCorrectedDeg, 0, { abs: 0.003 }, `${s.label} zero-corrected shift`);
  }
});

// ---------- round trip: a pattern generated from known a, c and peak shapes ----------

const relHeights: Record<string, number> = { '003': 100, '101': 22, '006': 6, '012': 8, '104': 52, '015': 9, '107': 10, '018': 12, '110': 11, '113': 9 };

function synthetic(a: number, c: number, zero: number, opts: { scale?: number; seed?: number; skip?: string[] } = {}): { pattern: XrdPattern; truth: Map<string, { tt: number; h: number; fwhm: number; eta: number }> } {
  const rng = new SeededRandom(opts.seed ?? 7);
  const x: number[] = [];
  const y: number[] = [];
  const truth = new Map<string, { tt: number; h: number; fwhm: number; eta: number }>();
  for (const r of LAYERED_OXIDE_REFLECTIONS) {
    if (opts.skip?.includes(r.label)) continue;
    const tt = braggTwoTheta(hexagonalD(r.hkl, a, c), CU_K_ALPHA.alpha1Angstrom) + zero;
    truth.set(r.label, { tt, h: relHeights[r.label] * (opts.scale ?? 200), fwhm: 0.08 + 0.001 * tt, eta: 0.4 });
  }
  for (let t = 10; t <= 80; t += 0.02) {
    let v = 300 + 2000 * Math.exp(-t / 12);
    for (const p of truth.values()) {
      v += pseudoVoigt(t, p.tt, p.h, p.fwhm, p.eta);
      v += pseudoVoigt(t, kAlpha2TwoTheta(p.tt, CU_K_ALPHA.alpha1Angstrom, CU_K_ALPHA.alpha2Angstrom), 0.5 * p.h, p.fwhm, p.eta);
    }
    x.push(t);
    y.push(v + Math.sqrt(v) * rng.normal());
  }
  return { pattern: { source: 'synthetic', format: 'xy', twoThetaDeg: Float64Array.from(x), intensity: Float64Array.from(y), warnings: [] }, truth };
}

test('XRD round trip: NCM811-like pattern (a = 2.872, c = 14.200 Å, zero 0.03°) with Poisson-like noise returns a, c, positions, heights and shapes', () => {
  const { pattern, truth } = synthetic(2.872, 14.2, 0.03);
  const r = analyzeLayeredOxide(pattern);
  assertClose(r.aAngstrom, 2.872, { abs: 0.0002 }, 'a');
  assertClose(r.cAngstrom, 14.2, { abs: 0.001 }, 'c');
  assertClose(r.zeroShiftDeg, 0.03, { abs: 0.002 }, 'zero');
  assert.equal(r.peaks.length, 10);
  for (const p of r.peaks) {
    const t = truth.get(p.label);
    assert.ok(t);
    assertClose(p.twoThetaDeg, t.tt, { abs: 0.002 }, `${p.label} 2θ`);
    assertClose(p.heightCounts, t.h, { rel: 0.04 }, `${p.label} height`);
    assertClose(p.fwhmDeg, t.fwhm, { rel: 0.05 }, `${p.label} FWHM`);
    assertClose(p.eta, t.eta, { abs: 0.2 }, `${p.label} η`);
  }
  const t003 = truth.get('003');
  const t104 = truth.get('104');
  assert.ok(t003 && t104);
  assertClose(r.i003ToI104Height, 100 / 52, { rel: 0.02 }, 'I003/I104 by height');
  const areaTruth = pseudoVoigtArea(t003.h, t003.fwhm, 0.4) / pseudoVoigtArea(t104.h, t104.fwhm, 0.4);
  assertClose(r.i003ToI104Area, areaTruth, { rel: 0.03 }, 'I003/I104 by area');
  assertClose(r.peaks[0].eta, 0.4, { abs: 0.05 }, '(003) η (the strongest peak pins the shape best)');
});

test('XRD compare: a contracted cell shifts (003) and (104) to higher angle by the Bragg-law amount', () => {
  const ref = analyzeLayeredOxide(synthetic(2.872, 14.2, 0.0).pattern);
  const other = analyzeLayeredOxide(synthetic(2.869, 14.17, 0.0, { seed: 11, scale: 260 }).pattern);
  const cmp = compareLayeredOxides(ref, other);
  assertClose(cmp.deltaCAngstrom, -0.03, { abs: 0.005 }, 'Δc');
  assertClose(cmp.deltaAAngstrom, -0.003, { abs: 0.001 }, 'Δa');
  for (const label of ['003', '104']) {
    const hkl = LAYERED_OXIDE_REFLECTIONS.find((r) => r.label === label)?.hkl;
    assert.ok(hkl);
    const expected = braggTwoTheta(hexagonalD(hkl, 2.869, 14.17), 1.540562) - braggTwoTheta(hexagonalD(hkl, 2.872, 14.2), 1.540562);
    const s = cmp.shifts.find((q) => q.label === label);
    assert.ok(s && s.shiftDeg > 0);
    assertClose(s.shiftDeg, expected, { abs: 0.004 }, `${label} shift`);
  }
});

test('XRD: a pattern with no (003) peak is an AnalysisError naming the expected 2θ range', () => {
  const { pattern } = synthetic(2.872, 14.2, 0, { skip: ['003', '006'] });
  assert.throws(() => analyzeLayeredOxide(pattern), (e: unknown) => e instanceof AnalysisError && /no \(003\) peak/.test(e.message) && /d 4\.55–4\.9 Å/.test(e.message));
  // a pattern scanned from 30° does not reach (003) at all
  const fromThirty = { ...pattern, twoThetaDeg: pattern.twoThetaDeg.slice(1000), intensity: pattern.intensity.slice(1000) };
  assert.throws(() => analyzeLayeredOxide(fromThirty), /no \(003\) peak/);
  const noPeaks = { ...pattern, intensity: pattern.intensity.map((_, i) => 500 + (i % 7)) };
  assert.throws(() => analyzeLayeredOxide(noPeaks), AnalysisError);
});
