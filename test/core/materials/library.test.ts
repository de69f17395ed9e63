import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MaterialLibrary } from '../../../src/core/materials/library.js';
import { BUILTIN_MATERIALS } from '../../../src/core/materials/builtin.js';
import { materialSchema } from '../../../src/core/materials/schema.js';
import { metalThicknessMPerCPerM2, metalArealCapacityCPerM2, metalThicknessMForCapacity } from '../../../src/core/materials/lithium.js';
import { PROPERTY_UNITS } from '../../../src/core/materials/types.js';
import { InputError, UnknownNameError, FormatError } from '../../../src/core/errors.js';
import { assertClose } from '../../helpers/close.js';
import { FARADAY } from '../../../src/core/units.js';

test('every built-in material passes the same schema as user files, with units and a source on every value', () => {
  for (const m of BUILTIN_MATERIALS) {
    const r = materialSchema.safeParse(m);
    assert.ok(r.success, `${m.id}: ${r.success ? '' : JSON.stringify(r.error.issues[0])}`);
    for (const [k, unit] of Object.entries(PROPERTY_UNITS)) {
      const qv = (m as unknown as Record<string, { value: number; unit: string; source: string } | undefined>)[k];
      if (!qv) continue;
      assert.equal(qv.unit, unit, `${m.id}.${k} unit`);
      assert.ok(qv.source.length > 10, `${m.id}.${k} has a source`);
    }
  }
  assert.equal(new Set(BUILTIN_MATERIALS.map((m) => m.id)).size, BUILTIN_MATERIALS.length, 'ids are unique');
});

test('the library holds the values the brief names', () => {
  const lib = MaterialLibrary.builtin();
  const density = (id: string) => (lib.get(id) as { densityGPerCm3: { value: number } }).densityGPerCm3.value;
  assert.equal(density('Li-metal'), 0.534);
  assert.equal(density('Al-foil'), 2.7);
  assert.equal(density('Cu-foil'), 8.96);
  assert.equal(density('PTFE'), 2.2);
  assert.equal(density('LLZO'), 5.1);
  assert.equal(density('NCM811'), 4.75);
  const ncm = lib.getOfKind('NCM811', ['cathode-active']);
  assert.equal(ncm.specificCapacityMahPerG.value, 200);
  assert.equal(ncm.averageVoltageV.value, 3.8);
  const lhce = lib.getOfKind('LHCE', ['liquid-electrolyte']);
  assert.ok(lhce.densityGPerCm3.value >= 1.4 && lhce.densityGPerCm3.value <= 1.5);
  const lam = lib.getOfKind('Al-laminate-113', ['laminate']);
  assert.ok(lam.arealMassGPerCm2.value >= 0.015 && lam.arealMassGPerCm2.value <= 0.02);
});

test('Li thickness per mAh/cm² = 1 / (3860 mAh/g × 0.534 g/cm³) = 4.851 µm', () => {
  // 1 mAh/cm² / 3860 mAh/g = 2.5907e-4 g/cm²; / 0.534 g/cm³ = 4.8515e-4 cm = 4.8515 µm.
  const expected = (1 / 3860 / 0.534) * 1e4;
  assertClose(expected, 4.8515, { abs: 1e-4 }, 'hand value');
  // In SI (the core's units): 1 / (1.3896e7 C/kg × 534 kg/m³) m per C/m²; 1 mAh/cm² = 36 000 C/m², 1 µm = 1e-6 m.
  assertClose(metalThicknessMPerCPerM2(3860 * 3600, 534), expected * 1e-6 / 36000, { rel: 1e-12 });
  const li = MaterialLibrary.builtin().getOfKind('Li-metal', ['metal-anode']);
  // 50 µm of Li holds 50 / 4.8515 = 10.306 mAh/cm² = 371 016 C/m².
  assertClose(metalArealCapacityCPerM2(li, 50e-6), (50 / expected) * 36000, { rel: 1e-12 });
  assertClose(metalArealCapacityCPerM2(li, 50e-6), 10.306 * 36000, { abs: 1e-3 * 36000 });
  assertClose(metalThicknessMForCapacity(li, (50 / expected) * 36000), 50e-6, { rel: 1e-12 });
});

test('a user material file adds materials (JSON or YAML) and is validated with the same schema', () => {
  const json = JSON.stringify({
    materials: [{
      id: 'NCM90', kind: 'cathode-active', name: 'LiNi0.9Co0.05Mn0.05O2',
      densityGPerCm3: { value: 4.8, unit: 'g/cm3', source: 'my pycnometer, 2026' },
      specificCapacityMahPerG: { value: 215, unit: 'mAh/g', source: 'my coin cells at 0.1C' },
      averageVoltageV: { value: 3.78, unit: 'V', source: 'my coin cells at 0.1C' },
      upperCutoffVoltageV: { value: 4.3, unit: 'V', source: 'test protocol' },
    }],
  });
  const lib = MaterialLibrary.builtin().extendFromText(json, 'mine.json');
  const m = lib.getOfKind('NCM90', ['cathode-active']);
  assert.equal(m.specificCapacityMahPerG.value, 215);
  assert.equal(m.densityGPerCm3.unit, 'g/cm³', 'ASCII unit spelling normalised');
  assert.ok(lib.has('NCM811'), 'built-ins kept');

  const yaml = 'materials:\n  - id: Al-foil\n    kind: current-collector\n    name: thinner Al\n    densityGPerCm3: { value: 2.7, unit: g/cm³, source: CRC }\n    thicknessUm: { value: 9, unit: µm, source: supplier }\n';
  const lib2 = MaterialLibrary.builtin().extendFromText(yaml, 'mine.yaml');
  assert.equal(lib2.getOfKind('Al-foil', ['current-collector']).thicknessUm.value, 9, 'same id overrides the built-in');
  assert.equal(lib2.entries().find((e) => e.material.id === 'Al-foil')?.origin, 'mine.yaml');
});

test('bad material files name the field', () => {
  const lib = MaterialLibrary.builtin();
  const bad = (materials: unknown) => JSON.stringify({ materials: [materials] });
  assert.throws(
    () => lib.extendFromText(bad({ id: 'X', kind: 'binder', name: 'x', densityGPerCm3: { value: -1, unit: 'g/cm³', source: 'abc' } }), 'm.json'),
    (e: unknown) => e instanceof InputError && /field 'materials\[0\]\.densityGPerCm3\.value'/.test(e.message) && /> 0/.test(e.message),
  );
  assert.throws(
    () => lib.extendFromText(bad({ id: 'X', kind: 'binder', name: 'x', densityGPerCm3: { value: 1, unit: 'kg/m3', source: 'abc' } }), 'm.json'),
    (e: unknown) => e instanceof InputError && /densityGPerCm3\.unit/.test(e.message) && /g\/cm³/.test(e.message),
  );
  assert.throws(
    () => lib.extendFromText(bad({ id: 'X', kind: 'binder', name: 'x', densityGPerCm3: { value: 1, unit: 'g/cm³' } }), 'm.json'),
    (e: unknown) => e instanceof InputError && /densityGPerCm3\.source/.test(e.message),
  );
  assert.throws(() => lib.extendFromText(bad({ id: 'X', kind: 'unobtainium', name: 'x' }), 'm.json'), (e: unknown) => e instanceof InputError && /materials\[0\]\.kind/.test(e.message));
  assert.throws(() => lib.extendFromText('{"materials": [', 'm.json'), (e: unknown) => e instanceof FormatError && /m\.json, line 1/.test(e.message));
});

test('lookups: unknown ids list the known ones; a material of the wrong kind is refused', () => {
  const lib = MaterialLibrary.builtin();
  assert.throws(() => lib.get('NCM999', { file: 'd.json', field: 'cathode.x' }), (e: unknown) => e instanceof UnknownNameError && /d\.json, field 'cathode\.x': unknown material 'NCM999'; known: NCM811/.test(e.message));
  assert.throws(() => lib.getOfKind('PTFE', ['separator'], { field: 'separator.material' }), (e: unknown) => e instanceof InputError && /separator\.material/.test(e.message) && /kind binder/.test(e.message));
});

test('library values agree with the calculations their sources give', () => {
  const lib = MaterialLibrary.builtin();
  const NA = 6.02214076e23;
  // NCM811 from its R-3m cell: M = 0.8·58.693 + 0.1·58.933 + 0.1·54.938 + 6.941 + 2·15.999 = 97.28 g/mol,
  // V = (√3/2)·a²·c = 0.8660 × 2.872² × 14.20 Å³ = 101.4 Å³, Z = 3 → ρ = 3M / (N_A V) = 4.78 g/cm³.
  const mNcm = 0.8 * 58.693 + 0.1 * 58.933 + 0.1 * 54.938 + 6.941 + 2 * 15.999;
  const vNcm = (Math.sqrt(3) / 2) * 2.872 ** 2 * 14.2 * 1e-24;
  const rhoNcm = (3 * mNcm) / (NA * vNcm);
  assertClose(rhoNcm, 4.78, { abs: 0.01 }, 'NCM811 crystallographic density');
  assertClose(lib.getOfKind('NCM811', ['cathode-active']).densityGPerCm3.value, rhoNcm, { rel: 0.01 });
  // LLZO (cubic, a = 12.97 Å, Z = 8): M = 7·6.941 + 3·138.905 + 2·91.224 + 12·15.999 = 839.7 g/mol → 5.11 g/cm³.
  const mLlzo = 7 * 6.941 + 3 * 138.905 + 2 * 91.224 + 12 * 15.999;
  const rhoLlzo = (8 * mLlzo) / (NA * 12.97 ** 3 * 1e-24);
  assertClose(rhoLlzo, 5.11, { abs: 0.01 }, 'LLZO crystallographic density');
  assertClose(lib.getOfKind('LLZO', ['solid-electrolyte']).densityGPerCm3.value, rhoLlzo, { rel: 0.01 });
  // Li: F / M = 96485.33 C/mol / 6.941 g/mol / 3.6 C/mAh = 3861 mAh/g.
  assertClose(lib.getOfKind('Li-metal', ['metal-anode']).specificCapacityMahPerG.value, FARADAY / 6.941 / 3.6, { rel: 1e-3 });
  // Laminate from its layers: (25 × 1.14 + 40 × 2.70 + 40 × 0.90 + 8 × 1.1) µm·g/cm³ × 1e-4 = 0.01813 g/cm²;
  // the layers add up to 113 µm.
  assertClose(lib.getOfKind('Al-laminate-113', ['laminate']).arealMassGPerCm2.value, (25 * 1.14 + 40 * 2.7 + 40 * 0.9 + 8 * 1.1) * 1e-4, { rel: 0.01 });
  assert.equal(25 + 40 + 40 + 8, lib.getOfKind('Al-laminate-113', ['laminate']).thicknessUm.value);
  // Separator areal mass: PE-12 = 12e-4 cm × 0.95 g/cm³ × (1 − 0.40) = 6.84e-4 g/cm² = 6.84 g/m²
  // (commercial 12 µm PE films weigh 6–7 g/m²).
  const pe = lib.getOfKind('PE-12', ['separator']);
  const peAreal = pe.thicknessUm.value * 1e-4 * pe.densityGPerCm3.value * (1 - pe.porosityPercent.value / 100);
  assertClose(peAreal * 1e4, 6.84, { abs: 0.01 }, 'PE-12 g/m²');
});
