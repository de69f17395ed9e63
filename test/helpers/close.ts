/** Float comparison with stated relative and absolute tolerances. */
import assert from 'node:assert/strict';

export function assertClose(actual: number, expected: number, opts: { rel?: number; abs?: number } = {}, what = 'value'): void {
  const rel = opts.rel ?? 0;
  const abs = opts.abs ?? 0;
  const tol = Math.max(abs, rel * Math.abs(expected));
  assert.ok(Number.isFinite(actual), `${what}: expected a finite number, found ${actual}`);
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: expected ${expected} ± ${tol}, found ${actual} (diff ${actual - expected})`);
}
