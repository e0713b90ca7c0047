/**
 * What Kielo's own wasm kernels need of the tfjs wasm backend (not part of its typed API): its memory (imported
 * by the kernels, so tensors are read and written in place), tensor addresses, outputs and scratch allocations;
 * instantiation of assembled modules over that memory; and whether the kernels can run at all (the backend's
 * non-threaded build exports an ordinary memory; a threaded build's shared memory is not taken).
 */
import * as tf from '@tensorflow/tfjs';

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

/** The part of the WebAssembly JS API used here (Node's types do not declare it without the DOM lib). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: abstract new (...args: never[]) => { buffer: ArrayBufferLike };
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let ready = false;

/**
 * Checks that `backend` (the initialised wasm backend) exports a memory the kernels can import; returns whether
 * Kielo's kernels may run. Called once the backend is set (src/engine/index.ts).
 */
export function checkWasmBackend(backend: unknown): boolean {
  const memory = (backend as Partial<WasmBackendInternals>).wasm?.asm?.memory as { buffer?: unknown } | undefined;
  const sharedBuffer = typeof SharedArrayBuffer !== 'undefined' && memory?.buffer instanceof SharedArrayBuffer;
  ready = memory instanceof wasmApi.Memory && !sharedBuffer;
  return ready;
}

/** Whether Kielo's wasm kernels run now: the wasm engine is active and its memory passed checkWasmBackend. */
export function wasmKernelsReady(): boolean {
  return ready && tf.getBackend() === 'wasm';
}

/** Instantiates an assembled module over `memory` (imported as env.memory); returns its exports. */
export function instantiateOver(bytes: Uint8Array, memory: object): Record<string, unknown> {
  return new wasmApi.Instance(new wasmApi.Module(bytes), { env: { memory } }).exports;
}

/** Compiled kernels per backend memory (a new backend instance has a new memory), then per key. */
const compiled = new WeakMap<object, Map<string, unknown>>();

/** What `build` makes for `key` over `memory`, built on first use and kept for that memory. */
export function compiledOnce<T>(memory: object, key: string, build: () => T): T {
  let byKey = compiled.get(memory);
  if (!byKey) compiled.set(memory, (byKey = new Map()));
  if (!byKey.has(key)) byKey.set(key, build());
  return byKey.get(key) as T;
}

const floatView = new Float32Array(1);
const intView = new Int32Array(floatView.buffer);

/** The bits of `value` as a float32, as an i32 (how the kernels take float parameters). */
export function float32Bits(value: number): number {
  floatView[0] = value;
  return intView[0];
}

/** A tfjs kernel function's arguments. */
export interface KernelArgs {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: unknown;
}

/** A kernel call's inputs by name; a missing one is an error naming it (tfjs types them as possibly undefined). */
export function kernelInputs<N extends string>(args: KernelArgs, ...names: N[]): Record<N, tf.TensorInfo> {
  const out = {} as Record<N, tf.TensorInfo>;
  for (const name of names) {
    const input = args.inputs[name];
    if (!input) throw new Error(`Kielo kernel: input '${name}' is missing`);
    out[name] = input;
  }
  return out;
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
