/**
 * Instrument-file import throughput (MB/s), side by side with galvani (the reference Python reader for
 * BioLogic .mpr) on biol.mpr, measured in the same run on this machine.
 *
 * To add a format: add one line to CASES (file in ../shared/fixtures/cyclers and the reader call).
 * galvani is run from a temporary checkout made from the fetched mirror (never committed here) with the
 * system python3 + numpy; when either is missing the comparison is skipped with a message.
 *
 * biol.mpr from its path (readMeasurementFile: what `cathodelab import` does — the .mpr is read in
 * 128 KiB pieces straight into the WebAssembly decode's memory) against galvani from its path runs in
 * IMPORT_ROUNDS (default 3) rounds; each side is warmed up with ≥ 200 calls and ≥ 1 s first (V8
 * optimises the hot functions only after a few hundred calls; galvani gets the same), CPU time per call
 * is taken over ≥ 200 calls and ≥ 1 s, and the ratio is taken within a round. Each round also times the
 * previous way (the whole file into a new buffer, then the TypeScript decode) and the parts of the floor
 * measured alone: reading the file in pieces, and allocating the 13 output columns.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatTiming, machineLine, timeIt, type Timing } from './harness.js';
import { fixturePath, readFixtureBytes } from '../test/helpers/fixtures.js';
import { readMeasurement } from '../src/core/io/formats.js';
import { readMpr } from '../src/core/io/biologic/mpr.js';
import { readMpt } from '../src/core/io/biologic/mpt.js';
import { readEclabCsv } from '../src/core/io/biologic/eclab-csv.js';
import { summariseCycles } from '../src/core/io/cycle-summary.js';
import { readInputBytes } from '../src/node/io/read-input.js';
import { newColumn } from '../src/node/io/file-source.js';
import { readMeasurementFile } from '../src/node/io/read-measurement-file.js';
import { PIECE_BYTES } from '../src/core/io/biologic/mpr-decode-kernel.js';

interface Case {
  label: string;
  file: string;
  read: (bytes: Uint8Array, name: string) => unknown;
}

const CASES: Case[] = [
  { label: '.mpr (biol.mpr, MB, 36 columns), WebAssembly decode', file: 'biol.mpr', read: (b, n) => readMpr(b, n, { kernels: 'wasm' }) },
  { label: '.mpr (biol.mpr), the same decode in TypeScript', file: 'biol.mpr', read: (b, n) => readMpr(b, n, { kernels: 'js' }) },
  { label: '.mpr via readMeasurement + per-cycle summary', file: 'biol.mpr', read: (b, n) => summariseCycles(readMeasurement(b, n)) },
  { label: '.mpt (gcpl.pr_182.1.mpt)', file: 'gcpl.pr_182.1.mpt', read: readMpt },
  { label: '.mpt with decimal commas (gcpl.issue_149.mpt)', file: 'gcpl.issue_149.mpt', read: readMpt },
  { label: 'EC-Lab CSV (BEEP test_loopsnewoutput…csv)', file: 'test_loopsnewoutput_MB_CE1_short10k.csv', read: readEclabCsv },
  // other formats: one line each, e.g. { label: '.ndax', file: '20260302_IFE_BTS85_2_9_8_1.ndax', read: (b, n) => readMeasurement(b, n) },
];

const mbps = (bytes: number, ms: number): string => `${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s`;

/**
 * Calls `fn` until both `minCalls` calls and `minMs` of wall time have passed: V8 needs a few hundred
 * calls before the hot functions run as optimised (TurboFan) code, and timing before that measures the
 * compiler, not the reader.
 */
function warmUp(fn: () => unknown, minCalls = 200, minMs = 1000): void {
  const t0 = performance.now();
  for (let i = 0; i < minCalls || performance.now() - t0 < minMs; i++) fn();
}

/**
 * CPU time per call (user + system, ms) over at least `minCalls` calls and `minMs` of CPU: steadier than
 * wall time when other processes share the cores (it also counts V8's parallel GC threads).
 */
function cpuMsPerCall(fn: () => unknown, minCalls = 200, minMs = 1000): number {
  return perCall(fn, minCalls, minMs).cpuMs;
}

/**
 * CPU and wall time per call over the same ≥ `minCalls` calls and ≥ `minMs` of CPU. The wall time per
 * call is the throughput a batch of files gets (garbage collections included, spread over every call,
 * where the median of a few timed calls either misses them or catches them).
 */
function perCall(fn: () => unknown, minCalls = 200, minMs = 1000): { cpuMs: number; wallMs: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let calls = 0;
  let used = 0;
  while (calls < minCalls || used < minMs) {
    for (let i = 0; i < 20; i++) fn();
    calls += 20;
    const c = process.cpuUsage(c0);
    used = (c.user + c.system) / 1000;
  }
  return { cpuMs: used / calls, wallMs: (performance.now() - t0) / calls };
}

const load = (): string => loadavg().map((x) => x.toFixed(1)).join(' ');
console.log(machineLine());
console.log(`load average at start: ${load()} (other processes share the cores; CPU-time figures are the steadier ones)`);
const results = new Map<string, { wall: Timing; cpuMs: number }>();
for (const c of CASES) {
  const bytes = readFixtureBytes('cyclers', c.file);
  warmUp(() => c.read(bytes, c.file), 50, 500);
  const t = timeIt(c.label, () => c.read(bytes, c.file), { runs: 15, warmup: 3 });
  const cpu = cpuMsPerCall(() => c.read(bytes, c.file), 30, 500);
  results.set(c.label, { wall: t, cpuMs: cpu });
  console.log(formatTiming(t, `| ${(bytes.length / 1e6).toFixed(2)} MB | wall ${mbps(bytes.length, t.medianMs)} | CPU ${cpu.toFixed(3)} ms = ${mbps(bytes.length, cpu)}`));
}

// ---- biol.mpr from its path, against galvani from its path, interleaved in rounds
const mprPath = fixturePath('cyclers', 'biol.mpr');
const mprSize = statSync(mprPath).size;
// What the CLI does (src/node/cli/analysis-input.ts): the registry picks the .mpr reader from the
// file's first bytes and it reads the file piece by piece.
const fromPath = (): unknown => readMeasurementFile(mprPath);
// The way before: the whole file into a new buffer, then the decode in TypeScript.
const wholeFile = (): unknown => readMpr(readInputBytes(mprPath), 'biol.mpr', { kernels: 'js' });
// What the decode cannot avoid, each measured alone (warm): reading the file (in the reader's 128 KiB
// pieces into one reused buffer), and allocating the 13 standard columns readMpr returns for biol.mpr,
// 23 561 rows each (not zero-filled, as readMeasurementFile makes them).
const piece = new Uint8Array(PIECE_BYTES);
const floorRead = (): unknown => {
  const fd = openSync(mprPath, 'r');
  let n = 0;
  for (let at = 0; at < mprSize; at += PIECE_BYTES) n += readSync(fd, piece, 0, Math.min(PIECE_BYTES, mprSize - at), at);
  closeSync(fd);
  return n;
};
const floorAlloc = (): unknown => {
  let s = 0;
  for (let k = 0; k < 13; k++) s += newColumn(23561).length;
  return s;
};
warmUp(fromPath);
warmUp(wholeFile);
warmUp(floorRead);
warmUp(floorAlloc);

const GALVANI_MIRROR = '/work/.mirror/echemdata+galvani/repo';
const galvaniDir = process.env.GALVANI_DIR ?? join(tmpdir(), 'cathodelab-galvani');
function ensureGalvani(): string | undefined {
  if (existsSync(join(galvaniDir, 'galvani', 'BioLogic.py'))) return galvaniDir;
  if (!existsSync(GALVANI_MIRROR)) return undefined;
  mkdirSync(galvaniDir, { recursive: true });
  const r = spawnSync('sh', ['-c', `git --git-dir='${GALVANI_MIRROR}' archive HEAD galvani | tar -x -C '${galvaniDir}'`]);
  return r.status === 0 ? galvaniDir : undefined;
}
// galvani gets the same treatment: 200 warm-up calls (≥ 1 s), then CPU time (process_time) over ≥ 200
// calls and ≥ 1 s, and 15 wall-timed calls.
const PY = `
import sys, time, statistics
sys.path.insert(0, sys.argv[1])
import numpy as np
from galvani import BioLogic
path, mode = sys.argv[2], sys.argv[3]
def once():
    m = BioLogic.MPRfile(path)
    if mode == 'columns':
        # what a user does next: every field as its own float64 column (like pandas.DataFrame(m.data))
        cols = {n: np.asarray(m.data[n], dtype=np.float64) for n in m.data.dtype.names}
        return len(cols)
    return len(m.data)
t0 = time.perf_counter(); i = 0
while i < 200 or time.perf_counter() - t0 < 1.0:
    once(); i += 1
ts = []
for _ in range(15):
    t0 = time.perf_counter(); once(); ts.append((time.perf_counter() - t0) * 1000)
ts.sort()
c0 = time.process_time(); w0 = time.perf_counter(); n = 0
while n < 200 or time.process_time() - c0 < 1.0:
    once(); n += 1
cpu = (time.process_time() - c0) * 1000 / n
wall = (time.perf_counter() - w0) * 1000 / n
print(statistics.median(ts), ts[0], ts[int(0.9 * (len(ts) - 1))], cpu, wall)
`;
const dir = ensureGalvani();
const py = spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' });
const galvaniSkip = !dir ? 'no galvani checkout and no mirror to make one; set GALVANI_DIR' : py.status !== 0 ? 'python3 with numpy not found: apt-get install python3-numpy' : undefined;
if (galvaniSkip) console.log(`galvani: skipped (${galvaniSkip})`);

// Three rounds, each: cathodelab from the path, galvani (parse), galvani (+ columns); a ratio is taken
// within its round, so a change of load between rounds does not enter it.
const ROUNDS = Number(process.env.IMPORT_ROUNDS ?? 3);
const label = '.mpr from the path (readMeasurementFile, as the CLI)';
for (let round = 1; round <= ROUNDS; round++) {
  // Warm again: while galvani ran, this process sat idle and V8 shrank its heap (the first calls after
  // that pay to grow it again, which a batch of files does not).
  warmUp(fromPath, 100, 300);
  const t = timeIt(label, fromPath, { runs: 15, warmup: 3 });
  const { cpuMs: cpu, wallMs: wallPerCall } = perCall(fromPath);
  warmUp(wholeFile, 100, 300);
  const tWhole = timeIt('the whole file into a new buffer + TypeScript decode (before)', wholeFile, { runs: 15, warmup: 3 });
  const cpuWhole = cpuMsPerCall(wholeFile);
  const cpuRead = cpuMsPerCall(floorRead);
  const cpuAlloc = cpuMsPerCall(floorAlloc);
  console.log(`round ${round} (load ${load()}): ${formatTiming(t, `| ${(mprSize / 1e6).toFixed(2)} MB | wall ${mbps(mprSize, t.medianMs)} | CPU ${cpu.toFixed(3)} ms = ${mbps(mprSize, cpu)} | wall per call over the same calls ${wallPerCall.toFixed(3)} ms = ${mbps(mprSize, wallPerCall)}`)}`);
  console.log(`  ${formatTiming(tWhole, `| CPU ${cpuWhole.toFixed(3)} ms: the path reader is ${(cpuWhole / cpu).toFixed(2)}× on CPU, ${(tWhole.medianMs / t.medianMs).toFixed(2)}× on the wall median`)}`);
  console.log(`  floor parts, each alone: file read in 128 KiB pieces ${cpuRead.toFixed(3)} ms CPU, 13 new columns of 23 561 rows ${cpuAlloc.toFixed(3)} ms CPU`);
  if (galvaniSkip) continue;
  for (const mode of ['parse', 'columns']) {
    const r = spawnSync('python3', ['-c', PY, dir!, mprPath, mode], { encoding: 'utf8' });
    if (r.status !== 0) {
      console.log(`  galvani (${mode}): failed: ${r.stderr.trim().split('\n').pop()}`);
      continue;
    }
    const [median, min, p90, gcpu, gwall] = r.stdout.trim().split(/\s+/).map(Number);
    const g: Timing = { name: `galvani MPRfile(path)${mode === 'columns' ? ' + every field as a float64 column' : ''} (numpy ${py.stdout.trim()})`, runs: 15, medianMs: median, minMs: min, p90Ms: p90 };
    console.log(`  ${formatTiming(g, `| wall ${mbps(mprSize, median)} | CPU ${gcpu.toFixed(3)} ms = ${mbps(mprSize, gcpu)} | wall per call ${gwall.toFixed(3)} ms = ${mbps(mprSize, gwall)}`)}`);
    console.log(`  cathodelab vs ${g.name}: ${(gcpu / cpu).toFixed(2)}× the throughput on CPU, ${(gwall / wallPerCall).toFixed(2)}× on wall time per call (wall median ${(median / t.medianMs).toFixed(1)}×, wall min ${(min / t.minMs).toFixed(1)}×)`);
  }
}
console.log(`load average at end: ${load()}`);
