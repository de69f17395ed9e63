/**
 * Cell-designer benchmark: one design of the paper's pouch cell, and a 50 × 50 two-variable sweep
 * (loading × E/C, 2500 designs). Baseline measured in the same run: the same 2500 designs computed
 * directly from pre-built design objects, without the per-point schema re-validation that the sweep
 * does (so the ratio is the price of validating every swept design).
 */
import { readFileSync } from 'node:fs';
import { MaterialLibrary } from '../src/core/materials/library.js';
import { parseDesign } from '../src/core/design/parse.js';
import { designCell } from '../src/core/design/cell.js';
import { applySweepValue, parseSweepSpec, runSweep } from '../src/core/design/sweep.js';
import { formatTiming, machineLine, ratioLine, timeIt } from './harness.js';

const lib = MaterialLibrary.builtin();
const design = parseDesign(readFileSync('examples/gao2025-pouch.json', 'utf8'), 'examples/gao2025-pouch.json');
const axes = [parseSweepSpec('loadingMgPerCm2=10:59:1'), parseSweepSpec('electrolyteGPerAh=1:3.45:0.05')];
const points = axes[0].values.length * axes[1].values.length;
const prebuilt = axes[0].values.flatMap((a) => axes[1].values.map((b) => applySweepValue(applySweepValue(design, 'loadingMgPerCm2', a), 'electrolyteGPerAh', b)));

console.log(machineLine());
const single = timeIt('one design (gao2025-pouch)', () => designCell(design, lib), { runs: 200, warmup: 20 });
console.log(formatTiming(single));
const sweep = timeIt(`sweep ${axes[0].values.length} × ${axes[1].values.length} = ${points} points (validated)`, () => runSweep(design, axes, lib), { runs: 10, warmup: 2 });
const direct = timeIt(`${points} designs without re-validation`, () => prebuilt.map((d) => designCell(d, lib)), { runs: 10, warmup: 2 });
console.log(formatTiming(sweep, `(${(sweep.medianMs / points * 1000).toFixed(1)} µs per point)`));
console.log(formatTiming(direct, `(${(direct.medianMs / points * 1000).toFixed(1)} µs per point)`));
console.log(ratioLine(direct, sweep));
