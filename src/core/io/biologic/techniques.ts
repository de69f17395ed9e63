/**
 * BioLogic technique names. The .mpr settings module starts with a technique id (one byte); the .mpt
 * header names the technique in words on its fourth line. Ids are facts from yadg
 * (src/yadg/extractors/eclab/techniques.py, `technique_params_dtypes` keys); long names are the
 * headers EC-Lab / BT-Lab write in the fixtures' .mpt exports.
 */

export const TECHNIQUE_IDS: ReadonlyMap<number, string> = new Map([
  [0x04, 'GCPL'],
  [0x06, 'CV'],
  [0x0b, 'OCV'],
  [0x16, 'MP'],
  [0x18, 'CA'],
  [0x19, 'CP'],
  [0x1c, 'WAIT'],
  [0x1d, 'PEIS'],
  [0x1e, 'GEIS'],
  [0x30, 'CV'],
  [0x32, 'ZIR'],
  [0x33, 'CVA'],
  [0x6c, 'LSV'],
  [0x75, 'coV'],
  [0x76, 'coC'],
  [0x77, 'GCPL'],
  [0x7f, 'MB'],
  [0x88, 'BCD'],
]);

export const TECHNIQUE_LONG_NAMES: ReadonlyMap<string, string> = new Map([
  ['galvanostatic cycling with potential limitation', 'GCPL'],
  ['modulo bat', 'MB'],
  ['cyclic voltammetry', 'CV'],
  ['cyclic voltammetry advanced', 'CVA'],
  ['linear sweep voltammetry', 'LSV'],
  ['potentio electrochemical impedance spectroscopy', 'PEIS'],
  ['galvano electrochemical impedance spectroscopy', 'GEIS'],
  ['chronopotentiometry', 'CP'],
  ['chronoamperometry / chronocoulometry', 'CA'],
  ['chronoamperometry', 'CA'],
  ['open circuit voltage', 'OCV'],
  ['battery capacity determination', 'BCD'],
  ['ir compensation (peis)', 'ZIR'],
  ['wait', 'WAIT'],
  ['modular pulse', 'MP'],
]);

/** Techniques whose rows are impedance points (frequency, Z) rather than a time series. */
export const EIS_TECHNIQUES = new Set(['PEIS', 'GEIS', 'ZIR']);
