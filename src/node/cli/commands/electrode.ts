/**
 * `cathodelab electrode`: the electrode designer on its own, from options — composition, loading (or a
 * target areal capacity) and porosity (or calendered density) → thickness, porosity, areal and
 * volumetric capacity, with the arithmetic written out.
 */
import type { Command } from 'commander';
import { cathodeSchema, type CathodeSpec } from '../../../core/design/schema.js';
import { designElectrode, type ElectrodeDesign } from '../../../core/design/electrode.js';
import { electrodeFieldUnits, electrodeSummary } from '../../../core/design/report.js';
import { issueToInputError } from '../../../core/design/schema-errors.js';
import { InputError } from '../../../core/errors.js';
import { loadMaterialLibrary } from './design.js';
import { formatNumber, formatTable, printJson } from '../output.js';

interface ElectrodeOptions {
  composition: string;
  loading?: string;
  arealCapacity?: string;
  basis: string;
  porosity?: string;
  density?: string;
  capacity?: string;
  sides: string;
  collector: string;
  materials?: string;
  json?: boolean;
}

/** Design-file field → the option that sets it, so errors name what the user typed. */
const OPTION_OF: Record<string, string> = {
  compositionWtPercent: '--composition',
  loadingMgPerCm2: '--loading',
  arealCapacityMahPerCm2: '--areal-capacity',
  loadingBasis: '--basis',
  porosityPercent: '--porosity',
  densityGPerCm3: '--density',
  specificCapacityMahPerG: '--capacity',
  sides: '--sides',
  currentCollector: '--collector',
};

function num(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const x = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(x)) throw new InputError({ file: option }, 'a number', JSON.stringify(text));
  return x;
}

/** "NCM811=93,LLZO=2" → { NCM811: 93, LLZO: 2 }. */
export function parseComposition(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text.split(',')) {
    const m = /^\s*([^=\s]+)\s*=\s*([^=]+?)\s*$/.exec(part);
    if (!m) throw new InputError({ file: '--composition' }, 'material=percent pairs separated by commas (e.g. NCM811=93,LLZO=2,SuperP=2,PTFE=3)', JSON.stringify(part));
    out[m[1]] = num(`--composition`, m[2])!;
  }
  return out;
}

export function specFromOptions(o: ElectrodeOptions): CathodeSpec {
  const [ccMaterial, ccThickness] = o.collector.split(':');
  const raw = {
    compositionWtPercent: parseComposition(o.composition),
    loadingMgPerCm2: num('--loading', o.loading),
    arealCapacityMahPerCm2: num('--areal-capacity', o.arealCapacity),
    loadingBasis: o.basis,
    sides: num('--sides', o.sides),
    porosityPercent: num('--porosity', o.porosity),
    densityGPerCm3: num('--density', o.density),
    specificCapacityMahPerG: num('--capacity', o.capacity),
    currentCollector: { material: ccMaterial, thicknessUm: num('--collector', ccThickness ?? '') },
  };
  const r = cathodeSchema.safeParse(raw, { reportInput: true });
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const option = OPTION_OF[String(issue.path[0] ?? '')] ?? 'options';
  const e = issueToInputError(issue, undefined);
  // Say it in terms of the options the user typed, not the design-file field names.
  const toOptions = (text: string) => text.replace(/[A-Za-z][A-Za-z0-9]*/g, (w) => OPTION_OF[w] ?? w);
  const rest = issue.path.slice(1).map(String).join('.');
  throw new InputError({ file: option, field: rest || undefined }, toOptions(e.expected), toOptions(e.found));
}

export function renderElectrodeText(si: ElectrodeDesign): string {
  // The designer's results are SI; the table speaks the field's units (report.ts converts).
  const e = electrodeFieldUnits(si);
  const f = (x: number, d = 4) => formatNumber(x, d);
  const rows: (string | number)[][] = [
    ['coating loading', e.coatingLoadingMgPerCm2, 'mg/cm²'],
    [`active loading (${e.activeMaterial}, ${f(e.activeMassFraction * 100, 3)} wt%)`, e.activeLoadingMgPerCm2, 'mg/cm²'],
    ['pore-free density', e.skeletalDensityGPerCm3, 'g/cm³'],
    ['coating density', e.coatingDensityGPerCm3, 'g/cm³'],
    ['porosity', e.porosityPercent, '%'],
    ['coating thickness', e.thicknessUmPerSide, 'µm'],
    [`electrode thickness (${e.sides} side${e.sides === 2 ? 's' : ''} + foil)`, e.electrodeThicknessUm, 'µm'],
    ['specific capacity (active)', e.specificCapacityMahPerG, 'mAh/g'],
    ['specific capacity (coating)', e.coatingSpecificCapacityMahPerG, 'mAh/g'],
    ['areal capacity', e.arealCapacityMahPerCm2, 'mAh/cm²'],
    ['areal capacity, all sides', e.totalArealCapacityMahPerCm2, 'mAh/cm²'],
    ['volumetric capacity (coating)', e.volumetricCapacityMahPerCm3, 'mAh/cm³'],
  ];
  const lines = ['Electrode (per coated side)', formatTable(['quantity', 'value', 'unit'], rows), ''];
  lines.push(`areal capacity = active loading × specific capacity = ${f(e.activeLoadingMgPerCm2)} mg/cm² × ${f(e.specificCapacityMahPerG)} mAh/g = ${f(e.arealCapacityMahPerCm2)} mAh/cm²`);
  lines.push(`thickness = coating loading / coating density = ${f(e.coatingLoadingMgPerCm2)} mg/cm² / ${f(e.coatingDensityGPerCm3)} g/cm³ = ${f(e.thicknessUmPerSide)} µm`);
  lines.push(e.loadingBasis === 'active'
    ? 'loading basis: active material (the whole coating is heavier by 1 / active fraction)'
    : 'loading basis: whole coating (active material is the active fraction of it)');
  lines.push('A measured areal capacity is usually a little below this: the specific capacity quoted is often the best cycle, and areal values scatter from cycle to cycle and are rounded (e.g. Gao et al. 2025: 54 mg/cm² × 198 mAh/g = 10.69 mAh/cm², reported 10.4–10.6).');
  return lines.join('\n') + '\n';
}

export function register(program: Command): void {
  program
    .command('electrode')
    .description('electrode designer: composition, loading (or target areal capacity) and porosity → thickness, areal and volumetric capacity')
    .requiredOption('--composition <list>', 'wt% of the dry coating by material id, e.g. NCM811=93,LLZO=2,SuperP=2,PTFE=3')
    .option('--loading <mg/cm²>', 'mass per coated side (see --basis)')
    .option('--areal-capacity <mAh/cm²>', 'target areal capacity per side, instead of --loading (the inverse design)')
    .option('--basis <coating|active>', 'whether --loading is the whole coating or the active material', 'coating')
    .option('--porosity <%>', 'coating porosity, percent (0–100)')
    .option('--density <g/cm³>', 'calendered coating density, instead of --porosity')
    .option('--capacity <mAh/g>', "specific capacity of the active material (default: the library's)")
    .option('--sides <1|2>', 'coated sides', '2')
    .option('--collector <material:µm>', 'current collector and its thickness', 'Al-foil:12')
    .option('--materials <file>', 'add or override materials from a JSON/YAML material file')
    .option('--json', 'print one JSON object')
    .addHelpText('after', `
Examples:
  $ cathodelab electrode --composition NCM811=93,LLZO=2,SuperP=2,PTFE=3 --loading 54 --basis active --capacity 198 --porosity 25
  $ cathodelab electrode --composition NCM811=96,SuperP=2,PVDF=2 --areal-capacity 6 --density 3.4 --json
`)
    .action((opts: ElectrodeOptions) => {
      const spec = specFromOptions(opts);
      const lib = loadMaterialLibrary(opts.materials);
      for (const id of Object.keys(spec.compositionWtPercent)) {
        lib.getOfKind(id, ['cathode-active', 'solid-electrolyte', 'conductive-additive', 'binder'], { file: '--composition', field: id });
      }
      lib.getOfKind(spec.currentCollector.material, ['current-collector'], { file: '--collector' });
      const e = designElectrode(spec, lib, '--composition');
      if (opts.json) printJson(electrodeSummary(e));
      else process.stdout.write(renderElectrodeText(e));
    });
}
