/**
 * .mpt specifics: decimal commas, the old header layout, a file without "Nb header lines", Windows-1252
 * text, chunked (streaming) parsing, and clear errors with line numbers.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFixtureBytes } from '../../../helpers/fixtures.js';
import { assertClose } from '../../../helpers/close.js';
import { MptParser, readMpt } from '../../../../src/core/io/biologic/mpt.js';
import { FormatError } from '../../../../src/core/errors.js';

const enc = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));

describe('BioLogic .mpt', () => {
  it('mb.issue_95.de.mpt (decimal commas) parses to exactly the data of mb.issue_95.mpt (yadg test_eclab_mpt_locale)', () => {
    const us = readMpt(readFixtureBytes('cyclers', 'mb.issue_95.mpt'), 'us');
    const de = readMpt(readFixtureBytes('cyclers', 'mb.issue_95.de.mpt'), 'de');
    assert.equal(us.rows, 33);
    assert.deepEqual(de.raw.map((c) => c.name), us.raw.map((c) => c.name));
    for (let k = 0; k < us.raw.length; k++) assert.deepEqual(de.raw[k].values, us.raw[k].values, us.raw[k].name);
    assert.equal(de.metadata.startTime, '2022-12-08T14:36:53.355');
  });

  it('ocv.old.mpt (old layout, 49 header lines) equals ocv.mpt (yadg test_eclab_mpt_old)', () => {
    const old = readMpt(readFixtureBytes('cyclers', 'ocv.old.mpt'), 'old');
    const cur = readMpt(readFixtureBytes('cyclers', 'ocv.mpt'), 'new');
    assert.equal(old.rows, 602);
    for (const name of ['mode', 'error', 'time/s', 'Ewe/V']) {
      const a = old.raw.find((c) => c.name === name)!.values;
      const b = cur.raw.find((c) => c.name === name)!.values;
      for (let i = 0; i < a.length; i++) assertClose(a[i], b[i], { rel: 1e-5, abs: 1e-8 }, `${name}[${i}]`);
    }
    assert.deepEqual(old.metadata.technique, ['OCV']);
    assert.equal(old.metadata.electrodeAreaM2, 1.13e-4);
  });

  it('a file without the "Nb header lines" line finds the column line and says so', () => {
    const text = Buffer.from(readFixtureBytes('cyclers', 'ocv.old.mpt')).toString('latin1').split('\n');
    text.splice(1, 1); // drop line 2
    const m = readMpt(enc(text.join('\n')), 'no-count.mpt');
    assert.equal(m.rows, 602);
    assertClose(m.columns.voltage_V![601], 0.4419447, { rel: 1e-6 });
    assert.ok(m.warnings.some((w) => w.includes('no "Nb header lines"') && w.includes('line 48')));
  });

  it('exampleDataBioLogic.mpt: impedance.py asserts 43 points, f 1000.3201 → 0.01689554 Hz, Z[0] = 65.470886 − 0.38998979j Ω', () => {
    const m = readMpt(readFixtureBytes('cyclers', 'exampleDataBioLogic.mpt'), 'exampleDataBioLogic.mpt');
    assert.equal(m.rows, 43);
    const f = m.columns.frequency_Hz!;
    assertClose(f[0], 1000.3201, { rel: 1e-9 });
    assertClose(f[42], 0.01689554, { rel: 1e-9 });
    assertClose(m.columns.zReal_Ohm![0], 65.470886, { rel: 1e-9 });
    assertClose(m.columns.zImag_Ohm![0], -0.38998979, { rel: 1e-9 });
    assert.ok(m.columns.stepType!.every((t) => t === 6), 'every PEIS row is an eis step');
    // Windows-1252 "µF" decoded.
    assert.ok(m.raw.some((c) => c.name === 'Cs/µF'));
  });

  it('parsing in chunks of 7 bytes gives the same table as one piece', () => {
    const bytes = readFixtureBytes('cyclers', 'gcpl.issue_149.mpt');
    const whole = readMpt(bytes, 'whole');
    const batches: Float64Array[][] = [];
    const p = new MptParser('chunks', { batchRows: 50, onBatch: (b) => batches.push(b.raw.map((c) => c.values)) });
    for (let i = 0; i < bytes.length; i += 7) p.push(bytes.subarray(i, i + 7));
    p.finish();
    assert.equal(p.rows, whole.rows);
    assert.deepEqual(batches.map((b) => b[0].length), [50, 50, 32]);
    for (let k = 0; k < whole.raw.length; k++) {
      const joined = Float64Array.from(batches.flatMap((b) => Array.from(b[k])));
      assert.deepEqual(joined, whole.raw[k].values, whole.raw[k].name);
    }
  });

  it('a short row in the middle is a FormatError naming the line; a cut-off last row is dropped with a warning', () => {
    const lines = Buffer.from(readFixtureBytes('cyclers', 'ocv.mpt')).toString('latin1').split('\n');
    const bad = [...lines];
    bad[60] = '3\t0\t1.0';
    assert.throws(() => readMpt(enc(bad.join('\n')), 'bad.mpt'), (e: unknown) => e instanceof FormatError && /bad\.mpt, line 61: expected 4 tab-separated fields, found 3/.test(e.message));
    const cut = lines.slice(0, 70).join('\n') + '\n3\t0\t5.99';
    const m = readMpt(enc(cut), 'cut.mpt');
    assert.equal(m.rows, 70 - 53);
    assert.ok(m.warnings.some((w) => w.includes('last line 71')));
  });

  it('a wrong first line is a FormatError at line 1', () => {
    assert.throws(() => readMpt(enc('hello\nworld\n'), 'x.mpt'), (e: unknown) => e instanceof FormatError && /x\.mpt, line 1: expected "EC-Lab ASCII FILE"/.test(e.message));
  });
});
