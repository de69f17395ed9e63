/**
 * GITT analysis off the main thread: a long titration file holds hundreds of pulses over hundreds of
 * thousands of points, and the page must stay responsive meanwhile. Arrays in (copied: the page keeps
 * its columns), the analysis out; the page cancels by terminating the worker.
 */
import { analyzeGittArrays, type GittLengthScale, type GittResult } from '../../../src/core/analysis/gitt.js';
import { isCathodeLabError } from '../../../src/core/errors.js';

export interface GittRequest {
  time: Float64Array;
  current: Float64Array;
  voltage: Float64Array;
  lengthScale: GittLengthScale;
}

export type GittReply = { type: 'result'; result: GittResult; analysisMs: number } | { type: 'error'; message: string };

interface WorkerScope {
  onmessage: ((ev: MessageEvent<GittRequest>) => void) | null;
  postMessage(message: GittReply): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (ev) => {
  const r = ev.data;
  try {
    const t0 = performance.now();
    const result = analyzeGittArrays(r.time, r.current, r.voltage, { lengthScale: r.lengthScale });
    scope.postMessage({ type: 'result', result, analysisMs: performance.now() - t0 });
  } catch (e) {
    scope.postMessage({ type: 'error', message: isCathodeLabError(e) ? e.message : String(e) });
  }
};
