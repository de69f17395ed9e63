/**
 * Heat maps of a field over two coordinates, e.g. Li⁺ concentration over electrode depth and time,
 * with a labelled colour bar.
 */
import { InputError } from '../errors.js';
import { axisLabel, drawAxes, resolveAxis, tickLabelWidth } from './axis.js';
import type { PlotArea } from './axis.js';
import { colorAt } from './colormap.js';
import type { ColorMapName } from './colormap.js';
import { formatTick } from './format.js';
import { el, svgDocument, text } from './svg.js';
import { THEME, textWidth } from './theme.js';
import { linearTicksFixed, niceLinear } from './ticks.js';
import type { AxisOptions, ChartSize, Numbers } from './types.js';

export interface HeatmapAxis extends AxisOptions {
  /** Cell centres along this axis, strictly increasing. */
  values: Numbers;
}

export interface HeatmapOptions extends ChartSize {
  title?: string;
  x: HeatmapAxis;
  y: HeatmapAxis;
  /**
   * The field: either rows z[iy][ix], or one flat array in row-major order, z[iy * nx + ix].
   * NaN cells are left empty.
   */
  z: Numbers | Numbers[];
  /** The colour bar's label (with unit) and optional fixed limits. */
  colorBar: { label: string; unit?: string; min?: number; max?: number };
  colorMap?: ColorMapName;
}

/** Cell edges from centres: midpoints inside, half a spacing beyond each end (geometric on log axes). */
function edges(c: Numbers, log: boolean, which: string): Float64Array {
  const n = c.length;
  if (n === 0) throw new InputError({ field: `${which}.values` }, 'at least one cell centre', 'none');
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(c[i]) || (log && !(c[i] > 0))) throw new InputError({ field: `${which}.values[${i}]` }, log ? 'a positive finite value (log axis)' : 'a finite value', String(c[i]));
    if (i > 0 && !(c[i] > c[i - 1])) throw new InputError({ field: `${which}.values[${i}]` }, `strictly increasing cell centres (> ${c[i - 1]})`, String(c[i]));
  }
  const t = (v: number): number => (log ? Math.log10(v) : v);
  const inv = (v: number): number => (log ? 10 ** v : v);
  const e = new Float64Array(n + 1);
  if (n === 1) {
    const h = log ? 0.5 : Math.abs(c[0]) * 0.5 || 0.5;
    e[0] = inv(t(c[0]) - h);
    e[1] = inv(t(c[0]) + h);
    return e;
  }
  for (let i = 1; i < n; i++) e[i] = inv((t(c[i - 1]) + t(c[i])) / 2);
  e[0] = inv(t(c[0]) - (t(c[1]) - t(c[0])) / 2);
  e[n] = inv(t(c[n - 1]) + (t(c[n - 1]) - t(c[n - 2])) / 2);
  return e;
}

function cellGetter(z: Numbers | Numbers[], nx: number, ny: number): (ix: number, iy: number) => number {
  const rows = z as Numbers[];
  if (ny > 0 && typeof rows[0] === 'object' && rows[0] !== null) {
    if (rows.length !== ny) throw new InputError({ field: 'z' }, `${ny} rows (one per y value)`, `${rows.length}`);
    rows.forEach((r, i) => {
      if (r.length !== nx) throw new InputError({ field: `z[${i}]` }, `${nx} values (one per x value)`, `${r.length}`);
    });
    return (ix, iy) => rows[iy][ix];
  }
  const flat = z as Numbers;
  if (flat.length !== nx * ny) throw new InputError({ field: 'z' }, `${nx * ny} values (nx ${nx} × ny ${ny}, row-major)`, `${flat.length}`);
  return (ix, iy) => flat[iy * nx + ix];
}

/** A heat map as a standalone SVG string. */
export function heatmapChart(options: HeatmapOptions): string {
  const width = options.width ?? 640;
  const height = options.height ?? 420;
  const map = options.colorMap ?? 'viridis';
  const nx = options.x.values.length;
  const ny = options.y.values.length;
  const xe = edges(options.x.values, options.x.log === true, 'x');
  const ye = edges(options.y.values, options.y.log === true, 'y');
  const z = cellGetter(options.z, nx, ny);
  const cbLabel = axisLabel(options.colorBar, 'colorBar');

  let zmin = Infinity;
  let zmax = -Infinity;
  for (let iy = 0; iy < ny; iy++) for (let ix = 0; ix < nx; ix++) {
    const v = z(ix, iy);
    if (Number.isFinite(v)) { if (v < zmin) zmin = v; if (v > zmax) zmax = v; }
  }
  if (!(zmin <= zmax)) { zmin = 0; zmax = 1; }
  const cbTicks = options.colorBar.min !== undefined || options.colorBar.max !== undefined
    ? linearTicksFixed(options.colorBar.min ?? zmin, Math.max(options.colorBar.max ?? zmax, (options.colorBar.min ?? zmin) + 1e-12), 5)
    : niceLinear(zmin, zmax, 5);
  const [c0, c1] = cbTicks.domain;
  const cbLabels = cbTicks.ticks.map((v) => formatTick(v, cbTicks.step));

  const top = options.title ? 34 : 14;
  const bottomMargin = 8 + THEME.fontSize + 8 + THEME.labelSize + 12;
  const plotH = height - top - bottomMargin;
  const yAxis = resolveAxis({ ...options.y, min: ye[0], max: ye[ny], grid: false }, 'y', null, [top + plotH, top], Math.max(2, Math.round(plotH / 55)));
  const left = Math.ceil(14 + tickLabelWidth(yAxis) + THEME.labelSize + 14);
  let cbTickW = 0;
  for (const s of cbLabels) cbTickW = Math.max(cbTickW, textWidth(s, THEME.fontSize));
  const cbWidth = 14;
  const right = 16 + cbWidth + 8 + cbTickW + 10 + THEME.labelSize + 6;
  const plotW = width - left - right;
  const xAxis = resolveAxis({ ...options.x, min: xe[0], max: xe[nx], grid: false }, 'x', null, [left, left + plotW], Math.max(2, Math.round(plotW / 90)));
  const area: PlotArea = { left, top, width: plotW, height: plotH };

  // Cells, one <rect> per run of equal colour along x (256 colour levels), which keeps big maps small.
  let cells = '';
  const level = (v: number): number => Math.round((Math.min(c1, Math.max(c0, v)) - c0) / (c1 - c0 || 1) * 255);
  for (let iy = 0; iy < ny; iy++) {
    const yTop = yAxis.scale.map(ye[iy + 1]);
    const yBot = yAxis.scale.map(ye[iy]);
    let ix = 0;
    while (ix < nx) {
      const v = z(ix, iy);
      if (!Number.isFinite(v)) { ix++; continue; }
      const lv = level(v);
      let end = ix + 1;
      while (end < nx && Number.isFinite(z(end, iy)) && level(z(end, iy)) === lv) end++;
      const x0 = xAxis.scale.map(xe[ix]);
      const x1 = xAxis.scale.map(xe[end]);
      // Half a pixel of overlap hides the hairline seams renderers leave between abutting rectangles.
      const yMin = Math.min(yTop, yBot);
      cells += el('rect', { x: x0, y: yMin > top + 0.5 ? yMin - 0.5 : yMin, width: Math.abs(x1 - x0) + (end < nx ? 0.5 : 0), height: Math.abs(yBot - yTop) + (yMin > top + 0.5 ? 0.5 : 0), fill: colorAt(map, lv / 255) });
      ix = end;
    }
  }

  const parts: string[] = [];
  if (options.title) parts.push(text(width / 2, 22, options.title, { 'text-anchor': 'middle', 'font-size': THEME.titleSize, 'font-weight': 600, fill: THEME.text, class: 'title' }));
  parts.push(el('g', { class: 'cells', 'shape-rendering': 'crispEdges' }, cells));
  parts.push(drawAxes(area, xAxis, yAxis));

  // Colour bar: 64 bands from the bottom (low) to the top (high), with its own ticks and label.
  const cbx = left + plotW + 16;
  let bands = '';
  const nb = 64;
  for (let b = 0; b < nb; b++) {
    const y0 = top + plotH - ((b + 1) / nb) * plotH;
    bands += el('rect', { x: cbx, y: y0, width: cbWidth, height: plotH / nb + 0.3, fill: colorAt(map, (b + 0.5) / nb) });
  }
  parts.push(el('g', { class: 'color-bar', 'shape-rendering': 'crispEdges' }, bands));
  parts.push(el('rect', { x: cbx, y: top, width: cbWidth, height: plotH, fill: 'none', stroke: THEME.axis, 'stroke-width': 1 }));
  let tickD = '';
  const tl: string[] = [];
  cbTicks.ticks.forEach((v, i) => {
    const y = top + plotH - ((v - c0) / (c1 - c0 || 1)) * plotH;
    tickD += `M${cbx + cbWidth} ${Math.round(y * 100) / 100}h4`;
    tl.push(text(cbx + cbWidth + 7, y + THEME.fontSize * 0.35, cbLabels[i], { fill: THEME.text }));
  });
  parts.push(el('path', { d: tickD, stroke: THEME.axis, fill: 'none' }));
  parts.push(el('g', { class: 'color-bar-labels' }, tl.join('')));
  const lx = cbx + cbWidth + 8 + cbTickW + 8 + THEME.labelSize * 0.6;
  const ly = top + plotH / 2;
  parts.push(text(lx, ly, cbLabel, { 'text-anchor': 'middle', 'font-size': THEME.labelSize, fill: THEME.text, transform: `rotate(-90 ${Math.round(lx * 100) / 100} ${Math.round(ly * 100) / 100})`, class: 'color-bar-label' }));
  return svgDocument(width, height, parts.join('\n'), options.title);
}
