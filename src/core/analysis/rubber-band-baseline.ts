/**
 * "Rubber-band" baseline: the lower convex hull of the points (x, y), evaluated at every x. A peak
 * standing on a straight or convex background is lifted off it; a monotonic, convex-up rise (e.g. an
 * electrolyte-oxidation onset at the end of a CV sweep) coincides with its own hull and so yields
 * no false peak. For an upper baseline (cathodic CV sweeps) pass `upper = true`.
 */

/** Returns the baseline at each of the rows [start, end) (x need not be sorted). */
export function rubberBandBaseline(x: ArrayLike<number>, y: ArrayLike<number>, start = 0, end = x.length, upper = false): Float64Array {
  const n = end - start;
  const order = Array.from({ length: n }, (_, k) => start + k).sort((a, b) => x[a] - x[b] || a - b);
  const s = upper ? -1 : 1;
  // Andrew's monotone chain, lower hull of (x, s·y)
  const hull: number[] = [];
  for (const idx of order) {
    while (hull.length >= 2) {
      const o = hull[hull.length - 2];
      const a = hull[hull.length - 1];
      const cross = (x[a] - x[o]) * (s * y[idx] - s * y[o]) - (s * y[a] - s * y[o]) * (x[idx] - x[o]);
      if (cross <= 0) hull.pop();
      else break;
    }
    hull.push(idx);
  }
  const out = new Float64Array(n);
  let h = 0;
  for (const idx of order) {
    while (h + 1 < hull.length - 1 && x[hull[h + 1]] <= x[idx]) h++;
    const a = hull[h];
    const b = hull[Math.min(h + 1, hull.length - 1)];
    const dx = x[b] - x[a];
    const val = dx === 0 ? y[a] : y[a] + ((y[b] - y[a]) * (x[idx] - x[a])) / dx;
    out[idx - start] = Math.min(s * val, s * y[idx]) * s; // never above the data (below, for upper)
  }
  return out;
}
