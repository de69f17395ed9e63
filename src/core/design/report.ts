/**
 * Plain-data views of a cell design for JSON output, the CLI's tables and the web app: the designer's
 * SI results converted back to the field's units (mg/cm², µm, mAh/g, mAh/cm², g/cm³, %, g, cm², cm³,
 * mm, Ah, Wh, Wh/kg, Wh/L, g/Ah), each named in its key; material ids instead of material objects.
 * This is the only place the design results leave SI.
 */
import { coulombToAh, cPerKgToMAhPerG, cPerM2ToMAhPerCm2, cPerM3ToMAhPerCm3, fractionToPercent, jPerKgToWhPerKg, jPerM3ToWhPerL, jToWh, kgPerCToGPerAh, kgPerM2ToMgPerCm2Exact, kgToG, m2ToCm2, m3ToCm3, mToMm, mToUmExact } from '../units.js';
import type { CellDesign, ComponentBreakdown } from './cell.js';
import type { ElectrodeDesign } from './electrode.js';
import type { Design } from './schema.js';

/** kg/m³ → g/cm³ (by division, the inverse of the × 1000 on the way in). */
const kgPerM3ToGPerCm3 = (x: number): number => x / 1000;

export function electrodeSummary(e: ElectrodeDesign) {
  return {
    activeMaterial: e.active.id,
    compositionWtPercent: Object.fromEntries(e.constituents.map((c) => [c.material.id, c.massFraction * 100])),
    sides: e.sides,
    loadingBasis: e.loadingBasis,
    coatingLoadingMgPerCm2: kgPerM2ToMgPerCm2Exact(e.coatingLoadingKgPerM2),
    activeLoadingMgPerCm2: kgPerM2ToMgPerCm2Exact(e.activeLoadingKgPerM2),
    skeletalDensityGPerCm3: kgPerM3ToGPerCm3(e.skeletalDensityKgPerM3),
    coatingDensityGPerCm3: kgPerM3ToGPerCm3(e.coatingDensityKgPerM3),
    porosityPercent: fractionToPercent(e.porosity),
    thicknessUmPerSide: mToUmExact(e.thicknessMPerSide),
    electrodeThicknessUm: mToUmExact(e.electrodeThicknessM),
    specificCapacityMahPerG: cPerKgToMAhPerG(e.specificCapacityCPerKg),
    coatingSpecificCapacityMahPerG: cPerKgToMAhPerG(e.coatingSpecificCapacityCPerKg),
    arealCapacityMahPerCm2: cPerM2ToMAhPerCm2(e.arealCapacityCPerM2),
    totalArealCapacityMahPerCm2: cPerM2ToMAhPerCm2(e.totalArealCapacityCPerM2),
    volumetricCapacityMahPerCm3: cPerM3ToMAhPerCm3(e.volumetricCapacityCPerM3),
    averageVoltageV: e.averageVoltageV,
  };
}

/** The electrode in field units plus what the text report also shows (current collector, active fraction). */
export function electrodeFieldUnits(e: ElectrodeDesign) {
  return {
    ...electrodeSummary(e),
    activeMassFraction: e.activeMassFraction,
    currentCollectorThicknessUm: mToUmExact(e.currentCollectorThicknessM),
  };
}

export function componentSummary(c: ComponentBreakdown) {
  return { name: c.name, materialId: c.materialId, level: c.level, massG: kgToG(c.massKg), volumeCm3: m3ToCm3(c.volumeM3), massPercent: fractionToPercent(c.massFraction) };
}

/** The cell's own results (no cathode, components or warnings) in field units, in the order JSON prints them. */
export function cellFieldUnits(cell: CellDesign) {
  return {
    name: cell.name,
    averageVoltageV: cell.averageVoltageV,
    voltageSource: cell.voltageSource,
    cathodeLayers: cell.cathodeLayers,
    cathodeFaces: cell.cathodeFaces,
    anodePieces: cell.anodePieces,
    lithiumFaces: cell.lithiumFaces,
    separatorSheets: cell.separatorSheets,
    cathodeAreaCm2: m2ToCm2(cell.cathodeAreaM2),
    anodeAreaCm2: m2ToCm2(cell.anodeAreaM2),
    separatorAreaCm2: m2ToCm2(cell.separatorAreaM2),
    pouchWidthMm: mToMm(cell.pouchWidthM),
    pouchHeightMm: mToMm(cell.pouchHeightM),
    capacityAh: coulombToAh(cell.capacityC),
    energyWh: jToWh(cell.energyJ),
    arealCapacityMahPerCm2: cPerM2ToMAhPerCm2(cell.arealCapacityCPerM2),
    lithiumThicknessUmPerSide: mToUmExact(cell.lithiumThicknessMPerSide),
    npRatio: cell.npRatio,
    electrolyteMassG: kgToG(cell.electrolyteMassKg),
    electrolyteGPerAh: kgPerCToGPerAh(cell.electrolyteKgPerC),
    poreVolumeCm3: m3ToCm3(cell.poreVolumeM3),
    poreFillPercent: fractionToPercent(cell.poreFill),
    massG: kgToG(cell.massKg),
    stackMassG: kgToG(cell.stackMassKg),
    stackThicknessMm: mToMm(cell.stackThicknessM),
    excessElectrolyteThicknessMm: mToMm(cell.excessElectrolyteThicknessM),
    cellThicknessMm: mToMm(cell.cellThicknessM),
    stackVolumeCm3: m3ToCm3(cell.stackVolumeM3),
    cellVolumeCm3: m3ToCm3(cell.cellVolumeM3),
    specificEnergyWhPerKg: jPerKgToWhPerKg(cell.specificEnergyJPerKg),
    energyDensityWhPerL: jPerM3ToWhPerL(cell.energyDensityJPerM3),
    stackSpecificEnergyWhPerKg: jPerKgToWhPerKg(cell.stackSpecificEnergyJPerKg),
    stackEnergyDensityWhPerL: jPerM3ToWhPerL(cell.stackEnergyDensityJPerM3),
  };
}

export function cellSummary(cell: CellDesign, design?: Design) {
  return {
    ...cellFieldUnits(cell),
    cathode: electrodeSummary(cell.cathode),
    components: cell.components.map(componentSummary),
    warnings: cell.warnings,
    ...(design?.reference ? { reference: design.reference } : {}),
  };
}
