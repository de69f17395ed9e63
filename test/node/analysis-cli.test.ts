import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliProcess } from '../helpers/cli.js';
import { fixturePath } from '../helpers/fixtures.js';
import { assertClose } from '../helpers/close.js';

const dir = mkdtempSync(join(tmpdir(), 'cathodelab-analysis-cli-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('cathodelab xrd LiCoO2.UXD --json --plot: a, c, I003/I104 (height and area) and the fitted peaks; SVG written', () => {
  const svg = join(dir, 'xrd.svg');
  const r = runCliProcess(['xrd', fixturePath('xrd', 'LiCoO2.UXD'), '--json', '--plot', svg]);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assertClose(j.aAngstrom, 2.8153, { abs: 0.002 }, 'a');
  assertClose(j.cAngstrom, 14.047, { abs: 0.01 }, 'c');
  assertClose(j.i003ToI104Height, 1.96, { abs: 0.04 });
  assertClose(j.i003ToI104Area, 2.27, { abs: 0.08 });
  assert.equal(j.peaks.length, 10);
  assert.deepEqual(Object.keys(j.peaks[0]).sort(), ['areaCountsDeg', 'dAngstrom', 'eta', 'fwhmDeg', 'heightCounts', 'hkl', 'label', 'latticeResidualDeg', 'twoThetaDeg', 'twoThetaStdErrDeg']);
  const s = readFileSync(svg, 'utf8');
  assert.match(s, /^<svg/);
  assert.match(s, /LiCoO2\.UXD/);
});

test('cathodelab xrd on a pattern without a (003) peak: one-line error, exit 1, no plot written', () => {
  const file = join(dir, 'flat.xy');
  const lines: string[] = [];
  for (let k = 0; k <= 3000; k++) lines.push(`${(10 + k * 0.02).toFixed(2)} ${500 + (k % 5)}`);
  writeFileSync(file, lines.join('\n'));
  const svg = join(dir, 'flat.svg');
  const r = runCliProcess(['xrd', file, '--plot', svg]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error: flat\.xy: no \(003\) peak of a layered R-3m oxide/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.equal(existsSync(svg), false);
});

test('cathodelab cv cv.mpr --json: two cycles at 0.1 mV/s; Randles–Sevcik not computed with one scan rate, with the reason', () => {
  const r = runCliProcess(['cv', fixturePath('cyclers', 'cv.mpr'), '--json', '--area-cm2', '0.001', '--concentration-mol-per-l', '1']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.cycles.length, 2);
  assert.equal(j.scanRatesMvPerS.length, 1);
  assertClose(j.scanRatesMvPerS[0], 0.1, { rel: 0.01 }, 'scan rate mV/s');
  assert.equal(j.randlesSevcik.computed, false);
  assert.match(j.randlesSevcik.reason, /2 or more scan rates/);
  assert.equal(j.bValue, null);
});

test('cathodelab cycles / rate / dqdv on the Arbin .res fixture (cellpy golden values)', () => {
  const res = fixturePath('cyclers', '20160805_test001_45_cc_01.res');
  const c = runCliProcess(['cycles', res, '--convention', 'charge/discharge', '--mass-mg', '1', '--json']);
  assert.equal(c.code, 0, c.stderr);
  const cj = JSON.parse(c.stdout);
  assertClose(cj.firstCycleCoulombicEfficiencyPct, 92.61079092743373, { rel: 1e-6 });
  assertClose(cj.cycles[0].dischargeCapacityMahPerG, 1755.093529421, { rel: 1e-6 });
  assert.equal(cj.activeMassMg, 1);
  const r = runCliProcess(['rate', res, '--mass-mg', '1', '--nominal-mah-per-g', '1', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const rj = JSON.parse(r.stdout);
  assert.deepEqual(rj.blocks.map((b: { firstCycle: number; lastCycle: number }) => [b.firstCycle, b.lastCycle]), [[1, 3], [4, 17]]);
  assertClose(rj.cycles[0].cRate, 152.21136, { rel: 0.005 }, 'cycle 1 discharge C-rate (cellpy)');
  const svg = join(dir, 'dqdv.svg');
  const d = runCliProcess(['dqdv', res, '--cycles', '1', '--json', '--plot', svg]);
  assert.equal(d.code, 0, d.stderr);
  const dj = JSON.parse(d.stdout);
  assert.equal(dj.curves.length, 2);
  assert.match(readFileSync(svg, 'utf8'), /^<svg/);
});

test('cathodelab gitt GITT.csv --mapping: the LiFePO4 fixture read through a column mapping gives the PROVENANCE D; the length scale is required', () => {
  const mapping = join(dir, 'land-gitt.mapping.json');
  writeFileSync(mapping, JSON.stringify({ columns: { TestTime: { column: 'time_s', unit: 'hh:mm:ss' }, 'Current/mA': { column: 'current_A', unit: 'mA', sign: 'positive-charge' }, 'Voltage/V': { column: 'voltage_V', unit: 'V' } } }));
  const file = fixturePath('gitt', 'GITT.csv');
  const svg = join(dir, 'gitt.svg');
  const r = runCliProcess(['gitt', file, '--mapping', mapping, '--radius-um', '3.5', '--json', '--plot', svg]);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.pulses.length, 31);
  assert.equal(j.lengthScale, 'sphereRadius');
  assertClose(j.lengthScaleUm, 3.5 / 3, { rel: 1e-12 });
  assertClose(j.pulses[0].diffusionCm2PerS, 7.42e-12, { rel: 0.01 }, 'pulse 1 D');
  assertClose(j.pulses[30].diffusionCm2PerS, 2.04e-12, { rel: 0.01 }, 'pulse 31 D');
  assert.equal(j.pulses[8].diffusionCm2PerS, null, 'pulse 9: ΔEs = 0 → no D');
  assert.ok(j.pulses[8].flags.includes('deltaEsBelowResolution'));
  assert.match(readFileSync(svg, 'utf8'), /^<svg/);
  // general form: S chosen so that L = m·V_M/(M·S) = 10 mg · 20 cm³/mol / (100 g/mol · S) equals r/3 = 1.1667 µm (S ≈ 17.14 cm²)
  const g = runCliProcess(['gitt', file, '--mapping', mapping, '--mass-mg', '10', '--molar-mass-g-per-mol', '100', '--molar-volume-cm3-per-mol', '20', '--surface-area-cm2', String((10e-3 * 20) / (100 * (3.5e-4 / 3))), '--json']);
  assert.equal(g.code, 0, g.stderr);
  const gj = JSON.parse(g.stdout);
  assert.equal(gj.lengthScale, 'molarVolume');
  assertClose(gj.lengthScaleUm, 3.5 / 3, { rel: 1e-9 });
  assertClose(gj.pulses[0].diffusionCm2PerS, j.pulses[0].diffusionCm2PerS, { rel: 1e-9 }, 'general form with the same L gives the same D');
  const none = runCliProcess(['gitt', file, '--mapping', mapping]);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /^error: .*exactly one length scale/);
});

test('cathodelab cv with one file per scan rate: b-value 0.5 and the Randles–Sevcik D of peaks built from a known D', () => {
  // i_p = 0.4463·F·A·C·√(F·v·D/(R·T)) with A = 1 cm², C = 1 mol/L, D = 1e-10 cm²/s, T = 298.15 K (n = 1)
  const F = 96485.33212;
  const R = 8.314462618;
  const D = 1e-14;
  const ip = (v: number) => 0.4463 * F * 1e-4 * 1000 * Math.sqrt((F * v * D) / (R * 298.15));
  const mapping = join(dir, 'cv.mapping.json');
  writeFileSync(mapping, JSON.stringify({ columns: { t: { column: 'time_s', unit: 's' }, E: { column: 'voltage_V', unit: 'V' }, I: { column: 'current_A', unit: 'A', sign: 'positive-charge' } } }));
  const files = [1e-4, 2e-4, 5e-4].map((v) => {
    const lines = ['t,E,I'];
    let t = 0;
    for (const dir of [1, -1]) {
      for (let k = 0; k < 1300; k++) {
        const E = dir === 1 ? 3 + k * 1e-3 : 4.3 - k * 1e-3;
        const g = (x: number) => Math.exp(-0.5 * ((E - x) / 0.03) ** 2);
        lines.push(`${t},${E},${dir * 0.05 * v + (dir === 1 ? ip(v) * g(3.85) : -0.8 * ip(v) * g(3.65))}`);
        t += 1e-3 / v;
      }
    }
    const f = join(dir, `cv-${v * 1e3}mVs.csv`);
    writeFileSync(f, lines.join('\n'));
    return f;
  });
  const r = runCliProcess(['cv', ...files, '--mapping', mapping, '--area-cm2', '1', '--concentration-mol-per-l', '1', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.files.length, 3);
  assert.deepEqual(j.scanRatesMvPerS.map((x: number) => Number(x.toPrecision(3))), [0.1, 0.2, 0.5]);
  assertClose(j.bValue.anodic.b, 0.5, { abs: 0.01 }, 'anodic b');
  assert.equal(j.randlesSevcik.computed, true);
  assertClose(j.randlesSevcik.diffusionCm2PerS, 1e-10, { rel: 0.03 }, 'Randles–Sevcik D');
});
