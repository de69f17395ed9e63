/**
 * Metal-anode arithmetic, in SI: the thickness of dense metal that stores a given areal capacity.
 * For Li (3860 mAh/g = 1.3896e7 C/kg, 534 kg/m³): 1 mAh/cm² = 36 C/m² needs 36 / 1.3896e7 kg/m² =
 * 2.591e-6 kg/m², which is 2.591e-6 / 534 m = 4.851e-9 m… per C/m², i.e. 4.85 µm of foil per mAh/cm².
 */
import { densityKgPerM3, specificCapacityCPerKg } from './si.js';
import type { MetalAnode } from './types.js';

/** m of dense metal per C/m² of areal capacity: (C/m²) / (C/kg) = kg/m²; / (kg/m³) = m. */
export function metalThicknessMPerCPerM2(specificCapacityCPerKg: number, densityKgPerM3: number): number {
  return 1 / (specificCapacityCPerKg * densityKgPerM3);
}

/** Areal capacity (C/m²) of a metal foil of the given thickness (m). */
export function metalArealCapacityCPerM2(anode: MetalAnode, thicknessM: number): number {
  return thicknessM * specificCapacityCPerKg(anode) * densityKgPerM3(anode);
}

/** Foil thickness (m) that holds the given areal capacity (C/m²). */
export function metalThicknessMForCapacity(anode: MetalAnode, arealCapacityCPerM2: number): number {
  return arealCapacityCPerM2 * metalThicknessMPerCPerM2(specificCapacityCPerKg(anode), densityKgPerM3(anode));
}
