/** Drawing data: polylines that break at missing points, and markers, each as one compact <path>. */
import { svgNum } from './format.js';
import type { Scale } from './scale.js';
import type { MarkerShape } from './theme.js';
import type { Numbers } from './types.js';

/** Pixel coordinates are clamped here so a point far outside fixed limits cannot overflow the SVG. */
const LIMIT = 1e5;
const clampPx = (v: number): number => (v > LIMIT ? LIMIT : v < -LIMIT ? -LIMIT : v);

/**
 * Path data for a line through (x[i], y[i]). A non-finite point (or one that is ≤ 0 on a log scale)
 * ends the current segment: gaps in the data show as gaps, never as a line to zero. Points closer
 * than a quarter pixel to the last one drawn are dropped (invisible), which keeps 10⁵-point cycling
 * curves to a manageable size.
 */
export function linePath(x: Numbers, y: Numbers, sx: Scale, sy: Scale): string {
  const n = Math.min(x.length, y.length);
  let d = '';
  let pen = false;
  let lastX = NaN;
  let lastY = NaN;
  let pendingX = NaN;
  let pendingY = NaN;
  for (let i = 0; i < n; i++) {
    const px = sx.map(x[i]);
    const py = sy.map(y[i]);
    if (!Number.isFinite(px) || !Number.isFinite(py)) {
      if (pen && Number.isFinite(pendingX)) d += `L${svgNum(pendingX)} ${svgNum(pendingY)}`;
      pen = false;
      pendingX = NaN;
      continue;
    }
    const cx = clampPx(px);
    const cy = clampPx(py);
    if (!pen) {
      d += `M${svgNum(cx)} ${svgNum(cy)}`;
      pen = true;
      lastX = cx;
      lastY = cy;
      pendingX = NaN;
      continue;
    }
    if (Math.abs(cx - lastX) < 0.25 && Math.abs(cy - lastY) < 0.25) {
      pendingX = cx;
      pendingY = cy;
      continue;
    }
    d += `L${svgNum(cx)} ${svgNum(cy)}`;
    lastX = cx;
    lastY = cy;
    pendingX = NaN;
  }
  if (pen && Number.isFinite(pendingX)) d += `L${svgNum(pendingX)} ${svgNum(pendingY)}`;
  return d;
}

/** Path data for one marker centred at (cx, cy). */
export function markerPath(shape: MarkerShape, cx: number, cy: number, r: number): string {
  const x = svgNum(cx);
  const y = svgNum(cy);
  switch (shape) {
    case 'circle':
      return `M${svgNum(cx - r)} ${y}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0z`;
    case 'square':
      return `M${svgNum(cx - r)} ${svgNum(cy - r)}h${svgNum(2 * r)}v${svgNum(2 * r)}h${svgNum(-2 * r)}z`;
    case 'triangle': {
      const h = r * 1.15;
      return `M${x} ${svgNum(cy - h)}l${svgNum(h)} ${svgNum(1.8 * h)}h${svgNum(-2 * h)}z`;
    }
    case 'diamond': {
      const h = r * 1.3;
      return `M${x} ${svgNum(cy - h)}l${svgNum(h)} ${svgNum(h)}l${svgNum(-h)} ${svgNum(h)}l${svgNum(-h)} ${svgNum(-h)}z`;
    }
  }
}

/** Markers at every finite point; missing points are skipped. */
export function markersPath(shape: MarkerShape, x: Numbers, y: Numbers, sx: Scale, sy: Scale, r: number): string {
  const n = Math.min(x.length, y.length);
  let d = '';
  for (let i = 0; i < n; i++) {
    const px = sx.map(x[i]);
    const py = sy.map(y[i]);
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    if (px < -LIMIT || px > LIMIT || py < -LIMIT || py > LIMIT) continue;
    d += markerPath(shape, px, py, r);
  }
  return d;
}
