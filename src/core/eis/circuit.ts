/**
 * Equivalent circuits written as impedance.py circuit strings, parsed into a tree and evaluated at any
 * frequencies.
 *
 * Grammar (impedance.py's, Murbach et al. JOSS 2020; spaces ignored):
 *   circuit  := series
 *   series   := term ('-' term)*            elements in series: Z = Σ Zᵢ
 *   term     := 'p(' series (',' series)* ')'   branches in parallel: 1/Z = Σ 1/Zᵢ
 *             | element
 *   element  := SYMBOL SUFFIX               e.g. R0, CPE1, Wo1 (SYMBOL from elements.ts; SUFFIX digits/_)
 * Parameter names: an element with one parameter is named by the element (`R0`); an element with
 * several has `_0`, `_1`, … appended (`CPE1_0` = Q, `CPE1_1` = α). Parameters are numbered in the order
 * the elements appear in the string.
 */
import { ELEMENTS, type ElementDefinition, type ParameterRole } from './elements.js';
import { InputError, UnknownNameError } from '../errors.js';

export interface CircuitParameter {
  /** impedance.py-style name, e.g. "R0", "CPE1_0". */
  name: string;
  /** Element instance, e.g. "CPE1". */
  element: string;
  /** Element symbol, e.g. "CPE". */
  symbol: string;
  /** Index of the parameter within its element. */
  indexInElement: number;
  unit: string;
  description: string;
  role: ParameterRole;
  lower: number;
  upper: number;
}

export type CircuitNode =
  | { type: 'element'; name: string; definition: ElementDefinition; offset: number }
  | { type: 'series' | 'parallel'; children: CircuitNode[] };

class Parser {
  pos = 0;
  offset = 0;
  readonly names = new Set<string>();
  readonly parameters: CircuitParameter[] = [];
  constructor(readonly s: string, readonly label: string) {}

  fail(expected: string): never {
    const found = this.pos < this.s.length ? `'${this.s.slice(this.pos, this.pos + 8)}' at character ${this.pos + 1}` : 'the end of the string';
    throw new InputError({ field: this.label }, `${expected} in circuit '${this.s}'`, found);
  }

  series(): CircuitNode {
    const children = [this.term()];
    while (this.s[this.pos] === '-') {
      this.pos++;
      children.push(this.term());
    }
    return children.length === 1 ? children[0] : { type: 'series', children };
  }

  term(): CircuitNode {
    if (this.s[this.pos] === 'p' && this.s[this.pos + 1] === '(') {
      this.pos += 2;
      const children = [this.series()];
      while (this.s[this.pos] === ',') {
        this.pos++;
        children.push(this.series());
      }
      if (this.s[this.pos] !== ')') this.fail("',' or ')' closing p(");
      this.pos++;
      return children.length === 1 ? children[0] : { type: 'parallel', children };
    }
    const start = this.pos;
    while (this.pos < this.s.length && /[A-Za-z]/.test(this.s[this.pos])) this.pos++;
    const symbol = this.s.slice(start, this.pos);
    while (this.pos < this.s.length && /[0-9_]/.test(this.s[this.pos])) this.pos++;
    const name = this.s.slice(start, this.pos);
    if (symbol === '') {
      this.pos = start;
      this.fail('an element (e.g. R0, CPE1) or p(…)');
    }
    const definition = ELEMENTS[symbol];
    if (definition === undefined) throw new UnknownNameError('circuit element', symbol, Object.keys(ELEMENTS), { field: this.label });
    if (this.names.has(name)) throw new InputError({ field: this.label }, `each element name once in circuit '${this.s}'`, `'${name}' twice`);
    this.names.add(name);
    const np = definition.parameters.length;
    definition.parameters.forEach((p, i) => {
      this.parameters.push({
        name: np === 1 ? name : `${name}_${i}`,
        element: name,
        symbol,
        indexInElement: i,
        unit: p.unit,
        description: p.description,
        role: p.role,
        lower: p.lower,
        upper: p.upper,
      });
    });
    const node: CircuitNode = { type: 'element', name, definition, offset: this.offset };
    this.offset += np;
    return node;
  }
}

export class Circuit {
  /** The circuit string without spaces. */
  readonly text: string;
  readonly root: CircuitNode;
  /** Every parameter in order (the order of impedance.py's parameter vector). */
  readonly parameters: readonly CircuitParameter[];

  private constructor(text: string, root: CircuitNode, parameters: CircuitParameter[]) {
    this.text = text;
    this.root = root;
    this.parameters = parameters;
  }

  /** Parses an impedance.py circuit string; InputError / UnknownNameError say what and where. */
  static parse(text: string, label = 'circuit'): Circuit {
    const s = text.replace(/\s+/g, '');
    if (s === '') throw new InputError({ field: label }, 'a circuit string such as R0-p(R1,C1)', 'an empty string');
    const parser = new Parser(s, label);
    const root = parser.series();
    if (parser.pos !== s.length) parser.fail("'-' or the end of the circuit");
    return new Circuit(s, root, parser.parameters);
  }

  get parameterNames(): string[] {
    return this.parameters.map((p) => p.name);
  }

  /** Index of a parameter by name, or an UnknownNameError listing the circuit's names. */
  indexOf(name: string, label = 'parameter'): number {
    const i = this.parameters.findIndex((p) => p.name === name);
    if (i < 0) throw new UnknownNameError(`parameter of circuit ${this.text}`, name, this.parameterNames, { field: label });
    return i;
  }

  /** An evaluator bound to these frequencies (workspaces allocated once). */
  evaluator(frequencyHz: ArrayLike<number>): CircuitEvaluator {
    return new CircuitEvaluator(this, frequencyHz);
  }

  /** Convenience: Z at the given frequencies (allocates; use an evaluator in loops). */
  impedance(params: ArrayLike<number>, frequencyHz: ArrayLike<number>): { re: Float64Array; im: Float64Array } {
    const re = new Float64Array(frequencyHz.length);
    const im = new Float64Array(frequencyHz.length);
    this.evaluator(frequencyHz).evaluate(params, re, im);
    return { re, im };
  }
}

interface Slot {
  node: CircuitNode;
  re: Float64Array;
  im: Float64Array;
  children: Slot[];
  /** Element slots: the parameters their buffers were computed with (NaN = never). */
  cached: Float64Array;
}

/**
 * Evaluates one circuit at fixed frequencies; buffers per tree node are allocated once here. Each
 * element remembers the parameters its buffer was computed with and is recomputed only when they
 * change (then its ancestors are recombined): a finite-difference Jacobian column, which perturbs one
 * parameter, costs one element plus a few additions instead of the whole circuit.
 */
export class CircuitEvaluator {
  readonly circuit: Circuit;
  readonly omega: Float64Array;
  private readonly root: Slot;

  constructor(circuit: Circuit, frequencyHz: ArrayLike<number>) {
    this.circuit = circuit;
    const n = frequencyHz.length;
    this.omega = new Float64Array(n);
    for (let k = 0; k < n; k++) this.omega[k] = 2 * Math.PI * frequencyHz[k];
    const build = (node: CircuitNode): Slot => ({
      node,
      re: new Float64Array(n),
      im: new Float64Array(n),
      children: node.type === 'element' ? [] : node.children.map(build),
      cached: new Float64Array(node.type === 'element' ? node.definition.parameters.length : 0).fill(NaN),
    });
    this.root = build(circuit.root);
  }

  /** Z(f) for the full parameter vector `params` (length = circuit.parameters.length). */
  evaluate(params: ArrayLike<number>, re: Float64Array, im: Float64Array): void {
    this.evalSlot(this.root, params);
    re.set(this.root.re);
    im.set(this.root.im);
  }

  /** Recomputes what changed; returns true when this slot's buffers changed. */
  private evalSlot(slot: Slot, params: ArrayLike<number>): boolean {
    const node = slot.node;
    const n = this.omega.length;
    const re = slot.re;
    const im = slot.im;
    if (node.type === 'element') {
      const cached = slot.cached;
      let same = true;
      for (let j = 0; j < cached.length; j++) {
        if (cached[j] !== params[node.offset + j]) {
          same = false;
          break;
        }
      }
      if (same) return false;
      node.definition.evaluate(params, node.offset, this.omega, re, im);
      for (let j = 0; j < cached.length; j++) cached[j] = params[node.offset + j];
      return true;
    }
    let changed = false;
    for (let c = 0; c < slot.children.length; c++) if (this.evalSlot(slot.children[c], params)) changed = true;
    if (!changed) return false;
    if (node.type === 'series') {
      re.fill(0);
      im.fill(0);
      for (let c = 0; c < slot.children.length; c++) {
        const ch = slot.children[c];
        for (let k = 0; k < n; k++) {
          re[k] += ch.re[k];
          im[k] += ch.im[k];
        }
      }
      return true;
    }
    // Parallel: admittances add. A branch with Z = 0 shorts the whole parallel (Z = 0).
    for (let k = 0; k < n; k++) {
      let yr = 0;
      let yi = 0;
      let short = false;
      for (let c = 0; c < slot.children.length; c++) {
        const a = slot.children[c].re[k];
        const b = slot.children[c].im[k];
        const d = a * a + b * b;
        if (d === 0) {
          short = true;
          break;
        }
        if (!Number.isFinite(d)) continue; // an open branch adds no admittance
        yr += a / d;
        yi -= b / d;
      }
      if (short) {
        re[k] = 0;
        im[k] = 0;
      } else {
        const d = yr * yr + yi * yi;
        re[k] = yr / d;
        im[k] = -yi / d;
      }
    }
    return true;
  }
}
