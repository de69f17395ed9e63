/**
 * Plotting: pure functions from data to standalone SVG strings. No DOM, so the same code writes SVG
 * files in Node (reports, every `--plot`) and renders in the browser (insert the string).
 */
export { lineChart, scatterChart } from './line-chart.js';
export { nyquistChart, bodeChart } from './impedance-charts.js';
export type { ImpedanceSeries, NyquistOptions, BodeOptions } from './impedance-charts.js';
export { heatmapChart } from './heatmap-chart.js';
export type { HeatmapOptions, HeatmapAxis } from './heatmap-chart.js';
export { barChart } from './bar-chart.js';
export type { BarChartOptions, BarSeries } from './bar-chart.js';
export { panelGrid } from './layout.js';
export type { PanelGridOptions } from './layout.js';
export type { AxisOptions, XYSeries, LineChartOptions, SeriesMode, ChartSize, Numbers } from './types.js';
export { niceStep, niceLinear, niceLog, linearTicksFixed } from './ticks.js';
export type { LinearTicks, LogTicks } from './ticks.js';
export { Scale as PlotScale } from './scale.js';
export type { ScaleKind as PlotScaleKind } from './scale.js';
export { formatTick, formatValue as formatPlotValue, formatDecade } from './format.js';
export { colorAt } from './colormap.js';
export type { ColorMapName } from './colormap.js';
export { PALETTE as PLOT_PALETTE } from './theme.js';
