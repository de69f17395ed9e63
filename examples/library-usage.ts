/**
 * cathodelab as a library: design a cell, simulate a discharge, read an instrument file and fit its
 * impedance. Run from a checkout (with ../shared beside it):  npx tsx examples/library-usage.ts
 * (An installed package imports the same names from 'cathodelab' and 'cathodelab/node'.)
 */
import { readFileSync } from 'node:fs';
import {
  MaterialLibrary, parseDesign, designCell, cellFieldUnits,
  getPreset, parseExperiment, simulate,
  readMeasurement, spectrumFromMeasurement, fitCircuit,
} from '../src/index.js';

// 1. Design: the paper's Li-metal pouch cell from its design file.
const library = MaterialLibrary.builtin();
const designFile = 'examples/gao2025-pouch.json';
const cell = designCell(parseDesign(readFileSync(designFile, 'utf8'), designFile), library);
// The designer computes in SI (C, J/kg, …); cellFieldUnits gives the same results in Ah, Wh/kg, ….
const shown = cellFieldUnits(cell);
console.log(`pouch cell: ${shown.capacityAh.toFixed(3)} Ah, ${shown.specificEnergyWhPerKg.toFixed(1)} Wh/kg`);

// 2. Simulate: the LLZO dry-film cathode at 54 mg/cm² against Li metal, 0.1C to 3.0 V.
const params = getPreset('gao2025-ncm811-llzo', { loadingMgPerCm2: 54 });
const steps = parseExperiment('Discharge at 0.1C until 3.0 V', { oneCAPerM2: params.oneCAPerM2, areaM2: params.areaM2 });
const run = simulate(params, steps);
console.log(`0.1C discharge: ${run.capacityMahPerG?.toFixed(1)} mAh/g, ${run.capacityMahPerCm2.toFixed(2)} mAh/cm² (${run.stopReason || 'completed'})`);

// 3. Analyse: impedance.py's example spectrum, fitted with its getting-started circuit; R_ct found by time constant.
const file = '../shared/fixtures/eis/exampleData.csv';
const measurement = readMeasurement(new Uint8Array(readFileSync(file)), 'exampleData.csv');
const fit = fitCircuit('R0-p(R1,C1)-p(R2-Wo1,C2)', spectrumFromMeasurement(measurement));
if (!fit.converged) throw new Error(fit.message);
for (const p of fit.parameters) console.log(`  ${p.name} = ${p.value.toPrecision(4)} ± ${p.stdErr?.toPrecision(2) ?? '—'} ${p.unit}`);
if (fit.rct) console.log(`  R_ct = ${fit.rct.rct.resistanceName} = ${fit.rct.rct.resistanceOhm.toPrecision(4)} Ohm (τ = ${fit.rct.rct.tauS.toPrecision(3)} s)`);
