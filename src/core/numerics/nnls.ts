/**
 * Non-negative least squares min ‖Ax − b‖² subject to x ≥ 0 (optionally leaving some variables free),
 * by the Lawson–Hanson active-set method (Lawson & Hanson, Solving Least Squares Problems, 1974, ch. 23)
 * working on the cross-products G = AᵀA and h = Aᵀb (the "fast NNLS" arrangement of Bro & De Jong,
 * J. Chemometrics 11, 393 (1997)). Suited to regularised problems where G is well conditioned on every
 * passive set (e.g. Tikhonov-augmented DRT systems); passive-set systems are solved by Cholesky.
 */
import { SolverError } from '../errors.js';

export interface NnlsOptions {
  /** Variables without the x ≥ 0 constraint (e.g. an inductance that may be either sign). @default none */
  free?: ArrayLike<boolean>;
  /** Iteration limit for the outer loop. @default 3·n */
  maxIterations?: number;
  /** Optimality tolerance on the gradient h − Gx. @default 1e-12·max|h| */
  tolerance?: number;
}

/** Solves the passive-set system G_PP s_P = h_P by Cholesky (work arrays supplied). false if not SPD. */
function solvePassive(G: Float64Array, h: Float64Array, n: number, passive: Uint8Array, s: Float64Array, idx: Int32Array, L: Float64Array): boolean {
  let p = 0;
  for (let j = 0; j < n; j++) if (passive[j]) idx[p++] = j;
  for (let a = 0; a < p; a++) {
    for (let b = 0; b <= a; b++) {
      let v = G[idx[a] * n + idx[b]];
      for (let k = 0; k < b; k++) v -= L[a * n + k] * L[b * n + k];
      if (a === b) {
        if (!(v > 0)) return false;
        L[a * n + a] = Math.sqrt(v);
      } else L[a * n + b] = v / L[b * n + b];
    }
  }
  const y = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    let v = h[idx[a]];
    for (let k = 0; k < a; k++) v -= L[a * n + k] * y[k];
    y[a] = v / L[a * n + a];
  }
  for (let a = p - 1; a >= 0; a--) {
    let v = y[a];
    for (let k = a + 1; k < p; k++) v -= L[k * n + a] * y[k];
    y[a] = v / L[a * n + a];
  }
  s.fill(0);
  for (let a = 0; a < p; a++) s[idx[a]] = y[a];
  return true;
}

/**
 * x ≥ 0 minimising xᵀGx − 2hᵀx (≡ ‖Ax − b‖² with G = AᵀA, h = Aᵀb), G row-major n × n.
 * Throws SolverError when a passive-set system is not positive definite or the iteration limit is hit.
 */
export function nnlsGram(G: Float64Array, h: Float64Array, options: NnlsOptions = {}): Float64Array {
  const n = h.length;
  const free = new Uint8Array(n);
  for (let j = 0; j < n; j++) free[j] = options.free?.[j] ? 1 : 0;
  let hmax = 0;
  for (let j = 0; j < n; j++) hmax = Math.max(hmax, Math.abs(h[j]));
  const tol = options.tolerance ?? 1e-12 * Math.max(hmax, 1e-300);
  const maxIt = options.maxIterations ?? 3 * n + 10;
  const x = new Float64Array(n);
  const s = new Float64Array(n);
  const w = new Float64Array(n);
  const passive = new Uint8Array(n);
  const idx = new Int32Array(n);
  const L = new Float64Array(n * n);
  const gradient = (): void => {
    for (let i = 0; i < n; i++) {
      let v = h[i];
      for (let j = 0; j < n; j++) v -= G[i * n + j] * x[j];
      w[i] = v;
    }
  };
  // Free variables start passive.
  let anyFree = false;
  for (let j = 0; j < n; j++) if (free[j]) { passive[j] = 1; anyFree = true; }
  if (anyFree) {
    if (!solvePassive(G, h, n, passive, s, idx, L)) throw new SolverError('singular', 'NNLS: the system for the unconstrained variables is singular');
    x.set(s);
  }
  gradient();
  for (let it = 0; ; it++) {
    let jmax = -1;
    let wmax = tol;
    for (let j = 0; j < n; j++) if (!passive[j] && w[j] > wmax) { wmax = w[j]; jmax = j; }
    if (jmax < 0) return x;
    if (it >= maxIt) throw new SolverError('maxIterations', `NNLS: no optimal active set after ${maxIt} iterations`);
    passive[jmax] = 1;
    for (let inner = 0; ; inner++) {
      if (!solvePassive(G, h, n, passive, s, idx, L)) throw new SolverError('singular', 'NNLS: a passive-set system is not positive definite (regularise the problem)');
      let alpha = Infinity;
      for (let j = 0; j < n; j++) {
        if (passive[j] && !free[j] && s[j] <= 0) {
          const a = x[j] / (x[j] - s[j]);
          if (a < alpha) alpha = a;
        }
      }
      if (alpha === Infinity) break;
      for (let j = 0; j < n; j++) x[j] += alpha * (s[j] - x[j]);
      for (let j = 0; j < n; j++) if (passive[j] && !free[j] && x[j] <= 1e-15 * Math.max(1, Math.abs(s[j]))) { passive[j] = 0; x[j] = 0; }
      if (inner > n + 5) throw new SolverError('maxIterations', 'NNLS: inner loop did not settle');
    }
    x.set(s);
    gradient();
  }
}
