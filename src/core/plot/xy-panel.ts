/**
 * The shared engine of every x–y chart (line, scatter, Nyquist, each half of a Bode plot): lays out a
 * plot area inside a box, resolves both axes from the data, and draws grid, series, axes and legend.
 */
import { InputError } from '../errors.js';
import { extentOf, resolveAxis, tickLabelWidth, drawGrid, drawAxes, axisLabel } from './axis.js';
import type { ResolvedAxis, PlotArea, Extent } from './axis.js';
import { formatTick } from './format.js';
import { linePath, markersPath, markerPath } from './marks.js';
import { Scale } from './scale.js';
import { el, text } from './svg.js';
import { seriesStyle, THEME, textWidth } from './theme.js';
import { niceStep, ticksInside } from './ticks.js';
import type { AxisOptions, Box, XYSeries } from './types.js';

export interface XYPanelOptions {
  x: AxisOptions;
  y: AxisOptions;
  series: XYSeries[];
  legend?: 'auto' | 'right' | 'none';
  equalAspect?: boolean;
  title?: string;
  /** Draw the x-axis title (off for the upper panel of a Bode plot). */
  xTitle?: boolean;
  /** Series style index offset (so a second panel keeps the first panel's colours). */
  styleOffset?: number;
  /** Force the plot area's left edge (to align stacked panels). */
  leftInset?: number;
  /** Keep the legend's space on the right without drawing it (stacked panels sharing one legend). */
  reserveLegend?: boolean;
}

export interface XYPanel {
  svg: string;
  area: PlotArea;
  xAxis: ResolvedAxis;
  yAxis: ResolvedAxis;
}

function validateSeries(series: XYSeries[]): void {
  if (!Array.isArray(series)) throw new InputError({ field: 'series' }, 'an array of series', typeof series);
  series.forEach((s, i) => {
    if (s.x.length !== s.y.length) {
      throw new InputError({ field: `series[${i}] '${s.name}'` }, `x and y of equal length`, `x: ${s.x.length}, y: ${s.y.length}`);
    }
  });
}

function legendWidth(series: XYSeries[]): number {
  let w = 0;
  for (const s of series) w = Math.max(w, textWidth(s.name, THEME.fontSize));
  return 12 + 26 + 6 + w + 6;
}

const xTickTarget = (px: number): number => Math.max(2, Math.round(px / 90));
const yTickTarget = (px: number): number => Math.max(2, Math.round(px / 55));

/** Equal data units per pixel on both axes, centred on the data, with a shared nice tick step. */
function equalAspectAxes(x: AxisOptions, y: AxisOptions, xe: Extent | null, ye: Extent | null, area: PlotArea): [ResolvedAxis, ResolvedAxis] {
  if (x.log || y.log) throw new InputError({ field: 'equalAspect' }, 'linear axes for an equal-aspect plot', 'a logarithmic axis');
  const xd = xe ?? { min: 0, max: 1 };
  const yd = ye ?? { min: 0, max: 1 };
  const sx = Math.max(xd.max - xd.min, 1e-12);
  const sy = Math.max(yd.max - yd.min, 1e-12);
  const k = Math.max(sx / area.width, sy / area.height) * 1.08;
  const cx = (xd.min + xd.max) / 2;
  const cy = (yd.min + yd.max) / 2;
  const xDomain: [number, number] = [cx - (k * area.width) / 2, cx + (k * area.width) / 2];
  const yDomain: [number, number] = [cy - (k * area.height) / 2, cy + (k * area.height) / 2];
  const step = niceStep(k * Math.max(area.width, area.height), Math.max(xTickTarget(area.width), yTickTarget(area.height)));
  const make = (opts: AxisOptions, which: string, domain: [number, number], range: [number, number]): ResolvedAxis => {
    const ticks = ticksInside(domain[0], domain[1], step);
    return { label: axisLabel(opts, which), scale: new Scale('linear', domain, range), ticks, tickLabels: ticks.map((v) => formatTick(v, step)), minor: [], grid: opts.grid !== false };
  };
  return [
    make(x, 'x', xDomain, [area.left, area.left + area.width]),
    make(y, 'y', yDomain, [area.top + area.height, area.top]),
  ];
}

export function renderXYPanel(opts: XYPanelOptions, box: Box, clipId: string): XYPanel {
  validateSeries(opts.series);
  const showLegend = opts.legend === 'right' || ((opts.legend ?? 'auto') === 'auto' && opts.series.length > 1);
  const xe = extentOf(opts.series.map((s) => ({ name: s.name, values: s.x })), opts.x.log === true, 'x');
  // With x limits fixed (e.g. zoomed in), the y range fits the points inside them.
  const xLo = opts.x.min ?? -Infinity;
  const xHi = opts.x.max ?? Infinity;
  const ySeries = opts.x.min === undefined && opts.x.max === undefined ? opts.series : opts.series.map((s) => {
    const y = new Float64Array(s.y.length);
    for (let i = 0; i < y.length; i++) y[i] = s.x[i] >= xLo && s.x[i] <= xHi ? s.y[i] : NaN;
    return { ...s, y };
  });
  const ye = extentOf(ySeries.map((s) => ({ name: s.name, values: s.y })), opts.y.log === true, 'y');
  const top = box.y + (opts.title ? 34 : 14);
  const bottomMargin = opts.xTitle === false ? 8 + THEME.fontSize + 10 : 8 + THEME.fontSize + 8 + THEME.labelSize + 12;
  const height = Math.max(40, box.y + box.height - bottomMargin - top);
  const yRange: [number, number] = [top + height, top];
  let yAxis = resolveAxis(opts.y, 'y', ye, yRange, yTickTarget(height));
  const rightMargin = 16 + (showLegend || opts.reserveLegend ? legendWidth(opts.series) : 0);
  const leftFor = (a: ResolvedAxis): number => opts.leftInset ?? Math.ceil(14 + tickLabelWidth(a) + THEME.labelSize + 14);
  let left = box.x + leftFor(yAxis);
  let width = Math.max(40, box.x + box.width - rightMargin - left);
  let xAxis = resolveAxis(opts.x, 'x', xe, [left, left + width], xTickTarget(width));
  if (opts.equalAspect) {
    for (let pass = 0; pass < 2; pass++) {
      [xAxis, yAxis] = equalAspectAxes(opts.x, opts.y, xe, ye, { left, top, width, height });
      left = box.x + leftFor(yAxis);
      width = Math.max(40, box.x + box.width - rightMargin - left);
    }
    [xAxis, yAxis] = equalAspectAxes(opts.x, opts.y, xe, ye, { left, top, width, height });
  }
  const area: PlotArea = { left, top, width, height };
  const parts: string[] = [];
  if (opts.title) parts.push(text(box.x + box.width / 2, box.y + 22, opts.title, { 'text-anchor': 'middle', 'font-size': THEME.titleSize, 'font-weight': 600, fill: THEME.text, class: 'title' }));
  parts.push(el('clipPath', { id: clipId }, el('rect', { x: area.left, y: area.top, width: area.width, height: area.height })));
  // Markers get a clip a marker wider, so a point on the edge of a nice domain shows whole.
  const pad = THEME.markerRadius * 1.5 + 1;
  parts.push(el('clipPath', { id: clipId + 'm' }, el('rect', { x: area.left - pad, y: area.top - pad, width: area.width + 2 * pad, height: area.height + 2 * pad })));
  parts.push(drawGrid(area, xAxis, yAxis));
  // The plot area carries its scales so a browser can turn a mouse position back into data values.
  parts.push(el('rect', {
    class: 'plot-area', x: area.left, y: area.top, width: area.width, height: area.height, fill: 'none',
    'data-x-domain': `${xAxis.scale.domain[0]} ${xAxis.scale.domain[1]}`, 'data-y-domain': `${yAxis.scale.domain[0]} ${yAxis.scale.domain[1]}`,
    'data-x-scale': xAxis.scale.kind, 'data-y-scale': yAxis.scale.kind,
  }));
  const data: string[] = [];
  opts.series.forEach((s, i) => {
    const st = seriesStyle(i + (opts.styleOffset ?? 0));
    const color = s.color ?? st.color;
    const dash = s.dash ?? st.dash;
    const mode = s.mode ?? 'line';
    let g = '';
    if (mode !== 'markers') {
      const d = linePath(s.x, s.y, xAxis.scale, yAxis.scale);
      if (d) g += el('path', { d, fill: 'none', stroke: color, 'stroke-width': s.width ?? THEME.lineWidth, 'stroke-dasharray': dash, 'stroke-linejoin': 'round', 'stroke-linecap': 'round', 'clip-path': `url(#${clipId})` });
    }
    if (mode !== 'line') {
      const d = markersPath(st.marker, s.x, s.y, xAxis.scale, yAxis.scale, THEME.markerRadius);
      if (d) g += el('path', { d, fill: color, stroke: 'none', 'clip-path': `url(#${clipId}m)` });
    }
    data.push(el('g', { class: 'series', 'data-name': s.name }, g));
  });
  parts.push(el('g', { class: 'data' }, data.join('\n')));
  parts.push(drawAxes(area, xAxis, yAxis, { xTitle: opts.xTitle }));
  if (showLegend) parts.push(drawLegend(opts.series, area.left + area.width + 12, area.top, opts.styleOffset ?? 0));
  if (!xe && !ye) parts.push(text(area.left + area.width / 2, area.top + area.height / 2, 'no data', { 'text-anchor': 'middle', fill: '#888888' }));
  return { svg: parts.filter((p) => p !== '').join('\n'), area, xAxis, yAxis };
}

export function drawLegend(series: XYSeries[], x: number, y: number, styleOffset: number, swatch = false): string {
  const rows = series.map((s, i) => {
    const st = seriesStyle(i + styleOffset);
    const color = s.color ?? st.color;
    const cy = y + 8 + i * 20;
    const mode = s.mode ?? 'line';
    let g = '';
    if (swatch) g += el('rect', { x: x + 6, y: cy - 6, width: 14, height: 12, fill: color });
    else if (mode !== 'markers') g += el('path', { d: `M${x} ${cy}h26`, stroke: color, 'stroke-width': s.width ?? THEME.lineWidth, 'stroke-dasharray': s.dash ?? st.dash, fill: 'none' });
    if (!swatch && mode !== 'line') g += el('path', { d: markerPath(st.marker, x + 13, cy, THEME.markerRadius), fill: color });
    g += text(x + 32, cy + THEME.fontSize * 0.35, s.name, { fill: THEME.text });
    return g;
  });
  return el('g', { class: 'legend' }, rows.join(''));
}
