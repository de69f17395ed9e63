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

/** One standard column to take from a vendor column: values × factor + offset. */
export interface ColumnRequest {
  name: string;
  factor: number;
  offset: number;
}

/** Carried between chunks when a file is normalised piece by piece. */
export interface NormaliseState {
  /** time/s of the last row of the previous chunk (for dq/dt at a chunk's first row). */
  lastTime?: number;
}

/**
 * Which vendor column feeds each standard column, decided from the column names alone (shared by the
 * column-wise normalisation below and the one-pass .mpr decode in mpr-rows.ts). Pairs are set together
 * or not at all (qc/qd, ec/ed, mod/phase); `dq` only when there is no current column but a time column;
 * `half` only without `cycle`; `mod`/`phase` only when neither Re(Z) nor −Im(Z) is stored.
 */
export interface BioLogicPlan {
  time?: RawColumn;
  volt?: RawColumn;
  /** The current column and its factor to amperes. */
  current?: { col: RawColumn; factor: number };
  dq?: RawColumn;
  q?: RawColumn;
  qc?: RawColumn;
  qd?: RawColumn;
  ec?: RawColumn;
  ed?: RawColumn;
  cycle?: RawColumn;
  half?: RawColumn;
  ns?: RawColumn;
  temp?: RawColumn;
  freq?: RawColumn;
  re?: RawColumn;
  im?: RawColumn;
  mod?: RawColumn;
  phase?: RawColumn;
  rdc?: RawColumn;
  mode?: RawColumn;
}

export function planBioLogic(raw: readonly RawColumn[]): BioLogicPlan {
  const plan: BioLogicPlan = {};
  plan.time = find(raw, ['time/s']);
  plan.volt = find(raw, VOLTAGE_COLUMNS);
  for (const [name, factor] of CURRENT_COLUMNS) {
    const col = find(raw, [name]);
    if (col) {
      plan.current = { col, factor };
      break;
    }
  }
  if (!plan.current && plan.time) plan.dq = find(raw, ['dq/mA.h', 'dQ/mA.h']);
  plan.q = find(raw, ['Q charge/discharge/mA.h']);
  if (!plan.q) {
    const qc = find(raw, ['Q charge/mA.h']);
    const qd = find(raw, ['Q discharge/mA.h']);
    if (qc && qd) Object.assign(plan, { qc, qd });
  }
  const ec = find(raw, ['Energy charge/W.h', 'Energy we charge/W.h']);
  const ed = find(raw, ['Energy discharge/W.h', 'Energy we discharge/W.h']);
  if (ec && ed) Object.assign(plan, { ec, ed });
  plan.cycle = find(raw, ['cycle number']);
  if (!plan.cycle) plan.half = find(raw, ['half cycle']);
  plan.ns = find(raw, ['Ns']);
  plan.temp = find(raw, ['Temperature/°C', 'T/°C']);
  plan.freq = find(raw, ['freq/Hz']);
  plan.re = find(raw, ['Re(Z)/Ohm']);
  plan.im = find(raw, ['-Im(Z)/Ohm']);
  if (!plan.re && !plan.im) {
    const mod = find(raw, ['|Z|/Ohm']);
    const phase = find(raw, ['Phase(Z)/deg']);
    if (mod && phase) Object.assign(plan, { mod, phase });
  }
  plan.rdc = find(raw, ['Rdc/Ohm']);
  plan.mode = find(raw, ['mode']);
  return plan;
}

/** How each standard column was obtained, in the order people read them (for metadata.extra). */
export function planNotes(plan: BioLogicPlan): string[] {
  const notes: string[] = [];
  if (plan.volt) notes.push(`voltage_V from '${plan.volt.name}'`);
  if (plan.current) notes.push(`current_A from '${plan.current.col.name}' × ${plan.current.factor} (BioLogic I > 0 = oxidation at the working electrode = charge)`);
  if (plan.dq) notes.push(`current_A = '${plan.dq.name}' / Δt (EC-Lab's <I>; no current column stored)`);
  if (plan.q) notes.push("charge/dischargeCapacity_Ah from the sign of 'Q charge/discharge/mA.h' (mA·h → A·h)");
  else if (plan.qc) notes.push("charge/dischargeCapacity_Ah from 'Q charge/mA.h' and 'Q discharge/mA.h'");
  if (plan.half) notes.push("cycle = floor('half cycle' / 2) (no 'cycle number' column stored)");
  if (plan.im) notes.push("zImag_Ohm = −('-Im(Z)/Ohm') (physical sign)");
  if (plan.phase) notes.push("zReal_Ohm, zImag_Ohm = |Z|·cos φ, |Z|·sin φ from '|Z|/Ohm' and 'Phase(Z)/deg'");
  return notes;
}

/**
 * The standard columns from decoded vendor columns, column by column (the .mpt and EC-Lab CSV readers,
 * chunk by chunk when streaming; the .mpr reader decodes its records in one pass instead, mpr-rows.ts).
 * `rows` avoids touching a column just to learn the row count.
 *
 * First decide which vendor column (and unit factor) feeds each standard column, from the column names
 * alone (planBioLogic); then take each one — shared, not copied, when no conversion is needed — and
 * finish the derived columns (capacity split, cycle, Z, step types).
 */
export function normaliseBioLogic(raw: readonly RawColumn[], technique: string | undefined, state: NormaliseState = {}, rows?: number): NormaliseResult {
  const columns: Partial<Record<StandardColumn, Float64Array>> = {};
  const n = rows ?? (raw.length > 0 ? raw[0].values.length : 0);
  const plan = planBioLogic(raw);
  const notes = planNotes(plan);

  // ---- phase 1: the requests (vendor column, factor, offset), each once
  const requests: ColumnRequest[] = [];
  const sources: RawColumn[] = [];
  const want = (col: RawColumn | undefined, factor = 1, offset = 0): number => {
    if (!col) return -1;
    for (let k = 0; k < requests.length; k++) if (requests[k].name === col.name && requests[k].factor === factor && requests[k].offset === offset) return k;
    requests.push({ name: col.name, factor, offset });
    sources.push(col);
    return requests.length - 1;
  };
  const iTime = want(plan.time);
  const iVolt = want(plan.volt);
  const iCurrent = plan.current ? want(plan.current.col, plan.current.factor) : -1;
  const iDq = want(plan.dq);
  const iQ = want(plan.q, 1e-3);
  const iQc = want(plan.qc, 1e-3);
  const iQd = want(plan.qd, 1e-3);
  const iEc = want(plan.ec);
  const iEd = want(plan.ed);
  const iCyc = want(plan.cycle);
  const iHalf = want(plan.half, 0.5);
  const iNs = want(plan.ns);
  const iTemp = want(plan.temp, 1, 273.15);
  const iFreq = want(plan.freq);
  const iRe = want(plan.re);
  const iIm = want(plan.im, -1);
  const iMod = want(plan.mod);
  const iPhase = want(plan.phase);
  const iRdc = want(plan.rdc);
  const iMode = want(plan.mode);

  // ---- phase 2: the values
  const got: Float64Array[] = new Array<Float64Array>(requests.length);
  for (let k = 0; k < requests.length; k++) {
    const { factor, offset } = requests[k];
    got[k] = factor === 1 && offset === 0 ? sources[k].values : scaled(sources[k].values, factor, offset);
  }

  // ---- phase 3: the standard columns (the notes are planNotes above)
  if (iTime >= 0) columns.time_s = got[iTime];
  if (iVolt >= 0) columns.voltage_V = got[iVolt];
  if (iCurrent >= 0) columns.current_A = got[iCurrent];
  if (iDq >= 0) {
    // EC-Lab's own <I>/mA is dq/dt: the charge passed since the previous point over the time since it
    // (checked: equal to the exported <I>/mA within 1e-11 relative). The first point of a file has no
    // previous point; EC-Lab writes 0 there, and so do we.
    const out = new Float64Array(n);
    const t = got[iTime];
    const dqv = got[iDq];
    let prev = state.lastTime;
    for (let i = 0; i < n; i++) {
      const ti = t[i];
      out[i] = prev !== undefined && ti > prev ? (dqv[i] / (ti - prev)) * 3.6 : 0;
      prev = ti;
    }
    columns.current_A = out;
  }
  if (iTime >= 0 && n > 0) state.lastTime = got[iTime][n - 1];

  if (iQ >= 0) {
    // Q in Ah (a converted copy, never the vendor column), split in place: the positive part stays
    // (charge), the negative part moves (discharge).
    const ch = got[iQ];
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
  } else if (iQc >= 0) {
    columns.chargeCapacity_Ah = got[iQc];
    columns.dischargeCapacity_Ah = got[iQd];
  }

  if (iEc >= 0) {
    // EC-Lab writes the discharge energy positive, BT-Lab's CSV export negative: magnitudes either way.
    columns.chargeEnergy_Wh = absolute(got[iEc]);
    columns.dischargeEnergy_Wh = absolute(got[iEd]);
  }

  if (iCyc >= 0) {
    columns.cycle = got[iCyc];
  } else if (iHalf >= 0) {
    const out = got[iHalf]; // half cycle × 0.5, a converted copy
    for (let i = 0; i < n; i++) out[i] = Math.floor(out[i]);
    columns.cycle = out;
  }

  if (iNs >= 0) columns.step = got[iNs];
  if (iTemp >= 0) columns.temperature_K = got[iTemp];

  const eisRows = technique !== undefined && EIS_TECHNIQUES.has(technique);
  const freq = iFreq >= 0 ? got[iFreq] : undefined;
  if (freq) columns.frequency_Hz = freq;
  if (iRe >= 0) columns.zReal_Ohm = got[iRe];
  if (iIm >= 0) columns.zImag_Ohm = got[iIm];
  if (iPhase >= 0) {
    // Modulo Bat files store |Z| and Phase(Z) but not Re(Z), −Im(Z) (EC-Lab computes those for the .mpt):
    // Z = |Z|·e^{jφ}, φ in degrees with the physical sign (checked against the .mpt exports of
    // mb.issue_223, peis and geis.issue_149 to 1e-7 relative).
    const m = got[iMod];
    const ph = got[iPhase];
    const zr = new Float64Array(n);
    const zi = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const mod = m[i];
      const deg = ph[i];
      if (mod === 0) {
        // the non-impedance rows of a Modulo Bat file: Z = 0 there, no trig needed
        zr[i] = 0;
        zi[i] = 0;
        continue;
      }
      const p = (deg * Math.PI) / 180;
      zr[i] = mod * Math.cos(p);
      zi[i] = mod * Math.sin(p);
    }
    columns.zReal_Ohm = zr;
    columns.zImag_Ohm = zi;
  }
  if (iRdc >= 0) columns.internalResistance_Ohm = got[iRdc];

  columns.stepType = inferStepTypes({
    rows: n,
    current: columns.current_A,
    mode: iMode >= 0 ? got[iMode] : undefined,
    frequency: freq,
    allEis: eisRows,
    technique,
  });
  return { columns, notes };
}
