/**
 * Batch fitting: one circuit fitted to many spectra (temperatures, cycles, states of charge), each fit
 * seeded from the converged parameters of its neighbour — spectra of a series change gradually, so the
 * previous optimum is a far better start than a fresh guess. The first spectrum uses the given
 * initial values (or guesses from its data). A fit that fails is retried from guesses from its own
 * data before it is reported as not converged; a failed fit does not seed the next one.
 */
import { Circuit } from './circuit.js';
import type { Spectrum } from './spectrum.js';
import { fitCircuit, type CircuitFitOptions, type CircuitFitResult } from './fit.js';

export interface BatchFitOptions extends CircuitFitOptions {
  /** Called after each spectrum with (index done, total). @default undefined */
  onProgress?: (done: number, total: number) => void;
}

export interface BatchFitItem {
  source: string;
  temperatureK?: number;
  /** 'neighbour' when seeded from the previous converged fit, else 'initial' or 'guess'. */
  seededFrom: 'initial' | 'guess' | 'neighbour';
  result: CircuitFitResult;
}

export function fitBatch(circuitOrText: Circuit | string, spectra: readonly Spectrum[], options: BatchFitOptions = {}): BatchFitItem[] {
  const circuit = typeof circuitOrText === 'string' ? Circuit.parse(circuitOrText) : circuitOrText;
  const out: BatchFitItem[] = [];
  let previous: Record<string, number> | null = null;
  const constants = options.constants ?? {};
  spectra.forEach((s, i) => {
    let seededFrom: BatchFitItem['seededFrom'] = previous ? 'neighbour' : options.initial !== undefined ? 'initial' : 'guess';
    const initial = previous ?? options.initial;
    let result = fitCircuit(circuit, s, { ...options, initial });
    if (!result.converged && previous) {
      result = fitCircuit(circuit, s, { ...options, initial: undefined });
      seededFrom = 'guess';
    }
    if (result.converged) {
      previous = {};
      for (const p of result.parameters) if (!(p.name in constants)) previous[p.name] = p.value;
    }
    out.push({ source: s.source, temperatureK: s.temperatureK, seededFrom, result });
    options.onProgress?.(i + 1, spectra.length);
  });
  return out;
}
