/**
 * Seeded mutation/truncation fuzzing for the binary readers (tests only). Each case is a fixture with
 * random bytes flipped, random 32-bit words overwritten (lengths and offsets are the fields that make
 * parsers hang or over-read), or the file cut short. A case passes when the reader returns or throws a
 * CathodeLabError; anything else (TypeError, RangeError, a hang) fails with the seed to replay it.
 */
import assert from 'node:assert/strict';
import { CathodeLabError } from '../../../../src/core/errors.js';

/** mulberry32: small, fast, seedable. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One mutated copy of `src`; `focus` limits byte mutations to the first `focus` bytes when given. */
export function mutate(src: Uint8Array, rnd: () => number, focus?: number): Uint8Array {
  const kind = Math.floor(rnd() * 3);
  const span = Math.min(src.length, focus ?? src.length);
  if (kind === 0) return src.slice(0, Math.floor(rnd() * src.length));
  const out = src.slice();
  const n = 1 + Math.floor(rnd() * 16);
  for (let k = 0; k < n; k++) {
    const at = Math.floor(rnd() * span);
    if (kind === 1) out[at] = Math.floor(rnd() * 256);
    else {
      const word = [0xffffffff, 0x7fffffff, 0x80000000, 0, 1, Math.floor(rnd() * 2 ** 32)][Math.floor(rnd() * 6)];
      for (let b = 0; b < 4 && at + b < out.length; b++) out[at + b] = (word >>> (8 * b)) & 0xff;
    }
  }
  return out;
}

/**
 * Runs `cases` seeded mutations through `read`; asserts only CathodeLabErrors escape and each case
 * stays within `maxMs` of CPU time (a hang guard: a loop that never ends burns CPU, while wall time on
 * a shared machine also counts other people's work).
 */
export function fuzzReader(src: Uint8Array, read: (b: Uint8Array) => unknown, opts: { seed: number; cases: number; focus?: number; maxMs?: number }): { ok: number; typed: number; slowestMs: number } {
  const rnd = prng(opts.seed);
  let ok = 0;
  let typed = 0;
  let slowest = 0;
  for (let c = 0; c < opts.cases; c++) {
    const bytes = mutate(src, rnd, opts.focus);
    const c0 = process.cpuUsage();
    try {
      read(bytes);
      ok++;
    } catch (e) {
      if (!(e instanceof CathodeLabError)) assert.fail(`case ${c} (seed ${opts.seed}): untyped ${(e as Error)?.name}: ${(e as Error)?.message}\n${(e as Error)?.stack?.split('\n').slice(0, 4).join('\n')}`);
      typed++;
    }
    const cu = process.cpuUsage(c0);
    const dt = (cu.user + cu.system) / 1000;
    slowest = Math.max(slowest, dt);
    assert.ok(dt <= (opts.maxMs ?? 1000), `case ${c} (seed ${opts.seed}) took ${dt.toFixed(0)} ms of CPU`);
  }
  return { ok, typed, slowestMs: slowest };
}
