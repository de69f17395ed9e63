/**
 * An unknown column id or data-module version gives a warning that names it, and everything else is
 * still read — never a silently wrong unit. Built by editing one id in gcpl.issue_149.mpr (ids, big-endian
 * u16 from data-module byte 5: 1 2 3 21 31 65 131 4 7 13 5 6 39 211 468 326).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFixtureBytes } from '../../../helpers/fixtures.js';
import { readMpr, readMprModules } from '../../../../src/core/io/biologic/mpr.js';

const NAME = 'gcpl.issue_149.mpr';
const original = readMpr(readFixtureBytes('cyclers', NAME), NAME);

function withId(index: number, id: number): Uint8Array {
  const bytes = readFixtureBytes('cyclers', NAME).slice();
  const data = readMprModules(bytes, NAME).find((m) => m.shortName === 'VMP data')!;
  new DataView(bytes.buffer).setUint16(data.offset + 5 + 2 * index, id, false);
  return bytes;
}

describe('unknown BioLogic column ids and versions', () => {
  it('an unknown id in the middle: named in a warning; every column before and after it still equal', () => {
    // index 9 is id 13, "(Q-Qo)/mA.h" (f8); 4095 is in no table (and 4095 % 256 = 255 is not either).
    const m = readMpr(withId(9, 4095), 'edited.mpr');
    assert.ok(m.warnings.some((w) => w.includes('unknown BioLogic column id(s) 4095') && w.includes('8 bytes per record')), m.warnings.join('\n'));
    assert.equal(m.raw.find((c) => c.name === '(Q-Qo)/mA.h'), undefined);
    for (const c of original.raw) {
      if (c.name === '(Q-Qo)/mA.h') continue;
      const got = m.raw.find((r) => r.name === c.name);
      assert.ok(got, `column ${c.name} lost`);
      assert.deepEqual(got.values, c.values, c.name);
    }
    assert.equal(m.rows, 132);
  });

  it('an unknown high-byte id whose low byte is known is read as that column, with a warning to check it', () => {
    // 326 (P/W) is in the table; 70 + 512 = 582 is not, but 582 % 256 = 70 is P/W.
    const m = readMpr(withId(15, 582), 'edited.mpr');
    assert.ok(m.warnings.some((w) => w.includes('column id 582') && w.includes("'P/W'")), m.warnings.join('\n'));
    assert.deepEqual(m.raw.find((c) => c.name === 'P/W')!.values, original.raw.find((c) => c.name === 'P/W')!.values);
  });

  it('an unknown data-module version is named in a warning and the data still read when the lengths agree', () => {
    const bytes = readFixtureBytes('cyclers', 'cp.mpr').slice();
    const data = readMprModules(bytes, 'cp.mpr').find((m) => m.shortName === 'VMP data')!;
    // Old header: the version u32 sits 8 bytes before the data (then the 8-byte date).
    new DataView(bytes.buffer).setUint32(data.offset - 12, 7, true);
    const m = readMpr(bytes, 'v7.mpr');
    assert.ok(m.warnings.some((w) => w.includes(`unknown data module version 7 (byte ${data.offset - 12})`)), m.warnings.join('\n'));
    const ref = readMpr(readFixtureBytes('cyclers', 'cp.mpr'), 'cp.mpr');
    assert.deepEqual(m.columns.voltage_V, ref.columns.voltage_V);
  });
});
