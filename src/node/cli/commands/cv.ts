/**
 * `cathodelab cv <file>`: cyclic-voltammetry peaks per cycle (baseline-corrected), ΔEp, and across
 * scan rates the b-value and (with --area-cm2 and --concentration-mol-per-l) the Randles–Sevcik D.
 */
import type { Command } from 'commander';
import { analyzeCv, randlesSevcik, type CvPeak, type CvResult } from '../../../core/analysis/cv.js';
import { AnalysisError } from '../../../core/errors.js';
import { lineChart } from '../../../core/plot/index.js';
import { formatTable, printJson } from '../output.js';
import { num, positiveOption, readMeasurementFile, writePlot, MAPPING_HELP } from '../analysis-input.js';

interface CvCliOptions { mapping?: string; areaCm2?: string; concentrationMolPerL?: string; electrons?: string; json?: boolean; plot?: string }

const peakJson = (p: CvPeak | null) => (p ? { potentialV: p.potentialV, currentMa: p.currentA * 1e3, baselineMa: p.baselineA * 1e3, correctedCurrentMa: p.correctedCurrentA * 1e3 } : null);

export function cvJson(source: string, r: CvResult, rs: Record<string, unknown>): Record<string, unknown> {
  return {
    source,
    method: r.method,
    scanRatesMvPerS: r.scanRatesVPerS.map((v) => v * 1e3),
    cycles: r.cycles.map((c) => ({
      cycle: c.cycle,
      scanRateMvPerS: c.scanRateVPerS * 1e3,
      anodicPeak: peakJson(c.anodicPeak),
      cathodicPeak: peakJson(c.cathodicPeak),
      peakSeparationV: num(c.peakSeparationV),
      halfWavePotentialV: num(c.halfWavePotentialV),
      peakCurrentRatio: num(c.peakCurrentRatio),
    })),
    sweeps: r.sweeps.map((s) => ({ direction: s.direction, cycle: s.cycle, startPotentialV: s.startPotentialV, endPotentialV: s.endPotentialV, scanRateMvPerS: s.scanRateVPerS * 1e3, peaks: s.peaks.map(peakJson) })),
    bValue: r.bValue,
    randlesSevcik: rs,
  };
}

export function register(program: Command): void {
  program
    .command('cv <file>')
    .description('cyclic voltammetry: anodic/cathodic peaks per cycle above a baseline, ΔEp; b-value and Randles–Sevcik D across scan rates')
    .option('--area-cm2 <cm2>', 'electrode area in cm² (for Randles–Sevcik)')
    .option('--concentration-mol-per-l <mol/L>', 'concentration of the diffusing species in mol/L (for Randles–Sevcik)')
    .option('--electrons <n>', 'electrons per ion (Randles–Sevcik)', '1')
    .option('--mapping <file.json>', MAPPING_HELP)
    .option('--json', 'print the result as JSON')
    .option('--plot <file.svg>', 'write current against potential per cycle as SVG')
    .addHelpText('after', `
Examples:
  $ cathodelab cv cv.mpr
  $ cathodelab cv rates.mpr --area-cm2 1.13 --concentration-mol-per-l 0.05 --json

Randles–Sevcik and the b-value need two or more scan rates in the file; with one, they are reported
as not computed with the reason.
`)
    .action((file: string, opts: CvCliOptions) => {
      const area = positiveOption(opts.areaCm2, '--area-cm2', 'cm²');
      const conc = positiveOption(opts.concentrationMolPerL, '--concentration-mol-per-l', 'mol/L');
      const electrons = positiveOption(opts.electrons, '--electrons', 'count') ?? 1;
      const m = readMeasurementFile(file, opts.mapping);
      const r = analyzeCv(m);
      let rs: Record<string, unknown>;
      const pts = r.cycles.filter((c) => c.anodicPeak).map((c) => ({ scanRateVPerS: c.scanRateVPerS, peakCurrentA: (c.anodicPeak as CvPeak).correctedCurrentA }));
      if (area === undefined || conc === undefined) {
        rs = { computed: false, reason: 'give --area-cm2 and --concentration-mol-per-l to compute the Randles–Sevcik D' };
      } else {
        try {
          const x = randlesSevcik(pts, { areaM2: area * 1e-4, concentrationMolPerM3: conc * 1000, electrons });
          rs = { computed: true, peak: 'anodic', diffusionCm2PerS: x.diffusionCm2PerS, slopeMaPerSqrtVPerS: x.slopeAPerSqrtVPerS * 1e3, rSquared: x.rSquared, points: x.points };
        } catch (e) {
          if (!(e instanceof AnalysisError)) throw e;
          rs = { computed: false, reason: e.message };
        }
      }
      writePlot(opts.plot, () => lineChart({
        title: `CV: ${m.source}`,
        x: { label: 'Potential / V' },
        y: { label: 'Current / mA' },
        series: [...new Set(r.sweeps.map((s) => s.cycle))].map((c) => {
          const sw = r.sweeps.filter((s) => s.cycle === c);
          const a = sw[0].startRow;
          const b = sw[sw.length - 1].endRow;
          const v = m.columns.voltage_V as Float64Array;
          const i = m.columns.current_A as Float64Array;
          return { name: `cycle ${c}`, x: v.slice(a, b), y: Float64Array.from(i.slice(a, b), (x) => x * 1e3) };
        }),
      }));
      if (opts.json) {
        printJson(cvJson(m.source, r, rs));
        return;
      }
      const f = (p: CvPeak | null, k: 'potentialV' | 'correctedCurrentA') => (p ? (k === 'potentialV' ? p.potentialV : p.correctedCurrentA * 1e3) : NaN);
      const rows = r.cycles.map((c) => [String(c.cycle), c.scanRateVPerS * 1e3, f(c.anodicPeak, 'potentialV'), f(c.anodicPeak, 'correctedCurrentA'), f(c.cathodicPeak, 'potentialV'), f(c.cathodicPeak, 'correctedCurrentA'), c.peakSeparationV ?? NaN]);
      const out = [
        `${m.source}: ${r.sweeps.length} sweeps, ${r.cycles.length} cycles, scan rate${r.scanRatesVPerS.length > 1 ? 's' : ''} ${r.scanRatesVPerS.map((v) => (v * 1e3).toPrecision(3)).join(', ')} mV/s`,
        `method: ${r.method}`,
        '',
        formatTable(['cycle', 'v (mV/s)', 'Epa (V)', 'ipa (mA)', 'Epc (V)', 'ipc (mA)', 'ΔEp (V)'], rows),
        '',
        r.bValue ? `b-value (i = a·v^b): anodic ${r.bValue.anodic?.b.toFixed(3) ?? '—'}, cathodic ${r.bValue.cathodic?.b.toFixed(3) ?? '—'}` : 'b-value: not computed (one scan rate)',
        rs.computed ? `Randles–Sevcik D (anodic): ${(rs.diffusionCm2PerS as number).toExponential(3)} cm²/s (R² ${(rs.rSquared as number).toFixed(4)})` : `Randles–Sevcik: not computed — ${rs.reason as string}`,
      ];
      process.stdout.write(out.join('\n') + '\n');
    });
}
