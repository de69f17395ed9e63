import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { MaterialLibrary } from '../../../src/core/materials/library.js';
import { parseDesign, validateDesign } from '../../../src/core/design/parse.js';
import { parseSweepSpec, runSweep } from '../../../src/core/design/sweep.js';
import { InputError } from '../../../src/core/errors.js';
import { assertClose } from '../../helpers/close.js';
import { smallDesign } from './fixtures.js';

const lib = MaterialLibrary.builtin();
const gao = () => parseDesign(readFileSync('examples/gao2025-pouch.json', 'utf8'), 'examples/gao2025-pouch.json');

const strictly = (xs: number[], dir: 1 | -1, what: string) => {
  for (let i = 1; i < xs.length; i++) assert.ok(dir * (xs[i] - xs[i - 1]) > 0, `${what}: ${xs[i - 1]} → ${xs[i]}`);
};

test('sweep specs: ranges are inclusive and exact; lists; errors name --sweep', () => {
  assert.deepEqual(parseSweepSpec('loadingMgPerCm2=15:60:5').values, [15, 20, 25, 30, 35, 40, 45, 50, 55, 60]);
  assert.deepEqual(parseSweepSpec('electrolyteGPerAh=1:3:0.5').values, [1, 1.5, 2, 2.5, 3]);
  assert.deepEqual(parseSweepSpec('electrolyteGPerAh=1:2:0.1').values.length, 11);
  assert.deepEqual(parseSweepSpec('cathodeLayers=1,5,10').values, [1, 5, 10]);
  for (const bad of ['loadingMgPerCm2', 'loadingMgPerCm2=15:60', 'loadingMgPerCm2=15:60:0', 'loadingMgPerCm2=60:15:5', 'foo=1:2:1', 'cathodeLayers=1:2:0.5', 'npRatio=1,x']) {
    assert.throws(() => parseSweepSpec(bad), (e: unknown) => e instanceof InputError && e.message.startsWith('--sweep'), bad);
  }
});

test('more electrolyte → lower Wh/kg (E/C 1 → 3 g/Ah)', () => {
  const r = runSweep(gao(), [parseSweepSpec('electrolyteGPerAh=1:3:0.5')], lib);
  strictly(r.points.map((p) => p.cell.specificEnergyJPerKg), -1, 'cell Wh/kg');
  strictly(r.points.map((p) => p.cell.stackSpecificEnergyJPerKg), -1, 'stack Wh/kg');
  strictly(r.points.map((p) => p.cell.energyDensityJPerM3), -1, 'cell Wh/L (excess electrolyte swells the stack)');
  // Capacity does not depend on the electrolyte; each 0.5 g/Ah (0.5e-3 kg / 3600 C) adds 0.5 g × capacity of mass.
  const c0 = r.points[0].cell;
  for (const p of r.points) {
    assertClose(p.cell.capacityC, c0.capacityC, { rel: 1e-12 });
    assertClose(p.cell.massKg - c0.massKg, (((p.values.electrolyteGPerAh! - 1) * 1e-3) / 3600) * c0.capacityC, { rel: 1e-9 });
  }
});

test('more layers → higher cell Wh/kg (the pouch and tabs are shared), capacity ∝ layers', () => {
  const r = runSweep(gao(), [parseSweepSpec('cathodeLayers=1:30:1')], lib);
  strictly(r.points.map((p) => p.cell.specificEnergyJPerKg), 1, 'cell Wh/kg');
  const c1 = r.points[0].cell;
  for (const p of r.points) assertClose(p.cell.capacityC, c1.capacityC * p.values.cathodeLayers!, { rel: 1e-12 });
});

test('thicker Li → lower Wh/kg and higher N/P; higher loading → higher Wh/kg and thicker cathode', () => {
  const li = runSweep(gao(), [parseSweepSpec('liThicknessUm=20:100:10')], lib);
  strictly(li.points.map((p) => p.cell.specificEnergyJPerKg), -1, 'Wh/kg vs Li');
  strictly(li.points.map((p) => p.cell.npRatio), 1, 'N/P vs Li');
  const np = runSweep(gao(), [parseSweepSpec('npRatio=1:3:0.5')], lib);
  np.points.forEach((p) => assertClose(p.cell.npRatio, p.values.npRatio!, { rel: 1e-12 }));
  strictly(np.points.map((p) => p.cell.specificEnergyJPerKg), -1, 'Wh/kg vs N/P');
  const load = runSweep(gao(), [parseSweepSpec('loadingMgPerCm2=15:60:5')], lib);
  strictly(load.points.map((p) => p.cell.specificEnergyJPerKg), 1, 'Wh/kg vs loading');
  // Thickness is linear in loading: t(60)/t(15) = 4.
  assertClose(load.points.at(-1)!.cell.cathode.thicknessMPerSide / load.points[0].cell.cathode.thicknessMPerSide, 4, { rel: 1e-12 });
});

test('areal-capacity sweep is the inverse design: loading ∝ target, Wh/kg rises with it', () => {
  const r = runSweep(gao(), [parseSweepSpec('arealCapacityMahPerCm2=2:10:2')], lib);
  for (const p of r.points) {
    // The sweep value is in mAh/cm² (1 mAh/cm² = 36 000 C/m²); the designer's result in C/m².
    assertClose(p.cell.arealCapacityCPerM2, p.values.arealCapacityMahPerCm2! * 36000, { rel: 1e-12 });
    // Active basis, 200 mAh/g: loading = Q / 0.2 g → 10, 20, …, 50 mg/cm² (0.1, …, 0.5 kg/m²) of NCM811.
    assertClose(p.cell.cathode.activeLoadingKgPerM2, (p.values.arealCapacityMahPerCm2! / 0.2) * 0.01, { rel: 1e-12 });
  }
  strictly(r.points.map((p) => p.cell.specificEnergyJPerKg), 1, 'Wh/kg vs areal capacity');
});

test('two-variable sweep: row-major grid, each point equals a direct design', () => {
  const axes = [parseSweepSpec('loadingMgPerCm2=20:40:10'), parseSweepSpec('electrolyteGPerAh=1.5,2,3')];
  const r = runSweep(validateDesign(smallDesign()), axes, lib);
  assert.equal(r.points.length, 9);
  assert.deepEqual(r.points.map((p) => [p.values.loadingMgPerCm2, p.values.electrolyteGPerAh]).slice(0, 4), [[20, 1.5], [20, 2], [20, 3], [30, 1.5]]);
  // Along each row Wh/kg falls with E/C; down each column it rises with loading.
  for (let i = 0; i < 3; i++) strictly(r.points.slice(3 * i, 3 * i + 3).map((p) => p.cell.specificEnergyJPerKg), -1, `row ${i}`);
  for (let j = 0; j < 3; j++) strictly([0, 1, 2].map((i) => r.points[3 * i + j].cell.specificEnergyJPerKg), 1, `column ${j}`);
  // The (20, 2) point is the fixture itself.
  assertClose(r.points[1].cell.capacityC, 0.304 * 3600, { rel: 1e-12 });
});

test('sweep values outside a field\'s range are reported against --sweep and the field', () => {
  assert.throws(() => runSweep(gao(), [parseSweepSpec('porosityPercent=50,100')], lib), (e: unknown) => e instanceof InputError && /--sweep \(at porosityPercent=100\)/.test(e.message) && /cathode\.porosityPercent/.test(e.message));
  assert.throws(() => runSweep(gao(), [parseSweepSpec('npRatio=1:2:1'), parseSweepSpec('npRatio=1:2:1')], lib), InputError);
});
