// AssemblyScript source of the time step's kernels: the BDF solver's vector passes (numerics/bdf.ts,
// 128-bit SIMD: two doubles per instruction), the P2D model's structured linear solve
// (sim/p2d-linear-solver.ts) and the particle rows of its residual (sim/p2d-model.ts), compiled to
// WebAssembly by `npm run build:wasm`, which writes src/core/numerics/bdf-kernels-wasm.ts. The same
// algorithms exist in TypeScript in those files
// (used when WebAssembly is unavailable, or with `kernels: 'js'`); test/core/numerics/bdf-kernels.test.ts
// checks that both agree.
//
// Every array is a byte offset into the linear memory the caller provides (--importMemory); n is the
// number of unknowns (odd n: the last element goes through the scalar tail); rows of the history phi
// are n doubles apart. The kernels allocate nothing.

// Predictor: rescale history rows j = 1…k by b[j] (1 where unchanged) and form y⁽⁰⁾ = Σⱼ phi[j],
// y′⁽⁰⁾ = Σⱼ γⱼ phi[j]. coef: b[1…5] at coef + 8j, γ[1…5] at coef + 48 + 8j.
export function predict(phi: usize, yy: usize, ypy: usize, coef: usize, n: i32, k: i32): void {
  const row = <usize>n << 3;
  let i: usize = 0;
  for (; i + 16 <= row; i += 16) {
    let yv = v128.load(phi + i);
    let ypv = f64x2.splat(0);
    for (let j = 1; j <= k; j++) {
      const at = phi + <usize>j * row + i;
      const p = f64x2.mul(v128.load(at), f64x2.splat(load<f64>(coef + (<usize>j << 3))));
      v128.store(at, p);
      yv = f64x2.add(yv, p);
      ypv = f64x2.add(ypv, f64x2.mul(f64x2.splat(load<f64>(coef + 48 + (<usize>j << 3))), p));
    }
    v128.store(yy + i, yv);
    v128.store(ypy + i, ypv);
  }
  if (i < row) {
    let yv = load<f64>(phi + i);
    let ypv = 0.0;
    for (let j = 1; j <= k; j++) {
      const at = phi + <usize>j * row + i;
      const p = load<f64>(at) * load<f64>(coef + (<usize>j << 3));
      store<f64>(at, p);
      yv += p;
      ypv += load<f64>(coef + 48 + (<usize>j << 3)) * p;
    }
    store<f64>(yy + i, yv);
    store<f64>(ypy + i, ypv);
  }
}

// Accepted step: phi[k+1] ← ee (when keep), phi[k] += ee, phi[j] += phi[j+1] for j = k−1 … 0.
export function history(phi: usize, ee: usize, n: i32, k: i32, keep: bool): void {
  const row = <usize>n << 3;
  let i: usize = 0;
  for (; i + 16 <= row; i += 16) {
    const e = v128.load(ee + i);
    if (keep) v128.store(phi + <usize>(k + 1) * row + i, e);
    let at = phi + <usize>k * row + i;
    let acc = f64x2.add(v128.load(at), e);
    v128.store(at, acc);
    for (let j = k - 1; j >= 0; j--) {
      at = phi + <usize>j * row + i;
      acc = f64x2.add(acc, v128.load(at));
      v128.store(at, acc);
    }
  }
  if (i < row) {
    const e = load<f64>(ee + i);
    if (keep) store<f64>(phi + <usize>(k + 1) * row + i, e);
    let at = phi + <usize>k * row + i;
    let acc = load<f64>(at) + e;
    store<f64>(at, acc);
    for (let j = k - 1; j >= 0; j--) {
      at = phi + <usize>j * row + i;
      acc += load<f64>(at);
      store<f64>(at, acc);
    }
  }
}

// Error weights w = 1/(rtol·|y| + atol); returns Σ (y·w)² (for the rounding-noise floor).
export function weights(y: usize, atol: usize, w: usize, n: i32, rtol: f64): f64 {
  const row = <usize>n << 3;
  const r = f64x2.splat(rtol);
  const one = f64x2.splat(1.0);
  let sq = f64x2.splat(0);
  let i: usize = 0;
  for (; i + 16 <= row; i += 16) {
    const v = v128.load(y + i);
    const wi = f64x2.div(one, f64x2.add(f64x2.mul(r, f64x2.abs(v)), v128.load(atol + i)));
    v128.store(w + i, wi);
    const a = f64x2.mul(v, wi);
    sq = f64x2.add(sq, f64x2.mul(a, a));
  }
  let s = f64x2.extract_lane(sq, 0) + f64x2.extract_lane(sq, 1);
  if (i < row) {
    const v = load<f64>(y + i);
    const wi = 1.0 / (rtol * Math.abs(v) + load<f64>(atol + i));
    store<f64>(w + i, wi);
    s += v * wi * (v * wi);
  }
  return s;
}

// Newton update with the correction d = scale·del: y −= d, y′ −= cj·d, ee = −d (first iteration) or
// ee −= d; returns Σ (d·w·nsc)².
export function newtonUpdate(del: usize, yy: usize, ypy: usize, ee: usize, w: usize, nsc: usize, n: i32, scale: f64, cj: f64, first: bool): f64 {
  const row = <usize>n << 3;
  const sc = f64x2.splat(scale);
  const c = f64x2.splat(cj);
  let sq = f64x2.splat(0);
  let i: usize = 0;
  for (; i + 16 <= row; i += 16) {
    const d = f64x2.mul(v128.load(del + i), sc);
    v128.store(yy + i, f64x2.sub(v128.load(yy + i), d));
    v128.store(ypy + i, f64x2.sub(v128.load(ypy + i), f64x2.mul(c, d)));
    v128.store(ee + i, first ? f64x2.neg(d) : f64x2.sub(v128.load(ee + i), d));
    const a = f64x2.mul(f64x2.mul(d, v128.load(w + i)), v128.load(nsc + i));
    sq = f64x2.add(sq, f64x2.mul(a, a));
  }
  let s = f64x2.extract_lane(sq, 0) + f64x2.extract_lane(sq, 1);
  if (i < row) {
    const d = load<f64>(del + i) * scale;
    store<f64>(yy + i, load<f64>(yy + i) - d);
    store<f64>(ypy + i, load<f64>(ypy + i) - cj * d);
    store<f64>(ee + i, first ? -d : load<f64>(ee + i) - d);
    const a = d * load<f64>(w + i) * load<f64>(nsc + i);
    s += a * a;
  }
  return s;
}

// Error-test sums over the masked components (w = ewt·mask): out[0] = Σ (ee·w)²,
// out[1] = Σ ((ee + phi[k])·w)² (k ≥ 2), out[2] = Σ ((ee + phi[k] + phi[k−1])·w)² (k ≥ 3).
export function errorSums(ee: usize, phi: usize, w: usize, msk: usize, n: i32, k: i32, out: usize): void {
  const row = <usize>n << 3;
  const o1 = phi + <usize>k * row;
  const o2 = phi + <usize>(k - 1) * row;
  let s0 = f64x2.splat(0);
  let s1 = f64x2.splat(0);
  let s2 = f64x2.splat(0);
  let i: usize = 0;
  for (; i + 16 <= row; i += 16) {
    const wi = f64x2.mul(v128.load(w + i), v128.load(msk + i));
    const e0 = v128.load(ee + i);
    const a0 = f64x2.mul(e0, wi);
    s0 = f64x2.add(s0, f64x2.mul(a0, a0));
    if (k >= 2) {
      const e1 = f64x2.add(e0, v128.load(o1 + i));
      const a1 = f64x2.mul(e1, wi);
      s1 = f64x2.add(s1, f64x2.mul(a1, a1));
      if (k >= 3) {
        const a2 = f64x2.mul(f64x2.add(e1, v128.load(o2 + i)), wi);
        s2 = f64x2.add(s2, f64x2.mul(a2, a2));
      }
    }
  }
  let t0 = f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1);
  let t1 = f64x2.extract_lane(s1, 0) + f64x2.extract_lane(s1, 1);
  let t2 = f64x2.extract_lane(s2, 0) + f64x2.extract_lane(s2, 1);
  if (i < row) {
    const wi = load<f64>(w + i) * load<f64>(msk + i);
    const e0 = load<f64>(ee + i);
    t0 += e0 * wi * (e0 * wi);
    if (k >= 2) {
      const e1 = e0 + load<f64>(o1 + i);
      t1 += e1 * wi * (e1 * wi);
      if (k >= 3) {
        const e2 = e1 + load<f64>(o2 + i);
        t2 += e2 * wi * (e2 * wi);
      }
    }
  }
  store<f64>(out, t0);
  store<f64>(out + 8, t1);
  store<f64>(out + 16, t2);
}

// The P2D model's structured linear solve (sim/p2d-linear-solver.ts `solve`, the path without row
// interchanges), for a step's Newton iterations: b ← J⁻¹·b with J factored by the TypeScript code
// into this memory. `d` points at a descriptor of i32 values: n, nx, nr, nred, ns (cells with
// particles), kl, ku, ldab, current (index of I), then byte offsets of b, rr, ce, phie, phis, jf,
// redCe, redPhie, redPhis, redJ, cells, q0, o0 (i32 arrays), mult, piv, sup, jc, pj, band, invDiag,
// w, z (f64 arrays). s is the Schur complement of the current unknown.
export function p2dSolve(d: usize, s: f64): void {
  const nx = load<i32>(d, 4);
  const nr = load<i32>(d, 8);
  const nred = load<i32>(d, 12);
  const ns = load<i32>(d, 16);
  const kl = load<i32>(d, 20);
  const ku = load<i32>(d, 24);
  const ldab = load<i32>(d, 28);
  const current = load<i32>(d, 32);
  const b = <usize>load<i32>(d, 36);
  const rr = <usize>load<i32>(d, 40);
  const ce = <usize>load<i32>(d, 44);
  const phie = <usize>load<i32>(d, 48);
  const phis = <usize>load<i32>(d, 52);
  const jf = <usize>load<i32>(d, 56);
  const redCe = <usize>load<i32>(d, 60);
  const redPhie = <usize>load<i32>(d, 64);
  const redPhis = <usize>load<i32>(d, 68);
  const redJ = <usize>load<i32>(d, 72);
  const cells = <usize>load<i32>(d, 76);
  const q0 = <usize>load<i32>(d, 80);
  const o0 = <usize>load<i32>(d, 84);
  const mult = <usize>load<i32>(d, 88);
  const piv = <usize>load<i32>(d, 92);
  const sup = <usize>load<i32>(d, 96);
  const jc = <usize>load<i32>(d, 100);
  const pj = <usize>load<i32>(d, 104);
  const band = <usize>load<i32>(d, 108);
  const inv = <usize>load<i32>(d, 112);
  const w = <usize>load<i32>(d, 116);
  const z = <usize>load<i32>(d, 120);
  // gather c_e, φ_e into the reduced vector
  for (let i = 0; i < nx; i++) {
    const k = <usize>i << 2;
    store<f64>(rr + (<usize>load<i32>(redCe + k) << 3), load<f64>(b + (<usize>load<i32>(ce + k) << 3)));
    store<f64>(rr + (<usize>load<i32>(redPhie + k) << 3), load<f64>(b + (<usize>load<i32>(phie + k) << 3)));
  }
  // forward Thomas sweep of each particle
  for (let t = 0; t < ns; t++) {
    const o = b + (<usize>load<i32>(o0 + (<usize>t << 2)) << 3);
    const q = mult + (<usize>load<i32>(q0 + (<usize>t << 2)) << 3);
    let prev = load<f64>(o);
    for (let k = 1; k < nr; k++) {
      const at = o + (<usize>k << 3);
      prev = load<f64>(at) - load<f64>(q + (<usize>k << 3)) * prev;
      store<f64>(at, prev);
    }
  }
  // φ_s and j rows of the reduced vector (j with the particle eliminated)
  for (let t = 0; t < ns; t++) {
    const i = <usize>load<i32>(cells + (<usize>t << 2)) << 2;
    const last = (<usize>(load<i32>(o0 + (<usize>t << 2)) + nr - 1)) << 3;
    const lastQ = (<usize>(load<i32>(q0 + (<usize>t << 2)) + nr - 1)) << 3;
    store<f64>(rr + (<usize>load<i32>(redPhis + i) << 3), load<f64>(b + (<usize>load<i32>(phis + i) << 3)));
    store<f64>(rr + (<usize>load<i32>(redJ + i) << 3), load<f64>(b + (<usize>load<i32>(jf + i) << 3)) - load<f64>(jc + (i << 1)) * load<f64>(b + last) * load<f64>(piv + lastQ));
  }
  // band LU solve without interchanges (L unit lower with kl, U with ku off-diagonals)
  const kv = ku + kl;
  for (let j = 0; j < nred - 1; j++) {
    const lm = kl < nred - 1 - j ? kl : nred - 1 - j;
    const bj = load<f64>(rr + (<usize>j << 3));
    if (bj != 0) {
      const cj = band + (<usize>(j * ldab + kv) << 3);
      for (let p = 1; p <= lm; p++) {
        const at = rr + (<usize>(j + p) << 3);
        store<f64>(at, load<f64>(at) - load<f64>(cj + (<usize>p << 3)) * bj);
      }
    }
  }
  for (let j = nred - 1; j >= 0; j--) {
    const cj = j * ldab + kv;
    const tv = load<f64>(rr + (<usize>j << 3)) * load<f64>(inv + (<usize>j << 3));
    store<f64>(rr + (<usize>j << 3), tv);
    if (tv != 0) {
      const i0 = j - ku > 0 ? j - ku : 0;
      for (let i = i0; i < j; i++) {
        const at = rr + (<usize>i << 3);
        store<f64>(at, load<f64>(at) - load<f64>(band + (<usize>(cj + i - j) << 3)) * tv);
      }
    }
  }
  // the current unknown (bordered system)
  let wx = 0.0;
  for (let r = 0; r < nred; r++) wx += load<f64>(w + (<usize>r << 3)) * load<f64>(rr + (<usize>r << 3));
  const dI = (load<f64>(b + (<usize>current << 3)) - wx) / s;
  store<f64>(b + (<usize>current << 3), dI);
  if (dI != 0) {
    for (let r = 0; r < nred; r++) {
      const at = rr + (<usize>r << 3);
      store<f64>(at, load<f64>(at) - load<f64>(z + (<usize>r << 3)) * dI);
    }
  }
  // scatter back
  for (let i = 0; i < nx; i++) {
    const k = <usize>i << 2;
    store<f64>(b + (<usize>load<i32>(ce + k) << 3), load<f64>(rr + (<usize>load<i32>(redCe + k) << 3)));
    store<f64>(b + (<usize>load<i32>(phie + k) << 3), load<f64>(rr + (<usize>load<i32>(redPhie + k) << 3)));
  }
  for (let t = 0; t < ns; t++) {
    const i = <usize>load<i32>(cells + (<usize>t << 2)) << 2;
    store<f64>(b + (<usize>load<i32>(phis + i) << 3), load<f64>(rr + (<usize>load<i32>(redPhis + i) << 3)));
    const dj = load<f64>(rr + (<usize>load<i32>(redJ + i) << 3));
    store<f64>(b + (<usize>load<i32>(jf + i) << 3), dj);
    const last = b + ((<usize>(load<i32>(o0 + (<usize>t << 2)) + nr - 1)) << 3);
    const lastQ = piv + ((<usize>(load<i32>(q0 + (<usize>t << 2)) + nr - 1)) << 3);
    store<f64>(last, (load<f64>(last) - load<f64>(pj + (i << 1)) * dj) * load<f64>(lastQ));
  }
  // back substitution of each particle
  for (let t = 0; t < ns; t++) {
    const o = b + (<usize>load<i32>(o0 + (<usize>t << 2)) << 3);
    const qi = <usize>load<i32>(q0 + (<usize>t << 2)) << 3;
    let next = load<f64>(o + (<usize>(nr - 1) << 3));
    for (let k = nr - 2; k >= 0; k--) {
      const at = o + (<usize>k << 3);
      next = (load<f64>(at) - load<f64>(sup + qi + (<usize>k << 3)) * next) * load<f64>(piv + qi + (<usize>k << 3));
      store<f64>(at, next);
    }
  }
}

// The particle rows of the P2D residual (sim/p2d-model.ts `residual`, particles with constant D_s):
// for each listed particle, out[o+k] = vol[k]·y′[o+k] + q(k) − q(k−1), q(k) = −pc[k]·(y[o+k+1] − y[o+k])
// on the inner faces, and q = j/(F·R) through the surface, j = y[jf]. `d` points at i32 values:
// count, nr, then byte offsets of y, yp, out, o0 (i32: first shell index), q0 (i32: first face
// coefficient index), jf (i32: index of the particle's j), fr (f64: F·R per particle), pc, vol.
export function particleResidual(d: usize): void {
  const count = load<i32>(d);
  const nr = load<i32>(d, 4);
  const y = <usize>load<i32>(d, 8);
  const yp = <usize>load<i32>(d, 12);
  const out = <usize>load<i32>(d, 16);
  const o0 = <usize>load<i32>(d, 20);
  const q0 = <usize>load<i32>(d, 24);
  const jf = <usize>load<i32>(d, 28);
  const fr = <usize>load<i32>(d, 32);
  const pc = <usize>load<i32>(d, 36);
  const vol = <usize>load<i32>(d, 40);
  for (let t = 0; t < count; t++) {
    const ti = <usize>t << 2;
    const o = <usize>load<i32>(o0 + ti) << 3;
    const q = pc + (<usize>load<i32>(q0 + ti) << 3);
    // the face fluxes need no recurrence: two shells per SIMD step
    let k = 0;
    for (; k + 2 < nr; k += 2) {
      const kb = <usize>k << 3;
      const ya = v128.load(y + o + kb); // y[k], y[k+1]
      const yb = v128.load(y + o + kb + 8); // y[k+1], y[k+2]
      const qf = f64x2.neg(f64x2.mul(v128.load(q + kb), f64x2.sub(yb, ya))); // q(k), q(k+1)
      const qm = k == 0 ? f64x2.replace_lane(f64x2.splat(0), 1, f64x2.extract_lane(qf, 0)) : f64x2.replace_lane(f64x2.splat(-load<f64>(q + kb - 8) * (load<f64>(y + o + kb) - load<f64>(y + o + kb - 8))), 1, f64x2.extract_lane(qf, 0));
      v128.store(out + o + kb, f64x2.add(f64x2.mul(v128.load(vol + kb), v128.load(yp + o + kb)), f64x2.sub(qf, qm)));
    }
    for (; k < nr; k++) {
      const kb = <usize>k << 3;
      const qk = k < nr - 1 ? -load<f64>(q + kb) * (load<f64>(y + o + kb + 8) - load<f64>(y + o + kb)) : load<f64>(y + (<usize>load<i32>(jf + ti) << 3)) / load<f64>(fr + (ti << 1));
      const qp = k > 0 ? -load<f64>(q + kb - 8) * (load<f64>(y + o + kb) - load<f64>(y + o + kb - 8)) : 0.0;
      store<f64>(out + o + kb, load<f64>(vol + kb) * load<f64>(yp + o + kb) + qk - qp);
    }
  }
}
