/**
 * Measurement-analysis benchmark on the shared fixtures:
 * - XRD: the LiCoO2 pattern (4001 points, 10 reflections as Kα1/Kα2 pseudo-Voigt doublets, lattice fit);
 *   baseline in the same run: parsing plus the SNIP background alone, so the ratio is the price of the fits.
 * - GITT: the LiFePO4 record (8987 rows, 31 pulses); baseline: the current-sign segmentation alone.
 * - dQ/dV: every half cycle of the Arbin .res fixture (10261 rows, 35 half cycles).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readXrdPattern } from '../src/core/analysis/xrd/read-pattern.js';
import { snipBackground } from '../src/core/analysis/xrd/snip-background.js';
import { analyzeLayeredOxide } from '../src/core/analysis/xrd/layered-oxide.js';
import { readMapped } from '../src/core/io/mapped/reader.js';
import { analyzeGitt } from '../src/core/analysis/gitt.js';
import { defaultRestThresholdA, segmentByCurrentSign } from '../src/core/analysis/current-segments.js';
import { readMeasurement } from '../src/core/io/formats.js';
import { analyzeDqdv } from '../src/core/analysis/dqdv.js';
import { formatTiming, machineLine, ratioLine, timeIt } from './harness.js';

const fixtures = resolve(process.cwd(), '..', 'shared', 'fixtures');
console.log(machineLine());

const uxd = readFileSync(`${fixtures}/xrd/LiCoO2.UXD`, 'utf8');
const xrdFull = timeIt('XRD LiCoO2: parse + background + 10 doublet fits + lattice', () => analyzeLayeredOxide(readXrdPattern(uxd, 'LiCoO2.UXD')), { runs: 20, warmup: 3 });
const xrdBase = timeIt('XRD LiCoO2: parse + SNIP background only', () => { const p = readXrdPattern(uxd, 'LiCoO2.UXD'); return snipBackground(p.intensity, 1 / 0.03); }, { runs: 20, warmup: 3 });
console.log(formatTiming(xrdFull, '(4001 points)'));
console.log(formatTiming(xrdBase));
console.log(ratioLine(xrdBase, xrdFull));

const gitt = readMapped(readFileSync(`${fixtures}/gitt/GITT.csv`), 'GITT.csv', {
  columns: { TestTime: { column: 'time_s', unit: 'hh:mm:ss' }, 'Current/mA': { column: 'current_A', unit: 'mA', sign: 'positive-charge' }, 'Voltage/V': { column: 'voltage_V', unit: 'V' } },
});
const cur = gitt.columns.current_A as Float64Array;
const gFull = timeIt(`GITT LiFePO4: ${gitt.rows} rows, 31 pulses`, () => analyzeGitt(gitt, { lengthScale: { kind: 'sphereRadius', radiusM: 3.5e-6 } }), { runs: 50, warmup: 5 });
const gBase = timeIt('GITT: current-sign segmentation only', () => segmentByCurrentSign(cur, defaultRestThresholdA(cur)), { runs: 50, warmup: 5 });
console.log(formatTiming(gFull));
console.log(formatTiming(gBase));
console.log(ratioLine(gBase, gFull));

const res = readMeasurement(new Uint8Array(readFileSync(`${fixtures}/cyclers/20160805_test001_45_cc_01.res`)), '20160805_test001_45_cc_01.res');
let halfCycles = 0;
const dq = timeIt(`dQ/dV: ${res.rows} rows, all half cycles (400-point grid, SG 21)`, () => { const r = analyzeDqdv(res); halfCycles = r.curves.length; return r; }, { runs: 10, warmup: 2 });
console.log(formatTiming(dq, `(${halfCycles} half cycles, ${(dq.medianMs / Math.max(1, halfCycles)).toFixed(2)} ms each)`));
