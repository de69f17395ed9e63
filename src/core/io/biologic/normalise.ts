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

/**
 * Optional fast path for readers that can decode columns straight from the file (the .mpr reader, whose
 * vendor columns stay undecoded until read): every requested column in ONE pass over the records,
 * each into one new array, unit conversion included. An entry is undefined for a name it does not have.
 */
export interface ScaledDecoder {
  decodeMany(requests: readonly ColumnRequest[]): (Float64Array | undefined)[];
}

/** Carried between chunks when a file is normalised piece by piece. */
export interface NormaliseState {
  /** time/s of the last row of the previous chunk (for dq/dt at a chunk's first row). */
  lastTime?: number;
}

/**
 * `rows` avoids touching a column just to learn the row count (the .mpr reader decodes columns lazily).
 *
 * Two phases: first decide which vendor column (and unit factor) feeds each standard column, from the
 * column names alone; then obtain all of them at once — from the decoder in one pass over the file's
 * records when there is one, else from the already-decoded raw columns (shared, not copied, when no
 * conversion is needed) — and finish the derived columns (capacity split, cycle, Z, step types).
 */
export function normaliseBioLogic(raw: readonly RawColumn[], technique: string | undefined, state: NormaliseState = {}, rows?: number, decoder?: ScaledDecoder): NormaliseResult {
  const columns: Partial<Record<StandardColumn, Float64Array>> = {};
  const notes: string[] = [];
  const n = rows ?? (raw.length > 0 ? raw[0].values.length : 0);

  // ---- phase 1: which column, which factor
  const requests: ColumnRequest[] = [];
  const sources: RawColumn[] = [];
  const want = (col: RawColumn | undefined, factor = 1, offset = 0): number => {
    if (!col) return -1;
    for (let k = 0; k < requests.length; k++) if (requests[k].name === col.name && requests[k].factor === factor && requests[k].offset === offset) return k;
    requests.push({ name: col.name, factor, offset });
    sources.push(col);
    return requests.length - 1;
  };
  const time = find(raw, ['time/s']);
  const iTime = want(time);
  const volt = find(raw, VOLTAGE_COLUMNS);
  const iVolt = want(volt);
  let current: [RawColumn, string, number] | undefined;
  for (const [name, factor] of CURRENT_COLUMNS) {
    const col = find(raw, [name]);
    if (col) {
      current = [col, name, factor];
      break;
    }
  }
  const iCurrent = current ? want(current[0], current[2]) : -1;
  const dq = current ? undefined : find(raw, ['dq/mA.h', 'dQ/mA.h']);
  const iDq = dq && time ? want(dq) : -1;
  const q = find(raw, ['Q charge/discharge/mA.h']);
  const qc = q ? undefined : find(raw, ['Q charge/mA.h']);
  const qd = q ? undefined : find(raw, ['Q discharge/mA.h']);
  const iQ = want(q, 1e-3);
  const iQc = qc && qd ? want(qc, 1e-3) : -1;
  const iQd = qc && qd ? want(qd, 1e-3) : -1;
  const ec = find(raw, ['Energy charge/W.h', 'Energy we charge/W.h']);
  const ed = find(raw, ['Energy discharge/W.h', 'Energy we discharge/W.h']);
  const iEc = ec && ed ? want(ec) : -1;
  const iEd = ec && ed ? want(ed) : -1;
  const cyc = find(raw, ['cycle number']);
  const half = cyc ? undefined : find(raw, ['half cycle']);
  const iCyc = want(cyc);
  const iHalf = want(half, 0.5);
  const iNs = want(find(raw, ['Ns']));
  const iTemp = want(find(raw, ['Temperature/°C', 'T/°C']), 1, 273.15);
  const iFreq = want(find(raw, ['freq/Hz']));
  const re = find(raw, ['Re(Z)/Ohm']);
  const im = find(raw, ['-Im(Z)/Ohm']);
  const iRe = want(re);
  const iIm = want(im, -1);
  const polar = !re && !im;
  const iMod = polar ? want(find(raw, ['|Z|/Ohm'])) : -1;
  const iPhase = polar && iMod >= 0 ? want(find(raw, ['Phase(Z)/deg'])) : -1;
  const iRdc = want(find(raw, ['Rdc/Ohm']));
  const iMode = want(find(raw, ['mode']));

  // ---- phase 2: the values
  // Inputs of derived columns only (mode → step types, |Z| and phase → Z): when the decoder gives them
  // in new arrays, those arrays become the derived columns, computed in place: three fewer columns to
  // allocate, and allocating new columns is a large part of reading a big .mpr (bench/results/import.md).
  // No other standard column requests these three, so no one else sees them overwritten.
  const scratch = new Set([iMode, iMod, iPhase]);
  const got: Float64Array[] = new Array<Float64Array>(requests.length);
  const fresh: boolean[] = new Array<boolean>(requests.length).fill(false);
  const decoded = decoder?.decodeMany(requests);
  for (let k = 0; k < requests.length; k++) {
    const d = decoded?.[k];
    const { factor, offset } = requests[k];
    if (d) {
      got[k] = d;
      fresh[k] = true;
      // An unconverted column is the vendor column itself: hand it to the raw column too, so reading
      // raw values later neither decodes nor stores it a second time (not a scratch one: it will be
      // overwritten).
      if (factor === 1 && offset === 0 && !scratch.has(k)) sources[k].values = d;
    } else got[k] = factor === 1 && offset === 0 ? sources[k].values : scaled(sources[k].values, factor, offset);
  }

  // ---- phase 3: the standard columns, with the notes in the order people read them
  if (iTime >= 0) columns.time_s = got[iTime];
  if (iVolt >= 0 && volt) {
    columns.voltage_V = got[iVolt];
    notes.push(`voltage_V from '${volt.name}'`);
  }
  if (current) {
    columns.current_A = got[iCurrent];
    notes.push(`current_A from '${current[1]}' × ${current[2]} (BioLogic I > 0 = oxidation at the working electrode = charge)`);
  }
  if (iDq >= 0 && dq) {
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
    notes.push(`current_A = '${dq.name}' / Δt (EC-Lab's <I>; no current column stored)`);
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
    notes.push("charge/dischargeCapacity_Ah from the sign of 'Q charge/discharge/mA.h' (mA·h → A·h)");
  } else if (iQc >= 0) {
    columns.chargeCapacity_Ah = got[iQc];
    columns.dischargeCapacity_Ah = got[iQd];
    notes.push("charge/dischargeCapacity_Ah from 'Q charge/mA.h' and 'Q discharge/mA.h'");
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
    notes.push("cycle = floor('half cycle' / 2) (no 'cycle number' column stored)");
  }

  if (iNs >= 0) columns.step = got[iNs];
  if (iTemp >= 0) columns.temperature_K = got[iTemp];

  const eisRows = technique !== undefined && EIS_TECHNIQUES.has(technique);
  const freq = iFreq >= 0 ? got[iFreq] : undefined;
  if (freq) columns.frequency_Hz = freq;
  if (iRe >= 0) columns.zReal_Ohm = got[iRe];
  if (iIm >= 0) {
    columns.zImag_Ohm = got[iIm];
    notes.push("zImag_Ohm = −('-Im(Z)/Ohm') (physical sign)");
  }
  if (iPhase >= 0) {
    // Modulo Bat files store |Z| and Phase(Z) but not Re(Z), −Im(Z) (EC-Lab computes those for the .mpt):
    // Z = |Z|·e^{jφ}, φ in degrees with the physical sign (checked against the .mpt exports of
    // mb.issue_223, peis and geis.issue_149 to 1e-7 relative).
    const m = got[iMod];
    const ph = got[iPhase];
    // In place over the decoded |Z| and phase when they are new arrays; each row reads both first.
    const zr = fresh[iMod] ? m : new Float64Array(n);
    const zi = fresh[iPhase] ? ph : new Float64Array(n);
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
    notes.push("zReal_Ohm, zImag_Ohm = |Z|·cos φ, |Z|·sin φ from '|Z|/Ohm' and 'Phase(Z)/deg'");
  }
  if (iRdc >= 0) columns.internalResistance_Ohm = got[iRdc];

  columns.stepType = inferStepTypes({
    rows: n,
    current: columns.current_A,
    mode: iMode >= 0 ? got[iMode] : undefined,
    frequency: freq,
    allEis: eisRows,
    technique,
    out: iMode >= 0 && fresh[iMode] ? got[iMode] : undefined,
  });
  return { columns, notes };
}
