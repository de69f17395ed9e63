/**
 * Experiment protocols in PyBaMM's experiment grammar (Sulzer et al., J. Open Res. Softw. 9 (2021) 14,
 * "Python Battery Mathematical Modelling (PyBaMM)"; the grammar is documented in pybamm.Experiment):
 *
 *   "Discharge at 1C until 3.0 V"            "Charge at 0.5C until 4.3 V"
 *   "Discharge at C/3 for 2 hours or until 2.5 V"
 *   "Hold at 4.3 V until C/20"               "Hold at 4.2 V until 50 mA/cm2"
 *   "Rest for 1 hour"                        "Discharge at 2 mA/cm2 for 10 minutes"
 *   "Discharge at 5 W/m2 until 3 V"          "Charge at 1 A until 4.1 V" (A needs the cell area)
 *   "Sweep at 0.1 mV/s from 3.0 V to 4.3 V"  "Sweep at 0.1 mV/s to 3.0 V" (from the present voltage)
 *
 * A sweep is not in PyBaMM's grammar: it is cathodelab's linear potential sweep (cyclic voltammetry),
 * a voltage-controlled step whose set point moves as V(t) = V0 ± ν·(t − t0) and which ends exactly
 * at the target voltage (duration |V_target − V0|/ν). "(Sweep … to 4.3 V; Sweep … to 3.0 V)×3" is a CV.
 *
 * Several steps are separated by ";" or newlines; "(step; step)×N" (or "x N", "*N") repeats a block.
 * Currents: xC (or C/n) of the preset's 1C, mA/cm2, A/m2, A, mA. Times: s, min, h (any spelling of
 * second/minute/hour). Voltages: V or mV.
 */
import { InputError } from '../errors.js';

export type StepKind = 'current' | 'voltage' | 'power' | 'rest' | 'sweep';

/** One parsed step; currents and powers are in the sign convention discharge > 0. */
export interface ExperimentStep {
  text: string;
  kind: StepKind;
  /** A/m² (current), V (voltage), W/m² (power), target V (sweep). */
  value: number;
  /** Sweep rate ν > 0, V/s (sweep steps). */
  sweepRateVPerS?: number;
  /** Start voltage of a sweep, V; absent: the voltage at the end of the previous step (or the rest voltage). */
  sweepFromV?: number;
  durationS?: number;
  /** Stop when the voltage falls below (discharge) / rises above (charge) this value. */
  untilVoltageV?: number;
  /** Stop a hold when |I| falls below this, A/m². */
  untilCurrentAPerM2?: number;
}

export interface ExperimentContext {
  /** 1C current density, A/m². */
  oneCAPerM2: number;
  /** Cell area, m² (for A, mA, W). */
  areaM2: number;
}

const NUM = '([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)';

function parseCurrent(s: string, ctx: ExperimentContext, where: string): number {
  const t = s.trim();
  let m = new RegExp(`^${NUM}\\s*C$`, 'i').exec(t);
  if (m) return Number(m[1]) * ctx.oneCAPerM2;
  m = new RegExp(`^C\\s*/\\s*${NUM}$`, 'i').exec(t);
  if (m) return ctx.oneCAPerM2 / Number(m[1]);
  m = new RegExp(`^${NUM}\\s*(mA|A)\\s*/\\s*(cm2|cm\\^2|cm²|m2|m\\^2|m²)$`).exec(t);
  if (m) {
    const v = Number(m[1]) * (m[2] === 'mA' ? 1e-3 : 1);
    return m[3].startsWith('cm') ? v * 1e4 : v;
  }
  m = new RegExp(`^${NUM}\\s*(mA|A)$`).exec(t);
  if (m) return (Number(m[1]) * (m[2] === 'mA' ? 1e-3 : 1)) / ctx.areaM2;
  throw new InputError({ field: where }, 'a current such as "1C", "C/20", "2 mA/cm2", "24 A/m2" or "0.5 A"', `"${s}"`);
}

function parsePower(s: string, ctx: ExperimentContext): number | undefined {
  const m = new RegExp(`^${NUM}\\s*(mW|W)\\s*(?:/\\s*(cm2|cm\\^2|cm²|m2|m\\^2|m²))?$`).exec(s.trim());
  if (!m) return undefined;
  const v = Number(m[1]) * (m[2] === 'mW' ? 1e-3 : 1);
  if (m[3] === undefined) return v / ctx.areaM2;
  return m[3].startsWith('cm') ? v * 1e4 : v;
}

function parseVoltage(s: string): number | undefined {
  const m = new RegExp(`^${NUM}\\s*(mV|V)$`).exec(s.trim());
  if (!m) return undefined;
  return Number(m[1]) * (m[2] === 'mV' ? 1e-3 : 1);
}

function parseSweepRate(s: string, where: string, text: string): number {
  const m = new RegExp(`^${NUM}\\s*(µV|uV|mV|V)\\s*/\\s*(s|sec|min|h)$`).exec(s.trim());
  if (!m) throw new InputError({ field: where }, 'a sweep rate such as "0.1 mV/s", "1 mV/s" or "0.5 mV/min"', `"${s}" in "${text}"`);
  const v = Number(m[1]) * (m[2] === 'V' ? 1 : m[2] === 'mV' ? 1e-3 : 1e-6);
  const per = m[3] === 'h' ? 3600 : m[3] === 'min' ? 60 : 1;
  const rate = v / per;
  if (!(rate > 0)) throw new InputError({ field: where }, 'a positive sweep rate', `"${s}" in "${text}"`);
  return rate;
}

/** "Sweep at <rate> [from <V>] to <V>": a linear potential sweep (see the header). */
function parseSweep(s: string, where: string): ExperimentStep | null {
  const m = /^sweep at (.+?)(?: from (.+?))? to (.+)$/i.exec(s);
  if (!m) {
    if (/^sweep\b/i.test(s)) throw new InputError({ field: where }, 'a sweep like "Sweep at 0.1 mV/s from 3.0 V to 4.3 V" or "Sweep at 0.1 mV/s to 3.0 V"', `"${s}"`);
    return null;
  }
  const rate = parseSweepRate(m[1], where, s);
  const to = parseVoltage(m[3]);
  if (to === undefined) throw new InputError({ field: where }, 'a target voltage such as "4.3 V"', `"${m[3]}" in "${s}"`);
  const step: ExperimentStep = { text: s, kind: 'sweep', value: to, sweepRateVPerS: rate };
  if (m[2] !== undefined) {
    const from = parseVoltage(m[2]);
    if (from === undefined) throw new InputError({ field: where }, 'a start voltage such as "3.0 V"', `"${m[2]}" in "${s}"`);
    if (from === to) throw new InputError({ field: where }, 'a sweep whose start and target voltages differ', `"${s}"`);
    step.sweepFromV = from;
    step.durationS = Math.abs(to - from) / rate;
  }
  return step;
}

function parseDuration(s: string, where: string): number {
  const m = new RegExp(`^${NUM}\\s*(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours)$`, 'i').exec(s.trim());
  if (!m) throw new InputError({ field: where }, 'a duration such as "10 minutes", "1 hour" or "30 s"', `"${s}"`);
  const u = m[2].toLowerCase();
  const f = u.startsWith('h') ? 3600 : u.startsWith('m') ? 60 : 1;
  return Number(m[1]) * f;
}

/** Parses one step, e.g. "Discharge at 1C until 3.0 V". */
export function parseStep(text: string, ctx: ExperimentContext, where = 'experiment'): ExperimentStep {
  const s = text.trim().replace(/\s+/g, ' ');
  const rest = /^rest for (.+)$/i.exec(s);
  if (rest) return { text: s, kind: 'rest', value: 0, durationS: parseDuration(rest[1], where) };
  const sweep = parseSweep(s, where);
  if (sweep) return sweep;
  const m = /^(discharge|charge|hold) at (.+?)(?: for (.+?))?(?: (?:or )?until (.+))?$/i.exec(s);
  if (!m) {
    throw new InputError(
      { field: where },
      'a step like "Discharge at 1C until 3.0 V", "Charge at 0.5C until 4.3 V", "Hold at 4.3 V until C/20", "Rest for 1 hour", "Discharge at 2 mA/cm2 for 10 minutes" or "Sweep at 0.1 mV/s to 3.0 V"',
      `"${text}"`,
    );
  }
  const verb = m[1].toLowerCase();
  const what = m[2];
  const step: ExperimentStep = { text: s, kind: 'current', value: 0 };
  if (m[3] !== undefined) step.durationS = parseDuration(m[3], where);
  if (verb === 'hold') {
    const v = parseVoltage(what);
    if (v === undefined) throw new InputError({ field: where }, 'a hold voltage such as "4.3 V"', `"${what}" in "${text}"`);
    step.kind = 'voltage';
    step.value = v;
    if (m[4] !== undefined) step.untilCurrentAPerM2 = Math.abs(parseCurrent(m[4], ctx, where));
  } else {
    const sign = verb === 'discharge' ? 1 : -1;
    const p = parsePower(what, ctx);
    if (p !== undefined) {
      step.kind = 'power';
      step.value = sign * p;
    } else {
      step.value = sign * parseCurrent(what, ctx, where);
    }
    if (m[4] !== undefined) {
      const v = parseVoltage(m[4]);
      if (v === undefined) throw new InputError({ field: where }, 'a cut-off voltage such as "3.0 V"', `"${m[4]}" in "${text}"`);
      step.untilVoltageV = v;
    }
  }
  if (step.durationS === undefined && step.untilVoltageV === undefined && step.untilCurrentAPerM2 === undefined) {
    throw new InputError({ field: where }, 'a step with "for <duration>" or "until <limit>"', `"${text}"`);
  }
  if (step.durationS !== undefined && !(step.durationS > 0)) throw new InputError({ field: where }, 'a positive duration', `"${text}"`);
  return step;
}

function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if ((ch === ';' || ch === '\n') && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter((x) => x.length > 0);
}

/** Parses a protocol string (steps separated by ";", repeated blocks "(…)×N") into a flat list of steps. */
export function parseExperiment(protocol: string | readonly (string | { steps: readonly string[]; repeat: number })[], ctx: ExperimentContext): ExperimentStep[] {
  if (typeof protocol !== 'string') {
    const out: ExperimentStep[] = [];
    for (const item of protocol) {
      if (typeof item === 'string') out.push(...parseExperiment(item, ctx));
      else {
        if (!(Number.isInteger(item.repeat) && item.repeat >= 1)) throw new InputError({ field: 'experiment.repeat' }, 'an integer ≥ 1', String(item.repeat));
        const block = parseExperiment(item.steps, ctx);
        for (let r = 0; r < item.repeat; r++) out.push(...block);
      }
    }
    return out;
  }
  const out: ExperimentStep[] = [];
  for (const part of splitTopLevel(protocol)) {
    const rep = /^\((.*)\)\s*(?:×|x|\*)\s*([0-9]+)$/is.exec(part);
    if (rep) {
      const block = parseExperiment(rep[1], ctx);
      const nRep = Number(rep[2]);
      if (nRep < 1) throw new InputError({ field: 'experiment' }, 'a repeat count ≥ 1', `"${part}"`);
      for (let r = 0; r < nRep; r++) out.push(...block);
    } else {
      out.push(parseStep(part.replace(/^\(|\)$/g, ''), ctx));
    }
  }
  if (out.length === 0) throw new InputError({ field: 'experiment' }, 'at least one step', 'none');
  return out;
}
