/**
 * `cathodelab cycles <file>`: per-cycle capacity (mAh, mAh/g, mAh/cm²), Coulombic and energy
 * efficiency, average voltages, retention against a chosen cycle, fade rate and cycles to 80 %.
 * Built on the per-cycle summary of io/cycle-summary.ts.
 */
import type { Command } from 'commander';
import { summariseCycles, type CeConvention } from '../../../core/io/cycle-summary.js';
import { analyzeCycling, type CyclingResult } from '../../../core/analysis/cycling.js';
import { InputError } from '../../../core/errors.js';
import { lineChart } from '../../../core/plot/index.js';
import { formatNumber, formatTable, printJson } from '../output.js';
import { integerOption, positiveOption, readMeasurementFile, writePlot, MAPPING_HELP } from '../analysis-input.js';

interface CyclesCliOptions { mapping?: string; massMg?: string; areaCm2?: string; convention?: string; referenceCycle?: string; thresholdPct?: string; json?: boolean; plot?: string }

export function register(program: Command): void {
  program
    .command('cycles <file>')
    .description('cycling performance: capacity per cycle (mAh, mAh/g, mAh/cm²), Coulombic and energy efficiency, retention, fade rate, cycles to 80 %')
    .option('--mass-mg <mg>', 'active-material mass in mg (adds mAh/g; overrides the file)')
    .option('--area-cm2 <cm2>', 'electrode area in cm² (adds mAh/cm²; overrides the file)')
    .option('--convention <ce>', "Coulombic efficiency: 'discharge/charge' (cathode half cell, default) or 'charge/discharge'")
    .option('--reference-cycle <n>', 'cycle that counts as 100 % retention (default: the first complete cycle, with a charge and a discharge)')
    .option('--threshold-pct <pct>', 'retention threshold for "cycles to"', '80')
    .option('--mapping <file.json>', MAPPING_HELP)
    .option('--json', 'print the result as JSON')
    .option('--plot <file.svg>', 'write capacity and retention against cycle number as SVG')
    .addHelpText('after', `
Examples:
  $ cathodelab cycles cell.mpr --mass-mg 15.2
  $ cathodelab cycles cell.res --convention charge/discharge --reference-cycle 3 --json
`)
    .action((file: string, opts: CyclesCliOptions) => {
      const massMg = positiveOption(opts.massMg, '--mass-mg', 'mg');
      const areaCm2 = positiveOption(opts.areaCm2, '--area-cm2', 'cm²');
      const threshold = positiveOption(opts.thresholdPct, '--threshold-pct', '%') ?? 80;
      const ref = integerOption(opts.referenceCycle, '--reference-cycle');
      if (opts.convention !== undefined && opts.convention !== 'discharge/charge' && opts.convention !== 'charge/discharge') {
        throw new InputError({ field: '--convention' }, "'discharge/charge' or 'charge/discharge'", `'${opts.convention}'`);
      }
      const m = readMeasurementFile(file, opts.mapping);
      const summaryOptions = {
        ...(opts.convention ? { convention: opts.convention as CeConvention } : {}),
        ...(massMg !== undefined ? { activeMassKg: massMg * 1e-6 } : {}),
        ...(areaCm2 !== undefined ? { electrodeAreaM2: areaCm2 * 1e-4 } : {}),
      };
      let summary = summariseCycles(m, { ...summaryOptions, ...(ref !== undefined ? { referenceCycle: ref } : {}) });
      if (ref === undefined) {
        // default reference: the first complete cycle (a formation half cycle is not 100 %)
        const firstComplete = summary.cycles.find((c) => c.chargeCapacityAh > 0 && c.dischargeCapacityAh > 0);
        if (firstComplete && firstComplete.cycle !== summary.referenceCycle) summary = summariseCycles(m, { ...summaryOptions, referenceCycle: firstComplete.cycle });
      }
      const r: CyclingResult = analyzeCycling(summary, { retentionThresholdPct: threshold });
      const perG = r.cycles.some((c) => c.dischargeCapacityMahPerG !== null);
      writePlot(opts.plot, () => lineChart({
        title: `Cycling: ${m.source}`,
        x: { label: 'Cycle number / –' },
        y: { label: perG ? 'Capacity / mAh g⁻¹' : 'Capacity / mAh', includeZero: true },
        series: (['charge', 'discharge'] as const).map((d) => ({
          name: d,
          mode: 'line+markers' as const,
          x: r.cycles.map((c) => c.cycle),
          y: r.cycles.map((c) => (perG ? (d === 'charge' ? c.chargeCapacityMahPerG : c.dischargeCapacityMahPerG) : d === 'charge' ? c.chargeCapacityMah : c.dischargeCapacityMah) ?? NaN),
        })),
      }));
      if (opts.json) {
        printJson({ source: m.source, activeMassMg: massMg ?? (m.metadata.activeMassKg !== undefined ? m.metadata.activeMassKg * 1e6 : null), electrodeAreaCm2: areaCm2 ?? (m.metadata.electrodeAreaM2 !== undefined ? m.metadata.electrodeAreaM2 * 1e4 : null), ...r });
        return;
      }
      const rows = r.cycles.map((c) => [String(c.cycle), c.chargeCapacityMah ?? NaN, c.dischargeCapacityMah ?? NaN, ...(perG ? [c.dischargeCapacityMahPerG ?? NaN] : []), ...(c.dischargeCapacityMahPerCm2 !== null ? [c.dischargeCapacityMahPerCm2] : []), c.coulombicEfficiencyPct ?? NaN, c.energyEfficiencyPct ?? NaN, c.averageChargeVoltageV ?? NaN, c.averageDischargeVoltageV ?? NaN, c.retentionPct ?? NaN]);
      const headers = ['cycle', 'charge (mAh)', 'discharge (mAh)', ...(perG ? ['discharge (mAh/g)'] : []), ...(r.cycles[0]?.dischargeCapacityMahPerCm2 !== null ? ['discharge (mAh/cm²)'] : []), 'CE (%)', 'EE (%)', 'V̄ charge (V)', 'V̄ discharge (V)', 'retention (%)'];
      const out = [
        `${m.source}: ${r.cycles.length} cycles`,
        formatTable(headers, rows),
        '',
        `first-cycle Coulombic efficiency: ${r.firstCycleCoulombicEfficiencyPct === null ? '—' : formatNumber(r.firstCycleCoulombicEfficiencyPct) + ' %'} (cycle ${r.firstCycle ?? '—'})`,
        `fade rate: ${r.fadeRatePctPerCycle === null ? '—' : formatNumber(r.fadeRatePctPerCycle) + ' %/cycle'} (R² ${r.fadeRateRSquared === null ? '—' : r.fadeRateRSquared.toFixed(3)})`,
        `retention at cycle ${r.lastCycle ?? '—'}: ${r.lastRetentionPct === null ? '—' : formatNumber(r.lastRetentionPct) + ' %'}`,
        `${r.retentionThresholdPct} % retention: ${r.cycleAtThreshold === null ? 'not reached (no fade)' : `cycle ${formatNumber(r.cycleAtThreshold)} (${r.cyclesToThresholdKind})`}`,
        '',
        'conventions:',
        ...Object.entries(r.conventions).map(([k, v]) => `  ${k}: ${v}`),
        ...(r.notes.length ? ['notes:', ...r.notes.map((n) => `  ${n}`)] : []),
      ];
      process.stdout.write(out.join('\n') + '\n');
    });
}
