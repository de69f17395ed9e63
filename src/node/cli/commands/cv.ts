/**
 * `cathodelab cv <file…>`: cyclic-voltammetry peaks per cycle (baseline-corrected), ΔEp, and across
 * scan rates — within one file or over several files, one per scan rate — the b-value and (with
 * --area-cm2 and --concentration-mol-per-l) the Randles–Sevcik D.
 */
import type { Command } from 'commander';
import { analyzeCv, peakCurrentBValue, randlesSevcik, type BValueFit, type CvPeak, type CvResult, type ScanRatePoint } from '../../../core/analysis/cv.js';
import { AnalysisError } from '../../../core/errors.js';
import type { Measurement } from '../../../core/io/measurement.js';
import { lineChart } from '../../../core/plot/index.js';
import { formatTable, printJson } from '../output.js';
import { num, positiveOption, readMeasurementFile, writePlot, MAPPING_HELP } from '../analysis-input.js';

interface CvCliOptions { mapping?: string; areaCm2?: string; concentrationMolPerL?: string; electrons?: string; json?: boolean; plot?: string }

const peakJson = (p: CvPeak | null) => (p ? { potentialV: p.potentialV, currentMa: p.currentA * 1e3, baselineMa: p.baselineA * 1e3, correctedCurrentMa: p.correctedCurrentA * 1e3 } : null);

export function cvJson(source: string, r: CvResult): Record<string, unknown> {
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
  };
}

const bJson = (b: BValueFit | null) => (b ? { b: b.b, aMa: b.aA * 1e3, rSquared: b.rSquared, points: b.points } : null);

/** Main anodic (or cathodic) peak of every cycle of every file, with its scan rate. */
function scanRatePoints(results: CvResult[], which: 'anodicPeak' | 'cathodicPeak'): ScanRatePoint[] {
  return results.flatMap((r) => r.cycles.filter((c) => c[which]).map((c) => ({ scanRateVPerS: c.scanRateVPerS, peakCurrentA: (c[which] as CvPeak).correctedCurrentA })));
}

function tryFit<T>(f: () => T): { value: T | null; reason: string } {
  try {
    return { value: f(), reason: '' };
  } catch (e) {
    if (!(e instanceof AnalysisError)) throw e;
    return { value: null, reason: e.message };
  }
}

export function register(program: Command): void {
  program
    .command('cv <files...>')
    .description('cyclic voltammetry: anodic/cathodic peaks per cycle above a baseline, ΔEp; b-value and Randles–Sevcik D across scan rates (in one file or one file per rate)')
    .option('--area-cm2 <cm2>', 'electrode area in cm² (for Randles–Sevcik)')
    .option('--concentration-mol-per-l <mol/L>', 'concentration of the diffusing species in mol/L (for Randles–Sevcik)')
    .option('--electrons <n>', 'electrons per ion (Randles–Sevcik)', '1')
    .option('--mapping <file.json>', MAPPING_HELP)
    .option('--json', 'print the result as JSON')
    .option('--plot <file.svg>', 'write current against potential per cycle as SVG')
    .addHelpText('after', `
Examples:
  $ cathodelab cv cv.mpr
  $ cathodelab cv cv-0.1mVs.mpr cv-0.2mVs.mpr cv-0.5mVs.mpr --area-cm2 1.13 --concentration-mol-per-l 0.05 --json

Randles–Sevcik and the b-value need peaks at two or more scan rates (in one file or across files);
with one, they are reported as not computed, with the reason.
`)
    .action((files: string[], opts: CvCliOptions) => {
      const area = positiveOption(opts.areaCm2, '--area-cm2', 'cm²');
      const conc = positiveOption(opts.concentrationMolPerL, '--concentration-mol-per-l', 'mol/L');
      const electrons = positiveOption(opts.electrons, '--electrons', 'count') ?? 1;
      const measurements: Measurement[] = files.map((f) => readMeasurementFile(f, opts.mapping));
      const results = measurements.map((m) => analyzeCv(m));
      const anodic = scanRatePoints(results, 'anodicPeak');
      const cathodic = scanRatePoints(results, 'cathodicPeak');
      const bA = tryFit(() => peakCurrentBValue(anodic));
      const bC = tryFit(() => peakCurrentBValue(cathodic));
      let rs: Record<string, unknown>;
      if (area === undefined || conc === undefined) {
        rs = { computed: false, reason: 'give --area-cm2 and --concentration-mol-per-l to compute the Randles–Sevcik D' };
      } else {
        const x = tryFit(() => randlesSevcik(anodic, { areaM2: area * 1e-4, concentrationMolPerM3: conc * 1000, electrons }));
        rs = x.value
          ? { computed: true, peak: 'anodic', diffusionCm2PerS: x.value.diffusionCm2PerS, slopeMaPerSqrtVPerS: x.value.slopeAPerSqrtVPerS * 1e3, rSquared: x.value.rSquared, points: x.value.points }
          : { computed: false, reason: x.reason };
      }
      const bValue = bA.value || bC.value ? { anodic: bJson(bA.value), cathodic: bJson(bC.value) } : null;
      const rates = [...new Set(results.flatMap((r) => r.scanRatesVPerS))].sort((a, b) => a - b);
      writePlot(opts.plot, () => lineChart({
        title: `CV: ${measurements.map((m) => m.source).join(', ')}`,
        x: { label: 'Potential / V' },
        y: { label: 'Current / mA' },
        series: results.flatMap((r, k) => {
          const m = measurements[k];
          const v = m.columns.voltage_V as Float64Array;
          const i = m.columns.current_A as Float64Array;
          return [...new Set(r.sweeps.map((s) => s.cycle))].map((c) => {
            const sw = r.sweeps.filter((s) => s.cycle === c);
            const a = sw[0].startRow;
            const b = sw[sw.length - 1].endRow;
            return { name: `${files.length > 1 ? m.source + ' ' : ''}cycle ${c}`, x: v.slice(a, b), y: Float64Array.from(i.slice(a, b), (x) => x * 1e3) };
          });
        }),
      }));
      if (opts.json) {
        const common = { scanRatesMvPerS: rates.map((v) => v * 1e3), bValue, randlesSevcik: rs };
        printJson(files.length === 1 ? { ...cvJson(measurements[0].source, results[0]), ...common } : { files: results.map((r, k) => cvJson(measurements[k].source, r)), ...common });
        return;
      }
      const f = (p: CvPeak | null, k: 'potentialV' | 'correctedCurrentA') => (p ? (k === 'potentialV' ? p.potentialV : p.correctedCurrentA * 1e3) : NaN);
      const out: string[] = [];
      results.forEach((r, k) => {
        const rows = r.cycles.map((c) => [String(c.cycle), c.scanRateVPerS * 1e3, f(c.anodicPeak, 'potentialV'), f(c.anodicPeak, 'correctedCurrentA'), f(c.cathodicPeak, 'potentialV'), f(c.cathodicPeak, 'correctedCurrentA'), c.peakSeparationV ?? NaN]);
        out.push(
          `${measurements[k].source}: ${r.sweeps.length} sweeps, ${r.cycles.length} cycles, scan rate${r.scanRatesVPerS.length > 1 ? 's' : ''} ${r.scanRatesVPerS.map((v) => (v * 1e3).toPrecision(3)).join(', ')} mV/s`,
          formatTable(['cycle', 'v (mV/s)', 'Epa (V)', 'ipa (mA)', 'Epc (V)', 'ipc (mA)', 'ΔEp (V)'], rows),
          '',
        );
      });
      out.push(
        `method: ${results[0].method}`,
        bValue ? `b-value (i = a·v^b): anodic ${bValue.anodic?.b.toFixed(3) ?? '—'}, cathodic ${bValue.cathodic?.b.toFixed(3) ?? '—'}` : `b-value: not computed — ${bA.reason}`,
        rs.computed ? `Randles–Sevcik D (anodic): ${(rs.diffusionCm2PerS as number).toExponential(3)} cm²/s (R² ${(rs.rSquared as number).toFixed(4)})` : `Randles–Sevcik: not computed — ${rs.reason as string}`,
      );
      process.stdout.write(out.join('\n') + '\n');
    });
}
