/**
 * Peak shifts between two layered-oxide patterns (e.g. NCM against NCM/LLZO, the paper's Fig. 2b,c):
 * per reflection the Kα1 position change, both as measured and after removing each pattern's refined
 * zero shift (so an instrument offset between the two runs is not read as a lattice change), the d
 * change, and the changes of a, c, c/a, volume and I003/I104.
 */
import type { LayeredOxideResult } from './layered-oxide.js';

export interface PeakShift {
  label: string;
  /** 2θ(other) − 2θ(reference), °, as measured. */
  shiftDeg: number;
  /** The same after subtracting each pattern's refined zero shift, °. */
  shiftZeroCorrectedDeg: number;
  /** d(other) − d(reference), Å (from measured positions). */
  dShiftAngstrom: number;
}

export interface PatternComparison {
  reference: string;
  other: string;
  shifts: PeakShift[];
  deltaAAngstrom: number;
  deltaCAngstrom: number;
  deltaCOverA: number;
  deltaVolumeAngstrom3: number;
  deltaI003ToI104Height: number;
  deltaI003ToI104Area: number;
}

export function compareLayeredOxides(reference: LayeredOxideResult, other: LayeredOxideResult): PatternComparison {
  const shifts: PeakShift[] = [];
  for (const p of reference.peaks) {
    const q = other.peaks.find((o) => o.label === p.label);
    if (!q) continue;
    shifts.push({
      label: p.label,
      shiftDeg: q.twoThetaDeg - p.twoThetaDeg,
      shiftZeroCorrectedDeg: q.twoThetaDeg - other.zeroShiftDeg - (p.twoThetaDeg - reference.zeroShiftDeg),
      dShiftAngstrom: q.dAngstrom - p.dAngstrom,
    });
  }
  return {
    reference: reference.source,
    other: other.source,
    shifts,
    deltaAAngstrom: other.aAngstrom - reference.aAngstrom,
    deltaCAngstrom: other.cAngstrom - reference.cAngstrom,
    deltaCOverA: other.cOverA - reference.cOverA,
    deltaVolumeAngstrom3: other.cellVolumeAngstrom3 - reference.cellVolumeAngstrom3,
    deltaI003ToI104Height: other.i003ToI104Height - reference.i003ToI104Height,
    deltaI003ToI104Area: other.i003ToI104Area - reference.i003ToI104Area,
  };
}
