import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineChart, scatterChart, nyquistChart, bodeChart, heatmapChart, barChart, panelGrid, InputError, PlotScale } from '../../../src/index.js';

const seriesPaths = (svg: string): string[] => [...svg.matchAll(/<g class="series"[^>]*>(.*?)<\/g>/g)].map((m) => m[1]);
const pathD = (fragment: string): string[] => [...fragment.matchAll(/ d="([^"]*)"/g)].map((m) => m[1]);
const count = (s: string, re: RegExp): number => (s.match(re) ?? []).length;

function plotArea(svg: string): { x: number; y: number; width: number; height: number; xd: number[]; yd: number[] } {
  const m = /<rect class="plot-area" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"[^>]*data-x-domain="([^"]+)" data-y-domain="([^"]+)"/.exec(svg);
  assert.ok(m, 'plot area rect present');
  return { x: +m[1], y: +m[2], width: +m[3], height: +m[4], xd: m[5].split(' ').map(Number), yd: m[6].split(' ').map(Number) };
}

test('a standalone SVG: xmlns, size, title, escaped text', () => {
  const svg = lineChart({ title: 'A & B <1>', x: { label: 'Time / s' }, y: { label: 'Voltage / V' }, series: [{ name: 'a', x: [0, 1], y: [3, 4] }], width: 500, height: 300 });
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="500" height="300" viewBox="0 0 500 300"/);
  assert.match(svg, /<title>A &amp; B &lt;1&gt;<\/title>/);
  assert.ok(svg.trimEnd().endsWith('</svg>'));
  assert.ok(!/NaN|undefined|Infinity/.test(svg), 'no NaN/undefined/Infinity in the output');
});

test('NaN points are skipped: a line breaks into two segments, markers are drawn only for finite points', () => {
  const x = [0, 1, 2, 3, 4, 5, 6];
  const y = [1, 2, 3, NaN, 5, 6, 7];
  const svg = lineChart({ x: { label: 'x / m' }, y: { label: 'y / m' }, series: [{ name: 'gap', x, y }] });
  const d = pathD(seriesPaths(svg)[0])[0];
  assert.equal(count(d, /M/g), 2, `two subpaths, found ${d}`);
  assert.equal(count(d, /L/g), 4, 'each segment joins its 3 finite points with 2 lines');
  const sc = scatterChart({ x: { label: 'x / m' }, y: { label: 'y / m' }, series: [{ name: 'gap', x: [0, 1, NaN, 3, Infinity], y: [1, NaN, 3, 4, 5] }] });
  const md = pathD(seriesPaths(sc)[0])[0];
  assert.equal(count(md, /M/g), 2, 'only (0,1) and (3,4) are finite in both coordinates');
  assert.ok(!/NaN|Infinity/.test(sc));
});

test('points map where the axes say: the data extremes land on the domain edges of a nice axis', () => {
  const svg = lineChart({ x: { label: 'x / m' }, y: { label: 'y / m' }, series: [{ name: 's', x: [0, 10], y: [0, 100] }] });
  const a = plotArea(svg);
  assert.deepEqual(a.xd, [0, 10]);
  assert.deepEqual(a.yd, [0, 100]);
  const d = pathD(seriesPaths(svg)[0])[0];
  const nums = d.match(/-?[\d.]+/g)!.map(Number);
  // (0,0) is the bottom-left corner, (10,100) the top-right corner of the plot area.
  assert.deepEqual(nums, [a.x, a.y + a.height, a.x + a.width, a.y].map((v) => Math.round(v * 100) / 100));
});

test('log axes reject non-positive data with an error naming the series and index', () => {
  assert.throws(
    () => lineChart({ x: { label: 'Frequency / Hz', log: true }, y: { label: 'y / Ω' }, series: [{ name: 'sweep', x: [10, 1, 0], y: [1, 2, 3] }] }),
    (e: unknown) => e instanceof InputError && /series 'sweep'\[2\]/.test(e.message) && /positive value on the logarithmic x axis/.test(e.message) && /found 0/.test(e.message),
  );
  assert.throws(
    () => lineChart({ x: { label: 'x / s' }, y: { label: '|Z| / Ω', log: true }, series: [{ name: 'z', x: [1, 2], y: [5, -1] }] }),
    (e: unknown) => e instanceof InputError && /found -1/.test(e.message),
  );
  assert.throws(() => lineChart({ x: { label: 'x / s', log: true, min: 0 }, y: { label: 'y / V' }, series: [] }), InputError);
  // NaN on a log axis is skipped, not an error.
  const ok = lineChart({ x: { label: 'Frequency / Hz', log: true }, y: { label: 'y / Ω' }, series: [{ name: 's', x: [1, NaN, 100], y: [1, 2, 3] }] });
  assert.deepEqual(plotArea(ok).xd, [1, 100]);
});

test('log scale maps each decade to the same number of pixels', () => {
  const s = new PlotScale('log', [0.01, 1e5], [0, 700]);
  assert.equal(s.map(0.01), 0);
  assert.equal(s.map(1e5), 700);
  assert.ok(Math.abs(s.map(1) - 200) < 1e-9);
  assert.ok(Math.abs(s.invert(s.map(37)) - 37) < 1e-9);
  assert.ok(Number.isNaN(s.map(0)));
});

test('every axis label names its unit; one without a unit is an error that says how to write it', () => {
  assert.throws(
    () => lineChart({ x: { label: 'Capacity' }, y: { label: 'Voltage / V' }, series: [] }),
    (e: unknown) => e instanceof InputError && /x\.label/.test(e.message) && /Capacity \/ mAh g⁻¹/.test(e.message),
  );
  const svg = lineChart({ x: { label: 'Capacity', unit: 'mAh g⁻¹' }, y: { label: 'Voltage (V)' }, series: [] });
  assert.match(svg, />Capacity \/ mAh g⁻¹</);
  assert.match(svg, />no data</, 'an empty chart says so');
});

test('Nyquist plots use equal data units per pixel on both axes and plot −Z″ upward', () => {
  // A semicircle R = 40 Ω centred at (25, 0): −Z″ = sqrt(20² − (Z′ − 25)²).
  const n = 30;
  const zr = new Float64Array(n);
  const zi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const th = (Math.PI * i) / (n - 1);
    zr[i] = 25 + 20 * Math.cos(th);
    zi[i] = -20 * Math.sin(th);
  }
  for (const [w, h] of [[560, 420], [800, 300], [400, 600]]) {
    const svg = nyquistChart({ series: [{ name: 'arc', zReal: zr, zImag: zi }], width: w, height: h });
    const a = plotArea(svg);
    const kx = (a.xd[1] - a.xd[0]) / a.width;
    const ky = (a.yd[1] - a.yd[0]) / a.height;
    assert.ok(Math.abs(kx / ky - 1) < 2e-3, `Ω per px: x ${kx}, y ${ky} at ${w}×${h}`);
    assert.ok(a.xd[0] <= 5 && a.xd[1] >= 45 && a.yd[0] <= 0 && a.yd[1] >= 20, 'the whole arc is inside the axes');
    assert.match(svg, />−Z″ \/ Ω</);
  }
  // The top of the arc (−Z″ = 20 at Z′ = 25) is the marker nearest the top of the plot.
  const svg = nyquistChart({ series: [{ name: 'arc', zReal: zr, zImag: zi }], unit: 'Ω cm²' });
  assert.match(svg, />Z′ \/ Ω cm²</);
});

test('Bode: |Z| and −phase of a resistor and a capacitor in series', () => {
  // R = 10 Ω, C = 1 mF: at f = 1/(2πRC) = 15.9 Hz, |Z| = 10√2 and phase = −45°.
  const f = [1, 15.915494309189533, 1000];
  const zr = f.map(() => 10);
  const zi = f.map((fi) => -1 / (2 * Math.PI * fi * 1e-3));
  const svg = bodeChart({ series: [{ name: 'RC', zReal: zr, zImag: zi, frequencyHz: f }] });
  const areas = [...svg.matchAll(/<rect class="plot-area" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"[^>]*data-x-domain="([^"]+)" data-y-domain="([^"]+)"/g)];
  assert.equal(areas.length, 2, 'two panels');
  assert.equal(areas[0][1], areas[1][1], 'panels share the left edge');
  assert.equal(areas[0][3], areas[1][3], 'and the width, so frequencies line up');
  // The middle marker of the phase panel sits at 45° on its linear axis.
  const phaseSeries = seriesPaths(svg)[1];
  const centres = [...pathD(phaseSeries)[0].matchAll(/M([\d.]+) ([\d.]+)a/g)].map((m) => Number(m[2]));
  const [top, height] = [Number(areas[1][2]), Number(areas[1][4])];
  const yd = areas[1][6].split(' ').map(Number);
  const phaseAtMid = yd[1] - ((centres[1] - top) / height) * (yd[1] - yd[0]);
  assert.ok(Math.abs(phaseAtMid - 45) < 0.1, `−phase at the corner frequency: ${phaseAtMid}`);
  assert.throws(() => bodeChart({ series: [{ name: 'x', zReal: [1], zImag: [1] }] }), /frequencyHz/);
});

test('heat map: one colour per level, the colour bar spans the data, NaN cells are empty', () => {
  const svg = heatmapChart({ x: { label: 'Depth / µm', values: [0, 10, 20] }, y: { label: 'Time / s', values: [0, 60] }, z: [1, 2, 3, 4, 5, NaN], colorBar: { label: 'c / mol m⁻³' } });
  const cells = /<g class="cells"[^>]*>(.*?)<\/g>/.exec(svg)![1];
  assert.equal(count(cells, /<rect/g), 5, 'five finite cells, the NaN one left out');
  assert.match(cells, /fill="#440154"/, 'the minimum gets the low end of viridis');
  assert.match(cells, /fill="#fde725"/, 'the maximum gets the high end');
  assert.throws(() => heatmapChart({ x: { label: 'x / m', values: [0, 1] }, y: { label: 'y / m', values: [0] }, z: [1, 2, 3], colorBar: { label: 'c / M' } }), /expected 2 values/);
  assert.throws(() => heatmapChart({ x: { label: 'x / m', values: [0, 0] }, y: { label: 'y / m', values: [0] }, z: [1, 2], colorBar: { label: 'c / M' } }), /strictly increasing/);
});

test('bar chart: bars start at zero and their heights are proportional to the values', () => {
  const svg = barChart({ categories: ['a', 'b', 'c'], y: { label: 'Mass / g' }, series: [{ name: 'm', values: [1, 2, NaN] }] });
  const rects = [...seriesPaths(svg)[0].matchAll(/<rect [^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));
  assert.equal(rects.length, 2, 'the NaN bar is left out');
  assert.ok(Math.abs(rects[1] / rects[0] - 2) < 1e-3, `heights ${rects}`);
  assert.throws(() => barChart({ categories: ['a'], y: { label: 'm / g' }, series: [{ name: 'm', values: [1, 2] }] }), /1 values \(one per category\)/);
});

test('panel grid sizes itself from its panels', () => {
  const p = (w: number, h: number): string => lineChart({ x: { label: 'x / m' }, y: { label: 'y / m' }, series: [], width: w, height: h });
  const svg = panelGrid({ panels: [p(300, 200), p(400, 250), p(300, 220)], columns: 2, gap: 10 });
  assert.match(svg, /^<svg[^>]* width="710" height="480"/); // cols 400+300+10; rows 250+220+10
  assert.equal(count(svg, /<svg/g), 4);
});

test('with x limits fixed, the y axis fits the points inside them', () => {
  const x = [0, 1, 2, 3, 4];
  const y = [100, 3, 4, 5, 100];
  const svg = lineChart({ x: { label: 'x / m', min: 1, max: 3 }, y: { label: 'y / m' }, series: [{ name: 's', x, y }] });
  const a = plotArea(svg);
  assert.deepEqual(a.xd, [1, 3]);
  assert.ok(a.yd[0] <= 3 && a.yd[1] >= 5 && a.yd[1] < 10, `y domain ${a.yd} should fit 3…5, not the 100s outside`);
});
