/** Reading user files with errors that name the file (never a raw ENOENT stack). */
import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../../core/errors.js';

export function readInputBytes(path: string): Uint8Array {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new InputError({ file: path }, 'an existing file', 'no such file');
  }
  if (st.isDirectory()) throw new InputError({ file: path }, 'a file', 'a directory');
  const buf = readFileSync(path);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

export function readInputText(path: string): string {
  return new TextDecoder('utf-8').decode(readInputBytes(path));
}
