/**
 * Instrument-file import throughput (MB/s), side by side with galvani (the reference Python reader for
 * BioLogic .mpr) on biol.mpr, measured in the same run on this machine.
 *
 * To add a format: add one line to CASES (file in ../shared/fixtures/cyclers and the reader call).
 * galvani is run from a temporary checkout made from the fetched mirror (never committed here) with the
 * system python3 + numpy; when either is missing the comparison is skipped with a message.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatTiming, machineLine, timeIt, type Timing } from './harness.js';
import { fixturePath, readFixtureBytes } from '../test/helpers/fixtures.js';
import { readMeasurement } from '../src/core/io/formats.js';
import { readMpr } from '../src/core/io/biologic/mpr.js';
import { readMpt } from '../src/core/io/biologic/mpt.js';
import { readEclabCsv } from '../src/core/io/biologic/eclab-csv.js';
import { summariseCycles } from '../src/core/io/cycle-summary.js';

interface Case {
  label: string;
  file: string;
  read: (bytes: Uint8Array, name: string) => unknown;
}

const CASES: Case[] = [
  { label: '.mpr (biol.mpr, MB, 36 columns)', file: 'biol.mpr', read: readMpr },
  { label: '.mpr via readMeasurement + per-cycle summary', file: 'biol.mpr', read: (b, n) => summariseCycles(readMeasurement(b, n)) },
  { label: '.mpt (gcpl.pr_182.1.mpt)', file: 'gcpl.pr_182.1.mpt', read: readMpt },
  { label: '.mpt with decimal commas (gcpl.issue_149.mpt)', file: 'gcpl.issue_149.mpt', read: readMpt },
  { label: 'EC-Lab CSV (BEEP test_loopsnewoutput…csv)', file: 'test_loopsnewoutput_MB_CE1_short10k.csv', read: readEclabCsv },
  // other formats: one line each, e.g. { label: '.ndax', file: '20260302_IFE_BTS85_2_9_8_1.ndax', read: (b, n) => readMeasurement(b, n) },
];

const mbps = (bytes: number, ms: number): string => `${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s`;

/** CPU time per call (user + system, ms): steadier than wall time when other processes share the cores. */
function cpuMsPerCall(fn: () => unknown, calls: number): number {
  for (let i = 0; i < 3; i++) fn();
  const c0 = process.cpuUsage();
  for (let i = 0; i < calls; i++) fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / calls;
}

console.log(machineLine());
console.log(`load average: ${loadavg().map((x) => x.toFixed(1)).join(' ')} (other processes share the cores; CPU-time figures are the steadier ones)`);
const results = new Map<string, { wall: Timing; cpuMs: number }>();
for (const c of CASES) {
  const bytes = readFixtureBytes('cyclers', c.file);
  const t = timeIt(c.label, () => c.read(bytes, c.file), { runs: 15, warmup: 3 });
  const cpu = cpuMsPerCall(() => c.read(bytes, c.file), 30);
  results.set(c.label, { wall: t, cpuMs: cpu });
  console.log(formatTiming(t, `| ${(bytes.length / 1e6).toFixed(2)} MB | wall ${mbps(bytes.length, t.medianMs)} | CPU ${cpu.toFixed(3)} ms = ${mbps(bytes.length, cpu)}`));
}
// galvani reads from a path; the fair twin of that is reading the file too.
{
  const path = fixturePath('cyclers', 'biol.mpr');
  const label = '.mpr from the path (readFileSync + readMpr)';
  // readFileSync's Buffer viewed as a Uint8Array without a copy (as src/node/io/read-input.ts does).
  const fromPath = (): unknown => {
    const b = readFileSync(path);
    return readMpr(new Uint8Array(b.buffer, b.byteOffset, b.byteLength), 'biol.mpr');
  };
  const t = timeIt(label, fromPath, { runs: 15, warmup: 3 });
  const cpu = cpuMsPerCall(fromPath, 30);
  results.set(label, { wall: t, cpuMs: cpu });
  console.log(formatTiming(t, `| ${(statSync(path).size / 1e6).toFixed(2)} MB | wall ${mbps(statSync(path).size, t.medianMs)} | CPU ${cpu.toFixed(3)} ms = ${mbps(statSync(path).size, cpu)}`));
}

// ---- galvani on biol.mpr
const GALVANI_MIRROR = '/work/.mirror/echemdata+galvani/repo';
const galvaniDir = process.env.GALVANI_DIR ?? join(tmpdir(), 'cathodelab-galvani');
function ensureGalvani(): string | undefined {
  if (existsSync(join(galvaniDir, 'galvani', 'BioLogic.py'))) return galvaniDir;
  if (!existsSync(GALVANI_MIRROR)) return undefined;
  mkdirSync(galvaniDir, { recursive: true });
  const r = spawnSync('sh', ['-c', `git --git-dir='${GALVANI_MIRROR}' archive HEAD galvani | tar -x -C '${galvaniDir}'`]);
  return r.status === 0 ? galvaniDir : undefined;
}
const PY = `
import sys, time, statistics
sys.path.insert(0, sys.argv[1])
import numpy as np
from galvani import BioLogic
path, runs, mode = sys.argv[2], int(sys.argv[3]), sys.argv[4]
def once():
    m = BioLogic.MPRfile(path)
    if mode == 'columns':
        # what a user does next: every field as its own float64 column (like pandas.DataFrame(m.data))
        cols = {n: np.asarray(m.data[n], dtype=np.float64) for n in m.data.dtype.names}
        return len(cols)
    return len(m.data)
for _ in range(3): once()
ts = []
for _ in range(runs):
    t0 = time.perf_counter(); once(); ts.append((time.perf_counter() - t0) * 1000)
ts.sort()
c0 = time.process_time()
for _ in range(30): once()
cpu = (time.process_time() - c0) * 1000 / 30
print(statistics.median(ts), ts[0], ts[int(0.9 * (len(ts) - 1))], cpu)
`;
const dir = ensureGalvani();
const py = spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' });
if (!dir) console.log('galvani: skipped (no galvani checkout and no mirror to make one; set GALVANI_DIR)');
else if (py.status !== 0) console.log('galvani: skipped (python3 with numpy not found: apt-get install python3-numpy)');
else {
  const size = statSync(fixturePath('cyclers', 'biol.mpr')).size;
  const fromPath = results.get('.mpr from the path (readFileSync + readMpr)')!;
  for (const mode of ['parse', 'columns']) {
    const r = spawnSync('python3', ['-c', PY, dir, fixturePath('cyclers', 'biol.mpr'), '15', mode], { encoding: 'utf8' });
    if (r.status !== 0) {
      console.log(`galvani (${mode}): failed: ${r.stderr.trim().split('\n').pop()}`);
      continue;
    }
    const [median, min, p90, cpu] = r.stdout.trim().split(/\s+/).map(Number);
    const t: Timing = { name: `galvani MPRfile(path)${mode === 'columns' ? ' + every field as a float64 column' : ''} (numpy ${py.stdout.trim()})`, runs: 15, medianMs: median, minMs: min, p90Ms: p90 };
    console.log(formatTiming(t, `| ${(size / 1e6).toFixed(2)} MB | wall ${mbps(size, median)} | CPU ${cpu.toFixed(3)} ms = ${mbps(size, cpu)}`));
    console.log(`  cathodelab (readFileSync + readMpr) vs ${t.name}: wall median ${(median / fromPath.wall.medianMs).toFixed(1)}×, wall min ${(min / fromPath.wall.minMs).toFixed(1)}×, CPU ${(cpu / fromPath.cpuMs).toFixed(1)}× the throughput`);
  }
}
