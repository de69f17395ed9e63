/**
 * Issue 8's "Done when": the default simulation's curve is on screen within 1 s of clicking Run.
 *
 * Builds the app (Vite, into a temporary folder, from the current sources), serves it with the real
 * `cathodelab serve` on a free loopback port and drives Debian's headless Chromium. Each run opens a
 * fresh simulator page and clicks Run; the page itself times from the click to the first animation
 * frame in which the voltage chart holds a drawn curve (a <path> inside a series group), polling with
 * requestAnimationFrame so the number is what a user sees, not when a message arrived.
 *
 * - cold: a new browser profile per run (empty HTTP cache, nothing compiled): the first visit.
 * - warm: one browser, a new page per run (cached scripts): a returning user.
 *
 * The baseline, measured in the same run, is the same simulation solved in Node (no worker, no page):
 * the ratio says what the browser adds (worker start, module load, transfer, drawing) to the solve.
 * Writes the table to bench/results/web.md. WEB_BENCH_RUNS=N sets the runs per case (default 7 warm, 4 cold).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { buildApp, serve, openBrowser, browserUnavailable, CHROMIUM } from '../test/helpers/browser.js';
import { machineLine, timeIt, formatTiming } from './harness.js';
import { getPreset } from '../src/core/sim/presets/index.js';
import { parseExperiment } from '../src/core/sim/experiment.js';
import { Simulation } from '../src/core/sim/simulate.js';

const LIMIT_MS = 1000;
const runsEnv = Number(process.env.WEB_BENCH_RUNS);
const WARM_RUNS = runsEnv > 0 ? runsEnv : 7;
const COLD_RUNS = runsEnv > 0 ? Math.max(2, Math.ceil(runsEnv / 2)) : 4;

interface Sample {
  /** Click to the first frame with the voltage curve drawn. */
  curveMs: number;
  /** Click to the first frame with the final capacity card. */
  resultMs: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs in the page: click Run, then watch every animation frame for the curve and the result cards. */
const IN_PAGE = `new Promise((resolve, reject) => {
  const btn = document.querySelector('[data-testid="sim-run"]');
  let curveMs = -1;
  const t0 = performance.now();
  const give = setTimeout(() => reject(new Error('no curve within 60 s')), 60000);
  function poll() {
    const now = performance.now();
    if (curveMs < 0 && document.querySelector('[data-testid="sim-voltage-chart"] svg g.series path')) curveMs = now - t0;
    if (curveMs >= 0 && document.querySelector('[data-testid="sim-specific"]')) {
      clearTimeout(give);
      resolve({ curveMs, resultMs: now - t0 });
      return;
    }
    requestAnimationFrame(poll);
  }
  btn.click();
  requestAnimationFrame(poll);
})`;

/** Opens the simulator on `page`, clicks Run and measures in the page. */
async function oneRun(page: import('playwright-core').Page, url: string): Promise<Sample> {
  await page.goto(`${url}#/sim`);
  await page.waitForSelector('[data-testid="sim-run"]:not([disabled])');
  // A string, not a function: tsx's transform would wrap named functions in a helper the page lacks.
  return page.evaluate(IN_PAGE) as Promise<Sample>;
}

async function main(): Promise<void> {
  const why = browserUnavailable();
  if (why) {
    console.log(`web-first-curve: skipped, ${why}`);
    return;
  }
  console.log(machineLine());
  // The app is built from the working tree: say which commit, and whether the core had local changes.
  const git = (...a: string[]): string => spawnSync('git', a, { encoding: 'utf8' }).stdout ?? '';
  // Porcelain lines are "XY path": the status columns can be blank, so no trim before slicing.
  const dirty = git('status', '--porcelain', '--', 'src/core', 'web/src').replace(/\n+$/, '');
  const source = `built from commit ${git('rev-parse', '--short', 'HEAD').trim() || 'unknown'}${dirty ? ` plus uncommitted changes in ${[...new Set(dirty.split('\n').map((l) => l.slice(3).split('/').slice(0, 3).join('/')))].join(', ')}` : ''}`;
  console.log(`source: ${source}`);
  console.log(`chromium: ${CHROMIUM} (headless); problem: the simulator page's default run (gao2025-ncm811-llzo, 32.8 mg/cm², 1C discharge to the cut-off, 25 °C, 20 cells per domain)`);
  // Baseline: the page's default run solved here, as the worker does (same preset, mesh and steps).
  const solve = (): boolean => {
    const p = getPreset('gao2025-ncm811-llzo', { temperatureK: 298.15, loadingMgPerCm2: 32.8 });
    const steps = parseExperiment(`Discharge at 1C until ${p.lowerCutoffV} V`, { oneCAPerM2: p.oneCAPerM2, areaM2: p.areaM2 });
    return new Simulation(p, { cells: [20, 20, 20], shells: 20 }).run(steps).completed;
  };
  // The page's worker is a fresh isolate every run, so its solve is never JIT-warm: report Node's first too.
  const tFirst = performance.now();
  if (!solve()) throw new Error('the default run did not complete in Node');
  const firstSolveMs = performance.now() - tFirst;
  const node = timeIt('the same run solved in Node (JIT-warm)', solve, { runs: 7, warmup: 2 });
  console.log(`first solve in this process (cold JIT): ${firstSolveMs.toFixed(0)} ms; ${formatTiming(node)}`);
  const tBuild = performance.now();
  const dist = buildApp();
  console.log(`built the app in ${((performance.now() - tBuild) / 1000).toFixed(1)} s`);
  const server = await serve(dist);
  const results: Record<'cold' | 'warm', Sample[]> = { cold: [], warm: [] };
  try {
    for (let i = 0; i < COLD_RUNS; i++) {
      const b = await openBrowser();
      try {
        results.cold.push(await oneRun(b.page, server.url));
        if (b.errors.length) throw new Error(`console errors: ${b.errors.join('; ')}`);
      } finally {
        await b.close();
      }
    }
    const b = await openBrowser();
    try {
      // One visit first so the scripts are cached; then a fresh page for every timed run.
      await oneRun(b.page, server.url);
      for (let i = 0; i < WARM_RUNS; i++) {
        const page = await b.context.newPage();
        try {
          results.warm.push(await oneRun(page, server.url));
        } finally {
          await page.close();
        }
      }
      if (b.errors.length) throw new Error(`console errors: ${b.errors.join('; ')}`);
    } finally {
      await b.close();
    }
  } finally {
    await server.stop();
    rmSync(dist, { recursive: true, force: true });
  }

  const lines: string[] = [];
  const row = (name: 'cold' | 'warm'): string => {
    const s = results[name];
    const c = s.map((x) => x.curveMs);
    const r = s.map((x) => x.resultMs);
    return `| ${name} | ${s.length} | ${median(c).toFixed(0)} | ${Math.max(...c).toFixed(0)} | ${median(r).toFixed(0)} | ${Math.max(...r).toFixed(0)} | ${(median(c) / node.medianMs).toFixed(2)}× | ${Math.max(...c) <= LIMIT_MS ? 'yes' : 'no'} |`;
  };
  lines.push('| case | runs | curve median / ms | curve max / ms | full result median / ms | full result max / ms | curve ÷ Node solve (medians) | every curve ≤ 1 s |', '|---|---|---|---|---|---|---|---|', row('cold'), row('warm'));
  lines.push('', `Baseline in the same run: ${formatTiming(node)}; the first solve in the process (cold JIT, as in a fresh worker) took ${firstSolveMs.toFixed(0)} ms.`);
  for (const l of lines) console.log(l);
  const all = [...results.cold, ...results.warm].map((x) => x.curveMs);
  console.log(`first curve: median ${median(all).toFixed(0)} ms, max ${Math.max(...all).toFixed(0)} ms over ${all.length} runs (limit ${LIMIT_MS} ms)`);

  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/web.md', [
    '# Browser app: the default simulation\'s first curve',
    '',
    `Measured by \`bench/web-first-curve.bench.ts\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    '',
    machineLine(),
    `Source: ${source}.`,
    `Chromium ${CHROMIUM}, headless; the simulator page's default run (gao2025-ncm811-llzo, 32.8 mg/cm², 1C to the cut-off, 25 °C, 20 cells per domain).`,
    'Timed in the page: from the click on Run to the first animation frame with the voltage curve drawn, and to the frame with the final result (capacity cards). Cold = a new browser profile per run; warm = a new page in a browser that has loaded the app once.',
    '',
    ...lines,
    '',
    `Issue 8 asks for the curve within ${LIMIT_MS} ms of the click.`,
    '',
  ].join('\n'));
  console.log('wrote bench/results/web.md');
}

await main();
