/**
 * The wasm engine's matmul for training: Kielo's own SIMD kernel (wasm-gemm.ts) registered as a tfjs kernel of
 * the wasm backend, reading and writing the backend's tensors in place. It takes either operand transposed at
 * the same speed, so gradients need no transposes. Other engines, and column counts that are not a multiple of
 * 4, use tf.matMul. No gradient is registered: callers wrap it in tf.customGrad (models/layers/matmul.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { buildGemmKernel, gemmSupports, type GemmKernel, type GemmSpec } from './wasm-gemm';

const KERNEL_NAME = 'KieloGemm';

/** The slice of the tfjs wasm backend this kernel uses (not part of its typed API). */
interface WasmBackendInternals {
  wasm: { asm: { memory: object }; _malloc(bytes: number): number; _free(address: number): void };
  dataIdMap: { get(dataId: object): { memoryOffset: number } };
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
}

/** Attributes of one product: which operands are given transposed. */
interface GemmAttrs {
  transposeA: boolean;
  transposeB: boolean;
}

/** Compiled kernels per backend memory (a new backend instance has a new memory), then per spec. */
const kernels = new WeakMap<object, Map<string, GemmKernel>>();

function kernelFor(memory: object, spec: GemmSpec): GemmKernel {
  let bySpec = kernels.get(memory);
  if (!bySpec) kernels.set(memory, (bySpec = new Map()));
  const key = `${spec.a}/${spec.b}/${spec.n}/${spec.k}`;
  let kernel = bySpec.get(key);
  if (!kernel) bySpec.set(key, (kernel = buildGemmKernel(spec, memory)));
  return kernel;
}

function gemmKernelFunc({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: unknown }): tf.TensorInfo {
  const wasm = backend as WasmBackendInternals;
  const { a, b } = inputs;
  const { transposeA, transposeB } = attrs as unknown as GemmAttrs;
  const [m, k] = transposeA ? [a.shape[1], a.shape[0]] : a.shape;
  const n = transposeB ? b.shape[0] : b.shape[1];
  const kernel = kernelFor(wasm.wasm.asm.memory, transposeA ? { n, a: 'columns', b: transposeB ? 'columns' : 'rows' } : { n, k, a: 'rows', b: transposeB ? 'columns' : 'rows' });
  const out = wasm.makeOutput([m, n], 'float32');
  const address = (t: tf.TensorInfo) => wasm.dataIdMap.get(t.dataId).memoryOffset;
  const packed = wasm.wasm._malloc(kernel.packedBytes(k));
  const scratch = wasm.wasm._malloc(16 * k);
  try {
    kernel.packB(address(b), packed, k);
    kernel.gemm(address(a), packed, address(out), m, k, a.shape[1], scratch);
  } finally {
    wasm.wasm._free(scratch);
    wasm.wasm._free(packed);
  }
  return out;
}

let registered = false;

/** Whether gemm() runs Kielo's kernel (wasm engine) for a product with n columns. */
export function usesWasmGemm(n: number): boolean {
  return tf.getBackend() === 'wasm' && gemmSupports(n);
}

/**
 * op(a) op(b) for 2-D a and b, op = transpose where asked: Kielo's kernel on the wasm engine (n % 4 == 0),
 * tf.matMul with the same flags elsewhere.
 */
export function gemm(a: tf.Tensor2D, b: tf.Tensor2D, transposeA = false, transposeB = false): tf.Tensor2D {
  const k = transposeA ? a.shape[0] : a.shape[1];
  const kb = transposeB ? b.shape[1] : b.shape[0];
  if (k !== kb) throw new Error(`gemm: inner sizes differ (${a.shape} ${transposeA ? '^T' : ''} x ${b.shape}${transposeB ? '^T' : ''})`);
  const n = transposeB ? b.shape[0] : b.shape[1];
  if (!usesWasmGemm(n) || a.dtype !== 'float32' || b.dtype !== 'float32') return tf.matMul(a, b, transposeA, transposeB);
  if (!registered) {
    tf.registerKernel({ kernelName: KERNEL_NAME, backendName: 'wasm', kernelFunc: gemmKernelFunc as unknown as tf.KernelFunc });
    registered = true;
  }
  const attrs: GemmAttrs = { transposeA, transposeB };
  return tf.engine().runKernel(KERNEL_NAME, { a, b }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor2D;
}
