/** The public option types of the plotting module. Every chart function returns a standalone SVG string. */

/** Numbers as a plain array or a typed array (Float64Array from the core needs no copy). */
export type Numbers = ArrayLike<number>;

export interface AxisOptions {
  /**
   * Quantity and unit, e.g. 'Capacity / mAh g⁻¹' or 'Voltage (V)'. A unit is required: the label must
   * contain ' / unit', '(unit)' or '[unit]', or `unit` must be given (it is appended as ' / unit').
   * For counts write e.g. 'Cycle number / –'.
   */
  label: string;
  unit?: string;
  /** Logarithmic axis; all data on it must be > 0 (NaN points are skipped). */
  log?: boolean;
  /** Fixed limits; either may be omitted to take it from the data. */
  min?: number;
  max?: number;
  /** Widen the data range to whole tick steps (default true; ignored where limits are fixed). */
  nice?: boolean;
  /** Include zero in a linear axis's range (default false; bar charts always do). */
  includeZero?: boolean;
  /** Draw grid lines at the major ticks (default true). */
  grid?: boolean;
}

export type SeriesMode = 'line' | 'markers' | 'line+markers';

export interface XYSeries {
  name: string;
  x: Numbers;
  y: Numbers;
  /** Default 'line'. */
  mode?: SeriesMode;
  /** CSS colour; default from the colour-blind-safe palette by series index. */
  color?: string;
  /** SVG dash array such as '6 3'; default solid for the first seven series. */
  dash?: string;
  /** Line width in px. */
  width?: number;
}

export interface ChartSize {
  /** Outer width and height in px (default 640 × 400). */
  width?: number;
  height?: number;
}

export interface LineChartOptions extends ChartSize {
  title?: string;
  x: AxisOptions;
  y: AxisOptions;
  series: XYSeries[];
  /** 'auto' (default) shows a legend when there are two or more series. */
  legend?: 'auto' | 'right' | 'none';
  /** Same data units per pixel on both axes (Nyquist plots). */
  equalAspect?: boolean;
}

/** A box in px inside an SVG. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
