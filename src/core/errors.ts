/**
 * The project's one error hierarchy. Every error a user can cause is a CathodeLabError with a
 * message that stands on its own in one line: where (file, line or byte offset, field), what was
 * expected, what was found. The CLI prints `error: <message>` and exits non-zero; it prints a stack
 * trace only for errors outside this hierarchy (which are bugs).
 */

/** Base class: anything thrown on purpose by cathodelab. `code` is stable for programs to match on. */
export class CathodeLabError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Where in an input the problem is. All parts optional; the message uses those given. */
export interface InputLocation {
  /** File name or a label such as "design file" or "--sweep". */
  file?: string;
  /** 1-based line number in a text file. */
  line?: number;
  /** 0-based byte offset in a binary file. */
  byteOffset?: number;
  /** Dotted field path, e.g. "cathode.loadingMgPerCm2" or a column name. */
  field?: string;
}

export function formatLocation(loc: InputLocation): string {
  const parts: string[] = [];
  if (loc.file !== undefined) parts.push(loc.file);
  if (loc.line !== undefined) parts.push(`line ${loc.line}`);
  if (loc.byteOffset !== undefined) parts.push(`byte ${loc.byteOffset}`);
  if (loc.field !== undefined) parts.push(`field '${loc.field}'`);
  return parts.join(', ');
}

/**
 * Bad user input: a file, a field, an option. Message form:
 * `<file>, line 12, field 'x': expected <expected>, found <found>`.
 */
export class InputError extends CathodeLabError {
  readonly location: InputLocation;
  readonly expected: string;
  readonly found: string;
  constructor(location: InputLocation, expected: string, found: string, code = 'INPUT') {
    const where = formatLocation(location);
    super(code, `${where ? where + ': ' : ''}expected ${expected}, found ${found}`);
    this.location = location;
    this.expected = expected;
    this.found = found;
  }
}

/** A file whose format is not recognised or whose structure is broken (truncated, corrupt). */
export class FormatError extends CathodeLabError {
  readonly location: InputLocation;
  constructor(location: InputLocation, detail: string) {
    const where = formatLocation(location);
    super('FORMAT', `${where ? where + ': ' : ''}${detail}`);
    this.location = location;
  }
}

/** A name that is not in a library (material, preset, circuit element, command). */
export class UnknownNameError extends CathodeLabError {
  constructor(kind: string, name: string, known: readonly string[], location: InputLocation = {}) {
    const where = formatLocation(location);
    const list = known.length <= 12 ? known.join(', ') : known.slice(0, 12).join(', ') + ', …';
    super('UNKNOWN_NAME', `${where ? where + ': ' : ''}unknown ${kind} '${name}'; known: ${list}`);
  }
}

/** A numerical method that could not produce a trustworthy answer (no convergence, singular system). */
export class SolverError extends CathodeLabError {
  readonly reason: string;
  constructor(reason: string, message: string) {
    super('SOLVER', message);
    this.reason = reason;
  }
}

/** Data that is valid but unsuitable for the analysis asked (no pulses found, one scan rate, …). */
export class AnalysisError extends CathodeLabError {
  constructor(message: string) {
    super('ANALYSIS', message);
  }
}

export function isCathodeLabError(e: unknown): e is CathodeLabError {
  return e instanceof CathodeLabError;
}
