import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MaterialLibrary } from '../../../src/core/materials/library.js';
import { designCell } from '../../../src/core/design/cell.js';
import { validateDesign } from '../../../src/core/design/parse.js';
import { assertClose } from '../../helpers/close.js';
import { smallDesign } from './fixtures.js';

const lib = MaterialLibrary.builtin();
// The designer's results are SI (m, m², m³, kg, C, J, J/kg, J/m³, fractions). The hand calculations are
// written in the field's units, as a cell engineer does them, with each converted number beside:
// 1 cm² = 1e-4 m², 1 µm = 1e-6 m, 1 g/cm³ = 1000 kg/m³, 1 g = 1e-3 kg, 1 Ah = 3600 C, 1 Wh = 3600 J.
const massOf = (cell: ReturnType<typeof designCell>, materialId: string) => cell.components.filter((c) => c.materialId === materialId).reduce((s, c) => s + c.massKg, 0);
const AH = 3600; // C
const WH = 3600; // J

test('two-layer cell: every component mass from densities, areas and thicknesses (hand calculation)', () => {
  const cell = designCell(validateDesign(smallDesign()), lib);
  // Areas: cathode 40 × 50 mm = 20 cm² = 2.0e-3 m²; anode 42 × 52 mm = 21.84 cm²; separator 46 × 56 mm = 25.76 cm².
  assertClose(cell.cathodeAreaM2, 20e-4, { rel: 1e-12 });
  assertClose(cell.anodeAreaM2, 21.84e-4, { rel: 1e-12 });
  assertClose(cell.separatorAreaM2, 25.76e-4, { rel: 1e-12 });
  // Capacity: 3.8 mAh/cm² (19 mg/cm² NCM811 × 200 mAh/g) × 20 cm² × 4 faces = 304 mAh = 1094.4 C; energy × 3.8 V = 1.1552 Wh.
  assertClose(cell.capacityC, 0.304 * AH, { rel: 1e-12 });
  assertClose(cell.energyJ, 0.304 * 3.8 * WH, { rel: 1e-12 });
  // Coating: 20 mg/cm² × 20 cm² × 4 faces = 1.6 g, of which NCM811 95 % = 1.52 g.
  assertClose(massOf(cell, 'NCM811'), 1.52e-3, { rel: 1e-12 });
  assertClose(massOf(cell, 'NCM811') + massOf(cell, 'SuperP') + massOf(cell, 'PTFE'), 1.6e-3, { rel: 1e-12 });
  // Al: 2 foils × 20 cm² × 12e-4 cm × 2.70 g/cm³ = 0.1296 g (2 × 20e-4 m² × 12e-6 m × 2700 kg/m³).
  assertClose(massOf(cell, 'Al-foil'), 2 * 20e-4 * 12e-6 * 2700, { rel: 1e-12 });
  // Li: n + 1 = 3 anodes, single-sided outer ones → 4 Li faces × 21.84 cm² × 30e-4 cm × 0.534 g/cm³ = 0.139951 g.
  assertClose(massOf(cell, 'Li-metal'), 4 * 21.84e-4 * 30e-6 * 534, { rel: 1e-12 });
  assertClose(massOf(cell, 'Li-metal'), 0.139951e-3, { abs: 1e-9 });
  // Cu: 3 foils × 21.84 cm² × 8e-4 cm × 8.96 g/cm³ = 0.469647 g.
  assertClose(massOf(cell, 'Cu-foil'), 3 * 21.84e-4 * 8e-6 * 8960, { rel: 1e-12 });
  // Separator: 4 sheets × 25.76 cm² × 12e-4 cm × (1 − 0.40) × 0.95 g/cm³ = 0.0704794 g.
  assertClose(massOf(cell, 'PE-12'), 4 * 25.76e-4 * 12e-6 * 0.6 * 950, { rel: 1e-12 });
  // Electrolyte: 2 g/Ah × 0.304 Ah = 0.608 g.
  assertClose(massOf(cell, 'LP30'), 0.608e-3, { rel: 1e-12 });
  // Tabs: 0.5 × 2.0 cm × 0.01 cm = 0.01 cm³ (1e-8 m³) → Al 0.027 g, Ni 0.08908 g.
  assertClose(massOf(cell, 'Al-tab'), 0.027e-3, { rel: 1e-12 });
  assertClose(massOf(cell, 'Ni-tab'), 0.08908e-3, { rel: 1e-12 });
  // Pouch: (46 + 2·5) × (56 + 10 + 2·5) mm = 56 × 76 mm, two layers = 85.12 cm² × 0.0181 g/cm² = 1.540672 g
  // (85.12e-4 m² × 0.181 kg/m²).
  assertClose(cell.pouchWidthM, 56e-3, { rel: 1e-12 });
  assertClose(cell.pouchHeightM, 76e-3, { rel: 1e-12 });
  assertClose(massOf(cell, 'Al-laminate-113'), 85.12e-4 * 0.181, { rel: 1e-12 });
  // Total and its use.
  const total = (1.6 + 0.1296 + 0.139951 + 0.469647 + 0.0704794 + 0.608 + 0.027 + 0.08908 + 1.540672) * 1e-3;
  assertClose(cell.massKg, total, { rel: 1e-6 });
  assertClose(cell.components.reduce((s, c) => s + c.massKg, 0), cell.massKg, { rel: 1e-12 }, 'components sum to the total');
  assertClose(cell.components.reduce((s, c) => s + c.massFraction, 0), 1, { abs: 1e-11 });
  assertClose(cell.specificEnergyJPerKg, cell.energyJ / cell.massKg, { rel: 1e-12 }, 'J/kg = J / kg');
  assertClose(cell.specificEnergyJPerKg, (1.1552 * WH) / total, { rel: 1e-6 });
  // Stack: everything but tabs and laminate.
  assertClose(cell.stackMassKg, total - (0.027 + 0.08908 + 1.540672) * 1e-3, { rel: 1e-6 });
  assertClose(cell.stackSpecificEnergyJPerKg, cell.energyJ / cell.stackMassKg, { rel: 1e-12 });
});

test('two-layer cell: N/P, thickness and volumes (hand calculation)', () => {
  const cell = designCell(validateDesign(smallDesign()), lib);
  // N/P: 30 µm / 4.8515 µm per mAh/cm² = 6.1837 mAh/cm²; / 3.8 = 1.6273. In SI: Li holds
  // 3860 mAh/g × 3600 = 1.3896e7 C/kg at 534 kg/m³, so 30e-6 m stores 30e-6 × 1.3896e7 × 534 C/m².
  assertClose(cell.npRatio, (30e-6 * 3860 * 3600 * 534) / (3.8 * 36000), { rel: 1e-12 });
  assertClose(cell.npRatio, 30 / (1e4 / (3860 * 0.534)) / 3.8, { rel: 1e-12 });
  assertClose(cell.npRatio, 1.6273, { abs: 1e-4 });
  // Stack thickness: 2 cathodes (12 + 2 × 64.047) + 1 inner anode (8 + 2 × 30) + 2 outer (8 + 30) + 4 × 12 µm separators.
  const tc = cell.cathode.thicknessMPerSide;
  // Plus the electrolyte beyond the pores spread over the separator area: 0.608 g / 1.3 g/cm³ − pore volume
  // (in SI 0.608e-3 kg / 1300 kg/m³).
  const pores = 4 * 20e-4 * tc * 0.3 + 4 * 25.76e-4 * 12e-6 * 0.4;
  const excessM = (0.608e-3 / 1300 - pores) / 25.76e-4;
  assert.ok(excessM > 0);
  assertClose(cell.excessElectrolyteThicknessM, excessM, { rel: 1e-12 });
  const stackM = 2 * (12e-6 + 2 * tc) + (8e-6 + 60e-6) + 2 * (8e-6 + 30e-6) + 4 * 12e-6 + excessM;
  assertClose(cell.stackThicknessM, stackM, { rel: 1e-12 });
  assertClose(cell.cellThicknessM, stackM + 2 * 113e-6, { rel: 1e-12 });
  // Stack volume = thickness × separator area; J/m³ = J / m³.
  assertClose(cell.stackVolumeM3, 25.76e-4 * stackM, { rel: 1e-12 });
  assertClose(cell.stackEnergyDensityJPerM3, cell.energyJ / cell.stackVolumeM3, { rel: 1e-12 });
  // Cell volume: body 46 × 66 mm at full thickness + seal flanges (56 × 76 − 46 × 66 mm²) at two laminate layers.
  const cellM3 = 30.36e-4 * (stackM + 226e-6) + (42.56e-4 - 30.36e-4) * 226e-6;
  assertClose(cell.cellVolumeM3, cellM3, { rel: 1e-12 });
  assertClose(cell.energyDensityJPerM3, cell.energyJ / cellM3, { rel: 1e-12 });
  // Pore volume: coatings 4 × 20 cm² × 64.047e-4 cm × 0.30 + separators 4 × 25.76 cm² × 12e-4 cm × 0.40.
  assertClose(cell.poreVolumeM3, pores, { rel: 1e-12 });
  assertClose(cell.poreFill, 0.608e-3 / 1300 / pores, { rel: 1e-12 });
  // Component volumes are each material's own volume: Li 4 × 21.84 cm² × 30e-4 cm = 0.26208 cm³ = 2.6208e-7 m³.
  assertClose(cell.components.find((c) => c.materialId === 'Li-metal')!.volumeM3, 0.26208e-6, { rel: 1e-12 });
  assertClose(cell.components.find((c) => c.materialId === 'LP30')!.volumeM3, 0.608e-3 / 1300, { rel: 1e-12 });
});

test('N/P mode sets the Li thickness: N/P 2 at 3.8 mAh/cm² → 7.6 mAh/cm² → 36.87 µm', () => {
  const d = smallDesign();
  d.anode = { material: 'Li-metal', npRatio: 2 };
  const cell = designCell(validateDesign(d), lib);
  // 7.6 mAh/cm² = 273 600 C/m²; / (1.3896e7 C/kg × 534 kg/m³) = 3.687e-5 m.
  assertClose(cell.lithiumThicknessMPerSide, (7.6 * 36000) / (3860 * 3600 * 534), { rel: 1e-12 });
  assertClose(cell.lithiumThicknessMPerSide, 7.6 * 1e4 / (3860 * 0.534) * 1e-6, { rel: 1e-12 });
  assertClose(cell.lithiumThicknessMPerSide, 36.87e-6, { abs: 0.01e-6 });
  assertClose(cell.npRatio, 2, { rel: 1e-12 });
  assert.equal(cell.components.some((c) => c.materialId === 'Cu-foil'), false, 'no Cu when none is given');
});

test('pore-fill mode: 100 % fill puts exactly the pore volume of electrolyte in the cell', () => {
  const d = smallDesign();
  d.electrolyte = { material: 'LHCE', poreFillPercent: 100 };
  const cell = designCell(validateDesign(d), lib);
  assertClose(cell.electrolyteMassKg, cell.poreVolumeM3 * 1450, { rel: 1e-12 });
  assertClose(cell.poreFill, 1, { rel: 1e-12 });
  assertClose(cell.electrolyteKgPerC, cell.electrolyteMassKg / cell.capacityC, { rel: 1e-12 });
});

test('E/C mode: 2 g/Ah = 2e-3 kg / 3600 C of electrolyte per capacity', () => {
  const cell = designCell(validateDesign(smallDesign()), lib);
  assertClose(cell.electrolyteKgPerC, 2e-3 / 3600, { rel: 1e-12 });
  assertClose(cell.electrolyteKgPerC, cell.electrolyteMassKg / cell.capacityC, { rel: 1e-12 });
});

test('double-sided outer anodes add two Li faces of dead weight', () => {
  const d = smallDesign();
  d.stack.outerAnodes = 'double-sided';
  const a = designCell(validateDesign(smallDesign()), lib);
  const b = designCell(validateDesign(d), lib);
  assert.equal(b.lithiumFaces, a.lithiumFaces + 2);
  assertClose(massOf(b, 'Li-metal') - massOf(a, 'Li-metal'), 2 * 21.84e-4 * 30e-6 * 534, { rel: 1e-9 });
  assertClose(b.capacityC, a.capacityC, { rel: 1e-12 });
});

test('a caller-supplied average voltage (e.g. from a simulation) scales the energy and is reported', () => {
  const cell = designCell(validateDesign(smallDesign()), lib, { averageVoltageV: 3.6, voltageSource: 'P2D at 0.5C' });
  assertClose(cell.energyJ, 0.304 * 3.6 * WH, { rel: 1e-12 });
  assert.equal(cell.voltageSource, 'P2D at 0.5C');
});

test('starved electrolyte and N/P < 1 produce warnings', () => {
  const d = smallDesign();
  d.electrolyte = { material: 'LP30', electrolyteGPerAh: 0.5 };
  d.anode = { material: 'Li-metal', npRatio: 0.5 };
  const cell = designCell(validateDesign(d), lib);
  assert.equal(cell.warnings.length, 2);
});
