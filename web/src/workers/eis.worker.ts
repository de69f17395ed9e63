/**
 * Impedance work off the main thread: read a file into its spectra, and fit an equivalent circuit to
 * one (the same code as the CLI). Fits with several starts can take seconds; the page cancels by
 * terminating the worker.
 */
import '../lib/buffer-global.js';
import '../lib/csp-safe-zod.js';
import { readMeasurement } from '../../../src/core/io/formats.js';
import { spectraFromMeasurement, capacitivePoints, makeSpectrum } from '../../../src/core/eis/spectrum.js';
import { fitCircuit, type CircuitFitResult, type Weighting } from '../../../src/core/eis/fit.js';
import { Circuit } from '../../../src/core/eis/circuit.js';
import { isCathodeLabError } from '../../../src/core/errors.js';

export interface PlainSpectrum {
  source: string;
  frequencyHz: Float64Array;
  zReal: Float64Array;
  zImag: Float64Array;
  temperatureK?: number;
}

export type EisRequest =
  | { type: 'read'; name: string; bytes: ArrayBuffer }
  | {
    type: 'fit';
    spectrum: PlainSpectrum;
    circuit: string;
    weighting: Weighting;
    capacitiveOnly: boolean;
    initial: Record<string, number>;
    constants: Record<string, number>;
  };

export type EisReply =
  | { type: 'spectra'; name: string; spectra: PlainSpectrum[] }
  | { type: 'fit'; result: CircuitFitResult; model: { frequencyHz: Float64Array; zReal: Float64Array; zImag: Float64Array } | null; points: number; fitMs: number }
  | { type: 'error'; message: string };

interface WorkerScope {
  onmessage: ((ev: MessageEvent<EisRequest>) => void) | null;
  postMessage(message: EisReply): void;
}
const scope = self as unknown as WorkerScope;

/** Log-spaced frequencies over the data's range (plus a little), for a smooth model curve. */
function denseFrequencies(f: Float64Array, n = 200): Float64Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of f) { if (v < lo) lo = v; if (v > hi) hi = v; }
  const a = Math.log10(lo);
  const b = Math.log10(hi);
  return Float64Array.from({ length: n }, (_, i) => 10 ** (a + ((b - a) * i) / (n - 1)));
}

scope.onmessage = (ev) => {
  const req = ev.data;
  try {
    if (req.type === 'read') {
      const m = readMeasurement(new Uint8Array(req.bytes), req.name);
      const spectra = spectraFromMeasurement(m).map((s) => ({ source: s.source, frequencyHz: s.frequencyHz, zReal: s.zReal, zImag: s.zImag, temperatureK: s.temperatureK }));
      scope.postMessage({ type: 'spectra', name: req.name, spectra });
      return;
    }
    let s = makeSpectrum(req.spectrum.frequencyHz, req.spectrum.zReal, req.spectrum.zImag, req.spectrum.source);
    if (req.capacitiveOnly) s = capacitivePoints(s);
    const circuit = Circuit.parse(req.circuit);
    const t0 = performance.now();
    const result = fitCircuit(circuit, s, { weighting: req.weighting, initial: req.initial, constants: req.constants });
    const fitMs = performance.now() - t0;
    let model = null;
    if (result.converged) {
      const f = denseFrequencies(s.frequencyHz);
      const z = circuit.impedance(result.values, f);
      model = { frequencyHz: f, zReal: z.re, zImag: z.im };
    }
    scope.postMessage({ type: 'fit', result, model, points: s.frequencyHz.length, fitMs });
  } catch (e) {
    scope.postMessage({ type: 'error', message: isCathodeLabError(e) ? e.message : `${(e as Error).message ?? String(e)}` });
  }
};
