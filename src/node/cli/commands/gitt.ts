/**
 * `cathodelab gitt <file>`: GITT diffusion coefficients per pulse (Weppner–Huggins) from any cycler
 * file the reader registry reads. The length scale is required and reported: --radius-um (spherical
 * particles, L = r/3) or --length-um (e.g. the electrode thickness).
 */
import type { Command } from 'commander';
import { analyzeGitt, type GittLengthScale, type GittResult } from '../../../core/analysis/gitt.js';
import { InputError } from '../../../core/errors.js';
import { scatterChart } from '../../../core/plot/index.js';
import { formatNumber, formatTable, printJson } from '../output.js';
import { num, positiveOption, readMeasurementFile, writePlot, MAPPING_HELP } from '../analysis-input.js';

interface GittCliOptions { mapping?: string; radiusUm?: string; lengthUm?: string; massMg?: string; molarMassGPerMol?: string; molarVolumeCm3PerMol?: string; surfaceAreaCm2?: string; restThresholdMa?: string; minDeltaEsMv?: string; json?: boolean; plot?: string }

export function gittJson(source: string, r: GittResult): Record<string, unknown> {
  return {
    source,
    method: r.method,
    lengthScale: r.lengthScale.kind,
    lengthScaleUm: r.lengthScaleUm,
    lengthScaleDescription: r.lengthScaleDescription,
    restThresholdMa: r.restThresholdA * 1e3,
    voltageResolutionMv: r.voltageResolutionV * 1e3,
    minDeltaEsMv: r.minDeltaEsV * 1e3,
    skippedPulses: r.skippedPulses,
    summary: r.summary,
    pulses: r.pulses.map((p) => ({
      number: p.number,
      direction: p.direction,
      startTimeS: p.startTimeS,
      tauS: p.tauS,
      currentMa: p.meanCurrentA * 1e3,
      e0V: p.e0V, e1V: p.e1V, e2V: p.e2V, e3V: p.e3V, e4V: p.e4V,
      deltaEsV: p.deltaEsV,
      deltaEtV: p.deltaEtV,
      irDropStartV: p.irDropStartV,
      chargeAtEndMah: p.chargeAtEndAh * 1e3,
      stateOfCharge: p.stateOfCharge,
      sqrtTimeRSquared: num(p.sqrtTimeRSquared),
      diffusionCm2PerS: num(p.diffusionCm2PerS),
      tauOverDiffusionTime: num(p.tauOverDiffusionTime),
      diffusionRelUncertaintyFromResolution: num(p.diffusionRelUncertaintyFromResolution),
      valid: p.valid,
      flags: p.flags,
    })),
  };
}

export function register(program: Command): void {
  program
    .command('gitt <file>')
    .description('GITT: per-pulse ΔEs, ΔEt, τ, state of charge and the Weppner–Huggins diffusion coefficient, with validity checks')
    .option('--radius-um <um>', 'particle radius in µm (spherical particles: L = r/3)')
    .option('--length-um <um>', 'diffusion length L in µm used as is (e.g. the electrode thickness)')
    .option('--mass-mg <mg>', 'general form: active mass m_B in mg (with the three options below, L = m_B·V_M/(M_B·S))')
    .option('--molar-mass-g-per-mol <g/mol>', 'general form: molar mass M_B')
    .option('--molar-volume-cm3-per-mol <cm³/mol>', 'general form: molar volume V_M')
    .option('--surface-area-cm2 <cm²>', 'general form: electrolyte-wetted active surface area S')
    .option('--rest-threshold-ma <mA>', '|current| at or below this is rest (default 2 % of the largest |current|)')
    .option('--min-delta-es-mv <mV>', '|ΔEs| below this gives no D (default 5 × the voltage resolution of the file)')
    .option('--mapping <file.json>', MAPPING_HELP)
    .option('--json', 'print the result as JSON')
    .option('--plot <file.svg>', 'write D against state of charge as SVG')
    .addHelpText('after', `
Examples:
  $ cathodelab gitt cell.mpr --radius-um 5
  $ cathodelab gitt cell.mpr --length-um 80 --json

D = 4L²/(πτ)·(ΔEs/ΔEt)². The length scale changes D by (L1/L2)²: a particle radius of 5 µm (L = 1.67 µm)
and an 80 µm electrode give values 2300× apart, so state which one a published value uses.
Pulses are flagged (no D) when ΔEs is below the resolution (two-phase plateaus) or of the wrong sign;
flagged (D shown) when E is not linear in √t (R² < 0.98) or τ is not ≪ L²/D (τD/L² > 0.1).
`)
    .action((file: string, opts: GittCliOptions) => {
      const r = positiveOption(opts.radiusUm, '--radius-um', 'µm');
      const l = positiveOption(opts.lengthUm, '--length-um', 'µm');
      const general = [positiveOption(opts.massMg, '--mass-mg', 'mg'), positiveOption(opts.molarMassGPerMol, '--molar-mass-g-per-mol', 'g/mol'), positiveOption(opts.molarVolumeCm3PerMol, '--molar-volume-cm3-per-mol', 'cm³/mol'), positiveOption(opts.surfaceAreaCm2, '--surface-area-cm2', 'cm²')];
      const generalCount = general.filter((x) => x !== undefined).length;
      if (generalCount > 0 && generalCount < 4) throw new InputError({ field: '--mass-mg / --molar-mass-g-per-mol / --molar-volume-cm3-per-mol / --surface-area-cm2' }, 'all four for the general Weppner–Huggins form', `${generalCount} of them`);
      const chosen = [r !== undefined, l !== undefined, generalCount === 4].filter(Boolean).length;
      if (chosen !== 1) {
        throw new InputError({ field: '--radius-um / --length-um' }, 'exactly one length scale: --radius-um (particle radius, L = r/3), --length-um (L as given) or the general form (--mass-mg, --molar-mass-g-per-mol, --molar-volume-cm3-per-mol, --surface-area-cm2)', chosen === 0 ? 'neither' : 'more than one');
      }
      const [massMg, molarMass, molarVolume, area] = general as number[];
      const lengthScale: GittLengthScale = r !== undefined
        ? { kind: 'sphereRadius', radiusM: r * 1e-6 }
        : l !== undefined
          ? { kind: 'electrodeThickness', thicknessM: l * 1e-6 }
          : { kind: 'molarVolume', activeMassKg: massMg * 1e-6, molarMassKgPerMol: molarMass * 1e-3, molarVolumeM3PerMol: molarVolume * 1e-6, surfaceAreaM2: area * 1e-4 };
      const thr = positiveOption(opts.restThresholdMa, '--rest-threshold-ma', 'mA');
      const mdes = positiveOption(opts.minDeltaEsMv, '--min-delta-es-mv', 'mV');
      const m = readMeasurementFile(file, opts.mapping);
      const res = analyzeGitt(m, { lengthScale, ...(thr !== undefined ? { restThresholdA: thr * 1e-3 } : {}), ...(mdes !== undefined ? { minDeltaEsV: mdes * 1e-3 } : {}) });
      writePlot(opts.plot, () => {
        const ok = res.pulses.filter((p) => p.diffusionCm2PerS !== null);
        const series = (['charge', 'discharge'] as const).map((d) => {
          const s = ok.filter((p) => p.direction === d);
          return { name: d, x: s.map((p) => p.stateOfCharge), y: s.map((p) => p.diffusionCm2PerS as number) };
        }).filter((s) => s.x.length > 0);
        if (series.length === 0) throw new InputError({ field: '--plot' }, 'at least one pulse with a diffusion coefficient to plot', 'none (all pulses flagged)');
        return scatterChart({ title: `GITT: ${m.source} (${res.lengthScaleDescription})`, x: { label: 'State of charge / –', min: 0, max: 1 }, y: { label: 'D / cm² s⁻¹', log: true }, series });
      });
      if (opts.json) {
        printJson(gittJson(m.source, res));
        return;
      }
      const rows = res.pulses.map((p) => [String(p.number), p.direction, p.startTimeS, p.tauS, p.stateOfCharge, p.deltaEsV * 1e3, p.deltaEtV * 1e3, p.sqrtTimeRSquared ?? NaN, p.diffusionCm2PerS === null ? '—' : formatNumber(p.diffusionCm2PerS), p.flags.join(' ') || 'ok']);
      const out = [
        `${m.source}: ${res.pulses.length} pulses (${res.summary.valid} valid), ${res.skippedPulses} skipped (no rest on one side)`,
        `length scale: ${res.lengthScaleDescription}`,
        `method: ${res.method}`,
        '',
        formatTable(['#', 'direction', 'start (s)', 'τ (s)', 'SOC', 'ΔEs (mV)', 'ΔEt (mV)', 'R² (√t)', 'D (cm²/s)', 'flags'], rows),
        '',
        `median D of valid pulses: ${res.summary.medianValidDiffusionCm2PerS === null ? '— (no valid pulse)' : formatNumber(res.summary.medianValidDiffusionCm2PerS) + ' cm²/s'}`,
      ];
      process.stdout.write(out.join('\n') + '\n');
    });
}
