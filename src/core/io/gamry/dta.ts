/**
 * Gamry Framework / Echem Analyst `.DTA` files (text, "EXPLAIN" format).
 *
 * Layout (facts from Gamry's file-format notes and the files impedance.py tests on):
 * - line 1 `EXPLAIN`, line 2 `TAG\t<technique>` (EISPOT, EISGALV, CV, CHRONOA, CHRONOP, CORPOT, …);
 * - header lines `KEY\tTYPE\tVALUE\t…` (TYPE: LABEL, QUANT, IQUANT, POTEN, TOGGLE, SELECTOR, TWOPARAM,
 *   PSTAT, NOTES — NOTES is followed by VALUE continuation lines);
 * - tables: `NAME\tTABLE[\tN]`, then a tab-led line of column names, a tab-led line of units, then
 *   tab-led data rows until the first line that is not tab-led. Data tables are OCVCURVE (the
 *   pre-experiment rest), ZCURVE (impedance), CURVE or CURVE1…CURVEn (one per CV cycle), FRACURVE, …
 * - an aborted run writes `EXPERIMENTABORTED\tTOGGLE\tT` after the last complete table; anything after
 *   it is diagnostics and never part of the main data (impedance.py asserts the aborted file gives
 *   exactly the 72 ZCURVE points of the complete one).
 *
 * Sign conventions: ZCURVE `Zimag` is the signed imaginary part (negative for a capacitive arc) and is
 * kept as is. Current: header `CONVENTION IQUANT 1` is read as Gamry's default "anodic current positive"
 * (the value default installations write; Gamry's file notes do not spell the code out, so 0 is read as
 * the other choice, cathodic positive, and that reading is stated in a warning);
 * with the working electrode on the cell's positive terminal (the cathode under test) anodic current
 * delithiates the cathode, i.e. charges the cell, so it is kept; `CONVENTION 0` (cathodic positive) is
 * negated; a missing or unknown CONVENTION keeps the file's sign and says so in a warning.
 */
import { FormatError } from '../../errors.js';
import type { FormatReader, ReadOptions } from '../formats.js';
import { stepTypeCode, type Measurement, type RawColumn, type StandardColumn } from '../measurement.js';
import { decodeText, headText, parseDateTime, parseNumber, splitLines, isoFromUnix } from '../tabular/text.js';
import { conversionFor } from '../tabular/units.js';

export interface GamryTable {
  name: string;
  /** 1-based line of the `NAME\tTABLE` line. */
  line: number;
  columns: string[];
  units: string[];
  /** Numeric columns (NaN where a cell is not a number, e.g. the `Over` bit strings). */
  values: Float64Array[];
  /** Columns whose cells are text (bit strings such as `..........a`). */
  textColumns: string[];
  rows: number;
  /** Row count the TABLE line declares, when it declares one. */
  declaredRows?: number;
}

export interface GamryFile {
  tag: string;
  header: Record<string, string[]>;
  notes: string[];
  tables: GamryTable[];
  aborted: boolean;
  /** Index in `tables` of the first table after EXPERIMENTABORTED (tables from here are diagnostics). */
  abortedAtTable?: number;
}

/** Parses every header entry and every table of a .DTA file. */
export function parseGamryDta(bytes: Uint8Array, file: string): GamryFile {
  const lines = splitLines(decodeText(bytes));
  if ((lines[0] ?? '').trim() !== 'EXPLAIN') throw new FormatError({ file, line: 1 }, `expected 'EXPLAIN' (Gamry .DTA), found '${(lines[0] ?? '').slice(0, 40)}'`);
  const tagParts = (lines[1] ?? '').split('\t');
  if (tagParts[0] !== 'TAG') throw new FormatError({ file, line: 2 }, `expected 'TAG<tab>technique', found '${(lines[1] ?? '').slice(0, 40)}'`);
  const out: GamryFile = { tag: (tagParts[1] ?? '').trim(), header: {}, notes: [], tables: [], aborted: false };
  let i = 2;
  while (i < lines.length) {
    const line = lines[i];
    if (line === '' || line.startsWith('\t')) {
      i++;
      continue;
    }
    const parts = line.split('\t');
    const key = parts[0].trim();
    const type = (parts[1] ?? '').trim();
    if (type === 'TABLE') {
      i = readTable(lines, i, key, parts, out, file);
      continue;
    }
    if (type === 'NOTES') {
      const n = Math.max(0, Math.min(Number.parseInt(parts[2] ?? '0', 10) || 0, lines.length - i - 1));
      for (let k = 1; k <= n; k++) out.notes.push(lines[i + k].replace(/^\t/, ''));
      i += n + 1;
      continue;
    }
    out.header[key] = parts.slice(1);
    if (key === 'EXPERIMENTABORTED' && (parts[2] ?? '').trim() === 'T') {
      out.aborted = true;
      out.abortedAtTable = out.tables.length;
    }
    i++;
  }
  return out;
}

function readTable(lines: string[], at: number, name: string, parts: string[], out: GamryFile, file: string): number {
  const declared = parts[2] !== undefined && parts[2].trim() !== '' ? Number.parseInt(parts[2], 10) : undefined;
  const namesLine = lines[at + 1];
  const unitsLine = lines[at + 2];
  if (namesLine === undefined || unitsLine === undefined || !namesLine.startsWith('\t') || !unitsLine.startsWith('\t')) {
    throw new FormatError({ file, line: at + 2 }, `table ${name}: expected a tab-led line of column names and one of units after the TABLE line`);
  }
  const columns = namesLine.split('\t').slice(1).map((s) => s.trim());
  const units = unitsLine.split('\t').slice(1).map((s) => s.trim());
  let end = at + 3;
  while (end < lines.length && lines[end].startsWith('\t')) end++;
  const cap = end - (at + 3);
  const nCols = columns.length;
  const values = columns.map(() => new Float64Array(cap));
  const isText = new Array<boolean>(nCols).fill(false);
  let rows = 0;
  for (let r = at + 3; r < end; r++) {
    const cells = lines[r].split('\t');
    for (let c = 0; c < nCols; c++) {
      const v = parseNumber(cells[c + 1] ?? '');
      if (Number.isNaN(v) && (cells[c + 1] ?? '').trim() !== '') isText[c] = true;
      values[c][rows] = v;
    }
    rows++;
  }
  out.tables.push({
    name,
    line: at + 1,
    columns,
    units,
    values: values.filter((_, c) => !isText[c]),
    textColumns: columns.filter((_, c) => isText[c]),
    rows,
    declaredRows: Number.isFinite(declared) ? declared : undefined,
  });
  // keep `columns`/`units` aligned with `values`
  const t = out.tables[out.tables.length - 1];
  t.units = t.units.filter((_, c) => !isText[c]);
  t.columns = t.columns.filter((_, c) => !isText[c]);
  return end;
}

/** Gamry column name → standard column. Units come from the table's unit line and are checked. */
const COLUMN_MAP: Record<string, StandardColumn> = {
  T: 'time_s', Time: 'time_s',
  Vf: 'voltage_V', Vdc: 'voltage_V',
  Im: 'current_A', Idc: 'current_A',
  Freq: 'frequency_Hz', Zreal: 'zReal_Ohm', Zimag: 'zImag_Ohm',
  Temp: 'temperature_K',
  Cycle: 'cycle',
};
/** Units Gamry writes that our unit table spells differently. */
const UNIT_ALIASES: Record<string, string> = { 'V vs. Ref.': 'V', 'V vs. Ref': 'V', 'deg C': '°C', 'deg': '°C', S: 's' };
/** Gamry writes -327.67 °C when no thermocouple is connected. */
const NO_THERMOCOUPLE = -327.67;

function chooseMain(g: GamryFile): GamryTable[] {
  const usable = g.abortedAtTable !== undefined ? g.tables.slice(0, g.abortedAtTable) : g.tables;
  const z = usable.find((t) => t.name === 'ZCURVE');
  if (z) return [z];
  const curves = usable.filter((t) => /^CURVE\d*$/.test(t.name));
  if (curves.length > 0) return curves;
  const others = usable.filter((t) => t.name !== 'OCVCURVE');
  if (others.length > 0) return [others.reduce((a, b) => (b.rows > a.rows ? b : a))];
  return usable.length > 0 ? [usable[0]] : [];
}

export function readGamryDta(bytes: Uint8Array, file: string, _options?: ReadOptions): Measurement {
  const g = parseGamryDta(bytes, file);
  const warnings: string[] = [];
  const main = chooseMain(g);
  if (main.length === 0) throw new FormatError({ file }, 'no data table found (expected ZCURVE, CURVE or another TABLE)');
  if (g.aborted) warnings.push(`experiment was aborted (EXPERIMENTABORTED); data read up to table ${main[main.length - 1].name}`);
  for (const t of g.tables) {
    if (t.declaredRows !== undefined && t.rows < t.declaredRows) warnings.push(`table ${t.name} declares ${t.declaredRows} rows but has ${t.rows} (run ended early)`);
  }
  const rows = main.reduce((s, t) => s + t.rows, 0);
  const columns: Partial<Record<StandardColumn, Float64Array>> = {};
  const raw: RawColumn[] = [];
  const names = main[0].columns;
  const multi = main.length > 1;
  for (let c = 0; c < names.length; c++) {
    const name = names[c];
    const unit = main[0].units[c] ?? '';
    const values = new Float64Array(rows);
    let o = 0;
    for (const t of main) {
      const k = t.columns.indexOf(name);
      for (let r = 0; r < t.rows; r++) values[o + r] = k >= 0 ? t.values[k][r] : NaN;
      o += t.rows;
    }
    raw.push({ name, unit, values });
    const std = COLUMN_MAP[name];
    if (!std || columns[std] !== undefined) continue;
    const conv = conversionFor(std, UNIT_ALIASES[unit] ?? unit);
    if (!conv || conv.kind !== 'number') {
      warnings.push(`column '${name}' has unit '${unit}', not one known for ${std}; kept only as a raw column`);
      continue;
    }
    const si = new Float64Array(rows);
    let sentinel = 0;
    for (let r = 0; r < rows; r++) {
      if (std === 'temperature_K' && values[r] === NO_THERMOCOUPLE) {
        si[r] = NaN;
        sentinel++;
      } else si[r] = values[r] * conv.scale + conv.offset;
    }
    if (std === 'temperature_K' && sentinel === rows) {
      warnings.push(`column '${name}' reads ${NO_THERMOCOUPLE} °C throughout (no thermocouple); temperature omitted`);
      continue;
    }
    columns[std] = si;
  }
  if (multi) {
    // CURVE1..CURVEn are successive cycles (CV); number them from the table names.
    const cyc = new Float64Array(rows);
    let o = 0;
    for (const t of main) {
      const n = Number(/\d+$/.exec(t.name)?.[0] ?? '1');
      cyc.fill(n, o, o + t.rows);
      o += t.rows;
    }
    columns.cycle = cyc;
  }
  // Current convention (see file comment).
  const conventionRaw = g.header.CONVENTION?.[1]?.trim();
  const current = columns.current_A;
  if (current) {
    if (conventionRaw === '0') {
      for (let r = 0; r < rows; r++) current[r] = -current[r];
      warnings.push('CONVENTION 0 read as cathodic-current-positive: current negated so that positive charges the cell');
    }
    else if (conventionRaw !== '1') warnings.push(`current convention ${conventionRaw === undefined ? 'not stated' : `'${conventionRaw}' not known`} in the file; current kept as written (assumed anodic positive = charging)`);
  }
  if (main[0].name === 'ZCURVE') columns.stepType = new Float64Array(rows).fill(stepTypeCode('eis'));
  const h = (k: string): string | undefined => g.header[k]?.[1]?.trim();
  const extra: Record<string, string | number> = {};
  for (const t of g.tables) extra[`table ${t.name} rows`] = t.rows;
  if (g.notes.some((n) => n.trim() !== '')) extra.notes = g.notes.join('\n').trim();
  const areaCm2 = parseNumber(h('AREA') ?? '');
  const date = h('DATE');
  const time = h('TIME');
  const start = date ? parseDateTime(`${date} ${time ?? '00:00:00'}`) : NaN;
  return {
    format: 'gamry-dta',
    source: file,
    rows,
    columns,
    raw,
    metadata: {
      instrument: h('PSTAT') ?? h('PSTATSECTION'),
      softwareVersion: h('FRAMEWORKVERSION'),
      startTime: isoFromUnix(start),
      technique: g.tag ? [g.tag] : undefined,
      electrodeAreaM2: Number.isFinite(areaCm2) ? areaCm2 * 1e-4 : undefined,
      extra: { mainTable: main.map((t) => t.name).join(','), aborted: g.aborted ? 'yes' : 'no', ...extra },
    },
    warnings,
  };
}

export const gamryDtaReader: FormatReader = {
  id: 'gamry-dta',
  description: 'Gamry Framework data file (.DTA: EIS, CV, chronoamperometry, … ; aborted runs)',
  extensions: ['.dta'],
  sniff: (bytes) => /^EXPLAIN\r?\nTAG\t/.test(headText(bytes, 64)),
  read: readGamryDta,
};
