import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ELEMENTS } from '../../../src/core/eis/elements.js';
import { Circuit } from '../../../src/core/eis/circuit.js';
import { InputError, UnknownNameError } from '../../../src/core/errors.js';
import { assertClose } from '../../helpers/close.js';

// Test vectors asserted by impedance.py's test_circuit_elements.py: parameters [0.1, 0.2, 0.3, 0.4]
// truncated to each element's count, f = [0.001, 1, 1000] Hz (np.isclose: rtol 1e-5, atol 1e-8).
const F = [0.001, 1, 1000];
const EXPECTED: Record<string, [number, number][]> = {
  R: [[0.1, 0], [0.1, 0], [0.1, 0]],
  C: [[0, -1591.5494309189532], [0, -1.5915494309189535], [0, -0.0015915494309189533]],
  L: [[0, 0.000628319], [0, 0.628319], [0, 628.319]],
  W: [[1.26156626, -1.26156626], [0.03989423, -0.03989423], [0.00126157, -0.00126157]],
  Wo: [[0.033333332999112786, -79.57747433847442], [0.03300437046673635, -0.08232866785870396], [0.0019947114020071634, -0.0019947114020071634]],
  Ws: [[0.09999998, -4.18878913e-5], [0.08327519, -3.33838167e-2], [0.00199471, -1.9947114e-3]],
  CPE: [[26.216236841407248, -8.51817171087997], [6.585220960717244, -2.139667994182814], [1.6541327179718126, -0.537460300252313]],
  La: [[0.21769191, 0.07073239], [0.86664712, 0.28159072], [3.45018434, 1.12103285]],
  G: [[0.09999994078244179, -0.00006283179105931961], [0.07107755021941357, -0.03427465211788068], [0.00199550459845528, -0.0019939172581851707]],
  Gs: [[0.3432733166533134, -0.00041895248193532704], [0.1391819314527732, -0.16248466787637972], [0.0019955029598887875, -0.0019939170758457437]],
  TLMQ: [[20.42237173, -10.38874276], [2.6000937, -1.30789949], [0.35594139, -0.16491599]],
  T: [[1.00041, -0.00837309], [0.0156037, -0.114062], [0.00141056, -0.00141039]],
  K: [[0.099999842086579, -0.000125663507704], [0.038772663673915, -0.048723166143232], [6.332569967499333e-8, -7.957742115295703e-5]],
  Zarc: [[0.08900974, -0.00486384], [0.04818879, -0.01198904], [0.00969182, -0.00436265]],
};

for (const [symbol, expected] of Object.entries(EXPECTED)) {
  test(`element ${symbol} matches impedance.py's test vector at 1 mHz, 1 Hz, 1 kHz`, () => {
    const def = ELEMENTS[symbol];
    const p = [0.1, 0.2, 0.3, 0.4].slice(0, def.parameters.length);
    const omega = Float64Array.from(F, (f) => 2 * Math.PI * f);
    const re = new Float64Array(3);
    const im = new Float64Array(3);
    def.evaluate(p, 0, omega, re, im);
    for (let k = 0; k < 3; k++) {
      // np.isclose(a, b): |a − b| ≤ 1e-8 + 1e-5·|b| on the complex value.
      const tol = 1e-8 + 1e-5 * Math.hypot(expected[k][0], expected[k][1]);
      const d = Math.hypot(re[k] - expected[k][0], im[k] - expected[k][1]);
      assert.ok(d <= tol, `${symbol} at ${F[k]} Hz: expected ${expected[k][0]} + ${expected[k][1]}j, found ${re[k]} + ${im[k]}j`);
    }
  });
}

test('TLM (de Levie with charge transfer) reduces to TLMQ when R_ct → ∞ and to √(R_ion R_ct) coth √(R_ion/R_ct) at ω → 0', () => {
  const omega = Float64Array.from([2 * Math.PI * 1e-9, 2 * Math.PI, 2 * Math.PI * 1e3]);
  const a = { re: new Float64Array(3), im: new Float64Array(3) };
  const b = { re: new Float64Array(3), im: new Float64Array(3) };
  ELEMENTS.TLM.evaluate([0.1, 1e15, 0.2, 0.9], 0, omega, a.re, a.im);
  ELEMENTS.TLMQ.evaluate([0.1, 0.2, 0.9], 0, omega, b.re, b.im);
  for (const k of [1, 2]) {
    assertClose(a.re[k], b.re[k], { rel: 1e-9 }, 're');
    assertClose(a.im[k], b.im[k], { rel: 1e-9 }, 'im');
  }
  // DC limit with R_ion = 2, R_ct = 8: √16 · coth(√0.25) = 4 · coth(0.5) = 4 / tanh(0.5).
  ELEMENTS.TLM.evaluate([2, 8, 0.2, 0.9], 0, omega, a.re, a.im);
  assertClose(a.re[0], 4 / Math.tanh(0.5), { rel: 1e-6 }, 'DC limit');
});

test('parser: series/parallel, names R0, CPE1_0, CPE1_1, and s/p composition as impedance.py test_s/test_p', () => {
  const c = Circuit.parse('R0-p(R1,CPE1)-Wo1');
  assert.deepEqual(c.parameterNames, ['R0', 'R1', 'CPE1_0', 'CPE1_1', 'Wo1_0', 'Wo1_1']);
  assert.deepEqual(c.parameters.map((p) => p.unit), ['Ohm', 'Ohm', 'Ohm^-1 s^a', '', 'Ohm', 's']);
  // Two R in series and in parallel: 5 + 5 = 10; 5 ‖ 5 = 2.5 (impedance.py test_s/test_p use complex pairs).
  const s = Circuit.parse('R0-R1').impedance([5, 5], [1]);
  assert.equal(s.re[0], 10);
  const p = Circuit.parse('p(R0,R1)').impedance([5, 5], [1]);
  assertClose(p.re[0], 2.5, { rel: 1e-15 }, 'parallel');
  // Nested: R0 + (R1 ‖ (R2 + C1)) at ω with ωC = 1 ⇒ Z(C) = −j; by hand: R1=1, R2=1 → (1)(1−j)/(2−j) = (3 − j)/5.
  const w = 1 / (2 * Math.PI);
  const n = Circuit.parse('R0-p(R1,R2-C1)').impedance([1, 1, 1, 1], [w]);
  assertClose(n.re[0], 1 + 3 / 5, { rel: 1e-12 }, 're');
  assertClose(n.im[0], -1 / 5, { rel: 1e-12 }, 'im');
});

test('parser errors say what and where', () => {
  assert.throws(() => Circuit.parse('R0-p(R1,C1'), (e: unknown) => e instanceof InputError && /closing p\(/.test(e.message));
  assert.throws(() => Circuit.parse('R0-Q1'), (e: unknown) => e instanceof UnknownNameError && /unknown circuit element 'Q'/.test(e.message));
  assert.throws(() => Circuit.parse('R0-R0'), (e: unknown) => e instanceof InputError && /'R0' twice/.test(e.message));
  assert.throws(() => Circuit.parse('R0--R1'), (e: unknown) => e instanceof InputError && /character 4/.test(e.message));
  assert.throws(() => Circuit.parse(''), InputError);
});

test('transmission lines at R_ion → 0 tend to the interface impedance plus R_ion/3 (no 0/0)', () => {
  const omega = Float64Array.from([2 * Math.PI * 10]);
  const re = new Float64Array(1);
  const im = new Float64Array(1);
  ELEMENTS.TLM.evaluate([0, 8, 0.2, 0.9], 0, omega, re, im);
  const zs = new Float64Array(1);
  const zsi = new Float64Array(1);
  // Z_s = R_ct ‖ CPE.
  ELEMENTS.CPE.evaluate([0.2, 0.9], 0, omega, zs, zsi);
  const y = { re: 1 / 8 + zs[0] / (zs[0] ** 2 + zsi[0] ** 2), im: -zsi[0] / (zs[0] ** 2 + zsi[0] ** 2) };
  const d = y.re ** 2 + y.im ** 2;
  assertClose(re[0], y.re / d, { rel: 1e-12 }, 're');
  assertClose(im[0], -y.im / d, { rel: 1e-12 }, 'im');
  ELEMENTS.TLM.evaluate([1e-9, 8, 0.2, 0.9], 0, omega, re, im);
  assertClose(re[0], y.re / d + 1e-9 / 3, { rel: 1e-9 }, 're, small R_ion');
});
