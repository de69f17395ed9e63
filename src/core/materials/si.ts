/**
 * Material properties in SI, for the core's arithmetic. Materials are stored and exchanged as cited
 * `Quantity`s in the units they are published in (g/cm³, mAh/g, µm, %, g/cm²; see types.ts) — the
 * built-in table and user material files alike — and `cathodelab materials` prints them as given. The
 * designer reads them only through these functions, which convert on read.
 */
import { gPerCm3ToKgPerM3, mAhPerGToCPerKg, percentToFraction, umToMExact } from '../units.js';
import type { Quantity } from './types.js';

/** Density, kg/m³, from a g/cm³ quantity. */
export const densityKgPerM3 = (m: { densityGPerCm3: Quantity }): number => gPerCm3ToKgPerM3(m.densityGPerCm3.value);

/** Specific capacity, C/kg, from a mAh/g quantity (1 mAh/g = 3.6 C / 1e-3 kg = 3600 C/kg). */
export const specificCapacityCPerKg = (m: { specificCapacityMahPerG: Quantity }): number => mAhPerGToCPerKg(m.specificCapacityMahPerG.value);

/** Thickness, m, from a µm quantity. */
export const thicknessM = (m: { thicknessUm: Quantity }): number => umToMExact(m.thicknessUm.value);

/** Porosity as a fraction (0–1) from a percent quantity. */
export const porosityFraction = (m: { porosityPercent: Quantity }): number => percentToFraction(m.porosityPercent.value);

/** Areal mass, kg/m², from a g/cm² quantity (1 g/cm² = 1e-3 kg / 1e-4 m² = 10 kg/m²). */
export const arealMassKgPerM2 = (m: { arealMassGPerCm2: Quantity }): number => m.arealMassGPerCm2.value * 10;
