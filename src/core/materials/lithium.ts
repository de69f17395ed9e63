/**
 * Metal-anode arithmetic: the thickness of dense metal that stores a given areal capacity.
 * For Li (3860 mAh/g, 0.534 g/cm³): 1 mAh/cm² needs 1/3860 g/cm² = 2.591e-4 g/cm², which is
 * 2.591e-4 / 0.534 cm = 4.851e-4 cm = 4.85 µm of foil.
 */
import type { MetalAnode } from './types.js';

/** µm of dense metal per mAh/cm² of areal capacity. */
export function metalThicknessUmPerMahPerCm2(specificCapacityMahPerG: number, densityGPerCm3: number): number {
  // (mAh/cm²) / (mAh/g) = g/cm²; / (g/cm³) = cm; × 1e4 = µm.
  return 1e4 / (specificCapacityMahPerG * densityGPerCm3);
}

/** Areal capacity (mAh/cm²) of a metal foil of the given thickness (µm). */
export function metalArealCapacityMahPerCm2(anode: MetalAnode, thicknessUm: number): number {
  return thicknessUm / metalThicknessUmPerMahPerCm2(anode.specificCapacityMahPerG.value, anode.densityGPerCm3.value);
}

/** Foil thickness (µm) that holds the given areal capacity (mAh/cm²). */
export function metalThicknessUmForCapacity(anode: MetalAnode, arealCapacityMahPerCm2: number): number {
  return arealCapacityMahPerCm2 * metalThicknessUmPerMahPerCm2(anode.specificCapacityMahPerG.value, anode.densityGPerCm3.value);
}
