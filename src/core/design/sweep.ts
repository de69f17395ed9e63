/**
 * Sweeps of one or two design variables. A sweep spec is `name=start:stop:step` (inclusive range) or
 * `name=v1,v2,v3`. Each grid point is a modified copy of the design, validated again (so a sweep
 * value out of range is an error naming `--sweep`), then designed.
 */
import { InputError } from '../errors.js';
import type { MaterialLibrary } from '../materials/library.js';
import { designCell, type CellDesign, type CellDesignOptions } from './cell.js';
import { validateDesign } from './parse.js';
import type { Design } from './schema.js';

/** What each sweep variable changes in the design (unit in the name). */
export const SWEEP_VARIABLES = {
  loadingMgPerCm2: { describe: 'cathode loading per side (in the file\'s loadingBasis), mg/cm²', integer: false },
  arealCapacityMahPerCm2: { describe: 'cathode areal capacity per side (sets the loading), mAh/cm²', integer: false },
  electrolyteGPerAh: { describe: 'electrolyte / capacity (E/C), g/Ah', integer: false },
  npRatio: { describe: 'Li / cathode areal capacity per face', integer: false },
  cathodeLayers: { describe: 'number of double-sided cathodes', integer: true },
  liThicknessUm: { describe: 'Li thickness per face, µm', integer: false },
  porosityPercent: { describe: 'cathode coating porosity, %', integer: false },
} as const;

export type SweepVariable = keyof typeof SWEEP_VARIABLES;

export interface SweepAxis {
  variable: SweepVariable;
  values: number[];
}

const MAX_POINTS_PER_AXIS = 1000;
const MAX_POINTS = 20000;

function isSweepVariable(name: string): name is SweepVariable {
  return Object.prototype.hasOwnProperty.call(SWEEP_VARIABLES, name);
}

/** Parses `name=start:stop:step` or `name=v1,v2,…`. */
export function parseSweepSpec(spec: string): SweepAxis {
  const where = { file: '--sweep' };
  const m = /^\s*([A-Za-z][A-Za-z0-9]*)\s*=\s*(.+)$/.exec(spec);
  if (!m) throw new InputError(where, 'name=start:stop:step or name=v1,v2,… (e.g. loadingMgPerCm2=15:60:5)', JSON.stringify(spec));
  const [, name, rest] = m;
  if (!isSweepVariable(name)) {
    throw new InputError({ ...where, field: name }, `one of ${Object.keys(SWEEP_VARIABLES).join(', ')}`, JSON.stringify(name));
  }
  const num = (s: string): number => {
    const x = s.trim() === '' ? NaN : Number(s);
    if (!Number.isFinite(x)) throw new InputError({ ...where, field: name }, 'numbers', JSON.stringify(s));
    return x;
  };
  let values: number[];
  if (rest.includes(':')) {
    const parts = rest.split(':');
    if (parts.length !== 3) throw new InputError({ ...where, field: name }, 'start:stop:step (three numbers)', JSON.stringify(rest));
    const [start, stop, step] = parts.map(num);
    if (!(step > 0)) throw new InputError({ ...where, field: name }, 'a positive step', String(step));
    if (stop < start) throw new InputError({ ...where, field: name }, `stop ≥ start`, `${start}:${stop}`);
    const count = Math.floor((stop - start) / step + 1e-9) + 1;
    if (count > MAX_POINTS_PER_AXIS) throw new InputError({ ...where, field: name }, `at most ${MAX_POINTS_PER_AXIS} points`, `${count}`);
    // Computed from the index, not accumulated, so 15:60:5 gives exactly 15, 20, …, 60.
    values = Array.from({ length: count }, (_, i) => Number((start + i * step).toPrecision(12)));
  } else {
    values = rest.split(',').map(num);
  }
  if (SWEEP_VARIABLES[name].integer && values.some((v) => !Number.isInteger(v))) {
    throw new InputError({ ...where, field: name }, 'whole numbers', values.join(', '));
  }
  return { variable: name, values };
}

/** A copy of the design with one variable set (switching E/C vs pore fill or N/P vs thickness as needed). */
export function applySweepValue(design: Design, variable: SweepVariable, value: number): Design {
  const d = structuredClone(design);
  switch (variable) {
    case 'loadingMgPerCm2':
      d.cathode = { ...d.cathode, loadingMgPerCm2: value, arealCapacityMahPerCm2: undefined };
      break;
    case 'arealCapacityMahPerCm2':
      d.cathode = { ...d.cathode, arealCapacityMahPerCm2: value, loadingMgPerCm2: undefined };
      break;
    case 'electrolyteGPerAh':
      d.electrolyte = { material: d.electrolyte.material, electrolyteGPerAh: value };
      break;
    case 'npRatio':
      d.anode = { ...d.anode, npRatio: value, thicknessUmPerSide: undefined };
      break;
    case 'liThicknessUm':
      d.anode = { ...d.anode, thicknessUmPerSide: value, npRatio: undefined };
      break;
    case 'cathodeLayers':
      d.stack.cathodeLayers = value;
      break;
    case 'porosityPercent':
      d.cathode = { ...d.cathode, porosityPercent: value, densityGPerCm3: undefined };
      break;
  }
  return d;
}

export interface SweepPoint {
  /** Variable values at this point, by name. */
  values: Partial<Record<SweepVariable, number>>;
  cell: CellDesign;
}

export interface SweepResult {
  axes: SweepAxis[];
  /** Row-major: the last axis varies fastest. */
  points: SweepPoint[];
}

export function runSweep(design: Design, axes: readonly SweepAxis[], lib: MaterialLibrary, options: CellDesignOptions = {}): SweepResult {
  if (axes.length < 1 || axes.length > 2) throw new InputError({ file: '--sweep' }, 'one or two --sweep options', String(axes.length));
  if (axes.length === 2 && axes[0].variable === axes[1].variable) {
    throw new InputError({ file: '--sweep', field: axes[1].variable }, 'two different variables', 'the same one twice');
  }
  const total = axes.reduce((p, a) => p * a.values.length, 1);
  if (total > MAX_POINTS) throw new InputError({ file: '--sweep' }, `at most ${MAX_POINTS} grid points`, String(total));
  const points: SweepPoint[] = [];
  const outer = axes[0];
  const inner = axes[1];
  for (const v0 of outer.values) {
    for (const v1 of inner ? inner.values : [NaN]) {
      let d = applySweepValue(design, outer.variable, v0);
      const values: SweepPoint['values'] = { [outer.variable]: v0 };
      if (inner) {
        d = applySweepValue(d, inner.variable, v1);
        values[inner.variable] = v1;
      }
      // Re-validate: a sweep value outside a field's range is reported against --sweep.
      const at = Object.entries(values).map(([k, v]) => `${k}=${v}`).join(', ');
      const valid = validateDesign(d, `--sweep (at ${at})`);
      points.push({ values, cell: designCell(valid, lib, options) });
    }
  }
  return { axes: [...axes], points };
}
