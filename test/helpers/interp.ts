/** Piecewise-linear interpolation of (xs, ys) at x (xs ascending), constant beyond the ends. For comparing against reference curves. */
export function interp(xs: readonly number[], ys: readonly number[], x: number): number {
  if (x <= xs[0]) return ys[0];
  if (x >= xs[xs.length - 1]) return ys[ys.length - 1];
  let k = 1;
  while (xs[k] < x) k++;
  const w = (x - xs[k - 1]) / (xs[k] - xs[k - 1]);
  return ys[k - 1] * (1 - w) + ys[k] * w;
}
