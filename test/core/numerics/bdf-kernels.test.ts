/**
 * The BDF solver's WebAssembly vector kernels (bdf-kernels.ts, from asm/bdf-kernels.ts): the committed
 * module is the compiled source; each kernel equals the TypeScript formula on random data (odd and even
 * n, every order); and whole solves give the same steps and results with the kernels as without.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { BdfKernels } from '../../../src/core/numerics/bdf-kernels.js';
import { BdfSolver } from '../../../src/core/numerics/bdf.js';
import { robertson } from './dae-test-problems.js';
import { SeededRandom } from '../../../src/core/numerics/seeded-random.js';
import { simulate } from '../../../src/core/sim/simulate.js';
import { parseExperiment } from '../../../src/core/sim/experiment.js';
import { marquis2019 } from '../../../src/core/sim/presets/marquis2019.js';
import { gao2025Ncm811 } from '../../../src/core/sim/presets/gao2025.js';

test('the committed WebAssembly modules are asm/*.ts compiled (npm run build:wasm)', () => {
  const r = spawnSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr + r.stdout);
});

const close = (a: number, b: number, rel = 1e-14): boolean => Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b), 1e-300);

test('each kernel equals its TypeScript formula (n = 7 and 1000, orders 1–5)', () => {
  const rnd = new SeededRandom(11);
  for (const n of [7, 1000]) {
    const kern = BdfKernels.create(80 * n + 200, 80);
    assert.ok(kern, 'WebAssembly SIMD is available in Node 20');
    const fn = kern.fn;
    const fill = (a: Float64Array, lo = -1, hi = 1): Float64Array => {
      for (let i = 0; i < a.length; i++) a[i] = rnd.uniform(lo, hi);
      return a;
    };
    for (let k = 1; k <= 5; k++) {
      // predict
      const phi = fill(kern.alloc(7 * n));
      const phi0 = phi.slice();
      const yy = kern.alloc(n);
      const ypy = kern.alloc(n);
      const coef: Float64Array = kern.alloc(12);
      for (let j = 1; j <= 5; j++) {
        coef[j] = j >= 3 ? rnd.uniform(0.5, 2) : 1;
        coef[6 + j] = rnd.uniform(-3, 3);
      }
      fn.predict(phi.byteOffset, yy.byteOffset, ypy.byteOffset, coef.byteOffset, n, k);
      for (let i = 0; i < n; i++) {
        let y = phi0[i];
        let yp = 0;
        for (let j = 1; j <= k; j++) {
          const p: number = phi0[j * n + i] * coef[j];
          assert.equal(phi[j * n + i], p, `predict k=${k} row ${j}`);
          y += p;
          yp += coef[6 + j] * p;
        }
        assert.ok(close(yy[i], y) && close(ypy[i], yp), `predict k=${k} i=${i}`);
      }
      // history
      const ee = fill(kern.alloc(n));
      const before = phi.slice();
      fn.history(phi.byteOffset, ee.byteOffset, n, k, k < 5 ? 1 : 0);
      for (let i = 0; i < n; i++) {
        if (k < 5) assert.equal(phi[(k + 1) * n + i], ee[i]);
        let acc = before[k * n + i] + ee[i];
        assert.equal(phi[k * n + i], acc);
        for (let j = k - 1; j >= 0; j--) {
          acc += before[j * n + i];
          assert.equal(phi[j * n + i], acc, `history k=${k} row ${j}`);
        }
      }
      // error-test sums
      const w = fill(kern.alloc(n), 0.1, 10);
      const msk = kern.alloc(n);
      for (let i = 0; i < n; i++) msk[i] = i % 3 === 0 ? 0 : 1;
      const out = kern.alloc(3);
      fn.errorSums(ee.byteOffset, phi.byteOffset, w.byteOffset, msk.byteOffset, n, k, out.byteOffset);
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const wi = w[i] * msk[i];
        const e0 = ee[i];
        const e1 = e0 + phi[k * n + i];
        const e2 = e1 + phi[(k - 1) * n + i];
        s0 += e0 * e0 * wi * wi;
        if (k >= 2) s1 += e1 * e1 * wi * wi;
        if (k >= 3) s2 += e2 * e2 * wi * wi;
      }
      assert.ok(close(out[0], s0, 1e-13) && close(out[1], s1, 1e-13) && close(out[2], s2, 1e-13), `errorSums k=${k}: ${[...out]} vs ${[s0, s1, s2]}`);
    }
    // weights and the Newton update
    const y = fill(kern.alloc(n), -1e4, 1e4);
    const atol = fill(kern.alloc(n), 1e-9, 1e-3);
    const w = kern.alloc(n);
    const sum = fn.weights(y.byteOffset, atol.byteOffset, w.byteOffset, n, 3e-4);
    let ref = 0;
    for (let i = 0; i < n; i++) {
      const wi = 1 / (3e-4 * Math.abs(y[i]) + atol[i]);
      assert.equal(w[i], wi, 'weights are the same IEEE divisions');
      ref += (y[i] * wi) ** 2;
    }
    assert.ok(close(sum, ref, 1e-13));
    for (const first of [1, 0]) {
      const del = fill(kern.alloc(n));
      const yy = fill(kern.alloc(n));
      const ypy = fill(kern.alloc(n));
      const ee = fill(kern.alloc(n));
      const nsc = kern.alloc(n).fill(0.1);
      const [y0, yp0, e0] = [yy.slice(), ypy.slice(), ee.slice()];
      const sq = fn.newtonUpdate(del.byteOffset, yy.byteOffset, ypy.byteOffset, ee.byteOffset, w.byteOffset, nsc.byteOffset, n, 0.8, 12.5, first);
      let r = 0;
      for (let i = 0; i < n; i++) {
        const d = del[i] * 0.8;
        assert.equal(yy[i], y0[i] - d);
        assert.equal(ypy[i], yp0[i] - 12.5 * d);
        assert.equal(ee[i], first ? -d : e0[i] - d);
        r += (d * w[i] * 0.1) ** 2;
      }
      assert.ok(close(sq, r, 1e-13));
    }
  }
});

test('a solve with the kernels (BDF passes and the P2D linear solve) takes the same steps and gives the same answer as TypeScript', () => {
  // Robertson (n = 3, odd: the scalar tail) at IDA's example tolerances
  const rob = (kernels: 'wasm' | 'js') => {
    const s = new BdfSolver(robertson(), { rtol: 1e-4, atol: Float64Array.from([1e-8, 1e-14, 1e-6]), kernels });
    s.init(0, [1, 0, 0], [-0.04, 0.04, 0]);
    assert.equal(s.solveTo(4e6), 'reached');
    return { y: Array.from(s.y), steps: s.stats.steps };
  };
  const a = rob('js');
  const b = rob('wasm');
  assert.equal(b.steps, a.steps);
  for (let i = 0; i < 3; i++) assert.ok(close(a.y[i], b.y[i], 1e-9), `Robertson y${i + 1}: ${a.y[i]} vs ${b.y[i]}`);
  // the P2D benchmark cases
  for (const [p, text] of [
    [marquis2019(), 'Discharge at 1C for 1 hour or until 3.105 V'],
    [gao2025Ncm811({ loadingMgPerCm2: 54, llzo: true }), 'Discharge at 3C until 3.0 V'],
  ] as const) {
    const steps = parseExperiment(text, { oneCAPerM2: p.oneCAPerM2, areaM2: p.areaM2 });
    const js = simulate(p, steps, { kernels: 'js' });
    const wasm = simulate(p, steps);
    assert.equal(wasm.stats.steps, js.stats.steps, `${p.name}: steps`);
    assert.equal(wasm.stats.residualEvals, js.stats.residualEvals, `${p.name}: residual evaluations`);
    assert.ok(close(wasm.capacityAh, js.capacityAh, 1e-9), `${p.name}: ${wasm.capacityAh} vs ${js.capacityAh} Ah`);
    assert.ok(Math.abs(wasm.voltage_V[wasm.voltage_V.length - 1] - js.voltage_V[js.voltage_V.length - 1]) < 1e-9, `${p.name}: final voltage`);
  }
});
