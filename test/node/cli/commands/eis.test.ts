// CLI tests for `cathodelab eis fit|kk|drt` and `cathodelab arrhenius` (run through the real CLI).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliProcess } from '../../../helpers/cli.js';
import { fixturePath } from '../../../helpers/fixtures.js';
import { assertClose } from '../../../helpers/close.js';

const tmp = mkdtempSync(join(tmpdir(), 'cathodelab-eis-'));

test('eis fit --json: Randles fit of exampleData.csv gives parameters {value, stdErr, unit}, chiSquare, rctOhm', () => {
  const svg = join(tmp, 'randles.svg');
  const r = runCliProcess(['eis', 'fit', fixturePath('eis', 'exampleData.csv'), '--circuit', 'R0-p(R1-Wo1,C1)', '--initial', 'R0=0.01,R1=0.005,Wo1_0=0.01,Wo1_1=200,C1=0.1', '--ignore-inductive', '--json', '--plot', svg]);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assertClose(j.parameters.R0.value, 1.86235717e-2, { rel: 1e-4 }, 'R0');
  assertClose(j.parameters.R1.value, 1.16804085e-2, { rel: 1e-4 }, 'R1');
  assertClose(j.parameters.C1.value, 1.1717144, { rel: 1e-4 }, 'C1');
  assertClose(j.parameters.R1.stdErr, 3.05e-4, { rel: 0.02 }, 'σ(R1)');
  assert.equal(j.parameters.C1.unit, 'F');
  assert.equal(j.parameters.Wo1_1.unit, 's');
  assert.equal(j.points, 57);
  assert.ok(j.chiSquare > 0);
  assert.equal(j.rctParameter, 'R1');
  assertClose(j.rctOhm, 1.16804085e-2, { rel: 1e-4 }, 'rctOhm');
  assert.match(readFileSync(svg, 'utf8'), /^<svg[\s\S]*<\/svg>\s*$/);
});

test('eis fit: bad circuit, unknown parameter and an unreadable file are one-line errors with exit 1', () => {
  const f = fixturePath('eis', 'Circuit1_EIS_1.z');
  let r = runCliProcess(['eis', 'fit', f, '--circuit', 'R0-p(R1,X1)']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error: .*unknown circuit element 'X'/);
  r = runCliProcess(['eis', 'fit', f, '--circuit', 'R0-p(R1,C1)', '--initial', 'R7=1']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /unknown parameter .*'R7'; known: R0, R1, C1/);
  r = runCliProcess(['eis', 'fit', fixturePath('eis', 'PROVENANCE.md'), '--circuit', 'R0']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /PROVENANCE\.md: not a recognised instrument file/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});

test('eis fit on three files with --temperature, then arrhenius --from: the batch pipeline end to end', () => {
  const files = ['Circuit1_EIS_1.z', 'Circuit1_EIS_2.z', 'Circuit2_EIS_1.z'].map((f) => fixturePath('eis', f));
  const r = runCliProcess(['eis', 'fit', ...files, '--circuit', 'R0-p(R1,C1)', '--temperature', '298.15,308.15,318.15', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.fits.length, 3);
  assert.deepEqual(j.fits.map((f: { seededFrom: string }) => f.seededFrom), ['guess', 'neighbour', 'neighbour']);
  assertClose(j.fits[0].rctOhm, 46.653, { rel: 1e-4 }, 'R_ct file 1');
  assertClose(j.fits[2].rctOhm, 502.4, { rel: 2e-3 }, 'R_ct file 3');
  const fits = join(tmp, 'fits.json');
  writeFileSync(fits, r.stdout);
  const a = runCliProcess(['arrhenius', '--from', fits, '--json']);
  assert.equal(a.code, 0, a.stderr);
  const e = JSON.parse(a.stdout);
  // By hand from the three R_ct: ln(1/R) vs 1/T through OLS (checked against the core function's tests).
  assert.equal(e.n, 3);
  assert.equal(e.logarithm, 'ln');
  assert.ok(e.activationEnergyKJPerMol < 0, 'R_ct grows with T in this made-up series');
});

test('arrhenius --point: E_a, standard error, 95 % interval (t with n − 2 dof), prefactor, R²', () => {
  // Exact R_ct = 1e-4·exp(33170/(R·T)) at 298.15, 308.15, 318.15 K.
  const pts = [298.15, 308.15, 318.15].map((T) => `${T}:${1e-4 * Math.exp(33170 / (8.314462618 * T))}`);
  const r = runCliProcess(['arrhenius', ...pts.flatMap((p) => ['--point', p]), '--json']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assertClose(j.activationEnergyKJPerMol, 33.17, { rel: 1e-9 }, 'E_a');
  assert.ok(j.stdErrKJPerMol < 1e-6);
  assert.equal(j.ci95KJPerMol.length, 2);
  assertClose(j.prefactor, 1e4, { rel: 1e-6 }, 'A');
  assertClose(j.r2, 1, { abs: 1e-12 }, 'R²');
  const bad = runCliProcess(['arrhenius', '--point', '298:abc']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^error: field '--point': expected T:value/);
});

test('eis kk --json and eis drt --json on fixtures', () => {
  const k = runCliProcess(['eis', 'kk', fixturePath('eis', 'Circuit3_EIS_1.z'), '--c', '0.69', '--fit-type', 'real', '--json']);
  assert.equal(k.code, 0, k.stderr);
  const kj = JSON.parse(k.stdout);
  assert.equal(kj.M, 10);
  assertClose(kj.mu, 0.6843821117885378, { rel: 1e-12 }, 'μ');
  assert.equal(kj.residuals.length, 53);
  const d = runCliProcess(['eis', 'drt', fixturePath('eis', 'Circuit1_EIS_1.z'), '--json']);
  assert.equal(d.code, 0, d.stderr);
  const dj = JSON.parse(d.stdout);
  assert.equal(dj.lambdaRule, 'gcv');
  // The dummy R–RC circuit: one relaxation at τ = R1·C1 = 46.65 Ω · 10.43 µF = 4.865e-4 s.
  const main = dj.peaks.reduce((a: { resistanceOhm: number }, b: { resistanceOhm: number }) => (b.resistanceOhm > a.resistanceOhm ? b : a));
  assertClose(main.tauS, 46.653 * 1.0428e-5, { rel: 0.05 }, 'τ');
  assertClose(main.resistanceOhm, 46.65, { rel: 0.05 }, 'R1 from the DRT');
});

test('eis fit: a fit stopped by --max-iterations is an error with no parameters; a truncated file names its line', () => {
  const r = runCliProcess(['eis', 'fit', fixturePath('eis', 'exampleData.csv'), '--circuit', 'R0-p(R1,C1)-p(R2-Wo1,C2)', '--initial', 'R0=0.01,R1=0.01,C1=100,R2=0.01,Wo1_0=0.05,Wo1_1=100,C2=1', '--max-iterations', '2', '--json']);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^error: fit of R0-p\(R1,C1\)-p\(R2-Wo1,C2\) to exampleData\.csv did not converge: iteration limit reached/);
  const cut = join(tmp, 'cut.csv');
  writeFileSync(cut, readFileSync(fixturePath('eis', 'exampleData.csv'), 'utf8').split('\n').slice(0, 10).join('\n') + '\n0.5,0.03\n');
  const t = runCliProcess(['eis', 'kk', cut]);
  assert.equal(t.code, 1);
  assert.match(t.stderr, /^error: cut\.csv, line 11: expected at least 3 fields/);
});
