/**
 * A powder X-ray diffraction pattern: intensity against 2θ, with the X-ray wavelengths when the file
 * states them. Angles in degrees 2θ and wavelengths in ångström, as diffractionists use them (the
 * SI-inside rule is relaxed here on purpose: no formula in this folder mixes them with SI quantities).
 */

export interface XrayWavelengths {
  /** Kα1 wavelength, Å. */
  alpha1Angstrom: number;
  /** Kα2 wavelength, Å; undefined for a monochromatic (Kα1-only) source. */
  alpha2Angstrom?: number;
  /** I(Kα2)/I(Kα1). */
  alpha2Ratio?: number;
}

/** Cu Kα1/Kα2 (Hölzer et al., Phys. Rev. A 56 (1997) 4554) with the usual 0.5 intensity ratio. */
export const CU_K_ALPHA: Readonly<Required<XrayWavelengths>> = { alpha1Angstrom: 1.540562, alpha2Angstrom: 1.54439, alpha2Ratio: 0.5 };

export interface XrdPattern {
  /** File name, for messages. */
  source: string;
  /** Reader that produced it: "xy", "csv", "bruker-uxd", "dat". */
  format: string;
  /** 2θ in degrees, strictly increasing. */
  twoThetaDeg: Float64Array;
  /** Counts (or arbitrary intensity units). */
  intensity: Float64Array;
  /** Wavelengths when the file states them (Bruker UXD does). */
  wavelengths?: XrayWavelengths;
  /** The anode element when stated, e.g. "Cu". */
  anode?: string;
  warnings: string[];
}
