/**
 * Import throughput (MB/s) for the non-BioLogic readers: Arbin .res (Access/Jet via mdb-reader),
 * Neware .ndax (zip of paged .ndc members), and the text exports (Arbin, Neware, Maccor, Novonix CSV,
 * Gamry .DTA). Each reader is shown beside a same-run baseline that does only the unavoidable part of
 * its work, so the ratio is our own overhead:
 *   .res  — mdb-reader returning the Channel_Normal_Table rows as objects (no normalisation);
 *   .ndax — fflate inflating the archive members (no decoding);
 *   text  — TextDecoder + splitting into lines and cells (no number parsing).
 * Wall medians and CPU time (user+system, steadier when other processes share the cores) are printed.
 */
import { loadavg } from 'node:os';
import MDBReader from 'mdb-reader';
import { unzipSync } from 'fflate';
import { formatTiming, machineLine, ratioLine, timeIt, type Timing } from './harness.js';
import { readFixtureBytes } from '../test/helpers/fixtures.js';
import { readArbinRes } from '../src/core/io/arbin/res.js';
import { readArbinCsv } from '../src/core/io/arbin/csv.js';
import { readNdax } from '../src/core/io/neware/ndax.js';
import { readNewareCsv } from '../src/core/io/neware/csv.js';
import { readMaccorText } from '../src/core/io/maccor/text.js';
import { readNovonixCsv } from '../src/core/io/novonix/csv.js';
import { readGamryDta } from '../src/core/io/gamry/dta.js';

const mbps = (bytes: number, ms: number): string => `${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s`;

function cpuMsPerCall(fn: () => unknown, calls: number): number {
  for (let i = 0; i < 2; i++) fn();
  const c0 = process.cpuUsage();
  for (let i = 0; i < calls; i++) fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / calls;
}

const splitOnly = (b: Uint8Array): number => {
  let cells = 0;
  for (const l of new TextDecoder().decode(b).split(/\r?\n/)) cells += l.split(/[,\t]/).length;
  return cells;
};

interface Case {
  label: string;
  file: string;
  read: (b: Uint8Array, n: string) => unknown;
  baseline: [string, (b: Uint8Array) => unknown];
  runs: number;
}
const CASES: Case[] = [
  { label: 'Arbin .res (10261 rows × 18 columns)', file: '20160805_test001_45_cc_01.res', read: readArbinRes, runs: 10, baseline: ['mdb-reader getData() only', (b) => new MDBReader(Buffer.from(b.buffer, b.byteOffset, b.byteLength)).getTable('Channel_Normal_Table').getData().length] },
  { label: 'Neware .ndax (252951 records, ndc v17)', file: '20260302_IFE_BTS85_2_9_8_1.ndax', read: readNdax, runs: 8, baseline: ['fflate unzipSync only', (b) => Object.keys(unzipSync(b)).length] },
  { label: 'Neware CSV (neware_uio.csv, 9065 rows)', file: 'neware_uio.csv', read: readNewareCsv, runs: 15, baseline: ['decode + split lines/cells', splitOnly] },
  { label: 'Maccor text (maccor_001.txt, 6704 rows × 63 columns)', file: 'maccor_001.txt', read: readMaccorText, runs: 10, baseline: ['decode + split lines/cells', splitOnly] },
  { label: 'Arbin CSV (FastCharge_000025_CH8.csv)', file: 'FastCharge_000025_CH8.csv', read: readArbinCsv, runs: 30, baseline: ['decode + split lines/cells', splitOnly] },
  { label: 'Novonix CSV (3942 rows)', file: 'test_Nova_Form-CH01-01_short.csv', read: readNovonixCsv, runs: 20, baseline: ['decode + split lines/cells', splitOnly] },
  { label: 'Gamry .DTA (EIS, 2 tables)', file: 'exampleDataGamry.DTA', read: readGamryDta, runs: 30, baseline: ['decode + split lines/cells', splitOnly] },
];

console.log(machineLine());
console.log(`load average: ${loadavg().map((x) => x.toFixed(1)).join(' ')} (CPU-time figures are the steadier ones on a shared machine)`);
for (const c of CASES) {
  const bytes = readFixtureBytes('cyclers', c.file);
  const t: Timing = timeIt(c.label, () => c.read(bytes, c.file), { runs: c.runs, warmup: 2 });
  const cpu = cpuMsPerCall(() => c.read(bytes, c.file), c.runs);
  const b: Timing = timeIt(`  baseline: ${c.baseline[0]}`, () => c.baseline[1](bytes), { runs: c.runs, warmup: 2 });
  const bcpu = cpuMsPerCall(() => c.baseline[1](bytes), c.runs);
  console.log(formatTiming(t, `| ${(bytes.length / 1e6).toFixed(2)} MB | wall ${mbps(bytes.length, t.medianMs)} | CPU ${cpu.toFixed(2)} ms = ${mbps(bytes.length, cpu)}`));
  console.log(formatTiming(b, `| wall ${mbps(bytes.length, b.medianMs)} | CPU ${bcpu.toFixed(2)} ms = ${mbps(bytes.length, bcpu)}`));
  console.log(`  ${ratioLine(t, b)} (CPU: reader takes ${(cpu / bcpu).toFixed(2)}× the baseline's time)`);
}
