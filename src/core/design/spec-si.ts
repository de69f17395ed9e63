/**
 * The boundary between the design file and the designer: a validated design (field units, as written
 * in files, the CLI and the web form: mg/cm², mAh/cm², mAh/g, g/cm³, µm, mm, %, g/Ah) → the same
 * design in SI (kg/m², C/m², C/kg, kg/m³, m, fractions, kg/C), which is all the designer computes with.
 * Field names keep stating their unit.
 */
import { gPerAhToKgPerC, gPerCm3ToKgPerM3, mAhPerCm2ToCPerM2, mAhPerGToCPerKg, mgPerCm2ToKgPerM2Exact, mmToM, percentToFraction, umToMExact } from '../units.js';
import type { CathodeSpec, Design } from './schema.js';

export interface FoilSpecSi {
  material: string;
  thicknessM: number;
}

export interface CathodeSpecSi {
  /** As in the file (percent of the dry coating), for messages. */
  compositionWtPercent: Record<string, number>;
  /** The same composition as mass fractions (0–1), not yet normalised to sum 1. */
  massFractions: Record<string, number>;
  /** Mass per coated side in `loadingBasis`, kg/m². */
  loadingKgPerM2?: number;
  /** Target areal capacity per side, C/m². */
  arealCapacityCPerM2?: number;
  loadingBasis: 'coating' | 'active';
  sides: 1 | 2;
  /** Coating porosity, fraction (0–1). */
  porosity?: number;
  /** Calendered coating density, kg/m³. */
  densityKgPerM3?: number;
  /** As in the file (g/cm³), for messages. */
  densityGPerCm3?: number;
  /** Override of the active material's specific capacity, C/kg. */
  specificCapacityCPerKg?: number;
  averageVoltageV?: number;
  currentCollector: FoilSpecSi;
}

export interface TabSpecSi {
  material: string;
  widthM: number;
  lengthM: number;
  thicknessM?: number;
}

export interface DesignSi {
  name: string;
  cathode: CathodeSpecSi;
  anode: { material: string; thicknessMPerSide?: number; npRatio?: number; currentCollector?: FoilSpecSi };
  separator: { material: string; thicknessM?: number; porosity?: number };
  /** E/C in kg/C, or a fraction (may exceed 1) of the pore volume. */
  electrolyte: { material: string; electrolyteKgPerC?: number; poreFill?: number };
  stack: {
    cathodeLayers: number;
    cathodeWidthM: number;
    cathodeHeightM: number;
    anodeOverhangM: number;
    separatorOverhangM: number;
    outerAnodes: 'single-sided' | 'double-sided';
  };
  package: { laminate: string; sealMarginM: number; headspaceM: number; tabs: { cathode: TabSpecSi; anode: TabSpecSi } };
}

const opt = <T>(x: number | undefined, f: (x: number) => T): T | undefined => (x === undefined ? undefined : f(x));

export function cathodeSpecToSi(c: CathodeSpec): CathodeSpecSi {
  return {
    compositionWtPercent: c.compositionWtPercent,
    massFractions: Object.fromEntries(Object.entries(c.compositionWtPercent).map(([id, p]) => [id, percentToFraction(p)])),
    loadingKgPerM2: opt(c.loadingMgPerCm2, mgPerCm2ToKgPerM2Exact),
    arealCapacityCPerM2: opt(c.arealCapacityMahPerCm2, mAhPerCm2ToCPerM2),
    loadingBasis: c.loadingBasis,
    sides: c.sides,
    porosity: opt(c.porosityPercent, percentToFraction),
    densityKgPerM3: opt(c.densityGPerCm3, gPerCm3ToKgPerM3),
    densityGPerCm3: c.densityGPerCm3,
    specificCapacityCPerKg: opt(c.specificCapacityMahPerG, mAhPerGToCPerKg),
    averageVoltageV: c.averageVoltageV,
    currentCollector: { material: c.currentCollector.material, thicknessM: umToMExact(c.currentCollector.thicknessUm) },
  };
}

const tabToSi = (t: Design['package']['tabs']['cathode']): TabSpecSi => ({
  material: t.material,
  widthM: mmToM(t.widthMm),
  lengthM: mmToM(t.lengthMm),
  thicknessM: opt(t.thicknessUm, umToMExact),
});

export function designToSi(d: Design): DesignSi {
  const acc = d.anode.currentCollector;
  return {
    name: d.name,
    cathode: cathodeSpecToSi(d.cathode),
    anode: {
      material: d.anode.material,
      thicknessMPerSide: opt(d.anode.thicknessUmPerSide, umToMExact),
      npRatio: d.anode.npRatio,
      currentCollector: acc ? { material: acc.material, thicknessM: umToMExact(acc.thicknessUm) } : undefined,
    },
    separator: { material: d.separator.material, thicknessM: opt(d.separator.thicknessUm, umToMExact), porosity: opt(d.separator.porosityPercent, percentToFraction) },
    electrolyte: { material: d.electrolyte.material, electrolyteKgPerC: opt(d.electrolyte.electrolyteGPerAh, gPerAhToKgPerC), poreFill: opt(d.electrolyte.poreFillPercent, percentToFraction) },
    stack: {
      cathodeLayers: d.stack.cathodeLayers,
      cathodeWidthM: mmToM(d.stack.cathodeWidthMm),
      cathodeHeightM: mmToM(d.stack.cathodeHeightMm),
      anodeOverhangM: mmToM(d.stack.anodeOverhangMm),
      separatorOverhangM: mmToM(d.stack.separatorOverhangMm),
      outerAnodes: d.stack.outerAnodes,
    },
    package: { laminate: d.package.laminate, sealMarginM: mmToM(d.package.sealMarginMm), headspaceM: mmToM(d.package.headspaceMm), tabs: { cathode: tabToSi(d.package.tabs.cathode), anode: tabToSi(d.package.tabs.anode) } },
  };
}
