// The README's library example (examples/library-usage.ts) runs and prints the values the rest of the
// suite establishes independently: the pouch cell (design tests), the 54 mg/cm² 0.1C discharge
// (paper: 10.4–10.6 mAh/cm²), and impedance.py's getting-started fit (R0 = 0.0160 Ω, R1 = 0.00876 Ω).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { assertClose } from '../helpers/close.js';

test('examples/library-usage.ts runs and prints the design, simulation and fit results', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'examples/library-usage.ts'], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  const num = (re: RegExp): number => {
    const m = re.exec(r.stdout);
    assert.ok(m, `output has ${re}: ${r.stdout}`);
    return Number(m[1]);
  };
  assertClose(num(/pouch cell: ([\d.]+) Ah/), 3.791, { abs: 0.001 }, 'pouch capacity (Ah)');
  assertClose(num(/0\.1C discharge: [\d.]+ mAh\/g, ([\d.]+) mAh\/cm²/), 10.5, { abs: 0.3 }, 'areal capacity (mAh/cm²)');
  assertClose(num(/R0 = ([\d.e+-]+)/), 0.0160, { rel: 1e-2 }, 'R0 (Ω)');
  assertClose(num(/R1 = ([\d.e+-]+)/), 0.008765, { rel: 1e-2 }, 'R1 (Ω)');
  assert.match(r.stdout, /R_ct = R1/);
});
