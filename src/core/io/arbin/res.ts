/**
 * Arbin MITS Pro result files (`.res`): a Microsoft Access / Jet 4 database ("Standard Jet DB",
 * 4096-byte pages), read with the maintained `mdb-reader` library.
 *
 * Tables used (names as Arbin writes them; the same ones cellpy's arbin_res loader reads):
 * - Global_Table: one row per test — Test_ID, Test_Name, Channel_Index, Start_DateTime (OLE date),
 *   Software_Version, Schedule_File_Name, Serial_Number, MASS (g), Specific_Capacity, Capacity.
 * - Channel_Normal_Table: the data — Test_ID, Data_Point, Test_Time (s), Step_Time (s), DateTime (OLE
 *   date), Step_Index, Cycle_Index, Current (A), Voltage (V), Charge_/Discharge_Capacity (Ah),
 *   Charge_/Discharge_Energy (Wh), dV/dt (V/s), Internal_Resistance (Ω), AC_Impedance (Ω), ACI_Phase_Angle (°).
 * - Channel_Statistic_Table, Auxiliary_Table, Version_Table: row counts and version into metadata.
 *
 * Conventions: Arbin's current is positive while charging (the schedule's "Charge" steps), which is
 * ours, so it is kept. Charge_/Discharge_Capacity and energies count up from 0 at the start of each
 * cycle (not each step): metadata.extra.cumulative = 'per cycle'. DateTime is an OLE Automation date
 * (days since 1899-12-30, instrument-PC local time, no zone): unix = (d − 25569) × 86400, read as UTC.
 *
 * Browser note: mdb-reader reads through Node's Buffer API. In Node the global Buffer is used; in a
 * browser the page must provide `globalThis.Buffer` (e.g. the `buffer` npm package); without it this
 * reader throws a FormatError saying so rather than failing obscurely.
 */
import MDBReader from 'mdb-reader';
import { CathodeLabError, FormatError } from '../../errors.js';
import type { FormatReader, ReadOptions } from '../formats.js';
import type { Measurement, RawColumn, StandardColumn } from '../measurement.js';
import { isoFromUnix } from '../tabular/text.js';
import { classifySteps } from '../tabular/step-types.js';

/** Arbin column → [standard column, SI scale]. Arbin stores SI-like units already (A, V, Ah, Wh, s, Ω). */
const DATA_COLUMNS: Record<string, [StandardColumn, number]> = {
  Test_Time: ['time_s', 1],
  Voltage: ['voltage_V', 1],
  Current: ['current_A', 1],
  Charge_Capacity: ['chargeCapacity_Ah', 1],
  Discharge_Capacity: ['dischargeCapacity_Ah', 1],
  Charge_Energy: ['chargeEnergy_Wh', 1],
  Discharge_Energy: ['dischargeEnergy_Wh', 1],
  Cycle_Index: ['cycle', 1],
  Step_Index: ['step', 1],
  Internal_Resistance: ['internalResistance_Ohm', 1],
};
const UNITS: Record<string, string> = {
  Test_Time: 's', Step_Time: 's', DateTime: 'OLE date (d)', Current: 'A', Voltage: 'V', Charge_Capacity: 'Ah', Discharge_Capacity: 'Ah',
  Charge_Energy: 'Wh', Discharge_Energy: 'Wh', 'dV/dt': 'V/s', Internal_Resistance: 'Ohm', AC_Impedance: 'Ohm', ACI_Phase_Angle: 'deg',
};
const KNOWN_OTHER = new Set(['Test_ID', 'Data_Point', 'Step_Time', 'DateTime', 'Is_FC_Data', 'dV/dt', 'AC_Impedance', 'ACI_Phase_Angle']);

/** Days between the OLE Automation epoch (1899-12-30) and the Unix epoch. */
const OLE_TO_UNIX_DAYS = 25569;
export const oleDateToUnix = (d: number): number => (d - OLE_TO_UNIX_DAYS) * 86400;

/** Jet databases start with 0x00 0x01 0x00 0x00 then "Standard Jet DB" (ACE: "Standard ACE DB"). */
export function isJetDatabase(bytes: Uint8Array): boolean {
  if (bytes.length < 20 || bytes[0] !== 0 || bytes[1] !== 1 || bytes[2] !== 0 || bytes[3] !== 0) return false;
  const sig = String.fromCharCode(...bytes.subarray(4, 19));
  return sig === 'Standard Jet DB' || sig === 'Standard ACE DB';
}

interface BufferCtor {
  from(ab: ArrayBufferLike, byteOffset: number, length: number): Uint8Array;
}

function toBuffer(bytes: Uint8Array, file: string): Uint8Array {
  const B = (globalThis as { Buffer?: BufferCtor }).Buffer;
  if (!B) throw new FormatError({ file }, 'reading Arbin .res needs a global Buffer (Node has one; in a browser load the "buffer" polyfill)');
  return B.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

type Row = Record<string, unknown>;
const asNumber = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : typeof v === 'bigint' ? Number(v) : NaN);

export function readArbinRes(bytes: Uint8Array, file: string, options?: ReadOptions): Measurement {
  if (!isJetDatabase(bytes)) throw new FormatError({ file, byteOffset: 0 }, 'expected a Microsoft Access/Jet database (Arbin .res): bad signature');
  try {
    return readArbinResUnchecked(bytes, file, options);
  } catch (e) {
    if (e instanceof CathodeLabError) throw e;
    // mdb-reader throws plain Errors (or RangeErrors from Buffer reads) on corrupt pages.
    const msg = e instanceof Error ? e.message : String(e);
    const at = /offset[^\d]*(\d+)/i.exec(msg);
    throw new FormatError({ file, byteOffset: at ? Number(at[1]) : undefined }, `corrupt or truncated Access database: ${msg.slice(0, 200)}`);
  }
}

function readArbinResUnchecked(bytes: Uint8Array, file: string, options?: ReadOptions): Measurement {
  const reader = new MDBReader(toBuffer(bytes, file) as never);
  const tables = reader.getTableNames();
  if (!tables.includes('Channel_Normal_Table')) throw new FormatError({ file }, `not an Arbin result database: no Channel_Normal_Table (tables: ${tables.join(', ')})`);
  const warnings: string[] = [];
  const data = reader.getTable('Channel_Normal_Table');
  const names = data.getColumnNames();
  const rowsData = data.getData() as Row[];
  options?.onProgress?.(0.8);
  // Rows are stored in insertion order; sort by (Test_ID, Data_Point) as Arbin's own export does.
  rowsData.sort((a, b) => asNumber(a.Test_ID) - asNumber(b.Test_ID) || asNumber(a.Data_Point) - asNumber(b.Data_Point));
  const rows = rowsData.length;
  const raw: RawColumn[] = [];
  const columns: Partial<Record<StandardColumn, Float64Array>> = {};
  const unknown: string[] = [];
  for (const name of names) {
    const values = new Float64Array(rows);
    for (let i = 0; i < rows; i++) values[i] = asNumber(rowsData[i][name]);
    raw.push({ name, unit: UNITS[name] ?? '', values });
    const map = DATA_COLUMNS[name];
    if (map) {
      const [std, scale] = map;
      const si = scale === 1 ? values.slice() : values.map((v) => v * scale);
      if (std === 'chargeCapacity_Ah' || std === 'dischargeCapacity_Ah' || std === 'chargeEnergy_Wh' || std === 'dischargeEnergy_Wh') for (let i = 0; i < rows; i++) si[i] = Math.abs(si[i]);
      columns[std] = si;
    } else if (name === 'DateTime') {
      columns.unixTime_s = values.map(oleDateToUnix);
    } else if (!KNOWN_OTHER.has(name)) unknown.push(name);
  }
  if (unknown.length > 0) warnings.push(`Channel_Normal_Table column(s) not recognised, kept only as raw columns: ${unknown.map((u) => `'${u}'`).join(', ')}`);
  for (const need of ['Test_Time', 'Voltage', 'Current'] as const) if (!names.includes(need)) warnings.push(`Channel_Normal_Table has no ${need} column`);
  if (columns.current_A) columns.stepType = classifySteps(rows, columns.current_A, columns.voltage_V, columns.step);
  const testIds = new Set(rowsData.map((r) => asNumber(r.Test_ID)));
  if (testIds.size > 1) warnings.push(`the database holds ${testIds.size} tests (Test_ID ${[...testIds].join(', ')}); rows of all are returned, ordered by Test_ID then Data_Point`);

  const extra: Record<string, string | number> = { cumulative: 'per cycle' };
  let metadata: Measurement['metadata'] = { instrument: 'Arbin', extra };
  if (tables.includes('Global_Table')) {
    const g = reader.getTable('Global_Table').getData() as Row[];
    const first = g[0];
    if (first) {
      const s = (k: string): string | undefined => (typeof first[k] === 'string' && first[k] !== '' ? (first[k] as string) : undefined);
      const start = asNumber(first.Start_DateTime);
      const massG = asNumber(first.MASS);
      metadata = {
        instrument: s('Serial_Number') ? `Arbin (serial ${s('Serial_Number')})` : 'Arbin',
        softwareVersion: s('Software_Version'),
        startTime: Number.isFinite(start) ? isoFromUnix(oleDateToUnix(start)) : undefined,
        channel: Number.isFinite(asNumber(first.Channel_Index)) ? String(asNumber(first.Channel_Index)) : undefined,
        // MITS Pro records the active mass in grams.
        activeMassKg: Number.isFinite(massG) && massG > 0 ? massG * 1e-3 : undefined,
        extra,
      };
      for (const k of ['Test_Name', 'Schedule_File_Name', 'Schedule_Version', 'Creator', 'Comments', 'Item_ID']) if (s(k)) extra[k] = s(k) as string;
      const spec = asNumber(first.Specific_Capacity);
      if (Number.isFinite(spec)) extra.Specific_Capacity = spec;
      const cap = asNumber(first.Capacity);
      if (Number.isFinite(cap)) extra.Capacity = cap;
    }
  } else warnings.push('no Global_Table: test name, start time and mass unknown');
  if (tables.includes('Version_Table')) {
    const v = reader.getTable('Version_Table').getData() as Row[];
    if (typeof v[0]?.Version_Schema_Field === 'string') extra.resultsFileVersion = v[0].Version_Schema_Field;
  }
  for (const t of ['Channel_Statistic_Table', 'Auxiliary_Table', 'Event_Table']) if (tables.includes(t)) extra[`${t} rows`] = reader.getTable(t).rowCount;
  if (tables.includes('Auxiliary_Table') && reader.getTable('Auxiliary_Table').rowCount > 0) warnings.push('Auxiliary_Table (thermocouples, aux voltages) has rows that are not yet merged into the data');
  options?.onProgress?.(1);
  return { format: 'arbin-res', source: file, rows, columns, raw, metadata, warnings };
}

export const arbinResReader: FormatReader = {
  id: 'arbin-res',
  description: 'Arbin MITS Pro result database (.res, Microsoft Access/Jet)',
  extensions: ['.res'],
  sniff: (bytes) => isJetDatabase(bytes),
  read: readArbinRes,
};
