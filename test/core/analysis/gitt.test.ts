import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeGitt, analyzeGittArrays, weppnerHugginsDiffusion, gittLengthScale } from '../../../src/core/analysis/gitt.js';
import { AnalysisError } from '../../../src/core/errors.js';
import { readFixtureBytes, readFixtureText } from '../../helpers/fixtures.js';
import { assertClose } from '../../helpers/close.js';
import { parseLandGittCsv } from './land-csv.helper.js';
import { readMapped } from '../../../src/core/io/mapped/reader.js';

// ---------- the real LiFePO4 fixture against ../shared/fixtures/gitt/PROVENANCE.md ----------

const land = parseLandGittCsv(readFixtureText('gitt', 'GITT.csv'));
const fixture = analyzeGittArrays(land.timeS, land.currentA, land.voltageV, { lengthScale: { kind: 'sphereRadius', radiusM: 3.5e-6 } });

test('GITT fixture: 31 pulses with a rest on both sides (19 charge, 12 discharge), first pulse of each part skipped', () => {
  assert.equal(fixture.pulses.length, 31);
  assert.equal(fixture.pulses.filter((p) => p.direction === 'charge').length, 19);
  assert.equal(fixture.pulses.filter((p) => p.direction === 'discharge').length, 12);
  assert.ok(fixture.skippedPulses >= 2);
  assertClose(fixture.lengthScaleUm, 3.5 / 3, { rel: 1e-12 }, 'L = r/3');
});

// # | t_start | τ | E0 | E1 | E2 | E3 | E4 | D (cm²/s), from PROVENANCE.md (independent numpy script)
const reference: [number, number, number, number, number, number, number, number, number][] = [
  [1, 16260, 1800, 3.2574, 3.2814, 3.4832, 3.4727, 3.4346, 7.42e-12],
  [2, 32520, 1800, 3.4346, 3.4477, 3.4865, 3.4772, 3.4397, 1.66e-13],
  [3, 48780, 1800, 3.4397, 3.4502, 3.49, 3.4818, 3.4414, 1.76e-14],
  [7, 113821, 1800, 3.4358, 3.4431, 3.4925, 3.4863, 3.4414, 1.24e-13],
  [19, 308943, 1801, 3.4473, 3.4536, 4.0107, 4.0048, 3.4542, 1.48e-15],
  [20, 344806, 1800, 3.4279, 3.4218, 3.3932, 3.3984, 3.4246, 1.28e-13],
  [29, 491148, 1800, 3.4025, 3.3949, 3.0498, 3.058, 3.3722, 7.42e-14],
  [30, 507408, 1800, 3.3722, 3.364, 2.4467, 2.4555, 3.1255, 6.96e-13],
  [31, 523668, 1800, 3.1255, 3.1159, 1.7587, 1.7705, 2.5011, 2.04e-12],
];

test('GITT fixture: E0..E4, τ and D = 4r²/(9πτ)(ΔEs/ΔEt)² match the PROVENANCE table', () => {
  for (const [num, t0, tau, e0, e1, e2, e3, e4, dCm2] of reference) {
    const p = fixture.pulses[num - 1];
    assert.equal(p.number, num);
    assert.equal(p.startTimeS, t0, `pulse ${num} start`);
    assert.equal(p.tauS, tau, `pulse ${num} τ`);
    assertClose(p.e0V, e0, { abs: 5e-5 }, `pulse ${num} E0`);
    assertClose(p.e1V, e1, { abs: 5e-5 }, `pulse ${num} E1`);
    assertClose(p.e2V, e2, { abs: 5e-5 }, `pulse ${num} E2`);
    assertClose(p.e3V, e3, { abs: 5e-5 }, `pulse ${num} E3`);
    assertClose(p.e4V, e4, { abs: 5e-5 }, `pulse ${num} E4`);
    assert.ok(p.diffusionCm2PerS !== null, `pulse ${num} has a D`);
    assertClose(p.diffusionCm2PerS, dCm2, { rel: 0.01 }, `pulse ${num} D`);
    assert.equal(p.direction, num <= 19 ? 'charge' : 'discharge');
  }
});

test('GITT fixture: the flat LiFePO4 plateau (ΔEs = 0) and a wrong-sign ΔEs give no D, only a flag', () => {
  for (const num of [9, 10, 12]) {
    const p = fixture.pulses[num - 1];
    assert.equal(p.deltaEsV, 0, `pulse ${num} ΔEs is exactly 0 at 0.1 mV resolution`);
    assert.equal(p.diffusionCm2PerS, null);
    assert.equal(p.valid, false);
    assert.ok(p.flags.includes('deltaEsBelowResolution'), `pulse ${num} flags ${p.flags}`);
  }
  const p6 = fixture.pulses[5];
  assert.ok(p6.direction === 'charge' && p6.deltaEsV < 0);
  assert.ok(p6.flags.includes('deltaEsWrongSign'));
  assert.equal(p6.diffusionCm2PerS, null);
  assertClose(fixture.voltageResolutionV, 1e-4, { rel: 1e-6 }, 'voltage resolution of the file');
  // no D anywhere is 0 or non-finite
  for (const p of fixture.pulses) if (p.diffusionCm2PerS !== null) assert.ok(p.diffusionCm2PerS > 0 && Number.isFinite(p.diffusionCm2PerS));
});

test('GITT fixture: state of charge rises on charge pulses and falls on discharge pulses', () => {
  const ch = fixture.pulses.filter((p) => p.direction === 'charge');
  for (let k = 1; k < ch.length; k++) assert.ok(ch[k].stateOfCharge > ch[k - 1].stateOfCharge);
  const dis = fixture.pulses.filter((p) => p.direction === 'discharge');
  for (let k = 1; k < dis.length; k++) assert.ok(dis[k].stateOfCharge < dis[k - 1].stateOfCharge);
  // each 30-min pulse at 0.5822 mA passes 0.2911 mAh
  const p2 = fixture.pulses[1];
  const p1 = fixture.pulses[0];
  assertClose((p2.chargeAtEndAh - p1.chargeAtEndAh) * 1e3, 0.5822 * 0.5, { rel: 0.01 }, 'charge per pulse, mAh');
});

// ---------- round trip: a transient from the analytic constant-flux sphere solution ----------

/** Positive roots of tan α = α (Newton on α cos α − sin α). */
function sphereRoots(count: number): Float64Array {
  const out = new Float64Array(count);
  for (let n = 1; n <= count; n++) {
    const m = (n + 0.5) * Math.PI;
    let a = m - 1 / m;
    for (let it = 0; it < 50; it++) {
      const h = a * Math.cos(a) - Math.sin(a);
      const dh = -a * Math.sin(a);
      const step = h / dh;
      a -= step;
      if (Math.abs(step) < 1e-14 * a) break;
    }
    out[n - 1] = a;
  }
  return out;
}

/**
 * Surface concentration rise of a sphere (radius a) under constant inward flux, in units of F·a/D
 * (Crank, The Mathematics of Diffusion, 2nd ed., eq. 6.60 at r = a):
 *   c_s − c_0 = (F a/D)·[3Dt/a² + 1/5 − 2 Σ exp(−α_n² D t/a²)/α_n²],  tan α_n = α_n.
 */
function sphereSurfaceRise(theta: number, roots: Float64Array): number {
  if (theta <= 0) return 0;
  let s = 0;
  for (let k = 0; k < roots.length; k++) {
    const a2 = roots[k] * roots[k];
    const e = Math.exp(-a2 * theta);
    if (e === 0) break;
    s += e / a2;
  }
  // the truncated Σ 1/α² tail (≈ 1/(π² N)) cancels against 1/5 at θ → 0; keep it exact
  return 3 * theta + 0.2 - 2 * s;
}

function syntheticGitt(dTrue: number, radius: number, tau: number, kVolts: number, sign: 1 | -1) {
  const roots = sphereRoots(20000);
  const t: number[] = [];
  const i: number[] = [];
  const v: number[] = [];
  const e0 = 3.8;
  const iPulse = sign * 1e-4;
  const rOhm = 200;
  const tScale = (radius * radius) / dTrue;
  for (let k = 0; k < 10; k++) { t.push(-1000 + k * 100); i.push(0); v.push(e0); }
  const nPulse = 60;
  for (let k = 0; k <= nPulse; k++) {
    const tt = (tau * k) / nPulse;
    t.push(tt); i.push(iPulse);
    v.push(e0 + iPulse * rOhm + sign * kVolts * sphereSurfaceRise((dTrue * tt) / (radius * radius), roots));
  }
  // relaxation by superposition, log-spaced to 20 diffusion times
  for (let k = 0; k <= 80; k++) {
    const tt = tau + tau * 1e-3 * Math.pow((20 * tScale) / (tau * 1e-3), k / 80);
    t.push(tt); i.push(0);
    const rise = sphereSurfaceRise((dTrue * tt) / (radius * radius), roots) - sphereSurfaceRise((dTrue * (tt - tau)) / (radius * radius), roots);
    v.push(e0 + sign * kVolts * rise);
  }
  return { t: Float64Array.from(t), i: Float64Array.from(i), v: Float64Array.from(v) };
}

test('GITT round trip: D from an analytic sphere transient (τD/r² = 1e-4) comes back within 5 %', () => {
  const radius = 5e-6;
  const dTrue = 1e-17; // m²/s = 1e-13 cm²/s
  const tau = (1e-4 * radius * radius) / dTrue; // 250 s
  for (const sign of [1, -1] as const) {
    const s = syntheticGitt(dTrue, radius, tau, 33.3, sign);
    const r = analyzeGittArrays(s.t, s.i, s.v, { lengthScale: { kind: 'sphereRadius', radiusM: radius } });
    assert.equal(r.pulses.length, 1);
    const p = r.pulses[0];
    // ΔEs is set by mass balance alone: Δc = 3Fτ/a → ΔEs = K·3Dτ/a²
    assertClose(p.deltaEsV, sign * 33.3 * 3e-4, { rel: 1e-3 }, 'ΔEs from mass balance');
    assert.ok(p.diffusionM2PerS !== null);
    assertClose(p.diffusionM2PerS, dTrue, { rel: 0.05 }, `D (${sign > 0 ? 'charge' : 'discharge'})`);
    assert.ok(p.valid, `flags: ${p.flags.join(', ')}`);
    assert.ok(p.sqrtTimeRSquared !== null && p.sqrtTimeRSquared > 0.999);
    assertClose(p.tauOverDiffusionTime ?? NaN, (tau * dTrue) / (radius / 3) ** 2, { rel: 0.1 }, 'τD/L²');
  }
});

test('GITT round trip: a long pulse (τD/r² = 0.05) breaks τ ≪ L²/D and is flagged', () => {
  const radius = 5e-6;
  const dTrue = 1e-17;
  const tau = (0.05 * radius * radius) / dTrue;
  const s = syntheticGitt(dTrue, radius, tau, 1, 1);
  const p = analyzeGittArrays(s.t, s.i, s.v, { lengthScale: { kind: 'sphereRadius', radiusM: radius } }).pulses[0];
  assert.ok(p.flags.includes('tauNotShortVsDiffusionTime'), `flags: ${p.flags.join(', ')}`);
  assert.equal(p.valid, false);
});

test('GITT: the length scale is explicit and changes D by (L1/L2)²', () => {
  // hand calculation: L = 80 µm, τ = 600 s, ΔEs/ΔEt = 0.1 → D = 4·(80e-6)²/(π·600)·0.01
  assertClose(weppnerHugginsDiffusion(80e-6, 600, 0.01, 0.1), (4 * 6.4e-9) / (Math.PI * 600) * 0.01, { rel: 1e-12 });
  assertClose(gittLengthScale({ kind: 'sphereRadius', radiusM: 6e-6 }).lengthM, 2e-6, { rel: 1e-12 });
  assertClose(gittLengthScale({ kind: 'electrodeThickness', thicknessM: 80e-6 }).lengthM, 80e-6, { rel: 1e-12 });
  // general form: m·V_M/(M·S) = 1e-3 kg · 2e-5 m³/mol / (0.1 kg/mol · 0.5 m²) = 4e-7 m
  assertClose(gittLengthScale({ kind: 'molarVolume', activeMassKg: 1e-3, molarVolumeM3PerMol: 2e-5, molarMassKgPerMol: 0.1, surfaceAreaM2: 0.5 }).lengthM, 4e-7, { rel: 1e-12 });
  const thick = analyzeGittArrays(land.timeS, land.currentA, land.voltageV, { lengthScale: { kind: 'electrodeThickness', thicknessM: 80e-6 } });
  const ratio = (80 / (3.5 / 3)) ** 2;
  assertClose(thick.pulses[0].diffusionCm2PerS ?? NaN, (fixture.pulses[0].diffusionCm2PerS ?? NaN) * ratio, { rel: 1e-9 });
  assert.match(thick.lengthScaleDescription, /thickness/);
});

test('GITT: a record without pulses is an AnalysisError, not a number', () => {
  const n = 100;
  const t = Float64Array.from({ length: n }, (_, k) => k * 10);
  assert.throws(() => analyzeGittArrays(t, new Float64Array(n), new Float64Array(n).fill(3.4), { lengthScale: { kind: 'sphereRadius', radiusM: 5e-6 } }), (e: unknown) => e instanceof AnalysisError && /no current flows/.test(e.message));
  const constant = new Float64Array(n).fill(1e-3);
  assert.throws(() => analyzeGittArrays(t, constant, new Float64Array(n).fill(3.4), { lengthScale: { kind: 'sphereRadius', radiusM: 5e-6 } }), (e: unknown) => e instanceof AnalysisError && /no current pulse with a rest before and after/.test(e.message));
  assert.throws(() => analyzeGittArrays(t, constant, new Float64Array(n), { lengthScale: { kind: 'sphereRadius', radiusM: -1 } }), AnalysisError);
});

test('GITT fixture through the column-mapping reader (LAND d-h:mm:ss time) equals the independent parse', () => {
  const m = readMapped(readFixtureBytes('gitt', 'GITT.csv'), 'GITT.csv', {
    columns: { TestTime: { column: 'time_s', unit: 'hh:mm:ss' }, 'Current/mA': { column: 'current_A', unit: 'mA', sign: 'positive-charge' }, 'Voltage/V': { column: 'voltage_V', unit: 'V' } },
  });
  const r = analyzeGitt(m, { lengthScale: { kind: 'sphereRadius', radiusM: 3.5e-6 } });
  assert.equal(r.pulses.length, fixture.pulses.length);
  for (let k = 0; k < r.pulses.length; k++) {
    assert.equal(r.pulses[k].startTimeS, fixture.pulses[k].startTimeS);
    assert.equal(r.pulses[k].diffusionCm2PerS, fixture.pulses[k].diffusionCm2PerS);
    assert.deepEqual(r.pulses[k].flags, fixture.pulses[k].flags);
  }
});
