/**
 * The long fuzz run: every binary reader in the registry (found automatically — any reader whose
 * sniffer accepts a binary fixture in ../shared/fixtures/cyclers, so new readers such as .res or .ndax
 * are included without editing this file) gets FUZZ_CASES (default 100 000) mutated or truncated
 * copies of its smallest fixture: half with mutations anywhere, half within the first 16 KiB where the
 * headers, module tables and length fields live. A case passes when the reader returns or throws a
 * CathodeLabError within 1 s. Failures are listed with the seed and case number that replay them.
 *   node --import tsx bench/fuzz-readers.bench.ts   (FUZZ_CASES=5000 to shorten, FUZZ_READERS=biologic-mpr,arbin-res
 *   to choose readers, FUZZ_MINUTES per-reader budget, FUZZ_SEED)
 */
import { readdirSync, statSync } from 'node:fs';
import { machineLine } from './harness.js';
import { fixturePath, readFixtureBytes } from '../test/helpers/fixtures.js';
import { mutate, prng } from '../test/core/io/tabular/fuzz.js';
import { registeredReaders } from '../src/core/io/formats.js';
import { CathodeLabError } from '../src/core/errors.js';
import { unzipNdax } from '../src/core/io/neware/ndax.js';
import { zipSync } from 'fflate';

const CASES = Number(process.env.FUZZ_CASES ?? 100_000);
/**
 * Wall-clock budget per reader; a reader that needs more stops early and says how far it got.
 * 3 minutes keeps `npm run bench` usable (.mpr reaches 100 000 cases in it); the slow .res and .ndax
 * readers need FUZZ_MINUTES=120 for the full 100 000 cases.
 */
const MINUTES = Number(process.env.FUZZ_MINUTES ?? 3);
const SEED = Number(process.env.FUZZ_SEED ?? 0xc47);
const LIMIT_MS = 1000;

function isBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/**
 * Optional smaller base files for readers whose only fixture is large (one line per reader id): a case
 * then takes milliseconds instead of a full read of a 250 000-row file. Readers not listed here use
 * their smallest binary fixture.
 */
const FUZZ_SOURCES: Partial<Record<string, () => Uint8Array>> = {
  // The .ndax fixture cut to its first 24 pages per record member, as in test/core/io/neware/ndax-fuzz.test.ts.
  'neware-ndax': () => {
    const members = unzipNdax(readFixtureBytes('cyclers', '20260302_IFE_BTS85_2_9_8_1.ndax'), 'src.ndax');
    const small: Record<string, Uint8Array> = {};
    for (const [n, b] of Object.entries(members)) small[n] = /^data(_AUX_.*)?\.ndc$/.test(n) ? b.slice(0, 4096 * 25) : b;
    return zipSync(small, { level: 1 });
  },
};

const dir = fixturePath('cyclers');
const files = readdirSync(dir).filter((f) => statSync(`${dir}/${f}`).isFile()).sort((a, b) => statSync(`${dir}/${a}`).size - statSync(`${dir}/${b}`).size);
const fixtureBytes = new Map(files.map((f) => [f, readFixtureBytes('cyclers', f)]));
console.log(machineLine());
console.log(`fuzz: ${CASES} cases per binary reader, seed ${SEED}, limit ${LIMIT_MS} ms per case`);
let failures = 0;
const only = process.env.FUZZ_READERS?.split(',').map((x) => x.trim());
for (const reader of registeredReaders()) {
  if (only && !only.includes(reader.id)) continue;
  const matching = files.filter((f) => {
    const b = fixtureBytes.get(f)!;
    return isBinary(b) && reader.sniff(b, f);
  });
  if (matching.length === 0) continue; // a text reader, or no fixture for it
  const file = matching[0];
  const custom: (() => Uint8Array) | undefined = FUZZ_SOURCES[reader.id];
  // Every fixture of this reader up to 256 KiB takes turns (all header layouts and versions get
  // mutated); a reader with only larger fixtures uses its smallest one.
  const sources = custom ? [custom()] : matching.filter((f) => fixtureBytes.get(f)!.length <= 256 * 1024).map((f) => fixtureBytes.get(f)!);
  if (sources.length === 0) sources.push(fixtureBytes.get(file)!);
  const src = sources[0];
  const rnd = prng(SEED);
  let ok = 0;
  let typed = 0;
  let slowest = 0;
  const bad: string[] = [];
  const t0 = performance.now();
  let done = 0;
  for (let c = 0; c < CASES; c++) {
    if ((c & 255) === 0 && performance.now() - t0 > MINUTES * 60_000) break;
    done++;
    const bytes = mutate(sources[c % sources.length], rnd, (c >> 1) % 2 === 0 ? undefined : 16384);
    const s = performance.now();
    try {
      reader.read(bytes, `fuzz-${c}`);
      ok++;
    } catch (e) {
      if (e instanceof CathodeLabError) typed++;
      else bad.push(`case ${c}: ${(e as Error)?.name}: ${(e as Error)?.message}`);
    }
    const dt = performance.now() - s;
    slowest = Math.max(slowest, dt);
    if (dt > LIMIT_MS) bad.push(`case ${c}: took ${dt.toFixed(0)} ms`);
  }
  const secs = (performance.now() - t0) / 1000;
  const base = custom ? `a reduced ${file} (${(src.length / 1024).toFixed(0)} KiB)` : sources.length > 1 ? `${sources.length} fixtures ≤ 256 KiB` : `${file} (${(src.length / 1024).toFixed(0)} KiB)`;
  console.log(`${reader.id} on ${base}: ${done} cases${done < CASES ? ` (stopped: ${MINUTES} min budget)` : ''}: ${ok} read, ${typed} typed errors, ${bad.length} failures, slowest ${slowest.toFixed(1)} ms, ${secs.toFixed(1)} s`);
  for (const b of bad.slice(0, 10)) console.log(`  FAIL ${b} (replay: FUZZ_SEED=${SEED})`);
  failures += bad.length;
}
if (failures > 0) process.exitCode = 1;
