/**
 * `cathodelab xrd <file>`: powder XRD of an R-3m layered oxide — fitted (003), (101), (006)/(012),
 * (104), (015), (107), (018)/(110), (113) peaks, a and c with a zero shift, c/a, I003/I104 by height
 * and by area; with --compare, the peak shifts and lattice changes against a second pattern.
 */
import type { Command } from 'commander';
import { readXrdPattern } from '../../../core/analysis/xrd/read-pattern.js';
import { analyzeLayeredOxide, type LayeredOxideOptions, type LayeredOxideResult } from '../../../core/analysis/xrd/layered-oxide.js';
import { compareLayeredOxides } from '../../../core/analysis/xrd/compare-patterns.js';
import type { XrdPattern } from '../../../core/analysis/xrd/pattern.js';
import { lineChart } from '../../../core/plot/index.js';
import { InputError } from '../../../core/errors.js';
import { readInputText } from '../../io/read-input.js';
import { formatTable, printJson } from '../output.js';
import { num, positiveOption, writePlot } from '../analysis-input.js';

interface XrdCliOptions { compare?: string; wavelengthAngstrom?: string; alpha2Ratio?: string; zero?: boolean; json?: boolean; plot?: string }

function load(path: string): XrdPattern {
  return readXrdPattern(readInputText(path), path.split(/[\\/]/).pop() ?? path);
}

export function xrdJson(r: LayeredOxideResult): Record<string, unknown> {
  return {
    source: r.source,
    method: r.method,
    wavelengthsUsed: r.wavelengthsUsed,
    aAngstrom: r.aAngstrom,
    cAngstrom: r.cAngstrom,
    aStdErrAngstrom: num(r.aStdErrAngstrom),
    cStdErrAngstrom: num(r.cStdErrAngstrom),
    zeroShiftDeg: r.zeroShiftDeg,
    cOverA: r.cOverA,
    cellVolumeAngstrom3: r.cellVolumeAngstrom3,
    latticeRmsResidualDeg: r.latticeRmsResidualDeg,
    i003ToI104Height: r.i003ToI104Height,
    i003ToI104Area: r.i003ToI104Area,
    intensityRatioConvention: 'fitted Kα1 pseudo-Voigt height (i003ToI104Height) and area (i003ToI104Area) above a local linear background',
    splitting006to012Deg: num(r.splitting006to012Deg),
    splitting018to110Deg: num(r.splitting018to110Deg),
    peaks: r.peaks.map((p) => ({ label: p.label, hkl: p.hkl, twoThetaDeg: p.twoThetaDeg, twoThetaStdErrDeg: num(p.twoThetaStdErrDeg), dAngstrom: p.dAngstrom, heightCounts: p.heightCounts, areaCountsDeg: p.areaCountsDeg, fwhmDeg: p.fwhmDeg, eta: p.eta, latticeResidualDeg: p.latticeResidualDeg })),
    notFound: r.notFound,
  };
}

export function register(program: Command): void {
  program
    .command('xrd <file>')
    .description('XRD of a layered R-3m oxide (.xy, .csv, Bruker .uxd, .dat): peaks, a, c, c/a, I003/I104 by height and area, shifts against --compare')
    .option('--compare <other>', 'a second pattern: per-peak shifts and lattice changes (other − this)')
    .option('--wavelength-angstrom <Å>', 'Kα1 wavelength (default: the file\'s, else Cu 1.540562 Å)')
    .option('--alpha2-ratio <r>', 'I(Kα2)/I(Kα1) (default: the file\'s, else 0.5; 0 for Kα1-only data)')
    .option('--no-zero', 'do not refine a 2θ zero shift with a and c')
    .option('--json', 'print the result as JSON')
    .option('--plot <file.svg>', 'write the pattern, its background and the fitted peak positions as SVG')
    .addHelpText('after', `
Examples:
  $ cathodelab xrd LiCoO2.uxd
  $ cathodelab xrd NCM.xy --compare NCM-LLZO.xy --json

(018) is the reflection often written (108); the two have the same d-spacing in R-3m.
`)
    .action((file: string, opts: XrdCliOptions) => {
      const lambda = positiveOption(opts.wavelengthAngstrom, '--wavelength-angstrom', 'Å');
      let ratio: number | undefined;
      if (opts.alpha2Ratio !== undefined) {
        ratio = Number(opts.alpha2Ratio);
        if (!(ratio >= 0 && ratio < 1)) throw new InputError({ field: '--alpha2-ratio' }, 'a ratio from 0 to below 1', `'${opts.alpha2Ratio}'`);
      }
      const options: LayeredOxideOptions = {
        ...(lambda !== undefined ? { wavelengths: { alpha1Angstrom: lambda, alpha2Angstrom: lambda * (1.54439 / 1.540562), alpha2Ratio: ratio ?? 0.5 } } : {}),
        ...(ratio !== undefined ? { alpha2Ratio: ratio } : {}),
        refineZero: opts.zero !== false,
      };
      const pattern = load(file);
      const r = analyzeLayeredOxide(pattern, options);
      const otherPattern = opts.compare !== undefined ? load(opts.compare) : undefined;
      const other = otherPattern ? analyzeLayeredOxide(otherPattern, options) : undefined;
      const cmp = other ? compareLayeredOxides(r, other) : undefined;
      writePlot(opts.plot, () => lineChart({
        title: `XRD: ${pattern.source}${otherPattern ? ` vs ${otherPattern.source}` : ''}`,
        x: { label: '2θ / °' },
        y: { label: 'Intensity / counts' },
        series: [
          { name: pattern.source, x: pattern.twoThetaDeg, y: pattern.intensity },
          { name: 'background', x: pattern.twoThetaDeg, y: r.background, dash: '4 3' },
          { name: 'fitted Kα1 peaks', mode: 'markers' as const, x: r.peaks.map((p) => p.twoThetaDeg), y: r.peaks.map((p) => p.heightCounts + (r.background[Math.max(0, pattern.twoThetaDeg.findIndex((t) => t >= p.twoThetaDeg))] ?? 0)) },
          ...(otherPattern ? [{ name: otherPattern.source, x: otherPattern.twoThetaDeg, y: otherPattern.intensity }] : []),
        ],
      }));
      if (opts.json) {
        printJson({ ...xrdJson(r), ...(other && cmp ? { compare: { other: xrdJson(other), shifts: cmp.shifts, deltaAAngstrom: cmp.deltaAAngstrom, deltaCAngstrom: cmp.deltaCAngstrom, deltaCOverA: cmp.deltaCOverA, deltaVolumeAngstrom3: cmp.deltaVolumeAngstrom3, deltaI003ToI104Height: cmp.deltaI003ToI104Height, deltaI003ToI104Area: cmp.deltaI003ToI104Area } } : {}) });
        return;
      }
      const lines = [
        `${pattern.source}: ${r.peaks.length} reflections fitted${r.notFound.length ? ` (not found: ${r.notFound.join(', ')})` : ''}; λ(Kα1) = ${r.wavelengthsUsed.alpha1Angstrom} Å, Kα2/Kα1 = ${r.wavelengthsUsed.alpha2Ratio}`,
        '',
        formatTable(['hkl', '2θ (°)', 'd (Å)', 'height (counts)', 'area (counts·°)', 'FWHM (°)', 'η', 'residual (°)'], r.peaks.map((p) => [p.label, p.twoThetaDeg, p.dAngstrom, p.heightCounts, p.areaCountsDeg, p.fwhmDeg, p.eta, p.latticeResidualDeg])),
        '',
        `a = ${r.aAngstrom.toFixed(4)} ± ${r.aStdErrAngstrom.toFixed(4)} Å, c = ${r.cAngstrom.toFixed(3)} ± ${r.cStdErrAngstrom.toFixed(3)} Å, c/a = ${r.cOverA.toFixed(4)}, V = ${r.cellVolumeAngstrom3.toFixed(2)} Å³, zero = ${r.zeroShiftDeg.toFixed(3)}°`,
        `I003/I104 = ${r.i003ToI104Height.toFixed(3)} (fitted Kα1 heights), ${r.i003ToI104Area.toFixed(3)} (fitted Kα1 areas)`,
      ];
      if (other && cmp) {
        lines.push('', `compared with ${other.source} (other − this):`, formatTable(['hkl', 'Δ2θ (°)', 'Δ2θ zero-corrected (°)', 'Δd (Å)'], cmp.shifts.map((s) => [s.label, s.shiftDeg, s.shiftZeroCorrectedDeg, s.dShiftAngstrom])));
        lines.push(`Δa = ${cmp.deltaAAngstrom.toFixed(4)} Å, Δc = ${cmp.deltaCAngstrom.toFixed(4)} Å, Δ(c/a) = ${cmp.deltaCOverA.toFixed(4)}, ΔI003/I104 = ${cmp.deltaI003ToI104Height.toFixed(3)} (height), ${cmp.deltaI003ToI104Area.toFixed(3)} (area)`);
      }
      process.stdout.write(lines.join('\n') + '\n');
    });
}
