/**
 * Study page: re-runs Gao et al. 2025 in the browser (a Web Worker, with progress and Cancel) and shows
 * the comparison table (quantity | paper | cathodelab | how) and the full report with its figures.
 * The last report is kept in the browser (IndexedDB) across reloads and can be downloaded as one file.
 */
import { h, setChildren, fmt, download } from '../lib/dom.js';
import { putFile, getFile } from '../lib/file-store.js';
import type { StudyReply, StudyRequest } from '../workers/study.worker.js';
import type { StudyTableRow } from '../../../src/core/study/table.js';

const KEY = 'study:gao2025';

interface Saved {
  rows: StudyTableRow[];
  html: string;
  runTimeMs: number;
}

export function studyPage(): { title: string; mount(root: HTMLElement): () => void } {
  return {
    title: 'Gao 2025 study',
    mount(root: HTMLElement) {
      let worker: Worker | undefined;
      const eis = h('input', { type: 'checkbox', checked: true, 'data-testid': 'study-eis' });
      const calib = h('input', { type: 'checkbox', checked: true, 'data-testid': 'study-calibration' });
      const runBtn = h('button', { type: 'button', class: 'primary', 'data-testid': 'study-run' }, 'Run the study');
      const cancelBtn = h('button', { type: 'button', disabled: true, 'data-testid': 'study-cancel' }, 'Cancel');
      const status = h('div', { class: 'status', 'data-testid': 'study-status', 'aria-live': 'polite' });
      const errorBox = h('div', { class: 'error', role: 'alert', 'data-testid': 'study-error', hidden: true });
      const out = h('div', { 'data-testid': 'study-output' });

      const stop = (): void => {
        worker?.terminate();
        worker = undefined;
        runBtn.disabled = false;
        cancelBtn.disabled = true;
      };
      cancelBtn.addEventListener('click', () => { stop(); setChildren(status, 'Study cancelled.'); });

      const show = (s: Saved): void => {
        const rows = s.rows.map((r) => h('tr', { class: r.note ? 'off' : '' },
          h('td', null, r.quantity), h('td', null, r.paper), h('td', { class: 'num' }, r.cathodelabText),
          h('td', { class: 'num' }, r.deviationPercent === null ? '' : fmt(r.deviationPercent, 2)), h('td', { class: 'how' }, r.how, r.note ? h('div', { class: 'note' }, r.note) : null)));
        const frame = h('iframe', { class: 'report', title: 'Study report', 'data-testid': 'study-report', sandbox: '' });
        frame.srcdoc = s.html;
        setChildren(out,
          h('div', { class: 'toolbar left' }, h('button', { type: 'button', onclick: () => download('gao2025-report.html', s.html, 'text/html') }, 'Download the report (HTML)')),
          h('table', { class: 'data-table', 'data-testid': 'study-table' },
            h('thead', null, h('tr', null, h('th', null, 'Quantity'), h('th', null, 'Paper'), h('th', { class: 'num' }, 'cathodelab'), h('th', { class: 'num' }, 'Δ / %'), h('th', null, 'How it was obtained'))),
            h('tbody', null, ...rows)),
          h('h3', null, 'Report'), frame);
      };

      runBtn.addEventListener('click', () => {
        stop();
        errorBox.hidden = true;
        const bar = h('progress', { max: 1, value: 0, 'data-testid': 'study-progress' });
        const label = h('span', null, 'starting…');
        setChildren(status, h('span', null, 'Running the study: '), label, ' ', bar);
        runBtn.disabled = true;
        cancelBtn.disabled = false;
        const w = new Worker(new URL('../workers/study.worker.ts', import.meta.url), { type: 'module' });
        worker = w;
        w.onmessage = (ev: MessageEvent<StudyReply>) => {
          if (worker !== w) return;
          const m = ev.data;
          if (m.type === 'progress') {
            bar.max = m.total;
            bar.value = m.done;
            label.textContent = `${m.done}/${m.total} ${m.label}`;
          } else if (m.type === 'error') {
            stop();
            setChildren(status);
            errorBox.hidden = false;
            errorBox.textContent = m.message;
          } else {
            stop();
            setChildren(status, `Study finished in ${fmt(m.runTimeMs / 1000, 3)} s in this browser.`);
            const saved: Saved = { rows: m.rows, html: m.html, runTimeMs: m.runTimeMs };
            show(saved);
            void putFile(KEY, { name: 'gao2025.json', bytes: new TextEncoder().encode(JSON.stringify(saved)).buffer as ArrayBuffer });
          }
        };
        w.onerror = (ev) => { ev.preventDefault(); stop(); errorBox.hidden = false; errorBox.textContent = `the study worker stopped: ${ev.message || 'unknown error'}`; };
        const req: StudyRequest = { eis: eis.checked, calibration: calib.checked };
        w.postMessage(req);
      });

      root.append(h('section', { class: 'page study' },
        h('div', { class: 'page-head' }, h('h1', null, 'Gao et al. 2025, re-run'),
          h('p', { class: 'note' }, 'Dry-film NCM811 cathodes with and without LLZO, and their Li-metal pouch cell (Adv. Funct. Mater. 2025, doi:10.1002/adfm.202511636): the same study as `cathodelab study gao2025`, computed in this browser.')),
        h('div', { class: 'toolbar left' },
          h('label', null, eis, ' virtual EIS and Arrhenius'), h('label', null, calib, ' rate-table calibration'), runBtn, cancelBtn),
        status, errorBox, out));
      void getFile(KEY).then((f) => {
        if (!f || worker || out.childElementCount) return;
        try {
          show(JSON.parse(new TextDecoder().decode(f.bytes)) as Saved);
          setChildren(status, 'The last study run in this browser (run it again to refresh).');
        } catch { /* an old or damaged entry: ignore */ }
      });
      return stop;
    },
  };
}
