/**
 * Shows a chart from the plotting module (an SVG string) with a hover readout of data values and
 * buttons to export it as SVG, PNG or CSV.
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

function dataValue(domain: [number, number], log: boolean, t: number): number {
  if (log) return 10 ** (Math.log10(domain[0]) + t * (Math.log10(domain[1]) - Math.log10(domain[0])));
  return domain[0] + t * (domain[1] - domain[0]);
}

const readout = (v: number): string => (Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : Number(v.toPrecision(4)).toString());

function attachHover(holder: HTMLElement, out: HTMLElement): void {
  holder.addEventListener('mousemove', (ev) => {
    const svg = holder.querySelector('svg');
    if (!svg) return;
    const pt = svg.createSVGPoint();
    pt.x = ev.clientX;
    pt.y = ev.clientY;
    const ctm = svg.getScreenCTM();
    if (!ctm) return;
    const p = pt.matrixTransform(ctm.inverse());
    for (const rect of Array.from(svg.querySelectorAll<SVGRectElement>('rect.plot-area'))) {
      const x = Number(rect.getAttribute('x'));
      const y = Number(rect.getAttribute('y'));
      const w = Number(rect.getAttribute('width'));
      const hgt = Number(rect.getAttribute('height'));
      if (p.x < x || p.x > x + w || p.y < y || p.y > y + hgt) continue;
      const xd = (rect.getAttribute('data-x-domain') ?? '0 1').split(' ').map(Number) as [number, number];
      const yd = (rect.getAttribute('data-y-domain') ?? '0 1').split(' ').map(Number) as [number, number];
      const xv = dataValue(xd, rect.getAttribute('data-x-scale') === 'log', (p.x - x) / w);
      const yv = dataValue(yd, rect.getAttribute('data-y-scale') === 'log', 1 - (p.y - y) / hgt);
      out.textContent = `x = ${readout(xv)}, y = ${readout(yv)}`;
      return;
    }
    out.textContent = '';
  });
  holder.addEventListener('mouseleave', () => (out.textContent = ''));
}

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

/** A figure element holding the chart; call `update(svg)` to redraw it in place. */
export function figure(opts: FigureOptions): { el: HTMLElement; update(svg: string): void } {
  let current = '';
  const holder = h('div', { class: 'chart', 'data-testid': opts.testId });
  const out = h('span', { class: 'readout', 'aria-live': 'polite' });
  attachHover(holder, out);
  const bar = h('div', { class: 'figure-tools' },
    out,
    h('button', { type: 'button', class: 'small', onclick: () => download(`${opts.name}.svg`, current, 'image/svg+xml') }, 'SVG'),
    h('button', { type: 'button', class: 'small', onclick: () => void svgToPng(current).then((b) => download(`${opts.name}.png`, b, 'image/png')) }, 'PNG'),
    opts.csv ? h('button', { type: 'button', class: 'small', onclick: () => download(`${opts.name}.csv`, opts.csv?.() ?? '', 'text/csv') }, 'CSV') : null,
  );
  const el = h('figure', { class: 'figure' }, holder, bar);
  return {
    el,
    update(svg: string) {
      current = svg;
      holder.innerHTML = svg;
    },
  };
}

/** CSV from named columns (RFC 4180 quoting for names). */
export function toCsv(columns: { name: string; values: ArrayLike<number> }[]): string {
  const q = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const n = Math.max(0, ...columns.map((c) => c.values.length));
  const lines = [columns.map((c) => q(c.name)).join(',')];
  for (let i = 0; i < n; i++) lines.push(columns.map((c) => (i < c.values.length && Number.isFinite(c.values[i]) ? String(c.values[i]) : '')).join(','));
  return lines.join('\n') + '\n';
}
