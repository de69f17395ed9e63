/**
 * Arrhenius temperature factors: a property with activation energy E_a measured at T_ref scales as
 * exp(E_a/R · (1/T_ref − 1/T)) (as in Marquis et al. 2019 / DUALFOIL and Chen et al. 2020).
 */
import { GAS_CONSTANT } from '../units.js';

export function arrheniusFactor(activationEnergyJPerMol: number, temperatureK: number, referenceTemperatureK: number): number {
  return Math.exp((activationEnergyJPerMol / GAS_CONSTANT) * (1 / referenceTemperatureK - 1 / temperatureK));
}
