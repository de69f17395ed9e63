/**
 * Shows a chart from the plotting module (an SVG string) with a hover readout of data values, drag to
 * zoom (for charts drawn through `draw`, which re-renders with new axis limits; double-click or "Reset
 * zoom" goes back), and buttons to export it as SVG, PNG or CSV.
 */
import { h, download } from './dom.js';

export interface FigureOptions {
  /** File name stem for exports. */
  name: string;
  /** CSV text of the plotted data, when there is any. */
  csv?: () => string;
  /** data-testid for tests. */
  testId?: string;
}

/** Axis limits chosen by zooming; undefined = the chart's own. */
export interface View {
  x?: [number, number];
  y?: [number, number];
}

interface Hit {
  rect: SVGRectElement;
  x: number;
  y: number;
  /** Position inside the plot area, 0…1 from left and from bottom. */
  fx: number;
  fy: number;
}

function dataValue(domain: [number, number], log: boolean, t: number): number {
  if (log) return 10 ** (Math.log10(domain[0]) + t * (Math.log10(domain[1]) - Math.log10(domain[0])));
  return domain[0] + t * (domain[1] - domain[0]);
}

/** The data coordinates under a mouse position, from the plot area's data-* attributes. */
function hitTest(holder: HTMLElement, clientX: number, clientY: number, clamp = false): Hit | undefined {
  const svg = holder.querySelector('svg');
  const ctm = svg?.getScreenCTM();
  if (!svg || !ctm) return undefined;
  const p = new DOMPoint(clientX, clientY).matrixTransform(ctm.inverse());
  for (const rect of Array.from(svg.querySelectorAll<SVGRectElement>('rect.plot-area'))) {
    const x0 = Number(rect.getAttribute('x'));
    const y0 = Number(rect.getAttribute('y'));
    const w = Number(rect.getAttribute('width'));
    const hh = Number(rect.getAttribute('height'));
    let fx = (p.x - x0) / w;
    let fy = 1 - (p.y - y0) / hh;
    if (clamp) { fx = Math.min(1, Math.max(0, fx)); fy = Math.min(1, Math.max(0, fy)); } else if (fx < 0 || fx > 1 || fy < 0 || fy > 1) continue;
    const xd = (rect.getAttribute('data-x-domain') ?? '0 1').split(' ').map(Number) as [number, number];
    const yd = (rect.getAttribute('data-y-domain') ?? '0 1').split(' ').map(Number) as [number, number];
    return { rect, fx, fy, x: dataValue(xd, rect.getAttribute('data-x-scale') === 'log', fx), y: dataValue(yd, rect.getAttribute('data-y-scale') === 'log', fy) };
  }
  return undefined;
}

const readout = (v: number): string => (Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : Number(v.toPrecision(4)).toString());

async function svgToPng(svg: string): Promise<Blob> {
  const m = /width="([\d.]+)" height="([\d.]+)"/.exec(svg);
  const w = m ? Number(m[1]) : 640;
  const hgt = m ? Number(m[2]) : 400;
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the SVG could not be rendered'));
      img.src = url;
    });
    const scale = 2;
    const canvas = h('canvas', { width: w * scale, height: hgt * scale });
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG export failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export interface Figure {
  el: HTMLElement;
  /** Shows a fixed SVG (no zoom). */
  update(svg: string): void;
  /** Shows a chart that can be redrawn for a zoomed view. */
  draw(render: (view: View) => string): void;
}

/** A figure element holding the chart. */
export function figure(opts: FigureOptions): Figure {
  let current = '';
  let render: ((view: View) => string) | undefined;
  let view: View = {};
  const holder = h('div', { class: 'chart', 'data-testid': opts.testId });
  const out = h('span', { class: 'readout', 'aria-live': 'polite' });
  const band = h('div', { class: 'zoom-band', hidden: true });
  const reset = h('button', { type: 'button', class: 'small', hidden: true, onclick: () => setView({}) }, 'Reset zoom');
  const show = (svg: string): void => {
    current = svg;
    holder.innerHTML = svg;
    holder.append(band);
  };
  const setView = (v: View): void => {
    view = v;
    reset.hidden = v.x === undefined && v.y === undefined;
    if (render) show(render(view));
  };

  holder.addEventListener('mousemove', (ev) => {
    const hit = hitTest(holder, ev.clientX, ev.clientY);
    out.textContent = hit ? `x = ${readout(hit.x)}, y = ${readout(hit.y)}` : '';
  });
  holder.addEventListener('mouseleave', () => (out.textContent = ''));

  // Drag to zoom: a horizontal drag sets the x range, a box sets both.
  let start: { hit: Hit; cx: number; cy: number } | undefined;
  // Pointer capture keeps the drag's events on the chart, so no listeners outlive it on window.
  holder.addEventListener('pointerdown', (ev) => {
    if (!render || ev.button !== 0) return;
    const hit = hitTest(holder, ev.clientX, ev.clientY);
    if (!hit) return;
    ev.preventDefault();
    holder.setPointerCapture(ev.pointerId);
    start = { hit, cx: ev.clientX, cy: ev.clientY };
  });
  holder.addEventListener('pointermove', (ev) => {
    if (!start) return;
    const r = holder.getBoundingClientRect();
    const boxY = Math.abs(ev.clientY - start.cy) > 12;
    band.hidden = false;
    const pa = start.hit.rect.getBoundingClientRect();
    band.style.left = `${Math.min(start.cx, ev.clientX) - r.left}px`;
    band.style.width = `${Math.abs(ev.clientX - start.cx)}px`;
    band.style.top = `${(boxY ? Math.min(start.cy, ev.clientY) : pa.top) - r.top}px`;
    band.style.height = `${boxY ? Math.abs(ev.clientY - start.cy) : pa.height}px`;
  });
  holder.addEventListener('pointerup', (ev) => {
    if (!start) return;
    const s = start;
    start = undefined;
    band.hidden = true;
    if (Math.abs(ev.clientX - s.cx) < 6) return;
    const end = hitTest(holder, ev.clientX, ev.clientY, true);
    if (!end) return;
    const v: View = { x: [Math.min(s.hit.x, end.x), Math.max(s.hit.x, end.x)] };
    if (Math.abs(ev.clientY - s.cy) > 12) v.y = [Math.min(s.hit.y, end.y), Math.max(s.hit.y, end.y)];
    setView(v);
  });
  holder.addEventListener('dblclick', () => { if (render) setView({}); });

  const bar = h('div', { class: 'figure-tools' },
    out,
    reset,
    h('button', { type: 'button', class: 'small', onclick: () => download(`${opts.name}.svg`, current, 'image/svg+xml') }, 'SVG'),
    h('button', { type: 'button', class: 'small', onclick: () => void svgToPng(current).then((b) => download(`${opts.name}.png`, b, 'image/png')) }, 'PNG'),
    opts.csv ? h('button', { type: 'button', class: 'small', onclick: () => download(`${opts.name}.csv`, opts.csv?.() ?? '', 'text/csv') }, 'CSV') : null,
  );
  const el = h('figure', { class: 'figure' }, holder, bar);
  return {
    el,
    update(svg: string) {
      render = undefined;
      view = {};
      reset.hidden = true;
      show(svg);
    },
    draw(r: (view: View) => string) {
      render = r;
      view = {};
      reset.hidden = true;
      show(r(view));
    },
  };
}

/** Axis limits for a zoomed view, to spread into an AxisOptions object. */
export function limits(range: [number, number] | undefined): { min?: number; max?: number } {
  return range ? { min: range[0], max: range[1] } : {};
}

/** CSV from named columns (RFC 4180 quoting for names). */
export function toCsv(columns: { name: string; values: ArrayLike<number> }[]): string {
  const q = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const n = Math.max(0, ...columns.map((c) => c.values.length));
  const lines = [columns.map((c) => q(c.name)).join(',')];
  for (let i = 0; i < n; i++) lines.push(columns.map((c) => (i < c.values.length && Number.isFinite(c.values[i]) ? String(c.values[i]) : '')).join(','));
  return lines.join('\n') + '\n';
}
