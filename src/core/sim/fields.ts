/**
 * Field snapshots (profiles over x, and over r in each particle) and quantities derived from them:
 * local lithiation, active-material utilisation versus depth (Gao et al. 2025, Fig. 3h).
 */
import { DOMAIN_NEGATIVE, DOMAIN_POSITIVE } from './mesh.js';
import type { P2DModel } from './p2d-model.js';
import type { PorousElectrode } from './parameters.js';

export interface ElectrodeFields {
  /** Cell centres, µm from the negative current collector (or Li foil surface). */
  x_um: number[];
  phi_s_V: number[];
  c_s_surf_mol_per_m3: number[];
  c_s_avg_mol_per_m3: number[];
  /** Faradaic current density per particle surface, A/m² (oxidation positive). */
  j_A_per_m2: number[];
  /** Average stoichiometry c_s,avg/c_max. */
  lithiation: number[];
  /** Radial profiles c_s[x][shell], shells centre → surface at r_over_R. */
  r_over_R: number[];
  c_s_mol_per_m3: number[][];
}

export interface FieldSnapshot {
  time_s: number;
  x_um: number[];
  c_e_mol_per_m3: number[];
  phi_e_V: number[];
  negative: ElectrodeFields | null;
  positive: ElectrodeFields;
}

function electrodeFields(m: P2DModel, y: Float64Array, domain: number): ElectrodeFields | null {
  const l = m.layout;
  const f: ElectrodeFields = { x_um: [], phi_s_V: [], c_s_surf_mol_per_m3: [], c_s_avg_mol_per_m3: [], j_A_per_m2: [], lithiation: [], r_over_R: Array.from(m.rmesh.rc), c_s_mol_per_m3: [] };
  for (let i = 0; i < l.nx; i++) {
    if (m.mesh.domain[i] !== domain || !l.hasSolid[i]) continue;
    const e = m.electrodeAt(i) as PorousElectrode;
    f.x_um.push(m.mesh.xc[i] * 1e6);
    f.phi_s_V.push(y[l.phis[i]]);
    f.c_s_surf_mol_per_m3.push(m.surfaceConcentration(y, i));
    const avg = m.averageConcentration(y, i);
    f.c_s_avg_mol_per_m3.push(avg);
    f.j_A_per_m2.push(y[l.jf[i]]);
    f.lithiation.push(avg / e.cMaxMolPerM3);
    f.c_s_mol_per_m3.push(Array.from(y.subarray(l.cs0[i], l.cs0[i] + l.nr)));
  }
  return f.x_um.length ? f : null;
}

export function takeSnapshot(m: P2DModel, t: number, y: Float64Array): FieldSnapshot {
  const l = m.layout;
  const x: number[] = [];
  const ce: number[] = [];
  const pe: number[] = [];
  for (let i = 0; i < l.nx; i++) {
    x.push(m.mesh.xc[i] * 1e6);
    ce.push(y[l.ce[i]]);
    pe.push(y[l.phie[i]]);
  }
  return {
    time_s: t,
    x_um: x,
    c_e_mol_per_m3: ce,
    phi_e_V: pe,
    negative: electrodeFields(m, y, DOMAIN_NEGATIVE),
    positive: electrodeFields(m, y, DOMAIN_POSITIVE) as ElectrodeFields,
  };
}

/** Stoichiometry at which the positive's OCP reaches `voltage` (bisection on [from, 1]); 1 if never. */
export function stoichiometryAtOcp(e: PorousElectrode, voltage: number, from: number): number {
  let lo = from;
  let hi = 1;
  if (e.ocp.f(hi) > voltage) return 1;
  for (let k = 0; k < 60; k++) {
    const mid = 0.5 * (lo + hi);
    if (e.ocp.f(mid) > voltage) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

export interface UtilisationProfile {
  /** Depth below the separator interface, µm (0 = separator side, thickness = current collector). */
  depth_um: number[];
  /** Fraction of the locally accessible capacity used (0…1): (x_avg − x_0)/(x_full − x_0). */
  utilisation: number[];
}

/**
 * Active-material utilisation versus depth in the positive electrode after a discharge: how far each
 * layer's average lithiation moved from its initial value toward the lithiation where its OCP meets the
 * lower cut-off voltage (vs Li; for Li-ion cells the negative's potential is neglected, so it is an
 * upper bound on the accessible window).
 */
export function positiveUtilisation(m: P2DModel, end: FieldSnapshot): UtilisationProfile {
  const e = m.params.positive;
  const x0 = e.cInitMolPerM3 / e.cMaxMolPerM3;
  const xFull = stoichiometryAtOcp(e, m.params.lowerCutoffV, x0);
  const xSep = m.mesh.xf[m.mesh.n] - e.thicknessM;
  return {
    depth_um: end.positive.x_um.map((x) => x - xSep * 1e6),
    utilisation: end.positive.lithiation.map((s) => (s - x0) / (xFull - x0)),
  };
}
