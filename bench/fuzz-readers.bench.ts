/**
 * The long fuzz run: every binary reader in the registry (found automatically — any reader whose
 * sniffer accepts a binary fixture in ../shared/fixtures/cyclers, so new readers are included without
 * editing this file) gets FUZZ_CASES (default 100 000) mutated or truncated copies of its fixtures:
 * half with mutations anywhere, half within the first 16 KiB where the headers, module tables and
 * length fields live. A case passes when the reader returns or throws a CathodeLabError within 1 s.
 *
 * Cases run in worker threads (FUZZ_WORKERS, default one per core), worker w taking cases w, w + W, …
 * Each case has its own generator, seeded from (FUZZ_SEED, case number), so a case replays alone:
 *   FUZZ_READERS=arbin-res FUZZ_SEED=3143 FUZZ_CASE=48211 node --import tsx bench/fuzz-readers.bench.ts
 * The full run (documented in bench/README.md):
 *   FUZZ_MINUTES=60 nice -n 19 node --import tsx bench/fuzz-readers.bench.ts
 * Under `npm run bench` the per-reader budget is FUZZ_MINUTES (default 3): a reader that needs more stops
 * early and says how far it got. FUZZ_CASES shortens the run, FUZZ_READERS=biologic-mpr,arbin-res chooses
 * readers.
 *
 * Timing: a case over 1 s of wall time is run again on its own; it fails only if it is over 1 s again
 * (the 2 cores are shared, so a single wall time can include other people's work).
 */
import { readdirSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { machineLine } from './harness.js';
import { fixturePath, readFixtureBytes } from '../test/helpers/fixtures.js';
import { mutate, prng } from '../test/core/io/tabular/fuzz.js';
import { reduceArbinRes } from '../test/core/io/arbin/res-reduce.js';
import { registeredReaders, type FormatReader } from '../src/core/io/formats.js';
import { CathodeLabError } from '../src/core/errors.js';
import { copyingSource } from '../src/core/io/byte-source.js';
import { unzipNdax } from '../src/core/io/neware/ndax.js';
import { zipSync } from 'fflate';

const LIMIT_MS = 1000;

/** The generator of case `c`: every case is reproducible without running the ones before it. */
export function caseRandom(seed: number, c: number): () => number {
  return prng((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(c + 1, 0x85ebca6b)) >>> 0);
}

/** Case `c`: alternately anywhere / in the first 16 KiB (pairs), the sources taking turns. */
function caseBytes(sources: readonly Uint8Array[], seed: number, c: number): Uint8Array {
  return mutate(sources[c % sources.length], caseRandom(seed, c), (c >> 1) % 2 === 0 ? undefined : 16384);
}

interface Job {
  readerId: string;
  sources: Uint8Array[];
  seed: number;
  first: number;
  stride: number;
  cases: number;
  deadline: number;
}
interface JobResult {
  done: number;
  ok: number;
  typed: number;
  slowestMs: number;
  slowestCase: number;
  bad: string[];
}

/**
 * Runs one case; `undefined` when it passed, else why it failed. A reader that can also read piece by
 * piece (.mpr) takes the cases in turn four ways: from memory and piece by piece (as from a file), each
 * with its WebAssembly and its TypeScript decode.
 */
function runCase(reader: FormatReader, bytes: Uint8Array, c: number): { ms: number; typed: boolean; bad?: string } {
  const s = performance.now();
  try {
    const kernels = c % 4 < 2 ? 'wasm' : 'js';
    if (reader.readSource && c % 2 === 1) reader.readSource(copyingSource(bytes), `fuzz-${c}`, { kernels });
    else reader.read(bytes, `fuzz-${c}`, { kernels });
    return { ms: performance.now() - s, typed: false };
  } catch (e) {
    const ms = performance.now() - s;
    if (e instanceof CathodeLabError) return { ms, typed: true };
    const err = e as Error;
    return { ms, typed: false, bad: `case ${c}: ${err?.name}: ${err?.message}\n    ${err?.stack?.split('\n').slice(1, 4).join('\n    ')}` };
  }
}

function runJob(job: Job): JobResult {
  const reader = registeredReaders().find((r) => r.id === job.readerId);
  if (!reader) throw new Error(`no reader ${job.readerId}`);
  const r: JobResult = { done: 0, ok: 0, typed: 0, slowestMs: 0, slowestCase: -1, bad: [] };
  for (let c = job.first; c < job.cases; c += job.stride) {
    if ((r.done & 63) === 0 && Date.now() > job.deadline) break;
    r.done++;
    const bytes = caseBytes(job.sources, job.seed, c);
    let res = runCase(reader, bytes, c);
    if (res.ms > LIMIT_MS) {
      const again = runCase(reader, bytes, c);
      if (again.ms > LIMIT_MS) res = { ...again, bad: again.bad ?? `case ${c}: took ${res.ms.toFixed(0)} ms, then ${again.ms.toFixed(0)} ms` };
      else res = again;
    }
    if (res.ms > r.slowestMs) {
      r.slowestMs = res.ms;
      r.slowestCase = c;
    }
    if (res.bad) r.bad.push(res.bad);
    else if (res.typed) r.typed++;
    else r.ok++;
  }
  return r;
}

function isBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/**
 * Smaller base files for readers whose only fixture is large (one entry per reader id): a case then
 * takes about a millisecond instead of a full read of a file of 10 000–250 000 rows. Readers not
 * listed use their fixtures up to 256 KiB (or their smallest one).
 */
const FUZZ_SOURCES: Partial<Record<string, () => { bytes: Uint8Array; label: string }>> = {
  // The .ndax fixture cut to its first 24 pages per record member, as in test/core/io/neware/ndax-fuzz.test.ts.
  'neware-ndax': () => {
    const members = unzipNdax(readFixtureBytes('cyclers', '20260302_IFE_BTS85_2_9_8_1.ndax'), 'src.ndax');
    const small: Record<string, Uint8Array> = {};
    for (const [n, b] of Object.entries(members)) small[n] = /^data(_AUX_.*)?\.ndc$/.test(n) ? b.slice(0, 4096 * 25) : b;
    const bytes = zipSync(small, { level: 1 });
    return { bytes, label: `20260302_IFE_BTS85_2_9_8_1.ndax cut to 24 pages per member (${(bytes.length / 1024).toFixed(0)} KiB)` };
  },
  // The .res fixture with Channel_Normal_Table cut to its first 16 data pages (640 of 10 261 rows),
  // every other table, definition and index page kept: see test/core/io/arbin/res-reduce.ts.
  'arbin-res': () => ({
    bytes: reduceArbinRes(readFixtureBytes('cyclers', '20160805_test001_45_cc_01.res'), 16),
    label: '20160805_test001_45_cc_01.res with Channel_Normal_Table cut to 16 data pages (640 rows)',
  }),
};

/**
 * Node 20 does not pass `--import tsx` loader hooks on to worker threads, so each worker registers
 * tsx itself and then imports this file (which, not being the main thread, runs its job).
 */
const WORKER_BOOT = `
const { workerData } = require('node:worker_threads');
import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(workerData.self); });
`;

async function main(): Promise<void> {
  const cases = Number(process.env.FUZZ_CASES ?? 100_000);
  const minutes = Number(process.env.FUZZ_MINUTES ?? 3);
  const seed = Number(process.env.FUZZ_SEED ?? 0xc47);
  const workers = Math.max(1, Number(process.env.FUZZ_WORKERS ?? cpus().length));
  const only = process.env.FUZZ_READERS?.split(',').map((x) => x.trim());
  const replay = process.env.FUZZ_CASE === undefined ? undefined : Number(process.env.FUZZ_CASE);

  const dir = fixturePath('cyclers');
  const files = readdirSync(dir).filter((f) => statSync(`${dir}/${f}`).isFile()).sort((a, b) => statSync(`${dir}/${a}`).size - statSync(`${dir}/${b}`).size);
  const fixtureBytes = new Map(files.map((f) => [f, readFixtureBytes('cyclers', f)]));
  console.log(machineLine());
  console.log(`fuzz: ${cases} cases per binary reader, seed ${seed}, ${workers} worker thread(s), limit ${LIMIT_MS} ms per case, budget ${minutes} min per reader`);
  let failures = 0;
  for (const reader of registeredReaders()) {
    if (only && !only.includes(reader.id)) continue;
    const matching = files.filter((f) => {
      const b = fixtureBytes.get(f)!;
      return isBinary(b) && reader.sniff(b, f);
    });
    if (matching.length === 0) continue; // a text reader, or no fixture for it
    const custom = FUZZ_SOURCES[reader.id]?.();
    // Every fixture of this reader up to 256 KiB takes turns (all header layouts and versions get
    // mutated); a reader with only larger fixtures uses its smallest one.
    let sources = custom ? [custom.bytes] : matching.filter((f) => fixtureBytes.get(f)!.length <= 256 * 1024).map((f) => fixtureBytes.get(f)!);
    let base = custom ? custom.label : `${sources.length} fixtures ≤ 256 KiB`;
    if (sources.length === 0) {
      sources = [fixtureBytes.get(matching[0])!];
      base = `${matching[0]} (${(sources[0].length / 1024).toFixed(0)} KiB)`;
    }
    if (replay !== undefined) {
      const res = runCase(reader, caseBytes(sources, seed, replay), replay);
      console.log(`${reader.id} case ${replay} (seed ${seed}): ${res.bad ?? (res.typed ? 'typed error' : 'read')}, ${res.ms.toFixed(1)} ms`);
      if (res.bad) failures++;
      continue;
    }
    const deadline = Date.now() + minutes * 60_000;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const results = await Promise.all(
      Array.from({ length: workers }, (_, w) => {
        const job: Job = { readerId: reader.id, sources, seed, first: w, stride: workers, cases, deadline };
        return new Promise<JobResult>((resolve, reject) => {
          const worker = new Worker(WORKER_BOOT, { eval: true, workerData: { job, self: import.meta.url } });
          worker.once('message', resolve);
          worker.once('error', reject);
        });
      }),
    );
    const secs = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const sum = (k: 'done' | 'ok' | 'typed'): number => results.reduce((s, r) => s + r[k], 0);
    const slow = results.reduce((a, r) => (r.slowestMs > a.slowestMs ? r : a));
    const bad = results.flatMap((r) => r.bad);
    const done = sum('done');
    // The slowest case once more, alone on this thread: tells a slow input from a descheduled worker.
    let alone = Infinity;
    if (slow.slowestCase >= 0) for (let k = 0; k < 3; k++) alone = Math.min(alone, runCase(reader, caseBytes(sources, seed, slow.slowestCase), slow.slowestCase).ms);
    console.log(
      `${reader.id} on ${base}: ${done} cases${done < cases ? ` (stopped: ${minutes} min budget)` : ''}: ${sum('ok')} read, ${sum('typed')} typed errors, ` +
        `${bad.length} failures, slowest ${slow.slowestMs.toFixed(1)} ms (case ${slow.slowestCase}; ${alone.toFixed(1)} ms when run again alone), ${secs.toFixed(1)} s wall, ` +
        `${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU`,
    );
    for (const b of bad.slice(0, 10)) console.log(`  FAIL ${b} (replay: FUZZ_READERS=${reader.id} FUZZ_SEED=${seed} FUZZ_CASE=<case>)`);
    failures += bad.length;
  }
  if (failures > 0) process.exitCode = 1;
}

// Last, so every declaration above is initialised: a worker runs its share, the main thread runs main().
if (!isMainThread) {
  parentPort!.postMessage(runJob((workerData as { job: Job }).job));
} else {
  await main();
}
