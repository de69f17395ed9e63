/**
 * The preset registry: name → parameter set. Presets are TypeScript modules so the browser can use them.
 */
import { UnknownNameError } from '../../errors.js';
import type { CellParameters } from '../parameters.js';
import { chen2020 } from './chen2020.js';
import { gao2025Ncm811, type Gao2025KineticPrefactor } from './gao2025.js';
import { marquis2019 } from './marquis2019.js';

export interface PresetOptions {
  temperatureK?: number;
  /** Positive active-material loading, mg/cm² (presets with a loading parameter only). */
  loadingMgPerCm2?: number;
  /** How the bare and LLZO rate constants relate (gao2025 presets only; see presets/gao2025.ts). */
  kineticPrefactor?: Gao2025KineticPrefactor;
}

export interface PresetInfo {
  name: string;
  description: string;
  hasLoading: boolean;
  /** Accepts `kineticPrefactor`. */
  hasKineticPrefactor: boolean;
  make(opts: PresetOptions): CellParameters;
}

export const PRESETS: readonly PresetInfo[] = [
  { name: 'marquis2019', description: 'LiCoO2 | graphite (DUALFOIL), the COMSOL reference of Marquis et al. 2019', hasLoading: false, hasKineticPrefactor: false, make: (o) => marquis2019(o.temperatureK) },
  { name: 'chen2020', description: 'LG M50 NMC811 | graphite-SiOx (Chen et al. 2020)', hasLoading: false, hasKineticPrefactor: false, make: (o) => chen2020(o.temperatureK) },
  {
    name: 'gao2025-ncm811',
    description: 'Li metal | Celgard 2325 | dry-film NCM811 (Gao et al. 2025), loading 15–54 mg/cm²',
    hasLoading: true,
    hasKineticPrefactor: true,
    make: (o) => gao2025Ncm811({ loadingMgPerCm2: o.loadingMgPerCm2, temperatureK: o.temperatureK, llzo: false, kineticPrefactor: o.kineticPrefactor }),
  },
  {
    name: 'gao2025-ncm811-llzo',
    description: 'Li metal | Celgard 2325 | dry-film NCM811 + 2 wt% LLZO (Gao et al. 2025), loading 15–54 mg/cm²',
    hasLoading: true,
    hasKineticPrefactor: true,
    make: (o) => gao2025Ncm811({ loadingMgPerCm2: o.loadingMgPerCm2, temperatureK: o.temperatureK, llzo: true, kineticPrefactor: o.kineticPrefactor }),
  },
];

export function presetNames(): string[] {
  return PRESETS.map((p) => p.name);
}

/** The named preset's parameters; UnknownNameError lists the known names. */
export function getPreset(name: string, opts: PresetOptions = {}): CellParameters {
  const p = PRESETS.find((q) => q.name === name);
  if (!p) throw new UnknownNameError('preset', name, presetNames());
  return p.make(opts);
}
