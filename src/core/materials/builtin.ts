/**
 * The built-in materials library. Each value carries its unit and where it comes from. Where a value
 * is our estimate rather than a published number, the source says "estimate" and gives the reasoning.
 * Users add or override materials with their own file (see ./schema.ts); ids here are case-sensitive.
 */
import type { Material, Quantity } from './types.js';

const q = (value: number, unit: string, source: string): Quantity => ({ value, unit, source });

const CRC = 'CRC Handbook of Chemistry and Physics, 97th ed. (2016), density of the elements at 20 °C';

export const BUILTIN_MATERIALS: readonly Material[] = [
  {
    id: 'NCM811',
    kind: 'cathode-active',
    name: 'LiNi0.8Co0.1Mn0.1O2 (NCM811)',
    densityGPerCm3: q(4.75, 'g/cm³', 'R-3m cell a = 2.872 Å, c = 14.20 Å, Z = 3, M = 97.3 g/mol gives 4.78 g/cm³; 4.75 used, as for commercial powders (4.7–4.8)'),
    specificCapacityMahPerG: q(200, 'mAh/g', 'Noh et al., J. Power Sources 233 (2013) 121: ≈200 mAh/g at 0.1C, 3.0–4.3 V vs Li; Gao et al. 2025 report 198 mAh/g at 54 mg/cm²'),
    averageVoltageV: q(3.8, 'V', 'estimate: mean discharge voltage of NCM811 vs Li at ≤0.1C between 4.3 and 3.0 V is 3.75–3.85 V (e.g. Noh et al. 2013 discharge curves)'),
    upperCutoffVoltageV: q(4.3, 'V', 'Gao et al., Adv. Funct. Mater. 2025 (doi:10.1002/adfm.202511636): cells cycled 3–4.3 V vs Li'),
  },
  {
    id: 'LLZO',
    kind: 'solid-electrolyte',
    name: 'Li7La3Zr2O12 garnet (cubic)',
    densityGPerCm3: q(5.1, 'g/cm³', 'cubic Ia-3d cell a = 12.97 Å, Z = 8, M = 839.7 g/mol gives 5.11 g/cm³ (theoretical density ≈ 5.1, Thangadurai, Narayanan, Pinzaru, Chem. Soc. Rev. 43 (2014) 4714)'),
  },
  {
    id: 'PTFE',
    kind: 'binder',
    name: 'Polytetrafluoroethylene (dry-process fibrillated binder)',
    densityGPerCm3: q(2.2, 'g/cm³', 'PTFE 2.1–2.2 g/cm³ (CRC Handbook, physical constants of polymers)'),
  },
  {
    id: 'PVDF',
    kind: 'binder',
    name: 'Polyvinylidene fluoride (wet-process binder)',
    densityGPerCm3: q(1.78, 'g/cm³', 'PVDF 1.76–1.78 g/cm³ (CRC Handbook, physical constants of polymers)'),
  },
  {
    id: 'SuperP',
    kind: 'conductive-additive',
    name: 'Conductive carbon black (Super P type)',
    densityGPerCm3: q(1.9, 'g/cm³', 'estimate: skeletal (true) density of conductive carbon blacks is 1.8–2.1 g/cm³; 1.9 used'),
  },
  {
    id: 'Al-foil',
    kind: 'current-collector',
    name: 'Aluminium foil (cathode current collector)',
    densityGPerCm3: q(2.7, 'g/cm³', CRC),
    thicknessUm: q(12, 'µm', 'common battery-grade cathode foil 10–16 µm; 12 µm used'),
  },
  {
    id: 'Cu-foil',
    kind: 'current-collector',
    name: 'Copper foil (anode current collector)',
    densityGPerCm3: q(8.96, 'g/cm³', CRC),
    thicknessUm: q(8, 'µm', 'common battery-grade anode foil 6–10 µm; 8 µm used'),
  },
  {
    id: 'Li-metal',
    kind: 'metal-anode',
    name: 'Lithium metal foil',
    densityGPerCm3: q(0.534, 'g/cm³', CRC),
    specificCapacityMahPerG: q(3860, 'mAh/g', 'theoretical: F / M(Li) = 96485 C/mol / 6.94 g/mol = 13 903 C/g = 3862 mAh/g; 3860 as usually quoted'),
  },
  {
    id: 'PE-12',
    kind: 'separator',
    name: 'Wet-process polyethylene separator, 12 µm',
    thicknessUm: q(12, 'µm', 'typical commercial PE separator for high-energy cells (9–16 µm); 12 µm used'),
    porosityPercent: q(40, '%', 'typical porosity of wet-process PE separators 38–45 % (manufacturer data sheets); 40 % used'),
    densityGPerCm3: q(0.95, 'g/cm³', 'HDPE 0.94–0.97 g/cm³ (CRC Handbook, physical constants of polymers)'),
  },
  {
    id: 'Celgard-2500',
    kind: 'separator',
    name: 'Celgard 2500 monolayer polypropylene, 25 µm',
    thicknessUm: q(25, 'µm', 'Celgard 2500 product data sheet'),
    porosityPercent: q(55, '%', 'Celgard 2500 product data sheet'),
    densityGPerCm3: q(0.9, 'g/cm³', 'isotactic PP 0.90–0.91 g/cm³ (CRC Handbook, physical constants of polymers)'),
  },
  {
    id: 'Celgard-2325',
    kind: 'separator',
    name: 'Celgard 2325 trilayer PP/PE/PP, 25 µm',
    thicknessUm: q(25, 'µm', 'Celgard 2325 product data sheet'),
    porosityPercent: q(39, '%', 'Celgard 2325 product data sheet'),
    densityGPerCm3: q(0.92, 'g/cm³', 'estimate: thickness-weighted PP (0.90) / PE (0.95) skeleton'),
  },
  {
    id: 'LP30',
    kind: 'liquid-electrolyte',
    name: '1 M LiPF6 in EC/DMC 1:1 (v/v)',
    densityGPerCm3: q(1.3, 'g/cm³', 'vendor data for battery-grade 1.0 M LiPF6 in EC/DMC 50/50 v/v: ≈1.3 g/mL at 25 °C (carbonate electrolytes 1.2–1.3)'),
  },
  {
    id: 'LHCE',
    kind: 'liquid-electrolyte',
    name: 'Localized high-concentration electrolyte, LiFSI–DME–TTE (1:1.2:3 by mol)',
    densityGPerCm3: q(1.45, 'g/cm³', 'estimate: LHCEs with fluorinated ether diluents (TTE 1.53 g/cm³) lie at 1.4–1.5 g/cm³; formulation from Ren et al., Joule 3 (2019) 1662'),
  },
  {
    id: 'Al-laminate-113',
    kind: 'laminate',
    name: 'Aluminium-laminated pouch film, 113 µm (nylon 25 / Al 40 / CPP 40 µm + adhesives)',
    thicknessUm: q(113, 'µm', 'common 113 µm pouch film for lab and small commercial pouch cells (e.g. DNP D-EL40H class)'),
    arealMassGPerCm2: q(0.0181, 'g/cm²', 'estimate from its layers: nylon 25 µm × 1.14 + Al 40 µm × 2.70 + CPP 40 µm × 0.90 + adhesives 8 µm × 1.1 g/cm³ = 18.1 mg/cm²'),
  },
  {
    id: 'Al-tab',
    kind: 'tab',
    name: 'Aluminium tab (cathode)',
    densityGPerCm3: q(2.7, 'g/cm³', CRC),
    thicknessUm: q(100, 'µm', 'common pouch-cell tab stock 80–200 µm; 100 µm used'),
  },
  {
    id: 'Ni-tab',
    kind: 'tab',
    name: 'Nickel tab (anode)',
    densityGPerCm3: q(8.908, 'g/cm³', CRC),
    thicknessUm: q(100, 'µm', 'common pouch-cell tab stock 80–200 µm; 100 µm used'),
  },
];
