/**
 * Initial parameter values read off the spectrum, for fits where the user gives none:
 * - the high-frequency intercept (smallest Z′ on the capacitive part) for series resistors;
 * - arcs: local maxima of −Z″ against frequency, high to low frequency, give each RC/RQ group (in the
 *   order it appears in the circuit string) a resistance ≈ 2·max(−Z″) (the diameter of an ideal
 *   semicircle) and a capacitance from the apex frequency, C = 1/(2π f_apex R) (for a CPE with α = 0.9,
 *   Q = 1/(R (2π f_apex)^α));
 * - arcs without a visible apex share the remaining Z′ span, with apex frequencies spread over the
 *   measured decades;
 * - diffusion elements get the remaining span and τ = 1/(2π f_min); an inductor L = Z″/ω at the highest
 *   frequency when Z″ > 0 there.
 * These are starting points for the least-squares fit, not results.
 */
import type { Circuit, CircuitNode } from './circuit.js';
import type { Spectrum } from './spectrum.js';

interface Arc { fHz: number; r: number }

function findArcs(s: Spectrum): Arc[] {
  const n = s.frequencyHz.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => s.frequencyHz[b] - s.frequencyHz[a]);
  const arcs: Arc[] = [];
  for (let k = 1; k < n - 1; k++) {
    const y = -s.zImag[order[k]];
    if (y > 0 && y >= -s.zImag[order[k - 1]] && y > -s.zImag[order[k + 1]]) arcs.push({ fHz: s.frequencyHz[order[k]], r: 2 * y });
  }
  return arcs; // high → low frequency
}

function isArcGroup(node: CircuitNode): boolean {
  if (node.type !== 'parallel') return false;
  return node.children.some(hasResistor) && node.children.some(isCapacitiveOnly);
}

function hasResistor(node: CircuitNode): boolean {
  if (node.type === 'element') return node.definition.symbol === 'R';
  return node.type === 'series' && node.children.some((c) => c.type === 'element' && c.definition.symbol === 'R');
}

function isCapacitiveOnly(node: CircuitNode): boolean {
  if (node.type === 'element') return node.definition.kind === 'capacitive';
  return false;
}

function elementsOf(node: CircuitNode, out: Extract<CircuitNode, { type: 'element' }>[] = []): Extract<CircuitNode, { type: 'element' }>[] {
  if (node.type === 'element') out.push(node);
  else for (const c of node.children) elementsOf(c, out);
  return out;
}

/** Guessed values for every parameter of the circuit (the full vector, in circuit order). */
export function guessInitialParameters(circuit: Circuit, s: Spectrum): Float64Array {
  const n = s.frequencyHz.length;
  let fmin = Infinity;
  let fmax = 0;
  let iFmax = 0;
  let iFmin = 0;
  let reMinCap = Infinity;
  let reMax = -Infinity;
  for (let i = 0; i < n; i++) {
    const f = s.frequencyHz[i];
    if (f < fmin) { fmin = f; iFmin = i; }
    if (f > fmax) { fmax = f; iFmax = i; }
    if (s.zImag[i] <= 0 && s.zReal[i] < reMinCap) reMinCap = s.zReal[i];
    if (s.zReal[i] > reMax) reMax = s.zReal[i];
  }
  if (!Number.isFinite(reMinCap)) reMinCap = Math.min(...s.zReal);
  const zScale = Math.max(Math.abs(reMax), Math.hypot(s.zReal[iFmin], s.zImag[iFmin]), 1e-12);
  const rHf = reMinCap > 0 ? reMinCap : 1e-3 * zScale;
  const span = Math.max(reMax - rHf, 1e-3 * zScale);
  const fMid = Math.sqrt(fmin * fmax);

  const root = circuit.root;
  const top = root.type === 'series' ? root.children : [root];
  const groups: CircuitNode[] = [];
  const visit = (node: CircuitNode): void => {
    if (isArcGroup(node) || (node.type === 'element' && node.definition.kind === 'arc')) groups.push(node);
    else if (node.type !== 'element') node.children.forEach(visit);
  };
  top.forEach(visit);
  const found = findArcs(s);
  // Use the most prominent apexes, kept in frequency order.
  const chosen = found
    .map((a, i) => ({ ...a, i }))
    .sort((a, b) => b.r - a.r)
    .slice(0, groups.length)
    .sort((a, b) => a.i - b.i);
  const groupArc = new Map<CircuitNode, Arc>();
  const missing = groups.length - chosen.length;
  let arcSum = 0;
  for (const a of chosen) arcSum += Math.min(a.r, span);
  const share = missing > 0 ? Math.max(span - arcSum, span * 0.2) / (missing + 1) : 0;
  let ci = 0;
  groups.forEach((g, gi) => {
    if (ci < chosen.length && (missing === 0 || gi < chosen.length)) {
      const a = chosen[ci++];
      groupArc.set(g, { fHz: a.fHz, r: Math.min(a.r, span) });
    } else {
      const t = groups.length > 1 ? gi / (groups.length - 1) : 0.5;
      groupArc.set(g, { fHz: fmax * Math.pow(fmin / fmax, 0.2 + 0.6 * t), r: share });
    }
  });
  const usedR = [...groupArc.values()].reduce((acc, a) => acc + a.r, 0);
  const diffusionR = Math.max(span - usedR, span * 0.2);

  const p = new Float64Array(circuit.parameters.length);
  const arcOf = new Map<string, Arc>();
  for (const [g, a] of groupArc) for (const e of elementsOf(g)) arcOf.set(e.name, a);
  for (const e of elementsOf(root)) {
    const o = e.offset;
    const arc = arcOf.get(e.name);
    const w = 2 * Math.PI * (arc?.fHz ?? fMid);
    const r = arc?.r ?? span / 2;
    switch (e.definition.symbol) {
      case 'R':
        p[o] = arc ? r : rHf;
        break;
      case 'C': {
        const zi = s.zImag[iFmin];
        p[o] = arc ? 1 / (w * r) : zi < 0 ? -1 / (2 * Math.PI * fmin * zi) : 1 / (2 * Math.PI * fmin * zScale);
        break;
      }
      case 'CPE':
        p[o + 1] = 0.9;
        p[o] = arc ? 1 / (r * Math.pow(w, 0.9)) : 1 / (zScale * Math.pow(2 * Math.PI * fmin, 0.9));
        break;
      case 'L':
        p[o] = s.zImag[iFmax] > 0 ? s.zImag[iFmax] / (2 * Math.PI * fmax) : (1e-3 * zScale) / (2 * Math.PI * fmax);
        break;
      case 'La':
        p[o] = (1e-3 * zScale) / (2 * Math.PI * fmax);
        p[o + 1] = 0.9;
        break;
      case 'W':
        p[o] = diffusionR * Math.sqrt(2 * Math.PI * fmin) / 2;
        break;
      case 'Wo':
      case 'Ws':
        p[o] = diffusionR;
        p[o + 1] = 1 / (2 * Math.PI * fmin);
        break;
      case 'G':
      case 'K':
        p[o] = r;
        p[o + 1] = 1 / w;
        break;
      case 'Gs':
        p[o] = r;
        p[o + 1] = 1 / w;
        p[o + 2] = 1;
        break;
      case 'Zarc':
        p[o] = r;
        p[o + 1] = 1 / w;
        p[o + 2] = 0.9;
        break;
      case 'TLMQ':
        p[o] = span / 3;
        p[o + 1] = 1 / (span * Math.pow(2 * Math.PI * fMid, 0.9));
        p[o + 2] = 0.9;
        break;
      case 'TLM':
        p[o] = span / 3;
        p[o + 1] = span;
        p[o + 2] = 1 / (span * Math.pow(2 * Math.PI * fMid, 0.9));
        p[o + 3] = 0.9;
        break;
      case 'T':
        p[o] = span / 2;
        p[o + 1] = span / 2;
        p[o + 2] = 1;
        p[o + 3] = 1 / (2 * Math.PI * fMid);
        break;
      default:
        for (let j = 0; j < e.definition.parameters.length; j++) p[o + j] = 1;
    }
  }
  return p;
}
