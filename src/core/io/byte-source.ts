/**
 * Random access to a file's bytes, so a reader can take a large file piece by piece instead of holding
 * all of it. Two kinds: bytes already in memory (the browser, tests; every read is a view, no copy),
 * and — in src/node/io/file-source.ts — a file on disk, read with positioned reads into a buffer the
 * caller reuses.
 *
 * Why: reading a 3.6 MB .mpr into a new buffer per file costs more than decoding it (fresh memory,
 * garbage collection of large external buffers; bench/results/import.md), and a reader that keeps the
 * whole file alive for a few lazily decoded columns holds a 1 GB file in memory for them.
 */
export interface ByteSource {
  /** Bytes in the source. */
  readonly size: number;
  /**
   * The bytes [position, position + length), which must lie inside the source. In memory: a view of
   * the source's bytes. On disk: read into `scratch` when it is long enough (and returned as a view of
   * it — valid until the caller reuses `scratch`), else into a new array.
   */
  read(position: number, length: number, scratch?: Uint8Array): Uint8Array;
  /** True when `read` returns views of memory the source keeps (no copy, nothing to reuse). */
  readonly inMemory: boolean;
  /** Done for now: lets go of the OS handle (a later `read` opens the file again). */
  release(): void;
}

export function memorySource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    inMemory: true,
    read: (position, length) => bytes.subarray(position, position + length),
    release: () => undefined,
  };
}

/**
 * Bytes in memory that behave like a file on disk: every read copies into the caller's buffer (or a new
 * one) and `inMemory` is false, so a reader takes its piece-by-piece path. Tests and the fuzzer use it
 * to exercise that path without writing files.
 */
export function copyingSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    inMemory: false,
    read: (position, length, scratch) => {
      const into = scratch && scratch.length >= length ? scratch : new Uint8Array(length);
      into.set(bytes.subarray(position, position + length));
      return into.subarray(0, length);
    },
    release: () => undefined,
  };
}
