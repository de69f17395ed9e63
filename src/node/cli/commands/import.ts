/**
 * `cathodelab import <file>`: reads any supported instrument file into the common data model and
 * reports what it holds (format, technique, rows, columns with units, metadata), optionally the
 * per-cycle summary (mAh, %, mWh, V, and mAh/g / mAh/cm² when a mass / area is known), and writes
 * the normalised table as BDF CSV or JSON (--out). Large .mpt, EC-Lab CSV and .mpr files are streamed through the summary
 * in bounded memory.
 */
import type { Command } from 'commander';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { SingleBar } from 'cli-progress';
import { readMeasurementFile, MAPPING_HELP } from '../analysis-input.js';
import { summariseCycles, type CycleSummary, type CeConvention, type CycleSummaryOptions } from '../../../core/io/cycle-summary.js';
import { bdfCsvChunks, toMeasurementJson } from '../../../core/io/export.js';
import type { Measurement, MeasurementMetadata, StandardColumn, Step } from '../../../core/io/measurement.js';
import { buildSteps } from '../../../core/io/steps.js';
import { InputError } from '../../../core/errors.js';
import { canStream, streamSummary } from '../../io/stream-summary.js';
import { formatNumber, formatTable, printJson, writeFileAtomic, jsonReplacer } from '../output.js';

interface ImportOptions {
  json?: boolean;
  summary?: boolean;
  out?: string;
  massMg?: string;
  areaCm2?: string;
  convention?: string;
  referenceCycle?: string;
  stream?: boolean;
  steps?: boolean;
  mapping?: string;
}

/** Above this size an .mpt, EC-Lab CSV or .mpr is streamed (when the data table itself is not needed). */
export const STREAM_THRESHOLD_BYTES = 32 * 1024 * 1024;
/** Above this size a progress bar is shown (on a terminal). */
const PROGRESS_THRESHOLD_BYTES = 16 * 1024 * 1024;

const UNIT_OF: Record<StandardColumn, string> = {
  time_s: 's', voltage_V: 'V', current_A: 'A', chargeCapacity_Ah: 'Ah', dischargeCapacity_Ah: 'Ah', chargeEnergy_Wh: 'Wh',
  dischargeEnergy_Wh: 'Wh', cycle: '', step: '', stepType: '', temperature_K: 'K', frequency_Hz: 'Hz', zReal_Ohm: 'Ohm',
  zImag_Ohm: 'Ohm', internalResistance_Ohm: 'Ohm', unixTime_s: 's',
};

function positive(value: string | undefined, field: string, unit: string): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (!Number.isFinite(x) || x <= 0) throw new InputError({ field }, `a positive number (${unit})`, `'${value}'`);
  return x;
}

/** The per-cycle table in the field's units, names carrying them. */
export function summaryForCli(s: CycleSummary): Record<string, unknown> {
  const n = (x: number | undefined): number | null => (x === undefined || !Number.isFinite(x) ? null : x);
  return {
    convention: s.convention,
    referenceCycle: s.referenceCycle ?? null,
    activeMassMg: s.activeMassKg !== undefined ? s.activeMassKg * 1e6 : null,
    electrodeAreaCm2: s.electrodeAreaM2 !== undefined ? s.electrodeAreaM2 * 1e4 : null,
    notes: s.notes,
    cycles: s.cycles.map((c) => {
      const row: Record<string, number | null> = {
        cycle: c.cycle,
        rows: c.rows,
        chargeCapacityMah: n(c.chargeCapacityAh * 1000),
        dischargeCapacityMah: n(c.dischargeCapacityAh * 1000),
        coulombicEfficiencyPct: n(c.coulombicEfficiencyPct),
        chargeEnergyMwh: n(c.chargeEnergyWh * 1000),
        dischargeEnergyMwh: n(c.dischargeEnergyWh * 1000),
        averageChargeVoltageV: n(c.averageChargeVoltageV),
        averageDischargeVoltageV: n(c.averageDischargeVoltageV),
        retentionPct: n(c.retentionPct),
        internalResistanceOhm: n(c.internalResistanceOhm),
      };
      if (c.chargeCapacityMahPerG !== undefined) {
        row.chargeCapacityMahPerG = n(c.chargeCapacityMahPerG);
        row.dischargeCapacityMahPerG = n(c.dischargeCapacityMahPerG);
      }
      if (c.chargeCapacityMahPerCm2 !== undefined) {
        row.chargeCapacityMahPerCm2 = n(c.chargeCapacityMahPerCm2);
        row.dischargeCapacityMahPerCm2 = n(c.dischargeCapacityMahPerCm2);
      }
      return row;
    }),
  };
}

export interface StepForCli {
  index: number;
  cycle: number;
  type: string;
  startRow: number;
  rows: number;
  durationS: number | null;
  meanCurrentMa: number | null;
}

function stepForCli(st: Step): StepForCli {
  const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);
  return { index: st.index, cycle: st.cycle, type: st.type, startRow: st.startRow, rows: st.endRow - st.startRow, durationS: fin(st.durationS), meanCurrentMa: fin(st.meanCurrentA * 1000) };
}

const HEADERS: [string, string][] = [
  ['cycle', 'cycle'],
  ['chargeCapacityMah', 'Q ch (mAh)'],
  ['dischargeCapacityMah', 'Q dis (mAh)'],
  ['coulombicEfficiencyPct', 'CE (%)'],
  ['chargeEnergyMwh', 'E ch (mWh)'],
  ['dischargeEnergyMwh', 'E dis (mWh)'],
  ['averageChargeVoltageV', 'V ch (V)'],
  ['averageDischargeVoltageV', 'V dis (V)'],
  ['retentionPct', 'retention (%)'],
  ['internalResistanceOhm', 'R (Ohm)'],
  ['chargeCapacityMahPerG', 'Q ch (mAh/g)'],
  ['dischargeCapacityMahPerG', 'Q dis (mAh/g)'],
  ['chargeCapacityMahPerCm2', 'Q ch (mAh/cm²)'],
  ['dischargeCapacityMahPerCm2', 'Q dis (mAh/cm²)'],
];

function summaryText(s: Record<string, unknown>): string {
  const cycles = s.cycles as Record<string, number | null>[];
  if (cycles.length === 0) return 'per-cycle summary: no rows';
  const cols = HEADERS.filter(([k]) => k in cycles[0] && (k !== 'internalResistanceOhm' || cycles.some((c) => c[k] !== null)));
  const table = formatTable(cols.map(([, h]) => h), cycles.map((c) => cols.map(([k]) => (c[k] === null ? '—' : k === 'cycle' ? String(c[k]) : (c[k] as number)))));
  return [`per-cycle summary (CE = ${s.convention}${s.activeMassMg !== null ? `, active mass ${formatNumber(s.activeMassMg as number)} mg` : ''})`, table, ...(s.notes as string[]).map((x) => `  note: ${x}`)].join('\n');
}

function metadataText(md: MeasurementMetadata): string[] {
  const lines: string[] = [];
  const kv = (k: string, v: string | number | undefined) => {
    if (v !== undefined && v !== '') lines.push(`  ${k.padEnd(18)} ${v}`);
  };
  kv('instrument', md.instrument);
  kv('software', md.softwareVersion);
  kv('start time', md.startTime);
  kv('channel', md.channel);
  kv('active mass', md.activeMassKg !== undefined ? `${formatNumber(md.activeMassKg * 1e6)} mg` : undefined);
  kv('electrode area', md.electrodeAreaM2 !== undefined ? `${formatNumber(md.electrodeAreaM2 * 1e4)} cm²` : undefined);
  return lines;
}

function progressBar(totalBytes: number): { update: (done: number) => void; stop: () => void } {
  if (!process.stderr.isTTY || totalBytes < PROGRESS_THRESHOLD_BYTES) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({ stream: process.stderr, format: 'reading [{bar}] {percentage}% | {value}/{total} MB', hideCursor: true });
  bar.start(Math.ceil(totalBytes / 2 ** 20), 0);
  return { update: (done) => bar.update(Math.floor(done / 2 ** 20)), stop: () => bar.stop() };
}

export function register(program: Command): void {
  program
    .command('import')
    .description('read an instrument file (BioLogic .mpr/.mpt/CSV and every other registered format) into the common data model; report it, summarise cycles, export BDF CSV or JSON')
    .argument('<file>', 'instrument file, e.g. ../shared/fixtures/cyclers/gcpl.pr_182.1.mpr')
    .option('--json', 'print one JSON object { format, technique, rows, columns, metadata, warnings, summary? }')
    .option('--summary', 'add the per-cycle summary (capacity, CE, energy, average voltages, retention)')
    .option('--steps', 'add the steps table (index, cycle, type, rows, duration in s, mean current in mA)')
    .option('--out <file>', 'write the normalised table: .csv → Battery Data Format CSV, .json → JSON with all data')
    .option('--mass-mg <mg>', 'active-material mass in mg (adds mAh/g; overrides the file)')
    .option('--area-cm2 <cm2>', 'electrode area in cm² (adds mAh/cm²; overrides the file)')
    .option('--convention <ce>', "Coulombic efficiency: 'discharge/charge' (cathode half-cell, default) or 'charge/discharge'")
    .option('--reference-cycle <n>', 'cycle that counts as 100 % retention (default: the first with capacity)')
    .option('--mapping <file>', MAPPING_HELP)
    .option('--stream', `stream an .mpt, EC-Lab CSV or .mpr through the summary in bounded memory (automatic above ${STREAM_THRESHOLD_BYTES / 2 ** 20} MiB when --out is not given)`)
    .addHelpText('after', `
Example:
  cathodelab import ../shared/fixtures/cyclers/gcpl.pr_182.1.mpr --summary --mass-mg 6.52
  cathodelab import cell.mpt --summary --json
  cathodelab import cell.mpr --out cell.bdf.csv
  cathodelab import cell.mpr --steps
  cathodelab import export.xlsx --mapping columns.json --summary`)
    .action((file: string, opts: ImportOptions) => {
      const massMg = positive(opts.massMg, '--mass-mg', 'mg');
      const areaCm2 = positive(opts.areaCm2, '--area-cm2', 'cm²');
      const convention = (opts.convention ?? 'discharge/charge') as CeConvention;
      if (convention !== 'discharge/charge' && convention !== 'charge/discharge') throw new InputError({ field: '--convention' }, "'discharge/charge' or 'charge/discharge'", `'${opts.convention}'`);
      let referenceCycle: number | undefined;
      if (opts.referenceCycle !== undefined) {
        referenceCycle = Number(opts.referenceCycle);
        if (!Number.isInteger(referenceCycle)) throw new InputError({ field: '--reference-cycle' }, 'an integer cycle number', `'${opts.referenceCycle}'`);
      }
      if (opts.out !== undefined && !['.csv', '.json'].includes(extname(opts.out).toLowerCase())) {
        throw new InputError({ field: '--out' }, 'a file name ending in .csv (BDF CSV) or .json', `'${opts.out}'`);
      }
      let size: number;
      try {
        size = statSync(file).size;
      } catch {
        throw new InputError({ file }, 'an existing file', 'no such file');
      }
      const summaryOptions = (md: MeasurementMetadata): CycleSummaryOptions => ({
        convention,
        referenceCycle,
        activeMassKg: massMg !== undefined ? massMg * 1e-6 : md.activeMassKg,
        electrodeAreaM2: areaCm2 !== undefined ? areaCm2 * 1e-4 : md.electrodeAreaM2,
      });

      let head: Uint8Array | undefined;
      if (opts.stream && opts.steps) throw new InputError({ field: '--steps' }, 'no --stream (the steps table needs the whole table in memory)', '--steps with --stream');
      if (opts.stream && opts.mapping !== undefined) throw new InputError({ field: '--stream' }, 'no --mapping (mapped tables are read whole)', '--stream with --mapping');
      const wantStream = opts.out === undefined && !opts.steps && opts.mapping === undefined && (opts.stream || size > STREAM_THRESHOLD_BYTES);
      if (wantStream) {
        head = readHead(file);
        if (!canStream(head)) {
          if (opts.stream) throw new InputError({ file, field: '--stream' }, 'a BioLogic .mpt, EC-Lab CSV or .mpr file (the streamed formats)', 'another format');
          head = undefined;
        }
      }

      let report: { format: string; technique: string | null; rows: number; columns: string[]; rawColumns: string[]; metadata: MeasurementMetadata; warnings: string[]; summary?: Record<string, unknown>; steps?: StepForCli[] };
      if (head) {
        const bar = progressBar(size);
        const s = streamSummary(file, (done) => bar.update(done));
        bar.stop();
        report = {
          format: s.format, technique: s.technique ?? null, rows: s.rows,
          columns: s.columns.map(String), rawColumns: s.rawColumns, metadata: s.metadata, warnings: s.warnings,
        };
        if (opts.summary) report.summary = summaryForCli(s.builder.finish(summaryOptions(s.metadata)));
      } else {
        const bar = progressBar(size);
        const m: Measurement = readMeasurementFile(file, opts.mapping, { onProgress: (fraction) => bar.update(fraction * size) });
        bar.update(size);
        bar.stop();
        report = {
          format: m.format, technique: m.metadata.technique?.join('+') ?? null, rows: m.rows,
          columns: Object.keys(m.columns), rawColumns: m.raw.map((r) => r.name), metadata: m.metadata, warnings: m.warnings,
        };
        if (opts.summary) report.summary = summaryForCli(summariseCycles(m, summaryOptions(m.metadata)));
        if (opts.steps) report.steps = buildSteps(m).map(stepForCli);
        if (opts.out !== undefined) writeOut(m, opts.out);
      }

      if (opts.json) {
        printJson(report);
        return;
      }
      const lines: string[] = [];
      lines.push(`${file}`);
      lines.push(`  format             ${report.format}`);
      lines.push(`  technique          ${report.technique ?? '(not stated)'}`);
      lines.push(`  rows               ${report.rows}`);
      lines.push(...metadataText(report.metadata));
      lines.push(`  columns            ${report.columns.map((c) => (UNIT_OF[c as StandardColumn] ? `${c} [${UNIT_OF[c as StandardColumn]}]` : c)).join(', ')}`);
      lines.push(`  file columns       ${report.rawColumns.join(', ')}`);
      for (const w of report.warnings) lines.push(`  warning: ${w}`);
      if (report.steps) {
        lines.push('', `steps (${report.steps.length})`);
        lines.push(formatTable(['step', 'cycle', 'type', 'rows', 'duration (s)', 'mean I (mA)'], report.steps.map((st) => [String(st.index), String(st.cycle), st.type, String(st.rows), st.durationS ?? '—', st.meanCurrentMa ?? '—'])));
      }
      if (report.summary) lines.push('', summaryText(report.summary));
      if (opts.out !== undefined) lines.push('', `wrote ${opts.out}`);
      process.stdout.write(lines.join('\n') + '\n');
    });
}

/** The first `n` bytes of a file (enough to sniff its format without reading it all). */
function readHead(file: string, n = 65536): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const buf = new Uint8Array(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

function writeOut(m: Measurement, out: string): void {
  if (extname(out).toLowerCase() === '.csv') {
    let s = '';
    for (const piece of bdfCsvChunks(m)) s += piece;
    writeFileAtomic(out, s);
  } else {
    writeFileAtomic(out, JSON.stringify(toMeasurementJson(m, { includeRaw: true }), jsonReplacer) + '\n');
  }
}
