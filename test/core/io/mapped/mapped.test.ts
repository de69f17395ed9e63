import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zipSync, strToU8 } from 'fflate';
import { readFixtureBytes, readFixtureText } from '../../../helpers/fixtures.js';
import { assertClose } from '../../../helpers/close.js';
import { readMapped, mappedReader } from '../../../../src/core/io/mapped/reader.js';
import { parseColumnMapping } from '../../../../src/core/io/mapped/mapping.js';
import { readNewareCsv } from '../../../../src/core/io/neware/csv.js';
import { readArbinCsv } from '../../../../src/core/io/arbin/csv.js';
import { openXlsx } from '../../../../src/core/io/tabular/xlsx.js';
import { STEP_TYPES } from '../../../../src/core/io/measurement.js';
import { FormatError, InputError } from '../../../../src/core/errors.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

const NEWARE_MAPPING = {
  columns: {
    'Cumulative Time': { column: 'time_s', unit: 'hh:mm:ss' },
    'Current(A)': { column: 'current_A', unit: 'A', sign: 'positive-charge' },
    'Voltage(V)': { column: 'voltage_V', unit: 'V' },
    'Chg. Cap.(Ah)': { column: 'chargeCapacity_Ah', unit: 'Ah' },
    'DChg. Cap.(Ah)': { column: 'dischargeCapacity_Ah', unit: 'Ah' },
    'Cycle Index': { column: 'cycle', unit: '' },
    'Step Index': { column: 'step', unit: '' },
    Date: { column: 'unixTime_s', unit: 'datetime' },
  },
  stepType: { column: 'Step Type', values: { Rest: 'rest', 'CC Chg': 'charge', 'CC DChg': 'discharge', 'CV Chg': 'cvCharge', 'CCCV Chg': 'charge' } },
};

test('mapped CSV: the Neware fixture through a mapping equals the Neware reader column for column', () => {
  const bytes = readFixtureBytes('cyclers', 'neware_uio.csv');
  const a = readMapped(bytes, 'neware_uio.csv', NEWARE_MAPPING);
  const b = readNewareCsv(bytes, 'neware_uio.csv');
  assert.equal(a.rows, 9065);
  for (const c of ['time_s', 'current_A', 'voltage_V', 'chargeCapacity_Ah', 'dischargeCapacity_Ah', 'cycle', 'step', 'unixTime_s', 'stepType'] as const) {
    assert.deepEqual(a.columns[c], b.columns[c], c);
  }
  // the 18 columns the mapping does not name are named in one warning
  assert.equal(a.warnings.length, 1);
  assert.ok(a.warnings[0].includes("'Spec. Cap.(mAh/g)'"));
});

test('mapped CSV: the Arbin fixture through a mapping equals the Arbin reader', () => {
  const bytes = readFixtureBytes('cyclers', 'FastCharge_000025_CH8.csv');
  const mapping = {
    columns: {
      Test_Time: { column: 'time_s', unit: 's' }, Current: { column: 'current_A', unit: 'A', sign: 'positive-charge' }, Voltage: { column: 'voltage_V', unit: 'V' },
      Temperature: { column: 'temperature_K', unit: '°C' }, DateTime: { column: 'unixTime_s', unit: 's' },
    },
    ignore: ['Data_Point', 'Step_Time', 'Step_Index', 'Cycle_Index', 'Charge_Capacity', 'Discharge_Capacity', 'Charge_Energy', 'Discharge_Energy', 'dV/dt', 'Internal_Resistance'],
  };
  const a = mappedReader(mapping).read(bytes, 'x.csv');
  const b = readArbinCsv(bytes, 'x.csv');
  for (const c of ['time_s', 'current_A', 'voltage_V', 'temperature_K', 'unixTime_s'] as const) assert.deepEqual(a.columns[c], b.columns[c], c);
  assert.deepEqual(a.warnings, []);
});

test('mapped: units and sign conventions converted (hand values)', () => {
  const text = 'comment line\ntime/h;I/mA;Ewe/mV;Q/mA.h;T/°C;-Im(Z)/Ohm\n0,5;-100;3700;1,5;25;2\n1;100;3800;2;30;-1\n';
  const m = readMapped(enc(text), 'x.csv', {
    decimalComma: true,
    columns: {
      'time/h': { column: 'time_s', unit: 'h' },
      'I/mA': { column: 'current_A', unit: 'mA', sign: 'positive-discharge' },
      'Ewe/mV': { column: 'voltage_V', unit: 'mV' },
      'Q/mA.h': { column: 'chargeCapacity_Ah', unit: 'mA.h' },
      'T/°C': { column: 'temperature_K', unit: '°C' },
      '-Im(Z)/Ohm': { column: 'zImag_Ohm', unit: 'Ohm', sign: 'minus-z-imag' },
    },
  });
  assert.equal(m.rows, 2);
  assert.deepEqual(Array.from(m.columns.time_s!), [1800, 3600]);
  assert.deepEqual(Array.from(m.columns.current_A!), [0.1, -0.1]); // −100 mA discharging-positive = +0.1 A charging
  assertClose(m.columns.voltage_V![0], 3.7, { rel: 1e-15 });
  assertClose(m.columns.voltage_V![1], 3.8, { rel: 1e-15 });
  assertClose(m.columns.chargeCapacity_Ah![0], 1.5e-3, { rel: 1e-15 });
  assertClose(m.columns.temperature_K![0], 298.15, { rel: 1e-15 });
  assertClose(m.columns.temperature_K![1], 303.15, { rel: 1e-15 });
  assert.deepEqual(Array.from(m.columns.zImag_Ohm!), [-2, 1]);
  assert.deepEqual(Array.from(m.columns.stepType!, (c) => STEP_TYPES[c]), ['charge', 'discharge']);
});

test('mapped: a current without a sign convention, a wrong unit, a missing column are clear errors', () => {
  assert.throws(() => parseColumnMapping({ columns: { I: { column: 'current_A', unit: 'mA' } } }, 'map.json'), (e: unknown) => e instanceof InputError && /map\.json, field 'columns\.I\.sign'/.test(e.message));
  assert.throws(() => parseColumnMapping({ columns: { V: { column: 'voltage_V', unit: 'mAh' } } }, 'map.json'), (e: unknown) => e instanceof InputError && /columns\.V\.unit/.test(e.message));
  assert.throws(() => parseColumnMapping({ columns: { V: { column: 'volts', unit: 'V' } } }, 'map.json'), InputError);
  assert.throws(() => parseColumnMapping('{not json', 'map.json'), InputError);
  assert.throws(() => readMapped(enc('a,b\n1,2\n'), 'x.csv', { columns: { V: { column: 'voltage_V', unit: 'V' } } }), FormatError);
});

/** A minimal xlsx written by hand (shared strings, numbers, an inline string), from the Neware CSV. */
function xlsxFrom(rows: string[][]): Uint8Array {
  const strings: string[] = [];
  const idx = new Map<string, number>();
  const col = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26)));
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = rows.map((r, ri) => `<row r="${ri + 1}">${r.map((v, ci) => {
    const ref = `${col(ci)}${ri + 1}`;
    if (v !== '' && !Number.isNaN(Number(v))) return `<c r="${ref}"><v>${v}</v></c>`;
    if (ci === 3) return `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
    if (!idx.has(v)) { idx.set(v, strings.length); strings.push(v); }
    return `<c r="${ref}" t="s"><v>${idx.get(v)}</v></c>`;
  }).join('')}</row>`).join('');
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
    'xl/workbook.xml': strToU8('<?xml version="1.0"?><workbook xmlns:r="r"><sheets><sheet name="Info" sheetId="1" r:id="rId1"/><sheet name="Record" sheetId="2" r:id="rId2"/></sheets></workbook>'),
    'xl/_rels/workbook.xml.rels': strToU8('<?xml version="1.0"?><Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="worksheets/sheet2.xml"/></Relationships>'),
    'xl/sharedStrings.xml': strToU8(`<?xml version="1.0"?><sst>${strings.map((s) => `<si><t>${esc(s)}</t></si>`).join('')}</sst>`),
    'xl/worksheets/sheet1.xml': strToU8('<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>info</t></is></c></row></sheetData></worksheet>'),
    'xl/worksheets/sheet2.xml': strToU8(`<?xml version="1.0"?><worksheet><sheetData>${body}</sheetData></worksheet>`),
  });
}

test('mapped xlsx: the Neware fixture written to an xlsx sheet reads back identically through the mapping', () => {
  const text = readFixtureText('cyclers', 'neware_uio.csv');
  const rows = text.split(/\r?\n/).filter((l) => l !== '').slice(0, 2001).map((l) => l.split(','));
  const x = xlsxFrom(rows);
  const wb = openXlsx(x, 'n.xlsx');
  assert.deepEqual(wb.sheetNames, ['Info', 'Record']);
  const a = readMapped(x, 'n.xlsx', { ...NEWARE_MAPPING, sheet: 'Record' });
  const b = readNewareCsv(readFixtureBytes('cyclers', 'neware_uio.csv'), 'neware_uio.csv');
  assert.equal(a.rows, 2000);
  for (const c of ['time_s', 'current_A', 'voltage_V', 'chargeCapacity_Ah', 'cycle', 'step', 'unixTime_s', 'stepType'] as const) assert.deepEqual(a.columns[c], b.columns[c]!.slice(0, 2000), c);
});

test('Neware xlsx: the record sheet of a BTSDA-style workbook reads like the CSV', async () => {
  const { readNewareXlsx, newareXlsxReader } = await import('../../../../src/core/io/neware/csv.js');
  const text = readFixtureText('cyclers', 'neware_uio.csv');
  const rows = text.split(/\r?\n/).filter((l) => l !== '').slice(0, 501).map((l) => l.split(','));
  const x = xlsxFrom(rows);
  assert.equal(newareXlsxReader.sniff(x, 'n.xlsx'), true);
  const a = readNewareXlsx(x, 'n.xlsx');
  const b = readNewareCsv(readFixtureBytes('cyclers', 'neware_uio.csv'), 'neware_uio.csv');
  assert.equal(a.rows, 500);
  assert.equal(a.metadata.extra?.sheet, 'Record');
  for (const c of ['time_s', 'current_A', 'voltage_V', 'chargeCapacity_Ah', 'dischargeCapacity_Ah', 'cycle', 'step', 'unixTime_s', 'stepType'] as const) assert.deepEqual(a.columns[c], b.columns[c]!.slice(0, 500), c);
});

test('Arbin xlsx: the data sheet of a MITS-Pro-style workbook reads like the CSV (dates as Excel serials)', async () => {
  const { readArbinXlsx, arbinXlsxReader } = await import('../../../../src/core/io/arbin/csv.js');
  const text = readFixtureText('cyclers', 'FastCharge_000025_CH8.csv');
  const rows = text.split(/\r?\n/).filter((l) => l !== '').map((l) => l.split(','));
  // Excel stores the DateTime column as serial days: unix / 86400 + 25569
  const dt = rows[0].indexOf('DateTime');
  for (const r of rows.slice(1)) r[dt] = String(Number(r[dt]) / 86400 + 25569);
  const x = xlsxFrom(rows);
  assert.equal(arbinXlsxReader.sniff(x, 'a.xlsx'), true);
  const a = readArbinXlsx(x, 'a.xlsx');
  const b = readArbinCsv(readFixtureBytes('cyclers', 'FastCharge_000025_CH8.csv'), 'x.csv');
  assert.equal(a.rows, 248);
  for (const c of ['time_s', 'current_A', 'voltage_V', 'temperature_K', 'cycle', 'stepType'] as const) assert.deepEqual(a.columns[c], b.columns[c], c);
  for (let i = 0; i < a.rows; i++) assertClose(a.columns.unixTime_s![i], b.columns.unixTime_s![i], { abs: 1e-4 }, `date ${i}`);
});
