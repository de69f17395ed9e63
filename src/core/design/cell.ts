/**
 * Cell designer: a stacked Li-metal pouch cell from a validated design → capacity, energy, mass and
 * volume of every component, Wh/kg and Wh/L at stack and cell level.
 *
 * Geometry (see schema.ts for the conventions): n double-sided cathodes (W × H); n + 1 anodes
 * (W + 2a) × (H + 2a), the n − 1 inner ones with Li on both faces, the 2 outer ones on one face (or
 * two); 2n separators (W + 2a + 2s) × (H + 2a + 2s); electrolyte by E/C or pore fill; two tabs;
 * a laminate envelope of (separator width + 2 seals) × (separator height + headspace + 2 seals), two
 * layers of film (one folded sheet or two sheets).
 *
 * Everything is in SI (m, m², m³, kg, C, J; fractions for shares): the design file's field units are
 * converted on the way in (spec-si.ts) and back only for output (report.ts).
 *
 * Volumes: `volumeM3` of a component is the volume of that material itself (mass / density; for foils,
 * area × thickness). Pores of coatings and separators are counted in the electrolyte. Stack volume is
 * stack thickness × separator area, where the stack thickness includes the electrolyte beyond the pore
 * volume spread over the separator area (it swells the stack of a vacuum-sealed pouch); cell volume is the body (stack footprint + headspace) × (stack +
 * 2 laminate) plus the flat seal flanges (two laminate layers); tab ends outside the pouch are not
 * counted.
 *
 * Energy = capacity × average discharge voltage. The voltage is the cathode material's value (or the
 * design's override) unless the caller supplies one — e.g. a simulated discharge at a given rate.
 */
import { InputError } from '../errors.js';
import type { MaterialLibrary } from '../materials/library.js';
import { metalArealCapacityCPerM2, metalThicknessMForCapacity } from '../materials/lithium.js';
import { arealMassKgPerM2, densityKgPerM3, porosityFraction, thicknessM } from '../materials/si.js';
import { designElectrodeSi, type ElectrodeDesign } from './electrode.js';
import type { Design } from './schema.js';
import { designToSi } from './spec-si.js';

export interface ComponentBreakdown {
  /** Human-readable, e.g. "cathode active (NCM811)". */
  name: string;
  materialId: string;
  /** "stack" components count at stack level; "package" only at cell level. */
  level: 'stack' | 'package';
  massKg: number;
  volumeM3: number;
  /** Share of the cell mass (0–1). */
  massFraction: number;
}

export interface CellDesignOptions {
  /** Average discharge voltage (V) to use instead of the material's, e.g. from a simulation. */
  averageVoltageV?: number;
  /** Says where `averageVoltageV` came from; shown in the output. */
  voltageSource?: string;
  /** File name for error messages. */
  file?: string;
}

export interface CellDesign {
  name: string;
  cathode: ElectrodeDesign;
  averageVoltageV: number;
  voltageSource: string;
  cathodeLayers: number;
  cathodeFaces: number;
  anodePieces: number;
  lithiumFaces: number;
  separatorSheets: number;
  cathodeAreaM2: number;
  anodeAreaM2: number;
  separatorAreaM2: number;
  pouchWidthM: number;
  pouchHeightM: number;
  capacityC: number;
  energyJ: number;
  /** Cathode areal capacity per side, C/m². */
  arealCapacityCPerM2: number;
  lithiumThicknessMPerSide: number;
  /** Li areal capacity per face / cathode areal capacity per side. */
  npRatio: number;
  electrolyteMassKg: number;
  /** E/C: electrolyte mass per cell capacity, kg/C. */
  electrolyteKgPerC: number;
  poreVolumeM3: number;
  /** Electrolyte volume as a fraction of the pore volume (cathode coatings + separators); may exceed 1. */
  poreFill: number;
  components: ComponentBreakdown[];
  massKg: number;
  stackMassKg: number;
  /** Stack thickness including the excess electrolyte layer, m. */
  stackThicknessM: number;
  /** Thickness of the electrolyte beyond the pore volume, spread over the separator area, m. */
  excessElectrolyteThicknessM: number;
  cellThicknessM: number;
  stackVolumeM3: number;
  cellVolumeM3: number;
  specificEnergyJPerKg: number;
  energyDensityJPerM3: number;
  stackSpecificEnergyJPerKg: number;
  stackEnergyDensityJPerM3: number;
  warnings: string[];
}

export function designCell(design: Design, lib: MaterialLibrary, options: CellDesignOptions = {}): CellDesign {
  const file = options.file;
  const warnings: string[] = [];
  if (design.cathode.sides !== 2) {
    throw new InputError({ file, field: 'cathode.sides' }, '2 (a stacked pouch cell uses double-sided cathodes)', String(design.cathode.sides));
  }
  const d = designToSi(design);
  const cathode = designElectrodeSi(d.cathode, lib, file);
  const { stack } = d;
  const n = stack.cathodeLayers;

  // Areas (m²), from the cathode outwards.
  const cathodeW = stack.cathodeWidthM;
  const cathodeH = stack.cathodeHeightM;
  const anodeW = cathodeW + 2 * stack.anodeOverhangM;
  const anodeH = cathodeH + 2 * stack.anodeOverhangM;
  const sepW = anodeW + 2 * stack.separatorOverhangM;
  const sepH = anodeH + 2 * stack.separatorOverhangM;
  const cathodeArea = cathodeW * cathodeH;
  const anodeArea = anodeW * anodeH;
  const sepArea = sepW * sepH;

  // Capacity (C) and energy (J): 2n cathode faces of W × H.
  const cathodeFaces = 2 * n;
  const capacityC = cathode.arealCapacityCPerM2 * cathodeArea * cathodeFaces;
  const averageVoltageV = options.averageVoltageV ?? cathode.averageVoltageV;
  const voltageSource = options.averageVoltageV !== undefined
    ? (options.voltageSource ?? 'supplied by the caller')
    : design.cathode.averageVoltageV !== undefined ? 'design file (cathode.averageVoltageV)' : `material ${cathode.active.id}: ${cathode.active.averageVoltageV.source}`;
  if (!(averageVoltageV > 0)) throw new InputError({ field: 'averageVoltageV' }, 'a positive voltage', String(averageVoltageV));
  const energyJ = capacityC * averageVoltageV;

  // Li metal: thickness per face from the design or from N/P.
  const li = lib.getOfKind(d.anode.material, ['metal-anode'], { file, field: 'anode.material' });
  const liThickness = d.anode.thicknessMPerSide ?? metalThicknessMForCapacity(li, d.anode.npRatio! * cathode.arealCapacityCPerM2);
  const npRatio = metalArealCapacityCPerM2(li, liThickness) / cathode.arealCapacityCPerM2;
  if (npRatio < 1) warnings.push(`N/P = ${npRatio.toFixed(2)} < 1: the Li foil holds less than the cathode's capacity, so there is no Li reserve for cycling losses`);
  const anodePieces = n + 1;
  const lithiumFaces = stack.outerAnodes === 'single-sided' ? 2 * n : 2 * n + 2;

  // Materials of the other parts.
  const cc = lib.getOfKind(d.cathode.currentCollector.material, ['current-collector'], { file, field: 'cathode.currentCollector.material' });
  const anodeCcSpec = d.anode.currentCollector;
  const anodeCc = anodeCcSpec ? lib.getOfKind(anodeCcSpec.material, ['current-collector'], { file, field: 'anode.currentCollector.material' }) : undefined;
  const sep = lib.getOfKind(d.separator.material, ['separator'], { file, field: 'separator.material' });
  const sepThickness = d.separator.thicknessM ?? thicknessM(sep);
  const sepPorosity = d.separator.porosity ?? porosityFraction(sep);
  const electrolyte = lib.getOfKind(d.electrolyte.material, ['liquid-electrolyte'], { file, field: 'electrolyte.material' });
  const laminate = lib.getOfKind(d.package.laminate, ['laminate'], { file, field: 'package.laminate' });

  const components: Omit<ComponentBreakdown, 'massFraction'>[] = [];
  const add = (name: string, materialId: string, level: 'stack' | 'package', massKg: number, volumeM3: number) =>
    components.push({ name, materialId, level, massKg, volumeM3 });

  // Cathode coatings: each constituent's mass over 2n faces; its own (solid) volume.
  for (const c of cathode.constituents) {
    const massKg = c.loadingKgPerM2 * cathodeArea * cathodeFaces;
    const role = c.material.kind === 'cathode-active' ? 'cathode active' : `cathode ${c.material.kind.replace('-', ' ')}`;
    add(`${role} (${c.material.id})`, c.material.id, 'stack', massKg, massKg / densityKgPerM3(c.material));
  }
  const ccVolume = cathodeArea * cathode.currentCollectorThicknessM * n;
  add(`cathode current collector (${cc.id})`, cc.id, 'stack', ccVolume * densityKgPerM3(cc), ccVolume);

  const liVolume = anodeArea * liThickness * lithiumFaces;
  add(`Li metal anode (${li.id})`, li.id, 'stack', liVolume * densityKgPerM3(li), liVolume);
  if (anodeCc && anodeCcSpec) {
    const v = anodeArea * anodeCcSpec.thicknessM * anodePieces;
    add(`anode current collector (${anodeCc.id})`, anodeCc.id, 'stack', v * densityKgPerM3(anodeCc), v);
  }

  const separatorSheets = 2 * n;
  const sepSolidVolume = sepArea * sepThickness * (1 - sepPorosity) * separatorSheets;
  add(`separator (${sep.id})`, sep.id, 'stack', sepSolidVolume * densityKgPerM3(sep), sepSolidVolume);

  // Electrolyte: by E/C, or by filling a share of the pores.
  const poreVolumeM3 = cathode.poreVolumeM3PerM2 * cathodeArea * cathodeFaces + sepArea * sepThickness * sepPorosity * separatorSheets;
  const rhoE = densityKgPerM3(electrolyte);
  const electrolyteMassKg = d.electrolyte.electrolyteKgPerC !== undefined
    ? d.electrolyte.electrolyteKgPerC * capacityC
    : (d.electrolyte.poreFill ?? 1) * poreVolumeM3 * rhoE;
  const poreFill = electrolyteMassKg / rhoE / poreVolumeM3;
  if (poreFill < 1) warnings.push(`the electrolyte fills only ${(100 * poreFill).toFixed(0)} % of the pore volume (cathodes + separators); the cell will be starved`);
  add(`electrolyte (${electrolyte.id})`, electrolyte.id, 'stack', electrolyteMassKg, electrolyteMassKg / rhoE);

  // Tabs.
  for (const side of ['cathode', 'anode'] as const) {
    const t = d.package.tabs[side];
    const m = lib.getOfKind(t.material, ['tab', 'current-collector'], { file, field: `package.tabs.${side}.material` });
    const v = t.widthM * t.lengthM * (t.thicknessM ?? thicknessM(m));
    add(`${side} tab (${m.id})`, m.id, 'package', v * densityKgPerM3(m), v);
  }

  // Pouch: body = separator footprint + headspace; seals all round.
  const seal = d.package.sealMarginM;
  const pouchW = sepW + 2 * seal;
  const pouchH = sepH + d.package.headspaceM + 2 * seal;
  const laminateArea = 2 * pouchW * pouchH;
  const lamT = thicknessM(laminate);
  add(`pouch laminate (${laminate.id})`, laminate.id, 'package', laminateArea * arealMassKgPerM2(laminate), laminateArea * lamT);

  // Thicknesses (m): n cathodes, n+1 anodes, 2n separators.
  const liPerInner = 2 * liThickness;
  const liPerOuter = stack.outerAnodes === 'single-sided' ? liThickness : 2 * liThickness;
  const anodeCcT = anodeCcSpec?.thicknessM ?? 0;
  const layersM = n * cathode.electrodeThicknessM + (n - 1) * (liPerInner + anodeCcT) + 2 * (liPerOuter + anodeCcT) + separatorSheets * sepThickness;
  // Electrolyte beyond the pore volume has to sit somewhere in a vacuum-sealed pouch: it wets and
  // swells the stack. It is counted as extra stack thickness over the separator area.
  const excessElectrolyteM3 = Math.max(0, electrolyteMassKg / rhoE - poreVolumeM3);
  const excessElectrolyteM = excessElectrolyteM3 / sepArea;
  const stackM = layersM + excessElectrolyteM;
  const cellM = stackM + 2 * lamT;
  const stackVolumeM3 = sepArea * stackM;
  const bodyArea = sepW * (sepH + d.package.headspaceM);
  const cellVolumeM3 = bodyArea * cellM + (pouchW * pouchH - bodyArea) * 2 * lamT;

  const massKg = components.reduce((s, c) => s + c.massKg, 0);
  const stackMassKg = components.filter((c) => c.level === 'stack').reduce((s, c) => s + c.massKg, 0);

  return {
    name: design.name,
    cathode,
    averageVoltageV,
    voltageSource,
    cathodeLayers: n,
    cathodeFaces,
    anodePieces,
    lithiumFaces,
    separatorSheets,
    cathodeAreaM2: cathodeArea,
    anodeAreaM2: anodeArea,
    separatorAreaM2: sepArea,
    pouchWidthM: pouchW,
    pouchHeightM: pouchH,
    capacityC,
    energyJ,
    arealCapacityCPerM2: cathode.arealCapacityCPerM2,
    lithiumThicknessMPerSide: liThickness,
    npRatio,
    electrolyteMassKg,
    // Given E/C is reported as given (mass / capacity would only add round-off).
    electrolyteKgPerC: d.electrolyte.electrolyteKgPerC ?? electrolyteMassKg / capacityC,
    poreVolumeM3,
    poreFill,
    components: components.map((c) => ({ ...c, massFraction: c.massKg / massKg })),
    massKg,
    stackMassKg,
    stackThicknessM: stackM,
    excessElectrolyteThicknessM: excessElectrolyteM,
    cellThicknessM: cellM,
    stackVolumeM3,
    cellVolumeM3,
    specificEnergyJPerKg: energyJ / massKg,
    energyDensityJPerM3: energyJ / cellVolumeM3,
    stackSpecificEnergyJPerKg: energyJ / stackMassKg,
    stackEnergyDensityJPerM3: energyJ / stackVolumeM3,
    warnings,
  };
}
