/** Grouped bar charts: one group per category, one bar per series, from zero. */
import { InputError } from '../errors.js';
import { drawAxes, extentOf, resolveAxis, tickLabelWidth } from './axis.js';
import type { PlotArea, ResolvedAxis } from './axis.js';
import { Scale } from './scale.js';
import { escapeXml, formatValue } from './format.js';
import { el, svgDocument, text } from './svg.js';
import { seriesStyle, THEME, textWidth } from './theme.js';
import { drawLegend } from './xy-panel.js';
import type { AxisOptions, ChartSize, Numbers } from './types.js';

export interface BarSeries {
  name: string;
  /** One value per category; NaN leaves the bar out. */
  values: Numbers;
  color?: string;
}

export interface BarChartOptions extends ChartSize {
  title?: string;
  categories: string[];
  /** The category axis title (a unit is not required here, e.g. 'Cathode'). */
  xLabel?: string;
  y: AxisOptions;
  series: BarSeries[];
  legend?: 'auto' | 'right' | 'none';
}

export function barChart(options: BarChartOptions): string {
  const width = options.width ?? 640;
  const height = options.height ?? 400;
  const nc = options.categories.length;
  options.series.forEach((s, i) => {
    if (s.values.length !== nc) throw new InputError({ field: `series[${i}] '${s.name}'.values` }, `${nc} values (one per category)`, String(s.values.length));
  });
  const showLegend = options.legend === 'right' || ((options.legend ?? 'auto') === 'auto' && options.series.length > 1);
  const ye = extentOf(options.series.map((s) => ({ name: s.name, values: s.values })), options.y.log === true, 'y');
  const top = options.title ? 34 : 14;
  let legendW = 0;
  if (showLegend) for (const s of options.series) legendW = Math.max(legendW, 12 + 26 + 6 + textWidth(s.name, THEME.fontSize) + 6);
  // Category names that do not fit under their group are set at an angle (and the margin grows).
  let maxCat = 0;
  for (const c of options.categories) maxCat = Math.max(maxCat, textWidth(c, THEME.fontSize));
  const roughBand = (width - 90 - legendW) / Math.max(1, nc);
  const slant = maxCat > roughBand * 0.92;
  const catH = slant ? maxCat * Math.sin(Math.PI / 6) + THEME.fontSize : 0;
  const bottomMargin = 8 + THEME.fontSize + 8 + catH + (options.xLabel ? THEME.labelSize + 12 : 4);
  const plotH = height - top - bottomMargin;
  const yAxis = resolveAxis({ ...options.y, includeZero: options.y.log ? false : true }, 'y', ye, [top + plotH, top], Math.max(2, Math.round(plotH / 55)));
  const left = Math.ceil(14 + tickLabelWidth(yAxis) + THEME.labelSize + 14);
  const plotW = width - left - 16 - legendW;
  const area: PlotArea = { left, top, width: plotW, height: plotH };
  // The category axis is drawn with an empty numeric axis and category labels placed by hand.
  const xAxis: ResolvedAxis = { label: options.xLabel ?? '', scale: new Scale('linear', [0, Math.max(1, nc)], [left, left + plotW]), ticks: [], tickLabels: [], minor: [], grid: false };
  const band = plotW / Math.max(1, nc);
  const ns = Math.max(1, options.series.length);
  const barW = (band * 0.8) / ns;
  const base = yAxis.scale.kind === 'log' ? top + plotH : yAxis.scale.map(0);
  const parts: string[] = [];
  if (options.title) parts.push(text(width / 2, 22, options.title, { 'text-anchor': 'middle', 'font-size': THEME.titleSize, 'font-weight': 600, fill: THEME.text, class: 'title' }));
  let grid = '';
  for (const v of yAxis.ticks) grid += `M${left} ${Math.round(yAxis.scale.map(v) * 100) / 100}h${Math.round(plotW * 100) / 100}`;
  if (grid && yAxis.grid) parts.push(el('path', { d: grid, stroke: THEME.grid, fill: 'none', class: 'grid' }));
  options.series.forEach((s, j) => {
    const color = s.color ?? seriesStyle(j).color;
    let bars = '';
    for (let i = 0; i < nc; i++) {
      const v = s.values[i];
      if (!Number.isFinite(v)) continue;
      const y = yAxis.scale.map(v);
      const x = left + i * band + band * 0.1 + j * barW;
      bars += el('rect', { x, y: Math.min(y, base), width: barW * 0.92, height: Math.abs(base - y), fill: color }, `<title>${escapeXml(`${s.name}, ${options.categories[i]}: ${formatValue(v)}`)}</title>`);
    }
    parts.push(el('g', { class: 'series', 'data-name': s.name }, bars));
  });
  parts.push(drawAxes(area, xAxis, yAxis, { xTitle: options.xLabel !== undefined, xTitleOffset: catH }));
  const labels = options.categories.map((c, i) => {
    const cx = left + (i + 0.5) * band;
    const cy = top + plotH + 8 + THEME.fontSize;
    return slant
      ? text(cx, cy, c, { 'text-anchor': 'end', fill: THEME.text, transform: `rotate(-30 ${Math.round(cx * 100) / 100} ${Math.round(cy * 100) / 100})` })
      : text(cx, cy, c, { 'text-anchor': 'middle', fill: THEME.text });
  });
  parts.push(el('g', { class: 'category-labels' }, labels.join('')));
  if (showLegend) parts.push(drawLegend(options.series.map((s) => ({ name: s.name, x: [], y: [], color: s.color, mode: 'markers' })), left + plotW + 12, top, 0, true));
  return svgDocument(width, height, parts.join('\n'), options.title);
}
