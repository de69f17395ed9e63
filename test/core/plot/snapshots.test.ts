import { test } from 'node:test';
import { barChart, bodeChart, heatmapChart, lineChart, nyquistChart, panelGrid } from '../../../src/index.js';
import { assertSnapshot } from './snapshot.js';

// Deterministic, physically shaped data (no random numbers) so the goldens only change with the code.

/** A Randles-like cell: R0 + (R ‖ C) + a Warburg tail σ/√ω (1 − j). */
function randles(n: number): { f: Float64Array; zr: Float64Array; zi: Float64Array } {
  const f = new Float64Array(n);
  const zr = new Float64Array(n);
  const zi = new Float64Array(n);
  const R0 = 5, R = 40, C = 1e-5, sigma = 3;
  for (let k = 0; k < n; k++) {
    f[k] = 10 ** (5 - (k * 7) / (n - 1));
    const w = 2 * Math.PI * f[k];
    const den = 1 + (w * R * C) ** 2;
    zr[k] = R0 + R / den + sigma / Math.sqrt(w);
    zi[k] = -(w * R * R * C) / den - sigma / Math.sqrt(w);
  }
  return { f, zr, zi };
}

const cap = Array.from({ length: 41 }, (_, i) => i * 5);
const line = (): string => lineChart({
  title: 'Discharge at 0.1C',
  x: { label: 'Capacity / mAh g⁻¹' },
  y: { label: 'Voltage / V' },
  series: [
    { name: 'LLZO dry film', x: cap, y: cap.map((c) => 4.2 - 0.003 * c - 0.4 * (c / 200) ** 8) },
    { name: 'bare', x: cap, y: cap.map((c) => (c > 180 ? NaN : 4.1 - 0.0035 * c - 0.5 * (c / 200) ** 6)) },
    { name: 'measured', x: [20, 100, 160], y: [4.13, 3.88, 3.6], mode: 'markers' },
  ],
});

test('line chart with three series, a gap and a legend matches its golden', () => {
  assertSnapshot('line', line());
});

test('log-x scatter chart matches its golden', () => {
  assertSnapshot('log-scatter', lineChart({
    x: { label: 'C-rate / h⁻¹', log: true },
    y: { label: 'Specific capacity / mAh g⁻¹' },
    series: [{ name: 'rate test', x: [0.1, 0.2, 0.5, 1, 2, 3], y: [198, 195, 188, 175, 150, 120], mode: 'line+markers' }],
    width: 480,
    height: 320,
  }));
});

test('Nyquist chart matches its golden', () => {
  const d = randles(36);
  assertSnapshot('nyquist', nyquistChart({ title: 'EIS at 25 °C', series: [{ name: 'measured', zReal: d.zr, zImag: d.zi }] }));
});

test('Bode chart matches its golden', () => {
  const d = randles(36);
  assertSnapshot('bode', bodeChart({ series: [{ name: 'measured', zReal: d.zr, zImag: d.zi, frequencyHz: d.f }] }));
});

test('heat map with colour bar matches its golden', () => {
  const x = Array.from({ length: 12 }, (_, i) => i * 5);
  const t = Array.from({ length: 8 }, (_, i) => i * 600);
  const z = t.map((ti) => x.map((xi) => 1000 - 8 * xi * (ti / 4200)));
  assertSnapshot('heatmap', heatmapChart({ title: 'Electrolyte Li⁺', x: { label: 'Depth / µm', values: x }, y: { label: 'Time / s', values: t }, z, colorBar: { label: 'c / mol m⁻³' } }));
});

test('bar chart and a two-panel grid match their goldens', () => {
  const bars = barChart({
    title: 'Cell mass',
    categories: ['Cathode', 'Li foil', 'Separator', 'Electrolyte', 'Package'],
    y: { label: 'Mass / g' },
    series: [{ name: '54 mg cm⁻²', values: [10.2, 1.1, 0.6, 2.4, 1.3] }, { name: '15 mg cm⁻²', values: [4.1, 1.1, 0.9, 1.5, 1.3] }],
    width: 480,
    height: 320,
  });
  assertSnapshot('bar', bars);
  assertSnapshot('grid', panelGrid({ title: 'Two panels', panels: [bars, lineChart({ x: { label: 'x / m' }, y: { label: 'y / m' }, series: [{ name: 'y = x²', x: [0, 1, 2, 3], y: [0, 1, 4, 9] }], width: 360, height: 320 })] }));
});
