/**
 * Kielo's wasm gemm and TDNN kernels against float64 references, on the engine's current multiply-add path
 * (wasm-fma.ts): used in the test process (whichever path it runs) and by kernel-accuracy-run.ts in a child
 * process started with relaxed SIMD, so both paths are checked.
 */
import { gemm, tf, wasmTdnnForward, wasmTdnnGrad } from '../../src/engine';

/** op(a) op(b) in float64, from row-major data. */
export function referenceProduct(a: Float32Array, b: Float32Array, m: number, k: number, n: number, tA: boolean, tB: boolean): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) sum += a[tA ? p * m + i : i * k + p] * b[tB ? j * k + p : p * n + j];
      out[i * n + j] = sum;
    }
  }
  return out;
}

/** Deterministic values in [-1, 1) from a seed (a linear congruential sequence). */
export function random(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  let s = seed;
  for (let i = 0; i < size; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out[i] = s / 1073741824 - 1;
  }
  return out;
}

/** Largest |got - want| / sqrt(k) (float32 rounding over k terms grows about as sqrt k; a wrong element is ~1). */
function worstScaled(got: ArrayLike<number>, want: ArrayLike<number>, k: number): number {
  if (got.length !== want.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]) / Math.sqrt(k));
  return Number.isNaN(worst) ? Infinity : worst;
}

/** Worst scaled error of gemm() over every operand layout, partial row blocks and half panels. */
export function gemmWorstError(): number {
  let worst = 0;
  for (const [m, k, n] of [[1, 1, 4], [3, 7, 12], [4, 5, 8], [5, 33, 20], [17, 64, 40], [130, 400, 80]]) {
    for (const tA of [false, true]) {
      for (const tB of [false, true]) {
        const av = random(m * k, m + k);
        const bv = random(k * n, k + n);
        const got = tf.tidy(() => gemm(tf.tensor2d(av, tA ? [k, m] : [m, k]), tf.tensor2d(bv, tB ? [n, k] : [k, n]), tA, tB).dataSync());
        worst = Math.max(worst, worstScaled(got, referenceProduct(av, bv, m, k, n, tA, tB), k));
      }
    }
  }
  return worst;
}

/** A TDNN layer's shape and data, time-major rows (row t * batch + b). */
interface TdnnCase { batch: number; time: number; channels: number; units: number; context: number; dilation: number }

/** Float64 forward pre-activation and gradients of one TDNN layer (y = bias + sum_j x[row + j d batch] W_j). */
function referenceTdnn(c: TdnnCase, x: Float32Array, w: Float32Array, bias: Float32Array, dPre: Float32Array) {
  const rowsIn = c.time * c.batch;
  const rowsOut = (c.time - (c.context - 1) * c.dilation) * c.batch;
  const pre = new Float64Array(rowsOut * c.units);
  const dx = new Float64Array(rowsIn * c.channels);
  const dKernel = new Float64Array(c.context * c.channels * c.units);
  const dBias = new Float64Array(c.units);
  for (let r = 0; r < rowsOut; r++) {
    for (let u = 0; u < c.units; u++) {
      let sum = bias[u];
      const g = dPre[r * c.units + u];
      dBias[u] += g;
      for (let j = 0; j < c.context; j++) {
        const row = r + j * c.dilation * c.batch;
        for (let ch = 0; ch < c.channels; ch++) {
          const wi = (j * c.channels + ch) * c.units + u;
          sum += x[row * c.channels + ch] * w[wi];
          dKernel[wi] += x[row * c.channels + ch] * g;
          dx[row * c.channels + ch] += g * w[wi];
        }
      }
      pre[r * c.units + u] = sum;
    }
  }
  return { pre, dx, dKernel, dBias, rowsOut };
}

/**
 * Worst scaled errors of the TDNN kernels (forward with bias, forward with ReLU, and the gradient's dx,
 * dKernel and dBias) against float64, over layers with partial row blocks and half panels.
 */
export function tdnnWorstErrors(): { forward: number; relu: number; dx: number; dKernel: number; dBias: number } {
  const worst = { forward: 0, relu: 0, dx: 0, dKernel: 0, dBias: 0 };
  const cases: TdnnCase[] = [
    { batch: 3, time: 11, channels: 8, units: 12, context: 3, dilation: 2 },
    { batch: 4, time: 20, channels: 40, units: 96, context: 3, dilation: 1 },
    { batch: 2, time: 9, channels: 4, units: 4, context: 2, dilation: 3 },
  ];
  for (const c of cases) {
    const rowsIn = c.time * c.batch;
    const x = random(rowsIn * c.channels, c.channels + 1);
    const w = random(c.context * c.channels * c.units, c.units + 2);
    const bias = random(c.units, 3);
    const dPre = random((c.time - (c.context - 1) * c.dilation) * c.batch * c.units, 4);
    const ref = referenceTdnn(c, x, w, bias, dPre);
    const shape = { batch: c.batch, dilation: c.dilation, context: c.context };
    const k = c.context * c.channels;
    const [pre, relu, dx, dKernel, dBias] = tf.tidy(() => {
      const xt = tf.tensor2d(x, [rowsIn, c.channels]);
      const wt = tf.tensor2d(w, [k, c.units]);
      const grads = wasmTdnnGrad(xt, tf.tensor2d(dPre, [ref.rowsOut, c.units]), wt, shape);
      return [wasmTdnnForward(xt, wt, tf.tensor1d(bias), shape, false), wasmTdnnForward(xt, wt, tf.tensor1d(bias), shape, true), ...grads].map((t) => t.dataSync());
    });
    worst.forward = Math.max(worst.forward, worstScaled(pre, ref.pre, k));
    worst.relu = Math.max(worst.relu, worstScaled(relu, ref.pre.map((v) => Math.max(0, v)), k));
    worst.dx = Math.max(worst.dx, worstScaled(dx, ref.dx, c.context * c.units));
    worst.dKernel = Math.max(worst.dKernel, worstScaled(dKernel, ref.dKernel, ref.rowsOut));
    worst.dBias = Math.max(worst.dBias, worstScaled(dBias, ref.dBias, ref.rowsOut));
  }
  return worst;
}

/** A product's float32 bits from the gemm, to tell the two multiply-add paths apart (fused rounding differs). */
export function gemmSample(): number[] {
  const [m, k, n] = [16, 257, 8];
  return tf.tidy(() => Array.from(gemm(tf.tensor2d(random(m * k, 7), [m, k]), tf.tensor2d(random(k * n, 8), [k, n])).dataSync()));
}
