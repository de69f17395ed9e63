/**
 * The Gao 2025 study (`cathodelab study gao2025`): wall time of the whole study (all parts: loading
 * sweep, rate, field maps, virtual GITT, virtual EIS at 5 temperatures × 2 cathodes, pouch design and
 * sweeps, calibration), median of warm runs; and its simulation part at the study mesh (the
 * simulator's default, 20 + 20 cells, 20 shells) against a coarse mesh (8 + 16 cells, 12 shells) measured
 * in the same run, to show what a coarser mesh would save. Virtual EIS: one 81-frequency spectrum of the 15 mg/cm² LLZO cell with the complex band LU against a
 * dense complex LU of the same linearised system (same run).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseDesign } from '../src/core/design/parse.js';
import { MaterialLibrary } from '../src/core/materials/library.js';
import { gao2025Ncm811 } from '../src/core/sim/presets/gao2025.js';
import { runGao2025Study } from '../src/core/study/gao2025.js';
import { virtualImpedance } from '../src/core/study/virtual-eis.js';
import { formatTiming, machineLine, ratioLine, timeIt } from './harness.js';

const FILE = 'examples/gao2025-pouch.json';
const design = parseDesign(readFileSync(FILE, 'utf8'), FILE);
const library = MaterialLibrary.builtin();

console.log(machineLine());
console.log(`load average (1 min) at start: ${loadavg()[0].toFixed(2)}`);

const full = timeIt('whole study (EIS + calibration included)', () => runGao2025Study({ pouchDesign: design, pouchFile: FILE, library }), { runs: 3, warmup: 1 });
console.log(formatTiming(full));

const simOnly = { pouchDesign: design, pouchFile: FILE, library, skipEis: true, skipCalibration: true };
const fine = timeIt('simulation part, study mesh 20+20 cells, 20 shells', () => runGao2025Study(simOnly), { runs: 3, warmup: 1 });
const coarse = timeIt('simulation part, coarse mesh 8+16 cells, 12 shells', () => runGao2025Study({ ...simOnly, conditions: { mesh: { cells: [1, 8, 16], shells: 12 } } }), { runs: 3, warmup: 1 });
console.log(formatTiming(fine));
console.log(formatTiming(coarse));
console.log('  ' + ratioLine(fine, coarse));

const p = gao2025Ncm811({ llzo: true, loadingMgPerCm2: 15 });
const eisOpts = { positiveStoichiometry: 0.6, shells: 24, rRefinement: 40, cells: [1, 8, 12] as [number, number, number] };
const z = virtualImpedance(p, eisOpts);
console.log(`virtual EIS problem: ${z.states} unknowns, band ${z.bandwidths.lower}/${z.bandwidths.upper}, ${z.frequencyHz.length} frequencies`);
const band = timeIt('virtual EIS spectrum (complex band LU)', () => virtualImpedance(p, eisOpts), { runs: 10, warmup: 2 });
const dense = timeIt('virtual EIS spectrum (baseline: dense complex LU)', () => virtualImpedance(p, { ...eisOpts, denseSolve: true }), { runs: 3, warmup: 1 });
console.log(formatTiming(band));
console.log(formatTiming(dense));
console.log('  ' + ratioLine(band, dense));
