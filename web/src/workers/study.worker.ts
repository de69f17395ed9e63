/**
 * Runs the Gao et al. 2025 study (the same core as `cathodelab study gao2025`) off the main thread,
 * reporting progress step by step, and replies with the comparison table and the report's HTML.
 */
import '../lib/csp-safe-zod.js';
import { runGao2025Study } from '../../../src/core/study/gao2025.js';
import { buildStudyTable, type StudyTableRow } from '../../../src/core/study/table.js';
import { renderStudyReport } from '../../../src/core/study/report-html.js';
import { validateDesign } from '../../../src/core/design/parse.js';
import { MaterialLibrary } from '../../../src/core/materials/library.js';
import { VERSION } from '../../../src/core/version.js';
import { isCathodeLabError } from '../../../src/core/errors.js';
import gao2025 from '../../../examples/gao2025-pouch.json';

export interface StudyRequest {
  eis: boolean;
  calibration: boolean;
}

export type StudyReply =
  | { type: 'progress'; done: number; total: number; label: string }
  | { type: 'result'; rows: StudyTableRow[]; html: string; runTimeMs: number }
  | { type: 'error'; message: string };

interface WorkerScope {
  onmessage: ((ev: MessageEvent<StudyRequest>) => void) | null;
  postMessage(message: StudyReply): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (ev) => {
  try {
    const file = 'examples/gao2025-pouch.json';
    const t0 = performance.now();
    const result = runGao2025Study({
      pouchDesign: validateDesign(structuredClone(gao2025), file),
      pouchFile: file,
      library: MaterialLibrary.builtin(),
      skipEis: !ev.data.eis,
      skipCalibration: !ev.data.calibration,
      onProgress: (done, total, label) => scope.postMessage({ type: 'progress', done, total, label }),
    });
    const runTimeMs = performance.now() - t0;
    const rows = buildStudyTable(result);
    const nav = (globalThis as { navigator?: { hardwareConcurrency?: number; userAgent?: string } }).navigator;
    const machine = `a web browser (${nav?.hardwareConcurrency ?? '?'} logical cores)`;
    const html = renderStudyReport(result, rows, { runTimeMs, machine, version: VERSION, generatedAt: new Date().toISOString() });
    scope.postMessage({ type: 'result', rows, html, runTimeMs });
  } catch (e) {
    scope.postMessage({ type: 'error', message: isCathodeLabError(e) ? e.message : `the study failed: ${(e as Error).message ?? String(e)}` });
  }
};
