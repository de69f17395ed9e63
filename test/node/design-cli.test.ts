/** `cathodelab design` and `cathodelab materials` run as a user would (child process). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliProcess, type CliRun } from '../helpers/cli.js';
import { assertClose } from '../helpers/close.js';

const EXAMPLE = 'examples/gao2025-pouch.json';
const example = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const dir = mkdtempSync(join(tmpdir(), 'cathodelab-design-cli-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a variant of the example (or raw text) and returns its path. */
function variant(name: string, mutate: ((d: Record<string, any>) => void) | string): string { // eslint-disable-line @typescript-eslint/no-explicit-any
  const p = join(dir, name);
  if (typeof mutate === 'string') writeFileSync(p, mutate);
  else {
    const d = structuredClone(example);
    mutate(d);
    writeFileSync(p, JSON.stringify(d, null, 2));
  }
  return p;
}

/** One clear error line naming `what`, exit code ≠ 0, no stack trace, nothing on stdout. */
function assertCleanError(r: CliRun, what: RegExp): void {
  assert.notEqual(r.code, 0, r.stderr);
  assert.equal(r.stdout, '', 'nothing written to stdout');
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], /^error: /);
  assert.match(lines[0], what);
  assert.doesNotMatch(r.stderr, /\n\s+at |internal error/);
}

test('design prints the paper cell: breakdown with units, energy, Wh/kg against the reported 473', () => {
  const r = runCliProcess(['design', EXAMPLE]);
  assert.equal(r.code, 0, r.stderr);
  for (const s of ['mass (g)', 'volume (cm³)', 'Wh/kg', 'Wh/L', 'cathode active (NCM811)', 'Li metal anode', 'electrolyte (LHCE)', 'pouch laminate', 'reported 473.0 Wh/kg', '35.27 mg/cm² coating = 32.80 mg/cm² NCM811']) {
    assert.ok(r.stdout.includes(s), `output contains ${s}`);
  }
  // NCM811: 32.8 mg/cm² × 24.08 cm² × 24 faces = 18.956 g; per Ah it is 1 / (200 mAh/g) = 5.000 g/Ah.
  assert.match(r.stdout, /cathode active \(NCM811\)\s+stack\s+18\.96\s+[\d.]+\s+5\.000\s/);
  assert.match(r.stdout, /capacity\s+3\.791\s+Ah/);
});

test('design --json: one object with the totals, and components that add up', () => {
  const r = runCliProcess(['design', EXAMPLE, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { capacityAh: number; energyWh: number; specificEnergyWhPerKg: number; energyDensityWhPerL: number; massG: number; cellVolumeCm3: number; npRatio: number; components: { name: string; massG: number; volumeCm3: number }[]; cathode: { arealCapacityMahPerCm2: number } };
  // Capacity by hand: 32.8 mg/cm² × 200 mAh/g = 6.56 mAh/cm²; × 43 × 56 mm (24.08 cm²) × 24 faces = 3791.2 mAh.
  assertClose(j.capacityAh, 6.56 * 24.08 * 24 / 1000, { rel: 1e-9 });
  assertClose(j.energyWh, j.capacityAh * 3.8, { rel: 1e-9 });
  assertClose(j.cathode.arealCapacityMahPerCm2, 6.56, { rel: 1e-9 });
  assertClose(j.components.reduce((s, c) => s + c.massG, 0), j.massG, { rel: 1e-9 });
  assertClose(j.specificEnergyWhPerKg, j.energyWh / (j.massG / 1000), { rel: 1e-9 });
  assertClose(j.energyDensityWhPerL, j.energyWh / (j.cellVolumeCm3 / 1000), { rel: 1e-9 });
  // N/P: 50 µm / 4.8515 µm per mAh/cm² / 6.56 mAh/cm² = 1.571.
  assertClose(j.npRatio, 50 / (1e4 / (3860 * 0.534)) / 6.56, { rel: 1e-9 });
  for (const c of j.components) assert.ok(c.massG > 0 && c.volumeCm3 > 0 && c.name.length > 0);
  // The reconstruction lands within 10 % of the paper's 473 Wh/kg (the README discusses the gap).
  assert.ok(Math.abs(j.specificEnergyWhPerKg - 473) / 473 < 0.1, `${j.specificEnergyWhPerKg}`);
});

test('a YAML design with a target areal capacity (inverse design) runs end to end', () => {
  const r = runCliProcess(['design', 'examples/design-baseline-yaml.yaml', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { capacityAh: number; cathode: { coatingLoadingMgPerCm2: number }; components: { materialId: string; massG: number }[] };
  // 4 mAh/cm² × 24.08 cm² × 20 faces = 1926.4 mAh; loading = 4 / 0.2 / 0.96 = 20.833 mg/cm² of coating.
  assertClose(j.capacityAh, 4 * 24.08 * 20 / 1000, { rel: 1e-9 });
  assertClose(j.cathode.coatingLoadingMgPerCm2, 4 / 0.2 / 0.96, { rel: 1e-9 });
  // 11 Cu foils of 45 × 58 mm × 8 µm × 8.96 g/cm³ = 1.8710 g.
  assertClose(j.components.find((c) => c.materialId === 'Cu-foil')!.massG, 11 * 26.1 * 8e-4 * 8.96, { rel: 1e-9 });
});

test('design --sweep: one and two variables, text and JSON', () => {
  const one = runCliProcess(['design', EXAMPLE, '--sweep', 'loadingMgPerCm2=15:60:5', '--json']);
  assert.equal(one.code, 0, one.stderr);
  const j = JSON.parse(one.stdout) as { points: { loadingMgPerCm2: number; specificEnergyWhPerKg: number }[] };
  assert.deepEqual(j.points.map((p) => p.loadingMgPerCm2), [15, 20, 25, 30, 35, 40, 45, 50, 55, 60]);
  for (let i = 1; i < j.points.length; i++) assert.ok(j.points[i].specificEnergyWhPerKg > j.points[i - 1].specificEnergyWhPerKg);
  const two = runCliProcess(['design', EXAMPLE, '--sweep', 'loadingMgPerCm2=20:50:10', '--sweep', 'electrolyteGPerAh=1:3:0.5']);
  assert.equal(two.code, 0, two.stderr);
  assert.match(two.stdout, /loadingMgPerCm2 \(mg\/cm²\)\s+electrolyteGPerAh \(g\/Ah\)/);
  assert.match(two.stdout, /cell specific energy \(Wh\/kg\): rows loadingMgPerCm2/);
  assert.equal(two.stdout.split('\n').filter((l) => /^\s*(20|30|40|50)\.0+\s+\d/.test(l)).length, 4 * 5 + 4, 'a 20-row table and a 4-row matrix');
});

test('bad input: one error line naming the field, exit ≠ 0, nothing on stdout', () => {
  const cases: [string, string[], RegExp][] = [
    ['missing field', ['design', variant('missing.json', (d) => delete d.stack.cathodeWidthMm)], /field 'stack\.cathodeWidthMm': expected a number, found nothing/],
    ['missing loading', ['design', variant('noload.json', (d) => delete d.cathode.loadingMgPerCm2)], /field 'cathode\.loadingMgPerCm2': expected exactly one of loadingMgPerCm2 or arealCapacityMahPerCm2, found neither/],
    ['negative thickness', ['design', variant('negative.json', (d) => (d.cathode.currentCollector.thicknessUm = -12))], /field 'cathode\.currentCollector\.thicknessUm': expected a value > 0, found -12/],
    ['fractions not 100 %', ['design', variant('sum.json', (d) => (d.cathode.compositionWtPercent.PTFE = 1.5))], /field 'cathode\.compositionWtPercent': expected mass fractions summing to 100 %, found 98\.5 %/],
    ['unknown material', ['design', variant('unknown.json', (d) => (d.separator.material = 'PE-99'))], /field 'separator\.material': unknown material 'PE-99'/],
    ['unknown field', ['design', variant('typo.json', (d) => (d.stack.cathodelayers = 12))], /field 'stack\.cathodelayers'.*unknown field/],
    ['malformed JSON', ['design', variant('broken.json', '{\n  "name": "x",\n  "cathode": { "loadingMgPerCm2": 32.8,, }\n}\n')], /broken\.json, line 3: malformed JSON/],
    ['bad sweep', ['design', EXAMPLE, '--sweep', 'loadingMgPerCm2=15:60'], /^error: --sweep, field 'loadingMgPerCm2'/],
    ['missing file', ['design', join(dir, 'nope.json')], /nope\.json: expected an existing file/],
  ];
  for (const [what, args, expected] of cases) {
    const r = runCliProcess(args);
    try {
      assertCleanError(r, expected);
    } catch (e) {
      throw new Error(`${what}: ${(e as Error).message}`);
    }
  }
});

test('materials lists the library with units and sources; --materials adds a validated user file', () => {
  const r = runCliProcess(['materials']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /density \(g\/cm³\)/);
  assert.match(r.stdout, /Li-metal: 4\.851 µm per mAh\/cm²/);
  assert.match(r.stdout, /densityGPerCm3 = 0\.534 g\/cm³: CRC Handbook/);
  const file = variant('mine.json', JSON.stringify({ materials: [{ id: 'PP-16', kind: 'separator', name: 'my 16 µm PP', thicknessUm: { value: 16, unit: 'um', source: 'micrometer' }, porosityPercent: { value: 45, unit: '%', source: 'Gurley' }, densityGPerCm3: { value: 0.9, unit: 'g/cm3', source: 'CRC' } }] }));
  const j = runCliProcess(['materials', '--json', '--materials', file]);
  assert.equal(j.code, 0, j.stderr);
  const lib = JSON.parse(j.stdout) as { materials: { id: string; origin: string }[] };
  assert.equal(lib.materials.find((m) => m.id === 'PP-16')?.origin, file);
  // A design can then use it.
  const d = runCliProcess(['design', variant('pp16.json', (x) => (x.separator.material = 'PP-16')), '--materials', file, '--json']);
  assert.equal(d.code, 0, d.stderr);
  const bad = variant('badmat.json', JSON.stringify({ materials: [{ id: 'X', kind: 'binder', name: 'x', densityGPerCm3: { value: 0, unit: 'g/cm³', source: 'abc' } }] }));
  assertCleanError(runCliProcess(['materials', '--materials', bad]), /field 'materials\[0\]\.densityGPerCm3\.value': expected a value > 0, found 0/);
});

test('electrode: the paper electrode from options, with the arithmetic; bad options name the option', () => {
  const args = ['electrode', '--composition', 'NCM811=93,LLZO=2,SuperP=2,PTFE=3', '--loading', '54', '--basis', 'active', '--capacity', '198', '--porosity', '25'];
  const r = runCliProcess([...args, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { arealCapacityMahPerCm2: number; coatingLoadingMgPerCm2: number; thicknessUmPerSide: number };
  // 54 mg/cm² × 198 mAh/g = 10.692 mAh/cm²; coating 54 / 0.93 = 58.065 mg/cm².
  assertClose(j.arealCapacityMahPerCm2, 10.692, { rel: 1e-12 });
  assertClose(j.coatingLoadingMgPerCm2, 54 / 0.93, { rel: 1e-12 });
  const t = runCliProcess(args);
  assert.match(t.stdout, /54\.00 mg\/cm² × 198\.0 mAh\/g = 10\.69 mAh\/cm²/);
  assert.match(t.stdout, /reported 10\.4–10\.6/);
  assertCleanError(runCliProcess(['electrode', '--composition', 'NCM811=93,LLZO=2', '--loading', '20', '--porosity', '25']), /^error: --composition: expected mass fractions summing to 100 %, found 95 %$/);
  assertCleanError(runCliProcess(['electrode', '--composition', 'NCM811=100', '--loading', '-20', '--porosity', '25']), /^error: --loading: expected a value > 0, found -20$/);
});

test('--help of the commands shows an example', () => {
  for (const cmd of ['design', 'materials', 'electrode']) {
    const r = runCliProcess([cmd, '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, new RegExp(`Examples:\\n\\s+\\$ cathodelab ${cmd}`));
  }
});
