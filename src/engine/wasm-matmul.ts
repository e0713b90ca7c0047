/**
 * The wasm engine's matmul for training: Kielo's own SIMD kernel (wasm-gemm.ts) registered as the tfjs kernel
 * KieloGemm of the wasm backend, reading and writing the backend's tensors in place. It takes either operand
 * transposed at the same speed, so gradients need no transposes; the backend's BatchMatMul hands it its 2-D
 * products. Other engines, and column counts that are not a multiple of 4, use tf.matMul. No gradient is
 * registered: callers wrap gemm() in tf.customGrad (models/layers).
 */
import * as tf from '@tensorflow/tfjs';
import { compiledOnce, kernelInputs, wasmBackendOf, wasmKernelsReady, withScratch, type KernelArgs, type WasmBackendInternals } from './wasm-backend';
import { gemmMultiplyAdd } from './wasm-fma';
import { buildGemmKernel, gemmSupports, type GemmSpec } from './wasm-gemm';

const GEMM_KERNEL = 'KieloGemm';

/** Attributes of one product: which operands are given transposed. */
interface GemmAttrs {
  transposeA: boolean;
  transposeB: boolean;
}

/** A product's kernel with B packed once, to run against several A's (runProduct), and its scratch. */
export interface PackedProduct {
  /** C = A B into `out` for m rows of A; `segmentStride` and `bias` as the spec says (wasm-gemm.ts). */
  run(a: number, out: number, m: number, lda: number, segmentStride?: number, bias?: number): void;
}

/**
 * Compiles (once per spec) the kernel for `shape` with this process's multiply-add (wasm-fma.ts), packs B (k
 * rows) into scratch, and hands `use` the products against it; the scratch is freed afterwards. One packing
 * serves every product that shares B.
 */
export function withPackedB(backend: WasmBackendInternals, shape: GemmSpec, b: number, k: number, use: (product: PackedProduct) => void): void {
  const memory = backend.wasm.asm.memory;
  const spec: GemmSpec = { ...shape, multiplyAdd: gemmMultiplyAdd() };
  const kernel = compiledOnce(memory, `gemm ${JSON.stringify(spec)}`, () => buildGemmKernel(spec, memory));
  withScratch(backend, [kernel.packedBytes(k), 16 * k], (packed, scratch) => {
    kernel.packB(b, packed, k);
    use({ run: (a, out, m, lda, segmentStride = 0, bias = 0) => kernel.gemm(a, packed, out, m, k, lda, scratch, segmentStride, bias) });
  });
}

/** One product into `out` (withPackedB for a single A). */
export function runGemm(
  backend: WasmBackendInternals, spec: GemmSpec, a: number, b: number, out: number,
  m: number, k: number, lda: number, segmentStride = 0, bias = 0,
): void {
  withPackedB(backend, spec, b, k, (product) => product.run(a, out, m, lda, segmentStride, bias));
}

function gemmKernelFunc(args: KernelArgs): tf.TensorInfo {
  const { backend, address } = wasmBackendOf(args);
  const { a, b } = kernelInputs(args, 'a', 'b');
  const { transposeA, transposeB } = args.attrs as unknown as GemmAttrs;
  const [m, k] = transposeA ? [a.shape[1], a.shape[0]] : a.shape;
  const n = transposeB ? b.shape[0] : b.shape[1];
  const bLayout = transposeB ? 'columns' : 'rows';
  const spec: GemmSpec = transposeA ? { n, a: 'columns', b: bLayout } : { n, a: 'rows', b: bLayout, lda: k };
  const out = backend.makeOutput([m, n], 'float32');
  runGemm(backend, spec, address(a), address(b), address(out), m, k, a.shape[1]);
  return out;
}

/** Whether gemm() runs Kielo's kernel (wasm engine) for a product with n columns. */
export function usesWasmGemm(n: number): boolean {
  return wasmKernelsReady() && gemmSupports(n);
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
  const attrs: GemmAttrs = { transposeA, transposeB };
  return tf.engine().runKernel(GEMM_KERNEL, { a, b }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor2D;
}

/** The wasm backend's own BatchMatMul kernel, which transposed products fall to unless Kielo's kernel takes them. */
let backendBatchMatMul: tf.KernelConfig | undefined;

/**
 * The wasm backend's BatchMatMul, with every 2-D float32 product whose column count is a multiple of 4 taken by
 * Kielo's kernel: transposed operands (what every matmul gradient asks for, tfjs-layers' Dense included: the
 * backend's loop is ~15x slower) and untransposed ones (~1.4x faster than XNNPACK from [32,128]x[128,64] to
 * [8192,128]x[128,256], measured here). Batched products and other column counts: the backend's own kernel.
 */
function batchMatMulKernelFunc(args: KernelArgs): tf.TensorInfo | tf.TensorInfo[] {
  const { a, b } = kernelInputs(args, 'a', 'b');
  const { transposeB } = args.attrs as unknown as GemmAttrs;
  const unbatched = (t: tf.TensorInfo) => t.shape.length === 2 || (t.shape.length === 3 && t.shape[0] === 1);
  const n = transposeB ? b.shape[b.shape.length - 2] : b.shape[b.shape.length - 1];
  if (unbatched(a) && unbatched(b) && a.dtype === 'float32' && b.dtype === 'float32' && gemmSupports(n)) {
    const a2: tf.TensorInfo = { dataId: a.dataId, dtype: a.dtype, shape: a.shape.slice(-2) };
    const b2: tf.TensorInfo = { dataId: b.dataId, dtype: b.dtype, shape: b.shape.slice(-2) };
    const out = gemmKernelFunc({ inputs: { a: a2, b: b2 }, backend: args.backend, attrs: args.attrs });
    if (a.shape.length === 3 || b.shape.length === 3) out.shape = [1, ...out.shape];
    return out;
  }
  return (backendBatchMatMul!.kernelFunc as (a: unknown) => tf.TensorInfo)(args);
}

/** Registers KieloGemm and the BatchMatMul wrapper with the wasm backend (once; initEngine calls it). */
export function registerWasmMatMul(): void {
  tf.registerKernel({ kernelName: GEMM_KERNEL, backendName: 'wasm', kernelFunc: gemmKernelFunc as unknown as tf.KernelFunc });
  backendBatchMatMul = tf.getKernel('BatchMatMul', 'wasm');
  if (backendBatchMatMul) {
    tf.unregisterKernel('BatchMatMul', 'wasm');
    tf.registerKernel({ ...backendBatchMatMul, kernelFunc: batchMatMulKernelFunc as unknown as tf.KernelFunc });
  }
}
