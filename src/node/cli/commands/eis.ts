/**
 * `cathodelab eis fit|kk|drt`: equivalent-circuit fitting (one spectrum, or a batch seeded from
 * neighbours with a progress bar), Lin-KK validation and the distribution of relaxation times, for any
 * impedance file the reader registry knows (.z, .csv, .DTA, .mpt, .mpr, Autolab, Parstat, .par, …).
 */
import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { capacitivePoints, spectraFromMeasurement, type Spectrum } from '../../../core/eis/spectrum.js';
import { Circuit } from '../../../core/eis/circuit.js';
import { fitCircuit, WEIGHTINGS, type CircuitFitResult, type CircuitFitSuccess, type Weighting } from '../../../core/eis/fit.js';
import { fitBatch } from '../../../core/eis/batch.js';
import { linKK } from '../../../core/eis/lin-kk.js';
import { computeDrt } from '../../../core/eis/drt.js';
import { nyquistChart } from '../../../core/plot/impedance-charts.js';
import { lineChart } from '../../../core/plot/line-chart.js';
import { InputError, SolverError } from '../../../core/errors.js';
import { readMeasurementFile } from '../analysis-input.js';
import { formatNumber, formatTable, printJson, writeFileAtomic } from '../output.js';

/** Every frequency sweep of a file (several when it holds loops or a temperature series). */
function readSpectra(path: string, capacitiveOnly: boolean): Spectrum[] {
  const list = spectraFromMeasurement(readMeasurementFile(path));
  return capacitiveOnly ? list.map(capacitivePoints) : list;
}

/** One sweep of a file: the only one, or the one --sweep picks. */
function readSpectrum(path: string, capacitiveOnly: boolean, sweep: string | undefined): Spectrum {
  const list = readSpectra(path, capacitiveOnly);
  if (sweep === undefined) {
    if (list.length > 1) throw new InputError({ file: path, field: '--sweep' }, `a sweep number (the file holds ${list.length} frequency sweeps)`, 'none');
    return list[0];
  }
  const k = Number(sweep);
  if (!Number.isInteger(k) || k < 1 || k > list.length) throw new InputError({ file: path, field: '--sweep' }, `a sweep number from 1 to ${list.length}`, `'${sweep}'`);
  return list[k - 1];
}

function svgPath(path: string): string {
  if (!/\.svg$/i.test(path)) throw new InputError({ field: '--plot' }, 'an output file ending in .svg', `'${path}'`);
  return path;
}

/** "R0=0.01,R1=0.2" → { R0: 0.01, R1: 0.2 }. */
export function parseAssignments(text: string | undefined, flag: string): Record<string, number> | undefined {
  if (text === undefined) return undefined;
  const out: Record<string, number> = {};
  for (const part of text.split(',')) {
    const m = /^\s*([A-Za-z]+[0-9_]*)\s*=\s*(\S+)\s*$/.exec(part);
    const v = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(v)) throw new InputError({ field: flag }, 'name=value pairs separated by commas, e.g. R0=0.01,CPE1_1=0.9', `'${part}'`);
    out[m[1]] = v;
  }
  return out;
}

function numberList(text: string | undefined, flag: string, count: number): number[] | undefined {
  if (text === undefined) return undefined;
  const vals = text.split(',').map((s) => Number(s.trim()));
  if (vals.length !== count || vals.some((v) => !(v > 0))) throw new InputError({ field: flag }, `${count} positive temperatures in K, comma-separated (one per spectrum)`, `'${text}'`);
  return vals;
}

const n = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

/** The --json shape of one fit. */
export function fitJson(file: string, r: CircuitFitResult, points: number, temperatureK?: number): Record<string, unknown> {
  if (!r.converged) return { file, temperatureK: temperatureK ?? null, circuit: r.circuit, converged: false, reason: r.stopReason, message: r.message };
  const parameters: Record<string, unknown> = {};
  for (const p of r.parameters) {
    parameters[p.name] = { value: p.value, stdErr: n(p.stdErr), unit: p.unit, ci95: p.ci95, fixed: p.fixed, atBound: p.atBound };
  }
  const rct = r.rct?.rct;
  const rctStdErr = rct ? r.parameters.find((p) => p.name === rct.resistanceName)?.stdErr : null;
  return {
    file,
    temperatureK: temperatureK ?? null,
    circuit: r.circuit,
    converged: true,
    weighting: r.weighting,
    points,
    parameters,
    chiSquare: r.chiSquare,
    reducedChiSquare: n(r.reducedChiSquare),
    degreesOfFreedom: r.degreesOfFreedom,
    ...(rct ? { rctOhm: rct.resistanceOhm, rctStdErrOhm: n(rctStdErr), rctParameter: rct.resistanceName, rctTauS: rct.tauS, rctFrequencyHz: rct.characteristicFrequencyHz, rctRule: r.rct?.rule } : {}),
    covarianceNote: r.covarianceNote || null,
    iterations: r.iterations,
  };
}

function fitText(file: string, r: CircuitFitSuccess): string {
  const rows = r.parameters.map((p) => [p.name, p.value, p.stdErr === null ? '—' : formatNumber(p.stdErr), p.ci95 ? `${formatNumber(p.ci95[0])} … ${formatNumber(p.ci95[1])}` : p.fixed ? 'fixed' : p.atBound ? 'on bound' : '—', p.unit]);
  const lines = [
    `${file}: ${r.circuit} (${r.weighting} weighting), ${r.message}`,
    '',
    formatTable(['parameter', 'value', 'std err', '95 % interval', 'unit'], rows),
    '',
    `χ² = ${formatNumber(r.chiSquare)} (weighted sum of squares), reduced χ² = ${formatNumber(r.reducedChiSquare)}, ${r.degreesOfFreedom} dof`,
  ];
  if (r.rct) lines.push(`R_ct = ${formatNumber(r.rct.rct.resistanceOhm)} Ω (${r.rct.rct.resistanceName}; τ = ${formatNumber(r.rct.rct.tauS)} s, f = ${formatNumber(r.rct.rct.characteristicFrequencyHz)} Hz: ${r.rct.rule})`);
  else lines.push('R_ct: not identifiable (no R–C/CPE relaxation with its characteristic frequency in the measured range)');
  if (r.covarianceNote) lines.push(`note: ${r.covarianceNote}`);
  return lines.join('\n') + '\n';
}

interface FitCliOptions {
  circuit: string;
  initial?: string;
  constants?: string;
  weighting?: string;
  global?: string;
  maxIterations?: string;
  temperature?: string;
  ignoreInductive?: boolean;
  json?: boolean;
  plot?: string;
}

function plotFits(path: string, items: { s: Spectrum; r: CircuitFitResult }[], circuit: Circuit): void {
  svgPath(path);
  const series = [];
  for (const { s, r } of items) {
    series.push({ name: s.source, zReal: s.zReal, zImag: s.zImag, mode: 'markers' as const });
    if (r.converged) {
      // The model on a dense log grid over the measured range.
      let fmin = Infinity;
      let fmax = 0;
      for (const f of s.frequencyHz) {
        fmin = Math.min(fmin, f);
        fmax = Math.max(fmax, f);
      }
      const fd = Array.from({ length: 200 }, (_, i) => fmax * Math.pow(fmin / fmax, i / 199));
      const z = circuit.impedance(r.values, fd);
      series.push({ name: `fit ${s.source}`, zReal: z.re, zImag: z.im, mode: 'line' as const });
    }
  }
  writeFileAtomic(path, nyquistChart({ title: `${circuit.text}`, series }));
}

function runFit(files: string[], opts: FitCliOptions): void {
  const circuit = Circuit.parse(opts.circuit, '--circuit');
  const weighting = (opts.weighting ?? 'unit') as Weighting;
  if (!WEIGHTINGS.includes(weighting)) throw new InputError({ field: '--weighting' }, WEIGHTINGS.join(' | '), `'${opts.weighting}'`);
  const initial = parseAssignments(opts.initial, '--initial');
  const constants = parseAssignments(opts.constants, '--constants');
  let starts: number | undefined;
  if (opts.global !== undefined) {
    starts = Number(opts.global);
    if (!Number.isInteger(starts) || starts < 2) throw new InputError({ field: '--global' }, 'a number of starts ≥ 2', `'${opts.global}'`);
  }
  const spectra = files.flatMap((f) => readSpectra(f, opts.ignoreInductive ?? false));
  const temps = numberList(opts.temperature, '--temperature', spectra.length);
  if (temps) spectra.forEach((s, i) => (s.temperatureK = temps[i]));
  let maxIterations: number | undefined;
  if (opts.maxIterations !== undefined) {
    maxIterations = Number(opts.maxIterations);
    if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new InputError({ field: '--max-iterations' }, 'a positive integer', `'${opts.maxIterations}'`);
  }
  const common = { initial, constants, weighting, multiStart: starts ? { starts, seed: 1 } : undefined, leastSquares: maxIterations ? { maxIterations } : undefined };
  if (spectra.length === 1) {
    const s = spectra[0];
    const r = fitCircuit(circuit, s, common);
    if (opts.plot) plotFits(opts.plot, [{ s, r }], circuit);
    if (!r.converged) throw new SolverError(r.stopReason, r.message);
    if (opts.json) printJson(fitJson(s.source, r, s.frequencyHz.length, s.temperatureK));
    else process.stdout.write(fitText(s.source, r));
    return;
  }
  const useBar = process.stderr.isTTY === true && !opts.json;
  const bar = useBar ? new SingleBar({ stream: process.stderr, format: 'fitting [{bar}] {value}/{total} spectra | {duration}s', hideCursor: true }) : null;
  bar?.start(spectra.length, 0);
  let items;
  try {
    items = fitBatch(circuit, spectra, { ...common, onProgress: (done) => bar?.update(done) });
  } finally {
    bar?.stop();
  }
  if (opts.plot) plotFits(opts.plot, items.map((it, i) => ({ s: spectra[i], r: it.result })), circuit);
  const failed = items.filter((it) => !it.result.converged);
  if (opts.json) {
    printJson({ circuit: circuit.text, weighting, fits: items.map((it, i) => ({ ...fitJson(it.source, it.result, spectra[i].frequencyHz.length, it.temperatureK), seededFrom: it.seededFrom })) });
  } else {
    const names = circuit.parameterNames;
    const rows = items.map((it) => {
      const r = it.result;
      if (!r.converged) return [it.source, it.temperatureK ?? '—', 'did not converge', ...names.map(() => '—'), '—'];
      return [it.source, it.temperatureK ?? '—', formatNumber(r.chiSquare), ...Array.from(r.values, (v) => formatNumber(v)), r.rct ? formatNumber(r.rct.rct.resistanceOhm) : '—'];
    });
    process.stdout.write(`${circuit.text}, ${weighting} weighting, each fit seeded from its converged neighbour\n\n` + formatTable(['file', 'T (K)', 'χ²', ...names, 'R_ct (Ω)'], rows) + '\n');
  }
  if (failed.length > 0) throw new SolverError('batch', `${failed.length} of ${items.length} fits did not converge: ${failed.map((f) => f.source).join(', ')}`);
}

export function register(program: Command): void {
  const eis = program.command('eis').description('impedance spectra: equivalent-circuit fits, Lin-KK validation, distribution of relaxation times');

  eis
    .command('fit <files...>')
    .description('fit an equivalent circuit (impedance.py grammar) by complex nonlinear least squares; several files = a batch, each seeded from its neighbour')
    .requiredOption('--circuit <string>', 'circuit, e.g. "R0-p(R1,CPE1)-Wo1" (series -, parallel p(A,B))')
    .option('--initial <name=value,...>', 'starting values by parameter name (others are guessed from the data)')
    .option('--constants <name=value,...>', 'parameters held fixed')
    .option('--weighting <unit|proportional|modulus>', 'residual weighting', 'unit')
    .option('--global <starts>', 'multi-start search with this many starts')
    .option('--max-iterations <n>', 'Levenberg–Marquardt iteration limit (default 200 × (parameters + 1))')
    .option('--temperature <K,...>', 'temperature of each file in K (for `cathodelab arrhenius --from`)')
    .option('--ignore-inductive', 'drop points with Z″ > 0 (the inductive high-frequency tail)')
    .option('--json', 'print parameters (value, stdErr, unit), chiSquare and rctOhm as JSON')
    .option('--plot <file.svg>', 'write a Nyquist plot of data and fit')
    .addHelpText('after', `
Examples:
  $ cathodelab eis fit cell.z --circuit "R0-p(R1,CPE1)-Wo1"
  $ cathodelab eis fit data.csv --circuit "R0-p(R1,C1)-p(R2-Wo1,C2)" --initial R0=0.01,R1=0.01,C1=100 --json
  $ cathodelab eis fit 25C.z 35C.z 45C.z --circuit "R0-p(R1,CPE1)-p(R2,CPE2)-W1" --temperature 298.15,308.15,318.15 --json > fits.json

Parameters: R0, CPE1_0 (Q), CPE1_1 (α), Wo1_0 (Z0), Wo1_1 (τ) … Elements: R C L CPE La W Wo Ws G Gs K Zarc TLMQ TLM T.
R_ct is the slowest R–C/CPE relaxation whose characteristic frequency lies in the measured range.
A fit that does not converge is an error (exit 1) and prints no parameters.
`)
    .action((files: string[], opts: FitCliOptions) => runFit(files, opts));

  eis
    .command('kk <file>')
    .description('Lin-KK validity test (Schönleber et al. 2014): number of Voigt elements M by the μ criterion and relative residuals')
    .option('--c <mu>', 'μ cut-off', '0.85')
    .option('--fit-type <complex|real|imag>', 'which parts are fitted', 'complex')
    .option('--add-capacitance', 'add a series capacitance (spectra without a low-frequency intercept)')
    .option('--ignore-inductive', 'drop points with Z″ > 0')
    .option('--sweep <n>', 'which frequency sweep, for files holding several')
    .option('--json', 'print M, μ and the residuals as JSON')
    .option('--plot <file.svg>', 'write the relative residuals against frequency')
    .action((file: string, opts: { c: string; fitType: string; addCapacitance?: boolean; ignoreInductive?: boolean; sweep?: string; json?: boolean; plot?: string }) => {
      const c = Number(opts.c);
      if (!(c > 0 && c <= 1)) throw new InputError({ field: '--c' }, 'a μ cut-off in (0, 1]', `'${opts.c}'`);
      if (!['complex', 'real', 'imag'].includes(opts.fitType)) throw new InputError({ field: '--fit-type' }, 'complex | real | imag', `'${opts.fitType}'`);
      const s = readSpectrum(file, opts.ignoreInductive ?? false, opts.sweep);
      const r = linKK(s, { c, fitType: opts.fitType as 'complex' | 'real' | 'imag', addCapacitance: opts.addCapacitance ?? false });
      if (opts.plot) {
        writeFileAtomic(svgPath(opts.plot), lineChart({
          title: `Lin-KK residuals: ${s.source} (M = ${r.M}, μ = ${r.mu.toFixed(3)})`,
          x: { label: 'Frequency / Hz', log: true },
          y: { label: 'Residual / % of |Z|' },
          series: [
            { name: 'real', x: s.frequencyHz, y: Float64Array.from(r.residualsReal, (v) => v * 100), mode: 'line+markers' },
            { name: 'imaginary', x: s.frequencyHz, y: Float64Array.from(r.residualsImag, (v) => v * 100), mode: 'line+markers' },
          ],
        }));
      }
      if (opts.json) {
        printJson({
          file: s.source, M: r.M, mu: r.mu, c: r.c, fitType: r.fitType, reachedMaxM: r.reachedMaxM,
          maxAbsResidualRealPct: r.maxAbsResidualReal * 100, maxAbsResidualImagPct: r.maxAbsResidualImag * 100,
          residuals: Array.from(s.frequencyHz, (f, i) => ({ frequencyHz: f, residualRealPct: r.residualsReal[i] * 100, residualImagPct: r.residualsImag[i] * 100 })),
        });
        return;
      }
      process.stdout.write([
        `${s.source}: Lin-KK (${r.fitType} fit), M = ${r.M} Voigt elements, μ = ${formatNumber(r.mu, 5)} (c = ${r.c})${r.reachedMaxM ? ' — stopped at the largest M without reaching μ ≤ c' : ''}`,
        `max |residual|: real ${formatNumber(r.maxAbsResidualReal * 100)} %, imaginary ${formatNumber(r.maxAbsResidualImag * 100)} % of |Z|`,
        '',
        formatTable(['f (Hz)', 'Δre (%)', 'Δim (%)'], Array.from(s.frequencyHz, (f, i) => [f, r.residualsReal[i] * 100, r.residualsImag[i] * 100])),
      ].join('\n') + '\n');
    });

  eis
    .command('drt <file>')
    .description('distribution of relaxation times: Tikhonov-regularised NNLS, λ by generalised cross-validation; peaks with τ and resistance')
    .option('--lambda <value>', 'fixed relative regularisation (default: chosen by GCV)')
    .option('--points-per-decade <n>', 'τ grid density', '10')
    .option('--order <1|2>', 'derivative order of the penalty', '1')
    .option('--ignore-inductive', 'drop points with Z″ > 0')
    .option('--sweep <n>', 'which frequency sweep, for files holding several')
    .option('--json', 'print λ, R∞, peaks and γ(τ) as JSON')
    .option('--plot <file.svg>', 'write γ against τ')
    .action((file: string, opts: { lambda?: string; pointsPerDecade: string; order: string; ignoreInductive?: boolean; sweep?: string; json?: boolean; plot?: string }) => {
      const lambda = opts.lambda === undefined ? 'gcv' : Number(opts.lambda);
      if (lambda !== 'gcv' && !(lambda > 0)) throw new InputError({ field: '--lambda' }, 'a positive number', `'${opts.lambda}'`);
      const order = Number(opts.order);
      if (order !== 1 && order !== 2) throw new InputError({ field: '--order' }, '1 or 2', `'${opts.order}'`);
      const s = readSpectrum(file, opts.ignoreInductive ?? false, opts.sweep);
      const d = computeDrt(s, { lambda, pointsPerDecade: Number(opts.pointsPerDecade), order });
      if (opts.plot) {
        writeFileAtomic(svgPath(opts.plot), lineChart({
          title: `DRT: ${s.source} (λ = ${formatNumber(d.lambda)}, ${d.lambdaRule})`,
          x: { label: 'τ / s', log: true },
          y: { label: 'γ / Ω' },
          series: [{ name: 'γ', x: d.tauS, y: d.gammaOhm, mode: 'line' }],
        }));
      }
      if (opts.json) {
        printJson({ file: s.source, lambda: d.lambda, lambdaRule: d.lambdaRule, warnings: d.warnings, rInfOhm: d.rInfOhm, inductanceH: d.inductanceH, relativeRms: d.relativeRms, peaks: d.peaks, tauS: d.tauS, gammaOhm: d.gammaOhm });
        return;
      }
      process.stdout.write([
        `${s.source}: DRT, λ = ${formatNumber(d.lambda)} (${d.lambdaRule === 'gcv' ? 'generalised cross-validation' : 'fixed'}), R∞ = ${formatNumber(d.rInfOhm)} Ω, fit RMS ${formatNumber(d.relativeRms * 100)} % of |Z|`,
        '',
        formatTable(['τ (s)', 'f (Hz)', 'γ (Ω)', 'R (Ω)'], d.peaks.map((p) => [p.tauS, p.frequencyHz, p.gammaOhm, p.resistanceOhm])),
        ...d.warnings.map((w) => `warning: ${w}`),
      ].join('\n') + '\n');
    });
}
