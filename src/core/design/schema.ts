/**
 * The design file: a stacked Li-metal pouch cell described in the field's units. Every numeric field
 * names its unit (`loadingMgPerCm2`, `thicknessUm`, `porosityPercent` — percent, 0–100, never a
 * fraction). Unknown fields are errors (a typo must not silently fall back to a default). JSON has no
 * comments, so `notes` (a map of strings) carries the documentation of each choice.
 *
 * Conventions (also in the README):
 * - `cathode.loadingMgPerCm2` is per coated side; `loadingBasis` says whether it is the whole coating
 *   (active + LLZO + carbon + binder, the usual meaning of "mass loading") or the active material only.
 *   Instead of a loading, `arealCapacityMahPerCm2` (per side) asks for the loading that gives it.
 * - `cathode.compositionWtPercent` maps material ids to mass percent of the dry coating; sums to 100.
 * - `stack.cathodeLayers` = n double-sided cathodes. Anodes follow the n + 1 convention: n − 1 inner
 *   anodes carry Li on both faces, the 2 outer anodes on the inner face only (`outerAnodes:
 *   "single-sided"`, default) or on both (`"double-sided"`, the outer Li is then dead weight). Every
 *   cathode face thus faces one Li face: 2n cell faces, 2n separators.
 * - Anode and separator overhangs are per edge: the anode is larger than the cathode by
 *   2 × `anodeOverhangMm` in each direction, the separator larger than the anode by 2 × `separatorOverhangMm`.
 */
import { z } from 'zod';

const positive = (max: number) => z.number().gt(0).max(max);
const nonNegative = (max: number) => z.number().min(0).max(max);

/** Adds an issue with our own expected/found wording (see schema-errors.ts). */
function fail(ctx: z.RefinementCtx, path: (string | number)[], expected: string, found: string): void {
  ctx.addIssue({ code: 'custom', path, message: `expected ${expected}, found ${found}`, params: { expected, found } });
}

function exactlyOne(ctx: z.RefinementCtx, obj: Record<string, unknown>, keys: string[], pathPrefix: (string | number)[] = []): void {
  const given = keys.filter((k) => obj[k] !== undefined);
  if (given.length !== 1) {
    fail(ctx, [...pathPrefix, given[1] ?? keys[0]], `exactly one of ${keys.join(' or ')}`, given.length === 0 ? 'neither' : `both ${given.join(' and ')}`);
  }
}

const foilRef = z.strictObject({
  /** Material id (kind current-collector). */
  material: z.string().min(1),
  thicknessUm: positive(500),
});

/** Tolerance on the composition sum: percentages are usually given to 0.1 %. */
export const COMPOSITION_SUM_TOLERANCE_PERCENT = 0.05;

export const cathodeSchema = z
  .strictObject({
    compositionWtPercent: z.record(z.string().min(1), nonNegative(100)),
    /** Mass per coated side, in `loadingBasis`. Give this or `arealCapacityMahPerCm2`. */
    loadingMgPerCm2: positive(500).optional(),
    /** Target areal capacity per side: the designer finds the loading (the inverse design). */
    arealCapacityMahPerCm2: positive(100).optional(),
    loadingBasis: z.enum(['coating', 'active']),
    sides: z.union([z.literal(1), z.literal(2)]).default(2),
    porosityPercent: z.number().min(0).lt(100).optional(),
    /** Calendered coating density (mass of coating / its geometric volume). */
    densityGPerCm3: positive(10).optional(),
    /** Overrides the active material's specific capacity (e.g. a measured value). */
    specificCapacityMahPerG: positive(1000).optional(),
    /** Overrides the active material's average discharge voltage (V vs Li). */
    averageVoltageV: positive(6).optional(),
    currentCollector: foilRef,
  })
  .superRefine((c, ctx) => {
    const entries = Object.entries(c.compositionWtPercent);
    if (entries.length === 0) fail(ctx, ['compositionWtPercent'], 'at least one material', 'none');
    const sum = entries.reduce((s, [, v]) => s + v, 0);
    if (Math.abs(sum - 100) > COMPOSITION_SUM_TOLERANCE_PERCENT) {
      fail(ctx, ['compositionWtPercent'], 'mass fractions summing to 100 %', `${Number(sum.toFixed(4))} %`);
    }
    exactlyOne(ctx, c, ['loadingMgPerCm2', 'arealCapacityMahPerCm2']);
    exactlyOne(ctx, c, ['porosityPercent', 'densityGPerCm3']);
  });

export const anodeSchema = z
  .strictObject({
    material: z.string().min(1).default('Li-metal'),
    /** Li thickness on each face that faces a cathode. */
    thicknessUmPerSide: positive(2000).optional(),
    /** Li areal capacity / cathode areal capacity (per face). */
    npRatio: positive(100).optional(),
    /** Omit for a free-standing Li foil. */
    currentCollector: foilRef.optional(),
  })
  .superRefine((a, ctx) => exactlyOne(ctx, a, ['thicknessUmPerSide', 'npRatio']));

export const separatorSchema = z.strictObject({
  material: z.string().min(1),
  thicknessUm: positive(500).optional(),
  porosityPercent: z.number().min(0).lt(100).optional(),
});

export const electrolyteSchema = z
  .strictObject({
    material: z.string().min(1),
    /** E/C: grams of electrolyte per Ah of cell capacity. */
    electrolyteGPerAh: positive(100).optional(),
    /** Or: fill this percentage of the pore volume (cathode coatings + separators). */
    poreFillPercent: positive(1000).optional(),
  })
  .superRefine((e, ctx) => exactlyOne(ctx, e, ['electrolyteGPerAh', 'poreFillPercent']));

export const stackSchema = z.strictObject({
  /** n: number of double-sided cathodes. */
  cathodeLayers: z.number().int().min(1).max(500),
  cathodeWidthMm: positive(2000),
  cathodeHeightMm: positive(2000),
  anodeOverhangMm: nonNegative(50).default(1),
  separatorOverhangMm: nonNegative(50).default(2),
  outerAnodes: z.enum(['single-sided', 'double-sided']).default('single-sided'),
});

const tabSchema = z.strictObject({
  material: z.string().min(1),
  widthMm: positive(500),
  /** Length of the tab metal (inside + outside the pouch). */
  lengthMm: positive(500),
  /** Defaults to the tab material's typical thickness. */
  thicknessUm: positive(2000).optional(),
});

export const packageSchema = z.strictObject({
  laminate: z.string().min(1),
  /** Width of the heat seal on each edge. */
  sealMarginMm: nonNegative(100),
  /** Extra length at the tab end, between the stack and the seal (tab welds, gas space). */
  headspaceMm: nonNegative(200),
  tabs: z.strictObject({ cathode: tabSchema, anode: tabSchema }),
});

/** Published numbers for this cell, printed beside the design's so the gap is visible. */
export const referenceSchema = z.strictObject({
  source: z.string().min(3),
  specificEnergyWhPerKg: positive(5000).optional(),
  energyDensityWhPerL: positive(10000).optional(),
  capacityAh: positive(100000).optional(),
  arealCapacityMahPerCm2: positive(100).optional(),
});

export const designSchema = z.strictObject({
  /** Path or URL of the JSON Schema (examples/design.schema.json), for editors; ignored by the designer. */
  $schema: z.string().optional(),
  name: z.string().min(1),
  reference: referenceSchema.optional(),
  description: z.string().optional(),
  /** Free-text documentation of every choice (JSON has no comments). */
  notes: z.record(z.string(), z.string()).optional(),
  cathode: cathodeSchema,
  anode: anodeSchema,
  separator: separatorSchema,
  electrolyte: electrolyteSchema,
  stack: stackSchema,
  package: packageSchema,
});

export type DesignInput = z.input<typeof designSchema>;
export type Design = z.output<typeof designSchema>;
export type CathodeSpec = z.output<typeof cathodeSchema>;
export type AnodeSpec = z.output<typeof anodeSchema>;
