/**
 * Compiling the project's WebAssembly kernels (asm/, committed as base64 by scripts/build-wasm.mjs)
 * without DOM or Node types: the browser-safe core is type-checked without both, so the few parts of
 * the WebAssembly API it uses are declared here.
 *
 * Every kernel has a TypeScript twin; `compileWasm` returns null where WebAssembly is missing, where
 * the module does not validate (e.g. no SIMD) or where a page's Content-Security-Policy forbids
 * compiling it, and the caller then runs the TypeScript.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum?: number }) => WasmMemory;
}
declare const WebAssembly: WasmApi | undefined;
declare function atob(data: string): string;

/** A compiled module from its base64 text, or null (see above). Compile once and keep the result. */
export function compileWasm(base64: string): object | null {
  try {
    if (typeof WebAssembly !== 'object' || typeof atob !== 'function') return null;
    const text = atob(base64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    return null; // e.g. a Content-Security-Policy without 'wasm-unsafe-eval'
  }
}

/** A memory of `pages` × 64 KiB and an instance of `module` on it, or null where that fails. */
export function instantiateWasm(module: object, pages: number, env: Record<string, unknown> = {}): { memory: WasmMemory; exports: Record<string, unknown> } | null {
  if (typeof WebAssembly !== 'object') return null;
  try {
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    const instance = new WebAssembly.Instance(module, { env: { memory, abort: () => undefined, ...env } });
    return { memory, exports: instance.exports };
  } catch {
    return null;
  }
}
