import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MaterialLibrary } from '../../../src/core/materials/library.js';
import { designCell } from '../../../src/core/design/cell.js';
import { validateDesign } from '../../../src/core/design/parse.js';
import { assertClose } from '../../helpers/close.js';
import { smallDesign } from './fixtures.js';

const lib = MaterialLibrary.builtin();
const massOf = (cell: ReturnType<typeof designCell>, materialId: string) => cell.components.filter((c) => c.materialId === materialId).reduce((s, c) => s + c.massG, 0);

test('two-layer cell: every component mass from densities, areas and thicknesses (hand calculation)', () => {
  const cell = designCell(validateDesign(smallDesign()), lib);
  // Areas: cathode 40 × 50 mm = 20 cm²; anode 42 × 52 mm = 21.84 cm²; separator 46 × 56 mm = 25.76 cm².
  assertClose(cell.cathodeAreaCm2, 20, { rel: 1e-12 });
  assertClose(cell.anodeAreaCm2, 21.84, { rel: 1e-12 });
  assertClose(cell.separatorAreaCm2, 25.76, { rel: 1e-12 });
  // Capacity: 3.8 mAh/cm² (19 mg/cm² NCM811 × 200 mAh/g) × 20 cm² × 4 faces = 304 mAh; energy × 3.8 V = 1.1552 Wh.
  assertClose(cell.capacityAh, 0.304, { rel: 1e-12 });
  assertClose(cell.energyWh, 0.304 * 3.8, { rel: 1e-12 });
  // Coating: 20 mg/cm² × 20 cm² × 4 faces = 1.6 g, of which NCM811 95 % = 1.52 g.
  assertClose(massOf(cell, 'NCM811'), 1.52, { rel: 1e-12 });
  assertClose(massOf(cell, 'NCM811') + massOf(cell, 'SuperP') + massOf(cell, 'PTFE'), 1.6, { rel: 1e-12 });
  // Al: 2 foils × 20 cm² × 12e-4 cm × 2.70 g/cm³ = 0.1296 g.
  assertClose(massOf(cell, 'Al-foil'), 2 * 20 * 12e-4 * 2.7, { rel: 1e-12 });
  // Li: n + 1 = 3 anodes, single-sided outer ones → 4 Li faces × 21.84 cm² × 30e-4 cm × 0.534 g/cm³ = 0.139951 g.
  assertClose(massOf(cell, 'Li-metal'), 4 * 21.84 * 30e-4 * 0.534, { rel: 1e-12 });
  assertClose(massOf(cell, 'Li-metal'), 0.139951, { abs: 1e-6 });
  // Cu: 3 foils × 21.84 cm² × 8e-4 cm × 8.96 g/cm³ = 0.469647 g.
  assertClose(massOf(cell, 'Cu-foil'), 3 * 21.84 * 8e-4 * 8.96, { rel: 1e-12 });
  // Separator: 4 sheets × 25.76 cm² × 12e-4 cm × (1 − 0.40) × 0.95 g/cm³ = 0.0704794 g.
  assertClose(massOf(cell, 'PE-12'), 4 * 25.76 * 12e-4 * 0.6 * 0.95, { rel: 1e-12 });
  // Electrolyte: 2 g/Ah × 0.304 Ah = 0.608 g.
  assertClose(massOf(cell, 'LP30'), 0.608, { rel: 1e-12 });
  // Tabs: 0.5 × 2.0 cm × 0.01 cm = 0.01 cm³ → Al 0.027 g, Ni 0.08908 g.
  assertClose(massOf(cell, 'Al-tab'), 0.027, { rel: 1e-12 });
  assertClose(massOf(cell, 'Ni-tab'), 0.08908, { rel: 1e-12 });
  // Pouch: (46 + 2·5) × (56 + 10 + 2·5) mm = 56 × 76 mm, two layers = 85.12 cm² × 0.0181 g/cm² = 1.540672 g.
  assertClose(cell.pouchWidthMm, 56, { rel: 1e-12 });
  assertClose(cell.pouchHeightMm, 76, { rel: 1e-12 });
  assertClose(massOf(cell, 'Al-laminate-113'), 85.12 * 0.0181, { rel: 1e-12 });
  // Total and its use.
  const total = 1.6 + 0.1296 + 0.139951 + 0.469647 + 0.0704794 + 0.608 + 0.027 + 0.08908 + 1.540672;
  assertClose(cell.massG, total, { rel: 1e-6 });
  assertClose(cell.components.reduce((s, c) => s + c.massG, 0), cell.massG, { rel: 1e-12 }, 'components sum to the total');
  assertClose(cell.components.reduce((s, c) => s + c.massPercent, 0), 100, { abs: 1e-9 });
  assertClose(cell.specificEnergyWhPerKg, cell.energyWh / (cell.massG / 1000), { rel: 1e-12 }, 'Wh/kg = Wh / kg');
  assertClose(cell.specificEnergyWhPerKg, 1.1552 / (total / 1000), { rel: 1e-6 });
  // Stack: everything but tabs and laminate.
  assertClose(cell.stackMassG, total - 0.027 - 0.08908 - 1.540672, { rel: 1e-6 });
  assertClose(cell.stackSpecificEnergyWhPerKg, cell.energyWh / (cell.stackMassG / 1000), { rel: 1e-12 });
});

test('two-layer cell: N/P, thickness and volumes (hand calculation)', () => {
  const cell = designCell(validateDesign(smallDesign()), lib);
  // N/P: 30 µm / 4.8515 µm per mAh/cm² = 6.1837 mAh/cm²; / 3.8 = 1.6273.
  assertClose(cell.npRatio, 30 / (1e4 / (3860 * 0.534)) / 3.8, { rel: 1e-12 });
  assertClose(cell.npRatio, 1.6273, { abs: 1e-4 });
  // Stack thickness: 2 cathodes (12 + 2 × 64.047) + 1 inner anode (8 + 2 × 30) + 2 outer (8 + 30) + 4 × 12 µm separators.
  const tc = cell.cathode.thicknessUmPerSide;
  // Plus the electrolyte beyond the pores spread over the separator area: 0.608 g / 1.3 g/cm³ − pore volume.
  const pores = 4 * 20 * tc * 1e-4 * 0.3 + 4 * 25.76 * 12e-4 * 0.4;
  const excessUm = ((0.608 / 1.3 - pores) / 25.76) * 1e4;
  assert.ok(excessUm > 0);
  assertClose(cell.excessElectrolyteThicknessMm, excessUm / 1000, { rel: 1e-12 });
  const stackUm = 2 * (12 + 2 * tc) + (8 + 60) + 2 * (8 + 30) + 4 * 12 + excessUm;
  assertClose(cell.stackThicknessMm, stackUm / 1000, { rel: 1e-12 });
  assertClose(cell.cellThicknessMm, (stackUm + 2 * 113) / 1000, { rel: 1e-12 });
  // Stack volume = thickness × separator area; Wh/L = Wh / L.
  assertClose(cell.stackVolumeCm3, 25.76 * stackUm * 1e-4, { rel: 1e-12 });
  assertClose(cell.stackEnergyDensityWhPerL, cell.energyWh / (cell.stackVolumeCm3 / 1000), { rel: 1e-12 });
  // Cell volume: body 46 × 66 mm at full thickness + seal flanges (56 × 76 − 46 × 66 mm²) at two laminate layers.
  const cellCm3 = 30.36 * (stackUm + 226) * 1e-4 + (42.56 - 30.36) * 226e-4;
  assertClose(cell.cellVolumeCm3, cellCm3, { rel: 1e-12 });
  assertClose(cell.energyDensityWhPerL, cell.energyWh / (cellCm3 / 1000), { rel: 1e-12 });
  // Pore volume: coatings 4 × 20 cm² × 64.047e-4 cm × 0.30 + separators 4 × 25.76 cm² × 12e-4 cm × 0.40.
  assertClose(cell.poreVolumeCm3, pores, { rel: 1e-12 });
  assertClose(cell.poreFillPercent, (100 * 0.608) / 1.3 / pores, { rel: 1e-12 });
  // Component volumes are each material's own volume: Li 4 × 21.84 cm² × 30e-4 cm = 0.26208 cm³.
  assertClose(cell.components.find((c) => c.materialId === 'Li-metal')!.volumeCm3, 0.26208, { rel: 1e-12 });
  assertClose(cell.components.find((c) => c.materialId === 'LP30')!.volumeCm3, 0.608 / 1.3, { rel: 1e-12 });
});

test('N/P mode sets the Li thickness: N/P 2 at 3.8 mAh/cm² → 7.6 mAh/cm² → 36.87 µm', () => {
  const d = smallDesign();
  d.anode = { material: 'Li-metal', npRatio: 2 };
  const cell = designCell(validateDesign(d), lib);
  assertClose(cell.lithiumThicknessUmPerSide, 7.6 * 1e4 / (3860 * 0.534), { rel: 1e-12 });
  assertClose(cell.lithiumThicknessUmPerSide, 36.87, { abs: 0.01 });
  assertClose(cell.npRatio, 2, { rel: 1e-12 });
  assert.equal(cell.components.some((c) => c.materialId === 'Cu-foil'), false, 'no Cu when none is given');
});

test('pore-fill mode: 100 % fill puts exactly the pore volume of electrolyte in the cell', () => {
  const d = smallDesign();
  d.electrolyte = { material: 'LHCE', poreFillPercent: 100 };
  const cell = designCell(validateDesign(d), lib);
  assertClose(cell.electrolyteMassG, cell.poreVolumeCm3 * 1.45, { rel: 1e-12 });
  assertClose(cell.poreFillPercent, 100, { rel: 1e-12 });
  assertClose(cell.electrolyteGPerAh, cell.electrolyteMassG / cell.capacityAh, { rel: 1e-12 });
});

test('double-sided outer anodes add two Li faces of dead weight', () => {
  const d = smallDesign();
  d.stack.outerAnodes = 'double-sided';
  const a = designCell(validateDesign(smallDesign()), lib);
  const b = designCell(validateDesign(d), lib);
  assert.equal(b.lithiumFaces, a.lithiumFaces + 2);
  assertClose(massOf(b, 'Li-metal') - massOf(a, 'Li-metal'), 2 * 21.84 * 30e-4 * 0.534, { rel: 1e-9 });
  assertClose(b.capacityAh, a.capacityAh, { rel: 1e-12 });
});

test('a caller-supplied average voltage (e.g. from a simulation) scales the energy and is reported', () => {
  const cell = designCell(validateDesign(smallDesign()), lib, { averageVoltageV: 3.6, voltageSource: 'P2D at 0.5C' });
  assertClose(cell.energyWh, 0.304 * 3.6, { rel: 1e-12 });
  assert.equal(cell.voltageSource, 'P2D at 0.5C');
});

test('starved electrolyte and N/P < 1 produce warnings', () => {
  const d = smallDesign();
  d.electrolyte = { material: 'LP30', electrolyteGPerAh: 0.5 };
  d.anode = { material: 'Li-metal', npRatio: 0.5 };
  const cell = designCell(validateDesign(d), lib);
  assert.equal(cell.warnings.length, 2);
});
