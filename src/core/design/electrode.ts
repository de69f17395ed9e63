/**
 * Electrode designer: composition + areal loading + porosity (or calendered density) → thickness,
 * porosity, areal and volumetric capacity; and the inverse, a target areal capacity → loading and
 * thickness. All quantities are per coated side unless the name says otherwise, and in SI: the design
 * file's field units (mg/cm², µm, mAh/g, g/cm³, %) are converted on the way in (`cathodeSpecToSi`) and
 * back only for output (report.ts).
 *
 * The arithmetic (per side, per m² of electrode):
 *   skeletal density        ρs = 1 / Σ (w_i / ρ_i)              (w_i mass fractions, ρ_i true densities, kg/m³)
 *   coating density         ρc = ρs (1 − ε)                     (ε porosity, fraction)
 *   thickness               t  = m / ρc                         (m coating mass, kg/m²; t in m)
 *   active loading          m_a = w_active · m                  (loadingBasis "coating"), or m itself ("active")
 *   areal capacity          Q  = m_a · q                        (q specific capacity, C/kg; Q in C/m²)
 *   volumetric capacity     Q / t                               (C per m³ of coating)
 *
 * "Loading" in the literature is usually the whole coating; some papers mean the active material. The
 * design file says which (`loadingBasis`). Example: Gao et al. 2025 quote 198 mAh/g at 54 mg/cm², i.e.
 * 54 × 198 / 1000 = 10.69 mAh/cm² if 54 mg/cm² is active mass; they report 10.4–10.6 mAh/cm², which
 * corresponds to 193–196 mAh/g — the 198 mAh/g is the best cycle, and areal values scatter from cycle
 * to cycle and are rounded. If 54 mg/cm² were the whole coating, the active fraction (e.g. 93 %) would
 * lower the areal capacity further (≈9.9 mAh/cm²), below what they report — so their loading is most
 * likely close to active mass. `paperElectrodeCheck` in the tests writes this out.
 */
import { InputError, type InputLocation } from '../errors.js';
import type { MaterialLibrary } from '../materials/library.js';
import { densityKgPerM3, specificCapacityCPerKg } from '../materials/si.js';
import type { CathodeActiveMaterial, ElectrodeAdditive } from '../materials/types.js';
import { kgPerM3ToGPerCm3 } from '../units.js';
import type { CathodeSpec } from './schema.js';
import { cathodeSpecToSi, type CathodeSpecSi } from './spec-si.js';

export type CoatingMaterial = CathodeActiveMaterial | ElectrodeAdditive;

export interface CoatingConstituent {
  material: CoatingMaterial;
  massFraction: number;
  /** Mass per area per side, kg/m². */
  loadingKgPerM2: number;
}

export interface ElectrodeDesign {
  sides: 1 | 2;
  active: CathodeActiveMaterial;
  constituents: CoatingConstituent[];
  loadingBasis: 'coating' | 'active';
  /** Whole-coating mass per side, kg/m². */
  coatingLoadingKgPerM2: number;
  /** Active-material mass per side, kg/m². */
  activeLoadingKgPerM2: number;
  activeMassFraction: number;
  /** Pore-free density of the coating's solids, kg/m³. */
  skeletalDensityKgPerM3: number;
  /** Coating mass / its geometric volume, kg/m³. */
  coatingDensityKgPerM3: number;
  /** Pore volume / coating volume (0–1). */
  porosity: number;
  /** Coating thickness per side, m. */
  thicknessMPerSide: number;
  currentCollectorThicknessM: number;
  /** Coating(s) + current collector, m. */
  electrodeThicknessM: number;
  /** Active material, C/kg. */
  specificCapacityCPerKg: number;
  /** Capacity per kg of whole coating, C/kg. */
  coatingSpecificCapacityCPerKg: number;
  /** Per side, C/m². */
  arealCapacityCPerM2: number;
  /** All coated sides together, C/m². */
  totalArealCapacityCPerM2: number;
  /** C per m³ of coating (per side; pores included). */
  volumetricCapacityCPerM3: number;
  /** Pore volume per area per side, m³/m² (= m). */
  poreVolumeM3PerM2: number;
  averageVoltageV: number;
}

/** Looks up the coating's materials; exactly one must be a cathode active material. */
function resolveComposition(spec: CathodeSpecSi, lib: MaterialLibrary, file?: string) {
  const constituents: { material: CoatingMaterial; massFraction: number }[] = [];
  let active: CathodeActiveMaterial | undefined;
  for (const [id, fraction] of Object.entries(spec.massFractions)) {
    const loc: InputLocation = { file, field: `cathode.compositionWtPercent.${id}` };
    const m = lib.getOfKind(id, ['cathode-active', 'solid-electrolyte', 'conductive-additive', 'binder'], loc);
    if (m.kind === 'cathode-active') {
      if (active) throw new InputError(loc, 'exactly one cathode active material in the composition', `a second one ("${active.id}" and "${id}")`);
      active = m;
      if (fraction <= 0) throw new InputError(loc, 'a positive mass percent for the active material', `${spec.compositionWtPercent[id]}`);
    }
    constituents.push({ material: m, massFraction: fraction });
  }
  if (!active) {
    throw new InputError({ file, field: 'cathode.compositionWtPercent' }, 'one cathode active material (kind cathode-active, e.g. NCM811)', 'none');
  }
  // Normalise the (validated, ±0.05 %) sum so masses add up exactly.
  const sum = constituents.reduce((s, c) => s + c.massFraction, 0);
  for (const c of constituents) c.massFraction /= sum;
  return { constituents, active };
}

/** Skeletal (pore-free) density of a mixture from mass fractions and true densities (any one density unit in, the same out). */
export function skeletalDensity(parts: readonly { massFraction: number; densityKgPerM3: number }[]): number {
  let specificVolume = 0;
  for (const p of parts) specificVolume += p.massFraction / p.densityKgPerM3;
  return 1 / specificVolume;
}

/** Coating thickness (m) from mass per area (kg/m²) and coating density (kg/m³). */
export function coatingThicknessM(loadingKgPerM2: number, densityKgPerM3: number): number {
  return loadingKgPerM2 / densityKgPerM3;
}

/** Designs the electrode of a validated design-file cathode (field units), converting it to SI first. */
export function designElectrode(spec: CathodeSpec, lib: MaterialLibrary, file?: string): ElectrodeDesign {
  return designElectrodeSi(cathodeSpecToSi(spec), lib, file);
}

export function designElectrodeSi(spec: CathodeSpecSi, lib: MaterialLibrary, file?: string): ElectrodeDesign {
  const { constituents, active } = resolveComposition(spec, lib, file);
  const activeMassFraction = constituents.find((c) => c.material === active)!.massFraction;
  const q = spec.specificCapacityCPerKg ?? specificCapacityCPerKg(active);
  let coatingLoading: number;
  if (spec.loadingKgPerM2 !== undefined) {
    coatingLoading = spec.loadingBasis === 'coating' ? spec.loadingKgPerM2 : spec.loadingKgPerM2 / activeMassFraction;
  } else if (spec.arealCapacityCPerM2 !== undefined) {
    // Inverse design: active mass = Q / q (C/m² ÷ C/kg = kg/m²).
    coatingLoading = spec.arealCapacityCPerM2 / q / activeMassFraction;
  } else {
    throw new InputError({ file, field: 'cathode.loadingMgPerCm2' }, 'a loading or a target areal capacity (arealCapacityMahPerCm2)', 'neither');
  }
  const activeLoading = coatingLoading * activeMassFraction;

  const rhoS = skeletalDensity(constituents.map((c) => ({ massFraction: c.massFraction, densityKgPerM3: densityKgPerM3(c.material) })));
  let porosity: number;
  let rhoC: number;
  if (spec.densityKgPerM3 !== undefined) {
    rhoC = spec.densityKgPerM3;
    porosity = 1 - rhoC / rhoS;
    if (porosity < 0) {
      // The message speaks the design file's unit.
      throw new InputError({ file, field: 'cathode.densityGPerCm3' }, `a coating density below the pore-free density of this composition (${kgPerM3ToGPerCm3(rhoS).toFixed(3)} g/cm³)`, `${spec.densityGPerCm3} g/cm³`);
    }
  } else {
    porosity = spec.porosity ?? 0;
    rhoC = rhoS * (1 - porosity);
  }
  const thickness = coatingThicknessM(coatingLoading, rhoC);
  const areal = activeLoading * q;
  const cc = spec.currentCollector.thicknessM;
  return {
    sides: spec.sides,
    active,
    constituents: constituents.map((c) => ({ ...c, loadingKgPerM2: coatingLoading * c.massFraction })),
    loadingBasis: spec.loadingBasis,
    coatingLoadingKgPerM2: coatingLoading,
    activeLoadingKgPerM2: activeLoading,
    activeMassFraction,
    skeletalDensityKgPerM3: rhoS,
    coatingDensityKgPerM3: rhoC,
    porosity,
    thicknessMPerSide: thickness,
    currentCollectorThicknessM: cc,
    electrodeThicknessM: cc + spec.sides * thickness,
    specificCapacityCPerKg: q,
    coatingSpecificCapacityCPerKg: q * activeMassFraction,
    arealCapacityCPerM2: areal,
    totalArealCapacityCPerM2: areal * spec.sides,
    volumetricCapacityCPerM3: areal / thickness,
    poreVolumeM3PerM2: thickness * porosity,
    averageVoltageV: spec.averageVoltageV ?? active.averageVoltageV.value,
  };
}

/**
 * The inverse: the electrode whose loading gives a target areal capacity per side (the same as a
 * design file with `cathode.arealCapacityMahPerCm2`). Areal capacity is linear in loading: exact.
 * The target is in C/m².
 */
export function electrodeForArealCapacity(spec: Omit<CathodeSpec, 'loadingMgPerCm2' | 'arealCapacityMahPerCm2'>, targetCPerM2: number, lib: MaterialLibrary, file?: string): ElectrodeDesign {
  if (!(targetCPerM2 > 0) || !Number.isFinite(targetCPerM2)) {
    throw new InputError({ file, field: 'cathode.arealCapacityMahPerCm2' }, 'a positive areal capacity', String(targetCPerM2));
  }
  const si = cathodeSpecToSi({ ...spec, loadingMgPerCm2: undefined, arealCapacityMahPerCm2: undefined });
  return designElectrodeSi({ ...si, arealCapacityCPerM2: targetCPerM2 }, lib, file);
}
