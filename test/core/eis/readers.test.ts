import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readMeasurement } from '../../../src/core/io/formats.js';
import { spectrumFromMeasurement } from '../../../src/core/eis/spectrum.js';
import { FormatError, InputError, AnalysisError } from '../../../src/core/errors.js';
import { readFixtureBytes } from '../../helpers/fixtures.js';
import { assertClose } from '../../helpers/close.js';

// Point counts, frequency range and first/last Z from ../shared/fixtures/eis/PROVENANCE.md (recomputed
// there with impedance.py's readers, which its tests compare with hard-coded arrays).
const EXPECTED: [file: string, format: string, n: number, fMin: number, fMax: number, first: [number, number], last: [number, number]][] = [
  ['exampleData.csv', 'eis-csv', 66, 0.0031623, 10000, [0.0494999, -0.0204387], [0.0157715, 0.0101575]],
  ['exampleDataAutolab.txt', 'autolab-eis', 41, 0.1, 10000, [0.0137859, 0.00719195], [0.0345698, -0.00390293]],
  ['exampleDataParstat.txt', 'parstat-eis', 31, 10, 10000, [-0.000498163, 0.0175143], [0.0270946, -0.00399791]],
  ['exampleDataVersaStudio.par', 'versastudio-par', 61, 0.02154, 100000, [55.3157, 4.57543], [1516.31, -122.828]],
  ['exampleDataPowersuite.txt', 'powersuite-eis', 30, 0.1, 2e6, [423929, -49014.1], [-470.541, -1397.74]],
  ['exampleDataCHInstruments.txt', 'chi-eis', 73, 0.1, 99610, [98.91, -2.748], [5685, -15860]],
  ['exampleDataZPlot.z', 'zplot-z', 21, 3000, 300000, [147.77, -11.335], [613.68, -137.13]],
  ['exampleDataZPlot_noComments.z', 'zplot-z', 31, 300, 300000, [642.62, -85.821], [1305.3, -195.01]],
  // Readers by the import engineers (src/core/io/gamry, src/core/io/biologic), used through the registry.
  ['exampleDataGamry.DTA', 'gamry-dta', 72, 0.015890, 200015.6, [825.858, -1367.24], [17007.5, -6635.56]],
  ['exampleDataGamryABORT.DTA', 'gamry-dta', 72, 0.015890, 200015.6, [825.858, -1367.24], [17007.5, -6635.56]],
  ['exampleDataBioLogic.mpt', 'biologic-mpt', 43, 0.0169, 1000, [65.4709, -0.38999], [110.97, -2.34586]],
  ['Circuit1_EIS_1.z', 'zplot-z', 48, 1, 50000, [NaN, NaN], [NaN, NaN]],
  ['Circuit1_EIS_2.z', 'zplot-z', 48, 1, 50000, [NaN, NaN], [NaN, NaN]],
  ['Circuit2_EIS_1.z', 'zplot-z', 56, 1, 300000, [NaN, NaN], [NaN, NaN]],
  ['Circuit2_EIS_2.z', 'zplot-z', 56, 1, 300000, [NaN, NaN], [NaN, NaN]],
  ['Circuit3_EIS_1.z', 'zplot-z', 53, 1, 150000, [NaN, NaN], [NaN, NaN]],
  ['Circuit3_EIS_2.z', 'zplot-z', 53, 1, 150000, [NaN, NaN], [NaN, NaN]],
];

for (const [file, format, n, fMin, fMax, first, last] of EXPECTED) {
  test(`${file} reads as ${format}: ${n} points, ${fMin}–${fMax} Hz, first and last Z as impedance.py`, () => {
    const m = readMeasurement(readFixtureBytes('eis', file), file);
    assert.equal(m.format, format);
    const s = spectrumFromMeasurement(m);
    assert.equal(s.frequencyHz.length, n);
    assertClose(Math.min(...s.frequencyHz), fMin, { rel: 5e-4 }, 'f min');
    assertClose(Math.max(...s.frequencyHz), fMax, { rel: 5e-4 }, 'f max');
    if (!Number.isNaN(first[0])) {
      assertClose(s.zReal[0], first[0], { rel: 1e-5 }, "first Z'");
      assertClose(s.zImag[0], first[1], { rel: 1e-5 }, 'first Z"');
      assertClose(s.zReal[n - 1], last[0], { rel: 1e-5 }, "last Z'");
      assertClose(s.zImag[n - 1], last[1], { rel: 1e-5 }, 'last Z"');
    }
  });
}

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

test('bad CSV files: truncated row, non-number, negative and duplicate frequencies name file and line', () => {
  const good = '1000,1.0,-0.5\n100,2.0,-1.0\n10,3.0,-1.5\n';
  assert.throws(() => readMeasurement(enc(good + '1,4.0\n'), 'cut.csv'), (e: unknown) => e instanceof FormatError && /cut\.csv, line 4/.test(e.message) && /at least 3 fields/.test(e.message));
  assert.throws(() => readMeasurement(enc(good + '1,NaN,-2\n'), 'nan.csv'), (e: unknown) => e instanceof FormatError && /nan\.csv, line 4/.test(e.message) && /found 'NaN'/.test(e.message));
  assert.throws(() => readMeasurement(enc(good + '-1,4,-2\n'), 'neg.csv'), (e: unknown) => e instanceof InputError && /neg\.csv, line 4/.test(e.message) && /positive frequency/.test(e.message));
  assert.throws(() => readMeasurement(enc(good + '100,4,-2\n'), 'dup.csv'), (e: unknown) => e instanceof InputError && /dup\.csv, line 4/.test(e.message) && /first on line 2/.test(e.message));
});

test('bad ZPlot and Autolab files: wrong columns and truncation are FormatErrors with a line', () => {
  const z = new TextDecoder().decode(readFixtureBytes('eis', 'Circuit1_EIS_1.z'));
  const lines = z.split('\n');
  const truncated = lines.slice(0, 130).join('\n') + '\n1.0E+02\t1.0E-02\t0.0';
  assert.throws(() => readMeasurement(enc(truncated), 'cut.z'), (e: unknown) => e instanceof FormatError && /cut\.z, line 131/.test(e.message));
  const a = new TextDecoder().decode(readFixtureBytes('eis', 'exampleDataAutolab.txt')).split('\n');
  a[14] = a[14].replace(/^[^,]+/, 'abc');
  assert.throws(() => readMeasurement(enc(a.join('\n')), 'bad.txt'), (e: unknown) => e instanceof FormatError && /bad\.txt, line 15/.test(e.message) && /'abc'/.test(e.message));
});

test('a measurement without impedance columns gives a clear AnalysisError from spectrumFromMeasurement', () => {
  assert.throws(
    () => spectrumFromMeasurement({ format: 'x', source: 'cycling.csv', rows: 1, columns: { time_s: new Float64Array(1) }, raw: [], metadata: {}, warnings: [] }),
    (e: unknown) => e instanceof AnalysisError && /cycling\.csv: not an impedance measurement/.test(e.message) && /frequency_Hz/.test(e.message),
  );
});

test('spectraFromMeasurement splits a file holding two sweeps (frequency jumps back) and keeps one-sweep files whole', async () => {
  const { spectraFromMeasurement } = await import('../../../src/core/eis/spectrum.js');
  const f = [1000, 100, 10, 1, 1000, 100, 10, 1];
  const m = {
    format: 'x', source: 'loops.mpt', rows: 8, raw: [], metadata: {}, warnings: [],
    columns: { frequency_Hz: Float64Array.from(f), zReal_Ohm: Float64Array.from(f, (_, i) => 10 + i), zImag_Ohm: Float64Array.from(f, () => -1) },
  };
  const parts = spectraFromMeasurement(m);
  assert.deepEqual(parts.map((p) => p.source), ['loops.mpt#1', 'loops.mpt#2']);
  assert.deepEqual(Array.from(parts[1].zReal), [14, 15, 16, 17]);
  for (const file of ['exampleDataGamry.DTA', 'exampleDataBioLogic.mpt', 'exampleData.csv', 'Circuit2_EIS_1.z']) {
    assert.equal(spectraFromMeasurement(readMeasurement(readFixtureBytes('eis', file), file)).length, 1, file);
  }
});

test('wrong columns: a PARSTAT file without impedance columns and a VersaStudio segment without Z are FormatErrors naming the line', () => {
  const p = new TextDecoder().decode(readFixtureBytes('eis', 'exampleDataParstat.txt')).split('\n');
  p[0] = p[0].replace('Zim (ohms)', 'Ewe (V)');
  assert.throws(() => readMeasurement(enc(p.join('\n')), 'noz.txt'), (e: unknown) => e instanceof FormatError && /noz\.txt, line 1/.test(e.message) && /'Zim \(ohms\)'/.test(e.message));
  const v = new TextDecoder().decode(readFixtureBytes('eis', 'exampleDataVersaStudio.par')).replace('Z Real, Z Imag', 'X Real, X Imag');
  assert.throws(() => readMeasurement(enc(v), 'cv.par'), (e: unknown) => e instanceof FormatError && /cv\.par, line 116/.test(e.message) && /not an EIS segment/.test(e.message));
  // A repeated frequency inside a ZPlot file (two rows of 1 kHz).
  const z = new TextDecoder().decode(readFixtureBytes('eis', 'Circuit1_EIS_1.z')).split('\n');
  z.splice(140, 0, z[139]);
  assert.throws(() => readMeasurement(enc(z.join('\n')), 'dup.z'), (e: unknown) => e instanceof InputError && /dup\.z, line 141/.test(e.message) && /first on line 140/.test(e.message));
});

test('exampleDataBioLogic_MissingFreq.mpt (freq/Hz header removed) cannot give a spectrum, and says why', () => {
  assert.throws(
    () => spectrumFromMeasurement(readMeasurement(readFixtureBytes('eis', 'exampleDataBioLogic_MissingFreq.mpt'), 'exampleDataBioLogic_MissingFreq.mpt')),
    (e: unknown) => e instanceof Error && /exampleDataBioLogic_MissingFreq\.mpt/.test(e.message) && /freq|frequency/i.test(e.message),
  );
});
