/**
 * What Kielo's own wasm kernels need of the tfjs wasm backend (not part of its typed API): its memory (imported
 * by the kernels, so tensors are read and written in place), tensor addresses, outputs and scratch allocations;
 * and the compiled gemm kernels, per backend memory.
 */
import type * as tf from '@tensorflow/tfjs';
import { buildGemmKernel, type GemmKernel, type GemmSpec } from './wasm-gemm';

/** The slice of the tfjs wasm backend Kielo's kernels use. */
export interface WasmBackendInternals {
  wasm: {
    asm: { memory: object };
    HEAPF32: Float32Array;
    _malloc(bytes: number): number;
    _free(address: number): void;
  };
  dataIdMap: { get(dataId: object): { memoryOffset: number } };
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
}

/** A tfjs kernel function's arguments. */
export interface KernelArgs {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: unknown;
}

/** The backend of a kernel call, and the byte address of a tensor in its memory. */
export function wasmBackendOf(args: KernelArgs): { backend: WasmBackendInternals; address: (t: tf.TensorInfo) => number } {
  const backend = args.backend as WasmBackendInternals;
  return { backend, address: (t) => backend.dataIdMap.get(t.dataId).memoryOffset };
}

/** Runs `fn` with scratch allocations of the given byte sizes in the backend's heap, freed afterwards. */
export function withScratch<T>(backend: WasmBackendInternals, bytes: number[], fn: (...addresses: number[]) => T): T {
  const addresses = bytes.map((b) => backend.wasm._malloc(Math.max(16, b)));
  try {
    return fn(...addresses);
  } finally {
    for (const a of addresses) backend.wasm._free(a);
  }
}

/** Compiled kernels per backend memory (a new backend instance has a new memory), then per spec. */
const kernels = new WeakMap<object, Map<string, GemmKernel>>();

/** The gemm kernel for `spec` over this backend's memory, compiled on first use. */
export function gemmKernelFor(backend: WasmBackendInternals, spec: GemmSpec): GemmKernel {
  const memory = backend.wasm.asm.memory;
  let bySpec = kernels.get(memory);
  if (!bySpec) kernels.set(memory, (bySpec = new Map()));
  const key = JSON.stringify(spec);
  let kernel = bySpec.get(key);
  if (!kernel) bySpec.set(key, (kernel = buildGemmKernel(spec, memory)));
  return kernel;
}
