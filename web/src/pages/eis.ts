/**
 * EIS page: open an impedance file (parsed in a worker), edit an equivalent circuit in impedance.py's
 * grammar (e.g. R0-p(R1,CPE1)-W1), set starting values or fix parameters, fit (in a worker), and see
 * the fitted values with uncertainties, R_ct, and the model over the data in Nyquist and Bode plots.
 */
import { Circuit } from '../../../src/core/eis/circuit.js';
import { ELEMENTS } from '../../../src/core/eis/elements.js';
import { WEIGHTINGS, type Weighting, type CircuitFitSuccess } from '../../../src/core/eis/fit.js';
import { isCathodeLabError } from '../../../src/core/errors.js';
import { nyquistChart, bodeChart, type ImpedanceSeries } from '../../../src/core/plot/impedance-charts.js';
import { h, setChildren, fmt } from '../lib/dom.js';
import { load, save } from '../lib/store.js';
import { figure, toCsv } from '../lib/plot-view.js';
import { putFile, getFile } from '../lib/file-store.js';
import type { EisReply, EisRequest, PlainSpectrum } from '../workers/eis.worker.js';
import { MAX_FILE_BYTES } from './data.js';

const STORE_KEY = 'eis';
const FILE_KEY = 'eis:last-file';

const CIRCUITS: [string, string][] = [
  ['R0-p(R1,CPE1)', 'R_s + (R_ct ‖ CPE)'],
  ['R0-p(R1,CPE1)-W1', 'R_s + (R_ct ‖ CPE) + Warburg'],
  ['R0-p(R1-Wo1,C1)', 'Randles with finite Warburg'],
  ['R0-p(R1,CPE1)-p(R2,CPE2)', 'R_s + film + charge transfer'],
  ['R0-p(R1,CPE1)-p(R2,CPE2)-W1', 'film + charge transfer + diffusion'],
];

interface EisState {
  circuit: string;
  weighting: Weighting;
  capacitiveOnly: boolean;
  initial: Record<string, number>;
  fixed: Record<string, boolean>;
}

const DEFAULT: EisState = { circuit: 'R0-p(R1,CPE1)-W1', weighting: 'unit', capacitiveOnly: true, initial: {}, fixed: {} };

export function eisPage(): { title: string; mount(root: HTMLElement): () => void } {
  return {
    title: 'EIS fit',
    mount(root: HTMLElement) {
      const state: EisState = { ...DEFAULT, ...(load<EisState>(STORE_KEY) ?? {}) };
      let worker: Worker | undefined;
      let spectra: PlainSpectrum[] = [];
      let current: PlainSpectrum | undefined;
      const persist = (): void => save(STORE_KEY, state);

      const status = h('div', { class: 'status', 'data-testid': 'eis-status', 'aria-live': 'polite' });
      const errorBox = h('div', { class: 'error', role: 'alert', 'data-testid': 'eis-error', hidden: true });
      const fileInput = h('input', { type: 'file', hidden: true, 'data-testid': 'eis-file-input', 'aria-label': 'Open an impedance file' });
      const spectrumSelect = h('select', { 'data-testid': 'eis-spectrum', hidden: true, 'aria-label': 'Spectrum' });
      const circuitInput = h('input', { type: 'text', value: state.circuit, 'data-testid': 'eis-circuit', spellcheck: 'false', 'aria-label': 'Circuit' });
      const circuitPick = h('select', { 'aria-label': 'Common circuits' }, h('option', { value: '' }, 'common circuits…'), ...CIRCUITS.map(([c, d]) => h('option', { value: c }, `${c} — ${d}`)));
      const circuitMsg = h('p', { class: 'note', 'data-testid': 'eis-circuit-message' });
      const weighting = h('select', { 'data-testid': 'eis-weighting', 'aria-label': 'Weighting' }, ...WEIGHTINGS.map((w) => h('option', { value: w, selected: w === state.weighting }, w)));
      const capOnly = h('input', { type: 'checkbox', checked: state.capacitiveOnly, 'data-testid': 'eis-capacitive-only' });
      const paramBody = h('tbody');
      const fitBtn = h('button', { type: 'button', class: 'primary', 'data-testid': 'eis-fit', disabled: true }, 'Fit');
      const cancelBtn = h('button', { type: 'button', disabled: true, onclick: () => { stop(); setChildren(status, 'Fit cancelled.'); } }, 'Cancel');
      const dataFigs = h('div', { class: 'data-output', 'data-testid': 'eis-plots' });
      const resultBox = h('div', { 'data-testid': 'eis-result' });

      const stop = (): void => {
        worker?.terminate();
        worker = undefined;
        cancelBtn.disabled = true;
        fitBtn.disabled = current === undefined;
      };
      const fail = (msg: string): void => {
        stop();
        setChildren(status);
        errorBox.hidden = false;
        errorBox.textContent = msg;
      };
      const call = (req: EisRequest, transfer: Transferable[], onReply: (r: EisReply) => void): void => {
        stop();
        errorBox.hidden = true;
        const w = new Worker(new URL('../workers/eis.worker.ts', import.meta.url), { type: 'module' });
        worker = w;
        cancelBtn.disabled = false;
        fitBtn.disabled = true;
        w.onmessage = (ev: MessageEvent<EisReply>) => {
          if (worker !== w) return;
          stop();
          if (ev.data.type === 'error') fail(ev.data.message);
          else onReply(ev.data);
        };
        w.onerror = (ev) => { ev.preventDefault(); fail(`the EIS worker stopped: ${ev.message || 'unknown error'}`); };
        w.postMessage(req, transfer);
      };

      // ---- circuit editor ----
      let circuit: Circuit | undefined;
      const buildParams = (): void => {
        try {
          circuit = Circuit.parse(circuitInput.value);
          circuitMsg.textContent = `${circuit.parameters.length} parameters. Elements: ${[...new Set(circuit.parameters.map((p) => p.symbol))].map((sym) => `${sym} = ${ELEMENTS[sym]?.name ?? sym}`).join(', ')}.`;
          circuitMsg.classList.remove('bad');
        } catch (e) {
          circuit = undefined;
          circuitMsg.textContent = isCathodeLabError(e) ? e.message : String(e);
          circuitMsg.classList.add('bad');
          setChildren(paramBody);
          fitBtn.disabled = true;
          return;
        }
        state.circuit = circuit.text;
        persist();
        setChildren(paramBody, ...circuit.parameters.map((p) => {
          const init = h('input', { type: 'number', step: 'any', placeholder: 'guess', value: state.initial[p.name] ?? '', 'data-param': p.name, 'aria-label': `${p.name} start value` });
          init.addEventListener('input', () => {
            const v = init.value.trim() === '' ? undefined : Number(init.value);
            if (v === undefined || !Number.isFinite(v)) delete state.initial[p.name];
            else state.initial[p.name] = v;
            persist();
          });
          const fixed = h('input', { type: 'checkbox', checked: state.fixed[p.name] === true, 'aria-label': `${p.name} fixed` });
          fixed.addEventListener('change', () => { state.fixed[p.name] = fixed.checked; persist(); });
          return h('tr', null, h('td', null, p.name), h('td', null, p.description), h('td', null, p.unit), h('td', null, init), h('td', null, fixed));
        }));
        fitBtn.disabled = current === undefined;
      };
      circuitInput.addEventListener('input', buildParams);
      circuitPick.addEventListener('change', () => { if (circuitPick.value) { circuitInput.value = circuitPick.value; circuitPick.value = ''; buildParams(); } });
      weighting.addEventListener('change', () => { state.weighting = weighting.value as Weighting; persist(); });
      capOnly.addEventListener('change', () => { state.capacitiveOnly = capOnly.checked; persist(); if (current) showData(current); });

      // ---- data ----
      const seriesOf = (s: PlainSpectrum, name: string): ImpedanceSeries => ({ name, zReal: s.zReal, zImag: s.zImag, frequencyHz: s.frequencyHz });
      const plots = (data: ImpedanceSeries, model?: ImpedanceSeries): void => {
        const series = model ? [data, model] : [data];
        const ny = figure({ name: 'nyquist', testId: 'eis-nyquist', csv: () => toCsv([{ name: 'frequency_Hz', values: data.frequencyHz ?? [] }, { name: 'zReal_Ohm', values: data.zReal }, { name: 'zImag_Ohm', values: data.zImag }]) });
        ny.update(nyquistChart({ title: 'Nyquist', series, width: 600, height: 440 }));
        const bo = figure({ name: 'bode', testId: 'eis-bode' });
        bo.update(bodeChart({ title: 'Bode', series, width: 600, height: 480 }));
        setChildren(dataFigs, ny.el, bo.el);
      };
      const showData = (s: PlainSpectrum): void => {
        current = s;
        setChildren(resultBox);
        plots(seriesOf(s, s.source));
        fitBtn.disabled = circuit === undefined || worker !== undefined;
      };

      const openBytes = (name: string, bytes: ArrayBuffer, keep: boolean): void => {
        setChildren(status, `Reading ${name}…`);
        const copy = keep && bytes.byteLength < 20 * 1024 * 1024 ? bytes.slice(0) : undefined;
        call({ type: 'read', name, bytes }, [bytes], (r) => {
          if (r.type !== 'spectra') return;
          spectra = r.spectra;
          if (copy) void putFile(FILE_KEY, { name, bytes: copy });
          setChildren(spectrumSelect, ...spectra.map((s, i) => h('option', { value: String(i) }, `${s.source} (${s.frequencyHz.length} points${s.temperatureK ? `, ${fmt(s.temperatureK - 273.15, 3)} °C` : ''})`)));
          spectrumSelect.hidden = spectra.length < 2;
          setChildren(status, `${name}: ${spectra.length} spectrum${spectra.length > 1 ? 'a' : ''}, ${spectra[0].frequencyHz.length} points, ${fmt(Math.min(...spectra[0].frequencyHz), 3)}–${fmt(Math.max(...spectra[0].frequencyHz), 3)} Hz.`);
          showData(spectra[0]);
        });
      };
      spectrumSelect.addEventListener('change', () => { const s = spectra[Number(spectrumSelect.value)]; if (s) showData(s); });
      fileInput.addEventListener('change', () => {
        const f = fileInput.files?.[0];
        fileInput.value = '';
        if (!f) return;
        if (f.size > MAX_FILE_BYTES) { fail(`${f.name} is too large for the browser (${Math.round(f.size / 1048576)} MB)`); return; }
        void f.arrayBuffer().then((b) => openBytes(f.name, b, true));
      });

      // ---- fit ----
      fitBtn.addEventListener('click', () => {
        if (!current || !circuit) return;
        const initial: Record<string, number> = {};
        const constants: Record<string, number> = {};
        for (const p of circuit.parameters) {
          const v = state.initial[p.name];
          if (v === undefined) continue;
          if (state.fixed[p.name]) constants[p.name] = v;
          else initial[p.name] = v;
        }
        setChildren(status, h('span', null, `Fitting ${circuit.text}… `), h('progress'));
        const s = current;
        call({ type: 'fit', spectrum: { source: s.source, frequencyHz: s.frequencyHz, zReal: s.zReal, zImag: s.zImag }, circuit: circuit.text, weighting: state.weighting, capacitiveOnly: state.capacitiveOnly, initial, constants }, [], (r) => {
          if (r.type !== 'fit') return;
          if (!r.result.converged) {
            fail(`The fit did not converge: ${r.result.message}`);
            return;
          }
          setChildren(status, `Fitted ${r.result.circuit} to ${r.points} points in ${fmt(r.fitMs / 1000, 2)} s.`);
          showFit(r.result, r.model);
        });
      });

      const showFit = (res: CircuitFitSuccess, model: { frequencyHz: Float64Array; zReal: Float64Array; zImag: Float64Array } | null): void => {
        if (!current) return;
        plots(seriesOf(current, current.source), model ? { name: `fit ${res.circuit}`, ...model, mode: 'line' } : undefined);
        const rows = res.parameters.map((p) => h('tr', { 'data-param': p.name },
          h('td', null, p.name), h('td', { class: 'num', 'data-testid': `eis-value-${p.name}` }, fmt(p.value)),
          h('td', { class: 'num' }, p.stdErr === null ? '—' : `± ${fmt(p.stdErr, 2)}`),
          h('td', { class: 'num' }, p.ci95 ? `${fmt(p.ci95[0])} … ${fmt(p.ci95[1])}` : '—'),
          h('td', null, p.unit), h('td', null, p.fixed ? 'fixed' : p.atBound ? 'at a bound' : '')));
        const rct = res.rct;
        setChildren(resultBox,
          h('div', { class: 'cards' },
            h('div', { class: 'card' }, h('div', { class: 'card-label' }, 'χ² (weighted)'), h('div', { class: 'card-value' }, h('span', { 'data-testid': 'eis-chi2' }, fmt(res.chiSquare, 3)))),
            h('div', { class: 'card' }, h('div', { class: 'card-label' }, 'reduced χ²'), h('div', { class: 'card-value' }, fmt(res.reducedChiSquare, 3)), h('div', { class: 'card-note' }, `${res.degreesOfFreedom} degrees of freedom, ${res.weighting} weighting`)),
            rct ? h('div', { class: 'card', title: rct.rule }, h('div', { class: 'card-label' }, `R_ct (${rct.rct.resistanceName})`), h('div', { class: 'card-value' }, h('span', { 'data-testid': 'eis-rct' }, fmt(rct.rct.resistanceOhm)), ' ', h('span', { class: 'unit' }, 'Ω')), h('div', { class: 'card-note' }, `τ ${fmt(rct.rct.tauS, 3)} s, f_c ${fmt(rct.rct.characteristicFrequencyHz, 3)} Hz`)) : null,
          ),
          h('table', { class: 'data-table', 'data-testid': 'eis-params' },
            h('thead', null, h('tr', null, h('th', null, 'Parameter'), h('th', { class: 'num' }, 'Value'), h('th', { class: 'num' }, '1σ'), h('th', { class: 'num' }, '95 % interval'), h('th', null, 'Unit'), h('th', null, ''))),
            h('tbody', null, ...rows)),
          h('p', { class: 'note' }, res.covarianceNote),
        );
      };

      buildParams();
      root.append(h('section', { class: 'page eis' },
        h('div', { class: 'page-head' }, h('h1', null, 'EIS fit'), h('div', { class: 'toolbar' }, h('button', { type: 'button', onclick: () => fileInput.click() }, 'Open impedance file…'), fileInput)),
        h('div', { class: 'two-col' },
          h('form', { class: 'design-form', onsubmit: (e: Event) => e.preventDefault() },
            h('fieldset', null, h('legend', null, 'Data'), spectrumSelect,
              h('label', { class: 'field' }, h('span', null, 'Only points with Z″ < 0'), capOnly)),
            h('fieldset', null, h('legend', null, 'Circuit'), circuitInput, circuitPick, circuitMsg,
              h('label', { class: 'field' }, h('span', null, 'Weighting'), weighting),
              h('table', { class: 'data-table params' }, h('thead', null, h('tr', null, h('th', null, 'Name'), h('th', null, 'What'), h('th', null, 'Unit'), h('th', null, 'Start'), h('th', null, 'Fix'))), paramBody)),
            h('div', { class: 'toolbar' }, fitBtn, cancelBtn)),
          h('div', { class: 'col' }, status, errorBox, resultBox, dataFigs))));
      void getFile(FILE_KEY).then((f) => { if (f && !current && !worker) openBytes(f.name, f.bytes, false); });
      return stop;
    },
  };
}
