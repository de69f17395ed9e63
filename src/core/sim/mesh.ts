/**
 * Finite-volume meshes: cells across the cell sandwich (x) and spherical shells in each particle (r).
 * Cell-centred unknowns; fluxes live on faces. Optional geometric grading concentrates cells toward
 * domain interfaces (x) and toward the particle surface (r), where gradients are steepest.
 */
import { InputError } from '../errors.js';

/** Domain of a cell in x: 0 negative electrode, 1 separator, 2 positive electrode. */
export const DOMAIN_NEGATIVE = 0;
export const DOMAIN_SEPARATOR = 1;
export const DOMAIN_POSITIVE = 2;

export interface XMesh {
  /** Number of cells. */
  n: number;
  /** Cell widths, centres, face positions (n + 1), m. */
  dx: Float64Array;
  xc: Float64Array;
  xf: Float64Array;
  domain: Uint8Array;
}

/**
 * Widths of `n` cells over length L. ratio = 1 gives a uniform grid; ratio > 1 makes the cells at both
 * ends `ratio` times smaller than the middle ones (geometric growth toward the middle).
 */
export function gradedWidths(L: number, n: number, ratio: number, bothEnds: boolean): Float64Array {
  const w = new Float64Array(n);
  if (ratio === 1 || n < 3) {
    w.fill(L / n);
    return w;
  }
  if (bothEnds) {
    const half = n / 2;
    const g = Math.pow(ratio, 1 / Math.max(1, Math.floor(half) - 1 + (n % 2)));
    for (let i = 0; i < n; i++) {
      const k = Math.min(i, n - 1 - i);
      w[i] = Math.pow(g, k);
    }
  } else {
    // small cells at the end (index n − 1)
    const g = Math.pow(ratio, 1 / (n - 1));
    for (let i = 0; i < n; i++) w[i] = Math.pow(g, n - 1 - i);
  }
  let s = 0;
  for (let i = 0; i < n; i++) s += w[i];
  for (let i = 0; i < n; i++) w[i] *= L / s;
  return w;
}

export interface XMeshSpec {
  /** Thickness of each domain, m (negative 0 for a Li-metal foil, which is a boundary). */
  lengths: [number, number, number];
  cells: [number, number, number];
  /** Grading ratio toward interfaces (1 = uniform). */
  refinement?: number;
}

export function buildXMesh(spec: XMeshSpec): XMesh {
  const ratio = spec.refinement ?? 1;
  if (!(ratio >= 1)) throw new InputError({ field: 'mesh.refinement' }, 'a ratio ≥ 1', String(ratio));
  let n = 0;
  for (let d = 0; d < 3; d++) {
    const c = spec.cells[d];
    if (spec.lengths[d] > 0 && !(Number.isInteger(c) && c >= 1)) {
      throw new InputError({ field: `mesh.cells[${d}]` }, 'an integer ≥ 1', String(c));
    }
    if (spec.lengths[d] > 0) n += c;
  }
  const dx = new Float64Array(n);
  const domain = new Uint8Array(n);
  let k = 0;
  for (let d = 0; d < 3; d++) {
    if (!(spec.lengths[d] > 0)) continue;
    const w = gradedWidths(spec.lengths[d], spec.cells[d], ratio, true);
    for (let i = 0; i < w.length; i++) {
      dx[k] = w[i];
      domain[k] = d;
      k++;
    }
  }
  const xf = new Float64Array(n + 1);
  const xc = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xf[i + 1] = xf[i] + dx[i];
    xc[i] = xf[i] + dx[i] / 2;
  }
  return { n, dx, xc, xf, domain };
}

/** Spherical shells on the normalised radius ρ = r/R ∈ [0, 1]. */
export interface RMesh {
  n: number;
  /** Face radii ρ_{k±1/2} (n + 1), centres ρ_k (n). */
  rf: Float64Array;
  rc: Float64Array;
  /** Shell volumes / R³: (ρ_{k+1/2}³ − ρ_{k−1/2}³)/3. */
  vol: Float64Array;
}

/** `n` shells; ratio > 1 makes the outermost shell `ratio` times thinner than the innermost. */
export function buildRMesh(n: number, ratio = 1): RMesh {
  if (!(Number.isInteger(n) && n >= 2)) throw new InputError({ field: 'mesh.shells' }, 'an integer ≥ 2', String(n));
  const w = gradedWidths(1, n, ratio, false);
  const rf = new Float64Array(n + 1);
  const rc = new Float64Array(n);
  const vol = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    rf[k + 1] = rf[k] + w[k];
    rc[k] = rf[k] + w[k] / 2;
    vol[k] = (rf[k + 1] ** 3 - rf[k] ** 3) / 3;
  }
  rf[n] = 1;
  return { n, rf, rc, vol };
}
