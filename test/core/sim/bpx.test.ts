/** BPX read/write and its expression language. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileExpression, tableFunction } from '../../../src/core/sim/expression.js';
import { fromBpx, toBpx } from '../../../src/core/sim/bpx.js';
import { simulate } from '../../../src/core/sim/simulate.js';
import { parseExperiment } from '../../../src/core/sim/experiment.js';
import { marquis2019 } from '../../../src/core/sim/presets/marquis2019.js';
import { chen2020 } from '../../../src/core/sim/presets/chen2020.js';
import { gao2025Ncm811 } from '../../../src/core/sim/presets/gao2025.js';
import { FormatError, InputError } from '../../../src/core/errors.js';
import type { CellParameters } from '../../../src/core/sim/parameters.js';

test('expressions: Python precedence, functions and exact derivatives', () => {
  const e = (s: string) => compileExpression(s);
  assert.equal(e('-2 ** 2').f(0), -4); // Python: -(2**2)
  assert.equal(e('2 ** 3 ** 2').f(0), 512); // right-associative
  assert.equal(e('2 ** -1').f(0), 0.5);
  assert.equal(e('1 - 2 - 3').f(0), -4);
  assert.equal(e('8 / 4 / 2').f(0), 1);
  assert.equal(e('1.5e-3 * x').f(2), 3e-3);
  // d/dx [x² tanh(3x) + exp(−x)/x] at x = 0.7, written out: 2x·tanh(3x) + 3x²·sech²(3x) − e^{−x}/x − e^{−x}/x²
  const f = e('x ** 2 * tanh(3 * x) + exp(-x) / x');
  const x = 0.7;
  const th = Math.tanh(3 * x);
  const d = 2 * x * th + 3 * x * x * (1 - th * th) - Math.exp(-x) / x - Math.exp(-x) / (x * x);
  assert.ok(Math.abs(f.df(x) - d) < 1e-12);
  // the About:Energy / Nyman conductivity as written in published BPX files, at 1 mol/L
  const k = e('0.1297 * (x / 1000) ** 3 - 2.51 * (x / 1000) ** 1.5 + 3.329 * (x / 1000)');
  assert.ok(Math.abs(k.f(1000) - (0.1297 - 2.51 + 3.329)) < 1e-12);
  assert.ok(Math.abs(k.df(1000) - (3 * 0.1297 - 1.5 * 2.51 + 3.329) / 1000) < 1e-15);
  for (const bad of ['x +', 'foo(x)', '2 * (x', 'x; 1', '__import__("os")']) {
    assert.throws(() => e(bad), FormatError, bad);
  }
});

test('tables interpolate linearly with constant ends', () => {
  const t = tableFunction([0, 0.5, 1], [4, 3, 1]);
  assert.equal(t.f(0.25), 3.5);
  assert.equal(t.df(0.75), -4);
  assert.equal(t.f(2), 1);
  assert.throws(() => tableFunction([0, 0], [1, 2]), FormatError);
});

function voltageAfter(p: CellParameters, seconds: number): number[] {
  const r = simulate(p, parseExperiment(`Discharge at 1C for ${seconds} s`, { oneCAPerM2: p.oneCAPerM2, areaM2: p.areaM2 }), { cells: [10, 10, 10], shells: 10, fieldTimesS: [] });
  assert.equal(r.stopReason, '');
  return r.voltage_V;
}

test('Marquis2019 and Chen2020 survive a BPX round trip: same cell, same simulated voltage', () => {
  for (const p of [marquis2019(), chen2020()]) {
    const bpx = JSON.parse(JSON.stringify(toBpx(p)));
    assert.equal(bpx.Header.Model, 'DFN');
    const q = fromBpx(bpx);
    assert.ok(Math.abs(q.oneCAPerM2 - p.oneCAPerM2) < 1e-12 * p.oneCAPerM2);
    assert.ok(Math.abs(q.positive.cInitMolPerM3 - p.positive.cInitMolPerM3) < 1e-9 * p.positive.cMaxMolPerM3);
    assert.ok(Math.abs(q.positive.kinetics.rateConstant - p.positive.kinetics.rateConstant) < 1e-12 * p.positive.kinetics.rateConstant);
    const a = voltageAfter(p, 1200);
    const b = voltageAfter(q, 1200);
    assert.equal(a.length, b.length, p.name);
    const worst = Math.max(...a.map((v, i) => Math.abs(v - b[i])));
    assert.ok(worst < 1e-7, `${p.name}: max |ΔV| = ${worst}`);
  }
});

test('BPX conventions: transport efficiency ε^b, a = 3ε_s/R, K = k·√c_e0·c_max/F, 100 % SOC ends', () => {
  const p = marquis2019();
  const n = toBpx(p).Parameterisation as Record<string, Record<string, number>>;
  const pos = n['Positive electrode'];
  assert.ok(Math.abs(pos['Transport efficiency'] - 0.3 ** 1.5) < 1e-15);
  assert.ok(Math.abs(pos['Surface area per unit volume [m-1]'] - 1.5e5) < 1e-6);
  assert.ok(Math.abs(pos['Conductivity [S.m-1]'] - 10 * 0.7 ** 1.5) < 1e-12);
  assert.ok(Math.abs(pos['Reaction rate constant [mol.m-2.s-1]'] - (6e-7 * Math.sqrt(1000) * 51217.9257309275) / 96485.33212) < 1e-18);
  // 24 A/m² for one hour moves the positive by 86400/(F·0.5·1e-4·c_max) = 0.34966 from 0.6
  assert.ok(Math.abs(pos['Maximum stoichiometry'] - (0.6 + 86400 / (96485.33212 * 0.5e-4 * 51217.9257309275))) < 1e-12);
  assert.ok(Math.abs(n.Cell['Nominal cell capacity [A.h]'] - 0.680616) < 1e-6);
});

test('a Li-metal set cannot be written to BPX; a broken file is a FormatError naming the field', () => {
  assert.throws(() => toBpx(gao2025Ncm811()), InputError);
  const bpx = JSON.parse(JSON.stringify(toBpx(marquis2019())));
  bpx.Parameterisation['Negative electrode']['OCP [V]'] = '0.1 + tanh(';
  assert.throws(() => fromBpx(bpx), (e: unknown) => e instanceof FormatError && /Negative electrode\.OCP/.test(e.message));
  delete bpx.Parameterisation.Separator.Porosity;
  assert.throws(() => fromBpx(bpx), FormatError);
});

test('a published-style BPX file (About:Energy NMC111 pouch, BPX 0.1 layout) reads and runs', () => {
  // Parameter values as published in the BPX repository's examples/nmc_pouch_cell_BPX.json (facts).
  const bpx = {
    Header: { BPX: 0.1, Title: 'NMC111|graphite 12.5 Ah pouch cell (About:Energy)', Model: 'DFN' },
    Parameterisation: {
      Cell: {
        'Initial temperature [K]': 298.15,
        'Reference temperature [K]': 298.15,
        'Lower voltage cut-off [V]': 2.7,
        'Upper voltage cut-off [V]': 4.2,
        'Nominal cell capacity [A.h]': 12.5,
        'Electrode area [m2]': 0.016808,
        'Number of electrode pairs connected in parallel to make a cell': 34,
      },
      Electrolyte: {
        'Initial concentration [mol.m-3]': 1000,
        'Cation transference number': 0.2594,
        'Conductivity [S.m-1]': '0.1297 * (x / 1000) ** 3 - 2.51 * (x / 1000) ** 1.5 + 3.329 * (x / 1000)',
        'Diffusivity [m2.s-1]': '8.794e-11 * (x / 1000) ** 2 - 3.972e-10 * (x / 1000) + 4.862e-10',
        'Conductivity activation energy [J.mol-1]': 17100,
        'Diffusivity activation energy [J.mol-1]': 17100,
      },
      'Negative electrode': {
        'Particle radius [m]': 4.12e-6,
        'Thickness [m]': 5.62e-5,
        'Diffusivity [m2.s-1]': 2.728e-14,
        'OCP [V]':
          '9.47057878e-01 * exp(-1.59418743e+02  * x) - 3.50928033e+04 + 1.64230269e-01 * tanh(-4.55509094e+01 * (x - 3.24116012e-02 )) + 3.69968491e-02 * tanh(-1.96718868e+01 * (x - 1.68334476e-01)) + 1.91517003e+04 * tanh(3.19648312e+00 * (x - 1.85139824e+00)) + 5.42448511e+04 * tanh(-3.19009848e+00 * (x - 2.01660395e+00))',
        'Conductivity [S.m-1]': 0.222,
        'Surface area per unit volume [m-1]': 499522,
        Porosity: 0.253991,
        'Transport efficiency': 0.128,
        'Reaction rate constant [mol.m-2.s-1]': 5.199e-6,
        'Minimum stoichiometry': 0.005504,
        'Maximum stoichiometry': 0.75668,
        'Maximum concentration [mol.m-3]': 29730,
        'Diffusivity activation energy [J.mol-1]': 30000,
        'Reaction rate constant activation energy [J.mol-1]': 55000,
      },
      'Positive electrode': {
        'Particle radius [m]': 4.6e-6,
        'Thickness [m]': 5.23e-5,
        'Diffusivity [m2.s-1]': 3.2e-14,
        'OCP [V]': '-3.04420906 * x + 10.04892207 - 0.65637536 * tanh(-4.02134095 * (x - 0.80063948)) + 4.24678547 * tanh(12.17805062 * (x - 7.57659337)) - 0.3757068 * tanh(59.33067782 * (x - 0.99784492))',
        'Conductivity [S.m-1]': 0.789,
        'Surface area per unit volume [m-1]': 432072,
        Porosity: 0.277493,
        'Transport efficiency': 0.1462,
        'Reaction rate constant [mol.m-2.s-1]': 2.305e-5,
        'Minimum stoichiometry': 0.42424,
        'Maximum stoichiometry': 0.9621,
        'Maximum concentration [mol.m-3]': 46200,
        'Diffusivity activation energy [J.mol-1]': 15000,
        'Reaction rate constant activation energy [J.mol-1]': 35000,
      },
      Separator: { 'Thickness [m]': 2e-5, Porosity: 0.47, 'Transport efficiency': 0.3222 },
    },
  };
  const p = fromBpx(bpx);
  // 1C = 12.5 A·h / (0.016808 m² × 34) = 21.87 A/m²
  assert.ok(Math.abs(p.oneCAPerM2 - 12.5 / (0.016808 * 34)) < 1e-9);
  const r = simulate(p, parseExperiment('Discharge at 1C until 2.7 V', { oneCAPerM2: p.oneCAPerM2, areaM2: p.areaM2 }), { cells: [10, 10, 10], shells: 10 });
  assert.ok(r.voltage_V.every(Number.isFinite));
  assert.equal(r.stopReason, '', r.stopReason);
  // starts near the file's 100 % SOC open-circuit voltage (their 1C data begin at 4.194 V) and delivers
  // close to the nominal 12.5 A·h before 2.7 V (their 1C test: 3700 s)
  assert.ok(r.voltage_V[0] > 4.05 && r.voltage_V[0] < 4.2, `V(0+) ${r.voltage_V[0]}`);
  assert.ok(r.capacityAh > 0.85 * 12.5 && r.capacityAh < 1.05 * 12.5, `capacity ${r.capacityAh} A·h, ended by ${r.steps[0].endReason}`);
});
