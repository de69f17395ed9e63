import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFixtureBytes } from '../../../helpers/fixtures.js';
import { gamryDtaReader, parseGamryDta, readGamryDta } from '../../../../src/core/io/gamry/dta.js';
import { readMeasurement } from '../../../../src/core/io/formats.js';
import { stepTypeCode } from '../../../../src/core/io/measurement.js';
import { FormatError } from '../../../../src/core/errors.js';

const complete = readFixtureBytes('cyclers', 'exampleDataGamry.DTA');
const aborted = readFixtureBytes('cyclers', 'exampleDataGamryABORT.DTA');

// impedance.py test_preprocessing.py::test_readGamry asserts (exact equality) 72 points with
// f[0] = 200015.6 Hz, Z[0] = 825.8584 − 1367.239j Ω, f[-1] = 0.0158898 Hz, Z[-1] = 17007.49 − 6635.557j Ω.
function checkImpedance(m: ReturnType<typeof readGamryDta>): void {
  assert.equal(m.rows, 72);
  const f = m.columns.frequency_Hz!;
  const zr = m.columns.zReal_Ohm!;
  const zi = m.columns.zImag_Ohm!;
  assert.equal(f[0], 200015.6);
  assert.equal(zr[0], 825.8584);
  assert.equal(zi[0], -1367.239);
  assert.equal(f[71], 0.0158898);
  assert.equal(zr[71], 17007.49);
  assert.equal(zi[71], -6635.557);
}

test('Gamry EISPOT: the ZCURVE table with the values impedance.py asserts', () => {
  const m = readGamryDta(complete, 'exampleDataGamry.DTA');
  checkImpedance(m);
  assert.equal(m.format, 'gamry-dta');
  assert.deepEqual(m.metadata.technique, ['EISPOT']);
  assert.equal(m.metadata.instrument, 'REF3000-34128');
  assert.equal(m.metadata.startTime, '2018-04-23T16:43:15.000Z');
  assert.equal(m.metadata.electrodeAreaM2, 1e-4); // AREA 1 cm²
  assert.equal(m.metadata.softwareVersion, '7.05');
  // Idc (A) and Vdc (V) of the first point, file values; CONVENTION 1 (anodic positive) keeps the sign.
  assert.equal(m.columns.current_A![0], -5.89286e-6);
  assert.equal(m.columns.voltage_V![0], -0.3413299);
  assert.equal(m.columns.time_s![71], 861);
  assert.equal(m.columns.stepType![0], stepTypeCode('eis'));
  assert.deepEqual(m.warnings, []);
});

test('Gamry: every table is parsed (OCVCURVE 387 rows before ZCURVE)', () => {
  const g = parseGamryDta(complete, 'exampleDataGamry.DTA');
  assert.deepEqual(g.tables.map((t) => [t.name, t.rows]), [['OCVCURVE', 387], ['ZCURVE', 72]]);
  const ocv = g.tables[0];
  assert.equal(ocv.declaredRows, 387);
  assert.deepEqual(ocv.columns, ['Pt', 'T', 'Vf', 'Vm', 'Ach', 'Temp']); // 'Over' is a bit string
  assert.deepEqual(ocv.textColumns, ['Over']);
  assert.equal(ocv.values[2][386], -2.9198e-1); // Vf of the last OCV point
  assert.equal(g.header.EOC[1], '-0.2919803');
  assert.deepEqual(g.notes, ['-50mV +5.66X10^-4 D8', '']);
});

test('Gamry aborted run: stops at EXPERIMENTABORTED and gives the same 72 points', () => {
  const m = readGamryDta(aborted, 'exampleDataGamryABORT.DTA');
  checkImpedance(m);
  assert.ok(m.warnings.some((w) => w.includes('aborted')));
  const g = parseGamryDta(aborted, 'exampleDataGamryABORT.DTA');
  assert.equal(g.aborted, true);
  assert.deepEqual(g.tables.map((t) => [t.name, t.rows]), [['OCVCURVE', 39], ['ZCURVE', 72], ['FRACURVE', 128]]);
});

test('Gamry: found by content sniffing through readMeasurement, also when renamed', () => {
  assert.equal(gamryDtaReader.sniff(complete, 'x.txt'), true);
  assert.equal(readMeasurement(complete, 'renamed.txt').format, 'gamry-dta');
});

test('Gamry: a truncated header gives a FormatError with the line', () => {
  const text = new TextEncoder().encode('EXPLAIN\nTAG\tEISPOT\nZCURVE\tTABLE\n\tPt\tFreq\n');
  assert.throws(() => readGamryDta(text, 'cut.DTA'), (e: unknown) => e instanceof FormatError && /cut\.DTA, line 4/.test(e.message));
  assert.throws(() => readGamryDta(new TextEncoder().encode('hello'), 'x.DTA'), FormatError);
});

test('Gamry CV: CURVE1…CURVEn become cycles 1…n; Vf/Im in V/A; CONVENTION 0 negates the current and says so', () => {
  const cv = [
    'EXPLAIN', 'TAG\tCV', 'TITLE\tLABEL\tCyclic Voltammetry\tTest &Identifier', 'DATE\tLABEL\t12/3/2021\tDate', 'TIME\tLABEL\t9:05:00\tTime',
    'CONVENTION\tIQUANT\t0\tCurrent Convention',
    'CURVE1\tTABLE\t2', '\tPt\tT\tVf\tIm\tVu\tSig\tAch\tIERange\tOver\tTemp', '\t#\ts\tV vs. Ref.\tA\tV\tV\tV\t#\tbits\tdeg C',
    '\t0\t0.1\t3.0\t1E-3\t0\t3\t0\t5\t...........\t25', '\t1\t0.2\t3.1\t2E-3\t0\t3.1\t0\t5\t...........\t25',
    'CURVE2\tTABLE\t2', '\tPt\tT\tVf\tIm\tVu\tSig\tAch\tIERange\tOver\tTemp', '\t#\ts\tV vs. Ref.\tA\tV\tV\tV\t#\tbits\tdeg C',
    '\t0\t0.3\t3.2\t-1E-3\t0\t3.2\t0\t5\t...........\t26', '\t1\t0.4\t3.1\t-2E-3\t0\t3.1\t0\t5\t...........\t26',
  ].join('\r\n');
  const m = readGamryDta(new TextEncoder().encode(cv), 'cv.DTA');
  assert.equal(m.rows, 4);
  assert.deepEqual(Array.from(m.columns.cycle!), [1, 1, 2, 2]);
  assert.deepEqual(Array.from(m.columns.voltage_V!), [3.0, 3.1, 3.2, 3.1]);
  assert.deepEqual(Array.from(m.columns.current_A!), [-1e-3, -2e-3, 1e-3, 2e-3]);
  assert.deepEqual(Array.from(m.columns.temperature_K!), [298.15, 298.15, 299.15, 299.15]);
  assert.ok(m.warnings.some((w) => w.includes('CONVENTION 0')));
  assert.equal(m.metadata.startTime, '2021-12-03T09:05:00.000Z');
  assert.equal(m.columns.stepType, undefined);
});
