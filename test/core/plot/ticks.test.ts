import { test } from 'node:test';
import assert from 'node:assert/strict';
import { niceLinear, niceLog, niceStep, formatTick, formatDecade, SeededRandom } from '../../../src/index.js';

/** True when step = m × 10^k with m ∈ {1, 2, 5} (to 1e-9 relative). */
function isNice(step: number): boolean {
  const k = Math.floor(Math.log10(step) + 1e-12);
  const m = step / 10 ** k;
  return [1, 2, 5, 10].some((n) => Math.abs(m - n) < 1e-9 * n);
}

test('niceStep picks 1, 2 or 5 × 10ⁿ at or above span/count (hand-checked cases)', () => {
  assert.equal(niceStep(10, 5), 2); // raw 2
  assert.equal(niceStep(7, 5), 2); // raw 1.4 → 2
  assert.equal(niceStep(0.33, 3), 0.2); // raw 0.11 → 0.2
  assert.equal(niceStep(198, 5), 50); // raw 39.6 → 50
  assert.equal(niceStep(3e-6, 6), 5e-7);
});

test('property: linear ticks are nice, evenly spaced, and cover the data (2000 random ranges)', () => {
  const rng = new SeededRandom(7);
  for (let trial = 0; trial < 2000; trial++) {
    const scale = 10 ** Math.floor(rng.next() * 16 - 8);
    const a = (rng.next() * 2 - 1) * 1000 * scale;
    const b = a + rng.next() * 1000 * scale * (trial % 10 === 0 ? 1e-6 : 1);
    const target = 2 + Math.floor(rng.next() * 8);
    const t = niceLinear(a, b, target);
    const what = `data [${a}, ${b}], target ${target}: domain ${t.domain}, step ${t.step}`;
    assert.ok(isNice(t.step), `step not nice: ${what}`);
    assert.ok(t.domain[0] <= a && t.domain[1] >= b, `domain does not cover data: ${what}`);
    assert.ok(t.ticks.length >= 2 && t.ticks.length <= 2 * target + 2, `tick count ${t.ticks.length}: ${what}`);
    assert.ok(Math.abs(t.ticks[0] - t.domain[0]) <= t.step * 1e-6, `first tick is not the domain start: ${what}`);
    assert.ok(Math.abs(t.ticks[t.ticks.length - 1] - t.domain[1]) <= t.step * 1e-6, `last tick is not the domain end: ${what}`);
    // The widening never adds more than one step at either end.
    assert.ok(a - t.domain[0] < t.step * (1 + 1e-9) && t.domain[1] - b < t.step * (1 + 1e-9), `domain over-widened: ${what}`);
    for (let i = 1; i < t.ticks.length; i++) {
      assert.ok(Math.abs(t.ticks[i] - t.ticks[i - 1] - t.step) <= t.step * 1e-6, `uneven ticks: ${what}`);
      assert.ok(Math.abs(t.ticks[i] / t.step - Math.round(t.ticks[i] / t.step)) < 1e-6, `tick not a multiple of the step: ${what}`);
    }
  }
});

test('a single value gets a range around it', () => {
  const t = niceLinear(3.7, 3.7, 5);
  assert.ok(t.domain[0] < 3.7 && t.domain[1] > 3.7);
  const z = niceLinear(0, 0, 5);
  assert.deepEqual(z.domain, [-1, 1]);
});

test('property: log ticks are whole decades covering the data', () => {
  const rng = new SeededRandom(11);
  for (let trial = 0; trial < 500; trial++) {
    const lo = 10 ** (rng.next() * 20 - 10);
    const hi = lo * 10 ** (rng.next() * 9);
    const t = niceLog(lo, hi);
    assert.ok(t.domain[0] <= lo * (1 + 1e-12) && t.domain[1] >= hi * (1 - 1e-12), `log domain ${t.domain} misses [${lo}, ${hi}]`);
    for (const k of t.majorExponents) assert.ok(Number.isInteger(k));
    assert.ok(t.majorExponents.length >= 1 && t.majorExponents.length <= 9, `labels: ${t.majorExponents.length}`);
    for (const m of t.minor) assert.ok(m > t.domain[0] * (1 - 1e-9) && m < t.domain[1] * (1 + 1e-9));
  }
  // 0.01 Hz … 100 kHz: decades −2…5, eight of them, labelled every decade or every other.
  const f = niceLog(0.01, 1e5);
  assert.deepEqual(f.domain, [0.01, 1e5]);
});

test('tick labels: precision from the step, a true minus sign, powers of ten for extremes', () => {
  assert.equal(formatTick(0.30000000000000004, 0.1), '0.3');
  assert.equal(formatTick(-2.5, 0.5), '\u22122.5');
  assert.equal(formatTick(1e-16, 0.2), '0');
  assert.equal(formatTick(200, 50), '200');
  assert.equal(formatTick(2e6, 1e6), '2×10⁶');
  assert.equal(formatTick(5e-5, 5e-5), '5×10⁻⁵');
  assert.equal(formatDecade(-2, true), '0.01');
  assert.equal(formatDecade(-5, false), '10⁻⁵');
  assert.equal(formatDecade(3, true), '1000');
});
