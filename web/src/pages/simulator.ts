/**
 * Simulator page: the P2D model (the same core as `cathodelab simulate`) run in a Web Worker with a
 * progress indicator and Cancel; shows the voltage curve, Li⁺ concentration and utilisation heat maps,
 * the overpotential breakdown at the end, and overlays runs kept for comparison.
 */
import { PRESETS } from '../../../src/core/sim/presets/index.js';
import type { SimulationResult } from '../../../src/core/sim/simulate.js';
import { lineChart } from '../../../src/core/plot/line-chart.js';
import { heatmapChart } from '../../../src/core/plot/heatmap-chart.js';
import { barChart } from '../../../src/core/plot/bar-chart.js';
import type { XYSeries } from '../../../src/core/plot/types.js';
import { h, setChildren, fmt } from '../lib/dom.js';
import { load, save } from '../lib/store.js';
import { figure, toCsv, limits } from '../lib/plot-view.js';
import type { SimReply, SimRequest } from '../workers/simulate.worker.js';

const STORE_KEY = 'simulator';
const MAX_KEPT = 6;

interface KeptRun {
  label: string;
  /** Specific capacity (mAh/g) or areal capacity (mAh/cm²) and voltage, decimated. */
  x: number[];
  y: number[];
}

interface SimState {
  form: { preset: string; loadingMgPerCm2: number; temperatureC: number; mode: 'c-rate' | 'experiment'; cRate: number; experiment: string; points: number };
  kept: KeptRun[];
}

const DEFAULT: SimState['form'] = {
  preset: 'gao2025-ncm811-llzo',
  loadingMgPerCm2: 32.8,
  temperatureC: 25,
  mode: 'c-rate',
  cRate: 1,
  experiment: 'Discharge at 0.5C until 3.0 V; Rest for 10 minutes; Charge at 0.5C until 4.3 V',
  points: 20,
};

function decimate(x: number[], y: number[], max = 300): { x: number[]; y: number[] } {
  if (x.length <= max) return { x, y };
  const step = (x.length - 1) / (max - 1);
  const ix = Array.from({ length: max }, (_, i) => Math.round(i * step));
  return { x: ix.map((i) => x[i]), y: ix.map((i) => y[i]) };
}

export function simulatorPage(): { title: string; mount(root: HTMLElement): () => void } {
  return {
    title: 'Simulator',
    mount(root: HTMLElement) {
      const saved = load<SimState>(STORE_KEY);
      const state: SimState = { form: { ...DEFAULT, ...(saved?.form ?? {}) }, kept: saved?.kept ?? [] };
      if (!PRESETS.some((p) => p.name === state.form.preset)) state.form.preset = DEFAULT.preset;
      let worker: Worker | undefined;
      /**
       * A worker started before it is needed: fetching and evaluating the solver module is most of the
       * time from Run to the curve, so it happens while the user reads the form (and again after each
       * run). Cancel terminates the running worker; the spare is untouched.
       */
      let spare: Worker | undefined;
      const newWorker = (): Worker => new Worker(new URL('../workers/simulate.worker.ts', import.meta.url), { type: 'module' });
      const prepareSpare = (): void => {
        if (!spare) spare = newWorker();
      };
      const takeWorker = (): Worker => {
        const w = spare ?? newWorker();
        spare = undefined;
        return w;
      };
      let timer: ReturnType<typeof setInterval> | undefined;
      let last: { label: string; x: number[]; y: number[] } | undefined;

      const stopWorker = (): void => {
        worker?.terminate();
        worker = undefined;
        if (timer !== undefined) clearInterval(timer);
        timer = undefined;
        runBtn.disabled = false;
        cancelBtn.disabled = true;
      };

      const f = state.form;
      const preset = h('select', { 'data-testid': 'sim-preset', name: 'preset' }, ...PRESETS.map((p) => h('option', { value: p.name, selected: p.name === f.preset, title: p.description }, p.name)));
      const presetNote = h('p', { class: 'note' });
      const loading = h('input', { type: 'number', step: 'any', value: f.loadingMgPerCm2, 'data-testid': 'sim-loading', name: 'loading' });
      const temp = h('input', { type: 'number', step: 'any', value: f.temperatureC, 'data-testid': 'sim-temperature', name: 'temperature' });
      const mode = h('select', { 'data-testid': 'sim-mode', name: 'mode' }, h('option', { value: 'c-rate', selected: f.mode === 'c-rate' }, 'C-rate discharge'), h('option', { value: 'experiment', selected: f.mode === 'experiment' }, 'Experiment'));
      const cRate = h('input', { type: 'number', step: 'any', value: f.cRate, 'data-testid': 'sim-c-rate', name: 'cRate' });
      const experiment = h('textarea', { rows: 3, 'data-testid': 'sim-experiment', name: 'experiment' }, f.experiment);
      const points = h('input', { type: 'number', step: 1, min: 4, max: 200, value: f.points, name: 'points' });
      const runBtn = h('button', { type: 'submit', class: 'primary', 'data-testid': 'sim-run' }, 'Run');
      const cancelBtn = h('button', { type: 'button', 'data-testid': 'sim-cancel', disabled: true, onclick: () => { stopWorker(); prepareSpare(); setChildren(status, 'Cancelled.'); } }, 'Cancel');
      const status = h('div', { class: 'status', 'data-testid': 'sim-status', 'aria-live': 'polite' });
      const errorBox = h('div', { class: 'error', role: 'alert', 'data-testid': 'sim-error', hidden: true });
      const results = h('div', { class: 'data-output', 'data-testid': 'sim-results' });
      const cRateRow = h('label', { class: 'field' }, h('span', null, 'C-rate / h⁻¹'), cRate);
      const expRow = h('label', { class: 'field either' }, h('span', null, 'Steps (PyBaMM grammar, ";" between steps)'), experiment);
      const loadingRow = h('label', { class: 'field' }, h('span', null, 'Loading / mg cm⁻²'), loading);

      const syncForm = (): void => {
        const info = PRESETS.find((p) => p.name === preset.value);
        presetNote.textContent = info?.description ?? '';
        loadingRow.hidden = !info?.hasLoading;
        cRateRow.hidden = mode.value !== 'c-rate';
        expRow.hidden = mode.value !== 'experiment';
        state.form = { preset: preset.value, loadingMgPerCm2: Number(loading.value), temperatureC: Number(temp.value), mode: mode.value as 'c-rate' | 'experiment', cRate: Number(cRate.value), experiment: experiment.value, points: Number(points.value) };
        save(STORE_KEY, state);
      };
      for (const el of [preset, loading, temp, mode, cRate, experiment, points]) el.addEventListener('input', syncForm);
      for (const el of [preset, mode]) el.addEventListener('change', syncForm);

      const run = (): void => {
        syncForm();
        stopWorker();
        errorBox.hidden = true;
        const s = state.form;
        const info = PRESETS.find((p) => p.name === s.preset);
        const req: SimRequest = {
          preset: s.preset,
          loadingMgPerCm2: info?.hasLoading ? s.loadingMgPerCm2 : undefined,
          temperatureC: s.temperatureC,
          cRate: s.mode === 'c-rate' ? s.cRate : undefined,
          experiment: s.mode === 'experiment' ? s.experiment : undefined,
          points: Math.max(4, Math.min(200, Math.round(s.points) || 20)),
        };
        const label = `${s.preset}${req.loadingMgPerCm2 !== undefined ? ` ${fmt(req.loadingMgPerCm2, 3)} mg/cm²` : ''}, ${s.mode === 'c-rate' ? `${fmt(s.cRate, 3)}C` : 'experiment'}, ${fmt(s.temperatureC, 3)} °C`;
        const w = takeWorker();
        worker = w;
        runBtn.disabled = true;
        cancelBtn.disabled = false;
        const t0 = performance.now();
        const bar = h('progress', { 'data-testid': 'sim-progress' });
        const elapsed = h('span', null, '');
        setChildren(status, h('span', null, `Running ${label}… `), bar, elapsed);
        timer = setInterval(() => { elapsed.textContent = ` ${fmt((performance.now() - t0) / 1000, 2)} s`; }, 100);
        w.onmessage = (ev: MessageEvent<SimReply>) => {
          if (worker !== w) return;
          const m = ev.data;
          if (m.type === 'started') {
            setChildren(status, h('span', null, `Running ${label} (${m.states} unknowns)… `), bar, elapsed);
          } else if (m.type === 'error') {
            stopWorker();
            prepareSpare();
            setChildren(status);
            errorBox.hidden = false;
            errorBox.textContent = m.message ?? 'the simulation failed';
          } else if (m.result) {
            stopWorker();
            prepareSpare();
            const r = m.result;
            setChildren(status, `${label}: ${r.completed ? 'completed' : `stopped — ${r.stopReason}`}; solved in ${fmt((m.solveMs ?? 0) / 1000, 2)} s (${r.stats.steps} steps).`);
            render(r, m, label);
          }
        };
        w.onerror = (ev) => {
          ev.preventDefault();
          stopWorker();
          prepareSpare();
          errorBox.hidden = false;
          errorBox.textContent = `the simulation worker stopped: ${ev.message || 'unknown error'}`;
        };
        w.postMessage(req);
      };

      const render = (r: SimulationResult, m: SimReply, label: string): void => {
        const perG = r.capacityMahPerG !== null && r.capacityAh > 0;
        const scale = perG ? (r.capacityMahPerG as number) / r.capacityAh : r.capacityAh > 0 ? r.capacityMahPerCm2 / r.capacityAh : 1;
        const xLabel = perG ? 'Specific capacity / mAh g⁻¹' : 'Areal capacity / mAh cm⁻²';
        const x = r.capacity_Ah.map((q) => q * scale);
        last = { label, ...decimate(x, r.voltage_V) };
        const card = (k: string, v: string, unit: string, id: string): HTMLElement => h('div', { class: 'card' }, h('div', { class: 'card-label' }, k), h('div', { class: 'card-value' }, h('span', { 'data-testid': id }, v), ' ', h('span', { class: 'unit' }, unit)));
        const cards = h('div', { class: 'cards' },
          card('Discharge capacity', fmt(r.capacityAh * 1000), 'mAh', 'sim-capacity-mah'),
          card('Areal capacity', fmt(r.capacityMahPerCm2), 'mAh/cm²', 'sim-areal'),
          r.capacityMahPerG !== null ? card('Specific capacity', fmt(r.capacityMahPerG), 'mAh/g', 'sim-specific') : null,
          card('Energy', fmt(r.energyWh * 1000), 'mWh', 'sim-energy'),
          card('Final voltage', fmt(r.voltage_V[r.voltage_V.length - 1]), 'V', 'sim-final-v'),
        );
        const vc = figure({ name: 'simulated-voltage', testId: 'sim-voltage-chart', csv: () => toCsv([{ name: 'time_s', values: r.time_s }, { name: 'voltage_V', values: r.voltage_V }, { name: 'capacity_Ah', values: r.capacity_Ah }, { name: 'current_A_per_m2', values: r.current_A_per_m2 }]) });
        const series: XYSeries[] = [
          ...state.kept.map((k) => ({ name: k.label, x: k.x, y: k.y, width: 1.4 })),
          { name: `${label} (this run)`, x, y: r.voltage_V, width: 2.2 },
        ];
        vc.draw((view) => lineChart({ title: 'Voltage', x: { label: xLabel, ...limits(view.x) }, y: { label: 'Voltage / V', ...limits(view.y) }, series, width: 720, height: 380, legend: series.length > 1 ? 'right' : 'none' }));
        const keepBtn = h('button', { type: 'button', 'data-testid': 'sim-keep', onclick: () => {
          if (!last) return;
          state.kept = [...state.kept, last].slice(-MAX_KEPT);
          save(STORE_KEY, state);
          keepBtn.disabled = true;
          keepBtn.textContent = 'Kept for comparison';
        } }, 'Keep this run for comparison');
        const clearBtn = h('button', { type: 'button', onclick: () => { state.kept = []; save(STORE_KEY, state); clearBtn.disabled = true; } }, `Clear kept runs (${state.kept.length})`);
        const figs: HTMLElement[] = [vc.el];
        // Snapshots in strictly increasing time (a step boundary can repeat a time).
        const snaps = r.snapshots.filter((sn, i, all) => i === all.length - 1 || all[i + 1].time_s > sn.time_s);
        const keepIdx = r.snapshots.map((sn, i, all) => (i === all.length - 1 || all[i + 1].time_s > sn.time_s ? i : -1)).filter((i) => i >= 0);
        if (snaps.length > 2) {
          const hours = snaps[snaps.length - 1].time_s > 7200;
          const tAxis = snaps.map((s) => (hours ? s.time_s / 3600 : s.time_s));
          if (isIncreasing(tAxis) && isIncreasing(snaps[0].x_um)) {
            const ce = figure({ name: 'electrolyte-concentration', testId: 'sim-ce-map' });
            ce.update(heatmapChart({ title: 'Li⁺ in the electrolyte', x: { label: 'Position from the negative / µm', values: snaps[0].x_um }, y: { label: hours ? 'Time / h' : 'Time / s', values: tAxis }, z: snaps.map((s) => s.c_e_mol_per_m3), colorBar: { label: 'c_e / mol m⁻³' }, width: 640, height: 380 }));
            figs.push(ce.el);
          }
          const um = m.utilisationMap;
          if (um && isIncreasing(um.depth_um) && isIncreasing(tAxis)) {
            const uf = figure({ name: 'utilisation', testId: 'sim-utilisation-map' });
            uf.update(heatmapChart({ title: 'Active-material utilisation', x: { label: 'Depth from the separator / µm', values: um.depth_um }, y: { label: hours ? 'Time / h' : 'Time / s', values: tAxis }, z: keepIdx.map((i) => um.values[i].map((u) => u * 100)), colorBar: { label: 'Utilisation / %', min: 0, max: 100 }, colorMap: 'cividis', width: 640, height: 380 }));
            figs.push(uf.el);
          }
        }
        const end = snaps[snaps.length - 1];
        if (end) {
          const o = end.overpotentials;
          const parts: [string, number][] = [['kinetics +', o.kineticPositive], ['kinetics −', o.kineticNegative], ['particles +', o.particlePositive], ['particles −', o.particleNegative], ['electrolyte ohmic', o.electrolyteOhmic], ['electrolyte conc.', o.electrolyteConcentration], ['solid ohmic', o.solidOhmic]];
          const ob = figure({ name: 'overpotentials', testId: 'sim-overpotential-chart' });
          ob.update(barChart({ title: `Where the voltage goes at the end (OCV ${fmt(o.ocv, 4)} V → ${fmt(o.voltage, 4)} V)`, categories: parts.map((p) => p[0]), y: { label: 'Loss / mV' }, series: [{ name: 'loss', values: parts.map((p) => p[1] * 1000) }], legend: 'none', width: 640, height: 360 }));
          figs.push(ob.el);
        }
        const stepRows = r.steps.map((s) => h('tr', null, h('td', null, s.text), h('td', { class: 'num' }, fmt(s.startS)), h('td', { class: 'num' }, fmt(s.endS)), h('td', { class: 'num' }, fmt(s.capacityAh * 1000)), h('td', null, s.endReason)));
        const stepTable = h('table', { class: 'data-table', 'data-testid': 'sim-steps' }, h('thead', null, h('tr', null, h('th', null, 'Step'), h('th', { class: 'num' }, 'Start / s'), h('th', { class: 'num' }, 'End / s'), h('th', { class: 'num' }, 'Capacity / mAh'), h('th', null, 'Ended by'))), h('tbody', null, ...stepRows));
        setChildren(results, cards, h('div', { class: 'toolbar' }, keepBtn, clearBtn), ...figs, stepTable);
      };

      const form = h('form', { class: 'design-form', onsubmit: (e: Event) => { e.preventDefault(); run(); } },
        h('fieldset', null, h('legend', null, 'Cell'),
          h('label', { class: 'field' }, h('span', null, 'Preset'), preset), presetNote, loadingRow,
          h('label', { class: 'field' }, h('span', null, 'Temperature / °C'), temp)),
        h('fieldset', null, h('legend', null, 'Protocol'),
          h('label', { class: 'field' }, h('span', null, 'Run'), mode), cRateRow, expRow,
          h('label', { class: 'field' }, h('span', null, 'Cells per domain'), points)),
        h('div', { class: 'toolbar' }, runBtn, cancelBtn),
      );
      syncForm();
      // After the page is on screen, so warming the worker does not delay the first paint.
      const warmTimer = setTimeout(prepareSpare, 0);
      root.append(h('section', { class: 'page simulator' },
        h('div', { class: 'page-head' }, h('h1', null, 'Simulator'), h('p', { class: 'note' }, 'P2D (Doyle–Fuller–Newman) model, solved in your browser.')),
        h('div', { class: 'two-col' }, form, h('div', { class: 'col' }, status, errorBox, results))));
      return () => {
        clearTimeout(warmTimer);
        stopWorker();
        spare?.terminate();
        spare = undefined;
      };
    },
  };
}

function isIncreasing(a: ArrayLike<number>): boolean {
  for (let i = 1; i < a.length; i++) if (!(a[i] > a[i - 1])) return false;
  return a.length > 0;
}
