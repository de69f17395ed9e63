/**
 * Resolves an axis from options and data (domain, scale, ticks, labels) and draws it. Shared by every
 * chart with numeric axes.
 */
import { InputError } from '../errors.js';
import { formatDecade, formatTick, formatValue } from './format.js';
import { Scale } from './scale.js';
import { niceLinear, niceLog, linearTicksFixed } from './ticks.js';
import type { AxisOptions, Numbers } from './types.js';
import { el, text } from './svg.js';
import { THEME } from './theme.js';

const UNIT_PATTERN = /\s\/\s*\S|\(.+\)|\[.+\]/;

/** The label with its unit, or an InputError if there is none (every axis states its unit). */
export function axisLabel(opts: AxisOptions, which: string): string {
  const label = opts.unit ? `${opts.label} / ${opts.unit}` : opts.label;
  if (!UNIT_PATTERN.test(label)) {
    throw new InputError({ field: `${which}.label` }, "an axis label with a unit, e.g. 'Capacity / mAh g⁻¹' (or 'Cycle number / –' for a count)", `'${opts.label}'`);
  }
  return label;
}

export interface Extent {
  min: number;
  max: number;
}

/**
 * The range of the finite values in several arrays. On a log axis a finite value ≤ 0 is an error
 * naming the series and index; NaN and ±Infinity are skipped everywhere. Returns null with no data.
 */
export function extentOf(arrays: { name: string; values: Numbers }[], log: boolean, axisName: string): Extent | null {
  let min = Infinity;
  let max = -Infinity;
  for (const { name, values } of arrays) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) continue;
      if (log && v <= 0) {
        throw new InputError({ field: `${axisName} of series '${name}'[${i}]` }, `a positive value on the logarithmic ${axisName} axis`, String(v));
      }
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return min <= max ? { min, max } : null;
}

export interface ResolvedAxis {
  label: string;
  scale: Scale;
  /** Labelled ticks and their text. */
  ticks: number[];
  tickLabels: string[];
  minor: number[];
  grid: boolean;
}

/**
 * Domain and ticks for an axis of `lengthPx` pixels. `targetCount` ticks are aimed for; explicit min/max
 * are kept as given, otherwise the data range is widened to whole steps (or decades on log axes).
 */
export function resolveAxis(opts: AxisOptions, which: string, data: Extent | null, range: [number, number], targetCount: number): ResolvedAxis {
  const label = axisLabel(opts, which);
  const log = opts.log === true;
  if (log) {
    for (const [k, v] of [['min', opts.min], ['max', opts.max]] as const) {
      if (v !== undefined && !(v > 0)) throw new InputError({ field: `${which}.${k}` }, 'a positive limit on a logarithmic axis', String(v));
    }
  }
  let lo = opts.min ?? data?.min ?? (log ? 1 : 0);
  let hi = opts.max ?? data?.max ?? (log ? 10 : 1);
  if (!log && opts.includeZero) {
    if (opts.min === undefined) lo = Math.min(lo, 0);
    if (opts.max === undefined) hi = Math.max(hi, 0);
  }
  if (!(hi > lo) && opts.min !== undefined && opts.max !== undefined) {
    throw new InputError({ field: `${which}.max` }, `a value greater than ${which}.min (${opts.min})`, String(opts.max));
  }
  const fixed = opts.min !== undefined && opts.max !== undefined;
  const nice = opts.nice !== false && !fixed;
  if (log) {
    if (!(hi > lo)) { lo /= 2; hi *= 2; }
    const t = niceLog(lo, hi, nice, Math.max(2, targetCount + 2));
    const domain: [number, number] = nice ? t.domain : [opts.min ?? t.domain[0], opts.max ?? t.domain[1]];
    const plain = t.majorExponents.every((k) => k >= -3 && k <= 4);
    return {
      label,
      scale: new Scale('log', domain, range),
      ticks: t.major,
      tickLabels: t.major.map((v) => {
        const k = Math.round(Math.log10(v));
        return Math.abs(v / 10 ** k - 1) < 1e-9 ? formatDecade(k, plain) : formatValue(v, 3);
      }),
      minor: t.minor,
      grid: opts.grid !== false,
    };
  }
  let t = nice ? niceLinear(lo, hi, targetCount) : linearTicksFixed(lo, hi > lo ? hi : lo + 1, targetCount);
  if (!nice && (opts.min === undefined || opts.max === undefined)) {
    // One side fixed: widen only the free side to a whole step.
    const n = niceLinear(lo, hi, targetCount);
    const d: [number, number] = [opts.min ?? n.domain[0], opts.max ?? n.domain[1]];
    t = linearTicksFixed(d[0], d[1], targetCount);
  }
  return {
    label,
    scale: new Scale('linear', t.domain, range),
    ticks: t.ticks,
    tickLabels: t.ticks.map((v) => formatTick(v, t.step)),
    minor: [],
    grid: opts.grid !== false,
  };
}

/** Width in px the y tick labels need. */
export function tickLabelWidth(axis: ResolvedAxis): number {
  let w = 0;
  for (const s of axis.tickLabels) w = Math.max(w, Array.from(s).length * THEME.fontSize * 0.6);
  return w;
}

export interface PlotArea {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Grid lines behind the data. */
export function drawGrid(area: PlotArea, xAxis: ResolvedAxis, yAxis: ResolvedAxis): string {
  let d = '';
  const right = area.left + area.width;
  const bottom = area.top + area.height;
  if (xAxis.grid) for (const v of xAxis.ticks) {
    const x = xAxis.scale.map(v);
    if (x >= area.left - 0.01 && x <= right + 0.01) d += `M${r(x)} ${r(area.top)}V${r(bottom)}`;
  }
  if (yAxis.grid) for (const v of yAxis.ticks) {
    const y = yAxis.scale.map(v);
    if (y >= area.top - 0.01 && y <= bottom + 0.01) d += `M${r(area.left)} ${r(y)}H${r(right)}`;
  }
  return d ? el('path', { d, stroke: THEME.grid, 'stroke-width': 1, fill: 'none', class: 'grid' }) : '';
}

function r(v: number): string {
  return String(Math.round(v * 100) / 100 + 0);
}

/** The frame, ticks, tick labels and axis titles. */
export function drawAxes(area: PlotArea, xAxis: ResolvedAxis, yAxis: ResolvedAxis, opts: { xTitle?: boolean; xTitleOffset?: number } = {}): string {
  const parts: string[] = [];
  const right = area.left + area.width;
  const bottom = area.top + area.height;
  parts.push(el('rect', { x: area.left, y: area.top, width: area.width, height: area.height, fill: 'none', stroke: THEME.axis, 'stroke-width': 1 }));
  let ticks = '';
  const xl: string[] = [];
  xAxis.ticks.forEach((v, i) => {
    const x = xAxis.scale.map(v);
    if (!(x >= area.left - 0.01 && x <= right + 0.01)) return;
    ticks += `M${r(x)} ${r(bottom)}v5`;
    xl.push(text(x, bottom + 8 + THEME.fontSize, xAxis.tickLabels[i], { 'text-anchor': 'middle' }));
  });
  for (const v of xAxis.minor) {
    const x = xAxis.scale.map(v);
    if (x >= area.left && x <= right) ticks += `M${r(x)} ${r(bottom)}v3`;
  }
  const yl: string[] = [];
  yAxis.ticks.forEach((v, i) => {
    const y = yAxis.scale.map(v);
    if (!(y >= area.top - 0.01 && y <= bottom + 0.01)) return;
    ticks += `M${r(area.left)} ${r(y)}h-5`;
    yl.push(text(area.left - 8, y + THEME.fontSize * 0.35, yAxis.tickLabels[i], { 'text-anchor': 'end' }));
  });
  for (const v of yAxis.minor) {
    const y = yAxis.scale.map(v);
    if (y >= area.top && y <= bottom) ticks += `M${r(area.left)} ${r(y)}h-3`;
  }
  if (ticks) parts.push(el('path', { d: ticks, stroke: THEME.axis, 'stroke-width': 1, fill: 'none' }));
  parts.push(el('g', { class: 'tick-labels', fill: THEME.text }, xl.join('') + yl.join('')));
  if (opts.xTitle !== false) {
    parts.push(text(area.left + area.width / 2, bottom + 16 + THEME.fontSize + THEME.labelSize + (opts.xTitleOffset ?? 0), xAxis.label, { 'text-anchor': 'middle', 'font-size': THEME.labelSize, fill: THEME.text, class: 'x-label' }));
  }
  const yLabelX = area.left - 14 - tickLabelWidth(yAxis) - THEME.labelSize * 0.4;
  const cy = area.top + area.height / 2;
  parts.push(text(yLabelX, cy, yAxis.label, { 'text-anchor': 'middle', 'font-size': THEME.labelSize, fill: THEME.text, transform: `rotate(-90 ${r(yLabelX)} ${r(cy)})`, class: 'y-label' }));
  return parts.join('\n');
}
