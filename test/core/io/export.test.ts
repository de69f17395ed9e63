/** BDF CSV and JSON export: labels, order, units, and a round trip back to the same numbers. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BDF_LABELS, bdfCsvChunks, toBdfCsv, toMeasurementJson } from '../../../src/core/io/export.js';
import { readMpr } from '../../../src/core/io/biologic/mpr.js';
import { readFixtureBytes } from '../../helpers/fixtures.js';
import type { Measurement, StandardColumn } from '../../../src/core/io/measurement.js';

describe('export', () => {
  it('BDF CSV: Test Time / Voltage / Current first, every value round-trips exactly', () => {
    const m = readMpr(readFixtureBytes('cyclers', 'gcpl.pr_182.1.mpr'), 'gcpl.pr_182.1.mpr');
    const csv = toBdfCsv(m);
    const lines = csv.trimEnd().split('\n');
    assert.equal(lines.length, m.rows + 1);
    const header = lines[0].split(',');
    assert.deepEqual(header.slice(0, 3), ['Test Time / s', 'Voltage / V', 'Current / A']);
    for (const label of ['Cycle Count / 1', 'Step ID', 'Step Type', 'Step Charging Capacity / Ah', 'Step Discharging Energy / Wh']) assert.ok(header.includes(label), label);
    const byLabel = new Map(Object.entries(BDF_LABELS).map(([k, v]) => [v, k as StandardColumn]));
    for (let r = 1; r <= m.rows; r += 211) {
      const cells = lines[r].split(',');
      header.forEach((h, k) => {
        const col = byLabel.get(h)!;
        const v = m.columns[col]![r - 1];
        if (col === 'stepType') assert.ok(['rest', 'charge', 'discharge', 'cvCharge', 'cvDischarge'].includes(cells[k]), cells[k]);
        else assert.equal(Number(cells[k]), v, `${h} row ${r}`);
      });
    }
    // The chunked writer gives the same text.
    assert.equal([...bdfCsvChunks(m, 100)].join(''), csv);
  });

  it('temperature in °C, NaN as an empty cell; JSON writes NaN as null', () => {
    const m: Measurement = {
      format: 't', source: 's', rows: 2, raw: [], metadata: {}, warnings: [],
      columns: { time_s: Float64Array.from([0, 1]), voltage_V: Float64Array.from([3.5, NaN]), temperature_K: Float64Array.from([298.15, 300.15]) },
    };
    const lines = toBdfCsv(m).trimEnd().split('\n');
    assert.equal(lines[0], 'Test Time / s,Voltage / V,Temperature T1 / degC');
    assert.equal(lines[2], '1,,27.000000000000023'.replace('27.000000000000023', String(300.15 - 273.15)));
    const j = toMeasurementJson(m);
    assert.deepEqual(j.columns.voltage_V, [3.5, null]);
  });
});
