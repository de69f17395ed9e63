/**
 * `cathodelab rate <file>`: rate-capability table — blocks of cycles at one C-rate (recovered from
 * the measured current and the 1C capacity), their capacity and retention against the first block.
 */
import type { Command } from 'commander';
import { summariseCycles } from '../../../core/io/cycle-summary.js';
import { analyzeRateCapability, cycleCurrents } from '../../../core/analysis/rate-capability.js';
import { InputError } from '../../../core/errors.js';
import { lineChart } from '../../../core/plot/index.js';
import { formatTable, printJson } from '../output.js';
import { positiveOption, readMeasurementFile, writePlot, MAPPING_HELP } from '../analysis-input.js';

interface RateCliOptions { mapping?: string; massMg?: string; nominalMahPerG?: string; nominalMah?: string; direction?: string; json?: boolean; plot?: string }

export function register(program: Command): void {
  program
    .command('rate <file>')
    .description('rate capability: capacity per C-rate block, the C-rate recovered from current and mass')
    .option('--mass-mg <mg>', 'active-material mass in mg (overrides the file; gives mAh/g)')
    .option('--nominal-mah-per-g <mAh/g>', 'specific capacity that defines 1C (with the mass), e.g. 200 for NCM811')
    .option('--nominal-mah <mAh>', '1C capacity in mAh (overrides the mass-based 1C)')
    .option('--direction <d>', "'discharge' (default) or 'charge'", 'discharge')
    .option('--mapping <file.json>', MAPPING_HELP)
    .option('--json', 'print the result as JSON')
    .option('--plot <file.svg>', 'write capacity against cycle number, one series per block, as SVG')
    .addHelpText('after', `
Examples:
  $ cathodelab rate rate-test.mpr --mass-mg 15 --nominal-mah-per-g 200
  $ cathodelab rate rate-test.res --nominal-mah 3.0 --json

Without a nominal capacity, 1C is the first cycle's measured capacity (stated in the output).
`)
    .action((file: string, opts: RateCliOptions) => {
      const massMg = positiveOption(opts.massMg, '--mass-mg', 'mg');
      const nominalMahPerG = positiveOption(opts.nominalMahPerG, '--nominal-mah-per-g', 'mAh/g');
      const nominalMah = positiveOption(opts.nominalMah, '--nominal-mah', 'mAh');
      if (opts.direction !== 'discharge' && opts.direction !== 'charge') throw new InputError({ field: '--direction' }, "'discharge' or 'charge'", `'${opts.direction}'`);
      const direction = opts.direction;
      const m = readMeasurementFile(file, opts.mapping);
      const massKg = massMg !== undefined ? massMg * 1e-6 : m.metadata.activeMassKg;
      if (nominalMahPerG !== undefined && massKg === undefined) throw new InputError({ field: '--nominal-mah-per-g' }, 'an active mass (--mass-mg, or one recorded in the file) to turn mAh/g into a 1C current', 'no mass');
      const summary = summariseCycles(m, massKg !== undefined ? { activeMassKg: massKg } : {});
      const r = analyzeRateCapability(summary.cycles, cycleCurrents(m, direction), {
        direction,
        ...(massKg !== undefined ? { activeMassKg: massKg } : {}),
        ...(nominalMahPerG !== undefined ? { nominalSpecificCapacityMahPerG: nominalMahPerG } : {}),
        ...(nominalMah !== undefined ? { nominalCapacityAh: nominalMah * 1e-3 } : {}),
      });
      const perG = massKg !== undefined;
      writePlot(opts.plot, () => lineChart({
        title: `Rate capability: ${m.source}`,
        x: { label: 'Cycle number / –' },
        y: { label: perG ? `${direction === 'discharge' ? 'Discharge' : 'Charge'} capacity / mAh g⁻¹` : `${direction === 'discharge' ? 'Discharge' : 'Charge'} capacity / mAh`, includeZero: true },
        series: r.blocks.map((b) => {
          const cs = r.cycles.filter((c) => c.cycle >= b.firstCycle && c.cycle <= b.lastCycle);
          return { name: `${b.block}: ${b.cRateLabel}`, mode: 'markers' as const, x: cs.map((c) => c.cycle), y: cs.map((c) => (perG ? (c.capacityMahPerG as number) : c.capacityMah)) };
        }),
        legend: 'right',
      }));
      if (opts.json) {
        printJson({ source: m.source, activeMassMg: massKg !== undefined ? massKg * 1e6 : null, oneCCapacityMah: r.oneCCapacityAh * 1e3, direction: r.direction, cRateBasis: r.cRateBasis, blocks: r.blocks, cycles: r.cycles.map((c) => ({ cycle: c.cycle, currentMa: c.currentA * 1e3, cRate: c.cRate, capacityMah: c.capacityMah, capacityMahPerG: c.capacityMahPerG })) });
        return;
      }
      const rows = r.blocks.map((b) => [String(b.block), b.cRateLabel, b.cRateMeasured, `${b.firstCycle}–${b.lastCycle}`, b.meanCapacityMah, ...(perG ? [b.meanCapacityMahPerG ?? NaN] : []), b.retentionVsFirstBlockPct, b.recoveryVsEarlierSameRatePct === null ? '' : b.recoveryVsEarlierSameRatePct.toFixed(1)]);
      const out = [
        `${m.source}: ${r.blocks.length} rate blocks (${r.direction})`,
        r.cRateBasis,
        '',
        formatTable(['block', 'C-rate', 'C-rate (measured)', 'cycles', 'mean capacity (mAh)', ...(perG ? ['mean capacity (mAh/g)'] : []), 'vs block 1 (%)', 'recovery (%)'], rows),
      ];
      process.stdout.write(out.join('\n') + '\n');
    });
}
