/** Several charts in one SVG: a grid of panels, each a chart SVG from this module, nested as-is. */
import { InputError } from '../errors.js';
import { escapeXml, svgNum } from './format.js';
import { svgDocument, text } from './svg.js';
import { THEME } from './theme.js';

export interface PanelGridOptions {
  title?: string;
  /** Chart SVG strings (from lineChart, heatmapChart, …). */
  panels: string[];
  /** Panels per row (default: 2, or 1 for a single panel). */
  columns?: number;
  /** Space between panels in px (default 8). */
  gap?: number;
  /** Letter each panel (a), (b), … in its top-left corner (default true with more than one panel). */
  letters?: boolean;
}

function sizeOf(svg: string, i: number): { width: number; height: number } {
  const m = /^<svg\b[^>]*\bwidth="([\d.]+)"[^>]*\bheight="([\d.]+)"/.exec(svg.trimStart());
  if (!m) throw new InputError({ field: `panels[${i}]` }, 'an SVG string from a cathodelab chart function (with width and height)', svg.slice(0, 40));
  return { width: Number(m[1]), height: Number(m[2]) };
}

/**
 * Lays out charts row by row. Each row is as tall as its tallest panel; each column as wide as its
 * widest. Returns one standalone SVG.
 */
export function panelGrid(options: PanelGridOptions): string {
  const n = options.panels.length;
  const cols = Math.max(1, Math.min(n, options.columns ?? (n > 1 ? 2 : 1)));
  const gap = options.gap ?? 8;
  const sizes = options.panels.map(sizeOf);
  const rows = Math.ceil(n / cols);
  const colW = new Array<number>(cols).fill(0);
  const rowH = new Array<number>(rows).fill(0);
  sizes.forEach((s, i) => {
    colW[i % cols] = Math.max(colW[i % cols], s.width);
    rowH[Math.floor(i / cols)] = Math.max(rowH[Math.floor(i / cols)], s.height);
  });
  const titleH = options.title ? 32 : 0;
  const width = colW.reduce((a, b) => a + b, 0) + gap * (cols - 1);
  const height = titleH + rowH.reduce((a, b) => a + b, 0) + gap * Math.max(0, rows - 1);
  const letters = options.letters ?? n > 1;
  const parts: string[] = [];
  if (options.title) parts.push(text(width / 2, 22, options.title, { 'text-anchor': 'middle', 'font-size': THEME.titleSize + 1, 'font-weight': 600, fill: THEME.text, class: 'title' }));
  options.panels.forEach((svg, i) => {
    const c = i % cols;
    const r = Math.floor(i / cols);
    const x = colW.slice(0, c).reduce((a, b) => a + b, 0) + gap * c;
    const y = titleH + rowH.slice(0, r).reduce((a, b) => a + b, 0) + gap * r;
    // A nested <svg> keeps each panel's own coordinate system; only the root's xmlns is dropped.
    const inner = svg.trim().replace(/^<svg\b/, `<svg x="${svgNum(x)}" y="${svgNum(y)}"`).replace(' xmlns="http://www.w3.org/2000/svg"', '');
    parts.push(inner);
    if (letters) parts.push(text(x + 8, y + 18, `(${String.fromCharCode(97 + (i % 26))})`, { 'font-size': THEME.labelSize, 'font-weight': 600, fill: THEME.text }));
  });
  return svgDocument(width, height, parts.join('\n'), options.title ? escapeXml(options.title) && options.title : undefined);
}
