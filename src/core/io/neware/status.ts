/**
 * Neware step status codes → our StepType. Codes and names from NewareNDA `dicts.state_dict` (the same
 * names BTSDA prints: CC_Chg, CC_DChg, …). `undefined` = decide from the current (Control, Cycle, SIM).
 */
import type { StepType } from '../measurement.js';

export const NEWARE_STATUS: Record<number, [string, StepType | undefined]> = {
  1: ['CC_Chg', 'charge'],
  2: ['CC_DChg', 'discharge'],
  3: ['CV_Chg', 'cvCharge'],
  4: ['Rest', 'rest'],
  5: ['Cycle', undefined],
  7: ['CCCV_Chg', 'charge'],
  8: ['CP_DChg', 'discharge'],
  9: ['CP_Chg', 'charge'],
  10: ['CR_DChg', 'discharge'],
  13: ['Pause', 'rest'],
  16: ['Pulse', 'pulse'],
  17: ['SIM', undefined],
  19: ['CV_DChg', 'cvDischarge'],
  20: ['CCCV_DChg', 'discharge'],
  21: ['Control', undefined],
  22: ['OCV', 'ocv'],
  26: ['CPCV_DChg', 'discharge'],
  27: ['CPCV_Chg', 'charge'],
};

/** Step-type names as BTSDA exports write them ("CC Chg", "CCCV DChg", "Rest", …) → StepType. */
export function stepTypeFromNewareName(name: string): StepType | undefined {
  const n = name.trim().toLowerCase().replace(/[\s_-]+/g, '');
  if (n === '') return undefined;
  if (n === 'rest' || n === 'pause') return 'rest';
  if (n === 'ocv') return 'ocv';
  if (n === 'pulse') return 'pulse';
  const dchg = n.endsWith('dchg') || n.endsWith('dc') || n.includes('discharge');
  const chg = !dchg && (n.endsWith('chg') || n.includes('charge'));
  if (!dchg && !chg) return undefined;
  const cvOnly = n.startsWith('cv');
  if (cvOnly) return dchg ? 'cvDischarge' : 'cvCharge';
  return dchg ? 'discharge' : 'charge';
}
