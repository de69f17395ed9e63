/**
 * `cathodelab dqdv <file>`: differential capacity dQ/dV and differential voltage dV/dQ per cycle and
 * direction (Savitzky–Golay on voltage resampled on a uniform capacity grid), with the peak voltages.
 */
import type { Command } from 'commander';
import { analyzeDqdv } from '../../../core/analysis/dqdv.js';
import { lineChart } from '../../../core/plot/index.js';
import { formatNumber, formatTable, printJson } from '../output.js';
import { integerListOption, integerOption, readMeasurementFile, writePlot, MAPPING_HELP } from '../analysis-input.js';

interface DqdvCliOptions { mapping?: string; cycles?: string; window?: string; grid?: string; json?: boolean; plot?: string }

export function register(program: Command): void {
  program
    .command('dqdv <file>')
    .description('differential capacity dQ/dV and dV/dQ per cycle with peak voltages (peak-preserving Savitzky–Golay smoothing)')
    .option('--cycles <list>', 'only these cycles, e.g. 1,2,10')
    .option('--window <points>', 'Savitzky–Golay window on the capacity grid (odd)', '21')
    .option('--grid <points>', 'points of the uniform capacity grid', '400')
    .option('--mapping <file.json>', MAPPING_HELP)
    .option('--json', 'print the curves and peaks as JSON')
    .option('--plot <file.svg>', 'write dQ/dV against voltage as SVG')
    .addHelpText('after', `
Examples:
  $ cathodelab dqdv cell.mpr --cycles 1,2
  $ cathodelab dqdv cell.res --window 31 --json
`)
    .action((file: string, opts: DqdvCliOptions) => {
      const cycles = integerListOption(opts.cycles, '--cycles');
      const window = integerOption(opts.window, '--window');
      const grid = integerOption(opts.grid, '--grid');
      const m = readMeasurementFile(file, opts.mapping);
      const r = analyzeDqdv(m, { ...(cycles ? { cycles } : {}), ...(window !== undefined ? { window } : {}), ...(grid !== undefined ? { gridPoints: grid } : {}) });
      writePlot(opts.plot, () => lineChart({
        title: `dQ/dV: ${m.source}`,
        x: { label: 'Voltage / V' },
        y: { label: 'dQ/dV / mAh V⁻¹' },
        series: r.curves.slice(0, 12).map((c) => {
          const keep: number[] = [];
          for (let k = 0; k < c.dqdvMahPerV.length; k++) if (Number.isFinite(c.dqdvMahPerV[k])) keep.push(k);
          return { name: `cycle ${c.cycle} ${c.direction}`, x: keep.map((k) => c.voltageV[k]), y: keep.map((k) => c.dqdvMahPerV[k]) };
        }),
        legend: 'right',
      }));
      if (opts.json) {
        printJson({ source: m.source, method: r.method, curves: r.curves });
        return;
      }
      const rows = r.curves.map((c) => [String(c.cycle), c.direction, c.capacityMah[c.capacityMah.length - 1], c.peaks.slice(0, 4).map((p) => `${p.voltageV.toFixed(3)} V (${formatNumber(p.dqdvMahPerV)})`).join(', ') || '—', String(c.undefinedPoints)]);
      process.stdout.write([`${m.source}: ${r.curves.length} half cycles`, `method: ${r.method}`, '', formatTable(['cycle', 'direction', 'capacity (mAh)', 'peaks: V (dQ/dV, mAh/V)', 'undefined pts'], rows)].join('\n') + '\n');
    });
}
