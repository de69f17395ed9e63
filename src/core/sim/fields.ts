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

/**
 * Where the voltage goes (V, losses positive on discharge). With reaction-current weights w_i (a·j·Δx
 * normalised per electrode) the identity
 *   V = U_p(x̄_p) − U_n(x̄_n) − Σ losses
 * holds exactly: V = [φ_s(L) − ⟨φ_s⟩_p] + ⟨φ_s − φ_e⟩_p + ⟨φ_e⟩_p − ⟨φ_e⟩_n − ⟨φ_s − φ_e⟩_n + [⟨φ_s⟩_n − φ_s(0)]
 * with ⟨φ_s − φ_e⟩ = U(x̄) + (⟨U(x_surf)⟩ − U(x̄)) + ⟨η + j·R_film⟩, and the electrolyte difference split
 * into its diffusion-potential part 2RT/F(1 − t⁺)TF·(⟨ln c_e⟩_p − ⟨ln c_e⟩_n) and the ohmic rest.
 * For a Li foil the negative terms are its Butler–Volmer + film overpotential and U = 0.
 */
export interface OverpotentialBreakdown {
  voltage: number;
  /** U_p(mean lithiation) − U_n(mean lithiation) (U_n = 0 for Li metal). */
  ocv: number;
  kineticPositive: number;
  kineticNegative: number;
  /** Particle diffusion and through-thickness lithiation gradients: ⟨U(x_surf)⟩ − U(x̄). */
  particlePositive: number;
  particleNegative: number;
  electrolyteOhmic: number;
  electrolyteConcentration: number;
  solidOhmic: number;
}

export interface FieldSnapshot {
  time_s: number;
  overpotentials: OverpotentialBreakdown;
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
    overpotentials: overpotentialBreakdown(m, y),
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
    // a window of zero width (already at the cut-off) has nothing to use: report 0, not NaN
    utilisation: end.positive.lithiation.map((s) => (xFull - x0 > 1e-12 ? (s - x0) / (xFull - x0) : 0)),
  };
}

/** The overpotential breakdown of state y (see OverpotentialBreakdown). */
export function overpotentialBreakdown(m: P2DModel, y: Float64Array): OverpotentialBreakdown {
  const l = m.layout;
  const kD = m.diffusionPotentialCoefficient;
  const V = m.voltage(y);
  const acc = [0, 1, 2].map(() => ({ w: 0, phis: 0, phie: 0, lnc: 0, usurf: 0, eta: 0, li: 0, vol: 0 }));
  for (let pass = 0; pass < 2; pass++) {
    // pass 0: reaction weights; pass 1 (only if an electrode carries no net reaction): a·Δx weights
    for (let i = 0; i < l.nx; i++) {
      if (!l.hasSolid[i]) continue;
      const d = m.mesh.domain[i];
      const e = m.electrodeAt(i) as PorousElectrode;
      const A = acc[d];
      if (pass === 1 && A.w !== 0) continue;
      const dx = m.mesh.dx[i];
      const w = pass === 0 ? m.specificArea(i) * dx * y[l.jf[i]] : m.specificArea(i) * dx;
      const cs = m.surfaceConcentration(y, i);
      const us = e.ocp.f(cs / e.cMaxMolPerM3);
      const phis = y[l.phis[i]];
      const phie = y[l.phie[i]];
      A.w += w;
      A.phis += w * phis;
      A.phie += w * phie;
      A.lnc += w * Math.log(Math.max(1e-6, y[l.ce[i]]));
      A.usurf += w * us;
      A.eta += w * (phis - phie - us);
      if (pass === 0) {
        A.li += e.activeFraction * dx * m.averageConcentration(y, i);
        A.vol += e.activeFraction * dx;
      }
    }
  }
  const avg = (d: number, k: 'phis' | 'phie' | 'lnc' | 'usurf' | 'eta') => (acc[d].w !== 0 ? acc[d][k] / acc[d].w : 0);
  const pos = m.params.positive;
  const uP = pos.ocp.f(acc[2].li / acc[2].vol / pos.cMaxMolPerM3);
  const phisL = V; // φ_s at the positive collector relative to the negative's reference
  let uN = 0;
  let kinN = 0;
  let partN = 0;
  let phieN: number;
  let lncN: number;
  let solidN = 0;
  const neg = m.params.negative;
  if (neg.kind === 'porous') {
    uN = neg.ocp.f(acc[0].li / acc[0].vol / neg.cMaxMolPerM3);
    kinN = avg(0, 'eta');
    partN = avg(0, 'usurf') - uN;
    phieN = avg(0, 'phie');
    lncN = avg(0, 'lnc');
    solidN = avg(0, 'phis');
  } else {
    // foil: φ_s = 0, φ_e(0) from its Butler–Volmer law; overpotential 0 − φ_e(0) (includes the SEI film)
    phieN = m.foilElectrolytePotential(y);
    kinN = -phieN;
    lncN = Math.log(Math.max(1e-6, y[l.ce[0]]));
  }
  const phieP = avg(2, 'phie');
  const conc = kD * (avg(2, 'lnc') - lncN);
  const dPhiE = phieP - phieN;
  return {
    voltage: V,
    ocv: uP - uN,
    kineticPositive: -avg(2, 'eta'),
    kineticNegative: kinN,
    particlePositive: uP - avg(2, 'usurf'),
    particleNegative: partN,
    electrolyteConcentration: -conc,
    electrolyteOhmic: -(dPhiE - conc),
    solidOhmic: -(phisL - avg(2, 'phis')) - solidN,
  };
}
