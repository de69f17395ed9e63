/**
 * Byte-level text helpers for instrument readers: decoding (UTF-8 or Windows-1252, the code page
 * EC-Lab, Maccor and Arbin write on Western Windows), and a number parser that reads straight from bytes
 * and accepts a decimal comma, so large text files are parsed without building a string per field.
 */

const utf8 = new TextDecoder('utf-8', { fatal: true });
let cp1252: TextDecoder | undefined;
try {
  cp1252 = new TextDecoder('windows-1252');
} catch {
  cp1252 = undefined; // runtimes without the legacy encodings: fall back to plain Latin-1 below
}

/** Latin-1 / Windows-1252 bytes → string (µ = 0xB5, ° = 0xB0, ² = 0xB2 in both). */
export function latin1(bytes: Uint8Array): string {
  if (cp1252) return cp1252.decode(bytes);
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

/** Decodes text that is UTF-8 when it validates as UTF-8, else Windows-1252. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return latin1(bytes);
  }
}

const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * Parses a decimal number from bytes[start, end). Accepts '.' or ',' as the decimal mark, an exponent
 * (e/E), a sign and surrounding spaces. Returns NaN for anything else (including an empty field).
 * Exactness: when the significand has ≤ 15 digits… precisely, when it is < 2^53 and the decimal exponent
 * is within ±22, m × 10^e (or m / 10^−e) is a single correctly-rounded IEEE operation (Clinger's fast
 * path), so the result equals Number(text). Otherwise the text is handed to Number().
 */
export function parseNumberBytes(bytes: Uint8Array, start: number, end: number): number {
  while (start < end && bytes[start] === 32) start++;
  while (end > start && (bytes[end - 1] === 32 || bytes[end - 1] === 13)) end--;
  if (start >= end) return NaN;
  let i = start;
  let neg = false;
  let c = bytes[i];
  if (c === 45) {
    neg = true;
    i++;
  } else if (c === 43) i++;
  // One loop over the digits of the integer and fraction parts; the significand is built 9 digits at a
  // time in an int (cheaper than a double multiply-add per digit) and folded into a double.
  let hi = 0;
  let lo = 0;
  let nlo = 0;
  let nDigits = 0;
  let fracDigits = 0;
  let dot = false;
  for (; i < end; i++) {
    c = bytes[i];
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      lo = lo * 10 + d;
      nDigits++;
      if (dot) fracDigits++;
      if (++nlo === 9) {
        hi = hi * 1e9 + lo;
        lo = 0;
        nlo = 0;
      }
    } else if ((c === 46 || c === 44) && !dot) dot = true;
    else break;
  }
  if (nDigits === 0) return slowParse(bytes, start, end);
  let exp10 = -fracDigits;
  if (i < end && (bytes[i] === 101 || bytes[i] === 69)) {
    i++;
    let eneg = false;
    if (i < end && (bytes[i] === 45 || bytes[i] === 43)) {
      eneg = bytes[i] === 45;
      i++;
    }
    let e = 0;
    let ed = 0;
    for (; i < end; i++) {
      c = bytes[i];
      if (c < 48 || c > 57) break;
      e = e * 10 + (c - 48);
      ed++;
      if (e > 100000) e = 100000;
    }
    if (ed === 0) return NaN;
    exp10 += eneg ? -e : e;
  }
  if (i !== end) return slowParse(bytes, start, end);
  const mant = hi * POW10[nlo] + lo;
  // Syntax already checked: outside the exact fast path, let Number() round the same text correctly.
  if (mant > 9007199254740991) return numberOf(bytes, start, end);
  let v: number;
  if (mant === 0) v = 0;
  else if (exp10 === 0) v = mant;
  else if (exp10 > 0 && exp10 <= 22) v = mant * POW10[exp10];
  else if (exp10 < 0 && exp10 >= -22) v = mant / POW10[-exp10];
  else return numberOf(bytes, start, end);
  return neg ? -v : v;
}

/** Number() of a field already known to be a well-formed decimal (',' read as '.'). */
function numberOf(bytes: Uint8Array, start: number, end: number): number {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i] === 44 ? 46 : bytes[i]);
  return Number(s);
}

function slowParse(bytes: Uint8Array, start: number, end: number): number {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i] === 44 ? 46 : bytes[i]);
  s = s.trim();
  if (s === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(Infinity|NaN|inf|nan)$/i.test(s)) return NaN;
  const lower = s.toLowerCase();
  if (lower.endsWith('inf') || lower.endsWith('infinity')) return lower.startsWith('-') ? -Infinity : Infinity;
  return Number(s);
}

/** A Float64Array that grows by doubling (for reading rows of unknown count). */
export class GrowableColumn {
  values: Float64Array;
  length = 0;
  constructor(capacity = 1024) {
    this.values = new Float64Array(Math.max(16, capacity));
  }
  push(x: number): void {
    if (this.length === this.values.length) {
      const next = new Float64Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.length++] = x;
  }
  /** The filled part, copied to an exact-length array. */
  toArray(): Float64Array {
    return this.length === this.values.length ? this.values : this.values.slice(0, this.length);
  }
  reset(): void {
    this.length = 0;
  }
}
