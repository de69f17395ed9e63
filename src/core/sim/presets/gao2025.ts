/**
 * gao2025-ncm811 and gao2025-ncm811-llzo: the dry-film NCM811 cathodes of
 *   Gao et al., "Interfacial Engineering of Solvent-Free Cathodes with High Loading for
 *   High-Energy-Density Lithium Metal Batteries", Adv. Funct. Mater. 2025 (doi:10.1002/adfm.202511636)
 * in a Li-metal half cell (Li foil | separator | NCM811 dry film), 3.0–4.3 V vs Li, the loading a
 * parameter (the paper: 15–54 mg/cm²).
 *
 * Reported by the paper and used here: NCM811 active material, PTFE-fibril dry film with conductive
 * carbon, LLZO as surface additive; loading (taken as ACTIVE mass per area — 54 mg/cm² × 198 mAh/g ≈
 * 10.6 mAh/cm² as reported; see src/core/design/electrode.ts); interfacial Li⁺-transfer activation
 * energies 33.17 kJ/mol (DFNCM) and 29.76 kJ/mol (DFNCM/LLZO) from the Arrhenius plot of R_ct
 * (their Fig. 3c) — used as the activation energy of the NCM811 exchange current density.
 *
 * How the two rate constants relate at 25 °C (the paper gives E_a, not k; option `kineticPrefactor`):
 * - 'shared' (default, ASSUMPTION): transition-state theory with one pre-exponential factor for both
 *   surfaces, k = A·exp(−E_a/RT). Both are the same NCM811 host (same attempt frequency, same density of
 *   Li sites at the surface); the LLZO coating changes the barrier of interfacial Li⁺ transfer, which is
 *   what the paper measures. So k_LLZO(T) = k_bare(T)·exp((E_bare − E_LLZO)/(R·T)) at every T — ×3.96 at
 *   25 °C — and the bare cathode keeps Chen 2020's k at 25 °C (a conventional NCM811 surface). Then
 *   R_ct(bare)/R_ct(LLZO) ≈ 3.96 at 25 °C: the direction of the paper's room-temperature EIS ("lower
 *   impedance (R_ct) of DFNCM/LLZO", Fig. S6), whose size the main text does not give, so the 3.96 is
 *   this assumption's prediction, not a fitted number. If a lower barrier came with a smaller prefactor
 *   (a Meyer–Neldel compensation), the ratio would be smaller.
 * - 'equal-at-25C': both cathodes have Chen 2020's k at 25 °C and differ only in its temperature
 *   dependence (the presets before this option) — identical kinetics at 25 °C, which contradicts Fig. S6.
 *
 * Everything else is an assumption, stated per field:
 * - Composition (not in the main text): bare NCM811 95 / Super P 2 / PTFE 3 wt%; with LLZO
 *   NCM811 93 / LLZO 2 / Super P 2 / PTFE 3 wt% (as examples/gao2025-pouch.json). Porosity 25 %
 *   (calendered dry films: 20–30 %). Thickness, porosity and volume fractions come from the electrode
 *   designer (src/core/design/electrode.ts) with the built-in materials' densities.
 * - NCM811 OCP, particle radius, D_s, rate constant (bare surface), solid conductivity: Chen et al. 2020 (LG M50
 *   positive). c_max = ρ/M = 4750 kg/m³ / 0.0973 kg/mol = 48 818 mol/m³ (library density and molar
 *   mass); with Chen's OCP fit the 4.3 → 3.0 V window (x = 0.261 → 1) then holds 203 mAh/g, matching
 *   the ≈200 mAh/g of NCM811 at 0.1C. Initial state: x where U = 4.3 V (charged). D_s activation energy
 *   30 kJ/mol (ASSUMPTION: 20–50 kJ/mol is the range reported for layered NCM; Chen 2020 gives none).
 * - Electrolyte: not given in the main text; 1 M LiPF6 in EC:EMC (Nyman 2008, as Chen 2020), with the
 *   Capiglia/DUALFOIL activation energies for κ and D_e (ASSUMPTION).
 * - Separator: Celgard 2325, 25 µm, 39 % porosity (built-in library; a common coin-cell separator).
 * - Li foil: 450 µm coin-cell chip (ASSUMPTION); i0 = 70.5 A/m²·(c_e/1000)^0.3 from Xu et al.,
 *   J. Electrochem. Soc. 166, A3456 (2019) (3.5e-8·F·c_Li^0.7·c_e^0.3), E_a 35 kJ/mol (ASSUMPTION, same
 *   order as the cathode interface), no SEI resistance; σ_Li = 1.08e7 S/m (CRC: 92.8 nΩ·m).
 * - LLZO parallel ionic path: σ = 0.05 S/m at 25 °C (cubic garnet 1e-4–1e-3 S/cm, Thangadurai et al.,
 *   Chem. Soc. Rev. 43, 4714 (2014)), E_a 33 kJ/mol (0.34 eV, same source's range), Bruggeman 1.5 on its
 *   volume fraction. 2 wt% LLZO is ~1 vol% of the electrode, far below any percolation threshold, and the
 *   paper's TEM shows the coating amorphous (slower than cubic garnet): the path's ~1e-4 S/m, against the
 *   liquid's ~0.1 S/m, is an upper bound that changes nothing. In this model the LLZO benefit is the
 *   interfacial kinetics above (lower E_a and, with 'shared', a larger k at 25 °C).
 * - 1C = 200 mAh/g × active mass (the library's NCM811 specific capacity).
 */
import { designElectrode } from '../../design/electrode.js';
import { MaterialLibrary } from '../../materials/library.js';
import { densityKgPerM3 } from '../../materials/si.js';
import { InputError } from '../../errors.js';
import { GAS_CONSTANT } from '../../units.js';
import { constantFunction, type CellParameters } from '../parameters.js';
import { chenNmc811Ocp, nymanElectrolyte } from './chen2020.js';

const T_REF_K = 298.15;
const NCM811_MOLAR_MASS_KG_PER_MOL = 0.0973;

export interface Gao2025Options {
  /** Active (NCM811) mass loading, mg/cm² (default 54). */
  loadingMgPerCm2?: number;
  /** With the LLZO additive (DFNCM/LLZO). */
  llzo?: boolean;
  temperatureK?: number;
  /**
   * How the LLZO cathode's rate constant k (A/m²·(m³/mol)^1.5 at 25 °C) relates to the bare one's
   * (3.42e-6, Chen et al. 2020); the bare cathode is the same either way. 'shared' (default): one
   * transition-state pre-exponential factor, k_LLZO = k_bare·exp((33 170 − 29 760 J/mol)/(R·298.15 K))
   * = 3.96·k_bare (the E_a of Gao et al. 2025, Fig. 3c). 'equal-at-25C': k_LLZO = k_bare at 25 °C.
   */
  kineticPrefactor?: Gao2025KineticPrefactor;
}

export type Gao2025KineticPrefactor = 'shared' | 'equal-at-25C';

/** Rate constant of the bare NCM811 surface at 25 °C, A/m²·(m³/mol)^1.5 (Chen et al. 2020, LG M50 positive). */
const K_BARE_REF = 3.42e-6;
/** Activation energies of interfacial Li⁺ transfer, J/mol (Gao et al. 2025, Fig. 3c). */
const EA_BARE_J_PER_MOL = 33170;
const EA_LLZO_J_PER_MOL = 29760;

/** The cathode's rate constant at T_REF_K under the chosen prefactor assumption (see the file comment). */
function rateConstantAtRef(llzo: boolean, prefactor: Gao2025KineticPrefactor): number {
  if (!llzo || prefactor === 'equal-at-25C') return K_BARE_REF;
  // same A: k_LLZO/k_bare = exp(−E_LLZO/RT)/exp(−E_bare/RT)
  return K_BARE_REF * Math.exp((EA_BARE_J_PER_MOL - EA_LLZO_J_PER_MOL) / (GAS_CONSTANT * T_REF_K));
}

/** Stoichiometry where an OCP crosses `v` (bisection on [0, 1], OCP decreasing). */
function stoAt(ocp: { f(x: number): number }, v: number): number {
  let lo = 0;
  let hi = 1;
  for (let k = 0; k < 60; k++) {
    const mid = 0.5 * (lo + hi);
    if (ocp.f(mid) > v) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

export function gao2025Ncm811(opts: Gao2025Options = {}): CellParameters {
  const loading = opts.loadingMgPerCm2 ?? 54;
  if (!(loading > 0 && loading <= 200)) throw new InputError({ field: 'loadingMgPerCm2' }, 'an active-material loading in (0, 200] mg/cm²', String(loading));
  const llzo = opts.llzo ?? false;
  const prefactor = opts.kineticPrefactor ?? 'shared';
  if (prefactor !== 'shared' && prefactor !== 'equal-at-25C') throw new InputError({ field: 'kineticPrefactor' }, "'shared' or 'equal-at-25C'", String(prefactor));
  const lib = MaterialLibrary.builtin();
  const composition: Record<string, number> = llzo ? { NCM811: 93, LLZO: 2, SuperP: 2, PTFE: 3 } : { NCM811: 95, SuperP: 2, PTFE: 3 };
  const design = designElectrode(
    {
      compositionWtPercent: composition,
      loadingMgPerCm2: loading,
      loadingBasis: 'active',
      sides: 1,
      porosityPercent: 25,
      currentCollector: { material: 'Al-foil', thicknessUm: 12 },
    },
    lib,
  );
  // The designer's results are in SI: m, kg/m², kg/m³, fractions.
  const L = design.thicknessMPerSide;
  const ncm = lib.getOfKind('NCM811', ['cathode-active']);
  const rhoNcm = densityKgPerM3(ncm);
  const activeKgPerM2 = design.activeLoadingKgPerM2;
  const activeFraction = activeKgPerM2 / rhoNcm / L;
  let llzoFraction = 0;
  if (llzo) {
    const part = design.constituents.find((c) => c.material.id === 'LLZO');
    const rho = part ? densityKgPerM3(part.material) : 5100;
    llzoFraction = (part?.loadingKgPerM2 ?? 0) / rho / L;
  }
  const cMax = rhoNcm / NCM811_MOLAR_MASS_KG_PER_MOL;
  const x0 = stoAt(chenNmc811Ocp, 4.3);
  const sep = lib.getOfKind('Celgard-2325', ['separator']);
  const specificCapacityMahPerG = ncm.specificCapacityMahPerG.value;
  const oneC = (specificCapacityMahPerG * 3.6 * activeKgPerM2 * 1000) / 3600; // A/m²
  return {
    name: llzo ? 'gao2025-ncm811-llzo' : 'gao2025-ncm811',
    citation:
      'Gao et al., Adv. Funct. Mater. 2025 (doi:10.1002/adfm.202511636) cathodes; NCM811 functions from Chen et al. 2020; Li kinetics Xu et al. 2019; assumptions in src/core/sim/presets/gao2025.ts',
    negative: {
      kind: 'li-metal',
      thicknessM: 450e-6,
      exchangeCurrentAPerM2: 3.5e-8 * 96485.33212 * Math.pow(534 / 6.941e-3, 0.7) * Math.pow(1000, 0.3),
      referenceConcentrationMolPerM3: 1000,
      concentrationExponent: 0.3,
      activationEnergyJPerMol: 35000,
      filmResistanceOhmM2: 0,
      conductivitySPerM: 1.08e7,
      molarDensityMolPerM3: 534 / 6.941e-3,
    },
    separator: { thicknessM: sep.thicknessUm.value * 1e-6, porosity: sep.porosityPercent.value / 100, bruggemanElectrolyte: 1.5 },
    positive: {
      kind: 'porous',
      thicknessM: L,
      porosity: design.porosity,
      activeFraction,
      bruggemanElectrolyte: 1.5,
      solidConductivitySPerM: 0.18,
      solidBruggeman: 0,
      solidBruggemanFraction: 1,
      particleRadiusM: 5.22e-6,
      cMaxMolPerM3: cMax,
      cInitMolPerM3: x0 * cMax,
      diffusivity: constantFunction(4e-15),
      diffusivityActivationEnergyJPerMol: 30000,
      ocp: chenNmc811Ocp,
      kinetics: { rateConstant: rateConstantAtRef(llzo, prefactor), activationEnergyJPerMol: llzo ? EA_LLZO_J_PER_MOL : EA_BARE_J_PER_MOL, alpha: 0.5 },
      filmResistanceOhmM2: 0,
      doubleLayerFPerM2: 0,
      ionicSolid: llzo ? { volumeFraction: llzoFraction, conductivitySPerM: 0.05, bruggeman: 1.5, activationEnergyJPerMol: 33000 } : undefined,
      activeDensityKgPerM3: rhoNcm,
    },
    electrolyte: nymanElectrolyte(),
    referenceTemperatureK: T_REF_K,
    temperatureK: opts.temperatureK ?? T_REF_K,
    oneCAPerM2: oneC,
    lowerCutoffV: 3.0,
    upperCutoffV: 4.3,
    // a 12 mm coin-cell cathode disc
    areaM2: Math.PI * 0.006 * 0.006,
    positiveActiveMassKgPerM2: activeKgPerM2,
  };
}
