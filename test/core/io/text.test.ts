/** parseNumberBytes must equal Number() on the same text (',' as '.') — exactly, bit for bit. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseNumberBytes } from '../../../src/core/io/text.js';
import { SeededRandom } from '../../../src/core/numerics/seeded-random.js';

const bytesOf = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
const parse = (s: string): number => {
  const b = bytesOf(s);
  return parseNumberBytes(b, 0, b.length);
};

describe('parseNumberBytes', () => {
  it('20 000 random decimals (1–19 digits, exponents ±40, decimal comma or point) equal Number() exactly', () => {
    const rnd = new SeededRandom(0x7e57);
    const digit = (): string => String(Math.floor(rnd.next() * 10));
    for (let c = 0; c < 20_000; c++) {
      const nInt = Math.floor(rnd.next() * 4);
      const nFrac = Math.floor(rnd.next() * 17);
      let s = rnd.next() < 0.3 ? '-' : '';
      s += nInt === 0 ? '0' : Array.from({ length: nInt }, digit).join('');
      if (nFrac > 0) s += (rnd.next() < 0.3 ? ',' : '.') + Array.from({ length: nFrac }, digit).join('');
      if (rnd.next() < 0.6) s += (rnd.next() < 0.5 ? 'E' : 'e') + (rnd.next() < 0.5 ? '-' : '+') + String(Math.floor(rnd.next() * 41)).padStart(3, '0');
      const expected = Number(s.replace(',', '.'));
      assert.ok(Object.is(parse(s), expected), `${s}: got ${parse(s)}, Number gives ${expected}`);
    }
  });

  it('EC-Lab forms, blanks and junk', () => {
    assert.equal(parse('8.365199788677273E+000'), 8.365199788677273);
    assert.equal(parse('-3,23052890598774E-009'), -3.23052890598774e-9);
    assert.equal(parse('  12.5 '), 12.5);
    assert.equal(parse('3\r'), 3);
    for (const bad of ['', '   ', 'abc', '1.2.3', '1e', '--1', '0x10']) assert.ok(Number.isNaN(parse(bad)), bad);
  });
});
