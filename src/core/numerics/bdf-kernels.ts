/**
 * The time step's kernels in WebAssembly (asm/bdf-kernels.ts): the BDF solver's vector passes — the
 * predictor, the Newton update, the error-test sums, the history update and the error weights, with
 * 128-bit SIMD — the P2D model's structured linear solve (`p2dSolve`) and the particle rows of its
 * residual (`particleResidual`). JavaScript cannot vectorise
 * these loops and checks every typed-array index; in WebAssembly the BDF passes run about 3× faster and
 * the solve about 2× (bench/results/p2d.md).
 *
 * A `BdfKernels` owns one linear memory sized for its user (one BDF solver, or one P2D linear solver);
 * the user takes its arrays from it (`alloc`, `allocInt32`), so each array is an ordinary typed array in
 * JavaScript and a byte offset for the kernels.
 * `BdfKernels.create` returns null where WebAssembly or its SIMD instructions are unavailable (or a
 * page's Content-Security-Policy forbids compiling it); the solver then runs its TypeScript loops.
 */
import { BDF_KERNELS_WASM_BASE64 } from './bdf-kernels-wasm.js';
import { compileWasm, instantiateWasm, type WasmMemory } from '../wasm.js';

export interface BdfKernelFunctions {
  predict(phi: number, yy: number, ypy: number, coef: number, n: number, k: number): void;
  history(phi: number, ee: number, n: number, k: number, keep: number): void;
  weights(y: number, atol: number, w: number, n: number, rtol: number): number;
  newtonUpdate(del: number, yy: number, ypy: number, ee: number, w: number, nsc: number, n: number, scale: number, cj: number, first: number): number;
  errorSums(ee: number, phi: number, w: number, msk: number, n: number, k: number, out: number): void;
  /** The P2D model's structured linear solve (sim/p2d-linear-solver.ts), from a descriptor of offsets. */
  p2dSolve(descriptor: number, schur: number): void;
  /** The particle rows of the P2D residual (sim/p2d-model.ts), from a descriptor of offsets. */
  particleResidual(descriptor: number): void;
}

const PAGE = 65536;
/** Bytes kept free at the start of the memory (the module's own static data lives there). */
const RESERVED = 1024;

let compiled: object | null | undefined;

export class BdfKernels {
  readonly fn: BdfKernelFunctions;
  private readonly memory: WasmMemory;
  private next = RESERVED;
  private readonly end: number;

  private constructor(memory: WasmMemory, fn: BdfKernelFunctions) {
    this.memory = memory;
    this.fn = fn;
    this.end = memory.buffer.byteLength;
  }

  /** Kernels with room for `doubles` Float64 values (plus alignment), or null without WebAssembly SIMD. */
  static create(doubles: number, arrays: number): BdfKernels | null {
    if (compiled === undefined) compiled = compileWasm(BDF_KERNELS_WASM_BASE64);
    if (compiled === null) return null;
    const pages = Math.ceil((RESERVED + 8 * doubles + 16 * arrays) / PAGE);
    const made = instantiateWasm(compiled, pages);
    return made ? new BdfKernels(made.memory, made.exports as unknown as BdfKernelFunctions) : null;
  }

  /** A zeroed Float64Array of `count` values in the kernels' memory, 16-byte aligned. */
  alloc(count: number): Float64Array {
    return new Float64Array(this.memory.buffer, this.reserve(8 * count), count);
  }

  /** A zeroed Int32Array of `count` values in the kernels' memory, 16-byte aligned. */
  allocInt32(count: number): Int32Array {
    return new Int32Array(this.memory.buffer, this.reserve(4 * count), count);
  }

  private reserve(bytes: number): number {
    const at = this.next;
    if (at + bytes > this.end) throw new RangeError(`BdfKernels: ${bytes} bytes do not fit (${this.end - at} left)`);
    this.next = at + ((bytes + 15) & ~15);
    return at;
  }
}
