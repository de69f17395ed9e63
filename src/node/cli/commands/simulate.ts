/**
 * `cathodelab simulate`: runs the P2D model on a preset with a C-rate discharge or an experiment in
 * PyBaMM's grammar; prints a summary, or one JSON object (--json); writes the time series as CSV (--out).
 */
import type { Command } from 'commander';
import { FormatError, InputError } from '../../../core/errors.js';
import { fromBpx, toBpx } from '../../../core/sim/bpx.js';
import { readInputText } from '../../io/read-input.js';
import { parseExperiment, type ExperimentStep } from '../../../core/sim/experiment.js';
import { resultToCsv, snapshotsToCsv } from '../../../core/sim/export.js';
import { positiveUtilisation } from '../../../core/sim/fields.js';
import { PRESETS, getPreset, presetNames } from '../../../core/sim/presets/index.js';
import { Simulation, type SimulationResult } from '../../../core/sim/simulate.js';
import type { CellParameters } from '../../../core/sim/parameters.js';
import { celsiusToKelvin } from '../../../core/units.js';
import { formatNumber, formatTable, printJson, writeFileAtomic } from '../output.js';

interface SimulateOptions {
  preset?: string;
  bpx?: string;
  exportBpx?: string;
  cRate?: string;
  experiment?: string;
  temperatureC?: string;
  loadingMgPerCm2?: string;
  kineticPrefactor?: string;
  points?: string;
  shells?: string;
  rtol?: string;
  json?: boolean;
  fields?: boolean;
  out?: string;
  fieldsOut?: string;
  repeat?: string;
}

function numberOption(value: string | undefined, flag: string, check: (x: number) => boolean, expected: string): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (!Number.isFinite(x) || !check(x)) throw new InputError({ field: flag }, expected, `"${value}"`);
  return x;
}

/** The steps of `--c-rate C`: marquis2019 runs the COMSOL reference protocol (until 3.105 V or 1/C h). */
export function cRateSteps(p: CellParameters, cRate: number): ExperimentStep[] {
  const ctx = { oneCAPerM2: p.oneCAPerM2, areaM2: p.areaM2 };
  const text = p.name === 'marquis2019' ? `Discharge at ${cRate}C for ${3600 / cRate} s or until ${p.lowerCutoffV} V` : `Discharge at ${cRate}C until ${p.lowerCutoffV} V`;
  return parseExperiment(text, ctx);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

export function register(program: Command): void {
  program
    .command('simulate')
    .description('run the P2D (Doyle–Fuller–Newman) model on a preset cell: a constant-C-rate discharge or an experiment')
    .option('--preset <name>', `parameter set: ${presetNames().join(', ')}`)
    .option('--bpx <file.json>', 'read the cell from a BPX parameter file (Li-ion, DFN) instead of a preset')
    .option('--export-bpx <file.json>', 'write the (Li-ion) parameter set as BPX and exit')
    .option('--c-rate <C>', 'discharge at this C-rate to the lower cut-off (default 1)')
    .option('--experiment <steps>', 'steps in PyBaMM grammar, separated by ";", e.g. "Discharge at 1C until 3.0 V; Rest for 1 hour"; "(…)×N" repeats')
    .option('--temperature-c <°C>', 'cell temperature, °C (default 25; for --bpx the file\'s initial temperature)')
    .option('--loading-mg-per-cm2 <mg/cm²>', 'positive active-material loading (gao2025 presets), mg/cm²')
    .option('--kinetic-prefactor <rule>', "gao2025 presets: 'shared' (one transition-state prefactor, so LLZO's lower E_a gives a 3.96× larger k at 25 °C; default) or 'equal-at-25C' (equal k at 25 °C)")
    .option('--points <N>', 'finite-volume cells per domain (default 20)')
    .option('--shells <N>', 'radial shells per particle (default 20)')
    .option('--rtol <tol>', 'BDF relative tolerance (default 3e-4)')
    .option('--json', 'print one JSON object on stdout')
    .option('--fields', 'include field snapshots (profiles over x and r) in the JSON')
    .option('--out <file.csv>', 'write the time series as CSV')
    .option('--fields-out <file.csv>', 'write the field snapshots as CSV')
    .option('--repeat <N>', 'solve N more times after one warm-up and report the median solve time')
    .addHelpText('after', '\nExample:\n  cathodelab simulate --preset marquis2019 --c-rate 1 --json\n  cathodelab simulate --preset gao2025-ncm811-llzo --loading-mg-per-cm2 54 --experiment "Discharge at 3C until 3.0 V"')
    .action((o: SimulateOptions) => {
      if ((o.preset === undefined) === (o.bpx === undefined)) throw new InputError({ field: '--preset' }, 'exactly one of --preset <name> or --bpx <file>', o.preset ? 'both' : 'neither');
      const info = PRESETS.find((p) => p.name === o.preset);
      const tC = numberOption(o.temperatureC, '--temperature-c', (x) => x > -80 && x < 150, 'a temperature in °C between −80 and 150') ?? 25;
      const parseJsonFile = (file: string): unknown => {
        try {
          return JSON.parse(readInputText(file));
        } catch (e) {
          if (e instanceof SyntaxError) throw new FormatError({ file }, `not valid JSON: ${e.message}`);
          throw e;
        }
      };
      const loading = numberOption(o.loadingMgPerCm2, '--loading-mg-per-cm2', (x) => x > 0 && x <= 200, 'a loading in (0, 200] mg/cm²');
      if (loading !== undefined && info && !info.hasLoading) {
        throw new InputError({ field: '--loading-mg-per-cm2' }, `a preset with a loading parameter (${PRESETS.filter((p) => p.hasLoading).map((p) => p.name).join(', ')})`, `preset ${o.preset}`);
      }
      if (loading !== undefined && o.bpx !== undefined) throw new InputError({ field: '--loading-mg-per-cm2' }, 'a preset with a loading parameter', 'a BPX file');
      const prefactor = o.kineticPrefactor;
      if (prefactor !== undefined) {
        if (o.bpx !== undefined || (info && !info.hasKineticPrefactor)) {
          throw new InputError({ field: '--kinetic-prefactor' }, `a preset with two kinetic rules (${PRESETS.filter((q) => q.hasKineticPrefactor).map((q) => q.name).join(', ')})`, o.bpx !== undefined ? 'a BPX file' : `preset ${o.preset}`);
        }
        if (prefactor !== 'shared' && prefactor !== 'equal-at-25C') throw new InputError({ field: '--kinetic-prefactor' }, "'shared' or 'equal-at-25C'", prefactor);
      }
      const p =
        o.bpx !== undefined
          ? fromBpx(parseJsonFile(o.bpx), { temperatureK: o.temperatureC !== undefined ? celsiusToKelvin(tC) : undefined }, o.bpx)
          : getPreset(o.preset as string, { temperatureK: celsiusToKelvin(tC), loadingMgPerCm2: loading, kineticPrefactor: prefactor as 'shared' | 'equal-at-25C' | undefined });
      if (o.exportBpx) {
        writeFileAtomic(o.exportBpx, JSON.stringify(toBpx(p), null, 2) + '\n');
        return;
      }
      const points = numberOption(o.points, '--points', (x) => Number.isInteger(x) && x >= 2 && x <= 2000, 'an integer number of cells per domain, 2–2000');
      const shells = numberOption(o.shells, '--shells', (x) => Number.isInteger(x) && x >= 2 && x <= 2000, 'an integer number of shells, 2–2000');
      const rtol = numberOption(o.rtol, '--rtol', (x) => x > 0 && x < 0.1, 'a relative tolerance in (0, 0.1)');
      const repeat = numberOption(o.repeat, '--repeat', (x) => Number.isInteger(x) && x >= 1 && x <= 100000, 'an integer ≥ 1') ?? 0;
      if (o.cRate !== undefined && o.experiment !== undefined) throw new InputError({ field: '--c-rate' }, 'either --c-rate or --experiment', 'both');
      const cRate = numberOption(o.cRate, '--c-rate', (x) => x > 0 && x <= 100, 'a C-rate in (0, 100]');
      const steps = o.experiment !== undefined ? parseExperiment(o.experiment, { oneCAPerM2: p.oneCAPerM2, areaM2: p.areaM2 }) : cRateSteps(p, cRate ?? 1);
      const n = points ?? 20;
      const sim = new Simulation(p, { cells: [n, n, n], shells: shells ?? 20, rtol });
      let result: SimulationResult;
      let solveTimeMs: number;
      if (repeat > 0) {
        sim.run(steps); // warm-up
        const times: number[] = [];
        let last: SimulationResult | null = null;
        for (let k = 0; k < repeat; k++) {
          const t0 = performance.now();
          last = sim.run(steps);
          times.push(performance.now() - t0);
        }
        result = last as SimulationResult;
        solveTimeMs = median(times);
      } else {
        const t0 = performance.now();
        result = sim.run(steps);
        solveTimeMs = performance.now() - t0;
      }
      if (o.out) writeFileAtomic(o.out, resultToCsv(result, p.areaM2));
      if (o.fieldsOut) writeFileAtomic(o.fieldsOut, snapshotsToCsv(result));
      const endSnap = result.snapshots[result.snapshots.length - 1];
      const util = endSnap ? positiveUtilisation(sim.model, endSnap) : null;
      if (o.json) {
        const { snapshots, ...rest } = result;
        printJson({
          ...rest,
          temperatureC: tC,
          loadingMgPerCm2: loading ?? null,
          oneC_A_per_m2: p.oneCAPerM2,
          solveTimeMs,
          repeat,
          utilisation: util,
          ...(o.fields ? { snapshots } : {}),
        });
        return;
      }
      const f = (x: number, d = 4) => formatNumber(x, d);
      const lines: string[] = [];
      lines.push(`${p.name} at ${f(tC, 3)} °C: ${result.states} unknowns, ${result.stats.steps} steps, solved in ${f(solveTimeMs, 3)} ms${repeat ? ` (median of ${repeat})` : ''}`);
      lines.push(result.completed ? 'completed' : `stopped: ${result.stopReason}`);
      lines.push('');
      lines.push(formatTable(['step', 'start (s)', 'end (s)', 'capacity (mAh)', 'ended by'], result.steps.map((s) => [s.text, s.startS, s.endS, s.capacityAh * 1000, s.endReason])));
      lines.push('');
      const rows: (string | number)[][] = [
        ['discharge capacity', result.capacityAh * 1000, 'mAh'],
        ['areal capacity', result.capacityMahPerCm2, 'mAh/cm²'],
      ];
      if (result.capacityMahPerG !== null) rows.push(['specific capacity', result.capacityMahPerG, 'mAh/g (positive active)']);
      rows.push(['energy', result.energyWh * 1000, 'mWh']);
      rows.push(['final voltage', result.voltage_V[result.voltage_V.length - 1], 'V']);
      if (result.lithiumFoilRemainingUm !== null) rows.push(['Li foil remaining', result.lithiumFoilRemainingUm, 'µm']);
      lines.push(formatTable(['result', 'value', 'unit'], rows));
      process.stdout.write(lines.join('\n') + '\n');
    });
}
