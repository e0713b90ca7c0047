/**
 * The wasm engine's matmuls for training: Kielo's own SIMD kernel (wasm-gemm.ts) registered as tfjs kernels of
 * the wasm backend, reading and writing the backend's tensors in place. KieloGemm takes either operand
 * transposed at the same speed, so gradients need no transposes; KieloTdnn is a time-delay layer's forward pass
 * (context window read in place, bias and ReLU in the same pass). Other engines, and column counts that are not
 * a multiple of 4, use tfjs's own ops. No gradients are registered: callers wrap these in tf.customGrad
 * (models/layers).
 */
import * as tf from '@tensorflow/tfjs';
import { buildGemmKernel, gemmSupports, type GemmKernel, type GemmSpec } from './wasm-gemm';

const GEMM_KERNEL = 'KieloGemm';
const TDNN_KERNEL = 'KieloTdnn';

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
  const key = JSON.stringify(spec);
  let kernel = bySpec.get(key);
  if (!kernel) bySpec.set(key, (kernel = buildGemmKernel(spec, memory)));
  return kernel;
}

/** Runs one product into `out` with B packed in a scratch allocation of the backend's heap. */
function runGemm(
  wasm: WasmBackendInternals, spec: GemmSpec, a: tf.TensorInfo, b: tf.TensorInfo, out: tf.TensorInfo,
  m: number, k: number, segmentStride = 0, bias?: tf.TensorInfo,
): void {
  const kernel = kernelFor(wasm.wasm.asm.memory, spec);
  const address = (t: tf.TensorInfo) => wasm.dataIdMap.get(t.dataId).memoryOffset;
  const packed = wasm.wasm._malloc(kernel.packedBytes(k));
  const scratch = wasm.wasm._malloc(16 * k);
  try {
    kernel.packB(address(b), packed, k);
    kernel.gemm(address(a), packed, address(out), m, k, a.shape[1], scratch, segmentStride, bias ? address(bias) : 0);
  } finally {
    wasm.wasm._free(scratch);
    wasm.wasm._free(packed);
  }
}

function gemmKernelFunc({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: unknown }): tf.TensorInfo {
  const wasm = backend as WasmBackendInternals;
  const { a, b } = inputs;
  const { transposeA, transposeB } = attrs as unknown as GemmAttrs;
  const [m, k] = transposeA ? [a.shape[1], a.shape[0]] : a.shape;
  const n = transposeB ? b.shape[0] : b.shape[1];
  const bLayout = transposeB ? 'columns' : 'rows';
  const spec: GemmSpec = transposeA ? { n, a: 'columns', b: bLayout } : { n, a: 'rows', b: bLayout, lda: k };
  const out = wasm.makeOutput([m, n], 'float32');
  runGemm(wasm, spec, a, b, out, m, k);
  return out;
}

/** Attributes of a time-delay layer's forward pass over time-major rows (row t * batch + b). */
interface TdnnAttrs {
  batch: number;
  dilation: number;
  context: number;
  relu: boolean;
}

function tdnnKernelFunc({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: unknown }): tf.TensorInfo {
  const wasm = backend as WasmBackendInternals;
  const { x, kernel, bias } = inputs;
  const { batch, dilation, context, relu } = attrs as unknown as TdnnAttrs;
  const [rowsIn, channels] = x.shape;
  const units = kernel.shape[1];
  const rowsOut = rowsIn - (context - 1) * dilation * batch;
  const spec: GemmSpec = { n: units, a: 'rows', b: 'rows', lda: channels, segments: context, epilogue: relu ? 'bias-relu' : 'bias' };
  const out = wasm.makeOutput([rowsOut, units], 'float32');
  runGemm(wasm, spec, x, kernel, out, rowsOut, context * channels, dilation * batch * channels * 4, bias);
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
  registerWasmKernels();
  const attrs: GemmAttrs = { transposeA, transposeB };
  return tf.engine().runKernel(GEMM_KERNEL, { a, b }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor2D;
}

/**
 * A time-delay layer's pre-activation (or ReLU of it) on the wasm engine: x [time * batch, channels] time-major,
 * kernel [context * channels, units], bias [units] -> [(time - (context - 1) dilation) * batch, units], row
 * t * batch + b = bias + sum_j x[row + j dilation batch] W_j. Callers check usesWasmGemm(units) first.
 */
export function wasmTdnnForward(x: tf.Tensor2D, kernel: tf.Tensor2D, bias: tf.Tensor1D, batch: number, dilation: number, context: number, relu: boolean): tf.Tensor2D {
  if (!usesWasmGemm(kernel.shape[1])) throw new Error(`wasmTdnnForward: needs the wasm engine and units a multiple of 4 (got ${kernel.shape[1]} on ${tf.getBackend()})`);
  registerWasmKernels();
  const attrs: TdnnAttrs = { batch, dilation, context, relu };
  return tf.engine().runKernel(TDNN_KERNEL, { x, kernel, bias }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor2D;
}

/** The wasm backend's own BatchMatMul kernel, which transposed products fall to unless Kielo's kernel takes them. */
let backendBatchMatMul: tf.KernelConfig | undefined;

/**
 * The wasm backend's BatchMatMul, with products of transposed 2-D operands (what every matmul gradient asks for:
 * tfjs-layers' Dense included) taken by Kielo's kernel; the rest (untransposed: XNNPACK; batched) as before.
 */
function batchMatMulKernelFunc(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: unknown }): tf.TensorInfo | tf.TensorInfo[] {
  const { a, b } = args.inputs;
  const { transposeA, transposeB } = args.attrs as unknown as GemmAttrs;
  const unbatched = (t: tf.TensorInfo) => t.shape.length === 2 || (t.shape.length === 3 && t.shape[0] === 1);
  const n = transposeB ? b.shape[b.shape.length - 2] : b.shape[b.shape.length - 1];
  if ((transposeA || transposeB) && unbatched(a) && unbatched(b) && a.dtype === 'float32' && b.dtype === 'float32' && gemmSupports(n)) {
    const a2 = { ...a, shape: a.shape.slice(-2) };
    const b2 = { ...b, shape: b.shape.slice(-2) };
    const out = gemmKernelFunc({ inputs: { a: a2, b: b2 }, backend: args.backend, attrs: args.attrs });
    if (a.shape.length === 3 || b.shape.length === 3) out.shape = [1, ...out.shape];
    return out;
  }
  return (backendBatchMatMul!.kernelFunc as (a: unknown) => tf.TensorInfo)(args);
}

/** Registers Kielo's kernels with the wasm backend (once per process; initEngine calls it when wasm loads). */
export function registerWasmKernels(): void {
  if (registered) return;
  tf.registerKernel({ kernelName: GEMM_KERNEL, backendName: 'wasm', kernelFunc: gemmKernelFunc as unknown as tf.KernelFunc });
  tf.registerKernel({ kernelName: TDNN_KERNEL, backendName: 'wasm', kernelFunc: tdnnKernelFunc as unknown as tf.KernelFunc });
  backendBatchMatMul = tf.getKernel('BatchMatMul', 'wasm');
  if (backendBatchMatMul) {
    tf.unregisterKernel('BatchMatMul', 'wasm');
    tf.registerKernel({ ...backendBatchMatMul, kernelFunc: batchMatMulKernelFunc as unknown as tf.KernelFunc });
  }
  registered = true;
}
