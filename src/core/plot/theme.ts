/**
 * Visual defaults. The series palette is Okabe & Ito's colour-blind-safe set ("Color Universal Design",
 * 2008), minus its yellow, which is unreadable on white; series also differ in marker shape and, past
 * the palette's length, in dash pattern, so no chart depends on colour alone.
 */
export const PALETTE: readonly string[] = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

export const DASHES: readonly string[] = ['', '6 3', '2 3', '8 3 2 3'];

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond';
export const MARKERS: readonly MarkerShape[] = ['circle', 'square', 'triangle', 'diamond'];

export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', 'DejaVu Sans', Arial, sans-serif";

export interface Theme {
  fontSize: number;
  titleSize: number;
  labelSize: number;
  text: string;
  axis: string;
  grid: string;
  background: string;
  lineWidth: number;
  markerRadius: number;
}

export const THEME: Theme = {
  fontSize: 12,
  titleSize: 15,
  labelSize: 13,
  text: '#222222',
  axis: '#444444',
  grid: '#e3e3e3',
  background: '#ffffff',
  lineWidth: 1.8,
  markerRadius: 3,
};

/** Rough text width in px for layout (no DOM to measure with): average glyph ≈ 0.6 em. */
export function textWidth(s: string, fontSize: number): number {
  return Array.from(s).length * fontSize * 0.56;
}

export function seriesStyle(index: number): { color: string; dash: string; marker: MarkerShape } {
  return {
    color: PALETTE[index % PALETTE.length],
    dash: DASHES[Math.floor(index / PALETTE.length) % DASHES.length],
    marker: MARKERS[index % MARKERS.length],
  };
}
