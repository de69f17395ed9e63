/**
 * BioLogic column names → the common data model (measurement.ts). Shared by the .mpr, .mpt and EC-Lab
 * CSV readers, and stateless per row so the streaming .mpt path can normalise chunk by chunk.
 *
 * Sign and unit conventions (each one a deliberate choice, stated here once):
 * - Current: BioLogic's I > 0 is oxidation at the working electrode. For a cathode as working electrode
 *   (the half-cell case this toolkit targets) oxidation is delithiation = charge, so current_A = I/mA / 1000
 *   keeps the sign.
 * - "Q charge/discharge/mA.h" is signed (> 0 while charging, < 0 while discharging) and restarts each half
 *   cycle; it becomes chargeCapacity_Ah = max(Q, 0) and dischargeCapacity_Ah = max(−Q, 0), in Ah.
 * - "-Im(Z)/Ohm" is minus the imaginary part; zImag_Ohm = −(−Im Z) keeps the physical sign.
 * - "cycle number" is used when present; otherwise, when "half cycle" is stored (as in most .mpr files),
 *   cycle = floor(half cycle / 2), which is what EC-Lab writes with "Charge/Discharge alternance".
 */
import type { RawColumn, StandardColumn } from '../measurement.js';
import { inferStepTypes } from '../steps.js';
import { EIS_TECHNIQUES } from './techniques.js';

export interface NormaliseResult {
  columns: Partial<Record<StandardColumn, Float64Array>>;
  /** How each standard column was obtained (for metadata.extra and for people). */
  notes: string[];
}

function find(raw: readonly RawColumn[], names: readonly string[]): RawColumn | undefined {
  for (const n of names) {
    const col = raw.find((r) => r.name === n);
    if (col) return col;
  }
  return undefined;
}

function scaled(src: Float64Array, factor: number, offset = 0): Float64Array {
  const out = new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = src[i] * factor + offset;
  return out;
}

function absolute(src: Float64Array): Float64Array {
  let negative = false;
  for (let i = 0; i < src.length && !negative; i++) negative = src[i] < 0;
  if (!negative) return src; // already magnitudes (EC-Lab): share the array, no copy
  const out = new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = Math.abs(src[i]);
  return out;
}

/** Current column names in preference order, with their factor to amperes. */
const CURRENT_COLUMNS: readonly [string, number][] = [['I/mA', 1e-3], ['<I>/mA', 1e-3], ['I/A', 1], ['<I>/A', 1], ['I/µA', 1e-6], ['<I>/µA', 1e-6]];
const VOLTAGE_COLUMNS = ['Ewe/V', 'Ecell/V', '<Ewe>/V', '<Ewe/V>', '<Ecell>/V'];

/**
 * Optional fast path for readers that can decode a column straight from the file: values × factor +
 * offset in one pass into one new array, without materialising the raw column (the .mpr reader keeps
 * raw columns lazy). Returns undefined for a name it does not have.
 */
export interface ScaledDecoder {
  scaled(name: string, factor: number, offset: number): Float64Array | undefined;
}

/** Carried between chunks when a file is normalised piece by piece. */
export interface NormaliseState {
  /** time/s of the last row of the previous chunk (for dq/dt at a chunk's first row). */
  lastTime?: number;
}

/** `rows` avoids touching a column just to learn the row count (the .mpr reader decodes columns lazily). */
export function normaliseBioLogic(raw: readonly RawColumn[], technique: string | undefined, state: NormaliseState = {}, rows?: number, decoder?: ScaledDecoder): NormaliseResult {
  const scaledCol = (col: RawColumn, factor: number, offset = 0): Float64Array => decoder?.scaled(col.name, factor, offset) ?? scaled(col.values, factor, offset);
  const columns: Partial<Record<StandardColumn, Float64Array>> = {};
  const notes: string[] = [];
  const n = rows ?? (raw.length > 0 ? raw[0].values.length : 0);

  const time = find(raw, ['time/s']);
  if (time) columns.time_s = time.values;

  const volt = find(raw, VOLTAGE_COLUMNS);
  if (volt) {
    columns.voltage_V = volt.values;
    notes.push(`voltage_V from '${volt.name}'`);
  }

  for (const [name, factor] of CURRENT_COLUMNS) {
    const col = find(raw, [name]);
    if (col) {
      columns.current_A = scaledCol(col, factor);
      notes.push(`current_A from '${name}' × ${factor} (BioLogic I > 0 = oxidation at the working electrode = charge)`);
      break;
    }
  }

  const dq = find(raw, ['dq/mA.h', 'dQ/mA.h']);
  if (!columns.current_A && dq && time) {
    // EC-Lab's own <I>/mA is dq/dt: the charge passed since the previous point over the time since it
    // (checked: equal to the exported <I>/mA within 1e-11 relative). The first point of a file has no
    // previous point; EC-Lab writes 0 there, and so do we.
    const out = new Float64Array(n);
    let prev = state.lastTime;
    for (let i = 0; i < n; i++) {
      const t = time.values[i];
      out[i] = prev !== undefined && t > prev ? (dq.values[i] / (t - prev)) * 3.6 : 0;
      prev = t;
    }
    columns.current_A = out;
    notes.push(`current_A = '${dq.name}' / Δt (EC-Lab's <I>; no current column stored)`);
  }
  if (time && n > 0) state.lastTime = time.values[n - 1];

  const q = find(raw, ['Q charge/discharge/mA.h']);
  const qc = find(raw, ['Q charge/mA.h']);
  const qd = find(raw, ['Q discharge/mA.h']);
  if (q) {
    // Q in Ah, then split in place: the positive part stays (charge), the negative part moves (discharge).
    const ch = scaledCol(q, 1e-3);
    const dis = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = ch[i];
      if (x < 0) {
        dis[i] = -x;
        ch[i] = 0;
      } else if (!(x > 0)) ch[i] = 0; // −0 and NaN → 0, as before
    }
    columns.chargeCapacity_Ah = ch;
    columns.dischargeCapacity_Ah = dis;
    notes.push("charge/dischargeCapacity_Ah from the sign of 'Q charge/discharge/mA.h' (mA·h → A·h)");
  } else if (qc && qd) {
    columns.chargeCapacity_Ah = scaledCol(qc, 1e-3);
    columns.dischargeCapacity_Ah = scaledCol(qd, 1e-3);
    notes.push("charge/dischargeCapacity_Ah from 'Q charge/mA.h' and 'Q discharge/mA.h'");
  }

  const ec = find(raw, ['Energy charge/W.h', 'Energy we charge/W.h']);
  const ed = find(raw, ['Energy discharge/W.h', 'Energy we discharge/W.h']);
  if (ec && ed) {
    // EC-Lab writes the discharge energy positive, BT-Lab's CSV export negative: magnitudes either way.
    columns.chargeEnergy_Wh = absolute(ec.values);
    columns.dischargeEnergy_Wh = absolute(ed.values);
  }

  const cyc = find(raw, ['cycle number']);
  const half = find(raw, ['half cycle']);
  if (cyc) {
    columns.cycle = cyc.values;
  } else if (half) {
    const out = scaledCol(half, 0.5);
    for (let i = 0; i < n; i++) out[i] = Math.floor(out[i]);
    columns.cycle = out;
    notes.push("cycle = floor('half cycle' / 2) (no 'cycle number' column stored)");
  }

  const ns = find(raw, ['Ns']);
  if (ns) columns.step = ns.values;

  const temp = find(raw, ['Temperature/°C', 'T/°C']);
  if (temp) columns.temperature_K = scaledCol(temp, 1, 273.15);

  const eisRows = technique !== undefined && EIS_TECHNIQUES.has(technique);
  const freq = find(raw, ['freq/Hz']);
  if (freq) columns.frequency_Hz = freq.values;
  const re = find(raw, ['Re(Z)/Ohm']);
  if (re) columns.zReal_Ohm = re.values;
  const im = find(raw, ['-Im(Z)/Ohm']);
  if (im) {
    columns.zImag_Ohm = scaledCol(im, -1);
    notes.push("zImag_Ohm = −('-Im(Z)/Ohm') (physical sign)");
  }
  if (!re && !im) {
    // Modulo Bat files store |Z| and Phase(Z) but not Re(Z), −Im(Z) (EC-Lab computes those for the .mpt):
    // Z = |Z|·e^{jφ}, φ in degrees with the physical sign (checked against the .mpt exports of
    // mb.issue_223, peis and geis.issue_149 to 1e-7 relative).
    const mod = find(raw, ['|Z|/Ohm']);
    const phase = find(raw, ['Phase(Z)/deg']);
    if (mod && phase) {
      const zr = new Float64Array(n);
      const zi = new Float64Array(n);
      const m = mod.values;
      const ph = phase.values;
      for (let i = 0; i < n; i++) {
        if (m[i] === 0) continue; // the non-impedance rows of a Modulo Bat file (Z = 0 there, no trig needed)
        const p = (ph[i] * Math.PI) / 180;
        zr[i] = m[i] * Math.cos(p);
        zi[i] = m[i] * Math.sin(p);
      }
      columns.zReal_Ohm = zr;
      columns.zImag_Ohm = zi;
      notes.push("zReal_Ohm, zImag_Ohm = |Z|·cos φ, |Z|·sin φ from '|Z|/Ohm' and 'Phase(Z)/deg'");
    }
  }
  const rdc = find(raw, ['Rdc/Ohm']);
  if (rdc) columns.internalResistance_Ohm = rdc.values;

  const mode = find(raw, ['mode']);
  columns.stepType = inferStepTypes({
    rows: n,
    current: columns.current_A,
    mode: mode?.values,
    frequency: freq?.values,
    allEis: eisRows,
    technique,
  });
  return { columns, notes };
}
