/**
 * cellpy's golden table for biol.mpr (cellpy-goldens/loader_biologics_mpr: raw.parquet, 23561 rows ×
 * 47 columns, units mA / mAh / V / s / Wh per raw_units.json), compared with our reading column by
 * column at cellpy's own tolerance (1e-6 relative).
 * cellpy ran with cycle_mode "anode" (meta.json), which swaps the names: its discharge_capacity is
 * BioLogic's positive Q (our chargeCapacity) and its charge_capacity our dischargeCapacity.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parquetReadObjects } from 'hyparquet';
import { fixturePath, readFixtureBytes } from '../../../helpers/fixtures.js';
import { readMpr } from '../../../../src/core/io/biologic/mpr.js';

type Row = Record<string, number | bigint | string | null>;

async function golden(): Promise<Row[]> {
  const buf = readFileSync(fixturePath('cyclers', 'cellpy-goldens', 'loader_biologics_mpr', 'raw.parquet'));
  return (await parquetReadObjects({ file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer })) as Row[];
}

describe('biol.mpr vs cellpy golden raw table', () => {
  it('23561 rows; time, voltage, current, Q, energy, flags, Ns, frequency equal cellpy within 1e-6', async () => {
    const rows = await golden();
    const meta = JSON.parse(readFileSync(fixturePath('cyclers', 'cellpy-goldens', 'loader_biologics_mpr', 'metrics.json'), 'utf8'));
    assert.equal(rows.length, meta.n_rows);
    assert.equal(Object.keys(rows[0]).length, meta.n_columns);
    const m = readMpr(readFixtureBytes('cyclers', 'biol.mpr'), 'biol.mpr');
    assert.equal(m.rows, 23561);
    const raw = (n: string): Float64Array => m.raw.find((c) => c.name === n)!.values;
    const pairs: [string, Float64Array, number][] = [
      ['test_time', m.columns.time_s!, 1],
      ['voltage', m.columns.voltage_V!, 1],
      ['current', m.columns.current_A!, 1000], // mA
      ['QChargeDischarge', raw('Q charge/discharge/mA.h'), 1],
      ['discharge_capacity', m.columns.chargeCapacity_Ah!, 1000], // anode mode: names swapped, mAh
      ['charge_capacity', m.columns.dischargeCapacity_Ah!, 1000],
      ['charge_energy', m.columns.chargeEnergy_Wh!, 1],
      ['Ns', m.columns.step!, 1],
      ['frequency', m.columns.frequency_Hz!, 1],
      ['flags', raw('flags'), 1],
      ['mode', raw('mode'), 1],
      ['ox_red', raw('ox/red'), 1],
      ['half_cycle', raw('half cycle'), 1],
      ['z_cycle', raw('z cycle'), 1],
      ['avEce', raw('<Ece>/V'), 1],
      ['Irange', raw('I Range'), 1],
    ];
    for (const [name, ours, scale] of pairs) {
      for (let i = 0; i < rows.length; i++) {
        const g = Number(rows[i][name]);
        const x = ours[i] * scale;
        assert.ok(Math.abs(x - g) <= 1e-6 * Math.abs(g) + 1e-12, `${name} row ${i}: ours ${x}, cellpy ${g}`);
      }
    }
    // cellpy's step_index is Ns + 1 and its cycle_index is our cycle + 1 (it counts from 1).
    for (let i = 0; i < rows.length; i++) {
      assert.equal(Number(rows[i].step_index), m.columns.step![i] + 1);
      assert.equal(Number(rows[i].cycle_index), m.columns.cycle![i] + 1);
    }
  });
});
