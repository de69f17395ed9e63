/**
 * Plain-data views of a cell design for JSON output and the web app: numbers with units in their
 * names, material ids instead of material objects.
 */
import type { CellDesign } from './cell.js';
import type { ElectrodeDesign } from './electrode.js';
import type { Design } from './schema.js';

export function electrodeSummary(e: ElectrodeDesign) {
  return {
    activeMaterial: e.active.id,
    compositionWtPercent: Object.fromEntries(e.constituents.map((c) => [c.material.id, c.massFraction * 100])),
    sides: e.sides,
    loadingBasis: e.loadingBasis,
    coatingLoadingMgPerCm2: e.coatingLoadingMgPerCm2,
    activeLoadingMgPerCm2: e.activeLoadingMgPerCm2,
    skeletalDensityGPerCm3: e.skeletalDensityGPerCm3,
    coatingDensityGPerCm3: e.coatingDensityGPerCm3,
    porosityPercent: e.porosityPercent,
    thicknessUmPerSide: e.thicknessUmPerSide,
    electrodeThicknessUm: e.electrodeThicknessUm,
    specificCapacityMahPerG: e.specificCapacityMahPerG,
    coatingSpecificCapacityMahPerG: e.coatingSpecificCapacityMahPerG,
    arealCapacityMahPerCm2: e.arealCapacityMahPerCm2,
    totalArealCapacityMahPerCm2: e.totalArealCapacityMahPerCm2,
    volumetricCapacityMahPerCm3: e.volumetricCapacityMahPerCm3,
    averageVoltageV: e.averageVoltageV,
  };
}

export function cellSummary(cell: CellDesign, design?: Design) {
  const { cathode, components, warnings, ...rest } = cell;
  return {
    ...rest,
    cathode: electrodeSummary(cathode),
    components: components.map((c) => ({ name: c.name, materialId: c.materialId, level: c.level, massG: c.massG, volumeCm3: c.volumeCm3, massPercent: c.massPercent })),
    warnings,
    ...(design?.reference ? { reference: design.reference } : {}),
  };
}
