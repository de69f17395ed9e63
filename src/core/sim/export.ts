/**
 * Export of simulation results: a CSV time series (units in every column name) and a JSON summary
 * object (the CLI's --json output). Non-finite numbers never appear: the driver stops before them.
 */
import type { SimulationResult } from './simulate.js';

/** The time series as CSV text. */
export function resultToCsv(r: SimulationResult, areaM2: number): string {
  const lines = ['time_s,voltage_V,current_A_per_m2,current_mA,capacity_Ah,capacity_mAh_per_cm2,energy_Wh'];
  for (let k = 0; k < r.time_s.length; k++) {
    const I = r.current_A_per_m2[k];
    lines.push(
      [r.time_s[k], r.voltage_V[k], I, I * areaM2 * 1000, r.capacity_Ah[k], (r.capacity_Ah[k] * 1000) / (areaM2 * 1e4), r.energy_Wh[k]]
        .map((x) => (Number.isFinite(x) ? Number(x.toPrecision(10)).toString() : ''))
        .join(','),
    );
  }
  return lines.join('\n') + '\n';
}

/** Field snapshots as long-format CSV: one row per (time, x) with every profile. */
export function snapshotsToCsv(r: SimulationResult): string {
  const lines = ['time_s,x_um,c_e_mol_per_m3,phi_e_V,phi_s_V,c_s_surf_mol_per_m3,c_s_avg_mol_per_m3,j_A_per_m2,lithiation'];
  for (const s of r.snapshots) {
    const byX = new Map<number, string[]>();
    for (const e of [s.negative, s.positive]) {
      if (!e) continue;
      e.x_um.forEach((x, i) => byX.set(x, [e.phi_s_V[i], e.c_s_surf_mol_per_m3[i], e.c_s_avg_mol_per_m3[i], e.j_A_per_m2[i], e.lithiation[i]].map(String)));
    }
    s.x_um.forEach((x, i) => {
      const solid = byX.get(x) ?? ['', '', '', '', ''];
      lines.push([s.time_s, x, s.c_e_mol_per_m3[i], s.phi_e_V[i], ...solid].join(','));
    });
  }
  return lines.join('\n') + '\n';
}
