/**
 * SNIP background (Statistics-sensitive Non-linear Iterative Peak-clipping; Ryan et al., Nucl. Instrum.
 * Methods B 34 (1988) 396; decreasing-window variant and LLS transform from Morháč & Matoušek,
 * Appl. Spectrosc. 62 (2008) 91). Each point is replaced by the smaller of itself and the mean of its
 * neighbours p points away, for p from the half-width m down to 1; peaks narrower than ~m points are
 * clipped away while the smooth background stays. The log-log-sqrt transform first compresses the
 * dynamic range so tall and small peaks clip alike.
 */

/** Background under `y` for a clipping half-width of `halfWidthPoints` samples. Returns a new array. */
export function snipBackground(y: ArrayLike<number>, halfWidthPoints: number): Float64Array {
  const n = y.length;
  const m = Math.max(1, Math.min(Math.floor(halfWidthPoints), Math.floor((n - 1) / 2)));
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = Math.log(Math.log(Math.sqrt(Math.max(0, y[i]) + 1) + 1) + 1);
  const w = new Float64Array(n);
  for (let p = m; p >= 1; p--) {
    for (let i = p; i < n - p; i++) {
      const mean = 0.5 * (v[i - p] + v[i + p]);
      w[i] = v[i] < mean ? v[i] : mean;
    }
    for (let i = p; i < n - p; i++) v[i] = w[i];
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = Math.exp(Math.exp(v[i]) - 1) - 1;
    out[i] = s * s - 1;
  }
  return out;
}
