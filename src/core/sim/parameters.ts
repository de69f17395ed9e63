/**
 * Parameter types of the P2D (Doyle–Fuller–Newman) model. Everything in SI units; each field names
 * its unit. Material functions take the reference-temperature value; the model multiplies by the
 * Arrhenius factor of the stated activation energy (see arrhenius.ts, equations.md).
 */

/** A scalar material function f(x) with its derivative df/dx (the analytic Jacobian needs both). */
export interface MaterialFunction {
  f(x: number): number;
  df(x: number): number;
  /** Set when f is a constant (lets the model precompute and skip calls in its inner loops). */
  readonly constantValue?: number;
  /** Optional: f(x), leaving f′(x) in `lastDerivative` (one pass over shared transcendental terms). */
  fdf?(x: number): number;
  readonly lastDerivative?: number;
}

/** Butler–Volmer kinetics: j = i0·[exp(αa·F·η/RT) − exp(−(1−αa)·F·η/RT)], i0 = k·c_e^½·c_s^½·(c_max − c_s)^½. */
export interface Kinetics {
  /** Rate constant k in A/m² · (m³/mol)^1.5 at the reference temperature. */
  rateConstant: number;
  /** Activation energy of k, J/mol. */
  activationEnergyJPerMol: number;
  /** Anodic charge-transfer coefficient αa (cathodic is 1 − αa). */
  alpha: number;
}

/** A porous intercalation electrode (graphite, LiCoO2, NCM811…). */
export interface PorousElectrode {
  kind: 'porous';
  thicknessM: number;
  /** Electrolyte volume fraction ε. */
  porosity: number;
  /** Active-material volume fraction ε_s (sets a = 3ε_s/R). */
  activeFraction: number;
  bruggemanElectrolyte: number;
  /** Solid conductivity σ, S/m, and the Bruggeman factor applied to `solidBruggemanFraction`: σ_eff = σ·φ^b. */
  solidConductivitySPerM: number;
  solidBruggeman: number;
  /** The volume fraction φ the solid Bruggeman factor applies to (1 − ε for COMSOL's convention, ε_s for PyBaMM's). */
  solidBruggemanFraction: number;
  particleRadiusM: number;
  cMaxMolPerM3: number;
  cInitMolPerM3: number;
  /** Solid diffusivity D_s(c_s/c_max), m²/s at T_ref, and its activation energy. */
  diffusivity: MaterialFunction;
  diffusivityActivationEnergyJPerMol: number;
  /** Open-circuit potential U(stoichiometry), V vs Li/Li⁺. */
  ocp: MaterialFunction;
  kinetics: Kinetics;
  /** Surface-film (e.g. CEI/coating) resistance in series with the reaction, Ω·m² of particle surface. */
  filmResistanceOhmM2: number;
  /** Double-layer capacitance, F/m² of particle surface (0 = off). */
  doubleLayerFPerM2: number;
  /**
   * Optional second, single-ion-conducting solid phase (e.g. LLZO) forming a parallel ionic path.
   * It is assumed in local Li⁺ equilibrium with the liquid, so it carries i = −σ_eff·∂φ_e/∂x (t⁺ = 1).
   */
  ionicSolid?: { volumeFraction: number; conductivitySPerM: number; bruggeman: number; activationEnergyJPerMol: number };
  /** Density of the active material, kg/m³ (for mAh/g). */
  activeDensityKgPerM3?: number;
}

/** A lithium-metal foil electrode (plating/stripping at its surface, x = 0). */
export interface LithiumFoil {
  kind: 'li-metal';
  thicknessM: number;
  /** Exchange current density at c_e = `referenceConcentrationMolPerM3`, A/m²; i0 = i0,ref·(c_e/c_ref)^γ. */
  exchangeCurrentAPerM2: number;
  referenceConcentrationMolPerM3: number;
  /** γ, the reaction order in c_e (0.3 in Xu et al. 2019). */
  concentrationExponent: number;
  activationEnergyJPerMol: number;
  /** SEI/film resistance on the foil, Ω·m². */
  filmResistanceOhmM2: number;
  /** Electronic conductivity of Li, S/m (foil ohmic drop over its thickness). */
  conductivitySPerM: number;
  /** Molar density of Li metal, mol/m³ (534 kg/m³ / 6.941 g/mol = 76 935 mol/m³). */
  molarDensityMolPerM3: number;
}

export interface Separator {
  thicknessM: number;
  porosity: number;
  bruggemanElectrolyte: number;
}

export interface Electrolyte {
  cInitMolPerM3: number;
  /** Cation transference number t⁺ (constant). */
  transferenceNumber: number;
  /** Thermodynamic factor (1 + d ln f±/d ln c), constant. */
  thermodynamicFactor: number;
  /** κ(c_e) S/m and D_e(c_e) m²/s at T_ref, c in mol/m³. */
  conductivity: MaterialFunction;
  diffusivity: MaterialFunction;
  conductivityActivationEnergyJPerMol: number;
  diffusivityActivationEnergyJPerMol: number;
}

export interface CellParameters {
  name: string;
  /** Where every number comes from. */
  citation: string;
  negative: PorousElectrode | LithiumFoil;
  separator: Separator;
  positive: PorousElectrode;
  electrolyte: Electrolyte;
  referenceTemperatureK: number;
  temperatureK: number;
  /** 1C current density, A/m² (from the nominal capacity, else the theoretical capacity of the limiting electrode). */
  oneCAPerM2: number;
  lowerCutoffV: number;
  upperCutoffV: number;
  /** Electrode area, m² (to report Ah). */
  areaM2: number;
  /** Positive active-material mass per area, kg/m² (for mAh/g), when known. */
  positiveActiveMassKgPerM2?: number;
}

/** Wraps a constant as a MaterialFunction. */
export function constantFunction(v: number): MaterialFunction {
  return { f: () => v, df: () => 0, constantValue: v };
}
