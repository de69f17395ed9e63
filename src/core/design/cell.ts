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
 * Volumes: `volumeCm3` of a component is the volume of that material itself (mass / density; for foils,
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
import { metalArealCapacityMahPerCm2, metalThicknessUmForCapacity } from '../materials/lithium.js';
import { designElectrode, type ElectrodeDesign } from './electrode.js';
import type { Design } from './schema.js';

export interface ComponentBreakdown {
  /** Human-readable, e.g. "cathode active (NCM811)". */
  name: string;
  materialId: string;
  /** "stack" components count at stack level; "package" only at cell level. */
  level: 'stack' | 'package';
  massG: number;
  volumeCm3: number;
  massPercent: number;
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
  cathodeAreaCm2: number;
  anodeAreaCm2: number;
  separatorAreaCm2: number;
  pouchWidthMm: number;
  pouchHeightMm: number;
  capacityAh: number;
  energyWh: number;
  /** Cathode areal capacity per side, mAh/cm². */
  arealCapacityMahPerCm2: number;
  lithiumThicknessUmPerSide: number;
  /** Li areal capacity per face / cathode areal capacity per side. */
  npRatio: number;
  electrolyteMassG: number;
  electrolyteGPerAh: number;
  poreVolumeCm3: number;
  /** Electrolyte volume as a percentage of the pore volume (cathode coatings + separators). */
  poreFillPercent: number;
  components: ComponentBreakdown[];
  massG: number;
  stackMassG: number;
  /** Stack thickness including the excess electrolyte layer, mm. */
  stackThicknessMm: number;
  /** Thickness of the electrolyte beyond the pore volume, spread over the separator area, mm. */
  excessElectrolyteThicknessMm: number;
  cellThicknessMm: number;
  stackVolumeCm3: number;
  cellVolumeCm3: number;
  specificEnergyWhPerKg: number;
  energyDensityWhPerL: number;
  stackSpecificEnergyWhPerKg: number;
  stackEnergyDensityWhPerL: number;
  warnings: string[];
}

const mm2ToCm2 = (wMm: number, hMm: number) => (wMm * hMm) / 100;
/** Volume (cm³) of a layer: area (cm²) × thickness (µm). */
const layerCm3 = (areaCm2: number, thicknessUm: number) => areaCm2 * thicknessUm * 1e-4;

export function designCell(design: Design, lib: MaterialLibrary, options: CellDesignOptions = {}): CellDesign {
  const file = options.file;
  const warnings: string[] = [];
  if (design.cathode.sides !== 2) {
    throw new InputError({ file, field: 'cathode.sides' }, '2 (a stacked pouch cell uses double-sided cathodes)', String(design.cathode.sides));
  }
  const cathode = designElectrode(design.cathode, lib, file);
  const { stack } = design;
  const n = stack.cathodeLayers;

  // Areas (cm²), from the cathode outwards.
  const cathodeW = stack.cathodeWidthMm;
  const cathodeH = stack.cathodeHeightMm;
  const anodeW = cathodeW + 2 * stack.anodeOverhangMm;
  const anodeH = cathodeH + 2 * stack.anodeOverhangMm;
  const sepW = anodeW + 2 * stack.separatorOverhangMm;
  const sepH = anodeH + 2 * stack.separatorOverhangMm;
  const cathodeArea = mm2ToCm2(cathodeW, cathodeH);
  const anodeArea = mm2ToCm2(anodeW, anodeH);
  const sepArea = mm2ToCm2(sepW, sepH);

  // Capacity and energy: 2n cathode faces of W × H.
  const cathodeFaces = 2 * n;
  const capacityAh = (cathode.arealCapacityMahPerCm2 * cathodeArea * cathodeFaces) / 1000;
  const averageVoltageV = options.averageVoltageV ?? cathode.averageVoltageV;
  const voltageSource = options.averageVoltageV !== undefined
    ? (options.voltageSource ?? 'supplied by the caller')
    : design.cathode.averageVoltageV !== undefined ? 'design file (cathode.averageVoltageV)' : `material ${cathode.active.id}: ${cathode.active.averageVoltageV.source}`;
  if (!(averageVoltageV > 0)) throw new InputError({ field: 'averageVoltageV' }, 'a positive voltage', String(averageVoltageV));
  const energyWh = capacityAh * averageVoltageV;

  // Li metal: thickness per face from the design or from N/P.
  const li = lib.getOfKind(design.anode.material, ['metal-anode'], { file, field: 'anode.material' });
  const liThickness = design.anode.thicknessUmPerSide ?? metalThicknessUmForCapacity(li, design.anode.npRatio! * cathode.arealCapacityMahPerCm2);
  const npRatio = metalArealCapacityMahPerCm2(li, liThickness) / cathode.arealCapacityMahPerCm2;
  if (npRatio < 1) warnings.push(`N/P = ${npRatio.toFixed(2)} < 1: the Li foil holds less than the cathode's capacity, so there is no Li reserve for cycling losses`);
  const anodePieces = n + 1;
  const lithiumFaces = stack.outerAnodes === 'single-sided' ? 2 * n : 2 * n + 2;

  // Materials of the other parts.
  const cc = lib.getOfKind(design.cathode.currentCollector.material, ['current-collector'], { file, field: 'cathode.currentCollector.material' });
  const anodeCcSpec = design.anode.currentCollector;
  const anodeCc = anodeCcSpec ? lib.getOfKind(anodeCcSpec.material, ['current-collector'], { file, field: 'anode.currentCollector.material' }) : undefined;
  const sep = lib.getOfKind(design.separator.material, ['separator'], { file, field: 'separator.material' });
  const sepThickness = design.separator.thicknessUm ?? sep.thicknessUm.value;
  const sepPorosity = (design.separator.porosityPercent ?? sep.porosityPercent.value) / 100;
  const electrolyte = lib.getOfKind(design.electrolyte.material, ['liquid-electrolyte'], { file, field: 'electrolyte.material' });
  const laminate = lib.getOfKind(design.package.laminate, ['laminate'], { file, field: 'package.laminate' });

  const components: Omit<ComponentBreakdown, 'massPercent'>[] = [];
  const add = (name: string, materialId: string, level: 'stack' | 'package', massG: number, volumeCm3: number) =>
    components.push({ name, materialId, level, massG, volumeCm3 });

  // Cathode coatings: each constituent's mass over 2n faces; its own (solid) volume.
  for (const c of cathode.constituents) {
    const massG = (c.loadingMgPerCm2 * cathodeArea * cathodeFaces) / 1000;
    const role = c.material.kind === 'cathode-active' ? 'cathode active' : `cathode ${c.material.kind.replace('-', ' ')}`;
    add(`${role} (${c.material.id})`, c.material.id, 'stack', massG, massG / c.material.densityGPerCm3.value);
  }
  const ccVolume = layerCm3(cathodeArea, cathode.currentCollectorThicknessUm) * n;
  add(`cathode current collector (${cc.id})`, cc.id, 'stack', ccVolume * cc.densityGPerCm3.value, ccVolume);

  const liVolume = layerCm3(anodeArea, liThickness) * lithiumFaces;
  add(`Li metal anode (${li.id})`, li.id, 'stack', liVolume * li.densityGPerCm3.value, liVolume);
  if (anodeCc && anodeCcSpec) {
    const v = layerCm3(anodeArea, anodeCcSpec.thicknessUm) * anodePieces;
    add(`anode current collector (${anodeCc.id})`, anodeCc.id, 'stack', v * anodeCc.densityGPerCm3.value, v);
  }

  const separatorSheets = 2 * n;
  const sepSolidVolume = layerCm3(sepArea, sepThickness) * (1 - sepPorosity) * separatorSheets;
  add(`separator (${sep.id})`, sep.id, 'stack', sepSolidVolume * sep.densityGPerCm3.value, sepSolidVolume);

  // Electrolyte: by E/C, or by filling a share of the pores.
  const poreVolumeCm3 = cathode.poreVolumeCm3PerCm2 * cathodeArea * cathodeFaces + layerCm3(sepArea, sepThickness) * sepPorosity * separatorSheets;
  const rhoE = electrolyte.densityGPerCm3.value;
  const electrolyteMassG = design.electrolyte.electrolyteGPerAh !== undefined
    ? design.electrolyte.electrolyteGPerAh * capacityAh
    : ((design.electrolyte.poreFillPercent ?? 100) / 100) * poreVolumeCm3 * rhoE;
  const poreFillPercent = (100 * electrolyteMassG) / rhoE / poreVolumeCm3;
  if (poreFillPercent < 100) warnings.push(`the electrolyte fills only ${poreFillPercent.toFixed(0)} % of the pore volume (cathodes + separators); the cell will be starved`);
  add(`electrolyte (${electrolyte.id})`, electrolyte.id, 'stack', electrolyteMassG, electrolyteMassG / rhoE);

  // Tabs.
  for (const side of ['cathode', 'anode'] as const) {
    const t = design.package.tabs[side];
    const m = lib.getOfKind(t.material, ['tab', 'current-collector'], { file, field: `package.tabs.${side}.material` });
    const v = layerCm3(mm2ToCm2(t.widthMm, t.lengthMm), t.thicknessUm ?? m.thicknessUm.value);
    add(`${side} tab (${m.id})`, m.id, 'package', v * m.densityGPerCm3.value, v);
  }

  // Pouch: body = separator footprint + headspace; seals all round.
  const seal = design.package.sealMarginMm;
  const pouchW = sepW + 2 * seal;
  const pouchH = sepH + design.package.headspaceMm + 2 * seal;
  const laminateArea = 2 * mm2ToCm2(pouchW, pouchH);
  const lamT = laminate.thicknessUm.value;
  add(`pouch laminate (${laminate.id})`, laminate.id, 'package', laminateArea * laminate.arealMassGPerCm2.value, layerCm3(laminateArea, lamT));

  // Thicknesses (µm): n cathodes, n+1 anodes, 2n separators.
  const liPerInner = 2 * liThickness;
  const liPerOuter = stack.outerAnodes === 'single-sided' ? liThickness : 2 * liThickness;
  const anodeCcT = anodeCcSpec?.thicknessUm ?? 0;
  const layersUm = n * cathode.electrodeThicknessUm + (n - 1) * (liPerInner + anodeCcT) + 2 * (liPerOuter + anodeCcT) + separatorSheets * sepThickness;
  // Electrolyte beyond the pore volume has to sit somewhere in a vacuum-sealed pouch: it wets and
  // swells the stack. It is counted as extra stack thickness over the separator area.
  const excessElectrolyteCm3 = Math.max(0, electrolyteMassG / rhoE - poreVolumeCm3);
  const excessElectrolyteUm = (excessElectrolyteCm3 / sepArea) * 1e4;
  const stackUm = layersUm + excessElectrolyteUm;
  const cellUm = stackUm + 2 * lamT;
  const stackVolumeCm3 = layerCm3(sepArea, stackUm);
  const bodyArea = mm2ToCm2(sepW, sepH + design.package.headspaceMm);
  const cellVolumeCm3 = layerCm3(bodyArea, cellUm) + layerCm3(mm2ToCm2(pouchW, pouchH) - bodyArea, 2 * lamT);

  const massG = components.reduce((s, c) => s + c.massG, 0);
  const stackMassG = components.filter((c) => c.level === 'stack').reduce((s, c) => s + c.massG, 0);

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
    cathodeAreaCm2: cathodeArea,
    anodeAreaCm2: anodeArea,
    separatorAreaCm2: sepArea,
    pouchWidthMm: pouchW,
    pouchHeightMm: pouchH,
    capacityAh,
    energyWh,
    arealCapacityMahPerCm2: cathode.arealCapacityMahPerCm2,
    lithiumThicknessUmPerSide: liThickness,
    npRatio,
    electrolyteMassG,
    electrolyteGPerAh: electrolyteMassG / capacityAh,
    poreVolumeCm3,
    poreFillPercent,
    components: components.map((c) => ({ ...c, massPercent: (100 * c.massG) / massG })),
    massG,
    stackMassG,
    stackThicknessMm: stackUm / 1000,
    excessElectrolyteThicknessMm: excessElectrolyteUm / 1000,
    cellThicknessMm: cellUm / 1000,
    stackVolumeCm3,
    cellVolumeCm3,
    specificEnergyWhPerKg: energyWh / (massG / 1000),
    energyDensityWhPerL: energyWh / (cellVolumeCm3 / 1000),
    stackSpecificEnergyWhPerKg: energyWh / (stackMassG / 1000),
    stackEnergyDensityWhPerL: energyWh / (stackVolumeCm3 / 1000),
    warnings,
  };
}
