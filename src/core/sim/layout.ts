/**
 * Where each unknown lives in the state vector. Unknowns are ordered node by node (x cell by x cell):
 *   every cell:            c_e, φ_e
 *   electrode cells also:  φ_s, j (faradaic current density), c_s[0..nr−1] (shells, centre → surface)
 * and one last global unknown, the cell current density I (A/m², discharge positive), whose equation
 * depends on the experiment step (CC: I = I_set; CV: V = V_set; CP: I·V = P).
 *
 * The "reduced" system (what remains after each node's particle shells are eliminated) holds
 * c_e, φ_e, φ_s, j per node, in the same node order; `red*` arrays map a node to it.
 */
import type { XMesh } from './mesh.js';
import { DOMAIN_SEPARATOR } from './mesh.js';

export interface StateLayout {
  n: number;
  nx: number;
  nr: number;
  /** 1 if the cell holds solid (electrode) unknowns. */
  hasSolid: Uint8Array;
  /** Full-vector index of c_e, φ_e, φ_s, j, c_s[0] per cell (−1 where absent). */
  ce: Int32Array;
  phie: Int32Array;
  phis: Int32Array;
  jf: Int32Array;
  cs0: Int32Array;
  /** Index of the current unknown I (= n − 1). */
  current: number;
  /** Reduced-system indices (−1 where absent) and its size (without the current). */
  nred: number;
  redCe: Int32Array;
  redPhie: Int32Array;
  redPhis: Int32Array;
  redJ: Int32Array;
}

export function buildLayout(mesh: XMesh, nr: number, negativeIsPorous: boolean): StateLayout {
  const nx = mesh.n;
  const hasSolid = new Uint8Array(nx);
  const ce = new Int32Array(nx).fill(-1);
  const phie = new Int32Array(nx).fill(-1);
  const phis = new Int32Array(nx).fill(-1);
  const jf = new Int32Array(nx).fill(-1);
  const cs0 = new Int32Array(nx).fill(-1);
  const redCe = new Int32Array(nx).fill(-1);
  const redPhie = new Int32Array(nx).fill(-1);
  const redPhis = new Int32Array(nx).fill(-1);
  const redJ = new Int32Array(nx).fill(-1);
  let k = 0;
  let r = 0;
  for (let i = 0; i < nx; i++) {
    const d = mesh.domain[i];
    const solid = d !== DOMAIN_SEPARATOR && (d !== 0 || negativeIsPorous);
    hasSolid[i] = solid ? 1 : 0;
    ce[i] = k++;
    redCe[i] = r++;
    phie[i] = k++;
    redPhie[i] = r++;
    if (solid) {
      phis[i] = k++;
      redPhis[i] = r++;
      jf[i] = k++;
      redJ[i] = r++;
      cs0[i] = k;
      k += nr;
    }
  }
  const current = k++;
  return { n: k, nx, nr, hasSolid, ce, phie, phis, jf, cs0, current, nred: r, redCe, redPhie, redPhis, redJ };
}
