/**
 * Streaming an .mpr through the per-cycle summary (streamMprSource, what `import --summary --stream`
 * uses for files of any size): batches of reused arrays, decoded piece by piece, must give exactly the
 * summary of the whole file read at once — across batch borders too, where the current derived from
 * dq/Δt needs the time of the previous batch's last row (gcpl.pr_182.1.mpr stores no current column).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFixtureBytes } from '../../../helpers/fixtures.js';
import { readMpr, streamMprSource } from '../../../../src/core/io/biologic/mpr.js';
import { copyingSource } from '../../../../src/core/io/byte-source.js';
import { CycleSummaryBuilder, summariseCycles } from '../../../../src/core/io/cycle-summary.js';

describe('an .mpr streamed in batches gives the summary of the whole file', () => {
  for (const file of ['gcpl.pr_182.1.mpr', 'biol.mpr', 'bcd.issue_241.mpr', 'peis.issue_149.mpr']) {
    for (const kernels of ['wasm', 'js'] as const) {
      it(`${file}, batches of 97 rows (${kernels})`, () => {
        const bytes = readFixtureBytes('cyclers', file);
        const whole = readMpr(bytes, file, { kernels });
        const builder = new CycleSummaryBuilder();
        let batches = 0;
        let seen = 0;
        const s = streamMprSource(copyingSource(bytes), file, 97, (columns, rows) => {
          batches++;
          seen += rows;
          // Each batch's values are the whole file's rows, column for column.
          for (const [name, col] of Object.entries(columns)) {
            const all = whole.columns[name as keyof typeof whole.columns]!;
            for (let i = 0; i < rows; i++) {
              const a = col[i];
              const b = all[seen - rows + i];
              if (a !== b && !(Number.isNaN(a) && Number.isNaN(b))) assert.fail(`${name} row ${seen - rows + i}: ${a} ≠ ${b}`);
            }
          }
          builder.add(columns, rows);
        });
        assert.equal(s.rows, whole.rows);
        assert.equal(seen, whole.rows);
        assert.equal(batches, Math.ceil(whole.rows / 97));
        assert.deepEqual(s.columns.slice().sort(), Object.keys(whole.columns).sort());
        assert.deepEqual(s.rawColumns, whole.raw.map((r) => r.name));
        assert.deepEqual(s.metadata, whole.metadata);
        const md = { activeMassKg: whole.metadata.activeMassKg, electrodeAreaM2: whole.metadata.electrodeAreaM2 };
        assert.deepEqual(builder.finish(md), summariseCycles(whole));
      });
    }
  }
});
