/** Line and scatter charts with several series, linear or log axes, and a legend. */
import { svgDocument, contentId } from './svg.js';
import type { LineChartOptions } from './types.js';
import { renderXYPanel } from './xy-panel.js';

/**
 * A line/scatter chart as a standalone SVG string (works in Node and the browser; no DOM needed).
 *
 * ```ts
 * lineChart({
 *   title: 'Discharge at 0.1C',
 *   x: { label: 'Capacity / mAh g⁻¹' },
 *   y: { label: 'Voltage / V' },
 *   series: [{ name: 'LLZO', x: capacity, y: voltage }, { name: 'bare', x: c2, y: v2, mode: 'markers' }],
 * });
 * ```
 * NaN or infinite points are skipped (lines break there). A log axis with data ≤ 0 throws InputError.
 */
export function lineChart(options: LineChartOptions): string {
  const width = options.width ?? 640;
  const height = options.height ?? 400;
  const id = contentId('clip', options.title ?? '', options.x.label, options.y.label, ...options.series.map((s) => `${s.name}:${s.x.length}`));
  const panel = renderXYPanel(options, { x: 0, y: 0, width, height }, id);
  return svgDocument(width, height, panel.svg, options.title);
}

/** A scatter chart: `lineChart` with every series drawn as markers unless it says otherwise. */
export function scatterChart(options: LineChartOptions): string {
  return lineChart({ ...options, series: options.series.map((s) => ({ ...s, mode: s.mode ?? 'markers' })) });
}
