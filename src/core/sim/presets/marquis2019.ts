/**
 * Marquis2019: the PyBaMM default DFN parameter set (DUALFOIL LiCoO2 | graphite MCMB2528, 1 M LiPF6 in
 * EC:DMC), exactly as the COMSOL reference in ../shared/reference/p2d (marquis2019-params.json):
 *   S.G. Marquis et al., J. Electrochem. Soc. 166(15) A3693 (2019), doi:10.1149/2.0341915jes;
 *   DUALFOIL 5.2 material library (J. Newman); electrolyte fits after Capiglia et al. 1999.
 * Solid effective conductivity follows the COMSOL reference: σ_eff = σ·(1 − ε)^1.5 (58.57 and 5.857 S/m).
 * The LiCoO2 OCP uses the DUALFOIL 5.2 stoichiometry stretch 1.062 (initial OCV 3.85182 V).
 */
import { ExpFunction, PowerSeries, TanhExpFit, tanhTerm } from '../material-functions.js';
import { constantFunction, type CellParameters } from '../parameters.js';

const T_REF_K = 298.15;

/** Graphite MCMB2528 OCP, V vs Li (DUALFOIL fit). */
export const marquisGraphiteOcp = new TanhExpFit(0.194, 0, [[1.5, -120]], [
  tanhTerm(0.0351, 0.286, 0.083),
  tanhTerm(-0.0045, 0.849, 0.119),
  tanhTerm(-0.035, 0.9233, 0.05),
  tanhTerm(-0.0147, 0.5, 0.034),
  tanhTerm(-0.102, 0.194, 0.142),
  tanhTerm(-0.022, 0.9, 0.0164),
  tanhTerm(-0.011, 0.124, 0.0226),
  tanhTerm(0.0155, 0.105, 0.029),
]);

/** LiCoO2 OCP, V vs Li (Garcia 2001 / Thomas 2003 fit; argument s = 1.062·x). */
export const marquisLcoOcp = new TanhExpFit(
  2.16216,
  0,
  [],
  [
    [0.07645, 30.834, -54.4806],
    [2.1581, 52.294, -50.294],
    [-0.14169, 11.0923, -19.8543],
    [0.2051, 1.4684, -5.4888],
    [0.2531, 0.56478 / 0.1316, -1 / 0.1316],
    tanhTerm(-0.02167, 0.525, 0.006),
  ],
  1.062,
);

/** LiPF6 in EC:DMC (Capiglia 1999, DUALFOIL fits); c in mol/m³. κ in S/m, D_e in m²/s at 298.15 K. */
export const marquisElectrolyteConductivity = new PowerSeries(
  [
    [0.0911, 0],
    [1.9101, 1],
    [-1.052, 2],
    [0.1554, 3],
  ],
  1000,
);
export const marquisElectrolyteDiffusivity = new ExpFunction(5.34e-10, -0.65, 1000);

export function marquis2019(temperatureK = T_REF_K): CellParameters {
  return {
    name: 'marquis2019',
    citation:
      'Marquis et al., J. Electrochem. Soc. 166(15) A3693 (2019); DUALFOIL 5.2 LiCoO2/MCMB2528/LiPF6-EC:DMC; as ../shared/reference/p2d/marquis2019-params.json (COMSOL solid-conductivity convention)',
    negative: {
      kind: 'porous',
      thicknessM: 100e-6,
      porosity: 0.3,
      activeFraction: 0.6,
      bruggemanElectrolyte: 1.5,
      solidConductivitySPerM: 100,
      solidBruggeman: 1.5,
      solidBruggemanFraction: 0.7,
      particleRadiusM: 1e-5,
      cMaxMolPerM3: 24983.2619938437,
      cInitMolPerM3: 19986.609595075,
      diffusivity: constantFunction(3.9e-14),
      diffusivityActivationEnergyJPerMol: 42770,
      ocp: marquisGraphiteOcp,
      kinetics: { rateConstant: 2e-5, activationEnergyJPerMol: 37480, alpha: 0.5 },
      filmResistanceOhmM2: 0,
      doubleLayerFPerM2: 0,
    },
    separator: { thicknessM: 25e-6, porosity: 1.0, bruggemanElectrolyte: 1.5 },
    positive: {
      kind: 'porous',
      thicknessM: 100e-6,
      porosity: 0.3,
      activeFraction: 0.5,
      bruggemanElectrolyte: 1.5,
      solidConductivitySPerM: 10,
      solidBruggeman: 1.5,
      solidBruggemanFraction: 0.7,
      particleRadiusM: 1e-5,
      cMaxMolPerM3: 51217.9257309275,
      cInitMolPerM3: 30730.7554385565,
      diffusivity: constantFunction(1e-13),
      diffusivityActivationEnergyJPerMol: 18550,
      ocp: marquisLcoOcp,
      kinetics: { rateConstant: 6e-7, activationEnergyJPerMol: 39570, alpha: 0.5 },
      filmResistanceOhmM2: 0,
      doubleLayerFPerM2: 0,
    },
    electrolyte: {
      cInitMolPerM3: 1000,
      transferenceNumber: 0.4,
      thermodynamicFactor: 1,
      conductivity: marquisElectrolyteConductivity,
      diffusivity: marquisElectrolyteDiffusivity,
      conductivityActivationEnergyJPerMol: 34700,
      diffusivityActivationEnergyJPerMol: 37040,
    },
    referenceTemperatureK: T_REF_K,
    temperatureK,
    oneCAPerM2: 24.0,
    lowerCutoffV: 3.105,
    upperCutoffV: 4.1,
    areaM2: 0.137 * 0.207,
    // 'density' in the set is a thermal density, not the LiCoO2 crystal density: mAh/g left unreported.
  };
}
