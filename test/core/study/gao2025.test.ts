/**
 * The gao2025 study: every table value comes from the parts it names (recomputed here independently),
 * the coarse study mesh agrees with the simulator's default mesh, and the HTML report is one offline file
 * with every figure.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseDesign } from '../../../src/core/design/parse.js';
import { designCell } from '../../../src/core/design/cell.js';
import { cellFieldUnits } from '../../../src/core/design/report.js';
import { MaterialLibrary } from '../../../src/core/materials/library.js';
import { cathodeParameters, discharge, meanVoltage, runGao2025Study, DEFAULT_CONDITIONS } from '../../../src/core/study/gao2025.js';
import { buildStudyTable, DEVIATION_THRESHOLD_PERCENT } from '../../../src/core/study/table.js';
import { renderStudyReport } from '../../../src/core/study/report-html.js';
import { assertClose } from '../../helpers/close.js';

const FILE = 'examples/gao2025-pouch.json';
const design = parseDesign(readFileSync(FILE, 'utf8'), FILE);
const library = MaterialLibrary.builtin();
const progress: number[] = [];
const result = runGao2025Study({ pouchDesign: design, pouchFile: FILE, library, skipCalibration: true, onProgress: (d, t) => progress.push(d / t) });
const rows = buildStudyTable(result);
const row = (re: RegExp) => {
  const r = rows.find((q) => re.test(q.quantity));
  assert.ok(r, `no row matching ${re}`);
  return r;
};

test('the study mesh (20 + 20 cells, 20 shells) is converged: a mesh twice as fine changes capacities by < 0.5 %', () => {
  assert.deepEqual(DEFAULT_CONDITIONS.mesh, { cells: [1, 20, 20], shells: 20 });
  for (const [llzo, loading, c] of [[true, 54, 0.1], [true, 15, 3], [false, 15, 2]] as const) {
    const p = cathodeParameters(llzo, loading);
    const study = discharge(p, c, DEFAULT_CONDITIONS.mesh).capacityMahPerG as number;
    const fine = discharge(p, c, { cells: [1, 40, 40], shells: 40 }).capacityMahPerG as number;
    assertClose(study, fine, { rel: 0.005 }, `${llzo ? 'LLZO' : 'bare'} ${loading} mg/cm² ${c}C`);
  }
});

test('table values are the designer\'s and the simulator\'s numbers', () => {
  const cell = designCell(design, library, { file: FILE });
  // The table speaks Wh/kg; the designer's result is J/kg and report.ts converts.
  assert.equal(row(/^Pouch cell specific energy \(/).cathodelab, cellFieldUnits(cell).specificEnergyWhPerKg);
  assertClose(row(/^Pouch cell specific energy \(/).cathodelab as number, cell.specificEnergyJPerKg / 3600, { rel: 1e-12 });
  const p = cathodeParameters(true, 54);
  const r54 = discharge(p, 0.1, DEFAULT_CONDITIONS.mesh);
  assert.equal(row(/^Specific capacity, DFNCM\/LLZO, 54 mg/).cathodelab, r54.capacityMahPerG);
  assert.equal(row(/^Areal capacity, DFNCM\/LLZO, 54 mg/).cathodelab, r54.capacityMahPerCm2);
  const r3 = discharge(cathodeParameters(true, 15), 3, DEFAULT_CONDITIONS.mesh);
  assert.equal(row(/^Specific capacity, DFNCM\/LLZO, 3C$/).cathodelab, r3.capacityMahPerG);
  // the simulated-voltage pouch row: same cell with V = E/Q of a 0.1C discharge at the pouch loading
  const rp = discharge(cathodeParameters(true, 32.8), 0.1, DEFAULT_CONDITIONS.mesh);
  const cellSim = designCell(design, library, { file: FILE, averageVoltageV: rp.energyWh / rp.capacityAh });
  assertClose(row(/simulated 0.1C voltage/).cathodelab as number, cellSim.specificEnergyJPerKg / 3600, { rel: 1e-12 });
});

test('rows above 10 % say why; the others carry no note', () => {
  for (const r of rows) {
    assert.ok(r.cathodelab === null || Number.isFinite(r.cathodelab), `${r.quantity}: ${r.cathodelab}`);
    const off = r.deviationPercent !== null && Math.abs(r.deviationPercent) > DEVIATION_THRESHOLD_PERCENT;
    assert.equal(r.note !== '', off, `${r.quantity}: deviation ${r.deviationPercent}, note "${r.note}"`);
  }
});

test('physics of the sweep: areal capacity grows with loading, specific capacity stays near 200 mAh/g at 0.1C', () => {
  for (const c of result.cathodes) {
    const s = c.loadingSweep;
    for (let i = 1; i < s.loadingMgPerCm2.length; i++) assert.ok(s.capacityMahPerCm2[i] > s.capacityMahPerCm2[i - 1]);
    // mAh/cm² = mAh/g × mg/cm² / 1000 at every point
    s.loadingMgPerCm2.forEach((L, i) => assertClose(s.capacityMahPerCm2[i], (s.capacityMahPerG[i] * L) / 1000, { rel: 1e-9 }));
    for (const q of s.capacityMahPerG) assert.ok(q > 190 && q < 205, `${q}`);
    // thicker electrodes polarise more: specific capacity never rises with loading (smooth at rtol 1e-6)
    for (let i = 1; i < s.capacityMahPerG.length; i++) assert.ok(s.capacityMahPerG[i] <= s.capacityMahPerG[i - 1] + 0.05, `${s.capacityMahPerG.join(', ')}`);
    // capacity falls with C-rate
    for (let i = 1; i < c.rate.cRate.length; i++) assert.ok(c.rate.capacityMahPerG[i] < c.rate.capacityMahPerG[i - 1]);
    // utilisation ∈ [0, 1.01] and higher at 0.1C than at 3C
    const [slow, fast] = c.fields;
    for (const u of slow.finalUtilisation.concat(fast.finalUtilisation)) assert.ok(u > -0.01 && u < 1.01, `${u}`);
    assert.ok(slow.meanFinalUtilisation > fast.meanFinalUtilisation);
  }
  // thick electrode: at ≥ 1C the 54 mg/cm² discharges stop on electrolyte depletion, far below the 15 mg/cm² capacities
  for (const c of result.cathodes) {
    const t = c.rateAtTopLoading;
    t.cRate.forEach((cr, i) => {
      if (cr >= 1) assert.match(t.endReason[i], /electrolyte depleted/);
      assert.ok(t.capacityMahPerG[i] <= c.rate.capacityMahPerG[i] + 0.5, `${cr}C: ${t.capacityMahPerG[i]} vs ${c.rate.capacityMahPerG[i]}`);
    });
  }
  // progress reaches 1 and never goes back
  for (let i = 1; i < progress.length; i++) assert.ok(progress[i] >= progress[i - 1]);
  assert.equal(progress[progress.length - 1], 1);
});

test('virtual CV at the paper\'s 0.1 mV/s: both cathodes, ΔEp in the table is the CV analysis\' value of the 4.2 V couple', () => {
  const c = result.conditions;
  assert.equal(c.cvRateMvPerS, 0.1);
  for (const cat of result.cathodes) {
    const cv = cat.cv;
    // 4.3 → 3.6 → 4.3 V at 0.1 mV/s: 14 000 s, ending on the upper vertex
    const run = cv.simulation;
    assert.equal(run.stopReason, '');
    assertClose(run.time_s[run.time_s.length - 1], (2 * (c.cvUpperV - c.cvLowerV)) / (c.cvRateMvPerS * 1e-3), { rel: 1e-9 }, `${cat.id} CV duration`);
    assertClose(run.voltage_V[run.voltage_V.length - 1], c.cvUpperV, { abs: 1e-9 });
    // the analysis measures the sweep rate it was given
    for (const s of cv.analysis.sweeps) assertClose(s.scanRateVPerS, 1e-4, { rel: 0.01 }, `${cat.id} ${s.direction} scan rate`);
    const q = cv.cycle;
    assert.ok(q.anodicPeak && q.cathodicPeak, `${cat.id}: both peaks`);
    assert.ok(q.anodicPeak.potentialV > q.cathodicPeak.potentialV);
    assertClose(q.halfWavePotentialV as number, 4.19, { abs: 0.03 }, `${cat.id} E½`);
    const d = cv.peakSeparationV as number;
    assert.ok(Number.isFinite(d) && d > 0 && d < 0.3, `${cat.id} ΔEp ${d}`);
    assert.equal(row(new RegExp(`^CV peak separation ΔEp, ${cat.label.replace(/[()/]/g, '.')}, `)).cathodelab, 1000 * d);
  }
});

test('LLZO vs bare at 25 °C (one transition-state prefactor): R_ct ratio 3.96 within 5 %, higher voltage at 1–3C, capacities within 1 mAh/g', () => {
  // k_LLZO/k_bare = exp((33170 − 29760 J/mol)/(8.314462618 J/(mol K) × 298.15 K)) = 3.957 = R_ct(bare)/R_ct(LLZO)
  assertClose(row(/^R_ct ratio/).cathodelab as number, Math.exp(3410 / (8.314462618 * 298.15)), { rel: 0.05 }, 'R_ct ratio');
  // the voltage row is ∫V dQ/Q of the stored curves: within 0.5 mV of the simulator's E/Q
  const dv = (cr: number) => 1000 * (meanVoltage(discharge(cathodeParameters(true, 15), cr, DEFAULT_CONDITIONS.mesh)) - meanVoltage(discharge(cathodeParameters(false, 15), cr, DEFAULT_CONDITIONS.mesh)));
  const v = row(/^Mean discharge voltage, DFNCM\/LLZO − DFNCM/);
  assertClose(v.cathodelab as number, dv(3), { abs: 0.5 }, '3C ΔV / mV');
  const parts = v.cathodelabText.split(' / ').map(Number);
  assert.equal(parts.length, 3);
  for (let i = 0; i < 3; i++) assert.ok(parts[i] > 0 && (i === 0 || parts[i] > parts[i - 1]), `ΔV ${v.cathodelabText} mV: positive and growing with rate`);
  // capacity: both discharges end on particle-surface saturation, which k does not set (no LLZO gain here)
  const [bare, llzo] = (['bare', 'llzo'] as const).map((id) => result.cathodes.find((q) => q.id === id)!);
  for (const cr of [1, 2, 3]) {
    const i = bare.rate.cRate.indexOf(cr);
    assertClose(llzo.rate.capacityMahPerG[i], bare.rate.capacityMahPerG[i], { abs: 1 }, `${cr}C capacity`);
  }
});

test('pouch sensitivities: more electrolyte or more Li costs energy, more loading gains it', () => {
  const by = (v: string) => result.pouch.sensitivities.find((s) => s.variable === v)!;
  const dec = (ys: number[]) => ys.every((y, i) => i === 0 || y < ys[i - 1]);
  const inc = (ys: number[]) => ys.every((y, i) => i === 0 || y > ys[i - 1]);
  assert.ok(dec(by('electrolyteGPerAh').specificEnergyWhPerKg));
  assert.ok(dec(by('npRatio').specificEnergyWhPerKg));
  assert.ok(inc(by('loadingMgPerCm2').specificEnergyWhPerKg));
  assert.ok(inc(by('cathodeLayers').specificEnergyWhPerKg));
});

test('the report is one offline HTML file with every figure', () => {
  const html = renderStudyReport(result, rows, { runTimeMs: 1, machine: 'test', version: 'test', generatedAt: 'now' });
  assert.doesNotMatch(html, /<script|<link|<img|@import|url\((?!#)/i);
  // the only URL is the SVG namespace
  const urls = html.match(/https?:\/\/[^\s"'<>)]+/g) ?? [];
  assert.deepEqual([...new Set(urls)], ['http://www.w3.org/2000/svg']);
  for (const id of ['fig-rate', 'fig-discharge-bare', 'fig-discharge-llzo', 'fig-loading', 'fig-ce-llzo-3C', 'fig-ce-bare-0.1C', 'fig-util-llzo-3C', 'fig-util-final', 'fig-util-thick', 'fig-energy-electrolyteGPerAh', 'fig-gitt-llzo-thin', 'fig-nyquist-bare', 'fig-nyquist-llzo', 'fig-nyquist-fit-llzo', 'fig-arrhenius', 'fig-cv']) {
    assert.match(html, new RegExp(`<figure id="${id.replace('.', '\\.')}"><svg`), id);
  }
  assert.equal((html.match(/<svg/g) ?? []).length, (html.match(/<\/svg>/g) ?? []).length);
});
