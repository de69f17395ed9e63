/** `cathodelab materials`: lists the materials library (built-in plus an optional user file) with units and sources. */
import type { Command } from 'commander';
import { PROPERTY_UNITS, type Material, type PropertyName, type Quantity } from '../../../core/materials/types.js';
import { metalThicknessMPerCPerM2 } from '../../../core/materials/lithium.js';
import { densityKgPerM3, specificCapacityCPerKg } from '../../../core/materials/si.js';
import { mAhPerCm2ToCPerM2 } from '../../../core/units.js';
import { loadMaterialLibrary } from './design.js';
import { formatNumber, formatTable, printJson } from '../output.js';

const COLUMNS: PropertyName[] = ['densityGPerCm3', 'specificCapacityMahPerG', 'averageVoltageV', 'thicknessUm', 'porosityPercent', 'arealMassGPerCm2'];
const HEADERS: Record<PropertyName, string> = {
  densityGPerCm3: `density (${PROPERTY_UNITS.densityGPerCm3})`,
  specificCapacityMahPerG: `capacity (${PROPERTY_UNITS.specificCapacityMahPerG})`,
  averageVoltageV: `avg. voltage (${PROPERTY_UNITS.averageVoltageV})`,
  upperCutoffVoltageV: `cut-off (${PROPERTY_UNITS.upperCutoffVoltageV})`,
  thicknessUm: `thickness (${PROPERTY_UNITS.thicknessUm})`,
  porosityPercent: `porosity (${PROPERTY_UNITS.porosityPercent})`,
  arealMassGPerCm2: `areal mass (${PROPERTY_UNITS.arealMassGPerCm2})`,
};

function quantities(m: Material): [PropertyName, Quantity][] {
  return (Object.keys(PROPERTY_UNITS) as PropertyName[])
    .filter((k) => k in m)
    .map((k) => [k, (m as unknown as Record<string, Quantity>)[k]]);
}

export function register(program: Command): void {
  program
    .command('materials')
    .description('list the materials library: every value with its unit and source')
    .option('--json', 'print the library as JSON')
    .option('--materials <file>', 'also load materials from a JSON/YAML material file (validated)')
    .addHelpText('after', `
Examples:
  $ cathodelab materials
  $ cathodelab materials --json
  $ cathodelab materials --materials my-materials.json

A material file: { "materials": [ { "id": "NCM90", "kind": "cathode-active", "name": "…",
  "densityGPerCm3": { "value": 4.8, "unit": "g/cm³", "source": "…" }, … } ] }
Kinds: cathode-active, solid-electrolyte, conductive-additive, binder, current-collector, tab,
metal-anode, separator, liquid-electrolyte, laminate (see README for each kind's fields).
`)
    .action((opts: { json?: boolean; materials?: string }) => {
      const lib = loadMaterialLibrary(opts.materials);
      const entries = lib.entries();
      if (opts.json) {
        printJson({ materials: entries.map((e) => ({ ...e.material, origin: e.origin })) });
        return;
      }
      const rows = entries.map(({ material: m }) => {
        const byName = new Map(quantities(m));
        return [m.id, m.kind, ...COLUMNS.map((k) => (byName.has(k) ? formatNumber(byName.get(k)!.value) : ''))];
      });
      const out: string[] = [formatTable(['id', 'kind', ...COLUMNS.map((k) => HEADERS[k])], rows), ''];
      for (const { material: m } of entries) {
        if (m.kind === 'metal-anode') {
          // m per C/m² → µm per mAh/cm² (1 mAh/cm² = 36 C/m²; 1 m = 1e6 µm).
          const t = metalThicknessMPerCPerM2(specificCapacityCPerKg(m), densityKgPerM3(m)) * mAhPerCm2ToCPerM2(1) * 1e6;
          out.push(`${m.id}: ${formatNumber(t)} µm per mAh/cm² (= 10⁴ / (${m.specificCapacityMahPerG.value} mAh/g × ${m.densityGPerCm3.value} g/cm³))`);
        }
      }
      out.push('', 'Sources');
      for (const { material: m, origin } of entries) {
        out.push(`${m.id} — ${m.name}${origin === 'built-in' ? '' : ` [from ${origin}]`}`);
        for (const [k, qv] of quantities(m)) out.push(`  ${k} = ${qv.value} ${qv.unit}: ${qv.source}`);
      }
      process.stdout.write(out.join('\n') + '\n');
    });
}
