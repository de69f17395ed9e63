/**
 * "Nice" axis ticks: steps of 1, 2 or 5 × 10ⁿ for linear axes, decades (with 2…9 minor ticks) for log
 * axes. A nice domain is widened to whole steps so the first and last ticks enclose the data.
 */

/** The nice step (1, 2 or 5 × 10ⁿ) closest to span / targetCount, rounded up. */
export function niceStep(span: number, targetCount: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, targetCount);
  const exp = Math.floor(Math.log10(raw));
  const base = 10 ** exp;
  const f = raw / base;
  const m = f <= 1 + 1e-9 ? 1 : f <= 2 + 1e-9 ? 2 : f <= 5 + 1e-9 ? 5 : 10;
  return Number((m * base).toPrecision(12));
}

/** Rounds away float noise so 0.30000000000000004 prints and compares as 0.3. */
function clean(v: number, step: number): number {
  const d = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  return Number(v.toFixed(Math.min(20, d)));
}

/**
 * Tolerance, in steps, for deciding whether a value sits on a multiple of the step: 1e-9 plus the
 * relative rounding error of dividing a large offset (e.g. 3781.93 with a step of 2e-5) by the step.
 */
function eps(lo: number, hi: number, step: number): number {
  return 1e-9 + (4e-16 * Math.max(Math.abs(lo), Math.abs(hi))) / step;
}

/** Multiples of `step` inside [lo, hi] (inclusive, with a tolerance of 1e-9 step). */
export function ticksInside(lo: number, hi: number, step: number): number[] {
  const tol = eps(lo, hi, step);
  const first = Math.ceil(lo / step - tol);
  const last = Math.floor(hi / step + tol);
  const out: number[] = [];
  for (let k = first; k <= last && out.length < 1000; k++) out.push(clean(k * step, step));
  return out;
}

export interface LinearTicks {
  domain: [number, number];
  ticks: number[];
  step: number;
}

/**
 * Nice ticks for data in [min, max]: the domain is widened to whole steps so ticks cover the data.
 * A zero-width range (one value) is widened around the value first.
 */
export function niceLinear(min: number, max: number, targetCount = 5): LinearTicks {
  let lo = min;
  let hi = max;
  if (!(hi > lo)) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  let step = niceStep(hi - lo, targetCount);
  // Widening to whole steps can make the span larger; one more pass settles it.
  for (let i = 0; i < 2; i++) {
    const tol = eps(lo, hi, step);
    const nlo = Math.floor(lo / step + tol) * step;
    const nhi = Math.ceil(hi / step - tol) * step;
    const s2 = niceStep(nhi - nlo, targetCount);
    if (s2 === step) break;
    step = s2;
  }
  const tol = eps(lo, hi, step);
  const dlo = clean(Math.floor(lo / step + tol) * step, step);
  const dhi = clean(Math.ceil(hi / step - tol) * step, step);
  return { domain: [dlo, dhi], ticks: ticksInside(dlo, dhi, step), step };
}

/** Ticks for a fixed domain (not widened), e.g. a user's explicit limits or an equal-aspect plot. */
export function linearTicksFixed(lo: number, hi: number, targetCount = 5): LinearTicks {
  const step = niceStep(hi - lo, targetCount);
  return { domain: [lo, hi], ticks: ticksInside(lo, hi, step), step };
}

export interface LogTicks {
  domain: [number, number];
  /** Decade exponents k of the labelled decades 10^k. */
  majorExponents: number[];
  /** All labelled tick values: the decades, plus 2 and 5 × 10ⁿ when the axis spans two decades or fewer. */
  major: number[];
  minor: number[];
}

/**
 * Log-axis ticks. The nice domain runs from the decade at or below min to the decade at or above max.
 * With many decades only every 2nd (3rd, …) decade is labelled; minor ticks at 2…9 × 10ⁿ when few
 * decades are shown.
 */
export function niceLog(min: number, max: number, widen = true, maxLabels = 8): LogTicks {
  let kLo = Math.floor(Math.log10(min) + 1e-9);
  let kHi = Math.ceil(Math.log10(max) - 1e-9);
  if (kHi <= kLo) kHi = kLo + 1;
  const domain: [number, number] = widen ? [10 ** kLo, 10 ** kHi] : [min, max];
  if (!widen) {
    kLo = Math.ceil(Math.log10(min) - 1e-9);
    kHi = Math.floor(Math.log10(max) + 1e-9);
  }
  const decades = kHi - kLo;
  const every = Math.max(1, Math.ceil((decades + 1) / maxLabels));
  const majorExponents: number[] = [];
  for (let k = kLo; k <= kHi; k++) if (k % every === 0) majorExponents.push(k);
  const minor: number[] = [];
  if (decades <= 6) {
    for (let k = Math.floor(Math.log10(domain[0])); k < Math.ceil(Math.log10(domain[1])); k++) {
      for (let m = 2; m <= 9; m++) {
        const v = m * 10 ** k;
        if (v >= domain[0] * (1 - 1e-9) && v <= domain[1] * (1 + 1e-9)) minor.push(v);
      }
    }
  }
  let major = majorExponents.map((k) => 10 ** k);
  let minorOut = minor;
  if (decades <= 2) {
    // Two decades or fewer: 1, 2 and 5 × 10ⁿ are labelled too, or an axis could show only two numbers.
    const isMajor = (v: number): boolean => {
      const m = v / 10 ** Math.floor(Math.log10(v) + 1e-9);
      return Math.abs(m - 2) < 1e-6 || Math.abs(m - 5) < 1e-6;
    };
    major = [...major, ...minor.filter(isMajor)].sort((a, b) => a - b).map((v) => Number(v.toPrecision(12)));
    minorOut = minor.filter((v) => !isMajor(v));
  }
  return { domain, majorExponents, major, minor: minorOut };
}
