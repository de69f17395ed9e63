/**
 * Unit conversions between the field's units (used in files, CLI and UI) and SI (used in the core).
 * Names say the direction: `mgPerCm2ToKgPerM2(x)` takes mg/cm² and returns kg/m².
 * Constants are CODATA 2018 exact values where defined.
 */

/** Faraday constant, C/mol (exact: N_A · e). */
export const FARADAY = 96485.33212;
/** Molar gas constant, J/(mol·K) (exact: N_A · k_B). */
export const GAS_CONSTANT = 8.314462618;
/** 0 °C in kelvin. */
export const ZERO_CELSIUS_K = 273.15;

export const celsiusToKelvin = (c: number): number => c + ZERO_CELSIUS_K;
export const kelvinToCelsius = (k: number): number => k - ZERO_CELSIUS_K;

/** mg/cm² → kg/m² (1 mg/cm² = 1e-6 kg / 1e-4 m² = 0.01 kg/m²). */
export const mgPerCm2ToKgPerM2 = (x: number): number => x * 1e-2;
export const kgPerM2ToMgPerCm2 = (x: number): number => x * 1e2;

/** mAh/g → C/kg (1 mAh = 3.6 C; per g → per kg ×1000). */
export const mAhPerGToCPerKg = (x: number): number => x * 3600;
export const cPerKgToMAhPerG = (x: number): number => x / 3600;

/** mAh/cm² → C/m². */
export const mAhPerCm2ToCPerM2 = (x: number): number => x * 3.6 * 1e4;
export const cPerM2ToMAhPerCm2 = (x: number): number => x / 3.6e4;

/** µm → m. */
export const umToM = (x: number): number => x * 1e-6;
export const mToUm = (x: number): number => x * 1e6;

/** g/cm³ → kg/m³. */
export const gPerCm3ToKgPerM3 = (x: number): number => x * 1e3;
export const kgPerM3ToGPerCm3 = (x: number): number => x * 1e-3;

/** cm² → m². */
export const cm2ToM2 = (x: number): number => x * 1e-4;
export const m2ToCm2 = (x: number): number => x * 1e4;

/** Ah → C and back. */
export const ahToCoulomb = (x: number): number => x * 3600;
export const coulombToAh = (x: number): number => x / 3600;

/** Wh → J and back. */
export const whToJ = (x: number): number => x * 3600;
export const jToWh = (x: number): number => x / 3600;

/** cm²/s → m²/s. */
export const cm2PerSToM2PerS = (x: number): number => x * 1e-4;
export const m2PerSToCm2PerS = (x: number): number => x * 1e4;

/** kJ/mol → J/mol. */
export const kJPerMolToJPerMol = (x: number): number => x * 1e3;
export const jPerMolToKJPerMol = (x: number): number => x * 1e-3;

// Field ↔ SI conversions of the cell designer (src/core/design). Where the field unit is a negative
// power of ten of the SI unit the conversion divides (x / 100 rather than x × 0.01): multiplying back
// then returns the field value bit for bit, so files, CLI and UI print exactly the numbers they read.

/** mg/cm² → kg/m² by division (see above); back by multiplication. */
export const mgPerCm2ToKgPerM2Exact = (x: number): number => x / 100;
/** kg/m² → mg/cm². */
export const kgPerM2ToMgPerCm2Exact = (x: number): number => x * 100;

/** µm → m by division; back by multiplication. */
export const umToMExact = (x: number): number => x / 1e6;
export const mToUmExact = (x: number): number => x * 1e6;

/** mm → m and back. */
export const mmToM = (x: number): number => x / 1e3;
export const mToMm = (x: number): number => x * 1e3;

/** m² → cm² and m³ → cm³. */
export const m3ToCm3 = (x: number): number => x * 1e6;

/** g → kg and back. */
export const gToKg = (x: number): number => x / 1e3;
export const kgToG = (x: number): number => x * 1e3;

/** Percent (0–100) → fraction (0–1) and back. */
export const percentToFraction = (x: number): number => x / 100;
export const fractionToPercent = (x: number): number => x * 100;

/** mAh/cm³ → C/m³ (1 mAh/cm³ = 3.6 C / 1e-6 m³) and back. */
export const cPerM3ToMAhPerCm3 = (x: number): number => x / 3.6e6;

/** J/kg → Wh/kg. */
export const jPerKgToWhPerKg = (x: number): number => x / 3600;
/** J/m³ → Wh/L (1 Wh/L = 3600 J / 1e-3 m³ = 3.6e6 J/m³). */
export const jPerM3ToWhPerL = (x: number): number => x / 3.6e6;

/** g/Ah → kg/C (1 g/Ah = 1e-3 kg / 3600 C) and back; in two steps, which returns common values (1, 1.8, 2 g/Ah) exactly. */
export const gPerAhToKgPerC = (x: number): number => x / 1e3 / 3600;
export const kgPerCToGPerAh = (x: number): number => x * 3600 * 1e3;
