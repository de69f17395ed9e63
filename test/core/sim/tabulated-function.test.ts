/**
 * The OCP tables the model evaluates instead of the published fits: within 1e-9 V of every preset's
 * fit (checked here on a grid 7× finer than the construction check, and at random points), derivatives
 * consistent with the values, the fit itself outside [0, 1], no table for a function with a kink, and a
 * whole discharge within 1 µV of the run on the exact fits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TabulatedFunction } from '../../../src/core/sim/tabulated-function.js';
import { marquisGraphiteOcp, marquisLcoOcp, marquis2019 } from '../../../src/core/sim/presets/marquis2019.js';
import { chenGraphiteOcp, chenNmc811Ocp } from '../../../src/core/sim/presets/chen2020.js';
import { gao2025Ncm811 } from '../../../src/core/sim/presets/gao2025.js';
import { simulate } from '../../../src/core/sim/simulate.js';
import { parseExperiment } from '../../../src/core/sim/experiment.js';
import { SeededRandom } from '../../../src/core/numerics/seeded-random.js';
import type { CellParameters, MaterialFunction } from '../../../src/core/sim/parameters.js';

const FITS: Record<string, MaterialFunction> = { marquisGraphiteOcp, marquisLcoOcp, chenGraphiteOcp, chenNmc811Ocp };

test('every preset OCP is tabulated within 1e-9 V of its fit, with a consistent derivative', () => {
  const rnd = new SeededRandom(20261124);
  for (const [name, fit] of Object.entries(FITS)) {
    const t = TabulatedFunction.tabulate(fit, 0, 1);
    assert.ok(t instanceof TabulatedFunction, `${name} was not tabulated`);
    let worst = 0;
    for (let i = 0; i <= 7 * t.intervals; i++) worst = Math.max(worst, Math.abs(t.f(i / (7 * t.intervals)) - fit.f(i / (7 * t.intervals))));
    for (let i = 0; i < 20000; i++) {
      const x = rnd.next();
      worst = Math.max(worst, Math.abs(t.f(x) - fit.f(x)));
    }
    assert.ok(worst <= 1e-9, `${name}: largest difference ${worst} V on ${t.intervals} intervals`);
    // f′ of the interpolant against a central difference of it, and fdf against f/df
    for (const x of [0.013, 0.2468, 0.5, 0.77, 0.9871]) {
      const h = 1e-7;
      const fd = (t.f(x + h) - t.f(x - h)) / (2 * h);
      assert.ok(Math.abs(t.df(x) - fd) <= 1e-5 * Math.max(1, Math.abs(fd)), `${name} df(${x}) = ${t.df(x)}, difference quotient ${fd}`);
      assert.equal(t.fdf(x), t.f(x));
      assert.equal(t.lastDerivative, t.df(x));
      // the interpolant's slope follows the fit's (to the table's resolution)
      assert.ok(Math.abs(t.df(x) - fit.df(x)) <= 1e-4 * Math.max(1, Math.abs(fit.df(x))), `${name} slope at ${x}: ${t.df(x)} vs fit ${fit.df(x)}`);
    }
  }
});

test('outside its interval the table evaluates the function itself', () => {
  const t = TabulatedFunction.tabulate(marquisLcoOcp, 0, 1);
  for (const x of [-0.01, 1.02, Number.NaN]) {
    assert.equal(Object.is(t.f(x), marquisLcoOcp.f(x)), true, `f(${x})`);
    assert.equal(Object.is(t.df(x), marquisLcoOcp.df(x)), true, `df(${x})`);
  }
});

test('a function with a kink, or a non-finite value, is left as it is (no table meets the tolerance)', () => {
  const kink: MaterialFunction = { f: (x) => Math.abs(x - 0.3141), df: (x) => Math.sign(x - 0.3141) };
  assert.equal(TabulatedFunction.tabulate(kink, 0, 1), kink);
  const pole: MaterialFunction = { f: (x) => 1 / x, df: (x) => -1 / (x * x) };
  assert.equal(TabulatedFunction.tabulate(pole, 0, 1), pole);
  const constant: MaterialFunction = { f: () => 4, df: () => 0, constantValue: 4 };
  assert.equal(TabulatedFunction.tabulate(constant, 0, 1), constant);
  assert.throws(() => TabulatedFunction.tabulate(marquisLcoOcp, 1, 0), /lo < hi/);
});

test('a discharge on the tables matches the discharge on the exact fits within 1 µV, and in capacity to the solver resolution', () => {
  const cases: [string, CellParameters, string][] = [
    ['marquis2019 1C', marquis2019(), 'Discharge at 1C until 3.105 V'],
    ['gao2025 LLZO 40 mg/cm² 1C', gao2025Ncm811({ loadingMgPerCm2: 40, llzo: true }), 'Discharge at 1C until 3.0 V'],
  ];
  for (const [name, p, text] of cases) {
    const steps = parseExperiment(text, { oneCAPerM2: p.oneCAPerM2, areaM2: p.areaM2 });
    const times = [60, 600, 1200, 1800];
    const exact = simulate(p, steps, { tabulateOcp: false, outputTimesS: times });
    const table = simulate(p, steps, { outputTimesS: times });
    for (const t of times) {
      const a = exact.voltage_V[exact.time_s.indexOf(t)];
      const b = table.voltage_V[table.time_s.indexOf(t)];
      assert.ok(Number.isFinite(a) && Number.isFinite(b), `${name} at ${t} s: ${a}, ${b}`);
      assert.ok(Math.abs(a - b) <= 1e-6, `${name} at ${t} s: exact fits ${a} V, tables ${b} V`);
    }
    // The cut-off is located on each run's own interpolant (rtol 3e-4), where the curve is steep: the
    // capacities agree to that resolution, not to the table's.
    assert.ok(Math.abs(exact.capacityAh - table.capacityAh) <= 2e-5 * exact.capacityAh, `${name}: ${exact.capacityAh} vs ${table.capacityAh} Ah`);
  }
});
