/**
 * Number formatting for plots: coordinates rounded so SVG output is stable across platforms, and tick
 * labels that read like a paper's axes (true minus sign, no "-0", powers of ten as 10⁻³).
 */

/** Rounds an SVG coordinate to 2 decimals (0.01 px is far below what a screen or printer resolves). */
export function svgNum(v: number): string {
  if (!Number.isFinite(v)) return '0';
  const r = Math.round(v * 100) / 100;
  // `+ 0` turns -0 into 0 so "-0" never appears.
  return String(r + 0);
}

const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻',
};

/** 10 to an integer power as text: 10⁻³, 10⁰, 10⁵. */
export function powerOfTen(exponent: number): string {
  const digits = String(Math.round(exponent)).split('').map((c) => SUPERSCRIPT[c] ?? c).join('');
  return `10${digits}`;
}

/** Replaces the ASCII hyphen of a negative number with the typographic minus sign (U+2212). */
function withMinus(s: string): string {
  return s.startsWith('-') ? '\u2212' + s.slice(1) : s;
}

/** Number of decimals that shows a tick step exactly (0.25 → 2, 5 → 0, 0.1 → 1). */
export function decimalsForStep(step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) return 0;
  for (let d = 0; d <= 12; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return d;
  }
  return 12;
}

/**
 * A linear-axis tick label. `step` is the tick spacing, which fixes the decimals so all labels on an
 * axis have the same precision. Very large or very small magnitudes use a×10ⁿ.
 */
export function formatTick(value: number, step: number): string {
  if (value === 0 || Math.abs(value) < step * 1e-9) return '0';
  const mag = Math.max(Math.abs(value), step);
  if (mag >= 1e6 || step < 1e-4) {
    const exp = Math.floor(Math.log10(Math.abs(value)) + 1e-12);
    const mantissa = value / 10 ** exp;
    const mDecimals = Math.min(6, decimalsForStep(step / 10 ** exp));
    const m = trimZeros(mantissa.toFixed(mDecimals));
    return withMinus(m === '1' ? powerOfTen(exp) : m === '-1' ? '-' + powerOfTen(exp) : `${m}×${powerOfTen(exp)}`);
  }
  return withMinus(value.toFixed(decimalsForStep(step)));
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/**
 * A log-axis tick label for a decade 10^k: plain numbers between 0.001 and 10000 (what people write
 * on a frequency axis), powers of ten outside that range.
 */
export function formatDecade(exponent: number, plain: boolean): string {
  if (!plain) return withMinus(powerOfTen(exponent));
  return exponent >= 0 ? String(10 ** exponent) : (10 ** exponent).toFixed(-exponent);
}

/** A value for a tooltip, table or legend: `sig` significant digits, minus sign, no exponent junk. */
export function formatValue(value: number, sig = 4): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const a = Math.abs(value);
  if (a >= 1e6 || a < 1e-4) {
    const exp = Math.floor(Math.log10(a));
    return withMinus(`${trimZeros((value / 10 ** exp).toFixed(Math.max(0, sig - 1)))}×${powerOfTen(exp)}`);
  }
  return withMinus(trimZeros(value.toPrecision(sig)).replace(/\.$/, ''));
}

/** Escapes text for SVG/XML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
