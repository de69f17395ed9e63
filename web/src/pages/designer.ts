/**
 * Cell designer: a form over the design file's fields; every change re-designs the cell (the same core
 * code as `cathodelab design`) and updates the energy and mass breakdown and a sweep chart.
 */
import { MaterialLibrary } from '../../../src/core/materials/library.js';
import { validateDesign, parseDesign } from '../../../src/core/design/parse.js';
import { designCell } from '../../../src/core/design/cell.js';
import { cellFieldUnits, cellSummary } from '../../../src/core/design/report.js';
import { runSweep, SWEEP_VARIABLES, type SweepVariable } from '../../../src/core/design/sweep.js';
import type { Design } from '../../../src/core/design/schema.js';
import { isCathodeLabError } from '../../../src/core/errors.js';
import { barChart } from '../../../src/core/plot/bar-chart.js';
import { lineChart } from '../../../src/core/plot/line-chart.js';
import gao2025 from '../../../examples/gao2025-pouch.json';
import { h, setChildren, debounce, download, fmt } from '../lib/dom.js';
import { load, save, forget } from '../lib/store.js';
import { figure, toCsv, limits } from '../lib/plot-view.js';

const STORE_KEY = 'designer';
type Json = Record<string, unknown>;
/** A designed cell in the field's units (the designer computes in SI; report.ts converts). */
type CellView = ReturnType<typeof cellSummary>;

interface DesignerState {
  design: Json;
  sweep: { variable: SweepVariable; from: number; to: number; points: number };
}

const DEFAULT_SWEEP: DesignerState['sweep'] = { variable: 'loadingMgPerCm2', from: 10, to: 60, points: 26 };

/** Sensible sweep ranges and axis labels for the variables we know; others get a range around the design's value. */
const SWEEP_RANGES: Partial<Record<SweepVariable, [number, number, string]>> = {
  loadingMgPerCm2: [10, 60, 'Cathode loading per side / mg cm⁻²'],
  arealCapacityMahPerCm2: [2, 12, 'Areal capacity per side / mAh cm⁻²'],
  electrolyteGPerAh: [1, 4, 'Electrolyte / capacity (E/C) / g Ah⁻¹'],
  npRatio: [0.5, 4, 'N/P ratio / –'],
  cathodeLayers: [1, 30, 'Double-sided cathodes / –'],
  liThicknessUm: [10, 150, 'Li thickness per face / µm'],
  porosityPercent: [15, 45, 'Cathode porosity / %'],
} as Partial<Record<SweepVariable, [number, number, string]>>;

/** Axis label for a sweep variable: ours, or the core's description "what, unit" as "What / unit". */
function sweepLabel(v: SweepVariable): string {
  const known = SWEEP_RANGES[v];
  if (known) return known[2];
  const d: string = SWEEP_VARIABLES[v].describe;
  const i = d.lastIndexOf(', ');
  const what = i > 0 ? d.slice(0, i) : d;
  return `${what.charAt(0).toUpperCase()}${what.slice(1)} / ${i > 0 ? d.slice(i + 2) : '–'}`;
}

function sweepRange(v: SweepVariable): [number, number] {
  const known = SWEEP_RANGES[v];
  return known ? [known[0], known[1]] : [1, 10];
}

function getPath(obj: Json, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Json)[k] : undefined), obj);
}

function setPath(obj: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    if (typeof o[k] !== 'object' || o[k] === null) o[k] = {};
    o = o[k] as Json;
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete o[last];
  else o[last] = value;
}

interface NumberField { kind: 'number'; path: string; label: string; step?: number; optional?: boolean; hint?: string }
interface SelectField { kind: 'select'; path: string; label: string; options: () => string[] }
/** Exactly one of two fields (e.g. Li thickness or N/P): a choice and one number. */
interface EitherField { kind: 'either'; paths: [string, string]; labels: [string, string]; label: string }
type Field = NumberField | SelectField | EitherField;

export function designerPage(lib = MaterialLibrary.builtin()): { title: string; mount(root: HTMLElement): () => void } {
  const ofKind = (...kinds: string[]) => (): string[] => lib.entries().filter((e) => kinds.includes(e.material.kind)).map((e) => e.material.id);
  const sections: [string, Field[]][] = [
    ['Cathode (per coated side)', [
      { kind: 'either', paths: ['cathode.loadingMgPerCm2', 'cathode.arealCapacityMahPerCm2'], labels: ['Loading / mg cm⁻²', 'Areal capacity / mAh cm⁻²'], label: 'Cathode sized by' },
      { kind: 'select', path: 'cathode.loadingBasis', label: 'Loading counts', options: () => ['coating', 'active'] },
      { kind: 'either', paths: ['cathode.porosityPercent', 'cathode.densityGPerCm3'], labels: ['Porosity / %', 'Density / g cm⁻³'], label: 'Calendering' },
      { kind: 'number', path: 'cathode.currentCollector.thicknessUm', label: 'Al foil / µm', step: 1 },
      { kind: 'number', path: 'cathode.specificCapacityMahPerG', label: 'Capacity / mAh g⁻¹', optional: true, hint: 'material' },
      { kind: 'number', path: 'cathode.averageVoltageV', label: 'Average voltage / V', optional: true, step: 0.01, hint: 'material' },
    ]],
    ['Li-metal anode', [
      { kind: 'either', paths: ['anode.thicknessUmPerSide', 'anode.npRatio'], labels: ['Li per face / µm', 'N/P ratio / –'], label: 'Li sized by' },
    ]],
    ['Separator and electrolyte', [
      { kind: 'select', path: 'separator.material', label: 'Separator', options: ofKind('separator') },
      { kind: 'select', path: 'electrolyte.material', label: 'Electrolyte', options: ofKind('liquid-electrolyte') },
      { kind: 'either', paths: ['electrolyte.electrolyteGPerAh', 'electrolyte.poreFillPercent'], labels: ['E/C / g Ah⁻¹', 'Pore fill / %'], label: 'Amount' },
    ]],
    ['Stack and pouch', [
      { kind: 'number', path: 'stack.cathodeLayers', label: 'Double-sided cathodes', step: 1 },
      { kind: 'number', path: 'stack.cathodeWidthMm', label: 'Cathode width / mm', step: 1 },
      { kind: 'number', path: 'stack.cathodeHeightMm', label: 'Cathode height / mm', step: 1 },
      { kind: 'select', path: 'package.laminate', label: 'Pouch laminate', options: ofKind('laminate') },
      { kind: 'number', path: 'package.sealMarginMm', label: 'Seal width / mm', step: 0.5 },
      { kind: 'number', path: 'package.headspaceMm', label: 'Headspace / mm', step: 0.5 },
    ]],
  ];

  return {
    title: 'Cell designer',
    mount(root: HTMLElement) {
      const saved = load<DesignerState>(STORE_KEY);
      const state: DesignerState = {
        design: saved?.design ?? structuredClone(gao2025 as Json),
        sweep: saved?.sweep && saved.sweep.variable in SWEEP_VARIABLES ? saved.sweep : { ...DEFAULT_SWEEP },
      };
      const errorBox = h('div', { class: 'error', role: 'alert', 'data-testid': 'design-error', hidden: true });
      const form = h('form', { class: 'design-form', onsubmit: (e: Event) => e.preventDefault() });
      const results = h('div', { class: 'results', 'data-testid': 'design-results' });
      const massFig = figure({ name: 'cell-mass-breakdown', testId: 'mass-chart' });
      let lastSweepCsv = '';
      const sweepFig = figure({ name: 'design-sweep', testId: 'sweep-chart', csv: () => lastSweepCsv });
      const compositionBox = h('div', { class: 'composition' });
      const sweepControls = h('div', { class: 'sweep-controls' });
      const nameEl = h('h2', { class: 'design-name' });

      const recompute = (): void => {
        save(STORE_KEY, state);
        let design: Design;
        let cell: CellView;
        try {
          design = validateDesign(structuredClone(state.design), 'design');
          cell = cellSummary(designCell(design, lib));
        } catch (e) {
          errorBox.hidden = false;
          errorBox.textContent = isCathodeLabError(e) ? e.message : `unexpected problem: ${(e as Error).message}`;
          results.classList.add('stale');
          return;
        }
        errorBox.hidden = true;
        results.classList.remove('stale');
        nameEl.textContent = cell.name;
        renderResults(design, cell);
        renderSweep(design, cell);
      };
      const later = debounce(recompute, 120);

      const renderResults = (design: Design, cell: CellView): void => {
        const ref = design.reference?.specificEnergyWhPerKg;
        const card = (label: string, value: string, unit: string, id: string, note?: string): HTMLElement =>
          h('div', { class: 'card' }, h('div', { class: 'card-label' }, label), h('div', { class: 'card-value' }, h('span', { 'data-testid': id }, value), ' ', h('span', { class: 'unit' }, unit)), note ? h('div', { class: 'card-note' }, note) : null);
        const cards = h('div', { class: 'cards' },
          card('Specific energy, cell', fmt(cell.specificEnergyWhPerKg), 'Wh/kg', 'wh-per-kg', ref ? `reference ${fmt(ref)} Wh/kg (${fmt(((cell.specificEnergyWhPerKg - ref) / ref) * 100, 2)} %)` : undefined),
          card('Energy density, cell', fmt(cell.energyDensityWhPerL), 'Wh/L', 'wh-per-l'),
          card('Capacity', fmt(cell.capacityAh), 'Ah', 'capacity-ah'),
          card('Energy', fmt(cell.energyWh), 'Wh', 'energy-wh', `at ${fmt(cell.averageVoltageV, 3)} V average`),
          card('Areal capacity', fmt(cell.arealCapacityMahPerCm2), 'mAh/cm²', 'areal-capacity', 'per cathode side'),
          card('Specific energy, stack', fmt(cell.stackSpecificEnergyWhPerKg), 'Wh/kg', 'stack-wh-per-kg'),
          card('Cell mass', fmt(cell.massG), 'g', 'cell-mass'),
          card('Cathode coating', fmt(cell.cathode.thicknessUmPerSide), 'µm', 'coating-thickness', `per side, N/P ${fmt(cell.npRatio, 3)}`),
        );
        const rows = cell.components.map((c) => h('tr', null, h('td', null, c.name), h('td', null, c.level), h('td', { class: 'num' }, fmt(c.massG)), h('td', { class: 'num' }, fmt(c.massPercent, 3)), h('td', { class: 'num' }, fmt(c.volumeCm3))));
        const table = h('table', { class: 'data-table', 'data-testid': 'component-table' },
          h('thead', null, h('tr', null, h('th', null, 'Component'), h('th', null, 'Level'), h('th', null, 'Mass / g'), h('th', null, 'Mass / %'), h('th', null, 'Volume / cm³'))),
          h('tbody', null, ...rows));
        const warnings = cell.warnings.length ? h('ul', { class: 'warnings' }, ...cell.warnings.map((w) => h('li', null, w))) : null;
        // Short names for the chart's categories: the part before the material in parentheses.
        const short = cell.components.map((c) => c.name.replace(/\s*\(.*\)\s*$/, ''));
        massFig.update(barChart({
          title: 'Where the mass goes',
          categories: short,
          y: { label: 'Share of cell mass / %' },
          series: [{ name: 'mass', values: cell.components.map((c) => c.massPercent) }],
          legend: 'none',
          width: 620,
          height: 340,
        }));
        setChildren(results, cards, warnings, massFig.el, h('details', { class: 'table-details' }, h('summary', null, 'Component table'), table));
      };

      const renderSweep = (design: Design, cell: CellView): void => {
        const s = state.sweep;
        const n = Math.max(2, Math.min(200, Math.round(s.points)));
        const integer = SWEEP_VARIABLES[s.variable].integer;
        let values = Array.from({ length: n }, (_, i) => s.from + ((s.to - s.from) * i) / (n - 1));
        if (integer) values = [...new Set(values.map((v) => Math.round(v)))];
        let result;
        try {
          result = runSweep(design, [{ variable: s.variable, values }], lib);
        } catch (e) {
          sweepFig.update('');
          setChildren(sweepNote, isCathodeLabError(e) ? `sweep: ${e.message}` : String(e));
          return;
        }
        setChildren(sweepNote, '');
        const x = result.points.map((p) => p.values[s.variable] ?? NaN);
        const shown = result.points.map((p) => cellFieldUnits(p.cell));
        const cellE = shown.map((p) => p.specificEnergyWhPerKg);
        const stackE = shown.map((p) => p.stackSpecificEnergyWhPerKg);
        const here = currentValue(design, cell, s.variable);
        lastSweepCsv = toCsv([{ name: s.variable, values: x }, { name: 'cellSpecificEnergyWhPerKg', values: cellE }, { name: 'stackSpecificEnergyWhPerKg', values: stackE }]);
        sweepFig.draw((view) => lineChart({
          title: 'Specific energy sweep',
          x: { label: sweepLabel(s.variable), ...limits(view.x) },
          y: { label: 'Specific energy / Wh kg⁻¹', ...limits(view.y) },
          series: [
            { name: 'cell', x, y: cellE },
            { name: 'stack', x, y: stackE, dash: '6 3' },
            { name: 'this design', x: [here], y: [cell.specificEnergyWhPerKg], mode: 'markers', color: '#000000' },
          ],
          width: 620,
          height: 360,
        }));
      };
      const sweepNote = h('p', { class: 'note' });

      // ---- form ----
      const inputFor = (f: Field): HTMLElement => {
        if (f.kind === 'number') {
          const v = getPath(state.design, f.path);
          const input = h('input', { type: 'number', step: f.step ?? 'any', name: f.path, 'data-path': f.path, value: typeof v === 'number' ? v : '', placeholder: f.hint ?? '' });
          input.addEventListener('input', () => {
            const raw = input.value.trim();
            setPath(state.design, f.path, raw === '' ? (f.optional ? undefined : NaN) : Number(raw));
            later();
          });
          return h('label', { class: 'field' }, h('span', null, f.label), input);
        }
        if (f.kind === 'select') {
          const v = String(getPath(state.design, f.path) ?? '');
          const opts = f.options();
          if (v && !opts.includes(v)) opts.unshift(v);
          const sel = h('select', { name: f.path, 'data-path': f.path }, ...opts.map((o) => h('option', { value: o, selected: o === v }, o)));
          sel.addEventListener('change', () => { setPath(state.design, f.path, sel.value); later(); });
          return h('label', { class: 'field' }, h('span', null, f.label), sel);
        }
        const which = getPath(state.design, f.paths[1]) !== undefined ? 1 : 0;
        const sel = h('select', { 'aria-label': `${f.label}: which quantity` }, h('option', { value: '0', selected: which === 0 }, f.labels[0]), h('option', { value: '1', selected: which === 1 }, f.labels[1]));
        const cur = getPath(state.design, f.paths[which]);
        const input = h('input', { type: 'number', step: 'any', 'data-path': f.paths[which], name: f.paths[which], value: typeof cur === 'number' ? cur : '' });
        const apply = (): void => {
          const i = Number(sel.value);
          const raw = input.value.trim();
          setPath(state.design, f.paths[1 - i], undefined);
          setPath(state.design, f.paths[i], raw === '' ? NaN : Number(raw));
          input.dataset.path = f.paths[i];
          input.name = f.paths[i];
          later();
        };
        sel.addEventListener('change', apply);
        input.addEventListener('input', apply);
        return h('div', { class: 'field either' }, h('span', null, f.label), h('div', { class: 'either-row' }, sel, input));
      };

      const buildComposition = (): void => {
        const comp = (getPath(state.design, 'cathode.compositionWtPercent') ?? {}) as Record<string, number>;
        const sum = (): number => Object.values(comp).reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
        const sumEl = h('span', { class: 'note', 'data-testid': 'composition-sum' });
        const showSum = (): void => { sumEl.textContent = `sum ${fmt(sum(), 4)} wt% (must be 100)`; };
        const rows = Object.keys(comp).map((id) => {
          const input = h('input', { type: 'number', step: 'any', 'data-path': `cathode.compositionWtPercent.${id}`, value: comp[id] });
          input.addEventListener('input', () => { comp[id] = input.value.trim() === '' ? NaN : Number(input.value); showSum(); later(); });
          return h('label', { class: 'field' }, h('span', null, `${id} / wt%`), input);
        });
        showSum();
        setChildren(compositionBox, h('div', { class: 'field-group-title' }, 'Coating composition'), ...rows, sumEl);
      };

      const buildForm = (): void => {
        buildComposition();
        setChildren(form,
          h('fieldset', null, h('legend', null, sections[0][0]), compositionBox, ...sections[0][1].map(inputFor)),
          ...sections.slice(1).map(([title, fields]) => h('fieldset', null, h('legend', null, title), ...fields.map(inputFor))),
        );
      };

      const buildSweepControls = (): void => {
        const s = state.sweep;
        const variable = h('select', { 'data-testid': 'sweep-variable', 'aria-label': 'Sweep variable' }, ...Object.keys(SWEEP_VARIABLES).map((k) => h('option', { value: k, selected: k === s.variable }, sweepLabel(k as SweepVariable))));
        const from = h('input', { type: 'number', step: 'any', value: s.from, 'aria-label': 'from' });
        const to = h('input', { type: 'number', step: 'any', value: s.to, 'aria-label': 'to' });
        const points = h('input', { type: 'number', step: 1, min: 2, max: 200, value: s.points, 'aria-label': 'points' });
        variable.addEventListener('change', () => {
          const v = variable.value as SweepVariable;
          const [from0, to0] = sweepRange(v);
          state.sweep = { variable: v, from: from0, to: to0, points: s.points };
          buildSweepControls();
          later();
        });
        for (const [el, key] of [[from, 'from'], [to, 'to'], [points, 'points']] as const) {
          el.addEventListener('input', () => { state.sweep = { ...state.sweep, [key]: Number(el.value) }; later(); });
        }
        setChildren(sweepControls, h('label', null, 'Sweep ', variable), h('label', null, ' from ', from), h('label', null, ' to ', to), h('label', null, ' points ', points));
      };

      const fileInput = h('input', { type: 'file', accept: '.json,.yaml,.yml', hidden: true });
      fileInput.addEventListener('change', () => {
        const f = fileInput.files?.[0];
        if (!f) return;
        void f.text().then((text) => {
          try {
            parseDesign(text, f.name); // validates, with file/line/field in any error
            state.design = (f.name.endsWith('.json') ? JSON.parse(text) : structuredClone(parseDesign(text, f.name))) as Json;
            buildForm();
            recompute();
          } catch (e) {
            errorBox.hidden = false;
            errorBox.textContent = isCathodeLabError(e) ? e.message : String(e);
          }
        });
        fileInput.value = '';
      });
      const toolbar = h('div', { class: 'toolbar' },
        h('button', { type: 'button', onclick: () => { state.design = structuredClone(gao2025 as Json); forget(STORE_KEY); buildForm(); recompute(); }, 'data-testid': 'reset-design' }, 'Reset to the Gao 2025 pouch cell'),
        h('button', { type: 'button', onclick: () => fileInput.click() }, 'Open design file…'),
        h('button', { type: 'button', onclick: () => download('design.json', JSON.stringify(state.design, null, 2) + '\n', 'application/json') }, 'Save design file'),
        fileInput,
      );

      buildForm();
      buildSweepControls();
      root.append(
        h('section', { class: 'page designer' },
          h('div', { class: 'page-head' }, h('h1', null, 'Cell designer'), nameEl, toolbar),
          errorBox,
          h('div', { class: 'two-col' },
            form,
            h('div', { class: 'col' }, results, h('section', { class: 'sweep' }, h('h3', null, 'Sweep'), sweepControls, sweepNote, sweepFig.el)),
          ),
        ),
      );
      recompute();
      return () => { /* nothing global to release */ };
    },
  };
}

/** The current design's value of a sweep variable (where the "this design" marker goes). */
function currentValue(design: Design, cell: CellView, v: SweepVariable): number {
  switch (v) {
    case 'loadingMgPerCm2': return design.cathode.loadingMgPerCm2 ?? (cell.cathode.loadingBasis === 'active' ? cell.cathode.activeLoadingMgPerCm2 : cell.cathode.coatingLoadingMgPerCm2);
    case 'electrolyteGPerAh': return cell.electrolyteGPerAh;
    case 'npRatio': return cell.npRatio;
    case 'cathodeLayers': return design.stack.cathodeLayers;
    case 'liThicknessUm': return cell.lithiumThicknessUmPerSide;
    case 'porosityPercent': return cell.cathode.porosityPercent;
    case 'arealCapacityMahPerCm2': return cell.arealCapacityMahPerCm2;
    // A variable added to the core later: no marker rather than a wrong one.
    default: return NaN;
  }
}
