/**
 * BioLogic EC-Lab .mpr data-module column ids: what each id stores, its binary type and its unit.
 *
 * Facts, not code, from two reverse-engineering efforts that agree where they overlap:
 * galvani (github.com/echemdata/galvani, galvani/BioLogic.py, `VMPdata_colID_dtype_map` and
 * `VMPdata_colID_flag_map`) and yadg (github.com/dgbowl/yadg, src/yadg/extractors/eclab/mpr_columns.py).
 * Names are written the way EC-Lab writes the same column in its .mpt text export ("Ewe/V",
 * "Q charge/discharge/mA.h"), so an .mpr and its .mpt give the same column names.
 *
 * Ids above 255 are "high-byte variants" written by newer EC-Lab versions. Most of them mean the same as
 * id % 256 (both sources agree: 467 ≡ 211, 468 ≡ 212, 430…433 ≡ 174…177); a few do not (498…502, 424…426),
 * so every id we know is listed explicitly and the id % 256 fallback is only used with a warning.
 */

export type BinaryType = 'u1' | 'u2' | 'u4' | 'f4' | 'f8';

export const BINARY_SIZE: Record<BinaryType, number> = { u1: 1, u2: 2, u4: 4, f4: 4, f8: 8 };

/**
 * Field types as small integers, for the decode loops of the .mpr reader (they switch on an Int32Array
 * entry, not a string). FIELD_BITS is a flag: (byte & mask) shifted down by the mask's lowest bit.
 */
export const FIELD_F8 = 0;
export const FIELD_F4 = 1;
export const FIELD_U4 = 2;
export const FIELD_U2 = 3;
export const FIELD_U1 = 4;
export const FIELD_BITS = 5;
export const FIELD_CODE: Record<BinaryType, number> = { f8: FIELD_F8, f4: FIELD_F4, u4: FIELD_U4, u2: FIELD_U2, u1: FIELD_U1 };

/** Where a named column sits in an .mpr record: its field code, byte offset, and (flags) bit mask. */
export interface FieldPlace {
  code: number;
  at: number;
  mask: number;
}

export interface ColumnSpec {
  /** Column name as the .mpt export writes it, unit included ("Ewe/V"); unitless ones have no slash part. */
  name: string;
  type: BinaryType;
  /** Unit as the file states it ('' for counters and indices). */
  unit: string;
}

/** Flag ids: all flags present are packed into ONE byte, placed where the first flag id appears. */
export const FLAG_COLUMNS: ReadonlyMap<number, { name: string; mask: number }> = new Map([
  [1, { name: 'mode', mask: 0x03 }],
  [2, { name: 'ox/red', mask: 0x04 }],
  [3, { name: 'error', mask: 0x08 }],
  [21, { name: 'control changes', mask: 0x10 }],
  [31, { name: 'Ns changes', mask: 0x20 }],
  // 0x40 is unassigned (yadg: probably a stop bit on the very last point).
  [65, { name: 'counter inc.', mask: 0x80 }],
]);

const c = (name: string, type: BinaryType): ColumnSpec => {
  const slash = name.indexOf('/');
  return { name, type, unit: slash >= 0 ? name.slice(slash + 1) : '' };
};

/** Explicitly known data column ids. */
export const DATA_COLUMNS: ReadonlyMap<number, ColumnSpec> = new Map<number, ColumnSpec>([
  [4, c('time/s', 'f8')],
  [5, c('control/V/mA', 'f4')],
  [6, c('Ewe/V', 'f4')],
  [7, c('dq/mA.h', 'f8')],
  [8, c('I/mA', 'f4')],
  [9, c('Ece/V', 'f4')],
  [11, c('<I>/mA', 'f8')],
  [13, c('(Q-Qo)/mA.h', 'f8')],
  [15, c('Phase(Z1)/deg', 'f4')],
  [16, c('Analog IN 1/V', 'f4')],
  [17, c('Analog IN 2/V', 'f4')],
  [19, c('control/V', 'f4')],
  [20, c('control/mA', 'f4')],
  [23, c('dQ/mA.h', 'f8')],
  [24, c('cycle number', 'f8')],
  [26, c('Rapp/Ohm', 'f4')],
  [27, c('Ewe-Ece/V', 'f4')],
  [32, c('freq/Hz', 'f4')],
  [33, c('|Ewe|/V', 'f4')],
  [34, c('|I|/A', 'f4')],
  [35, c('Phase(Z)/deg', 'f4')],
  [36, c('|Z|/Ohm', 'f4')],
  [37, c('Re(Z)/Ohm', 'f4')],
  [38, c('-Im(Z)/Ohm', 'f4')],
  [39, c('I Range', 'u2')],
  [45, c('|Z1|/Ohm', 'f4')],
  [46, c('|Z2|/Ohm', 'f4')],
  [69, c('R/Ohm', 'f4')],
  [70, c('P/W', 'f4')],
  [74, c('|Energy|/W.h', 'f8')],
  [75, c('Analog OUT/V', 'f4')],
  [76, c('<I>/mA', 'f4')],
  [77, c('<Ewe>/V', 'f4')],
  [78, c('Cs-2/µF-2', 'f4')],
  [96, c('|Ece|/V', 'f4')],
  [98, c('Phase(Zce)/deg', 'f4')],
  [99, c('|Zce|/Ohm', 'f4')],
  [100, c('Re(Zce)/Ohm', 'f4')],
  [101, c('-Im(Zce)/Ohm', 'f4')],
  [105, c('-Im(Z1)/Ohm', 'f4')],
  [106, c('-Im(Z2)/Ohm', 'f4')],
  [110, c('Energy ce/W.h', 'f8')],
  [112, c('Energy we/W.h', 'f8')],
  [115, c('Energy ce charge/W.h', 'f8')],
  [116, c('Energy ce discharge/W.h', 'f8')],
  [123, c('Energy charge/W.h', 'f8')],
  [124, c('Energy discharge/W.h', 'f8')],
  [125, c('Capacitance charge/µF', 'f8')],
  [126, c('Capacitance discharge/µF', 'f8')],
  [131, c('Ns', 'u2')],
  [135, c('<E1>/V', 'f4')],
  [136, c('<E2>/V', 'f4')],
  [163, c('|Estack|/V', 'f4')],
  [166, c('Phase(Zstack)/deg', 'f4')],
  [167, c('|Zstack|/Ohm', 'f4')],
  [168, c('Rcmp/Ohm', 'f4')],
  [169, c('Cs/µF', 'f4')],
  [172, c('Cp/µF', 'f4')],
  [173, c('Cp-2/µF-2', 'f4')],
  [174, c('<Ewe>/V', 'f4')],
  [175, c('|Zwe-ce|/Ohm', 'f4')],
  [176, c('Re(Zwe-ce)/Ohm', 'f4')],
  [177, c('-Im(Zwe-ce)/Ohm', 'f4')],
  [178, c('(Q-Qo)/C', 'f4')],
  [179, c('dQ/C', 'f4')],
  [182, c('step time/s', 'f8')],
  [185, c('<Ece>/V', 'f4')],
  [206, c('Temperature/°C', 'f4')],
  [211, c('Q charge/discharge/mA.h', 'f8')],
  [212, c('half cycle', 'u4')],
  [213, c('z cycle', 'u4')],
  [215, c('<Ece>/V', 'f4')],
  [217, c('THD Ewe/%', 'f4')],
  [218, c('THD I/%', 'f4')],
  [219, c('THD Ece/%', 'f4')],
  [220, c('NSD Ewe/%', 'f4')],
  [221, c('NSD I/%', 'f4')],
  [222, c('NSD Ece/%', 'f4')],
  [223, c('NSR Ewe/%', 'f4')],
  [224, c('NSR I/%', 'f4')],
  [225, c('NSR Ece/%', 'f4')],
  [230, c('|Ewe h2|/V', 'f4')],
  [231, c('|Ewe h3|/V', 'f4')],
  [232, c('|Ewe h4|/V', 'f4')],
  [233, c('|Ewe h5|/V', 'f4')],
  [234, c('|Ewe h6|/V', 'f4')],
  [235, c('|Ewe h7|/V', 'f4')],
  [236, c('|I h2|/A', 'f4')],
  [237, c('|I h3|/A', 'f4')],
  [238, c('|I h4|/A', 'f4')],
  [239, c('|I h5|/A', 'f4')],
  [240, c('|I h6|/A', 'f4')],
  [241, c('|I h7|/A', 'f4')],
  [242, c('|Ece h2|/V', 'f4')],
  [243, c('|Ece h3|/V', 'f4')],
  [244, c('|Ece h4|/V', 'f4')],
  [245, c('|Ece h5|/V', 'f4')],
  [246, c('|Ece h6|/V', 'f4')],
  [247, c('|Ece h7|/V', 'f4')],
  [248, c('Rac/Ohm', 'f4')],
  [249, c('Rdc/Ohm', 'f4')],
  [253, c('Acir/Dcir Control', 'u1')],
  // High-byte ids, each listed as the sources document it.
  [271, c('Phase(Z1)/deg', 'f4')],
  [272, c('Phase(Z2)/deg', 'f4')],
  [301, c('|Z1|/Ohm', 'f4')],
  [302, c('|Z2|/Ohm', 'f4')],
  [326, c('P/W', 'f4')],
  [331, c('Re(Z1)/Ohm', 'f4')],
  [332, c('Re(Z2)/Ohm', 'f4')],
  [361, c('-Im(Z1)/Ohm', 'f4')],
  [362, c('-Im(Z2)/Ohm', 'f4')],
  [368, c('Energy we/W.h', 'f8')],
  [391, c('<E1>/V', 'f4')],
  [392, c('<E2>/V', 'f4')],
  [422, c('Phase(Zstack)/deg', 'f4')],
  [423, c('|Zstack|/Ohm', 'f4')],
  [424, c('Re(Zstack)/Ohm', 'f4')],
  [425, c('-Im(Zstack)/Ohm', 'f4')],
  [426, c('<Estack>/V', 'f4')],
  [430, c('Phase(Zwe-ce)/deg', 'f4')],
  [431, c('|Zwe-ce|/Ohm', 'f4')],
  [432, c('Re(Zwe-ce)/Ohm', 'f4')],
  [433, c('-Im(Zwe-ce)/Ohm', 'f4')],
  [434, c('(Q-Qo)/C', 'f4')],
  [435, c('dQ/C', 'f4')],
  [438, c('step time/s', 'f8')],
  [441, c('<Ece>/V', 'f4')], // galvani: '<Ecv>/V'; yadg's id % 256 rule (185) and cp.mpt's export say <Ece>/V
  [462, c('Temperature/°C', 'f4')],
  [467, c('Q charge/discharge/mA.h', 'f8')],
  [468, c('half cycle', 'u4')],
  [469, c('z cycle', 'u4')],
  [471, c('<Ece>/V', 'f4')],
  [473, c('THD Ewe/%', 'f4')],
  [474, c('THD I/%', 'f4')],
  [476, c('NSD Ewe/%', 'f4')],
  [477, c('NSD I/%', 'f4')],
  [479, c('NSR Ewe/%', 'f4')],
  [480, c('NSR I/%', 'f4')],
  [486, c('|Ewe h2|/V', 'f4')],
  [487, c('|Ewe h3|/V', 'f4')],
  [488, c('|Ewe h4|/V', 'f4')],
  [489, c('|Ewe h5|/V', 'f4')],
  [490, c('|Ewe h6|/V', 'f4')],
  [491, c('|Ewe h7|/V', 'f4')],
  [492, c('|I h2|/A', 'f4')],
  [493, c('|I h3|/A', 'f4')],
  [494, c('|I h4|/A', 'f4')],
  [495, c('|I h5|/A', 'f4')],
  [496, c('|I h6|/A', 'f4')],
  [497, c('|I h7|/A', 'f4')],
  [498, c('Q charge/mA.h', 'f8')],
  [499, c('Q discharge/mA.h', 'f8')],
  [500, c('step time/s', 'f8')],
  [501, c('Efficiency/%', 'f8')],
  [502, c('Capacity/mA.h', 'f8')],
  [505, c('Rdc/Ohm', 'f4')],
  [509, c('Acir/Dcir Control', 'u1')],
  [981, c('z cycle', 'u4')],
]);

/**
 * Ids whose meaning depends on another id being present (yadg's conflict table): 174 is <Ewe>/V on its
 * own, but Phase(Zwe-ce)/deg when Ewe (6) or <Ewe> (77) is also stored.
 */
export function resolveConflicts(id: number, allIds: readonly number[]): ColumnSpec | undefined {
  if (id === 174 && (allIds.includes(6) || allIds.includes(77))) return c('Phase(Zwe-ce)/deg', 'f4');
  return undefined;
}

/** Technique-dependent names (yadg): id 6 is "Ecell/V" in BT-Lab's BCD technique. */
export function techniqueName(id: number, technique: string | undefined, spec: ColumnSpec): ColumnSpec {
  if (id === 6 && technique === 'BCD') return c('Ecell/V', 'f4');
  return spec;
}
