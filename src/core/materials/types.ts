/**
 * The materials a cell is built from. Every number is a `Quantity`: a value, its unit (spelled the
 * way files and the CLI spell it) and the source it comes from, so a design can always say where
 * each input came from. Values are in the field's units (g/cm³, mAh/g, µm, V) because that is how
 * they are published and checked (and how material files and `cathodelab materials` give them); the
 * designer reads them in SI through ./si.ts.
 */

/** A cited value. `unit` is fixed per property (see `PROPERTY_UNITS`). */
export interface Quantity {
  value: number;
  unit: string;
  /** Citation: paper, handbook, data sheet, or "estimate: …" with the reasoning. */
  source: string;
}

/** Units of every material property, by property name. Files must use exactly these (or the ASCII form). */
export const PROPERTY_UNITS = {
  densityGPerCm3: 'g/cm³',
  specificCapacityMahPerG: 'mAh/g',
  averageVoltageV: 'V',
  upperCutoffVoltageV: 'V',
  thicknessUm: 'µm',
  porosityPercent: '%',
  arealMassGPerCm2: 'g/cm²',
} as const;

export type PropertyName = keyof typeof PROPERTY_UNITS;

interface MaterialBase {
  /** Short identifier used in design files, e.g. "NCM811". Case-sensitive. */
  id: string;
  /** Human-readable name. */
  name: string;
  /** Free-text remarks (e.g. how a value was estimated). */
  description?: string;
}

/** Cathode active material (intercalation compound). Voltages are vs Li/Li⁺. */
export interface CathodeActiveMaterial extends MaterialBase {
  kind: 'cathode-active';
  densityGPerCm3: Quantity;
  /** Reversible discharge capacity per gram of active material at the stated cut-off and a slow rate. */
  specificCapacityMahPerG: Quantity;
  /** Average discharge voltage (energy / capacity) at a slow rate. */
  averageVoltageV: Quantity;
  upperCutoffVoltageV: Quantity;
}

/** A non-active solid in the cathode coating. */
export interface ElectrodeAdditive extends MaterialBase {
  kind: 'solid-electrolyte' | 'conductive-additive' | 'binder';
  densityGPerCm3: Quantity;
}

/** Metal foil used as a current collector or tab stock. */
export interface MetalFoil extends MaterialBase {
  kind: 'current-collector' | 'tab';
  densityGPerCm3: Quantity;
  /** Common commercial thickness, used when a design gives none. */
  thicknessUm: Quantity;
}

/** Metallic negative electrode (Li metal): its own active material. */
export interface MetalAnode extends MaterialBase {
  kind: 'metal-anode';
  densityGPerCm3: Quantity;
  specificCapacityMahPerG: Quantity;
}

/** Porous polymer separator. Areal mass follows from thickness × polymer density × (1 − porosity). */
export interface Separator extends MaterialBase {
  kind: 'separator';
  thicknessUm: Quantity;
  porosityPercent: Quantity;
  /** Density of the polymer skeleton (not of the porous film). */
  densityGPerCm3: Quantity;
}

export interface LiquidElectrolyte extends MaterialBase {
  kind: 'liquid-electrolyte';
  densityGPerCm3: Quantity;
}

/** Pouch laminate film (e.g. nylon / Al / CPP). */
export interface Laminate extends MaterialBase {
  kind: 'laminate';
  thicknessUm: Quantity;
  arealMassGPerCm2: Quantity;
}

export type Material =
  | CathodeActiveMaterial
  | ElectrodeAdditive
  | MetalFoil
  | MetalAnode
  | Separator
  | LiquidElectrolyte
  | Laminate;

export type MaterialKind = Material['kind'];

/** Kinds allowed in a cathode coating. */
export const COATING_KINDS: readonly MaterialKind[] = ['cathode-active', 'solid-electrolyte', 'conductive-additive', 'binder'];
