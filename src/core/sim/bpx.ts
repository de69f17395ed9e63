/**
 * BPX (Battery Parameter eXchange, the Faraday Institution's open JSON format for DFN parameter sets,
 * https://github.com/FaradayInstitution/BPX) for Li-ion cells: read into CellParameters and write from
 * them. BPX conventions used (schema and published example files): SI units in every key; functions as
 * Python-syntax strings of x (stoichiometry for OCP and particle diffusivity, electrolyte concentration
 * in mol/m³ for κ and D_e) or {"x": [...], "y": [...]} tables; "Transport efficiency" = ε^b;
 * electrode "Conductivity" is the effective value; "Surface area per unit volume" a = 3ε_s/R;
 * exchange current density j0 = F·K·(c_e/c_e0)^½·(x_s)^½·(1 − x_s)^½ with K the "Reaction rate constant
 * [mol.m-2.s-1]", so our k = F·K/(√c_e0·c_max); min/max stoichiometries are the 0 % / 100 % SOC points.
 * Li-metal cells, surface films, double layers and ionic solid phases have no BPX keys: writing such a
 * set is an InputError rather than a silent loss.
 */
import { FormatError, InputError } from '../errors.js';
import { FARADAY } from '../units.js';
import { compileExpression, tableFunction } from './expression.js';
import { constantFunction, type CellParameters, type MaterialFunction, type PorousElectrode } from './parameters.js';

type Json = Record<string, unknown>;

interface Expressible {
  toExpression?(): string;
  expression?: string;
  table?: { x: number[]; y: number[] };
}

/** A MaterialFunction as a BPX value: number, expression string, or a 201-point table over [lo, hi]. */
function functionToBpx(fn: MaterialFunction, lo: number, hi: number): number | string | { x: number[]; y: number[] } {
  if (fn.constantValue !== undefined) return fn.constantValue;
  const e = fn as MaterialFunction & Expressible;
  if (typeof e.toExpression === 'function') return e.toExpression();
  if (typeof e.expression === 'string') return e.expression;
  if (e.table) return e.table;
  const x: number[] = [];
  const y: number[] = [];
  for (let k = 0; k <= 200; k++) {
    const v = lo + ((hi - lo) * k) / 200;
    x.push(v);
    y.push(fn.f(v));
  }
  return { x, y };
}

function bpxToFunction(v: unknown, where: string): MaterialFunction {
  if (typeof v === 'number' && Number.isFinite(v)) return constantFunction(v);
  if (typeof v === 'string') {
    const trimmed = v.trim();
    if (/^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(trimmed)) return constantFunction(Number(trimmed));
    return compileExpression(v, where);
  }
  if (v && typeof v === 'object' && Array.isArray((v as Json).x) && Array.isArray((v as Json).y)) {
    return tableFunction((v as { x: number[] }).x, (v as { y: number[] }).y, where);
  }
  throw new FormatError({ field: where }, `expected a number, an expression string or {"x": [...], "y": [...]}, found ${JSON.stringify(v)?.slice(0, 60)}`);
}

/** Writes a Li-ion parameter set as a BPX object (version 0.4 layout, model DFN). */
export function toBpx(p: CellParameters): Json {
  const neg = p.negative;
  if (neg.kind !== 'porous') throw new InputError({ field: 'negative' }, 'a Li-ion cell (BPX has no Li-metal electrode)', `a ${neg.kind} negative electrode`);
  for (const [name, e] of [
    ['negative', neg],
    ['positive', p.positive],
  ] as const) {
    if (e.filmResistanceOhmM2 !== 0 || e.doubleLayerFPerM2 !== 0 || e.ionicSolid || e.kinetics.alpha !== 0.5) {
      throw new InputError({ field: name }, 'options BPX can carry (no film resistance, double layer or ionic solid; α = 0.5)', 'one of them set');
    }
  }
  if (p.electrolyte.thermodynamicFactor !== 1) throw new InputError({ field: 'electrolyte.thermodynamicFactor' }, '1 (BPX has no thermodynamic factor)', String(p.electrolyte.thermodynamicFactor));
  const c0 = p.electrolyte.cInitMolPerM3;
  const qC = p.oneCAPerM2 * 3600; // nominal charge per area, C/m²
  const electrode = (e: PorousElectrode, isNeg: boolean): Json => {
    const x0 = e.cInitMolPerM3 / e.cMaxMolPerM3;
    const dx = qC / (FARADAY * e.activeFraction * e.thicknessM * e.cMaxMolPerM3);
    // the initial state is taken as 100 % SOC: negative full, positive empty
    const min = isNeg ? x0 - dx : x0;
    const max = isNeg ? x0 : x0 + dx;
    return {
      'Particle radius [m]': e.particleRadiusM,
      'Thickness [m]': e.thicknessM,
      'Diffusivity [m2.s-1]': functionToBpx(e.diffusivity, 0, 1),
      'OCP [V]': functionToBpx(e.ocp, 0, 1),
      'Conductivity [S.m-1]': e.solidConductivitySPerM * Math.pow(e.solidBruggemanFraction, e.solidBruggeman),
      'Surface area per unit volume [m-1]': (3 * e.activeFraction) / e.particleRadiusM,
      Porosity: e.porosity,
      'Transport efficiency': Math.pow(e.porosity, e.bruggemanElectrolyte),
      'Reaction rate constant [mol.m-2.s-1]': (e.kinetics.rateConstant * Math.sqrt(c0) * e.cMaxMolPerM3) / FARADAY,
      'Minimum stoichiometry': min,
      'Maximum stoichiometry': max,
      'Maximum concentration [mol.m-3]': e.cMaxMolPerM3,
      'Diffusivity activation energy [J.mol-1]': e.diffusivityActivationEnergyJPerMol,
      'Reaction rate constant activation energy [J.mol-1]': e.kinetics.activationEnergyJPerMol,
    };
  };
  return {
    Header: { BPX: 0.4, Title: p.name, Description: p.citation, Model: 'DFN' },
    Parameterisation: {
      Cell: {
        'Electrode area [m2]': p.areaM2,
        'Number of electrode pairs connected in parallel to make a cell': 1,
        'Nominal cell capacity [A.h]': (p.oneCAPerM2 * p.areaM2 * 3600) / 3600,
        'Lower voltage cut-off [V]': p.lowerCutoffV,
        'Upper voltage cut-off [V]': p.upperCutoffV,
        'Initial temperature [K]': p.temperatureK,
        'Reference temperature [K]': p.referenceTemperatureK,
      },
      Electrolyte: {
        'Initial concentration [mol.m-3]': c0,
        'Cation transference number': p.electrolyte.transferenceNumber,
        'Conductivity [S.m-1]': functionToBpx(p.electrolyte.conductivity, 0, 4000),
        'Diffusivity [m2.s-1]': functionToBpx(p.electrolyte.diffusivity, 0, 4000),
        'Conductivity activation energy [J.mol-1]': p.electrolyte.conductivityActivationEnergyJPerMol,
        'Diffusivity activation energy [J.mol-1]': p.electrolyte.diffusivityActivationEnergyJPerMol,
      },
      'Negative electrode': electrode(neg, true),
      'Positive electrode': electrode(p.positive, false),
      Separator: {
        'Thickness [m]': p.separator.thicknessM,
        Porosity: p.separator.porosity,
        'Transport efficiency': Math.pow(p.separator.porosity, p.separator.bruggemanElectrolyte),
      },
    },
  };
}

/** b with ε^b = transport efficiency (any b when ε = 1: then 1.5, the value is irrelevant). */
function bruggemanFrom(te: number, eps: number): number {
  return eps === 1 ? 1.5 : Math.log(te) / Math.log(eps);
}

export interface FromBpxOptions {
  /** Initial state of charge, 0…1 (default 1: negative at its maximum stoichiometry, positive at its minimum). */
  initialSoc?: number;
  /** Cell temperature, K (default the file's initial temperature, else its reference temperature). */
  temperatureK?: number;
  name?: string;
}

/** Reads a BPX object (DFN, single-material electrodes) into CellParameters. */
export function fromBpx(bpx: unknown, opts: FromBpxOptions = {}, file = 'BPX file'): CellParameters {
  const obj = (v: unknown, where: string): Json => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new FormatError({ file, field: where }, 'expected an object');
    return v as Json;
  };
  const num = (o: Json, key: string, where: string, fallback?: number): number => {
    const v = o[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new FormatError({ file, field: `${where}.${key}` }, `expected a number, found ${JSON.stringify(v)}`);
    return v;
  };
  const root = obj(bpx, '');
  const par = obj(root.Parameterisation, 'Parameterisation');
  const cell = obj(par.Cell, 'Parameterisation.Cell');
  const el = obj(par.Electrolyte, 'Parameterisation.Electrolyte');
  const sep = obj(par.Separator, 'Parameterisation.Separator');
  const soc = opts.initialSoc ?? 1;
  if (!(soc >= 0 && soc <= 1)) throw new InputError({ field: 'initialSoc' }, 'a state of charge in [0, 1]', String(soc));
  const c0 = num(el, 'Initial concentration [mol.m-3]', 'Electrolyte', 1000);
  const tRef = num(cell, 'Reference temperature [K]', 'Cell', 298.15);
  const electrode = (key: string, isNeg: boolean): PorousElectrode => {
    const where = `Parameterisation.${key}`;
    const e = obj(par[key], where);
    if (e.Particle !== undefined) throw new FormatError({ file, field: `${where}.Particle` }, 'blended electrodes are not supported (one active material per electrode)');
    const R = num(e, 'Particle radius [m]', where);
    const eps = num(e, 'Porosity', where);
    const te = num(e, 'Transport efficiency', where);
    const cmax = num(e, 'Maximum concentration [mol.m-3]', where);
    const xmin = num(e, 'Minimum stoichiometry', where);
    const xmax = num(e, 'Maximum stoichiometry', where);
    const x0 = isNeg ? xmin + soc * (xmax - xmin) : xmax - soc * (xmax - xmin);
    return {
      kind: 'porous',
      thicknessM: num(e, 'Thickness [m]', where),
      porosity: eps,
      activeFraction: (num(e, 'Surface area per unit volume [m-1]', where) * R) / 3,
      bruggemanElectrolyte: bruggemanFrom(te, eps),
      solidConductivitySPerM: num(e, 'Conductivity [S.m-1]', where),
      solidBruggeman: 0,
      solidBruggemanFraction: 1,
      particleRadiusM: R,
      cMaxMolPerM3: cmax,
      cInitMolPerM3: x0 * cmax,
      diffusivity: bpxToFunction(e['Diffusivity [m2.s-1]'], `${where}.Diffusivity [m2.s-1]`),
      diffusivityActivationEnergyJPerMol: num(e, 'Diffusivity activation energy [J.mol-1]', where, 0),
      ocp: bpxToFunction(e['OCP [V]'], `${where}.OCP [V]`),
      kinetics: {
        rateConstant: (FARADAY * num(e, 'Reaction rate constant [mol.m-2.s-1]', where)) / (Math.sqrt(c0) * cmax),
        activationEnergyJPerMol: num(e, 'Reaction rate constant activation energy [J.mol-1]', where, 0),
        alpha: 0.5,
      },
      filmResistanceOhmM2: 0,
      doubleLayerFPerM2: 0,
    };
  };
  const area = num(cell, 'Electrode area [m2]', 'Cell');
  const pairs = num(cell, 'Number of electrode pairs connected in parallel to make a cell', 'Cell', 1);
  const header = root.Header && typeof root.Header === 'object' ? (root.Header as Json) : {};
  const sepPorosity = num(sep, 'Porosity', 'Separator');
  return {
    name: opts.name ?? (typeof header.Title === 'string' ? header.Title : 'bpx'),
    citation: typeof header.Description === 'string' ? header.Description : file,
    negative: electrode('Negative electrode', true),
    separator: {
      thicknessM: num(sep, 'Thickness [m]', 'Separator'),
      porosity: sepPorosity,
      bruggemanElectrolyte: bruggemanFrom(num(sep, 'Transport efficiency', 'Separator'), sepPorosity),
    },
    positive: electrode('Positive electrode', false),
    electrolyte: {
      cInitMolPerM3: c0,
      transferenceNumber: num(el, 'Cation transference number', 'Electrolyte'),
      thermodynamicFactor: 1,
      conductivity: bpxToFunction(el['Conductivity [S.m-1]'], 'Electrolyte.Conductivity [S.m-1]'),
      diffusivity: bpxToFunction(el['Diffusivity [m2.s-1]'], 'Electrolyte.Diffusivity [m2.s-1]'),
      conductivityActivationEnergyJPerMol: num(el, 'Conductivity activation energy [J.mol-1]', 'Electrolyte', 0),
      diffusivityActivationEnergyJPerMol: num(el, 'Diffusivity activation energy [J.mol-1]', 'Electrolyte', 0),
    },
    referenceTemperatureK: tRef,
    temperatureK: opts.temperatureK ?? num(cell, 'Initial temperature [K]', 'Cell', tRef),
    oneCAPerM2: num(cell, 'Nominal cell capacity [A.h]', 'Cell') / (area * pairs),
    lowerCutoffV: num(cell, 'Lower voltage cut-off [V]', 'Cell'),
    upperCutoffV: num(cell, 'Upper voltage cut-off [V]', 'Cell'),
    areaM2: area * pairs,
  };
}
