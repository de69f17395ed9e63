/**
 * Splits text that arrives in pieces (a file streamed in 4 MiB reads) into lines for the incremental
 * instrument readers (.mpt, EC-Lab CSV). A line cut between two pieces is kept and completed by the
 * next piece, so the reader always sees whole lines, each as a byte range of a buffer: no string and
 * no copy per line, only one copy per piece of the unfinished tail.
 */

/**
 * Receives one line: bytes buf[start, end), without its '\n' (a '\r' before it is left to the reader).
 * `unterminated` is true for a last line with no '\n', as a file cut off while recording ends.
 */
export type LineHandler = (buf: Uint8Array, start: number, end: number, unterminated: boolean) => void;

export class LineSplitter {
  /** 1-based number of the line last handed to the handler (0 before the first), for error messages. */
  lineNo = 0;
  private readonly onLine: LineHandler;
  /** The unfinished last line of the pieces so far (a copy: callers may reuse a piece's memory). */
  private pending: Uint8Array = new Uint8Array(0);

  constructor(onLine: LineHandler) {
    this.onLine = onLine;
  }

  /** Hands every line that `chunk` completes to the handler and keeps the unfinished rest. */
  push(chunk: Uint8Array): void {
    const buf = this.pending.length === 0 ? chunk : concat(this.pending, chunk);
    const used = this.split(buf, false);
    this.pending = buf.slice(used);
  }

  /** End of input: hands over a last line that has no '\n'. */
  finish(): void {
    if (this.pending.length > 0) this.split(this.pending, true);
    this.pending = new Uint8Array(0);
  }

  /** Hands over the lines of buf; returns how many bytes they used. */
  private split(buf: Uint8Array, atEnd: boolean): number {
    const n = buf.length;
    let pos = 0;
    while (pos < n) {
      let eol = buf.indexOf(10, pos);
      if (eol < 0) {
        if (!atEnd) break; // the line continues in the next piece
        eol = n;
      }
      this.lineNo++;
      this.onLine(buf, pos, eol, eol === n);
      pos = eol + 1;
    }
    return Math.min(pos, n);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
