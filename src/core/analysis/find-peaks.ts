/**
 * Local maxima of a sampled signal with their topographic prominence (the height of a peak above the
 * higher of the two lowest points that separate it from higher ground on either side). Shared by CV
 * peak picking, dQ/dV peaks and XRD peak search. Prominence rather than raw height makes the choice
 * insensitive to a sloping baseline.
 */

export interface FoundPeak {
  /** Index of the apex (for a flat top, its first sample). */
  index: number;
  value: number;
  prominence: number;
  /** Indices of the bases used for the prominence (lowest points on each side). */
  leftBase: number;
  rightBase: number;
}

/**
 * Every local maximum of y[start..end) whose prominence is at least `minProminence`, in index order.
 * A maximum on the very first or last sample is not a peak (its far side is unseen).
 */
export function findPeaks(y: ArrayLike<number>, minProminence = 0, start = 0, end = y.length): FoundPeak[] {
  const peaks: FoundPeak[] = [];
  let i = start + 1;
  while (i < end - 1) {
    if (y[i] > y[i - 1]) {
      // walk over a possible plateau
      let j = i;
      while (j + 1 < end && y[j + 1] === y[i]) j++;
      if (j + 1 < end && y[j + 1] < y[i]) {
        const apex = i;
        const h = y[apex];
        let leftMin = h;
        let leftBase = apex;
        for (let k = apex - 1; k >= start; k--) {
          if (y[k] > h) break;
          if (y[k] < leftMin) { leftMin = y[k]; leftBase = k; }
        }
        let rightMin = h;
        let rightBase = apex;
        for (let k = j + 1; k < end; k++) {
          if (y[k] > h) break;
          if (y[k] < rightMin) { rightMin = y[k]; rightBase = k; }
        }
        const prominence = h - Math.max(leftMin, rightMin);
        if (prominence >= minProminence) peaks.push({ index: apex, value: h, prominence, leftBase, rightBase });
      }
      i = j + 1;
    } else {
      i++;
    }
  }
  return peaks;
}
