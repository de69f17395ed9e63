/**
 * `cathodelab design <file>`: designs a stacked Li-metal pouch cell from a design file (JSON or YAML)
 * and prints its energy and mass breakdown; `--sweep` varies one or two design variables.
 */
import type { Command } from 'commander';
import { MaterialLibrary } from '../../../core/materials/library.js';
import { parseDesign } from '../../../core/design/parse.js';
import { designCell, type CellDesign } from '../../../core/design/cell.js';
import { parseSweepSpec, runSweep, SWEEP_VARIABLES, type SweepResult, type SweepAxis } from '../../../core/design/sweep.js';
import { cellFieldUnits, cellSummary, componentSummary, electrodeFieldUnits, electrodeSummary } from '../../../core/design/report.js';
import { designJsonSchema } from '../../../core/design/json-schema.js';
import { InputError } from '../../../core/errors.js';
import type { Design } from '../../../core/design/schema.js';
import { readInputText } from '../../io/read-input.js';
import { formatNumber, formatTable, printJson } from '../output.js';

interface DesignOptions {
  json?: boolean;
  materials?: string;
  sweep?: string[];
  printSchema?: boolean;
}

/** Loads the built-in library and, if given, the user's material file. */
export function loadMaterialLibrary(materialsFile?: string): MaterialLibrary {
  const lib = MaterialLibrary.builtin();
  return materialsFile ? lib.extendFromText(readInputText(materialsFile), materialsFile) : lib;
}

const f = (x: number, digits = 4) => formatNumber(x, digits);

export function renderCellText(si: CellDesign, design: Design, file: string): string {
  // The designer's results are SI; the report speaks the field's units (report.ts converts).
  const cell = cellFieldUnits(si);
  const c = electrodeFieldUnits(si.cathode);
  const components = si.components.map(componentSummary);
  const lines: string[] = [];
  lines.push(`${cell.name}`, `design file: ${file}`, '');
  const comp = si.cathode.constituents.map((k) => `${k.material.id} ${f(k.massFraction * 100, 3)}`).join(' / ');
  lines.push('Cathode (per coated side)');
  lines.push(`  composition        ${comp} wt%`);
  lines.push(`  loading            ${f(c.coatingLoadingMgPerCm2)} mg/cm² coating = ${f(c.activeLoadingMgPerCm2)} mg/cm² ${c.activeMaterial} (${design.cathode.loadingMgPerCm2 !== undefined ? `file gives ${c.loadingBasis} mass` : `found for the target ${f(design.cathode.arealCapacityMahPerCm2 ?? NaN)} mAh/cm²`})`);
  lines.push(`  thickness          ${f(c.thicknessUmPerSide)} µm at ${f(c.porosityPercent, 3)} % porosity (coating ${f(c.coatingDensityGPerCm3)} g/cm³, pore-free ${f(c.skeletalDensityGPerCm3)} g/cm³)`);
  lines.push(`  capacity           ${f(c.specificCapacityMahPerG)} mAh/g active → ${f(c.arealCapacityMahPerCm2)} mAh/cm², ${f(c.volumetricCapacityMahPerCm3)} mAh/cm³ of coating`);
  lines.push(`  electrode          ${f(c.electrodeThicknessUm)} µm (${c.sides} × coating + ${f(c.currentCollectorThicknessUm)} µm ${design.cathode.currentCollector.material})`);
  lines.push('');
  lines.push('Stack');
  lines.push(`  cathodes           ${cell.cathodeLayers} double-sided, ${f(design.stack.cathodeWidthMm)} × ${f(design.stack.cathodeHeightMm)} mm (${f(cell.cathodeAreaCm2)} cm² per face, ${cell.cathodeFaces} faces)`);
  const inner = cell.cathodeLayers - 1;
  lines.push(`  anodes             ${cell.anodePieces} (n + 1): ${inner} double-sided + 2 ${design.stack.outerAnodes} outer, ${f(cell.lithiumThicknessUmPerSide)} µm ${design.anode.material} per face, ${design.anode.currentCollector ? `on ${f(design.anode.currentCollector.thicknessUm)} µm ${design.anode.currentCollector.material}` : 'free-standing (no Cu)'}`);
  lines.push(`  N/P                ${f(cell.npRatio, 3)} (${f(cell.lithiumThicknessUmPerSide)} µm Li = ${f(cell.npRatio * cell.arealCapacityMahPerCm2)} mAh/cm² per face)`);
  lines.push(`  separators         ${cell.separatorSheets} × ${design.separator.material}`);
  lines.push(`  electrolyte        ${design.electrolyte.material}: ${f(cell.electrolyteMassG)} g = ${f(cell.electrolyteGPerAh, 3)} g/Ah (E/C), ${f(cell.poreFillPercent, 3)} % of the ${f(cell.poreVolumeCm3)} cm³ pore volume`);
  lines.push(`  pouch              ${f(cell.pouchWidthMm)} × ${f(cell.pouchHeightMm)} × ${f(cell.cellThicknessMm, 3)} mm (stack ${f(cell.stackThicknessMm, 3)} mm, of which ${f(cell.excessElectrolyteThicknessMm, 3)} mm is electrolyte beyond the pore volume)`);
  lines.push('');
  lines.push(formatTable(
    ['component', 'level', 'mass (g)', 'mass (%)', 'mass (g/Ah)', 'volume (cm³)'],
    [
      ...components.map((k) => [k.name, k.level, k.massG, k.massPercent, k.massG / cell.capacityAh, k.volumeCm3]),
      ['total', 'cell', cell.massG, 100, cell.massG / cell.capacityAh, components.reduce((s, k) => s + k.volumeCm3, 0)],
    ],
  ));
  lines.push('');
  const rows: (string | number)[][] = [
    ['capacity', cell.capacityAh, 'Ah'],
    ['average discharge voltage', cell.averageVoltageV, 'V'],
    ['energy', cell.energyWh, 'Wh'],
    ['areal capacity (per side)', cell.arealCapacityMahPerCm2, 'mAh/cm²'],
    ['specific energy, stack', cell.stackSpecificEnergyWhPerKg, 'Wh/kg'],
    ['energy density, stack', cell.stackEnergyDensityWhPerL, 'Wh/L'],
    ['specific energy, cell', cell.specificEnergyWhPerKg, 'Wh/kg'],
    ['energy density, cell', cell.energyDensityWhPerL, 'Wh/L'],
    ['cell mass', cell.massG, 'g'],
    ['cell volume', cell.cellVolumeCm3, 'cm³'],
  ];
  lines.push(formatTable(['result', 'value', 'unit'], rows));
  lines.push(`voltage source: ${cell.voltageSource}`);
  const ref = design.reference;
  if (ref) {
    lines.push('');
    const cmp = (label: string, mine: number, theirs: number | undefined, unit: string) => {
      if (theirs === undefined) return;
      const pct = (100 * (mine - theirs)) / theirs;
      lines.push(`  ${label.padEnd(18)} reported ${f(theirs)} ${unit}, this design ${f(mine)} ${unit} (${pct >= 0 ? '+' : ''}${pct.toFixed(1)} %)`);
    };
    lines.push(`Compared with ${ref.source}`);
    cmp('specific energy', cell.specificEnergyWhPerKg, ref.specificEnergyWhPerKg, 'Wh/kg');
    cmp('energy density', cell.energyDensityWhPerL, ref.energyDensityWhPerL, 'Wh/L');
    cmp('capacity', cell.capacityAh, ref.capacityAh, 'Ah');
    cmp('areal capacity', cell.arealCapacityMahPerCm2, ref.arealCapacityMahPerCm2, 'mAh/cm²');
  }
  for (const w of si.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n') + '\n';
}

/** A sweep point's numbers in the field's units (the designer's are SI). */
function sweepPointFields(c: CellDesign) {
  const k = cellFieldUnits(c);
  return {
    capacityAh: k.capacityAh,
    energyWh: k.energyWh,
    specificEnergyWhPerKg: k.specificEnergyWhPerKg,
    energyDensityWhPerL: k.energyDensityWhPerL,
    stackSpecificEnergyWhPerKg: k.stackSpecificEnergyWhPerKg,
    massG: k.massG,
    arealCapacityMahPerCm2: k.arealCapacityMahPerCm2,
    npRatio: k.npRatio,
    electrolyteGPerAh: k.electrolyteGPerAh,
    cathodeThicknessUmPerSide: electrodeSummary(c.cathode).thicknessUmPerSide,
  };
}

type SweepPointFields = ReturnType<typeof sweepPointFields>;

const SWEEP_COLUMNS: [string, (c: SweepPointFields) => number][] = [
  ['capacity (Ah)', (c) => c.capacityAh],
  ['energy (Wh)', (c) => c.energyWh],
  ['cell (Wh/kg)', (c) => c.specificEnergyWhPerKg],
  ['cell (Wh/L)', (c) => c.energyDensityWhPerL],
  ['stack (Wh/kg)', (c) => c.stackSpecificEnergyWhPerKg],
  ['mass (g)', (c) => c.massG],
  ['areal cap. (mAh/cm²)', (c) => c.arealCapacityMahPerCm2],
  ['N/P', (c) => c.npRatio],
  ['E/C (g/Ah)', (c) => c.electrolyteGPerAh],
  ['cathode (µm/side)', (c) => c.cathodeThicknessUmPerSide],
];

const axisHeader = (a: SweepAxis) => {
  const units: Record<string, string> = { loadingMgPerCm2: 'mg/cm²', arealCapacityMahPerCm2: 'mAh/cm²', electrolyteGPerAh: 'g/Ah', npRatio: '-', cathodeLayers: 'count', liThicknessUm: 'µm', porosityPercent: '%' };
  return `${a.variable} (${units[a.variable]})`;
};

export function renderSweepText(result: SweepResult, file: string): string {
  const lines: string[] = [`sweep of ${file}: ${result.axes.map((a) => `${a.variable} (${a.values.length} values)`).join(' × ')}`, ''];
  lines.push(formatTable(
    [...result.axes.map(axisHeader), ...SWEEP_COLUMNS.map(([h]) => h)],
    result.points.map((p) => [...result.axes.map((a) => p.values[a.variable] ?? NaN), ...SWEEP_COLUMNS.map(([, get]) => get(sweepPointFields(p.cell)))]),
  ));
  if (result.axes.length === 2) {
    const [rowsAxis, colsAxis] = result.axes;
    lines.push('', `cell specific energy (Wh/kg): rows ${axisHeader(rowsAxis)}, columns ${axisHeader(colsAxis)}`);
    const n = colsAxis.values.length;
    lines.push(formatTable(
      [`${rowsAxis.variable} \\ ${colsAxis.variable}`, ...colsAxis.values.map((v) => f(v))],
      rowsAxis.values.map((v, i) => [v, ...result.points.slice(i * n, (i + 1) * n).map((p) => cellFieldUnits(p.cell).specificEnergyWhPerKg)]),
    ));
  }
  const warned = new Set(result.points.flatMap((p) => p.cell.warnings.map((w) => w.replace(/[\d.]+ %/, '… %').replace(/= [\d.]+/, '= …'))));
  for (const w of warned) lines.push(`warning (some points): ${w}`);
  return lines.join('\n') + '\n';
}

export function register(program: Command): void {
  program
    .command('design')
    .description('design a stacked Li-metal pouch cell from a design file: capacity, energy, mass and volume breakdown, Wh/kg and Wh/L')
    .argument('[file]', 'design file (JSON or YAML), e.g. examples/gao2025-pouch.json')
    .option('--json', 'print one JSON object on stdout instead of tables')
    .option('--materials <file>', 'add or override materials from a JSON/YAML material file')
    .option('--print-schema', 'print the JSON Schema of design files (as in examples/design.schema.json) and exit')
    .option(
      '--sweep <name=start:stop:step>',
      `vary a design variable (repeat once for a 2-D sweep); names: ${Object.keys(SWEEP_VARIABLES).join(', ')}`,
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .addHelpText('after', `
Examples:
  $ cathodelab design examples/gao2025-pouch.json
  $ cathodelab design examples/gao2025-pouch.json --json
  $ cathodelab design examples/design-baseline-yaml.yaml
  $ cathodelab design examples/gao2025-pouch.json --sweep loadingMgPerCm2=15:60:5
  $ cathodelab design examples/gao2025-pouch.json --sweep loadingMgPerCm2=20:50:10 --sweep electrolyteGPerAh=1:3:0.5

Sweep variables:
${Object.entries(SWEEP_VARIABLES).map(([k, v]) => `  ${k.padEnd(24)} ${v.describe}`).join('\n')}
`)
    .action((file: string | undefined, opts: DesignOptions) => {
      if (opts.printSchema) {
        printJson(designJsonSchema());
        return;
      }
      if (file === undefined) throw new InputError({ file: 'cathodelab design' }, 'a design file argument (e.g. examples/gao2025-pouch.json)', 'none');
      // Everything is parsed and computed before anything is printed: an error leaves stdout empty.
      const axes = (opts.sweep ?? []).map(parseSweepSpec);
      const lib = loadMaterialLibrary(opts.materials);
      const design = parseDesign(readInputText(file), file);
      if (axes.length > 0) {
        const result = runSweep(design, axes, lib, { file });
        if (opts.json) {
          printJson({
            file,
            axes: result.axes,
            points: result.points.map((p) => ({ ...p.values, ...sweepPointFields(p.cell) })),
          });
        } else {
          process.stdout.write(renderSweepText(result, file));
        }
        return;
      }
      const cell = designCell(design, lib, { file });
      if (opts.json) printJson({ file, ...cellSummary(cell, design) });
      else process.stdout.write(renderCellText(cell, design, file));
    });
}
