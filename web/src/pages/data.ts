/**
 * Data page: open (drop) an instrument file; it is parsed in a Web Worker by the same readers as
 * `cathodelab import`, then shown as file facts, plots (voltage against time and capacity, Nyquist and
 * Bode for impedance), a per-cycle summary and a preview of the rows. Nothing is uploaded.
 */
import { lineChart } from '../../../src/core/plot/line-chart.js';
import { nyquistChart, bodeChart } from '../../../src/core/plot/impedance-charts.js';
import type { XYSeries } from '../../../src/core/plot/types.js';
import { h, setChildren, fmt } from '../lib/dom.js';
import { load, save } from '../lib/store.js';
import { figure, toCsv, limits } from '../lib/plot-view.js';
import { putFile, getFile } from '../lib/file-store.js';
import { analyzeCvArrays, type CvResult } from '../../../src/core/analysis/cv.js';
import type { GittLengthScale, GittResult } from '../../../src/core/analysis/gitt.js';
import type { GittReply, GittRequest } from '../workers/gitt.worker.js';
import { isCathodeLabError } from '../../../src/core/errors.js';
import { scatterChart } from '../../../src/core/plot/line-chart.js';
import type { ParsedFile, ParsedXrd, ReadRequest, WorkerReply } from '../workers/read-measurement.worker.js';

/** Above this the browser would hold several copies of the file; the CLI streams instead. */
export const MAX_FILE_BYTES = 300 * 1024 * 1024;
const PERSIST_MAX_BYTES = 50 * 1024 * 1024;
const STORE_KEY = 'data:last-file';
/** The column mapping the user last read a table with (localStorage; JSON text as typed). */
const MAPPING_KEY = 'data:column-mapping';

/**
 * The template shown before the user has a mapping of their own: a LAND (Landt) export, whose header is
 * `TestTime,Current/mA,Voltage/V` with `D-H:MM:SS` times and current positive on charge (the README's
 * example for `cathodelab gitt --mapping`).
 */
export const LAND_MAPPING_TEMPLATE = JSON.stringify({
  columns: {
    TestTime: { column: 'time_s', unit: 'hh:mm:ss' },
    'Current/mA': { column: 'current_A', unit: 'mA', sign: 'positive-charge' },
    'Voltage/V': { column: 'voltage_V', unit: 'V' },
  },
}, null, 2);

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

export function dataPage(): { title: string; mount(root: HTMLElement): () => void } {
  return {
    title: 'Data',
    mount(root: HTMLElement) {
      let worker: Worker | undefined;
      const onPage = h('section', { class: 'page data', 'data-testid': 'data-page', 'data-state': 'idle' });
      const status = h('div', { class: 'status', 'data-testid': 'data-status', 'aria-live': 'polite' });
      const errorBox = h('div', { class: 'error', role: 'alert', 'data-testid': 'data-error', hidden: true });
      const output = h('div', { class: 'data-output', 'data-testid': 'data-output' });
      const input = h('input', { type: 'file', 'data-testid': 'data-file-input', 'aria-label': 'Open an instrument file' });
      const drop = h('div', { class: 'drop', 'data-testid': 'drop-zone' },
        h('p', null, h('strong', null, 'Drop an instrument file here'), ' or ', h('button', { type: 'button', onclick: () => input.click() }, 'choose a file…')),
        h('p', { class: 'note' }, 'BioLogic .mpr/.mpt, Arbin .res/.csv, Neware .ndax/.csv/.xlsx, Maccor, Novonix, Gamry .DTA, impedance text files, and XRD patterns (.uxd, .xy, .dat). Read in this browser; nothing is uploaded.'),
        input,
      );
      input.hidden = true;

      /** The open file, so it can be read again through a mapping (bytes go to the worker by transfer). */
      let current: { name: string; bytes: () => Promise<ArrayBuffer> } | undefined;
      const remembered = (): string | undefined => load<string>(MAPPING_KEY);
      const mappingText = h('textarea', { rows: 9, spellcheck: 'false', class: 'mapping-text', 'data-testid': 'mapping-text', 'aria-label': 'column mapping JSON' });
      mappingText.value = remembered() ?? LAND_MAPPING_TEMPLATE;
      const mappingFile = h('input', { type: 'file', accept: '.json,application/json', 'data-testid': 'mapping-file-input', 'aria-label': 'Open a column-mapping JSON file' });
      mappingFile.hidden = true;
      const takeMappingFile = (f: File): void => { void f.text().then((t) => { mappingText.value = t; }); };
      mappingFile.addEventListener('change', () => {
        const f = mappingFile.files?.[0];
        if (f) takeMappingFile(f);
        mappingFile.value = '';
      });
      mappingText.addEventListener('dragover', (e) => e.preventDefault());
      mappingText.addEventListener('drop', (e) => {
        const f = e.dataTransfer?.files[0];
        if (!f) return;
        e.preventDefault();
        e.stopPropagation();
        takeMappingFile(f);
      });
      const applyMapping = (): void => {
        if (!current) {
          fail('open a table first (drop a CSV, TSV or .xlsx file above), then read it through the mapping.');
          return;
        }
        const { name, bytes } = current;
        const text = mappingText.value;
        setState('reading');
        void bytes().then((b) => parse(name, b, true, text), (e: unknown) => fail(`could not read ${name}: ${String(e)}`));
      };
      const mappingPanel = h('details', { class: 'mapping', 'data-testid': 'mapping-panel' },
        h('summary', null, 'Read a table through a column mapping'),
        h('p', { class: 'note' }, 'Any CSV, TSV or .xlsx table: for each column, the standard column it is, its unit and (for current) its sign convention, as for ',
          h('code', null, 'cathodelab import --mapping'), '. Paste or drop a mapping JSON here; the one that reads a file is remembered in this browser. The template below reads a LAND export.'),
        mappingText,
        h('div', { class: 'toolbar left' },
          h('button', { type: 'button', 'data-testid': 'mapping-apply', onclick: applyMapping }, 'Read the table with this mapping'),
          h('button', { type: 'button', onclick: () => mappingFile.click() }, 'Open a mapping file…'),
          h('button', { type: 'button', class: 'small', onclick: () => { mappingText.value = LAND_MAPPING_TEMPLATE; } }, 'LAND template'),
          mappingFile));

      const stop = (): void => {
        worker?.terminate();
        worker = undefined;
      };
      /** idle | reading | ready | error, on the page element: tests and assistive tools can wait on it. */
      const setState = (st: 'idle' | 'reading' | 'ready' | 'error'): void => { onPage.dataset.state = st; };

      const fail = (message: string): void => {
        setState('error');
        stop();
        setChildren(status);
        errorBox.hidden = false;
        errorBox.textContent = message;
      };

      /**
       * `mapping`: read the file as a table through this column-mapping JSON (mapped/reader.ts).
       * `readerError`: set when the saved mapping is tried after the instrument readers failed, so a
       * failure can show both reasons.
       */
      const parse = (name: string, bytes: ArrayBuffer, persist: boolean, mapping?: string, readerError?: string): void => {
        stop();
        setState('reading');
        errorBox.hidden = true;
        const bar = h('progress', { max: 1, value: 0 });
        const cancel = h('button', { type: 'button', class: 'small', onclick: () => { stop(); setState('idle'); setChildren(status, `Reading ${name} cancelled.`); } }, 'Cancel');
        setChildren(status, h('span', null, `Reading ${name} (${mb(bytes.byteLength)})… `), bar, cancel);
        const copy = persist && bytes.byteLength <= PERSIST_MAX_BYTES ? bytes.slice(0) : undefined;
        // Without a stored copy (restored files), keep one so a mapping can read the file again.
        if (!current || current.name !== name) {
          const kept = copy ?? bytes.slice(0);
          current = { name, bytes: () => Promise.resolve(kept.slice(0)) };
        }
        const w = new Worker(new URL('../workers/read-measurement.worker.ts', import.meta.url), { type: 'module' });
        worker = w;
        w.onmessage = (ev: MessageEvent<WorkerReply>) => {
          if (worker !== w) return;
          const msg = ev.data;
          if (msg.type === 'progress') bar.value = msg.fraction;
          else if (msg.type === 'error') {
            const saved = remembered();
            if (msg.unrecognised && saved !== undefined && current) {
              // A table no instrument reader knows: try the mapping that read the user's last table.
              const { bytes: again } = current;
              stop();
              void again().then((b2) => parse(name, b2, persist, saved, msg.message), (e: unknown) => fail(`could not read ${name}: ${String(e)}`));
              setChildren(status, `${name} is not a known instrument format; reading it through your saved column mapping…`);
              return;
            }
            fail(msg.mappingError && readerError !== undefined ? `${readerError}. Your saved column mapping did not read it either: ${msg.message}` : msg.mappingError ? `Column mapping: ${msg.message}` : msg.unrecognised ? `${msg.message}. If it is a table, read it through a column mapping (below).` : msg.message);
            if (msg.unrecognised || msg.mappingError) mappingPanel.open = true;
          }
          else if (msg.type === 'xrd') {
            stop();
            setChildren(status, `${name}: ${msg.xrd.pattern.twoThetaDeg.length.toLocaleString('en')} points read and analysed in ${fmt(msg.xrd.parseMs / 1000, 2)} s.`);
            setChildren(output, ...renderXrd(msg.xrd));
            setState('ready');
            if (copy) void putFile(STORE_KEY, { name, bytes: copy });
          } else {
            stop();
            setChildren(status, `${name}: ${msg.file.rows.toLocaleString('en')} rows read in ${fmt(msg.file.parseMs / 1000, 2)} s${mapping === undefined ? '' : ' through the column mapping'}.`);
            if (mapping !== undefined) {
              save(MAPPING_KEY, mapping);
              mappingText.value = mapping;
            }
            render(msg.file);
            setState('ready');
            if (copy) void putFile(STORE_KEY, { name, bytes: copy });
          }
        };
        w.onerror = (ev) => {
          ev.preventDefault();
          fail(`the reader stopped unexpectedly on ${name}: ${ev.message || 'worker error'}`);
        };
        const request: ReadRequest = mapping === undefined ? { name, bytes } : { name, bytes, mapping };
        w.postMessage(request, [bytes]);
      };

      const openFile = (file: File): void => {
        setState('reading');
        if (file.size > MAX_FILE_BYTES) {
          fail(`${file.name} is ${mb(file.size)}; the browser app opens files up to ${mb(MAX_FILE_BYTES)}. For bigger files use the command line, which streams them: cathodelab import "${file.name}" --summary`);
          return;
        }
        if (file.size === 0) {
          fail(`${file.name} is empty (0 bytes).`);
          return;
        }
        current = { name: file.name, bytes: () => file.arrayBuffer() };
        void file.arrayBuffer().then((b) => parse(file.name, b, true), (e: unknown) => fail(`could not read ${file.name}: ${String(e)}`));
      };

      input.addEventListener('change', () => {
        const f = input.files?.[0];
        if (f) openFile(f);
        input.value = '';
      });
      drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
      drop.addEventListener('dragleave', () => drop.classList.remove('over'));
      drop.addEventListener('drop', (e) => {
        e.preventDefault();
        drop.classList.remove('over');
        const f = e.dataTransfer?.files[0];
        if (f) openFile(f);
      });

      const render = (f: ParsedFile): void => {
        const c = f.columns;
        const md = f.metadata;
        const facts: [string, string][] = [
          ['file', f.name],
          ['format', f.readerDescription],
          ['rows', f.rows.toLocaleString('en')],
        ];
        if (md.technique?.length) facts.push(['technique', md.technique.join(', ')]);
        if (md.instrument) facts.push(['instrument', md.instrument + (md.softwareVersion ? ` (software ${md.softwareVersion})` : '')]);
        if (md.startTime) facts.push(['start', md.startTime]);
        if (md.activeMassKg) facts.push(['active mass', `${fmt(md.activeMassKg * 1e6)} mg`]);
        if (md.electrodeAreaM2) facts.push(['electrode area', `${fmt(md.electrodeAreaM2 * 1e4)} cm²`]);
        facts.push(['columns', Object.keys(c).join(', ')]);
        const factList = h('dl', { class: 'facts', 'data-testid': 'file-facts' }, ...facts.flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
        const warnings = f.warnings.length ? h('ul', { class: 'warnings' }, ...f.warnings.map((w) => h('li', null, w))) : null;
        setChildren(output, factList, warnings, ...charts(f), cycleTable(f), analyses(f), previewTable(f));
      };

      onPage.append(h('div', { class: 'page-head' }, h('h1', null, 'Data')), drop, mappingPanel, status, errorBox, output);
      root.append(onPage);
      // Re-open the last file after a reload (kept in IndexedDB, never sent anywhere).
      void getFile(STORE_KEY).then((saved) => {
        if (saved && !worker && output.childElementCount === 0) parse(saved.name, saved.bytes, false);
      });
      return stop;
    },
  };
}

function charts(f: ParsedFile): HTMLElement[] {
  const c = f.columns;
  const out: HTMLElement[] = [];
  const base = f.name.replace(/\.[^.]+$/, '');
  if (c.zReal_Ohm && c.zImag_Ohm) {
    const fig = figure({ name: `${base}-nyquist`, testId: 'nyquist-chart', csv: () => toCsv([{ name: 'zReal_Ohm', values: c.zReal_Ohm }, { name: 'zImag_Ohm', values: c.zImag_Ohm }, ...(c.frequency_Hz ? [{ name: 'frequency_Hz', values: c.frequency_Hz }] : [])]) });
    fig.update(nyquistChart({ title: 'Nyquist', series: [{ name: f.name, zReal: c.zReal_Ohm, zImag: c.zImag_Ohm }], legend: 'none' }));
    out.push(fig.el);
    if (c.frequency_Hz) {
      const positive = Array.from(c.frequency_Hz).every((v) => !Number.isFinite(v) || v > 0);
      if (positive) {
        const b = figure({ name: `${base}-bode`, testId: 'bode-chart' });
        b.update(bodeChart({ title: 'Bode', series: [{ name: f.name, zReal: c.zReal_Ohm, zImag: c.zImag_Ohm, frequencyHz: c.frequency_Hz }], legend: 'none' }));
        out.push(b.el);
      }
    }
  }
  if (c.time_s && c.voltage_V && !(c.zReal_Ohm && !c.current_A)) {
    const tEnd = c.time_s[c.time_s.length - 1] - c.time_s[0];
    const hours = tEnd > 7200;
    const t = new Float64Array(c.time_s.length);
    for (let i = 0; i < t.length; i++) t[i] = hours ? c.time_s[i] / 3600 : c.time_s[i];
    const fig = figure({ name: `${base}-voltage-time`, testId: 'voltage-time-chart', csv: () => toCsv([{ name: 'time_s', values: c.time_s }, { name: 'voltage_V', values: c.voltage_V }]) });
    fig.draw((view) => lineChart({ title: 'Voltage against time', x: { label: hours ? 'Time / h' : 'Time / s', ...limits(view.x) }, y: { label: 'Voltage / V', ...limits(view.y) }, series: [{ name: 'voltage', x: t, y: c.voltage_V }], width: 640, height: 340 }));
    out.push(fig.el);
  }
  const curves = capacityCurves(f);
  if (curves.length) {
    const fig = figure({ name: `${base}-voltage-capacity`, testId: 'voltage-capacity-chart' });
    fig.draw((view) => lineChart({ title: 'Voltage against capacity', x: { label: 'Capacity / mAh', ...limits(view.x) }, y: { label: 'Voltage / V', ...limits(view.y) }, series: curves, width: 640, height: 360 }));
    out.push(fig.el);
  }
  const s = f.summary;
  if (s && s.cycles.length > 0) {
    const cyc = s.cycles.map((r) => r.cycle);
    const fig = figure({ name: `${base}-cycles`, testId: 'cycle-chart', csv: () => toCsv([{ name: 'cycle', values: cyc }, { name: 'chargeCapacity_mAh', values: s.cycles.map((r) => r.chargeCapacityAh * 1000) }, { name: 'dischargeCapacity_mAh', values: s.cycles.map((r) => r.dischargeCapacityAh * 1000) }, { name: 'coulombicEfficiency_pct', values: s.cycles.map((r) => r.coulombicEfficiencyPct) }]) });
    fig.draw((view) => lineChart({
      title: 'Capacity per cycle',
      x: { label: 'Cycle / –', ...limits(view.x) },
      y: { label: 'Capacity / mAh', includeZero: view.y === undefined, ...limits(view.y) },
      series: [
        { name: 'charge', x: cyc, y: s.cycles.map((r) => r.chargeCapacityAh * 1000), mode: 'line+markers' },
        { name: 'discharge', x: cyc, y: s.cycles.map((r) => r.dischargeCapacityAh * 1000), mode: 'line+markers' },
      ],
      width: 640,
      height: 320,
    }));
    out.push(fig.el);
  }
  return out;
}

/**
 * Voltage against the capacity counted within each charge or discharge, one series per cycle (at most
 * 12, spread over the file). Rests break the line.
 */
function capacityCurves(f: ParsedFile): XYSeries[] {
  const c = f.columns;
  const v = c.voltage_V;
  const I = c.current_A;
  const qc = c.chargeCapacity_Ah;
  const qd = c.dischargeCapacity_Ah;
  if (!v || !I || (!qc && !qd)) return [];
  const cyc = c.cycle;
  const byCycle = new Map<number, number[]>();
  for (let i = 0; i < f.rows; i++) {
    const k = cyc ? cyc[i] : 0;
    let list = byCycle.get(k);
    if (!list) byCycle.set(k, (list = []));
    list.push(i);
  }
  let keys = [...byCycle.keys()].sort((a, b) => a - b);
  if (keys.length > 12) keys = Array.from({ length: 12 }, (_, j) => keys[Math.round((j * (keys.length - 1)) / 11)]);
  return keys.map((k) => {
    const rows = byCycle.get(k) as number[];
    const x = new Float64Array(rows.length);
    const y = new Float64Array(rows.length);
    rows.forEach((i, j) => {
      const q = I[i] > 0 ? qc?.[i] : I[i] < 0 ? qd?.[i] : undefined;
      x[j] = q === undefined ? NaN : q * 1000;
      y[j] = q === undefined ? NaN : v[i];
    });
    return { name: `cycle ${k}`, x, y };
  });
}

function cycleTable(f: ParsedFile): HTMLElement {
  const s = f.summary;
  if (!s || s.cycles.length === 0) return h('p', { class: 'note', 'data-testid': 'cycle-note' }, `No cycle summary: ${f.summaryNote ?? 'no cycles found'}.`);
  const perG = s.cycles.some((r) => r.dischargeCapacityMahPerG !== undefined);
  const head = ['Cycle', 'Q charge / mAh', 'Q discharge / mAh', 'CE / %', 'E discharge / mWh', 'V̄ charge / V', 'V̄ discharge / V', 'Retention / %', ...(perG ? ['Q charge / mAh g⁻¹', 'Q discharge / mAh g⁻¹'] : [])];
  const rows = s.cycles.slice(0, 2000).map((r) => h('tr', null,
    h('td', null, String(r.cycle)),
    ...[r.chargeCapacityAh * 1000, r.dischargeCapacityAh * 1000, r.coulombicEfficiencyPct, r.dischargeEnergyWh * 1000, r.averageChargeVoltageV, r.averageDischargeVoltageV, r.retentionPct, ...(perG ? [r.chargeCapacityMahPerG ?? NaN, r.dischargeCapacityMahPerG ?? NaN] : [])]
      .map((x) => h('td', { class: 'num' }, fmt(x)))));
  return h('section', null,
    h('h3', null, 'Cycle summary'),
    h('table', { class: 'data-table', 'data-testid': 'cycle-table' }, h('thead', null, h('tr', null, ...head.map((t, i) => h('th', { class: i ? 'num' : '' }, t)))), h('tbody', null, ...rows)),
    s.cycles.length > 2000 ? h('p', { class: 'note' }, `first 2000 of ${s.cycles.length} cycles shown`) : null,
    ...s.notes.map((n) => h('p', { class: 'note' }, n)),
  );
}

function previewTable(f: ParsedFile): HTMLElement {
  const names = Object.keys(f.columns);
  const n = Math.min(50, f.rows);
  const rows: HTMLElement[] = [];
  for (let i = 0; i < n; i++) rows.push(h('tr', null, ...names.map((k) => h('td', { class: 'num' }, fmt(f.columns[k][i])))));
  return h('details', { class: 'table-details' },
    h('summary', null, `First ${n} of ${f.rows.toLocaleString('en')} rows`),
    h('div', { class: 'scroll' }, h('table', { class: 'data-table', 'data-testid': 'row-table' }, h('thead', null, h('tr', null, ...names.map((k) => h('th', { class: 'num' }, k)))), h('tbody', null, ...rows))));
}

/** A note or an error from an analysis, kept on the page (an analysis that cannot run says why). */
function failure(e: unknown): HTMLElement {
  return h('p', { class: 'error' }, isCathodeLabError(e) ? e.message : String(e));
}

/**
 * Analyses on the time series, run on demand: CV peaks here (milliseconds), and GITT (Weppner–Huggins,
 * with the length scale the user gives) in a worker, as a long titration can take a while.
 */
function analyses(f: ParsedFile): HTMLElement {
  const c = f.columns;
  if (!c.time_s || !c.voltage_V || !c.current_A) return h('div');
  const { time_s: t, voltage_V: v, current_A: i } = c;
  const box = h('section', { class: 'analyses' }, h('h3', null, 'Analyses'));
  const cvOut = h('div', { 'data-testid': 'cv-output' });
  const gittOut = h('div', { 'data-testid': 'gitt-output' });
  const runCv = (): void => {
    let r: CvResult;
    try {
      r = analyzeCvArrays(t, v, i, c.cycle);
    } catch (e) {
      setChildren(cvOut, failure(e));
      return;
    }
    const fig = figure({ name: `${f.name.replace(/\.[^.]+$/, '')}-cv`, testId: 'cv-chart' });
    const byCycle = new Map<number, number[]>();
    for (const sw of r.sweeps) {
      const rows = byCycle.get(sw.cycle) ?? [];
      for (let k = sw.startRow; k < sw.endRow; k++) rows.push(k);
      rows.push(-1); // break the line between sweeps of one cycle
      byCycle.set(sw.cycle, rows);
    }
    const series: XYSeries[] = [...byCycle.entries()].slice(0, 12).map(([cy, rows]) => ({
      name: `cycle ${cy}`,
      x: rows.map((k) => (k < 0 ? NaN : v[k])),
      y: rows.map((k) => (k < 0 ? NaN : i[k] * 1000)),
    }));
    const peaks = r.cycles.flatMap((cy) => [cy.anodicPeak, cy.cathodicPeak]).filter((p): p is NonNullable<typeof p> => p !== null);
    series.push({ name: 'peaks', x: peaks.map((p) => p.potentialV), y: peaks.map((p) => p.currentA * 1000), mode: 'markers', color: '#000000' });
    fig.draw((view) => lineChart({ title: 'Cyclic voltammogram', x: { label: 'Potential / V', ...limits(view.x) }, y: { label: 'Current / mA', ...limits(view.y) }, series, width: 640, height: 380 }));
    const mv = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : fmt(x));
    const rows = r.cycles.map((cy) => h('tr', null,
      h('td', null, String(cy.cycle)), h('td', { class: 'num' }, fmt(cy.scanRateVPerS * 1000)),
      h('td', { class: 'num' }, mv(cy.anodicPeak?.potentialV)), h('td', { class: 'num' }, mv(cy.anodicPeak ? cy.anodicPeak.correctedCurrentA * 1000 : null)),
      h('td', { class: 'num' }, mv(cy.cathodicPeak?.potentialV)), h('td', { class: 'num' }, mv(cy.cathodicPeak ? cy.cathodicPeak.correctedCurrentA * 1000 : null)),
      h('td', { class: 'num' }, mv(cy.peakSeparationV === null ? null : cy.peakSeparationV * 1000)), h('td', { class: 'num' }, mv(cy.peakCurrentRatio))));
    setChildren(cvOut, fig.el, h('table', { class: 'data-table', 'data-testid': 'cv-table' },
      h('thead', null, h('tr', null, ...['Cycle', 'Scan rate / mV s⁻¹', 'E_pa / V', 'i_pa / mA', 'E_pc / V', 'i_pc / mA', 'ΔE_p / mV', '|i_pa/i_pc|'].map((x, k) => h('th', { class: k ? 'num' : '' }, x)))),
      h('tbody', null, ...rows)),
    h('p', { class: 'note' }, `${r.method.replace(/\.?$/, '.')} Peak currents are baseline-corrected.`));
  };
  // The length scale changes D by (L1/L2)², so the user picks what L is; the result names it.
  const lengthKind = h('select', { 'aria-label': 'GITT length scale', 'data-testid': 'gitt-length-kind' },
    h('option', { value: 'sphereRadius' }, 'particle radius (L = r/3)'),
    h('option', { value: 'electrodeThickness' }, 'electrode thickness (L)'));
  const lengthUm = h('input', { type: 'number', step: 'any', min: 0, value: 5, 'aria-label': 'length in µm', 'data-testid': 'gitt-length-um' });
  // The analysis runs in a worker (gitt.worker.ts); a new request cancels the one still running.
  let gittWorker: Worker | undefined;
  const runGitt = (): void => {
    const um = Number(lengthUm.value);
    const lengthScale: GittLengthScale = lengthKind.value === 'electrodeThickness' ? { kind: 'electrodeThickness', thicknessM: um * 1e-6 } : { kind: 'sphereRadius', radiusM: um * 1e-6 };
    gittWorker?.terminate();
    const w = new Worker(new URL('../workers/gitt.worker.ts', import.meta.url), { type: 'module' });
    gittWorker = w;
    setChildren(gittOut, h('p', { 'data-testid': 'gitt-status' }, 'Analysing the GITT pulses…'));
    w.onmessage = (ev: MessageEvent<GittReply>) => {
      if (gittWorker !== w) return;
      w.terminate();
      gittWorker = undefined;
      const msg = ev.data;
      if (msg.type === 'error') setChildren(gittOut, h('p', { class: 'error' }, msg.message));
      else renderGitt(msg.result);
    };
    w.onerror = (ev) => {
      ev.preventDefault();
      if (gittWorker !== w) return;
      gittWorker = undefined;
      setChildren(gittOut, h('p', { class: 'error' }, `the GITT analysis stopped unexpectedly: ${ev.message || 'worker error'}`));
    };
    const request: GittRequest = { time: t, current: i, voltage: v, lengthScale };
    w.postMessage(request);
  };
  const renderGitt = (res: GittResult): void => {
    const valid = res.pulses.filter((p) => p.diffusionCm2PerS !== null && p.diffusionCm2PerS > 0);
    const fig = figure({ name: `${f.name.replace(/\.[^.]+$/, '')}-gitt`, testId: 'gitt-chart', csv: () => toCsv([{ name: 'stateOfCharge', values: res.pulses.map((p) => p.stateOfCharge) }, { name: 'diffusion_cm2_per_s', values: res.pulses.map((p) => p.diffusionCm2PerS ?? NaN) }]) });
    if (valid.length) {
      fig.update(scatterChart({ title: 'GITT diffusion coefficient', x: { label: 'State of charge / –' }, y: { label: 'D / cm² s⁻¹', log: true }, series: [
        { name: 'valid', x: valid.filter((p) => p.valid).map((p) => p.stateOfCharge), y: valid.filter((p) => p.valid).map((p) => p.diffusionCm2PerS as number) },
        { name: 'flagged', x: valid.filter((p) => !p.valid).map((p) => p.stateOfCharge), y: valid.filter((p) => !p.valid).map((p) => p.diffusionCm2PerS as number) },
      ], width: 640, height: 360 }));
    }
    // Rows without D (ΔEs at the resolution on a two-phase plateau, wrong sign…) are marked, not hidden.
    const rows = res.pulses.slice(0, 500).map((p) => h('tr', { class: p.diffusionCm2PerS === null ? 'flagged' : p.valid ? '' : 'warned' }, h('td', null, String(p.number)), h('td', null, p.direction), h('td', { class: 'num' }, fmt(p.tauS)), h('td', { class: 'num' }, fmt(p.deltaEsV * 1000)), h('td', { class: 'num' }, fmt(p.deltaEtV * 1000)), h('td', { class: 'num' }, p.diffusionCm2PerS === null ? '—' : p.diffusionCm2PerS.toExponential(2)), h('td', null, p.flags.join(', '))));
    setChildren(gittOut,
      h('p', { 'data-testid': 'gitt-summary' }, `${res.summary.pulses} pulses (${res.pulses.filter((p) => p.direction === 'charge').length} charge, ${res.pulses.filter((p) => p.direction === 'discharge').length} discharge), ${res.summary.valid} valid, ${res.pulses.filter((p) => p.diffusionCm2PerS === null).length} flagged without D; median D ${res.summary.medianValidDiffusionCm2PerS === null ? '—' : res.summary.medianValidDiffusionCm2PerS.toExponential(2) + ' cm²/s'} (L = ${fmt(res.lengthScaleUm)} µm: ${res.lengthScaleDescription}).`),
      valid.length ? fig.el : null,
      res.pulses.length ? h('table', { class: 'data-table', 'data-testid': 'gitt-table' }, h('thead', null, h('tr', null, ...['Pulse', 'Direction', 'τ / s', 'ΔE_s / mV', 'ΔE_t / mV', 'D / cm² s⁻¹', 'Flags'].map((x) => h('th', null, x)))), h('tbody', null, ...rows)) : null,
      h('p', { class: 'note' }, res.method));
  };
  const isCv = (f.metadata.technique ?? []).some((x) => /^CV$|cyclic/i.test(x));
  box.append(
    h('div', { class: 'toolbar left' },
      h('button', { type: 'button', 'data-testid': 'cv-run', onclick: runCv }, 'Find CV peaks'),
      h('span', { class: 'sep' }),
      h('label', null, 'GITT length scale ', lengthKind),
      h('label', null, ' / µm ', lengthUm),
      h('button', { type: 'button', 'data-testid': 'gitt-run', onclick: runGitt }, 'Analyse GITT')),
    cvOut, gittOut);
  if (isCv) runCv();
  return box;
}

/** An XRD pattern: the pattern with its background and fitted peaks, and the layered-oxide lattice. */
function renderXrd(x: ParsedXrd): HTMLElement[] {
  const p = x.pattern;
  const facts: [string, string][] = [
    ['file', x.name], ['format', p.format], ['points', p.twoThetaDeg.length.toLocaleString('en')],
    ['2θ range', `${fmt(p.twoThetaDeg[0])}–${fmt(p.twoThetaDeg[p.twoThetaDeg.length - 1])}°`],
  ];
  if (p.anode) facts.push(['anode', p.anode]);
  if (p.wavelengths?.alpha1Angstrom) facts.push(['Kα1', `${p.wavelengths.alpha1Angstrom} Å`]);
  const out: HTMLElement[] = [h('dl', { class: 'facts', 'data-testid': 'file-facts' }, ...facts.flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)]))];
  if (p.warnings.length) out.push(h('ul', { class: 'warnings' }, ...p.warnings.map((w) => h('li', null, w))));
  const a = x.analysis;
  const fig = figure({ name: x.name.replace(/\.[^.]+$/, ''), testId: 'xrd-chart', csv: () => toCsv([{ name: 'twoTheta_deg', values: p.twoThetaDeg }, { name: 'intensity', values: p.intensity }, ...(a ? [{ name: 'background', values: a.background }] : [])]) });
  const series: XYSeries[] = [{ name: 'pattern', x: p.twoThetaDeg, y: p.intensity, width: 1.2 }];
  if (a) {
    series.push({ name: 'background (SNIP)', x: p.twoThetaDeg, y: a.background, dash: '4 3', width: 1.2 });
    series.push({ name: 'fitted peaks', x: a.peaks.map((q) => q.twoThetaDeg), y: a.peaks.map((q) => q.heightCounts + a.background[nearest(p.twoThetaDeg, q.twoThetaDeg)]), mode: 'markers', color: '#000000' });
  }
  fig.draw((view) => lineChart({ title: 'Powder pattern', x: { label: '2θ / °', ...limits(view.x) }, y: { label: 'Intensity / counts', ...limits(view.y) }, series, width: 760, height: 380 }));
  out.push(fig.el);
  if (!a) {
    out.push(h('p', { class: 'error' }, `Layered-oxide analysis not possible: ${x.analysisError ?? 'unknown reason'}`));
    return out;
  }
  const row = (k: string, v: string, id?: string): HTMLElement => h('tr', null, h('td', null, k), h('td', { class: 'num', 'data-testid': id }, v));
  out.push(h('section', null, h('h3', null, 'Layered oxide (R-3m, hexagonal setting)'),
    h('table', { class: 'data-table', 'data-testid': 'xrd-lattice' }, h('tbody', null,
      row('a / Å', fmt(a.aAngstrom, 5), 'xrd-a'), row('± a / Å', fmt(a.aStdErrAngstrom, 2)),
      row('c / Å', fmt(a.cAngstrom, 5), 'xrd-c'), row('± c / Å', fmt(a.cStdErrAngstrom, 2)),
      row('c/a', fmt(a.cOverA, 5)), row('cell volume / Å³', fmt(a.cellVolumeAngstrom3, 5)), row('2θ zero shift / °', fmt(a.zeroShiftDeg, 3)),
      row('I(003)/I(104), heights', fmt(a.i003ToI104Height, 4), 'xrd-i003'), row('I(003)/I(104), areas', fmt(a.i003ToI104Area, 4)),
      row('2θ(012) − 2θ(006) / °', a.splitting006to012Deg === null ? '—' : fmt(a.splitting006to012Deg, 3)),
      row('2θ(110) − 2θ(018) / °', a.splitting018to110Deg === null ? '—' : fmt(a.splitting018to110Deg, 3)),
      row('lattice rms residual / °', fmt(a.latticeRmsResidualDeg, 2)))),
    h('table', { class: 'data-table', 'data-testid': 'xrd-peaks' },
      h('thead', null, h('tr', null, ...['hkl', '2θ / °', 'd / Å', 'height / counts', 'FWHM / °', 'η', 'obs − calc / °'].map((t, k) => h('th', { class: k ? 'num' : '' }, t)))),
      h('tbody', null, ...a.peaks.map((q) => h('tr', null, h('td', null, q.label), ...[q.twoThetaDeg, q.dAngstrom, q.heightCounts, q.fwhmDeg, q.eta, q.latticeResidualDeg].map((v) => h('td', { class: 'num' }, fmt(v))))))),
    a.notFound.length ? h('p', { class: 'note' }, `Not found: ${a.notFound.join(', ')}`) : null,
    h('p', { class: 'note' }, a.method)));
  return out;
}

function nearest(x: Float64Array, v: number): number {
  let best = 0;
  for (let k = 1; k < x.length; k++) if (Math.abs(x[k] - v) < Math.abs(x[best] - v)) best = k;
  return best;
}
