/**
 * Chen2020: LG M50 21700 (NMC811 | graphite-SiOx, LiPF6 in EC:EMC 3:7), as transcribed in
 * ../shared/reference/p2d/chen2020-params.json from:
 *   C.-H. Chen, F. Brosa Planella, K. O'Regan, D. Gastol, W.D. Widanage, E. Kendrick,
 *   J. Electrochem. Soc. 167, 080534 (2020) (electrodes, OCP fits, kinetics);
 *   A. Nyman, M. Behm, G. Lindbergh, Electrochim. Acta 53, 6356 (2008) (electrolyte).
 * Solid conductivities are effective values (Bruggeman exponent 0). The set has no temperature
 * dependence of transport; the Arrhenius activation energies of κ and D_e below are the DUALFOIL /
 * Capiglia 1999 values of Marquis2019 (ASSUMPTION, so that runs away from 25 °C respond at all), and
 * D_s activation energies are 0 as in the set.
 */
import { PowerSeries, TanhExpFit } from '../material-functions.js';
import { constantFunction, type CellParameters, type Electrolyte, type PorousElectrode } from '../parameters.js';

const T_REF_K = 298.15;

/** Graphite-SiOx OCP (Chen 2020 fit), x = c_s/c_max. */
export const chenGraphiteOcp = new TanhExpFit(0.2482, 0, [[1.9793, -39.3631]], [
  [-0.0909, -29.8538 * 0.1234, 29.8538],
  [-0.04478, -14.9159 * 0.2769, 14.9159],
  [-0.0205, -30.4444 * 0.6103, 30.4444],
]);

/** NMC811 OCP (Chen 2020 fit), x = c_s/c_max. */
export const chenNmc811Ocp = new TanhExpFit(4.4875, -0.809, [], [
  [-0.0428, -18.5138 * 0.5542, 18.5138],
  [-17.7326, -15.789 * 0.3117, 15.789],
  [17.5842, -15.9308 * 0.312, 15.9308],
]);

/** LiPF6 in EC:EMC 3:7 (Nyman 2008), c in mol/m³: κ S/m, D_e m²/s. */
export const nymanConductivity = new PowerSeries(
  [
    [0.1297, 3],
    [-2.51, 1.5],
    [3.329, 1],
  ],
  1000,
);
export const nymanDiffusivity = new PowerSeries(
  [
    [8.794e-11, 2],
    [-3.972e-10, 1],
    [4.862e-10, 0],
  ],
  1000,
);

export function nymanElectrolyte(): Electrolyte {
  return {
    cInitMolPerM3: 1000,
    transferenceNumber: 0.2594,
    thermodynamicFactor: 1,
    conductivity: nymanConductivity,
    diffusivity: nymanDiffusivity,
    conductivityActivationEnergyJPerMol: 34700,
    diffusivityActivationEnergyJPerMol: 37040,
  };
}

/** Chen 2020 NMC811 positive electrode (LG M50). */
export function chenNmc811Electrode(): PorousElectrode {
  return {
    kind: 'porous',
    thicknessM: 75.6e-6,
    porosity: 0.335,
    activeFraction: 0.665,
    bruggemanElectrolyte: 1.5,
    solidConductivitySPerM: 0.18,
    solidBruggeman: 0,
    solidBruggemanFraction: 1,
    particleRadiusM: 5.22e-6,
    cMaxMolPerM3: 63104,
    cInitMolPerM3: 17038,
    diffusivity: constantFunction(4e-15),
    diffusivityActivationEnergyJPerMol: 0,
    ocp: chenNmc811Ocp,
    kinetics: { rateConstant: 3.42e-6, activationEnergyJPerMol: 17800, alpha: 0.5 },
    filmResistanceOhmM2: 0,
    doubleLayerFPerM2: 0,
  };
}

export function chen2020(temperatureK = T_REF_K): CellParameters {
  return {
    name: 'chen2020',
    citation: 'Chen et al., J. Electrochem. Soc. 167, 080534 (2020); Nyman et al., Electrochim. Acta 53, 6356 (2008); as ../shared/reference/p2d/chen2020-params.json',
    negative: {
      kind: 'porous',
      thicknessM: 85.2e-6,
      porosity: 0.25,
      activeFraction: 0.75,
      bruggemanElectrolyte: 1.5,
      solidConductivitySPerM: 215,
      solidBruggeman: 0,
      solidBruggemanFraction: 1,
      particleRadiusM: 5.86e-6,
      cMaxMolPerM3: 33133,
      cInitMolPerM3: 29866,
      diffusivity: constantFunction(3.3e-14),
      diffusivityActivationEnergyJPerMol: 0,
      ocp: chenGraphiteOcp,
      kinetics: { rateConstant: 6.48e-7, activationEnergyJPerMol: 35000, alpha: 0.5 },
      filmResistanceOhmM2: 0,
      doubleLayerFPerM2: 0,
    },
    separator: { thicknessM: 12e-6, porosity: 0.47, bruggemanElectrolyte: 1.5 },
    positive: chenNmc811Electrode(),
    electrolyte: nymanElectrolyte(),
    referenceTemperatureK: T_REF_K,
    temperatureK,
    // 5 Ah nominal over 0.065 m × 1.58 m
    oneCAPerM2: 5 / (0.065 * 1.58),
    lowerCutoffV: 2.5,
    upperCutoffV: 4.2,
    areaM2: 0.065 * 1.58,
  };
}
