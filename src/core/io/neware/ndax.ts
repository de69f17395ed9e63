/**
 * Neware BTS `.ndax` files: a zip archive (read with fflate) holding
 * - data.ndc (voltage, current per record), data_runInfo.ndc (times, capacities, energies, step, index;
 *   BTS 8 writes these only every few records), data_step.ndc (cycle, step status), data_AUX_*.ndc
 *   (auxiliary channels, one value per data record), and XML: VersionInfo.xml (software versions),
 *   TestInfo.xml (device/unit/channel, start time, aux mapping), Step.xml (schedule; SCQ = active mass
 *   in µg when set). Member layouts are documented in ndc.ts.
 *
 * Conventions: Neware writes charging current positive and discharging negative — ours, kept.
 * Capacities and energies are non-negative and reset at the start of every step (Neware's own rule).
 * Records without a runInfo entry (BTS 8 thins them) get time by linear interpolation between the
 * surrounding runInfo entries (constant record interval inside a step; beyond the last one, the
 * recorded dt), and capacity/energy by integrating I and I·V from the previous entry in the same step;
 * a warning says how many rows were filled so. NewareNDA fills them in the same spirit.
 * Unix times are the instrument's (UTC epoch seconds + milliseconds).
 */
import { unzipSync } from 'fflate';
import { CathodeLabError, FormatError } from '../../errors.js';
import type { FormatReader, ReadOptions } from '../formats.js';
import { stepTypeCode, type Measurement, type MeasurementMetadata, type RawColumn } from '../measurement.js';
import { isoFromUnix, parseDateTime } from '../tabular/text.js';
import { classifySteps } from '../tabular/step-types.js';
import { ndcInfo, partialPageBytes, readNdcAux, readNdcData, readNdcLegacy, readNdcRunInfo, readNdcSteps, type NdcData, type NdcInfo, type NdcRunInfo, type NdcStep } from './ndc.js';
import { addAux, assembleNeware, type NewareParsed } from './nda.js';
import { NEWARE_STATUS } from './status.js';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function decodeXml(bytes: Uint8Array): string {
  // Neware declares GB2312; gb18030 is its superset and every WHATWG TextDecoder knows it.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 100));
  const enc = /encoding="([^"]+)"/i.exec(head)?.[1]?.toLowerCase() ?? 'utf-8';
  try {
    return new TextDecoder(enc.startsWith('gb') ? 'gb18030' : enc).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

const attr = (xml: string, element: string, name: string): string | undefined => {
  const el = new RegExp(`<${element}\\b[^>]*?\\b${name}="([^"]*)"`).exec(xml);
  return el?.[1];
};

/** Members the reader uses; the others (data_log, data_es, EditStep, DAComment) are listed, not inflated. */
const NEEDED = /^(data(_runInfo|_step|_AUX_.*)?\.ndc|(Step|TestInfo|VersionInfo)\.xml)$/;

export function unzipNdax(bytes: Uint8Array, file: string, all = false): Record<string, Uint8Array> {
  if (bytes.length < 4 || ZIP_MAGIC.some((b, i) => bytes[i] !== b)) throw new FormatError({ file, byteOffset: 0 }, 'expected a zip archive (Neware .ndax starts with PK\\x03\\x04)');
  try {
    const skipped: string[] = [];
    const out = unzipSync(bytes, { filter: (f) => all || NEEDED.test(f.name) || (skipped.push(f.name), false) });
    for (const n of skipped) out[n] = new Uint8Array(0);
    return out;
  } catch (e) {
    throw new FormatError({ file }, `corrupt or truncated zip archive: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function readNdax(bytes: Uint8Array, file: string, options?: ReadOptions): Measurement {
  try {
    return readNdaxUnchecked(bytes, file, options);
  } catch (e) {
    if (e instanceof CathodeLabError) throw e;
    throw new FormatError({ file }, `corrupt .ndax member: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function readNdaxUnchecked(bytes: Uint8Array, file: string, options?: ReadOptions): Measurement {
  const members = unzipNdax(bytes, file);
  const warnings: string[] = [];
  const dataBytes = members['data.ndc'];
  if (!dataBytes) throw new FormatError({ file }, `no data.ndc in the archive (members: ${Object.keys(members).join(', ')})`);
  const member = (n: string): string => `${file}:${n}`;
  const dInfo = ndcInfo(dataBytes, member('data.ndc'));
  if (dInfo.fileType !== 1) throw new FormatError({ file: member('data.ndc'), byteOffset: 0 }, `expected ndc file type 1 (data), found ${dInfo.fileType}`);
  if (dInfo.version === 2 || dInfo.version === 5) return readLegacyNdax(members, dInfo, file, warnings);
  for (const [n, b] of Object.entries(members)) if (n.endsWith('.ndc') && partialPageBytes(b) !== 0) warnings.push(`${n}: ${partialPageBytes(b)} bytes after the last whole page ignored (file truncated?)`);
  const data = readNdcData(dataBytes, dInfo, member('data.ndc'));
  options?.onProgress?.(0.4);
  const rows = data.voltageV.length;
  let run: NdcRunInfo | undefined;
  let steps: NdcStep[] = [];
  // An unknown runInfo/step version leaves voltage and current readable: warn and go on.
  const orWarn = <T>(fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
      warnings.push(`${e.message}; read without it`);
      return fallback;
    }
  };
  if (members['data_runInfo.ndc']) {
    const b = members['data_runInfo.ndc'];
    run = orWarn(() => readNdcRunInfo(b, ndcInfo(b, member('data_runInfo.ndc')), member('data_runInfo.ndc')), undefined);
  } else warnings.push('no data_runInfo.ndc: times, capacities and energies are not in this archive (older layouts keep them in data.ndc, which is not supported)');
  if (members['data_step.ndc']) {
    const b = members['data_step.ndc'];
    steps = orWarn(() => readNdcSteps(b, ndcInfo(b, member('data_step.ndc')), member('data_step.ndc')), []);
  }
  const columns: Measurement['columns'] = { voltage_V: data.voltageV, current_A: data.currentA };
  const raw: RawColumn[] = [
    { name: 'Voltage', unit: 'V', values: data.voltageV },
    { name: 'Current', unit: 'A', values: data.currentA },
  ];
  if (run && run.count > 0 && rows > 0) mergeRunInfo(data, run, steps, columns, raw, warnings);
  options?.onProgress?.(0.8);
  // Aux channels.
  const auxNames = Object.keys(members).filter((n) => /^data_AUX_.*\.ndc$/.test(n)).sort();
  for (const n of auxNames) {
    const b = members[n];
    const info = ndcInfo(b, member(n));
    const values = readNdcAux(b, info, data);
    if (info.version !== 14 && info.version !== 17) {
      warnings.push(`${n}: aux layout of ndc version ${info.version} not supported; skipped`);
      continue;
    }
    if (!values) continue;
    raw.push({ name: `${n.replace(/\.ndc$/, '')} T`, unit: '°C', values });
    if (!columns.temperature_K) columns.temperature_K = values.map((t) => t + 273.15);
  }
  // Step types from the step status, else from the current.
  const stepCol = columns.step;
  const byCurrent = classifySteps(rows, data.currentA, data.voltageV, stepCol);
  if (stepCol && steps.length > 0) {
    const st = new Float64Array(rows);
    const unknownCodes = new Set<number>();
    for (let i = 0; i < rows; i++) {
      const s = steps[stepCol[i] - 1];
      const code = s ? NEWARE_STATUS[s.status] : undefined;
      if (s && !code) unknownCodes.add(s.status);
      st[i] = code?.[1] !== undefined ? stepTypeCode(code[1]) : byCurrent[i];
    }
    if (unknownCodes.size > 0) warnings.push(`step status code(s) ${[...unknownCodes].join(', ')} not known; their step type is inferred from the current`);
    columns.stepType = st;
    raw.push({ name: 'Status', unit: 'Neware status code', values: stepCol.map((k) => steps[k - 1]?.status ?? NaN) });
  } else columns.stepType = byCurrent;
  const metadata = readMetadata(members, warnings);
  if (columns.unixTime_s && !metadata.startTime) metadata.startTime = isoFromUnix(columns.unixTime_s[0]);
  options?.onProgress?.(1);
  return { format: 'neware-ndax', source: file, rows, columns, raw, metadata, warnings };
}

/** BTS 7.6/8.0 archives: whole records in data.ndc (ndc v2/v5), aux members in the same record layout. */
function readLegacyNdax(members: Record<string, Uint8Array>, info: NdcInfo, file: string, warnings: string[]): Measurement {
  const data = readNdcLegacy(members['data.ndc'], info, `${file}:data.ndc`);
  const parsed: NewareParsed = { layout: `ndax, ndc v${info.version} (whole records in data.ndc)`, recs: data.recs, aux: new Map(), warnings, hasCycle: true };
  if (data.unknownRanges.size > 0) warnings.push(`current range code(s) ${[...data.unknownRanges].join(', ')} not known: current, capacity and energy of those records are missing (NaN)`);
  const auxSets = [data.aux];
  for (const n of Object.keys(members).filter((k) => /^data_AUX_.*\.ndc$/.test(k)).sort()) {
    const b = members[n];
    if (b.length === 0) continue;
    const ai = ndcInfo(b, `${file}:${n}`);
    if (ai.version === 2 || ai.version === 5) auxSets.push(readNdcLegacy(b, ai, `${file}:${n}`).aux);
    else warnings.push(`${n}: aux layout of ndc version ${ai.version} next to a v${info.version} data member not supported; skipped`);
  }
  for (const set of auxSets) for (const a of set) addAux(parsed, a.ch, a.index, a.t);
  if (parsed.recs.length === 0) throw new FormatError({ file: `${file}:data.ndc` }, `no data records (0x55) found in ndc version ${info.version}`);
  const m = assembleNeware(parsed, 'neware-ndax');
  m.source = file;
  const md = readMetadata(members, m.warnings);
  m.metadata = { ...md, startTime: md.startTime ?? m.metadata.startTime, extra: { ...(md.extra ?? {}), ...(m.metadata.extra ?? {}) } };
  return m;
}

function mergeRunInfo(data: NdcData, run: NdcRunInfo, steps: NdcStep[], columns: Measurement['columns'], raw: RawColumn[], warnings: string[]): void {
  const rows = data.voltageV.length;
  const I = data.currentA;
  const V = data.voltageV;
  // Row of each runInfo record (index is 1-based over kept data records).
  const known = new Int32Array(rows).fill(-1);
  let outside = 0;
  for (let k = 0; k < run.count; k++) {
    const r = run.index[k] - 1;
    if (r >= 0 && r < rows) known[r] = k;
    else outside++;
  }
  if (outside > 0) warnings.push(`${outside} runInfo record(s) point past the ${rows} data records; ignored`);
  // Step occurrence per row: from v17 step starts when they are consistent, else runInfo step forward-filled.
  const step = new Float64Array(rows);
  const starts = steps.map((s) => s.firstIndex ?? NaN);
  const startsOk = steps.length > 0 && starts.every((s, i) => Number.isFinite(s) && (i === 0 || s > starts[i - 1]));
  if (startsOk) {
    let k = 0;
    for (let i = 0; i < rows; i++) {
      while (k + 1 < starts.length && i + 1 >= starts[k + 1]) k++;
      step[i] = k + 1;
    }
  } else {
    // runInfo step numbers → occurrence count (a new occurrence each time the number changes).
    let occ = 0;
    let last = NaN;
    let cur = NaN;
    for (let i = 0; i < rows; i++) {
      const k = known[i];
      if (k >= 0 && run.step[k] !== last) {
        occ++;
        last = run.step[k];
      }
      cur = occ === 0 ? 1 : occ;
      step[i] = cur;
    }
  }
  // Unix time: exact where known, linear between known rows, dt-extrapolated at the ends.
  const unix = new Float64Array(rows).fill(NaN);
  let prev = -1;
  let filled = 0;
  for (let i = 0; i < rows; i++) {
    const k = known[i];
    if (k < 0) continue;
    unix[i] = run.unixS[k];
    if (prev >= 0 && i - prev > 1) {
      const a = unix[prev];
      const b = unix[i];
      for (let j = prev + 1; j < i; j++) unix[j] = a + ((b - a) * (j - prev)) / (i - prev);
    }
    prev = i;
  }
  const firstKnown = known.findIndex((k) => k >= 0);
  if (firstKnown > 0) {
    const dt = run.dtS[known[firstKnown]] || 0;
    for (let j = 0; j < firstKnown; j++) unix[j] = unix[firstKnown] - (firstKnown - j) * dt;
  }
  if (prev >= 0 && prev < rows - 1) {
    const dt = run.dtS[known[prev]] || 0;
    for (let j = prev + 1; j < rows; j++) unix[j] = unix[prev] + (j - prev) * dt;
  }
  // Capacities and energies: exact where known, integrated from the last value in the same step.
  const cc = new Float64Array(rows);
  const dc = new Float64Array(rows);
  const ce = new Float64Array(rows);
  const de = new Float64Array(rows);
  const stepTime = new Float64Array(rows);
  let acc = [0, 0, 0, 0, 0];
  for (let i = 0; i < rows; i++) {
    const k = known[i];
    if (k >= 0) acc = [run.chargeAh[k], run.dischargeAh[k], run.chargeWh[k], run.dischargeWh[k], run.stepTimeS[k]];
    else {
      filled++;
      if (i === 0 || step[i] !== step[i - 1]) acc = [0, 0, 0, 0, 0];
      else {
        const dt = unix[i] - unix[i - 1];
        const q = (Math.abs(I[i]) * dt) / 3600;
        const e = (Math.abs(I[i] * V[i]) * dt) / 3600;
        if (I[i] > 0) {
          acc[0] += q;
          acc[2] += e;
        } else if (I[i] < 0) {
          acc[1] += q;
          acc[3] += e;
        }
        acc[4] += dt;
      }
    }
    cc[i] = Math.abs(acc[0]);
    dc[i] = Math.abs(acc[1]);
    ce[i] = Math.abs(acc[2]);
    de[i] = Math.abs(acc[3]);
    stepTime[i] = acc[4];
  }
  if (filled > 0) warnings.push(`${filled} of ${rows} records have no runInfo entry (BTS thins them); their time, step time, capacity and energy are interpolated/integrated`);
  const t0 = unix[0];
  columns.unixTime_s = unix;
  columns.time_s = unix.map((u) => u - t0);
  columns.step = step;
  columns.chargeCapacity_Ah = cc;
  columns.dischargeCapacity_Ah = dc;
  columns.chargeEnergy_Wh = ce;
  columns.dischargeEnergy_Wh = de;
  if (steps.length > 0) {
    const cyc = new Float64Array(rows);
    for (let i = 0; i < rows; i++) cyc[i] = steps[step[i] - 1]?.cycle ?? NaN;
    columns.cycle = cyc;
  }
  raw.push(
    { name: 'Step time', unit: 's', values: stepTime },
    { name: 'Charge_Capacity', unit: 'Ah', values: cc },
    { name: 'Discharge_Capacity', unit: 'Ah', values: dc },
    { name: 'Charge_Energy', unit: 'Wh', values: ce },
    { name: 'Discharge_Energy', unit: 'Wh', values: de },
    { name: 'Timestamp', unit: 'unix s', values: unix },
  );
}

function readMetadata(members: Record<string, Uint8Array>, warnings: string[]): MeasurementMetadata {
  const md: MeasurementMetadata = { instrument: 'Neware BTS', extra: {} };
  const extra = md.extra as Record<string, string | number>;
  const ver = members['VersionInfo.xml'];
  if (ver) {
    const x = decodeXml(ver);
    md.softwareVersion = attr(x, 'ZwjVersion', 'CurrClientVer');
    const svr = attr(x, 'ZwjVersion', 'SvrVer');
    if (svr) extra.serverVersion = svr;
  }
  const ti = members['TestInfo.xml'];
  if (ti) {
    const x = decodeXml(ti);
    const dev = attr(x, 'TestInfo', 'DevID');
    const unit = attr(x, 'TestInfo', 'UnitID');
    const ch = attr(x, 'TestInfo', 'ChlID');
    if (dev !== undefined && ch !== undefined) md.channel = `${dev}-${unit ?? '0'}-${ch}`;
    const start = attr(x, 'TestInfo', 'StartTime');
    // Neware writes the start time in the tester PC's local time without a zone; read as UTC.
    if (start) md.startTime = isoFromUnix(parseDateTime(start));
    const name = attr(x, 'TestInfo', 'StepName');
    if (name) extra.schedule = name;
    const range = attr(x, 'TestInfo', 'CurrRange');
    if (range) extra['current range (mA)'] = Number(range);
  }
  const st = members['Step.xml'];
  if (st) {
    const x = decodeXml(st);
    // SCQ = active mass in µg (NewareNDA logs SCQ/1000 as mg).
    const scq = Number(attr(x, 'SCQ', 'Value'));
    if (Number.isFinite(scq) && scq > 0) md.activeMassKg = scq * 1e-9;
  }
  const known = /^(data(_runInfo|_step|_log|_es|_AUX_.*)?\.ndc|(Step|EditStep|TestInfo|VersionInfo|DAComment)\.xml)$/;
  const unknown = Object.keys(members).filter((n) => !known.test(n));
  if (unknown.length > 0) warnings.push(`archive member(s) not read: ${unknown.join(', ')}`);
  return md;
}

export const newareNdaxReader: FormatReader = {
  id: 'neware-ndax',
  description: 'Neware BTS 7.6/8 archive (.ndax; ndc versions 2, 5, 11, 14, 17)',
  extensions: ['.ndax'],
  sniff: (bytes, name) => name.toLowerCase().endsWith('.ndax') && bytes.length >= 4 && ZIP_MAGIC.every((b, i) => bytes[i] === b),
  read: readNdax,
};
