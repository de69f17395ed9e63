/**
 * Shared benchmark helpers: run a function repeatedly after a warm-up, report the median and spread,
 * and describe the machine. Every benchmark prints its problem size and, where one exists, the ratio
 * against a baseline measured in the same run (never a number remembered from elsewhere).
 */
import { cpus, totalmem } from 'node:os';

export interface Timing {
  name: string;
  runs: number;
  medianMs: number;
  minMs: number;
  p90Ms: number;
}

/** One line naming the machine, for every benchmark's output. */
export function machineLine(): string {
  const c = cpus();
  return `machine: ${c[0]?.model ?? 'unknown cpu'} × ${c.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`;
}

function quantile(sorted: number[], q: number): number {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

/**
 * Times `fn` `runs` times after `warmup` calls. Uses performance.now(); the caller keeps the work
 * observable (return a value into a sink) so it is not optimised away.
 */
export function timeIt(name: string, fn: () => unknown, options: { runs?: number; warmup?: number } = {}): Timing {
  const runs = options.runs ?? 20;
  const warmup = options.warmup ?? 3;
  let sink = 0;
  for (let i = 0; i < warmup; i++) sink += Number(Boolean(fn()));
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    sink += Number(Boolean(fn()));
    times.push(performance.now() - t0);
  }
  if (sink < 0) console.log(sink);
  times.sort((a, b) => a - b);
  return { name, runs, medianMs: quantile(times, 0.5), minMs: times[0], p90Ms: quantile(times, 0.9) };
}

export function formatTiming(t: Timing, extra = ''): string {
  return `${t.name}: median ${t.medianMs.toFixed(3)} ms (min ${t.minMs.toFixed(3)}, p90 ${t.p90Ms.toFixed(3)}, ${t.runs} runs)${extra ? ' ' + extra : ''}`;
}

/** "12.3× faster than <baseline>" (or slower), from two medians measured in the same run. */
export function ratioLine(candidate: Timing, baseline: Timing): string {
  const r = baseline.medianMs / candidate.medianMs;
  return r >= 1 ? `${candidate.name} is ${r.toFixed(1)}× faster than ${baseline.name}` : `${candidate.name} is ${(1 / r).toFixed(1)}× slower than ${baseline.name}`;
}
