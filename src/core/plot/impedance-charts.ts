/**
 * Impedance plots. Z = Z′ + jZ″ with Z″ < 0 for a capacitive arc (the data model's sign convention);
 * a Nyquist plot shows −Z″ upward on equal scales so a semicircle looks like one, and a Bode plot shows
 * |Z| and −phase against frequency on a log axis.
 */
import { InputError } from '../errors.js';
import { svgDocument, contentId } from './svg.js';
import type { ChartSize, Numbers, SeriesMode, XYSeries } from './types.js';
import { renderXYPanel } from './xy-panel.js';
import { THEME } from './theme.js';

export interface ImpedanceSeries {
  name: string;
  /** Z′ in the chart's unit (Ω by default). */
  zReal: Numbers;
  /** Z″ with its physical sign (negative for capacitive behaviour). */
  zImag: Numbers;
  /** Needed by Bode plots. */
  frequencyHz?: Numbers;
  /** Default: measured data as markers; set 'line' for a fitted model. */
  mode?: SeriesMode;
  color?: string;
  dash?: string;
}

export interface NyquistOptions extends ChartSize {
  title?: string;
  series: ImpedanceSeries[];
  /** Impedance unit for the axis labels (default 'Ω'; e.g. 'Ω cm²' for area-specific). */
  unit?: string;
  legend?: 'auto' | 'right' | 'none';
}

function negate(a: Numbers): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = -a[i];
  return out;
}

function checkLengths(s: ImpedanceSeries, i: number, needFrequency: boolean): void {
  if (s.zReal.length !== s.zImag.length) {
    throw new InputError({ field: `series[${i}] '${s.name}'` }, 'zReal and zImag of equal length', `${s.zReal.length} and ${s.zImag.length}`);
  }
  if (needFrequency && (s.frequencyHz === undefined || s.frequencyHz.length !== s.zReal.length)) {
    throw new InputError({ field: `series[${i}] '${s.name}'.frequencyHz` }, `${s.zReal.length} frequencies (one per impedance point)`, s.frequencyHz === undefined ? 'none' : String(s.frequencyHz.length));
  }
}

/** Nyquist plot (−Z″ against Z′) with equal data units per pixel on both axes. */
export function nyquistChart(options: NyquistOptions): string {
  const width = options.width ?? 560;
  const height = options.height ?? 420;
  const unit = options.unit ?? 'Ω';
  options.series.forEach((s, i) => checkLengths(s, i, false));
  const series: XYSeries[] = options.series.map((s) => ({ name: s.name, x: s.zReal, y: negate(s.zImag), mode: s.mode ?? 'markers', color: s.color, dash: s.dash }));
  const id = contentId('clip', 'nyquist', options.title ?? '', ...series.map((s) => `${s.name}:${s.x.length}`));
  const panel = renderXYPanel({ x: { label: 'Z′', unit }, y: { label: '−Z″', unit }, series, equalAspect: true, legend: options.legend, title: options.title }, { x: 0, y: 0, width, height }, id);
  return svgDocument(width, height, panel.svg, options.title);
}

export interface BodeOptions extends NyquistOptions {
  /** Phase axis shows −φ (positive for capacitive data) unless false. */
  negativePhase?: boolean;
}

/** Bode plot: |Z| (log) above, phase below, both against frequency on a shared log axis. */
export function bodeChart(options: BodeOptions): string {
  const width = options.width ?? 640;
  const height = options.height ?? 520;
  const unit = options.unit ?? 'Ω';
  const negPhase = options.negativePhase !== false;
  options.series.forEach((s, i) => checkLengths(s, i, true));
  const mag: XYSeries[] = [];
  const phase: XYSeries[] = [];
  for (const s of options.series) {
    const n = s.zReal.length;
    const m = new Float64Array(n);
    const p = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      m[i] = Math.hypot(s.zReal[i], s.zImag[i]);
      const deg = (Math.atan2(s.zImag[i], s.zReal[i]) * 180) / Math.PI;
      p[i] = negPhase ? -deg : deg;
    }
    const f = s.frequencyHz as Numbers;
    const mode = s.mode ?? 'markers';
    mag.push({ name: s.name, x: f, y: m, mode, color: s.color, dash: s.dash });
    phase.push({ name: s.name, x: f, y: p, mode, color: s.color, dash: s.dash });
  }
  const id = contentId('clip', 'bode', options.title ?? '', ...mag.map((s) => `${s.name}:${s.x.length}`));
  const titleH = options.title ? 20 : 0;
  const h1 = Math.round((height - titleH) * 0.5);
  const x = { label: 'Frequency', unit: 'Hz', log: true };
  // Both panels must share the left edge so their frequency axes line up.
  const inset = Math.ceil(14 + 7 * THEME.fontSize * 0.6 + THEME.labelSize + 14);
  const top = renderXYPanel({ x, y: { label: '|Z|', unit, log: true }, series: mag, legend: options.legend, title: options.title, xTitle: false, leftInset: inset }, { x: 0, y: 0, width, height: h1 + titleH }, id + 'a');
  const bottom = renderXYPanel({ x, y: { label: negPhase ? '−Phase' : 'Phase', unit: '°' }, series: phase, legend: 'none', reserveLegend: options.legend !== 'none' && (options.legend === 'right' || phase.length > 1), leftInset: inset }, { x: 0, y: h1 + titleH - 6, width, height: height - h1 - titleH + 6 }, id + 'b');
  return svgDocument(width, height, top.svg + '\n' + bottom.svg, options.title);
}
