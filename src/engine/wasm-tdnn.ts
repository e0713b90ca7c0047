/**
 * A time-delay layer (valid 1-D convolution over time-major rows, row t * batch + b) on the wasm engine, as two
 * tfjs kernels built on Kielo's gemm (wasm-gemm.ts), each one call instead of ~5 kernels forward and ~15 back:
 *   KieloTdnn:     y = act(bias + sum_j x[row + j dilation batch] W_j), the context window read in place (no
 *                  context matrix), bias and ReLU in the same pass;
 *   KieloTdnnGrad: dKernel rows of tap j = x_j^T dPre (x_j: the input rows tap j saw), dx = sum_j dPre W_j^T
 *                  placed at row j dilation batch (accumulated in place), dBias = column sums of dPre.
 * Callers check usesWasmGemm(units) and usesWasmGemm(channels) first (models/layers/tdnn-layer.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { kernelInputs, wasmBackendOf, type KernelArgs } from './wasm-backend';
import { runGemm, withPackedB } from './wasm-matmul';

const FORWARD_KERNEL = 'KieloTdnn';
const GRAD_KERNEL = 'KieloTdnnGrad';

/** A layer's shape: time-major rows of `batch` utterances, taps `dilation` frames apart. */
export interface TdnnAttrs {
  batch: number;
  dilation: number;
  context: number;
}

function forwardKernelFunc(args: KernelArgs): tf.TensorInfo {
  const { backend, address } = wasmBackendOf(args);
  const { x, kernel, bias } = kernelInputs(args, 'x', 'kernel', 'bias');
  const { batch, dilation, context, relu } = args.attrs as unknown as TdnnAttrs & { relu: boolean };
  const [rowsIn, channels] = x.shape;
  const units = kernel.shape[1];
  const rowsOut = rowsIn - (context - 1) * dilation * batch;
  const out = backend.makeOutput([rowsOut, units], 'float32');
  runGemm(
    backend, { n: units, a: 'rows', b: 'rows', lda: channels, segments: context, epilogue: relu ? 'bias-relu' : 'bias' },
    address(x), address(kernel), address(out), rowsOut, context * channels, channels, dilation * batch * channels * 4, address(bias),
  );
  return out;
}

function gradKernelFunc(args: KernelArgs): tf.TensorInfo[] {
  const { backend, address } = wasmBackendOf(args);
  const { x, dPre, kernel } = kernelInputs(args, 'x', 'dPre', 'kernel');
  const { batch, dilation, context } = args.attrs as unknown as TdnnAttrs;
  const [rowsIn, channels] = x.shape;
  const [rowsOut, units] = dPre.shape;
  const tapBytes = (j: number) => j * dilation * batch * channels * 4;
  const dx = backend.makeOutput([rowsIn, channels], 'float32');
  const dKernel = backend.makeOutput([context * channels, units], 'float32');
  const dBias = backend.makeOutput([units], 'float32');
  // dPre is B of every tap's kernel gradient and of the bias gradient: packed once for all of them
  const ones = backend.wasm._malloc(rowsOut * 4);
  try {
    backend.wasm.HEAPF32.fill(1, ones / 4, ones / 4 + rowsOut);
    withPackedB(backend, { n: units, a: 'columns', b: 'rows' }, address(dPre), rowsOut, (product) => {
      // rows j * channels.. of dKernel: (x rows from tap j's first)^T dPre
      for (let j = 0; j < context; j++) product.run(address(x) + tapBytes(j), address(dKernel) + j * channels * units * 4, channels, channels);
      // dBias = ones [1, rowsOut] dPre, the ones given as a column ([rowsOut, 1] transposed)
      product.run(ones, address(dBias), 1, 1);
    });
  } finally {
    backend.wasm._free(ones);
  }
  const dxAt = address(dx) / 4;
  backend.wasm.HEAPF32.fill(0, dxAt, dxAt + rowsIn * channels);
  for (let j = 0; j < context; j++) {
    // dx rows from tap j's first += dPre W_j^T (W_j: kernel rows j * channels.., read as the transposed operand)
    runGemm(backend, { n: channels, a: 'rows', b: 'columns', lda: units, epilogue: 'accumulate' }, address(dPre), address(kernel) + j * channels * units * 4, address(dx) + tapBytes(j), rowsOut, units, units);
  }
  return [dx, dKernel, dBias];
}

/** Registers KieloTdnn and KieloTdnnGrad with the wasm backend (once; initEngine calls it). */
export function registerWasmTdnn(): void {
  tf.registerKernel({ kernelName: FORWARD_KERNEL, backendName: 'wasm', kernelFunc: forwardKernelFunc as unknown as tf.KernelFunc });
  tf.registerKernel({ kernelName: GRAD_KERNEL, backendName: 'wasm', kernelFunc: gradKernelFunc as unknown as tf.KernelFunc });
}

/**
 * The layer's pre-activation (or its ReLU): x [time * batch, channels], kernel [context * channels, units], bias
 * [units] -> [(time - (context - 1) dilation) * batch, units].
 */
export function wasmTdnnForward(x: tf.Tensor2D, kernel: tf.Tensor2D, bias: tf.Tensor1D, shape: TdnnAttrs, relu: boolean): tf.Tensor2D {
  return tf.engine().runKernel(FORWARD_KERNEL, { x, kernel, bias }, { ...shape, relu } as unknown as tf.NamedAttrMap) as tf.Tensor2D;
}

/** [dx, dKernel, dBias] from the layer's input, the gradient of its pre-activation, and its kernel. */
export function wasmTdnnGrad(x: tf.Tensor2D, dPre: tf.Tensor2D, kernel: tf.Tensor2D, shape: TdnnAttrs): [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D] {
  return tf.engine().runKernel(GRAD_KERNEL, { x, dPre, kernel }, { ...shape } as unknown as tf.NamedAttrMap) as unknown as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
}
