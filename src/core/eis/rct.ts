/**
 * Finding the charge-transfer resistance R_ct in a fitted circuit by physical role and time constant,
 * not by its position in the string (a global fit can swap two RC labels; see impedance.py issue #152).
 *
 * Role: a resistor R that forms a relaxation with a capacitive element — R in one branch of a parallel
 * whose other branch is a C or CPE (the R may be in series with a diffusion element in its branch, the
 * Randles form), or the R_ct of a TLM element, or the R of a K/Zarc element. The series resistor outside
 * every parallel is the ohmic (bulk) resistance and never R_ct.
 * Time constant: τ = R·C, τ = (R·Q)^(1/α) for a CPE (Brug et al. 1984), τ given for K/Zarc.
 * Rule: among relaxations whose characteristic frequency 1/(2πτ) lies within the measured range (widened
 * by half a decade each side), R_ct is the one with the largest τ — the lowest-frequency interfacial arc,
 * before diffusion; faster arcs are bulk/grain-boundary or surface-film (SEI/CEI) contributions.
 */
import type { Circuit, CircuitNode } from './circuit.js';

export interface RelaxationCandidate {
  /** Parameter name of the resistance, e.g. "R2" or "TLM1_1". */
  resistanceName: string;
  resistanceOhm: number;
  tauS: number;
  characteristicFrequencyHz: number;
  /** Parameter name(s) of the capacitive partner. */
  capacitanceNames: string[];
}

export interface RctIdentification {
  /** The chosen relaxation. */
  rct: RelaxationCandidate;
  /** Every relaxation found, for reporting. */
  candidates: RelaxationCandidate[];
  rule: string;
}

type ElementNode = Extract<CircuitNode, { type: 'element' }>;

function paramName(circuit: Circuit, e: ElementNode, i: number): string {
  return e.definition.parameters.length === 1 ? e.name : `${e.name}_${i}`;
}

/** Every R–C/CPE relaxation in the circuit with its τ at parameters `p` (full vector). */
export function findRelaxations(circuit: Circuit, p: ArrayLike<number>): RelaxationCandidate[] {
  const out: RelaxationCandidate[] = [];
  const walk = (node: CircuitNode): void => {
    if (node.type === 'element') {
      const sym = node.definition.symbol;
      if (sym === 'K' || sym === 'Zarc') {
        const tau = p[node.offset + 1];
        out.push({ resistanceName: `${node.name}_0`, resistanceOhm: p[node.offset], tauS: tau, characteristicFrequencyHz: 1 / (2 * Math.PI * tau), capacitanceNames: [`${node.name}_1`] });
      } else if (sym === 'TLM') {
        const rct = p[node.offset + 1];
        const tau = Math.pow(rct * p[node.offset + 2], 1 / p[node.offset + 3]);
        out.push({ resistanceName: `${node.name}_1`, resistanceOhm: rct, tauS: tau, characteristicFrequencyHz: 1 / (2 * Math.PI * tau), capacitanceNames: [`${node.name}_2`, `${node.name}_3`] });
      }
      return;
    }
    if (node.type === 'parallel') {
      const cap = node.children.find((c): c is ElementNode => c.type === 'element' && c.definition.kind === 'capacitive');
      if (cap) {
        for (const branch of node.children) {
          if (branch === cap) continue;
          const rs: ElementNode[] = branch.type === 'element' ? [branch] : branch.type === 'series' ? branch.children.filter((c): c is ElementNode => c.type === 'element') : [];
          const r = rs.find((e) => e.definition.symbol === 'R');
          if (!r) continue;
          const R = p[r.offset];
          let tau: number;
          let names: string[];
          if (cap.definition.symbol === 'C') {
            tau = R * p[cap.offset];
            names = [cap.name];
          } else {
            tau = Math.pow(R * p[cap.offset], 1 / p[cap.offset + 1]);
            names = [paramName(circuit, cap, 0), paramName(circuit, cap, 1)];
          }
          out.push({ resistanceName: r.name, resistanceOhm: R, tauS: tau, characteristicFrequencyHz: 1 / (2 * Math.PI * tau), capacitanceNames: names });
        }
      }
    }
    node.children.forEach(walk);
  };
  walk(circuit.root);
  return out;
}

/** R_ct by the rule in the module comment, or null when no relaxation lies in the measured range. */
export function identifyRct(circuit: Circuit, p: ArrayLike<number>, fMinHz: number, fMaxHz: number): RctIdentification | null {
  const candidates = findRelaxations(circuit, p);
  const slack = Math.sqrt(10);
  const inRange = candidates.filter((c) => Number.isFinite(c.tauS) && c.characteristicFrequencyHz >= fMinHz / slack && c.characteristicFrequencyHz <= fMaxHz * slack);
  if (inRange.length === 0) return null;
  const rct = inRange.reduce((a, b) => (b.tauS > a.tauS ? b : a));
  return {
    rct,
    candidates,
    rule: 'largest time constant among R–C/CPE relaxations whose characteristic frequency lies in the measured range',
  };
}
