import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BandMatrix } from '../../../src/core/numerics/band-matrix.js';
import { bandFactor, bandSolve, denseFactor, denseSolve, factorBandMatrix, solveBandMatrix, BandLinearSolver } from '../../../src/core/numerics/band-lu.js';
import type { DaeProblem } from '../../../src/core/numerics/dae-problem.js';

/** Deterministic generator (xorshift32) so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

/** Reference: Gaussian elimination with partial pivoting on a plain row-major copy. */
function denseReferenceSolve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((r) => r.slice());
  const x = b.slice();
  for (let j = 0; j < n; j++) {
    let p = j;
    for (let i = j + 1; i < n; i++) if (Math.abs(m[i][j]) > Math.abs(m[p][j])) p = i;
    [m[j], m[p]] = [m[p], m[j]];
    [x[j], x[p]] = [x[p], x[j]];
    for (let i = j + 1; i < n; i++) {
      const f = m[i][j] / m[j][j];
      for (let c = j; c < n; c++) m[i][c] -= f * m[j][c];
      x[i] -= f * x[j];
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let c = i + 1; c < n; c++) s -= m[i][c] * x[c];
    x[i] = s / m[i][i];
  }
  return x;
}

function randomBand(n: number, kl: number, ku: number, rand: () => number, weakDiagonal: boolean): { band: BandMatrix; dense: number[][] } {
  const band = new BandMatrix(n, kl, ku);
  const dense = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    for (let i = Math.max(0, j - ku); i <= Math.min(n - 1, j + kl); i++) {
      let v = 2 * rand() - 1;
      // A small diagonal under a large sub-diagonal forces a row interchange at almost every step
      // while the matrix stays well conditioned (close to a shifted identity).
      if (weakDiagonal && i === j) v *= 1e-3;
      if (weakDiagonal && i === j + 1) v = v < 0 ? v - 2 : v + 2;
      band.set(i, j, v);
      dense[i][j] = v;
    }
  }
  return { band, dense };
}

test('band LU solves random band systems like dense elimination (with and without pivoting)', () => {
  const rand = rng(12345);
  const shapes: [number, number, number][] = [[1, 0, 0], [5, 1, 1], [12, 2, 3], [30, 3, 1], [40, 0, 4], [25, 5, 0], [60, 4, 4], [8, 7, 7]];
  let pivoted = 0;
  for (const [n, kl, ku] of shapes) {
    for (const weak of kl > 0 ? [false, true] : [false]) {
      const { band, dense } = randomBand(n, kl, ku, rand, weak);
      const b = Array.from({ length: n }, () => 2 * rand() - 1);
      const ref = denseReferenceSolve(dense, b);
      const ipiv = new Int32Array(n);
      assert.equal(factorBandMatrix(band, ipiv), 0, `n=${n} kl=${kl} ku=${ku} should be regular`);
      for (let j = 0; j < n; j++) if (ipiv[j] !== j) pivoted++;
      const x = Float64Array.from(b);
      solveBandMatrix(band, ipiv, x);
      // Residual check on the original matrix and agreement with the dense reference.
      let err = 0;
      let scale = 0;
      let maxR = 0;
      let maxMag = 0;
      for (let i = 0; i < n; i++) {
        err = Math.max(err, Math.abs(x[i] - ref[i]));
        scale = Math.max(scale, Math.abs(ref[i]));
        let r = -b[i];
        let mag = Math.abs(b[i]);
        for (let j = 0; j < n; j++) {
          r += dense[i][j] * x[j];
          mag += Math.abs(dense[i][j] * x[j]);
        }
        maxR = Math.max(maxR, Math.abs(r));
        maxMag = Math.max(maxMag, mag);
      }
      // Normwise backward error at rounding level (GEPP is normwise backward stable).
      assert.ok(maxR <= 1e-13 * maxMag, `residual ${maxR} (scale ${maxMag}) for n=${n} kl=${kl} ku=${ku} weak=${weak}`);
      assert.ok(err <= 1e-9 * Math.max(1, scale), `n=${n} kl=${kl} ku=${ku} weak=${weak}: max |x − x_dense| = ${err}`);
    }
  }
  assert.ok(pivoted > 50, `the weak-diagonal cases must exercise row interchanges (found ${pivoted})`);
});

test('band LU works at an offset inside a shared buffer (stride/offset kernels)', () => {
  const n = 6;
  const kl = 1;
  const ku = 2;
  const ldab = 2 * kl + ku + 1;
  const off = 17;
  const buf = new Float64Array(off + ldab * n + 5).fill(Number.NaN); // NaN outside must never be read
  const ref = new BandMatrix(n, kl, ku);
  const rand = rng(7);
  for (let j = 0; j < n; j++) for (let i = Math.max(0, j - ku); i <= Math.min(n - 1, j + kl); i++) ref.set(i, j, 2 * rand() - 1);
  for (let k = 0; k < ldab * n; k++) buf[off + k] = ref.data[k];
  const xTrue = Float64Array.from([1, -2, 3, 0.5, -1, 2]);
  const b = new Float64Array(n + 3);
  const bx = new Float64Array(n);
  ref.multiply(xTrue, bx);
  for (let i = 0; i < n; i++) b[3 + i] = bx[i];
  const ipiv = new Int32Array(n + 2);
  assert.equal(bandFactor(n, kl, ku, buf, off, ldab, ipiv, 2), 0);
  bandSolve(n, kl, ku, buf, off, ldab, ipiv, 2, b, 3);
  for (let i = 0; i < n; i++) assert.ok(Math.abs(b[3 + i] - xTrue[i]) < 1e-12, `x[${i}] = ${b[3 + i]}, expected ${xTrue[i]}`);
});

test('band LU reports a singular matrix by the column of the zero pivot', () => {
  // 4×4 tridiagonal matrix whose column 2 (0-based) is zero: elimination finds no pivot there → 3.
  const z = new BandMatrix(4, 1, 1);
  z.set(0, 0, 1);
  z.set(1, 0, 2);
  z.set(0, 1, 3);
  z.set(1, 1, 1);
  z.set(2, 3, 1);
  z.set(3, 3, 1);
  assert.equal(factorBandMatrix(z, new Int32Array(4)), 3);
  // Rank-deficient without a zero column: rows 1 and 2 of [[1,1,0],[1,1,0]…] — the second pivot is exactly 0.
  const r = new BandMatrix(3, 1, 1);
  r.set(0, 0, 1);
  r.set(0, 1, 1);
  r.set(1, 0, 1);
  r.set(1, 1, 1);
  r.set(2, 2, 5);
  assert.equal(factorBandMatrix(r, new Int32Array(3)), 2);
  // A matrix with NaN is reported too (a model that produced NaN must not give a "solution").
  const q = new BandMatrix(3, 1, 1);
  q.set(0, 0, Number.NaN);
  q.set(1, 1, 1);
  q.set(2, 2, 1);
  assert.equal(factorBandMatrix(q, new Int32Array(3)), 1);
});

test('dense LU agrees with the reference elimination and detects singularity', () => {
  const rand = rng(99);
  for (const n of [1, 2, 5, 9]) {
    const a = new Float64Array(n * n);
    const dense = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const v = 2 * rand() - 1;
        a[i + j * n] = v;
        dense[i][j] = v;
      }
    const b = Array.from({ length: n }, () => rand());
    const ref = denseReferenceSolve(dense, b);
    const ipiv = new Int32Array(n);
    assert.equal(denseFactor(n, a, 0, n, ipiv, 0), 0);
    const x = Float64Array.from(b);
    denseSolve(n, a, 0, n, ipiv, 0, x, 0);
    for (let i = 0; i < n; i++) assert.ok(Math.abs(x[i] - ref[i]) < 1e-10 * (1 + Math.abs(ref[i])));
  }
  const s = Float64Array.from([1, 2, 2, 4]); // columns (1,2) and (2,4): rank 1
  assert.equal(denseFactor(2, s, 0, 2, new Int32Array(2), 0), 2);
});

test('BandLinearSolver: finite-difference Jacobian matches the analytic one on a nonlinear band problem', () => {
  const n = 9;
  // F_i = y′_i + y_i² − y_{i−1}·y_{i+1} + sin(y_{i+2}) (kl = 1, ku = 2)
  const base = {
    n,
    differential: new Uint8Array(n).fill(1),
    lowerBandwidth: 1,
    upperBandwidth: 2,
    residual(_t: number, y: Float64Array, yp: Float64Array, r: Float64Array) {
      for (let i = 0; i < n; i++) r[i] = yp[i] + y[i] * y[i] - (i > 0 ? y[i - 1] : 0) * (i < n - 1 ? y[i + 1] : 0) + (i < n - 2 ? Math.sin(y[i + 2]) : 0);
    },
  };
  const analytic: DaeProblem = {
    ...base,
    jacobian(_t, y, _yp, cj, J) {
      for (let i = 0; i < n; i++) {
        J.set(i, i, cj + 2 * y[i]);
        if (i > 0 && i < n - 1) {
          J.set(i, i - 1, -y[i + 1]);
          J.set(i, i + 1, -y[i - 1]);
        }
        if (i < n - 2) J.add(i, i + 2, Math.cos(y[i + 2]));
      }
    },
  };
  const fd = new BandLinearSolver(base as DaeProblem);
  const an = new BandLinearSolver(analytic);
  const y = Float64Array.from({ length: n }, (_, i) => 0.3 + 0.1 * i);
  const yp = Float64Array.from({ length: n }, (_, i) => -0.2 * i);
  assert.ok(fd.setup(0, y, yp, 7.5));
  assert.ok(an.setup(0, y, yp, 7.5));
  const b1 = Float64Array.from({ length: n }, (_, i) => Math.cos(i));
  const b2 = Float64Array.from(b1);
  fd.solve(b1);
  an.solve(b2);
  for (let i = 0; i < n; i++) assert.ok(Math.abs(b1[i] - b2[i]) < 1e-6 * (1 + Math.abs(b2[i])), `x[${i}]: fd ${b1[i]} vs analytic ${b2[i]}`);
  // y and yp are restored after the difference sweeps.
  assert.equal(y[4], 0.3 + 0.4);
  assert.equal(yp[3], -0.2 * 3);
});
