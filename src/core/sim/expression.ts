/**
 * A small, safe evaluator for the function strings of BPX files (Python syntax in one variable x:
 * numbers, + − * / ** and unary minus, parentheses, exp log sqrt tanh sinh cosh abs), compiled once
 * into a MaterialFunction with an exact derivative (forward-mode differentiation of the syntax tree).
 * No `eval`: anything outside this grammar is a FormatError naming the position.
 */
import { FormatError } from '../errors.js';
import type { MaterialFunction } from './parameters.js';

type Fn = (x: number) => number;
interface Compiled {
  f: Fn;
  df: Fn;
}

const FUNCS: Record<string, { f: Fn; d: Fn }> = {
  exp: { f: Math.exp, d: Math.exp },
  log: { f: Math.log, d: (u) => 1 / u },
  sqrt: { f: Math.sqrt, d: (u) => 0.5 / Math.sqrt(u) },
  tanh: { f: Math.tanh, d: (u) => 1 - Math.tanh(u) ** 2 },
  sinh: { f: Math.sinh, d: Math.cosh },
  cosh: { f: Math.cosh, d: Math.sinh },
  abs: { f: Math.abs, d: (u) => Math.sign(u) },
};

class Parser {
  private pos = 0;
  constructor(
    private readonly s: string,
    private readonly where: string,
  ) {}

  parse(): Compiled {
    const e = this.sum();
    this.ws();
    if (this.pos < this.s.length) this.fail(`unexpected "${this.s[this.pos]}"`);
    return e;
  }

  private fail(msg: string): never {
    throw new FormatError({ field: this.where }, `cannot read the expression "${this.s}" at character ${this.pos + 1}: ${msg}`);
  }

  private ws(): void {
    while (this.pos < this.s.length && /\s/.test(this.s[this.pos])) this.pos++;
  }

  private peek(t: string): boolean {
    this.ws();
    return this.s.startsWith(t, this.pos);
  }

  private sum(): Compiled {
    let a = this.product();
    for (;;) {
      if (this.peek('+')) {
        this.pos++;
        const l = a;
        const r = this.product();
        a = { f: (x) => l.f(x) + r.f(x), df: (x) => l.df(x) + r.df(x) };
      } else if (this.peek('-')) {
        this.pos++;
        const l = a;
        const r = this.product();
        a = { f: (x) => l.f(x) - r.f(x), df: (x) => l.df(x) - r.df(x) };
      } else return a;
    }
  }

  private product(): Compiled {
    let a = this.unary();
    for (;;) {
      if (this.peek('**')) return a; // handled in power()
      if (this.peek('*')) {
        this.pos++;
        const l = a;
        const r = this.unary();
        a = { f: (x) => l.f(x) * r.f(x), df: (x) => l.df(x) * r.f(x) + l.f(x) * r.df(x) };
      } else if (this.peek('/')) {
        this.pos++;
        const l = a;
        const r = this.unary();
        a = {
          f: (x) => l.f(x) / r.f(x),
          df: (x) => {
            const v = r.f(x);
            return (l.df(x) * v - l.f(x) * r.df(x)) / (v * v);
          },
        };
      } else return a;
    }
  }

  private unary(): Compiled {
    if (this.peek('-')) {
      this.pos++;
      const a = this.unary();
      return { f: (x) => -a.f(x), df: (x) => -a.df(x) };
    }
    if (this.peek('+')) {
      this.pos++;
      return this.unary();
    }
    return this.power();
  }

  private power(): Compiled {
    const base = this.atom();
    if (this.peek('**')) {
      this.pos += 2;
      const ex = this.unary(); // right-associative, binds tighter than unary minus on its left
      return {
        f: (x) => Math.pow(base.f(x), ex.f(x)),
        df: (x) => {
          const b = base.f(x);
          const e = ex.f(x);
          const de = ex.df(x);
          const db = base.df(x);
          const p = Math.pow(b, e);
          return (db !== 0 ? e * Math.pow(b, e - 1) * db : 0) + (de !== 0 ? p * Math.log(b) * de : 0);
        },
      };
    }
    return base;
  }

  private atom(): Compiled {
    this.ws();
    const rest = this.s.slice(this.pos);
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(rest);
    if (num) {
      this.pos += num[0].length;
      const v = Number(num[0]);
      return { f: () => v, df: () => 0 };
    }
    const id = /^[A-Za-z_][A-Za-z_0-9]*/.exec(rest);
    if (id) {
      this.pos += id[0].length;
      const name = id[0];
      if (name === 'x') return { f: (x) => x, df: () => 1 };
      const fn = FUNCS[name];
      if (!fn) this.fail(`unknown name "${name}" (allowed: x, ${Object.keys(FUNCS).join(', ')})`);
      if (!this.peek('(')) this.fail(`expected "(" after ${name}`);
      this.pos++;
      const arg = this.sum();
      if (!this.peek(')')) this.fail('expected ")"');
      this.pos++;
      return { f: (x) => fn.f(arg.f(x)), df: (x) => fn.d(arg.f(x)) * arg.df(x) };
    }
    if (this.peek('(')) {
      this.pos++;
      const e = this.sum();
      if (!this.peek(')')) this.fail('expected ")"');
      this.pos++;
      return e;
    }
    this.fail(this.pos >= this.s.length ? 'unexpected end' : `unexpected "${this.s[this.pos]}"`);
  }
}

/** Compiles a BPX function string of x into a MaterialFunction (the string is kept as `expression`). */
export function compileExpression(text: string, where = 'expression'): MaterialFunction & { expression: string } {
  const c = new Parser(text, where).parse();
  return { f: c.f, df: c.df, expression: text };
}

/** Piecewise-linear interpolation of a table (BPX {"x": [...], "y": [...]}), constant beyond the ends. */
export function tableFunction(xs: readonly number[], ys: readonly number[], where = 'table'): MaterialFunction & { table: { x: number[]; y: number[] } } {
  if (xs.length !== ys.length || xs.length < 2) throw new FormatError({ field: where }, `a table needs matching x and y arrays of at least 2 points (found ${xs.length} and ${ys.length})`);
  for (let i = 1; i < xs.length; i++) if (!(xs[i] > xs[i - 1])) throw new FormatError({ field: where }, `x must increase (x[${i}] = ${xs[i]} after ${xs[i - 1]})`);
  const X = Float64Array.from(xs);
  const Y = Float64Array.from(ys);
  const seg = (x: number): number => {
    let lo = 0;
    let hi = X.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (X[mid] <= x) lo = mid;
      else hi = mid;
    }
    return lo;
  };
  return {
    f: (x) => {
      if (x <= X[0]) return Y[0];
      if (x >= X[X.length - 1]) return Y[Y.length - 1];
      const k = seg(x);
      return Y[k] + ((Y[k + 1] - Y[k]) * (x - X[k])) / (X[k + 1] - X[k]);
    },
    df: (x) => {
      if (x <= X[0] || x >= X[X.length - 1]) return 0;
      const k = seg(x);
      return (Y[k + 1] - Y[k]) / (X[k + 1] - X[k]);
    },
    table: { x: [...xs], y: [...ys] },
  };
}
