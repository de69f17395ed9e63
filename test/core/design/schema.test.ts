import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { parseDesign, validateDesign } from '../../../src/core/design/parse.js';
import { lineOfOffset } from '../../../src/core/design/structured-text.js';
import { FormatError, InputError } from '../../../src/core/errors.js';
import { smallDesign } from './fixtures.js';

const example = readFileSync('examples/gao2025-pouch.json', 'utf8');

/** Asserts that validating `mutate(design)` fails naming `field` and matching `what`. */
function rejects(mutate: (d: Record<string, any>) => void, field: string, what: RegExp) { // eslint-disable-line @typescript-eslint/no-explicit-any
  const d = structuredClone(smallDesign()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  mutate(d);
  assert.throws(() => validateDesign(d, 'd.json'), (e: unknown) => {
    assert.ok(e instanceof InputError, String(e));
    assert.ok(e.message.startsWith(`d.json, field '${field}': `), e.message);
    assert.match(e.message, what);
    assert.doesNotMatch(e.message, /\n/);
    return true;
  });
}

test('the shipped example validates, in JSON and as YAML', () => {
  const d = parseDesign(example, 'examples/gao2025-pouch.json');
  assert.equal(d.cathode.loadingMgPerCm2, 32.8);
  assert.equal(d.cathode.sides, 2);
  // Every reconstructed section is documented in notes (JSON has no comments).
  for (const key of ['reported', 'cathode.compositionWtPercent', 'cathode.loadingBasis', 'cathode.porosityPercent', 'anode', 'separator', 'electrolyte', 'stack', 'package', 'voltage']) {
    assert.ok((d.notes?.[key] ?? '').length > 40, `notes.${key}`);
  }
  const y = parseDesign(stringify(JSON.parse(example)), 'gao.yaml');
  assert.deepEqual(y, d);
});

test('schema errors name the dotted field, what was expected and what was found', () => {
  rejects((d) => delete d.stack.cathodeLayers, 'stack.cathodeLayers', /expected a number, found nothing \(the field is missing\)/);
  rejects((d) => delete d.cathode.loadingMgPerCm2, 'cathode.loadingMgPerCm2', /expected exactly one of loadingMgPerCm2 or arealCapacityMahPerCm2, found neither/);
  rejects((d) => delete d.package.tabs.anode, 'package.tabs.anode', /expected an object, found nothing/);
  rejects((d) => (d.cathode.currentCollector.thicknessUm = -12), 'cathode.currentCollector.thicknessUm', /expected a value > 0, found -12/);
  rejects((d) => (d.cathode.compositionWtPercent = { NCM811: 93.5, SuperP: 2, PTFE: 3 }), 'cathode.compositionWtPercent', /expected mass fractions summing to 100 %, found 98.5 %/);
  rejects((d) => (d.stack.cathodeLayer = 3), 'stack.cathodeLayer', /unknown field/);
  rejects((d) => (d.stack.cathodeLayers = 2.5), 'stack.cathodeLayers', /integer/);
  rejects((d) => (d.cathode.loadingBasis = 'total'), 'cathode.loadingBasis', /"coating", "active"/);
  rejects((d) => (d.cathode.porosityPercent = 100), 'cathode.porosityPercent', /< 100/);
  rejects((d) => (d.cathode.densityGPerCm3 = 3.3), 'cathode.densityGPerCm3', /exactly one of porosityPercent or densityGPerCm3, found both/);
  rejects((d) => delete d.anode.thicknessUmPerSide, 'anode.thicknessUmPerSide', /exactly one of thicknessUmPerSide or npRatio, found neither/);
  rejects((d) => (d.electrolyte = { material: 'LP30' }), 'electrolyte.electrolyteGPerAh', /exactly one/);
  rejects((d) => (d.package.tabs.anode.widthMm = '5'), 'package.tabs.anode.widthMm', /expected a number, found "5"/);
  rejects((d) => (d.notes = { a: 1 }), 'notes.a', /string/);
  // 99.96 % is within the ±0.05 % rounding tolerance.
  const ok = structuredClone(smallDesign());
  ok.cathode.compositionWtPercent = { NCM811: 94.96, SuperP: 2, PTFE: 3 };
  assert.doesNotThrow(() => validateDesign(ok, 'd.json'));
});

test('malformed JSON and YAML are reported with the file and line', () => {
  const broken = example.replace('"loadingMgPerCm2": 32.8,', '"loadingMgPerCm2": 32.8,,');
  const line = broken.split('\n').findIndex((l) => l.includes('32.8,,')) + 1;
  assert.throws(() => parseDesign(broken, 'gao.json'), (e: unknown) => e instanceof FormatError && e.message.startsWith(`gao.json, line ${line}: malformed JSON`));
  assert.throws(() => parseDesign('{"name": "x",', 'x.json'), (e: unknown) => e instanceof FormatError && /x\.json, line 1: malformed JSON/.test(e.message));
  assert.throws(() => parseDesign('name: x\ncathode:\n  loadingMgPerCm2: [1, 2\n', 'x.yaml'), (e: unknown) => e instanceof FormatError && /x\.yaml, line \d: malformed YAML/.test(e.message));
  assert.throws(() => parseDesign('   \n', 'x.json'), (e: unknown) => e instanceof FormatError && /empty/.test(e.message));
  assert.throws(() => parseDesign('[1, 2]', 'x.json'), (e: unknown) => e instanceof InputError && /top level/.test(e.message));
  assert.equal(lineOfOffset('a\nb\nc', 4), 3);
});
