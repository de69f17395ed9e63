/**
 * cathodelab's public API (browser-safe). This file only re-exports; see each module for docs.
 * Node-only helpers (files, CLI) are exported from 'cathodelab/node'.
 */
export * from './core/errors.js';
export * from './core/units.js';
export * from './core/version.js';
export * from './core/io/measurement.js';
export * from './core/io/formats.js';
export { leastSquares } from './core/numerics/least-squares.js';
export type { LeastSquaresProblem, LeastSquaresOptions, LeastSquaresResult, LeastSquaresStopReason, MultiStartOptions, ResidualFunction, JacobianFunction } from './core/numerics/least-squares.js';
export { SeededRandom } from './core/numerics/seeded-random.js';
export {
  lineChart, scatterChart, nyquistChart, bodeChart, heatmapChart, barChart, panelGrid,
  niceStep, niceLinear, niceLog, linearTicksFixed, PlotScale, formatTick, formatPlotValue, formatDecade, colorAt, PLOT_PALETTE,
} from './core/plot/index.js';
export type {
  AxisOptions as PlotAxisOptions, XYSeries, LineChartOptions, SeriesMode, ChartSize, Numbers as PlotNumbers, ImpedanceSeries, NyquistOptions, BodeOptions,
  HeatmapOptions, HeatmapAxis, BarChartOptions, BarSeries, PanelGridOptions, LinearTicks, LogTicks, PlotScaleKind, ColorMapName,
} from './core/plot/index.js';
