/**
 * Golden-SVG snapshots. Numbers are rounded to one decimal in both the golden and the output before
 * comparing, so a last-digit difference in floating point cannot fail a test, while any visible
 * change does. Update the goldens after an intended change with:
 *   UPDATE_SNAPSHOTS=1 node scripts/run-tests.mjs plot
 * A missing golden is written on first run, except in CI (CI=true), where it is a failure.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '__snapshots__');

export function normaliseSvg(svg: string): string {
  return svg.replace(/-?\d+\.\d+|-?\d+/g, (m) => {
    const v = Math.round(Number(m) * 10) / 10;
    return String(v + 0);
  });
}

export function assertSnapshot(name: string, svg: string): void {
  const file = join(DIR, `${name}.svg`);
  if (process.env.UPDATE_SNAPSHOTS === '1' || (!existsSync(file) && process.env.CI !== 'true')) {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(file, svg);
    return;
  }
  assert.ok(existsSync(file), `golden ${file} is missing; run UPDATE_SNAPSHOTS=1 node scripts/run-tests.mjs plot`);
  const golden = readFileSync(file, 'utf8');
  const a = normaliseSvg(svg).split('\n');
  const b = normaliseSvg(golden).split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      assert.fail(`${name}.svg differs from its golden at line ${i + 1}:\n  golden: ${(b[i] ?? '<end>').slice(0, 300)}\n  actual: ${(a[i] ?? '<end>').slice(0, 300)}\n(if the change is intended: UPDATE_SNAPSHOTS=1 node scripts/run-tests.mjs plot)`);
    }
  }
}
