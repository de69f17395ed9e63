/** Reading user files with errors that name the file (never a raw ENOENT stack). */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from '../../core/errors.js';

/**
 * The whole file as bytes: one open, one fstat, reads straight into a buffer of the file's size (not
 * zero-filled first: every byte is overwritten by the read), one close. The Uint8Array views that
 * buffer, no copy.
 */
export function readInputBytes(path: string): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    throw new InputError({ file: path }, 'an existing file', 'no such file');
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new InputError({ file: path }, 'a file', 'a directory');
    const size = st.size;
    const buf = Buffer.allocUnsafe(size);
    let got = 0;
    while (got < size) {
      const n = readSync(fd, buf, got, size - got, got);
      if (n === 0) break; // the file shrank since fstat: keep what is there
      got += n;
    }
    return new Uint8Array(buf.buffer, buf.byteOffset, got);
  } finally {
    closeSync(fd);
  }
}

export function readInputText(path: string): string {
  return new TextDecoder('utf-8').decode(readInputBytes(path));
}
