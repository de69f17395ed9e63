/**
 * The Arbin .res cycling fixture read through the project's reader registry, and cellpy's golden
 * per-cycle summary of the same file (cellpy-goldens/pipeline_smoke/summary.parquet; cellpy defaults:
 * mass 1.0 mg, cycle_mode "anode" → CE = charge/discharge, nominal capacity 1 mAh/g for C-rates).
 */
import { readFileSync } from 'node:fs';
import { parquetReadObjects } from 'hyparquet';
import { readMeasurement } from '../../../src/core/io/formats.js';
import type { Measurement } from '../../../src/core/io/measurement.js';
import { fixturePath, readFixtureBytes } from '../../helpers/fixtures.js';

let cached: Measurement | undefined;
export function resMeasurement(): Measurement {
  cached ??= readMeasurement(readFixtureBytes('cyclers', '20160805_test001_45_cc_01.res'), '20160805_test001_45_cc_01.res');
  return cached;
}

export interface GoldenCycle {
  cycle: number;
  chargeCapacity: number;
  dischargeCapacity: number;
  coulombicEfficiency: number;
  chargeCRate: number;
  dischargeCRate: number;
  chargeGravimetric: number;
  dischargeGravimetric: number;
}

export async function cellpyGoldenSummary(): Promise<GoldenCycle[]> {
  const buf = readFileSync(fixturePath('cyclers', 'cellpy-goldens', 'pipeline_smoke', 'summary.parquet'));
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  const rows = (await parquetReadObjects({ file: ab })) as Record<string, unknown>[];
  return rows.map((r) => ({
    cycle: Number(r.cycle_num),
    chargeCapacity: Number(r.charge_capacity),
    dischargeCapacity: Number(r.discharge_capacity),
    coulombicEfficiency: Number(r.coulombic_efficiency),
    chargeCRate: Number(r.charge_c_rate),
    dischargeCRate: Number(r.discharge_c_rate),
    chargeGravimetric: Number(r.charge_capacity_gravimetric),
    dischargeGravimetric: Number(r.discharge_capacity_gravimetric),
  }));
}
