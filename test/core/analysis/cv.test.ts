import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCv, analyzeCvArrays, randlesSevcik, peakCurrentBValue, splitSweeps } from '../../../src/core/analysis/cv.js';
import { AnalysisError } from '../../../src/core/errors.js';
import { FARADAY, GAS_CONSTANT } from '../../../src/core/units.js';
import { readFixtureBytes, readFixtureText } from '../../helpers/fixtures.js';
import { readMeasurement } from '../../../src/core/io/formats.js';
import { assertClose } from '../../helpers/close.js';

/** A voltammogram from known peaks: capacitive step ± C·v, a sloping background, Gaussian peaks. */
function syntheticCv(opts: { scanRate: number; cycles: number; epa: number; ipa: number; epc: number; ipc: number; sigma: number; capF?: number; e1?: number; e2?: number; t0?: number }) {
  const e1 = opts.e1 ?? 3.0;
  const e2 = opts.e2 ?? 4.3;
  const dE = 1e-3;
  const capF = opts.capF ?? 0.05;
  const t: number[] = [];
  const e: number[] = [];
  const i: number[] = [];
  let time = opts.t0 ?? 0;
  const steps = Math.round((e2 - e1) / dE);
  for (let c = 0; c < opts.cycles; c++) {
    for (const dir of [1, -1]) {
      for (let k = 0; k < steps; k++) {
        const E = dir === 1 ? e1 + k * dE : e2 - k * dE;
        const g = (x: number) => Math.exp(-0.5 * ((E - x) / opts.sigma) ** 2);
        const cur = dir * capF * opts.scanRate + 2e-5 * (E - e1) + (dir === 1 ? opts.ipa * g(opts.epa) : -opts.ipc * g(opts.epc));
        t.push(time); e.push(E); i.push(cur);
        time += dE / opts.scanRate;
      }
    }
  }
  return { t, e, i };
}

test('CV round trip: peaks built at known potentials and heights come back (ΔEp, E½, ipa/ipc)', () => {
  const s = syntheticCv({ scanRate: 1e-4, cycles: 2, epa: 3.85, ipa: 2e-4, epc: 3.65, ipc: 1.5e-4, sigma: 0.03 });
  const r = analyzeCvArrays(s.t, s.e, s.i);
  assert.equal(r.cycles.length, 2);
  assert.deepEqual(r.scanRatesVPerS, [1e-4]);
  assert.equal(r.bValue, null, 'one scan rate: no b-value');
  for (const c of r.cycles) {
    assert.ok(c.anodicPeak && c.cathodicPeak);
    assertClose(c.anodicPeak.potentialV, 3.85, { abs: 1.5e-3 }, 'Epa');
    assertClose(c.cathodicPeak.potentialV, 3.65, { abs: 1.5e-3 }, 'Epc');
    assertClose(c.anodicPeak.correctedCurrentA, 2e-4, { rel: 0.01 }, 'ipa above baseline');
    assertClose(c.cathodicPeak.correctedCurrentA, -1.5e-4, { rel: 0.01 }, 'ipc above baseline');
    assertClose(c.peakSeparationV ?? NaN, 0.2, { abs: 3e-3 }, 'ΔEp');
    assertClose(c.halfWavePotentialV ?? NaN, 3.75, { abs: 1.5e-3 }, 'E½');
    assertClose(c.peakCurrentRatio ?? NaN, 2 / 1.5, { rel: 0.02 }, 'ipa/ipc');
    assertClose(c.scanRateVPerS, 1e-4, { rel: 1e-9 }, 'scan rate');
  }
  // the baseline under the anodic peak is the capacitive step plus the slope: C·v + 2e-5·(E − 3)
  const pa = r.cycles[0].anodicPeak;
  assert.ok(pa);
  assertClose(pa.baselineA, 0.05 * 1e-4 + 2e-5 * 0.85, { rel: 0.02 }, 'baseline at Epa');
});

test('CV: several scan rates in one record → b-value 0.5 for √v-scaled peaks and Randles–Sevcik D', () => {
  const rates = [5e-5, 1e-4, 2e-4, 5e-4];
  const t: number[] = [];
  const e: number[] = [];
  const i: number[] = [];
  for (const v of rates) {
    const s = syntheticCv({ scanRate: v, cycles: 1, epa: 3.85, ipa: 2e-4 * Math.sqrt(v / 1e-4), epc: 3.65, ipc: 1.5e-4 * Math.sqrt(v / 1e-4), sigma: 0.03, t0: t.length ? t[t.length - 1] + 10 : 0 });
    t.push(...s.t); e.push(...s.e); i.push(...s.i);
  }
  const r = analyzeCvArrays(t, e, i);
  assert.equal(r.cycles.length, 4);
  assert.deepEqual(r.scanRatesVPerS, rates);
  assert.ok(r.bValue?.anodic && r.bValue.cathodic);
  assertClose(r.bValue.anodic.b, 0.5, { abs: 0.01 }, 'anodic b');
  assertClose(r.bValue.cathodic.b, 0.5, { abs: 0.01 }, 'cathodic b');
  // i_pa = 2e-4 A·√(v/1e-4) → slope 0.02 A/√(V/s); hand: D = (0.02/(0.4463·F·A·C))²·RT/F
  const rs = randlesSevcik(r.cycles.map((c) => ({ scanRateVPerS: c.scanRateVPerS, peakCurrentA: c.anodicPeak?.correctedCurrentA ?? NaN })), { areaM2: 1e-4, concentrationMolPerM3: 1000 });
  const dHand = (0.02 / (0.4463 * FARADAY * 1e-4 * 1000)) ** 2 * (GAS_CONSTANT * 298.15) / FARADAY;
  assertClose(rs.diffusionM2PerS, dHand, { rel: 0.03 }, 'Randles–Sevcik D from the recovered peaks');
});

test('Randles–Sevcik: D recovered from i_p = 0.4463 nFAC √(nFvD/RT); capacitive i ∝ v gives b = 1', () => {
  const D = 1e-14; // m²/s
  const A = 1.13e-4; // m², a 12 mm disc
  const C = 1000; // mol/m³
  const T = 298.15;
  const pts = [1e-4, 2e-4, 5e-4, 1e-3].map((v) => ({ scanRateVPerS: v, peakCurrentA: 0.4463 * FARADAY * A * C * Math.sqrt((FARADAY * v * D) / (GAS_CONSTANT * T)) }));
  const r = randlesSevcik(pts, { areaM2: A, concentrationMolPerM3: C, temperatureK: T });
  assertClose(r.diffusionM2PerS, D, { rel: 1e-9 }, 'D');
  assertClose(r.diffusionCm2PerS, D * 1e4, { rel: 1e-9 });
  assertClose(r.rSquared, 1, { abs: 1e-12 });
  assertClose(peakCurrentBValue(pts).b, 0.5, { abs: 1e-12 });
  assertClose(peakCurrentBValue(pts.map((p) => ({ scanRateVPerS: p.scanRateVPerS, peakCurrentA: 3 * p.scanRateVPerS }))).b, 1, { abs: 1e-12 });
});

test('Randles–Sevcik and the b-value with one scan rate are an AnalysisError, not a number', () => {
  const one = [{ scanRateVPerS: 1e-4, peakCurrentA: 1e-4 }, { scanRateVPerS: 1e-4, peakCurrentA: 1.1e-4 }];
  assert.throws(() => randlesSevcik(one, { areaM2: 1e-4, concentrationMolPerM3: 1000 }), (e: unknown) => e instanceof AnalysisError && /2 or more scan rates.*found 1 scan rate/.test(e.message));
  assert.throws(() => peakCurrentBValue(one), AnalysisError);
  assert.throws(() => analyzeCvArrays([0, 1, 2], [3, 3, 3], [0, 0, 0]), (e: unknown) => e instanceof AnalysisError && /not a voltammogram/.test(e.message));
});

// ---------- the real fixture: cv.mpt (EC-Lab, 0.1 mV/s, PROVENANCE.md §1) ----------

function parseMpt(text: string) {
  const lines = text.split(/\r?\n/);
  const headerLines = Number(/Nb header lines : (\d+)/.exec(lines[1])?.[1]);
  const cols = lines[headerLines - 1].split('\t');
  const idx = (name: string) => cols.indexOf(name);
  const [it, ie, ii, ic] = [idx('time/s'), idx('Ewe/V'), idx('<I>/mA'), idx('cycle number')];
  const t: number[] = [];
  const e: number[] = [];
  const i: number[] = [];
  const c: number[] = [];
  for (let k = headerLines; k < lines.length; k++) {
    if (!lines[k].trim()) continue;
    const f = lines[k].split('\t');
    t.push(Number(f[it])); e.push(Number(f[ie])); i.push(Number(f[ii]) * 1e-3); c.push(Number(f[ic]));
  }
  return { t, e, i, c };
}

test('CV fixture cv.mpt: sweeps at 0.1 mV/s (the file header), 2 cycles, turning points at the potential extremes', () => {
  const d = parseMpt(readFixtureText('cyclers', 'cv.mpt'));
  assert.equal(d.t.length, 5103);
  assertClose(d.e[0], 2.4807117, { abs: 1e-7 });
  const r = analyzeCvArrays(d.t, d.e, d.i, d.c);
  assert.deepEqual(r.cycles.map((c) => c.cycle), [1, 2]);
  // the first sweep is cathodic from the rest potential to the lower vertex (E1 = 1.5 V): its end is the minimum of E before the first anodic sweep
  const first = r.sweeps[0];
  assert.equal(first.direction, 'cathodic');
  let argMin = 0;
  for (let k = 0; k < 1500; k++) if (d.e[k] < d.e[argMin]) argMin = k;
  assert.equal(first.endRow - 1, argMin);
  assert.ok(first.endPotentialV < 1.52 && first.endPotentialV > 1.49, `lower vertex ${first.endPotentialV}`);
  // sweeps under potential control run at the programmed 0.100 mV/s
  assertClose(first.scanRateVPerS, 1e-4, { rel: 0.01 }, 'first sweep scan rate');
  assertClose(r.sweeps[1].scanRateVPerS, 1e-4, { rel: 0.01 }, 'second sweep scan rate');
  // every reported peak stands above its baseline in the sweep's direction
  for (const s of r.sweeps) for (const p of s.peaks) assert.ok(s.direction === 'anodic' ? p.correctedCurrentA > 0 : p.correctedCurrentA < 0);
});

test('splitSweeps ignores reversals smaller than the tolerance', () => {
  const v = [0, 0.1, 0.2, 0.199, 0.3, 0.4, 0.3, 0.2];
  assert.deepEqual(splitSweeps(v, 0.01).map((s) => [s.startRow, s.endRow, s.direction]), [[0, 6, 1], [5, 8, -1]]);
});

test('CV fixture through the reader registry: cv.mpr gives the same sweeps, scan rates and peaks as the independently parsed cv.mpt', () => {
  const m = readMeasurement(readFixtureBytes('cyclers', 'cv.mpr'), 'cv.mpr');
  const fromMpr = analyzeCv(m);
  const d = parseMpt(readFixtureText('cyclers', 'cv.mpt'));
  const fromMpt = analyzeCvArrays(d.t, d.e, d.i, d.c);
  assert.equal(fromMpr.sweeps.length, fromMpt.sweeps.length);
  for (let k = 0; k < fromMpt.sweeps.length; k++) {
    const a = fromMpr.sweeps[k];
    const b = fromMpt.sweeps[k];
    assert.equal(a.startRow, b.startRow);
    assert.equal(a.endRow, b.endRow);
    assertClose(a.scanRateVPerS, b.scanRateVPerS, { rel: 1e-5 });
    assert.equal(a.peaks.length, b.peaks.length);
    for (let j = 0; j < a.peaks.length; j++) assertClose(a.peaks[j].potentialV, b.peaks[j].potentialV, { abs: 1e-6 });
  }
});
