/**
 * Schema for materials, shared by the built-in library (checked in tests) and user material files
 * (`cathodelab design --materials my-materials.json`). A material file is
 * `{ "materials": [ { "id": …, "kind": …, "name": …, "<property>": { "value", "unit", "source" } } ] }`.
 */
import { z } from 'zod';
import { PROPERTY_UNITS, type Material, type PropertyName } from './types.js';

/** Accepted spellings of each unit (the canonical one first). */
const UNIT_SPELLINGS: Record<string, readonly string[]> = {
  'g/cm³': ['g/cm³', 'g/cm3', 'g cm-3'],
  'mAh/g': ['mAh/g', 'mAh g-1'],
  V: ['V'],
  'µm': ['µm', 'um', 'μm'],
  '%': ['%'],
  'g/cm²': ['g/cm²', 'g/cm2', 'g cm-2'],
};

function quantity(property: PropertyName, bounds: { min: number; max: number; minExclusive?: boolean }) {
  const canonical = PROPERTY_UNITS[property];
  const spellings = UNIT_SPELLINGS[canonical];
  const value = bounds.minExclusive === false
    ? z.number().min(bounds.min).max(bounds.max)
    : z.number().gt(bounds.min).max(bounds.max);
  return z
    .strictObject({
      value,
      unit: z.string().refine((u) => spellings.includes(u), { params: { expected: `the unit "${canonical}"`, found: 'another unit' } }),
      source: z.string().min(3),
    })
    .transform((q) => ({ ...q, unit: canonical }));
}

const density = quantity('densityGPerCm3', { min: 0, max: 25 });
const base = { id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._+-]*$/), name: z.string().min(1), description: z.string().optional() };

export const materialSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...base,
    kind: z.literal('cathode-active'),
    densityGPerCm3: density,
    specificCapacityMahPerG: quantity('specificCapacityMahPerG', { min: 0, max: 1000 }),
    averageVoltageV: quantity('averageVoltageV', { min: 0, max: 6 }),
    upperCutoffVoltageV: quantity('upperCutoffVoltageV', { min: 0, max: 6 }),
  }),
  z.strictObject({ ...base, kind: z.enum(['solid-electrolyte', 'conductive-additive', 'binder']), densityGPerCm3: density }),
  z.strictObject({
    ...base,
    kind: z.enum(['current-collector', 'tab']),
    densityGPerCm3: density,
    thicknessUm: quantity('thicknessUm', { min: 0, max: 1000 }),
  }),
  z.strictObject({
    ...base,
    kind: z.literal('metal-anode'),
    densityGPerCm3: density,
    specificCapacityMahPerG: quantity('specificCapacityMahPerG', { min: 0, max: 5000 }),
  }),
  z.strictObject({
    ...base,
    kind: z.literal('separator'),
    thicknessUm: quantity('thicknessUm', { min: 0, max: 1000 }),
    porosityPercent: quantity('porosityPercent', { min: 0, max: 100, minExclusive: false }),
    densityGPerCm3: density,
  }),
  z.strictObject({ ...base, kind: z.literal('liquid-electrolyte'), densityGPerCm3: density }),
  z.strictObject({
    ...base,
    kind: z.literal('laminate'),
    thicknessUm: quantity('thicknessUm', { min: 0, max: 2000 }),
    arealMassGPerCm2: quantity('arealMassGPerCm2', { min: 0, max: 1 }),
  }),
]);

export const materialFileSchema = z.strictObject({
  /** Optional remarks, e.g. where the values were measured. */
  notes: z.record(z.string(), z.string()).optional(),
  materials: z.array(materialSchema).min(1),
});

// A compile-time check that the schema's output is assignable to the Material type.
type SchemaOutput = z.output<typeof materialSchema>;
const _schemaMatchesType: (m: SchemaOutput) => Material = (m) => m;
void _schemaMatchesType;
