/**
 * tdnnLayer: one dilated TDNN layer (a valid 1-D convolution over time) on TIME-MAJOR rows, with a hand-written
 * gradient: rows [time * batch, channels] (row t * batch + b), y[t] = act(bias + sum_j x[t + j * dilation] W_j).
 *
 * Why time-major: a tap (the input shifted by j * dilation frames) is then one contiguous row range for the whole
 * batch, and so is the scatter of its gradient (a zero block above and below). Contiguous copies are cheap on
 * every engine; strided ones are not (the cpu engine copies those element by element: ~100x slower).
 * Why hand-written: every op recorded on the gradient tape costs a kernel call plus a copy of each tensor it saves
 * (wasm), and tfjs's generic gradients of slice/concat/bias/activation add dozens of small kernels. On the wasm
 * engine a layer is one kernel forward and two back (engine/wasm-tdnn.ts: the context window read in place);
 * elsewhere 5 kernels forward (taps, their concatenation, one fused matmul + bias + ReLU) and ~15 backward.
 */
import { gemm, tf, usesWasmGemm, wasmTdnnForward, wasmTdnnGrad } from '../../engine';
import { applyActivation, type Activation } from './common';
import { matMulTransposeA, matMulTransposeB } from './matmul';

/**
 * Equal-shaped [rows, c] matrices side by side -> [rows, parts * c]. wasm copies an axis-1 concat row by row in
 * JavaScript; stacking the parts (one copy each) and a 3-D transpose in its C++ kernel is ~2x cheaper there. The
 * cpu engine transposes element by element, so it keeps the axis-1 concat.
 */
function sideBySide(parts: tf.Tensor2D[]): tf.Tensor2D {
  if (parts.length === 1) return parts[0];
  const [rows, c] = parts[0].shape;
  if (tf.getBackend() !== 'wasm') return tf.concat(parts, 1);
  return tf.concat(parts, 0).reshape([parts.length, rows, c]).transpose([1, 0, 2]).reshape([rows, parts.length * c]);
}

/** The gradient of the pre-activation from the activation's output y and the output gradient dy. */
function activationGrad(dy: tf.Tensor, y: tf.Tensor, activation: Activation): tf.Tensor {
  if (activation === 'relu') return tf.mul(dy, tf.step(y));
  if (activation === 'tanh') return tf.mul(dy, tf.sub(1, tf.square(y)));
  return tf.mul(dy, tf.mul(y, tf.sub(1, y)));
}

/**
 * `rows` [r, c] placed at row `top` of an all-zero [total, c] matrix (the adjoint of a row crop): one C++ pad
 * kernel on wasm; zero blocks concatenated on cpu, whose pad copies element by element.
 */
function placeRows(rows: tf.Tensor2D, top: number, total: number): tf.Tensor2D {
  if (tf.getBackend() === 'wasm') return tf.pad(rows, [[top, total - top - rows.shape[0]], [0, 0]]);
  const width = rows.shape[1];
  const bottom = total - top - rows.shape[0];
  const parts = [top > 0 ? tf.zeros([top, width]) : null, rows, bottom > 0 ? tf.zeros([bottom, width]) : null];
  return tf.concat(parts.filter((p): p is tf.Tensor2D => p !== null), 0) as tf.Tensor2D;
}

/**
 * One TDNN layer over time-major rows: x [time * batch, channels], kernel [context * channels, units] (rows
 * j * channels.. = tap j), bias [units] -> [(time - (context - 1) * dilation) * batch, units]. Valid frames
 * only; gradients for x, kernel and bias.
 */
export function tdnnLayer(x: tf.Tensor2D, batch: number, kernel: tf.Tensor2D, bias: tf.Tensor1D, dilation: number, context: number, activation: Activation): tf.Tensor2D {
  const [rowsIn, channels] = x.shape;
  const units = kernel.shape[1];
  const time = rowsIn / batch;
  const timeOut = time - (context - 1) * dilation;
  const rowsOut = timeOut * batch;
  if (!Number.isInteger(time)) throw new Error(`tdnnLayer: ${rowsIn} rows are not a whole number of frames of ${batch} utterances`);
  if (kernel.shape[0] !== context * channels) throw new Error(`tdnnLayer: kernel rows ${kernel.shape[0]} != context ${context} x channels ${channels}`);
  if (timeOut < 1) throw new Error(`tdnnLayer: needs at least ${(context - 1) * dilation + 1} frames, got ${time}`);
  /** Gradients of x, kernel and bias from the saved context matrix, output and kernel (engines without Kielo's kernels). */
  const gradients = (dy: tf.Tensor, [sColumns, sy, sw]: tf.Tensor2D[]): tf.Tensor[] => {
    const dPre = activationGrad(dy, sy, activation) as tf.Tensor2D;
    const dKernel = matMulTransposeA(sColumns, dPre);
    // column sums as a one-row matmul (measured cheaper than tf.sum on wasm)
    const dBias = gemm(tf.ones([1, rowsOut]), dPre).reshape([units]);
    // dx = sum_j (dPre W_j^T) placed at row j * dilation * batch
    // (W_j: rows j * channels.. of the kernel, contiguous; matMulTransposeB takes it as given)
    const tapGradients = Array.from({ length: context }, (_, j) => matMulTransposeB(dPre, tf.slice(sw, [j * channels, 0], [channels, units])));
    const dx = tf.addN(tapGradients.map((g, j) => placeRows(g, j * dilation * batch, rowsIn)));
    return [dx, dKernel, dBias];
  };
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    if (usesWasmGemm(units) && usesWasmGemm(channels)) {
      // Kielo's wasm kernels: the context window read in place (bias and ReLU in the same pass); the gradients
      // from the saved input in one kernel
      const pre = wasmTdnnForward(input, w, b, { batch, dilation, context }, activation === 'relu');
      const y = activation === 'relu' ? pre : applyActivation(pre, activation) as tf.Tensor2D;
      save([input, y, w]);
      const gradFunc = (dy: tf.Tensor, [sInput, sy, sw]: tf.Tensor[]) =>
        wasmTdnnGrad(sInput as tf.Tensor2D, activationGrad(dy, sy, activation) as tf.Tensor2D, sw as tf.Tensor2D, { batch, dilation, context });
      return { value: y, gradFunc };
    }
    // context matrix [rowsOut, context * channels]: tap j = rows from j * dilation * batch, side by side
    const taps = Array.from({ length: context }, (_, j) => tf.slice(input, [j * dilation * batch, 0], [rowsOut, channels]));
    const columns = sideBySide(taps);
    const y = activation === 'relu'
      ? tf.fused.matMul({ a: columns, b: w, bias: b, activation: 'relu' })
      : applyActivation(tf.fused.matMul({ a: columns, b: w, bias: b }), activation) as tf.Tensor2D;
    save([columns, y, w]);
    return { value: y, gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => gradients(dy, saved as tf.Tensor2D[]) };
  });
  return op(x, kernel, bias) as tf.Tensor2D;
}
