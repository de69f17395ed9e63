/**
 * Electrode designer: composition + areal loading + porosity (or calendered density) → thickness,
 * porosity, areal and volumetric capacity; and the inverse, a target areal capacity → loading and
 * thickness. All quantities are per coated side unless the name says otherwise.
 *
 * The arithmetic (per side, 1 cm² of electrode):
 *   skeletal density        ρs = 1 / Σ (w_i / ρ_i)              (w_i mass fractions, ρ_i true densities)
 *   coating density         ρc = ρs (1 − ε)                     (ε porosity)
 *   thickness               t  = m / ρc                         (m coating mass; mg/cm² / (g/cm³) × 10 = µm)
 *   active loading          m_a = w_active · m                  (loadingBasis "coating"), or m itself ("active")
 *   areal capacity          Q  = m_a · q                        (q specific capacity, mAh/g; mg → g ÷ 1000)
 *   volumetric capacity     Q / t                               (mAh per cm³ of coating)
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
import type { CathodeActiveMaterial, ElectrodeAdditive } from '../materials/types.js';

export type CoatingMaterial = CathodeActiveMaterial | ElectrodeAdditive;
import type { CathodeSpec } from './schema.js';

export interface CoatingConstituent {
  material: CoatingMaterial;
  massFraction: number;
  /** mg/cm² per side. */
  loadingMgPerCm2: number;
}

export interface ElectrodeDesign {
  sides: 1 | 2;
  active: CathodeActiveMaterial;
  constituents: CoatingConstituent[];
  loadingBasis: 'coating' | 'active';
  /** Whole-coating mass per side, mg/cm². */
  coatingLoadingMgPerCm2: number;
  /** Active-material mass per side, mg/cm². */
  activeLoadingMgPerCm2: number;
  activeMassFraction: number;
  skeletalDensityGPerCm3: number;
  coatingDensityGPerCm3: number;
  porosityPercent: number;
  /** Coating thickness per side, µm. */
  thicknessUmPerSide: number;
  currentCollectorThicknessUm: number;
  /** Coating(s) + current collector, µm. */
  electrodeThicknessUm: number;
  specificCapacityMahPerG: number;
  /** Capacity per gram of whole coating, mAh/g. */
  coatingSpecificCapacityMahPerG: number;
  /** Per side, mAh/cm². */
  arealCapacityMahPerCm2: number;
  /** All coated sides together, mAh/cm². */
  totalArealCapacityMahPerCm2: number;
  /** mAh per cm³ of coating (per side; pores included). */
  volumetricCapacityMahPerCm3: number;
  /** Pore volume per cm² per side, cm³/cm². */
  poreVolumeCm3PerCm2: number;
  averageVoltageV: number;
}

/** Looks up the coating's materials; exactly one must be a cathode active material. */
function resolveComposition(spec: CathodeSpec, lib: MaterialLibrary, file?: string) {
  const constituents: { material: CoatingMaterial; massFraction: number }[] = [];
  let active: CathodeActiveMaterial | undefined;
  for (const [id, percent] of Object.entries(spec.compositionWtPercent)) {
    const loc: InputLocation = { file, field: `cathode.compositionWtPercent.${id}` };
    const m = lib.getOfKind(id, ['cathode-active', 'solid-electrolyte', 'conductive-additive', 'binder'], loc);
    if (m.kind === 'cathode-active') {
      if (active) throw new InputError(loc, 'exactly one cathode active material in the composition', `a second one ("${active.id}" and "${id}")`);
      active = m;
      if (percent <= 0) throw new InputError(loc, 'a positive mass percent for the active material', `${percent}`);
    }
    constituents.push({ material: m, massFraction: percent / 100 });
  }
  if (!active) {
    throw new InputError({ file, field: 'cathode.compositionWtPercent' }, 'one cathode active material (kind cathode-active, e.g. NCM811)', 'none');
  }
  // Normalise the (validated, ±0.05 %) sum so masses add up exactly.
  const sum = constituents.reduce((s, c) => s + c.massFraction, 0);
  for (const c of constituents) c.massFraction /= sum;
  return { constituents, active };
}

/** Skeletal (pore-free) density of a mixture from mass fractions and true densities. */
export function skeletalDensity(parts: readonly { massFraction: number; densityGPerCm3: number }[]): number {
  let specificVolume = 0;
  for (const p of parts) specificVolume += p.massFraction / p.densityGPerCm3;
  return 1 / specificVolume;
}

/** Coating thickness in µm from mass per area (mg/cm²) and coating density (g/cm³). */
export function coatingThicknessUm(loadingMgPerCm2: number, densityGPerCm3: number): number {
  // mg/cm² → g/cm² (÷1000); / (g/cm³) → cm; × 1e4 → µm. Net factor 10.
  return (loadingMgPerCm2 * 10) / densityGPerCm3;
}

export function designElectrode(spec: CathodeSpec, lib: MaterialLibrary, file?: string): ElectrodeDesign {
  const { constituents, active } = resolveComposition(spec, lib, file);
  const activeMassFraction = constituents.find((c) => c.material === active)!.massFraction;
  const q = spec.specificCapacityMahPerG ?? active.specificCapacityMahPerG.value;
  let coatingLoading: number;
  if (spec.loadingMgPerCm2 !== undefined) {
    coatingLoading = spec.loadingBasis === 'coating' ? spec.loadingMgPerCm2 : spec.loadingMgPerCm2 / activeMassFraction;
  } else if (spec.arealCapacityMahPerCm2 !== undefined) {
    // Inverse design: active mass = Q / q (mAh/cm² ÷ mAh/g = g/cm², × 1000 → mg/cm²).
    coatingLoading = ((spec.arealCapacityMahPerCm2 / q) * 1000) / activeMassFraction;
  } else {
    throw new InputError({ file, field: 'cathode.loadingMgPerCm2' }, 'a loading or a target areal capacity (arealCapacityMahPerCm2)', 'neither');
  }
  const activeLoading = coatingLoading * activeMassFraction;

  const rhoS = skeletalDensity(constituents.map((c) => ({ massFraction: c.massFraction, densityGPerCm3: c.material.densityGPerCm3.value })));
  let porosity: number;
  let rhoC: number;
  if (spec.densityGPerCm3 !== undefined) {
    rhoC = spec.densityGPerCm3;
    porosity = 1 - rhoC / rhoS;
    if (porosity < 0) {
      throw new InputError({ file, field: 'cathode.densityGPerCm3' }, `a coating density below the pore-free density of this composition (${rhoS.toFixed(3)} g/cm³)`, `${rhoC} g/cm³`);
    }
  } else {
    porosity = (spec.porosityPercent ?? 0) / 100;
    rhoC = rhoS * (1 - porosity);
  }
  const thickness = coatingThicknessUm(coatingLoading, rhoC);
  const areal = (activeLoading * q) / 1000;
  const cc = spec.currentCollector.thicknessUm;
  return {
    sides: spec.sides,
    active,
    constituents: constituents.map((c) => ({ ...c, loadingMgPerCm2: coatingLoading * c.massFraction })),
    loadingBasis: spec.loadingBasis,
    coatingLoadingMgPerCm2: coatingLoading,
    activeLoadingMgPerCm2: activeLoading,
    activeMassFraction,
    skeletalDensityGPerCm3: rhoS,
    coatingDensityGPerCm3: rhoC,
    porosityPercent: porosity * 100,
    thicknessUmPerSide: thickness,
    currentCollectorThicknessUm: cc,
    electrodeThicknessUm: cc + spec.sides * thickness,
    specificCapacityMahPerG: q,
    coatingSpecificCapacityMahPerG: q * activeMassFraction,
    arealCapacityMahPerCm2: areal,
    totalArealCapacityMahPerCm2: areal * spec.sides,
    volumetricCapacityMahPerCm3: areal / (thickness * 1e-4),
    poreVolumeCm3PerCm2: thickness * 1e-4 * porosity,
    averageVoltageV: spec.averageVoltageV ?? active.averageVoltageV.value,
  };
}

/**
 * The inverse: the electrode whose loading gives a target areal capacity per side (the same as a
 * design file with `cathode.arealCapacityMahPerCm2`). Areal capacity is linear in loading: exact.
 */
export function electrodeForArealCapacity(spec: Omit<CathodeSpec, 'loadingMgPerCm2' | 'arealCapacityMahPerCm2'>, targetMahPerCm2: number, lib: MaterialLibrary, file?: string): ElectrodeDesign {
  if (!(targetMahPerCm2 > 0) || !Number.isFinite(targetMahPerCm2)) {
    throw new InputError({ file, field: 'cathode.arealCapacityMahPerCm2' }, 'a positive areal capacity in mAh/cm²', String(targetMahPerCm2));
  }
  return designElectrode({ ...spec, loadingMgPerCm2: undefined, arealCapacityMahPerCm2: targetMahPerCm2 }, lib, file);
}
