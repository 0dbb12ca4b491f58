/**
 * Loader for native/kernels.c (WebAssembly SIMD, compiled ahead of time into
 * native/kernels-wasm.ts). The module imports the tfjs wasm backend's own memory, so its
 * functions work in place on tensors (pointers = memoryOffset). One instance per memory.
 *
 * Why not plain TypeScript: typed-array loops in V8 run at ~4 ns per element on these
 * memory-bound kernels (no SIMD, bounds checks); the wasm SIMD versions are several times
 * faster and keep memory traffic in one pass.
 */
import type { backend_util } from '@tensorflow/tfjs';
import { KERNELS_WASM_BASE64 } from './native/kernels-wasm';

/** A 2-D convolution's geometry in the order kernels.c's im2col and col2im functions take it. */
export type ConvGeometry = readonly [
  H: number,
  W: number,
  C: number,
  OH: number,
  OW: number,
  KH: number,
  KW: number,
  sh: number,
  sw: number,
  pt: number,
  pl: number,
];

export function convGeometry(info: backend_util.Conv2DInfo): ConvGeometry {
  return [
    info.inHeight,
    info.inWidth,
    info.inChannels,
    info.outHeight,
    info.outWidth,
    info.filterHeight,
    info.filterWidth,
    info.strideHeight,
    info.strideWidth,
    info.padInfo.top,
    info.padInfo.left,
  ];
}

export interface NativeKernels {
  im2col_t(x: number, col: number, n0: number, n1: number, ...geometry: [...ConvGeometry, M: number]): void;
  col2im(dcol: number, dx: number, n0: number, n1: number, ...geometry: ConvGeometry): void;
  max_pool_grad(
    x: number,
    dy: number,
    dx: number,
    N: number,
    H: number,
    W: number,
    C: number,
    OH: number,
    OW: number,
    FH: number,
    FW: number,
    sh: number,
    sw: number,
    dh: number,
    dw: number,
    pt: number,
    pl: number,
  ): void;
  sum_rows(x: number, rows: number, C: number, out: number, part: number, acc: number): void;
  transpose2d(src: number, dst: number, batch: number, R: number, C: number): void;
  add_into(a: number, b: number, n: number): void;
  zero(a: number, n: number): void;
  conv_bpf_direct(
    x: number,
    dy: number,
    dw: number,
    N: number,
    ...geometry: [...ConvGeometry, CO: number, acc: number, dacc: number]
  ): void;
  conv_bpf_direct16(x: number, dy: number, dw: number, N: number, ...geometry: [...ConvGeometry, CO: number, dacc: number]): void;
  max_pool_grad_2x2(x: number, dy: number, dx: number, N: number, H: number, W: number, C: number, OH: number, OW: number): void;
  bias_add(x: number, b: number, out: number, rows: number, C: number): void;
  relu_grad(dy: number, x: number, out: number, n: number): void;
  pack_b8(b: number, bp: number, K: number, N: number): void;
  gemm_p8(a: number, bp: number, c: number, M: number, K: number, N: number, acc: number): void;
  gemm_tn8(a: number, b: number, c: number, M: number, K: number, N: number, acc: number): void;
  im2col_rows(x: number, col: number, m0: number, m1: number, ...geometry: ConvGeometry): void;
  adam_step(
    val: number,
    m: number,
    v: number,
    g: number,
    omab1: number,
    omab2: number,
    oval: number,
    om: number,
    ov: number,
    n: number,
    b1: number,
    c1: number,
    b2: number,
    c2: number,
    eps: number,
    nlr: number,
  ): void;
  max_pool_grad_disjoint(
    x: number,
    dy: number,
    dx: number,
    N: number,
    H: number,
    W: number,
    C: number,
    OH: number,
    OW: number,
    FH: number,
    FW: number,
    sh: number,
    sw: number,
    pt: number,
    pl: number,
  ): void;
}

// Minimal WebAssembly typings (the package's lib has no DOM/WebAssembly declarations).
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  Memory: abstract new (...args: never[]) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let compiled: object | null = null;
let instance: { memory: WasmMemory; exports: NativeKernels } | null = null;

/** The WebAssembly.Memory of the tfjs wasm backend (emscripten module). */
export function wasmMemoryOf(backend: unknown): WasmMemory {
  const w = (backend as { wasm?: { asm?: Record<string, unknown>; wasmMemory?: unknown } }).wasm;
  const candidates = [w?.wasmMemory, w?.asm?.['memory'], ...Object.values(w?.asm ?? {})];
  for (const c of candidates) if (c instanceof WA.Memory) return c;
  throw new Error('atelier kernels: cannot find the wasm backend memory');
}

let lastBackend: unknown = null;

export function native(backend: unknown): NativeKernels {
  // Called by every kernel: skip the memory lookup for the backend seen last (a wasm
  // Memory object stays the same when it grows).
  if (instance && backend === lastBackend) return instance.exports;
  const memory = wasmMemoryOf(backend);
  lastBackend = backend;
  if (instance && instance.memory === memory) return instance.exports;
  if (!compiled) compiled = new WA.Module(Buffer.from(KERNELS_WASM_BASE64, 'base64'));
  const inst = new WA.Instance(compiled, { env: { memory } });
  instance = { memory, exports: inst.exports as unknown as NativeKernels };
  return instance.exports;
}
