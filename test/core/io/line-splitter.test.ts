/** LineSplitter: the lines of a text streamed in pieces are the lines of the whole text, wherever it is cut. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LineSplitter } from '../../../src/core/io/line-splitter.js';

interface Line {
  no: number;
  text: string;
  unterminated: boolean;
}

/** Streams `text` in pieces of `piece` bytes through one reused buffer, as stream-summary reads a file. */
function split(text: string, piece: number): Line[] {
  const bytes = new Uint8Array(Buffer.from(text, 'latin1'));
  const out: Line[] = [];
  const splitter = new LineSplitter((buf, start, end, unterminated) => {
    out.push({ no: splitter.lineNo, text: Buffer.from(buf.subarray(start, end)).toString('latin1'), unterminated });
  });
  const reused = new Uint8Array(piece);
  for (let i = 0; i < bytes.length; i += piece) {
    const n = Math.min(piece, bytes.length - i);
    reused.set(bytes.subarray(i, i + n));
    splitter.push(reused.subarray(0, n));
    reused.fill(0x21); // what the splitter kept must be its own copy, not a view of the caller's buffer
  }
  splitter.finish();
  return out;
}

describe('LineSplitter', () => {
  // Written out by hand: '\n' ends a line, '\r' stays with the line, an empty line is a line.
  const text = 'EC-Lab ASCII FILE\r\nNb header lines : 3\n\nmode\ttime/s\n1\t0.5\n1\t1,25';
  const expected: Line[] = [
    { no: 1, text: 'EC-Lab ASCII FILE\r', unterminated: false },
    { no: 2, text: 'Nb header lines : 3', unterminated: false },
    { no: 3, text: '', unterminated: false },
    { no: 4, text: 'mode\ttime/s', unterminated: false },
    { no: 5, text: '1\t0.5', unterminated: false },
    { no: 6, text: '1\t1,25', unterminated: true },
  ];

  it('gives the same numbered lines for every piece size, from 1 byte to the whole text', () => {
    for (let piece = 1; piece <= text.length; piece++) assert.deepEqual(split(text, piece), expected, `pieces of ${piece} bytes`);
  });

  it('a text ending in a newline has no unterminated line (and no empty line after it)', () => {
    for (const piece of [1, 4, 100]) {
      assert.deepEqual(split('a\nbc\n', piece), [
        { no: 1, text: 'a', unterminated: false },
        { no: 2, text: 'bc', unterminated: false },
      ]);
    }
  });

  it('an empty input gives no lines', () => {
    const splitter = new LineSplitter(() => assert.fail('no line expected'));
    splitter.push(new Uint8Array(0));
    splitter.finish();
    assert.equal(splitter.lineNo, 0);
  });
});
