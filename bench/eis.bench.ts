/**
 * Impedance fitting benchmark, side by side with impedance.py on this machine.
 *
 * 1. The getting-started fit: exampleData.csv (57 points with Z″ < 0), R0-p(R1,C1)-p(R2-Wo1,C2),
 *    initial guess [.01, .01, 100, .01, .05, 100, 1] — median ms per fit.
 * 2. A 1000-spectrum batch with the same circuit: spectra synthesised from the fitted parameters with
 *    every resistance following an Arrhenius law over a temperature ramp (E_a 33.17 kJ/mol, as in Gao et
 *    al. 2025) plus 0.5 % noise, each fit seeded from its neighbour — ms per fit.
 *
 * impedance.py (ECSHackWeek/impedance.py, run from its source on Debian's python3-numpy/scipy) is the
 * baseline: its source is taken from the local mirror (`fetch github:ECSHackWeek/impedance.py`, or
 * IMPEDANCE_PY_SRC pointing at a checkout), extracted into a temporary directory with its plotting
 * imports stubbed, and driven by a small script written here. Nothing of it is stored in this
 * repository. Without python3/numpy/scipy or the source, the comparison is skipped with a message.
 * impedance.py's batch is timed on the first 100 spectra (≈ 15 s) and reported per fit.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMeasurement } from '../src/core/io/formats.js';
import { capacitivePoints, makeSpectrum, spectrumFromMeasurement, type Spectrum } from '../src/core/eis/spectrum.js';
import { Circuit } from '../src/core/eis/circuit.js';
import { fitCircuit, type CircuitFitSuccess } from '../src/core/eis/fit.js';
import { fitBatch } from '../src/core/eis/batch.js';
import { SeededRandom } from '../src/core/numerics/seeded-random.js';
import { GAS_CONSTANT } from '../src/core/units.js';
import { formatTiming, machineLine, timeIt, type Timing } from './harness.js';

const CIRCUIT = 'R0-p(R1,C1)-p(R2-Wo1,C2)';
const GUESS = [0.01, 0.01, 100, 0.01, 0.05, 100, 1];
const FIXTURE = join(process.cwd(), '..', 'shared', 'fixtures', 'eis', 'exampleData.csv');
const MIRROR = process.env.IMPEDANCE_PY_SRC ?? '/work/.mirror/ECSHackWeek+impedance.py/repo';
const BATCH = 1000;
const PY_BATCH = 100;

function fourSigDigits(a: number, b: number): boolean {
  return a.toPrecision(4) === b.toPrecision(4);
}

function synthesiseBatch(base: Float64Array, freqs: Float64Array): Spectrum[] {
  const circuit = Circuit.parse(CIRCUIT);
  const rng = new SeededRandom(42);
  const out: Spectrum[] = [];
  for (let i = 0; i < BATCH; i++) {
    const T = 283.15 + (40 * i) / (BATCH - 1);
    const f = Math.exp((33170 / GAS_CONSTANT) * (1 / T - 1 / 298.15));
    // Resistances (R0, R1, R2, Wo1_0) scale with the Arrhenius factor; capacitances and τ do not.
    const p = [base[0] * f, base[1] * f, base[2], base[3] * f, base[4] * f, base[5], base[6]];
    const z = circuit.impedance(p, freqs);
    const re = new Float64Array(freqs.length);
    const im = new Float64Array(freqs.length);
    for (let k = 0; k < freqs.length; k++) {
      const m = Math.hypot(z.re[k], z.im[k]);
      re[k] = z.re[k] + 0.005 * m * rng.normal();
      im[k] = z.im[k] + 0.005 * m * rng.normal();
    }
    const s = makeSpectrum(freqs, re, im, `synthetic ${i}`);
    s.temperatureK = T;
    out.push(s);
  }
  return out;
}

interface PyResult {
  error?: string;
  gsDefault?: { ms: number[]; params: number[]; ss: number };
  gsTight?: { ms: number[]; params: number[]; ss: number };
  batch?: { ms: number; n: number; converged: number };
}

/** The driver, written to a temp dir at run time; it calls impedance.py's public functions only. */
const DRIVER = `
import json, sys, time
import numpy as np
from impedance.preprocessing import readCSV, ignoreBelowX
from impedance.models.circuits.fitting import circuit_fit, wrapCircuit
cfg = json.load(open(sys.argv[1]))
f, Z = readCSV(cfg['fixture']); f, Z = ignoreBelowX(f, Z)
c = cfg['circuit']; g = cfg['guess']
def ss(p):
    m = wrapCircuit(c, {})(f, *p)
    return float(np.sum((m - np.hstack([Z.real, Z.imag]))**2))
out = {}
for key, kw, runs in [('gsDefault', {}, 7), ('gsTight', dict(ftol=1e-15, xtol=1e-15, gtol=1e-15), 3)]:
    ms = []
    for _ in range(runs):
        t = time.perf_counter(); p, e = circuit_fit(f, Z, c, g, **kw); ms.append((time.perf_counter() - t) * 1000)
    out[key] = {'ms': ms, 'params': [float(x) for x in p], 'ss': ss(p)}
spectra = json.load(open(cfg['batch']))
guess = g; ok = 0
t = time.perf_counter()
for s in spectra:
    fz = np.array(s['f']); zz = np.array(s['re']) + 1j * np.array(s['im'])
    try:
        p, e = circuit_fit(fz, zz, c, guess); guess = list(p); ok += 1
    except Exception:
        pass
out['batch'] = {'ms': (time.perf_counter() - t) * 1000, 'n': len(spectra), 'converged': ok}
print(json.dumps(out))
`;

function runImpedancePy(dir: string, batch: Spectrum[]): PyResult {
  const probe = spawnSync('python3', ['-c', 'import numpy, scipy; print(numpy.__version__, scipy.__version__)'], { encoding: 'utf8' });
  if (probe.status !== 0) return { error: 'python3 with numpy and scipy not found (apt-get install python3-numpy python3-scipy)' };
  if (!existsSync(MIRROR)) return { error: `impedance.py source not found at ${MIRROR} (set IMPEDANCE_PY_SRC to a checkout)` };
  const src = join(dir, 'src');
  mkdirSync(src);
  const isGitDir = existsSync(join(MIRROR, 'HEAD')) && !existsSync(join(MIRROR, 'impedance'));
  const extract = isGitDir
    ? spawnSync('bash', ['-c', `git --git-dir="${MIRROR}" archive HEAD impedance | tar -x -C "${src}"`], { encoding: 'utf8' })
    : spawnSync('cp', ['-r', join(MIRROR, 'impedance'), src], { encoding: 'utf8' });
  if (extract.status !== 0) return { error: `could not extract impedance.py: ${extract.stderr}` };
  // Its circuits module imports matplotlib/altair/pandas for plotting only; stub them.
  for (const m of ['matplotlib', 'altair', 'pandas']) {
    mkdirSync(join(dir, 'stubs', m), { recursive: true });
    writeFileSync(join(dir, 'stubs', m, '__init__.py'), '');
  }
  writeFileSync(join(dir, 'stubs', 'matplotlib', 'pyplot.py'), '');
  writeFileSync(join(dir, 'driver.py'), DRIVER);
  writeFileSync(join(dir, 'batch.json'), JSON.stringify(batch.slice(0, PY_BATCH).map((s) => ({ f: Array.from(s.frequencyHz), re: Array.from(s.zReal), im: Array.from(s.zImag) }))));
  writeFileSync(join(dir, 'cfg.json'), JSON.stringify({ fixture: FIXTURE, circuit: CIRCUIT, guess: GUESS, batch: join(dir, 'batch.json') }));
  const r = spawnSync('python3', [join(dir, 'driver.py'), join(dir, 'cfg.json')], {
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: `${src}:${join(dir, 'stubs')}`, PYTHONWARNINGS: 'ignore' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) return { error: `impedance.py run failed: ${r.stderr.split('\n').slice(-3).join(' ')}` };
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as PyResult;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function main(): void {
  console.log('# EIS fitting benchmark');
  console.log(machineLine());
  const spectrum = capacitivePoints(spectrumFromMeasurement(readMeasurement(new Uint8Array(readFileSync(FIXTURE)), 'exampleData.csv')));
  const circuit = Circuit.parse(CIRCUIT);
  let fit: CircuitFitSuccess | null = null;
  const gs: Timing = timeIt('cathodelab getting-started fit', () => {
    const r = fitCircuit(circuit, spectrum, { initial: GUESS });
    if (!r.converged) throw new Error(r.message);
    fit = r;
    return r;
  }, { runs: 50, warmup: 5 });
  const ours = fit as unknown as CircuitFitSuccess;
  console.log(formatTiming(gs, `(${spectrum.frequencyHz.length} points, 7 parameters, ${ours.iterations} iterations, ${ours.evaluations} evaluations)`));
  console.log(`  parameters: ${ours.parameters.map((p) => `${p.name}=${p.value.toPrecision(6)}`).join(' ')}  χ²=${ours.chiSquare.toPrecision(10)}`);

  const batch = synthesiseBatch(ours.values, spectrum.frequencyHz);
  let failed = 0;
  const t0 = performance.now();
  const items = fitBatch(circuit, batch, { initial: GUESS });
  const batchMs = performance.now() - t0;
  failed = items.filter((it) => !it.result.converged).length;
  console.log(`cathodelab batch: ${BATCH} spectra in ${batchMs.toFixed(0)} ms = ${(batchMs / BATCH).toFixed(3)} ms per fit (${BATCH - failed} converged)`);

  const dir = mkdtempSync(join(tmpdir(), 'cathodelab-eis-bench-'));
  try {
    const py = runImpedancePy(dir, batch);
    if (py.error || !py.gsDefault || !py.gsTight || !py.batch) {
      console.log(`impedance.py comparison skipped: ${py.error ?? 'no result'}`);
      return;
    }
    const pyGs = median(py.gsDefault.ms);
    const pyTight = median(py.gsTight.ms);
    console.log(`impedance.py getting-started fit (default tolerances): median ${pyGs.toFixed(1)} ms (${py.gsDefault.ms.length} runs)`);
    console.log(`impedance.py getting-started fit (ftol=xtol=gtol=1e-15): median ${pyTight.toFixed(1)} ms (${py.gsTight.ms.length} runs)`);
    console.log(`ratio per fit: cathodelab is ${(pyGs / gs.medianMs).toFixed(0)}× faster than impedance.py (default), ${(pyTight / gs.medianMs).toFixed(0)}× faster than impedance.py converged tightly`);
    const pyBatchPer = py.batch.ms / py.batch.n;
    console.log(`impedance.py batch: ${py.batch.n} spectra in ${py.batch.ms.toFixed(0)} ms = ${pyBatchPer.toFixed(2)} ms per fit (${py.batch.converged} returned) → cathodelab ${(pyBatchPer / (batchMs / BATCH)).toFixed(0)}× faster per fit`);
    const names = ours.parameters.map((p) => p.name);
    const cmp = (label: string, p: number[], ss: number): void => {
      const same = p.map((v, j) => fourSigDigits(v, ours.values[j]));
      console.log(`  vs impedance.py ${label}: ${names.map((n, j) => `${n} ${p[j].toPrecision(6)}${same[j] ? '' : ' (≠)'}`).join(', ')}; χ² ${ss.toPrecision(10)}; ${same.every(Boolean) ? 'all 7 equal to 4 significant digits' : `${same.filter(Boolean).length}/7 equal to 4 significant digits`}`);
    };
    cmp('(ftol=xtol=gtol=1e-15)', py.gsTight.params, py.gsTight.ss);
    cmp('(default tolerances)', py.gsDefault.params, py.gsDefault.ss);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
